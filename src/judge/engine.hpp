// The judgement: from the standard, the condition answers, the ICS and any evidence, the
// applicability and verdict of every provision, the diagnostics, and the overall result.
// Every report is drawn from one Judgement.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "ics/product.hpp"
#include "judge/evidence.hpp"
#include "standard/standard.hpp"

namespace iotconform::judge {

enum class Applicability {
    applicable,      // unconditional, or every condition and feature holds
    not_applicable,  // some condition or feature does not hold
    undetermined,    // none fails, but some needed answer is unknown
};

// The verdicts of TS 103 701, plus INCOMPLETE where the statement does not give enough
// to assign one.
enum class Verdict { pass, fail, not_applicable, incomplete };

enum class Conformance { conformant, not_conformant, incomplete };

std::string_view to_string(Applicability applicability);  // "applicable", ...
std::string_view to_string(Verdict verdict);              // "PASS", "FAIL", ...
std::string_view to_string(Conformance conformance);      // "CONFORMANT", ...

struct ProvisionResult {
    const standard::Provision* provision = nullptr;
    const ics::IcsEntry* entry = nullptr;  // the ICS row, null when the file has none
    Applicability applicability = Applicability::applicable;
    std::string applicability_reason;  // which answers decided it, in words
    Verdict verdict = Verdict::incomplete;
    std::string reason;  // why this verdict, in words
    // True when a recommendation is not followed but justified (4-1): the verdict is NOT
    // APPLICABLE, and reports still show the deviation.
    bool justified_deviation = false;
    std::vector<Finding> findings;  // evidence about this provision
};

struct Counts {
    int pass = 0;
    int fail = 0;
    int not_applicable = 0;
    int incomplete = 0;

    int total() const { return pass + fail + not_applicable + incomplete; }
};

struct Judgement {
    const ics::Product* product = nullptr;
    const standard::Standard* standard = nullptr;
    std::vector<ProvisionResult> results;              // in the order of Table B.1
    std::vector<diagnostics::Diagnostic> diagnostics;  // loader notes first, then by provision
    // Answers after inference (an answer to one of two opposite conditions answers both).
    std::map<int, ics::Answer> conditions;
    std::map<std::string, ics::Answer> features;
    Counts mandatory;
    Counts recommended;
    Conformance conformance = Conformance::incomplete;
    std::string conformance_reason;

    const ProvisionResult* find(std::string_view provision_id) const;
};

// Judges `product` (which must outlive the result) against its edition. `loader_notes`
// are the non-error diagnostics from loading, carried into the report; `findings` is the
// evidence from automatic checks, each tied to provisions by canonical id (an unknown id
// is reported, not ignored).
Judgement judge(const ics::Product& product, std::vector<diagnostics::Diagnostic> loader_notes = {},
                std::span<const Finding> findings = {});

// True when `detail` says something: not empty and not a placeholder such as "TODO".
bool is_substantive(std::string_view detail);

}  // namespace iotconform::judge
