// The services check: what a device starts at boot, judged against the services table.
#include "firmware/services_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "firmware/service_configs.hpp"
#include "firmware/session.hpp"
#include "standard/catalog.hpp"
#include "util/limits.hpp"
#include "util/text.hpp"

namespace iotconform::firmware {

namespace {

using diagnostics::Severity;
using Names = std::set<std::string, std::less<>>;

struct ServiceInfo {
    std::string rule;
    std::string protocol;
};

// data/firmware/services.yaml, loaded once.
struct ServiceData {
    RuleTable rules{{}};
    std::map<std::string, ServiceInfo, std::less<>> programs;
    std::map<std::string, std::string, std::less<>> protocol_rules;
    std::map<std::string, std::string, std::less<>> inetd_services;
    std::map<std::string, std::string, std::less<>> stream_ports;
    std::map<std::string, std::string, std::less<>> datagram_ports;
    std::map<std::string, std::string, std::less<>> busybox_options;
    Names debug_servers;
    Names shells;
    Names gettys;
    std::vector<std::string> serial_ttys;
    Names program_dirs;
};

Names name_set(const YAML::Node& list) {
    const std::vector<std::string> names = yaml_strings(list);
    return {names.begin(), names.end()};
}

ServiceData load_service_data() {
    const YAML::Node root = embedded_yaml("firmware/services.yaml");
    ServiceData data;
    data.rules = load_rule_table(root["rules"], "data/firmware/services.yaml");
    for (const YAML::Node& group : root["services"]) {
        const ServiceInfo info{group["rule"].as<std::string>(),
                               group["protocol"].as<std::string>()};
        data.rules.rule(info.rule);  // throws for a rule the table lacks
        data.protocol_rules[info.protocol] = info.rule;
        for (const YAML::Node& program : group["programs"]) {
            data.programs[program.as<std::string>()] = info;
        }
    }
    data.inetd_services = yaml_string_map(root["inetd_services"]);
    data.stream_ports = yaml_string_map(root["stream_ports"]);
    data.datagram_ports = yaml_string_map(root["datagram_ports"]);
    data.busybox_options = yaml_string_map(root["busybox_options"]);
    data.debug_servers = name_set(root["debug_servers"]);
    data.shells = name_set(root["shells"]);
    data.gettys = name_set(root["gettys"]);
    data.serial_ttys = yaml_strings(root["serial_ttys"]);
    data.program_dirs = name_set(root["program_dirs"]);
    return data;
}

const ServiceData& data() {
    static const ServiceData loaded =
        load_data_table("data/firmware/services.yaml", load_service_data);
    return loaded;
}

// Where a command runs and how it was found, for messages and severity.
struct Context {
    std::string location;  // "etc/inittab:7"
    std::string source;    // "etc/inittab", "init script etc/init.d/S50telnet", ...
    std::string tty;       // the terminal it runs on, "" when none
    bool on_console = false;
};

// A finding when what starts it is active, and the milder one when it is not.
struct Outcome {
    judge::Finding active;
    std::optional<judge::Finding> inactive;
};

std::string program_of(const std::vector<std::string>& words) {
    std::string_view program = words.empty() ? std::string_view() : base_name(words.front());
    if (program.starts_with('-')) {
        program.remove_prefix(1);  // "-/bin/sh": a login shell
    }
    return std::string(program);
}

// The words from the real program on: tcpd and busybox run the program named after them.
std::vector<std::string> unwrap(std::vector<std::string> words) {
    while (words.size() > 1 && (program_of(words) == "tcpd" || program_of(words) == "busybox")) {
        words.erase(words.begin());
    }
    return words;
}

// The value of option `short_name`/`long_name` ("-l X", "--login-program=X"), if given.
std::optional<std::string> option_value(const std::vector<std::string>& words,
                                        std::string_view short_name, std::string_view long_name) {
    for (std::size_t i = 1; i < words.size(); ++i) {
        const std::string& word = words[i];
        if ((word == short_name || word == long_name) && i + 1 < words.size()) {
            return words[i + 1];
        }
        if (!long_name.empty() && word.starts_with(std::string(long_name) + "=")) {
            return word.substr(long_name.size() + 1);
        }
    }
    return std::nullopt;
}

bool is_shell(std::string_view path) {
    std::string_view name = base_name(path);
    if (name.starts_with('-')) {
        name.remove_prefix(1);
    }
    return data().shells.contains(name);
}

// A shell with no script to run and no -c: it reads commands from its terminal.
bool is_interactive_shell(const std::vector<std::string>& words) {
    if (words.empty() || !is_shell(words.front())) {
        return false;
    }
    return std::none_of(words.begin() + 1, words.end(), [](const std::string& word) {
        return word == "-c" || !word.starts_with('-');
    });
}

// How a getty or login logs in without asking, or nullopt.
std::optional<std::string> autologin(const std::vector<std::string>& words) {
    const std::string program = program_of(words);
    if (program == "login") {
        if (const auto user = option_value(words, "-f", "")) {
            return fmt::format("login -f {}", *user);
        }
        return std::nullopt;
    }
    if (!data().gettys.contains(program)) {
        return std::nullopt;
    }
    if (const auto user = option_value(words, "-a", "--autologin")) {
        return fmt::format("automatic login as {}", *user);
    }
    if (const auto login = option_value(words, "-l", "--login-program");
        login && is_shell(*login)) {
        return fmt::format("{} in place of login", *login);
    }
    return std::nullopt;
}

bool looks_like_tty(std::string_view word) {
    if (word.starts_with("/dev/")) {
        word.remove_prefix(5);
    }
    return word.starts_with("tty") || word == "console" || word.starts_with("hvc");
}

// The terminal a getty names among its arguments, or `fallback`.
std::string getty_tty(const std::vector<std::string>& words, const std::string& fallback) {
    for (std::size_t i = 1; i < words.size(); ++i) {
        if (looks_like_tty(words[i])) {
            return words[i];
        }
    }
    return fallback;
}

bool is_serial(std::string_view tty) {
    if (tty.starts_with("/dev/")) {
        tty.remove_prefix(5);
    }
    return std::any_of(data().serial_ttys.begin(), data().serial_ttys.end(),
                       [&](const std::string& prefix) { return tty.starts_with(prefix); });
}

std::string tty_words(const std::string& tty) {
    if (tty.empty()) {
        return "a terminal";
    }
    return fmt::format("{} ({})", tty, is_serial(tty) ? "a serial console" : "a local terminal");
}

class Judge {
  public:
    explicit Judge(std::string standard_id) : m_standard_id(std::move(standard_id)) {}

