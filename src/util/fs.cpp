// File I/O kept apart from parsing, so parsers take bytes and tests and fuzzers call them
// directly.
#include "util/fs.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
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
    if (ec && ec != std::errc::no_such_file_or_directory) {
        return {std::nullopt, fmt::format("{}: cannot read: {}", path.string(), ec.message())};
    }
    if (ec || !fs::exists(status)) {
        return {std::nullopt, fmt::format("{}: no such file", path.string())};
    }
    if (fs::is_directory(status)) {
        return {std::nullopt, fmt::format("{}: is a directory, expected a file", path.string())};
    }
    // A FIFO or a device would block or never end; inputs are files.
    if (!fs::is_regular_file(status)) {
        return {std::nullopt,
                fmt::format("{}: not a regular file (a pipe, socket or device)", path.string())};
    }
    const std::uintmax_t size = fs::file_size(path, ec);
    if (!ec && size > limit) {
        return {std::nullopt,
                fmt::format("{}: {} bytes, larger than the {} byte limit for this kind of input",
                            path.string(), size, limit)};
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
            return {std::nullopt,
                    fmt::format("{}: larger than the {} byte limit for this kind of input",
                                path.string(), limit)};
        }
    }
    if (stream.bad()) {
        return {std::nullopt, fmt::format("{}: read error", path.string())};
    }
    return {std::move(content), {}};
}

namespace {

fs::path side_name(const fs::path& directory, const std::string& name, std::string_view kind) {
    return directory / fmt::format(".{}.{}-{}", name, kind, ::getpid());
}

void remove_quietly(const std::vector<fs::path>& paths) {
    for (const fs::path& path : paths) {
        std::error_code ignored;
        fs::remove(path, ignored);
    }
}

// Creates `path` exclusively (never through a symlink or over an existing file: another
// user cannot plant a link where we write) and writes `content`. Returns errno or 0.
int write_new_file(const fs::path& path, const std::string& content, bool secret) {
    // A secret (a private key) is never readable by others, not even for a moment.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                          secret ? 0600 : 0644);
    if (fd < 0) {
        return errno;
    }
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t written = ::write(fd, content.data() + done, content.size() - done);
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            const int error = errno;
            ::close(fd);
            return error;
        }
        done += static_cast<std::size_t>(written);
    }
    return ::close(fd) == 0 ? 0 : errno;
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
        const fs::file_status status = fs::symlink_status(destination, ec);
        if (fs::exists(status) && !fs::is_regular_file(status)) {
            return fmt::format(
                "{}: exists and is not a regular file; remove it or choose another output "
                "directory",
                destination.string());
        }
    }

    std::vector<fs::path> temporary;
    for (const OutputFile& file : files) {
        const fs::path path = side_name(directory, file.name, "tmp");
        if (const int error = write_new_file(path, file.content, file.secret); error != 0) {
            remove_quietly(temporary);
            return fmt::format("{}: cannot write: {}", path.string(), std::strerror(error));
        }
        temporary.push_back(path);
    }

    // Old reports are moved aside first, so a failure part-way can restore them: a reader
    // finds either all old files or all new ones.
    std::vector<std::pair<fs::path, fs::path>> backups;  // destination, backup
    const auto roll_back = [&](std::size_t placed) {
        for (std::size_t j = 0; j < placed; ++j) {
            std::error_code ignored;
            fs::remove(directory / files[j].name, ignored);
        }
        for (const auto& [destination, backup] : backups) {
            std::error_code ignored;
            fs::rename(backup, destination, ignored);
        }
        remove_quietly(temporary);
    };
    for (const OutputFile& file : files) {
        const fs::path destination = directory / file.name;
        if (fs::exists(fs::symlink_status(destination, ec))) {
            const fs::path backup = side_name(directory, file.name, "old");
            fs::rename(destination, backup, ec);
            if (ec) {
                roll_back(0);
                return fmt::format("{}: cannot replace: {}", destination.string(), ec.message());
            }
            backups.emplace_back(destination, backup);
        }
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        fs::rename(temporary[i], directory / files[i].name, ec);
        if (ec) {
            roll_back(i);
            return fmt::format("{}: cannot rename into place: {}",
                               (directory / files[i].name).string(), ec.message());
        }
    }
    for (const auto& [destination, backup] : backups) {
        std::error_code ignored;
        fs::remove(backup, ignored);
    }
    return {};
}

}  // namespace iotconform::util
