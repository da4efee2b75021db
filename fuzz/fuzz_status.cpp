// Fuzz target: the status notation parser, including the round trip of what it accepts.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "standard/status.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const iotconform::standard::StatusParse parsed = iotconform::standard::parse_status(text);
    if (parsed.status && !parsed.letters_only) {
        // What the parser accepts, printed canonically, must parse back to the same status.
        const auto again =
            iotconform::standard::parse_status(iotconform::standard::format_status(*parsed.status));
        if (!again.status || !(*again.status == *parsed.status)) {
            std::abort();
        }
    }
    return 0;
}
