// A conformance statement table as read from a document (reStructuredText, Markdown, CSV
// or rendered text), before it is mapped onto the standard: cells as written, with the
// line each row starts on.
#pragma once

#include <string>
#include <vector>

#include "diagnostics/diagnostic.hpp"

namespace iotconform::document {

struct TableRow {
    int line = 0;  // where the row starts in the document, from 1
    std::string reference;
    std::string description;
    std::string status;
    std::string support;
    std::string detail;
    // The clause of the section the row stands in, when the document has one (a Markdown
    // heading "### 5.1 ..."): a row under the wrong clause is reported.
    std::string section_clause;
};

// A "key: value" row of the tables export writes beside Table B.1: the product's
// identity ("Field | Value") and its condition and feature answers ("Key | ... | Answer").
struct Setting {
    int line = 0;
    std::string key;
    std::string value;
};

struct Table {
    std::vector<TableRow> rows;
    std::vector<Setting> identity;
    std::vector<Setting> answers;
    std::vector<diagnostics::Diagnostic> diagnostics;  // problems found while reading
};

// A detail's last line that lists evidence references, as export writes it.
inline constexpr std::string_view k_evidence_prefix = "Evidence: ";

// The document forms import reads.
enum class Format { rst, markdown, csv, text };

// "rst", "md", "csv", "text".
std::string_view to_string(Format format);

// The form a file is in, from its name (.rst, .md/.markdown, .csv, .txt) or, failing
// that, its content (a list-table directive, pipe tables, commas in the first line).
Format guess_format(std::string_view file_name, std::string_view content);

// Which column of a table a header cell names, matched leniently ("Ref.", "Reference",
// "Provision" -> reference; "Supported?" -> support; "Comment"/"Details" -> detail).
enum class Column { reference, description, status, support, detail, other };
Column column_of(std::string_view header);

// Checks a table's columns: two columns for the same field is an error (IMP009: which
// one holds the detail?), a column iotconform does not read is a warning (IMP013), so
// nothing is dropped silently. Returns false after an error.
bool check_columns(const std::vector<std::string>& header, const std::vector<Column>& columns,
                   const std::string& path, int line, Table& table);

// When `header` names a settings table (identity: "Field" and "Value"; answers: "Key"
// and "Answer"), stores its rows in `table` and returns true.
bool read_settings(const std::vector<std::string>& header,
                   const std::vector<std::pair<int, std::vector<std::string>>>& rows, Table& table);

// Reads the Table B.1 table(s) of a document. Each reader takes the bytes and the path
// (for positions only), never fails outright, and reports what it could not read.
Table read_rst(std::string_view text, const std::string& path);
Table read_markdown(std::string_view text, const std::string& path);
Table read_csv(std::string_view text, const std::string& path);
Table read_text(std::string_view text, const std::string& path);
Table read_table(Format format, std::string_view text, const std::string& path);

}  // namespace iotconform::document
