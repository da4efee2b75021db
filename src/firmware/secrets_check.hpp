// Hard-coded critical security parameters (EN 303 645 5.4-3, 5.4-4): private keys in PEM,
// OpenSSH and PKCS#12 form (saying whether they are encrypted), SSH host keys baked into
// the image, cloud and API tokens, passwords in configuration files. The patterns are data
// (data/firmware/secret-rules.yaml), compiled into one Hyperscan database and matched in
// one pass over every file.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "firmware/check.hpp"

namespace iotconform::firmware {

// One rule of the rule file.
struct SecretRule {
    std::string id;
    std::string title;
    std::string kind;  // pem-private-key, pkcs12, path, token, config-password
    std::string pattern;
    std::string anchor;  // a literal the match starts with, found back from its end
    std::vector<std::string> paths;
    std::vector<std::string> provisions;
    diagnostics::Severity severity = diagnostics::Severity::error;
    std::string remediation;
    std::vector<std::string> examples;
    std::vector<std::string> negatives;
};

// The built-in rules; throws std::runtime_error when the built-in data is broken.
const std::vector<SecretRule>& secret_rules();

class SecretsCheck : public Check {
  public:
    SecretsCheck();
    ~SecretsCheck() override;

    std::string_view name() const override { return "secrets"; }
    void visit(const FileEntry& entry, util::Bytes content) override;
    void finish(std::vector<judge::Finding>& findings,
                std::vector<diagnostics::Diagnostic>& diagnostics) override;

    // Bytes matched so far, for the benchmark's figures.
    std::uint64_t bytes_scanned() const { return m_bytes; }

  private:
    struct Matcher;
    void report(const SecretRule& rule, const FileEntry& entry, util::Bytes content,
                std::size_t start, std::size_t end);

    std::unique_ptr<Matcher> m_matcher;
    std::vector<judge::Finding> m_findings;
    std::map<std::string, std::size_t> m_per_rule;  // findings per rule, to cap floods
    std::uint64_t m_bytes = 0;
};

}  // namespace iotconform::firmware
