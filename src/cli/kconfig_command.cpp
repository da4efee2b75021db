// The `kconfig` command: a kernel's configuration, command line and sysctls against the
// hardening rules, as a table, JSON, SARIF or kernel-hardening-checker-shaped JSON.
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "kconfig/session.hpp"

namespace iotconform::cli {

namespace fs = std::filesystem;

namespace {

// Refuses, before anything is read or written, an output that would replace an input or
// the other output: the report would destroy the evidence it was made from.
void refuse_overwriting(const KconfigOptions& options) {
    std::vector<std::pair<std::string, std::string>> inputs = {
        {"the configuration", options.config},
        {"--cmdline", options.cmdline},
        {"--sysctl", options.sysctl},
        {"--suppressions", options.suppression_file}};
    for (const std::string& rules : options.rule_files) {
        inputs.emplace_back("--rules", rules);
    }
    for (const auto& [option, output] :
         {std::pair<std::string_view, const std::string&>{"--json", options.json_file},
          {"--sarif", options.sarif_file}}) {
        for (const auto& [what, input] : inputs) {
            if (!output.empty() && !input.empty() && same_file(output, input)) {
                throw UsageError{
                    fmt::format("{} {} would overwrite the input {} ({})", option, output, input,
                                what),
                    fmt::format("give {} another file; the inputs are never modified", option)};
            }
        }
    }
    if (!options.json_file.empty() && !options.sarif_file.empty() &&
        same_file(options.json_file, options.sarif_file)) {
        throw UsageError{fmt::format("--json and --sarif name the same file {}", options.json_file),
                         "give each report its own file"};
    }
}

kconfig::Request request_of(const KconfigOptions& options) {
    kconfig::Request request;
    request.config = options.config;
    request.cmdline = options.cmdline;
    request.sysctl = options.sysctl;
    request.profile =
        options.profile == "strict" ? kconfig::Profile::strict : kconfig::Profile::baseline;
    request.all_profiles = options.format == "khc-json";
    request.arch = options.arch;
    request.kernel_version = options.kernel_version;
    request.rule_files = options.rule_files;
    request.suppression_file = options.suppression_file;
    request.standard_id = standard_or_throw(options.standard).id();
    for (const std::string& text : options.suppressions) {
        const std::optional<kconfig::Suppression> suppression = kconfig::parse_suppression(text);
        if (!suppression) {
            throw UsageError{fmt::format("--suppress '{}' is not ID=REASON", text),
                             "record why: --suppress LX-KC-KALLSYMS='needed by the crash tool'"};
        }
        request.suppressions.push_back(*suppression);
    }
    return request;
}

}  // namespace

int kconfig_check(const KconfigOptions& options, std::ostream& out, std::ostream& err) {
    if (options.config.empty() && options.cmdline.empty() && options.sysctl.empty()) {
        throw UsageError{"nothing to check",
                         "give a CONFIG (a .config, .config.gz, kernel image or configs.ko), "
                         "--cmdline or --sysctl"};
    }
    refuse_overwriting(options);
    const std::unique_ptr<kconfig::Session> session = kconfig::run(request_of(options));
    if (diagnostics::has_errors(session->diagnostics)) {
        print_errors(session->diagnostics, err);
        err << "iotconform: the kernel inputs cannot be judged; nothing was written\n";
        return k_exit_bad_input;
    }
    print_all(session->diagnostics, err);
    const kconfig::Report& report = session->report;
    std::vector<Output> outputs;
    if (!options.json_file.empty()) {
        outputs.push_back({"--json", options.json_file, kconfig::render_json(report)});
    }
    if (!options.sarif_file.empty()) {
        outputs.push_back({"--sarif", options.sarif_file, kconfig::render_sarif(report)});
    }
    if (const int code = write_outputs(std::move(outputs), err); code != k_exit_ok) {
        return code;
    }
    if (options.format == "json") {
        out << kconfig::render_json(report);
    } else if (options.format == "khc-json") {
        out << kconfig::render_khc_json(report);
    } else {
        out << kconfig::render_table(report);
    }
    return kconfig::tally(report.results).failures > 0 ? k_exit_findings : k_exit_ok;
}

}  // namespace iotconform::cli
