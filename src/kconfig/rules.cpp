// Loading rule files: YAML through yaml-cpp, every key checked, every problem collected
// with its line, provisions checked against the built-in editions.
#include "kconfig/rules.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <climits>
#include <mutex>
#include <set>

#include "kconfig/params.hpp"
#include "standard/catalog.hpp"
#include "standard/embedded_data.hpp"
#include "util/limits.hpp"
#include "util/text.hpp"

namespace iotconform::kconfig {

namespace dg = diagnostics;

std::string_view to_string(Input input) {
    switch (input) {
        case Input::cmdline:
            return "cmdline";
        case Input::sysctl:
            return "sysctl";
        case Input::kconfig:
            break;
    }
    return "kconfig";
}

std::string_view to_string(Profile profile) {
    return profile == Profile::strict ? "strict" : "baseline";
}

std::string Expectation::to_string() const {
    switch (kind) {
        case Kind::equals:
            return values.empty() ? std::string() : values.front();
        case Kind::one_of:
            return "one of " + util::join(values, ", ");
        case Kind::range:
            return fmt::format("{}..{}", minimum, maximum);
        case Kind::contains:
            return fmt::format("*{}*", values.empty() ? "" : values.front());
        case Kind::not_set:
            return "is not set";
        case Kind::present:
            return "is present";
        case Kind::not_off:
            return "is not off";
        case Kind::equals_option:
            return "value of " + (values.empty() ? std::string() : values.front());
        case Kind::none_enabled:
            return "none enabled";
    }
    return {};
}

std::vector<std::string> Rule::provisions_for(std::string_view standard_id) const {
    const auto found = provisions.find(std::string(standard_id));
    if (found != provisions.end()) {
        return found->second;
    }
    const auto common = provisions.find("");
    return common == provisions.end() ? std::vector<std::string>{} : common->second;
}

namespace {

const std::set<std::string_view> k_rule_keys = {
    "id",   "kconfig", "cmdline",    "sysctl",   "expect",  "boolean",    "or",         "and",
    "when", "reason",  "references", "decision", "profile", "provisions", "remediation"};
const std::set<std::string_view> k_setting_keys = {"kconfig", "cmdline", "sysctl"};

// "did you mean 'arch'?" for the key nearest to `key`, else `otherwise`.
std::string did_you_mean(const std::string& key, const std::vector<std::string>& keys,
                         std::string otherwise = {}) {
    const std::vector<std::string> near = util::nearest(key, keys);
    return near.empty() ? std::move(otherwise) : fmt::format("did you mean '{}'?", near.front());
}

class Loader {
  public:
    explicit Loader(std::string name) : m_name(std::move(name)) {}

    RuleLoad run(std::string_view text);

  private:
    // Records an error at `node`; after the first k_max_errors_per_file, says so once and
    // records no more (the loops stop too, see stopped()).
    void error(const YAML::Node& node, std::string message, std::string hint = {}) {
        if (m_errors >= util::k_max_errors_per_file) {
            return;
        }
        const YAML::Mark mark = node.Mark();
        const dg::SourcePosition at{m_name, mark.is_null() ? 0 : mark.line + 1,
                                    mark.is_null() ? 0 : mark.column + 1};
        m_load.diagnostics.push_back(
            dg::make("KC010", {}, std::move(message), std::move(hint), at));
        if (++m_errors == util::k_max_errors_per_file) {
            m_load.diagnostics.push_back(dg::make(
                "KC010", {}, fmt::format("stopped after {} errors", util::k_max_errors_per_file),
                "fix these and load the file again", at));
        }
    }
    bool stopped() const { return m_errors >= util::k_max_errors_per_file; }
    // Counts a visited node; false (after reporting once) when the file expands beyond
    // the limit through aliases.
    bool visit(const YAML::Node& node) {
        if (++m_nodes == util::k_max_yaml_nodes) {
            error(node, "the rule file expands to too many values (aliases?)",
                  "write each rule out instead of repeating aliases");
        }
        return m_nodes < util::k_max_yaml_nodes;
    }

