// Line-level helpers shared by the document readers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "document/table.hpp"

namespace iotconform::document {

struct Line {
    int number = 0;  // from 1
    std::string text;
};
using Lines = std::vector<Line>;

// The lines of `text`, without their line-break characters (LF or CRLF), leading tabs
// expanded to spaces at multiples of 8 columns, as reStructuredText reads them.
Lines split_lines(std::string_view text);

// Count of leading spaces (tabs are already expanded by split_lines).
std::size_t indent_of(std::string_view line);

// Stores `value` in the field of `row` that `column` names; other columns are ignored.
void assign(TableRow& row, Column column, std::string value);

}  // namespace iotconform::document
