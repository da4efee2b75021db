// The commented product file `iotconform init` writes.
#pragma once

#include <string>

#include "ics/product.hpp"
#include "standard/standard.hpp"

namespace iotconform::ics {

struct TemplateOptions {
    std::string name = "Unnamed product";
    Scope scope = Scope::product;
    std::string schema_file;  // referenced for editors; empty for none
};

// A product file listing every condition (answered unknown) and every provision (support
// left open) of `standard`, each with its text as a comment. It loads without errors.
std::string product_template(const standard::Standard& standard, const TemplateOptions& options);

}  // namespace iotconform::ics
