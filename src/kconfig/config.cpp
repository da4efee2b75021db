// Reading Kconfig `.config` files: the line grammar, duplicate detection, and what the
// header and options say about the kernel (family, release, architecture).
#include "kconfig/config.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>

#include "kconfig/gzip.hpp"
#include "util/limits.hpp"
#include "util/text.hpp"

namespace iotconform::kconfig {

namespace dg = diagnostics;

std::string_view to_string(Family family) {
    switch (family) {
        case Family::linux_kernel:
            return "linux";
        case Family::zephyr:
            return "zephyr";
        case Family::unknown:
            break;
    }
    return "unknown";
}

std::string Version::to_string() const {
    return fmt::format("{}.{}.{}", major, minor, patch);
}

namespace {

// Reads a decimal number of at most `digits` digits at `text[at]`, advancing `at`; nullopt
// when there is none or it is longer.
std::optional<int> read_number(std::string_view text, std::size_t& at, std::size_t digits) {
    const std::size_t start = at;
    int value = 0;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])) != 0) {
        if (at - start >= digits) {
            return std::nullopt;
        }
        value = value * 10 + (text[at] - '0');
        ++at;
    }
    if (at == start) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

std::optional<Version> parse_version(std::string_view text) {
    text = util::trim(text);
    std::size_t at = 0;
    Version version;
    // Releases so far are 1.0 to 6.x with minors under 100 and stable patches under a
    // thousand; the digit limits leave room while refusing nonsense like 999999.1.
    const std::optional<int> major = read_number(text, at, 2);
    if (!major || at >= text.size() || text[at] != '.') {
        return std::nullopt;
    }
    ++at;
    const std::optional<int> minor = read_number(text, at, 3);
    if (!minor) {
        return std::nullopt;
    }
    version.major = *major;
    version.minor = *minor;
    if (at < text.size() && text[at] == '.') {
        ++at;
        const std::optional<int> patch = read_number(text, at, 4);
        if (!patch) {
            return std::nullopt;
        }
        version.patch = *patch;
    }
    // What may follow is a local version as `uname -r` prints it: "-57-amd64", "+", "~rc1".
    if (at < text.size() && text[at] != '-' && text[at] != '+' && text[at] != '~') {
        return std::nullopt;
    }
    return version;
}

const Setting* KernelConfig::find(std::string_view option) const {
    const auto found = options.find(option);
    return found == options.end() ? nullptr : &found->second;
}

std::string canonical_arch(std::string_view name) {
    const std::string lower = util::to_lower(util::trim(name));
    struct Alias {
        std::string_view name;
        std::string_view canonical;
    };
    static constexpr std::array<Alias, 16> k_aliases = {{{"x86_64", "x86_64"},
                                                         {"amd64", "x86_64"},
                                                         {"x86-64", "x86_64"},
                                                         {"x86_32", "x86_32"},
                                                         {"i386", "x86_32"},
                                                         {"i686", "x86_32"},
                                                         {"arm64", "arm64"},
                                                         {"aarch64", "arm64"},
                                                         {"arm", "arm"},
                                                         {"armhf", "arm"},
                                                         {"riscv", "riscv"},
                                                         {"riscv64", "riscv"},
                                                         {"riscv32", "riscv"},
                                                         {"xtensa", "xtensa"},
                                                         {"arc", "arc"},
                                                         {"um", "um"}}};
    for (const Alias& alias : k_aliases) {
        if (lower == alias.name) {
            return std::string(alias.canonical);
        }
    }
    return {};
}

namespace {

bool is_symbol_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

bool is_symbol(std::string_view name) {
    if (name.size() <= 7 || name.substr(0, 7) != "CONFIG_") {
        return false;
    }
    for (const char c : name) {
        if (!is_symbol_char(c)) {
            return false;
        }
    }
    return true;
}

// Removes the quotes of a Kconfig string value and its backslash escapes; nullopt for
// an unterminated string.
// A quoted value without its quotes and escapes; `trailing` says why one cannot be read:
// text after the closing quote (true) or no closing quote (false).
std::optional<std::string> unquote(std::string_view value, bool& trailing) {
    trailing = false;
    if (value.empty() || value.front() != '"') {
        return std::string(value);
    }
    std::string text;
    for (std::size_t i = 1; i < value.size(); ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) {
            text += value[++i];
        } else if (value[i] == '"') {
            if (i + 1 != value.size()) {
                trailing = true;
                return std::nullopt;
            }
            return text;
        } else {
            text += value[i];
        }
    }
    return std::nullopt;
}

