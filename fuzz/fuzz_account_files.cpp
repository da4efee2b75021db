// Fuzz target: the passwd, shadow and htpasswd parsers and the credentials check on the
// same bytes given as each kind of account file, and the secrets check on them as a
// configuration file and as a binary.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "firmware/account_files.hpp"
#include "firmware/credentials_check.hpp"
#include "firmware/secrets_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iotconform::firmware;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const PasswdEntry& entry : parse_passwd(text).entries) {
        if (entry.name.empty()) {
            std::abort();  // an entry always has a name
        }
    }
    (void)parse_shadow(text);
    (void)parse_htpasswd(text);

    CredentialsCheck credentials;
    SecretsCheck secrets;
    const iotconform::util::Bytes bytes(data, size);
    for (const char* path : {"etc/passwd", "etc/shadow", "srv/www/.htpasswd",
                             "etc/mosquitto/passwd", "etc/app/app.conf", "usr/lib/libx.so"}) {
        FileEntry entry;
        entry.path = path;
        entry.size = size;
        credentials.visit(entry, bytes);
        secrets.visit(entry, bytes);
    }
    std::vector<iotconform::judge::Finding> findings;
    std::vector<iotconform::diagnostics::Diagnostic> diagnostics;
    credentials.finish(findings, diagnostics);
    secrets.finish(findings, diagnostics);
    return 0;
}
