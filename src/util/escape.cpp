// Escaping for HTML, CSV and Markdown table cells.
#include "util/escape.hpp"

#include "util/text.hpp"

namespace iotconform::util {

std::string html_escape(std::string_view text) {
    std::string result;
    result.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                result += "&amp;";
                break;
            case '<':
                result += "&lt;";
                break;
            case '>':
                result += "&gt;";
                break;
            case '"':
                result += "&quot;";
                break;
            case '\'':
                result += "&#39;";
                break;
            default:
                result += c;
        }
    }
    return result;
}

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string result = "\"";
    for (const char c : text) {
        if (c == '"') {
            result += '"';
        }
        result += c;
    }
    result += '"';
    return result;
}

std::string markdown_cell(std::string_view text) {
    std::string result;
    const std::string_view trimmed = trim(text);
    for (std::size_t i = 0; i < trimmed.size(); ++i) {
        const char c = trimmed[i];
        if (c == '|') {
            result += "\\|";
        } else if (c == '\r') {
            continue;
        } else if (c == '\n') {
            result += "<br>";
        } else {
            result += c;
        }
    }
    return result;
}

}  // namespace iotconform::util
