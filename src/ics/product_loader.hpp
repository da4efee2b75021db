// Reading a product file (YAML) into the model, reporting every problem with its place.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "ics/product.hpp"

namespace iotconform::ics {

// The product file format this build reads and writes (the top-level `iotconform` key).
inline constexpr int k_product_format = 1;

struct ProductLoad {
    std::optional<Product> product;  // empty when the file cannot be understood at all
    // Every problem found, in file order. Errors make the file bad input: the caller
    // must not judge it. Notes (a reference read through a variant) are kept for the
    // report.
    std::vector<diagnostics::Diagnostic> diagnostics;
};

// Parses a product file from its bytes; `path` is used in positions only. Collects all
// problems instead of stopping at the first, so a user fixes a file in one round.
[[nodiscard]] ProductLoad load_product(std::string_view text, const std::string& path);

// Reads and parses the file at `path`.
[[nodiscard]] ProductLoad load_product_file(const std::string& path);

}  // namespace iotconform::ics
