// What every firmware finding shares.
#include "firmware/check.hpp"

namespace iotconform::firmware {

judge::Finding firmware_finding(std::string rule_id, std::vector<std::string> provisions,
                                judge::Effect effect, diagnostics::Severity severity,
                                std::string message, std::string location,
                                std::string remediation) {
    judge::Finding finding;
    finding.rule_id = std::move(rule_id);
    finding.source = "firmware";
    finding.provisions = std::move(provisions);
    // A note names something to look at (a self-test key in a crypto library, a version
    // without end-of-life data); it is never enough to fail a provision declared supported.
    finding.effect = severity == diagnostics::Severity::note && effect == judge::Effect::contradicts
                         ? judge::Effect::informs
                         : effect;
    finding.severity = severity;
    finding.message = std::move(message);
    finding.location = std::move(location);
    finding.remediation = std::move(remediation);
    return finding;
}

}  // namespace iotconform::firmware
