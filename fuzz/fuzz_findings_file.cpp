// Fuzz target: the findings file reader. Whatever the bytes, it must not crash, hang or
// leak, and what it accepts must judge and render.
#include <cstdint>
#include <string_view>

#include "judge/findings_file.hpp"
#include "standard/catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto& standard = iotconform::standard::default_standard();
    (void)iotconform::judge::load_findings(text, "fuzz.json", standard);
    return 0;
}
