// The JSON Schema of the product file, generated from the standard so it always lists the
// edition's provisions, conditions and features.
#pragma once

#include <nlohmann/json.hpp>

#include "standard/standard.hpp"

namespace iotconform::ics {

// JSON Schema (draft 2020-12) for product files of `standard`. Editors use it for
// completion and validation; it accepts the canonical spellings, while iotconform itself
// also accepts the lenient variants its loader documents.
nlohmann::json product_schema(const standard::Standard& standard);

}  // namespace iotconform::ics
