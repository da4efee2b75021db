// Readers of TLS and SSH settings; the tables of weak algorithms are data
// (data/firmware/crypto.yaml).
#include "firmware/tls_settings.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "firmware/rule_table.hpp"
#include "util/text.hpp"

namespace iotconform::firmware {

namespace {

using Names = std::set<std::string, std::less<>>;

struct WeakTables {
    Names cipher_parts;                // upper case
    std::map<std::string, Names> ssh;  // sshd keyword (lower case) -> algorithms
};

WeakTables load_tables() {
    const YAML::Node root = embedded_yaml("firmware/crypto.yaml");
    WeakTables out;
    for (const YAML::Node& part : root["weak_cipher_parts"]) {
        out.cipher_parts.insert(util::to_lower(part.as<std::string>()));
    }
    for (const auto& group : root["weak_ssh_algorithms"]) {
        for (const YAML::Node& name : group.second) {
            out.ssh[group.first.as<std::string>()].insert(name.as<std::string>());
        }
    }
    return out;
}

const WeakTables& tables() {
    static const WeakTables loaded = load_data_table("data/firmware/crypto.yaml", load_tables);
    return loaded;
}

constexpr std::array<std::string_view, 6> k_protocol_names = {"SSL 2.0", "SSL 3.0", "TLS 1.0",
                                                              "TLS 1.1", "TLS 1.2", "TLS 1.3"};
constexpr int k_first_good_rank = 4;  // TLS 1.2

// "allows TLS 1.0, TLS 1.1" for every obsolete version from `rank` up.
std::string allowed_from(int rank) {
    std::vector<std::string> names;
    for (int r = std::max(rank, 0); r < k_first_good_rank; ++r) {
        names.emplace_back(k_protocol_names[static_cast<std::size_t>(r)]);
    }
    return util::join(names, ", ");
}

// A minimum version setting ("MinProtocol", "tls_version", "sslVersionMin").
void minimum(const Directive& directive, std::vector<WeakSetting>& out) {
    const std::optional<int> rank = protocol_rank(directive.value);
    if (rank && *rank < k_first_good_rank) {
        out.push_back(
            {directive.line, Weakness::protocol,
             fmt::format("{} {} allows {}", directive.key, directive.value, allowed_from(*rank))});
    }
}

void ciphers(const Directive& directive, std::string_view list, std::vector<WeakSetting>& out) {
    const std::vector<std::string> weak = weak_cipher_entries(list);
    if (!weak.empty()) {
        out.push_back({directive.line, Weakness::cipher,
                       fmt::format("{} enables {}", directive.key, util::join(weak, ", "))});
    }
}

// Words of a value with separators ',', ';' and blanks.
std::vector<std::string> list_words(std::string_view value) {
    std::string text(value);
    std::replace_if(
        text.begin(), text.end(), [](char c) { return c == ',' || c == ';'; }, ' ');
    return shell_words(text);
}

// A list of versions each allowed ("ssl_protocols TLSv1 TLSv1.2", "sslVersion = TLSv1").
void listed(const Directive& directive, std::vector<WeakSetting>& out) {
    std::vector<std::string> weak;
    for (const std::string& word : list_words(directive.value)) {
        const std::optional<int> rank = protocol_rank(word);
        if ((rank && *rank < k_first_good_rank) || util::iequals(word, "all")) {
            weak.push_back(word);
        }
    }
    if (!weak.empty()) {
        out.push_back({directive.line, Weakness::protocol,
                       fmt::format("{} allows {}", directive.key, util::join(weak, ", "))});
    }
}

// Apache's SSLProtocol: "all", "+X" and "X" add, "-X" removes.
void apache_protocols(const Directive& directive, std::vector<WeakSetting>& out) {
    std::set<int> allowed;
    for (const std::string& word : list_words(directive.value)) {
        const bool remove = word.starts_with('-');
        const std::string_view name = word.starts_with('-') || word.starts_with('+')
                                          ? std::string_view(word).substr(1)
                                          : word;
        std::set<int> ranks;
        if (util::iequals(name, "all")) {
            ranks = {1, 2, 3, 4, 5};
        } else if (const std::optional<int> rank = protocol_rank(name)) {
            ranks = {*rank};
        }
        for (const int rank : ranks) {
            remove ? (void)allowed.erase(rank) : (void)allowed.insert(rank);
        }
    }
    std::vector<std::string> weak;
    for (const int rank : allowed) {
        if (rank < k_first_good_rank) {
            weak.emplace_back(k_protocol_names[static_cast<std::size_t>(rank)]);
        }
    }
    if (!weak.empty()) {
        out.push_back(
            {directive.line, Weakness::protocol,
             fmt::format("SSLProtocol {} allows {}", directive.value, util::join(weak, ", "))});
    }
}

// The quoted value after `"key" =>` on a lighttpd line, or "".
std::string lighttpd_pair(std::string_view line, std::string_view key) {
    const std::size_t at = line.find(fmt::format("\"{}\"", key));
    if (at == std::string_view::npos) {
        return {};
    }
    const std::size_t arrow = line.find("=>", at);
    const std::size_t open = arrow == std::string_view::npos ? arrow : line.find('"', arrow);
    const std::size_t close = open == std::string_view::npos ? open : line.find('"', open + 1);
    return close == std::string_view::npos ? std::string()
                                           : std::string(line.substr(open + 1, close - open - 1));
}

void lighttpd_line(const ConfigLine& line, std::vector<WeakSetting>& out) {
    const std::string min_protocol = lighttpd_pair(line.text, "MinProtocol");
    if (!min_protocol.empty()) {
        minimum({line.number, "MinProtocol", min_protocol}, out);
    }
    const std::string cipher_string = lighttpd_pair(line.text, "CipherString");
    if (!cipher_string.empty()) {
        ciphers({line.number, "CipherString", cipher_string}, cipher_string, out);
    }
    const Directive directive = parse_directive(line);
    const bool enabled = util::iequals(directive.value, "enable");
    if ((directive.key == "ssl.use-sslv3" || directive.key == "ssl.use-sslv2") && enabled) {
        out.push_back({line.number, Weakness::protocol,
                       fmt::format("{} = \"enable\" allows {}", directive.key,
                                   directive.key == "ssl.use-sslv3" ? "SSL 3.0" : "SSL 2.0")});
    } else if (directive.key == "ssl.cipher-list") {
        ciphers(directive, directive.value, out);
    }
}

void ssh_algorithms(const Directive& directive, std::vector<WeakSetting>& out) {
    const auto table = tables().ssh.find(util::to_lower(directive.key));
    if (table == tables().ssh.end() || directive.value.starts_with('-')) {
        return;  // "-list" removes algorithms from the defaults
    }
    std::string_view value = directive.value;
    if (value.starts_with('+') || value.starts_with('^')) {
        value.remove_prefix(1);
    }
    std::vector<std::string> weak;
    for (const std::string& name : util::split(value, ',')) {
        const bool listed_weak =
            std::any_of(table->second.begin(), table->second.end(), [&](const std::string& bad) {
                return name == bad || (bad.ends_with('-') && name.starts_with(bad));
            });
        if (listed_weak) {
            weak.push_back(name);
        }
    }
    if (!weak.empty()) {
        out.push_back({directive.line, Weakness::ssh_algorithm,
                       fmt::format("{} enables {}", directive.key, util::join(weak, ", "))});
    }
}

// Apache's SSLCipherSuite may name the protocol first ("SSLCipherSuite TLSv1.3 ...").
std::string apache_cipher_list(const std::string& value) {
    const std::vector<std::string> words = list_words(value);
    return words.size() > 1 && protocol_rank(words[0]) ? words[1] : value;
}

void directive_of(TlsConfigKind kind, Directive directive, std::vector<WeakSetting>& out) {
    if (kind == TlsConfigKind::nginx && directive.value.ends_with(';')) {
        directive.value.pop_back();
    }
    const auto is = [&](std::string_view key) { return util::iequals(directive.key, key); };
    const bool minimum_key = (kind == TlsConfigKind::openssl && is("MinProtocol")) ||
                             (kind == TlsConfigKind::mosquitto && is("tls_version")) ||
                             (kind == TlsConfigKind::stunnel && is("sslVersionMin"));
    const bool list_key = (kind == TlsConfigKind::nginx && is("ssl_protocols")) ||
                          (kind == TlsConfigKind::stunnel && is("sslVersion"));
    const bool cipher_key = (kind == TlsConfigKind::openssl && is("CipherString")) ||
                            (kind == TlsConfigKind::nginx && is("ssl_ciphers")) ||
                            (kind == TlsConfigKind::mosquitto && is("ciphers")) ||
                            (kind == TlsConfigKind::stunnel && is("ciphers"));
    if (minimum_key) {
        minimum(directive, out);
    } else if (list_key) {
        listed(directive, out);
    } else if (cipher_key) {
        ciphers(directive, directive.value, out);
    } else if (kind == TlsConfigKind::apache && is("SSLProtocol")) {
        apache_protocols(directive, out);
    } else if (kind == TlsConfigKind::apache && is("SSLCipherSuite")) {
        ciphers(directive, apache_cipher_list(directive.value), out);
    } else if (kind == TlsConfigKind::sshd) {
        ssh_algorithms(directive, out);
    }
}

}  // namespace

std::optional<TlsConfigKind> tls_config_kind(std::string_view path) {
    const std::string_view name = base_name(path);
    if (name == "openssl.cnf" ||
        ((path.starts_with("etc/ssl/") || path.starts_with("usr/lib/ssl/")) &&
         name.ends_with(".cnf"))) {
        return TlsConfigKind::openssl;
    }
    if (path == "etc/ssh/sshd_config" ||
        (path.starts_with("etc/ssh/sshd_config.d/") && name.ends_with(".conf"))) {
        return TlsConfigKind::sshd;
    }
    const std::array<std::pair<std::string_view, TlsConfigKind>, 6> k_dirs = {{
        {"etc/lighttpd/", TlsConfigKind::lighttpd},
        {"etc/nginx/", TlsConfigKind::nginx},
        {"etc/apache2/", TlsConfigKind::apache},
        {"etc/httpd/", TlsConfigKind::apache},
        {"etc/mosquitto/", TlsConfigKind::mosquitto},
        {"etc/stunnel/", TlsConfigKind::stunnel},
    }};
    for (const auto& [dir, kind] : k_dirs) {
        if (path.starts_with(dir) && (name.ends_with(".conf") || kind == TlsConfigKind::nginx ||
                                      kind == TlsConfigKind::apache)) {
            return kind;
        }
    }
    return std::nullopt;
}

std::optional<int> protocol_rank(std::string_view name) {
    std::string text = util::to_lower(name);
    std::erase(text, 'v');
    std::replace(text.begin(), text.end(), '_', '.');
    static const std::map<std::string, int, std::less<>> k_ranks = {
        {"ssl2", 0},   {"ssl3", 1},   {"tls1", 2},   {"tls1.0", 2},
        {"tls1.1", 3}, {"tls1.2", 4}, {"tls1.3", 5},
    };
    const auto found = k_ranks.find(text);
    return found == k_ranks.end() ? std::nullopt : std::optional<int>(found->second);
}

std::vector<std::string> weak_cipher_entries(std::string_view list) {
    std::string text(list);
    std::replace_if(
        text.begin(), text.end(), [](char c) { return c == ',' || c == ':'; }, ' ');
    const std::vector<std::string> entries = shell_words(text);
    Names excluded;
    for (const std::string& entry : entries) {
        if (entry.starts_with('!') || entry.starts_with('-')) {
            excluded.insert(util::to_lower(entry.substr(1)));
        }
    }
    std::vector<std::string> weak;
    for (const std::string& entry : entries) {
        if (entry.starts_with('!') || entry.starts_with('-') || entry.starts_with('+')) {
            continue;
        }
        std::string parts_text = util::to_lower(entry);
        std::replace(parts_text.begin(), parts_text.end(), '+', '-');
        for (std::size_t at = parts_text.find('@'); at != std::string::npos;
             at = parts_text.find('@', at + 2)) {
            parts_text.insert(at, 1, '-');  // "DEFAULT@SECLEVEL=0": the level is a part
        }
        for (const std::string& part : util::split(parts_text, '-')) {
            if (tables().cipher_parts.contains(part) && !excluded.contains(part)) {
                weak.push_back(entry);
                break;
            }
        }
    }
    return weak;
}

std::vector<WeakSetting> weak_settings(TlsConfigKind kind, const ConfigText& text) {
    std::vector<WeakSetting> out;
    for (const ConfigLine& line : text.lines) {
        if (kind == TlsConfigKind::lighttpd) {
            lighttpd_line(line, out);
        } else {
            directive_of(kind, parse_directive(line), out);
        }
    }
    return out;
}

}  // namespace iotconform::firmware