class Parser {
  public:
    Parser(std::string_view text, std::string name) : m_text(text), m_name(std::move(name)) {}

    ConfigLoad run();

  private:
    void error(int line, std::string message, std::string hint) {
        m_load.diagnostics.push_back(
            dg::make("KC001", {}, std::move(message), std::move(hint), {m_name, line, 0}));
    }
    void line(std::string_view text, int number);
    void not_an_option(std::string_view text, int number);
    void comment(std::string_view text, int number);
    void header_release(std::string_view release, int number);
    void add(std::string name, Setting setting);
    void detect();

    std::string_view m_text;
    std::string m_name;
    KernelConfig m_config;
    ConfigLoad m_load;
    std::string m_header_arch;
    bool m_zephyr_header = false;
    std::size_t m_not_options = 0;  // lines that are not options, reported or not
    std::size_t m_bad_values = 0;   // options whose value cannot be read (reported)
    std::size_t m_repeated = 0;     // options given again with the same value (KC003)
    std::size_t m_conflicting = 0;  // options given again with another value (KC002)
    bool m_full = false;            // the option limit was reached; reading stopped
};

// Lines that are not options reported one by one; the rest are counted. A file of many
// such lines is the wrong file, and a few lines say so.
constexpr std::size_t k_reported_non_options = 5;
// Options given twice, listed one by one up to this many per code; the rest are counted,
// so a file of one line repeated cannot flood the terminal.
constexpr std::size_t k_reported_repeats = 20;

void Parser::comment(std::string_view text, int number) {
    // "# CONFIG_X is not set" records a disabled option; other comments are the header
    // or menu titles.
    constexpr std::string_view k_suffix = " is not set";
    std::string_view body = util::trim(text.substr(1));
    if (body.size() > k_suffix.size() && body.ends_with(k_suffix)) {
        const std::string_view name = body.substr(0, body.size() - k_suffix.size());
        if (is_symbol(name)) {
            add(std::string(name), {{}, true, number});
            return;
        }
    }
    // "Linux/x86 6.1.0 Kernel Configuration": the release and the architecture folder.
    constexpr std::string_view k_linux_title = " Kernel Configuration";
    if (body.starts_with("Linux/") && body.ends_with(k_linux_title)) {
        const std::size_t space = body.find(' ');
        const std::size_t title = body.size() - k_linux_title.size();
        m_header_arch = std::string(body.substr(6, space - 6));
        if (space < title) {
            header_release(body.substr(space + 1, title - space - 1), number);
        }
        m_config.family = Family::linux_kernel;
    } else if (util::to_lower(body).find("zephyr") != std::string::npos &&
               body.ends_with("Configuration")) {
        m_zephyr_header = true;
    }
}

// The release of a Linux header; one that cannot be read leaves the release unknown.
void Parser::header_release(std::string_view release, int number) {
    m_config.version = parse_version(release);
    if (m_config.version) {
        return;
    }
    constexpr std::size_t k_shown = 40;
    m_load.diagnostics.push_back(dg::make(
        "KC008", {},
        fmt::format("the header's release '{}{}' is not a kernel version; rules that depend on "
                    "the release are judged not applicable",
                    release.substr(0, k_shown), release.size() > k_shown ? "..." : ""),
        "give the release with --kernel-version (6.1 or 6.1.90), or regenerate the .config",
        {m_name, number, 0}));
}

