// Evidence: what an automatic check found, tied to the provisions it concerns. Firmware,
// configuration and update-image checks all speak this one form, so the judgement
// needs no knowledge of where a finding came from.
#pragma once

#include <string>
#include <vector>

#include "diagnostics/diagnostic.hpp"

namespace iotconform::judge {

// How a finding bears on a provision's declared support.
enum class Effect {
    contradicts,  // shows the provision is not met: a declared Y becomes FAIL
    supports,     // shows a measure that implements the provision is present
    informs,      // context for a person to weigh; changes no verdict
};

std::string_view to_string(Effect effect);

struct Finding {
    std::string rule_id;                  // stable id of the check: "FW-CRED-001"
    std::string source;                   // what produced it: "firmware", "kconfig"
    std::vector<std::string> provisions;  // canonical ids it concerns
    Effect effect = Effect::contradicts;
    diagnostics::Severity severity = diagnostics::Severity::error;
    std::string message;      // what was found, in a sentence
    std::string location;     // where: "rootfs/etc/shadow", "image@0x1f40"
    std::string remediation;  // what to do
    // The recorded reason when the product file suppresses this rule: the finding is
    // still reported, but changes no verdict.
    std::string suppressed;
};

}  // namespace iotconform::judge
