// Running one kernel hardening check: inputs read and parsed, overrides applied, rules
// gathered, results judged and suppressions recorded.
#include "kconfig/session.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
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

template <typename Load>
void take_diagnostics(Load& load, Session& session) {
    session.diagnostics.insert(session.diagnostics.end(), load.diagnostics.begin(),
                               load.diagnostics.end());
}

void read_inputs(const Request& request, Session& session) {
    if (!request.config.empty()) {
        if (const std::optional<std::string> bytes =
                read(request.config, util::k_max_kernel_image_bytes, session)) {
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
                "KC008", {}, fmt::format("'{}' is not a kernel version", request.kernel_version),
                "write it as 6.1 or 6.1.90", {}));
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

void record_suppressions(const Request& request, Session& session) {
    std::vector<Suppression> all = request.suppressions;
    if (!request.suppression_file.empty()) {
        if (const std::optional<std::string> text =
                read(request.suppression_file, util::k_max_rule_file_bytes, session)) {
            const std::vector<Suppression> listed =
                load_suppressions(*text, request.suppression_file, session.diagnostics);
            all.insert(all.end(), listed.begin(), listed.end());
        }
    }
    std::vector<const Rule*> known = session.rules;
    for (const Rule& rule : builtin_rules(session.report.target.family).rules) {
        known.push_back(&rule);
    }
    for (const std::string& id : apply_suppressions(session.report.results, all, known)) {
        session.diagnostics.push_back(
            dg::make("KC011", {}, fmt::format("suppression of '{}', which is no rule", id),
                     "check the id against the table of `iotconform kconfig`", {}));
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
    return session;
}

std::optional<Suppression> parse_suppression(std::string_view text) {
    const std::size_t equals = text.find('=');
    if (equals == std::string_view::npos) {
        return std::nullopt;
    }
    Suppression suppression{std::string(util::trim(text.substr(0, equals))),
                            std::string(util::trim(text.substr(equals + 1)))};
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
    for (const YAML::Node& item : root) {
        const bool ok = item.IsMap() && item["rule"] && item["rule"].IsScalar() && item["reason"] &&
                        item["reason"].IsScalar() && !util::trim(item["reason"].Scalar()).empty();
        if (!ok) {
            diagnostics.push_back(dg::make("KC011", {},
                                           "a suppression needs 'rule' and a non-empty 'reason'",
                                           "write - {rule: ID, reason: why}",
                                           {name, static_cast<int>(item.Mark().line) + 1, 0}));
            continue;
        }
        list.push_back({item["rule"].Scalar(), item["reason"].Scalar()});
    }
    return list;
}

}  // namespace iotconform::kconfig
