// Matching and confirming secrets. Hyperscan reports where each pattern matches; a kind
// then confirms the match (a PEM block is read to its end, a PKCS#12 file is opened) and
// words the finding. Secrets are never printed whole: a reader of a report must not learn
// a key from it.
#include "firmware/secrets_check.hpp"

#include <fmt/format.h>
#include <fnmatch.h>
#include <hs/hs.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "standard/embedded_data.hpp"
#include "util/limits.hpp"

namespace iotconform::firmware {

namespace dg = diagnostics;

namespace {

std::vector<std::string> strings(const YAML::Node& node) {
    return node ? node.as<std::vector<std::string>>() : std::vector<std::string>{};
}

std::vector<SecretRule> load_rules() {
    for (const standard::EmbeddedFile& file : standard::embedded_files()) {
        if (file.name != "firmware/secret-rules.yaml") {
            continue;
        }
        std::vector<SecretRule> rules;
        for (const YAML::Node& node : YAML::Load(std::string(file.content))["rules"]) {
            SecretRule rule;
            rule.id = node["id"].as<std::string>();
            rule.title = node["title"].as<std::string>();
            rule.kind = node["kind"].as<std::string>();
            rule.pattern = node["pattern"] ? node["pattern"].as<std::string>() : "";
            rule.anchor = node["anchor"] ? node["anchor"].as<std::string>() : "";
            rule.paths = strings(node["paths"]);
            rule.provisions = strings(node["provisions"]);
            const std::string severity = node["severity"].as<std::string>();
            rule.severity = severity == "error"     ? dg::Severity::error
                            : severity == "warning" ? dg::Severity::warning
                                                    : dg::Severity::note;
            rule.remediation = node["remediation"].as<std::string>();
            rule.examples = strings(node["examples"]);
            rule.negatives = strings(node["negatives"]);
            rules.push_back(std::move(rule));
        }
        return rules;
    }
    throw std::runtime_error("the built-in secret rules (firmware/secret-rules.yaml) are missing");
}

bool path_matches(const SecretRule& rule, const std::string& path) {
    if (rule.paths.empty()) {
        return true;
    }
    return std::any_of(rule.paths.begin(), rule.paths.end(), [&](const std::string& glob) {
        return fnmatch(glob.c_str(), path.c_str(), 0) == 0;
    });
}

std::string_view text_of(util::Bytes bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// "path:line" for text, "path@0xOFFSET" for binary content (a NUL in the first 8 KiB).
std::string location(const std::string& path, util::Bytes content, std::size_t offset) {
    const std::string_view head =
        text_of(content.first(std::min<std::size_t>(content.size(), 8192)));
    if (head.find('\0') != std::string_view::npos) {
        return fmt::format("{}@0x{:x}", path, offset);
    }
    const std::string_view before = text_of(content.first(offset));
    return fmt::format("{}:{}", path, 1 + std::count(before.begin(), before.end(), '\n'));
}

// The first characters of a secret and its length: enough to find it, not to use it.
std::string redacted(std::string_view secret) {
    const std::size_t shown = std::min<std::size_t>(4, secret.size() / 4);
    return fmt::format("{}... ({} characters)", secret.substr(0, shown), secret.size());
}

struct PemKey {
    std::string form;  // "PKCS#8", "PKCS#1 RSA", "SEC1 EC", "DSA", "OpenSSH"
    bool encrypted = false;
};

// Reads an "openssh-key-v1" body far enough to learn its cipher ("none": unencrypted).
bool openssh_encrypted(std::string_view block) {
    const std::size_t body = block.find('\n');
    const std::size_t end = block.find("-----END");
    if (body == std::string_view::npos || end == std::string_view::npos || end < body) {
        return false;
    }
    std::string base64;
    for (const char c : block.substr(body, end - body)) {
        if (c != '\n' && c != '\r') {
            base64 += c;
        }
    }
    base64.resize(std::min<std::size_t>(base64.size() / 4 * 4, 96));
    std::vector<unsigned char> raw(base64.size());
    const int size =
        EVP_DecodeBlock(raw.data(), reinterpret_cast<const unsigned char*>(base64.data()),
                        static_cast<int>(base64.size()));
    static constexpr std::string_view k_magic{"openssh-key-v1\0", 15};
    if (size < static_cast<int>(k_magic.size()) + 8 ||
        std::string_view(reinterpret_cast<const char*>(raw.data()), k_magic.size()) != k_magic) {
        return false;
    }
    const std::size_t at = k_magic.size();
    const std::uint32_t length = (std::uint32_t{raw[at]} << 24) |
                                 (std::uint32_t{raw[at + 1]} << 16) |
                                 (std::uint32_t{raw[at + 2]} << 8) | raw[at + 3];
    if (at + 4 + length > static_cast<std::size_t>(size)) {
        return true;  // a cipher name too long for "none"
    }
    return std::string_view(reinterpret_cast<const char*>(raw.data() + at + 4), length) != "none";
}

PemKey describe_pem(std::string_view block) {
    const std::string_view header = block.substr(0, block.find('\n'));
    PemKey key;
    if (header.find("ENCRYPTED PRIVATE KEY") != std::string_view::npos) {
        return {"PKCS#8", true};
    }
    key.form = header.find("RSA") != std::string_view::npos       ? "PKCS#1 RSA"
               : header.find(" EC ") != std::string_view::npos    ? "SEC1 EC"
               : header.find("DSA") != std::string_view::npos     ? "DSA"
               : header.find("OPENSSH") != std::string_view::npos ? "OpenSSH"
                                                                  : "PKCS#8";
    key.encrypted = key.form == "OpenSSH"
                        ? openssh_encrypted(block)
                        : block.find("Proc-Type: 4,ENCRYPTED") != std::string_view::npos;
    return key;
}

// Whether a PKCS#12 file opens without a password; nullopt when it is not PKCS#12.
std::optional<bool> pkcs12_unprotected(util::Bytes content) {
    const unsigned char* p = content.data();
    PKCS12* p12 = d2i_PKCS12(nullptr, &p, static_cast<long>(content.size()));
    if (p12 == nullptr) {
        return std::nullopt;
    }
    const bool open = PKCS12_verify_mac(p12, nullptr, 0) == 1 || PKCS12_verify_mac(p12, "", 0) == 1;
    PKCS12_free(p12);
    return open;
}

}  // namespace

const std::vector<SecretRule>& secret_rules() {
    static const std::vector<SecretRule> rules = load_rules();
    return rules;
}

namespace {

// The compiled Hyperscan database of the built-in rules: compiled once per process (it
// takes about 0.1 s), shared by every check, which each own their scratch space.
struct Database {
    hs_database_t* database = nullptr;
    std::vector<const SecretRule*> by_id;  // Hyperscan id -> rule

