// The judgement rules. They follow the standard's own: Table B.1's status and conditions
// decide applicability; clause B's meaning of Y, N and N/A decides what a row may say;
// provision 4-1 (5.0-1 in V3) requires a justification for every recommendation not
// followed or not applicable; TS 103 701 assigns PASS, FAIL or NOT APPLICABLE.
#include "judge/engine.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "util/text.hpp"

namespace iotconform::judge {

namespace dg = diagnostics;
using ics::Answer;
using ics::Scope;
using ics::Support;
using standard::Provision;

std::string_view to_string(Applicability applicability) {
    switch (applicability) {
        case Applicability::applicable:
            return "applicable";
        case Applicability::not_applicable:
            return "not applicable";
        case Applicability::undetermined:
            return "undetermined";
    }
    return "undetermined";
}

std::string_view to_string(Verdict verdict) {
    switch (verdict) {
        case Verdict::pass:
            return "PASS";
        case Verdict::fail:
            return "FAIL";
        case Verdict::not_applicable:
            return "NOT APPLICABLE";
        case Verdict::incomplete:
            return "INCOMPLETE";
    }
    return "INCOMPLETE";
}

std::string_view to_string(Conformance conformance) {
    switch (conformance) {
        case Conformance::conformant:
            return "CONFORMANT";
        case Conformance::not_conformant:
            return "NOT CONFORMANT";
        case Conformance::incomplete:
            return "INCOMPLETE";
    }
    return "INCOMPLETE";
}

const ProvisionResult* Judgement::find(std::string_view provision_id) const {
    for (const ProvisionResult& result : results) {
        if (result.provision->id == provision_id) {
            return &result;
        }
    }
    return nullptr;
}

bool is_substantive(std::string_view detail) {
    std::string text = util::to_lower(util::trim(detail));
    while (!text.empty() && (text.back() == '.' || text.back() == '!' || text.back() == ':')) {
        text.pop_back();
    }
    // Words people leave in a cell to mean "fill in later"; none of them justifies.
    static const std::vector<std::string> k_placeholders = {
        "", "todo", "tbd", "tba", "fixme", "xxx", "-", "--", "?", "n/a", "na", "none", "wip"};
    return std::find(k_placeholders.begin(), k_placeholders.end(), text) == k_placeholders.end();
}

namespace {

// Working state for one run of the rules.
class Engine {
  public:
    Engine(const ics::Product& product, std::span<const Finding> findings)
        : m_product(product), m_standard(*product.standard), m_findings(findings) {}

    Judgement run(std::vector<dg::Diagnostic> loader_notes);

  private:
    struct Row {
        ProvisionResult result;
        std::vector<dg::Diagnostic> diagnostics;
        bool unjustified_recommendation = false;
        std::vector<std::string> unknown_keys;  // product file keys whose answer would decide
    };

    void settle_answers(std::vector<dg::Diagnostic>& global);
    void decide_applicability(Row& row) const;
    void attach_findings(std::vector<Row>& rows, std::vector<dg::Diagnostic>& global) const;
    const ics::Suppression* find_suppression(std::string_view rule_id) const;
    void report_suppressions(const std::map<std::string, std::size_t>& suppressed,
                             std::vector<dg::Diagnostic>& global) const;
    void judge_row(Row& row) const;
    void note_findings_without_effect(Row& row, std::string_view why) const;
    void judge_unanswered(Row& row) const;
    void judge_supported(Row& row) const;
    void judge_not_supported(Row& row) const;
    void judge_not_applicable(Row& row) const;
    void judge_unfollowed_recommendation(Row& row, std::string_view what) const;
    void judge_justifications(Row& row, const std::vector<Row>& rows) const;
    void check_detail(Row& row) const;
    void check_published_status(Row& row) const;
    void conclude(Judgement& judgement) const;

