// Bounded line and word splitting for the configuration files of a firmware image.
#include "firmware/config_text.hpp"

#include <fmt/format.h>

#include "util/limits.hpp"
#include "util/text.hpp"

namespace iotconform::firmware {

namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

// `line` up to its comment: a '#' first on the line or after a blank, outside quotes.
std::string_view strip_comment(std::string_view line) {
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote != 0) {
            quote = c == quote ? 0 : quote;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '#' && (i == 0 || is_blank(line[i - 1]))) {
            return line.substr(0, i);
        }
    }
    return line;
}

bool is_separator_char(char c) {
    return c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '`';
}

}  // namespace

ConfigText read_config_text(std::string_view content) {
    ConfigText text;
    if (content.size() > util::k_max_config_file_bytes) {
        text.too_large = true;
        return text;
    }
    int number = 0;
    std::size_t start = 0;
    while (start < content.size()) {
        std::size_t end = content.find('\n', start);
        if (end == std::string_view::npos) {
            end = content.size();
        }
        ++number;
        const std::string_view raw = content.substr(start, end - start);
        start = end + 1;
        if (raw.size() > util::k_max_config_line_bytes) {
            ++text.long_lines;
            continue;
        }
        const std::string_view line = util::trim(strip_comment(raw));
        if (!line.empty()) {
            text.lines.push_back({number, line});
        }
    }
    return text;
}

std::vector<diagnostics::Diagnostic> config_text_diagnostics(const ConfigText& text,
                                                             const std::string& path) {
    std::vector<diagnostics::Diagnostic> out;
    if (text.too_large) {
        out.push_back(diagnostics::make(
            "FW070", {},
            fmt::format("{} is larger than {} bytes and was not checked", path,
                        util::k_max_config_file_bytes),
            "check this file by hand; a configuration this large is unusual", {path}));
    }
    if (text.long_lines > 0) {
        out.push_back(diagnostics::make(
            "FW071", {},
            fmt::format("{}: {} longer than {} bytes not checked", path,
                        util::counted(text.long_lines, "line"), util::k_max_config_line_bytes),
            "check those lines by hand", {path}));
    }
    return out;
}

std::vector<std::string> shell_words(std::string_view line) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    char quote = 0;
    const auto flush = [&] {
        if (in_word && words.size() < util::k_max_config_words) {
            words.push_back(word);
        }
        word.clear();
        in_word = false;
    };
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote != 0) {
            if (c == quote) {
                quote = 0;
            } else if (c == '\\' && quote == '"' && i + 1 < line.size()) {
                word += line[++i];
            } else {
                word += c;
            }
        } else if (c == '\'' || c == '"') {
            quote = c;
            in_word = true;
        } else if (c == '\\' && i + 1 < line.size()) {
            word += line[++i];
            in_word = true;
        } else if (is_blank(c)) {
            flush();
        } else if (is_separator_char(c)) {
            flush();
            word = c;
            if (i + 1 < line.size() && line[i + 1] == c && (c == '&' || c == '|')) {
                word += line[++i];
            }
            in_word = true;
            flush();
        } else {
            word += c;
            in_word = true;
        }
    }
    flush();
    return words;
}

bool is_command_separator(std::string_view word) {
    return !word.empty() && is_separator_char(word.front());
}

std::string_view base_name(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view inner_path(std::string_view path) {
    const std::size_t bang = path.rfind('!');
    std::string_view inner = bang == std::string_view::npos ? path : path.substr(bang + 1);
    while (!inner.empty() && inner.front() == '/') {
        inner.remove_prefix(1);
    }
    return inner;
}

Directive parse_directive(const ConfigLine& line) {
    Directive directive;
    directive.line = line.number;
    const std::string_view text = line.text;
    std::size_t end = 0;
    while (end < text.size() && !is_blank(text[end]) && text[end] != '=') {
        ++end;
    }
    directive.key = std::string(text.substr(0, end));
    std::string_view rest = util::trim(text.substr(end));
    if (!rest.empty() && rest.front() == '=') {
        rest = util::trim(rest.substr(1));
    }
    if (rest.size() >= 2 && (rest.front() == '"' || rest.front() == '\'') &&
        rest.back() == rest.front()) {
        rest = rest.substr(1, rest.size() - 2);
    }
    directive.value = std::string(rest);
    return directive;
}

std::string line_location(const std::string& path, int line) {
    return fmt::format("{}:{}", path, line);
}

}  // namespace iotconform::firmware
