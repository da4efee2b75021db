// Tests for signing and verification with keys generated in the test: every key type, both
// byte orders, every encryption scheme, and each tampering caught by the right check.
#include <gtest/gtest.h>

#include <fstream>

#include "mcuboot/describe.hpp"
#include "mcuboot/evidence.hpp"
#include "mcuboot/files.hpp"
#include "mcuboot/sign.hpp"
#include "mcuboot/verify.hpp"
#include "standard/catalog.hpp"

namespace iotconform::mcuboot {
namespace {

using Bytes = std::vector<std::uint8_t>;

SignOptions options_for(std::optional<Key> key) {
    SignOptions options;
    options.key = std::move(key);
    options.version = *parse_version("3.1.0+9");
    options.header_size = 0x200;
    options.pad_header = true;
    options.slot_size = 0x20000;
    return options;
}

Bytes payload() {
    Bytes bytes(3000);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        bytes[i] = static_cast<std::uint8_t>((i * 31) ^ (i >> 3));
    }
    return bytes;
}

std::vector<std::string> rule_ids_of(const std::vector<judge::Finding>& findings) {
    std::vector<std::string> ids;
    for (const judge::Finding& finding : findings) {
        ids.push_back(finding.rule_id);
    }
    return ids;
}

Image signed_image(const SignOptions& options) {
    SignResult result = build_image(payload(), options);
    EXPECT_EQ(result.error, "");
    Image image = parse_image(std::move(result.image));
    EXPECT_TRUE(image.errors.empty());
    return image;
}

Key public_half(const Key& key) {
    KeyLoad load = load_key_pem(key.public_pem());
    EXPECT_TRUE(load.key) << load.error;
    return *load.key;
}

CheckState state(const Verification& v, std::string_view name) {
    const Check* check = v.find(name);
    return check != nullptr ? check->state : CheckState::not_checked;
}

struct KeyCase {
    const char* name;
    KeyKind kind;
    int bits;
    std::optional<HashKind> sha;
    std::uint16_t signature_tlv;
};

class EveryKey : public ::testing::TestWithParam<KeyCase> {};

TEST_P(EveryKey, SignsVerifiesAndCatchesEachTampering) {
    const KeyCase& c = GetParam();
    const Key key = generate_key(c.kind, c.bits);
    SignOptions options = options_for(key);
    options.sha = c.sha;
    const Image image = signed_image(options);
    ASSERT_NE(image.find(c.signature_tlv), nullptr);

    const Verification good = verify(image, {{public_half(key)}});
    EXPECT_TRUE(good.ok) << verification_text(good, "image");
    EXPECT_TRUE(good.signature_verified);
    EXPECT_FALSE(good.development_key);

    const Verification other = verify(image, {{public_half(generate_key(c.kind, c.bits))}});
    EXPECT_FALSE(other.ok);
    EXPECT_EQ(state(other, "key"), CheckState::failed);

    Image body_flip = image;
    body_flip.bytes[0x200 + 10] ^= 1;
    EXPECT_EQ(state(verify(body_flip, {{public_half(key)}}), "hash"), CheckState::failed);

    Image signature_flip = image;
    const Tlv* signature = image.find(c.signature_tlv);
    signature_flip.bytes[signature->value_offset() + 20] ^= 1;
    const Image reparsed = parse_image(signature_flip.bytes);
    const Verification bad = verify(reparsed, {{public_half(key)}});
    EXPECT_EQ(state(bad, "hash"), CheckState::ok);
    EXPECT_EQ(state(bad, "signature"), CheckState::failed);
}

INSTANTIATE_TEST_SUITE_P(
    McubootSign, EveryKey,
    ::testing::Values(KeyCase{"p256", KeyKind::ecdsa_p256, 0, std::nullopt, k_tlv_ecdsa_sig},
                      KeyCase{"p384", KeyKind::ecdsa_p384, 0, std::nullopt, k_tlv_ecdsa_sig},
                      KeyCase{"rsa2048", KeyKind::rsa, 2048, std::nullopt, k_tlv_rsa2048_pss},
                      KeyCase{"rsa3072", KeyKind::rsa, 3072, std::nullopt, k_tlv_rsa3072_pss},
                      KeyCase{"ed25519", KeyKind::ed25519, 0, std::nullopt, k_tlv_ed25519},
                      KeyCase{"ed25519_sha512", KeyKind::ed25519, 0, HashKind::sha512,
                              k_tlv_ed25519}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(McubootSign, ABigEndianImageVerifies) {
    const Key key = generate_key(KeyKind::ecdsa_p256);
    SignOptions options = options_for(key);
    options.endian = util::Endian::big;
    options.security_counter_auto = true;
    const Image image = signed_image(options);
    EXPECT_EQ(image.endian, util::Endian::big);
    EXPECT_TRUE(verify(image, {{public_half(key)}}).ok);
}

TEST(McubootSign, AnEmbeddedKeyVerifiesWithoutAKeyButSaysItProvesOnlyIntegrity) {
    const Key key = generate_key(KeyKind::ed25519);
    SignOptions options = options_for(key);
    options.key_format = PublicKeyFormat::full;
    const Verification v = verify(signed_image(options), {});
    EXPECT_TRUE(v.ok);
    EXPECT_TRUE(v.signature_verified);
    EXPECT_NE(v.verified_with.find("integrity, not origin"), std::string::npos);
}

TEST(McubootSign, AnUnsignedImagePassesOnItsHashAloneButNotAgainstAKey) {
    const Image image = signed_image(options_for(std::nullopt));
    const Verification alone = verify(image, {});
    EXPECT_TRUE(alone.ok);
    EXPECT_FALSE(alone.signature_verified);
    const Verification keyed = verify(image, {{generate_key(KeyKind::ecdsa_p256)}});
    EXPECT_FALSE(keyed.ok);
    EXPECT_EQ(state(keyed, "signature"), CheckState::failed);
}

TEST(McubootSign, RefusesWhatImgtoolRefuses) {
    SignOptions options = options_for(generate_key(KeyKind::ecdsa_p256));
    options.sha = HashKind::sha512;
    EXPECT_NE(build_image(payload(), options).error.find("cannot be used with SHA512"),
              std::string::npos);
    options = options_for(public_half(generate_key(KeyKind::ed25519)));
    EXPECT_NE(build_image(payload(), options).error.find("public key"), std::string::npos);
    options = options_for(std::nullopt);
    options.pad_header = false;
    EXPECT_NE(build_image(payload(), options).error.find("zero bytes"), std::string::npos);
    options = options_for(std::nullopt);
    options.slot_size = 0xe00;
    EXPECT_NE(build_image(payload(), options).error.find("do not fit the slot"), std::string::npos);
    options = options_for(std::nullopt);
    options.align = 3;
    EXPECT_NE(build_image(payload(), options).error.find("--align 3"), std::string::npos);
}

struct EncryptionCase {
    const char* name;
    KeyKind kind;  // KeyKind::other: AES key wrap
    std::uint32_t bits;
    std::uint16_t tlv;
};

class EveryEncryption : public ::testing::TestWithParam<EncryptionCase> {};

TEST_P(EveryEncryption, IsReportedAndVerifiedOnlyWithTheDecryptionKey) {
    const EncryptionCase& c = GetParam();
    // Signing and encryption use the same type of key, as imgtool demands.
    const Key signer = c.kind == KeyKind::rsa          ? generate_key(KeyKind::rsa, 2048)
                       : c.kind == KeyKind::ecdsa_p256 ? generate_key(KeyKind::ecdsa_p256)
                                                       : generate_key(KeyKind::ed25519);
    SignOptions options = options_for(signer);
    options.encrypt_key_bits = c.bits;
    std::optional<Key> recipient;
    if (c.kind == KeyKind::other) {
        options.encrypt_kw_key = random_bytes(16);
    } else {
        recipient = generate_key(c.kind, 2048);
        options.encrypt_key = public_half(*recipient);
    }
    const Image image = signed_image(options);
    EXPECT_TRUE(image.encrypted());
    ASSERT_NE(image.find(c.tlv), nullptr);
    // The body is cipher text: the plain payload does not appear in the file.
    const Bytes plain = payload();
    EXPECT_EQ(
        std::search(image.bytes.begin(), image.bytes.end(), plain.begin(), plain.begin() + 64),
        image.bytes.end());

    VerifyOptions without{{public_half(signer)}};
    const Verification unknown = verify(image, without);
    EXPECT_FALSE(unknown.ok);
    EXPECT_EQ(state(unknown, "decryption"), CheckState::not_checked);
    EXPECT_EQ(state(unknown, "hash"), CheckState::not_checked);

    VerifyOptions with{{public_half(signer)}};
    with.decryption_key = recipient;
    with.kw_key = options.encrypt_kw_key;
    const Verification known = verify(image, with);
    EXPECT_TRUE(known.ok) << verification_text(known, "image");
    EXPECT_EQ(state(known, "decryption"), CheckState::ok);

    VerifyOptions wrong{{public_half(signer)}};
    if (c.kind == KeyKind::other) {
        wrong.kw_key = random_bytes(16);
    } else {
        wrong.decryption_key = generate_key(c.kind, 2048);
    }
    EXPECT_EQ(state(verify(image, wrong), "decryption"), CheckState::failed);
}

INSTANTIATE_TEST_SUITE_P(
    McubootEncrypt, EveryEncryption,
    ::testing::Values(EncryptionCase{"aes_kw", KeyKind::other, 128, k_tlv_enc_kw},
                      EncryptionCase{"rsa_oaep", KeyKind::rsa, 128, k_tlv_enc_rsa2048},
                      EncryptionCase{"ecies_p256", KeyKind::ecdsa_p256, 128, k_tlv_enc_ec256},
                      EncryptionCase{"ecies_x25519", KeyKind::x25519, 128, k_tlv_enc_x25519},
                      EncryptionCase{"ecies_x25519_aes256", KeyKind::x25519, 256,
                                     k_tlv_enc_x25519}),
    [](const auto& info) { return std::string(info.param.name); });

// Signing and encryption keys must be of the same type (imgtool: "Signing and encryption
// must use the same type of key"); AES key wrap goes with any signer.
TEST(McubootSign, RefusesSigningAndEncryptionKeysOfDifferentTypes) {
    const Key p256 = generate_key(KeyKind::ecdsa_p256);
    const Key p384 = generate_key(KeyKind::ecdsa_p384);
    const Key rsa = generate_key(KeyKind::rsa, 2048);
    const Key ed25519 = generate_key(KeyKind::ed25519);
    const Key x25519 = generate_key(KeyKind::x25519);
    const auto refused = [&](const Key& signer, const Key& recipient) {
        SignOptions options = options_for(signer);
        options.encrypt_key = public_half(recipient);
        return build_image(payload(), options).error;
    };
    EXPECT_NE(refused(p256, x25519).find("same type of key"), std::string::npos);
    EXPECT_NE(refused(p256, x25519).find("EC P-256 key (ECIES-P256)"), std::string::npos);
    EXPECT_NE(refused(p384, rsa).find("same type of key"), std::string::npos);
    EXPECT_NE(refused(rsa, p256).find("an RSA key (RSA-OAEP)"), std::string::npos);
    EXPECT_NE(refused(ed25519, p256).find("an X25519 key (ECIES-X25519)"), std::string::npos);
    EXPECT_NE(refused(ed25519, rsa).find("same type of key"), std::string::npos);
    EXPECT_EQ(refused(p256, p256), "");
    EXPECT_EQ(refused(p384, p256), "");
    EXPECT_EQ(refused(rsa, rsa), "");
    EXPECT_EQ(refused(ed25519, x25519), "");
    SignOptions wrapped = options_for(p256);
    wrapped.encrypt_kw_key = random_bytes(16);
    EXPECT_EQ(build_image(payload(), wrapped).error, "");
}

// An image encrypted for X25519, opened with a P-256 key: the key type is named, not an
// OpenSSL error from deep in the key agreement.
TEST(McubootEncrypt, AKeyOfTheWrongTypeIsNamedAsSuch) {
    SignOptions options = options_for(generate_key(KeyKind::ed25519));
    options.encrypt_key = public_half(generate_key(KeyKind::x25519));
    const Image image = signed_image(options);
    VerifyOptions wrong;
    wrong.decryption_key = generate_key(KeyKind::ecdsa_p256);
    const Verification v = verify(image, wrong);
    const Check* decryption = v.find("decryption");
    ASSERT_NE(decryption, nullptr);
    EXPECT_EQ(decryption->state, CheckState::failed);
    EXPECT_NE(decryption->message.find("the key type does not fit the TLV: ENCX25519 needs an "
                                       "X25519 private key, the given key is ECDSA P-256"),
              std::string::npos)
        << decryption->message;
    EXPECT_EQ(decryption->message.find("error:"), std::string::npos) << decryption->message;
}

// Only an encrypted PEM block or header means a password: the word in a comment does not.
TEST(McubootKeys, TheWordEncryptedInACommentIsNotAPassword) {
    const Key key = generate_key(KeyKind::ecdsa_p256);
    const KeyLoad load =
        load_key_pem("Notes: ENCRYPTED copies live in the vault.\n" + key.private_pem());
    ASSERT_TRUE(load.key) << load.error;
    EXPECT_TRUE(load.key->has_private());
    const std::string locked =
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n";
    EXPECT_NE(load_key_pem(locked).error.find("protected by a password"), std::string::npos);
    const std::string legacy =
        "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n"
        "MIIB\n-----END EC PRIVATE KEY-----\n";
    EXPECT_NE(load_key_pem(legacy).error.find("protected by a password"), std::string::npos);
}

// Key and signature TLVs of the wrong shape fail verification even without a key: the
// image a bootloader would reject must not pass as "OK (hash only)".
Image with_tlv(Image image, std::uint16_t type, Bytes value) {
    Tlv tlv;
    tlv.type = type;
    tlv.length = static_cast<std::uint16_t>(value.size());
    tlv.offset = image.end_of_tlvs;
    tlv.value = std::move(value);
    image.area->entries.push_back(std::move(tlv));
    return image;
}

TEST(McubootVerify, MalformedKeyAndSignatureTlvsFailWithoutAKey) {
    const Image plain = signed_image(options_for(std::nullopt));
    ASSERT_TRUE(verify(plain, {}).ok);
    const std::size_t at = plain.end_of_tlvs;
    struct Case {
        const char* defect;
        std::uint16_t type;
        Bytes value;
        const char* check;
        const char* words;
    };
    const std::vector<Case> cases = {
        {"1-byte key hash", k_tlv_keyhash, {0xab}, "key", "KEYHASH TLV at offset"},
        {"truncated ECDSA signature",
         k_tlv_ecdsa_sig,
         {0x30, 0x44, 0x02, 0x20, 1, 2},
         "signature",
         "SEQUENCE's length runs past"},
        {"ECDSA signature with one integer",
         k_tlv_ecdsa_sig,
         {0x30, 0x03, 0x02, 0x01, 0x05},
         "signature",
         "INTEGER s"},
        {"ECDSA signature followed by non-zero bytes",
         k_tlv_ecdsa_sig,
         {0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07, 0x00, 0x01},
         "signature",
         "not zero padding"},
        {"ECDSA signature that is no SEQUENCE",
         k_tlv_ecdsa_sig,
         {0x31, 0x00},
         "signature",
         "DER SEQUENCE"},
        {"empty Ed25519 signature", k_tlv_ed25519, {}, "signature", "0 bytes long"},
        {"short RSA-2048 signature", k_tlv_rsa2048_pss, Bytes(255, 1), "signature",
         "a RSA2048 signature is 256"},
        {"RSA-3072 signature of RSA-2048 size", k_tlv_rsa3072_pss, Bytes(256, 1), "signature",
         "384"},
    };
    for (const Case& c : cases) {
        const Image image = with_tlv(plain, c.type, c.value);
        const Verification v = verify(image, {});
        EXPECT_FALSE(v.ok) << c.defect;
        const Check* check = v.find(c.check);
        ASSERT_NE(check, nullptr) << c.defect;
        EXPECT_EQ(check->state, CheckState::failed) << c.defect;
        EXPECT_EQ(check->offset, at) << c.defect;
        EXPECT_NE(check->message.find(c.words), std::string::npos)
            << c.defect << ": " << check->message;
        // `assess` turns it into MCUBOOT-002 (does not verify), not an unsigned image.
        const std::vector<std::string> ids =
            rule_ids_of(update_image_findings(image, v, false, "u"));
        EXPECT_NE(std::find(ids.begin(), ids.end(), "MCUBOOT-002"), ids.end()) << c.defect;
    }
    // A well-formed ECDSA signature with --pad-sig's zeros is accepted as a shape.
    const Image padded = with_tlv(plain, k_tlv_ecdsa_sig,
                                  {0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07, 0x00, 0x00});
    EXPECT_TRUE(verify(padded, {}).ok);
}

TEST(McubootVerify, PaddedEcdsaSignaturesStillVerify) {
    const Key key = generate_key(KeyKind::ecdsa_p256);
    SignOptions options = options_for(key);
    options.pad_sig = true;
    const Image image = signed_image(options);
    EXPECT_EQ(image.find(k_tlv_ecdsa_sig)->value.size(), 72u);
    EXPECT_TRUE(verify(image, {{public_half(key)}}).ok);
    EXPECT_TRUE(verify(image, {}).ok);
}

// --strict: only a signature verified with a given key that is not a published one.
TEST(McubootVerify, StrictAsksForASignatureVerifiedWithAGivenKey) {
    const Key key = generate_key(KeyKind::ed25519);
    const Image unsigned_image = signed_image(options_for(std::nullopt));
    EXPECT_NE(strict_shortfall(verify(unsigned_image, {})).find("no signature was verified"),
              std::string::npos);
    const Image signed_one = signed_image(options_for(key));
    EXPECT_NE(strict_shortfall(verify(signed_one, {})).find("no signature was verified"),
              std::string::npos);
    EXPECT_EQ(strict_shortfall(verify(signed_one, {{public_half(key)}})), "");
    SignOptions full = options_for(key);
    full.key_format = PublicKeyFormat::full;
    EXPECT_NE(strict_shortfall(verify(signed_image(full), {})).find("embedded in the image"),
              std::string::npos);
    Image broken = signed_one;
    broken.bytes[0x210] ^= 1;
    EXPECT_EQ(strict_shortfall(verify(broken, {{public_half(key)}})), "the image does not verify");

    const ImageFile example = read_image_file(
        IOTCONFORM_SOURCE_DIR "/examples/smartcam-v3/update/smartcam-c2-2.4.0.signed.bin");
    const KeyLoad sample = read_key_file(IOTCONFORM_SOURCE_DIR
                                         "/examples/smartcam-v3/keys/update-signing-key.pub.pem");
    ASSERT_TRUE(example.image && sample.key);
    const Verification published = verify(*example.image, {{*sample.key}});
    EXPECT_TRUE(published.ok);
    EXPECT_NE(strict_shortfall(published).find("published development key"), std::string::npos);
}

// P-224 and key types MCUboot has no signature for are refused as types, not for a hash.
TEST(McubootSign, UnsupportedKeyTypesAreNamedAsSuch) {
    EXPECT_EQ(signing_key_problem(generate_key(KeyKind::ecdsa_p256)), "");
    EXPECT_EQ(signing_key_problem(generate_key(KeyKind::rsa, 3072)), "");
    EXPECT_NE(signing_key_problem(generate_key(KeyKind::x25519)).find("not supported"),
              std::string::npos);
    EXPECT_NE(signing_key_problem(generate_key(KeyKind::rsa, 1024)).find("RSA-1024"),
              std::string::npos);
}

// The example's key is the public half of a sample key in MCUboot's repository.
TEST(McubootDevelopmentKeys, APublishedSampleKeyIsRecognisedByItsKeyHash) {
    const KeyLoad load = read_key_file(IOTCONFORM_SOURCE_DIR
                                       "/examples/smartcam-v3/keys/update-signing-key.pub.pem");
    ASSERT_TRUE(load.key) << load.error;
    for (const HashKind hash : {HashKind::sha256, HashKind::sha384, HashKind::sha512}) {
        const std::optional<KnownKey> known =
            find_development_key(hash, digest(hash, load.key->mcuboot_public_bytes()));
        ASSERT_TRUE(known);
        EXPECT_NE(known->source.find("cypress-test-ec-p256.pem"), std::string::npos);
    }
    const Key fresh = generate_key(KeyKind::ecdsa_p256);
    EXPECT_FALSE(find_development_key(HashKind::sha256,
                                      digest(HashKind::sha256, fresh.mcuboot_public_bytes())));
}

TEST(McubootEvidence, EachRuleNamesProvisionsOfBothEditions) {
    for (const UpdateRule& rule : update_rules()) {
        for (const std::string_view id : rule.provisions) {
            for (const char* edition : {"en303645-2.1.1", "en303645-3.1.3"}) {
                EXPECT_NE(standard::find_standard(edition)->find_provision(id), nullptr)
                    << rule.id << " names " << id << ", which " << edition << " does not have";
            }
        }
    }
}

TEST(McubootEvidence, FindingsFollowTheVerification) {
    using Ids = std::vector<std::string>;
    const Key key = generate_key(KeyKind::ecdsa_p256);
    const Image good = signed_image(options_for(key));
    EXPECT_EQ(
        rule_ids_of(update_image_findings(good, verify(good, {{public_half(key)}}), true, "u")),
        Ids{"MCUBOOT-010"});
    EXPECT_EQ(rule_ids_of(update_image_findings(good, verify(good, {}), false, "u")),
              Ids{"MCUBOOT-011"});
    const Image unsigned_image = signed_image(options_for(std::nullopt));
    EXPECT_EQ(
        rule_ids_of(update_image_findings(unsigned_image, verify(unsigned_image, {}), false, "u")),
        Ids{"MCUBOOT-001"});
    Image broken = good;
    broken.bytes[0x210] ^= 0xff;
    const std::vector<judge::Finding> found =
        update_image_findings(broken, verify(broken, {{public_half(key)}}), true, "u");
    ASSERT_EQ(rule_ids_of(found), Ids{"MCUBOOT-002"});
    EXPECT_NE(found[0].location.find("u@0x"), std::string::npos) << found[0].location;
}

// An ECDSA P-224 signature TLV (deprecated in MCUboot) is named as not best practice.
TEST(McubootEvidence, AWeakAlgorithmIsAFinding) {
    Image image = signed_image(options_for(std::nullopt));
    Tlv weak;
    weak.type = k_tlv_ecdsa224;
    weak.length = 4;
    weak.offset = image.end_of_tlvs;
    weak.value = {1, 2, 3, 4};
    image.area->entries.push_back(weak);
    const std::vector<judge::Finding> found =
        update_image_findings(image, verify(image, {}), false, "u");
    const auto weak_finding = std::find_if(
        found.begin(), found.end(), [](const auto& f) { return f.rule_id == "MCUBOOT-004"; });
    ASSERT_NE(weak_finding, found.end());
    EXPECT_NE(weak_finding->message.find("P-224"), std::string::npos);
}

}  // namespace
}  // namespace iotconform::mcuboot
