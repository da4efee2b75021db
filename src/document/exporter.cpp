// Rendering the ICS as Markdown, reStructuredText or CSV.
#include "document/exporter.hpp"

#include <fmt/format.h>

#include "util/escape.hpp"
#include "util/text.hpp"

namespace iotconform::document {

namespace {

struct Row {
    const standard::Provision* provision;
    const ics::IcsEntry* entry;
};

std::string support_text(const ics::IcsEntry* entry) {
    return entry != nullptr && entry->support ? std::string(ics::to_string(*entry->support))
                                              : std::string();
}

// The detail, with the evidence references on a last line of their own ("Evidence: a, b")
// that import reads back into the evidence list.
std::string detail_text(const ics::IcsEntry* entry) {
    if (entry == nullptr) {
        return {};
    }
    if (entry->evidence.empty()) {
        return entry->detail;
    }
    return (entry->detail.empty() ? "" : entry->detail + "\n") + std::string(k_evidence_prefix) +
           util::join(entry->evidence, ", ");
}

std::string description(const standard::Provision& provision) {
    return provision.text_is_summary ? "(summary) " + provision.text : provision.text;
}

// The identity and the condition and feature answers, as "key, label, value" rows: the
// settings tables export writes after Table B.1 and import reads back.
struct SettingRow {
    std::string key;
    std::string label;
    std::string value;
};

std::vector<SettingRow> identity_rows(const ics::Product& product) {
    return {{"name", "", product.identity.name},
            {"manufacturer", "", product.identity.manufacturer},
            {"model", "", product.identity.model},
            {"firmware_version", "", product.identity.firmware_version},
            {"scope", "", std::string(ics::to_string(product.scope))}};
}

std::vector<SettingRow> answer_rows(const ics::Product& product) {
    std::vector<SettingRow> rows;
    for (const standard::Condition& condition : product.standard->conditions()) {
        const auto found = product.conditions.find(condition.number);
        rows.push_back({condition.key,
                        fmt::format("condition {}: {}", condition.number, condition.text),
                        std::string(ics::to_string(found != product.conditions.end()
                                                       ? found->second.answer
                                                       : ics::Answer::unknown))});
    }
    for (const standard::Feature& feature : product.standard->features()) {
        const auto found = product.features.find(feature.letter);
        rows.push_back(
            {feature.key, fmt::format("feature {}: {}", feature.letter, feature.text),
             std::string(ics::to_string(found != product.features.end() ? found->second.answer
                                                                        : ics::Answer::unknown))});
    }
    return rows;
}

std::string markdown(const ics::Product& product) {
    const standard::Standard& standard = *product.standard;
    std::string out = fmt::format("# {}: implementation conformance statement ({})\n",
                                  product.identity.name, standard.short_title());
    std::string clause;
    for (const standard::Provision& provision : standard.provisions()) {
        if (provision.clause != clause) {
            clause = provision.clause;
            out += fmt::format("\n## {} {}\n\n", clause, standard.find_clause(clause)->title);
            out +=
                "| Provision | Description | Status | Support | Detail |\n|---|---|---|---|---|\n";
        }
        const ics::IcsEntry* entry = product.find_entry(provision.id);
        out += fmt::format("| {} | {} | {} | {} | {} |\n", provision.id,
                           util::markdown_cell(description(provision), util::Html::keep),
                           standard::format_status(provision.status), support_text(entry),
                           util::markdown_cell(detail_text(entry), util::Html::keep));
    }
    out += "\n## Product\n\n| Field | Value |\n|---|---|\n";
    for (const SettingRow& row : identity_rows(product)) {
        out +=
            fmt::format("| {} | {} |\n", row.key, util::markdown_cell(row.value, util::Html::keep));
    }
    out += "\n## Conditions and features\n\n| Key | Meaning | Answer |\n|---|---|---|\n";
    for (const SettingRow& row : answer_rows(product)) {
        out += fmt::format("| {} | {} | {} |\n", row.key,
                           util::markdown_cell(row.label, util::Html::keep), row.value);
    }
    return out;
}

// One list-table cell: each line of the text is its own paragraph, so the line breaks
// survive a reader that joins wrapped lines.
std::string rst_cell(std::string_view marker, std::string_view text) {
    std::string out(marker);
    const std::vector<std::string> lines = util::split(text, '\n');
    bool first = true;
    for (const std::string& line : lines) {
        if (util::trim(line).empty()) {
            continue;
        }
        out += first ? " " + std::string(util::trim(line)) + "\n"
                     : "\n        " + std::string(util::trim(line)) + "\n";
        first = false;
    }
    return first ? out + "\n" : out;
}

std::string rst(const ics::Product& product) {
    const standard::Standard& standard = *product.standard;
    const std::string title = fmt::format("{}: implementation conformance statement ({})",
                                          product.identity.name, standard.short_title());
    std::string out = title + "\n" + std::string(title.size(), '#') + "\n";
    std::string clause;
    for (const standard::Provision& provision : standard.provisions()) {
        if (provision.clause != clause) {
            clause = provision.clause;
            const std::string heading =
                fmt::format("{} {}", clause, standard.find_clause(clause)->title);
            out += fmt::format("\n{}\n{}\n\n", heading, std::string(heading.size(), '*'));
            out += ".. list-table::\n    :header-rows: 1\n\n";
            out +=
                "    * - Provision\n      - Description\n      - Status\n      - Support\n      - "
                "Detail\n";
        }
        const ics::IcsEntry* entry = product.find_entry(provision.id);
        out += rst_cell("    * -", provision.id);
        out += rst_cell("      -", description(provision));
        out += rst_cell("      -", standard::format_status(provision.status));
        out += rst_cell("      -", support_text(entry));
        out += rst_cell("      -", detail_text(entry));
    }
    out +=
        "\nProduct\n*******\n\n.. list-table::\n    :header-rows: 1\n\n    * - Field\n      - "
        "Value\n";
    for (const SettingRow& row : identity_rows(product)) {
        out += rst_cell("    * -", row.key);
        out += rst_cell("      -", row.value);
    }
    out +=
        "\nConditions and features\n***********************\n\n.. list-table::\n    :header-rows: "
        "1\n\n"
        "    * - Key\n      - Meaning\n      - Answer\n";
    for (const SettingRow& row : answer_rows(product)) {
        out += rst_cell("    * -", row.key);
        out += rst_cell("      -", row.label);
        out += rst_cell("      -", row.value);
    }
    return out;
}

std::string csv(const ics::Product& product) {
    std::string out = "Provision,Description,Status,Support,Detail\r\n";
    for (const standard::Provision& provision : product.standard->provisions()) {
        const ics::IcsEntry* entry = product.find_entry(provision.id);
        out +=
            fmt::format("{},{},{},{},{}\r\n", util::csv_field(provision.id),
                        util::csv_field(description(provision)),
                        util::csv_field(standard::format_status(provision.status)),
                        util::csv_field(support_text(entry)), util::csv_field(detail_text(entry)));
    }
    return out;
}

}  // namespace

std::string export_table(const ics::Product& product, Format format) {
    switch (format) {
        case Format::rst:
            return rst(product);
        case Format::csv:
            return csv(product);
        case Format::markdown:
        case Format::text:
            return markdown(product);
    }
    return markdown(product);
}

}  // namespace iotconform::document
