// Command dispatch. Each command reads its inputs, calls the library, and maps the outcome
// to an exit code; no judgement or formatting logic lives here.
#include "cli/cli.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <ostream>

#include "document/exporter.hpp"
#include "document/importer.hpp"
#include "ics/product_loader.hpp"
#include "ics/product_schema.hpp"
#include "ics/product_template.hpp"
#include "ics/product_writer.hpp"
#include "judge/engine.hpp"
#include "judge/findings_file.hpp"
#include "migrate/diff.hpp"
#include "migrate/migration.hpp"
#include "report/reports.hpp"
#include "standard/catalog.hpp"
#include "util/escape.hpp"
#include "util/fs.hpp"
#include "util/limits.hpp"
#include "util/text.hpp"

namespace iotconform::cli {

namespace {

namespace fs = std::filesystem;

// A user error found while running a command (after parsing succeeded).
struct UsageError {
    std::string message;
    std::string hint;
};

const standard::Standard& standard_or_throw(const std::string& id) {
    if (id.empty()) {
        return standard::default_standard();
    }
    const standard::Standard* found = standard::find_standard(id);
    if (found == nullptr) {
        throw UsageError{fmt::format("unknown edition of the standard '{}'", id),
                         fmt::format("use one of: {}", util::join(standard::standard_ids(), ", "))};
    }
    return *found;
}

bool colour_wanted(const std::string& mode) {
    if (mode == "always") {
        return true;
    }
    if (mode == "never") {
        return false;
    }
    // https://no-color.org: any non-empty NO_COLOR disables colour.
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    return (no_color == nullptr || *no_color == '\0') && ::isatty(STDOUT_FILENO) == 1 &&
           (term == nullptr || std::string_view(term) != "dumb");
}

struct AssessOptions {
    std::string product;
    std::vector<std::string> findings_files;
    std::string out_dir;
    std::string colour = "auto";
    bool exit_zero = false;
};

void print_errors(const std::vector<diagnostics::Diagnostic>& found, std::ostream& err) {
    for (const diagnostics::Diagnostic& d : found) {
        if (d.severity == diagnostics::Severity::error) {
            err << format_for_terminal(d) << "\n";
        }
    }
}

// Reports must never replace an input: `assess d/report.md --out d` would destroy the
// statement it reads.
void refuse_overwriting_inputs(const AssessOptions& options) {
    std::vector<std::string> inputs = options.findings_files;
    inputs.push_back(options.product);
    for (const util::OutputFile& name : {util::OutputFile{"report.md", {}},
                                         {"report.html", {}},
                                         {"report.json", {}},
                                         {"report.csv", {}},
                                         {"report.sarif", {}}}) {
        const fs::path output = fs::path(options.out_dir) / name.name;
        for (const std::string& input : inputs) {
            std::error_code ec;
            if (fs::equivalent(output, input, ec)) {
                throw UsageError{fmt::format("the report {} would overwrite the input {}",
                                             output.string(), input),
                                 "choose another --out directory"};
            }
        }
    }
}

int assess(const AssessOptions& options, std::ostream& out, std::ostream& err) {
    ics::ProductLoad load = ics::load_product_file(options.product);
    if (!load.product || diagnostics::has_errors(load.diagnostics)) {
        print_errors(load.diagnostics, err);
        err << fmt::format("iotconform: {} is not a valid product file; nothing was written\n",
                           options.product);
        return k_exit_bad_input;
    }
    std::vector<judge::Finding> findings;
    for (const std::string& path : options.findings_files) {
        judge::FindingsLoad found = judge::load_findings_file(path, *load.product->standard);
        if (diagnostics::has_errors(found.diagnostics)) {
            print_errors(found.diagnostics, err);
            err << fmt::format("iotconform: {} is not a valid findings file; nothing was written\n",
                               path);
            return k_exit_bad_input;
        }
        findings.insert(findings.end(), found.findings.begin(), found.findings.end());
        // Checked file by file, so a long list of files stops at the first one too many.
        std::size_t links = 0;
        for (const judge::Finding& finding : findings) {
            links += finding.provisions.size();
        }
        if (findings.size() > util::k_max_findings_total || links > util::k_max_finding_links) {
            throw UsageError{
                fmt::format("after {}: {} findings naming {} provisions in all, more than the "
                            "limits of {} and {}",
                            path, findings.size(), links, util::k_max_findings_total,
                            util::k_max_finding_links),
                "aggregate the findings of one rule, or assess with fewer findings files"};
        }
    }

    const judge::Judgement judgement =
        judge::judge(*load.product, std::move(load.diagnostics), findings);
    if (!options.out_dir.empty()) {
        refuse_overwriting_inputs(options);
        const std::string failure =
            util::write_all_or_nothing(options.out_dir, report::render_all(judgement));
        if (!failure.empty()) {
            err << "iotconform: error: " << failure << "\n";
            return k_exit_io_error;
        }
    }
    out << report::render_summary(
        judgement, colour_wanted(options.colour) ? report::Colour::always : report::Colour::never);
    if (!options.out_dir.empty()) {
        out << fmt::format("  reports:         {}/report.{{md,html,json,csv,sarif}}\n",
                           fs::path(options.out_dir).string());
    }
    if (judgement.conformance == judge::Conformance::conformant || options.exit_zero) {
        return k_exit_ok;
    }
    return k_exit_findings;
}

struct CatalogOptions {
    std::string standard;
    std::string provision;
    bool json = false;
};

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

int catalog(const CatalogOptions& options, std::ostream& out) {
    const standard::Standard& standard = standard_or_throw(options.standard);
    std::vector<const standard::Provision*> selected;
    if (!options.provision.empty()) {
        const standard::ResolvedReference resolved = standard.resolve(options.provision);
        if (resolved.provision == nullptr) {
            std::vector<std::string> ids;
            for (const standard::Provision& provision : standard.provisions()) {
                ids.push_back(provision.id);
            }
            const std::vector<std::string> near =
                util::nearest(standard::clean_reference(options.provision), ids);
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

struct InitOptions {
    std::string directory;
    std::string standard;
    std::string scope = "product";
    std::string name = "Unnamed product";
    bool force = false;
};

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

struct ImportCommand {
    std::string input;
    std::string output;
    std::string format;  // empty: guessed from the name and content
    std::string standard;
    std::string scope;  // empty: from the document, else product
    ics::Identity identity;
    bool force = false;
};

std::optional<document::Format> format_named(const std::string& name) {
    if (name == "rst") {
        return document::Format::rst;
    }
    if (name == "md" || name == "markdown") {
        return document::Format::markdown;
    }
    if (name == "csv") {
        return document::Format::csv;
    }
    if (name == "text" || name == "txt") {
        return document::Format::text;
    }
    return std::nullopt;
}

void print_all(const std::vector<diagnostics::Diagnostic>& found, std::ostream& err) {
    for (const diagnostics::Diagnostic& d : found) {
        err << format_for_terminal(d) << "\n";
    }
}

// Writes one output file all or nothing; prints why and returns the exit code on failure.
int write_file(const std::string& path, const std::string& text, std::ostream& err) {
    const fs::path target(path);
    const std::string failure =
        util::write_all_or_nothing(target.has_parent_path() ? target.parent_path() : fs::path("."),
                                   {{target.filename().string(), text}});
    if (!failure.empty()) {
        err << "iotconform: error: " << failure << "\n";
        return k_exit_io_error;
    }
    return k_exit_ok;
}

int import_document(ImportCommand command, std::ostream& out, std::ostream& err) {
    const util::ReadResult read = util::read_text_file(command.input);
    if (!read.content) {
        throw UsageError{read.error, "give the document that holds Table B.1"};
    }
    if (const std::optional<std::size_t> bad = util::find_invalid_utf8(*read.content)) {
        const util::LineColumn at = util::line_column(*read.content, *bad);
        throw UsageError{
            fmt::format("{}:{}:{}: byte 0x{:02X} is not valid UTF-8", command.input, at.line,
                        at.column, static_cast<unsigned char>((*read.content)[*bad])),
            "save the document as UTF-8 and import it again"};
    }
    if (fs::exists(command.output) && !command.force) {
        throw UsageError{fmt::format("{} already exists", command.output),
                         "choose another output, or pass --force to overwrite it"};
    }
    const document::Format format = command.format.empty()
                                        ? document::guess_format(command.input, *read.content)
                                        : *format_named(command.format);
    document::ImportOptions options;
    options.standard = command.standard.empty() ? nullptr : &standard_or_throw(command.standard);
    if (!command.scope.empty()) {
        options.scope = command.scope == "component" ? ics::Scope::component : ics::Scope::product;
    }
    options.identity = command.identity;
    document::ImportResult result = document::import_table(
        document::read_table(format, *read.content, command.input), options, command.input);
    if (result.product && result.product->identity.name.empty()) {
        result.product->identity.name = fs::path(command.input).stem().string();
    }
    print_all(result.diagnostics, err);
    if (!result.product || diagnostics::has_errors(result.diagnostics)) {
        err << fmt::format(
            "iotconform: {} could not be imported without loss; nothing was written\n",
            command.input);
        return k_exit_bad_input;
    }

    const std::string text = ics::write_product(*result.product);
    // What we write must read back: a failure here is a bug, never the user's file.
    const ics::ProductLoad check = ics::load_product(text, command.output);
    if (!check.product || diagnostics::has_errors(check.diagnostics)) {
        print_all(check.diagnostics, err);
        err << "iotconform: internal error: the imported product file does not load\n";
        return k_exit_io_error;
    }
    if (write_file(command.output, text, err) != k_exit_ok) {
        return k_exit_io_error;
    }
    out << fmt::format("imported {} rows of {} ({}) into {} ({})\n", result.product->entries.size(),
                       command.input, document::to_string(format), command.output,
                       result.product->standard->short_title());
    return k_exit_ok;
}

// Loads and checks a product file; prints its errors and returns nullopt when it is bad.
std::optional<ics::ProductLoad> valid_product(const std::string& path, std::ostream& err) {
    ics::ProductLoad load = ics::load_product_file(path);
    if (!load.product || diagnostics::has_errors(load.diagnostics)) {
        print_errors(load.diagnostics, err);
        err << fmt::format("iotconform: {} is not a valid product file; nothing was written\n",
                           path);
        return std::nullopt;
    }
    return load;
}

int export_document(const std::string& product_path, const std::string& format_name,
                    const std::string& output, std::ostream& out, std::ostream& err) {
    std::optional<ics::ProductLoad> load = valid_product(product_path, err);
    if (!load) {
        return k_exit_bad_input;
    }
    const std::string text = document::export_table(*load->product, *format_named(format_name));
    if (output.empty()) {
        out << text;
        return k_exit_ok;
    }
    return write_file(output, text, err);
}

struct MigrateCommand {
    std::string product;
    std::string to;
    std::string output;
    std::string report;
    bool force = false;
};

int migrate_product(const MigrateCommand& command, std::ostream& out, std::ostream& err) {
    const standard::Standard& target = standard_or_throw(command.to);
    std::optional<ics::ProductLoad> load = valid_product(command.product, err);
    if (!load) {
        return k_exit_bad_input;
    }
    const std::optional<migrate::Migration> migration = migrate::migrate(*load->product, target);
    if (!migration) {
        std::vector<std::string> known;
        for (const auto& [from, to] : migrate::available_migrations()) {
            known.push_back(from + " -> " + to);
        }
        throw UsageError{
            fmt::format("no migration from {} to {}", load->product->standard->id(), target.id()),
            fmt::format("available: {}", util::join(known, "; "))};
    }
    for (const std::string& path : {command.output, command.report}) {
        if (!path.empty() && fs::exists(path) && !command.force) {
            throw UsageError{fmt::format("{} already exists", path),
                             "pass --force to overwrite it"};
        }
    }
    const std::string text = ics::write_product(migration->product);
    const std::string report = migrate::report_markdown(*migration, *load->product);
    const fs::path target_path(command.output);
    const fs::path directory =
        target_path.has_parent_path() ? target_path.parent_path() : fs::path(".");
    std::vector<util::OutputFile> files = {{target_path.filename().string(), text}};
    if (!command.report.empty()) {
        if (fs::path(command.report).parent_path() != target_path.parent_path()) {
            throw UsageError{"--report must be in the same directory as the output",
                             "both are written together, all or nothing"};
        }
        files.push_back({fs::path(command.report).filename().string(), report});
    }
    if (const std::string failure = util::write_all_or_nothing(directory, files);
        !failure.empty()) {
        err << "iotconform: error: " << failure << "\n";
        return k_exit_io_error;
    }
    std::size_t reviews = 0;
    for (const migrate::Note& note : migration->notes) {
        if (note.review) {
            out << fmt::format("review  {:<8} {}\n", note.to.empty() ? note.from : note.to,
                               note.message);
            ++reviews;
        }
    }
    out << fmt::format(
        "migrated {} to {} ({}): {} for a person; `assess` reports each (ICS050) until its "
        "'review' line is deleted\n",
        command.product, command.output, target.short_title(), util::counted(reviews, "decision"));
    return k_exit_ok;
}

int diff_products(const std::string& before_path, const std::string& after_path, bool json,
                  std::ostream& out, std::ostream& err) {
    std::optional<ics::ProductLoad> before = valid_product(before_path, err);
    std::optional<ics::ProductLoad> after = valid_product(after_path, err);
    if (!before || !after) {
        return k_exit_bad_input;
    }
    const judge::Judgement old_judgement = judge::judge(*before->product);
    const judge::Judgement new_judgement = judge::judge(*after->product);
    const migrate::Difference difference = migrate::compare(old_judgement, new_judgement);
    if (json) {
        nlohmann::json rows = nlohmann::json::array();
        for (const migrate::RowChange& row : difference.rows) {
            rows.push_back({{"provision", row.provision},
                            {"changed", row.fields},
                            {"before", row.before},
                            {"after", row.after}});
        }
        out << nlohmann::json{{"before",
                               {{"file", before_path},
                                {"conformance", difference.conformance_before}}},
                              {"after",
                               {{"file", after_path},
                                {"conformance", difference.conformance_after}}},
                              {"rows", rows}}
                   .dump(2)
            << "\n";
    } else {
        out << migrate::format_difference(difference, before_path, after_path);
    }
    // As diff(1): 0 when the same, 1 when they differ.
    return difference.rows.empty() && difference.conformance_before == difference.conformance_after
               ? k_exit_ok
               : k_exit_findings;
}

}  // namespace

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    CLI::App app{
        "iotconform: judge a consumer IoT product's conformance statement (ICS) against "
        "ETSI EN 303 645 and write the reports auditors and CI read."};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("iotconform ") + IOTCONFORM_VERSION);

    AssessOptions assess_options;
    CLI::App* assess_cmd = app.add_subcommand(
        "assess",
        "Judge a product file; print a summary and write reports (exit 0 conformant, "
        "1 not conformant or incomplete, 2 bad input)");
    assess_cmd->add_option("product", assess_options.product, "Product file (YAML)")->required();
    assess_cmd->add_option("-o,--out", assess_options.out_dir,
                           "Directory for report.md, .html, .json, .csv and .sarif");
    assess_cmd->add_option("--findings", assess_options.findings_files,
                           "Evidence from automatic checks (iotconform findings JSON); repeatable");
    assess_cmd->add_option("--color", assess_options.colour, "Colour in the summary")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    assess_cmd->add_flag("--exit-zero", assess_options.exit_zero,
                         "Exit 0 even when not conformant (bad input still exits 2)");

    CatalogOptions catalog_options;
    CLI::App* catalog_cmd = app.add_subcommand("catalog", "List the provisions, or show one");
    catalog_cmd->add_option("provision", catalog_options.provision, "Provision, such as 5.1-1");
    catalog_cmd->add_option("-s,--standard", catalog_options.standard, "Edition of the standard");
    catalog_cmd->add_flag("--json", catalog_options.json, "Print JSON");

    std::vector<std::string> explain_words;
    std::string explain_standard;
    CLI::App* explain_cmd =
        app.add_subcommand("explain", "Show the definition of a term of clause 3");
    explain_cmd->add_option("term", explain_words, "Term, such as 'constrained device'")
        ->required();
    explain_cmd->add_option("-s,--standard", explain_standard, "Edition of the standard");

    InitOptions init_options;
    CLI::App* init_cmd =
        app.add_subcommand("init", "Write a commented product file template and its JSON Schema");
    init_cmd->add_option("directory", init_options.directory, "Directory to write into")
        ->required();
    init_cmd->add_option("-s,--standard", init_options.standard, "Edition of the standard");
    init_cmd->add_option("--scope", init_options.scope, "product or component")
        ->check(CLI::IsMember({"product", "component"}));
    init_cmd->add_option("--name", init_options.name, "Product name to put in the file");
    init_cmd->add_flag("--force", init_options.force, "Overwrite an existing product.yaml");

    ImportCommand import_command;
    CLI::App* import_cmd = app.add_subcommand(
        "import",
        "Read Table B.1 from a document (rst list-table, Markdown, CSV, rendered text) "
        "into a product file");
    import_cmd->add_option("document", import_command.input, "The document")->required();
    import_cmd->add_option("-o,--output", import_command.output, "Product file to write")
        ->required();
    import_cmd
        ->add_option("--format", import_command.format, "rst, md, csv or text (default: guessed)")
        ->check(CLI::IsMember({"rst", "md", "markdown", "csv", "text", "txt"}));
    import_cmd->add_option("-s,--standard", import_command.standard,
                           "Edition (default: the one most references resolve in)");
    import_cmd->add_option("--scope", import_command.scope, "product or component")
        ->check(CLI::IsMember({"product", "component"}));
    import_cmd->add_option("--name", import_command.identity.name,
                           "Product name (default: file name)");
    import_cmd->add_option("--manufacturer", import_command.identity.manufacturer, "Manufacturer");
    import_cmd->add_option("--model", import_command.identity.model, "Model");
    import_cmd->add_option("--firmware-version", import_command.identity.firmware_version,
                           "Firmware version");
    import_cmd->add_flag("--force", import_command.force, "Overwrite an existing output file");

    std::string export_product;
    std::string export_format = "md";
    std::string export_output;
    CLI::App* export_cmd =
        app.add_subcommand("export", "Write a product file's ICS as a Markdown, rst or CSV table");
    export_cmd->add_option("product", export_product, "Product file (YAML)")->required();
    export_cmd->add_option("--format", export_format, "md, rst or csv")
        ->check(CLI::IsMember({"md", "markdown", "rst", "csv"}));
    export_cmd->add_option("-o,--output", export_output,
                           "File to write (default: standard output)");

    MigrateCommand migrate_command;
    CLI::App* migrate_cmd = app.add_subcommand(
        "migrate", "Carry a statement over to another edition, marking what a person must decide");
    migrate_cmd->add_option("product", migrate_command.product, "Product file (YAML)")->required();
    migrate_cmd->add_option("--to", migrate_command.to, "Target edition, such as en303645-3.1.3")
        ->required();
    migrate_cmd->add_option("-o,--output", migrate_command.output, "Product file to write")
        ->required();
    migrate_cmd->add_option("--report", migrate_command.report,
                            "Also write the migration report (Markdown)");
    migrate_cmd->add_flag("--force", migrate_command.force, "Overwrite existing files");

    std::string diff_before;
    std::string diff_after;
    bool diff_json = false;
    CLI::App* diff_cmd = app.add_subcommand(
        "diff",
        "Compare two assessments: support, detail, applicability and verdict per row "
        "(exit 0 same, 1 different)");
    diff_cmd->add_option("old", diff_before, "Older product file")->required();
    diff_cmd->add_option("new", diff_after, "Newer product file")->required();
    diff_cmd->add_flag("--json", diff_json, "Print JSON");

    std::string schema_standard;
    CLI::App* schema_cmd = app.add_subcommand("schema", "Print the product file's JSON Schema");
    schema_cmd->add_option("-s,--standard", schema_standard, "Edition of the standard");

    // CLI11 would call an unknown command "A subcommand is required"; name it instead.
    if (argc > 1 && argv[1][0] != '-') {
        std::vector<std::string> names;
        for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
            names.push_back(command->get_name());
        }
        if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
            err << fmt::format("iotconform: error: unknown command '{}'\n  hint: commands are {}\n",
                               argv[1], util::join(names, ", "));
            return k_exit_bad_input;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error, out, err);
        return code == 0 ? k_exit_ok : k_exit_bad_input;
    }

