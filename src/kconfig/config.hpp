// A kernel's build configuration (Kconfig `.config`, Linux or Zephyr) as read from text, a
// gzip file, or the IKCONFIG blob embedded in a kernel image or module. Parsers take
// bytes, so tests and fuzzers call them directly; reading files is the caller's step.
#pragma once

#include <compare>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.hpp"

namespace iotconform::kconfig {

enum class Family { unknown, linux_kernel, zephyr };

// "linux", "zephyr", "unknown".
std::string_view to_string(Family family);

// A kernel release as (major, minor, patch); "6.1.0-57-amd64" reads as 6.1.0.
struct Version {
    int major = 0;
    int minor = 0;
    int patch = 0;

    auto operator<=>(const Version&) const = default;
    std::string to_string() const;  // "6.1.0"
};

// A release "X.Y" or "X.Y.Z" (major up to 2 digits, minor 3, patch 4), optionally
// followed by a local version starting with '-', '+' or '~' ("6.1.0-57-amd64"); nullopt
// for anything else ("6.1banana", "999999.1", "6.1.2.3").
std::optional<Version> parse_version(std::string_view text);

// One option as written: `CONFIG_X=value` or `# CONFIG_X is not set`.
struct Setting {
    std::string value;  // without surrounding quotes; empty when not set
    bool not_set = false;
    int line = 0;
};

struct KernelConfig {
    std::map<std::string, Setting, std::less<>> options;
    Family family = Family::unknown;
    std::optional<Version> version;
    std::string arch;    // "x86_64", "x86_32", "arm64", "arm", "riscv", ...; empty if unknown
    std::string origin;  // how it was read: "text", "gzip", "IKCONFIG at offset 0x168"

    const Setting* find(std::string_view option) const;
};

struct ConfigLoad {
    std::optional<KernelConfig> config;  // set unless an error was found
    std::vector<diagnostics::Diagnostic> diagnostics;
};

// Parses the text of a `.config`. Skips a UTF-8 byte order mark. Rejects binary bytes,
// CR-only line endings, lines that are neither an option, a comment nor blank (reported
// without their content, which may be a secret when the wrong file is given; after a few,
// only counted), unterminated quotes, more than k_max_kernel_options options (disabled
// ones included; reported once), and options given twice with different values (the same
// value twice is a warning). Detects family, version and architecture from the header and
// options; a header release that cannot be read is a warning. `name` labels diagnostics.
[[nodiscard]] ConfigLoad parse_config(std::string_view text, const std::string& name);

// What the first bytes of an input say it is. A `.config` is text; an image or module
// holds NUL bytes (ELF headers, padding) from its first kilobytes on.
enum class InputKind { text, gzip, binary };

// The kind of input whose first bytes are `head`: gzip by its magic number, binary when
// it holds a NUL byte or starts with the ELF magic, text otherwise.
InputKind sniff(std::string_view head);

// Reads any supported form: gzip (by its magic bytes; every member, as gunzip does), text,
// or a binary image or module (holding a NUL byte) with an IKCONFIG blob found by its
// IKCFG_ST marker. Text is never searched for the marker. Binary input without a blob is
// refused, naming the offset and line of its first NUL byte.
[[nodiscard]] ConfigLoad read_config(std::string_view bytes, const std::string& name);

// Canonical architecture names the rules use, from a Linux header ("x86", "i386",
// "arm64", "riscv") or a user's --arch ("amd64", "aarch64"); empty when unknown.
std::string canonical_arch(std::string_view name);

}  // namespace iotconform::kconfig
