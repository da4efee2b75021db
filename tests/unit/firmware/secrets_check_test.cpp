// Tests for the secrets check: every example of every rule in the rule file is found and
// every negative is not; private keys say whether they are encrypted; host keys and
// PKCS#12 stores are recognised; secrets never appear whole in a finding.
#include "firmware/secrets_check.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include "check_support.hpp"
#include "standard/catalog.hpp"

namespace iotconform::firmware {
namespace {

using File = testing::TextFile;

std::vector<judge::Finding> run(const std::vector<File>& files) {
    return testing::findings_of<SecretsCheck>(files);
}

std::vector<std::string> rule_ids(const std::vector<judge::Finding>& findings) {
    std::vector<std::string> ids;
    for (const judge::Finding& finding : findings) {
        ids.push_back(finding.rule_id);
    }
    return ids;
}

// A path every rule's path filter accepts, unless the rule is about specific files.
const char* k_path = "etc/app/example.conf";

TEST(SecretRules, EveryExampleIsFoundAndNoNegativeIs) {
    std::size_t examples = 0;
    for (const SecretRule& rule : secret_rules()) {
        for (const std::string& example : rule.examples) {
            SCOPED_TRACE(rule.id + " example: " + example);
            EXPECT_EQ(rule_ids(run({{k_path, example}})), std::vector<std::string>{rule.id});
            ++examples;
        }
        for (const std::string& negative : rule.negatives) {
            SCOPED_TRACE(rule.id + " negative: " + negative);
            EXPECT_EQ(rule_ids(run({{k_path, negative}})), std::vector<std::string>{});
        }
    }
    EXPECT_GE(examples, 15u);
}

TEST(SecretRules, EveryRuleNamesProvisionsOfBothEditions) {
    for (const SecretRule& rule : secret_rules()) {
        EXPECT_FALSE(rule.provisions.empty()) << rule.id;
        for (const std::string& id : rule.provisions) {
            for (const char* edition : {"en303645-2.1.1", "en303645-3.1.3"}) {
                EXPECT_NE(standard::find_standard(edition)->find_provision(id), nullptr)
                    << rule.id << " names " << id;
            }
        }
        EXPECT_TRUE(rule.pattern.empty() != (rule.kind != "path" && rule.kind != "pkcs12"))
            << rule.id << ": kind " << rule.kind << " and pattern disagree";
    }
}

TEST(SecretsCheck, PrivateKeysSayWhetherTheyAreEncrypted) {
    const std::string plain =
        "-----BEGIN EC PRIVATE "
        "KEY-----\nMHcCAQEEIIFSwimoQFx/6mkdSoeXi2XUXVWo8E91lQoNl5RH/gSzoAoGCCqGSM49\n"
        "-----END EC PRIVATE KEY-----\n";
    const std::string wrapped =
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAgP\n"
        "-----END ENCRYPTED PRIVATE KEY-----\n";
    const std::vector<judge::Finding> found =
        run({{"etc/ssl/private/device.key", plain}, {"opt/app/backup.pem", wrapped}});
    ASSERT_EQ(found.size(), 2u);
    EXPECT_NE(found[0].message.find("an unencrypted SEC1 EC private key"), std::string::npos)
        << found[0].message;
    EXPECT_EQ(found[0].severity, diagnostics::Severity::error);
    EXPECT_EQ(found[0].location, "etc/ssl/private/device.key:1");
    EXPECT_NE(found[1].message.find("password-protected PKCS#8"), std::string::npos);
    EXPECT_EQ(found[1].severity, diagnostics::Severity::warning);
    // The key itself never reaches a report.
    EXPECT_EQ(found[0].message.find("MHcCAQEE"), std::string::npos);
}

TEST(SecretsCheck, ASelfTestKeyInACryptoLibraryIsANoteThatFailsNothing) {
    // GnuTLS and OpenSSL carry known-answer test keys; a clean Debian image has them. They
    // are named, and must not turn a declared Y into FAIL.
    const std::string library = std::string(
                                    "\x7f"
                                    "ELF",
                                    4) +
                                std::string(64, '\0') +
                                "-----BEGIN PRIVATE KEY-----\n"
                                "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgIFKWZsIoQFx/6mkd\n"
                                "SoeXi2XUXVWo8E91lQoNl5RH/gShRANCAAQ5Q2kHjwz9kh3yQ+bOXm9Oe1Yfq9Vh\n"
                                "-----END PRIVATE KEY-----\n";
    const std::vector<judge::Finding> found =
        run({{"usr/lib/x86_64-linux-gnu/libgnutls.so.30.34.3", library}});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, diagnostics::Severity::note);
    EXPECT_EQ(found[0].effect, judge::Effect::informs);
    EXPECT_NE(found[0].message.find("self-test key"), std::string::npos) << found[0].message;
}

TEST(SecretsCheck, OpenSshKeysAreReadForTheirCipher) {
    // "openssh-key-v1\0" + cipher "none" / "aes256-ctr", base64 encoded, padded to 40+.
    const auto key = [](const std::string& cipher) {
        std::string raw = std::string("openssh-key-v1\0", 15);
        raw += std::string("\0\0\0", 3) + static_cast<char>(cipher.size()) + cipher;
        raw += std::string(40, 'A');
        std::string encoded(raw.size() * 2, '\0');
        encoded.resize(static_cast<std::size_t>(EVP_EncodeBlock(
            reinterpret_cast<unsigned char*>(encoded.data()),
            reinterpret_cast<const unsigned char*>(raw.data()), static_cast<int>(raw.size()))));
        return "-----BEGIN OPENSSH PRIVATE KEY-----\n" + encoded +
               "\n-----END OPENSSH PRIVATE KEY-----\n";
    };
    const std::vector<judge::Finding> found =
        run({{"root/.ssh/id_ed25519", key("none")}, {"root/.ssh/id_rsa", key("aes256-ctr")}});
    ASSERT_EQ(found.size(), 2u);
    EXPECT_NE(found[0].message.find("an unencrypted OpenSSH"), std::string::npos);
    EXPECT_NE(found[1].message.find("password-protected OpenSSH"), std::string::npos);
}

TEST(SecretsCheck, HostKeysAreReportedOnceAsBakedIn) {
    const std::string key =
        "-----BEGIN OPENSSH PRIVATE "
        "KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB\n"
        "-----END OPENSSH PRIVATE KEY-----\n";
    EXPECT_EQ(rule_ids(run({{"etc/ssh/ssh_host_ed25519_key", key},
                            {"etc/ssh/ssh_host_ed25519_key.pub", "ssh-ed25519 AAAAC3Nz host\n"}})),
              std::vector<std::string>{"FW-SECRET-002"});
}

TEST(SecretsCheck, Pkcs12StoresAreOpenedToSeeIfTheyNeedAPassword) {
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    const auto store = [&](const char* password) {
        PKCS12* p12 = PKCS12_create(password, "device", key, nullptr, nullptr, 0, 0, 0, 0, 0);
        unsigned char* der = nullptr;
        const int size = i2d_PKCS12(p12, &der);
        std::string bytes(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
        OPENSSL_free(der);
        PKCS12_free(p12);
        return bytes;
    };
    const std::vector<judge::Finding> found = run({{"etc/certs/open.p12", store("")},
                                                   {"etc/certs/locked.pfx", store("s3cret")},
                                                   {"etc/certs/fake.p12", "not a key store"}});
    EVP_PKEY_free(key);
    ASSERT_EQ(rule_ids(found), (std::vector<std::string>{"FW-SECRET-003", "FW-SECRET-003"}));
    EXPECT_NE(found[0].message.find("without a password"), std::string::npos);
    EXPECT_EQ(found[0].severity, diagnostics::Severity::error);
    EXPECT_NE(found[1].message.find("protected by a password"), std::string::npos);
}

TEST(SecretsCheck, TokensInBinariesAreLocatedByOffsetAndRedacted) {
    std::string binary(1000, '\0');
    binary += "AKIAQ3EGRTFW2ZKXMP7L";
    const std::vector<judge::Finding> found = run({{"usr/bin/uploader", binary}});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].location, "usr/bin/uploader@0x3e8");
    EXPECT_EQ(found[0].message.find("AKIAQ3EGRTFW2ZKXMP7L"), std::string::npos) << found[0].message;
    EXPECT_NE(found[0].message.find("(20 characters)"), std::string::npos) << found[0].message;
}

