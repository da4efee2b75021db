// Reading account files line by line. A field count decides what a line is; anything
// else is counted as malformed, so a binary file named "passwd" yields no entries.
#include "firmware/account_files.hpp"

#include <crypt.h>
#include <fmt/format.h>
#include <openssl/evp.h>

#include <charconv>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>

#include "util/limits.hpp"

namespace iotconform::firmware {

namespace {

// Calls `on_line(fields, line_number)` for each non-empty, non-comment line.
template <typename OnLine>
void for_each_line(std::string_view text, OnLine on_line) {
    int number = 0;
    std::size_t lines = 0;
    while (!text.empty() && lines++ < util::k_max_account_file_lines) {
        ++number;
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.empty() || line.front() == '#' || line.size() > util::k_max_account_line) {
            continue;
        }
        std::vector<std::string_view> fields;
        std::size_t start = 0;
        while (fields.size() < 16) {
            const std::size_t colon = line.find(':', start);
            fields.push_back(line.substr(start, colon - start));
            if (colon == std::string_view::npos) {
                break;
            }
            start = colon + 1;
        }
        on_line(fields, number);
    }
}

bool printable_name(std::string_view name) {
    if (name.empty() || name.size() > 64) {
        return false;
    }
    for (const char c : name) {
        if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7e) {
            return false;
        }
    }
    return true;
}

}  // namespace

Parsed<PasswdEntry> parse_passwd(std::string_view text) {
    Parsed<PasswdEntry> parsed;
    for_each_line(text, [&](const std::vector<std::string_view>& f, int line) {
        std::uint32_t uid = 0;
        const bool numeric =
            f.size() == 7 &&
            std::from_chars(f[2].data(), f[2].data() + f[2].size(), uid).ec == std::errc{};
        if (f.size() != 7 || !printable_name(f[0])) {
            ++parsed.malformed_lines;
            return;
        }
        parsed.entries.push_back({std::string(f[0]), std::string(f[1]),
                                  numeric ? std::optional<std::uint32_t>(uid) : std::nullopt,
                                  std::string(f[6]), line});
    });
    return parsed;
}

Parsed<ShadowEntry> parse_shadow(std::string_view text) {
    Parsed<ShadowEntry> parsed;
    for_each_line(text, [&](const std::vector<std::string_view>& f, int line) {
        if (f.size() < 2 || f.size() > 9 || !printable_name(f[0])) {
            ++parsed.malformed_lines;
            return;
        }
        parsed.entries.push_back({std::string(f[0]), std::string(f[1]), line});
    });
    return parsed;
}

Parsed<HtpasswdEntry> parse_htpasswd(std::string_view text) {
    Parsed<HtpasswdEntry> parsed;
    for_each_line(text, [&](const std::vector<std::string_view>& f, int line) {
        if (f.size() < 2 || !printable_name(f[0])) {
            ++parsed.malformed_lines;
            return;
        }
        // A crypt hash has no ':'; a plain password may: keep the rest of the line whole.
        std::string secret;
        for (std::size_t i = 1; i < f.size(); ++i) {
            secret += (i > 1 ? ":" : "") + std::string(f[i]);
        }
        parsed.entries.push_back({std::string(f[0]), std::move(secret), line});
    });
    return parsed;
}

