// TLS and SSH settings in configuration files of a firmware image that enable obsolete
// protocol versions or broken algorithms: openssl.cnf, lighttpd, nginx, Apache httpd,
// mosquitto, stunnel and sshd_config. Each reader takes the file's lines and returns the
// weak settings it holds; the crypto check turns them into findings.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmware/config_text.hpp"

namespace iotconform::firmware {

enum class TlsConfigKind { openssl, lighttpd, nginx, apache, mosquitto, stunnel, sshd };

// The kind of configuration at `inner_path` (a path inside the image, see inner_path()),
// or nullopt for a file none of the readers reads.
std::optional<TlsConfigKind> tls_config_kind(std::string_view inner_path);

enum class Weakness {
    protocol,       // an obsolete SSL/TLS version is allowed (FW-TLS-001)
    cipher,         // a broken TLS cipher, hash or security level (FW-TLS-002)
    ssh_algorithm,  // a weak SSH cipher, MAC, key exchange or host key (FW-CRYPTO-003)
};

struct WeakSetting {
    int line = 0;
    Weakness weakness = Weakness::protocol;
    std::string what;  // "MinProtocol = TLSv1 allows TLS 1.0, TLS 1.1"
};

// The weak settings of a file of `kind`, in line order.
std::vector<WeakSetting> weak_settings(TlsConfigKind kind, const ConfigText& text);

// Rank of a protocol name as configurations write it ("SSLv3", "TLSv1", "tlsv1.1",
// "TLSv1_2"): 0 SSL 2.0, 1 SSL 3.0, 2 TLS 1.0, 3 TLS 1.1, 4 TLS 1.2, 5 TLS 1.3; nullopt
// for anything else.
std::optional<int> protocol_rank(std::string_view name);

// The entries of an OpenSSL-style cipher list ("HIGH:!aNULL:RC4-SHA") that select broken
// suites and are not excluded by a later "!" or "-" entry.
std::vector<std::string> weak_cipher_entries(std::string_view list);

}  // namespace iotconform::firmware
