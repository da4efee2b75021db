// Tests for the kernel configuration readers, the rule loader and the evaluator.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <array>
#include <climits>

#include "kconfig/check.hpp"
#include "kconfig/config.hpp"
#include "kconfig/gzip.hpp"
#include "kconfig/params.hpp"
#include "kconfig/rules.hpp"
#include "kconfig/session.hpp"
#include "util/limits.hpp"

namespace iotconform::kconfig {
namespace {

TEST(Config, ReadsHeaderOptionsAndQuotes) {
    const ConfigLoad load = parse_config(
        "# Linux/arm64 6.1.55-rc1 Kernel Configuration\nCONFIG_ARM64=y\n"
        "CONFIG_LSM=\"yama,\\\"x\\\"\"\n# CONFIG_KALLSYMS is not set\n",
        "c");
    ASSERT_TRUE(load.config);
    EXPECT_EQ(load.config->family, Family::linux_kernel);
    EXPECT_EQ(load.config->arch, "arm64");
    EXPECT_EQ(load.config->version, (Version{6, 1, 55}));
    EXPECT_EQ(load.config->find("CONFIG_LSM")->value, "yama,\"x\"");
    EXPECT_TRUE(load.config->find("CONFIG_KALLSYMS")->not_set);
    EXPECT_EQ(load.config->find("CONFIG_KALLSYMS")->line, 4);
}

TEST(Config, ConflictingDuplicateIsAnErrorWithBothLines) {
    const ConfigLoad load = parse_config("CONFIG_A=y\nCONFIG_A=m\n", "c");
    EXPECT_FALSE(load.config);
    ASSERT_EQ(load.diagnostics.size(), 1u);
    EXPECT_EQ(load.diagnostics[0].code, "KC002");
    EXPECT_EQ(load.diagnostics[0].position.line, 2);
    EXPECT_NE(load.diagnostics[0].message.find("line 1"), std::string::npos);
}

TEST(Config, SameDuplicateIsOnlyAWarning) {
    const ConfigLoad load = parse_config("CONFIG_A=y\nCONFIG_A=y\n", "c");
    ASSERT_TRUE(load.config);
    EXPECT_EQ(load.diagnostics.at(0).code, "KC003");
}

TEST(Config, RefusesGarbageLinesAndBinary) {
    EXPECT_EQ(parse_config("CONFIG_A=y\nhello\n", "c").diagnostics.at(0).position.line, 2);
    EXPECT_EQ(read_config(std::string("\x7f"
                                      "ELF\0\0",
                                      6),
                          "img")
                  .diagnostics.at(0)
                  .code,
              "KC005");
}

TEST(Config, ZephyrDetectedFromItsSymbols) {
    const ConfigLoad load = parse_config("CONFIG_BOARD=\"qemu_x86\"\nCONFIG_X86=y\n", "z");
    ASSERT_TRUE(load.config);
    EXPECT_EQ(load.config->family, Family::zephyr);
    EXPECT_EQ(load.config->arch, "x86_32");
}

TEST(Gzip, TruncatedStreamIsNamed) {
    // "CONFIG_A=y\n" compressed, cut in the middle of the deflate data.
    const std::string truncated("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x73\xf6", 12);
    const Inflated inflated = gunzip(truncated, 1024);
    EXPECT_FALSE(inflated.data);
    EXPECT_NE(inflated.error.find("ends early"), std::string::npos);
}

TEST(Params, CmdlineKeepsTheLastValueAndFlags) {
    const ParameterLoad load = parse_cmdline("slub-debug=ZF quiet slub_debug=P -- init=1", "l");
    ASSERT_TRUE(load.parameters);
    EXPECT_EQ(load.parameters->at("slub_debug").value, "P");
    EXPECT_TRUE(load.parameters->at("quiet").flag);
    EXPECT_EQ(load.parameters->count("init"), 0u);
}

TEST(Params, SysctlJoinsMultiLineValuesAndRefusesOtherLines) {
    const ParameterLoad load = parse_sysctl("a.b = 1\nx/y = two\nx/y = lines\n", "s");
    ASSERT_TRUE(load.parameters);
    EXPECT_EQ(load.parameters->at("x.y").value, "two\nlines");
    EXPECT_EQ(parse_sysctl("a.b = 1\nnot a line\n", "s").diagnostics.at(0).position.line, 2);
}

constexpr const char* k_rules = R"(family: linux
groups:
  - title: t
    defaults: {profile: baseline, provisions: [5.6-8]}
    rules:
      - {id: R1, kconfig: CONFIG_A, expect: y, reason: r, or: [{version: 6.0}]}
      - {id: R2, kconfig: CONFIG_B, expect: y, reason: r, and: [{kconfig: CONFIG_A, expect: y}]}
      - {id: R3, kconfig: CONFIG_C, expect: y, reason: r, when: {arch: [riscv]}}
      - {id: R4, kconfig: CONFIG_D, expect: {range: [1, 3]}, reason: r}
      - {id: R5, kconfig: CONFIG_E, expect: y, reason: r}
)";

TEST(Rules, UnknownProvisionFailsTheLoad) {
    const RuleLoad load = load_rules(
        "family: linux\ngroups:\n  - rules:\n      - {id: X, kconfig: CONFIG_X, expect: y, "
        "reason: r, profile: strict, provisions: [5.6-4]}\n",
        "r.yaml");
    EXPECT_FALSE(load.rules);
    ASSERT_FALSE(load.diagnostics.empty());
    EXPECT_NE(load.diagnostics[0].message.find("not in en303645-3.1.3"), std::string::npos);
}

TEST(Rules, BuiltInRuleSetsLoad) {
    EXPECT_GT(builtin_rules(Family::linux_kernel).rules.size(), 300u);
    EXPECT_GT(builtin_rules(Family::zephyr).rules.size(), 30u);
}

TEST(Check, DistinguishesEveryOutcome) {
    const RuleLoad load = load_rules(k_rules, "r.yaml");
    ASSERT_TRUE(load.rules) << (load.diagnostics.empty() ? "" : load.diagnostics[0].message);
    const ConfigLoad config = parse_config(
        "CONFIG_ARM64=y\nCONFIG_A=m\nCONFIG_B=y\nCONFIG_D=2\n# CONFIG_E is not set\n", "c");
    Target target;
    target.config = &*config.config;
    target.arch = "arm64";
    target.version = Version{5, 10, 0};
    std::vector<const Rule*> rules;
    for (const Rule& rule : load.rules->rules) {
        rules.push_back(&rule);
    }
    std::vector<Result> results = check(rules, target);
    ASSERT_EQ(results.size(), 5u);
    EXPECT_EQ(results[0].outcome, Outcome::fail);
    EXPECT_EQ(results[1].outcome, Outcome::fail);  // its requirement CONFIG_A=y does not hold
    EXPECT_NE(results[1].note.find("requires CONFIG_A"), std::string::npos);
    EXPECT_EQ(results[2].outcome, Outcome::not_applicable);
    EXPECT_EQ(results[3].outcome, Outcome::pass);
    EXPECT_EQ(results[4].outcome, Outcome::not_set);
    target.version = Version{6, 1, 0};
    results = check(rules, target);
    EXPECT_EQ(results[0].outcome, Outcome::pass);  // the release alternative holds
    EXPECT_EQ(apply_suppressions(results, {{"R5", "why"}, {"NOPE", "x"}}, rules),
              std::vector<std::string>{"NOPE"});
    EXPECT_EQ(results[4].suppressed, "why");
}

// The messages of `diagnostics`, one per line, for assertion messages and searches.
std::string messages_of(const std::vector<diagnostics::Diagnostic>& diagnostics) {
    std::string text;
    for (const diagnostics::Diagnostic& d : diagnostics) {
        text += d.code + " " + d.position.to_string() + " " + d.message + " | " + d.hint + "\n";
    }
    return text;
}

// `text` as one gzip member (zlib's deflate with the gzip wrapper).
std::string gzip_member(const std::string& text) {
    z_stream stream{};
    EXPECT_EQ(deflateInit2(&stream, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
    std::string out(deflateBound(&stream, static_cast<uLong>(text.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    stream.avail_in = static_cast<uInt>(text.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

TEST(Integer, StrictDecimalAndHexadecimal) {
    EXPECT_EQ(parse_integer("42"), 42);
    EXPECT_EQ(parse_integer("-7"), -7);
    EXPECT_EQ(parse_integer("0x20"), 32);
    EXPECT_EQ(parse_integer("-9223372036854775808"), LLONG_MIN);
    EXPECT_EQ(parse_integer("9223372036854775807"), LLONG_MAX);
    EXPECT_EQ(parse_integer("0x7fffffffffffffff"), LLONG_MAX);
    // A second sign, a sign after 0x, overflow and bare prefixes are not integers (the
    // first was undefined behaviour, the second read as 50 and the third as -32).
    for (const char* bad : {"--9223372036854775808", "--50", "0x-20", "-0x20", "0x", "-", "", "+5",
                            "9223372036854775808", "-9223372036854775809", "12a", "0x1g"}) {
        EXPECT_FALSE(parse_integer(bad)) << bad;
    }
}

TEST(Integer, RuleRangeNamesTheBadBound) {
    const RuleLoad load = load_rules(
        "family: linux\ngroups:\n  - rules:\n      - {id: X, kconfig: CONFIG_X, "
        "expect: {range: ['--50', 100]}, reason: r, profile: strict, provisions: [5.6-8]}\n",
        "r.yaml");
    EXPECT_FALSE(load.rules);
    const std::string text = messages_of(load.diagnostics);
    EXPECT_NE(text.find("'--50' in 'range' is not an integer"), std::string::npos) << text;
    EXPECT_NE(text.find("r.yaml:4:"), std::string::npos) << text;
}

TEST(Integer, DoubleMinusValueFailsARange) {
    const RuleLoad load = load_rules(
        "family: linux\ngroups:\n  - rules:\n      - {id: X, sysctl: a.b, "
        "expect: {range: [1, 100]}, reason: r, profile: strict, provisions: [5.6-8]}\n",
        "r.yaml");
    ASSERT_TRUE(load.rules) << messages_of(load.diagnostics);
    const ParameterLoad sysctl = parse_sysctl("a.b = --50\n", "s");
    ASSERT_TRUE(sysctl.parameters);
    Target target;
    target.sysctl = &*sysctl.parameters;
    target.family = Family::linux_kernel;
    const std::vector<Result> results = check({&load.rules->rules.front()}, target);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].outcome, Outcome::fail);
    EXPECT_NE(results[0].note.find("not an integer"), std::string::npos) << results[0].note;
}

TEST(Gzip, ReadsEveryMemberLikeGunzip) {
    const std::string joined = gzip_member("CONFIG_A=y\n") + gzip_member("CONFIG_B=m\n");
    const Inflated inflated = gunzip(joined, 1024);
    ASSERT_TRUE(inflated.data) << inflated.error;
    EXPECT_EQ(*inflated.data, "CONFIG_A=y\nCONFIG_B=m\n");
    const ConfigLoad load = read_config(joined, "m.gz");
    ASSERT_TRUE(load.config) << messages_of(load.diagnostics);
    ASSERT_NE(load.config->find("CONFIG_B"), nullptr);
    EXPECT_EQ(load.config->find("CONFIG_B")->value, "m");
}

TEST(Gzip, TrailingGarbageIsReportedWithItsOffset) {
    const std::string member = gzip_member("CONFIG_A=y\n");
    const Inflated inflated = gunzip(member + "garbage", 1024);
    EXPECT_FALSE(inflated.data);
    EXPECT_NE(inflated.error.find(fmt::format("byte {}", member.size())), std::string::npos)
        << inflated.error;
    // Zero padding after the stream is ignored, as gunzip does.
    EXPECT_TRUE(gunzip(member + std::string(16, '\0'), 1024).data);
    EXPECT_FALSE(read_config(member + "garbage", "g.gz").config);
}

TEST(Config, TextNamingTheMarkerIsReadAsText) {
    for (const char* text : {"# IKCFG_ST\nCONFIG_A=y\n", "CONFIG_CMDLINE=\"IKCFG_ST\"\n"}) {
        const ConfigLoad load = read_config(text, "c");
        ASSERT_TRUE(load.config) << messages_of(load.diagnostics);
        EXPECT_EQ(load.config->origin, "text");
    }
}

TEST(Config, ByteOrderMarkIsSkipped) {
    const ConfigLoad load = read_config("\xef\xbb\xbf# comment\nCONFIG_A=y\n", "c");
    ASSERT_TRUE(load.config) << messages_of(load.diagnostics);
    ASSERT_NE(load.config->find("CONFIG_A"), nullptr);
    EXPECT_EQ(load.config->find("CONFIG_A")->line, 2);
}

TEST(Config, CarriageReturnLineEndingsAreNamed) {
    const ConfigLoad load = read_config("# c\rCONFIG_A=y\rCONFIG_B=y\r", "c");
    EXPECT_FALSE(load.config);
    EXPECT_NE(messages_of(load.diagnostics).find("CR line endings"), std::string::npos)
        << messages_of(load.diagnostics);
}

TEST(Config, NulInTextIsLocated) {
    const ConfigLoad load = read_config(std::string("CONFIG_A=y\nCONFIG_B=\0y\n", 22), "c");
    EXPECT_FALSE(load.config);
    ASSERT_EQ(load.diagnostics.size(), 1u) << messages_of(load.diagnostics);
    EXPECT_EQ(load.diagnostics[0].code, "KC005");
    EXPECT_EQ(load.diagnostics[0].position.line, 2);
    EXPECT_NE(load.diagnostics[0].message.find("byte 20"), std::string::npos)
        << load.diagnostics[0].message;
}

TEST(Config, LinesThatAreNotOptionsAreNotQuotedAndAreCounted) {
    std::string text = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY\n";
    for (int i = 0; i < 20; ++i) {
        text += fmt::format("token{}=s3cr3tvalue\n", i);
    }
    const ConfigLoad load = parse_config(text, ".env");
    EXPECT_FALSE(load.config);
    const std::string shown = messages_of(load.diagnostics);
    EXPECT_EQ(shown.find("wJalr"), std::string::npos) << shown;
    EXPECT_EQ(shown.find("s3cr3t"), std::string::npos) << shown;
    EXPECT_LE(load.diagnostics.size(), 7u) << shown;
    EXPECT_NE(shown.find(".env:1"), std::string::npos) << shown;
    EXPECT_NE(shown.find("and 16 more lines that are not options"), std::string::npos) << shown;
}

TEST(Config, OptionLimitIsReportedOnceAndCountsDisabledOptions) {
    std::string text;
    for (std::size_t i = 0; i < util::k_max_kernel_options + 500; ++i) {
        text += i % 2 == 0 ? fmt::format("CONFIG_O{}=y\n", i)
                           : fmt::format("# CONFIG_O{} is not set\n", i);
    }
    const ConfigLoad load = parse_config(text, "big");
    EXPECT_FALSE(load.config);
    std::size_t limit_errors = 0;
    for (const diagnostics::Diagnostic& d : load.diagnostics) {
        limit_errors += d.message.find("more than") != std::string::npos ? 1 : 0;
    }
    EXPECT_EQ(limit_errors, 1u) << messages_of(load.diagnostics).substr(0, 400);
}

TEST(Rules, ManyErrorsStopAfterFifty) {
    std::string text =
        "family: linux\ngroups:\n  - &g\n    defaults: {profile: baseline, provisions: "
        "[5.6-8]}\n    rules:\n      - {id: D, kconfig: CONFIG_D, expect: y, reason: r}\n";
    for (int i = 0; i < 2000; ++i) {
        text += "  - *g\n";
    }
    const RuleLoad load = load_rules(text, "dup.yaml");
    EXPECT_FALSE(load.rules);
    EXPECT_LE(load.diagnostics.size(), 51u);
    EXPECT_NE(load.diagnostics.back().message.find("stopped after 50 errors"), std::string::npos)
        << load.diagnostics.back().message;
}

TEST(Version, StrictReleaseNumbers) {
    EXPECT_EQ(parse_version("6.1.0-57-amd64"), (Version{6, 1, 0}));
    EXPECT_EQ(parse_version("6.1.21-v8+"), (Version{6, 1, 21}));
    EXPECT_EQ(parse_version("5.10"), (Version{5, 10, 0}));
    for (const char* bad : {"6.1banana", "999999.1", "6.1.", "6", "6.1.2.3", "6.1000", "v6.1"}) {
        EXPECT_FALSE(parse_version(bad)) << bad;
    }
}

TEST(Version, HeaderWithABadReleaseIsWarned) {
    const ConfigLoad load =
        parse_config("# Linux/x86 6.1banana Kernel Configuration\nCONFIG_X86_64=y\n", "c");
    ASSERT_TRUE(load.config) << messages_of(load.diagnostics);
    EXPECT_FALSE(load.config->version);
    ASSERT_EQ(load.diagnostics.size(), 1u);
    EXPECT_EQ(load.diagnostics[0].code, "KC008");
    EXPECT_EQ(load.diagnostics[0].position.line, 1);
    EXPECT_NE(load.diagnostics[0].message.find("'6.1banana'"), std::string::npos);
}

TEST(Rules, WrongShapesAreRefusedWithAHint) {
    const auto load_one = [](const std::string& extra) {
        return load_rules(
            "family: linux\ngroups:\n  - rules:\n      - {id: X, kconfig: CONFIG_X, expect: y, "
            "reason: r, profile: strict, provisions: [5.6-8], " +
                extra + "}\n",
            "r.yaml");
    };
    const RuleLoad version = load_one("when: {version: '6.1'}");
    EXPECT_FALSE(version.rules);
    EXPECT_NE(messages_of(version.diagnostics).find("{min: 6.1}"), std::string::npos)
        << messages_of(version.diagnostics);
    const RuleLoad boolean = load_one("boolean: [1]");
    EXPECT_FALSE(boolean.rules);
    EXPECT_NE(messages_of(boolean.diagnostics).find("'boolean' must be true or false"),
              std::string::npos)
        << messages_of(boolean.diagnostics);
    const RuleLoad typo = load_one("when: {arhc: [arm64]}");
    EXPECT_NE(messages_of(typo.diagnostics).find("did you mean 'arch'?"), std::string::npos)
        << messages_of(typo.diagnostics);
}

TEST(Suppressions, ControlCharactersUnknownKeysAndDuplicatesAreRefused) {
    std::vector<diagnostics::Diagnostic> found;
    (void)load_suppressions("- {rule: A, reason: \"\\e]0;pwned\\a\\e[2J\"}\n", "s.yaml", found);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].position.file, "s.yaml");
    EXPECT_EQ(found[0].position.line, 1);
    EXPECT_NE(found[0].message.find("control character"), std::string::npos) << found[0].message;

    found.clear();
    (void)load_suppressions("- {rule: A, reason: r, reasn: x}\n", "s.yaml", found);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_NE(found[0].message.find("unknown key 'reasn'"), std::string::npos);
    EXPECT_NE(found[0].hint.find("did you mean 'reason'?"), std::string::npos) << found[0].hint;

    found.clear();
    const std::vector<Suppression> listed =
        load_suppressions("- {rule: A, reason: r}\n- {rule: A, reason: again}\n", "s.yaml", found);
    ASSERT_EQ(found.size(), 1u) << messages_of(found);
    EXPECT_EQ(found[0].position.line, 2);
    EXPECT_NE(found[0].message.find("line 1"), std::string::npos) << found[0].message;
    EXPECT_EQ(listed.size(), 1u);
}

TEST(Params, SysctlLinesThatAreNotKeysAreNotQuotedAndAreCounted) {
    std::string text;
    for (int i = 0; i < 9; ++i) {
        text += "password hunter2\n";
    }
    const ParameterLoad load = parse_sysctl(text, "s");
    EXPECT_FALSE(load.parameters);
    const std::string shown = messages_of(load.diagnostics);
    EXPECT_EQ(shown.find("hunter2"), std::string::npos) << shown;
    EXPECT_EQ(load.diagnostics.size(), 6u) << shown;
    EXPECT_NE(shown.find("and 4 more lines"), std::string::npos) << shown;
}

}  // namespace
}  // namespace iotconform::kconfig
