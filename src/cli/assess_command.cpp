// `assess`: judge a product file with its evidence and write the reports.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "evidence/collect.hpp"
#include "judge/engine.hpp"
#include "judge/findings_file.hpp"
#include "report/reports.hpp"
#include "util/fs.hpp"
#include "util/limits.hpp"

namespace iotconform::cli {

namespace {

namespace fs = std::filesystem;

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

}  // namespace

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

    evidence::Collection collected = evidence::collect(*load.product);
    if (diagnostics::has_errors(collected.diagnostics)) {
        print_errors(collected.diagnostics, err);
        err << fmt::format(
            "iotconform: an artifact named in {} cannot be checked; nothing was written\n",
            options.product);
        return k_exit_bad_input;
    }
    findings.insert(findings.end(), collected.findings.begin(), collected.findings.end());
    load.diagnostics.insert(load.diagnostics.end(), collected.diagnostics.begin(),
                            collected.diagnostics.end());

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

}  // namespace iotconform::cli
