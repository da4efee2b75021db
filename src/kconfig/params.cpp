// Command line and sysctl parsing. Both are small line-oriented texts; every problem is
// reported with its line.
#include "kconfig/params.hpp"

#include <fmt/format.h>

#include <cctype>

#include "util/limits.hpp"
#include "util/text.hpp"

namespace iotconform::kconfig {

namespace dg = diagnostics;

std::string normalise_parameter_name(std::string_view name) {
    std::string normal(name);
    for (char& c : normal) {
        if (c == '-') {
            c = '_';
        }
    }
    return normal;
}

namespace {

// Shared checks before either parser splits lines: text only, within the size limit.
bool check_text(std::string_view text, const std::string& name, std::uintmax_t limit,
                std::string_view what, ParameterLoad& load) {
    if (text.size() > limit) {
        load.diagnostics.push_back(dg::make(
            "KC006", {},
            fmt::format("{} bytes, more than the {} a {} may have", text.size(), limit, what),
            "check the path", {name, 0, 0}));
        return false;
    }
    const std::optional<std::size_t> bad = util::find_invalid_utf8(text);
    const std::optional<std::size_t> control = util::find_control_character(text);
    if (bad || control) {
        const std::size_t offset = bad ? *bad : *control;
        const util::LineColumn at = util::line_column(text, offset);
        load.diagnostics.push_back(dg::make(
            "KC006", {}, fmt::format("byte {} is not text: this is not a {}", offset, what),
            fmt::format("give the {} as text", what), {name, at.line, at.column}));
        return false;
    }
    return true;
}

// Splits one command-line line into words, keeping double-quoted spans together.
std::optional<std::vector<std::string>> words_of(std::string_view line) {
    std::vector<std::string> words;
    std::string word;
    bool quoted = false;
    bool in_word = false;
    for (const char c : line) {
        if (c == '"') {
            quoted = !quoted;
            in_word = true;
        } else if (!quoted && std::isspace(static_cast<unsigned char>(c)) != 0) {
            if (in_word) {
                words.push_back(std::move(word));
                word.clear();
                in_word = false;
            }
        } else {
            word += c;
            in_word = true;
        }
    }
    if (quoted) {
        return std::nullopt;
    }
    if (in_word) {
        words.push_back(std::move(word));
    }
    return words;
}

template <typename Handle>
void for_each_line(std::string_view text, Handle handle) {
    int number = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        ++number;
        std::string_view line = text.substr(
            start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (!handle(line, number)) {
            return;
        }
        start = end == std::string_view::npos ? text.size() : end + 1;
    }
}

}  // namespace

ParameterLoad parse_cmdline(std::string_view text, const std::string& name) {
    ParameterLoad load;
    if (!check_text(text, name, util::k_max_cmdline_bytes, "kernel command line", load)) {
        return load;
    }
    ParameterMap parameters;
    for_each_line(text, [&](std::string_view line, int number) {
        if (util::trim(line).starts_with("#")) {
            return true;
        }
        const std::optional<std::vector<std::string>> words = words_of(line);
        if (!words) {
            load.diagnostics.push_back(dg::make("KC006", {}, "a double quote is not closed",
                                                "close the quoted value", {name, number, 0}));
            return false;
        }
        for (const std::string& word : *words) {
            if (word == "--") {
                return false;
            }
            const std::size_t equals = word.find('=');
            Parameter parameter{equals == std::string::npos ? "" : word.substr(equals + 1),
                                equals == std::string::npos, number};
            parameters[normalise_parameter_name(word.substr(0, equals))] = std::move(parameter);
        }
        return true;
    });
    if (!dg::has_errors(load.diagnostics)) {
        load.parameters = std::move(parameters);
    }
    return load;
}

ParameterLoad parse_sysctl(std::string_view text, const std::string& name) {
    ParameterLoad load;
    if (!check_text(text, name, util::k_max_sysctl_bytes, "sysctl listing", load)) {
        return load;
    }
    ParameterMap parameters;
    constexpr std::size_t k_reported_bad_lines = 5;
    std::size_t not_listed = 0;  // lines that are not `key = value`, reported or not
    for_each_line(text, [&](std::string_view line, int number) {
        const std::string_view trimmed = util::trim(line);
        if (trimmed.empty() || trimmed.front() == '#' || trimmed.front() == ';') {
            return true;
        }
        const std::size_t equals = trimmed.find('=');
        std::string key(util::trim(trimmed.substr(0, equals)));
        for (char& c : key) {
            c = c == '/' ? '.' : c;
        }
        if (equals == std::string_view::npos || key.empty() ||
            key.find_first_of(" \t") != std::string::npos) {
            // Reported by number only: the text of a wrong file may be a secret.
            if (++not_listed <= k_reported_bad_lines) {
                load.diagnostics.push_back(dg::make(
                    "KC007", {}, "this line is not a 'key = value' line (its text is not shown)",
                    "give the output of `sysctl -a`", {name, number, 0}));
            }
            return true;
        }
        std::string value = util::collapse_whitespace(trimmed.substr(equals + 1));
        // `sysctl -a` prints a multi-line value (dev.cdrom.info, binfmt_misc entries) as
        // the same key on consecutive lines: the lines form one value.
        const auto [found, inserted] = parameters.try_emplace(key, Parameter{value, false, number});
        if (!inserted) {
            found->second.value += "\n" + value;
        }
        return true;
    });
    if (not_listed > k_reported_bad_lines) {
        load.diagnostics.push_back(
            dg::make("KC007", {},
                     fmt::format("and {} more lines that are not 'key = value'",
                                 not_listed - k_reported_bad_lines),
                     "this is probably not a sysctl listing; check the path", {name, 0, 0}));
    }
    if (!dg::has_errors(load.diagnostics)) {
        load.parameters = std::move(parameters);
    }
    return load;
}

}  // namespace iotconform::kconfig
