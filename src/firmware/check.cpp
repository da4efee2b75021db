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
    finding.effect = effect;
    finding.severity = severity;
    finding.message = std::move(message);
    finding.location = std::move(location);
    finding.remediation = std::move(remediation);
    return finding;
}

}  // namespace iotconform::firmware