void Parser::add(std::string name, Setting setting) {
    if (m_config.options.size() >= util::k_max_kernel_options && !m_config.options.contains(name)) {
        error(setting.line,
              fmt::format("more than {} options (disabled ones included); reading stopped here",
                          util::k_max_kernel_options),
              "this is not a kernel configuration; check the path");
        m_full = true;
        return;
    }
    const auto [found, inserted] = m_config.options.try_emplace(name, setting);
    if (inserted) {
        return;
    }
    const Setting& first = found->second;
    const auto shown = [](const Setting& s) {
        return s.not_set ? std::string("is not set") : s.value;
    };
    const bool same = first.not_set == setting.not_set && first.value == setting.value;
    if (++(same ? m_repeated : m_conflicting) > k_reported_repeats) {
        return;
    }
    if (same) {
        m_load.diagnostics.push_back(
            dg::make("KC003", {},
                     fmt::format("{} is given again (first on line {}) with the same value", name,
                                 first.line),
                     "remove the repeated line", {m_name, setting.line, 0}));
        return;
    }
    m_load.diagnostics.push_back(dg::make(
        "KC002", {},
        fmt::format("{} is '{}' here but '{}' on line {}", name, shown(setting), shown(first),
                    first.line),
        "a .config names each option once; regenerate it (make olddefconfig) or keep one line",
        {m_name, setting.line, 0}));
}

void Parser::line(std::string_view text, int number) {
    if (!text.empty() && text.back() == '\r') {
        text.remove_suffix(1);
    }
    const std::string_view trimmed = util::trim(text);
    if (trimmed.empty()) {
        return;
    }
    if (trimmed.front() == '#') {
        comment(trimmed, number);
        return;
    }
    const std::size_t equals = trimmed.find('=');
    const std::string_view name =
        util::trim(trimmed.substr(0, equals == std::string_view::npos ? trimmed.size() : equals));
    if (equals == std::string_view::npos || !is_symbol(name)) {
        not_an_option(trimmed, number);
        return;
    }
    bool trailing = false;
    const std::optional<std::string> value =
        unquote(util::trim(trimmed.substr(equals + 1)), trailing);
    if (!value) {
        ++m_bad_values;
    }
    if (!value && trailing) {
        error(number, fmt::format("the value of {} has text after its closing quote", name),
              "quote the whole value (a quote inside it is written \\\"), or regenerate the file");
        return;
    }
    if (!value) {
        error(number, fmt::format("the value of {} has no closing quote", name),
              "the file may be truncated; regenerate it");
        return;
    }
    add(std::string(name), {*value, false, number});
}

// The line is reported by number and shape only: its text may be a secret (a .env or a
// credentials file given by mistake), so none of it is quoted.
void Parser::not_an_option(std::string_view text, int number) {
    if (++m_not_options > k_reported_non_options) {
        return;
    }
    const std::size_t equals = text.find('=');
    error(number,
          equals == std::string_view::npos
              ? "this line is not an option line: it has no '=' (its text is not shown)"
              : "this line is not an option line: the name before '=' is not a CONFIG_ symbol "
                "(its text is not shown)",
          "a .config line is CONFIG_NAME=value, '# CONFIG_NAME is not set', a comment or blank");
}

bool enabled(const KernelConfig& config, std::string_view option) {
    const Setting* setting = config.find(option);
    return setting != nullptr && !setting->not_set && setting->value == "y";
}

void Parser::detect() {
    // The options that define the architecture, in the order the rules prefer them.
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> k_arch_options = {
        {{"CONFIG_X86_64", "x86_64"},
         {"CONFIG_X86_32", "x86_32"},
         {"CONFIG_ARM64", "arm64"},
         {"CONFIG_ARM", "arm"},
         {"CONFIG_RISCV", "riscv"},
         {"CONFIG_XTENSA", "xtensa"},
         {"CONFIG_ARC", "arc"},
         {"CONFIG_X86", "x86_64"},
         {"CONFIG_ARCH_POSIX", "posix"}}};
    for (const auto& [option, arch] : k_arch_options) {
        if (enabled(m_config, option)) {
            m_config.arch = std::string(arch);
            break;
        }
    }
    // Zephyr's configurations carry its own symbols; Linux's carry the header above.
    const bool zephyr_symbols = m_config.find("CONFIG_ZEPHYR_BASE") != nullptr ||
                                m_config.find("CONFIG_KERNEL_BIN_NAME") != nullptr ||
                                m_config.find("CONFIG_BOARD") != nullptr;
    if (m_zephyr_header || (m_config.family == Family::unknown && zephyr_symbols)) {
        m_config.family = Family::zephyr;
        if (enabled(m_config, "CONFIG_X86") && !enabled(m_config, "CONFIG_X86_64")) {
            m_config.arch = "x86_32";
        }
    }
    if (m_config.arch.empty() && !m_header_arch.empty()) {
        m_config.arch = canonical_arch(m_header_arch);
    }
}

