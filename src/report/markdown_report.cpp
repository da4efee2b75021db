// The Markdown report: Table B.1 as the standard lays it out (Provision, Description,
// Status, Support, Detail), so it can be handed over or published as the ICS itself.
#include <fmt/format.h>

#include "report/report_text.hpp"
#include "report/reports.hpp"
#include "util/escape.hpp"

namespace iotconform::report {

namespace {

void write_header(std::string& out, const judge::Judgement& judgement) {
    const ics::Product& product = *judgement.product;
    const auto row = [&](std::string_view label, const std::string& value) {
        if (!value.empty()) {
            out += fmt::format("| {} | {} |\n", label, util::markdown_cell(value));
        }
    };
    out +=
        fmt::format("# {} implementation conformance statement: {}\n\n",
                    judgement.standard->short_title(), util::markdown_cell(product.identity.name));
    out += "| | |\n|---|---|\n";
    row("Product", product.identity.name);
    row("Manufacturer", product.identity.manufacturer);
    row("Model", product.identity.model);
    row("Firmware version", product.identity.firmware_version);
    row("Scope", std::string(ics::to_string(product.scope)));
    row("Standard", judgement.standard->title());
    row("Result", fmt::format("**{}**", judge::to_string(judgement.conformance)));
    out += fmt::format("\n{}.\n\n", judgement.conformance_reason);
    out += fmt::format("- Mandatory provisions: {}\n", counts_line(judgement.mandatory));
    out += fmt::format("- Recommendations: {}\n\n", counts_line(judgement.recommended));
}

void write_attention(std::string& out, const judge::Judgement& judgement) {
    const std::vector<const judge::ProvisionResult*> attention = needing_attention(judgement);
    if (attention.empty()) {
        return;
    }
    out += "## What needs attention\n\n";
    for (const judge::ProvisionResult* result : attention) {
        const std::string hint = hint_for(judgement, *result);
        out += fmt::format("- **{} {}**: {}{}\n", judge::to_string(result->verdict),
                           result->provision->id,
                           util::markdown_cell(result->reason, util::Html::literal),
                           hint.empty() ? ""
                                        : std::string(result->reason.ends_with('.') ? " " : ". ") +
                                              "*What to do:* " +
                                              util::markdown_cell(hint, util::Html::literal) + ".");
    }
    out += "\nThe diagnostics at the end say where in the statement, and what to do.\n\n";
}

void write_pro_forma(std::string& out, const judge::Judgement& judgement) {
    out += "## Table B.1: implementation conformance statement\n";
    std::string clause;
    for (const judge::ProvisionResult& result : judgement.results) {
        const standard::Provision& provision = *result.provision;
        if (provision.clause != clause) {
            clause = provision.clause;
            const standard::Clause* info = judgement.standard->find_clause(clause);
            out += fmt::format("\n### {} {}\n\n", clause, info->title);
            out += "| Provision | Description | Status | Support | Detail |\n";
            out += "|---|---|---|---|---|\n";
        }
        out += fmt::format("| {} | {} | {} | {} | {} |\n", provision.id,
                           util::markdown_cell(description_of(provision)),
                           standard::format_status(provision.status), support_of(result),
                           util::markdown_cell(detail_of(result)));
    }
    out += "\n### Conditions\n\n";
    out += "| Condition | Key | Text | Answer |\n|---|---|---|---|\n";
    for (const ConditionRow& row : condition_rows(judgement)) {
        out += fmt::format("| {} | {} | {} | {} |\n", row.label, row.key,
                           util::markdown_cell(row.text), row.answer);
    }
    const std::vector<ConditionRow> features = feature_rows(judgement);
    if (!features.empty()) {
        out += "\n### Features\n\n| Feature | Key | Text | Answer |\n|---|---|---|---|\n";
        for (const ConditionRow& row : features) {
            out += fmt::format("| {} | {} | {} | {} |\n", row.label, row.key,
                               util::markdown_cell(row.text), row.answer);
        }
    }
}

void write_verdicts(std::string& out, const judge::Judgement& judgement) {
    out += "\n## Verdicts\n\n";
    out += "| Provision | Status | Support | Applicability | Verdict | Reason |\n";
    out += "|---|---|---|---|---|---|\n";
    for (const judge::ProvisionResult& result : judgement.results) {
        out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", result.provision->id,
                           standard::format_status(result.provision->status), support_of(result),
                           judge::to_string(result.applicability), verdict_label(result),
                           util::markdown_cell(result.reason, util::Html::literal));
    }
}

// Text from an image or another tool (names, matched lines): nothing in it may become a
// link or formatting in the report.
std::string evidence_cell(std::string_view text) {
    return util::markdown_cell(text, util::Html::literal);
}

void write_evidence(std::string& out, const judge::Judgement& judgement) {
    std::string rows;
    for (const judge::ProvisionResult& result : judgement.results) {
        for (const judge::Finding& finding : result.findings) {
            rows += fmt::format("| {} | {} | {} | {} | {} | {} |\n", result.provision->id,
                                evidence_cell(finding.source), evidence_cell(finding.rule_id),
                                evidence_cell(effect_label(finding)),
                                evidence_cell(finding.message), evidence_cell(finding.location));
        }
    }
    if (rows.empty()) {
        return;  // no automatic checks ran: no section rather than an empty one
    }
    out += "\n## Evidence from automatic checks\n\n";
    out += "| Provision | Source | Rule | Effect | Finding | Location |\n";
    out += "|---|---|---|---|---|---|\n" + rows;
}

void write_diagnostics(std::string& out, const judge::Judgement& judgement) {
    out += "\n## Diagnostics\n\n";
    if (judgement.diagnostics.empty()) {
        out += "None.\n";
        return;
    }
    out += "| Severity | Code | Provision | Where | Message | What to do |\n";
    out += "|---|---|---|---|---|---|\n";
    for (const diagnostics::Diagnostic& d : judgement.diagnostics) {
        out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", diagnostics::to_string(d.severity),
                           d.code, d.provision, evidence_cell(d.position.to_string()),
                           evidence_cell(d.message), evidence_cell(d.hint));
    }
}

}  // namespace

std::string render_markdown(const judge::Judgement& judgement) {
    std::string out;
    write_header(out, judgement);
    write_attention(out, judgement);
    write_pro_forma(out, judgement);
    write_verdicts(out, judgement);
    write_evidence(out, judgement);
    write_diagnostics(out, judgement);
    out += fmt::format("\n{} Generated by iotconform.\n",
                       provision_text_attribution(*judgement.standard));
    return out;
}

}  // namespace iotconform::report
