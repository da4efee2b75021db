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

// The length of the UTF-8 sequence at the start of `text` and its code point, or 0 when
// it is not well-formed (overlong, a surrogate, past U+10FFFF, cut short).
std::size_t utf8_sequence(std::string_view text, char32_t& code) {
    const auto lead = static_cast<unsigned char>(text[0]);
    const std::size_t length = lead < 0xc2   ? 0
                               : lead < 0xe0 ? 2
                               : lead < 0xf0 ? 3
                               : lead < 0xf5 ? 4
                                             : 0;
    if (length == 0 || text.size() < length) {
        return 0;
    }
    code = lead & (0x7f >> length);
    for (std::size_t i = 1; i < length; ++i) {
        const auto next = static_cast<unsigned char>(text[i]);
        if ((next & 0xc0) != 0x80) {
            return 0;
        }
        code = (code << 6) | (next & 0x3f);
    }
    const char32_t smallest = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
    if (code < smallest || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        return 0;
    }
    return length;
}

// Code points that change how the text around them is shown: C1 controls, the
// bidirectional embeddings, overrides and isolates, and the line and paragraph separators.
bool invisible_control(char32_t code) {
    return (code >= 0x80 && code <= 0x9f) || code == 0x061c || code == 0x200e || code == 0x200f ||
           (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) ||
           code == 0x2028 || code == 0x2029;
}

// Appends the non-ASCII sequence at the start of `text`, escaped where it must be; returns
// how many bytes it took.
std::size_t append_non_ascii(std::string& out, std::string_view text) {
    char32_t code = 0;
    const std::size_t length = utf8_sequence(text, code);
    if (length == 0) {
        append_hex(out, static_cast<unsigned char>(text[0]));
        return 1;
    }
    if (invisible_control(code)) {
        out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(code));
    } else {
        out.append(text.substr(0, length));
    }
    return length;
}

}  // namespace

std::string printable(std::string_view text, bool keep_lines) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80) {
            i += append_non_ascii(out, text.substr(i));
            continue;
        }
        if (control(byte) && !(keep_lines && (c == '\n' || c == '\t'))) {
            append_hex(out, byte);
        } else {
            out += c;
        }
        ++i;
    }
    return out;
}

std::string html_escape(std::string_view text) {
    std::string result;
    result.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (static_cast<unsigned char>(c) >= 0x80) {
            i += append_non_ascii(result, text.substr(i)) - 1;
            continue;
        }
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

namespace {

bool alphanumeric(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// Markdown punctuation that can start a link, emphasis or code in evidence text. An
// underscore inside a word (CONFIG_SHELL) is left alone: it cannot start emphasis.
bool markdown_markup(std::string_view text, std::size_t i) {
    const char c = text[i];
    if (c == '_') {
        return !(i > 0 && alphanumeric(text[i - 1]) && i + 1 < text.size() &&
                 alphanumeric(text[i + 1]));
    }
    return c == '\\' || c == '`' || c == '*' || c == '[' || c == ']' || c == '~';
}

}  // namespace

std::string markdown_cell(std::string_view text, Html html) {
    std::string result;
    const std::string_view trimmed = trim(text);
    for (std::size_t i = 0; i < trimmed.size(); ++i) {
        const char c = trimmed[i];
        // Raw HTML in a statement must not become markup in the report; autolinks
        // ("<https://...>"), which published tables use, stay links.
        if (c == '<' && html != Html::keep) {
            const std::string_view rest = trimmed.substr(i);
            const std::size_t close = rest.find('>');
            const bool autolink =
                html == Html::escape &&
                (rest.starts_with("<https://") || rest.starts_with("<http://")) &&
                close != std::string_view::npos &&
                rest.substr(1, close - 1).find_first_of(" <\n") == std::string_view::npos;
            if (!autolink) {
                result += "&lt;";
                continue;
            }
        }
        if (static_cast<unsigned char>(c) >= 0x80 && html != Html::keep) {
            i += append_non_ascii(result, trimmed.substr(i)) - 1;
        } else if (html == Html::literal && markdown_markup(trimmed, i)) {
            result += '\\';
            result += c;
        } else if (c == '|') {
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
