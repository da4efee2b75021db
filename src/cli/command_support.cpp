// Helpers every command shares: editions by name, printing diagnostics, checked loading
// and all-or-nothing writing.
#include <fmt/format.h>

#include <filesystem>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "standard/catalog.hpp"
#include "util/fs.hpp"
#include "util/text.hpp"

namespace iotconform::cli {

namespace fs = std::filesystem;

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

}  // namespace iotconform::cli
