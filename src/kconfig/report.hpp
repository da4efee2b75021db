// The outputs of a kernel hardening check: a terminal table, JSON, SARIF 2.1.0, a
// kernel-hardening-checker-shaped JSON for comparing the two tools, and evidence
// (judge::Finding) for `assess`.
#pragma once

#include <string>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "judge/evidence.hpp"
#include "kconfig/check.hpp"

namespace iotconform::kconfig {

struct Report {
    std::string config_path;   // as the user gave it; empty when only cmdline/sysctl
    std::string cmdline_path;  // empty when not given
    std::string sysctl_path;   // empty when not given
    std::string origin;        // how the configuration was read
    Target target;
    Profile profile = Profile::baseline;
    std::string standard_id;  // the edition whose provisions are shown
    std::vector<Result> results;
    std::vector<Suppression> suppressions;
    // Warnings and notes about the inputs (a repeated option, an unknown release), so that
    // the JSON and SARIF files say what the terminal said.
    std::vector<diagnostics::Diagnostic> diagnostics;
};

struct Tally {
    std::size_t pass = 0;
    std::size_t failures = 0;  // fail, not set, not found; not suppressed
    std::size_t not_applicable = 0;
    std::size_t suppressed = 0;
};

Tally tally(const std::vector<Result>& results);

std::string render_table(const Report& report);
std::string render_json(const Report& report);
std::string render_sarif(const Report& report);
// One object per applicable result: type, option_name, desired_val, check_result_bool
// (true on pass) and our rule id, in rule order.
std::string render_khc_json(const Report& report);

// Evidence for `assess`: a failure contradicts the rule's provisions, a pass supports
// them, a suppressed failure informs; inapplicable results give nothing. `location`
// names the configuration as the product file gave it.
std::vector<judge::Finding> to_findings(const Report& report, const std::string& location);

}  // namespace iotconform::kconfig
