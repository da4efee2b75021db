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

// True when `a` and `b` name one file: the same file now (links included), or the same
// path once resolved, for a file not written yet.
bool same_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    if (fs::equivalent(a, b, ec)) {
        return true;
    }
    std::error_code ec_a;
    std::error_code ec_b;
    const fs::path resolved_a = fs::weakly_canonical(a, ec_a);
    const fs::path resolved_b = fs::weakly_canonical(b, ec_b);
    return !ec_a && !ec_b && resolved_a == resolved_b;
}

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

// One report to write: the option that named it, the user's path and the bytes.
struct Output {
    std::string_view option;
    fs::path path;
    std::string content;
};

// A hidden name beside `path` for a temporary or a backup of this process.
fs::path beside(const fs::path& path, std::string_view kind) {
    return path.parent_path() /
           fmt::format(".{}.{}-{}", path.filename().string(), kind, ::getpid());
}

// Creates `path` exclusively ("x": never through a link or over a file) with `content`;
// errno on failure, else 0.
int create_file(const fs::path& path, const std::string& content) {
    std::FILE* file = std::fopen(path.c_str(), "wbx");
    if (file == nullptr) {
        return errno;
    }
    const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size();
    const int error = written ? 0 : errno;
    if (std::fclose(file) != 0 || !written) {
        const int failure = error != 0 ? error : errno;
        std::error_code ignored;
        fs::remove(path, ignored);
        return failure != 0 ? failure : EIO;
    }
    return 0;
}

// Writes every output or none, wherever each one goes: each is written to a temporary
// beside its target, and the temporaries are renamed into place only once all are
// complete; an output already renamed is put back (from a hard-link backup) if a later
// rename fails. Messages name the user's file and its option. Returns the exit code.
int write_outputs(std::vector<Output> outputs, std::ostream& err) {
    const auto fail = [&](const Output& output, std::string_view problem, std::string hint) {
        err << fmt::format("iotconform: error: {} {}: {}\n  hint: {}\n", output.option,
                           output.path.string(), problem, hint);
        return k_exit_io_error;
    };
    for (Output& output : outputs) {
        output.path = output.path.lexically_normal();
        if (!output.path.has_filename()) {
            return fail(output, "names a directory, not a file",
                        fmt::format("give {} a file name", output.option));
        }
        std::error_code ec;
        if (fs::is_directory(output.path, ec)) {
            return fail(output, "is a directory, not a file",
                        fmt::format("give {} a file name inside it", output.option));
        }
        if (output.path.has_parent_path()) {
            fs::create_directories(output.path.parent_path(), ec);
            if (ec) {
                return fail(output, "its directory cannot be created: " + ec.message(),
                            fmt::format("give {} a path in a writable directory", output.option));
            }
        }
    }
    std::vector<fs::path> temporaries;
    const auto remove_all = [](const std::vector<fs::path>& paths) {
        for (const fs::path& path : paths) {
            std::error_code ignored;
            fs::remove(path, ignored);
        }
    };
    for (const Output& output : outputs) {
        const fs::path temporary = beside(output.path, "tmp");
        if (const int error = create_file(temporary, output.content); error != 0) {
            remove_all(temporaries);
            return fail(output, fmt::format("cannot write: {}", std::strerror(error)),
                        fmt::format("check the directory is writable and has space, or give {} "
                                    "another file; nothing was written",
                                    output.option));
        }
        temporaries.push_back(temporary);
    }
    // Hard links keep the previous reports until every new one is in place.
    std::vector<fs::path> backups(outputs.size());
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        std::error_code ec;
        if (fs::is_regular_file(outputs[i].path, ec)) {
            const fs::path backup = beside(outputs[i].path, "old");
            fs::create_hard_link(outputs[i].path, backup, ec);
            backups[i] = ec ? fs::path() : backup;
        }
    }
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        std::error_code ec;
        fs::rename(temporaries[i], outputs[i].path, ec);
        if (ec) {
            for (std::size_t j = 0; j < i; ++j) {
                std::error_code ignored;
                if (backups[j].empty()) {
                    fs::remove(outputs[j].path, ignored);
                } else {
                    fs::rename(backups[j], outputs[j].path, ignored);
                }
            }
            remove_all(temporaries);
            remove_all(backups);
            return fail(outputs[i], "cannot be replaced: " + ec.message(),
                        fmt::format("check the file and its directory, or give {} another "
                                    "file; no report was changed",
                                    outputs[i].option));
        }
    }
    remove_all(backups);
    return k_exit_ok;
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