    judge::Finding finding(std::string_view rule, std::string message,
                           const std::string& location) const {
        return data().rules.finding(rule, m_standard_id, std::move(message), location);
    }
    judge::Finding finding(std::string_view rule, Severity severity, std::string message,
                           const std::string& location) const {
        return data().rules.finding(rule, m_standard_id, severity, std::move(message), location);
    }

    // Every finding the command `words` gives when run as `context` says.
    std::vector<Outcome> command(std::vector<std::string> words, const Context& context,
                                 Names& mentioned) const {
        words = unwrap(std::move(words));
        std::vector<Outcome> out;
        const std::string program = program_of(words);
        if (program.empty()) {
            return out;
        }
        if (const auto service = data().programs.find(program); service != data().programs.end()) {
            mentioned.insert(program);
            network_service(words, program, service->second, context, out);
        } else if (data().debug_servers.contains(program)) {
            mentioned.insert(program);
            out.push_back(
                {finding("FW-DEBUG-003",
                         fmt::format("debug server {} is started from {}", program, context.source),
                         context.location),
                 finding("FW-DEBUG-004",
                         fmt::format("debug server {} is set up in {} but not started", program,
                                     context.source),
                         context.location)});
        } else if (context.on_console) {
            console(words, context, out);
        }
        return out;
    }

    // A socket unit's listening address, judged by its port.
    std::optional<Outcome> listen(const SocketListen& listen, const Context& context) const {
        const std::size_t colon = listen.address.rfind(':');
        const std::string port =
            colon == std::string::npos ? listen.address : listen.address.substr(colon + 1);
        const auto& ports = listen.datagram ? data().datagram_ports : data().stream_ports;
        const auto protocol = ports.find(port);
        if (protocol == ports.end()) {
            return std::nullopt;
        }
        const std::string& rule = data().protocol_rules.at(protocol->second);
        return Outcome{finding(rule,
                               fmt::format("{} listens on the {} port {} ({})", context.source,
                                           protocol->second, port, listen.datagram ? "UDP" : "TCP"),
                               context.location),
                       finding("FW-SVC-010",
                               fmt::format("{} would listen on the {} port {} but is not enabled",
                                           context.source, protocol->second, port),
                               context.location)};
    }

