// `import`, `export`, `migrate` and `diff`: statements as documents, across editions and
// revisions.
#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "document/exporter.hpp"
#include "document/importer.hpp"
#include "evidence/collect.hpp"
#include "ics/product_writer.hpp"
#include "judge/engine.hpp"
#include "migrate/diff.hpp"
#include "migrate/migration.hpp"
#include "util/escape.hpp"
#include "util/fs.hpp"
#include "util/limits.hpp"
#include "util/text.hpp"

namespace iotconform::cli {

namespace fs = std::filesystem;

namespace {

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

// The judgement of a loaded product with the evidence of its artifacts, or nullopt (the
// diagnostics printed) when an artifact cannot be checked.
std::optional<judge::Judgement> judged_with_evidence(ics::ProductLoad& load,
                                                     const std::string& path, std::ostream& err) {
    evidence::Collection collected = evidence::collect(*load.product);
    if (diagnostics::has_errors(collected.diagnostics)) {
        print_errors(collected.diagnostics, err);
        err << fmt::format("iotconform: an artifact named in {} cannot be checked\n", path);
        return std::nullopt;
    }
    load.diagnostics.insert(load.diagnostics.end(), collected.diagnostics.begin(),
                            collected.diagnostics.end());
    return judge::judge(*load.product, std::move(load.diagnostics), collected.findings);
}

}  // namespace

int import_document(ImportCommand command, std::ostream& out, std::ostream& err) {
    const std::string extension = util::to_lower(fs::path(command.input).extension().string());
    if (extension == ".yaml" || extension == ".yml") {
        throw UsageError{
            fmt::format("{} looks like a product file; import reads documents", command.input),
            "give a Markdown, rst, CSV or text document; a product file is used as it is by "
            "'iotconform assess'"};
    }
    const util::ReadResult read = util::read_text_file(command.input, util::k_max_document_bytes);
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
    std::error_code ec;
    if (fs::equivalent(command.output, command.input, ec)) {
        throw UsageError{fmt::format("{} is the document being imported", command.output),
                         "write the product file to another path"};
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

int export_document(const std::string& product_path, const std::string& format_name,
                    const std::string& output, bool force, std::ostream& out, std::ostream& err) {
    std::optional<ics::ProductLoad> load = valid_product(product_path, err);
    if (!load) {
        return k_exit_bad_input;
    }
    const std::string text = document::export_table(*load->product, *format_named(format_name));
    if (output.empty()) {
        out << text;
        return k_exit_ok;
    }
    std::error_code ec;
    if (fs::equivalent(output, product_path, ec)) {
        throw UsageError{fmt::format("{} is the product file being exported", output),
                         "write the export to another file"};
    }
    if (fs::exists(fs::symlink_status(output, ec)) && !force) {
        throw UsageError{fmt::format("{} already exists", output), "pass --force to overwrite it"};
    }
    return write_file(output, text, err);
}

int migrate_product(const MigrateCommand& command, std::ostream& out, std::ostream& err) {
    const standard::Standard& target = standard_or_throw(command.to);
    std::optional<ics::ProductLoad> load = valid_product(command.product, err);
    if (!load) {
        return k_exit_bad_input;
    }
    std::optional<migrate::Migration> migration = migrate::migrate(*load->product, target);
    if (!migration) {
        std::vector<std::string> known;
        for (const auto& [from, to] : migrate::available_migrations()) {
            known.push_back(from + " -> " + to);
        }
        throw UsageError{
            fmt::format("no migration from {} to {}", load->product->standard->id(), target.id()),
            fmt::format("available: {}", util::join(known, "; "))};
    }
    std::error_code ec;
    if (fs::equivalent(command.output, command.product, ec)) {
        throw UsageError{fmt::format("{} is the product file being migrated", command.output),
                         "write the migrated file to another path"};
    }
    if (!command.report.empty() && fs::path(command.report) == fs::path(command.output)) {
        throw UsageError{"--report and --output name the same file",
                         "give the report its own name"};
    }
    for (const std::string& path : {command.output, command.report}) {
        if (!path.empty() && fs::exists(path) && !command.force) {
            throw UsageError{fmt::format("{} already exists", path),
                             "pass --force to overwrite it"};
        }
    }
    migrate::relocate_artifacts(*migration, command.product, command.output);
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
        if (note.change == migrate::Change::kept) {
            out << fmt::format("kept    {}\n", note.message);
        }
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
    // Judged as `assess` judges them: with the evidence of the artifacts each names, so a
    // kernel configuration or update image that contradicts a Y shows here too.
    std::optional<judge::Judgement> old_judgement = judged_with_evidence(*before, before_path, err);
    std::optional<judge::Judgement> new_judgement = judged_with_evidence(*after, after_path, err);
    if (!old_judgement || !new_judgement) {
        return k_exit_bad_input;
    }
    const migrate::Difference difference = migrate::compare(*old_judgement, *new_judgement);
    if (json) {
        nlohmann::json rows = nlohmann::json::array();
        for (const migrate::RowChange& row : difference.rows) {
            rows.push_back({{"provision", row.provision},
                            {"changed", row.fields},
                            {"before", row.before},
                            {"after", row.after}});
        }
        out << util::json_text(
            {{"identity", difference.identity},
             {"before", {{"file", before_path}, {"conformance", difference.conformance_before}}},
             {"after", {{"file", after_path}, {"conformance", difference.conformance_after}}},
             {"rows", rows}});
    } else {
        out << migrate::format_difference(difference, before_path, after_path);
    }
    // As diff(1): 0 when the same, 1 when they differ.
    return difference.rows.empty() && difference.identity.empty() &&
                   difference.conformance_before == difference.conformance_after
               ? k_exit_ok
               : k_exit_findings;
}

}  // namespace iotconform::cli
