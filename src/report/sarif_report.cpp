// The SARIF 2.1.0 report, so CI systems (GitHub code scanning and others) show every
// diagnostic as an annotation on the product file's line.
#include <nlohmann/json.hpp>

#include "report/reports.hpp"

namespace iotconform::report {

namespace {

using nlohmann::json;

std::string_view level_of(diagnostics::Severity severity) {
    switch (severity) {
        case diagnostics::Severity::error:
            return "error";
        case diagnostics::Severity::warning:
            return "warning";
        case diagnostics::Severity::note:
            return "note";
    }
    return "note";
}

json rules() {
    json list = json::array();
    for (const diagnostics::CodeInfo& info : diagnostics::code_table()) {
        list.push_back({{"id", info.code},
                        {"shortDescription", {{"text", info.title}}},
                        {"defaultConfiguration", {{"level", level_of(info.default_severity)}}},
                        {"helpUri", "docs/diagnostics.md"}});
    }
    return list;
}

std::size_t rule_index(std::string_view code) {
    const auto table = diagnostics::code_table();
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (table[i].code == code) {
            return i;
        }
    }
    return 0;
}

json result_of(const diagnostics::Diagnostic& d, const std::string& product_file) {
    json location = {
        {"artifactLocation", {{"uri", d.position.file.empty() ? product_file : d.position.file}}}};
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
    json result = {{"ruleId", d.code},
                   {"ruleIndex", rule_index(d.code)},
                   {"level", level_of(d.severity)},
                   {"message", {{"text", text}}},
                   {"locations", json::array({{{"physicalLocation", location}}})}};
    if (!d.provision.empty()) {
        result["properties"] = {{"provision", d.provision}};
    }
    return result;
}

}  // namespace

std::string render_sarif(const judge::Judgement& judgement) {
    json results = json::array();
    for (const diagnostics::Diagnostic& d : judgement.diagnostics) {
        results.push_back(result_of(d, judgement.product->path));
    }
    const json root = {
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs",
         json::array(
             {{{"tool",
                {{"driver",
                  {{"name", "iotconform"}, {"version", IOTCONFORM_VERSION}, {"rules", rules()}}}}},
               {"results", results},
               {"properties",
                {{"standard", judgement.standard->id()},
                 {"conformance", judge::to_string(judgement.conformance)},
                 {"reason", judgement.conformance_reason}}}}})},
    };
    return root.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace iotconform::report