ConfigLoad Parser::run() {
    // Editors on Windows may start a UTF-8 file with a byte order mark; it is not content.
    constexpr std::string_view k_byte_order_mark = "\xef\xbb\xbf";
    const std::size_t skipped =
        m_text.starts_with(k_byte_order_mark) ? k_byte_order_mark.size() : 0;
    m_text.remove_prefix(skipped);
    if (const std::optional<std::size_t> bad = util::find_invalid_utf8(m_text)) {
        const util::LineColumn at = util::line_column(m_text, *bad);
        m_load.diagnostics.push_back(dg::make(
            "KC005", {}, fmt::format("byte {} is not text: this is a binary file", skipped + *bad),
            "give a .config, its gzip, or a kernel image or module built with IKCONFIG",
            {m_name, at.line, at.column}));
        return std::move(m_load);
    }
    if (const std::optional<std::size_t> control = util::find_control_character(m_text)) {
        const util::LineColumn at = util::line_column(m_text, *control);
        m_load.diagnostics.push_back(
            dg::make("KC005", {},
                     fmt::format("byte {} is a control character: this is not a .config",
                                 skipped + *control),
                     "give a .config, its gzip, or a kernel image or module built with IKCONFIG",
                     {m_name, at.line, at.column}));
        return std::move(m_load);
    }
    if (m_text.find('\n') == std::string_view::npos &&
        m_text.find('\r') != std::string_view::npos) {
        error(1, "the file uses CR line endings (classic Mac OS), so it reads as one line",
              "convert them to LF: tr '\\r' '\\n' < FILE > FILE.unix");
        return std::move(m_load);
    }
    int number = 0;
    std::size_t start = 0;
    while (start < m_text.size() && !m_full) {
        const std::size_t end = m_text.find('\n', start);
        ++number;
        line(m_text.substr(start,
                           end == std::string_view::npos ? std::string_view::npos : end - start),
             number);
        start = end == std::string_view::npos ? m_text.size() : end + 1;
    }
    // What was counted rather than listed, one line per code.
    const auto counted = [&](std::size_t count, std::size_t listed, std::string_view code,
                             std::string_view what, std::string_view hint) {
        if (count > listed) {
            m_load.diagnostics.push_back(
                dg::make(code, {}, fmt::format("and {} more {}", count - listed, what),
                         std::string(hint), {m_name, 0, 0}));
        }
    };
    counted(m_repeated, k_reported_repeats, "KC003", "options given again with the same value",
            "remove the repeated lines");
    counted(m_conflicting, k_reported_repeats, "KC002",
            "options given again with a different value",
            "regenerate the configuration (make olddefconfig)");
    counted(m_not_options, k_reported_non_options, "KC001", "lines that are not options",
            "this is probably not a kernel configuration; check the path");
    if (m_config.options.empty() && m_bad_values == 0) {
        m_load.diagnostics.push_back(dg::make("KC001", {}, "no CONFIG_ option in the file",
                                              "give the build's .config", {m_name, 0, 0}));
    }
    detect();
    if (!dg::has_errors(m_load.diagnostics)) {
        m_config.origin = "text";
        m_load.config = std::move(m_config);
    }
    return std::move(m_load);
}

