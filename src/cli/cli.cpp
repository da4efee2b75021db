// Command dispatch: the command line's grammar (CLI11) and the mapping of each command to
// its function in src/cli/*_command(s).cpp. No judgement or formatting logic lives here.
#include "cli/cli.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/image_commands.hpp"
#include "ics/product_schema.hpp"
#include "standard/catalog.hpp"
#include "util/text.hpp"

namespace iotconform::cli {

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
    bool export_force = false;
    export_cmd->add_flag("--force", export_force, "Overwrite an existing output file");

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

    KconfigOptions kconfig_options;
    CLI::App* kconfig_cmd = app.add_subcommand(
        "kconfig",
        "Check a Linux or Zephyr kernel configuration (.config, .config.gz, kernel image or "
        "configs.ko), command line and sysctls against hardening rules tied to the provisions "
        "(exit 0 no failure, 1 failures, 2 bad input)");
    kconfig_cmd->add_option("config", kconfig_options.config,
                            "The configuration: .config, .config.gz, vmlinux, Image or configs.ko");
    kconfig_cmd->add_option("--cmdline", kconfig_options.cmdline, "Kernel command line file");
    kconfig_cmd->add_option("--sysctl", kconfig_options.sysctl, "Output of `sysctl -a`");
    kconfig_cmd->add_option("--profile", kconfig_options.profile, "baseline or strict")
        ->check(CLI::IsMember({"baseline", "strict"}));
    kconfig_cmd->add_option("--arch", kconfig_options.arch, "Architecture (default: detected)");
    kconfig_cmd->add_option("--kernel-version", kconfig_options.kernel_version,
                            "Kernel release such as 6.1 (default: detected)");
    kconfig_cmd->add_option("--rules", kconfig_options.rule_files,
                            "Additional rule file (docs/kconfig-rules.md); repeatable");
    kconfig_cmd->add_option("--suppress", kconfig_options.suppressions,
                            "Suppress a rule with a recorded reason: ID=REASON; repeatable");
    kconfig_cmd->add_option("--suppressions", kconfig_options.suppression_file,
                            "YAML list of {rule, reason} suppressions");
    kconfig_cmd->add_option("-s,--standard", kconfig_options.standard,
                            "Edition whose provisions are shown");
    kconfig_cmd
        ->add_option("--format", kconfig_options.format,
                     "Standard output: table, json, or khc-json (kernel-hardening-checker's "
                     "shape, every profile)")
        ->check(CLI::IsMember({"table", "json", "khc-json"}));
    kconfig_cmd->add_option("--json", kconfig_options.json_file, "Also write the JSON report");
    kconfig_cmd->add_option("--sarif", kconfig_options.sarif_file, "Also write SARIF 2.1.0");

    ScanCommand scan_command;
    CLI::App* scan_cmd = app.add_subcommand(
        "scan",
        "Check a firmware image (directory, archive, SquashFS or raw image) for default "
        "passwords, keys and secrets, exposed services and debug access, weak crypto and "
        "binary hardening (exit 0 nothing above a note, 1 findings, 2 unreadable)");
    scan_cmd->add_option("image", scan_command.image, "The image or root file system")->required();
    scan_cmd->add_option("--json", scan_command.json_file,
                         "Write the findings (findings-file format, for assess --findings)");
    scan_cmd->add_option("--sarif", scan_command.sarif_file, "Write SARIF 2.1.0");
    scan_cmd->add_option("-s,--standard", scan_command.standard,
                         "Edition whose provision ids the findings name");
    scan_cmd->add_flag("!--no-progress", scan_command.progress, "No progress line on the terminal");

    std::string schema_standard;
    CLI::App* schema_cmd = app.add_subcommand("schema", "Print the product file's JSON Schema");
    schema_cmd->add_option("-s,--standard", schema_standard, "Edition of the standard");

    const ImageCommands image_commands(app);

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
        if (error.get_exit_code() == 0) {
            return app.exit(error, out, err);  // --help, --version
        }
        // One error format for every command: what is wrong, then where to look.
        err << "iotconform: error: " << error.what()
            << "\n  hint: run 'iotconform --help', or 'iotconform COMMAND --help'\n";
        return k_exit_bad_input;
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
            return export_document(export_product, export_format, export_output, export_force, out,
                                   err);
        }
        if (migrate_cmd->parsed()) {
            return migrate_product(migrate_command, out, err);
        }
        if (diff_cmd->parsed()) {
            return diff_products(diff_before, diff_after, diff_json, out, err);
        }
        if (image_commands.parsed()) {
            return image_commands.run(out, err);
        }
        if (kconfig_cmd->parsed()) {
            return kconfig_check(kconfig_options, out, err);
        }
        if (scan_cmd->parsed()) {
            scan_command.json_given = scan_cmd->count("--json") > 0;
            scan_command.sarif_given = scan_cmd->count("--sarif") > 0;
            return scan_image(scan_command, out, err);
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
