// Tests for judge::judge: applicability, verdicts, diagnostics, evidence and conformance.
#include "judge/engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "ics/product_loader.hpp"
#include "standard/catalog.hpp"

namespace iotconform::judge {
namespace {

namespace dg = diagnostics;
using Codes = std::vector<std::string>;

// The row written for every provision unless a test overrides it.
const std::string k_supported = "{support: Y, detail: \"Implemented by a documented measure.\"}";
// 5.3-14 and 5.3-15 (R C (3, 4)) do not apply under the default answers.
const std::string k_not_applicable = "{support: N/A, detail: \"The device is updatable.\"}";

// What a test product file says. The defaults make every provision but 5.3-14 and 5.3-15
// applicable and supported, which judges CONFORMANT with no diagnostic at all; a test
// overrides only what it is about. An override of std::nullopt leaves the line out.
struct Spec {
    std::string scope = "product";
    std::map<std::string, std::optional<std::string>> conditions;  // key -> answer
    std::map<std::string, std::optional<std::string>> rows;        // provision -> entry
    std::string tail;  // YAML appended after the ICS: suppressions, artifacts
};

const std::vector<std::pair<std::string, std::string>> k_default_conditions = {
    {"passwords_used", "true"},
    {"preinstalled_passwords_used", "true"},
    {"software_not_updatable", "false"},
    {"constrained_device", "false"},
    {"not_constrained_device", "true"},
    {"telemetry_collected", "true"},
    {"consent_based_processing", "true"},
    {"user_authentication", "true"},
    {"automatic_updates_or_notifications", "true"},
    {"hardcoded_device_identity", "true"},
    {"updates_over_network", "true"},
    {"update_mechanism", "true"},
    {"debug_interface_accessible", "true"},
};

struct Generated {
    std::string text;
    std::map<std::string, int> lines;  // condition key or provision id -> its line
};

Generated product_yaml(const Spec& spec) {
    Generated out;
    int line = 0;
    const auto emit = [&](const std::string& text) {
        out.text += text + "\n";
        return ++line;
    };
    emit("iotconform: 1");
    emit("standard: en303645-2.1.1");
    emit("scope: " + spec.scope);
    emit("product:");
    emit("  name: Test product");
    emit("conditions:");
    for (const auto& [key, answer] : k_default_conditions) {
        const auto override = spec.conditions.find(key);
        const std::optional<std::string> value =
            override != spec.conditions.end() ? override->second : answer;
        if (value) {
            out.lines[key] = emit("  " + key + ": " + *value);
        }
    }
    emit("ics:");
    for (const standard::Provision& provision :
         standard::find_standard("en303645-2.1.1")->provisions()) {
        const auto override = spec.rows.find(provision.id);
        const bool inapplicable = provision.id == "5.3-14" || provision.id == "5.3-15";
        const std::optional<std::string> value =
            override != spec.rows.end() ? override->second
                                        : (inapplicable ? k_not_applicable : k_supported);
        if (value) {
            out.lines[provision.id] = emit("  \"" + provision.id + "\": " + *value);
        }
    }
    out.text += spec.tail;
    return out;
}

// A product file loaded and judged; keeps the product alive for the judgement.
class Assessment {
  public:
    explicit Assessment(const Spec& spec, std::vector<Finding> findings = {})
        : m_generated(product_yaml(spec)), m_findings(std::move(findings)) {
        judge_text(m_generated.text);
    }
    Assessment(const std::string& text, std::vector<Finding> findings)
        : m_findings(std::move(findings)) {
        judge_text(text);
    }
    Assessment(const Assessment&) = delete;
    Assessment& operator=(const Assessment&) = delete;

    const Judgement& judgement() const { return m_judgement; }

    const ProvisionResult& result(const std::string& id) const {
        const ProvisionResult* found = m_judgement.find(id);
        if (found == nullptr) {
            throw std::logic_error("no result for " + id);
        }
        return *found;
    }

    // Codes of the diagnostics about provision `id`, sorted.
    Codes codes(const std::string& id) const {
        Codes found;
        for (const dg::Diagnostic& d : m_judgement.diagnostics) {
            if (d.provision == id) {
                found.push_back(d.code);
            }
        }
        std::sort(found.begin(), found.end());
        return found;
    }

    // The one diagnostic `code` about provision `id`; fails the test when there is not
    // exactly one.
    dg::Diagnostic diagnostic(const std::string& id, const std::string& code) const {
        std::vector<dg::Diagnostic> found;
        for (const dg::Diagnostic& d : m_judgement.diagnostics) {
            if (d.provision == id && d.code == code) {
                found.push_back(d);
            }
        }
        if (found.size() != 1) {
            ADD_FAILURE() << "expected one " << code << " for '" << id << "', found "
                          << found.size() << ":" << describe();
            return {};
        }
        return found.front();
    }

    dg::SourcePosition row_position(const std::string& id) const {
        return {"test.yaml", m_generated.lines.at(id), 3};
    }
    int line_of(const std::string& key) const { return m_generated.lines.at(key); }

    std::string describe() const {
        std::string text;
        for (const dg::Diagnostic& d : m_judgement.diagnostics) {
            text += "\n  " + dg::format_for_terminal(d);
        }
        return text.empty() ? std::string(" (none)") : text;
    }

  private:
    void judge_text(const std::string& text) {
        m_load = ics::load_product(text, "test.yaml");
        if (!m_load.product) {
            throw std::runtime_error("the test product file does not load");
        }
        for (const dg::Diagnostic& d : m_load.diagnostics) {
            if (d.severity == dg::Severity::error) {
                ADD_FAILURE() << "loader error: " << dg::format_for_terminal(d);
            }
        }
        m_judgement = judge(*m_load.product, m_load.diagnostics, m_findings);
    }

