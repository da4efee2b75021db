// File reading and all-or-nothing writing of output files.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "util/limits.hpp"

namespace iotconform::util {

struct ReadResult {
    std::optional<std::string> content;  // set on success
    std::string error;                   // why it failed, when content is empty
};

// Reads a whole regular file of at most `limit` bytes. Never throws.
[[nodiscard]] ReadResult read_text_file(const std::filesystem::path& path,
                                        std::uintmax_t limit = k_max_text_input_bytes);

struct OutputFile {
    std::string name;     // file name inside the output directory
    std::string content;  // complete bytes to write
    bool secret = false;  // created readable by its owner only (mode 0600): private keys
};

// Writes every file into `directory` (created if needed) so that a reader never sees a
// partial report: each file goes to a temporary name first and all are renamed only once
// every write has succeeded; on failure the temporary files are removed and the reason is
// returned. Returns an empty string on success.
[[nodiscard]] std::string write_all_or_nothing(const std::filesystem::path& directory,
                                               const std::vector<OutputFile>& files);

}  // namespace iotconform::util
