// Serialising a Product as YAML text. Hand-written rather than through yaml-cpp's emitter
// so the layout (order, comments, quoting) is ours and stable across library versions.
#include "ics/product_writer.hpp"

#include <fmt/format.h>

#include "ics/product_loader.hpp"
#include "util/escape.hpp"

namespace iotconform::ics {

namespace {

std::string answer_text(const std::map<int, AnswerEntry>& answers, int number) {
    const auto found = answers.find(number);
    return std::string(to_string(found != answers.end() ? found->second.answer : Answer::unknown));
}

}  // namespace

std::string write_product(const Product& product) {
    const standard::Standard& standard = *product.standard;
    std::string out;
    out += fmt::format("iotconform: {}\nstandard: {}\nscope: {}\n\n", k_product_format,
                       standard.id(), to_string(product.scope));
    out += fmt::format(
        "product:\n  name: {}\n  manufacturer: {}\n  model: {}\n  firmware_version: {}\n",
        util::yaml_quoted(product.identity.name), util::yaml_quoted(product.identity.manufacturer),
        util::yaml_quoted(product.identity.model),
        util::yaml_quoted(product.identity.firmware_version));

    out += "\n# true, false or unknown\nconditions:\n";
    for (const standard::Condition& condition : standard.conditions()) {
        out += fmt::format("  {}: {}  # {}: {}\n", condition.key,
                           answer_text(product.conditions, condition.number), condition.number,
                           condition.text);
    }
    if (!standard.features().empty()) {
        out += "\nfeatures:\n";
        for (const standard::Feature& feature : standard.features()) {
            const auto found = product.features.find(feature.letter);
            out += fmt::format(
                "  {}: {}  # {}: {}\n", feature.key,
                to_string(found != product.features.end() ? found->second.answer : Answer::unknown),
                feature.letter, feature.text);
        }
    }

    out += "\nics:\n";
    for (const standard::Provision& provision : standard.provisions()) {
        const IcsEntry* entry = product.find_entry(provision.id);
        if (entry == nullptr) {
            continue;
        }
        out += fmt::format("  \"{}\":\n", provision.id);
        if (!entry->review.empty()) {
            out += fmt::format("    review: {}\n", util::yaml_quoted(entry->review));
        }
        if (entry->published_status) {
            out += fmt::format("    status: {}\n", util::yaml_quoted(*entry->published_status));
        }
        out += fmt::format("    support: {}\n", entry->support
                                                    ? util::yaml_quoted(to_string(*entry->support))
                                                    : std::string("null"));
        out += fmt::format("    detail: {}\n", util::yaml_quoted(entry->detail));
        if (!entry->evidence.empty()) {
            out += "    evidence:\n";
            for (const std::string& item : entry->evidence) {
                out += fmt::format("      - {}\n", util::yaml_quoted(item));
            }
        }
    }
    return out;
}

}  // namespace iotconform::ics