    Generated m_generated;
    std::vector<Finding> m_findings;
    ics::ProductLoad m_load;
    Judgement m_judgement;
};

Finding contradicting(std::vector<std::string> provisions, std::string message) {
    Finding finding;
    finding.rule_id = "FW-TEST-001";
    finding.source = "firmware";
    finding.provisions = std::move(provisions);
    finding.effect = Effect::contradicts;
    finding.message = std::move(message);
    finding.location = "rootfs/etc/shadow";
    finding.remediation = "remove the default password";
    return finding;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// ---- the baseline ------------------------------------------------------------------------

TEST(Engine, FullySupportedProductIsConformantWithoutDiagnostics) {
    const Assessment a(Spec{});
    const Judgement& j = a.judgement();
    EXPECT_TRUE(j.diagnostics.empty()) << a.describe();
    EXPECT_EQ(j.conformance, Conformance::conformant) << j.conformance_reason;
    ASSERT_EQ(j.results.size(), 68u);
    EXPECT_EQ(j.results.front().provision->id, "4-1");
    EXPECT_EQ(j.results.back().provision->id, "6-5");
    EXPECT_EQ(j.mandatory.pass, 33);
    EXPECT_EQ(j.mandatory.total(), 33);
    EXPECT_EQ(j.recommended.pass, 33);
    EXPECT_EQ(j.recommended.not_applicable, 2);
    EXPECT_EQ(j.recommended.total(), 35);
    EXPECT_EQ(a.result("5.3-14").verdict, Verdict::not_applicable);
    EXPECT_FALSE(a.result("5.3-14").justified_deviation);
}

TEST(Engine, EveryResultPointsAtItsRow) {
    const Assessment a(Spec{.rows = {{"5.2-2", std::nullopt}}});
    EXPECT_EQ(a.result("5.2-2").entry, nullptr);
    ASSERT_NE(a.result("5.2-1").entry, nullptr);
    EXPECT_EQ(a.result("5.2-1").entry->provision_id, "5.2-1");
    EXPECT_EQ(a.result("5.2-1").entry->position, a.row_position("5.2-1"));
}

// ---- applicability -----------------------------------------------------------------------

TEST(EngineApplicability, UnconditionalProvisionIsApplicable) {
    const Assessment a(Spec{});
    const ProvisionResult& r = a.result("5.1-3");
    EXPECT_EQ(r.applicability, Applicability::applicable);
    EXPECT_TRUE(contains(r.applicability_reason, "unconditional")) << r.applicability_reason;
}

TEST(EngineApplicability, ConditionTrueMakesItApplicable) {
    const Assessment a(Spec{});
    const ProvisionResult& r = a.result("5.1-1");
    EXPECT_EQ(r.applicability, Applicability::applicable);
    EXPECT_TRUE(contains(r.applicability_reason, "condition 1")) << r.applicability_reason;
}

TEST(EngineApplicability, ConditionFalseMakesItNotApplicable) {
    const Assessment a(Spec{.conditions = {{"passwords_used", "false"}},
                            .rows = {{"5.1-1", "{support: N/A, detail: No passwords at all.}"}}});
    const ProvisionResult& r = a.result("5.1-1");
    EXPECT_EQ(r.applicability, Applicability::not_applicable);
    EXPECT_TRUE(contains(r.applicability_reason, "condition 1")) << r.applicability_reason;
    EXPECT_EQ(r.verdict, Verdict::not_applicable);
    EXPECT_EQ(a.codes("5.1-1"), Codes{});
}

TEST(EngineApplicability, ConditionUnknownLeavesItUndetermined) {
    const Assessment a(Spec{.conditions = {{"passwords_used", "unknown"}}});
    const ProvisionResult& r = a.result("5.1-1");
    EXPECT_EQ(r.applicability, Applicability::undetermined);
    EXPECT_TRUE(contains(r.applicability_reason, "unknown")) << r.applicability_reason;
    // A measure that is in place passes whether or not it is required.
    EXPECT_EQ(r.verdict, Verdict::pass);
    EXPECT_EQ(a.codes("5.1-1"), Codes{});
}

TEST(EngineApplicability, ConditionNotAnsweredCountsAsUnknown) {
    const Assessment a(Spec{.conditions = {{"passwords_used", std::nullopt}}});
    EXPECT_EQ(a.result("5.1-1").applicability, Applicability::undetermined);
    EXPECT_EQ(a.judgement().conditions.at(1), ics::Answer::unknown);
}

TEST(EngineApplicability, EveryConditionOfAProvisionMustHold) {
    struct Case {
        const char* over_network;
        const char* mechanism;
        Applicability expected;
    };
    // 5.3-10 is M C (11, 12).
    const std::vector<Case> cases = {
        {"true", "true", Applicability::applicable},
        {"false", "true", Applicability::not_applicable},
        {"true", "false", Applicability::not_applicable},
        {"unknown", "true", Applicability::undetermined},
        {"true", "unknown", Applicability::undetermined},
        {"unknown", "false", Applicability::not_applicable},  // a false answer decides
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(std::string("11: ") + c.over_network + ", 12: " + c.mechanism);
        const Assessment a(Spec{.conditions = {{"updates_over_network", c.over_network},
                                               {"update_mechanism", c.mechanism}},
                                .rows = {{"5.3-10", "{support: N/A, detail: rationale}"}}});
        EXPECT_EQ(a.result("5.3-10").applicability, c.expected)
            << a.result("5.3-10").applicability_reason;
    }
}

TEST(EngineApplicability, ReasonNamesBothConditionsThatHold) {
    const Assessment a(Spec{});
    const std::string& reason = a.result("5.3-10").applicability_reason;
    EXPECT_TRUE(contains(reason, "condition 11")) << reason;
    EXPECT_TRUE(contains(reason, "condition 12")) << reason;
}

TEST(EngineApplicability, ConstrainedDeviceAnswersItsOpposite) {
    const Assessment a(Spec{
        .conditions = {{"constrained_device", "true"}, {"not_constrained_device", std::nullopt}},
        .rows = {{"5.1-5", "{support: N/A, detail: Constrained device.}"},
                 {"5.3-2", "{support: N/A, detail: Constrained device.}"}}});
    EXPECT_EQ(a.judgement().conditions.at(4), ics::Answer::yes);
    EXPECT_EQ(a.judgement().conditions.at(5), ics::Answer::no);
    EXPECT_EQ(a.result("5.1-5").applicability, Applicability::not_applicable);
    EXPECT_EQ(a.result("5.1-5").verdict, Verdict::not_applicable);
    EXPECT_EQ(a.result("5.3-2").verdict, Verdict::not_applicable);
    EXPECT_EQ(a.codes("5.1-5"), Codes{});
    EXPECT_EQ(a.judgement().conformance, Conformance::conformant)
        << a.judgement().conformance_reason;
}

TEST(EngineApplicability, NotConstrainedFalseAnswersConstrainedTrue) {
    // 5.3-14 is R C (3, 4): with condition 3 true and 5 false, it applies.
    const Assessment a(
        Spec{.conditions = {{"software_not_updatable", "true"},
                            {"constrained_device", std::nullopt},
                            {"not_constrained_device", "false"}},
             .rows = {{"5.3-14", k_supported}, {"5.1-5", "{support: N/A, detail: Constrained.}"}}});
    EXPECT_EQ(a.judgement().conditions.at(4), ics::Answer::yes);
    EXPECT_EQ(a.judgement().conditions.at(5), ics::Answer::no);
    EXPECT_EQ(a.result("5.3-14").applicability, Applicability::applicable);
    EXPECT_EQ(a.result("5.3-14").verdict, Verdict::pass);
    EXPECT_EQ(a.result("5.1-5").applicability, Applicability::not_applicable);
}

TEST(EngineApplicability, OppositesAnsweredAlikeAreICS032AndUndetermined) {
    const Assessment a(
        Spec{.conditions = {{"constrained_device", "true"}, {"not_constrained_device", "true"}}});
    std::vector<dg::Diagnostic> found;
    for (const dg::Diagnostic& d : a.judgement().diagnostics) {
        if (d.code == "ICS032") {
            found.push_back(d);
        }
    }
    ASSERT_EQ(found.size(), 1u) << a.describe();
    EXPECT_EQ(found[0].severity, dg::Severity::error);
    EXPECT_EQ(found[0].provision, "");
    EXPECT_EQ(found[0].position,
              (dg::SourcePosition{"test.yaml", a.line_of("not_constrained_device"), 3}));
    EXPECT_FALSE(found[0].hint.empty());
    EXPECT_EQ(a.judgement().conditions.at(4), ics::Answer::unknown);
    EXPECT_EQ(a.judgement().conditions.at(5), ics::Answer::unknown);
    EXPECT_EQ(a.result("5.1-5").applicability, Applicability::undetermined);
    EXPECT_EQ(a.result("5.3-2").applicability, Applicability::undetermined);
}

// ---- verdicts: Y -------------------------------------------------------------------------

// The measures stand in the Detail column; the reason does not repeat them.
TEST(EngineVerdict, SupportedIsPass) {
    const Assessment a(Spec{.rows = {{"5.1-3", "{support: Y, detail: \"PBKDF2   login\"}"}}});
    const ProvisionResult& r = a.result("5.1-3");
    EXPECT_EQ(r.verdict, Verdict::pass);
    EXPECT_EQ(r.reason, "supported");
    EXPECT_FALSE(r.justified_deviation);
    EXPECT_EQ(a.codes("5.1-3"), Codes{});
}

TEST(EngineVerdict, SupportedWithoutDetailIsPassWithICS013Note) {
    const Assessment a(Spec{.rows = {{"5.1-3", "Y"}}});
    EXPECT_EQ(a.result("5.1-3").verdict, Verdict::pass);
    EXPECT_EQ(a.codes("5.1-3"), Codes{"ICS013"});
    const dg::Diagnostic d = a.diagnostic("5.1-3", "ICS013");
    EXPECT_EQ(d.severity, dg::Severity::note);
    EXPECT_EQ(d.position, a.row_position("5.1-3"));
    EXPECT_EQ(a.judgement().conformance, Conformance::conformant);
}

TEST(EngineVerdict, SupportedWithPlaceholderDetailIsPassWithICS012) {
    const Assessment a(Spec{.rows = {{"5.1-3", "{support: Y, detail: TBD}"}}});
    EXPECT_EQ(a.result("5.1-3").verdict, Verdict::pass);
    EXPECT_EQ(a.codes("5.1-3"), Codes{"ICS012"});
    EXPECT_EQ(a.diagnostic("5.1-3", "ICS012").severity, dg::Severity::warning);
}

TEST(EngineVerdict, SupportedButNotApplicableIsNotApplicableWithICS024) {
    const Assessment a(Spec{.conditions = {{"passwords_used", "false"}}});
    const ProvisionResult& r = a.result("5.1-1");
    EXPECT_EQ(r.verdict, Verdict::not_applicable);
    EXPECT_EQ(a.codes("5.1-1"), Codes{"ICS024"});
    const dg::Diagnostic d = a.diagnostic("5.1-1", "ICS024");
    EXPECT_EQ(d.severity, dg::Severity::note);
    EXPECT_EQ(d.position, a.row_position("5.1-1"));
    EXPECT_EQ(a.judgement().mandatory.not_applicable, 1);
}

// ---- verdicts: missing rows --------------------------------------------------------------

TEST(EngineVerdict, MissingRowIsIncompleteWithICS010Error) {
    const Assessment a(Spec{.rows = {{"5.1-3", std::nullopt}}});
    const ProvisionResult& r = a.result("5.1-3");
    EXPECT_EQ(r.entry, nullptr);
    EXPECT_EQ(r.verdict, Verdict::incomplete);
    EXPECT_EQ(a.codes("5.1-3"), Codes{"ICS010"});
    const dg::Diagnostic d = a.diagnostic("5.1-3", "ICS010");
    EXPECT_EQ(d.severity, dg::Severity::error);
    EXPECT_EQ(d.position, (dg::SourcePosition{"test.yaml", 0, 0}));
    EXPECT_EQ(a.judgement().conformance, Conformance::incomplete);
}

TEST(EngineVerdict, RowWithoutSupportIsIncompleteWithICS010) {
    const Assessment a(Spec{.rows = {{"5.1-3", "{support: , detail: later}"}}});
    EXPECT_EQ(a.result("5.1-3").verdict, Verdict::incomplete);
    const dg::Diagnostic d = a.diagnostic("5.1-3", "ICS010");
    EXPECT_EQ(d.severity, dg::Severity::error);
    EXPECT_EQ(d.position, a.row_position("5.1-3"));
}

TEST(EngineVerdict, MissingRowOfAnInapplicableProvisionIsAWarningOnly) {
    const Assessment a(
        Spec{.conditions = {{"passwords_used", "false"}}, .rows = {{"5.1-1", std::nullopt}}});
    EXPECT_EQ(a.result("5.1-1").verdict, Verdict::not_applicable);
    EXPECT_EQ(a.codes("5.1-1"), Codes{"ICS010"});
    EXPECT_EQ(a.diagnostic("5.1-1", "ICS010").severity, dg::Severity::warning);
    EXPECT_EQ(a.judgement().conformance, Conformance::conformant);
}

// ---- verdicts: N -------------------------------------------------------------------------

TEST(EngineVerdict, MandatoryNotSupportedIsFailWithICS023) {
    const Assessment a(
        Spec{.rows = {{"5.6-4", "{support: N, detail: \"UART console still enabled.\"}"}}});
    const ProvisionResult& r = a.result("5.6-4");
    EXPECT_EQ(r.verdict, Verdict::fail);
    EXPECT_TRUE(contains(r.reason, "UART console still enabled.")) << r.reason;
    EXPECT_EQ(a.codes("5.6-4"), Codes{"ICS023"});
    const dg::Diagnostic d = a.diagnostic("5.6-4", "ICS023");
    EXPECT_EQ(d.severity, dg::Severity::error);
    EXPECT_EQ(d.position, a.row_position("5.6-4"));
    EXPECT_EQ(a.judgement().conformance, Conformance::not_conformant);
    EXPECT_TRUE(contains(a.judgement().conformance_reason, "5.6-4"))
        << a.judgement().conformance_reason;
}

TEST(EngineVerdict, MandatoryNotSupportedWithoutDetailAlsoGetsICS011) {
    const Assessment a(Spec{.rows = {{"5.1-3", "N"}}});
    EXPECT_EQ(a.result("5.1-3").verdict, Verdict::fail);
    EXPECT_EQ(a.codes("5.1-3"), (Codes{"ICS011", "ICS023"}));
    EXPECT_EQ(a.diagnostic("5.1-3", "ICS011").severity, dg::Severity::warning);
}

TEST(EngineVerdict, MandatoryNotSupportedWithUnknownConditionIsIncompleteWithICS031) {
    const Assessment a(Spec{.conditions = {{"debug_interface_accessible", "unknown"}},
                            .rows = {{"5.6-4", "{support: N, detail: Console on.}"}}});
    EXPECT_EQ(a.result("5.6-4").verdict, Verdict::incomplete);
    EXPECT_EQ(a.codes("5.6-4"), Codes{"ICS031"});
    EXPECT_EQ(a.diagnostic("5.6-4", "ICS031").severity, dg::Severity::warning);
    EXPECT_EQ(a.judgement().conformance, Conformance::incomplete);
}

TEST(EngineVerdict, NotSupportedButNotApplicableIsNotApplicable) {
    const Assessment a(Spec{.conditions = {{"debug_interface_accessible", "false"}},
                            .rows = {{"5.6-4", "{support: N, detail: No debug port.}"}}});
    EXPECT_EQ(a.result("5.6-4").verdict, Verdict::not_applicable);
    EXPECT_EQ(a.codes("5.6-4"), Codes{});
    EXPECT_EQ(a.judgement().conformance, Conformance::conformant);
}

TEST(EngineVerdict, JustifiedUnfollowedRecommendationIsAJustifiedDeviation) {
    const Assessment a(Spec{.rows = {{"5.5-3",
                                      "{support: N, detail: \"Crypto is updated with "
                                      "the whole image.\"}"}}});
    const ProvisionResult& r = a.result("5.5-3");
    EXPECT_EQ(r.verdict, Verdict::not_applicable);
    EXPECT_TRUE(r.justified_deviation);
    EXPECT_TRUE(contains(r.reason, "whole image")) << r.reason;
    EXPECT_EQ(a.codes("5.5-3"), Codes{});
    EXPECT_EQ(a.result("4-1").verdict, Verdict::pass);
    EXPECT_EQ(a.judgement().conformance, Conformance::conformant);
}

TEST(EngineVerdict, UnjustifiedUnfollowedRecommendationFailsItselfAnd4Dash1) {
    const Assessment a(Spec{.rows = {{"5.9-3", "{support: N, detail: \"\"}"}}});
    const ProvisionResult& r = a.result("5.9-3");
    EXPECT_EQ(r.verdict, Verdict::fail);
    EXPECT_FALSE(r.justified_deviation);
    // ICS030 replaces the "N without detail" warning: one message, with its consequence.
    EXPECT_EQ(a.codes("5.9-3"), (Codes{"ICS030"}));
    EXPECT_EQ(a.diagnostic("5.9-3", "ICS030").severity, dg::Severity::error);

    const ProvisionResult& record = a.result("4-1");
    EXPECT_EQ(record.verdict, Verdict::fail);
    EXPECT_TRUE(contains(record.reason, "5.9-3")) << record.reason;
    const dg::Diagnostic d = a.diagnostic("4-1", "ICS030");
    EXPECT_EQ(d.severity, dg::Severity::error);
    EXPECT_TRUE(contains(d.message, "5.9-3")) << d.message;
    EXPECT_EQ(d.position, a.row_position("4-1"));

    EXPECT_EQ(a.judgement().conformance, Conformance::not_conformant);
    EXPECT_EQ(a.judgement().mandatory.fail, 1);  // 4-1
    EXPECT_EQ(a.judgement().recommended.fail, 1);
}

TEST(EngineVerdict, JustificationRecordListsEveryUnjustifiedRecommendation) {
    const Assessment a(Spec{.rows = {{"5.9-3", "N"}, {"5.2-2", "N"}, {"5.5-3", "N"}}});
    const std::string& reason = a.result("4-1").reason;
    EXPECT_TRUE(contains(reason, "5.2-2, 5.5-3, 5.9-3")) << reason;
    EXPECT_EQ(a.judgement().recommended.fail, 3);
}

TEST(EngineVerdict, PlaceholderDetailIsICS012AndNoJustification) {
    const Assessment a(Spec{.rows = {{"5.9-3", "{support: N, detail: TODO}"}}});
    const ProvisionResult& r = a.result("5.9-3");
    EXPECT_EQ(r.verdict, Verdict::fail);
    EXPECT_FALSE(r.justified_deviation);
    EXPECT_EQ(a.codes("5.9-3"), (Codes{"ICS012", "ICS030"}));
    EXPECT_EQ(a.diagnostic("5.9-3", "ICS012").severity, dg::Severity::warning);
    EXPECT_EQ(a.result("4-1").verdict, Verdict::fail);
}

TEST(EngineVerdict, IsSubstantiveRejectsPlaceholders) {
    for (const char* placeholder :
         {"", "  ", "TODO", "todo.", "TBD", "FIXME!", "?", "n/a", "-", "None", "WIP:"}) {
        EXPECT_FALSE(is_substantive(placeholder)) << "'" << placeholder << "'";
    }
    for (const char* text : {"TODO: add the policy link", "Not needed: no radio.", "No"}) {
        EXPECT_TRUE(is_substantive(text)) << "'" << text << "'";
    }
}

// ---- verdicts: N/A -----------------------------------------------------------------------

TEST(EngineVerdict, NotApplicableWhenTheConditionIsFalseIsNotApplicable) {
    const Assessment a(Spec{.conditions = {{"passwords_used", "false"}},
                            .rows = {{"5.1-1", "{support: N/A, detail: No passwords.}"}}});
    EXPECT_EQ(a.result("5.1-1").verdict, Verdict::not_applicable);
    EXPECT_FALSE(a.result("5.1-1").justified_deviation);
    EXPECT_EQ(a.codes("5.1-1"), Codes{});
}

TEST(EngineVerdict, NotApplicableWithoutRationaleIsICS011Warning) {
    const Assessment a(
        Spec{.conditions = {{"passwords_used", "false"}}, .rows = {{"5.1-1", "N/A"}}});
    EXPECT_EQ(a.result("5.1-1").verdict, Verdict::not_applicable);
    EXPECT_EQ(a.codes("5.1-1"), Codes{"ICS011"});
    EXPECT_EQ(a.diagnostic("5.1-1", "ICS011").severity, dg::Severity::warning);
}

TEST(EngineVerdict, NotApplicableWhileTheConditionHoldsIsICS020AndFail) {
    const Assessment a(Spec{.rows = {{"5.1-1", "{support: N/A, detail: Not relevant.}"}}});
    EXPECT_EQ(a.result("5.1-1").verdict, Verdict::fail);
    EXPECT_EQ(a.codes("5.1-1"), Codes{"ICS020"});
    const dg::Diagnostic d = a.diagnostic("5.1-1", "ICS020");
    EXPECT_EQ(d.severity, dg::Severity::error);
    EXPECT_EQ(d.position, a.row_position("5.1-1"));
    EXPECT_EQ(a.judgement().conformance, Conformance::not_conformant);
}

TEST(EngineVerdict, NotApplicableOnUnconditionalMandatoryIsICS021AndFail) {
    const Assessment a(Spec{.rows = {{"5.1-3", "{support: N/A, detail: Not relevant.}"}}});
    EXPECT_EQ(a.result("5.1-3").verdict, Verdict::fail);
    EXPECT_EQ(a.codes("5.1-3"), Codes{"ICS021"});
    EXPECT_EQ(a.diagnostic("5.1-3", "ICS021").severity, dg::Severity::error);
}

TEST(EngineVerdict, NotApplicableInComponentScopeIsLeftToTheProductMaker) {
    const Assessment a(Spec{.scope = "component", .rows = {{"5.1-3", "N/A"}}});
    const ProvisionResult& r = a.result("5.1-3");
    EXPECT_EQ(r.verdict, Verdict::not_applicable);
    EXPECT_TRUE(contains(r.reason, "component")) << r.reason;
    EXPECT_EQ(a.codes("5.1-3"), Codes{"ICS022"});  // and no ICS011 for the empty detail
    EXPECT_EQ(a.diagnostic("5.1-3", "ICS022").severity, dg::Severity::note);
    EXPECT_EQ(a.judgement().conformance, Conformance::conformant);
}

TEST(EngineVerdict, NotApplicableInComponentScopeWithUnknownCondition) {
    const Assessment a(Spec{.scope = "component",
                            .conditions = {{"passwords_used", "unknown"}},
                            .rows = {{"5.1-1", "N/A"}}});
    EXPECT_EQ(a.result("5.1-1").verdict, Verdict::not_applicable);
    EXPECT_EQ(a.codes("5.1-1"), Codes{"ICS022"});
    EXPECT_TRUE(contains(a.diagnostic("5.1-1", "ICS022").message, "depends on the product"));
}

TEST(EngineVerdict, NotApplicableOnJustifiedUnconditionalRecommendationIsAWarning) {
    const Assessment a(
        Spec{.rows = {{"5.2-2", "{support: N/A, detail: \"Reports go to the vendor.\"}"}}});
    const ProvisionResult& r = a.result("5.2-2");
    EXPECT_EQ(r.verdict, Verdict::not_applicable);
    EXPECT_TRUE(r.justified_deviation);
    EXPECT_EQ(a.codes("5.2-2"), Codes{"ICS021"});
    EXPECT_EQ(a.diagnostic("5.2-2", "ICS021").severity, dg::Severity::warning);
    EXPECT_EQ(a.result("4-1").verdict, Verdict::pass);
    EXPECT_EQ(a.judgement().conformance, Conformance::conformant);
}

TEST(EngineVerdict, NotApplicableOnUnjustifiedUnconditionalRecommendationFails) {
    const Assessment a(Spec{.rows = {{"5.2-2", "N/A"}}});
    EXPECT_EQ(a.result("5.2-2").verdict, Verdict::fail);
    EXPECT_EQ(a.codes("5.2-2"), (Codes{"ICS021", "ICS030"}));
    EXPECT_EQ(a.diagnostic("5.2-2", "ICS021").severity, dg::Severity::error);
    EXPECT_EQ(a.result("4-1").verdict, Verdict::fail);
}

TEST(EngineVerdict, NotApplicableOnJustifiedConditionalRecommendationThatHolds) {
    // 5.3-4 is R C (12); the update mechanism exists.
    const Assessment a(Spec{.rows = {{"5.3-4", "{support: N/A, detail: Updates are manual.}"}}});
    EXPECT_EQ(a.result("5.3-4").verdict, Verdict::not_applicable);
    EXPECT_TRUE(a.result("5.3-4").justified_deviation);
    EXPECT_EQ(a.codes("5.3-4"), Codes{"ICS020"});
    EXPECT_EQ(a.diagnostic("5.3-4", "ICS020").severity, dg::Severity::warning);
}

TEST(EngineVerdict, NotApplicableWithUnknownConditionIsIncompleteWithICS031) {
    const Assessment a(Spec{.conditions = {{"passwords_used", "unknown"}},
                            .rows = {{"5.1-1", "{support: N/A, detail: No passwords.}"}}});
    EXPECT_EQ(a.result("5.1-1").verdict, Verdict::incomplete);
    EXPECT_EQ(a.codes("5.1-1"), Codes{"ICS031"});
    EXPECT_EQ(a.diagnostic("5.1-1", "ICS031").severity, dg::Severity::warning);
    EXPECT_EQ(a.judgement().conformance, Conformance::incomplete);
}

// ---- published status --------------------------------------------------------------------

TEST(EnginePublishedStatus, LettersOnlyAreComparedByLetters) {
    const Assessment a(Spec{.rows = {{"5.1-1", "{status: M C, support: Y, detail: Unique.}"}}});
    EXPECT_EQ(a.codes("5.1-1"), Codes{});
    EXPECT_EQ(a.result("5.1-1").verdict, Verdict::pass);
}

TEST(EnginePublishedStatus, DifferingStatusIsICS040) {
    const Assessment a(Spec{.rows = {{"5.3-10", "{status: M, support: Y, detail: Signed.}"}}});
    EXPECT_EQ(a.codes("5.3-10"), Codes{"ICS040"});
    const dg::Diagnostic d = a.diagnostic("5.3-10", "ICS040");
    EXPECT_EQ(d.severity, dg::Severity::warning);
    EXPECT_TRUE(contains(d.message, "'M C (11, 12)'")) << d.message;
    EXPECT_EQ(d.position, a.row_position("5.3-10"));
    EXPECT_EQ(a.result("5.3-10").verdict, Verdict::pass);  // the standard's status is used
}

TEST(EnginePublishedStatus, FullStatusIsComparedInFull) {
    struct Case {
        const char* provision;
        const char* status;
        bool differs;
    };
    const std::vector<Case> cases = {
        {"5.1-1", "M C (1)", false},    {"5.1-1", "m c(1)", false}, {"5.1-1", "M C (2)", true},
        {"5.1-1", "R C (1)", true},     {"5.1-1", "R C", true},     {"5.3-6", "R C (9, 12)", false},
        {"5.3-6", "R C (12, 9)", true},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(std::string(c.provision) + " status " + c.status);
        const Assessment a(Spec{.rows = {{c.provision, std::string("{status: \"") + c.status +
                                                           "\", support: Y, detail: d1}"}}});
        EXPECT_EQ(a.codes(c.provision), c.differs ? Codes{"ICS040"} : Codes{});
    }
}

// ---- evidence ----------------------------------------------------------------------------

TEST(EngineEvidence, ContradictingFindingTurnsADeclaredYIntoFail) {
    const Assessment a(Spec{},
                       {contradicting({"5.1-1", "5.1-2"}, "root has the password 'admin'")});
    for (const std::string id : {"5.1-1", "5.1-2"}) {
        SCOPED_TRACE(id);
        const ProvisionResult& r = a.result(id);
        EXPECT_EQ(r.verdict, Verdict::fail);
        EXPECT_TRUE(contains(r.reason, "root has the password 'admin'")) << r.reason;
        ASSERT_EQ(r.findings.size(), 1u);
        EXPECT_EQ(r.findings[0].rule_id, "FW-TEST-001");
        EXPECT_EQ(a.codes(id), Codes{"EVD001"});
        const dg::Diagnostic d = a.diagnostic(id, "EVD001");
        EXPECT_EQ(d.severity, dg::Severity::error);
        EXPECT_TRUE(contains(d.message, "rootfs/etc/shadow")) << d.message;
        EXPECT_EQ(d.hint, "remove the default password");
    }
    EXPECT_EQ(a.judgement().conformance, Conformance::not_conformant);
}

TEST(EngineEvidence, FindingAboutADeclaredNIsAnEVD002Note) {
    const Assessment a(Spec{.rows = {{"5.5-3", "{support: N, detail: Whole image updates.}"}}},
                       {contradicting({"5.5-3"}, "crypto library is not separately updatable")});
    const ProvisionResult& r = a.result("5.5-3");
    EXPECT_EQ(r.verdict, Verdict::not_applicable);
    EXPECT_TRUE(r.justified_deviation);
    EXPECT_EQ(a.codes("5.5-3"), Codes{"EVD002"});
    EXPECT_EQ(a.diagnostic("5.5-3", "EVD002").severity, dg::Severity::note);
}

TEST(EngineEvidence, InformingAndSupportingFindingsChangeNoVerdict) {
    Finding informs = contradicting({"5.6-1"}, "ports 443 and 8883 are open");
    informs.effect = Effect::informs;
    Finding supports = contradicting({"5.6-1"}, "no telnet daemon in the image");
    supports.effect = Effect::supports;
    const Assessment a(Spec{}, {informs, supports});
    const ProvisionResult& r = a.result("5.6-1");
    EXPECT_EQ(r.verdict, Verdict::pass);
    EXPECT_EQ(r.findings.size(), 2u);
    EXPECT_EQ(a.codes("5.6-1"), Codes{});
    EXPECT_EQ(a.judgement().conformance, Conformance::conformant);
}

// A provision whose condition does not hold cannot fail, whatever a check found.
TEST(EngineEvidence, ContradictingFindingOnAnInapplicableProvisionChangesNothing) {
    const Assessment a(Spec{.conditions = {{"debug_interface_accessible", "false"}}},
                       {contradicting({"5.6-4"}, "a getty on ttyS0 starts a shell")});
    const ProvisionResult& r = a.result("5.6-4");
    EXPECT_EQ(r.verdict, Verdict::not_applicable);
    EXPECT_EQ(a.codes("5.6-4"), (Codes{"EVD002", "ICS024"})) << a.describe();
    EXPECT_EQ(a.judgement().conformance, Conformance::conformant)
        << a.judgement().conformance_reason;
}

// A recommendation declared Y but contradicted fails, and the overall reason says so
// without blaming a missing justification; 4-1 is not affected.
TEST(EngineEvidence, ContradictedRecommendationFailsWithoutBlaming4Dash1) {
    const Assessment a(Spec{}, {contradicting({"5.5-2"}, "the TLS library is a 2015 release")});
    EXPECT_EQ(a.result("5.5-2").verdict, Verdict::fail);
    EXPECT_EQ(a.result("4-1").verdict, Verdict::pass);
    const std::string& reason = a.judgement().conformance_reason;
    EXPECT_TRUE(contains(reason, "1 recommendation fails (5.5-2)")) << reason;
    EXPECT_FALSE(contains(reason, "justification")) << reason;
}

TEST(EngineEvidence, FindingNamingAnUnknownProvisionIsEVD003) {
    const Assessment a(Spec{}, {contradicting({"5.1-99"}, "something")});
    std::vector<dg::Diagnostic> found;
    for (const dg::Diagnostic& d : a.judgement().diagnostics) {
        if (d.code == "EVD003") {
            found.push_back(d);
        }
    }
    ASSERT_EQ(found.size(), 1u) << a.describe();
    EXPECT_EQ(found[0].severity, dg::Severity::error);
    EXPECT_TRUE(contains(found[0].message, "5.1-99")) << found[0].message;
    EXPECT_TRUE(contains(found[0].message, "FW-TEST-001")) << found[0].message;
    for (const ProvisionResult& r : a.judgement().results) {
        EXPECT_TRUE(r.findings.empty()) << r.provision->id;
    }
}

// ---- overall conformance -----------------------------------------------------------------

TEST(EngineConformance, AFailOutweighsIncomplete) {
    const Assessment a(Spec{.rows = {{"5.1-3", "N"}, {"5.2-1", std::nullopt}}});
    const Judgement& j = a.judgement();
    EXPECT_EQ(j.conformance, Conformance::not_conformant);
    EXPECT_TRUE(contains(j.conformance_reason, "5.1-3")) << j.conformance_reason;
    EXPECT_TRUE(contains(j.conformance_reason, "5.2-1")) << j.conformance_reason;
}

// Contradictory condition answers keep a product from CONFORMANT even when every row
// that depends on them is supported.
TEST(EngineConformance, ContradictoryConditionsMakeItIncomplete) {
    const Assessment a(
        Spec{.conditions = {{"constrained_device", "true"}, {"not_constrained_device", "true"}}});
    EXPECT_EQ(a.judgement().conformance, Conformance::incomplete);
    EXPECT_TRUE(contains(a.judgement().conformance_reason, "are opposites"))
        << a.judgement().conformance_reason;
}

TEST(EngineConformance, IncompleteWithoutFailIsIncomplete) {
    const Assessment a(Spec{.rows = {{"5.2-1", std::nullopt}}});
    EXPECT_EQ(a.judgement().conformance, Conformance::incomplete);
    EXPECT_TRUE(contains(a.judgement().conformance_reason, "5.2-1"));
}

TEST(EngineConformance, AComponentCanConform) {
    const Assessment a(Spec{.scope = "component"});
    EXPECT_EQ(a.judgement().conformance, Conformance::conformant);
    EXPECT_TRUE(contains(a.judgement().conformance_reason, "component"))
        << a.judgement().conformance_reason;
}

TEST(EngineConformance, CountsAddUpTo33MandatoryAnd35Recommended) {
    const Assessment a(
        Spec{.conditions = {{"passwords_used", "false"}, {"user_authentication", "unknown"}},
             .rows = {{"5.1-1", "{support: N/A, detail: none used here}"},
                      {"5.1-3", "N"},
                      {"5.4-1", std::nullopt},
                      {"5.5-3", "{support: N, detail: justified here}"},
                      {"5.9-3", "N"}}});
    const Judgement& j = a.judgement();
    EXPECT_EQ(j.mandatory.total(), 33);
    EXPECT_EQ(j.recommended.total(), 35);
    EXPECT_EQ(j.mandatory.fail, 2);            // 5.1-3, 4-1
    EXPECT_EQ(j.mandatory.incomplete, 1);      // 5.4-1
    EXPECT_EQ(j.mandatory.not_applicable, 1);  // 5.1-1
    EXPECT_EQ(j.mandatory.pass, 29);           // 5.1-4 (condition 8 unknown) still passes
    EXPECT_EQ(j.recommended.fail, 1);
    EXPECT_EQ(j.recommended.not_applicable, 3);
    EXPECT_EQ(j.recommended.pass, 31);
}

TEST(EngineConformance, LoaderNotesComeFirst) {
    std::string text = product_yaml(Spec{.rows = {{"6-3", std::nullopt}}}).text;
    text += "  \"6.1-3\": {support: Y, detail: Withdrawal in the app.}\n";
    const Assessment a(text, {});
    ASSERT_FALSE(a.judgement().diagnostics.empty());
    EXPECT_EQ(a.judgement().diagnostics.front().code, "ICS003");
    EXPECT_EQ(a.result("6-3").verdict, Verdict::pass);
}

// ---- the examples ------------------------------------------------------------------------

class ExampleAssessment {
  public:
    explicit ExampleAssessment(const std::string& relative)
        : m_load(ics::load_product_file(std::string(IOTCONFORM_SOURCE_DIR) + "/" + relative)) {
        if (!m_load.product || dg::has_errors(m_load.diagnostics)) {
            throw std::runtime_error(relative + " does not load");
        }
        m_judgement = judge(*m_load.product, m_load.diagnostics);
    }
    const Judgement& judgement() const { return m_judgement; }
    Codes codes(const std::string& id) const {
        Codes found;
        for (const dg::Diagnostic& d : m_judgement.diagnostics) {
            if (d.provision == id) {
                found.push_back(d.code);
            }
        }
        std::sort(found.begin(), found.end());
        return found;
    }
    const ProvisionResult& result(const std::string& id) const {
        const ProvisionResult* found = m_judgement.find(id);
        if (found == nullptr) {
            throw std::logic_error("no result for " + id);
        }
        return *found;
    }

  private:
    ics::ProductLoad m_load;
    Judgement m_judgement;
};

bool has(const Codes& codes, const std::string& code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
}

TEST(EngineExamples, Zephyr) {
    const ExampleAssessment a("examples/zephyr-3.7/product.yaml");
    ASSERT_NE(a.judgement().find("5.1-5"), nullptr);
    EXPECT_EQ(a.result("5.1-5").verdict, Verdict::incomplete);
    EXPECT_TRUE(has(a.codes("5.1-5"), "ICS012"));
    EXPECT_EQ(a.result("4-1").verdict, Verdict::incomplete);
    EXPECT_EQ(a.result("4-1").entry, nullptr);
    EXPECT_TRUE(has(a.codes("4-1"), "ICS010"));
    EXPECT_TRUE(has(a.codes("5.3-10"), "ICS040"));
    EXPECT_EQ(a.result("5.4-1").verdict, Verdict::fail);
    EXPECT_EQ(a.result("5.3-3").verdict, Verdict::not_applicable);  // left to the maker
    EXPECT_TRUE(has(a.codes("5.3-3"), "ICS022"));
    EXPECT_FALSE(has(a.codes("5.1-1"), "ICS040"));  // "M C" matches M C (1)
    EXPECT_EQ(a.judgement().conformance, Conformance::not_conformant);
    EXPECT_EQ(a.judgement().mandatory.total(), 33);
    EXPECT_EQ(a.judgement().recommended.total(), 35);
}

TEST(EngineExamples, SmartCam) {
    const ExampleAssessment a("examples/smartcam/product.yaml");
    EXPECT_EQ(a.judgement().conformance, Conformance::not_conformant);
    EXPECT_EQ(a.result("5.6-4").verdict, Verdict::fail);
    EXPECT_EQ(a.codes("5.6-4"), Codes{"ICS023"});
    EXPECT_EQ(a.result("5.9-3").verdict, Verdict::fail);
    EXPECT_EQ(a.codes("5.9-3"), (Codes{"ICS030"}));
    EXPECT_EQ(a.result("4-1").verdict, Verdict::fail);
    EXPECT_TRUE(contains(a.result("4-1").reason, "5.9-3"));
    EXPECT_EQ(a.result("6-2").verdict, Verdict::incomplete);
    EXPECT_EQ(a.codes("6-2"), Codes{"ICS031"});
    EXPECT_EQ(a.result("5.5-3").verdict, Verdict::not_applicable);
    EXPECT_TRUE(a.result("5.5-3").justified_deviation);
    EXPECT_EQ(a.result("5.10-1").verdict, Verdict::not_applicable);
    EXPECT_FALSE(a.result("5.10-1").justified_deviation);
    EXPECT_EQ(a.judgement().mandatory.fail, 2);    // 5.6-4, 4-1
    EXPECT_EQ(a.judgement().recommended.fail, 1);  // 5.9-3
    EXPECT_EQ(a.judgement().mandatory.incomplete + a.judgement().recommended.incomplete, 1);
}

// V3.1.3: F statuses decide applicability from the feature answers, 5.0-1 records the
// justifications, split provisions are judged one by one.
TEST(EngineExamples, SmartCamV3) {
    const ExampleAssessment a("examples/smartcam-v3/product.yaml");
    EXPECT_EQ(a.judgement().standard->id(), "en303645-3.1.3");
    EXPECT_EQ(a.judgement().conformance, Conformance::not_conformant);
    EXPECT_EQ(a.result("5.6-4A").verdict, Verdict::fail);
    EXPECT_TRUE(contains(a.result("5.6-4A").applicability_reason, "feature q"))
        << a.result("5.6-4A").applicability_reason;
    EXPECT_EQ(a.result("5.6-4B").verdict, Verdict::not_applicable);
    EXPECT_TRUE(a.result("5.6-4B").justified_deviation);
    EXPECT_EQ(a.result("5.9-3").verdict, Verdict::fail);
    EXPECT_EQ(a.result("5.0-1").verdict, Verdict::fail);
    EXPECT_EQ(a.result("6-2").verdict, Verdict::incomplete);
    EXPECT_EQ(a.result("6-3A").verdict, Verdict::pass);
    EXPECT_EQ(a.result("6-3A").applicability, Applicability::undetermined);
    EXPECT_EQ(a.result("6-7").verdict, Verdict::not_applicable);
    EXPECT_EQ(a.result("6-7").applicability, Applicability::not_applicable);
    EXPECT_EQ(a.result("5.1-5").applicability, Applicability::applicable);
    EXPECT_TRUE(contains(a.result("5.1-5").applicability_reason, "condition 14"));
    EXPECT_TRUE(contains(a.result("5.1-5").applicability_reason, "feature e"));
    EXPECT_EQ(a.judgement().mandatory.total() + a.judgement().recommended.total(), 78);
}

// A suppression keeps the finding in view but takes away its effect, and says so.
TEST(EngineEvidence, SuppressedFindingIsListedButChangesNoVerdict) {
    const Assessment a(Spec{.tail = "suppressions:\n"
                                    "  - rule: FW-TEST-001\n"
                                    "    reason: The account is locked at first boot.\n"},
                       {contradicting({"5.1-1"}, "root has the password 'admin'")});
    const ProvisionResult& r = a.result("5.1-1");
    EXPECT_EQ(r.verdict, Verdict::pass);
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].suppressed, "The account is locked at first boot.");
    EXPECT_EQ(a.codes("5.1-1"), Codes{});
    std::vector<dg::Diagnostic> notes;
    for (const dg::Diagnostic& d : a.judgement().diagnostics) {
        if (d.code == "EVD004") {
            notes.push_back(d);
        }
    }
    ASSERT_EQ(notes.size(), 1u) << a.describe();
    EXPECT_EQ(notes[0].severity, dg::Severity::note);
    EXPECT_TRUE(contains(notes[0].message, "1 finding of FW-TEST-001 set aside"))
        << notes[0].message;
    EXPECT_TRUE(contains(notes[0].message, "locked at first boot")) << notes[0].message;
    EXPECT_EQ(a.judgement().conformance, Conformance::conformant);
}

TEST(EngineEvidence, SuppressionMatchingNoFindingIsEVD005) {
    const Assessment a(Spec{.tail = "suppressions:\n"
                                    "  - rule: FW-TEST-999\n"
                                    "    reason: Not used.\n"},
                       {contradicting({"5.1-1"}, "root has the password 'admin'")});
    EXPECT_EQ(a.result("5.1-1").verdict, Verdict::fail);
    const auto evd005 = std::count_if(
        a.judgement().diagnostics.begin(), a.judgement().diagnostics.end(),
        [](const dg::Diagnostic& d) { return d.code == "EVD005" && d.position.line > 0; });
    EXPECT_EQ(evd005, 1) << a.describe();
}

}  // namespace
}  // namespace iotconform::judge
