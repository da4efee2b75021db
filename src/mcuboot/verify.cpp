// Verification in the order a bootloader works: structure, decryption, hash, key, then
// signature. Every failure names the TLV and its offset.
#include "mcuboot/verify.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "standard/embedded_data.hpp"

namespace iotconform::mcuboot {

namespace {

struct KnownKeyEntry {
    KnownKey key;
    std::string sha256, sha384, sha512;
};

const std::vector<KnownKeyEntry>& development_keys() {
    static const std::vector<KnownKeyEntry> keys = [] {
        std::vector<KnownKeyEntry> loaded;
        for (const standard::EmbeddedFile& file : standard::embedded_files()) {
            if (file.name != "mcuboot/development-keys.yaml") {
                continue;
            }
            const YAML::Node root = YAML::Load(std::string(file.content));
            for (const YAML::Node& node : root["keys"]) {
                loaded.push_back({{node["name"].as<std::string>(), node["source"].as<std::string>(),
                                   node["algorithm"].as<std::string>()},
                                  node["sha256"].as<std::string>(),
                                  node["sha384"].as<std::string>(),
                                  node["sha512"].as<std::string>()});
            }
        }
        return loaded;
    }();
    return keys;
}

bool is_signature(std::uint16_t type) {
    return type == k_tlv_rsa2048_pss || type == k_tlv_ecdsa224 || type == k_tlv_ecdsa_sig ||
           type == k_tlv_rsa3072_pss || type == k_tlv_ed25519;
}

bool is_encryption(std::uint16_t type) {
    return type == k_tlv_enc_rsa2048 || type == k_tlv_enc_kw || type == k_tlv_enc_ec256 ||
           type == k_tlv_enc_x25519 || type == k_tlv_enc_x25519_sha512;
}

std::string hash_words(HashKind hash) {
    switch (hash) {
        case HashKind::sha256:
            return "SHA-256";
        case HashKind::sha384:
            return "SHA-384";
        case HashKind::sha512:
            return "SHA-512";
    }
    return "";
}

// Why `value` is not an ECDSA signature as MCUboot stores it, or empty when it is: a DER
// SEQUENCE of two INTEGERs (r and s), optionally followed by the zero bytes imgtool's
// --pad-sig appends.
std::string ecdsa_der_problem(util::Bytes value) {
    // A DER length: one byte below 0x80, or 0x81 and one byte (ECDSA values never need more).
    const auto read_length = [&](std::size_t& at) -> std::optional<std::size_t> {
        if (at >= value.size()) {
            return std::nullopt;
        }
        const std::uint8_t first = value[at++];
        if (first < 0x80) {
            return first;
        }
        if (first != 0x81 || at >= value.size() || value[at] < 0x80) {
            return std::nullopt;
        }
        return value[at++];
    };
    std::size_t at = 0;
    if (value.empty() || value[at++] != 0x30) {
        return "it does not start with a DER SEQUENCE (0x30)";
    }
    const std::optional<std::size_t> length = read_length(at);
    if (!length || at + *length > value.size()) {
        return "the SEQUENCE's length runs past the TLV";
    }
    const std::size_t end = at + *length;
    for (const char* part : {"r", "s"}) {
        if (at >= end || value[at++] != 0x02) {
            return fmt::format("the SEQUENCE does not hold the INTEGER {}", part);
        }
        const std::optional<std::size_t> size = read_length(at);
        if (!size || *size == 0 || at + *size > end) {
            return fmt::format("the INTEGER {} has a bad length", part);
        }
        at += *size;
    }
    if (at != end) {
        return "the SEQUENCE holds more than the two INTEGERs r and s";
    }
    for (std::size_t i = end; i < value.size(); ++i) {
        if (value[i] != 0) {
            return fmt::format("{} bytes follow the DER SEQUENCE and are not zero padding",
                               value.size() - end);
        }
    }
    return {};
}

// The exact length a signature TLV must have, for the fixed-size kinds.
std::optional<std::size_t> signature_size(std::uint16_t type) {
    switch (type) {
        case k_tlv_ed25519:
            return 64;
        case k_tlv_rsa2048_pss:
            return 256;
        case k_tlv_rsa3072_pss:
            return 384;
        default:
            return std::nullopt;
    }
}

SignatureInfo describe_signature(const Tlv& tlv, std::optional<HashKind> hash,
                                 const std::optional<Key>& key) {
    const std::string with = hash ? " with " + hash_words(*hash) : std::string();
    SignatureInfo info{tlv.type, tlv.offset, {}, {}};
    switch (tlv.type) {
        case k_tlv_rsa2048_pss:
        case k_tlv_rsa3072_pss: {
            const int bits = key && key->kind() == KeyKind::rsa
                                 ? key->bits()
                                 : (tlv.type == k_tlv_rsa2048_pss ? 2048 : 3072);
            info.algorithm = fmt::format("RSA-{} PSS{}", bits, with);
            if (bits < 2048) {
                info.weakness = fmt::format(
                    "an RSA key of {} bits is below the 2048 bits "
                    "considered the minimum today",
                    bits);
            }
            break;
        }
        case k_tlv_ecdsa224:
            info.algorithm = "ECDSA P-224" + with;
            info.weakness =
                "ECDSA P-224 gives 112-bit security, below the 128 bits of "
                "current best practice";
            break;
        case k_tlv_ecdsa_sig:
            info.algorithm =
                std::string(hash == HashKind::sha384 ? "ECDSA P-384" : "ECDSA P-256") + with;
            break;
        case k_tlv_ed25519:
            info.algorithm =
                "Ed25519" + (hash ? " over the " + hash_words(*hash) + " digest" : std::string());
            break;
        default:
            info.algorithm = std::string(tlv_name(tlv.type));
    }
    return info;
}

class Verifier {
  public:
    Verifier(const Image& image, const VerifyOptions& options)
        : m_image(image), m_options(options) {}

