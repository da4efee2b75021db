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

void write_path(std::string& out, std::string_view key, const std::optional<ArtifactRef>& ref) {
    if (ref) {
        out += fmt::format("    {}: {}\n", key, util::yaml_quoted(ref->written));
    }
}

void write_text(std::string& out, std::string_view key, const std::string& text) {
    if (!text.empty()) {
        out += fmt::format("    {}: {}\n", key, util::yaml_quoted(text));
    }
}

// Paths are written as the product file gave them: they stay relative to its folder.
void write_artifacts(std::string& out, const Artifacts& artifacts) {
    if (!artifacts.firmware && !artifacts.kernel && !artifacts.update_image) {
        return;
    }
    out += "\nartifacts:\n";
    if (artifacts.firmware) {
        out += "  firmware:\n";
        write_path(out, "file", artifacts.firmware->image);
    }
    if (const std::optional<KernelArtifacts>& kernel = artifacts.kernel) {
        out += "  kernel:\n";
        write_path(out, "config", kernel->config);
        write_path(out, "cmdline", kernel->cmdline);
        write_path(out, "sysctl", kernel->sysctl);
        write_text(out, "profile", kernel->profile);
        write_text(out, "arch", kernel->arch);
        write_text(out, "version", kernel->version);
        if (!kernel->rules.empty()) {
            out += "    rules:\n";
            for (const ArtifactRef& rule : kernel->rules) {
                out += fmt::format("      - {}\n", util::yaml_quoted(rule.written));
            }
        }
    }
    if (const std::optional<UpdateImageArtifacts>& image = artifacts.update_image) {
        out += "  update_image:\n";
        write_path(out, "file", image->image);
        write_path(out, "key", image->key);
        write_path(out, "decryption_key", image->decryption_key);
    }
}

void write_suppressions(std::string& out, const std::vector<Suppression>& suppressions) {
    if (suppressions.empty()) {
        return;
    }
    out += "\nsuppressions:\n";
    for (const Suppression& suppression : suppressions) {
        out += fmt::format("  - rule: {}\n    reason: {}\n", util::yaml_quoted(suppression.rule),
                           util::yaml_quoted(suppression.reason));
    }
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
    write_artifacts(out, product.artifacts);
    write_suppressions(out, product.suppressions);

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
