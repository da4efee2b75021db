// Running one kernel hardening check: inputs read and parsed, overrides applied, rules
// gathered, results judged and suppressions recorded.
#include "kconfig/session.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "standard/catalog.hpp"
#include "util/fs.hpp"
#include "util/limits.hpp"
#include "util/text.hpp"

namespace iotconform::kconfig {

namespace dg = diagnostics;

namespace {

// Reads a file, or records why it cannot be read and returns nullopt.
std::optional<std::string> read(const std::string& path, std::uintmax_t limit, Session& session) {
    util::ReadResult read = util::read_text_file(path, limit);
    if (!read.content) {
        session.diagnostics.push_back(
            dg::make("KC009", {}, read.error, "check the path and permissions", {path, 0, 0}));
    }
    return std::move(read.content);
}

// Reads a configuration. A text file larger than a .config may be is refused from its
// size and first bytes, before it is read: only gzip files and binary images may be
// larger, up to the image limit.
std::optional<std::string> read_config_file(const std::string& path, Session& session) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);  // regular files only
    if (!ec && size > util::k_max_kernel_config_bytes) {
        std::array<char, 65536> head{};
        std::ifstream stream(path, std::ios::binary);
        stream.read(head.data(), head.size());
        const std::string_view first(head.data(), static_cast<std::size_t>(stream.gcount()));
        if (stream.gcount() > 0 && sniff(first) == InputKind::text) {
            session.diagnostics.push_back(
                dg::make("KC001", {},
                         fmt::format("{} bytes, more than the {} bytes a text .config may have",
                                     size, util::k_max_kernel_config_bytes),
                         "check the path: a .config is far smaller, and a kernel image is binary",
                         {path, 0, 0}));
            return std::nullopt;
        }
    }
    return read(path, util::k_max_kernel_image_bytes, session);
}

template <typename Load>
void take_diagnostics(Load& load, Session& session) {
    session.diagnostics.insert(session.diagnostics.end(), load.diagnostics.begin(),
                               load.diagnostics.end());
}

void read_inputs(const Request& request, Session& session) {
    if (!request.config.empty()) {
        if (const std::optional<std::string> bytes = read_config_file(request.config, session)) {
            ConfigLoad load = read_config(*bytes, request.config);
            take_diagnostics(load, session);
            session.config = std::move(load.config);
        }
    }
    const auto parameters = [&](const std::string& path, std::uintmax_t limit, auto parse,
                                std::optional<ParameterMap>& into) {
        if (path.empty()) {
            return;
        }
        if (const std::optional<std::string> bytes = read(path, limit, session)) {
            ParameterLoad load = parse(*bytes, path);
            take_diagnostics(load, session);
            into = std::move(load.parameters);
        }
    };
    parameters(request.cmdline, util::k_max_cmdline_bytes, parse_cmdline, session.cmdline);
    parameters(request.sysctl, util::k_max_sysctl_bytes, parse_sysctl, session.sysctl);
}

// Family, architecture and release: detected, then the user's overrides.
void describe_target(const Request& request, Session& session) {
    Target& target = session.report.target;
    target.config = session.config ? &*session.config : nullptr;
    target.cmdline = session.cmdline ? &*session.cmdline : nullptr;
    target.sysctl = session.sysctl ? &*session.sysctl : nullptr;
    if (session.config) {
        target.family = session.config->family;
        target.arch = session.config->arch;
        target.version = session.config->version;
        session.report.origin = session.config->origin;
    }
    if (target.family == Family::unknown) {
        // A command line and sysctls are Linux's; a bare .config without a header is
        // judged as Linux too, and the user is told.
        target.family = Family::linux_kernel;
        if (session.config) {
            session.diagnostics.push_back(dg::make(
                "KC008", {}, "neither a Linux header nor Zephyr options found; judged as Linux",
                "check the file is the build's .config", {request.config, 0, 0}));
        }
    }
    if (!request.arch.empty()) {
        target.arch = canonical_arch(request.arch);
        if (target.arch.empty()) {
            session.diagnostics.push_back(
                dg::make("KC008", {}, fmt::format("unknown architecture '{}'", request.arch),
                         "use x86_64, x86_32, arm64, arm, riscv, xtensa or arc", {}));
            session.diagnostics.back().severity = dg::Severity::error;
        }
    }
    if (!request.kernel_version.empty()) {
        target.version = parse_version(request.kernel_version);
        if (!target.version) {
            session.diagnostics.push_back(dg::make(
                "KC008", {},
                fmt::format("--kernel-version '{}' is not a kernel version",
                            request.kernel_version),
                "write MAJOR.MINOR[.PATCH] as uname -r prints it (6.1, 6.1.90, 6.1.0-57-amd64)",
                {}));
            session.diagnostics.back().severity = dg::Severity::error;
        }
    }
}