  private:
    void network_service(const std::vector<std::string>& words, const std::string& program,
                         const ServiceInfo& service, const Context& context,
                         std::vector<Outcome>& out) const {
        out.push_back({finding(service.rule,
                               fmt::format("{} daemon {} is started from {}", service.protocol,
                                           program, context.source),
                               context.location),
                       finding("FW-SVC-010",
                               fmt::format("{} daemon {} is set up in {} but not started",
                                           service.protocol, program, context.source),
                               context.location)});
        const auto login = option_value(words, "-l", "");
        if (login && is_shell(*login)) {
            out.push_back({finding("FW-SVC-004",
                                   fmt::format("{} runs {} for every {} connection, without a "
                                               "login",
                                               program, *login, service.protocol),
                                   context.location),
                           std::nullopt});
        }
    }

    void console(const std::vector<std::string>& words, const Context& context,
                 std::vector<Outcome>& out) const {
        const std::string tty = getty_tty(words, context.tty);
        const Severity severity = is_serial(tty) ? Severity::error : Severity::warning;
        if (is_interactive_shell(words)) {
            out.push_back({finding("FW-DEBUG-001", severity,
                                   fmt::format("{} runs the shell {} on {} without a login",
                                               context.source, words.front(), tty_words(tty)),
                                   context.location),
                           finding("FW-DEBUG-005",
                                   fmt::format("{} would run the shell {} on {} without a login",
                                               context.source, words.front(), tty_words(tty)),
                                   context.location)});
        } else if (const auto how = autologin(words)) {
            out.push_back({finding("FW-DEBUG-002", severity,
                                   fmt::format("{} logs in on {} without a password: {}",
                                               context.source, tty_words(tty), *how),
                                   context.location),
                           finding("FW-DEBUG-005",
                                   fmt::format("{} would log in on {} without a password: {}",
                                               context.source, tty_words(tty), *how),
                                   context.location)});
        }
    }

