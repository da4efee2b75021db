// Building an MCUboot image from a payload: header, protected TLVs, hash, key, signature,
// optional encryption, and the padded trailer. The options and the bytes written follow
// imgtool's, so that deterministic outputs (unsigned, Ed25519) are byte-identical to it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mcuboot/crypto.hpp"
#include "mcuboot/format.hpp"
#include "util/byte_reader.hpp"

namespace iotconform::mcuboot {

enum class PublicKeyFormat { hash, full };

struct Dependency {
    std::uint8_t image_id = 0;
    Version min_version;
};

// Parses imgtool's dependency syntax: "(1,1.2.3+0)" or several "(0,1.0.0),(1,2.3.4+5)".
std::optional<std::vector<Dependency>> parse_dependencies(std::string_view text);

// Parses an integer as imgtool accepts it: decimal, or 0x / 0o / 0b prefixed.
std::optional<std::uint64_t> parse_integer(std::string_view text);

// Why `key` cannot sign MCUboot images, or empty when it can: MCUboot signs with ECDSA
// P-256 or P-384, RSA-2048 or RSA-3072, and Ed25519.
std::string signing_key_problem(const Key& key);

// Why an image signed with `signer` cannot be encrypted for `recipient`, or empty when it
// can. As imgtool, signing and encryption use the same type of key: ECDSA with P-256
// (ECIES-P256), RSA with RSA (RSA-OAEP), Ed25519 with X25519 (ECIES-X25519). AES key wrap
// goes with any signer and is not a Key.
std::string key_pair_problem(const Key& signer, const Key& recipient);

struct SignOptions {
    std::optional<Key> key;  // none: an unsigned image (hash only)
    PublicKeyFormat key_format = PublicKeyFormat::hash;
    Version version;
    std::uint32_t header_size = 0;
    bool pad_header = false;
    std::uint32_t slot_size = 0;
    bool pad = false;      // pad to the slot size and write the trailer magic
    bool confirm = false;  // pad, and mark the image as confirmed (image_ok)
    bool overwrite_only = false;
    std::uint32_t max_sectors = 128;
    std::uint32_t align = 1;
    std::optional<std::uint32_t> max_align;
    util::Endian endian = util::Endian::little;
    std::uint8_t erased_val = 0xff;
    std::optional<std::uint32_t> load_addr;  // sets RAM_LOAD
    std::optional<std::uint32_t> rom_fixed;  // sets ROM_FIXED
    std::optional<std::uint32_t> security_counter;
    bool security_counter_auto = false;
    std::vector<Dependency> dependencies;
    std::optional<HashKind> sha;  // none: what the key needs (SHA-384 for P-384, else 256)
    bool pad_sig = false;
    bool non_bootable = false;
    std::vector<std::pair<std::uint16_t, std::vector<std::uint8_t>>> custom_tlvs;
    // Encryption: a recipient public key (RSA-2048, P-256, X25519) or an AES key-wrap key.
    std::optional<Key> encrypt_key;
    std::vector<std::uint8_t> encrypt_kw_key;
    std::uint32_t encrypt_key_bits = 128;  // AES-128 or AES-256
};

struct SignResult {
    std::vector<std::uint8_t> image;
    std::string error;  // empty on success; otherwise what is wrong and what to do
};

// Builds the image. Errors are the user's: an option combination imgtool also refuses, a
// payload that does not fit the slot, a key that cannot sign.
SignResult build_image(std::vector<std::uint8_t> payload, const SignOptions& options);

// The size of the boot trailer a padded image reserves, as imgtool computes it.
std::size_t trailer_size(const SignOptions& options);

}  // namespace iotconform::mcuboot
