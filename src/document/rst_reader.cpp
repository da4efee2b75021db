// Reading Table B.1 from reStructuredText `list-table` directives, the form Zephyr keeps
// its statement in. Only list-tables are read: grid and simple tables are rare for long
// texts, and a document that uses them is reported as having no table.
#include <fmt/format.h>

#include <algorithm>

#include "document/line_reader.hpp"
#include "document/table.hpp"
#include "standard/status.hpp"
#include "util/text.hpp"

namespace iotconform::document {

namespace {

namespace dg = diagnostics;

struct Cell {
    int line = 0;
    std::vector<std::string> lines;  // dedented content lines, blank lines kept
};

struct RawRow {
    int line = 0;
    std::vector<Cell> cells;
};

// Joins a cell's lines the way reStructuredText reads them: wrapped lines of a paragraph
// become one line, a blank line separates paragraphs (kept as a line break), and
// hyperlink targets (".. _name:") are anchors, not text.
std::string cell_text(const Cell& cell) {
    std::vector<std::string> paragraphs;
    std::string current;
    for (const std::string& raw : cell.lines) {
        const std::string_view line = util::trim(raw);
        if (line.starts_with(".. _") && line.ends_with(":")) {
            continue;
        }
        if (line.empty()) {
            if (!current.empty()) {
                paragraphs.push_back(current);
                current.clear();
            }
            continue;
        }
        // A list item inside a cell starts a line of its own, so the list stays a list.
        if (!current.empty() &&
            (line.starts_with("- ") || line.starts_with("* ") || line.starts_with("#. "))) {
            paragraphs.push_back(current);
            current.clear();
        }
        current += (current.empty() ? "" : " ") + std::string(line);
    }
    if (!current.empty()) {
        paragraphs.push_back(current);
    }
    return util::join(paragraphs, "\n");
}

// "Provision 5.1-1", "5.3-4A", "6.1-3": a cell that starts like a provision reference.
bool looks_like_reference(std::string_view text) {
    std::string_view value = util::trim(text);
    if (util::to_lower(value.substr(0, 9)) == "provision") {
        value = util::trim(value.substr(9));
    }
    return !value.empty() && value.front() >= '0' && value.front() <= '9' &&
           value.find('-') != std::string_view::npos;
}

// The rows of one list-table whose body starts at `first` (after the directive line).
std::vector<RawRow> body_rows(const Lines& lines, std::size_t first, std::size_t directive_indent,
                              int& header_rows, std::size_t& end, std::vector<int>& misplaced) {
    std::vector<RawRow> rows;
    std::size_t row_indent = std::string::npos;
    std::size_t cell_content = 0;
    std::size_t i = first;
    for (; i < lines.size(); ++i) {
        const std::string& line = lines[i].text;
        const std::size_t indent = indent_of(line);
        if (util::trim(line).empty()) {
            if (!rows.empty() && !rows.back().cells.empty()) {
                rows.back().cells.back().lines.emplace_back();
            }
            continue;
        }
        if (indent <= directive_indent) {
            break;  // the directive's body has ended
        }
        const std::string_view content = std::string_view(line).substr(indent);
        if (rows.empty() && content.starts_with(":")) {
            // An option line such as ":header-rows: 1".
            const std::size_t colon = content.find(':', 1);
            if (colon != std::string_view::npos && content.substr(1, colon - 1) == "header-rows") {
                const std::string value(util::trim(content.substr(colon + 1)));
                header_rows =
                    value.size() == 1 && value[0] >= '0' && value[0] <= '9' ? value[0] - '0' : -1;
            }
            continue;
        }
        if ((row_indent == std::string::npos || indent == row_indent) &&
            (content.starts_with("* - ") || content == "* -")) {
            row_indent = indent;
            rows.push_back({lines[i].number, {}});
            rows.back().cells.push_back({lines[i].number, {}});
            cell_content = indent + 4;
            if (content.size() > 4) {
                rows.back().cells.back().lines.emplace_back(content.substr(4));
            }
            continue;
        }
        if (!rows.empty() && indent == row_indent + 2 &&
            (content.starts_with("- ") || content == "-")) {
            rows.back().cells.push_back({lines[i].number, {}});
            cell_content = indent + 2;
            if (content.size() > 2) {
                rows.back().cells.back().lines.emplace_back(content.substr(2));
            }
            continue;
        }
        // A row or cell marker off by a column would otherwise read as text of the cell
        // before it: the row would vanish into a detail.
        const bool row_marker = content.starts_with("* - ") || content == "* -";
        const bool cell_marker = content.starts_with("- ") || content == "-";
        if (row_marker || (cell_marker && indent < cell_content)) {
            misplaced.push_back(lines[i].number);
        }
        if (!rows.empty() && !rows.back().cells.empty()) {
            rows.back().cells.back().lines.push_back(
                indent >= cell_content ? line.substr(cell_content) : std::string(content));
        }
    }
    end = i;
    return rows;
}

}  // namespace

Table read_rst(std::string_view text, const std::string& path) {
    Table table;
    const Lines lines = split_lines(text);
    bool found_any = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i].text;
        const std::size_t indent = indent_of(line);
        const std::string_view content = std::string_view(line).substr(indent);
        // A comment ("..", ".. text") or a literal block (".. code-block::", a line ending in
        // "::") holds text, not tables: skip what is indented under it.
        const bool directive =
            content.starts_with(".. ") && content.find("::") != std::string_view::npos;
        const bool comment = content == ".." || (content.starts_with(".. ") && !directive &&
                                                 !content.starts_with(".. _"));
        const bool literal = content.starts_with(".. code") ||
                             content.starts_with(".. sourcecode") ||
                             (!content.starts_with("..") && content.ends_with("::"));
        if (comment || literal) {
            while (i + 1 < lines.size() && (util::trim(lines[i + 1].text).empty() ||
                                            indent_of(lines[i + 1].text) > indent)) {
                ++i;
            }
            continue;
        }
        if (!content.starts_with(".. list-table::")) {
            continue;
        }
        int header_rows = 0;
        std::size_t end = i + 1;
        std::vector<int> misplaced;
        std::vector<RawRow> rows = body_rows(lines, i + 1, indent, header_rows, end, misplaced);
        i = end - 1;
        if (rows.empty()) {
            continue;
        }
        if (header_rows < 0) {
            table.diagnostics.push_back(
                dg::make("IMP002", {}, "the :header-rows: option cannot be read",
                         "write ':header-rows: 1' above a header row", {path, lines[i].number, 0}));
            continue;
        }
        for (const int line_number : misplaced) {
            table.diagnostics.push_back(dg::make(
                "IMP002", {}, "a row or cell marker is not at the table's indentation",
                "align every '* -' and '- ' with the others of the table", {path, line_number, 0}));
        }

