// Wording shared by the reports, so every format says the same thing the same way.
#pragma once

#include <string>
#include <vector>

#include "judge/engine.hpp"

namespace iotconform::report {

// "the product" / "the component" with its name: "Acme SmartCam C1 (product)".
std::string subject_line(const judge::Judgement& judgement);

// "12 PASS, 1 FAIL, 3 NOT APPLICABLE, 0 INCOMPLETE".
std::string counts_line(const judge::Counts& counts);

// The description column: the provision's text, marked when it is our own summary.
std::string description_of(const standard::Provision& provision);

// How the provision texts relate to the edition: "quoted" (its own wording), "summaries"
// (iotconform's summaries, its wording not being available) or "mixed".
std::string_view provision_text_kind(const standard::Standard& standard);

// The footer sentence that says so: "Provision texts quoted from ETSI EN 303 645 V2.1.1."
// or that they are iotconform's summaries, not the standard's wording.
std::string provision_text_attribution(const standard::Standard& standard);

// The support column: "Y", "N", "N/A" or "" when the ICS leaves it open.
std::string support_of(const judge::ProvisionResult& result);

// The detail column as the statement wrote it, with its evidence references appended.
std::string detail_of(const judge::ProvisionResult& result);

// The conditions referred to by any provision, in number order, with the effective
// answers ("true", "false", "unknown") and whether iotconform inferred them.
struct ConditionRow {
    std::string label;  // "1", or a feature letter "a"
    std::string key;    // what the product file writes: "passwords_used"
    std::string text;
    std::string answer;  // "true" | "false" | "unknown"
};
std::vector<ConditionRow> condition_rows(const judge::Judgement& judgement);
std::vector<ConditionRow> feature_rows(const judge::Judgement& judgement);

// The provisions that FAIL or are INCOMPLETE, in table order: what needs attention.
std::vector<const judge::ProvisionResult*> needing_attention(const judge::Judgement& judgement);

// What to do about a provision that needs attention: the hint of its first error or
// warning, or empty.
std::string hint_for(const judge::Judgement& judgement, const judge::ProvisionResult& result);

// The verdict as reports print it: a justified deviation from a recommendation says so,
// since "applicable" beside "NOT APPLICABLE" reads as a contradiction.
std::string verdict_label(const judge::ProvisionResult& result);

// A finding's effect as the evidence tables print it: "contradicts", or
// "contradicts (suppressed: REASON)" when the product file sets the rule aside.
std::string effect_label(const judge::Finding& finding);

// CSS class / slug of a verdict: "pass", "fail", "not-applicable", "incomplete".
std::string verdict_slug(judge::Verdict verdict);

}  // namespace iotconform::report
