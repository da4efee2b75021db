// Tests for the diagnostic code table, its documentation and terminal formatting.
#include "diagnostics/diagnostic.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

namespace iotconform::diagnostics {
namespace {

TEST(CodeTable, CodesAreUniqueAndTitled) {
    std::set<std::string_view> seen;
    for (const CodeInfo& info : code_table()) {
        EXPECT_TRUE(seen.insert(info.code).second) << "duplicate code " << info.code;
        EXPECT_FALSE(info.title.empty()) << info.code;
    }
    EXPECT_GE(seen.size(), 20u);
}

// docs/diagnostics.md is the users' reference for the codes: every code with its default
// severity must be there, and nothing that is not a code.
TEST(CodeTable, EveryCodeIsDocumentedWithItsSeverity) {
    std::ifstream stream(std::string(IOTCONFORM_SOURCE_DIR) + "/docs/diagnostics.md");
    ASSERT_TRUE(stream) << "docs/diagnostics.md is missing";
    std::stringstream text;
    text << stream.rdbuf();
    std::size_t rows = 0;
    std::string line;
    while (std::getline(text, line)) {
        if (line.rfind("| PF", 0) == 0 || line.rfind("| ICS", 0) == 0 ||
            line.rfind("| IMP", 0) == 0 || line.rfind("| EVD", 0) == 0 ||
            line.rfind("| KC", 0) == 0 || line.rfind("| FW", 0) == 0) {
            ++rows;
        }
    }
    for (const CodeInfo& info : code_table()) {
        const std::string row = "| " + std::string(info.code) + " | " +
                                std::string(to_string(info.default_severity)) + " |";
        EXPECT_NE(text.str().find(row), std::string::npos) << "docs/diagnostics.md lacks " << row;
    }
    EXPECT_EQ(rows, code_table().size());
}

TEST(Make, UsesTheTableSeverity) {
    EXPECT_EQ(make("ICS013", "5.1-1", "m").severity, Severity::note);
    EXPECT_EQ(make("ICS011", "5.1-1", "m").severity, Severity::warning);
    EXPECT_EQ(make("ICS001", "", "m").severity, Severity::error);
}

TEST(Format, ForTerminalHasPositionCodeProvisionAndHint) {
    const Diagnostic d = make("ICS020", "5.1-1", "declared N/A", "support it", {"p.yaml", 7, 3});
    EXPECT_EQ(format_for_terminal(d),
              "p.yaml:7:3: error[ICS020]: provision 5.1-1: declared N/A\n  hint: support it");
    EXPECT_EQ(SourcePosition({"p.yaml", 7, 0}).to_string(), "p.yaml:7");
    EXPECT_EQ(SourcePosition({"p.yaml", 0, 0}).to_string(), "p.yaml");
}

TEST(Severity, HasErrorsOnlyCountsErrors) {
    EXPECT_FALSE(has_errors({make("ICS011", "5.1-1", "m"), make("ICS013", "5.1-1", "m")}));
    EXPECT_TRUE(has_errors({make("ICS011", "5.1-1", "m"), make("ICS023", "5.1-1", "m")}));
}

}  // namespace
}  // namespace iotconform::diagnostics
