// Diagnostics: every problem, remark or finding iotconform reports about a statement,
// with a stable code, a severity, the provision it concerns and where it was found.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace iotconform::diagnostics {

enum class Severity { error, warning, note };

// "error", "warning", "note".
std::string_view to_string(Severity severity);

// A place in an input file. Line and column count from 1; 0 means unknown.
struct SourcePosition {
    std::string file;
    int line = 0;
    int column = 0;

    bool known() const { return line > 0; }
    // "file:line:column", "file:line" or "file", as much as is known.
    std::string to_string() const;
    bool operator==(const SourcePosition&) const = default;
};

struct Diagnostic {
    std::string code;  // stable: "ICS020"; see code_table()
    Severity severity = Severity::error;
    std::string provision;  // canonical provision id, empty when it concerns none
    std::string message;    // what is wrong, in a sentence
    std::string hint;       // what to do about it; may be empty
    SourcePosition position;
};

// One row of the table of every code iotconform emits: the contract behind the codes in
// reports, SARIF rules and the documentation.
struct CodeInfo {
    std::string_view code;
    Severity default_severity;
    std::string_view title;
};

std::span<const CodeInfo> code_table();

// The row for `code`, or null for a code not in the table.
const CodeInfo* find_code(std::string_view code);

// A diagnostic with the table's default severity for `code`.
Diagnostic make(std::string_view code, std::string provision, std::string message,
                std::string hint = {}, SourcePosition position = {});

bool has_errors(const std::vector<Diagnostic>& diagnostics);

// "file:3:5: error[PF004]: message\n  hint: ...": the form printed for bad input, with
// control characters of its parts shown as \xNN (util::printable).
std::string format_for_terminal(const Diagnostic& diagnostic);

}  // namespace iotconform::diagnostics
