// OpenSSL 3 behind the interface MCUboot's formats need. Every OpenSSL object is owned
// by a smart pointer so no error path leaks.
#include "mcuboot/crypto.hpp"

#include <fmt/format.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <stdexcept>

namespace iotconform::mcuboot {

namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;

std::shared_ptr<EVP_PKEY> own(EVP_PKEY* pkey) {
    return {pkey, EVP_PKEY_free};
}

// OpenSSL's own words for the last failure, so a bad key says more than "invalid".
std::string openssl_error() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) {
        return "unknown error";
    }
    char text[256];
    ERR_error_string_n(code, text, sizeof(text));
    return text;
}

// Refuses to prompt on the terminal for a passphrase.
int no_password(char*, int, int, void*) {
    return -1;
}

const EVP_MD* md_of(HashKind kind) {
    switch (kind) {
        case HashKind::sha256:
            return EVP_sha256();
        case HashKind::sha384:
            return EVP_sha384();
        case HashKind::sha512:
            return EVP_sha512();
    }
    return EVP_sha256();
}

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(size));
}

void check(int ok, const char* what) {
    if (ok <= 0) {
        throw std::runtime_error(fmt::format("{}: {}", what, openssl_error()));
    }
}

}  // namespace

Key::Key(std::shared_ptr<EVP_PKEY> pkey, bool has_private)
    : m_pkey(std::move(pkey)), m_has_private(has_private) {
    m_bits = EVP_PKEY_get_bits(m_pkey.get());
    switch (EVP_PKEY_get_base_id(m_pkey.get())) {
        case EVP_PKEY_RSA:
            m_kind = KeyKind::rsa;
            break;
        case EVP_PKEY_ED25519:
            m_kind = KeyKind::ed25519;
            break;
        case EVP_PKEY_X25519:
            m_kind = KeyKind::x25519;
            break;
        case EVP_PKEY_EC: {
            char group[64] = {};
            std::size_t length = 0;
            EVP_PKEY_get_utf8_string_param(m_pkey.get(), OSSL_PKEY_PARAM_GROUP_NAME, group,
                                           sizeof(group), &length);
            const std::string_view name(group, length);
            m_kind = name == "prime256v1" || name == "P-256"  ? KeyKind::ecdsa_p256
                     : name == "secp384r1" || name == "P-384" ? KeyKind::ecdsa_p384
                     : name == "secp224r1" || name == "P-224" ? KeyKind::ecdsa_p224
                                                              : KeyKind::other;
            break;
        }
        default:
            m_kind = KeyKind::other;
    }
}

std::string Key::describe() const {
    switch (m_kind) {
        case KeyKind::ecdsa_p224:
            return "ECDSA P-224";
        case KeyKind::ecdsa_p256:
            return "ECDSA P-256";
        case KeyKind::ecdsa_p384:
            return "ECDSA P-384";
        case KeyKind::rsa:
            return fmt::format("RSA-{}", m_bits);
        case KeyKind::ed25519:
            return "Ed25519";
        case KeyKind::x25519:
            return "X25519";
        case KeyKind::other:
            break;
    }
    // An elliptic curve MCUboot does not use: name the curve, as bits alone would call
    // secp256k1 a 256-bit key like P-256.
    char group[64] = {};
    std::size_t length = 0;
    if (EVP_PKEY_get_base_id(m_pkey.get()) == EVP_PKEY_EC &&
        EVP_PKEY_get_utf8_string_param(m_pkey.get(), OSSL_PKEY_PARAM_GROUP_NAME, group,
                                       sizeof(group), &length) == 1) {
        return fmt::format("EC {}", std::string_view(group, length));
    }
    return fmt::format("{} ({} bits)", EVP_PKEY_get0_type_name(m_pkey.get()), m_bits);
}

std::vector<std::uint8_t> Key::mcuboot_public_bytes() const {
    unsigned char* der = nullptr;
    const int size =
        m_kind == KeyKind::rsa ? i2d_PublicKey(m_pkey.get(), &der) : i2d_PUBKEY(m_pkey.get(), &der);
    if (size <= 0) {
        throw std::runtime_error("cannot encode the public key: " + openssl_error());
    }
    std::vector<std::uint8_t> bytes(der, der + size);
    OPENSSL_free(der);
    return bytes;
}

