// Gathering evidence: running every automatic check whose artifact the product file names
// (kernel configuration, update image, ...) and returning their findings for the judgement.
#pragma once

#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "ics/product.hpp"
#include "judge/evidence.hpp"

namespace iotconform::evidence {

struct Collection {
    std::vector<judge::Finding> findings;
    // Problems with the artifacts themselves. An error (EVD006: missing, unreadable,
    // malformed) means the assessment cannot stand; notes are carried into the reports.
    std::vector<diagnostics::Diagnostic> diagnostics;
};

// Runs the checks for each artifact `product` names, in a fixed order so that reports
// are deterministic. Reads the files; never writes.
[[nodiscard]] Collection collect(const ics::Product& product);

}  // namespace iotconform::evidence