// The IKCONFIG markers the kernel puts around its gzip-compressed configuration.
constexpr std::string_view k_start_marker = "IKCFG_ST";
constexpr std::string_view k_end_marker = "IKCFG_ED";

ConfigLoad read_embedded(std::string_view bytes, std::size_t start, const std::string& name) {
    const std::size_t blob = start + k_start_marker.size();
    const std::size_t end = bytes.find(k_end_marker, blob);
    ConfigLoad load;
    const std::string where = fmt::format("{}@0x{:x}", name, start);
    if (end == std::string_view::npos) {
        load.diagnostics.push_back(dg::make(
            "KC004", {},
            fmt::format("the IKCONFIG blob at offset 0x{:x} has no IKCFG_ED end marker", start),
            "the image is truncated; extract it again", {where, 0, 0}));
        return load;
    }
    const Inflated inflated =
        gunzip(bytes.substr(blob, end - blob), util::k_max_kernel_config_bytes);
    if (!inflated.data) {
        load.diagnostics.push_back(
            dg::make("KC004", {},
                     fmt::format("the IKCONFIG blob at offset 0x{:x} cannot be decompressed: {}",
                                 start, inflated.error),
                     "the image is damaged; extract it again", {where, 0, 0}));
        return load;
    }
    load = parse_config(*inflated.data, where);
    if (load.config) {
        load.config->origin = fmt::format("IKCONFIG at offset 0x{:x}", start);
    }
    return load;
}

}  // namespace

ConfigLoad parse_config(std::string_view text, const std::string& name) {
    return Parser(text, name).run();
}

InputKind sniff(std::string_view head) {
    if (is_gzip(head)) {
        return InputKind::gzip;
    }
    constexpr std::string_view k_elf_magic =
        "\x7f"
        "ELF";
    if (head.starts_with(k_elf_magic) || head.find('\0') != std::string_view::npos) {
        return InputKind::binary;
    }
    return InputKind::text;
}

ConfigLoad read_config(std::string_view bytes, const std::string& name) {
    ConfigLoad load;
    switch (sniff(bytes)) {
        case InputKind::gzip: {
            const Inflated inflated = gunzip(bytes, util::k_max_kernel_config_bytes);
            if (!inflated.data) {
                load.diagnostics.push_back(dg::make(
                    "KC004", {},
                    fmt::format("the gzip stream cannot be decompressed: {}", inflated.error),
                    "check the file is a complete .config.gz (gzip -t)", {name, 0, 0}));
                return load;
            }
            load = parse_config(*inflated.data, name);
            if (load.config) {
                load.config->origin = "gzip";
            }
            return load;
        }
        case InputKind::binary:
            break;
        case InputKind::text:
            // A .config may name the marker in a comment or a value; only images hold a blob.
            if (bytes.size() > util::k_max_kernel_config_bytes) {
                load.diagnostics.push_back(
                    dg::make("KC001", {},
                             fmt::format("{} bytes, more than the {} bytes a text .config may have",
                                         bytes.size(), util::k_max_kernel_config_bytes),
                             "check the path", {name, 0, 0}));
                return load;
            }
            return parse_config(bytes, name);
    }
    const std::size_t marker = bytes.find(k_start_marker);
    if (marker != std::string_view::npos) {
        return read_embedded(bytes, marker, name);
    }
    const std::size_t nul = bytes.find('\0');
    const util::LineColumn at = util::line_column(bytes, nul == std::string_view::npos ? 0 : nul);
    load.diagnostics.push_back(dg::make(
        "KC005", {},
        nul == std::string_view::npos
            ? std::string(
                  "binary file (ELF) without an embedded configuration (no IKCFG_ST marker)")
            : fmt::format("byte {} is NUL: a binary file without an embedded configuration (no "
                          "IKCFG_ST marker)",
                          nul),
        "give the .config as text; or, for a kernel, kernel/configs.ko or an uncompressed vmlinux "
        "built with CONFIG_IKCONFIG (a compressed bzImage or vmlinuz cannot be searched)",
        {name, at.line, at.column}));
    return load;
}

}  // namespace iotconform::kconfig
