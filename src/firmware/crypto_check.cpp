// The crypto check: component versions against their end of life, and weak settings.
#include "firmware/crypto_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <optional>

#include "firmware/service_configs.hpp"
#include "firmware/tls_settings.hpp"
#include "standard/catalog.hpp"
#include "util/limits.hpp"
#include "util/text.hpp"

namespace iotconform::firmware {

namespace {

using diagnostics::Severity;

struct Branch {
    std::string branch;
    std::string eol;  // "YYYY-MM-DD"
    std::string source;
};

struct Product {
    std::string name;
    std::vector<std::string> markers;
    std::vector<std::string> files;
    std::map<std::string, std::string, std::less<>> sonames;
    std::vector<Branch> branches;
};

struct Distribution {
    std::string id;
    std::string version_id;
    std::string until;
    std::string source;
    std::map<std::string, std::string, std::less<>> branches;  // product -> branch kept
};

struct CryptoData {
    RuleTable rules{{}};
    std::vector<Product> products;
    std::vector<Distribution> distributions;
};

Product load_product(const YAML::Node& node) {
    Product product{node["name"].as<std::string>(),
                    yaml_strings(node["markers"]),
                    yaml_strings(node["files"]),
                    yaml_string_map(node["sonames"]),
                    {}};
    for (const YAML::Node& branch : node["branches"]) {
        product.branches.push_back({branch["branch"].as<std::string>(),
                                    branch["eol"].as<std::string>(),
                                    branch["source"].as<std::string>()});
    }
    return product;
}

CryptoData load_crypto_data() {
    CryptoData data;
    data.rules = load_rule_table(embedded_yaml("firmware/crypto.yaml")["rules"],
                                 "data/firmware/crypto.yaml");
    const YAML::Node eol = embedded_yaml("firmware/crypto-eol.yaml");
    for (const YAML::Node& node : eol["products"]) {
        data.products.push_back(load_product(node));
    }
    for (const YAML::Node& node : eol["distributions"]) {
        data.distributions.push_back(
            {node["id"].as<std::string>(), node["version_id"].as<std::string>(),
             node["until"].as<std::string>(), node["source"].as<std::string>(),
             yaml_string_map(node["branches"])});
    }
    return data;
}

const CryptoData& data() {
    static const CryptoData loaded =
        load_data_table("data/firmware/crypto*.yaml", load_crypto_data);
    return loaded;
}

bool is_version_char(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.';
}

// The version right after a marker at `at`: a digit, then digits, letters and dots.
std::optional<std::string> version_at(std::string_view content, std::size_t at) {
    constexpr std::size_t k_max_version = 24;
    if (at >= content.size() || content[at] < '0' || content[at] > '9') {
        return std::nullopt;
    }
    std::size_t end = at;
    while (end < content.size() && end - at < k_max_version && is_version_char(content[end])) {
        ++end;
    }
    std::string_view version = content.substr(at, end - at);
    while (version.ends_with('.')) {
        version.remove_suffix(1);
    }
    return version.find('.') == std::string_view::npos ? std::nullopt
                                                       : std::optional(std::string(version));
}

// The first version behind any of `product`'s markers, with its offset.
std::optional<std::pair<std::string, std::size_t>> product_version(std::string_view content,
                                                                   const Product& product) {
    constexpr int k_max_tries = 64;  // marker hits without a version after them
    std::optional<std::pair<std::string, std::size_t>> best;
    for (const std::string& marker : product.markers) {
        std::size_t at = content.find(marker);
        for (int tries = 0; at != std::string_view::npos && tries < k_max_tries; ++tries) {
            if (const auto version = version_at(content, at + marker.size())) {
                if (!best || at < best->second) {
                    best = std::make_pair(*version, at);
                }
                break;
            }
            at = content.find(marker, at + 1);
        }
    }
    return best;
}

// True when `version` lies in `branch`: it starts with it and no digit follows.
bool in_branch(std::string_view version, std::string_view branch) {
    return version.starts_with(branch) &&
           (version.size() == branch.size() || version[branch.size()] < '0' ||
            version[branch.size()] > '9');
}

bool is_candidate_name(std::string_view name) {
    const std::string lower = util::to_lower(name);
    for (const std::string_view part : {"ssl", "tls", "ssh", "crypto"}) {
        if (lower.find(part) != std::string::npos) {
            return true;
        }
    }
    return std::any_of(data().products.begin(), data().products.end(), [&](const Product& p) {
        return std::any_of(p.files.begin(), p.files.end(),
                           [&](const std::string& file) { return name.starts_with(file); });
    });
}

bool is_elf(std::string_view content) {
    return content.starts_with(
        "\x7f"
        "ELF");
}

}  // namespace

const RuleTable& crypto_rules() {
    return data().rules;
}

std::vector<std::pair<FoundVersion, std::size_t>> find_versions(std::string_view content) {
    content = content.substr(0, std::min(content.size(), util::k_max_version_scan_bytes));
    std::vector<std::pair<FoundVersion, std::size_t>> found;
    for (const Product& product : data().products) {
        if (const auto version = product_version(content, product)) {
            found.push_back({{product.name, version->first}, version->second});
        }
    }
    return found;
}

std::string today_utc() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char text[16] = {};
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

struct CryptoCheck::State {
    std::string standard_id;
    std::string today;
    struct Found {
        FoundVersion version;
        std::string location;  // "usr/lib/libssl.so.3@0x1f40" or the path for a name
        bool from_name = false;
    };
    std::vector<Found> versions;
    std::vector<judge::Finding> findings;
    std::vector<diagnostics::Diagnostic> diagnostics;
    std::string os_id;
    std::string os_version_id;
    bool overflow = false;

