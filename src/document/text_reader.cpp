// Reading Table B.1 from rendered text, as a browser's "save as text" or a PDF-to-text
// tool gives it: one cell per paragraph, a row starting at a line that is a provision
// reference ("Provision 5.1-1"). Empty cells leave no paragraph, so cells are recognised
// by what they hold: a status, a support value, and the detail as whatever follows.
#include <fmt/format.h>

#include <regex>

#include "document/line_reader.hpp"
#include "document/table.hpp"
#include "standard/status.hpp"
#include "util/text.hpp"

namespace iotconform::document {

namespace {

namespace dg = diagnostics;

bool is_reference_line(std::string_view line) {
    // "Provision 5.1-1", "5.3-4A", "Provision 6.1-3": a whole line that is a reference,
    // with any of the dashes word processors put in (standard::clean_reference reads the
    // same ones).
    const std::string text = util::ascii_dashes(line);
    static const std::regex k_reference(R"(^(Provision\s+)?\d+(\.\d+)*-\d+[A-Za-z]?$)",
                                        std::regex::icase);
    return std::regex_match(text, k_reference);
}

bool is_support(std::string_view text) {
    const std::string value = util::to_lower(text);
    return value == "y" || value == "n" || value == "n/a" || value == "na" || value == "yes" ||
           value == "no";
}

}  // namespace

Table read_text(std::string_view text, const std::string& path) {
    Table table;
    const Lines lines = split_lines(text);

    // Paragraphs (runs of non-blank lines) with the line each starts on.
    std::vector<Line> paragraphs;
    bool open = false;
    for (const Line& line : lines) {
        const std::string_view content = util::trim(line.text);
        if (content.empty()) {
            open = false;
        } else if (!open) {
            paragraphs.push_back({line.number, std::string(content)});
            open = true;
        } else {
            paragraphs.back().text += " " + std::string(content);
        }
    }

    for (std::size_t i = 0; i < paragraphs.size(); ++i) {
        if (!is_reference_line(paragraphs[i].text)) {
            continue;
        }
        TableRow row;
        row.line = paragraphs[i].number;
        row.reference = paragraphs[i].text;
        std::size_t j = i + 1;
        std::vector<std::string> rest;
        for (; j < paragraphs.size() && !is_reference_line(paragraphs[j].text); ++j) {
            rest.push_back(paragraphs[j].text);
        }
        // Description, then the status; the support only if it looks like one; then the
        // detail, which may span paragraphs.
        std::size_t k = 0;
        if (k < rest.size() && !standard::parse_status(rest[k]).status) {
            row.description = rest[k++];
        }
        if (k < rest.size() && standard::parse_status(rest[k]).status) {
            row.status = rest[k++];
        } else {
            // Every row of the pro forma has a status; without one the "row" is most likely a
            // reference standing alone inside another row's detail, which would cut it short.
            table.diagnostics.push_back(dg::make(
                "IMP002", {}, fmt::format("the row of '{}' has no status paragraph", row.reference),
                "if this line belongs to the detail above, reword it; otherwise give the row its "
                "status",
                {path, row.line, 0}));
        }
        if (k < rest.size() && is_support(rest[k])) {
            row.support = rest[k++];
        }
        std::vector<std::string> detail(rest.begin() + static_cast<std::ptrdiff_t>(k), rest.end());
        row.detail = util::join(detail, "\n");
        table.rows.push_back(std::move(row));
        i = j - 1;
    }
    if (table.rows.empty()) {
        table.diagnostics.push_back(dg::make(
            "IMP001", {}, "no row starting with a provision reference was found",
            "each row must start with a line holding only the reference, such as 'Provision 5.1-1'",
            {path, 0, 0}));
    }
    return table;
}

}  // namespace iotconform::document
