// Reading Table B.1 from Markdown pipe tables, as people write them by hand: a table per
// clause under its heading, bold around references and values, "<br>" for line breaks
// inside a cell, escaped pipes, links. The detail keeps its markup (links stay links).
#include <fmt/format.h>

#include <algorithm>

#include "document/line_reader.hpp"
#include "document/table.hpp"
#include "util/text.hpp"

namespace iotconform::document {

namespace {

namespace dg = diagnostics;

// Cells of a pipe-table row: split at pipes that are not escaped and not inside a code
// span; the outer pipes are optional.
std::vector<std::string> cells_of(std::string_view line) {
    std::string_view body = util::trim(line);
    if (body.starts_with('|')) {
        body.remove_prefix(1);
    }
    if (body.ends_with('|') && !body.ends_with("\\|")) {
        body.remove_suffix(1);
    }
    std::vector<std::string> cells(1);
    bool in_code = false;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c == '\\' && i + 1 < body.size() && body[i + 1] == '|') {
            cells.back() += '|';
            ++i;
        } else if (c == '`') {
            in_code = !in_code;
            cells.back() += c;
        } else if (c == '|' && !in_code) {
            cells.emplace_back();
        } else {
            cells.back() += c;
        }
    }
    for (std::string& cell : cells) {
        cell = std::string(util::trim(cell));
    }
    return cells;
}

bool is_delimiter_row(const std::vector<std::string>& cells) {
    for (const std::string& cell : cells) {
        if (cell.empty() || cell.find_first_not_of("-: ") != std::string::npos ||
            cell.find('-') == std::string::npos) {
            return false;
        }
    }
    return true;
}

// "**5.1-1**" -> "5.1-1": emphasis around a whole value is decoration.
std::string plain(std::string_view text) {
    std::string_view value = util::trim(text);
    for (const std::string_view mark : {"**", "__", "*", "_", "`"}) {
        if (value.size() > 2 * mark.size() && value.starts_with(mark) && value.ends_with(mark)) {
            value = util::trim(value.substr(mark.size(), value.size() - 2 * mark.size()));
        }
    }
    return std::string(value);
}

// "<br>", "<br/>", "<br />" inside a cell are line breaks of the detail.
std::string with_line_breaks(std::string_view text) {
    std::string result;
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool replaced = false;
        for (const std::string_view tag : {"<br />", "<br/>", "<br>", "<BR>"}) {
            if (text.substr(i, tag.size()) == tag) {
                result += '\n';
                i += tag.size() - 1;
                replaced = true;
                break;
            }
        }
        if (!replaced) {
            result += text[i];
        }
    }
    return result;
}

// The clause a heading names ("### 5.1 No universal default passwords" -> "5.1";
// "## Clause 6" -> "6"), or empty.
std::string clause_of_heading(std::string_view line) {
    std::string_view text = util::trim(line);
    while (text.starts_with('#')) {
        text.remove_prefix(1);
    }
    text = util::trim(text);
    if (util::to_lower(text.substr(0, 7)) == "clause ") {
        text.remove_prefix(7);
    }
    std::string number;
    for (const char c : text) {
        if ((c >= '0' && c <= '9') || c == '.') {
            number += c;
        } else {
            break;
        }
    }
    while (number.ends_with('.')) {
        number.pop_back();
    }
    return number;
}

}  // namespace

Table read_markdown(std::string_view text, const std::string& path) {
    Table table;
    const Lines lines = split_lines(text);
    std::string clause;  // of the latest heading
    bool found_any = false;
    // Table rows may leave out the outer pipes (GitHub's tables allow it): any non-blank
    // line with a cell separator continues a table.
    const auto is_row = [&](std::size_t k) {
        return k < lines.size() && !util::trim(lines[k].text).empty() &&
               cells_of(lines[k].text).size() >= 2;
    };
    bool in_fence = false;
    bool in_comment = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view line = util::trim(lines[i].text);
        // Tables in code blocks and HTML comments are examples or drafts, not the statement.
        if (line.starts_with("```") || line.starts_with("~~~")) {
            in_fence = !in_fence;
            continue;
        }
        if (in_comment || line.starts_with("<!--")) {
            in_comment = line.find("-->") == std::string_view::npos;
            continue;
        }
        if (in_fence) {
            continue;
        }
        if (line.starts_with('#')) {
            clause = clause_of_heading(line);
            continue;
        }
        if (!is_row(i) || i + 1 >= lines.size() || !is_delimiter_row(cells_of(lines[i + 1].text))) {
            continue;
        }
        std::vector<Column> columns;
        std::vector<std::string> header;
        for (const std::string& cell : cells_of(line)) {
            header.push_back(plain(cell));
            columns.push_back(column_of(header.back()));
        }
        std::size_t end = i + 2;
        while (is_row(end)) {
            ++end;
        }
        std::vector<std::pair<int, std::vector<std::string>>> body;
        for (std::size_t k = i + 2; k < end; ++k) {
            std::vector<std::string> cells;
            for (const std::string& cell : cells_of(lines[k].text)) {
                cells.push_back(plain(with_line_breaks(cell)));
            }
            body.emplace_back(lines[k].number, std::move(cells));
        }
        i = end - 1;
        if (read_settings(header, body, table)) {
            continue;
        }
        const bool has_reference =
            std::find(columns.begin(), columns.end(), Column::reference) != columns.end();
        const bool has_support =
            std::find(columns.begin(), columns.end(), Column::support) != columns.end();
        if (!has_reference || !has_support) {
            continue;
        }
        found_any = true;
        if (!check_columns(header, columns, path, lines[i - body.size() - 1].number, table)) {
            continue;
        }
        for (const auto& [number, ignored] : body) {
            const std::vector<std::string> cells =
                cells_of(lines[static_cast<std::size_t>(number - 1)].text);
            if (cells.size() != columns.size()) {
                table.diagnostics.push_back(dg::make(
                    "IMP002", {},
                    fmt::format("this row has {} cells, the table has {} columns", cells.size(),
                                columns.size()),
                    "a '|' inside a cell must be written '\\|'; every row needs all its cells",
                    {path, number, 0}));
            }
            TableRow row;
            row.line = number;
            for (std::size_t c = 0; c < cells.size() && c < columns.size(); ++c) {
                assign(row, columns[c],
                       columns[c] == Column::detail || columns[c] == Column::description
                           ? with_line_breaks(cells[c])
                           : plain(cells[c]));
            }
            if (!clause.empty() && !row.reference.empty()) {
                row.section_clause = clause;
            }
            table.rows.push_back(std::move(row));
        }
    }
    if (!found_any) {
        table.diagnostics.push_back(dg::make(
            "IMP001", {}, "no pipe table with provision and support columns was found",
            "Table B.1 needs a header row naming at least the provision and support columns",
            {path, 0, 0}));
    }
    return table;
}

}  // namespace iotconform::document