    std::string m_standard_id;
};

bool is_program_path(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return slash != std::string_view::npos && data().program_dirs.contains(path.substr(0, slash));
}

bool is_rc_dir(std::string_view dir) {
    // etc/rc.d, etc/rcS.d, etc/rc0.d ... etc/rc6.d
    return dir == "etc/rc.d" ||
           (dir.size() == 9 && dir.starts_with("etc/rc") && dir.ends_with(".d"));
}

std::string_view parent_dir(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

bool is_script_path(std::string_view path) {
    return path.starts_with("etc/init.d/") || path.starts_with("etc/rc.d/init.d/") ||
           is_rc_dir(parent_dir(path)) || path == "etc/rc.local";
}

// "S50telnet" -> "telnet"; other names as they are.
std::string_view without_order_prefix(std::string_view name) {
    if (name.size() > 3 && (name[0] == 'S' || name[0] == 'K') && std::isdigit(name[1]) != 0 &&
        std::isdigit(name[2]) != 0) {
        return name.substr(3);
    }
    return name;
}

// Scripts an init system runs by their place or name alone.
bool script_runs_by_name(std::string_view path) {
    const std::string_view name = base_name(path);
    if (name == "rcS" || name == "rc.local" || name == "rc.sysinit") {
        return true;
    }
    const bool ordered_start = name.size() > 3 && name[0] == 'S' && std::isdigit(name[1]) != 0 &&
                               std::isdigit(name[2]) != 0;
    return ordered_start;  // rc?.d/S20x, and BusyBox rcS runs init.d/S??* itself
}

bool is_unit_path(std::string_view path) {
    return path.find("systemd/system/") != std::string_view::npos &&
           (path.ends_with(".service") || path.ends_with(".socket"));
}

// The unit a drop-in (".../name.service.d/x.conf") changes, or "".
std::string_view drop_in_unit(std::string_view path) {
    const std::string_view dir = parent_dir(path);
    if (path.find("systemd/system/") == std::string_view::npos || !path.ends_with(".conf") ||
        !dir.ends_with(".service.d")) {
        return {};
    }
    const std::string_view name = base_name(dir);
    return name.substr(0, name.size() - 2);
}

bool is_wants_link(std::string_view path) {
    const std::string_view dir = parent_dir(path);
    return path.find("systemd/system/") != std::string_view::npos &&
           (dir.ends_with(".wants") || dir.ends_with(".requires"));
}

// getty units that systemd's generator and logind start without an enabling link.
bool started_by_systemd(std::string_view unit) {
    return unit.starts_with("getty@") || unit.starts_with("serial-getty@") ||
           unit.starts_with("console-getty") || unit.starts_with("container-getty@");
}

// The terminal a unit runs on: TTYPath, with %I/%i taken from the unit's instance.
std::string unit_tty(const UnitFile& unit, std::string_view name) {
    if (unit.tty_path.empty() && !started_by_systemd(name)) {
        return {};
    }
    const std::size_t at = name.find('@');
    const std::size_t dot = name.rfind('.');
    std::string instance = at == std::string_view::npos || dot <= at
                               ? std::string()
                               : std::string(name.substr(at + 1, dot - at - 1));
    if (instance.empty()) {
        instance = name.starts_with("serial-getty@") ? "ttyS*" : "tty*";
    }
    if (name.starts_with("console-getty")) {
        return "console";
    }
    std::string tty = unit.tty_path.empty() ? instance : unit.tty_path;
    for (const std::string_view specifier : {"%I", "%i"}) {
        if (const std::size_t found = tty.find(specifier); found != std::string::npos) {
            tty.replace(found, 2, instance);
        }
    }
    return tty;
}

}  // namespace

const RuleTable& services_rules() {
    return data().rules;
}

namespace {

// The start-up and server files read at one fixed path. A read-only root file system often
// links them to the real file elsewhere (etc/inittab -> /rom/etc/inittab); the check
// follows such a link, inside the image, in whichever order the two arrive.
constexpr std::string_view k_fixed_paths[] = {"etc/inittab", "etc/inetd.conf", "etc/xinetd.conf",
                                              "etc/ssh/sshd_config", "etc/default/dropbear"};

bool fixed_path(std::string_view inner) {
    return std::find(std::begin(k_fixed_paths), std::end(k_fixed_paths), inner) !=
           std::end(k_fixed_paths);
}

// Files kept for a link that may come later (the target of etc/inittab can come first in
// a sorted walk): small text files, up to a budget per image; and the links seen, to
// follow chains. Past these, a link that cannot be followed is reported (FW074).
constexpr std::size_t k_max_kept_file_bytes = 64U * 1024U;
constexpr std::size_t k_max_kept_bytes = 16U * 1024U * 1024U;
constexpr std::size_t k_max_links_seen = 200000;
constexpr int k_max_link_hops = 8;

// The directives of one sshd_config file, each marked when it lies in a Match block.
struct SshFile {
    std::string path;
    std::vector<Directive> directives;
    std::vector<bool> in_match;
};

}  // namespace

struct ServicesCheck::State {
    Judge judge;
    std::vector<judge::Finding> findings;
    std::vector<diagnostics::Diagnostic> diagnostics;
    // Findings that hold only if `key` ("unit:x.service", "script:telnet") is enabled.
    std::vector<std::pair<std::string, Outcome>> conditional;
    Names enabled;
    Names masked;
    std::map<std::string, std::string, std::less<>> installed;  // program -> path
    Names mentioned;                                            // programs some start-up file names
    std::vector<SshFile> sshd;
    std::size_t records = 0;
    bool overflow = false;
    // Small text files by their full path, until a fixed-path link names one; every link
    // seen (full path -> the full path it names); links at a fixed path whose target has
    // not come yet (full target path -> the fixed path's entry).
    std::map<std::string, std::pair<FileEntry, std::string>, std::less<>> kept;
    std::size_t kept_bytes = 0;
    std::map<std::string, std::string, std::less<>> link_targets;
    std::multimap<std::string, FileEntry, std::less<>> awaited;

    explicit State(std::string standard_id) : judge(std::move(standard_id)) {}

    bool room() {
        if (records >= util::k_max_check_records) {
            overflow = true;
            return false;
        }
        ++records;
        return true;
    }

    void visit(const FileEntry& entry, std::string_view inner, std::string_view content);
    void judge_file(const FileEntry& entry, std::string_view inner, std::string_view content);
    void follow_link(const FileEntry& link, const std::string& target);
    void remember_link(const FileEntry& entry, std::string_view inner);
    void inittab(const std::string& path, const ConfigText& text);
    void script(const std::string& path, std::string_view inner, const ConfigText& text);
    void unit(const std::string& path, std::string_view name, const ConfigText& text);
    void inetd(const std::string& path, const ConfigText& text);
    void xinetd(const std::string& path, const ConfigText& text);
    void dropbear(const std::string& path, const ConfigText& text);
    void busybox_config(const std::string& path, const ConfigText& text);
    void links(const FileEntry& entry, std::string_view inner);
    bool is_enabled(const std::string& key) const;
    void judge_sshd();
    void report(std::vector<judge::Finding>& out, std::vector<diagnostics::Diagnostic>& diags);