    void binary(const FileEntry& entry, std::string_view name, std::string_view content);
    void settings(const FileEntry& entry, TlsConfigKind kind, std::string_view content);
    void os_release(std::string_view content);
    judge::Finding judge_version(const Found& found) const;
    std::optional<std::string> distribution_support(const Product& product,
                                                    const std::string& branch) const;
};

CryptoCheck::CryptoCheck(const standard::Standard& edition, std::string today)
    : m_state(std::make_unique<State>()) {
    m_state->standard_id = edition.id();
    m_state->today = std::move(today);
    (void)data();  // a broken table fails here, not halfway through an image
}

CryptoCheck::CryptoCheck() : CryptoCheck(standard::default_standard(), today_utc()) {}

CryptoCheck::~CryptoCheck() = default;

void CryptoCheck::State::binary(const FileEntry& entry, std::string_view name,
                                std::string_view content) {
    if (content.size() > util::k_max_version_scan_bytes || entry.truncated) {
        diagnostics.push_back(diagnostics::make(
            "FW073", {},
            fmt::format("{}: only the first {} bytes were searched for version strings", entry.path,
                        std::min<std::size_t>(content.size(), util::k_max_version_scan_bytes)),
            {}, {entry.path}));
    }
    std::vector<std::string> products;
    for (auto& [version, offset] : find_versions(content)) {
        products.push_back(version.product);
        versions.push_back(
            {std::move(version), fmt::format("{}@0x{:x}", entry.path, offset), false});
    }
    for (const Product& product : data().products) {
        const auto soname = product.sonames.find(std::string(name));
        if (soname != product.sonames.end() &&
            std::find(products.begin(), products.end(), product.name) == products.end()) {
            versions.push_back({{product.name, soname->second}, entry.path, true});
        }
    }
}

void CryptoCheck::State::settings(const FileEntry& entry, TlsConfigKind kind,
                                  std::string_view content) {
    const ConfigText text = read_config_text(content);
    for (diagnostics::Diagnostic& diagnostic : config_text_diagnostics(text, entry.path)) {
        diagnostics.push_back(std::move(diagnostic));
    }
    for (const WeakSetting& setting : weak_settings(kind, text)) {
        const std::string_view rule = setting.weakness == Weakness::protocol ? "FW-TLS-001"
                                      : setting.weakness == Weakness::cipher ? "FW-TLS-002"
                                                                             : "FW-CRYPTO-003";
        findings.push_back(data().rules.finding(rule, standard_id, setting.what,
                                                line_location(entry.path, setting.line)));
    }
}

void CryptoCheck::State::os_release(std::string_view content) {
    const std::map<std::string, Assignment> values = shell_assignments(read_config_text(content));
    const auto value = [&](const char* key) {
        const auto found = values.find(key);
        return found == values.end() ? std::string() : found->second.value;
    };
    os_id = value("ID");
    os_version_id = value("VERSION_ID");
}

std::optional<std::string> CryptoCheck::State::distribution_support(
    const Product& product, const std::string& branch) const {
    for (const Distribution& distribution : data().distributions) {
        const auto kept = distribution.branches.find(product.name);
        if (distribution.id == os_id && distribution.version_id == os_version_id &&
            kept != distribution.branches.end() && kept->second == branch &&
            distribution.until >= today) {
            return fmt::format("{} {} keeps it under security support until {} ({})",
                               distribution.id, distribution.version_id, distribution.until,
                               distribution.source);
        }
    }
    return std::nullopt;
}

judge::Finding CryptoCheck::State::judge_version(const Found& found) const {
    const auto product =
        std::find_if(data().products.begin(), data().products.end(),
                     [&](const Product& p) { return p.name == found.version.product; });
    const std::string what = fmt::format("{} {}{}", found.version.product, found.version.version,
                                         found.from_name ? " (from the library's file name)" : "");
    const auto branch =
        std::find_if(product->branches.begin(), product->branches.end(),
                     [&](const Branch& b) { return in_branch(found.version.version, b.branch); });
    if (branch == product->branches.end()) {
        return data().rules.finding("FW-CRYPTO-002", standard_id,
                                    fmt::format("{}; no end-of-life data for this release", what),
                                    found.location);
    }
    if (branch->eol >= today) {
        return data().rules.finding("FW-CRYPTO-002", standard_id,
                                    fmt::format("{}; branch {} is supported until {} ({})", what,
                                                branch->branch, branch->eol, branch->source),
                                    found.location);
    }
    if (const auto support = distribution_support(*product, branch->branch)) {
        return data().rules.finding(
            "FW-CRYPTO-002", standard_id,
            fmt::format("{}; upstream support for branch {} ended on {}, but {}", what,
                        branch->branch, branch->eol, *support),
            found.location);
    }
    return data().rules.finding("FW-CRYPTO-001", standard_id,
                                fmt::format("{}: branch {} reached end of life on {} ({})", what,
                                            branch->branch, branch->eol, branch->source),
                                found.location);
}

void CryptoCheck::visit(const FileEntry& entry, util::Bytes bytes) {
    if (entry.type != FileType::regular) {
        return;
    }
    const std::string_view inner = inner_path(entry.path);
    const std::string_view content = as_text(bytes);
    State& state = *m_state;
    if (const std::optional<TlsConfigKind> kind = tls_config_kind(inner)) {
        state.settings(entry, *kind, content);
    } else if (inner == "etc/os-release" || inner == "usr/lib/os-release") {
        state.os_release(content);
    } else if (is_elf(content) && is_candidate_name(base_name(inner))) {
        if (state.versions.size() >= util::k_max_check_records) {
            state.overflow = true;
            return;
        }
        state.binary(entry, base_name(inner), content);
    }
}

void CryptoCheck::finish(std::vector<judge::Finding>& findings,
                         std::vector<diagnostics::Diagnostic>& diagnostics) {
    State& state = *m_state;
    for (const State::Found& found : state.versions) {
        state.findings.push_back(state.judge_version(found));
    }
    if (state.overflow) {
        state.diagnostics.push_back(diagnostics::make(
            "FW072", {},
            fmt::format("the crypto check stopped identifying components after {} versions",
                        util::k_max_check_records)));
    }
    std::move(state.findings.begin(), state.findings.end(), std::back_inserter(findings));
    std::move(state.diagnostics.begin(), state.diagnostics.end(), std::back_inserter(diagnostics));
    state.findings.clear();
    state.diagnostics.clear();
    state.versions.clear();
}

}  // namespace iotconform::firmware
