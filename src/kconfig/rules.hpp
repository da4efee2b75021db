// Hardening rules as data (data/kconfig/*.yaml, and users' --rules files): what one
// kernel option, command-line parameter or sysctl should be, when the rule applies, why,
// who recommends it, and the provisions of EN 303 645 it bears on.
// The format is described in docs/kconfig-rules.md.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "kconfig/config.hpp"

namespace iotconform::kconfig {

// Where a setting lives.
enum class Input { kconfig, cmdline, sysctl };

std::string_view to_string(Input input);

// baseline: expected of every product; strict: defence in depth, often with a cost.
enum class Profile { baseline, strict };

std::string_view to_string(Profile profile);

// What a setting must look like.
struct Expectation {
    enum class Kind {
        equals,         // values[0]
        one_of,         // any of values
        range,          // integer within [minimum, maximum]
        contains,       // values[0] is an element of the comma-separated value
        not_set,        // absent, or "# ... is not set"
        present,        // given, with any value (a bare command-line flag included)
        not_off,        // given and not "off"
        equals_option,  // the value of the Kconfig option named in values[0] (a _MAX)
        none_enabled,   // none of the Kconfig options in values is y or m
    };
    Kind kind = Kind::equals;
    std::vector<std::string> values;
    long long minimum = 0;
    long long maximum = 0;
    bool boolean = false;  // command-line boolean: on/yes/y/1 and off/no/n/0 are the same

    // How the rule file wrote it, for tables: "y", "is not set", "*landlock*", "16..32".
    std::string to_string() const;
};

// One test inside a rule: a setting, the kernel release, or any/all of other tests.
struct Test {
    enum class Kind { setting, version, all, any };
    Kind kind = Kind::setting;
    Input input = Input::kconfig;
    std::string option;
    Expectation expect;
    Version version;  // Kind::version: the release is at least this
    std::vector<Test> children;
};

// When a rule applies at all; otherwise its result is "not applicable here".
struct Applicability {
    std::vector<std::string> arch;         // empty: every architecture
    std::optional<Version> min_version;    // inclusive
    std::optional<Version> below_version;  // exclusive
    std::vector<Test> all;                 // every one must hold (a dependency)
    std::vector<Test> any;                 // at least one must hold, when given
};

struct Rule {
    std::string id;
    Input input = Input::kconfig;
    std::string option;
    Expectation expect;
    std::vector<Test> requirements;  // must hold as well, or the rule fails
    std::vector<Test> alternatives;  // any one of them also satisfies the rule
    Applicability when;
    std::string reason;
    std::vector<std::string> references;
    std::string decision;  // who recommends it: kspp, defconfig, zephyr, ...
    Profile profile = Profile::baseline;
    // Provisions per edition id; the key "" holds those valid in every edition.
    std::map<std::string, std::vector<std::string>> provisions;
    std::string remediation;
    std::string file;
    int line = 0;

    // The provisions this rule names in the edition `standard_id`.
    std::vector<std::string> provisions_for(std::string_view standard_id) const;
};

struct RuleSet {
    Family family = Family::unknown;
    std::vector<Rule> rules;
};

struct RuleLoad {
    std::optional<RuleSet> rules;  // set unless an error was found
    std::vector<diagnostics::Diagnostic> diagnostics;
};

// A Kconfig or rule integer, decimal (optionally negative) or 0x hexadecimal; nullopt
// for anything else, including trailing text.
std::optional<long long> parse_integer(std::string_view text);

// Parses a rule file. Checks every key, every expectation and test, that ids are unique,
// that each provision exists in the editions it is given for, and that references name
// known sources or are URLs. `name` labels diagnostics.
[[nodiscard]] RuleLoad load_rules(std::string_view text, const std::string& name);

// The built-in rules for a family (data/kconfig/<family>.yaml, compiled in). Throws
// standard::DataError when the built-in data is broken (a test catches that first).
const RuleSet& builtin_rules(Family family);

}  // namespace iotconform::kconfig