    Verification run() {
        if (!check_structure()) {
            return finish();
        }
        std::vector<std::uint8_t> hashed(
            m_image.bytes.begin(),
            m_image.bytes.begin() + static_cast<long>(m_image.hashed_size()));
        const std::optional<HashKind> hash = find_hash();
        m_result.hash = hash;
        const std::optional<Key> embedded = embedded_key();
        for (const Tlv* tlv : m_image.all_tlvs()) {
            if (is_signature(tlv->type)) {
                m_result.signatures.push_back(describe_signature(
                    *tlv, hash, m_options.keys.empty() ? embedded : m_options.keys.front()));
            }
        }
        if (m_image.encrypted() && !decrypt(hashed)) {
            add("hash", CheckState::not_checked,
                "the image is encrypted: the hash covers the plain text, so it can be checked "
                "only with the decryption key");
            add("signature", CheckState::not_checked, "not checked: the image is encrypted");
            check_development_key(hash, embedded);
            return finish();
        }
        if (!hash) {
            return finish();
        }
        const std::vector<std::uint8_t> computed = digest(*hash, hashed);
        m_result.digest_hex = util::to_hex(computed);
        if (!check_hash(*hash, computed)) {
            return finish();
        }
        if (check_tlv_shapes(*hash)) {
            check_key_and_signature(*hash, computed, hashed, embedded);
        }
        check_development_key(hash, embedded);
        return finish();
    }

  private:
    void add(std::string name, CheckState state, std::string message,
             std::optional<std::size_t> offset = std::nullopt) {
        m_result.checks.push_back({std::move(name), state, std::move(message), offset});
    }

    Verification finish() {
        const bool failed =
            std::any_of(m_result.checks.begin(), m_result.checks.end(),
                        [](const Check& c) { return c.state == CheckState::failed; });
        const Check* hash = m_result.find("hash");
        m_result.ok = !failed && hash != nullptr && hash->state == CheckState::ok;
        return std::move(m_result);
    }

    bool check_structure() {
        if (m_image.errors.empty()) {
            add("structure", CheckState::ok, "header, body and TLV areas are well formed");
            return true;
        }
        const Problem& first = m_image.errors.front();
        add("structure", CheckState::failed,
            m_image.errors.size() == 1 ? first.message
                                       : fmt::format("{} (and {} more problems)", first.message,
                                                     m_image.errors.size() - 1),
            first.offset);
        return false;
    }