    std::optional<std::string> scalar(const YAML::Node& node, std::string_view what);
    bool boolean(const YAML::Node& node);
    std::optional<Expectation> expectation(const YAML::Node& node);
    std::optional<Test> test(const YAML::Node& node, std::size_t depth);
    std::vector<Test> tests(const YAML::Node& node, std::size_t depth);
    std::optional<Version> version(const YAML::Node& node);
    void applicability(const YAML::Node& node, Applicability& when);
    void release_bounds(const YAML::Node& node, Applicability& when);
    void provisions(const YAML::Node& node, Rule& rule);
    void references(const YAML::Node& node, Rule& rule);
    bool setting(const YAML::Node& node, Input& input, std::string& option);
    void rule(const YAML::Node& node, const YAML::Node& defaults);
    void sources(const YAML::Node& node);

    std::string m_name;
    RuleLoad m_load;
    RuleSet m_set;
    std::set<std::string> m_sources;
    std::set<std::string> m_ids;
    std::size_t m_nodes = 0;
    std::size_t m_errors = 0;
};

std::optional<std::string> Loader::scalar(const YAML::Node& node, std::string_view what) {
    if (!node.IsScalar() || util::trim(node.Scalar()).empty()) {
        error(node, fmt::format("{} must be a non-empty text", what));
        return std::nullopt;
    }
    if (util::find_control_character(node.Scalar())) {
        error(node, fmt::format("{} holds a control character", what));
        return std::nullopt;
    }
    return node.Scalar();
}

// A rule's `boolean:` flag; an absent key is false, anything but true or false an error.
bool Loader::boolean(const YAML::Node& node) {
    if (!node) {
        return false;
    }
    if (!node.IsScalar() || (node.Scalar() != "true" && node.Scalar() != "false")) {
        error(node, "'boolean' must be true or false",
              "write boolean: true to compare on/yes/y/1 and off/no/n/0 as the same");
        return false;
    }
    return node.Scalar() == "true";
}

}  // namespace

std::optional<long long> parse_integer(std::string_view text) {
    text = util::trim(text);
    // One optional minus for decimals, then digits only: from_chars would accept a second
    // sign, and negating its result could overflow.
    const bool hexadecimal = text.starts_with("0x") || text.starts_with("0X");
    const bool negative = !hexadecimal && text.starts_with("-");
    text.remove_prefix(hexadecimal ? 2 : negative ? 1 : 0);
    const auto is_digit = [hexadecimal](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0 ||
               (hexadecimal && std::isxdigit(static_cast<unsigned char>(c)) != 0);
    };
    if (text.empty() || !std::all_of(text.begin(), text.end(), is_digit)) {
        return std::nullopt;
    }
    unsigned long long magnitude = 0;
    const auto [end, code] =
        std::from_chars(text.data(), text.data() + text.size(), magnitude, hexadecimal ? 16 : 10);
    constexpr auto k_max = static_cast<unsigned long long>(LLONG_MAX);
    if (code != std::errc() || end != text.data() + text.size() ||
        magnitude > (negative ? k_max + 1 : k_max)) {
        return std::nullopt;
    }
    if (negative) {
        // -(k_max + 1) is LLONG_MIN; computed without overflowing.
        return magnitude == k_max + 1 ? LLONG_MIN : -static_cast<long long>(magnitude);
    }
    return static_cast<long long>(magnitude);
}

namespace {

std::optional<Expectation> Loader::expectation(const YAML::Node& node) {
    Expectation expect;
    if (node.IsScalar()) {
        const std::string& text = node.Scalar();
        expect.kind = text == "is not set"   ? Expectation::Kind::not_set
                      : text == "is present" ? Expectation::Kind::present
                      : text == "is not off" ? Expectation::Kind::not_off
                                             : Expectation::Kind::equals;
        expect.values.push_back(text);
        return expect;
    }
    if (!node.IsMap() || node.size() != 1) {
        error(node, "'expect' must be a value or a mapping with one key",
              "use a value, is not set, is present, is not off, or one of one_of, range, "
              "contains, equals_option, none_enabled");
        return std::nullopt;
    }
    const std::string key = node.begin()->first.Scalar();
    const YAML::Node value = node.begin()->second;
    if (key == "contains" || key == "equals_option") {
        const std::optional<std::string> text = scalar(value, key);
        if (!text) {
            return std::nullopt;
        }
        expect.kind =
            key == "contains" ? Expectation::Kind::contains : Expectation::Kind::equals_option;
        expect.values.push_back(*text);
        return expect;
    }
    if (key == "one_of" || key == "none_enabled" || key == "range") {
        if (!value.IsSequence() || value.size() == 0) {
            error(value, fmt::format("'{}' must be a non-empty list", key));
            return std::nullopt;
        }
        for (const YAML::Node& item : value) {
            const std::optional<std::string> text = scalar(item, key);
            if (!text) {
                return std::nullopt;
            }
            expect.values.push_back(*text);
        }
    }
    if (key == "one_of" || key == "none_enabled") {
        expect.kind = key == "one_of" ? Expectation::Kind::one_of : Expectation::Kind::none_enabled;
        return expect;
    }
    if (key == "range") {
        for (std::size_t i = 0; i < expect.values.size(); ++i) {
            if (!parse_integer(expect.values[i])) {
                error(value[i], fmt::format("'{}' in 'range' is not an integer", expect.values[i]),
                      "write a decimal (an optional minus, then digits) or 0x and hexadecimal "
                      "digits");
                return std::nullopt;
            }
        }
        const std::optional<long long> low = parse_integer(expect.values.front());
        const std::optional<long long> high =
            expect.values.size() == 2 ? parse_integer(expect.values.back()) : std::nullopt;
        if (!low || !high || *low > *high) {
            error(value, "'range' must be [minimum, maximum], two integers in order");
            return std::nullopt;
        }
        expect.kind = Expectation::Kind::range;
        expect.minimum = *low;
        expect.maximum = *high;
        expect.values.clear();
        return expect;
    }
    error(node, fmt::format("unknown expectation '{}'", key),
          "use one_of, range, contains, equals_option or none_enabled");
    return std::nullopt;
}

std::optional<Version> Loader::version(const YAML::Node& node) {
    const std::optional<std::string> text = scalar(node, "a version");
    if (!text) {
        return std::nullopt;
    }
    const std::optional<Version> parsed = parse_version(*text);
    if (!parsed) {
        error(node, fmt::format("'{}' is not a version", *text), "write it as 5.10 or 5.4.208");
    }
    return parsed;
}

bool Loader::setting(const YAML::Node& node, Input& input, std::string& option) {
    int found = 0;
    for (const std::string_view key : k_setting_keys) {
        if (const YAML::Node value = node[std::string(key)]) {
            ++found;
            input = key == "kconfig"   ? Input::kconfig
                    : key == "cmdline" ? Input::cmdline
                                       : Input::sysctl;
            option = scalar(value, key).value_or("");
        }
    }
    if (found != 1) {
        error(node, "name exactly one of kconfig, cmdline or sysctl");
        return false;
    }
    if (input == Input::cmdline) {
        option = normalise_parameter_name(option);
    }
    return !option.empty();
}

std::optional<Test> Loader::test(const YAML::Node& node, std::size_t depth) {
    if (!visit(node)) {
        return std::nullopt;
    }
    if (depth > util::k_max_rule_depth) {
        error(node, fmt::format("tests nest more than {} levels", util::k_max_rule_depth));
        return std::nullopt;
    }
    if (!node.IsMap()) {
        error(node, "a test must be a mapping",
              "write {kconfig: CONFIG_X, expect: y}, {version: 5.10}, {any: [...]} or "
              "{all: [...]}");
        return std::nullopt;
    }
    Test result;
    if (node["any"] || node["all"]) {
        result.kind = node["any"] ? Test::Kind::any : Test::Kind::all;
        result.children = tests(node[result.kind == Test::Kind::any ? "any" : "all"], depth + 1);
        return result;
    }
    if (node["version"]) {
        result.kind = Test::Kind::version;
        const std::optional<Version> parsed = version(node["version"]);
        if (!parsed) {
            return std::nullopt;
        }
        result.version = *parsed;
        return result;
    }
    for (const auto& entry : node) {
        const std::string key = entry.first.Scalar();
        if (!k_setting_keys.contains(key) && key != "expect" && key != "boolean") {
            error(entry.first, fmt::format("unknown key '{}' in a test", key),
                  did_you_mean(key, {"kconfig", "cmdline", "sysctl", "expect", "boolean", "version",
                                     "any", "all"}));
        }
    }
    if (!setting(node, result.input, result.option) || !node["expect"]) {
        if (!node["expect"]) {
            error(node, "a test needs 'expect'");
        }
        return std::nullopt;
    }
    std::optional<Expectation> expect = expectation(node["expect"]);
    if (!expect) {
        return std::nullopt;
    }
    result.expect = std::move(*expect);
    result.expect.boolean = boolean(node["boolean"]);
    return result;
}

std::vector<Test> Loader::tests(const YAML::Node& node, std::size_t depth) {
    std::vector<Test> list;
    if (!node.IsSequence() || node.size() == 0) {
        error(node, "must be a non-empty list of tests");
        return list;
    }
    for (const YAML::Node& item : node) {
        if (std::optional<Test> parsed = test(item, depth)) {
            list.push_back(std::move(*parsed));
        }
    }
    return list;
}

// `when: {version: {min: X, below: Y}}`. A bare release is the common slip: the hint
// shows the mapping it probably meant.
void Loader::release_bounds(const YAML::Node& node, Applicability& when) {
    if (!node.IsMap()) {
        const std::string shown = node.IsScalar() ? node.Scalar() : "5.10";
        error(node, "'version' in 'when' must be a mapping of min and below",
              fmt::format("did you mean version: {{min: {}}}? (min is inclusive, below exclusive)",
                          shown));
        return;
    }
    for (const auto& entry : node) {
        const std::string key = entry.first.Scalar();
        if (key == "min") {
            when.min_version = version(entry.second);
        } else if (key == "below") {
            when.below_version = version(entry.second);
        } else {
            error(entry.first, fmt::format("unknown key '{}' in 'version'", key),
                  did_you_mean(key, {"min", "below"}, "keys: min, below"));
        }
    }
}

void Loader::applicability(const YAML::Node& node, Applicability& when) {
    if (!node.IsMap()) {
        error(node, "'when' must be a mapping", "keys: arch, version, all, any");
        return;
    }
    for (const auto& entry : node) {
        const std::string key = entry.first.Scalar();
        const YAML::Node value = entry.second;
        if (key == "arch") {
            const YAML::Node list = value.IsSequence() ? value : YAML::Node();
            if (!list) {
                error(value, "'arch' must be a list");
                continue;
            }
            for (const YAML::Node& arch : list) {
                when.arch.push_back(canonical_arch(scalar(arch, "arch").value_or("")));
                if (when.arch.back().empty()) {
                    error(arch, "unknown architecture", "use x86_64, x86_32, arm64, arm, riscv");
                }
            }
        } else if (key == "version") {
            release_bounds(value, when);
        } else if (key == "all" || key == "any") {
            (key == "all" ? when.all : when.any) = tests(value, 1);
        } else {
            error(entry.first, fmt::format("unknown key '{}' in 'when'", key),
                  did_you_mean(key, {"arch", "version", "all", "any"},
                               "keys: arch, version (min, below), all, any"));
        }
    }
}

void Loader::provisions(const YAML::Node& node, Rule& rule) {
    const auto check = [&](const YAML::Node& list, const standard::Standard* only) {
        std::vector<std::string> ids;
        if (!list.IsSequence() || list.size() == 0) {
            error(list, "'provisions' must be a non-empty list");
            return ids;
        }
        for (const YAML::Node& item : list) {
            const std::string id = scalar(item, "a provision").value_or("");
            for (const standard::Standard& edition : standard::builtin_standards()) {
                if ((only == nullptr || only == &edition) && !id.empty() &&
                    edition.find_provision(id) == nullptr) {
                    error(item, fmt::format("provision '{}' is not in {}", id, edition.id()),
                          "give provisions per edition: {en303645-2.1.1: [...], ...}");
                }
            }
            ids.push_back(id);
        }
        return ids;
    };
    if (node.IsSequence()) {
        rule.provisions[""] = check(node, nullptr);
        return;
    }
    if (!node.IsMap()) {
        error(node, "'provisions' must be a list or a mapping of edition to list");
        return;
    }
    for (const standard::Standard& edition : standard::builtin_standards()) {
        if (!node[edition.id()]) {
            error(node, fmt::format("no provisions for {}", edition.id()),
                  "name the provisions for every edition");
        }
    }
    for (const auto& entry : node) {
        const standard::Standard* edition = standard::find_standard(entry.first.Scalar());
        if (edition == nullptr || edition->id() != entry.first.Scalar()) {
            error(entry.first, fmt::format("unknown edition '{}'", entry.first.Scalar()));
            continue;
        }
        rule.provisions[edition->id()] = check(entry.second, edition);
    }
}

void Loader::references(const YAML::Node& node, Rule& rule) {
    if (!node.IsSequence()) {
        error(node, "'references' must be a list");
        return;
    }
    for (const YAML::Node& item : node) {
        const std::string text = scalar(item, "a reference").value_or("");
        const bool known = m_sources.contains(text) || text.starts_with("https://") ||
                           text.starts_with("CWE-") || text.starts_with("Documentation/");
        if (!text.empty() && !known) {
            error(item, fmt::format("reference '{}' is not a source of this file", text),
                  "name a key of 'sources', a URL, a CWE id or a kernel Documentation/ path");
        }
        rule.references.push_back(text);
    }
}

void Loader::rule(const YAML::Node& node, const YAML::Node& defaults) {
    if (!visit(node) || !node.IsMap()) {
        error(node, "a rule must be a mapping");
        return;
    }
    // A key of the rule wins over the group's default.
    const auto get = [&](const char* key) {
        return node[key] || !defaults || !defaults.IsMap() ? node[key] : defaults[key];
    };
    for (const auto& entry : node) {
        if (!k_rule_keys.contains(entry.first.Scalar())) {
            error(entry.first, fmt::format("unknown key '{}' in a rule", entry.first.Scalar()),
                  did_you_mean(entry.first.Scalar(),
                               std::vector<std::string>(k_rule_keys.begin(), k_rule_keys.end())));
        }
    }
    Rule rule;
    rule.file = m_name;
    rule.line = static_cast<int>(node.Mark().line) + 1;
    rule.id = node["id"] ? scalar(node["id"], "id").value_or("") : "";
    if (rule.id.empty()) {
        error(node, "a rule needs an 'id'");
    } else if (!m_ids.insert(rule.id).second) {
        error(node["id"], fmt::format("rule id '{}' is used twice", rule.id));
    }
    setting(node, rule.input, rule.option);
    if (const YAML::Node expect = get("expect")) {
        rule.expect = expectation(expect).value_or(Expectation{});
    } else {
        error(node, fmt::format("rule {} has no 'expect'", rule.id));
    }
    rule.expect.boolean = boolean(get("boolean"));
    if (const YAML::Node alternatives = get("or")) {
        rule.alternatives = tests(alternatives, 1);
    }
    if (const YAML::Node requirements = get("and")) {
        rule.requirements = tests(requirements, 1);
    }
    if (const YAML::Node when = get("when")) {
        applicability(when, rule.when);
    }
    rule.reason = get("reason") ? scalar(get("reason"), "reason").value_or("") : "";
    if (rule.reason.empty()) {
        error(node, fmt::format("rule {} has no 'reason'", rule.id), "say why in a sentence");
    }
    if (const YAML::Node refs = get("references")) {
        references(refs, rule);
    }
    rule.decision = get("decision") ? scalar(get("decision"), "decision").value_or("") : "";
    const std::string profile = get("profile") ? get("profile").Scalar() : "";
    if (profile != "baseline" && profile != "strict") {
        error(node, fmt::format("rule {} needs 'profile: baseline' or 'profile: strict'", rule.id));
    }
    rule.profile = profile == "strict" ? Profile::strict : Profile::baseline;
    if (const YAML::Node list = get("provisions")) {
        provisions(list, rule);
    } else {
        error(node, fmt::format("rule {} names no provisions", rule.id));
    }
    if (const YAML::Node remediation = get("remediation")) {
        rule.remediation = scalar(remediation, "remediation").value_or("");
    }
    if (m_set.rules.size() >= util::k_max_rules) {
        error(node, fmt::format("more than {} rules", util::k_max_rules));
        return;
    }
    m_set.rules.push_back(std::move(rule));
}

void Loader::sources(const YAML::Node& node) {
    if (!node.IsMap()) {
        error(node, "'sources' must map short names to titles or URLs");
        return;
    }
    for (const auto& entry : node) {
        if (scalar(entry.second, "a source")) {
            m_sources.insert(entry.first.Scalar());
        }
    }
}

RuleLoad Loader::run(std::string_view text) {
    if (text.size() > util::k_max_rule_file_bytes) {
        error(YAML::Node(), fmt::format("{} bytes, more than the {} a rule file may have",
                                        text.size(), util::k_max_rule_file_bytes));
        return std::move(m_load);
    }
    if (const std::optional<std::size_t> bad = util::find_invalid_utf8(text)) {
        const util::LineColumn at = util::line_column(text, *bad);
        m_load.diagnostics.push_back(
            dg::make("KC010", {}, fmt::format("byte {} is not valid UTF-8", *bad),
                     "rule files are UTF-8 YAML", {m_name, at.line, at.column}));
        return std::move(m_load);
    }
    if (const std::optional<std::size_t> deep =
            util::find_deep_nesting(text, util::k_max_nesting, true)) {
        const util::LineColumn at = util::line_column(text, *deep);
        m_load.diagnostics.push_back(
            dg::make("KC010", {}, fmt::format("nested more than {} levels", util::k_max_nesting),
                     "flatten the rule", {m_name, at.line, at.column}));
        return std::move(m_load);
    }
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& failure) {
        m_load.diagnostics.push_back(
            dg::make("KC010", {}, fmt::format("not valid YAML: {}", failure.msg), "fix the syntax",
                     {m_name, failure.mark.is_null() ? 0 : failure.mark.line + 1,
                      failure.mark.is_null() ? 0 : failure.mark.column + 1}));
        return std::move(m_load);
    }
    if (!root.IsMap()) {
        error(root, "a rule file is a mapping with 'family', 'sources' and 'groups'");
        return std::move(m_load);
    }
    for (const auto& entry : root) {
        const std::string key = entry.first.Scalar();
        if (key != "family" && key != "sources" && key != "groups") {
            error(entry.first, fmt::format("unknown top-level key '{}'", key),
                  "keys: family, sources, groups");
        }
    }
    const std::string family = root["family"] ? root["family"].Scalar() : "";
    if (family != "linux" && family != "zephyr") {
        error(root, "'family' must be linux or zephyr");
    }
    m_set.family = family == "zephyr" ? Family::zephyr : Family::linux_kernel;
    if (root["sources"]) {
        sources(root["sources"]);
    }
    const YAML::Node groups = root["groups"];
    if (!groups || !groups.IsSequence()) {
        error(root, "'groups' must be a list of {title, defaults, rules}");
        return std::move(m_load);
    }
    for (const YAML::Node& group : groups) {
        if (stopped()) {
            break;
        }
        const YAML::Node list = group.IsMap() ? group["rules"] : YAML::Node();
        if (!list || !list.IsSequence()) {
            error(group, "a group needs a list of 'rules'");
            continue;
        }
        const YAML::Node defaults = group["defaults"];
        for (const YAML::Node& item : list) {
            if (stopped()) {
                break;
            }
            rule(item, defaults);
        }
    }
    if (!dg::has_errors(m_load.diagnostics)) {
        m_load.rules = std::move(m_set);
    }
    return std::move(m_load);
}

RuleSet load_builtin(std::string_view file) {
    for (const standard::EmbeddedFile& embedded : standard::embedded_files()) {
        if (embedded.name == file) {
            RuleLoad load = load_rules(embedded.content, "data/" + std::string(file));
            if (!load.rules) {
                throw standard::DataError(load.diagnostics.empty()
                                              ? std::string(file)
                                              : dg::format_for_terminal(load.diagnostics.front()));
            }
            return std::move(*load.rules);
        }
    }
    throw standard::DataError(fmt::format("{} is not built in", file));
}

}  // namespace

RuleLoad load_rules(std::string_view text, const std::string& name) {
    return Loader(name).run(text);
}

const RuleSet& builtin_rules(Family family) {
    static std::once_flag once;
    static RuleSet linux_rules;
    static RuleSet zephyr_rules;
    std::call_once(once, [] {
        linux_rules = load_builtin("kconfig/linux.yaml");
        zephyr_rules = load_builtin("kconfig/zephyr.yaml");
    });
    return family == Family::zephyr ? zephyr_rules : linux_rules;
}

}  // namespace iotconform::kconfig
