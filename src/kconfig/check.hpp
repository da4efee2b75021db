// Judging a kernel's configuration, command line and sysctls against hardening rules:
// one result per rule, which tells pass from fail, an option explicitly disabled from one
// absent, and a rule that does not apply to this kernel.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kconfig/config.hpp"
#include "kconfig/params.hpp"
#include "kconfig/rules.hpp"

namespace iotconform::kconfig {

enum class Outcome {
    pass,
    fail,            // set to another value
    not_set,         // "# CONFIG_X is not set" where a value is wanted
    not_found,       // absent where a value is wanted
    not_applicable,  // wrong architecture or release, or a dependency is off
};

// "pass", "FAIL", "not set", "not found", "not applicable".
std::string_view to_string(Outcome outcome);

// True for the outcomes that mean the recommendation is not followed.
bool is_failure(Outcome outcome);

// What is being judged. Any input may be absent: rules on an absent input are not run.
struct Target {
    const KernelConfig* config = nullptr;
    const ParameterMap* cmdline = nullptr;
    const ParameterMap* sysctl = nullptr;
    Family family = Family::unknown;
    std::string arch;                // canonical; empty when unknown
    std::optional<Version> version;  // empty when unknown
};

struct Result {
    const Rule* rule = nullptr;
    Outcome outcome = Outcome::not_applicable;
    std::string expected;  // as judged (a _MAX option resolved to its value)
    std::string actual;    // "y", "is not set", "not found", "CONFIG_A, CONFIG_B"
    std::string note;      // what decided: an alternative, a requirement, why not applicable
    int line = 0;          // the option's line in its input; 0 when absent
    std::optional<std::string> suppressed;  // the recorded reason, when suppressed
};

// Judges `rules` (in order) against `target`. Rules whose input (command line, sysctl,
// configuration) was not given are left out; the caller reports how many.
std::vector<Result> check(const std::vector<const Rule*>& rules, const Target& target);

// A suppression: the rule id and the reason a person recorded.
struct Suppression {
    std::string rule;
    std::string reason;
    diagnostics::SourcePosition position;  // in a suppression file; empty for --suppress
};

// Marks the results of suppressed rules. Returns the ids that matched no rule at all.
std::vector<std::string> apply_suppressions(std::vector<Result>& results,
                                            const std::vector<Suppression>& suppressions,
                                            const std::vector<const Rule*>& known);

}  // namespace iotconform::kconfig