    std::optional<HashKind> find_hash() {
        std::vector<const Tlv*> found;
        for (const Tlv& tlv : m_image.area->entries) {
            if (hash_kind_of_tlv(tlv.type)) {
                found.push_back(&tlv);
            }
        }
        if (found.empty()) {
            add("hash", CheckState::failed, "the image has no hash TLV (SHA256, SHA384 or SHA512)",
                m_image.area->offset);
            return std::nullopt;
        }
        if (found.size() > 1) {
            add("hash", CheckState::failed,
                fmt::format("the image has {} hash TLVs; a bootloader expects one", found.size()),
                found[1]->offset);
            return std::nullopt;
        }
        m_hash_tlv = found.front();
        return hash_kind_of_tlv(m_hash_tlv->type);
    }

    bool check_hash(HashKind hash, const std::vector<std::uint8_t>& computed) {
        if (m_hash_tlv->value.size() != digest_size(hash)) {
            add("hash", CheckState::failed,
                fmt::format("the {} TLV at offset {} is {} bytes long, a {} digest is {}",
                            tlv_name(m_hash_tlv->type), m_hash_tlv->offset,
                            m_hash_tlv->value.size(), hash_words(hash), digest_size(hash)),
                m_hash_tlv->offset);
            return false;
        }
        if (m_hash_tlv->value != computed) {
            add("hash", CheckState::failed,
                fmt::format("the image hash does not match: computed {}, the {} TLV at offset "
                            "{} holds {}",
                            util::to_hex(computed), tlv_name(m_hash_tlv->type), m_hash_tlv->offset,
                            util::to_hex(m_hash_tlv->value)),
                m_hash_tlv->value_offset());
            return false;
        }
        add("hash", CheckState::ok,
            fmt::format("{} over header, body and protected TLVs matches", hash_words(hash)));
        return true;
    }

    // The key and signature TLVs have the shape their type requires, whether or not a key
    // is given: a bootloader rejects a malformed one, so an image carrying it never boots.
    // False (with the failed check) when one is malformed.
    bool check_tlv_shapes(HashKind hash) {
        for (const Tlv* tlv : m_image.all_tlvs()) {
            if (tlv->type == k_tlv_keyhash && tlv->value.size() != digest_size(hash)) {
                add("key", CheckState::failed,
                    fmt::format("the KEYHASH TLV at offset {} is {} bytes long; with the image's "
                                "{} hash it must be {}",
                                tlv->offset, tlv->value.size(), hash_words(hash),
                                digest_size(hash)),
                    tlv->offset);
                return false;
            }
            if (!is_signature(tlv->type)) {
                continue;
            }
            std::string problem;
            if (const std::optional<std::size_t> size = signature_size(tlv->type);
                size && tlv->value.size() != *size) {
                problem = fmt::format("it is {} bytes long, a {} signature is {}",
                                      tlv->value.size(), tlv_name(tlv->type), *size);
            } else if (tlv->type == k_tlv_ecdsa_sig || tlv->type == k_tlv_ecdsa224) {
                problem = ecdsa_der_problem(tlv->value);
            }
            if (!problem.empty()) {
                add("signature", CheckState::failed,
                    fmt::format("the {} TLV at offset {} is not a well-formed signature: {}",
                                tlv_name(tlv->type), tlv->offset, problem),
                    tlv->offset);
                return false;
            }
        }
        return true;
    }

    std::optional<Key> embedded_key() {
        const Tlv* pubkey = m_image.find(k_tlv_pubkey);
        if (pubkey == nullptr) {
            return std::nullopt;
        }
        KeyLoad load = load_mcuboot_public_key(pubkey->value);
        if (!load.key) {
            add("key", CheckState::failed,
                fmt::format("the PUBKEY TLV at offset {} is not a public key: {}", pubkey->offset,
                            load.error),
                pubkey->offset);
        }
        return load.key;
    }