    Database() {
        std::vector<const char*> patterns;
        std::vector<unsigned> flags;
        std::vector<unsigned> ids;
        for (const SecretRule& rule : secret_rules()) {
            if (rule.pattern.empty()) {
                continue;
            }
            patterns.push_back(rule.pattern.c_str());
            // Without start-of-match tracking: it would make the bounded repeats too large to
            // compile; the start is recovered from the end instead (see extent()).
            flags.push_back(HS_FLAG_MULTILINE);
            ids.push_back(static_cast<unsigned>(by_id.size()));
            by_id.push_back(&rule);
        }
        hs_compile_error_t* error = nullptr;
        if (hs_compile_multi(patterns.data(), flags.data(), ids.data(),
                             static_cast<unsigned>(patterns.size()), HS_MODE_BLOCK, nullptr,
                             &database, &error) != HS_SUCCESS) {
            const std::string what = fmt::format(
                "the built-in secret rule {} does not compile: {}",
                error->expression >= 0 ? by_id[static_cast<std::size_t>(error->expression)]->id
                                       : std::string("?"),
                error->message);
            hs_free_compile_error(error);
            throw std::runtime_error(what);
        }
    }
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
};

const Database& database() {
    static const Database compiled;
    return compiled;
}

}  // namespace

struct SecretsCheck::Matcher {
    const Database& compiled = database();
    hs_scratch_t* scratch = nullptr;