    void add_outcomes(std::vector<Outcome> outcomes, const std::string& key) {
        for (Outcome& outcome : outcomes) {
            if (!room()) {
                return;
            }
            if (key.empty()) {
                findings.push_back(std::move(outcome.active));
            } else {
                conditional.emplace_back(key, std::move(outcome));
            }
        }
    }
};

ServicesCheck::ServicesCheck(const standard::Standard& edition)
    : m_state(std::make_unique<State>(edition.id())) {
    (void)data();  // a broken table fails here, not halfway through an image
}

ServicesCheck::ServicesCheck() : ServicesCheck(standard::default_standard()) {}

ServicesCheck::~ServicesCheck() = default;

void ServicesCheck::State::inittab(const std::string& path, const ConfigText& text) {
    for (const InittabEntry& entry : parse_inittab(text)) {
        if (entry.action == "off") {
            continue;
        }
        // BusyBox names the terminal in the id field (empty: the console); sysvinit runs
        // the process on the console.
        const std::string tty = looks_like_tty(entry.id) ? entry.id : "console";
        const Context context{line_location(path, entry.line), path, tty, true};
        add_outcomes(judge.command(entry.words, context, mentioned), {});
    }
}

void ServicesCheck::State::script(const std::string& path, std::string_view inner,
                                  const ConfigText& text) {
    const std::string name(without_order_prefix(base_name(inner)));
    const std::string key = script_runs_by_name(inner) ? std::string() : "script:" + name;
    for (const Command& command : script_commands(text)) {
        const Context context{line_location(path, command.line), "init script " + path, {}, false};
        add_outcomes(judge.command(command.words, context, mentioned), key);
    }
}

void ServicesCheck::State::unit(const std::string& path, std::string_view name,
                                const ConfigText& text) {
    const UnitFile unit = parse_unit(text);
    const std::string key = started_by_systemd(name) ? std::string() : "unit:" + std::string(name);
    const std::string tty = unit_tty(unit, name);
    const bool on_console = unit.tty_input || !unit.tty_path.empty() || started_by_systemd(name);
    for (const Command& command : unit.exec_start) {
        const Context context{line_location(path, command.line), "systemd unit " + path, tty,
                              on_console};
        add_outcomes(judge.command(command.words, context, mentioned), key);
    }
    for (const SocketListen& listen : unit.listens) {
        const Context context{
            line_location(path, listen.line), "systemd socket " + path, {}, false};
        if (std::optional<Outcome> outcome = judge.listen(listen, context)) {
            std::vector<Outcome> one;
            one.push_back(std::move(*outcome));
            add_outcomes(std::move(one), key);
        }
    }
}

void ServicesCheck::State::inetd(const std::string& path, const ConfigText& text) {
    for (InetdEntry& entry : parse_inetd(text)) {
        const Context context{line_location(path, entry.line), path, {}, false};
        std::vector<Outcome> outcomes = judge.command(entry.words, context, mentioned);
        const auto protocol = data().inetd_services.find(entry.service);
        if (outcomes.empty() && protocol != data().inetd_services.end()) {
            const std::string& rule = data().protocol_rules.at(protocol->second);
            outcomes.push_back({judge.finding(rule,
                                              fmt::format("{} starts a {} server for every "
                                                          "connection",
                                                          path, protocol->second),
                                              context.location),
                                std::nullopt});
        }
        add_outcomes(std::move(outcomes), {});
    }
}

void ServicesCheck::State::xinetd(const std::string& path, const ConfigText& text) {
    for (const XinetdService& service : parse_xinetd(text)) {
        if (service.disabled) {
            continue;  // "disable = yes": xinetd does not listen
        }
        const Context context{line_location(path, service.line), path, {}, false};
        std::vector<Outcome> outcomes = judge.command(service.words, context, mentioned);
        const auto protocol = data().inetd_services.find(service.name);
        if (outcomes.empty() && protocol != data().inetd_services.end()) {
            const std::string& rule = data().protocol_rules.at(protocol->second);
            outcomes.push_back(
                {judge.finding(rule, fmt::format("{} enables the {} service", path, service.name),
                               context.location),
                 std::nullopt});
        }
        add_outcomes(std::move(outcomes), {});
    }
}

namespace {

// Dropbear's flags: letters of each "-..." argument, up to one that takes a value.
std::string dropbear_flags(const std::string& arguments) {
    constexpr std::string_view k_with_value = "prbPWKIcGTa";
    std::string flags;
    for (const std::string& word : shell_words(arguments)) {
        if (!word.starts_with('-')) {
            continue;
        }
        for (std::size_t i = 1; i < word.size(); ++i) {
            flags += word[i];
            if (k_with_value.find(word[i]) != std::string_view::npos) {
                break;
            }
        }
    }
    return flags;
}

// The first value of each sshd keyword outside Match blocks (sshd keeps the first), with
// where it was set.
struct SshSetting {
    std::string value;
    std::string location;
};

bool allows_passwords(const std::map<std::string, SshSetting>& global) {
    const auto found = global.find("passwordauthentication");
    return found == global.end() || !util::iequals(found->second.value, "no");
}

}  // namespace

void ServicesCheck::State::dropbear(const std::string& path, const ConfigText& text) {
    const std::map<std::string, Assignment> variables = shell_assignments(text);
    std::string arguments;
    std::string location = path;
    for (const char* name : {"DROPBEAR_ARGS", "DROPBEAR_EXTRA_ARGS"}) {
        if (const auto found = variables.find(name); found != variables.end()) {
            arguments += " " + found->second.value;
            location = line_location(path, found->second.line);
        }
    }
    const std::string flags = dropbear_flags(arguments);
    const auto has = [&](char flag) { return flags.find(flag) != std::string::npos; };
    if (!has('s') && !has('w') && !has('g') && room()) {
        findings.push_back(judge.finding(
            "FW-SVC-020",
            fmt::format("Dropbear is started without -w, -g or -s (arguments: '{}'), so root "
                        "can log in with a password",
                        util::trim(arguments)),
            location));
    }
    if (has('B') && !has('s') && room()) {
        findings.push_back(judge.finding(
            "FW-SVC-021", "Dropbear is started with -B, which accepts blank passwords", location));
    }
}

void ServicesCheck::State::busybox_config(const std::string& path, const ConfigText& text) {
    for (const ConfigLine& line : text.lines) {
        const Directive directive = parse_directive(line);
        const auto protocol = data().busybox_options.find(directive.key);
        if (protocol != data().busybox_options.end() && directive.value == "y" && room()) {
            findings.push_back(judge.finding(
                "FW-SVC-011",
                fmt::format("BusyBox is built with the {} server ({}=y); it is a finding only "
                            "where something starts it",
                            protocol->second, directive.key),
                line_location(path, line.number)));
        }
    }
}

void ServicesCheck::State::links(const FileEntry& entry, std::string_view inner) {
    const std::string_view name = base_name(inner);
    if (is_wants_link(inner) && room()) {
        enabled.insert("unit:" + std::string(name));
        const std::size_t at = name.find('@');
        if (at != std::string_view::npos) {  // an instance enables its template
            enabled.insert("unit:" + std::string(name.substr(0, at + 1)) +
                           std::string(name.substr(name.rfind('.'))));
        }
    } else if (entry.type == FileType::symlink && entry.link_target == "/dev/null" &&
               inner.find("systemd/system/") != std::string_view::npos && room()) {
        masked.insert("unit:" + std::string(name));
    } else if (is_rc_dir(parent_dir(inner)) && name.starts_with('S') && room()) {
        const std::string_view target =
            entry.link_target.empty() ? without_order_prefix(name) : base_name(entry.link_target);
        enabled.insert("script:" + std::string(without_order_prefix(target)));
    }
    if (is_program_path(inner) &&
        (data().programs.contains(name) || data().debug_servers.contains(name)) && room()) {
        installed.emplace(std::string(name), entry.path);
    }
}

bool ServicesCheck::State::is_enabled(const std::string& key) const {
    return enabled.contains(key) && !masked.contains(key);
}

void ServicesCheck::State::judge_sshd() {
    // Debian's sshd_config includes sshd_config.d/*.conf on its first line, so those
    // settings come first; sshd keeps the first value it reads.
    std::sort(sshd.begin(), sshd.end(), [](const SshFile& a, const SshFile& b) {
        return std::make_pair(!a.path.ends_with(".conf"), a.path) <
               std::make_pair(!b.path.ends_with(".conf"), b.path);
    });
    std::map<std::string, SshSetting> global;
    std::vector<std::pair<Directive, std::string>> in_match;  // directive, path
    for (const SshFile& file : sshd) {
        for (std::size_t i = 0; i < file.directives.size(); ++i) {
            const Directive& directive = file.directives[i];
            if (file.in_match[i]) {
                in_match.emplace_back(directive, file.path);
            } else {
                global.emplace(
                    util::to_lower(directive.key),
                    SshSetting{directive.value, line_location(file.path, directive.line)});
            }
        }
    }
    if (!allows_passwords(global)) {
        return;  // keys only: neither setting lets a password or an empty one in
    }
    const auto judge_setting = [&](const std::string& key, const std::string& value,
                                   const std::string& location, std::string_view where) {
        if (key == "permitrootlogin" && util::iequals(value, "yes") && room()) {
            findings.push_back(judge.finding(
                "FW-SVC-020",
                fmt::format("sshd allows root to log in with a password (PermitRootLogin yes{})",
                            where),
                location));
        } else if (key == "permitemptypasswords" && util::iequals(value, "yes") && room()) {
            findings.push_back(judge.finding(
                "FW-SVC-021",
                fmt::format("sshd accepts accounts with empty passwords (PermitEmptyPasswords "
                            "yes{})",
                            where),
                location));
        }
    };
    for (const auto& [key, setting] : global) {
        judge_setting(key, setting.value, setting.location, "");
    }
    for (const auto& [directive, path] : in_match) {
        judge_setting(util::to_lower(directive.key), directive.value,
                      line_location(path, directive.line), ", in a Match block");
    }
}

void ServicesCheck::State::visit(const FileEntry& entry, std::string_view inner,
                                 std::string_view content) {
    links(entry, inner);
    if (entry.type == FileType::symlink) {
        remember_link(entry, inner);
        return;
    }
    if (entry.type != FileType::regular) {
        return;
    }
    judge_file(entry, inner, content);
    const auto [first, last] = awaited.equal_range(entry.path);
    for (auto it = first; it != last; ++it) {
        judge_file(entry, inner_path(it->second.path), content);
    }
    awaited.erase(first, last);
    if (content.size() <= k_max_kept_file_bytes && kept_bytes < k_max_kept_bytes &&
        content.find('\0') == std::string_view::npos) {
        kept_bytes += content.size();
        kept.emplace(entry.path, std::make_pair(entry, std::string(content)));
    }
}

// Records a link, inside the image: a fixed-path link is followed; a link that a followed
// link's chain was waiting for moves the wait on to what it names.
void ServicesCheck::State::remember_link(const FileEntry& entry, std::string_view inner) {
    const std::string prefix = entry.path.substr(0, entry.path.size() - inner.size());
    const std::string_view folder = inner.substr(0, inner.rfind('/') + 1);
    const std::string target =
        prefix + detail::normalise_path(entry.link_target.starts_with('/')
                                            ? entry.link_target
                                            : std::string(folder) + entry.link_target)
                     .path;
    if (link_targets.size() < k_max_links_seen) {
        link_targets.emplace(entry.path, target);
    }
    std::vector<FileEntry> moved;
    const auto [first, last] = awaited.equal_range(entry.path);
    for (auto it = first; it != last; ++it) {
        moved.push_back(it->second);
    }
    awaited.erase(first, last);
    for (const FileEntry& waiting : moved) {
        follow_link(waiting, target);
    }
    if (fixed_path(inner)) {
        follow_link(entry, target);
    }
}

// A fixed-path file that is a link: the file it names (through up to eight links, inside
// the image) is judged in its role, with findings located in the file that holds the
// lines; or, when that file has not come yet, it is awaited.
void ServicesCheck::State::follow_link(const FileEntry& link, const std::string& target) {
    std::string at = target;
    for (int hop = 0; hop < k_max_link_hops; ++hop) {
        const auto next = link_targets.find(at);
        if (next == link_targets.end() || next->second == at) {
            break;
        }
        at = next->second;
    }
    if (const auto file = kept.find(at); file != kept.end()) {
        judge_file(file->second.first, inner_path(link.path), file->second.second);
    } else if (awaited.size() < k_max_links_seen) {
        awaited.emplace(at, link);
    }
}

void ServicesCheck::State::judge_file(const FileEntry& entry, std::string_view inner,
                                      std::string_view content) {
    const std::string_view name = base_name(inner);
    const bool is_busybox_config = (name == ".config" || name.ends_with("busybox.config")) &&
                                   (content.find("BUSYBOX") != std::string_view::npos ||
                                    content.find("Busybox") != std::string_view::npos);
    const std::string_view unit_name = is_unit_path(inner) ? name : drop_in_unit(inner);
    const bool sshd_file = inner == "etc/ssh/sshd_config" ||
                           (inner.starts_with("etc/ssh/sshd_config.d/") && name.ends_with(".conf"));
    const bool wanted = inner == "etc/inittab" || is_script_path(inner) || !unit_name.empty() ||
                        inner == "etc/inetd.conf" || inner == "etc/xinetd.conf" ||
                        inner.starts_with("etc/xinetd.d/") || sshd_file ||
                        inner == "etc/default/dropbear" || is_busybox_config;
    if (!wanted || is_wants_link(inner)) {
        return;
    }
    const ConfigText text = read_config_text(content);
    for (diagnostics::Diagnostic& diagnostic : config_text_diagnostics(text, entry.path)) {
        diagnostics.push_back(std::move(diagnostic));
    }
    if (inner == "etc/inittab") {
        inittab(entry.path, text);
    } else if (is_script_path(inner)) {
        script(entry.path, inner, text);
    } else if (!unit_name.empty()) {
        unit(entry.path, unit_name, text);
    } else if (inner == "etc/inetd.conf") {
        inetd(entry.path, text);
    } else if (inner == "etc/xinetd.conf" || inner.starts_with("etc/xinetd.d/")) {
        xinetd(entry.path, text);
    } else if (sshd_file) {
        SshFile file{entry.path, {}, {}};
        bool match = false;
        for (const ConfigLine& line : text.lines) {
            Directive directive = parse_directive(line);
            match = match || util::iequals(directive.key, "match");
            file.directives.push_back(std::move(directive));
            file.in_match.push_back(match);
        }
        if (room()) {
            sshd.push_back(std::move(file));
        }
    } else if (inner == "etc/default/dropbear") {
        dropbear(entry.path, text);
    } else {
        busybox_config(entry.path, text);
    }
}

void ServicesCheck::State::report(std::vector<judge::Finding>& out,
                                  std::vector<diagnostics::Diagnostic>& diags) {
    for (const auto& [target, link] : awaited) {
        diagnostics.push_back(diagnostics::make(
            "FW074", "",
            fmt::format("{} is a link to {}, which is not a file the image holds that could be "
                        "read (missing, a directory or device, a loop, or too large to keep); "
                        "what it configures was not judged",
                        link.path, target),
            "check the file the device uses at run time; a link into a partition that is not "
            "in the image points at what the image cannot show",
            {link.path}));
    }
    judge_sshd();
    for (auto& [key, outcome] : conditional) {
        if (is_enabled(key)) {
            findings.push_back(std::move(outcome.active));
        } else if (outcome.inactive) {
            findings.push_back(std::move(*outcome.inactive));
        }
    }
    for (const auto& [program, path] : installed) {
        if (mentioned.contains(program)) {
            continue;  // a start-up file names it; that finding says more
        }
        const bool debug = data().debug_servers.contains(program);
        findings.push_back(judge.finding(
            debug ? "FW-DEBUG-004" : "FW-SVC-010",
            fmt::format(
                "{} {} is installed; no inittab, init script, unit or inetd entry starts it",
                debug ? "debug server" : "network daemon", program),
            path));
    }
    if (overflow) {
        diags.push_back(diagnostics::make(
            "FW072", {},
            fmt::format("the services check stopped collecting after {} records; the rest of "
                        "the image was not judged",
                        util::k_max_check_records)));
    }
    std::move(findings.begin(), findings.end(), std::back_inserter(out));
    std::move(diagnostics.begin(), diagnostics.end(), std::back_inserter(diags));
    findings.clear();
    diagnostics.clear();
}

void ServicesCheck::visit(const FileEntry& entry, util::Bytes content) {
    m_state->visit(entry, inner_path(entry.path), as_text(content));
}

void ServicesCheck::finish(std::vector<judge::Finding>& findings,
                           std::vector<diagnostics::Diagnostic>& diagnostics) {
    m_state->report(findings, diagnostics);
}

}  // namespace iotconform::firmware
