// Reading images and keys from files: size limits, Intel HEX detection, and errors that
// name the file. Parsing itself takes bytes (image.hpp, crypto.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mcuboot/crypto.hpp"
#include "mcuboot/image.hpp"

namespace iotconform::mcuboot {

// The raw bytes of a payload or image file; Intel HEX (".hex", or text starting with ':')
// is decoded, and its base address returned.
struct BinaryFile {
    std::optional<std::vector<std::uint8_t>> bytes;
    std::optional<std::uint32_t> base_address;  // set for Intel HEX input
    std::string error;                          // "PATH: why", when bytes is empty
};
BinaryFile read_binary_file(const std::string& path);

// Reads and parses an image; `error` is set only when the file cannot be read at all
// (a malformed image is returned with its problems).
struct ImageFile {
    std::optional<Image> image;
    std::string error;
};
ImageFile read_image_file(const std::string& path);

// Reads a PEM key file.
KeyLoad read_key_file(const std::string& path);

// Reads the key that decrypts an image: a PEM private key, or an AES key-wrap key (a
// base64 file). On success exactly one of `key` and `kw_key` is set.
struct DecryptionKey {
    std::optional<Key> key;
    std::vector<std::uint8_t> kw_key;
    std::string error;
};
DecryptionKey read_decryption_key(const std::string& path);

}  // namespace iotconform::mcuboot