std::string Key::public_pem() const {
    Bio bio(BIO_new(BIO_s_mem()));
    check(PEM_write_bio_PUBKEY(bio.get(), m_pkey.get()), "writing the public key");
    return bio_text(bio.get());
}

std::string Key::private_pem() const {
    Bio bio(BIO_new(BIO_s_mem()));
    check(PEM_write_bio_PrivateKey(bio.get(), m_pkey.get(), nullptr, nullptr, 0, nullptr, nullptr),
          "writing the private key");
    return bio_text(bio.get());
}

KeyLoad load_key_pem(std::string_view pem) {
    // A PKCS#8 "BEGIN ENCRYPTED PRIVATE KEY" block, or a traditional key with a
    // "Proc-Type: 4,ENCRYPTED" header; the word elsewhere (a comment) does not count.
    if (pem.find("-----BEGIN ENCRYPTED") != std::string_view::npos ||
        pem.find("Proc-Type: 4,ENCRYPTED") != std::string_view::npos) {
        return {std::nullopt,
                "the key is protected by a password; give an unencrypted copy "
                "(for example with 'openssl pkey -in KEY -out PLAIN')"};
    }
    Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio.get(), nullptr, no_password, nullptr)) {
        return {Key(own(pkey), true), {}};
    }
    ERR_clear_error();
    bio.reset(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (EVP_PKEY* pkey = PEM_read_bio_PUBKEY(bio.get(), nullptr, no_password, nullptr)) {
        return {Key(own(pkey), false), {}};
    }
    ERR_clear_error();
    bio.reset(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    // "RSA PUBLIC KEY" (PKCS#1), which is what MCUboot embeds for RSA keys.
    char* name = nullptr;
    char* header = nullptr;
    unsigned char* data = nullptr;
    long length = 0;
    if (PEM_read_bio(bio.get(), &name, &header, &data, &length) == 1) {
        std::optional<Key> key;
        if (std::string_view(name) == "RSA PUBLIC KEY") {
            key = load_mcuboot_public_key(util::Bytes(data, static_cast<std::size_t>(length))).key;
        }
        OPENSSL_free(name);
        OPENSSL_free(header);
        OPENSSL_free(data);
        if (key) {
            return {std::move(key), {}};
        }
    }
    const std::string why = openssl_error();
    return {std::nullopt,
            fmt::format("not a PEM private or public key OpenSSL can read ({})", why)};
}

KeyLoad load_mcuboot_public_key(util::Bytes der) {
    const unsigned char* p = der.data();
    if (EVP_PKEY* pkey = d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size()))) {
        return {Key(own(pkey), false), {}};
    }
    ERR_clear_error();
    p = der.data();
    if (EVP_PKEY* pkey = d2i_PublicKey(EVP_PKEY_RSA, nullptr, &p, static_cast<long>(der.size()))) {
        return {Key(own(pkey), false), {}};
    }
    return {std::nullopt,
            "not a SubjectPublicKeyInfo or RSAPublicKey structure (" + openssl_error() + ")"};
}

std::optional<std::vector<std::uint8_t>> load_aes_kw_key(std::string_view text) {
    std::string compact;
    for (const char c : text) {
        if (c != '\n' && c != '\r' && c != ' ' && c != '\t') {
            compact += c;
        }
    }
    std::vector<std::uint8_t> out(compact.size() / 4 * 3 + 3);
    const int size =
        EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(compact.data()),
                        static_cast<int>(compact.size()));
    if (size < 0 || compact.empty() || compact.size() % 4 != 0) {
        return std::nullopt;
    }
    // EVP_DecodeBlock counts padding as data; drop one byte per '='.
    std::size_t length = static_cast<std::size_t>(size);
    for (auto it = compact.rbegin(); it != compact.rend() && *it == '='; ++it) {
        --length;
    }
    out.resize(length);
    if (length != 16 && length != 32) {
        return std::nullopt;
    }
    return out;
}

Key generate_key(KeyKind kind, int rsa_bits) {
    EVP_PKEY* pkey = nullptr;
    switch (kind) {
        case KeyKind::ecdsa_p256:
            pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
            break;
        case KeyKind::ecdsa_p384:
            pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
            break;
        case KeyKind::rsa:
            pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(rsa_bits));
            break;
        case KeyKind::ed25519:
            pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
            break;
        case KeyKind::x25519:
            pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519");
            break;
        case KeyKind::ecdsa_p224:
        case KeyKind::other:
            break;
    }
    if (pkey == nullptr) {
        throw std::runtime_error("key generation failed: " + openssl_error());
    }
    return Key(own(pkey), true);
}

