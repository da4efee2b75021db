// What `image info` and `image verify` print: the parsed image and a verification, as
// JSON (stable field names, documented in docs/image-json.md) and as text for people.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "mcuboot/image.hpp"
#include "mcuboot/verify.hpp"

namespace iotconform::mcuboot {

// Everything the image holds: header, both TLV areas with every entry, the trailer, a
// summary of what the TLVs mean (signature algorithms, security counter, dependencies,
// encryption, a published development key) and the parse problems with their offsets.
nlohmann::json image_json(const Image& image, const std::string& file);
std::string image_text(const Image& image, const std::string& file);

nlohmann::json verification_json(const Verification& verification, const std::string& file);
std::string verification_text(const Verification& verification, const std::string& file);

}  // namespace iotconform::mcuboot
