// Reading the standards' data files into the model, with consistency checks that make a
// mistake in the data a build-time test failure rather than a wrong verdict.
#include "standard/catalog.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <set>

#include "standard/embedded_data.hpp"
#include "util/text.hpp"

namespace iotconform::standard {

namespace {

[[noreturn]] void fail(const std::string& source, const YAML::Node& node, const std::string& what) {
    throw DataError(fmt::format("{}:{}: {}", source, node.Mark().line + 1, what));
}

std::string required_string(const std::string& source, const YAML::Node& node, const char* field) {
    const YAML::Node value = node[field];
    if (!value || !value.IsScalar() || util::trim(value.Scalar()).empty()) {
        fail(source, node, fmt::format("missing or empty '{}'", field));
    }
    return value.Scalar();
}

std::vector<Clause> load_clauses(const std::string& source, const YAML::Node& list) {
    std::vector<Clause> clauses;
    for (const YAML::Node& node : list) {
        clauses.push_back(
            {required_string(source, node, "number"), required_string(source, node, "title")});
    }
    return clauses;
}

std::vector<Condition> load_conditions(const std::string& source, const YAML::Node& list) {
    std::vector<Condition> conditions;
    for (const YAML::Node& node : list) {
        Condition condition;
        condition.number = node["number"].as<int>();
        condition.key = required_string(source, node, "key");
        condition.text = required_string(source, node, "text");
        if (node["opposite_of"]) {
            condition.opposite_of = node["opposite_of"].as<int>();
        }
        conditions.push_back(std::move(condition));
    }
    return conditions;
}

std::vector<Feature> load_features(const std::string& source, const YAML::Node& list) {
    std::vector<Feature> features;
    for (const YAML::Node& node : list) {
        features.push_back({required_string(source, node, "letter"),
                            required_string(source, node, "key"),
                            required_string(source, node, "text")});
    }
    return features;
}

Provision load_provision(const std::string& source, const YAML::Node& node) {
    Provision provision;
    provision.id = required_string(source, node, "id");
    provision.clause = required_string(source, node, "clause");
    provision.text = required_string(source, node, "text");
    provision.text_is_summary = node["text_is_summary"] && node["text_is_summary"].as<bool>();
    provision.records_justifications =
        node["records_justifications"] && node["records_justifications"].as<bool>();
    const StatusParse status = parse_status(required_string(source, node, "status"));
    if (!status.status || status.letters_only) {
        fail(source, node,
             fmt::format("provision {}: {}", provision.id,
                         status.letters_only ? "status lacks its condition list" : status.error));
    }
    provision.status = *status.status;
    return provision;
}

// `nodes[i]` is the YAML of provision i, so a message points at the provision's line.
void check_consistency(const std::string& source, const YAML::Node& root, const Standard& standard,
                       const std::vector<YAML::Node>& nodes) {
    std::set<std::string> ids;
    for (std::size_t i = 0; i < standard.provisions().size(); ++i) {
        const Provision& provision = standard.provisions()[i];
        const YAML::Node& node = nodes[i];
        if (!ids.insert(provision.id).second) {
            fail(source, node, fmt::format("duplicate provision {}", provision.id));
        }
        if (standard.find_clause(provision.clause) == nullptr) {
            fail(source, node,
                 fmt::format("provision {} names unknown clause {}", provision.id,
                             provision.clause));
        }
        for (const int number : provision.status.conditions) {
            if (standard.find_condition(number) == nullptr) {
                fail(source, node,
                     fmt::format("provision {} names unknown condition {}", provision.id, number));
            }
        }
        for (const std::string& letter : provision.status.features) {
            if (standard.find_feature(letter) == nullptr) {
                fail(source, node,
                     fmt::format("provision {} names unknown feature {}", provision.id, letter));
            }
        }
    }
    std::set<std::string> keys;
    for (const std::string& key : standard.answer_keys()) {
        if (!keys.insert(key).second) {
            fail(source, root, fmt::format("duplicate condition or feature key {}", key));
        }
    }
    for (const Condition& condition : standard.conditions()) {
        if (condition.opposite_of && standard.find_condition(*condition.opposite_of) == nullptr) {
            fail(source, root,
                 fmt::format("condition {} is the opposite of unknown condition {}",
                             condition.number, *condition.opposite_of));
        }
    }
}

}  // namespace

Standard load_standard(std::string_view yaml_text, const std::string& source_name) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml_text));
    } catch (const YAML::Exception& error) {
        throw DataError(fmt::format("{}:{}: {}", source_name, error.mark.line + 1, error.msg));
    }
    try {
        std::vector<Provision> provisions;
        std::vector<YAML::Node> provision_nodes;
        for (const YAML::Node& node : root["provisions"]) {
            provisions.push_back(load_provision(source_name, node));
            provision_nodes.push_back(node);
        }
        std::vector<Term> terms;
        for (const YAML::Node& node : root["terms"]) {
            terms.push_back({required_string(source_name, node, "term"),
                             required_string(source_name, node, "definition")});
        }
        Standard standard(
            required_string(source_name, root, "id"), required_string(source_name, root, "title"),
            required_string(source_name, root, "short_title"),
            load_clauses(source_name, root["clauses"]),
            load_conditions(source_name, root["conditions"]),
            load_features(source_name, root["features"]), std::move(provisions), std::move(terms));
        check_consistency(source_name, root, standard, provision_nodes);
        return standard;
    } catch (const YAML::Exception& error) {
        throw DataError(fmt::format("{}:{}: {}", source_name, error.mark.line + 1, error.msg));
    }
}

const std::vector<Standard>& builtin_standards() {
    static const std::vector<Standard> standards = [] {
        std::vector<Standard> loaded;
        for (const EmbeddedFile& file : embedded_files()) {
            if (file.name.starts_with("standards/")) {
                loaded.push_back(load_standard(file.content, std::string(file.name)));
            }
        }
        return loaded;
    }();
    return standards;
}

const Standard* find_standard(std::string_view id) {
    // Reduce "EN 303 645 V2.1.1", "v2.1.1" and "en303645-2.1.1" to "2.1.1".
    std::string wanted = util::to_lower(util::collapse_whitespace(id));
    std::erase(wanted, ' ');
    for (const std::string_view prefix : {"etsi", "en303645", "-", "v"}) {
        if (wanted.starts_with(prefix)) {
            wanted.erase(0, prefix.size());
        }
    }
    for (const Standard& standard : builtin_standards()) {
        const std::string& full = standard.id();
        if (full == wanted || full.ends_with("-" + wanted)) {
            return &standard;
        }
    }
    return nullptr;
}

const Standard& default_standard() {
    // The newest built-in edition: V3.1.3 once its data is added, V2.1.1 until then.
    return builtin_standards().back();
}

std::vector<std::string> standard_ids() {
    std::vector<std::string> ids;
    for (const Standard& standard : builtin_standards()) {
        ids.push_back(standard.id());
    }
    return ids;
}

}  // namespace iotconform::standard
