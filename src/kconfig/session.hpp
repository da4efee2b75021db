// One kernel hardening check from file paths to a report: reading the inputs, choosing
// the rules (built-in and the user's), applying overrides and suppressions. Shared by
// the `kconfig` command and by `assess` for a product's kernel artifacts.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kconfig/report.hpp"

namespace iotconform::kconfig {

struct Request {
    std::string config;   // .config, .config.gz, image or module; may be empty
    std::string cmdline;  // optional
    std::string sysctl;   // optional
    Profile profile = Profile::baseline;
    bool all_profiles = false;   // judge strict rules too whatever the profile
    std::string arch;            // override; empty: detected
    std::string kernel_version;  // override; empty: detected
    std::vector<std::string> rule_files;
    std::vector<Suppression> suppressions;
    std::string suppression_file;  // optional YAML list of {rule, reason}
    std::string standard_id;       // edition whose provisions are reported
};

// The inputs and rules a report points into, kept together so the pointers stay valid.
struct Session {
    std::optional<KernelConfig> config;
    std::optional<ParameterMap> cmdline;
    std::optional<ParameterMap> sysctl;
    std::vector<RuleSet> user_rules;
    std::vector<const Rule*> rules;  // in the order judged
    Report report;
    std::vector<diagnostics::Diagnostic> diagnostics;  // errors mean bad input
};

// Runs the whole check. On bad input the session holds errors and an empty report.
[[nodiscard]] std::unique_ptr<Session> run(const Request& request);

// Parses `ID=REASON`; nullopt when either side is empty.
std::optional<Suppression> parse_suppression(std::string_view text);

// Parses a suppression file: a YAML list of {rule: ID, reason: TEXT}.
[[nodiscard]] std::vector<Suppression> load_suppressions(
    std::string_view text, const std::string& name,
    std::vector<diagnostics::Diagnostic>& diagnostics);

}  // namespace iotconform::kconfig
