// The rules of a firmware check as data (data/firmware/*.yaml): per rule its id, title,
// provisions per edition, effect, severity and remediation. Loaded once, checked against
// the built-in editions, so a rule naming a provision an edition lacks fails the build's
// tests rather than reaching a report.
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "judge/evidence.hpp"
#include "standard/catalog.hpp"

namespace iotconform::firmware {

struct RuleInfo {
    std::string id;     // "FW-SVC-001"
    std::string title;  // what the rule finds, as a heading
    std::map<std::string, std::vector<std::string>, std::less<>> provisions;  // by edition id
    judge::Effect effect = judge::Effect::contradicts;
    diagnostics::Severity severity = diagnostics::Severity::error;
    std::string remediation;
};

class RuleTable {
  public:
    explicit RuleTable(std::vector<RuleInfo> rules) : m_rules(std::move(rules)) {}

    const std::vector<RuleInfo>& rules() const { return m_rules; }

    // The rule with this id; throws standard::DataError for an id not in the table (a
    // check asking for a rule its data file lacks is a broken build).
    const RuleInfo& rule(std::string_view id) const;

    // A finding of rule `id` with the provisions it concerns in edition `standard_id`
    // and the rule's severity, or `severity` when the finding is milder or graver.
    judge::Finding finding(std::string_view id, std::string_view standard_id, std::string message,
                           std::string location) const;
    judge::Finding finding(std::string_view id, std::string_view standard_id,
                           diagnostics::Severity severity, std::string message,
                           std::string location) const;

  private:
    std::vector<RuleInfo> m_rules;
};

// Reads the `rules:` list of a firmware data file. Every rule needs an id, a title, a
// remediation, an effect (contradicts, supports, informs), a severity (error, warning,
// note) and provisions for every built-in edition, each of which that edition has; ids
// are unique. Throws standard::DataError naming `file` and the rule otherwise.
RuleTable load_rule_table(const YAML::Node& rules, std::string_view file);

// The scalars of a YAML list, and the scalar pairs of a YAML mapping, as strings (an
// absent node gives an empty result); data tables of the checks are read with these.
std::vector<std::string> yaml_strings(const YAML::Node& list);
std::map<std::string, std::string, std::less<>> yaml_string_map(const YAML::Node& mapping);

// Loads a built-in data table once with `load`, turning a YAML type error into a
// standard::DataError that names `file`.
template <typename Load>
auto load_data_table(std::string_view file, Load load) -> decltype(load()) {
    try {
        return load();
    } catch (const YAML::Exception& error) {
        throw standard::DataError(std::string(file) + ": " + error.what());
    }
}

// The root node of the embedded data file `name` ("firmware/services.yaml"); throws
// standard::DataError when it is not built in or is not valid YAML.
YAML::Node embedded_yaml(std::string_view name);

}  // namespace iotconform::firmware
