// Test support: the shared reference tables (../shared/reference), read in place. Tests
// that need them skip with a clear message where the folder is absent (a user's clone).
#pragma once

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "util/text.hpp"

namespace iotconform::test {

// The shared reference folder: beside the source tree (as laid out for developers and
// CI), or at its usual absolute place.
inline std::optional<std::filesystem::path> reference_dir() {
    const std::vector<std::filesystem::path> candidates = {
        std::filesystem::path(IOTCONFORM_SOURCE_DIR) / ".." / "shared" / "reference",
        "/work/shared/reference"};
    for (const std::filesystem::path& candidate : candidates) {
        std::error_code ignored;
        if (std::filesystem::is_regular_file(candidate / "en303645-v2.1.1-table-b1.csv", ignored)) {
            return candidate;
        }
    }
    return std::nullopt;
}

// Lines of a CSV file after its header, without line-break characters. The reference
// tables have no quoted fields except in texts, which callers split themselves.
inline std::vector<std::string> csv_rows(const std::filesystem::path& path) {
    std::ifstream stream(path);
    std::vector<std::string> rows;
    std::string line;
    bool header = true;
    while (std::getline(stream, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (header) {
            header = false;
            continue;
        }
        if (!util::trim(line).empty()) {
            rows.push_back(line);
        }
    }
    return rows;
}

}  // namespace iotconform::test
