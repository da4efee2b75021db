// The "services" firmware check: network services that send logins or files in
// cleartext or without authentication (telnet, rlogin, rsh, ftp, tftp) started from
// inittab, init scripts, systemd units, inetd or xinetd; shells and automatic logins on
// consoles; SSH servers that accept root or empty-password logins; debug servers.
// Rules and tables: data/firmware/services.yaml; docs/firmware-checks.md.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "firmware/check.hpp"
#include "firmware/rule_table.hpp"
#include "standard/standard.hpp"

namespace iotconform::firmware {

// The built-in rules of the services check.
const RuleTable& services_rules();

class ServicesCheck : public Check {
  public:
    // Findings name the provisions of `edition`.
    explicit ServicesCheck(const standard::Standard& edition);
    ServicesCheck();  // the default edition
    ~ServicesCheck() override;

    std::string_view name() const override { return "services"; }
    void visit(const FileEntry& entry, util::Bytes content) override;
    void finish(std::vector<judge::Finding>& findings,
                std::vector<diagnostics::Diagnostic>& diagnostics) override;

  private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace iotconform::firmware
