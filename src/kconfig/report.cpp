// Rendering kernel hardening results. Every format lists suppressed rules with their
// reasons, so a suppression is never silent.
#include "kconfig/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "util/text.hpp"

namespace iotconform::kconfig {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

std::string result_word(const Result& result) {
    return result.suppressed ? "suppressed" : std::string(to_string(result.outcome));
}

std::string note_of(const Result& result) {
    if (result.suppressed) {
        return "suppressed: " + *result.suppressed +
               (result.note.empty() ? std::string() : " (" + result.note + ")");
    }
    return result.note;
}

// Long values (an LSM list) are shortened in the table only; JSON keeps them whole.
std::string cell(std::string text, std::size_t width) {
    if (text.size() > width) {
        text = text.substr(0, width - 3) + "...";
    }
    return text;
}

std::string input_line(const Report& report) {
    const Target& t = report.target;
    return fmt::format("{} {} {}{}", to_string(t.family),
                       t.version ? t.version->to_string() : "(release unknown)",
                       t.arch.empty() ? "(architecture unknown)" : t.arch,
                       report.origin.empty() ? "" : ", read from " + report.origin);
}

}  // namespace

Tally tally(const std::vector<Result>& results) {
    Tally counts;
    for (const Result& result : results) {
        if (result.suppressed) {
            ++counts.suppressed;
        } else if (result.outcome == Outcome::pass) {
            ++counts.pass;
        } else if (is_failure(result.outcome)) {
            ++counts.failures;
        } else {
            ++counts.not_applicable;
        }
    }
    return counts;
}

std::string render_table(const Report& report) {
    std::string text =
        fmt::format("{}: {}\nprofile {}, provisions of {}\n\n",
                    report.config_path.empty() ? "kernel" : report.config_path, input_line(report),
                    to_string(report.profile), report.standard_id);
    // The rule column is as wide as the longest id (user rules can be long), so the other
    // columns stay aligned.
    std::size_t id_width = 34;
    for (const Result& r : report.results) {
        id_width = std::max(id_width, r.rule->id.size());
    }
    text += fmt::format("{:<{}} {:<18} {:<18} {:<14} {:<12} {}\n", "rule", id_width, "expected",
                        "actual", "result", "provisions", "note");
    for (const Result& r : report.results) {
        text +=
            fmt::format("{:<{}} {:<18} {:<18} {:<14} {:<12} {}\n", r.rule->id, id_width,
                        cell(r.expected, 18), cell(r.actual, 18), result_word(r),
                        util::join(r.rule->provisions_for(report.standard_id), ","), note_of(r));
    }
    const Tally counts = tally(report.results);
    text += fmt::format("\n{} rules: {} pass, {} failed, {} not applicable, {} suppressed\n",
                        report.results.size(), counts.pass, counts.failures, counts.not_applicable,
                        counts.suppressed);
    for (const Suppression& s : report.suppressions) {
        text += fmt::format("suppressed {}: {}\n", s.rule, s.reason);
    }
    return text;
}

namespace {

ordered_json diagnostics_json(const Report& report) {
    ordered_json out = ordered_json::array();
    for (const diagnostics::Diagnostic& d : report.diagnostics) {
        out.push_back({{"code", d.code},
                       {"severity", diagnostics::to_string(d.severity)},
                       {"message", d.message},
                       {"hint", d.hint},
                       {"file", d.position.file},
                       {"line", d.position.line}});
    }
    return out;
}

// SARIF's place for what the tool says about its own run rather than about the code.
json sarif_notifications(const Report& report) {
    json out = json::array();
    for (const diagnostics::Diagnostic& d : report.diagnostics) {
        json location = {{"physicalLocation", {{"artifactLocation", {{"uri", d.position.file}}}}}};
        if (d.position.line > 0) {
            location["physicalLocation"]["region"] = {{"startLine", d.position.line}};
        }
        out.push_back({{"descriptor", {{"id", d.code}}},
                       {"level", diagnostics::to_string(d.severity)},
                       {"message", {{"text", d.message}}},
                       {"locations", json::array({location})}});
    }
    return out;
}

}  // namespace

