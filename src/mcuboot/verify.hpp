// Verifying an MCUboot image as a bootloader would, and judging its cryptography: the
// hash over header, body and protected TLVs; which key the image names (key hash or
// embedded key); each signature against that key; whether the key is a published
// development key; and, for encrypted images, decryption first.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mcuboot/crypto.hpp"
#include "mcuboot/image.hpp"

namespace iotconform::mcuboot {

// A signing key whose private half is public (data/mcuboot/development-keys.yaml).
struct KnownKey {
    std::string name;
    std::string source;
    std::string algorithm;
};

// The published key whose MCUboot key hash (with `hash`) is `key_hash`, if any.
std::optional<KnownKey> find_development_key(HashKind hash, util::Bytes key_hash);

enum class CheckState { ok, failed, not_checked };
std::string_view to_string(CheckState state);  // "ok", "FAILED", "not checked"

// One step of the verification and its outcome.
struct Check {
    std::string name;  // "structure", "hash", "key", "signature", "decryption"
    CheckState state = CheckState::not_checked;
    std::string message;
    std::optional<std::size_t> offset;  // where in the file, when one place is at fault
};

// A signature the image carries, and what kind of cryptography it is.
struct SignatureInfo {
    std::uint16_t tlv_type = 0;
    std::size_t offset = 0;
    std::string algorithm;  // "ECDSA P-256 with SHA-256", "RSA-2048 PSS with SHA-256"
    // Empty when the algorithm is current best practice; otherwise why it is not (RSA
    // under 2048 bits, SHA-1, ECDSA P-224).
    std::string weakness;
};

struct VerifyOptions {
    std::vector<Key> keys;              // trusted public (or private) signing keys
    std::optional<Key> decryption_key;  // private key for ENCRSA2048 / ENCEC256 / ENCX25519
    std::vector<std::uint8_t> kw_key;   // AES key-wrap key for ENCKW
};

struct Verification {
    std::vector<Check> checks;
    bool ok = false;  // no check failed, and the hash was checked
    std::optional<HashKind> hash;
    std::vector<SignatureInfo> signatures;
    // How the signature was checked: "the given key", "the public key embedded in the
    // image", "the published development key ...", or empty when it could not be.
    std::string verified_with;
    bool signature_verified = false;
    bool verified_with_given_key = false;     // a signature verified with a key of `keys`
    std::optional<KnownKey> development_key;  // the image's key is publicly known
    std::string digest_hex;                   // the recomputed image hash

    const Check* find(std::string_view name) const;
};

Verification verify(const Image& image, const VerifyOptions& options);

// Why `verification` falls short of `verify --strict`, or empty when it meets it: the
// image verifies, a signature verified with a given (trusted) key, and that key is not a
// published development key.
std::string strict_shortfall(const Verification& verification);

}  // namespace iotconform::mcuboot
