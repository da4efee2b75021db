// The commands of the command line, each a function from its options to an exit code,
// and the helpers they share. Internal to src/cli/: main() reaches them through cli::run.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "document/table.hpp"
#include "ics/product.hpp"
#include "ics/product_loader.hpp"
#include "standard/standard.hpp"

namespace iotconform::cli {

// A user error found while running a command (after parsing succeeded).
struct UsageError {
    std::string message;
    std::string hint;
};

// The built-in edition `id` names, or the default for an empty id; throws UsageError.
const standard::Standard& standard_or_throw(const std::string& id);

// Prints the errors of `found` (only errors) / every diagnostic of `found`.
void print_errors(const std::vector<diagnostics::Diagnostic>& found, std::ostream& err);
void print_all(const std::vector<diagnostics::Diagnostic>& found, std::ostream& err);

// Loads and checks a product file; prints its errors and returns nullopt when it is bad.
std::optional<ics::ProductLoad> valid_product(const std::string& path, std::ostream& err);

// Writes one output file all or nothing; prints why and returns the exit code on failure.
int write_file(const std::string& path, const std::string& text, std::ostream& err);

// One report to write: the option that named it, the user's path and the bytes.
struct Output {
    std::string_view option;
    std::filesystem::path path;
    std::string content;
};

// True when `a` and `b` name one file: the same file now (links included), or the same
// path once resolved, for a file not written yet.
bool same_file(const std::string& a, const std::string& b);

// Writes every output or none, wherever each one goes (see command_support.cpp); messages
// name the user's file and its option. Returns the exit code.
int write_outputs(std::vector<Output> outputs, std::ostream& err);

struct AssessOptions {
    std::string product;
    std::vector<std::string> findings_files;
    std::string out_dir;
    std::string colour = "auto";
    bool exit_zero = false;
};

// Judges the product with its findings, prints the summary and, with out_dir, writes
// every report. Exit 0 conformant (or exit_zero), 1 not, 2 bad input, 3 cannot write.
int assess(const AssessOptions& options, std::ostream& out, std::ostream& err);

struct CatalogOptions {
    std::string standard;
    std::string provision;
    bool json = false;
};

// Lists the provisions of an edition, or shows one (text or JSON).
int catalog(const CatalogOptions& options, std::ostream& out);
// Prints the definition of a term of clause 3, or suggests the nearest terms.
int explain(const std::vector<std::string>& words, const std::string& standard_id,
            std::ostream& out);

struct InitOptions {
    std::string directory;
    std::string standard;
    std::string scope = "product";
    std::string name = "Unnamed product";
    bool force = false;
};

// Writes a commented product file template and its JSON Schema into a directory.
int init(const InitOptions& options, std::ostream& out, std::ostream& err);

struct ImportCommand {
    std::string input;
    std::string output;
    std::string format;  // empty: guessed from the name and content
    std::string standard;
    std::string scope;  // empty: from the document, else product
    ics::Identity identity;
    bool force = false;
};

// Reads Table B.1 from a document into a product file; exit 2 and nothing written
// when any row would import wrongly.
int import_document(ImportCommand command, std::ostream& out, std::ostream& err);
// Writes a product file's ICS as a Markdown, rst or CSV document.
int export_document(const std::string& product_path, const std::string& format_name,
                    const std::string& output, bool force, std::ostream& out, std::ostream& err);

struct MigrateCommand {
    std::string product;
    std::string to;
    std::string output;
    std::string report;
    bool force = false;
};

// Migrates a statement to another edition and lists the decisions left open.
int migrate_product(const MigrateCommand& command, std::ostream& out, std::ostream& err);
// Judges two statements and prints the rows that changed; exit 0 same, 1 different.
int diff_products(const std::string& before_path, const std::string& after_path, bool json,
                  std::ostream& out, std::ostream& err);

struct KconfigOptions {
    std::string config;
    std::string cmdline;
    std::string sysctl;
    std::string profile = "baseline";
    std::string arch;
    std::string kernel_version;
    std::vector<std::string> rule_files;
    std::vector<std::string> suppressions;  // ID=REASON
    std::string suppression_file;
    std::string standard;
    std::string format = "table";  // table, json or khc-json (on standard output)
    std::string json_file;
    std::string sarif_file;
};

// Judges a kernel's configuration (and command line, sysctls) against the hardening
// rules. Exit 0 when no rule of the profile fails, 1 when one does, 2 bad input, 3 when
// an output cannot be written.
int kconfig_check(const KconfigOptions& options, std::ostream& out, std::ostream& err);

struct ScanCommand {
    std::string image;
    std::string json_file;
    std::string sarif_file;
    std::string standard;  // the edition whose provision ids the findings name
    bool progress = true;
    bool json_given = false;  // --json was on the command line (possibly empty)
    bool sarif_given = false;
};

// Runs the firmware checks on an image: a summary on `out`, JSON (the findings-file
// format) and SARIF files. Exit 0 no finding above a note, 1 findings, 2 the image cannot
// be read at all, 3 an output cannot be written.
int scan_image(const ScanCommand& command, std::ostream& out, std::ostream& err);

}  // namespace iotconform::cli
