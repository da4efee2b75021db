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

// Reads a decimal number at `text[at]`, advancing `at`; nullopt when none or too long.
std::optional<int> read_number(std::string_view text, std::size_t& at) {
    const std::size_t start = at;
    int value = 0;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])) != 0) {
        if (at - start >= 6) {
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
    const std::optional<int> major = read_number(text, at);
    if (!major || at >= text.size() || text[at] != '.') {
        return std::nullopt;
    }
    ++at;
    const std::optional<int> minor = read_number(text, at);
    if (!minor) {
        return std::nullopt;
    }
    version.major = *major;
    version.minor = *minor;
    if (at < text.size() && text[at] == '.') {
        ++at;
        version.patch = read_number(text, at).value_or(0);
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
std::optional<std::string> unquote(std::string_view value) {
    if (value.empty() || value.front() != '"') {
        return std::string(value);
    }
    std::string text;
    for (std::size_t i = 1; i < value.size(); ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) {
            text += value[++i];
        } else if (value[i] == '"') {
            if (i + 1 != value.size()) {
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
    void comment(std::string_view text, int number);
    void add(std::string name, Setting setting);
    void detect();

    std::string_view m_text;
    std::string m_name;
    KernelConfig m_config;
    ConfigLoad m_load;
    std::string m_header_arch;
    bool m_zephyr_header = false;
};

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
    if (body.starts_with("Linux/") && body.ends_with("Kernel Configuration")) {
        const std::size_t space = body.find(' ');
        if (space != std::string_view::npos) {
            m_header_arch = std::string(body.substr(6, space - 6));
            m_config.version = parse_version(body.substr(space + 1));
            m_config.family = Family::linux_kernel;
        }
    } else if (util::to_lower(body).find("zephyr") != std::string::npos &&
               body.ends_with("Configuration")) {
        m_zephyr_header = true;
    }
}

void Parser::add(std::string name, Setting setting) {
    const auto [found, inserted] = m_config.options.try_emplace(name, setting);
    if (inserted) {
        return;
    }
    const Setting& first = found->second;
    const auto shown = [](const Setting& s) {
        return s.not_set ? std::string("is not set") : s.value;
    };
    if (first.not_set == setting.not_set && first.value == setting.value) {
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
        error(number,
              fmt::format("'{}' is not an option line",
                          trimmed.size() > 60 ? std::string(trimmed.substr(0, 60)) + "..."
                                              : std::string(trimmed)),
              "a .config line is CONFIG_NAME=value, '# CONFIG_NAME is not set' or a comment");
        return;
    }
    const std::optional<std::string> value = unquote(util::trim(trimmed.substr(equals + 1)));
    if (!value) {
        error(number, fmt::format("the value of {} has no closing quote", name),
              "the file may be truncated; regenerate it");
        return;
    }
    if (m_config.options.size() >= util::k_max_kernel_options) {
        error(number, fmt::format("more than {} options", util::k_max_kernel_options),
              "this is not a kernel configuration");
        return;
    }
    add(std::string(name), {*value, false, number});
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
    if (const std::optional<std::size_t> bad = util::find_invalid_utf8(m_text)) {
        const util::LineColumn at = util::line_column(m_text, *bad);
        m_load.diagnostics.push_back(
            dg::make("KC005", {}, fmt::format("byte {} is not text: this is a binary file", *bad),
                     "give a .config, its gzip, or a kernel image or module built with IKCONFIG",
                     {m_name, at.line, at.column}));
        return std::move(m_load);
    }
    if (const std::optional<std::size_t> control = util::find_control_character(m_text)) {
        const util::LineColumn at = util::line_column(m_text, *control);
        m_load.diagnostics.push_back(
            dg::make("KC005", {},
                     fmt::format("byte {} is a control character: this is not a .config", *control),
                     "give a .config, its gzip, or a kernel image or module built with IKCONFIG",
                     {m_name, at.line, at.column}));
        return std::move(m_load);
    }
    int number = 0;
    std::size_t start = 0;
    while (start < m_text.size()) {
        const std::size_t end = m_text.find('\n', start);
        ++number;
        line(m_text.substr(start,
                           end == std::string_view::npos ? std::string_view::npos : end - start),
             number);
        start = end == std::string_view::npos ? m_text.size() : end + 1;
    }
    if (m_config.options.empty()) {
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

ConfigLoad read_config(std::string_view bytes, const std::string& name) {
    if (is_gzip(bytes)) {
        const Inflated inflated = gunzip(bytes, util::k_max_kernel_config_bytes);
        if (!inflated.data) {
            ConfigLoad load;
            load.diagnostics.push_back(
                dg::make("KC004", {},
                         fmt::format("the gzip stream cannot be decompressed: {}", inflated.error),
                         "check the file is a complete .config.gz (gzip -t)", {name, 0, 0}));
            return load;
        }
        ConfigLoad load = parse_config(*inflated.data, name);
        if (load.config) {
            load.config->origin = "gzip";
        }
        return load;
    }
    const std::size_t marker = bytes.find(k_start_marker);
    if (marker != std::string_view::npos) {
        return read_embedded(bytes, marker, name);
    }
    if (bytes.find('\0') != std::string_view::npos) {
        ConfigLoad load;
        load.diagnostics.push_back(dg::make(
            "KC005", {}, "binary file without an embedded configuration (no IKCFG_ST marker)",
            "the kernel was built without CONFIG_IKCONFIG, or the image is compressed "
            "(bzImage, vmlinuz): give kernel/configs.ko, an uncompressed vmlinux, or the .config",
            {name, 0, 0}));
        return load;
    }
    if (bytes.size() > util::k_max_kernel_config_bytes) {
        ConfigLoad load;
        load.diagnostics.push_back(
            dg::make("KC001", {},
                     fmt::format("{} bytes, more than the {} a .config may have", bytes.size(),
                                 util::k_max_kernel_config_bytes),
                     "check the path", {name, 0, 0}));
        return load;
    }
    return parse_config(bytes, name);
}

}  // namespace iotconform::kconfig
