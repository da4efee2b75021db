// Reading Table B.1 from CSV with a header row (RFC 4180: quoted fields, doubled quotes,
// line breaks inside quotes), as spreadsheets export it. Columns are found by their
// header names; a ';' separator (common in European spreadsheet exports) is recognised.
#include <fmt/format.h>

#include <algorithm>

#include "document/line_reader.hpp"
#include "document/table.hpp"
#include "util/text.hpp"

namespace iotconform::document {

namespace {

namespace dg = diagnostics;

struct Record {
    int line = 0;
    std::vector<std::string> fields;
};

// Splits CSV text into records. An unclosed quote is reported with the line it opened on.
std::vector<Record> records_of(std::string_view text, char separator, const std::string& path,
                               std::vector<dg::Diagnostic>& diagnostics) {
    std::vector<Record> records;
    Record current{1, {std::string()}};
    int line = 1;
    bool quoted = false;
    int quote_line = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                current.fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n') {
                    ++line;
                }
                if (c != '\r') {
                    current.fields.back() += c;
                }
            }
            continue;
        }
        if (c == '"' && util::trim(current.fields.back()).empty()) {
            current.fields.back().clear();
            quoted = true;
            quote_line = line;
        } else if (c == separator) {
            current.fields.emplace_back();
        } else if (c == '\n') {
            records.push_back(std::move(current));
            ++line;
            current = {line, {std::string()}};
        } else if (c != '\r') {
            current.fields.back() += c;
        }
    }
    if (quoted) {
        diagnostics.push_back(dg::make("IMP002", {}, "a quoted field is never closed",
                                       "add the closing '\"' of this field",
                                       {path, quote_line, 0}));
    }
    if (current.fields.size() > 1 || !util::trim(current.fields.front()).empty()) {
        records.push_back(std::move(current));
    }
    return records;
}

}  // namespace

Table read_csv(std::string_view input, const std::string& path) {
    Table table;
    // Old Mac exports end lines with CR alone; read them as line ends.
    std::string normalised;
    if (input.find('\n') == std::string_view::npos && input.find('\r') != std::string_view::npos) {
        normalised = std::string(input);
        std::replace(normalised.begin(), normalised.end(), '\r', '\n');
        input = normalised;
    }
    const std::string_view text = input;
    const std::string_view first_line = text.substr(0, text.find('\n'));
    const char separator = std::count(first_line.begin(), first_line.end(), ';') >
                                   std::count(first_line.begin(), first_line.end(), ',')
                               ? ';'
                               : ',';
    std::vector<Record> records = records_of(text, separator, path, table.diagnostics);
    // Skip blank records before the header.
    while (!records.empty() && records.front().fields.size() == 1 &&
           util::trim(records.front().fields.front()).empty()) {
        records.erase(records.begin());
    }
    if (records.empty()) {
        table.diagnostics.push_back(dg::make("IMP001", {}, "the CSV file is empty",
                                             "export Table B.1 with a header row", {path, 0, 0}));
        return table;
    }
    std::vector<Column> columns;
    for (const std::string& name : records.front().fields) {
        columns.push_back(column_of(name));
    }
    for (const Column needed : {Column::reference, Column::support}) {
        if (std::find(columns.begin(), columns.end(), needed) == columns.end()) {
            table.diagnostics.push_back(
                dg::make("IMP009", {},
                         fmt::format("the header row has no {} column (found: {})",
                                     needed == Column::reference ? "provision" : "support",
                                     util::join(records.front().fields, ", ")),
                         "name the columns as Table B.1 does: Provision, Description, Status, "
                         "Support, Detail",
                         {path, records.front().line, 0}));
            return table;
        }
    }
    if (!check_columns(records.front().fields, columns, path, records.front().line, table)) {
        return table;
    }
    if (records.size() == 1) {
        table.diagnostics.push_back(dg::make("IMP001", {}, "the CSV file has a header but no rows",
                                             "export Table B.1 with its rows",
                                             {path, records.front().line, 0}));
    }
    for (std::size_t r = 1; r < records.size(); ++r) {
        const Record& record = records[r];
        if (record.fields.size() == 1 && util::trim(record.fields.front()).empty()) {
            continue;  // a blank line
        }
        if (record.fields.size() != columns.size()) {
            table.diagnostics.push_back(dg::make(
                "IMP002", {},
                fmt::format("this row has {} fields, the header has {}", record.fields.size(),
                            columns.size()),
                "quote fields that contain the separator or line breaks", {path, record.line, 0}));
        }
        TableRow row;
        row.line = record.line;
        for (std::size_t c = 0; c < record.fields.size() && c < columns.size(); ++c) {
            assign(row, columns[c], std::string(util::trim(record.fields[c])));
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

}  // namespace iotconform::document
