// Escaping text for the output formats iotconform writes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace iotconform::util {

// Text for a terminal or a plain-text report: control characters (other than tab and
// line feed when `keep_lines`) and bytes that are not UTF-8 are shown as \xNN, and C1
// controls, bidirectional overrides and line separators as \uXXXX, so text from an image
// or a statement cannot recolour, clear, reorder or forge lines of the user's terminal.
std::string printable(std::string_view text, bool keep_lines = false);

// Escapes &, <, >, " and ' for HTML text and attribute values; control characters other
// than tab, line feed and carriage return (not allowed in HTML) are shown as \xNN.
std::string html_escape(std::string_view text);

// One CSV field (RFC 4180): quoted when it holds a comma, quote, or line break.
std::string csv_field(std::string_view text);

// A CSV field for files opened in spreadsheets: as csv_field, and a value that a
// spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.
std::string spreadsheet_field(std::string_view text);

// Text for one Markdown table cell: pipes escaped, line breaks as <br>, '<' escaped
// except in autolinks, so a multi-line detail stays in its cell and no HTML passes.
enum class Html {
    escape,   // reports: a statement's text never becomes HTML
    keep,     // exports: the user's own page, written back as the user wrote it
    literal,  // evidence: text from an image or a tool; Markdown markup is escaped too
              // (links, emphasis, code), so nothing in it becomes a link or formatting
};
std::string markdown_cell(std::string_view text, Html html = Html::escape);

// A double-quoted YAML scalar: quotes, backslashes and control characters escaped, UTF-8
// passed through, so any text survives a round trip through a YAML parser.
std::string yaml_quoted(std::string_view text);

// A relative URI reference for a file path (RFC 3986): unreserved characters and '/'
// stay, everything else is percent-encoded, so spaces, '#' and '%' cannot break it.
std::string uri_path(std::string_view path);

// `value` as indented JSON text with a final newline. A byte that is not UTF-8 (a file
// name from the command line can hold any) becomes U+FFFD instead of failing the output.
std::string json_text(const nlohmann::json& value);

}  // namespace iotconform::util
