// One pass over the image feeds every check; the outputs are drawn from one result.
#include "firmware/scan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "firmware/credentials_check.hpp"
#include "firmware/crypto_check.hpp"
#include "firmware/elf_check.hpp"
#include "firmware/secrets_check.hpp"
#include "firmware/services_check.hpp"
#include "util/escape.hpp"

namespace iotconform::firmware {

namespace dg = diagnostics;
using nlohmann::json;

std::vector<std::unique_ptr<Check>> make_checks(const standard::Standard& edition) {
    std::vector<std::unique_ptr<Check>> checks;
    checks.push_back(std::make_unique<CredentialsCheck>());
    checks.push_back(std::make_unique<SecretsCheck>());
    checks.push_back(std::make_unique<ServicesCheck>(edition));
    checks.push_back(std::make_unique<CryptoCheck>(edition, today_utc()));
    checks.push_back(std::make_unique<BinaryHardeningCheck>());
    return checks;
}

namespace {

int rank(dg::Severity severity) {
    switch (severity) {
        case dg::Severity::error:
            return 0;
        case dg::Severity::warning:
            return 1;
        case dg::Severity::note:
            return 2;
    }
    return 3;
}

void sort_findings(std::vector<judge::Finding>& findings) {
    std::stable_sort(findings.begin(), findings.end(),
                     [](const judge::Finding& a, const judge::Finding& b) {
                         return std::tuple(rank(a.severity), a.rule_id, a.location) <
                                std::tuple(rank(b.severity), b.rule_id, b.location);
                     });
}

}  // namespace

ScanResult scan(const std::filesystem::path& input, const ScanOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    const standard::Standard& edition =
        options.edition != nullptr ? *options.edition : standard::default_standard();
    std::vector<std::unique_ptr<Check>> checks = make_checks(edition);
    ScanResult result;
    result.input = input.string();
    ReadResult read = read_tree(
        input,
        [&](const FileEntry& entry, util::Bytes content) {
            for (const std::unique_ptr<Check>& check : checks) {
                check->visit(entry, content);
            }
        },
        options.limits, options.progress);
    result.stats = std::move(read.stats);
    result.diagnostics = std::move(read.diagnostics);
    for (const std::unique_ptr<Check>& check : checks) {
        check->finish(result.findings, result.diagnostics);
        if (const auto* hardening = dynamic_cast<const BinaryHardeningCheck*>(check.get())) {
            result.binaries = elf_results_json(hardening->results());
        }
    }
    sort_findings(result.findings);
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

namespace {

// The containers read, for the summary's first line: a raw image can hold thousands of
// carved streams, so a few are named and the rest counted (the JSON lists them all).
std::string containers_line(const std::vector<std::string>& containers) {
    constexpr std::size_t k_named = 8;
    if (containers.empty()) {
        return {};
    }
    const std::vector<std::string> named(
        containers.begin(),
        containers.begin() + static_cast<std::ptrdiff_t>(std::min(containers.size(), k_named)));
    std::string line = fmt::format("{}", fmt::join(named, "; "));
    if (containers.size() > k_named) {
        line += fmt::format("; and {} more", containers.size() - k_named);
    }
    return " (" + util::printable(line) + ")";
}

}  // namespace

std::string scan_summary(const ScanResult& result) {
    std::map<dg::Severity, int> counts;
    for (const judge::Finding& finding : result.findings) {
        ++counts[finding.severity];
    }
    std::string out = fmt::format("{}: {} files, {:.1f} MB read in {:.2f} s{}\n", result.input,
                                  result.stats.files, static_cast<double>(result.stats.bytes) / 1e6,
                                  result.seconds, containers_line(result.stats.containers));
    out +=
        fmt::format("  findings: {} errors, {} warnings, {} notes\n", counts[dg::Severity::error],
                    counts[dg::Severity::warning], counts[dg::Severity::note]);
    for (const judge::Finding& finding : result.findings) {
        out += fmt::format(
            "  {:<7} {:<14} {:<14} {}{}\n", dg::to_string(finding.severity), finding.rule_id,
            fmt::format("{}", fmt::join(finding.provisions, ",")), util::printable(finding.message),
            finding.location.empty() ? "" : " (" + util::printable(finding.location) + ")");
    }
    for (const dg::Diagnostic& d : result.diagnostics) {
        out += "  " + dg::format_for_terminal(d) + "\n";
    }
    return out;
}

json scan_json(const ScanResult& result) {
    json findings = json::array();
    for (const judge::Finding& f : result.findings) {
        findings.push_back({{"rule_id", f.rule_id},
                            {"source", f.source},
                            {"provisions", f.provisions},
                            {"effect", judge::to_string(f.effect)},
                            {"severity", dg::to_string(f.severity)},
                            {"message", f.message},
                            {"location", f.location},
                            {"remediation", f.remediation}});
    }
    json diagnostics = json::array();
    for (const dg::Diagnostic& d : result.diagnostics) {
        diagnostics.push_back({{"code", d.code},
                               {"severity", dg::to_string(d.severity)},
                               {"message", d.message},
                               {"hint", d.hint}});
    }
    return {{"format", "iotconform-findings"},
            {"format_version", 1},
            {"tool", "iotconform scan"},
            {"input", result.input},
            {"read",
             {{"files", result.stats.files},
              {"bytes", result.stats.bytes},
              {"input_bytes", result.stats.input_bytes},
              {"containers", result.stats.containers}}},
            {"findings", findings},
            {"diagnostics", diagnostics},
            {"binaries", result.binaries.is_null() ? json::array() : result.binaries}};
}

namespace {

// "etc/shadow:3" -> uri "etc/shadow", line 3; "usr/bin/x@0x40" -> byte offset 0x40.
json location_json(const std::string& location) {
    json physical = json::object();
    std::string path = location;
    json region = json::object();
    if (const std::size_t at = location.rfind("@0x"); at != std::string::npos) {
        path = location.substr(0, at);
        region["byteOffset"] = std::stoull(location.substr(at + 3), nullptr, 16);
    } else if (const std::size_t colon = location.rfind(':');
               colon != std::string::npos && colon + 1 < location.size() &&
               location.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
        path = location.substr(0, colon);
        region["startLine"] = std::stoull(location.substr(colon + 1));
    }
    physical["artifactLocation"] = {{"uri", util::uri_path(path)}, {"uriBaseId", "IMAGE"}};
    if (!region.empty()) {
        physical["region"] = region;
    }
    return {{"physicalLocation", physical}};
}

}  // namespace

json scan_sarif(const ScanResult& result) {
    json rules = json::array();
    std::map<std::string, std::size_t> index;
    json results = json::array();
    for (const judge::Finding& f : result.findings) {
        auto [it, added] = index.emplace(f.rule_id, rules.size());
        if (added) {
            rules.push_back(
                {{"id", f.rule_id},
                 {"shortDescription", {{"text", f.rule_id}}},
                 {"help", {{"text", f.remediation.empty() ? f.rule_id : f.remediation}}},
                 {"properties", {{"provisions", f.provisions}}}});
        }
        json item = {
            {"ruleId", f.rule_id},
            {"ruleIndex", it->second},
            {"level", dg::to_string(f.severity)},
            {"message", {{"text", f.message}}},
            {"properties", {{"provisions", f.provisions}, {"effect", judge::to_string(f.effect)}}}};
        if (!f.location.empty()) {
            item["locations"] = json::array({location_json(f.location)});
        }
        results.push_back(std::move(item));
    }
    return {
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs",
         json::array({{{"tool", {{"driver", {{"name", "iotconform"}, {"rules", rules}}}}},
                       {"originalUriBaseIds",
                        {{"IMAGE", {{"description", {{"text", "the root of " + result.input}}}}}}},
                       {"results", results}}})}};
}

}  // namespace iotconform::firmware
