// Tests for judge::load_findings: the findings format, its errors and its limits.
#include "judge/findings_file.hpp"

#include <gtest/gtest.h>

#include "standard/catalog.hpp"

namespace iotconform::judge {
namespace {

const standard::Standard& v211() {
    return *standard::find_standard("en303645-2.1.1");
}

FindingsLoad load(const std::string& text) {
    return load_findings(text, "f.json", v211());
}

std::string with(const std::string& findings) {
    return R"({"format": "iotconform-findings", "format_version": 1, "findings": [)" + findings +
           "]}";
}

const std::string k_valid =
    R"({"rule_id": "R1", "source": "scan", "provisions": ["Provision 5.1-1", "5.1-1", "5.4-3"],
        "effect": "contradicts", "severity": "warning", "message": "default password",
        "location": "/etc/shadow", "remediation": "remove it"})";

// The PF010 messages of a load, for assertions.
std::string messages(const FindingsLoad& result) {
    std::string text;
    for (const diagnostics::Diagnostic& d : result.diagnostics) {
        text += d.code + " " + d.position.to_string() + " " + d.message + "\n";
    }
    return text;
}

TEST(FindingsFile, ReadsAFindingAndResolvesAndMergesReferences) {
    const FindingsLoad result = load(with(k_valid));
    ASSERT_TRUE(result.diagnostics.empty()) << messages(result);
    ASSERT_EQ(result.findings.size(), 1u);
    const Finding& finding = result.findings[0];
    EXPECT_EQ(finding.provisions, (std::vector<std::string>{"5.1-1", "5.4-3"}));
    EXPECT_EQ(finding.effect, Effect::contradicts);
    EXPECT_EQ(finding.severity, diagnostics::Severity::warning);
    EXPECT_EQ(finding.location, "/etc/shadow");
}

TEST(FindingsFile, SyntaxErrorHasLineAndColumn) {
    const FindingsLoad result =
        load("{\n  \"format\": \"iotconform-findings\",\n  \"findings\": [,]\n}");
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].position.line, 3);
    EXPECT_EQ(result.diagnostics[0].position.column, 16);
}

// Regression: a non-text "format" and a number beyond a double crashed the reader.
TEST(FindingsFile, WrongTypesAndHugeNumbersAreErrorsNotCrashes) {
    for (
        const std::string text : std::vector<std::string>{
            R"({"format": 1, "format_version": 1, "findings": []})",
            R"({"format": null, "format_version": 1, "findings": []})",
            R"({"format": "iotconform-findings", "format_version": 1, "findings": [], "x": 1e400})",
            std::string("[]"), std::string("\"text\"")}) {
        SCOPED_TRACE(text);
        const FindingsLoad result = load(text);
        EXPECT_TRUE(diagnostics::has_errors(result.diagnostics));
    }
}

// Regression: a second "findings" key silently replaced the first.
TEST(FindingsFile, DuplicateKeyIsAnError) {
    const FindingsLoad result =
        load(R"({"format": "iotconform-findings", "format_version": 1, "findings": [)" + k_valid +
             R"(], "findings": []})");
    EXPECT_TRUE(diagnostics::has_errors(result.diagnostics));
    EXPECT_NE(messages(result).find("'findings' is given twice"), std::string::npos)
        << messages(result);
}

TEST(FindingsFile, RequiredTextsMustBeNonEmptyShortAndPrintable) {
    EXPECT_TRUE(diagnostics::has_errors(
        load(with(R"({"rule_id": "", "source": "s", "message": "m", "provisions": ["5.1-1"]})"))
            .diagnostics));
    EXPECT_TRUE(diagnostics::has_errors(
        load(
            with(
                R"({"rule_id": "r", "source": "s", "message": "m\u001b[2J", "provisions": ["5.1-1"]})"))
            .diagnostics));
    const std::string long_message(5000, 'x');
    EXPECT_TRUE(
        diagnostics::has_errors(load(with(R"({"rule_id": "r", "source": "s", "message": ")" +
                                          long_message + R"(", "provisions": ["5.1-1"]})"))
                                    .diagnostics));
}

TEST(FindingsFile, DeepNestingIsRefusedBeforeParsing) {
    const FindingsLoad result = load(std::string(10000, '['));
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_NE(result.diagnostics[0].message.find("nested"), std::string::npos);
}

TEST(FindingsFile, UnknownKeyGetsASuggestion) {
    const FindingsLoad result = load(with(
        R"({"rule_id": "r", "source": "s", "message": "m", "provisions": ["5.1-1"], "efect": "x"})"));
    ASSERT_TRUE(diagnostics::has_errors(result.diagnostics));
    EXPECT_NE(result.diagnostics[0].hint.find("did you mean 'effect'?"), std::string::npos);
}

TEST(FindingsFile, UnicodeDashInAReferenceResolves) {
    const FindingsLoad result =
        load(with("{\"rule_id\": \"r\", \"source\": \"s\", \"message\": \"m\", \"provisions\": "
                  "[\"5.1\u20101\"]}"));
    ASSERT_EQ(result.findings.size(), 1u) << messages(result);
    EXPECT_EQ(result.findings[0].provisions, std::vector<std::string>{"5.1-1"});
}

}  // namespace
}  // namespace iotconform::judge
