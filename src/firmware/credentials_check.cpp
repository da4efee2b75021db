// The credentials rules. Locations are "path:line"; the message names the account and,
// for a guessed password, the password itself: it is one of a public list, so printing it
// discloses nothing an attacker does not try first.
#include "firmware/credentials_check.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "standard/embedded_data.hpp"
#include "util/limits.hpp"

namespace iotconform::firmware {

namespace dg = diagnostics;
using judge::Effect;

namespace {

std::vector<std::string> load_default_passwords() {
    for (const standard::EmbeddedFile& file : standard::embedded_files()) {
        if (file.name == "firmware/default-passwords.yaml") {
            return YAML::Load(std::string(file.content))["passwords"]
                .as<std::vector<std::string>>();
        }
    }
    return {};
}

std::string folder_of(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

std::string base_name(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool login_shell(const std::string& shell) {
    for (const char* none : {"nologin", "false", "sync", "halt", "shutdown"}) {
        if (shell.ends_with(none)) {
            return false;
        }
    }
    return true;
}

std::string_view as_text(util::Bytes content) {
    return {reinterpret_cast<const char*>(content.data()), content.size()};
}

}  // namespace

CredentialsCheck::CredentialsCheck() : m_defaults(load_default_passwords()) {}

void CredentialsCheck::visit(const FileEntry& entry, util::Bytes content) {
    if (entry.type != FileType::regular || content.empty()) {
        return;
    }
    const std::string name = base_name(entry.path);
    const std::string_view text = as_text(content);
    if (name == "passwd" || name == "passwd-" || name == "master.passwd") {
        Parsed<PasswdEntry> parsed = parse_passwd(text);
        if (!parsed.entries.empty()) {
            Folder& folder =
                m_folders[folder_of(entry.path) + "/" + (name == "passwd-" ? "-" : "")];
            folder.passwd_path = entry.path;
            folder.passwd = std::move(parsed.entries);
            return;
        }
    }
    if (name == "shadow" || name == "shadow-") {
        Parsed<ShadowEntry> parsed = parse_shadow(text);
        Folder& folder = m_folders[folder_of(entry.path) + "/" + (name == "shadow-" ? "-" : "")];
        folder.shadow_path = entry.path;
        folder.shadow = std::move(parsed.entries);
        return;
    }
    // htpasswd files, and "user:hash" password files such as mosquitto's.
    // A file merely named "passwd" elsewhere (documentation, lintian overrides) is not one.
    const bool credential_place = entry.path.find("usr/share/") == std::string::npos;
    if (credential_place && (name.find("htpasswd") != std::string::npos || name == "passwd" ||
                             name.ends_with(".passwd"))) {
        Parsed<HtpasswdEntry> parsed = parse_htpasswd(text);
        const bool plausible =
            std::none_of(parsed.entries.begin(), parsed.entries.end(), [](const HtpasswdEntry& e) {
                return e.secret.find_first_of(" \t") != std::string::npos || e.secret.empty();
            });
        if (!parsed.entries.empty() && parsed.malformed_lines == 0 && plausible) {
            m_htpasswd.push_back({entry.path, std::move(parsed.entries)});
        }
    }
}

std::optional<std::string> CredentialsCheck::guess(const std::string& account,
                                                   const std::string& field,
                                                   const std::string& location) {
    // crypt is slow by design, and a hostile hash can be made as slow as it likes: each
    // hash's cost is read from its parameters, and the image has one budget. A hash is
    // tried against the whole list or not at all, so what was tried is easy to state.
    const GuessCost cost = guess_cost(field);
    const double work = cost.units * static_cast<double>(m_defaults.size() + 1);
    std::string refusal = cost.refusal;
    if (refusal.empty() && m_guessed >= util::k_max_accounts_guessed) {
        refusal = fmt::format("only the first {} hashes of an image are tried",
                              util::k_max_accounts_guessed);
    } else if (refusal.empty() && m_work + work > util::k_max_guess_work) {
        refusal = "the image's budget for trying default passwords is spent";
    }
    if (!refusal.empty()) {
        m_untried.push_back({account, location, std::move(refusal)});
        return std::nullopt;
    }
    ++m_guessed;
    m_work += work;
    if (password_matches(account, field)) {
        return account;
    }
    for (const std::string& candidate : m_defaults) {
        if (password_matches(candidate, field)) {
            return candidate;
        }
    }
    return std::nullopt;
}

void CredentialsCheck::report_untried(std::vector<dg::Diagnostic>& diagnostics) const {
    constexpr std::size_t k_listed = 10;
    for (std::size_t i = 0; i < m_untried.size() && i < k_listed; ++i) {
        const Untried& untried = m_untried[i];
        // Locations are "path:line"; the position keeps them apart for SARIF and editors.
        const std::size_t colon = untried.location.rfind(':');
        dg::SourcePosition position{untried.location.substr(0, colon)};
        position.line = std::atoi(untried.location.c_str() + colon + 1);
        diagnostics.push_back(dg::make(
            "FW090", "5.1-1",
            fmt::format("the password of '{}' was not tried against the default passwords: {}",
                        untried.account, untried.reason),
            "check this account's password by other means; a hash this costly is unusual in "
            "firmware",
            std::move(position)));
    }
    if (m_untried.size() > k_listed) {
        diagnostics.push_back(
            dg::make("FW090", "5.1-1",
                     fmt::format("{} more passwords were not tried against the default passwords",
                                 m_untried.size() - k_listed),
                     "check those accounts' passwords by other means"));
    }
}

void CredentialsCheck::judge_password(const std::string& account, const std::string& field,
                                      const std::string& location, bool login,
                                      std::vector<judge::Finding>& findings) {
    const HashScheme scheme = scheme_of(field);
    if (scheme == HashScheme::locked) {
        return;
    }
    if (scheme == HashScheme::empty) {
        findings.push_back(firmware_finding(
            "FW-CRED-001", {"5.1-1"}, Effect::contradicts,
            login ? dg::Severity::error : dg::Severity::warning,
            fmt::format("account '{}' has an empty password{}", account,
                        login ? ": anyone can log in" : ""),
            location,
            "lock the account ('*' in the password field) or give each device its own password"));
        return;
    }
    if (const std::optional<std::string> password = guess(account, field, location)) {
        findings.push_back(firmware_finding(
            "FW-CRED-002", {"5.1-1"}, Effect::contradicts, dg::Severity::error,
            fmt::format("account '{}' has the password '{}', {}", account, *password,
                        *password == account ? "its own name" : "a common default password"),
            location,
            "remove the built-in password; set a unique password per device, or have the user "
            "set one before first use"));
    }
    if (is_weak(scheme)) {
        findings.push_back(firmware_finding(
            "FW-CRED-003", {"5.1-3"}, Effect::contradicts, dg::Severity::warning,
            fmt::format("account '{}' has its password stored as {}, which is fast to crack",
                        account, to_string(scheme)),
            location, "store passwords with yescrypt, bcrypt or SHA-512 crypt"));
    }
}

void CredentialsCheck::judge_folder(const Folder& folder, std::vector<judge::Finding>& findings) {
    std::map<std::string, const ShadowEntry*> shadow;
    for (const ShadowEntry& entry : folder.shadow) {
        shadow.emplace(entry.name, &entry);
    }
    std::set<std::string> judged;
    for (const PasswdEntry& entry : folder.passwd) {
        const bool login = login_shell(entry.shell);
        const std::string where = fmt::format("{}:{}", folder.passwd_path, entry.line);
        if (entry.uid == 0u && entry.name != "root") {
            findings.push_back(firmware_finding(
                "FW-CRED-004", {"5.1-1"}, Effect::informs, dg::Severity::warning,
                fmt::format("account '{}' has user id 0: a second root account", entry.name), where,
                "remove the account, or give it its own user id and only the rights it needs"));
        }
        const auto hashed = shadow.find(entry.name);
        if (entry.password == "x" && hashed != shadow.end()) {
            judged.insert(entry.name);
            judge_password(entry.name, hashed->second->hash,
                           fmt::format("{}:{}", folder.shadow_path, hashed->second->line), login,
                           findings);
            continue;
        }
        if (entry.password == "x") {
            if (login && !folder.shadow_path.empty()) {
                findings.push_back(firmware_finding(
                    "FW-CRED-005", {"5.1-1"}, Effect::informs, dg::Severity::note,
                    fmt::format("login account '{}' has no entry in {}: its password is not set",
                                entry.name, folder.shadow_path),
                    where, "add a locked shadow entry ('*') or remove the account"));
            }
            continue;
        }
        const HashScheme scheme = scheme_of(entry.password);
        if (scheme != HashScheme::empty && scheme != HashScheme::locked) {
            findings.push_back(firmware_finding(
                "FW-CRED-006", {"5.4-1"}, Effect::contradicts, dg::Severity::warning,
                fmt::format("the password hash of '{}' is in {}, which every user can read",
                            entry.name, folder.passwd_path),
                where, "move password hashes to a shadow file readable by root only"));
        }
        judge_password(entry.name, entry.password, where, login, findings);
    }
    for (const ShadowEntry& entry : folder.shadow) {
        if (judged.count(entry.name) == 0 && folder.passwd.empty()) {
            judge_password(entry.name, entry.hash,
                           fmt::format("{}:{}", folder.shadow_path, entry.line), true, findings);
        }
    }
}

void CredentialsCheck::finish(std::vector<judge::Finding>& findings,
                              std::vector<dg::Diagnostic>& diagnostics) {
    for (const auto& [key, folder] : m_folders) {
        judge_folder(folder, findings);
    }
    for (const HtpasswdFile& file : m_htpasswd) {
        for (const HtpasswdEntry& entry : file.entries) {
            const std::string where = fmt::format("{}:{}", file.path, entry.line);
            if (scheme_of(entry.secret) == HashScheme::plain) {
                findings.push_back(firmware_finding(
                    "FW-CRED-007", {"5.4-1"}, Effect::contradicts, dg::Severity::error,
                    fmt::format("the password of '{}' is stored in plain text", entry.name), where,
                    "store a salted hash (htpasswd -B) instead of the password"));
                continue;
            }
            judge_password(entry.name, entry.secret, where, true, findings);
        }
    }
    report_untried(diagnostics);
}

}  // namespace iotconform::firmware
