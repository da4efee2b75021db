// Fuzz target: the crypto check, with the input given as each kind of TLS or SSH
// configuration it reads, as os-release, and as a candidate binary searched for versions.
#include <cstdint>
#include <string_view>

#include "firmware/crypto_check.hpp"
#include "firmware/tls_settings.hpp"
#include "standard/catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iotconform::firmware;
    const iotconform::util::Bytes bytes(data, size);
    constexpr std::string_view k_paths[] = {
        "etc/ssl/openssl.cnf",          "etc/lighttpd/conf.d/ssl.conf",
        "etc/nginx/nginx.conf",         "etc/apache2/mods-enabled/ssl.conf",
        "etc/mosquitto/mosquitto.conf", "etc/stunnel/stunnel.conf",
        "etc/ssh/sshd_config",          "usr/lib/os-release",
        "usr/lib/libssl.so.1.1",        "usr/sbin/dropbear",
    };
    CryptoCheck check(iotconform::standard::default_standard(), "2026-12-03");
    for (const std::string_view path : k_paths) {
        FileEntry entry;
        entry.path = std::string(path);
        check.visit(entry, bytes);
    }
    std::vector<iotconform::judge::Finding> findings;
    std::vector<iotconform::diagnostics::Diagnostic> diagnostics;
    check.finish(findings, diagnostics);
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)weak_cipher_entries(text);
    (void)find_versions(text);
    return 0;
}