std::vector<std::uint8_t> digest(HashKind kind, util::Bytes data) {
    std::vector<std::uint8_t> out(EVP_MAX_MD_SIZE);
    unsigned int size = 0;
    check(EVP_Digest(data.data(), data.size(), out.data(), &size, md_of(kind), nullptr), "hashing");
    out.resize(size);
    return out;
}

std::optional<std::uint16_t> signature_tlv_for(const Key& key) {
    switch (key.kind()) {
        case KeyKind::ecdsa_p256:
        case KeyKind::ecdsa_p384:
            return k_tlv_ecdsa_sig;
        case KeyKind::ecdsa_p224:
            return k_tlv_ecdsa224;
        case KeyKind::ed25519:
            return k_tlv_ed25519;
        case KeyKind::rsa:
            if (key.bits() == 2048) {
                return k_tlv_rsa2048_pss;
            }
            if (key.bits() == 3072) {
                return k_tlv_rsa3072_pss;
            }
            return std::nullopt;
        case KeyKind::x25519:
        case KeyKind::other:
            break;
    }
    return std::nullopt;
}

namespace {

// imgtool's --pad-sig appends zeros to an ECDSA signature; the DER structure says where
// the signature itself ends.
util::Bytes ecdsa_der_prefix(util::Bytes signature) {
    if (signature.size() < 2 || signature[0] != 0x30) {
        return signature;
    }
    std::size_t length = signature[1];
    std::size_t header = 2;
    if (length == 0x81 && signature.size() >= 3) {
        length = signature[2];
        header = 3;
    }
    if (header + length > signature.size()) {
        return signature;
    }
    for (std::size_t i = header + length; i < signature.size(); ++i) {
        if (signature[i] != 0) {
            return signature;  // not padding: let verification fail on the whole value
        }
    }
    return signature.first(header + length);
}

PkeyCtx prepared(const Key& key, HashKind hash, bool for_signing) {
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
    if (!ctx) {
        return nullptr;
    }
    const int init = for_signing ? EVP_PKEY_sign_init(ctx.get()) : EVP_PKEY_verify_init(ctx.get());
    if (init <= 0 || EVP_PKEY_CTX_set_signature_md(ctx.get(), md_of(hash)) <= 0) {
        return nullptr;
    }
    if (key.kind() == KeyKind::rsa) {
        // MCUboot's RSA signatures are PSS with MGF1 over the image hash and a salt as
        // long as the digest.
        if (EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PSS_PADDING) <= 0 ||
            EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), md_of(hash)) <= 0 ||
            EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), static_cast<int>(digest_size(hash))) <= 0) {
            return nullptr;
        }
    }
    return ctx;
}

}  // namespace

bool verify_signature(const Key& key, std::uint16_t tlv_type, HashKind hash, util::Bytes message,
                      util::Bytes signature) {
    ERR_clear_error();
    const std::optional<std::uint16_t> expected = signature_tlv_for(key);
    if (!expected || *expected != tlv_type) {
        return false;
    }
    if (key.kind() == KeyKind::ed25519) {
        MdCtx ctx(EVP_MD_CTX_new());
        const bool ok = EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) > 0 &&
                        EVP_DigestVerify(ctx.get(), signature.data(), signature.size(),
                                         message.data(), message.size()) == 1;
        ERR_clear_error();
        return ok;
    }
    const util::Bytes sig = tlv_type == k_tlv_ecdsa_sig || tlv_type == k_tlv_ecdsa224
                                ? ecdsa_der_prefix(signature)
                                : signature;
    PkeyCtx ctx = prepared(key, hash, false);
    const bool ok = ctx && EVP_PKEY_verify(ctx.get(), sig.data(), sig.size(), message.data(),
                                           message.size()) == 1;
    ERR_clear_error();
    return ok;
}

