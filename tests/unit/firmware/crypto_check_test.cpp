// Tests for the crypto check: version identification, end of life and weak settings.
#include "firmware/crypto_check.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "firmware/check_support.hpp"
#include "firmware/tls_settings.hpp"

namespace iotconform::firmware {
namespace {

using diagnostics::Severity;
using testing::feed;
using testing::file;
using testing::finish;
using testing::Result;
using Provisions = std::vector<std::string>;

constexpr const char* k_today = "2026-12-03";

Result run_one(const std::string& path, const std::string& content) {
    CryptoCheck check(testing::v3(), k_today);
    feed(check, file(path), content);
    return finish(check);
}

std::string elf(const std::string& strings) {
    return std::string(
               "\x7f"
               "ELF\x02\x01\x01",
               7) +
           std::string(57, '\0') + strings;
}

// The planted faults of the end-to-end test, line for line.
TEST(CryptoCheck, PlantedLighttpdMinProtocol) {
    const Result result = run_one("etc/lighttpd/conf.d/ssl.conf",
                                  "ssl.engine = \"enable\"\n"
                                  "ssl.openssl.ssl-conf-cmd = (\"MinProtocol\" => \"TLSv1\")\n");
    const auto weak = result.of("FW-TLS-001");
    ASSERT_EQ(weak.size(), 1u) << testing::describe(result.findings);
    EXPECT_EQ(weak[0].severity, Severity::error);
    EXPECT_EQ(weak[0].provisions, (Provisions{"5.5-1"}));
    EXPECT_EQ(weak[0].location, "etc/lighttpd/conf.d/ssl.conf:2");
    EXPECT_NE(weak[0].message.find("TLS 1.0, TLS 1.1"), std::string::npos);
}

TEST(CryptoCheck, PlantedOpensslCnfMinProtocol) {
    const Result result = run_one("etc/ssl/openssl.cnf",
                                  "openssl_conf = openssl_init\n[system_default_sect]\n"
                                  "MinProtocol = TLSv1.0\nCipherString = DEFAULT@SECLEVEL=2\n");
    const auto weak = result.of("FW-TLS-001");
    ASSERT_EQ(weak.size(), 1u) << testing::describe(result.findings);
    EXPECT_EQ(weak[0].location, "etc/ssl/openssl.cnf:3");
    EXPECT_EQ(weak[0].provisions, (Provisions{"5.5-1"}));
    EXPECT_EQ(result.findings.size(), 1u);
}

TEST(CryptoCheck, PlantedMosquittoTlsVersion) {
    const Result result = run_one("etc/mosquitto/mosquitto.conf",
                                  "listener 8883\n#tls_version tlsv1\ntls_version tlsv1\n");
    const auto weak = result.of("FW-TLS-001");
    ASSERT_EQ(weak.size(), 1u) << testing::describe(result.findings);
    EXPECT_EQ(weak[0].location, "etc/mosquitto/mosquitto.conf:3");
    EXPECT_EQ(weak[0].severity, Severity::error);
}

// The effective lines of Debian 12's /etc/ssl/openssl.cnf (openssl 3.0.x).
TEST(CryptoCheck, DebianOpensslCnfGivesNothing) {
    EXPECT_TRUE(run_one("etc/ssl/openssl.cnf",
                        "HOME\t\t\t= .\nopenssl_conf = openssl_init\nconfig_diagnostics = 1\n"
                        "[openssl_init]\n# providers = provider_sect\n[ CA_default ]\n"
                        "private_key\t= $dir/private/cakey.pem# The private key\n"
                        "default_md\t= default\t\t# use public key default MD\n"
                        "[ req ]\ndefault_bits\t\t= 2048\n#MinProtocol = TLSv1\n")
                    .findings.empty());
    std::ifstream host("/etc/ssl/openssl.cnf");
    if (host) {  // the machine's own, when it has one
        std::stringstream content;
        content << host.rdbuf();
        const Result result = run_one("etc/ssl/openssl.cnf", content.str());
        EXPECT_TRUE(result.serious().empty()) << testing::describe(result.findings);
    }
}

TEST(CryptoCheck, CipherListsWithBrokenSuites) {
    EXPECT_EQ(weak_cipher_entries("HIGH:!aNULL:!MD5:RC4-SHA:DES-CBC3-SHA"),
              (std::vector<std::string>{"RC4-SHA", "DES-CBC3-SHA"}));
    EXPECT_EQ(weak_cipher_entries("DEFAULT@SECLEVEL=0"),
              (std::vector<std::string>{"DEFAULT@SECLEVEL=0"}));
    EXPECT_TRUE(weak_cipher_entries("ECDHE+AESGCM:!aNULL:!eNULL:!EXPORT:!RC4").empty());
    EXPECT_TRUE(weak_cipher_entries("EECDH+AESGCM:EDH+AESGCM:!RC4").empty());
    const Result result =
        run_one("etc/nginx/sites-enabled/default", "ssl_ciphers 'EXP-RC4-MD5:HIGH';\n");
    ASSERT_EQ(result.of("FW-TLS-002").size(), 1u) << testing::describe(result.findings);
    EXPECT_EQ(result.of("FW-TLS-002")[0].provisions, (Provisions{"5.5-1"}));
}

TEST(CryptoCheck, ProtocolListsOfEachServer) {
    EXPECT_EQ(run_one("etc/nginx/nginx.conf", "ssl_protocols TLSv1 TLSv1.1 TLSv1.2;\n")
                  .of("FW-TLS-001")
                  .size(),
              1u);
    EXPECT_TRUE(
        run_one("etc/nginx/nginx.conf", "ssl_protocols TLSv1.2 TLSv1.3;\n").findings.empty());
    EXPECT_EQ(run_one("etc/apache2/mods-enabled/ssl.conf", "SSLProtocol all -SSLv3\n")
                  .of("FW-TLS-001")
                  .size(),
              1u);
    EXPECT_TRUE(
        run_one("etc/apache2/mods-enabled/ssl.conf", "SSLProtocol all -SSLv3 -TLSv1 -TLSv1.1\n")
            .findings.empty());
    EXPECT_EQ(run_one("etc/lighttpd/lighttpd.conf", "ssl.use-sslv3 = \"enable\"\n")
                  .of("FW-TLS-001")
                  .size(),
              1u);
    EXPECT_TRUE(
        run_one("etc/lighttpd/lighttpd.conf", "ssl.use-sslv3 = \"disable\"\n").findings.empty());
    EXPECT_EQ(run_one("etc/stunnel/stunnel.conf", "sslVersion = SSLv3\n").of("FW-TLS-001").size(),
              1u);
    EXPECT_TRUE(run_one("etc/stunnel/stunnel.conf", "sslVersionMin = TLSv1.2\n").findings.empty());
    EXPECT_TRUE(run_one("etc/mosquitto/mosquitto.conf", "tls_version tlsv1.2\n").findings.empty());
}

TEST(CryptoCheck, ProtocolRanks) {
    EXPECT_EQ(protocol_rank("SSLv3"), 1);
    EXPECT_EQ(protocol_rank("TLSv1"), 2);
    EXPECT_EQ(protocol_rank("tlsv1.1"), 3);
    EXPECT_EQ(protocol_rank("TLSv1_2"), 4);
    EXPECT_FALSE(protocol_rank("DTLSv1.2x"));
}

TEST(CryptoCheck, WeakSshAlgorithms) {
    const Result result = run_one("etc/ssh/sshd_config",
                                  "Ciphers +arcfour,aes128-ctr\nMACs hmac-sha2-256\n"
                                  "KexAlgorithms -diffie-hellman-group1-sha1\n"
                                  "#MACs hmac-md5\nKexAlgorithms diffie-hellman-group1-sha1\n");
    const auto weak = result.of("FW-CRYPTO-003");
    ASSERT_EQ(weak.size(), 2u) << testing::describe(result.findings);
    EXPECT_EQ(weak[0].location, "etc/ssh/sshd_config:1");
    EXPECT_EQ(weak[1].location, "etc/ssh/sshd_config:5");
    EXPECT_EQ(weak[0].provisions, (Provisions{"5.5-1"}));
}

TEST(CryptoCheck, VersionStringsOfEachComponent) {
    using namespace std::string_view_literals;
    const auto found = find_versions(
        "xx OpenSSL 1.1.1w  11 Sep 2023\0OpenSSH_9.2p1 Debian\0BusyBox v1.36.1 (2023)\0"
        "mbed TLS 2.16.0\0wolfSSL 4.8.1\0GnuTLS 3.7.9\0SSH-2.0-dropbear_2022.83\0LibreSSL 3.8.2"sv);
    std::map<std::string, std::string> versions;
    for (const auto& [version, offset] : found) {
        versions[version.product] = version.version;
    }
    EXPECT_EQ(versions["OpenSSL"], "1.1.1w");
    EXPECT_EQ(versions["OpenSSH"], "9.2p1");
    EXPECT_EQ(versions["BusyBox"], "1.36.1");
    EXPECT_EQ(versions["Mbed TLS"], "2.16.0");
    EXPECT_EQ(versions["wolfSSL"], "4.8.1");
    EXPECT_EQ(versions["GnuTLS"], "3.7.9");
    EXPECT_EQ(versions["Dropbear"], "2022.83");
    EXPECT_EQ(versions["LibreSSL"], "3.8.2");
    EXPECT_TRUE(find_versions("OpenSSL support, OpenSSL %s, OpenSSL 3").empty());
}

TEST(CryptoCheck, EndOfLifeLibraryIsAWarningUnder552) {
    const Result result =
        run_one("usr/lib/libcrypto.so.1.1", elf(std::string("OpenSSL 1.1.1w  11 Sep 2023", 27)));
    const auto eol = result.of("FW-CRYPTO-001");
    ASSERT_EQ(eol.size(), 1u) << testing::describe(result.findings);
    EXPECT_EQ(eol[0].severity, Severity::warning);
    EXPECT_EQ(eol[0].provisions, (Provisions{"5.5-2"}));
    EXPECT_EQ(eol[0].location, "usr/lib/libcrypto.so.1.1@0x40");
    EXPECT_NE(eol[0].message.find("2023-09-11"), std::string::npos);
}

TEST(CryptoCheck, SupportedOrUnknownVersionsAreNotes) {
    const Result result = run_one("usr/lib/libssl.so.3", elf("OpenSSL 3.5.1 1 Jul 2025"));
    ASSERT_EQ(result.of("FW-CRYPTO-002").size(), 1u) << testing::describe(result.findings);
    EXPECT_EQ(result.of("FW-CRYPTO-002")[0].severity, Severity::note);
    EXPECT_TRUE(run_one("bin/busybox", elf("BusyBox v1.36.1 (2024-01-01)")).serious().empty());
    EXPECT_TRUE(run_one("usr/share/doc/libssl", "OpenSSL 1.0.2k").findings.empty());  // not ELF
    EXPECT_TRUE(run_one("usr/bin/ls", elf("OpenSSL 1.0.2k")).findings.empty());  // not a candidate
}

TEST(CryptoCheck, LibraryNameGivesTheBranchWhenNoStringIsFound) {
    const Result result = run_one("lib/libssl.so.1.0.2", elf("nothing here"));
    ASSERT_EQ(result.of("FW-CRYPTO-001").size(), 1u) << testing::describe(result.findings);
    EXPECT_EQ(result.of("FW-CRYPTO-001")[0].location, "lib/libssl.so.1.0.2");
}

TEST(CryptoCheck, MbedTls2IsPastEndOfLife) {
    EXPECT_EQ(
        run_one("usr/lib/libmbedtls.so.12", elf("mbed TLS 2.16.0")).of("FW-CRYPTO-001").size(), 1u);
    EXPECT_TRUE(run_one("usr/lib/libmbedtls.so.21", elf("Mbed TLS 3.6.2")).serious().empty());
}

TEST(CryptoCheck, DebianKeepsOpenSsl30Supported) {
    CryptoCheck check(testing::v3(), k_today);
    feed(check, file("usr/lib/x86_64-linux-gnu/libcrypto.so.3"), elf("OpenSSL 3.0.17 1 Jul 2025"));
    feed(check, file("usr/lib/os-release"),
         "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
         "VERSION_ID=\"12\"\nID=debian\n");
    const Result debian = finish(check);
    EXPECT_TRUE(debian.serious().empty()) << testing::describe(debian.findings);
    ASSERT_EQ(debian.of("FW-CRYPTO-002").size(), 1u);
    EXPECT_NE(debian.of("FW-CRYPTO-002")[0].message.find("2028-06-30"), std::string::npos);
    EXPECT_EQ(run_one("usr/lib/libcrypto.so.3", elf("OpenSSL 3.0.17 1 Jul 2025"))
                  .of("FW-CRYPTO-001")
                  .size(),
              1u);
}

TEST(CryptoRules, BuiltInRulesLoad) {
    EXPECT_EQ(crypto_rules().rules().size(), 5u);
}

}  // namespace
}  // namespace iotconform::firmware
