// Parsers for the start-up files of a Linux device.
#include "firmware/service_configs.hpp"

#include <algorithm>
#include <array>

#include "util/limits.hpp"
#include "util/text.hpp"

namespace iotconform::firmware {

namespace {

bool is_name_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// "NAME=value" with a shell variable name: the position of '=', or npos.
std::size_t assignment_split(std::string_view word) {
    const std::size_t equals = word.find('=');
    if (equals == 0 || equals == std::string_view::npos) {
        return std::string_view::npos;
    }
    const bool valid =
        std::all_of(word.begin(), word.begin() + static_cast<std::ptrdiff_t>(equals), is_name_char);
    return valid && !(word.front() >= '0' && word.front() <= '9') ? equals : std::string_view::npos;
}

// Words that run the command after them.
bool is_prefix(std::string_view word) {
    constexpr std::array<std::string_view, 17> k_prefixes = {
        "exec", "nohup", "env", "nice", "setsid", "chrt", "ionice", "if",           "then",
        "else", "elif",  "do",  "!",    "{",      "time", "while",  "service_start"};
    return std::find(k_prefixes.begin(), k_prefixes.end(), word) != k_prefixes.end();
}

using Variables = std::map<std::string, std::string, std::less<>>;

std::string resolve(const std::string& word, const Variables& variables) {
    if (word.size() < 2 || word.front() != '$') {
        return word;
    }
    std::string_view name = std::string_view(word).substr(1);
    if (name.front() == '{' && name.back() == '}') {
        name = name.substr(1, name.size() - 2);
    }
    const auto found = variables.find(name);
    return found == variables.end() ? word : found->second;
}

// start-stop-daemon's program and the arguments after "--"; empty when it stops one.
std::vector<std::string> start_stop_daemon(const std::vector<std::string>& words) {
    std::vector<std::string> command;
    std::vector<std::string> arguments;
    bool starts = false;
    for (std::size_t i = 1; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (word == "--") {
            arguments.assign(words.begin() + static_cast<std::ptrdiff_t>(i) + 1, words.end());
            break;
        }
        starts = starts || word == "--start" || word == "-S";
        if (word == "--stop" || word == "-K") {
            return {};
        }
        const bool takes_program =
            word == "--exec" || word == "-x" || word == "--startas" || word == "-a";
        if (takes_program && i + 1 < words.size()) {
            command = {words[i + 1]};
        } else if (word.starts_with("--exec=") || word.starts_with("--startas=")) {
            command = {word.substr(word.find('=') + 1)};
        }
    }
    if (!starts || command.empty()) {
        return {};
    }
    command.insert(command.end(), arguments.begin(), arguments.end());
    return command;
}

// The command that begins at words[begin, end), after prefixes, assignments and wrappers.
std::vector<std::string> one_command(const std::vector<std::string>& words, std::size_t begin,
                                     std::size_t end, const Variables& variables) {
    while (begin < end &&
           (is_prefix(words[begin]) || assignment_split(words[begin]) != std::string_view::npos)) {
        ++begin;
    }
    if (begin + 1 < end && words[begin] == "procd_set_param" && words[begin + 1] == "command") {
        begin += 2;
    }
    std::vector<std::string> command;
    for (std::size_t i = begin; i < end; ++i) {
        command.push_back(resolve(words[i], variables));
    }
    if (!command.empty() && base_name(command.front()) == "start-stop-daemon") {
        return start_stop_daemon(command);
    }
    return command;
}

// Remembers a line that is only assignments (export/readonly/local allowed).
void remember_assignments(const std::vector<std::string>& words, Variables& variables) {
    std::size_t first = 0;
    if (!words.empty() && (words[0] == "export" || words[0] == "readonly" || words[0] == "local")) {
        first = 1;
    }
    for (std::size_t i = first; i < words.size(); ++i) {
        if (assignment_split(words[i]) == std::string_view::npos) {
            return;  // a command with variables for its environment, not assignments
        }
    }
    for (std::size_t i = first; i < words.size(); ++i) {
        const std::size_t equals = assignment_split(words[i]);
        if (variables.size() < util::k_max_script_variables ||
            variables.contains(words[i].substr(0, equals))) {
            variables[words[i].substr(0, equals)] = resolve(words[i].substr(equals + 1), variables);
        }
    }
}

std::string lower(std::string_view text) {
    return util::to_lower(text);
}

}  // namespace

std::vector<InittabEntry> parse_inittab(const ConfigText& text) {
    std::vector<InittabEntry> entries;
    for (const ConfigLine& line : text.lines) {
        const std::size_t first = line.text.find(':');
        const std::size_t second =
            line.text.find(':', first == std::string_view::npos ? first : first + 1);
        const std::size_t third =
            second == std::string_view::npos ? second : line.text.find(':', second + 1);
        if (third == std::string_view::npos) {
            continue;
        }
        InittabEntry entry;
        entry.line = line.number;
        entry.id = std::string(util::trim(line.text.substr(0, first)));
        entry.action = lower(util::trim(line.text.substr(second + 1, third - second - 1)));
        entry.words = shell_words(line.text.substr(third + 1));
        entries.push_back(std::move(entry));
    }
    return entries;
}

std::vector<Command> script_commands(const ConfigText& text) {
    std::vector<Command> commands;
    Variables variables;
    for (const ConfigLine& line : text.lines) {
        const std::vector<std::string> words = shell_words(line.text);
        remember_assignments(words, variables);
        std::size_t begin = 0;
        for (std::size_t i = 0; i <= words.size(); ++i) {
            if (i < words.size() && !is_command_separator(words[i])) {
                continue;
            }
            std::vector<std::string> command = one_command(words, begin, i, variables);
            if (!command.empty()) {
                commands.push_back({line.number, std::move(command)});
            }
            begin = i + 1;
        }
    }
    return commands;
}

UnitFile parse_unit(const ConfigText& text) {
    UnitFile unit;
    std::string section;
    for (const ConfigLine& line : text.lines) {
        if (line.text.front() == '[') {
            section = std::string(line.text);
            continue;
        }
        const Directive directive = parse_directive(line);
        if (section == "[Service]" && directive.key == "ExecStart") {
            std::string_view value = directive.value;
            while (!value.empty() &&
                   std::string_view("-@:+!").find(value.front()) != std::string_view::npos) {
                value.remove_prefix(1);
            }
            if (value.empty()) {
                unit.exec_start.clear();
            } else {
                unit.exec_start.push_back({line.number, shell_words(value)});
            }
        } else if (section == "[Service]" && directive.key == "TTYPath") {
            unit.tty_path = directive.value;
        } else if (section == "[Service]" && directive.key == "StandardInput") {
            unit.tty_input = directive.value.starts_with("tty");
        } else if (section == "[Socket]" &&
                   (directive.key == "ListenStream" || directive.key == "ListenDatagram")) {
            unit.listens.push_back(
                {line.number, directive.key == "ListenDatagram", directive.value});
        }
    }
    return unit;
}

std::vector<InetdEntry> parse_inetd(const ConfigText& text) {
    std::vector<InetdEntry> entries;
    for (const ConfigLine& line : text.lines) {
        std::vector<std::string> words = shell_words(line.text);
        if (words.size() < 6 || words[5] == "internal") {
            continue;
        }
        InetdEntry entry;
        entry.line = line.number;
        const std::size_t colon = words[0].rfind(':');
        entry.service = colon == std::string::npos ? words[0] : words[0].substr(colon + 1);
        entry.words.assign(words.begin() + 5, words.end());
        entries.push_back(std::move(entry));
    }
    return entries;
}

std::vector<XinetdService> parse_xinetd(const ConfigText& text) {
    std::vector<XinetdService> services;
    bool inside = false;
    std::vector<std::string> arguments;
    for (const ConfigLine& line : text.lines) {
        const std::vector<std::string> words = shell_words(line.text);
        if (words.size() >= 2 && words[0] == "service") {
            services.push_back({line.number, words[1], {}, false});
            inside = true;
            continue;
        }
        if (!inside || services.empty() || words.size() < 3) {
            inside = inside && line.text != "}";
            continue;
        }
        XinetdService& service = services.back();
        if (words[0] == "disable") {
            service.disabled = util::iequals(words[2], "yes");
        } else if (words[0] == "server") {
            service.words.insert(service.words.begin(), words[2]);
        } else if (words[0] == "server_args") {
            service.words.insert(service.words.end(), words.begin() + 2, words.end());
        }
    }
    return services;
}

std::map<std::string, Assignment> shell_assignments(const ConfigText& text) {
    std::map<std::string, Assignment> assignments;
    for (const ConfigLine& line : text.lines) {
        Variables variables;
        remember_assignments(shell_words(line.text), variables);
        for (auto& [name, value] : variables) {
            assignments[name] = {line.number, std::move(value)};
        }
    }
    return assignments;
}

}  // namespace iotconform::firmware