std::vector<std::uint8_t> sign(const Key& key, HashKind hash, util::Bytes message) {
    std::size_t size = 0;
    std::vector<std::uint8_t> out;
    if (key.kind() == KeyKind::ed25519) {
        MdCtx ctx(EVP_MD_CTX_new());
        check(EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()),
              "preparing the signature");
        check(EVP_DigestSign(ctx.get(), nullptr, &size, message.data(), message.size()), "signing");
        out.resize(size);
        check(EVP_DigestSign(ctx.get(), out.data(), &size, message.data(), message.size()),
              "signing");
        out.resize(size);
        return out;
    }
    PkeyCtx ctx = prepared(key, hash, true);
    check(ctx ? 1 : 0, "preparing the signature");
    check(EVP_PKEY_sign(ctx.get(), nullptr, &size, message.data(), message.size()), "signing");
    out.resize(size);
    check(EVP_PKEY_sign(ctx.get(), out.data(), &size, message.data(), message.size()), "signing");
    out.resize(size);
    return out;
}

std::vector<std::uint8_t> aes_ctr(const std::vector<std::uint8_t>& key, util::Bytes data) {
    const EVP_CIPHER* cipher = key.size() == 32 ? EVP_aes_256_ctr() : EVP_aes_128_ctr();
    const unsigned char iv[16] = {};
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    std::vector<std::uint8_t> out(data.size() + 16);
    int written = 0;
    int last = 0;
    check(EVP_EncryptInit_ex(ctx.get(), cipher, nullptr, key.data(), iv), "AES-CTR");
    check(EVP_EncryptUpdate(ctx.get(), out.data(), &written, data.data(),
                            static_cast<int>(data.size())),
          "AES-CTR");
    check(EVP_EncryptFinal_ex(ctx.get(), out.data() + written, &last), "AES-CTR");
    out.resize(static_cast<std::size_t>(written + last));
    return out;
}

std::vector<std::uint8_t> random_bytes(std::size_t count) {
    std::vector<std::uint8_t> out(count);
    check(RAND_bytes(out.data(), static_cast<int>(count)), "random bytes");
    return out;
}

namespace {

std::vector<std::uint8_t> aes_key_wrap(const std::vector<std::uint8_t>& kek, util::Bytes in,
                                       bool wrap) {
    const EVP_CIPHER* cipher = kek.size() == 32 ? EVP_aes_256_wrap() : EVP_aes_128_wrap();
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    EVP_CIPHER_CTX_set_flags(ctx.get(), EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
    std::vector<std::uint8_t> out(in.size() + 16);
    int written = 0;
    int last = 0;
    check(EVP_CipherInit_ex(ctx.get(), cipher, nullptr, kek.data(), nullptr, wrap ? 1 : 0),
          "AES key wrap");
    check(EVP_CipherUpdate(ctx.get(), out.data(), &written, in.data(), static_cast<int>(in.size())),
          "AES key wrap");
    check(EVP_CipherFinal_ex(ctx.get(), out.data() + written, &last), "AES key wrap");
    out.resize(static_cast<std::size_t>(written + last));
    return out;
}

std::vector<std::uint8_t> rsa_oaep(const Key& key, util::Bytes in, bool encrypt) {
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
    check(ctx ? 1 : 0, "RSA-OAEP");
    check(encrypt ? EVP_PKEY_encrypt_init(ctx.get()) : EVP_PKEY_decrypt_init(ctx.get()),
          "RSA-OAEP");
    check(EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_OAEP_PADDING), "RSA-OAEP");
    check(EVP_PKEY_CTX_set_rsa_oaep_md(ctx.get(), EVP_sha256()), "RSA-OAEP");
    check(EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), EVP_sha256()), "RSA-OAEP");
    std::size_t size = 0;
    const auto run = [&](unsigned char* out) {
        return encrypt ? EVP_PKEY_encrypt(ctx.get(), out, &size, in.data(), in.size())
                       : EVP_PKEY_decrypt(ctx.get(), out, &size, in.data(), in.size());
    };
    check(run(nullptr), "RSA-OAEP");
    std::vector<std::uint8_t> out(size);
    check(run(out.data()), "RSA-OAEP");
    out.resize(size);
    return out;
}

std::vector<std::uint8_t> ecdh(const Key& own_key, const Key& peer) {
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, own_key.get(), nullptr));
    check(ctx ? 1 : 0, "ECDH");
    check(EVP_PKEY_derive_init(ctx.get()), "ECDH");
    check(EVP_PKEY_derive_set_peer(ctx.get(), peer.get()), "ECDH");
    std::size_t size = 0;
    check(EVP_PKEY_derive(ctx.get(), nullptr, &size), "ECDH");
    std::vector<std::uint8_t> secret(size);
    check(EVP_PKEY_derive(ctx.get(), secret.data(), &size), "ECDH");
    secret.resize(size);
    return secret;
}

