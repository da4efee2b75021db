// Writing a product's ICS as a document table (Markdown, reStructuredText list-table or
// CSV), so a team can keep its published page generated from the product file. What
// `import` reads back from these gives the same product file.
#pragma once

#include <string>

#include "document/table.hpp"
#include "ics/product.hpp"

namespace iotconform::document {

// Table B.1 in `format` (rst, markdown or csv; text is not an export form): the columns
// Provision, Description, Status, Support, Detail, the standard's status, the detail as
// the statement gives it. Markdown and rst group rows by clause under headings.
std::string export_table(const ics::Product& product, Format format);

}  // namespace iotconform::document