    Matcher() {
        if (hs_alloc_scratch(compiled.database, &scratch) != HS_SUCCESS) {
            throw std::runtime_error("cannot allocate Hyperscan scratch space");
        }
    }
    ~Matcher() { hs_free_scratch(scratch); }
    Matcher(const Matcher&) = delete;
    Matcher& operator=(const Matcher&) = delete;
};

SecretsCheck::SecretsCheck() : m_matcher(std::make_unique<Matcher>()) {}
SecretsCheck::~SecretsCheck() = default;

namespace {

struct Match {
    std::size_t rule;
    std::size_t end;  // the earliest end of the rule's first match
};

int on_match(unsigned id, unsigned long long, unsigned long long to, unsigned, void* context) {
    auto& matches = *static_cast<std::vector<Match>*>(context);
    // One match per rule per file is enough to report; keep scanning for the others.
    for (const Match& match : matches) {
        if (match.rule == id) {
            return 0;
        }
    }
    matches.push_back({id, static_cast<std::size_t>(to)});
    return 0;
}

// Shared objects of TLS and crypto libraries, whose self-tests embed fixed keys.
bool is_crypto_library(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    const std::string_view name =
        std::string_view(path).substr(slash == std::string::npos ? 0 : slash + 1);
    for (const std::string_view library :
         {"libcrypto.so", "libssl.so", "libgnutls.so", "libnettle.so", "libhogweed.so",
          "libmbedcrypto.so", "libmbedtls.so", "libwolfssl.so", "libgcrypt.so"}) {
        if (name.starts_with(library)) {
            return true;
        }
    }
    return false;
}

bool token_character(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '+' ||
           c == '/' || c == '=';
}

// Where the matched secret begins and ends, from the earliest end Hyperscan reports: back to
// the rule's anchor ("-----BEGIN"), over a token's characters, or to the line's start for
// configuration lines; and forward to the end of the token or the line.
std::pair<std::size_t, std::size_t> extent(const SecretRule& rule, std::string_view text,
                                           std::size_t end) {
    if (!rule.anchor.empty()) {
        const std::size_t from = end > util::k_max_pem_block ? end - util::k_max_pem_block : 0;
        const std::size_t start = text.substr(from, end - from).rfind(rule.anchor);
        return {start == std::string_view::npos ? from : from + start, end};
    }
    if (rule.kind == "token") {
        std::size_t start = end;
        while (start > 0 && token_character(text[start - 1])) {
            --start;
        }
        std::size_t stop = end;
        while (stop < text.size() && token_character(text[stop])) {
            ++stop;
        }
        return {start, stop};
    }
    const std::size_t line = text.rfind('\n', end == 0 ? 0 : end - 1);
    std::size_t start = line == std::string_view::npos ? 0 : line + 1;
    while (start < end && (text[start] == ' ' || text[start] == '\t')) {
        ++start;
    }
    const std::size_t stop = std::min(text.find('\n', end), text.size());
    return {start, stop};
}

}  // namespace

void SecretsCheck::visit(const FileEntry& entry, util::Bytes content) {
    if (entry.type != FileType::regular) {
        return;
    }
    for (const SecretRule& rule : secret_rules()) {
        if (rule.pattern.empty() && !content.empty() && path_matches(rule, entry.path)) {
            report(rule, entry, content, 0, 0);
        }
    }
    if (content.empty()) {
        return;
    }
    m_bytes += content.size();
    std::vector<Match> matches;
    // Hyperscan scans at most 4 GiB in one call; the per-file limit is far below that.
    hs_scan(m_matcher->compiled.database, reinterpret_cast<const char*>(content.data()),
            static_cast<unsigned>(content.size()), 0, m_matcher->scratch, on_match, &matches);
    for (const Match& match : matches) {
        const SecretRule& rule = *m_matcher->compiled.by_id[match.rule];
        if (path_matches(rule, entry.path)) {
            const auto [start, stop] = extent(rule, text_of(content), match.end);
            report(rule, entry, content, start, stop);
        }
    }
}

void SecretsCheck::report(const SecretRule& rule, const FileEntry& entry, util::Bytes content,
                          std::size_t start, std::size_t end) {
    if (m_per_rule[rule.id]++ >= util::k_max_findings_per_secret_rule) {
        return;
    }
    dg::Severity severity = rule.severity;
    std::string message;
    if (rule.kind == "pem-private-key") {
        for (const SecretRule& host_key : secret_rules()) {
            if (host_key.kind == "path" && path_matches(host_key, entry.path)) {
                --m_per_rule[rule.id];
                return;  // reported as a baked-in host key, which says more
            }
        }
        const std::size_t limit = std::min(content.size(), start + util::k_max_pem_block);
        const PemKey key = describe_pem(text_of(content.subspan(start, limit - start)));
        if (key.encrypted) {
            severity = dg::Severity::warning;
        }
        message = fmt::format("{} {} private key (PEM) is in the image: every unit shares it",
                              key.encrypted ? "a password-protected" : "an unencrypted", key.form);
        if (is_crypto_library(entry.path)) {
            // Crypto libraries carry keys for their known-answer self-tests; every copy of
            // the library has the same ones, and they protect nothing.
            severity = dg::Severity::note;
            message = fmt::format(
                "a {} private key is built into the crypto library {}: most "
                "likely a self-test key; check that nothing uses it",
                key.form, entry.path);
        }
    } else if (rule.kind == "pkcs12") {
        const std::optional<bool> open = pkcs12_unprotected(content);
        if (!open) {
            --m_per_rule[rule.id];
            return;
        }
        severity = *open ? dg::Severity::error : dg::Severity::warning;
        message = fmt::format("a PKCS#12 key store{} is in the image: every unit shares its keys",
                              *open ? " without a password" : " protected by a password");
    } else if (rule.kind == "path") {
        message = fmt::format("{}: identical on every unit, so one unit's key opens them all",
                              rule.title);
    } else if (rule.kind == "config-password") {
        // "key = value": name the key, hide the value.
        const std::string_view line = text_of(content.subspan(start, end - start));
        const std::size_t split = line.find_first_of("=: \t");
        const std::string_view key = line.substr(0, split);
        std::string_view value = split == std::string_view::npos ? "" : line.substr(split);
        const std::size_t value_start = value.find_first_not_of("=: \t\"'");
        value = value_start == std::string_view::npos ? "" : value.substr(value_start);
        message = fmt::format("{}: {} set to {}", rule.title, key, redacted(value));
    } else {
        message = fmt::format("{}: {}", rule.title,
                              redacted(text_of(content.subspan(start, end - start))));
    }
    m_findings.push_back(firmware_finding(rule.id, rule.provisions, judge::Effect::contradicts,
                                          severity, std::move(message),
                                          location(entry.path, content, start), rule.remediation));
}

void SecretsCheck::finish(std::vector<judge::Finding>& findings, std::vector<dg::Diagnostic>&) {
    for (const auto& [rule, count] : m_per_rule) {
        if (count > util::k_max_findings_per_secret_rule) {
            findings.push_back(
                firmware_finding(rule, {"5.4-3"}, judge::Effect::informs, dg::Severity::note,
                                 fmt::format("{} more matches of {} are not listed",
                                             count - util::k_max_findings_per_secret_rule, rule),
                                 "", ""));
        }
    }
    findings.insert(findings.end(), m_findings.begin(), m_findings.end());
    m_findings.clear();
}

}  // namespace iotconform::firmware
