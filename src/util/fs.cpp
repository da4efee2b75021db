// File I/O kept apart from parsing, so parsers take bytes and tests and fuzzers call them
// directly.
#include "util/fs.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace iotconform::util {

namespace fs = std::filesystem;

ReadResult read_text_file(const fs::path& path, std::uintmax_t limit) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        return {std::nullopt, fmt::format("{}: no such file", path.string())};
    }
    if (fs::is_directory(status)) {
        return {std::nullopt, fmt::format("{}: is a directory, expected a file", path.string())};
    }
    if (fs::is_regular_file(status)) {
        const std::uintmax_t size = fs::file_size(path, ec);
        if (!ec && size > limit) {
            return {std::nullopt, fmt::format("{}: {} bytes, larger than the {} byte limit for "
                                              "this kind of input",
                                              path.string(), size, limit)};
        }
    }
    std::ifstream stream(path, std::ios::binary);
    if (!stream) {
        return {std::nullopt,
                fmt::format("{}: cannot open: {}", path.string(), std::strerror(errno))};
    }
    std::string content;
    char buffer[65536];
    while (stream.read(buffer, sizeof buffer) || stream.gcount() > 0) {
        content.append(buffer, static_cast<std::size_t>(stream.gcount()));
        if (content.size() > limit) {
            return {std::nullopt, fmt::format("{}: larger than the {} byte limit for this kind "
                                              "of input",
                                              path.string(), limit)};
        }
    }
    if (stream.bad()) {
        return {std::nullopt, fmt::format("{}: read error", path.string())};
    }
    return {std::move(content), {}};
}

namespace {

fs::path temporary_name(const fs::path& directory, const std::string& name) {
    return directory / fmt::format(".{}.tmp-{}", name, ::getpid());
}

void remove_quietly(const std::vector<fs::path>& paths) {
    for (const fs::path& path : paths) {
        std::error_code ignored;
        fs::remove(path, ignored);
    }
}

}  // namespace

std::string write_all_or_nothing(const fs::path& directory, const std::vector<OutputFile>& files) {
    std::error_code ec;
    fs::create_directories(directory, ec);
    if (ec) {
        return fmt::format("{}: cannot create output directory: {}", directory.string(),
                           ec.message());
    }

    // A destination that is a directory would make its rename fail after others have
    // succeeded; refuse before anything is written.
    for (const OutputFile& file : files) {
        const fs::path destination = directory / file.name;
        if (fs::exists(destination, ec) && !fs::is_regular_file(destination, ec)) {
            return fmt::format(
                "{}: exists and is not a regular file; remove it or choose "
                "another output directory",
                destination.string());
        }
    }

    std::vector<fs::path> written;
    for (const OutputFile& file : files) {
        const fs::path temporary = temporary_name(directory, file.name);
        std::ofstream stream(temporary, std::ios::binary | std::ios::trunc);
        written.push_back(temporary);
        if (!stream.write(file.content.data(), static_cast<std::streamsize>(file.content.size())) ||
            !stream.flush()) {
            remove_quietly(written);
            return fmt::format("{}: cannot write: {}", temporary.string(), std::strerror(errno));
        }
    }

    for (std::size_t i = 0; i < files.size(); ++i) {
        fs::rename(written[i], directory / files[i].name, ec);
        if (ec) {
            // Take back the files already renamed, so a reader finds no report rather
            // than a mix of new and old ones.
            std::vector<fs::path> placed;
            for (std::size_t j = 0; j < i; ++j) {
                placed.push_back(directory / files[j].name);
            }
            remove_quietly(placed);
            remove_quietly(written);
            return fmt::format("{}: cannot rename into place: {}",
                               (directory / files[i].name).string(), ec.message());
        }
    }
    return {};
}

}  // namespace iotconform::util
