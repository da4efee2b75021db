// String helpers: whitespace, case and typo distance for "did you mean" hints.
#include "util/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <numeric>

namespace iotconform::util {

namespace {

bool is_space(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

char lower(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

}  // namespace

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

std::string to_lower(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(), lower);
    return result;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return lower(x) == lower(y); });
}

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        parts.emplace_back(text.substr(start, end - start));
        if (end == std::string_view::npos) {
            return parts;
        }
        start = end + 1;
    }
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string result;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) {
            result += separator;
        }
        result += parts[i];
    }
    return result;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // One row of the dynamic-programming table is enough: each cell needs only its left,
    // upper and upper-left neighbours.
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::vector<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates,
                                 std::size_t limit) {
    // Distances cost length squared; nothing longer than this is a typo of a short key.
    constexpr std::size_t k_longest_word = 64;
    if (word.size() > k_longest_word) {
        return {};
    }
    const std::string needle = to_lower(word);
    // A third of the word's length, at least two edits: "pasword" finds "password",
    // "xyz" finds nothing in a list of long terms.
    const std::size_t threshold = std::max<std::size_t>(2, needle.size() / 3);
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const std::string& candidate : candidates) {
        const std::string hay = to_lower(candidate);
        std::size_t score = edit_distance(needle, hay);
        if (needle.size() >= 3 && hay.find(needle) != std::string::npos) {
            score = std::min<std::size_t>(score, 1);
        }
        if (score <= threshold) {
            scored.emplace_back(score, candidate);
        }
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<std::string> result;
    for (std::size_t i = 0; i < scored.size() && i < limit; ++i) {
        result.push_back(scored[i].second);
    }
    return result;
}

std::string counted(std::size_t count, std::string_view singular, std::string_view plural) {
    std::string noun(count == 1 ? singular : plural.empty() ? std::string(singular) + "s" : plural);
    return std::to_string(count) + " " + noun;
}

std::string ascii_dashes(std::string_view text) {
    static constexpr std::string_view k_dashes[] = {"\u2010", "\u2011", "\u2012",
                                                    "\u2013", "\u2014", "\u2212"};
    std::string result;
    result.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto dash =
            std::find_if(std::begin(k_dashes), std::end(k_dashes),
                         [&](std::string_view d) { return text.substr(i).starts_with(d); });
        if (dash != std::end(k_dashes)) {
            result += '-';
            i += dash->size();
        } else {
            result += text[i++];
        }
    }
    return result;
}

std::string collapse_whitespace(std::string_view text) {
    std::string result;
    bool pending_space = false;
    for (const char c : trim(text)) {
        if (is_space(c)) {
            pending_space = true;
            continue;
        }
        if (pending_space) {
            result += ' ';
            pending_space = false;
        }
        result += c;
    }
    return result;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned char lead = byte(i);
        std::size_t length = 0;
        std::uint32_t minimum = 0;
        std::uint32_t code = 0;
        if (lead < 0x80) {
            ++i;
            continue;
        }
        if ((lead & 0xE0) == 0xC0) {
            length = 2;
            minimum = 0x80;
            code = lead & 0x1Fu;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            minimum = 0x800;
            code = lead & 0x0Fu;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            minimum = 0x10000;
            code = lead & 0x07u;
        } else {
            return i;
        }
        if (text.size() - i < length) {
            return i;
        }
        for (std::size_t k = 1; k < length; ++k) {
            if ((byte(i + k) & 0xC0) != 0x80) {
                return i;
            }
            code = (code << 6) | (byte(i + k) & 0x3Fu);
        }
        if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            return i;
        }
        i += length;
    }
    return std::nullopt;
}

LineColumn line_column(std::string_view text, std::size_t offset) {
    LineColumn position;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++position.line;
            position.column = 1;
        } else {
            ++position.column;
        }
    }
    return position;
}

std::optional<std::size_t> find_control_character(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
            return i;
        }
    }
    return std::nullopt;
}

std::optional<std::size_t> find_deep_nesting(std::string_view text, std::size_t limit,
                                             bool hash_comments) {
    std::size_t depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"' || (c == '\'' && hash_comments)) {
            // Skip the quoted string; an unclosed one ends the scan (the parser reports it).
            for (++i; i < text.size() && text[i] != c; ++i) {
                if (c == '"' && text[i] == '\\') {
                    ++i;
                }
            }
        } else if (c == '#' && hash_comments &&
                   (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n')) {
            while (i < text.size() && text[i] != '\n') {
                ++i;
            }
        } else if (c == '[' || c == '{') {
            if (++depth > limit) {
                return i;
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

}  // namespace iotconform::util