    // Replaces the body in `hashed` by its plain text; false when it cannot.
    bool decrypt(std::vector<std::uint8_t>& hashed) {
        const Tlv* wrapped = nullptr;
        for (const Tlv& tlv : m_image.area->entries) {
            if (is_encryption(tlv.type)) {
                wrapped = &tlv;
            }
        }
        const std::size_t key_size =
            (m_image.header.flags & k_flag_encrypted_aes256) != 0 ? 32 : 16;
        if (wrapped == nullptr) {
            add("decryption", CheckState::failed,
                "the header says the image is encrypted, but no TLV carries its key", 16);
            return false;
        }
        if (!m_options.decryption_key && m_options.kw_key.empty()) {
            add("decryption", CheckState::not_checked,
                fmt::format("encrypted with AES-{} (key in the {} TLV): give the decryption "
                            "key to check it",
                            key_size * 8, tlv_name(wrapped->type)));
            return false;
        }
        const Unwrap unwrap = unwrap_image_key(
            wrapped->type, wrapped->value, m_options.decryption_key, m_options.kw_key, key_size);
        if (!unwrap.error.empty()) {
            add("decryption", CheckState::failed,
                fmt::format("the image key in the {} TLV at offset {} cannot be recovered: {}",
                            tlv_name(wrapped->type), wrapped->offset, unwrap.error),
                wrapped->offset);
            return false;
        }
        const std::size_t body = m_image.header.hdr_size;
        const std::vector<std::uint8_t> plain =
            aes_ctr(unwrap.key, util::Bytes(m_image.bytes).subspan(body, m_image.header.img_size));
        std::copy(plain.begin(), plain.end(), hashed.begin() + static_cast<long>(body));
        add("decryption", CheckState::ok,
            fmt::format("AES-{} image key recovered from the {} TLV", key_size * 8,
                        tlv_name(wrapped->type)));
        return true;
    }

    // Which of the given keys the image names by its KEYHASH or PUBKEY TLV.
    std::vector<const Key*> named_keys(HashKind hash) {
        const Tlv* keyhash = m_image.find(k_tlv_keyhash);
        const Tlv* pubkey = m_image.find(k_tlv_pubkey);
        std::vector<const Key*> named;
        for (const Key& key : m_options.keys) {
            const std::vector<std::uint8_t> bytes = key.mcuboot_public_bytes();
            if ((keyhash != nullptr && keyhash->value == digest(hash, bytes)) ||
                (pubkey != nullptr && pubkey->value == bytes)) {
                named.push_back(&key);
            }
        }
        if (keyhash == nullptr && pubkey == nullptr) {
            add("key", CheckState::failed,
                "the image names no key (no KEYHASH or PUBKEY TLV), so a bootloader cannot "
                "pick the key to check it with");
        } else if (named.empty()) {
            const Tlv* tlv = keyhash != nullptr ? keyhash : pubkey;
            add("key", CheckState::failed,
                fmt::format("the {} TLV at offset {} does not match the given key{}",
                            tlv_name(tlv->type), tlv->offset,
                            m_options.keys.size() == 1 ? "" : "s"),
                tlv->value_offset());
        } else {
            add("key", CheckState::ok,
                fmt::format("the {} TLV names the given {} key",
                            keyhash != nullptr ? "KEYHASH" : "PUBKEY", named.front()->describe()));
        }
        return named;
    }

