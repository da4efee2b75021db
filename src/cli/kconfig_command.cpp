// The `kconfig` command: a kernel's configuration, command line and sysctls against the
// hardening rules, as a table, JSON, SARIF or kernel-hardening-checker-shaped JSON.
#include <fmt/format.h>

#include <ostream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "kconfig/session.hpp"

namespace iotconform::cli {

namespace {

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
    const std::unique_ptr<kconfig::Session> session = kconfig::run(request_of(options));
    if (diagnostics::has_errors(session->diagnostics)) {
        print_errors(session->diagnostics, err);
        err << "iotconform: the kernel inputs cannot be judged; nothing was written\n";
        return k_exit_bad_input;
    }
    print_all(session->diagnostics, err);
    const kconfig::Report& report = session->report;
    if (!options.json_file.empty()) {
        if (const int code = write_file(options.json_file, kconfig::render_json(report), err)) {
            return code;
        }
    }
    if (!options.sarif_file.empty()) {
        if (const int code = write_file(options.sarif_file, kconfig::render_sarif(report), err)) {
            return code;
        }
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
