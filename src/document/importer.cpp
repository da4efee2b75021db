// Mapping document rows to provisions. The standard decides statuses; the document's
// support and detail are kept exactly as written.
#include "document/importer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "standard/catalog.hpp"
#include "util/text.hpp"

namespace iotconform::document {

namespace {

namespace dg = diagnostics;

// How well `table` fits `candidate`: rows whose reference resolves, then rows whose status
// agrees with the edition's (V2 and V3 share most references; their statuses differ).
std::pair<std::size_t, std::size_t> fit(const Table& table, const standard::Standard& candidate) {
    std::size_t resolved = 0;
    std::size_t agreeing = 0;
    for (const TableRow& row : table.rows) {
        const standard::Provision* provision = candidate.resolve(row.reference).provision;
        if (provision == nullptr) {
            continue;
        }
        ++resolved;
        const standard::StatusParse status = standard::parse_status(row.status);
        if (status.status &&
            (status.letters_only
                 ? status.letters == standard::format_status_letters(provision->status)
                 : *status.status == provision->status)) {
            ++agreeing;
        }
    }
    return {resolved, agreeing};
}

const standard::Standard& pick_standard(const Table& table, const ImportOptions& options) {
    if (options.standard != nullptr) {
        return *options.standard;
    }
    const standard::Standard* best = &standard::default_standard();
    std::pair<std::size_t, std::size_t> best_fit = fit(table, *best);
    for (const standard::Standard& candidate : standard::builtin_standards()) {
        const std::pair<std::size_t, std::size_t> candidate_fit = fit(table, candidate);
        if (candidate_fit > best_fit) {
            best = &candidate;
            best_fit = candidate_fit;
        }
    }
    return *best;
}

// The document's product table fills what the command line left open.
void apply_identity(const std::vector<Setting>& settings, const ImportOptions& options,
                    ics::Product& product, const std::string& source,
                    std::vector<dg::Diagnostic>& diagnostics) {
    product.identity = options.identity;
    product.scope = options.scope.value_or(ics::Scope::product);
    for (const Setting& setting : settings) {
        const auto fill = [&](std::string& field) {
            if (field.empty()) {
                field = setting.value;
            }
        };
        if (setting.key == "name") {
            fill(product.identity.name);
        } else if (setting.key == "manufacturer") {
            fill(product.identity.manufacturer);
        } else if (setting.key == "model") {
            fill(product.identity.model);
        } else if (setting.key == "firmware_version") {
            fill(product.identity.firmware_version);
        } else if (setting.key == "scope" && !options.scope) {
            if (setting.value == "product" || setting.value == "component") {
                product.scope =
                    setting.value == "product" ? ics::Scope::product : ics::Scope::component;
            } else {
                diagnostics.push_back(dg::make(
                    "IMP012", {},
                    fmt::format("scope '{}' is neither product nor component", setting.value),
                    "write product or component", {source, setting.line, 0}));
            }
        } else {
            diagnostics.push_back(dg::make(
                "IMP011", {}, fmt::format("'{}' is not a field of the product", setting.key),
                "fields are name, manufacturer, model, firmware_version and scope",
                {source, setting.line, 0}));
        }
    }
}

// The document's condition and feature answers, checked against the edition.
void apply_answers(const std::vector<Setting>& settings, ics::Product& product,
                   const std::string& source, std::vector<dg::Diagnostic>& diagnostics) {
    const standard::Standard& standard = *product.standard;
    for (const Setting& setting : settings) {
        const dg::SourcePosition at{source, setting.line, 0};
        const std::string value = util::to_lower(setting.value);
        const ics::Answer answer = value == "true" || value == "yes"   ? ics::Answer::yes
                                   : value == "false" || value == "no" ? ics::Answer::no
                                                                       : ics::Answer::unknown;
        if (answer == ics::Answer::unknown && value != "unknown" && !value.empty()) {
            diagnostics.push_back(
                dg::make("IMP012", {},
                         fmt::format("'{}' is not an answer for {}", setting.value, setting.key),
                         "answer true, false or unknown", at));
            continue;
        }
        if (const standard::Condition* condition = standard.find_condition(setting.key)) {
            product.conditions[condition->number] = {answer, at};
        } else if (const standard::Feature* feature = standard.find_feature(setting.key)) {
            product.features[feature->letter] = {answer, at};
        } else {
            diagnostics.push_back(dg::make("IMP011", {},
                                           fmt::format("'{}' is not a condition or feature of {}",
                                                       setting.key, standard.short_title()),
                                           "the answer was not imported", at));
        }
    }
}

// "5.3-4A", "Provision 9.9-1": text shaped like a provision reference.
bool looks_like_provision(std::string_view reference) {
    const std::string cleaned = standard::clean_reference(reference);
    return !cleaned.empty() && cleaned.front() >= '0' && cleaned.front() <= '9' &&
           cleaned.find('-') != std::string::npos;
}

}  // namespace

ImportResult import_table(Table table, const ImportOptions& options, const std::string& source) {
    ImportResult result;
    result.diagnostics = std::move(table.diagnostics);
    const standard::Standard& standard = pick_standard(table, options);

    ics::Product product;
    product.path = source;
    product.standard = &standard;
    apply_identity(table.identity, options, product, source, result.diagnostics);
    apply_answers(table.answers, product, source, result.diagnostics);

    std::map<std::string, int> seen;  // provision -> line of its first row
    for (const TableRow& row : table.rows) {
        const dg::SourcePosition at{source, row.line, 0};
        if (util::trim(row.reference).empty()) {
            result.diagnostics.push_back(dg::make("IMP003", {},
                                                  "a row without a provision reference was skipped",
                                                  "give the row its reference, or delete it", at));
            continue;
        }
        const standard::ResolvedReference resolved = standard.resolve(row.reference);
        if (resolved.provision == nullptr) {
            dg::Diagnostic& unmapped = result.diagnostics.emplace_back(dg::make(
                "IMP003", {},
                fmt::format("'{}' is not a provision of {}; the row was not imported",
                            row.reference, standard.short_title()),
                "correct the reference, or import with the --standard the document follows", at));
            // A row that names a provision and is lost would be an import silently wrong.
            if (looks_like_provision(row.reference)) {
                unmapped.severity = dg::Severity::error;
            }
            continue;
        }
        const standard::Provision& provision = *resolved.provision;
        if (const auto [previous, fresh] = seen.emplace(provision.id, row.line); !fresh) {
            result.diagnostics.push_back(dg::make(
                "IMP004", provision.id,
                fmt::format("{} appears again (first at line {}); the second row was not imported",
                            provision.id, previous->second),
                "merge the two rows", at));
            continue;
        }
        if (!row.section_clause.empty() && row.section_clause != provision.clause) {
            result.diagnostics.push_back(dg::make(
                "IMP010", provision.id,
                fmt::format("{} stands in the section of clause {}, but belongs to clause {}",
                            provision.id, row.section_clause, provision.clause),
                "move the row to its clause's table", at));
        }

        ics::IcsEntry entry;
        entry.provision_id = provision.id;
        entry.written_reference = row.reference;
        entry.position = at;
        entry.detail = row.detail;
        // A last line "Evidence: a, b" (as export writes it) holds the evidence list.
        const std::size_t last_line = entry.detail.rfind('\n');
        const std::size_t start = last_line == std::string::npos ? 0 : last_line + 1;
        if (std::string_view(entry.detail).substr(start).starts_with(k_evidence_prefix)) {
            for (const std::string& item : util::split(
                     std::string_view(entry.detail).substr(start + k_evidence_prefix.size()),
                     ',')) {
                if (!util::trim(item).empty()) {
                    entry.evidence.emplace_back(util::trim(item));
                }
            }
            entry.detail.erase(last_line == std::string::npos ? 0 : last_line);
        }
        const ics::SupportParse support = ics::parse_support(row.support);
        if (!support.valid) {
            result.diagnostics.push_back(dg::make(
                "IMP006", provision.id, fmt::format("support '{}' is not Y, N or N/A", row.support),
                "write Y, N or N/A in the Support column", at));
        }
        entry.support = support.support;
        if (!util::trim(row.status).empty()) {
            const standard::StatusParse status = standard::parse_status(row.status);
            if (!status.status) {
                result.diagnostics.push_back(dg::make(
                    "IMP008", provision.id,
                    fmt::format("the status '{}' cannot be read ({}); the standard's is used",
                                row.status, status.error),
                    "write the status as Table B.1 does, such as 'M C (1)'", at));
            } else if (status.letters_only
                           ? status.letters != standard::format_status_letters(provision.status)
                           : !(*status.status == provision.status)) {
                result.diagnostics.push_back(dg::make(
                    "IMP007", provision.id,
                    fmt::format(
                        "the document gives status '{}', {} gives '{}'; the standard's is used",
                        row.status, standard.short_title(),
                        standard::format_status(provision.status)),
                    "correct the status in the document, or import with the --standard it follows",
                    at));
                entry.published_status = std::string(util::trim(row.status));
            }
        }
        product.entries.push_back(std::move(entry));
    }

    std::vector<std::string> missing;
    for (const standard::Provision& provision : standard.provisions()) {
        if (!seen.contains(provision.id)) {
            missing.push_back(provision.id);
        }
    }
    if (!missing.empty()) {
        result.diagnostics.push_back(dg::make(
            "IMP005", {},
            fmt::format("the document does not mention {}: {}",
                        util::counted(missing.size(), "provision"), util::join(missing, ", ")),
            "add them to the product file; until then assess reports each as unanswered",
            {source, 0, 0}));
    }
    if (!product.entries.empty()) {
        result.product = std::move(product);
    }
    return result;
}

}  // namespace iotconform::document
