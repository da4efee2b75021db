// Fuzz target: the MCUboot image parser, verification without a key (which walks every
// TLV the parser accepted) and the JSON dump; and the Intel HEX decoder on the same bytes.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "mcuboot/describe.hpp"
#include "mcuboot/image.hpp"
#include "mcuboot/verify.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iotconform::mcuboot;
    const Image image = parse_image(std::vector<std::uint8_t>(data, data + size));
    // Every offset the parser reports lies inside the file.
    for (const Problem& problem : image.errors) {
        if (problem.offset > size) {
            std::abort();
        }
    }
    if (image.errors.empty() && image.end_of_tlvs > size) {
        std::abort();
    }
    const Verification verification = verify(image, {});
    (void)image_json(image, "fuzz").dump();
    (void)verification_text(verification, "fuzz");

    const HexDecode decoded =
        decode_intel_hex(std::string_view(reinterpret_cast<const char*>(data), size));
    if (decoded.error.empty() && decoded.bytes.empty()) {
        std::abort();  // success always yields data
    }
    return 0;
}
