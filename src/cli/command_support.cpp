// Helpers every command shares: editions by name, printing diagnostics, checked loading
// and all-or-nothing writing.
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "standard/catalog.hpp"
#include "util/fs.hpp"
#include "util/text.hpp"

namespace iotconform::cli {

namespace fs = std::filesystem;

namespace {

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

}  // namespace

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

void print_errors(const std::vector<diagnostics::Diagnostic>& found, std::ostream& err) {
    for (const diagnostics::Diagnostic& d : found) {
        if (d.severity == diagnostics::Severity::error) {
            err << format_for_terminal(d) << "\n";
        }
    }
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

}  // namespace iotconform::cli
