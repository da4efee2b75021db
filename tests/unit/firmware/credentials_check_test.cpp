// Tests for the credentials check: each rule on a crafted passwd/shadow/htpasswd file, and
// a clean Debian-style pair that gives no finding. Hashes were made with `openssl passwd`
// and libxcrypt's crypt(3).
#include "firmware/credentials_check.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "check_support.hpp"

namespace iotconform::firmware {
namespace {

using File = testing::TextFile;

std::vector<judge::Finding> run(const std::vector<File>& files) {
    return testing::findings_of<CredentialsCheck>(files);
}

// "RULE location" of each finding, sorted, so a test states the whole outcome at once.
std::vector<std::string> summary(const std::vector<judge::Finding>& findings) {
    std::vector<std::string> lines;
    for (const judge::Finding& finding : findings) {
        lines.push_back(finding.rule_id + " " + finding.location);
    }
    std::sort(lines.begin(), lines.end());
    return lines;
}

using Lines = std::vector<std::string>;

const std::string k_passwd =
    "root:x:0:0:root:/root:/bin/bash\n"
    "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
    "support:x:0:0::/root:/bin/sh\n"
    "guest:x:1000:1000::/home/guest:/bin/sh\n"
    "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n";

TEST(CredentialsCheck, FindsThePlantedFaults) {
    const std::string shadow =
        "root:$6$plantedsalt$jwxqTqfMPA6FhfjJd2PKs78HlNsmelCKhde6RQTmqSagsFhndTrZxfyP2IF5MPf9vRGZ"
        "cv/OMYmLLNeDQYRxP1:19000:0:99999:7:::\n"
        "daemon:*:19000:0:99999:7:::\n"
        "support:$1$xy$ki4.ClirrigImgC38kStq0:19000:0:99999:7:::\n"
        "guest::19000:0:99999:7:::\n"
        "www-data:*:19000:0:99999:7:::\n";
    const std::vector<judge::Finding> findings =
        run({{"etc/passwd", k_passwd}, {"etc/shadow", shadow}});
    EXPECT_EQ(summary(findings), (Lines{"FW-CRED-001 etc/shadow:4", "FW-CRED-002 etc/shadow:1",
                                        "FW-CRED-002 etc/shadow:3", "FW-CRED-003 etc/shadow:3",
                                        "FW-CRED-004 etc/passwd:3"}));
    for (const judge::Finding& finding : findings) {
        EXPECT_EQ(finding.source, "firmware");
        if (finding.location == "etc/shadow:1") {
            EXPECT_NE(finding.message.find("'root' has the password 'admin'"), std::string::npos);
            EXPECT_EQ(finding.provisions, std::vector<std::string>{"5.1-1"});
            EXPECT_EQ(finding.effect, judge::Effect::contradicts);
        }
        if (finding.rule_id == "FW-CRED-003") {
            EXPECT_NE(finding.message.find("MD5 crypt"), std::string::npos);
        }
    }
}

TEST(CredentialsCheck, ACleanSystemGivesNothing) {
    const std::string shadow =
        "root:*:19000:0:99999:7:::\n"
        "daemon:*:19000:0:99999:7:::\n"
        "support:!:19000:0:99999:7:::\n"
        "guest:$5$s0mesalt$GGYmxis10jaqJJw0RuCzEao9qrlEdQ7Gb/MJJEs1NI4:19000:0:99999:7:::\n"
        "www-data:*:19000:0:99999:7:::\n";
    std::string passwd = k_passwd;
    passwd.replace(passwd.find("support:x:0:0"), 13, "support:x:9:9");
    EXPECT_EQ(summary(run({{"etc/passwd", passwd}, {"etc/shadow", shadow}})), Lines{});
}

TEST(CredentialsCheck, EverySchemeLibxcryptKnowsIsGuessed) {
    const std::string shadow =
        "a:abWMpd9uBwR.g:1::::::\n"                                                 // DES, "1234"
        "b:$2b$05$abcdefghijklmnopqrstuuZpG8uxhUMXYyRiRoTQtujVv2v76mJQi:1::::::\n"  // changeme
        "c:$y$j9T$V11mkz1OZlKmtxvQ.HntM/$aXFKRHQzIPMlkWZPPO9CGyv/TjLHWvgg02dXRLPwPY7:1::::::\n";
    const std::vector<judge::Finding> findings = run({{"rootfs!/etc/shadow", shadow}});
    EXPECT_EQ(summary(findings),
              (Lines{"FW-CRED-002 rootfs!/etc/shadow:1", "FW-CRED-002 rootfs!/etc/shadow:2",
                     "FW-CRED-002 rootfs!/etc/shadow:3", "FW-CRED-003 rootfs!/etc/shadow:1"}));
}

TEST(CredentialsCheck, HashesInPasswdItselfAndAccountsWithoutShadowEntries) {
    const std::string passwd =
        "root:$1$xy$ki4.ClirrigImgC38kStq0:0:0:root:/root:/bin/sh\n"  // "support"
        "admin::0:0::/:/bin/sh\n"
        "lost:x:1000:1000::/home/lost:/bin/sh\n";
    EXPECT_EQ(summary(run({{"etc/passwd", passwd}, {"etc/shadow", "root:*:1::::::\n"}})),
              (Lines{"FW-CRED-001 etc/passwd:2", "FW-CRED-002 etc/passwd:1",
                     "FW-CRED-003 etc/passwd:1", "FW-CRED-004 etc/passwd:2",
                     "FW-CRED-005 etc/passwd:3", "FW-CRED-006 etc/passwd:1"}));
}

TEST(CredentialsCheck, HtpasswdFilesPlainTextAndUnsaltedSha1) {
    const std::string htpasswd =
        "admin:admin\n"                               // plain text, and a default
        "viewer:{SHA}0DPiKuNIrrVmD8IUCuw1hQxNqZc=\n"  // SHA-1 of "admin"
        "owner:$2b$05$abcdefghijklmnopqrstuuZpG8uxhUMXYyRiRoTQtujVv2v76mJQi\n";
    EXPECT_EQ(summary(run({{"www/.htpasswd", htpasswd}})),
              (Lines{"FW-CRED-002 www/.htpasswd:2", "FW-CRED-002 www/.htpasswd:3",
                     "FW-CRED-003 www/.htpasswd:2", "FW-CRED-007 www/.htpasswd:1"}));
}

TEST(CredentialsCheck, BinaryOrMalformedFilesNamedPasswdGiveNothing) {
    std::string binary(300, '\0');
    binary += "root::0:0";
    EXPECT_EQ(summary(run({{"usr/bin/passwd", binary}, {"etc/shadow", std::string(5000, ':')}})),
              Lines{});
}

TEST(AccountFiles, SchemesAreNamed) {
    EXPECT_EQ(scheme_of(""), HashScheme::empty);
    EXPECT_EQ(scheme_of("!"), HashScheme::locked);
    EXPECT_EQ(scheme_of("!$6$x$y"), HashScheme::locked);
    EXPECT_EQ(scheme_of("*"), HashScheme::locked);
    EXPECT_EQ(scheme_of("abWMpd9uBwR.g"), HashScheme::des);
    EXPECT_EQ(scheme_of("$1$xy$ki4.ClirrigImgC38kStq0"), HashScheme::md5);
    EXPECT_EQ(scheme_of("$6$s$h"), HashScheme::sha512);
    EXPECT_EQ(scheme_of("$y$j9T$s$h"), HashScheme::yescrypt);
    EXPECT_EQ(scheme_of("hunter2"), HashScheme::plain);
    EXPECT_TRUE(is_weak(HashScheme::des));
    EXPECT_FALSE(is_weak(HashScheme::yescrypt));
    EXPECT_FALSE(password_matches("admin", "$apr1$abc$def"));
    EXPECT_FALSE(password_matches("x", "*"));
}

TEST(AccountFiles, GuessCostComesFromTheHashParameters) {
    // Every scheme's default and the costs people choose are tried.
    for (const char* tried :
         {"abWMpd9uBwR.g", "_J9..3hEbabcdefghijk", "$1$xy$ki4.ClirrigImgC38kStq0", "$6$s$h",
          "$6$rounds=656000$s$h", "$5$rounds=1000$s$h", "$2b$12$abc", "$y$j9T$s$h", "$y$jCT$s$h",
          "$gy$j9T$s$h", "$7$CU..../....salt$h", "$md5,rounds=66290$s$h", "$sha1$243384$s$h"}) {
        EXPECT_EQ(guess_cost(tried).refusal, "") << tried;
    }
    EXPECT_LT(guess_cost("$y$j9T$s$h").units, guess_cost("$y$jAT$s$h").units);
    EXPECT_NEAR(guess_cost("$2b$12$abc").units, 213, 1);
    // Beyond the per-guess limit, or parameters that cannot be bounded.
    for (const char* refused :
         {"$2b$13$abc", "$2y$31$abc", "$2b$xx$abc", "$6$rounds=999999999$s$h",
          "$6$rounds=99999999999999999999999$s$h", "$y$jDT$s$h", "$y$jzz$s$h", "$y$$s$h",
          "$7$zz..../....salt$h", "$md5,rounds=4294967295$s$h", "$md5$rounds=4294963199$s$$h",
          "$sha1$4294967295$s$h", "_zzzzabcdefghijklmno"}) {
        EXPECT_NE(guess_cost(refused).refusal, "") << refused;
    }
    EXPECT_NE(guess_cost("$2b$31$abc").refusal.find("bcrypt cost 31"), std::string::npos);
}

TEST(CredentialsCheck, HashesTooCostlyToGuessAreNamedNotTried) {
    // Each of these would stall a scan for hours if crypt were called on it.
    const std::string shadow =
        "a:$2b$31$abcdefghijklmnopqrstuuZpG8uxhUMXYyRiRoTQtujVv2v76mJQi:1::::::\n"
        "b:$6$rounds=999999999$salt$hash:1::::::\n"
        "c:$y$jzT$V11mkz1OZlKmtxvQ.HntM/$aXFKRHQzIPMlkWZPPO9CGyv/TjLHWvgg02dXRLPwPY7:1::::::\n"
        "d:abWMpd9uBwR.g:1::::::\n";  // DES of "1234": still guessed
    const testing::Result result = [&] {
        CredentialsCheck check;
        testing::feed(check, testing::file("etc/shadow"), shadow);
        return testing::finish(check);
    }();
    EXPECT_EQ(summary(result.findings),
              (Lines{"FW-CRED-002 etc/shadow:4", "FW-CRED-003 etc/shadow:4"}));
    Lines untried;
    for (const diagnostics::Diagnostic& d : result.diagnostics) {
        EXPECT_EQ(d.code, "FW090");
        EXPECT_EQ(d.severity, diagnostics::Severity::warning);
        untried.push_back(d.position.to_string());
    }
    EXPECT_EQ(untried, (Lines{"etc/shadow:1", "etc/shadow:2", "etc/shadow:3"}));
    EXPECT_NE(result.diagnostics[0].message.find("'a'"), std::string::npos);
}

TEST(CredentialsCheck, AnImageWithThousandsOfHashesIsSampledAndSaysSo) {
    std::string shadow;
    for (int i = 0; i < 300; ++i) {
        shadow += "user" + std::to_string(i) + ":abWMpd9uBwR.g:1::::::\n";
    }
    CredentialsCheck check;
    testing::feed(check, testing::file("etc/shadow"), shadow);
    const testing::Result result = testing::finish(check);
    EXPECT_EQ(result.of("FW-CRED-002").size(), 256U);
    ASSERT_EQ(result.diagnostics.size(), 11U);  // ten named, then a count
    EXPECT_EQ(result.diagnostics[0].position.to_string(), "etc/shadow:257");
    EXPECT_NE(result.diagnostics[0].message.find("only the first 256"), std::string::npos);
    EXPECT_NE(result.diagnostics[10].message.find("34 more"), std::string::npos);
}

}  // namespace
}  // namespace iotconform::firmware
