// Writing the product file template: the standard's content as comments, so a user can
// fill in the statement without the standard's text beside them.
#include "ics/product_template.hpp"

#include <fmt/format.h>

#include "ics/product_loader.hpp"
#include "util/escape.hpp"
#include "util/text.hpp"

namespace iotconform::ics {

namespace {

// Wraps `text` into comment lines of at most `width` columns, each starting with `prefix`.
std::string comment(std::string_view text, std::string_view prefix, std::size_t width = 92) {
    std::string out;
    std::string line(prefix);
    for (const std::string& word : util::split(util::collapse_whitespace(text), ' ')) {
        if (line.size() > prefix.size() && line.size() + 1 + word.size() > width) {
            out += line + "\n";
            line = std::string(prefix);
        }
        line += " " + word;  // also after the prefix: "# text", as people write comments
    }
    return out + line + "\n";
}

}  // namespace

std::string product_template(const standard::Standard& standard, const TemplateOptions& options) {
    std::string out;
    if (!options.schema_file.empty()) {
        // Read by editors with a YAML language server: completion and validation.
        out += fmt::format("# yaml-language-server: $schema={}\n", options.schema_file);
    }
    out += comment(fmt::format("iotconform product file: the implementation conformance statement "
                               "(ICS, Table B.1) of one product or component against {}. Fill in "
                               "the conditions and every provision, then run: iotconform assess "
                               "THIS_FILE --out report",
                               standard.title()),
                   "#");
    out += fmt::format("iotconform: {}\nstandard: {}\n", k_product_format, standard.id());
    out += fmt::format(
        "scope: {}  # product, or component for an RTOS, module or SDK that "
        "products are built on\n\n",
        to_string(options.scope));
    out += fmt::format(
        "product:\n  name: {}\n  manufacturer: \"\"\n  model: \"\"\n"
        "  firmware_version: \"\"\n\n",
        util::yaml_quoted(options.name));

    out +=
        "# The conditions of Table B.1: answer true, false or unknown. A provision whose\n"
        "# condition is false does not apply; one whose condition is unknown cannot be judged.\n"
        "conditions:\n";
    for (const standard::Condition& condition : standard.conditions()) {
        out += comment(fmt::format("{}: {}", condition.number, condition.text), "  #");
        out += fmt::format("  {}: unknown\n", condition.key);
    }
    if (!standard.features().empty()) {
        out += "\n# The features of Table B.1: true when the device has the feature.\nfeatures:\n";
        for (const standard::Feature& feature : standard.features()) {
            out += comment(fmt::format("{}: {}", feature.letter, feature.text), "  #");
            out += fmt::format("  {}: unknown\n", feature.key);
        }
    }

    out +=
        "\n# One entry per provision. support: Y (supported), N (not supported) or N/A (only\n"
        "# for a conditional provision whose condition does not hold). detail: for Y the\n"
        "# measures that implement it, for N why not, for N/A the rationale. evidence: files\n"
        "# or URLs that back the answer.\n"
        "ics:\n";
    std::string clause;
    for (const standard::Provision& provision : standard.provisions()) {
        if (provision.clause != clause) {
            clause = provision.clause;
            out += fmt::format("\n  # {} {}\n", clause, standard.find_clause(clause)->title);
        }
        out += comment(
            fmt::format("{} [{}]{}: {}", provision.id, standard::format_status(provision.status),
                        provision.text_is_summary ? " (summary)" : "", provision.text),
            "  #");
        out += fmt::format("  \"{}\":\n    support:\n    detail: \"\"\n    evidence: []\n",
                           provision.id);
    }
    return out;
}

}  // namespace iotconform::ics
