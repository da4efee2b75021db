// Loading and using the rule tables of the firmware checks.
#include "firmware/rule_table.hpp"

#include <fmt/format.h>

#include <set>

#include "firmware/check.hpp"
#include "standard/catalog.hpp"
#include "standard/embedded_data.hpp"

namespace iotconform::firmware {

namespace {

using standard::DataError;

std::string required(const YAML::Node& node, std::string_view key, std::string_view where) {
    const YAML::Node value = node[std::string(key)];
    if (!value || !value.IsScalar() || value.Scalar().empty()) {
        throw DataError(fmt::format("{}: '{}' is missing or empty", where, key));
    }
    return value.Scalar();
}

judge::Effect parse_effect(const std::string& text, std::string_view where) {
    for (const judge::Effect effect :
         {judge::Effect::contradicts, judge::Effect::supports, judge::Effect::informs}) {
        if (judge::to_string(effect) == text) {
            return effect;
        }
    }
    throw DataError(fmt::format("{}: unknown effect '{}'", where, text));
}

diagnostics::Severity parse_severity(const std::string& text, std::string_view where) {
    for (const diagnostics::Severity severity :
         {diagnostics::Severity::error, diagnostics::Severity::warning,
          diagnostics::Severity::note}) {
        if (diagnostics::to_string(severity) == text) {
            return severity;
        }
    }
    throw DataError(fmt::format("{}: unknown severity '{}'", where, text));
}

std::vector<std::string> edition_provisions(const YAML::Node& list,
                                            const standard::Standard& edition,
                                            std::string_view where) {
    if (!list || !list.IsSequence() || list.size() == 0) {
        throw DataError(fmt::format("{}: no provisions for {}", where, edition.id()));
    }
    std::vector<std::string> ids;
    for (const YAML::Node& item : list) {
        const std::string id = item.IsScalar() ? item.Scalar() : std::string();
        if (edition.find_provision(id) == nullptr) {
            throw DataError(
                fmt::format("{}: provision '{}' is not in {}", where, id, edition.id()));
        }
        ids.push_back(id);
    }
    return ids;
}

RuleInfo parse_rule(const YAML::Node& node, std::string_view file) {
    if (!node.IsMap()) {
        throw DataError(fmt::format("{}: a rule must be a mapping", file));
    }
    RuleInfo rule;
    rule.id = required(node, "id", file);
    const std::string where = fmt::format("{}: rule {}", file, rule.id);
    rule.title = required(node, "title", where);
    rule.remediation = required(node, "remediation", where);
    rule.effect = parse_effect(required(node, "effect", where), where);
    rule.severity = parse_severity(required(node, "severity", where), where);
    const YAML::Node provisions = node["provisions"];
    if (!provisions || !provisions.IsMap()) {
        throw DataError(fmt::format("{}: 'provisions' must map each edition to a list", where));
    }
    for (const standard::Standard& edition : standard::builtin_standards()) {
        rule.provisions[edition.id()] =
            edition_provisions(provisions[edition.id()], edition, where);
    }
    if (provisions.size() != rule.provisions.size()) {
        throw DataError(fmt::format("{}: 'provisions' names an unknown edition", where));
    }
    return rule;
}

}  // namespace

const RuleInfo& RuleTable::rule(std::string_view id) const {
    for (const RuleInfo& rule : m_rules) {
        if (rule.id == id) {
            return rule;
        }
    }
    throw DataError(fmt::format("firmware rule {} is not in its data file", id));
}

judge::Finding RuleTable::finding(std::string_view id, std::string_view standard_id,
                                  std::string message, std::string location) const {
    return finding(id, standard_id, rule(id).severity, std::move(message), std::move(location));
}

judge::Finding RuleTable::finding(std::string_view id, std::string_view standard_id,
                                  diagnostics::Severity severity, std::string message,
                                  std::string location) const {
    const RuleInfo& info = rule(id);
    const auto provisions = info.provisions.find(standard_id);
    if (provisions == info.provisions.end()) {
        throw DataError(fmt::format("firmware rule {} has no provisions for {}", id, standard_id));
    }
    return firmware_finding(info.id, provisions->second, info.effect, severity, std::move(message),
                            std::move(location), info.remediation);
}

RuleTable load_rule_table(const YAML::Node& rules, std::string_view file) {
    if (!rules || !rules.IsSequence()) {
        throw DataError(fmt::format("{}: 'rules' must be a list", file));
    }
    std::vector<RuleInfo> parsed;
    std::set<std::string> ids;
    for (const YAML::Node& node : rules) {
        RuleInfo rule = parse_rule(node, file);
        if (!ids.insert(rule.id).second) {
            throw DataError(fmt::format("{}: rule {} is given twice", file, rule.id));
        }
        parsed.push_back(std::move(rule));
    }
    return RuleTable(std::move(parsed));
}

std::vector<std::string> yaml_strings(const YAML::Node& list) {
    std::vector<std::string> out;
    for (const YAML::Node& item : list) {
        out.push_back(item.as<std::string>());
    }
    return out;
}

std::map<std::string, std::string, std::less<>> yaml_string_map(const YAML::Node& mapping) {
    std::map<std::string, std::string, std::less<>> out;
    for (const auto& item : mapping) {
        out[item.first.as<std::string>()] = item.second.as<std::string>();
    }
    return out;
}

YAML::Node embedded_yaml(std::string_view name) {
    for (const standard::EmbeddedFile& file : standard::embedded_files()) {
        if (file.name == name) {
            try {
                return YAML::Load(std::string(file.content));
            } catch (const YAML::Exception& error) {
                throw DataError(fmt::format("data/{}: {}", name, error.what()));
            }
        }
    }
    throw DataError(fmt::format("data/{} is not built in", name));
}

}  // namespace iotconform::firmware
