// Writing a Product back as a product file (YAML), deterministically: what `import`
// produces and what a round trip through any document form must give back.
#pragma once

#include <string>

#include "ics/product.hpp"

namespace iotconform::ics {

// The product file for `product`: identity, scope, every condition and feature of its
// edition (answered, or `unknown` so a user sees what is left to answer), and one entry
// per provision the ICS answers, in the order of Table B.1. Strings are written in
// double-quoted YAML, which keeps any text (line breaks, '#', ': ') exactly.
std::string write_product(const Product& product);

}  // namespace iotconform::ics