    void add(Row& row, std::string_view code, std::string message, std::string hint = {}) const {
        row.diagnostics.push_back(dg::make(code, row.result.provision->id, std::move(message),
                                           std::move(hint), position_of(row)));
    }
    dg::SourcePosition position_of(const Row& row) const {
        return row.result.entry != nullptr ? row.result.entry->position
                                           : dg::SourcePosition{m_product.path, 0, 0};
    }
    static void set(Row& row, Verdict verdict, std::string reason) {
        row.result.verdict = verdict;
        row.result.reason = std::move(reason);
    }
    std::string condition_phrase(int number) const {
        const standard::Condition* condition = m_standard.find_condition(number);
        return fmt::format("condition {} ({})", number, condition->text);
    }
    std::string feature_phrase(const std::string& letter) const {
        const standard::Feature* feature = m_standard.find_feature(letter);
        return fmt::format("feature {} ({})", letter, feature->text);
    }
    bool component() const { return m_product.scope == Scope::component; }
    static std::string answer_hint(const Row& row) {
        return fmt::format("answer {} (true or false) in the product file",
                           util::join(row.unknown_keys, " and "));
    }

    const ics::Product& m_product;
    const standard::Standard& m_standard;
    std::span<const Finding> m_findings;
    std::map<int, Answer> m_conditions;
    std::map<std::string, Answer> m_features;
};

void Engine::settle_answers(std::vector<dg::Diagnostic>& global) {
    for (const standard::Condition& condition : m_standard.conditions()) {
        const auto given = m_product.conditions.find(condition.number);
        m_conditions[condition.number] =
            given != m_product.conditions.end() ? given->second.answer : Answer::unknown;
    }
    for (const standard::Feature& feature : m_standard.features()) {
        const auto given = m_product.features.find(feature.letter);
        m_features[feature.letter] =
            given != m_product.features.end() ? given->second.answer : Answer::unknown;
    }
    const auto negate = [](Answer answer) {
        return answer == Answer::yes ? Answer::no : Answer::yes;
    };
    for (const standard::Condition& condition : m_standard.conditions()) {
        if (!condition.opposite_of) {
            continue;
        }
        Answer& mine = m_conditions[condition.number];
        Answer& theirs = m_conditions[*condition.opposite_of];
        if (mine == Answer::unknown && theirs != Answer::unknown) {
            mine = negate(theirs);
        } else if (theirs == Answer::unknown && mine != Answer::unknown) {
            theirs = negate(mine);
        } else if (mine != Answer::unknown && mine == theirs) {
            const auto given = m_product.conditions.find(condition.number);
            global.push_back(dg::make(
                "ICS032", {},
                fmt::format("{} and {} are opposites but are both answered {}",
                            condition_phrase(condition.number),
                            condition_phrase(*condition.opposite_of), ics::to_string(mine)),
                "answer one of them; iotconform derives the other", given->second.position));
            // Neither answer can be trusted, so the provisions they decide stay open.
            mine = Answer::unknown;
            theirs = Answer::unknown;
        }
    }
}

void Engine::decide_applicability(Row& row) const {
    const standard::Status& status = row.result.provision->status;
    std::vector<std::string> failing;
    std::vector<std::string> unknown;
    std::vector<std::string> holding;
    for (const int number : status.conditions) {
        const Answer answer = m_conditions.at(number);
        (answer == Answer::no        ? failing
         : answer == Answer::unknown ? unknown
                                     : holding)
            .push_back(condition_phrase(number));
        if (answer == Answer::unknown) {
            row.unknown_keys.push_back(m_standard.find_condition(number)->key);
        }
    }
    for (const std::string& letter : status.features) {
        const Answer answer = m_features.at(letter);
        (answer == Answer::no        ? failing
         : answer == Answer::unknown ? unknown
                                     : holding)
            .push_back(feature_phrase(letter));
        if (answer == Answer::unknown) {
            row.unknown_keys.push_back(m_standard.find_feature(letter)->key);
        }
    }
    ProvisionResult& result = row.result;
    if (!failing.empty()) {
        result.applicability = Applicability::not_applicable;
        result.applicability_reason =
            fmt::format("does not apply: {} {}", util::join(failing, " and "),
                        failing.size() == 1 ? "does not hold" : "do not hold");
    } else if (!unknown.empty()) {
        result.applicability = Applicability::undetermined;
        result.applicability_reason =
            fmt::format("applies only if {}; answered unknown", util::join(unknown, " and "));
    } else if (!holding.empty()) {
        result.applicability = Applicability::applicable;
        result.applicability_reason =
            fmt::format("applies: {} holds", util::join(holding, " and "));
    } else {
        result.applicability = Applicability::applicable;
        result.applicability_reason = "applies to every product (unconditional)";
    }
}

void Engine::check_detail(Row& row) const {
    const ics::IcsEntry& entry = *row.result.entry;
    const bool negative = entry.support != Support::yes;
    if (util::trim(entry.detail).empty()) {
        if (entry.support == Support::not_applicable && component()) {
            return;  // a component's N/A means "left to the product maker"; ICS022 says so
        }
        if (negative) {
            add(row, "ICS011",
                fmt::format("support is {} but the detail is empty",
                            ics::to_string(*entry.support)),
                entry.support == Support::no
                    ? "say why implementation is not possible or not appropriate"
                    : "give the rationale for not applicable");
        } else {
            add(row, "ICS013",
                "support is Y but the detail does not say which measures implement it",
                "name the measure, document or configuration that implements the provision");
        }
    } else if (!is_substantive(entry.detail)) {
        add(row, "ICS012",
            fmt::format("the detail '{}' is a placeholder", util::trim(entry.detail)),
            "replace it with the measures (for Y) or the reason (for N, N/A)");
    }
}

void Engine::check_published_status(Row& row) const {
    const ics::IcsEntry& entry = *row.result.entry;
    if (!entry.published_status) {
        return;
    }
    const standard::Status& official = row.result.provision->status;
    const standard::StatusParse parsed = standard::parse_status(*entry.published_status);
    const bool same = parsed.letters_only
                          ? parsed.letters == standard::format_status_letters(official)
                          : parsed.status == official;
    if (!same) {
        add(row, "ICS040",
            fmt::format("the statement gives status '{}', Table B.1 of {} gives '{}'; the "
                        "standard's status is used",
                        *entry.published_status, m_standard.short_title(),
                        standard::format_status(official)),
            "correct the status in the published document");
    }
}

void Engine::judge_unanswered(Row& row) const {
    if (row.result.applicability == Applicability::not_applicable) {
        dg::Diagnostic& d = row.diagnostics.emplace_back(
            dg::make("ICS010", row.result.provision->id, "the ICS has no answer for this provision",
                     "add it with support N/A and the rationale", position_of(row)));
        d.severity = dg::Severity::warning;  // the verdict does not depend on it
        set(row, Verdict::not_applicable,
            row.result.applicability_reason + "; the ICS does not answer it");
        return;
    }
    add(row, "ICS010", "the ICS has no answer for this provision",
        "give support Y, N or N/A with a detail");
    set(row, Verdict::incomplete, "the ICS does not answer it");
}

void Engine::judge_supported(Row& row) const {
    ProvisionResult& result = row.result;
    if (result.applicability == Applicability::not_applicable) {
        // A provision that does not apply cannot fail, whatever a check found about it.
        add(row, "ICS024", fmt::format("declared Y, but it {}", result.applicability_reason),
            "check the condition answers, or write N/A");
        note_findings_without_effect(row, "but the provision does not apply");
        set(row, Verdict::not_applicable, result.applicability_reason);
        return;
    }
    std::vector<std::string> contradictions;
    for (const Finding& finding : result.findings) {
        if (finding.effect == Effect::contradicts && finding.suppressed.empty()) {
            add(row, "EVD001",
                fmt::format("declared Y, but {}: {}{}", finding.source, finding.message,
                            finding.location.empty() ? "" : " (" + finding.location + ")"),
                finding.remediation);
            contradictions.push_back(finding.message);
        }
    }
    if (!contradictions.empty()) {
        set(row, Verdict::fail,
            fmt::format("declared supported, but the evidence contradicts it: {}",
                        util::join(contradictions, "; ")));
        return;
    }
    // The measures are in the Detail column beside the verdict; the reason need not
    // repeat them.
    const std::string how = util::trim(result.entry->detail).empty()
                                ? std::string("declared supported, without the measures")
                                : std::string("supported");
    if (result.applicability == Applicability::undetermined) {
        set(row, Verdict::pass,
            fmt::format("{} (it {}, which does not change the verdict)", how,
                        result.applicability_reason));
        return;
    }
    set(row, Verdict::pass, how);
}

void Engine::judge_unfollowed_recommendation(Row& row, std::string_view what) const {
    const std::string& detail = row.result.entry->detail;
    if (is_substantive(detail)) {
        row.result.justified_deviation = true;
        set(row, Verdict::not_applicable,
            fmt::format("recommendation {}; justified: {}", what,
                        util::collapse_whitespace(detail)));
        return;
    }
    const Provision* record = m_standard.justification_provision();
    add(row, "ICS030",
        fmt::format("recommendation {} without a justification{}", what,
                    record != nullptr ? fmt::format(" ({} requires one)", record->id) : ""),
        "write in the detail why it is not followed or not applicable");
    row.unjustified_recommendation = true;
    set(row, Verdict::fail,
        fmt::format("recommendation {} without the justification {} requires", what,
                    record != nullptr ? record->id : "the standard"));
}

void Engine::judge_not_supported(Row& row) const {
    ProvisionResult& result = row.result;
    if (result.applicability == Applicability::not_applicable) {
        set(row, Verdict::not_applicable, result.applicability_reason);
        return;
    }
    if (!result.provision->mandatory()) {
        judge_unfollowed_recommendation(row, "not followed");
        return;
    }
    if (result.applicability == Applicability::undetermined) {
        add(row, "ICS031",
            fmt::format("declared N; the provision {}, so the verdict cannot be decided",
                        result.applicability_reason),
            answer_hint(row));
        set(row, Verdict::incomplete,
            fmt::format("declared not supported; it {}", result.applicability_reason));
        return;
    }
    add(row, "ICS023",
        component() ? "the component does not support this mandatory provision; a product built "
                      "on it must meet it by other means"
                    : "mandatory provision declared not supported",
        component() ? "document how product makers can meet it" : "implement it");
    set(row, Verdict::fail,
        fmt::format("mandatory provision declared not supported ({}){}",
                    result.applicability_reason,
                    util::trim(result.entry->detail).empty()
                        ? ""
                        : ": " + util::collapse_whitespace(result.entry->detail)));
}

void Engine::judge_not_applicable(Row& row) const {
    ProvisionResult& result = row.result;
    const bool conditional = result.provision->status.conditional();
    if (result.applicability == Applicability::not_applicable) {
        set(row, Verdict::not_applicable, result.applicability_reason);
        return;
    }
    if (component()) {
        // Component statements use N/A for "the product maker's responsibility" (the
        // Zephyr page says so in its legend). Valid for a component, never for a product.
        add(row, "ICS022",
            result.applicability == Applicability::undetermined
                ? fmt::format("N/A: whether it applies depends on the product ({})",
                              result.applicability_reason)
                : std::string("N/A: left to the product maker"),
            "a product's own ICS must answer it");
        set(row, Verdict::not_applicable, "left to the product maker (component scope)");
        return;
    }
    if (result.applicability == Applicability::undetermined) {
        if (!result.provision->mandatory() && is_substantive(result.entry->detail)) {
            judge_unfollowed_recommendation(row, "considered not applicable");
            return;
        }
        add(row, "ICS031", fmt::format("declared N/A, but it {}", result.applicability_reason),
            answer_hint(row));
        set(row, Verdict::incomplete,
            fmt::format("declared not applicable, but it {}", result.applicability_reason));
        return;
    }
    if (conditional) {
        add(row, "ICS020", fmt::format("declared N/A, but it {}", result.applicability_reason),
            "N/A is allowed only when a condition does not hold: support it, or write N with a "
            "reason");
    } else {
        add(row, "ICS021", "declared N/A, but the provision is unconditional",
            "N/A is allowed only for conditional provisions: support it, or write N with a reason");
    }
    if (!result.provision->mandatory() && is_substantive(result.entry->detail)) {
        // A justified recommendation written as N/A instead of N: the wrong letter, not
        // a failure.
        row.diagnostics.back().severity = dg::Severity::warning;
    }
    if (!result.provision->mandatory()) {
        judge_unfollowed_recommendation(row, "considered not applicable");
        return;
    }
    set(row, Verdict::fail,
        fmt::format("mandatory provision declared not applicable, but it {}",
                    result.applicability_reason));
}

void Engine::note_findings_without_effect(Row& row, std::string_view why) const {
    for (const Finding& finding : row.result.findings) {
        if (finding.effect == Effect::contradicts && finding.suppressed.empty()) {
            add(row, "EVD002",
                fmt::format("{} found: {}{}; no effect on the verdict {}", finding.source,
                            finding.message,
                            finding.location.empty() ? "" : " (" + finding.location + ")", why),
                finding.remediation);
        }
    }
}

void Engine::judge_row(Row& row) const {
    const ics::IcsEntry* entry = row.result.entry;
    if (entry == nullptr || !entry->support) {
        judge_unanswered(row);
        return;
    }
    check_detail(row);
    check_published_status(row);
    if (!entry->review.empty()) {
        add(row, "ICS050", fmt::format("marked for review: {}", entry->review),
            "check the answer, then delete the entry's 'review' line");
    }
    if (*entry->support != Support::yes) {
        note_findings_without_effect(
            row, fmt::format("with support {}", ics::to_string(*entry->support)));
    }
    switch (*entry->support) {
        case Support::yes:
            judge_supported(row);
            return;
        case Support::no:
            judge_not_supported(row);
            return;
        case Support::not_applicable:
            judge_not_applicable(row);
            return;
    }
}

void Engine::judge_justifications(Row& row, const std::vector<Row>& rows) const {
    std::vector<std::string> missing;
    for (const Row& other : rows) {
        if (other.unjustified_recommendation) {
            missing.push_back(other.result.provision->id);
        }
    }
    if (missing.empty()) {
        return;  // its own row decides, like any provision's
    }
    const std::string list = util::join(missing, ", ");
    add(row, "ICS030",
        fmt::format("{} not followed or not applicable without justification: {}",
                    util::counted(missing.size(), "recommendation"), list),
        "give each a justification in its detail");
    set(row, Verdict::fail,
        fmt::format("recommendations without the required justification: {}", list));
}

void Engine::attach_findings(std::vector<Row>& rows, std::vector<dg::Diagnostic>& global) const {
    std::map<std::string, std::size_t> suppressed;  // rule id -> findings set aside
    for (Finding finding : m_findings) {
        if (const ics::Suppression* suppression = find_suppression(finding.rule_id)) {
            finding.suppressed = suppression->reason;
            ++suppressed[finding.rule_id];
        }
        for (const std::string& id : finding.provisions) {
            const auto row = std::find_if(rows.begin(), rows.end(), [&](const Row& r) {
                return r.result.provision->id == id;
            });
            if (row == rows.end()) {
                global.push_back(dg::make(
                    "EVD003", {},
                    fmt::format("{} finding {} names provision '{}', which {} does not have",
                                finding.source, finding.rule_id, id, m_standard.short_title()),
                    "the check's provision mapping does not fit this edition"));
                continue;
            }
            row->result.findings.push_back(finding);
        }
    }
    report_suppressions(suppressed, global);
}

const ics::Suppression* Engine::find_suppression(std::string_view rule_id) const {
    for (const ics::Suppression& suppression : m_product.suppressions) {
        if (suppression.rule == rule_id) {
            return &suppression;
        }
    }
    return nullptr;
}

// Every suppression is reported, used or not: a reader of any report must see what was set
// aside and why, and a suppression that matches nothing is a stale entry or a typo.
void Engine::report_suppressions(const std::map<std::string, std::size_t>& suppressed,
                                 std::vector<dg::Diagnostic>& global) const {
    for (const ics::Suppression& suppression : m_product.suppressions) {
        const auto used = suppressed.find(suppression.rule);
        if (used == suppressed.end()) {
            global.push_back(
                dg::make("EVD005", {},
                         fmt::format("the suppression of {} matches no finding", suppression.rule),
                         "check the rule id against the reports, or delete the suppression",
                         suppression.position));
            continue;
        }
        global.push_back(
            dg::make("EVD004", {},
                     fmt::format("{} of {} set aside: {}", util::counted(used->second, "finding"),
                                 suppression.rule, suppression.reason),
                     "remove the suppression to let the rule count again", suppression.position));
    }
}

void Engine::conclude(Judgement& judgement) const {
    std::vector<std::string> failing_mandatory;
    std::vector<std::string> failing_recommended;
    std::vector<std::string> incomplete;
    for (const ProvisionResult& result : judgement.results) {
        const bool mandatory = result.provision->mandatory();
        Counts& counts = mandatory ? judgement.mandatory : judgement.recommended;
        switch (result.verdict) {
            case Verdict::pass:
                ++counts.pass;
                break;
            case Verdict::fail:
                ++counts.fail;
                (mandatory ? failing_mandatory : failing_recommended)
                    .push_back(result.provision->id);
                break;
            case Verdict::not_applicable:
                ++counts.not_applicable;
                break;
            case Verdict::incomplete:
                ++counts.incomplete;
                incomplete.push_back(result.provision->id);
                break;
        }
    }

    const std::string subject = component() ? "The component" : "The product";
    if (!failing_mandatory.empty() || !failing_recommended.empty()) {
        std::vector<std::string> parts;
        if (!failing_mandatory.empty()) {
            parts.push_back(fmt::format(
                "{} {} ({})", util::counted(failing_mandatory.size(), "mandatory provision"),
                failing_mandatory.size() == 1 ? "fails" : "fail",
                util::join(failing_mandatory, ", ")));
        }
        if (!failing_recommended.empty()) {
            parts.push_back(fmt::format("{} {} ({})",
                                        util::counted(failing_recommended.size(), "recommendation"),
                                        failing_recommended.size() == 1 ? "fails" : "fail",
                                        util::join(failing_recommended, ", ")));
        }
        if (!incomplete.empty()) {
            parts.push_back(fmt::format("{} cannot be judged ({})",
                                        util::counted(incomplete.size(), "provision"),
                                        util::join(incomplete, ", ")));
        }
        judgement.conformance = Conformance::not_conformant;
        judgement.conformance_reason =
            fmt::format("{} does not conform: {}", subject, util::join(parts, "; "));
    } else if (const auto unsettled =
                   std::find_if(judgement.diagnostics.begin(), judgement.diagnostics.end(),
                                [](const dg::Diagnostic& d) {
                                    return d.severity == dg::Severity::error && d.provision.empty();
                                });
               unsettled != judgement.diagnostics.end()) {
        // An error that belongs to no provision (contradictory condition answers, evidence
        // naming a provision the edition lacks) leaves the assessment unsettled even where
        // every row happens to pass.
        judgement.conformance = Conformance::incomplete;
        judgement.conformance_reason =
            fmt::format("No provision fails, but the assessment has an error to resolve: {}",
                        unsettled->message);
    } else if (!incomplete.empty()) {
        judgement.conformance = Conformance::incomplete;
        judgement.conformance_reason = fmt::format(
            "No provision fails, but {} cannot be judged until the statement answers them: {}",
            util::counted(incomplete.size(), "provision"), util::join(incomplete, ", "));
    } else {
        judgement.conformance = Conformance::conformant;
        judgement.conformance_reason = fmt::format(
            "{} conforms: every applicable mandatory provision is supported and every "
            "recommendation not followed is justified",
            subject);
    }
}

Judgement Engine::run(std::vector<dg::Diagnostic> loader_notes) {
    std::vector<dg::Diagnostic> global = std::move(loader_notes);
    settle_answers(global);

    std::vector<Row> rows;
    for (const Provision& provision : m_standard.provisions()) {
        Row row;
        row.result.provision = &provision;
        row.result.entry = m_product.find_entry(provision.id);
        decide_applicability(row);
        rows.push_back(std::move(row));
    }
    attach_findings(rows, global);

    Row* justification_row = nullptr;
    for (Row& row : rows) {
        judge_row(row);
        if (row.unjustified_recommendation) {
            // ICS030 says the same as "N without detail", with the consequence; keep one.
            std::erase_if(row.diagnostics,
                          [](const dg::Diagnostic& d) { return d.code == "ICS011"; });
        }
        if (row.result.provision->records_justifications) {
            justification_row = &row;
        }
    }
    // Judged last: it depends on every other row's justification.
    if (justification_row != nullptr) {
        judge_justifications(*justification_row, rows);
    }

    Judgement judgement;
    judgement.product = &m_product;
    judgement.standard = &m_standard;
    judgement.conditions = m_conditions;
    judgement.features = m_features;
    judgement.diagnostics = std::move(global);
    for (Row& row : rows) {
        judgement.diagnostics.insert(judgement.diagnostics.end(), row.diagnostics.begin(),
                                     row.diagnostics.end());
        judgement.results.push_back(std::move(row.result));
    }
    conclude(judgement);
    return judgement;
}

}  // namespace

Judgement judge(const ics::Product& product, std::vector<dg::Diagnostic> loader_notes,
                std::span<const Finding> findings) {
    return Engine(product, findings).run(std::move(loader_notes));
}

}  // namespace iotconform::judge