// ECIES as MCUboot defines it: HKDF-SHA256 over the shared secret with the info
// "MCUBoot_ECIES_v1" gives the AES key and then the 32-byte HMAC-SHA256 key.
std::vector<std::uint8_t> ecies_kdf(const std::vector<std::uint8_t>& secret, std::size_t key_size) {
    PkeyCtx ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr));
    static constexpr std::string_view k_info = "MCUBoot_ECIES_v1";
    std::vector<std::uint8_t> out(key_size + 32);
    std::size_t size = out.size();
    check(ctx ? 1 : 0, "HKDF");
    check(EVP_PKEY_derive_init(ctx.get()), "HKDF");
    check(EVP_PKEY_CTX_set_hkdf_md(ctx.get(), EVP_sha256()), "HKDF");
    check(EVP_PKEY_CTX_set1_hkdf_key(ctx.get(), secret.data(), static_cast<int>(secret.size())),
          "HKDF");
    check(EVP_PKEY_CTX_add1_hkdf_info(ctx.get(),
                                      reinterpret_cast<const unsigned char*>(k_info.data()),
                                      static_cast<int>(k_info.size())),
          "HKDF");
    check(EVP_PKEY_derive(ctx.get(), out.data(), &size), "HKDF");
    return out;
}

std::vector<std::uint8_t> hmac_sha256(util::Bytes key, util::Bytes data) {
    std::vector<std::uint8_t> out(32);
    std::size_t size = 0;
    if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(), key.size(), data.data(),
                  data.size(), out.data(), out.size(), &size) == nullptr) {
        throw std::runtime_error("HMAC: " + openssl_error());
    }
    return out;
}

// The ephemeral public key as the TLV carries it: an uncompressed P-256 point, or the 32
// raw bytes of an X25519 key.
std::vector<std::uint8_t> raw_public(const Key& key) {
    if (key.kind() == KeyKind::x25519) {
        std::vector<std::uint8_t> out(32);
        std::size_t size = out.size();
        check(EVP_PKEY_get_raw_public_key(key.get(), out.data(), &size), "X25519 key");
        return out;
    }
    std::vector<std::uint8_t> out(65);
    std::size_t size = 0;
    check(EVP_PKEY_get_octet_string_param(key.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, out.data(),
                                          out.size(), &size),
          "P-256 key");
    out.resize(size);
    return out;
}

std::optional<Key> key_from_raw(KeyKind kind, util::Bytes raw) {
    if (kind == KeyKind::x25519) {
        EVP_PKEY* pkey =
            EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, raw.data(), raw.size());
        return pkey != nullptr ? std::optional<Key>(Key(own(pkey), false)) : std::nullopt;
    }
    // An uncompressed P-256 point wrapped as SubjectPublicKeyInfo, which OpenSSL reads.
    static constexpr std::uint8_t k_prefix[] = {
        0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
        0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00};
    std::vector<std::uint8_t> der(std::begin(k_prefix), std::end(k_prefix));
    der.insert(der.end(), raw.begin(), raw.end());
    KeyLoad load = load_mcuboot_public_key(der);
    return load.key;
}

// Why `key` cannot open the key encapsulation of an ENC* TLV of `tlv_type`, or empty.
// Checked first, so a key of the wrong type is named as such rather than by the error
// OpenSSL gives deep in the key agreement.
std::string key_type_problem(std::uint16_t tlv_type, const Key& key) {
    const bool x25519 = tlv_type == k_tlv_enc_x25519 || tlv_type == k_tlv_enc_x25519_sha512;
    const KeyKind wanted = tlv_type == k_tlv_enc_rsa2048 ? KeyKind::rsa
                           : x25519                      ? KeyKind::x25519
                           : tlv_type == k_tlv_enc_ec256 ? KeyKind::ecdsa_p256
                                                         : key.kind();
    if (key.kind() == wanted) {
        return {};
    }
    const char* needed = wanted == KeyKind::rsa      ? "an RSA private key"
                         : wanted == KeyKind::x25519 ? "an X25519 private key"
                                                     : "an EC P-256 private key";
    return fmt::format("the key type does not fit the TLV: {} needs {}, the given key is {}",
                       tlv_name(tlv_type), needed, key.describe());
}

}  // namespace