HashScheme scheme_of(std::string_view field) {
    if (field.empty()) {
        return HashScheme::empty;
    }
    if (field == "*" || field == "x" || field.front() == '!' || field == "*LK*" ||
        field.starts_with("*")) {
        return HashScheme::locked;
    }
    static constexpr std::pair<std::string_view, HashScheme> k_prefixes[] = {
        {"$1$", HashScheme::md5},      {"$3$", HashScheme::nt},
        {"$md5", HashScheme::sun_md5}, {"$sha1$", HashScheme::sha1},
        {"$5$", HashScheme::sha256},   {"$6$", HashScheme::sha512},
        {"$2a$", HashScheme::bcrypt},  {"$2b$", HashScheme::bcrypt},
        {"$2y$", HashScheme::bcrypt},  {"$7$", HashScheme::scrypt},
        {"$y$", HashScheme::yescrypt}, {"$gy$", HashScheme::yescrypt},
        {"$apr1$", HashScheme::apr1},  {"{SHA}", HashScheme::sha1_base64},
    };
    for (const auto& [prefix, scheme] : k_prefixes) {
        if (field.starts_with(prefix)) {
            return scheme;
        }
    }
    if (field.front() == '_' && field.size() == 20) {
        return HashScheme::bsdi;
    }
    const bool des_alphabet = field.find_first_not_of(
                                  "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                  "abcdefghijklmnopqrstuvwxyz") == std::string_view::npos;
    if (field.size() == 13 && des_alphabet) {
        return HashScheme::des;
    }
    return HashScheme::plain;
}

std::string_view to_string(HashScheme scheme) {
    switch (scheme) {
        case HashScheme::empty:
            return "no password";
        case HashScheme::locked:
            return "locked";
        case HashScheme::des:
            return "DES crypt";
        case HashScheme::bsdi:
            return "BSDi extended DES crypt";
        case HashScheme::md5:
            return "MD5 crypt";
        case HashScheme::nt:
            return "NT hash";
        case HashScheme::sun_md5:
            return "Sun MD5 crypt";
        case HashScheme::sha1:
            return "SHA-1 crypt";
        case HashScheme::sha256:
            return "SHA-256 crypt";
        case HashScheme::sha512:
            return "SHA-512 crypt";
        case HashScheme::bcrypt:
            return "bcrypt";
        case HashScheme::scrypt:
            return "scrypt";
        case HashScheme::yescrypt:
            return "yescrypt";
        case HashScheme::apr1:
            return "Apache MD5 (apr1)";
        case HashScheme::sha1_base64:
            return "unsalted SHA-1";
        case HashScheme::plain:
            return "plain text";
    }
    return "";
}

bool is_weak(HashScheme scheme) {
    switch (scheme) {
        case HashScheme::des:
        case HashScheme::bsdi:
        case HashScheme::md5:
        case HashScheme::nt:
        case HashScheme::sun_md5:
        case HashScheme::apr1:
        case HashScheme::sha1_base64:
        case HashScheme::plain:
            return true;
        default:
            return false;
    }
}

namespace {

// A decimal number at the start of `text`, or nullopt (also on overflow).
std::optional<std::uint64_t> leading_number(std::string_view text) {
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end == text.data()) {
        return std::nullopt;
    }
    return value;
}

// The parameters that libxcrypt's crypt_gensalt writes for yescrypt ("j9T" of
// "$y$j9T$salt") and scrypt ("CU..../...." of "$7$CU..../....salt") at each cost it
// accepts, with that cost: the way to bound these schemes without decoding their
// parameter encoding ourselves. Built once.
struct KnownParameters {
    std::map<std::string, unsigned, std::less<>> yescrypt, scrypt;
};

const KnownParameters& known_parameters() {
    static const KnownParameters known = [] {
        KnownParameters made;
        char out[CRYPT_GENSALT_OUTPUT_SIZE];
        for (unsigned cost = 1; cost <= 11; ++cost) {
            if (crypt_gensalt_rn("$y$", cost, nullptr, 0, out, sizeof out) != nullptr) {
                const std::string_view setting(out + 3);
                made.yescrypt.emplace(setting.substr(0, setting.find('$')), cost);
            }
            if (crypt_gensalt_rn("$7$", cost, nullptr, 0, out, sizeof out) != nullptr) {
                made.scrypt.emplace(std::string_view(out + 3).substr(0, 11), cost);
            }
        }
        return made;
    }();
    return known;
}

GuessCost bounded(double units, std::string_view what) {
    if (units > static_cast<double>(util::k_max_guess_cost)) {
        return {units,
                fmt::format("{} make one guess cost about {:.0f} ms, over the limit of {} ms", what,
                            units, util::k_max_guess_cost)};
    }
    return {units, {}};
}

// The unit costs were measured with crypt from libxcrypt 4.4.33 (Debian 12) on the
// project's 2-core build machine: SHA-512 crypt at 5000 rounds 1.4 ms, bcrypt at cost 12
// 212 ms, yescrypt at cost 5 21.5 ms, scrypt at cost 6 66 ms, Sun MD5 at its default
// 66290 rounds 91 ms, SHA-1 crypt at 243384 rounds 210 ms. Each doubles with its cost.
GuessCost costly_scheme_cost(HashScheme scheme, std::string_view field) {
    switch (scheme) {
        case HashScheme::sha256:
        case HashScheme::sha512: {
            std::uint64_t rounds = 5000;
            if (field.substr(3).starts_with("rounds=")) {
                const std::optional<std::uint64_t> given = leading_number(field.substr(10));
                rounds = given.value_or(UINT64_MAX);
            }
            return bounded(static_cast<double>(rounds) * 0.0003,
                           fmt::format("{} rounds of SHA-crypt", rounds));
        }
        case HashScheme::bcrypt: {
            const std::optional<std::uint64_t> cost = leading_number(field.substr(4, 2));
            if (!cost || *cost > 31) {
                return {0, "its bcrypt cost cannot be read"};
            }
            return bounded(0.052 * static_cast<double>(std::uint64_t{1} << *cost),
                           fmt::format("bcrypt cost {}", *cost));
        }
        case HashScheme::sun_md5: {
            // libxcrypt reads the rounds after "$md5," and after "$md5$" alike.
            std::uint64_t rounds = 4096;
            if (field.substr(5).starts_with("rounds=")) {
                rounds += leading_number(field.substr(12)).value_or(UINT64_MAX - rounds);
            }
            return bounded(static_cast<double>(rounds) * 0.0014,
                           fmt::format("{} rounds of Sun MD5 crypt", rounds));
        }
        case HashScheme::sha1: {
            const std::uint64_t rounds = leading_number(field.substr(6)).value_or(UINT64_MAX);
            return bounded(static_cast<double>(rounds) * 0.00087,
                           fmt::format("{} rounds of SHA-1 crypt", rounds));
        }
        case HashScheme::scrypt:
        case HashScheme::yescrypt: {
            const bool scrypt = scheme == HashScheme::scrypt;
            const std::size_t start = field.find('$', 1) + 1;  // after "$7$", "$y$", "$gy$"
            const std::string_view parameters =
                scrypt ? field.substr(start, 11)
                       : field.substr(start, field.find('$', start) - start);
            const auto& table = scrypt ? known_parameters().scrypt : known_parameters().yescrypt;
            const auto known = table.find(parameters);
            if (known == table.end()) {
                return {0, fmt::format("its {} parameters are not ones libxcrypt makes, so the "
                                       "cost of a guess cannot be bounded",
                                       to_string(scheme))};
            }
            const double doubling = static_cast<double>(std::uint64_t{1} << known->second);
            return bounded(scrypt ? 66.0 * doubling / 64.0 : 1.4 * doubling / 2.0,
                           fmt::format("{} cost {}", to_string(scheme), known->second));
        }
        default:
            return {0.1, {}};
    }
}

bool sha1_base64_matches(std::string_view password, std::string_view field) {
    unsigned char digest[20];
    unsigned int size = 0;
    EVP_Digest(password.data(), password.size(), digest, &size, EVP_sha1(), nullptr);
    unsigned char encoded[32] = {};
    EVP_EncodeBlock(encoded, digest, 20);
    return field.substr(5) == reinterpret_cast<const char*>(encoded);
}

}  // namespace

