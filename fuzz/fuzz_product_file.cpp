// Fuzz target: the product file loader and, when it accepts the input, the judgement and
// every report. Whatever the bytes, this must not crash, hang or leak.
#include <cstdint>
#include <string_view>

#include "ics/product_loader.hpp"
#include "judge/engine.hpp"
#include "report/reports.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    iotconform::ics::ProductLoad load = iotconform::ics::load_product(text, "fuzz.yaml");
    if (load.product && !iotconform::diagnostics::has_errors(load.diagnostics)) {
        const auto judgement = iotconform::judge::judge(*load.product, std::move(load.diagnostics));
        (void)iotconform::report::render_all(judgement);
    }
    return 0;
}
