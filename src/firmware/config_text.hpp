// Configuration files and start-up scripts from a firmware image, as untrusted bytes:
// split into bounded lines without comments, and into shell-like words. The services and
// crypto checks read every format through these, so no parser walks raw bytes itself.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "firmware/tree.hpp"

namespace iotconform::firmware {

struct ConfigLine {
    int number = 0;         // from 1
    std::string_view text;  // without its comment and surrounding blanks; never empty
};

struct ConfigText {
    std::vector<ConfigLine> lines;
    std::size_t long_lines = 0;  // lines over k_max_config_line_bytes, skipped
    bool too_large = false;      // over k_max_config_file_bytes: no line was read
};

// Splits `content` into its non-blank lines. A '#' at the start of a line, or after a
// blank outside quotes, begins a comment that runs to the end of the line. The views
// point into `content`.
ConfigText read_config_text(std::string_view content);

// The diagnostics for what read_config_text could not read (FW070, FW071), located at
// `path`; none when everything was read.
std::vector<diagnostics::Diagnostic> config_text_diagnostics(const ConfigText& text,
                                                             const std::string& path);

// Splits a command line the way a shell would for our purposes: blanks separate words,
// single and double quotes group (and are removed), a backslash escapes the next byte,
// and the separators ; & | ( ) and a backquote become words of their own ("&&" is one
// word). At most k_max_config_words words.
std::vector<std::string> shell_words(std::string_view line);

// True for a word shell_words makes of a command separator.
bool is_command_separator(std::string_view word);

// The last component of a '/'-separated path: "usr/sbin/telnetd" -> "telnetd".
std::string_view base_name(std::string_view path);

// The path of a file inside the innermost container, without a leading '/':
// "rootfs.squashfs!/etc/inittab" -> "etc/inittab". Checks match file names on this.
std::string_view inner_path(std::string_view path);

// `content` as text.
inline std::string_view as_text(util::Bytes content) {
    return {reinterpret_cast<const char*>(content.data()), content.size()};
}

// A "Keyword value", "Keyword=value" or "key = value" line: sshd_config, openssl.cnf,
// mosquitto.conf, stunnel and BusyBox configurations all have this shape.
struct Directive {
    int line = 0;
    std::string key;    // as written
    std::string value;  // the rest, trimmed; one pair of enclosing quotes removed
};

// The directive a line holds; the key ends at the first blank or '=' (then blanks and one
// '=' separate it from the value). Null key for a line that starts with '='.
Directive parse_directive(const ConfigLine& line);

// "etc/inittab:7": where a line of a file is, as findings give it.
std::string line_location(const std::string& path, int line);

}  // namespace iotconform::firmware