    void check_key_and_signature(HashKind hash, const std::vector<std::uint8_t>& computed,
                                 const std::vector<std::uint8_t>& hashed,
                                 const std::optional<Key>& embedded) {
        const bool pure = m_image.find(k_tlv_sig_pure, true) != nullptr;
        const util::Bytes message = pure ? util::Bytes(hashed) : util::Bytes(computed);
        std::vector<const Key*> candidates;
        if (!m_options.keys.empty()) {
            candidates = named_keys(hash);
            m_result.verified_with = "the given key";
        } else if (embedded) {
            candidates.push_back(&*embedded);
            m_result.verified_with =
                "the public key embedded in the image (this shows "
                "integrity, not origin: give the trusted key with --key)";
        }
        std::vector<const Tlv*> signatures;
        for (const Tlv& tlv : m_image.area->entries) {
            if (is_signature(tlv.type)) {
                signatures.push_back(&tlv);
            }
        }
        if (signatures.empty()) {
            add("signature", m_options.keys.empty() ? CheckState::not_checked : CheckState::failed,
                "the image carries no signature");
            m_result.verified_with.clear();
            return;
        }
        if (candidates.empty()) {
            if (m_options.keys.empty()) {
                add("signature", CheckState::not_checked,
                    "no key given, and the image embeds none: the signature was not checked");
            } else {
                add("signature", CheckState::failed, "no given key is the one the image names");
            }
            m_result.verified_with.clear();
            return;
        }
        for (const Key* key : candidates) {
            for (const Tlv* tlv : signatures) {
                if (verify_signature(*key, tlv->type, hash, message, tlv->value)) {
                    m_result.signature_verified = true;
                    m_result.verified_with_given_key = !m_options.keys.empty();
                    m_verifying_key = key;
                    add("signature", CheckState::ok,
                        fmt::format("the {} signature at offset {} verifies with {}",
                                    tlv_name(tlv->type), tlv->offset, key->describe()));
                    return;
                }
            }
        }
        const Key& key = *candidates.front();
        const std::optional<std::uint16_t> wanted = signature_tlv_for(key);
        const auto fitting = std::find_if(signatures.begin(), signatures.end(), [&](const Tlv* t) {
            return wanted && t->type == *wanted;
        });
        if (fitting == signatures.end()) {
            add("signature", CheckState::failed,
                fmt::format("no signature for a {} key: the image has {}", key.describe(),
                            tlv_name(signatures.front()->type)),
                signatures.front()->offset);
            return;
        }
        add("signature", CheckState::failed,
            fmt::format("the {} signature at offset {} does not verify with {}",
                        tlv_name((*fitting)->type), (*fitting)->offset, key.describe()),
            (*fitting)->value_offset());
    }

    void check_development_key(std::optional<HashKind> hash, const std::optional<Key>& embedded) {
        std::optional<KnownKey> known;
        if (const Tlv* keyhash = m_image.find(k_tlv_keyhash); keyhash != nullptr && hash) {
            known = find_development_key(*hash, keyhash->value);
        }
        if (!known && embedded) {
            known = find_development_key(
                HashKind::sha256, digest(HashKind::sha256, embedded->mcuboot_public_bytes()));
        }
        // A given key speaks for the image only when the image's signature verified with
        // it; a development key given with --key for an image signed otherwise is not the
        // image's.
        if (!known && m_verifying_key != nullptr) {
            known = find_development_key(
                HashKind::sha256,
                digest(HashKind::sha256, m_verifying_key->mcuboot_public_bytes()));
        }
        if (known) {
            m_result.development_key = known;
        }
    }

    const Image& m_image;
    const VerifyOptions& m_options;
    const Tlv* m_hash_tlv = nullptr;
    const Key* m_verifying_key = nullptr;  // the key the signature verified with
    Verification m_result;
};

}  // namespace

Verification verify(const Image& image, const VerifyOptions& options) {
    return Verifier(image, options).run();
}

std::optional<KnownKey> find_development_key(HashKind hash, util::Bytes key_hash) {
    const std::string hex = util::to_hex(key_hash);
    for (const KnownKeyEntry& entry : development_keys()) {
        const std::string& wanted = hash == HashKind::sha256   ? entry.sha256
                                    : hash == HashKind::sha384 ? entry.sha384
                                                               : entry.sha512;
        if (wanted == hex) {
            return entry.key;
        }
    }
    return std::nullopt;
}

std::string strict_shortfall(const Verification& verification) {
    if (!verification.ok) {
        return "the image does not verify";
    }
    if (verification.development_key) {
        return fmt::format(
            "the image's key is a published development key ({}): anyone can sign images "
            "it accepts",
            verification.development_key->name);
    }
    if (!verification.verified_with_given_key) {
        return verification.signature_verified
                   ? "the signature was checked only against the key embedded in the image: "
                     "give the trusted key with --key"
                   : "no signature was verified against a given key: give the trusted key "
                     "with --key, and sign the image";
    }
    return {};
}

std::string_view to_string(CheckState state) {
    switch (state) {
        case CheckState::ok:
            return "ok";
        case CheckState::failed:
            return "FAILED";
        case CheckState::not_checked:
            return "not checked";
    }
    return "";
}

const Check* Verification::find(std::string_view name) const {
    for (const Check& check : checks) {
        if (check.name == name) {
            return &check;
        }
    }
    return nullptr;
}

}  // namespace iotconform::mcuboot
