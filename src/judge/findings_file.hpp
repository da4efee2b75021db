// Reading evidence from a findings file: the JSON form in which any tool (iotconform's
// own checks, or another scanner) hands findings to `assess --findings`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "judge/evidence.hpp"
#include "standard/standard.hpp"

namespace iotconform::judge {

// The findings file format this build reads (docs/findings-format.md).
inline constexpr int k_findings_format = 1;

struct FindingsLoad {
    std::vector<Finding> findings;
    // Problems found; any error makes the file bad input. Positions give the line and
    // column for syntax errors and the JSON pointer of the offending value otherwise.
    std::vector<diagnostics::Diagnostic> diagnostics;
};

// Parses a findings file from its bytes. Provision references are resolved leniently
// against `standard` ("Provision 5.1-1" -> "5.1-1"); one that resolves to nothing is
// kept as written, so the judgement reports it (EVD003) instead of dropping evidence.
[[nodiscard]] FindingsLoad load_findings(std::string_view text, const std::string& path,
                                         const standard::Standard& standard);

// Reads and parses the file at `path`.
[[nodiscard]] FindingsLoad load_findings_file(const std::string& path,
                                              const standard::Standard& standard);

}  // namespace iotconform::judge