        // Columns from the header row when there is one, else the pro forma's order for
        // a five-column table whose first cells read as references; other tables (a
        // glossary, a legend) are not the statement.
        std::vector<Column> columns = {Column::reference, Column::description, Column::status,
                                       Column::support, Column::detail};
        if (header_rows == 0 && (rows.front().cells.size() != columns.size() ||
                                 !looks_like_reference(cell_text(rows.front().cells.front())))) {
            continue;
        }
        std::vector<Cell> header_cells;
        int header_line = 0;
        if (header_rows > 0) {
            header_cells = rows.front().cells;
            header_line = rows.front().line;
            std::vector<std::string> header;
            for (const Cell& cell : rows.front().cells) {
                header.push_back(cell_text(cell));
            }
            std::vector<std::pair<int, std::vector<std::string>>> body;
            for (std::size_t r = 1; r < rows.size(); ++r) {
                std::vector<std::string> cells;
                for (const Cell& cell : rows[r].cells) {
                    cells.push_back(cell_text(cell));
                }
                body.emplace_back(rows[r].line, std::move(cells));
            }
            if (read_settings(header, body, table)) {
                continue;
            }
            for (int extra = 1;
                 extra < header_rows && static_cast<std::size_t>(extra) < rows.size(); ++extra) {
                if (looks_like_reference(
                        cell_text(rows[static_cast<std::size_t>(extra)].cells.front()))) {
                    table.diagnostics.push_back(
                        dg::make("IMP002", {},
                                 fmt::format(":header-rows: {} makes this provision row a header",
                                             header_rows),
                                 "set ':header-rows: 1'",
                                 {path, rows[static_cast<std::size_t>(extra)].line, 0}));
                }
            }
            columns.clear();
            for (const Cell& cell : rows.front().cells) {
                columns.push_back(column_of(cell_text(cell)));
            }
            rows.erase(rows.begin(),
                       rows.begin() + std::min<std::size_t>(header_rows, rows.size()));
        }
        if (std::find(columns.begin(), columns.end(), Column::reference) == columns.end() ||
            std::find(columns.begin(), columns.end(), Column::support) == columns.end()) {
            continue;  // not a conformance table (the terminology list, for one)
        }
        found_any = true;
        if (header_rows > 0) {
            std::vector<std::string> names;
            for (const Cell& cell : header_cells) {
                names.push_back(cell_text(cell));
            }
            if (!check_columns(names, columns, path, header_line, table)) {
                continue;
            }
        }
        for (const RawRow& raw : rows) {
            // Without a header the columns are taken in the pro forma's order; a status
            // cell that is not a status shows they are not.
            if (header_rows == 0 && raw.cells.size() > 2 &&
                !util::trim(cell_text(raw.cells[2])).empty() &&
                !standard::parse_status(cell_text(raw.cells[2])).status) {
                table.diagnostics.push_back(dg::make(
                    "IMP009", {},
                    "without a header row, the columns must be Provision, Description, Status, "
                    "Support, Detail in that order",
                    "add ':header-rows: 1' and a header row naming the columns",
                    {path, raw.line, 0}));
                break;
            }
            if (raw.cells.size() != columns.size()) {
                table.diagnostics.push_back(dg::make(
                    "IMP002", {},
                    fmt::format("this row has {} cells, the table has {} columns", raw.cells.size(),
                                columns.size()),
                    "every row of a list-table needs one '- ' item per column, empty ones too",
                    {path, raw.line, 0}));
            }
            TableRow row;
            row.line = raw.line;
            for (std::size_t c = 0; c < raw.cells.size() && c < columns.size(); ++c) {
                assign(row, columns[c], cell_text(raw.cells[c]));
            }
            table.rows.push_back(std::move(row));
        }
    }
    if (!found_any) {
        table.diagnostics.push_back(dg::make(
            "IMP001", {}, "no list-table with provision and support columns was found",
            "Table B.1 must be a '.. list-table::' whose header row names the provision and "
            "support columns",
            {path, 0, 0}));
    }
    return table;
}

}  // namespace iotconform::document