void load_user_rules(const Request& request, Session& session) {
    for (const std::string& path : request.rule_files) {
        if (const std::optional<std::string> text =
                read(path, util::k_max_rule_file_bytes, session)) {
            RuleLoad load = load_rules(*text, path);
            take_diagnostics(load, session);
            if (load.rules) {
                session.user_rules.push_back(std::move(*load.rules));
            }
        }
    }
}

// Built-in rules first, then each user file's, for this family and profile. An id used
// twice across files is an error: suppressions and reports refer to rules by id.
void gather_rules(const Request& request, Session& session) {
    const Family family = session.report.target.family;
    std::set<std::string> ids;
    const auto take = [&](const RuleSet& set) {
        if (set.family != family) {
            return;
        }
        for (const Rule& rule : set.rules) {
            if (!ids.insert(rule.id).second) {
                session.diagnostics.push_back(
                    dg::make("KC010", {}, fmt::format("rule id '{}' is defined twice", rule.id),
                             "give your rule another id", {rule.file, rule.line, 0}));
            }
            if (request.all_profiles || request.profile == Profile::strict ||
                rule.profile == Profile::baseline) {
                session.rules.push_back(&rule);
            }
        }
    };
    take(builtin_rules(family));
    for (const RuleSet& set : session.user_rules) {
        take(set);
    }
}

// `list` with the second and later suppressions of a rule left out, each reported: two
// reasons for one rule would leave a reader guessing which one holds.
std::vector<Suppression> without_repeats(std::vector<Suppression> list,
                                         std::vector<dg::Diagnostic>& diagnostics) {
    std::map<std::string, const Suppression*> first;
    std::vector<Suppression> kept;
    for (const Suppression& suppression : list) {
        const auto [found, inserted] = first.try_emplace(suppression.rule, &suppression);
        if (inserted) {
            continue;
        }
        const dg::SourcePosition& before = found->second->position;
        diagnostics.push_back(
            dg::make("KC011", {},
                     fmt::format("{} is suppressed again (first {})", suppression.rule,
                                 before.file.empty() ? std::string("with --suppress")
                                 : before.file == suppression.position.file
                                     ? fmt::format("on line {}", before.line)
                                     : "at " + before.to_string()),
                     "keep one suppression per rule, with one reason", suppression.position));
    }
    for (const Suppression& suppression : list) {
        if (first.at(suppression.rule) == &suppression) {
            kept.push_back(suppression);
        }
    }
    return kept;
}

std::string_view family_name(Family family) {
    return family == Family::zephyr ? "Zephyr" : "Linux";
}

// A suppression of an id that is no rule here: a note when it is a rule of the other
// family (one suppression list may serve both kinds of product), an error otherwise.
void report_unknown_rule(const std::string& id, const std::vector<const Rule*>& known,
                         Session& session) {
    const Family family = session.report.target.family;
    const Family other = family == Family::zephyr ? Family::linux_kernel : Family::zephyr;
    const auto named = [&](const RuleSet& set) {
        return set.family == other && std::any_of(set.rules.begin(), set.rules.end(),
                                                  [&](const Rule& rule) { return rule.id == id; });
    };
    if (named(builtin_rules(other)) ||
        std::any_of(session.user_rules.begin(), session.user_rules.end(), named)) {
        session.diagnostics.push_back(
            dg::make("KC011", {},
                     fmt::format("{} is a rule for {}, not for this {} configuration; its "
                                 "suppression has no effect here",
                                 id, family_name(other), family_name(family)),
                     "nothing to do if the list serves both kinds of product", {}));
        session.diagnostics.back().severity = dg::Severity::note;
        return;
    }
    std::vector<std::string> ids;
    for (const Rule* rule : known) {
        ids.push_back(rule->id);
    }
    const std::vector<std::string> near = util::nearest(id, ids, 1);
    session.diagnostics.push_back(
        dg::make("KC011", {}, fmt::format("suppression of '{}', which is no rule", id),
                 near.empty() ? "check the id against the table of `iotconform kconfig`"
                              : fmt::format("did you mean '{}'?", near.front()),
                 {}));
}