Unwrap unwrap_image_key(std::uint16_t tlv_type, util::Bytes value,
                        const std::optional<Key>& private_key,
                        const std::vector<std::uint8_t>& kw_key, std::size_t key_size) {
    try {
        if (tlv_type == k_tlv_enc_kw) {
            if (kw_key.empty()) {
                return {{}, "the image key is AES-wrapped: give the key-wrap key (base64 file)"};
            }
            return {aes_key_wrap(kw_key, value, false), {}};
        }
        if (!private_key || !private_key->has_private()) {
            return {{}, "decrypting needs the private encryption key"};
        }
        if (std::string problem = key_type_problem(tlv_type, *private_key); !problem.empty()) {
            return {{}, problem};
        }
        if (tlv_type == k_tlv_enc_rsa2048) {
            return {rsa_oaep(*private_key, value, false), {}};
        }
        const bool x25519 = tlv_type == k_tlv_enc_x25519;
        if (!x25519 && tlv_type != k_tlv_enc_ec256) {
            return {{},
                    fmt::format("the {} key encapsulation is not supported", tlv_name(tlv_type))};
        }
        const std::size_t point = x25519 ? 32 : 65;
        if (value.size() != point + 32 + key_size) {
            return {{},
                    fmt::format("the {} TLV is {} bytes, expected {}", tlv_name(tlv_type),
                                value.size(), point + 32 + key_size)};
        }
        const std::optional<Key> ephemeral =
            key_from_raw(x25519 ? KeyKind::x25519 : KeyKind::ecdsa_p256, value.first(point));
        if (!ephemeral) {
            return {{}, "the ephemeral public key in the TLV is not a valid point"};
        }
        const std::vector<std::uint8_t> derived =
            ecies_kdf(ecdh(*private_key, *ephemeral), key_size);
        const util::Bytes mac = value.subspan(point, 32);
        const util::Bytes cipher = value.subspan(point + 32);
        const std::vector<std::uint8_t> expected =
            hmac_sha256(util::Bytes(derived).subspan(key_size), cipher);
        if (!std::equal(expected.begin(), expected.end(), mac.begin())) {
            return {{}, "the key's HMAC does not match: the image was encrypted for another key"};
        }
        return {aes_ctr(std::vector<std::uint8_t>(derived.begin(),
                                                  derived.begin() + static_cast<long>(key_size)),
                        cipher),
                {}};
    } catch (const std::runtime_error& error) {
        return {{}, error.what()};
    }
}

Wrapped wrap_image_key(const std::vector<std::uint8_t>& image_key,
                       const std::optional<Key>& recipient,
                       const std::vector<std::uint8_t>& kw_key) {
    try {
        if (!kw_key.empty()) {
            return {k_tlv_enc_kw, aes_key_wrap(kw_key, image_key, true), {}};
        }
        if (!recipient) {
            return {0, {}, "no encryption key given"};
        }
        if (recipient->kind() == KeyKind::rsa) {
            return {k_tlv_enc_rsa2048, rsa_oaep(*recipient, image_key, true), {}};
        }
        if (recipient->kind() != KeyKind::ecdsa_p256 && recipient->kind() != KeyKind::x25519) {
            return {0, {}, fmt::format("{} keys cannot encrypt images", recipient->describe())};
        }
        const Key ephemeral = generate_key(recipient->kind());
        const std::vector<std::uint8_t> derived =
            ecies_kdf(ecdh(ephemeral, *recipient), image_key.size());
        const std::vector<std::uint8_t> cipher =
            aes_ctr(std::vector<std::uint8_t>(
                        derived.begin(), derived.begin() + static_cast<long>(image_key.size())),
                    image_key);
        const std::vector<std::uint8_t> mac =
            hmac_sha256(util::Bytes(derived).subspan(image_key.size()), cipher);
        std::vector<std::uint8_t> value = raw_public(ephemeral);
        value.insert(value.end(), mac.begin(), mac.end());
        value.insert(value.end(), cipher.begin(), cipher.end());
        const std::uint16_t type =
            recipient->kind() == KeyKind::x25519 ? k_tlv_enc_x25519 : k_tlv_enc_ec256;
        return {type, std::move(value), {}};
    } catch (const std::runtime_error& error) {
        return {0, {}, error.what()};
    }
}

}  // namespace iotconform::mcuboot
