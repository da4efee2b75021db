// Shared wording of the reports.
#include "report/report_text.hpp"

#include <fmt/format.h>

#include "util/text.hpp"

namespace iotconform::report {

std::string subject_line(const judge::Judgement& judgement) {
    const ics::Product& product = *judgement.product;
    std::string line = product.identity.name;
    if (!product.identity.model.empty() && product.identity.model != product.identity.name) {
        line += fmt::format(" {}", product.identity.model);
    }
    if (!product.identity.firmware_version.empty()) {
        line += fmt::format(", firmware {}", product.identity.firmware_version);
    }
    return fmt::format("{} ({})", line, ics::to_string(product.scope));
}

std::string counts_line(const judge::Counts& counts) {
    return fmt::format("{} PASS, {} FAIL, {} NOT APPLICABLE, {} INCOMPLETE", counts.pass,
                       counts.fail, counts.not_applicable, counts.incomplete);
}

std::string description_of(const standard::Provision& provision) {
    return provision.text_is_summary ? "(summary, not the standard's wording) " + provision.text
                                     : provision.text;
}

std::string_view provision_text_kind(const standard::Standard& standard) {
    std::size_t summaries = 0;
    for (const standard::Provision& provision : standard.provisions()) {
        summaries += provision.text_is_summary ? 1 : 0;
    }
    if (summaries == 0) {
        return "quoted";
    }
    return summaries == standard.provisions().size() ? "summaries" : "mixed";
}

std::string provision_text_attribution(const standard::Standard& standard) {
    const std::string_view kind = provision_text_kind(standard);
    if (kind == "quoted") {
        return fmt::format("Provision texts quoted from {}.", standard.title());
    }
    if (kind == "summaries") {
        return fmt::format(
            "Provision texts are iotconform's own summaries, not the wording of {}, which is "
            "not available to this project.",
            standard.title());
    }
    return fmt::format(
        "Provision texts quoted from {}, except those marked as iotconform's own summaries.",
        standard.title());
}

std::string support_of(const judge::ProvisionResult& result) {
    if (result.entry == nullptr || !result.entry->support) {
        return {};
    }
    return std::string(ics::to_string(*result.entry->support));
}

std::string detail_of(const judge::ProvisionResult& result) {
    if (result.entry == nullptr) {
        return {};
    }
    std::string detail = std::string(util::trim(result.entry->detail));
    if (!result.entry->evidence.empty()) {
        detail += (detail.empty() ? "" : "\n") +
                  fmt::format("Evidence: {}", util::join(result.entry->evidence, ", "));
    }
    return detail;
}

std::vector<ConditionRow> condition_rows(const judge::Judgement& judgement) {
    std::vector<ConditionRow> rows;
    const ics::Product& product = *judgement.product;
    for (const standard::Condition& condition : judgement.standard->conditions()) {
        std::string answer(ics::to_string(judgement.conditions.at(condition.number)));
        // Say where an answer the file did not give came from: its opposite condition.
        if (!product.conditions.contains(condition.number) && answer != "unknown") {
            for (const standard::Condition& other : judgement.standard->conditions()) {
                if (other.opposite_of == condition.number ||
                    condition.opposite_of == other.number) {
                    answer += fmt::format(" (from condition {})", other.number);
                }
            }
        }
        rows.push_back({std::to_string(condition.number), condition.key, condition.text, answer});
    }
    return rows;
}

std::vector<ConditionRow> feature_rows(const judge::Judgement& judgement) {
    std::vector<ConditionRow> rows;
    for (const standard::Feature& feature : judgement.standard->features()) {
        rows.push_back({feature.letter, feature.key, feature.text,
                        std::string(ics::to_string(judgement.features.at(feature.letter)))});
    }
    return rows;
}

std::vector<const judge::ProvisionResult*> needing_attention(const judge::Judgement& judgement) {
    std::vector<const judge::ProvisionResult*> found;
    for (const judge::ProvisionResult& result : judgement.results) {
        if (result.verdict == judge::Verdict::fail ||
            result.verdict == judge::Verdict::incomplete) {
            found.push_back(&result);
        }
    }
    return found;
}

std::string hint_for(const judge::Judgement& judgement, const judge::ProvisionResult& result) {
    for (const diagnostics::Diagnostic& d : judgement.diagnostics) {
        if (d.provision == result.provision->id && d.severity != diagnostics::Severity::note &&
            !d.hint.empty()) {
            return d.hint;
        }
    }
    return {};
}

std::string verdict_label(const judge::ProvisionResult& result) {
    return result.justified_deviation ? "NOT APPLICABLE (justified deviation)"
                                      : std::string(judge::to_string(result.verdict));
}

std::string verdict_slug(judge::Verdict verdict) {
    switch (verdict) {
        case judge::Verdict::pass:
            return "pass";
        case judge::Verdict::fail:
            return "fail";
        case judge::Verdict::not_applicable:
            return "not-applicable";
        case judge::Verdict::incomplete:
            return "incomplete";
    }
    return "incomplete";
}

std::string effect_label(const judge::Finding& finding) {
    if (finding.suppressed.empty()) {
        return std::string(judge::to_string(finding.effect));
    }
    return fmt::format("{} (suppressed: {})", judge::to_string(finding.effect), finding.suppressed);
}

}  // namespace iotconform::report
