// The JSON report, for CI and other tools. Its layout is versioned and documented in
// docs/report-schema.json; keys are sorted so the same input gives the same bytes.
#include <nlohmann/json.hpp>

#include "report/report_text.hpp"
#include "report/reports.hpp"

namespace iotconform::report {

namespace {

using nlohmann::json;

json position_json(const diagnostics::SourcePosition& position) {
    return {{"file", position.file}, {"line", position.line}, {"column", position.column}};
}

json counts_json(const judge::Counts& counts) {
    return {{"pass", counts.pass},
            {"fail", counts.fail},
            {"not_applicable", counts.not_applicable},
            {"incomplete", counts.incomplete}};
}

json finding_json(const judge::Finding& finding) {
    json item = {{"rule_id", finding.rule_id},
                 {"source", finding.source},
                 {"effect", judge::to_string(finding.effect)},
                 {"severity", diagnostics::to_string(finding.severity)},
                 {"message", finding.message},
                 {"location", finding.location},
                 {"remediation", finding.remediation}};
    if (!finding.suppressed.empty()) {
        item["suppressed"] = finding.suppressed;  // the reason the product file records
    }
    return item;
}

json provision_json(const judge::ProvisionResult& result) {
    const standard::Provision& provision = *result.provision;
    json item = {
        {"id", provision.id},
        {"clause", provision.clause},
        {"text", provision.text},
        {"text_is_summary", provision.text_is_summary},
        {"status", standard::format_status(provision.status)},
        {"mandatory", provision.mandatory()},
        {"conditions", provision.status.conditions},
        {"features", provision.status.features},
        {"applicability", judge::to_string(result.applicability)},
        {"applicability_reason", result.applicability_reason},
        {"verdict", judge::to_string(result.verdict)},
        {"reason", result.reason},
        {"justified_deviation", result.justified_deviation},
        {"findings", json::array()},
        {"support", nullptr},
        {"detail", nullptr},
        {"evidence", json::array()},
        {"published_status", nullptr},
        {"position", nullptr},
    };
    for (const judge::Finding& finding : result.findings) {
        item["findings"].push_back(finding_json(finding));
    }
    if (const ics::IcsEntry* entry = result.entry) {
        if (entry->support) {
            item["support"] = ics::to_string(*entry->support);
        }
        item["detail"] = entry->detail;
        item["evidence"] = entry->evidence;
        if (entry->published_status) {
            item["published_status"] = *entry->published_status;
        }
        item["position"] = position_json(entry->position);
    }
    return item;
}

}  // namespace

std::string render_json(const judge::Judgement& judgement) {
    const ics::Product& product = *judgement.product;
    json root = {
        {"format", "iotconform-report"},
        {"format_version", k_json_report_version},
        {"standard",
         {{"id", judgement.standard->id()},
          {"title", judgement.standard->title()},
          {"provision_texts", provision_text_kind(*judgement.standard)},
          {"attribution", provision_text_attribution(*judgement.standard)}}},
        {"product",
         {{"file", product.path},
          {"name", product.identity.name},
          {"manufacturer", product.identity.manufacturer},
          {"model", product.identity.model},
          {"firmware_version", product.identity.firmware_version},
          {"scope", ics::to_string(product.scope)}}},
        {"conformance",
         {{"result", judge::to_string(judgement.conformance)},
          {"reason", judgement.conformance_reason},
          {"mandatory", counts_json(judgement.mandatory)},
          {"recommended", counts_json(judgement.recommended)}}},
        {"conditions", json::array()},
        {"features", json::array()},
        {"provisions", json::array()},
        {"diagnostics", json::array()},
    };
    for (const standard::Condition& condition : judgement.standard->conditions()) {
        root["conditions"].push_back(
            {{"number", condition.number},
             {"key", condition.key},
             {"text", condition.text},
             {"answer", ics::to_string(judgement.conditions.at(condition.number))},
             {"given", product.conditions.contains(condition.number)}});
    }
    for (const standard::Feature& feature : judgement.standard->features()) {
        root["features"].push_back(
            {{"letter", feature.letter},
             {"key", feature.key},
             {"text", feature.text},
             {"answer", ics::to_string(judgement.features.at(feature.letter))},
             {"given", product.features.contains(feature.letter)}});
    }
    for (const judge::ProvisionResult& result : judgement.results) {
        root["provisions"].push_back(provision_json(result));
    }
    for (const diagnostics::Diagnostic& d : judgement.diagnostics) {
        const diagnostics::CodeInfo* info = diagnostics::find_code(d.code);
        root["diagnostics"].push_back(
            {{"code", d.code},
             {"title", info != nullptr ? info->title : ""},
             {"severity", diagnostics::to_string(d.severity)},
             {"provision", d.provision.empty() ? json(nullptr) : json(d.provision)},
             {"message", d.message},
             {"hint", d.hint},
             {"position", position_json(d.position)}});
    }
    // Inputs are checked to be UTF-8 on loading; replacing rather than throwing keeps a
    // report for any text a future input path lets through.
    return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace iotconform::report
