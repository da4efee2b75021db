// Escaping text for the output formats iotconform writes.
#pragma once

#include <string>
#include <string_view>

namespace iotconform::util {

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string html_escape(std::string_view text);

// One CSV field (RFC 4180): quoted when it holds a comma, quote, or line break.
std::string csv_field(std::string_view text);

// Text for one Markdown table cell: pipes escaped, line breaks as <br>, so a multi-line
// detail stays in its cell.
std::string markdown_cell(std::string_view text);

}  // namespace iotconform::util
