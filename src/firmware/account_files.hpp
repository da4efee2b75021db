// Parsers for the files that hold accounts and password hashes: passwd, shadow and
// htpasswd-style "user:hash" files. They take bytes from an untrusted image and never
// fail: a line that is not an entry is counted, not trusted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iotconform::firmware {

struct PasswdEntry {
    std::string name;
    std::string password;  // "x" when the hash is in shadow; a hash, "*", "!" or empty
    std::optional<std::uint32_t> uid;
    std::string shell;
    int line = 0;
};

struct ShadowEntry {
    std::string name;
    std::string hash;  // "", "*", "!", "!hash" (locked) or a crypt hash
    int line = 0;
};

struct HtpasswdEntry {
    std::string name;
    std::string secret;  // a crypt hash, "{SHA}base64", "$apr1$...", or a plain password
    int line = 0;
};

template <typename Entry>
struct Parsed {
    std::vector<Entry> entries;
    int malformed_lines = 0;  // non-empty, non-comment lines that are not entries
};

Parsed<PasswdEntry> parse_passwd(std::string_view text);
Parsed<ShadowEntry> parse_shadow(std::string_view text);
Parsed<HtpasswdEntry> parse_htpasswd(std::string_view text);

// How a password field reads.
enum class HashScheme {
    empty,        // no password: anyone may log in
    locked,       // "*", "!", "!!", "!hash", "x" without a shadow entry: no password login
    des,          // traditional 13-character DES crypt
    bsdi,         // "_" extended DES
    md5,          // "$1$"
    nt,           // "$3$"
    sun_md5,      // "$md5"
    sha1,         // "$sha1$"
    sha256,       // "$5$"
    sha512,       // "$6$"
    bcrypt,       // "$2a$", "$2b$", "$2y$"
    scrypt,       // "$7$"
    yescrypt,     // "$y$", "$gy$"
    apr1,         // Apache "$apr1$"
    sha1_base64,  // Apache "{SHA}"
    plain,        // anything else: most likely the password itself
};

HashScheme scheme_of(std::string_view field);
std::string_view to_string(HashScheme scheme);  // "SHA-512 crypt", ...

// True for schemes that give no real protection against offline guessing today.
bool is_weak(HashScheme scheme);

// What one guess at a hash costs, in work units of about a millisecond each (crypt from
// libxcrypt 4.4 on a 2-core x86_64 machine), read from the hash's own parameters: SHA-crypt
// and Sun MD5 rounds, bcrypt's cost, the yescrypt and scrypt settings. `refusal` is set,
// and `units` meaningless, when the parameters are beyond what may be tried (one guess
// over util::k_max_guess_cost) or cannot be bounded (a yescrypt or scrypt setting that
// libxcrypt's own crypt_gensalt does not make). Deterministic, so that reports are too.
struct GuessCost {
    double units = 0;
    std::string refusal;  // why the hash is not tried, or empty
};
GuessCost guess_cost(std::string_view field);

// True when `password` hashes to `field` (crypt from libxcrypt for crypt schemes; SHA-1
// for "{SHA}"; comparison for plain text). False when the scheme cannot be checked.
bool password_matches(std::string_view password, std::string_view field);

}  // namespace iotconform::firmware