    try {
        if (assess_cmd->parsed() && assess_cmd->count("--out") > 0 &&
            assess_options.out_dir.empty()) {
            throw UsageError{"--out is empty",
                             "name the directory for the reports, or leave --out out"};
        }
        if (assess_cmd->parsed()) {
            return assess(assess_options, out, err);
        }
        if (catalog_cmd->parsed()) {
            return catalog(catalog_options, out);
        }
        if (explain_cmd->parsed()) {
            return explain(explain_words, explain_standard, out);
        }
        if (init_cmd->parsed()) {
            return init(init_options, out, err);
        }
        if (import_cmd->parsed()) {
            return import_document(import_command, out, err);
        }
        if (export_cmd->parsed()) {
            return export_document(export_product, export_format, export_output, out, err);
        }
        if (migrate_cmd->parsed()) {
            return migrate_product(migrate_command, out, err);
        }
        if (diff_cmd->parsed()) {
            return diff_products(diff_before, diff_after, diff_json, out, err);
        }
        if (schema_cmd->parsed()) {
            out << ics::product_schema(standard_or_throw(schema_standard)).dump(2) << "\n";
            return k_exit_ok;
        }
    } catch (const UsageError& error) {
        err << "iotconform: error: " << error.message << "\n";
        if (!error.hint.empty()) {
            err << "  hint: " << error.hint << "\n";
        }
        return k_exit_bad_input;
    } catch (const standard::DataError& error) {
        err << "iotconform: internal error in the built-in standard data: " << error.what() << "\n";
        return k_exit_io_error;
    } catch (const std::filesystem::filesystem_error& error) {
        // A path the system refuses (a symlink loop, a name too long, no permission).
        err << "iotconform: error: " << error.what() << "\n  hint: check the path\n";
        return k_exit_io_error;
    } catch (const std::exception& error) {
        err << "iotconform: internal error: " << error.what() << "\n";
        return k_exit_io_error;
    }
    return k_exit_bad_input;
}

}  // namespace iotconform::cli
