// Parsing and printing Table B.1 status notation.
#include "standard/status.hpp"

#include <fmt/format.h>

#include <cctype>

#include "util/text.hpp"

namespace iotconform::standard {

namespace {

bool is_number(std::string_view token) {
    if (token.empty() || token.size() > 3) {
        return false;
    }
    for (const char c : token) {
        if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
            return false;
        }
    }
    return true;
}

bool is_feature_letter(std::string_view token) {
    if (token.empty() || token.size() > 2) {
        return false;
    }
    for (const char c : token) {
        if (c < 'a' || c > 'z') {
            return false;
        }
    }
    return true;
}

// Splits "M C F (14, e)" into letter tokens before the bracket and list tokens inside it.
std::vector<std::string> tokens_of(std::string_view text) {
    std::vector<std::string> tokens;
    std::string current;
    auto flush = [&] {
        if (!current.empty()) {
            tokens.push_back(current);
            current.clear();
        }
    };
    for (const char c : text) {
        if (c == '(' || c == ')' || c == ',' || c == ';' || c == '/' ||
            std::isspace(static_cast<unsigned char>(c)) != 0) {
            flush();
            if (c == '(' || c == ')') {
                tokens.emplace_back(1, c);
            }
            continue;
        }
        current += c;
    }
    flush();
    return tokens;
}

StatusParse fail(std::string why) {
    return {std::nullopt, false, {}, std::move(why)};
}

}  // namespace

StatusParse parse_status(std::string_view text) {
    const std::string_view trimmed = util::trim(text);
    if (trimmed.empty()) {
        return fail("the status is empty");
    }

    Status status;
    bool has_level = false;
    bool marked_conditional = false;
    bool marked_feature = false;
    bool in_list = false;
    bool list_seen = false;
    bool marker_after_list = false;
    for (const std::string& token : tokens_of(trimmed)) {
        if (token == "(") {
            if (in_list || (list_seen && !marker_after_list)) {
                return fail(fmt::format("unexpected '(' in status '{}'", trimmed));
            }
            in_list = true;
            marker_after_list = false;
            continue;
        }
        if (token == ")") {
            if (!in_list) {
                return fail(fmt::format("unexpected ')' in status '{}'", trimmed));
            }
            in_list = false;
            list_seen = true;
            continue;
        }
        if (in_list) {
            if (is_number(token)) {
                status.conditions.push_back(std::stoi(token));
            } else if (is_feature_letter(util::to_lower(token))) {
                status.features.push_back(util::to_lower(token));
            } else {
                return fail(
                    fmt::format("'{}' in status '{}' is neither a condition "
                                "number nor a feature letter",
                                token, trimmed));
            }
            continue;
        }
        const std::string marker = util::to_lower(token);
        if (list_seen &&
            !((marker == "c" && !marked_conditional) || (marker == "f" && !marked_feature))) {
            // "M C (14) F (e)" gives each marker its own list; anything else after a
            // list has lost its meaning.
            return fail(fmt::format("text after the list in status '{}'", trimmed));
        }
        marker_after_list = list_seen;
        const std::string letter = util::to_lower(token);
        if (!has_level && (letter == "m" || letter == "r")) {
            status.level = letter == "m" ? Level::mandatory : Level::recommendation;
            has_level = true;
        } else if (has_level && letter == "c" && !marked_conditional && !marked_feature) {
            marked_conditional = true;
        } else if (has_level && letter == "f" && !marked_feature) {
            marked_feature = true;
        } else {
            return fail(fmt::format("'{}' in status '{}' is not M, R, C or F", token, trimmed));
        }
    }
    if (in_list) {
        return fail(fmt::format("unclosed '(' in status '{}'", trimmed));
    }
    if (!has_level) {
        return fail(fmt::format("status '{}' names neither M nor R", trimmed));
    }
    std::string letters = status.level == Level::mandatory ? "M" : "R";
    letters += marked_conditional ? " C" : "";
    letters += marked_feature ? " F" : "";
    if (!list_seen) {
        const bool letters_only = marked_conditional || marked_feature;
        return {std::move(status), letters_only, std::move(letters), {}};
    }
    if (marked_conditional != !status.conditions.empty()) {
        return fail(
            marked_conditional
                ? fmt::format("status '{}' is marked C but lists no condition number", trimmed)
                : fmt::format("status '{}' lists condition numbers without the C marker", trimmed));
    }
    if (marked_feature != !status.features.empty()) {
        return fail(
            marked_feature
                ? fmt::format("status '{}' is marked F but lists no feature letter", trimmed)
                : fmt::format("status '{}' lists feature letters without the F marker", trimmed));
    }
    return {std::move(status), false, std::move(letters), {}};
}

std::string format_status_letters(const Status& status) {
    std::string text = status.level == Level::mandatory ? "M" : "R";
    if (!status.conditions.empty()) {
        text += " C";
    }
    if (!status.features.empty()) {
        text += " F";
    }
    return text;
}

std::string format_status(const Status& status) {
    std::string text = format_status_letters(status);
    if (!status.conditional()) {
        return text;
    }
    std::vector<std::string> items;
    for (const int number : status.conditions) {
        items.push_back(std::to_string(number));
    }
    items.insert(items.end(), status.features.begin(), status.features.end());
    return fmt::format("{} ({})", text, util::join(items, ", "));
}

}  // namespace iotconform::standard
