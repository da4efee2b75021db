// Format detection and lenient column names, shared by every document reader.
#include "document/table.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "util/text.hpp"

namespace iotconform::document {

std::string_view to_string(Format format) {
    switch (format) {
        case Format::rst:
            return "rst";
        case Format::markdown:
            return "md";
        case Format::csv:
            return "csv";
        case Format::text:
            return "text";
    }
    return "text";
}

Format guess_format(std::string_view file_name, std::string_view content) {
    const std::string name = util::to_lower(file_name);
    if (name.ends_with(".rst")) {
        return Format::rst;
    }
    if (name.ends_with(".md") || name.ends_with(".markdown")) {
        return Format::markdown;
    }
    if (name.ends_with(".csv")) {
        return Format::csv;
    }
    if (name.ends_with(".txt")) {
        return Format::text;
    }
    if (content.find(".. list-table::") != std::string_view::npos) {
        return Format::rst;
    }
    if (content.find("\n|") != std::string_view::npos || content.starts_with("|")) {
        return Format::markdown;
    }
    const std::string_view first_line = content.substr(0, content.find('\n'));
    return first_line.find(',') != std::string_view::npos ? Format::csv : Format::text;
}

Column column_of(std::string_view header) {
    std::string name;
    for (const char c : util::to_lower(header)) {
        if (c >= 'a' && c <= 'z') {
            name += c;
        }
    }
    // Before the reference: "Provision text" is the description, not the reference.
    if (name.starts_with("desc") || name.ends_with("text") || name == "title") {
        return Column::description;
    }
    if (name.starts_with("ref") || name.starts_with("provision") || name == "id" ||
        name == "clause" || name == "requirement") {
        return Column::reference;
    }
    if (name.starts_with("status") || name == "mr" || name == "type") {
        return Column::status;
    }
    if (name.starts_with("support") || name == "yn" || name == "ynna" || name == "compliance" ||
        name == "answer") {
        return Column::support;
    }
    if (name.starts_with("detail") || name.starts_with("comment") || name.starts_with("justif") ||
        name.starts_with("note") || name.starts_with("rationale") || name.starts_with("measure") ||
        name.starts_with("remark") || name.starts_with("explanation") ||
        name.starts_with("implementation")) {
        return Column::detail;
    }
    return Column::other;
}

bool check_columns(const std::vector<std::string>& header, const std::vector<Column>& columns,
                   const std::string& path, int line, Table& table) {
    bool ok = true;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i] == Column::other) {
            table.diagnostics.push_back(diagnostics::make(
                "IMP013", {}, fmt::format("the column '{}' is not read", header[i]),
                "name it Detail (or Comment, Justification, Remarks) if it holds the detail",
                {path, line, 0}));
            continue;
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (columns[j] == columns[i]) {
                table.diagnostics.push_back(diagnostics::make(
                    "IMP009", {},
                    fmt::format("the columns '{}' and '{}' both read as the same field", header[j],
                                header[i]),
                    "rename one, or merge the two columns", {path, line, 0}));
                ok = false;
            }
        }
    }
    return ok;
}

bool read_settings(const std::vector<std::string>& header,
                   const std::vector<std::pair<int, std::vector<std::string>>>& rows,
                   Table& table) {
    std::vector<std::string> names;
    for (const std::string& cell : header) {
        names.push_back(util::to_lower(util::trim(cell)));
    }
    const auto column = [&](std::string_view name) {
        return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) -
                                        names.begin());
    };
    std::size_t key = column("field");
    std::size_t value = column("value");
    std::vector<Setting>* target = &table.identity;
    if (key == names.size() || value == names.size()) {
        key = column("key");
        value = column("answer");
        target = &table.answers;
    }
    if (key == names.size() || value == names.size()) {
        return false;
    }
    for (const auto& [line, cells] : rows) {
        if (key < cells.size() && value < cells.size()) {
            target->push_back(
                {line, std::string(util::trim(cells[key])), std::string(util::trim(cells[value]))});
        }
    }
    return true;
}

Table read_table(Format format, std::string_view text, const std::string& path) {
    switch (format) {
        case Format::rst:
            return read_rst(text, path);
        case Format::markdown:
            return read_markdown(text, path);
        case Format::csv:
            return read_csv(text, path);
        case Format::text:
            return read_text(text, path);
    }
    return read_text(text, path);
}

}  // namespace iotconform::document