GuessCost guess_cost(std::string_view field) {
    const HashScheme scheme = scheme_of(field);
    if (scheme == HashScheme::bsdi) {
        // "_CCCCSSSS": a 24-bit iteration count, six bits a character, least significant
        // first; 725 iterations cost about 0.1 ms.
        static constexpr std::string_view k_alphabet =
            "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        std::uint64_t count = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            const std::size_t digit = k_alphabet.find(field[1 + i]);
            count |= (digit == std::string_view::npos ? 63 : digit) << (6 * i);
        }
        return bounded(static_cast<double>(count) * 0.00014,
                       fmt::format("{} rounds of extended DES", count));
    }
    return costly_scheme_cost(scheme, field);
}

bool password_matches(std::string_view password, std::string_view field) {
    const HashScheme scheme = scheme_of(field);
    switch (scheme) {
        case HashScheme::empty:
            return password.empty();
        case HashScheme::locked:
        case HashScheme::apr1:  // libxcrypt does not implement Apache's variant
            return false;
        case HashScheme::plain:
            return password == field;
        case HashScheme::sha1_base64:
            return sha1_base64_matches(password, field);
        default:
            break;
    }
    // crypt_rn reads the scheme and salt from the hash itself; the data area is large
    // (about 32 KiB), so it lives on the heap.
    const std::string phrase(password);
    const std::string setting(field);
    auto data = std::make_unique<crypt_data>();
    const char* hashed = crypt_rn(phrase.c_str(), setting.c_str(), data.get(), sizeof(crypt_data));
    return hashed != nullptr && hashed[0] != '*' && setting == hashed;
}

}  // namespace iotconform::firmware
