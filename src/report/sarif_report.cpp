// The SARIF 2.1.0 report, so CI systems (GitHub code scanning and others) show every
// diagnostic as an annotation on the product file's line.
#include <fmt/format.h>

#include <cctype>
#include <nlohmann/json.hpp>

#include "report/report_text.hpp"
#include "report/reports.hpp"
#include "util/escape.hpp"

namespace iotconform::report {

namespace {

using nlohmann::json;

// The codes the results use, in the order of the code table: only rules a consumer will
// meet are listed, and each result's ruleIndex points into this list.
std::vector<const diagnostics::CodeInfo*> used_rules(const judge::Judgement& judgement) {
    std::vector<const diagnostics::CodeInfo*> used;
    for (const diagnostics::CodeInfo& info : diagnostics::code_table()) {
        for (const diagnostics::Diagnostic& d : judgement.diagnostics) {
            if (d.code == info.code) {
                used.push_back(&info);
                break;
            }
        }
    }
    return used;
}

json rules_json(const std::vector<const diagnostics::CodeInfo*>& rules) {
    json list = json::array();
    for (const diagnostics::CodeInfo* info : rules) {
        list.push_back(
            {{"id", info->code},
             {"shortDescription", {{"text", info->title}}},
             {"defaultConfiguration", {{"level", diagnostics::to_string(info->default_severity)}}},
             {"helpUri", "docs/diagnostics.md"}});
    }
    return list;
}

json result_of(const diagnostics::Diagnostic& d, const std::string& product_file,
               const std::vector<const diagnostics::CodeInfo*>& rules) {
    json location = {
        {"artifactLocation",
         {{"uri", util::uri_path(d.position.file.empty() ? product_file : d.position.file)}}}};
    if (d.position.line > 0) {
        location["region"] = {{"startLine", d.position.line}};
        if (d.position.column > 0) {
            location["region"]["startColumn"] = d.position.column;
        }
    }
    std::string text =
        d.provision.empty() ? d.message : "Provision " + d.provision + ": " + d.message;
    if (!d.hint.empty()) {
        text += " (" + d.hint + ")";
    }
    std::size_t index = 0;
    while (index < rules.size() && rules[index]->code != d.code) {
        ++index;
    }
    json result = {{"ruleId", d.code},
                   {"ruleIndex", index},
                   {"level", diagnostics::to_string(d.severity)},
                   {"message", {{"text", text}}},
                   {"locations", json::array({{{"physicalLocation", location}}})}};
    if (!d.provision.empty()) {
        result["properties"] = {{"provision", d.provision}};
    }
    return result;
}

}  // namespace

std::string render_sarif(const judge::Judgement& judgement) {
    const std::vector<const diagnostics::CodeInfo*> rules = used_rules(judgement);
    json results = json::array();
    for (const diagnostics::Diagnostic& d : judgement.diagnostics) {
        results.push_back(result_of(d, judgement.product->path, rules));
    }
    const json root = {
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs",
         json::array({{{"tool",
                        {{"driver",
                          {{"name", "iotconform"},
                           {"version", IOTCONFORM_VERSION},
                           {"rules", rules_json(rules)}}}}},
                       {"results", results},
                       {"properties",
                        {{"standard", judgement.standard->id()},
                         {"provisionTexts", provision_text_attribution(*judgement.standard)},
                         {"conformance", judge::to_string(judgement.conformance)},
                         {"reason", judgement.conformance_reason}}}}})},
    };
    return root.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace iotconform::report