void record_suppressions(const Request& request, Session& session) {
    std::vector<Suppression> all = request.suppressions;
    // Reasons are printed on terminals: an escape sequence could rewrite what is shown.
    for (std::size_t i = 0; i < request.suppressions.size(); ++i) {
        const Suppression& given = request.suppressions[i];
        if (util::find_control_character(given.rule + given.reason)) {
            session.diagnostics.push_back(dg::make(
                "KC011", {}, fmt::format("--suppress number {} holds a control character", i + 1),
                "write the rule id and the reason as plain text", {}));
        }
    }
    if (!request.suppression_file.empty()) {
        if (const std::optional<std::string> text =
                read(request.suppression_file, util::k_max_rule_file_bytes, session)) {
            const std::vector<Suppression> listed =
                load_suppressions(*text, request.suppression_file, session.diagnostics);
            all.insert(all.end(), listed.begin(), listed.end());
        }
    }
    all = without_repeats(std::move(all), session.diagnostics);
    std::vector<const Rule*> known = session.rules;
    for (const Rule& rule : builtin_rules(session.report.target.family).rules) {
        known.push_back(&rule);
    }
    for (const std::string& id : apply_suppressions(session.report.results, all, known)) {
        report_unknown_rule(id, known, session);
    }
    session.report.suppressions = std::move(all);
}

}  // namespace

std::unique_ptr<Session> run(const Request& request) {
    auto session = std::make_unique<Session>();
    session->report.config_path = request.config;
    session->report.cmdline_path = request.cmdline;
    session->report.sysctl_path = request.sysctl;
    session->report.profile = request.profile;
    session->report.standard_id =
        request.standard_id.empty() ? standard::default_standard().id() : request.standard_id;
    read_inputs(request, *session);
    load_user_rules(request, *session);
    if (dg::has_errors(session->diagnostics)) {
        return session;
    }
    describe_target(request, *session);
    gather_rules(request, *session);
    session->report.results = check(session->rules, session->report.target);
    record_suppressions(request, *session);
    if (dg::has_errors(session->diagnostics)) {
        session->report.results.clear();
    }
    session->report.diagnostics = session->diagnostics;
    return session;
}

std::optional<Suppression> parse_suppression(std::string_view text) {
    const std::size_t equals = text.find('=');
    if (equals == std::string_view::npos) {
        return std::nullopt;
    }
    Suppression suppression{std::string(util::trim(text.substr(0, equals))),
                            std::string(util::trim(text.substr(equals + 1))),
                            {}};
    if (suppression.rule.empty() || suppression.reason.empty()) {
        return std::nullopt;
    }
    return suppression;
}

std::vector<Suppression> load_suppressions(std::string_view text, const std::string& name,
                                           std::vector<dg::Diagnostic>& diagnostics) {
    std::vector<Suppression> list;
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& failure) {
        diagnostics.push_back(dg::make("KC011", {}, "not valid YAML: " + failure.msg,
                                       "fix the syntax",
                                       {name, failure.mark.line + 1, failure.mark.column + 1}));
        return list;
    }
    if (!root.IsSequence()) {
        diagnostics.push_back(dg::make("KC011", {}, "a suppression file is a list",
                                       "write - {rule: ID, reason: why}", {name, 0, 0}));
        return list;
    }
    const auto at = [&](const YAML::Node& node) {
        return dg::SourcePosition{name, static_cast<int>(node.Mark().line) + 1,
                                  static_cast<int>(node.Mark().column) + 1};
    };
    const std::size_t errors_before = diagnostics.size();
    const auto error = [&](const YAML::Node& node, std::string message, std::string hint) {
        diagnostics.push_back(dg::make("KC011", {}, std::move(message), std::move(hint), at(node)));
    };
    for (const YAML::Node& item : root) {
        if (diagnostics.size() - errors_before >= util::k_max_errors_per_file) {
            error(item, fmt::format("stopped after {} errors", util::k_max_errors_per_file),
                  "fix these and run again");
            break;
        }
        const bool ok = item.IsMap() && item["rule"] && item["rule"].IsScalar() && item["reason"] &&
                        item["reason"].IsScalar() && !util::trim(item["reason"].Scalar()).empty();
        if (!ok) {
            error(item, "a suppression needs 'rule' and a non-empty 'reason'",
                  "write - {rule: ID, reason: why}");
            continue;
        }
        bool valid = true;
        for (const auto& entry : item) {
            const std::string key = entry.first.Scalar();
            if (key != "rule" && key != "reason") {
                const std::vector<std::string> near = util::nearest(key, {"rule", "reason"}, 1);
                error(entry.first, fmt::format("unknown key '{}' in a suppression", key),
                      near.empty() ? "a suppression has only 'rule' and 'reason'"
                                   : fmt::format("did you mean '{}'?", near.front()));
                valid = false;
            } else if (util::find_control_character(entry.second.Scalar())) {
                // Reasons are printed on terminals: an escape sequence could rewrite them.
                error(entry.second, fmt::format("the {} holds a control character", key),
                      "write it as plain text, without escapes such as \\e or \\a");
                valid = false;
            }
        }
        if (valid) {
            list.push_back({item["rule"].Scalar(), item["reason"].Scalar(), at(item)});
        }
    }
    return without_repeats(std::move(list), diagnostics);
}

}  // namespace iotconform::kconfig
