// Small string helpers with no knowledge of the standard or of products.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iotconform::util {

// Returns `text` without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view text);

// Returns `text` with ASCII letters lowered; other bytes are kept as they are.
std::string to_lower(std::string_view text);

// True when `a` and `b` are equal ignoring ASCII case.
bool iequals(std::string_view a, std::string_view b);

// Splits on `separator`; empty fields are kept so positions stay meaningful.
std::vector<std::string> split(std::string_view text, char separator);

// Joins `parts` with `separator` between them.
std::string join(const std::vector<std::string>& parts, std::string_view separator);

// Levenshtein distance between `a` and `b`, ignoring ASCII case.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidates closest to `word` (case-insensitive edit distance, or containing it),
// best first, at most `limit` of them; candidates too far away to be a plausible typo
// are left out, so the result may be empty.
std::vector<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates,
                                 std::size_t limit = 3);

// "1 error", "3 errors": `count` and the noun in the matching number. `plural` defaults
// to the singular with an "s".
std::string counted(std::size_t count, std::string_view singular, std::string_view plural = {});

// `text` with the dash look-alikes word processors put in (hyphen, non-breaking hyphen,
// figure dash, en and em dash, minus sign) replaced by "-".
std::string ascii_dashes(std::string_view text);

// Collapses runs of whitespace (including newlines) into single spaces and trims.
std::string collapse_whitespace(std::string_view text);

// Offset of the first byte that is not part of well-formed UTF-8 (overlong forms,
// surrogates and code points above U+10FFFF included), or nullopt when all is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Offset of the first control character (C0 except tab, line feed and carriage return,
// and DEL) in `text`, or nullopt. Such bytes would reach terminals and reports raw.
std::optional<std::size_t> find_control_character(std::string_view text);

// Offset where bracket/brace nesting in `text` first exceeds `limit`, or nullopt. Quoted
// strings ('...' and "...", with backslash escapes in the latter) and '#' comments (when
// `hash_comments`) are skipped, so brackets inside them do not count.
std::optional<std::size_t> find_deep_nesting(std::string_view text, std::size_t limit,
                                             bool hash_comments);

struct LineColumn {
    int line = 1;    // from 1
    int column = 1;  // from 1, in bytes
};

// The line and column of byte `offset` in `text`.
LineColumn line_column(std::string_view text, std::size_t offset);

}  // namespace iotconform::util
