// Escaping for HTML, CSV and Markdown table cells.
#include "util/escape.hpp"

#include <fmt/format.h>

#include <cctype>

#include "util/text.hpp"

namespace iotconform::util {

namespace {

bool control(unsigned char byte) {
    return byte < 0x20 || byte == 0x7f;
}

void append_hex(std::string& out, unsigned char byte) {
    static constexpr char k_digits[] = "0123456789abcdef";
    out += "\\x";
    out += k_digits[byte >> 4];
    out += k_digits[byte & 0x0f];
}

}  // namespace

std::string printable(std::string_view text, bool keep_lines) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (control(byte) && !(keep_lines && (c == '\n' || c == '\t'))) {
            append_hex(out, byte);
        } else {
            out += c;
        }
    }
    return out;
}

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
            case '\t':
            case '\n':
            case '\r':
                result += c;
                break;
            default:
                if (control(static_cast<unsigned char>(c))) {
                    append_hex(result, static_cast<unsigned char>(c));
                } else {
                    result += c;
                }
        }
    }
    return result;
}

std::string spreadsheet_field(std::string_view text) {
    // A cell starting with one of these is a formula to Excel and LibreOffice (the OWASP
    // "CSV injection" list); a leading apostrophe makes it text again.
    if (!text.empty() &&
        std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
        return csv_field("'" + std::string(text));
    }
    return csv_field(text);
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

std::string markdown_cell(std::string_view text, Html html) {
    std::string result;
    const std::string_view trimmed = trim(text);
    for (std::size_t i = 0; i < trimmed.size(); ++i) {
        const char c = trimmed[i];
        // Raw HTML in a statement must not become markup in the report; autolinks
        // ("<https://...>"), which published tables use, stay links.
        if (c == '<' && html == Html::escape) {
            const std::string_view rest = trimmed.substr(i);
            const std::size_t close = rest.find('>');
            const bool autolink =
                (rest.starts_with("<https://") || rest.starts_with("<http://")) &&
                close != std::string_view::npos &&
                rest.substr(1, close - 1).find_first_of(" <\n") == std::string_view::npos;
            if (!autolink) {
                result += "&lt;";
                continue;
            }
        }
        if (c == '|') {
            result += "\\|";
        } else if (c == '\r') {
            continue;
        } else if (c == '\n') {
            result += "<br>";
        } else if (c != '\t' && control(static_cast<unsigned char>(c))) {
            append_hex(result, static_cast<unsigned char>(c));
        } else {
            result += c;
        }
    }
    return result;
}

std::string yaml_quoted(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
                    out += fmt::format("\\x{:02X}", static_cast<unsigned char>(c));
                } else {
                    out += c;  // UTF-8 multi-byte sequences pass through unchanged
                }
        }
    }
    return out + "\"";
}

std::string uri_path(std::string_view path) {
    std::string uri;
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 ||
            std::string_view("-._~/").find(c) != std::string_view::npos) {
            uri += c;
        } else {
            uri += fmt::format("%{:02X}", byte);
        }
    }
    return uri;
}

std::string json_text(const nlohmann::json& value) {
    return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace iotconform::util
