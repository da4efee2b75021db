// A firmware check: it sees every file of the image once (see tree.hpp) and then reports
// its findings, each tied to provisions. The scan runs all checks in one pass over the
// image. Adding a check is one class and one line in the list of checks (scan.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "firmware/tree.hpp"
#include "judge/evidence.hpp"

namespace iotconform::firmware {

class Check {
  public:
    virtual ~Check() = default;

    // Stable name of the check, as `scan --list-checks` prints it: "credentials".
    virtual std::string_view name() const = 0;

    // Sees one file. Must not keep `content` beyond the call.
    virtual void visit(const FileEntry& entry, util::Bytes content) = 0;

    // After the last file: appends the findings (source "firmware", rule ids "FW-...",
    // location "path" or "path@0xOFFSET") and any diagnostics (a file it could not parse).
    virtual void finish(std::vector<judge::Finding>& findings,
                        std::vector<diagnostics::Diagnostic>& diagnostics) = 0;
};

// A finding of a firmware check, with the fields every check fills the same way. A note
// that would contradict only informs.
judge::Finding firmware_finding(std::string rule_id, std::vector<std::string> provisions,
                                judge::Effect effect, diagnostics::Severity severity,
                                std::string message, std::string location, std::string remediation);

}  // namespace iotconform::firmware
