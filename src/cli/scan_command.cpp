// `scan`: the firmware checks alone on an image, with a summary on the terminal and JSON
// and SARIF files for CI.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "firmware/scan.hpp"
#include "standard/catalog.hpp"
#include "util/escape.hpp"

namespace iotconform::cli {

namespace {

namespace fs = std::filesystem;

// A progress line on a terminal, rewritten in place at most every 1% of the input.
firmware::Progress terminal_progress(bool wanted) {
    if (!wanted || ::isatty(STDERR_FILENO) != 1) {
        return {};
    }
    auto last = std::make_shared<int>(-1);
    return [last](std::uint64_t done, std::uint64_t total) {
        const int percent =
            total == 0 ? 100 : static_cast<int>(std::min<std::uint64_t>(100, done * 100 / total));
        if (percent != *last) {
            *last = percent;
            std::fprintf(stderr, "\r  reading %3d%% (%.0f of %.0f MB)", percent,
                         static_cast<double>(done) / 1e6, static_cast<double>(total) / 1e6);
            std::fflush(stderr);
        }
    };
}

void refuse_overwriting(const ScanCommand& command) {
    if (command.json_given && command.json_file.empty()) {
        throw UsageError{"--json is empty", "name the file to write, or leave --json out"};
    }
    if (command.sarif_given && command.sarif_file.empty()) {
        throw UsageError{"--sarif is empty", "name the file to write, or leave --sarif out"};
    }
    const std::vector<std::string> outputs = {command.json_file, command.sarif_file};
    for (const std::string& output : outputs) {
        if (!output.empty() && same_file(output, command.image)) {
            throw UsageError{fmt::format("{} would overwrite the image {}", output, command.image),
                             "write the report to another file"};
        }
    }
    if (!command.json_file.empty() && !command.sarif_file.empty() &&
        same_file(command.json_file, command.sarif_file)) {
        throw UsageError{"--json and --sarif name the same file", "give each its own file"};
    }
}

}  // namespace

int scan_image(const ScanCommand& command, std::ostream& out, std::ostream& err) {
    refuse_overwriting(command);
    firmware::ScanOptions options;
    options.edition = &standard_or_throw(command.standard);
    options.progress = terminal_progress(command.progress);
    const firmware::ScanResult result = firmware::scan(command.image, options);
    if (options.progress) {
        std::fprintf(stderr, "\r%*s\r", 60, "");
    }
    if (result.stats.files == 0) {
        print_all(result.diagnostics, err);  // the warnings say why nothing could be read
        err << fmt::format("iotconform: {} cannot be scanned; nothing was written\n",
                           command.image);
        return k_exit_bad_input;
    }
    std::vector<Output> outputs;
    if (!command.json_file.empty()) {
        outputs.push_back(
            {"--json", command.json_file, util::json_text(firmware::scan_json(result))});
    }
    if (!command.sarif_file.empty()) {
        outputs.push_back(
            {"--sarif", command.sarif_file, util::json_text(firmware::scan_sarif(result))});
    }
    if (const int code = write_outputs(std::move(outputs), err); code != k_exit_ok) {
        return code;
    }
    out << firmware::scan_summary(result);
    for (const judge::Finding& finding : result.findings) {
        if (finding.severity != diagnostics::Severity::note) {
            return k_exit_findings;
        }
    }
    // An incomplete analysis (damage, a limit, a form that cannot be read) is not a clean
    // result: CI must not pass an image that was only partly checked.
    for (const diagnostics::Diagnostic& d : result.diagnostics) {
        if (d.severity != diagnostics::Severity::note) {
            return k_exit_findings;
        }
    }
    return k_exit_ok;
}

}  // namespace iotconform::cli
