// Tests for the kernel configuration readers, the rule loader and the evaluator.
#include <gtest/gtest.h>

#include "kconfig/check.hpp"
#include "kconfig/config.hpp"
#include "kconfig/gzip.hpp"
#include "kconfig/params.hpp"
#include "kconfig/rules.hpp"

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

}  // namespace
}  // namespace iotconform::kconfig
