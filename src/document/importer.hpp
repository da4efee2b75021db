// Mapping a table read from a document onto the standard: the product file `import`
// writes, and every row it could not map.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "document/table.hpp"
#include "ics/product.hpp"
#include "standard/standard.hpp"

namespace iotconform::document {

struct ImportOptions {
    // The edition to map onto; null picks the built-in edition to which most rows'
    // references resolve (the default edition on a tie).
    const standard::Standard* standard = nullptr;
    // Given on the command line; when empty, what the document's product table says.
    std::optional<ics::Scope> scope;
    ics::Identity identity;
};

struct ImportResult {
    std::optional<ics::Product> product;  // empty when nothing could be mapped
    // The reader's diagnostics and the mapping's: rows not mapped, statuses that differ
    // from the standard's, duplicates, provisions the document does not mention.
    std::vector<diagnostics::Diagnostic> diagnostics;
};

// Maps `table` (read from the document at `source`) onto the standard. A status that
// differs from the standard's is kept as the entry's published status, so the judgement
// reports it again; one that agrees is not kept.
ImportResult import_table(Table table, const ImportOptions& options, const std::string& source);

}  // namespace iotconform::document
