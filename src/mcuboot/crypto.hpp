// The cryptography MCUboot images use, over OpenSSL 3: keys in the encodings MCUboot
// expects, image hashes, signatures (ECDSA, RSA-PSS, Ed25519) and the key encapsulations
// of encrypted images. Nothing here is MCUboot-format parsing; that is image.hpp.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mcuboot/format.hpp"
#include "util/byte_reader.hpp"

struct evp_pkey_st;

namespace iotconform::mcuboot {

enum class KeyKind { ecdsa_p224, ecdsa_p256, ecdsa_p384, rsa, ed25519, x25519, other };

class Key {
  public:
    Key(std::shared_ptr<evp_pkey_st> pkey, bool has_private);

    KeyKind kind() const { return m_kind; }
    int bits() const { return m_bits; }
    bool has_private() const { return m_has_private; }
    evp_pkey_st* get() const { return m_pkey.get(); }

    // "ECDSA P-256", "RSA-2048", "Ed25519", ...
    std::string describe() const;
    // The public key as MCUboot embeds and hashes it: SubjectPublicKeyInfo DER for EC
    // and Ed25519 keys, PKCS#1 RSAPublicKey DER for RSA.
    std::vector<std::uint8_t> mcuboot_public_bytes() const;
    // PEM texts: the public key (SubjectPublicKeyInfo) and the private key (PKCS#8).
    std::string public_pem() const;
    std::string private_pem() const;

  private:
    std::shared_ptr<evp_pkey_st> m_pkey;
    bool m_has_private = false;
    KeyKind m_kind = KeyKind::other;
    int m_bits = 0;
};

struct KeyLoad {
    std::optional<Key> key;
    std::string error;  // why the text is not a usable key
};

// A private or public key in PEM (PKCS#8, SEC1 "EC PRIVATE KEY", PKCS#1 "RSA PRIVATE
// KEY", SubjectPublicKeyInfo). Password-protected keys are refused, never prompted for.
KeyLoad load_key_pem(std::string_view pem);

// A public key as an image's PUBKEY TLV holds it (see Key::mcuboot_public_bytes).
KeyLoad load_mcuboot_public_key(util::Bytes der);

// An AES key-wrap key file as MCUboot's tools write it: the key in base64.
std::optional<std::vector<std::uint8_t>> load_aes_kw_key(std::string_view text);

// A new key of `kind` (`rsa_bits` for RSA).
Key generate_key(KeyKind kind, int rsa_bits = 2048);

std::vector<std::uint8_t> digest(HashKind kind, util::Bytes data);

// The signature TLV type a key signs with, for a given image hash.
std::optional<std::uint16_t> signature_tlv_for(const Key& key);

// Verifies a signature TLV's value. ECDSA and RSA-PSS sign the image digest; Ed25519
// signs `message` (the digest, or the hashed region itself for a "pure" signature).
bool verify_signature(const Key& key, std::uint16_t tlv_type, HashKind hash, util::Bytes message,
                      util::Bytes signature);

// Signs like imgtool: ECDSA (DER), RSA-PSS (salt of the digest's length), Ed25519.
std::vector<std::uint8_t> sign(const Key& key, HashKind hash, util::Bytes message);

// Recovers the image encryption key from an ENC* TLV with the matching private key (or
// the AES key-wrap key). Empty result with `error` set on failure.
struct Unwrap {
    std::vector<std::uint8_t> key;
    std::string error;
};
Unwrap unwrap_image_key(std::uint16_t tlv_type, util::Bytes tlv_value,
                        const std::optional<Key>& private_key,
                        const std::vector<std::uint8_t>& kw_key, std::size_t key_size);

// Wraps a fresh image key for `recipient` (or with the key-wrap key): the ENC* TLV's type
// and value.
struct Wrapped {
    std::uint16_t tlv_type = 0;
    std::vector<std::uint8_t> value;
    std::string error;
};
Wrapped wrap_image_key(const std::vector<std::uint8_t>& image_key,
                       const std::optional<Key>& recipient,
                       const std::vector<std::uint8_t>& kw_key);

// AES-CTR from a zero counter, MCUboot's image encryption (the same call encrypts and
// decrypts).
std::vector<std::uint8_t> aes_ctr(const std::vector<std::uint8_t>& key, util::Bytes data);

std::vector<std::uint8_t> random_bytes(std::size_t count);

}  // namespace iotconform::mcuboot
