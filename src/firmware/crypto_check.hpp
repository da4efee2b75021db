// The "crypto" firmware check: which cryptographic libraries and security programs an
// image ships (OpenSSL, LibreSSL, Mbed TLS, wolfSSL, GnuTLS, OpenSSH, Dropbear, BusyBox),
// found by the version strings in their binaries and by library names, judged against
// the end-of-life table (data/firmware/crypto-eol.yaml); and TLS and SSH settings that
// enable obsolete protocols or broken algorithms (tls_settings.hpp).
#pragma once

#include <memory>
#include <string>

#include "firmware/check.hpp"
#include "firmware/rule_table.hpp"
#include "standard/standard.hpp"

namespace iotconform::firmware {

// The built-in rules of the crypto check.
const RuleTable& crypto_rules();

// A version found in a binary or library name.
struct FoundVersion {
    std::string product;  // "OpenSSL"
    std::string version;  // "1.1.1w"
};

// The versions of known components whose version strings `content` holds, each product
// once, at their first offset; at most k_max_version_scan_bytes are searched.
std::vector<std::pair<FoundVersion, std::size_t>> find_versions(std::string_view content);

// Today's date as "YYYY-MM-DD" (UTC).
std::string today_utc();

class CryptoCheck : public Check {
  public:
    // Findings name the provisions of `edition`; end of life is judged as of `today`
    // ("YYYY-MM-DD").
    CryptoCheck(const standard::Standard& edition, std::string today);
    CryptoCheck();  // the default edition, today
    ~CryptoCheck() override;

    std::string_view name() const override { return "crypto"; }
    void visit(const FileEntry& entry, util::Bytes content) override;
    void finish(std::vector<judge::Finding>& findings,
                std::vector<diagnostics::Diagnostic>& diagnostics) override;

  private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace iotconform::firmware
