// File access for the MCUboot commands and the update-image evidence.
#include "mcuboot/files.hpp"

#include <fmt/format.h>

#include "util/fs.hpp"
#include "util/limits.hpp"
#include "util/text.hpp"

namespace iotconform::mcuboot {

BinaryFile read_binary_file(const std::string& path) {
    util::ReadResult read = util::read_text_file(path, util::k_max_intel_hex_bytes);
    if (!read.content) {
        return {std::nullopt, std::nullopt, read.error};
    }
    const bool hex_name = util::to_lower(path).ends_with(".hex");
    if (hex_name || looks_like_intel_hex(*read.content)) {
        HexDecode decoded = decode_intel_hex(*read.content);
        if (!decoded.error.empty()) {
            return {std::nullopt, std::nullopt,
                    fmt::format("{}: not valid Intel HEX: {}", path, decoded.error)};
        }
        return {std::move(decoded.bytes), decoded.base_address, {}};
    }
    if (read.content->size() > util::k_max_update_image_bytes) {
        return {std::nullopt, std::nullopt,
                fmt::format("{}: {} bytes, larger than the {} byte limit for an image", path,
                            read.content->size(), util::k_max_update_image_bytes)};
    }
    return {
        std::vector<std::uint8_t>(read.content->begin(), read.content->end()), std::nullopt, {}};
}

ImageFile read_image_file(const std::string& path) {
    BinaryFile file = read_binary_file(path);
    if (!file.bytes) {
        return {std::nullopt, file.error};
    }
    Image image = parse_image(std::move(*file.bytes));
    image.base_address = file.base_address;
    return {std::move(image), {}};
}

KeyLoad read_key_file(const std::string& path) {
    util::ReadResult read = util::read_text_file(path, util::k_max_key_file_bytes);
    if (!read.content) {
        return {std::nullopt, read.error};
    }
    KeyLoad load = load_key_pem(*read.content);
    if (!load.key) {
        load.error = fmt::format("{}: {}", path, load.error);
    }
    return load;
}

DecryptionKey read_decryption_key(const std::string& path) {
    util::ReadResult read = util::read_text_file(path, util::k_max_key_file_bytes);
    if (!read.content) {
        return {std::nullopt, {}, read.error};
    }
    if (read.content->find("-----BEGIN") != std::string::npos) {
        KeyLoad load = read_key_file(path);
        return {std::move(load.key), {}, load.error};
    }
    std::optional<std::vector<std::uint8_t>> kw = load_aes_kw_key(*read.content);
    if (!kw) {
        return {std::nullopt,
                {},
                fmt::format("{}: neither a PEM key nor a base64 AES-128/256 key", path)};
    }
    return {std::nullopt, std::move(*kw), {}};
}

}  // namespace iotconform::mcuboot