std::string render_json(const Report& report) {
    ordered_json results = ordered_json::array();
    for (const Result& r : report.results) {
        ordered_json item = {{"rule", r.rule->id},
                             {"input", to_string(r.rule->input)},
                             {"option", r.rule->option},
                             {"expected", r.expected},
                             {"actual", r.actual},
                             {"result", to_string(r.outcome)},
                             {"note", r.note},
                             {"line", r.line},
                             {"provisions", r.rule->provisions_for(report.standard_id)},
                             {"profile", to_string(r.rule->profile)},
                             {"decision", r.rule->decision},
                             {"reason", r.rule->reason},
                             {"references", r.rule->references}};
        item["suppressed"] = r.suppressed ? ordered_json(*r.suppressed) : ordered_json(nullptr);
        results.push_back(std::move(item));
    }
    ordered_json suppressions = ordered_json::array();
    for (const Suppression& s : report.suppressions) {
        suppressions.push_back({{"rule", s.rule}, {"reason", s.reason}});
    }
    const Tally counts = tally(report.results);
    const Target& t = report.target;
    const ordered_json root = {
        {"kernel",
         {{"family", to_string(t.family)},
          {"version", t.version ? ordered_json(t.version->to_string()) : ordered_json(nullptr)},
          {"arch", t.arch.empty() ? ordered_json(nullptr) : ordered_json(t.arch)},
          {"config", report.config_path},
          {"origin", report.origin},
          {"cmdline", report.cmdline_path},
          {"sysctl", report.sysctl_path}}},
        {"profile", to_string(report.profile)},
        {"standard", report.standard_id},
        {"summary",
         {{"rules", report.results.size()},
          {"pass", counts.pass},
          {"failures", counts.failures},
          {"not_applicable", counts.not_applicable},
          {"suppressed", counts.suppressed}}},
        {"suppressions", suppressions},
        {"diagnostics", diagnostics_json(report)},
        {"results", results}};
    return root.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

namespace {

std::string input_path(const Report& report, Input input) {
    switch (input) {
        case Input::cmdline:
            return report.cmdline_path;
        case Input::sysctl:
            return report.sysctl_path;
        case Input::kconfig:
            break;
    }
    return report.config_path;
}

json sarif_result(const Report& report, const Result& r, std::size_t index) {
    json location = {{"artifactLocation", {{"uri", input_path(report, r.rule->input)}}}};
    if (r.line > 0) {
        location["region"] = {{"startLine", r.line}};
    }
    const std::vector<std::string> provisions = r.rule->provisions_for(report.standard_id);
    json result = {
        {"ruleId", r.rule->id},
        {"ruleIndex", index},
        {"level", r.rule->profile == Profile::baseline ? "error" : "warning"},
        {"message",
         {{"text", fmt::format("{} is {}, expected {} ({}). {}", r.rule->option, r.actual,
                               r.expected, to_string(r.outcome), r.rule->reason)}}},
        {"locations", json::array({{{"physicalLocation", location}}})},
        {"properties", {{"provisions", provisions}, {"profile", to_string(r.rule->profile)}}}};
    if (r.suppressed) {
        result["suppressions"] =
            json::array({{{"kind", "external"}, {"justification", *r.suppressed}}});
    }
    return result;
}

}  // namespace

std::string render_sarif(const Report& report) {
    json rules = json::array();
    json results = json::array();
    for (const Result& r : report.results) {
        if (!is_failure(r.outcome)) {
            continue;
        }
        rules.push_back({{"id", r.rule->id},
                         {"shortDescription", {{"text", r.rule->reason}}},
                         {"helpUri", "docs/kconfig-rules.md"},
                         {"properties", {{"references", r.rule->references}}}});
        results.push_back(sarif_result(report, r, rules.size() - 1));
    }
    const json root = {
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs",
         json::array(
             {{{"tool",
                {{"driver",
                  {{"name", "iotconform"}, {"version", IOTCONFORM_VERSION}, {"rules", rules}}}}},
               {"results", results},
               {"invocations",
                json::array({{{"executionSuccessful", true},
                              {"toolExecutionNotifications", sarif_notifications(report)}}})},
               {"properties",
                {{"standard", report.standard_id}, {"profile", to_string(report.profile)}}}}})},
    };
    return root.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string render_khc_json(const Report& report) {
    ordered_json list = ordered_json::array();
    for (const Result& r : report.results) {
        if (r.outcome == Outcome::not_applicable) {
            continue;
        }
        list.push_back({{"type", to_string(r.rule->input)},
                        {"option_name", r.rule->option},
                        {"desired_val", r.expected},
                        {"check_result_bool", r.outcome == Outcome::pass},
                        {"rule", r.rule->id}});
    }
    return list.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

std::vector<judge::Finding> to_findings(const Report& report, const std::string& location) {
    std::vector<judge::Finding> findings;
    for (const Result& r : report.results) {
        if (r.outcome == Outcome::not_applicable) {
            continue;
        }
        judge::Finding finding;
        finding.rule_id = r.rule->id;
        finding.source = "kconfig";
        finding.provisions = r.rule->provisions_for(report.standard_id);
        finding.location = r.line > 0 ? fmt::format("{}:{}", location, r.line) : location;
        const bool failed = is_failure(r.outcome);
        finding.effect = r.suppressed || !failed
                             ? (failed ? judge::Effect::informs : judge::Effect::supports)
                             : judge::Effect::contradicts;
        finding.severity = !failed ? diagnostics::Severity::note
                           : r.suppressed || r.rule->profile == Profile::strict
                               ? diagnostics::Severity::warning
                               : diagnostics::Severity::error;
        finding.message =
            fmt::format("{}: {} (expected {}). {}{}", r.rule->option, r.actual, r.expected,
                        r.rule->reason, r.suppressed ? " Suppressed: " + *r.suppressed : "");
        if (failed) {
            const bool disable = r.rule->expect.kind == Expectation::Kind::not_set;
            finding.remediation = !r.rule->remediation.empty() ? r.rule->remediation
                                  : disable
                                      ? fmt::format("disable {}", r.rule->option)
                                      : fmt::format("set {} to {}", r.rule->option, r.expected);
        }
        findings.push_back(std::move(finding));
    }
    return findings;
}

}  // namespace iotconform::kconfig
