// `catalog`, `explain` and `init`: the standard itself, and a statement to start from.
#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "ics/product_schema.hpp"
#include "ics/product_template.hpp"
#include "standard/catalog.hpp"
#include "util/fs.hpp"
#include "util/text.hpp"

namespace iotconform::cli {

namespace {

namespace fs = std::filesystem;

void show_provision(const standard::Standard& standard, const standard::Provision& provision,
                    std::ostream& out) {
    out << fmt::format("Provision {} ({}, clause {} {})\n", provision.id, standard.short_title(),
                       provision.clause, standard.find_clause(provision.clause)->title);
    out << fmt::format("Status: {} ({}{})\n", standard::format_status(provision.status),
                       provision.mandatory() ? "mandatory" : "recommendation",
                       provision.status.conditional() ? ", conditional" : "");
    for (const int number : provision.status.conditions) {
        const standard::Condition* condition = standard.find_condition(number);
        out << fmt::format("Condition {} ({}): {}\n", number, condition->key, condition->text);
    }
    for (const std::string& letter : provision.status.features) {
        const standard::Feature* feature = standard.find_feature(letter);
        out << fmt::format("Feature {} ({}): {}\n", letter, feature->key, feature->text);
    }
    out << fmt::format("\n{}{}\n",
                       provision.text_is_summary ? "Summary (not the standard's wording): " : "",
                       provision.text);
}

}  // namespace

int catalog(const CatalogOptions& options, std::ostream& out) {
    const standard::Standard& standard = standard_or_throw(options.standard);
    std::vector<const standard::Provision*> selected;
    if (!options.provision.empty()) {
        const standard::ResolvedReference resolved = standard.resolve(options.provision);
        if (resolved.provision == nullptr) {
            const std::vector<std::string> near = standard.suggest_provisions(options.provision);
            throw UsageError{fmt::format("'{}' is not a provision of {}", options.provision,
                                         standard.short_title()),
                             near.empty()
                                 ? "run 'iotconform catalog' for the list"
                                 : fmt::format("did you mean {}?", util::join(near, ", "))};
        }
        selected.push_back(resolved.provision);
    } else {
        for (const standard::Provision& provision : standard.provisions()) {
            selected.push_back(&provision);
        }
    }

    if (options.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const standard::Provision* provision : selected) {
            list.push_back({{"id", provision->id},
                            {"clause", provision->clause},
                            {"status", standard::format_status(provision->status)},
                            {"mandatory", provision->mandatory()},
                            {"conditions", provision->status.conditions},
                            {"features", provision->status.features},
                            {"text", provision->text},
                            {"text_is_summary", provision->text_is_summary}});
        }
        out << nlohmann::json{{"standard", standard.id()}, {"provisions", list}}.dump(2) << "\n";
        return k_exit_ok;
    }
    if (selected.size() == 1 && !options.provision.empty()) {
        show_provision(standard, *selected.front(), out);
        return k_exit_ok;
    }
    out << fmt::format("{}: {} provisions\n", standard.title(), selected.size());
    for (const standard::Provision* provision : selected) {
        std::string text = provision->text;
        constexpr std::size_t k_width = 72;
        if (text.size() > k_width) {
            text = text.substr(0, k_width - 3) + "...";
        }
        out << fmt::format("{:<8} {:<14} {}\n", provision->id,
                           standard::format_status(provision->status), text);
    }
    return k_exit_ok;
}

int explain(const std::vector<std::string>& words, const std::string& standard_id,
            std::ostream& out) {
    const standard::Standard& standard = standard_or_throw(standard_id);
    const std::string term = util::join(words, " ");
    if (const standard::Term* found = standard.find_term(term)) {
        out << fmt::format("{} ({}, clause 3.1)\n  {}\n", found->term, standard.short_title(),
                           found->definition);
        return k_exit_ok;
    }
    std::vector<std::string> terms;
    for (const standard::Term& candidate : standard.terms()) {
        terms.push_back(candidate.term);
    }
    const std::vector<std::string> near = util::nearest(term, terms);
    throw UsageError{fmt::format("'{}' is not a term defined in {}", term, standard.short_title()),
                     near.empty() ? fmt::format("defined terms: {}", util::join(terms, ", "))
                                  : fmt::format("did you mean: {}?", util::join(near, ", "))};
}

int init(const InitOptions& options, std::ostream& out, std::ostream& err) {
    const standard::Standard& standard = standard_or_throw(options.standard);
    const fs::path product = fs::path(options.directory) / "product.yaml";
    const std::string schema_name = "product.schema.json";
    for (const fs::path& path : {product, fs::path(options.directory) / schema_name}) {
        std::error_code ec;
        if (fs::exists(fs::symlink_status(path, ec)) && !options.force) {
            throw UsageError{fmt::format("{} already exists", path.string()),
                             "choose another directory, or pass --force to overwrite it"};
        }
    }
    ics::TemplateOptions template_options;
    template_options.name = options.name;
    template_options.scope =
        options.scope == "component" ? ics::Scope::component : ics::Scope::product;
    template_options.schema_file = schema_name;
    const std::string failure = util::write_all_or_nothing(
        options.directory, {{"product.yaml", ics::product_template(standard, template_options)},
                            {schema_name, ics::product_schema(standard).dump(2) + "\n"}});
    if (!failure.empty()) {
        err << "iotconform: error: " << failure << "\n  hint: check the directory is writable\n";
        return k_exit_io_error;
    }
    out << fmt::format(
        "wrote {} and {} ({})\nnext: fill it in, then run: iotconform assess {} --out report\n",
        product.string(), (fs::path(options.directory) / schema_name).string(),
        standard.short_title(), product.string());
    return k_exit_ok;
}

}  // namespace iotconform::cli
