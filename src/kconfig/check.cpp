// The rule evaluator: applicability first, then the main expectation, its alternatives
// and its requirements. A rule passes when (main or any alternative) and every
// requirement hold.
#include "kconfig/check.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "util/text.hpp"

namespace iotconform::kconfig {

std::string_view to_string(Outcome outcome) {
    switch (outcome) {
        case Outcome::pass:
            return "pass";
        case Outcome::fail:
            return "FAIL";
        case Outcome::not_set:
            return "not set";
        case Outcome::not_found:
            return "not found";
        case Outcome::not_applicable:
            break;
    }
    return "not applicable";
}

bool is_failure(Outcome outcome) {
    return outcome == Outcome::fail || outcome == Outcome::not_set || outcome == Outcome::not_found;
}

namespace {

// A setting as found in one input.
struct Lookup {
    bool found = false;
    bool not_set = false;  // Kconfig "# ... is not set"
    std::string value;
    int line = 0;
};

Lookup lookup(Input input, const std::string& option, const Target& target) {
    Lookup result;
    if (input == Input::kconfig) {
        const Setting* setting = target.config != nullptr ? target.config->find(option) : nullptr;
        if (setting != nullptr) {
            result = {true, setting->not_set, setting->value, setting->line};
        }
        return result;
    }
    const ParameterMap* map = input == Input::cmdline ? target.cmdline : target.sysctl;
    if (map != nullptr) {
        const auto found = map->find(option);
        if (found != map->end()) {
            result = {true, false, found->second.value, found->second.line};
        }
    }
    return result;
}

// The kernel's reading of a boolean parameter (kstrtobool): 1/y/yes/on and 0/n/no/off.
std::string boolean_of(std::string_view value) {
    const std::string lower = util::to_lower(value);
    if (lower == "1" || lower == "y" || lower == "yes" || lower == "on") {
        return "1";
    }
    if (lower == "0" || lower == "n" || lower == "no" || lower == "off") {
        return "0";
    }
    return lower;
}

// The value an equals_option expectation wants, or nullopt when that option is absent.
std::optional<std::string> referenced_value(const Expectation& expect, const Target& target) {
    const Lookup reference = lookup(Input::kconfig, expect.values.front(), target);
    if (!reference.found || reference.not_set) {
        return std::nullopt;
    }
    return reference.value;
}

std::vector<std::string> enabled_among(const Expectation& expect, const Target& target) {
    std::vector<std::string> enabled;
    for (const std::string& option : expect.values) {
        const Lookup found = lookup(Input::kconfig, option, target);
        if (found.found && !found.not_set && (found.value == "y" || found.value == "m")) {
            enabled.push_back(option);
        }
    }
    return enabled;
}

bool value_matches(const Expectation& expect, const Lookup& found, const Target& target) {
    const bool has_value = found.found && !found.not_set;
    switch (expect.kind) {
        case Expectation::Kind::not_set:
            return !has_value;
        case Expectation::Kind::present:
            return found.found;
        case Expectation::Kind::not_off:
            return has_value && boolean_of(found.value) != "0";
        case Expectation::Kind::none_enabled:
            return enabled_among(expect, target).empty();
        default:
            break;
    }
    if (!has_value) {
        return false;
    }
    const auto same = [&](const std::string& wanted) {
        return expect.boolean ? boolean_of(found.value) == boolean_of(wanted)
                              : found.value == wanted;
    };
    switch (expect.kind) {
        case Expectation::Kind::equals:
            return same(expect.values.front());
        case Expectation::Kind::one_of:
            return std::any_of(expect.values.begin(), expect.values.end(), same);
        case Expectation::Kind::contains: {
            const std::vector<std::string> items = util::split(found.value, ',');
            return std::find(items.begin(), items.end(), expect.values.front()) != items.end();
        }
        case Expectation::Kind::range: {
            const std::optional<long long> number = parse_integer(found.value);
            return number && *number >= expect.minimum && *number <= expect.maximum;
        }
        case Expectation::Kind::equals_option: {
            const std::optional<std::string> wanted = referenced_value(expect, target);
            return wanted && found.value == *wanted;
        }
        default:
            return false;
    }
}

bool holds(const Test& test, const Target& target) {
    switch (test.kind) {
        case Test::Kind::version:
            return target.version && *target.version >= test.version;
        case Test::Kind::all:
            return std::all_of(test.children.begin(), test.children.end(),
                               [&](const Test& child) { return holds(child, target); });
        case Test::Kind::any:
            return std::any_of(test.children.begin(), test.children.end(),
                               [&](const Test& child) { return holds(child, target); });
        case Test::Kind::setting:
            break;
    }
    return value_matches(test.expect, lookup(test.input, test.option, target), target);
}

// "CONFIG_X is y", "release >= 5.10", "any of (...)": a test in a person's words.
std::string describe(const Test& test) {
    std::vector<std::string> parts;
    switch (test.kind) {
        case Test::Kind::version:
            return "kernel release >= " + test.version.to_string();
        case Test::Kind::all:
        case Test::Kind::any:
            for (const Test& child : test.children) {
                parts.push_back(describe(child));
            }
            return fmt::format("{} of ({})", test.kind == Test::Kind::all ? "all" : "any",
                               util::join(parts, "; "));
        case Test::Kind::setting:
            break;
    }
    return fmt::format("{} {}", test.option, test.expect.to_string());
}

std::string shown_value(const Lookup& found) {
    if (!found.found) {
        return "not found";
    }
    return found.not_set ? "is not set" : (found.value.empty() ? "(present)" : found.value);
}

// Why a rule does not apply to this target, or empty when it does.
std::string inapplicable_because(const Rule& rule, const Target& target) {
    const Applicability& when = rule.when;
    if (!when.arch.empty()) {
        if (target.arch.empty()) {
            return "architecture unknown; give --arch";
        }
        if (std::find(when.arch.begin(), when.arch.end(), target.arch) == when.arch.end()) {
            return fmt::format("only for {}", util::join(when.arch, ", "));
        }
    }
    if (when.min_version || when.below_version) {
        if (!target.version) {
            return "kernel release unknown; give --kernel-version";
        }
        if (when.min_version && *target.version < *when.min_version) {
            return "only from release " + when.min_version->to_string();
        }
        if (when.below_version && *target.version >= *when.below_version) {
            return "only before release " + when.below_version->to_string();
        }
    }
    for (const Test& test : when.all) {
        if (!holds(test, target)) {
            return "depends on " + describe(test);
        }
    }
    if (!when.any.empty() && std::none_of(when.any.begin(), when.any.end(),
                                          [&](const Test& t) { return holds(t, target); })) {
        return "depends on any of " + describe(Test{Test::Kind::any, {}, {}, {}, {}, when.any});
    }
    if (rule.expect.kind == Expectation::Kind::equals_option &&
        !referenced_value(rule.expect, target)) {
        return rule.expect.values.front() + " is not in the configuration";
    }
    return {};
}

bool input_given(Input input, const Target& target) {
    switch (input) {
        case Input::cmdline:
            return target.cmdline != nullptr;
        case Input::sysctl:
            return target.sysctl != nullptr;
        case Input::kconfig:
            break;
    }
    return target.config != nullptr;
}

Result evaluate(const Rule& rule, const Target& target) {
    Result result;
    result.rule = &rule;
    const Lookup found = lookup(rule.input, rule.option, target);
    result.line = found.line;
    result.expected = rule.expect.to_string();
    if (rule.expect.kind == Expectation::Kind::equals_option) {
        result.expected = referenced_value(rule.expect, target).value_or(result.expected);
    }
    result.actual = shown_value(found);
    if (rule.expect.kind == Expectation::Kind::none_enabled) {
        const std::vector<std::string> enabled = enabled_among(rule.expect, target);
        result.actual = enabled.empty() ? "none" : util::join(enabled, ", ");
    }
    result.note = inapplicable_because(rule, target);
    if (!result.note.empty()) {
        return result;
    }
    const bool main = value_matches(rule.expect, found, target);
    const auto alternative = std::find_if(rule.alternatives.begin(), rule.alternatives.end(),
                                          [&](const Test& t) { return holds(t, target); });
    const auto missing = std::find_if(rule.requirements.begin(), rule.requirements.end(),
                                      [&](const Test& t) { return !holds(t, target); });
    if (missing != rule.requirements.end()) {
        result.outcome = Outcome::fail;
        result.note = "requires " + describe(*missing);
    } else if (main) {
        result.outcome = Outcome::pass;
    } else if (alternative != rule.alternatives.end()) {
        result.outcome = Outcome::pass;
        result.note = "satisfied by " + describe(*alternative);
    } else {
        result.outcome = !found.found    ? Outcome::not_found
                         : found.not_set ? Outcome::not_set
                                         : Outcome::fail;
        if (result.outcome == Outcome::fail && rule.expect.kind == Expectation::Kind::range &&
            !parse_integer(found.value)) {
            result.note = "the value is not an integer";
        }
    }
    return result;
}

}  // namespace

std::vector<Result> check(const std::vector<const Rule*>& rules, const Target& target) {
    std::vector<Result> results;
    results.reserve(rules.size());
    for (const Rule* rule : rules) {
        if (input_given(rule->input, target)) {
            results.push_back(evaluate(*rule, target));
        }
    }
    return results;
}

std::vector<std::string> apply_suppressions(std::vector<Result>& results,
                                            const std::vector<Suppression>& suppressions,
                                            const std::vector<const Rule*>& known) {
    std::vector<std::string> unknown;
    for (const Suppression& suppression : suppressions) {
        const bool exists = std::any_of(known.begin(), known.end(), [&](const Rule* rule) {
            return rule->id == suppression.rule;
        });
        if (!exists) {
            unknown.push_back(suppression.rule);
        }
        for (Result& result : results) {
            if (result.rule->id == suppression.rule) {
                result.suppressed = suppression.reason;
            }
        }
    }
    return unknown;
}

}  // namespace iotconform::kconfig