TEST(SecretsCheck, ThePlantedConfigurationSecretsAreFound) {
    const std::vector<judge::Finding> found =
        run({{"etc/wpa_supplicant/wpa_supplicant.conf",
              "ctrl_interface=/run/wpa_supplicant\nnetwork={\n  ssid=\"lab\"\n  "
              "psk=\"sunshine123\"\n}\n"},
             {"etc/mosquitto/bridge.conf",
              "connection cloud\naddress broker.example.com:8883\nremote_username device\n"
              "remote_password Passw0rd!\n"}});
    EXPECT_EQ(rule_ids(found), (std::vector<std::string>{"FW-SECRET-020", "FW-SECRET-021"}));
    EXPECT_EQ(found[0].location, "etc/wpa_supplicant/wpa_supplicant.conf:4");
    EXPECT_EQ(found[1].location, "etc/mosquitto/bridge.conf:4");
}

TEST(SecretsCheck, AFloodOfMatchesIsCapped) {
    std::vector<File> files;
    for (int i = 0; i < 80; ++i) {
        files.push_back({"srv/keys/" + std::to_string(i) + ".env", "api_key=abcdef123456\n"});
    }
    const std::vector<judge::Finding> found = run(files);
    ASSERT_EQ(found.size(), 51u);
    EXPECT_NE(found[0].message.find("30 more matches of FW-SECRET-022"), std::string::npos)
        << found[0].message;
}

}  // namespace
}  // namespace iotconform::firmware
