// A root file system unpacked in a host directory. It is walked through directory
// descriptors (openat) with O_NOFOLLOW, so a symbolic link inside it (Debian's
// dev/fd -> /proc/self/fd) is reported as a link and never resolved on the host; device
// files, FIFOs and sockets are reported from their metadata and never opened.
#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include "firmware/session.hpp"
#include "util/limits.hpp"

namespace iotconform::firmware::detail {

namespace {

FileType file_type(mode_t mode) {
    switch (mode & S_IFMT) {
        case S_IFDIR:
            return FileType::directory;
        case S_IFLNK:
            return FileType::symlink;
        case S_IFCHR:
            return FileType::char_device;
        case S_IFBLK:
            return FileType::block_device;
        case S_IFIFO:
            return FileType::fifo;
        case S_IFSOCK:
            return FileType::socket;
        default:
            return FileType::regular;
    }
}

struct DirCloser {
    void operator()(DIR* directory) const { closedir(directory); }
};

// The names in a directory, sorted so the order does not depend on the host file system.
std::vector<std::string> list_names(int directory_fd) {
    std::vector<std::string> names;
    const int copy = fcntl(directory_fd, F_DUPFD_CLOEXEC, 0);
    if (copy < 0) {
        return names;
    }
    const std::unique_ptr<DIR, DirCloser> directory(fdopendir(copy));
    if (!directory) {
        close(copy);
        return names;
    }
    while (const dirent* item = readdir(directory.get())) {
        const std::string_view name = item->d_name;
        if (name != "." && name != "..") {
            names.emplace_back(name);
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

class DirectoryWalk {
  public:
    DirectoryWalk(Session& session, const Container& container)
        : m_session(session), m_container(container) {}
    void run(const std::string& root);

  private:
    void walk(int directory_fd, const std::string& prefix, unsigned depth);
    void visit(int directory_fd, const std::string& name, const std::string& path, unsigned depth);
    void visit_file(int directory_fd, const std::string& name, FileEntry& entry,
                    const struct stat& info);
    void visit_directory(int directory_fd, const std::string& name, FileEntry& entry,
                         const struct stat& info, unsigned depth);
    void unreadable(const std::string& path, const char* what);

    Session& m_session;
    const Container& m_container;
    dev_t m_device = 0;
    std::vector<std::uint8_t> m_content;
};

void DirectoryWalk::unreadable(const std::string& path, const char* what) {
    m_session.diagnose(
        "FW010",
        fmt::format("the analysis is incomplete: {} in {} cannot be {} ({}); it was skipped", path,
                    m_container.label, what, std::strerror(errno)),
        "run the scan as a user who can read the whole tree (root for a root file system)",
        m_container);
}

void DirectoryWalk::run(const std::string& root) {
    const int fd = open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct stat info {};
    if (fd < 0 || fstat(fd, &info) != 0) {
        unreadable(".", "opened");
        if (fd >= 0) {
            close(fd);
        }
        return;
    }
    m_device = info.st_dev;
    m_session.stats().containers.push_back(fmt::format("{} (directory)", m_container.label));
    walk(fd, "", 0);
    close(fd);
}

void DirectoryWalk::walk(int directory_fd, const std::string& prefix, unsigned depth) {
    for (const std::string& name : list_names(directory_fd)) {
        if (m_session.stopped()) {
            return;
        }
        visit(directory_fd, name, prefix + name, depth);
    }
}

void DirectoryWalk::visit(int directory_fd, const std::string& name, const std::string& path,
                          unsigned depth) {
    struct stat info {};
    if (fstatat(directory_fd, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
        unreadable(path, "examined");
        return;
    }
    if (!m_session.add_entry(m_container)) {
        return;
    }
    FileEntry entry;
    entry.path = path;
    entry.type = file_type(info.st_mode);
    entry.mode = info.st_mode & 07777U;
    entry.uid = info.st_uid;
    entry.gid = info.st_gid;
    switch (entry.type) {
        case FileType::regular:
            visit_file(directory_fd, name, entry, info);
            return;
        case FileType::directory:
            visit_directory(directory_fd, name, entry, info, depth);
            return;
        case FileType::symlink: {
            std::vector<char> target(static_cast<std::size_t>(std::max<off_t>(info.st_size, 255)) +
                                     1);
            const ssize_t length =
                readlinkat(directory_fd, name.c_str(), target.data(), target.size());
            if (length < 0) {
                unreadable(path, "read as a link");
                return;
            }
            entry.link_target.assign(target.data(), static_cast<std::size_t>(length));
            break;
        }
        default:
            break;  // devices, FIFOs, sockets: metadata only, never opened
    }
    m_session.deliver(m_container, entry, {});
}

void DirectoryWalk::visit_file(int directory_fd, const std::string& name, FileEntry& entry,
                               const struct stat& info) {
    // O_NONBLOCK and the check below guard against the file being swapped for a FIFO or a
    // device between the fstatat and the open.
    const int fd = openat(directory_fd, name.c_str(),
                          O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    struct stat opened {};
    if (fd < 0 || fstat(fd, &opened) != 0 || !S_ISREG(opened.st_mode) ||
        opened.st_ino != info.st_ino) {
        unreadable(entry.path, "opened as a regular file");
        if (fd >= 0) {
            close(fd);
        }
        return;
    }
    const FileSource whole(fd, static_cast<std::uint64_t>(opened.st_size));
    entry.size = whole.size();
    const std::uint64_t wanted = std::min(entry.size, m_session.limits().max_file_bytes);
    entry.truncated = wanted < entry.size;
    m_content.resize(static_cast<std::size_t>(wanted));
    if (!whole.read_at(0, m_content.data(), m_content.size())) {
        unreadable(entry.path, "read");
        return;
    }
    m_session.add_input_bytes(wanted);
    if (!m_session.add_content_bytes(m_container, wanted)) {
        return;
    }
    m_session.report_progress(m_session.stats().input_bytes, 0);
    m_session.deliver(m_container, entry, {m_content.data(), m_content.size()}, &whole);
}

void DirectoryWalk::visit_directory(int directory_fd, const std::string& name, FileEntry& entry,
                                    const struct stat& info, unsigned depth) {
    m_session.deliver(m_container, entry, {});
    if (info.st_dev != m_device) {
        m_session.diagnose(
            "FW013",
            fmt::format("{} in {} is a mount point of another file system; it was not entered",
                        entry.path, m_container.label),
            "scan an unpacked image, not a live system; mounted /proc or /sys never end",
            m_container);
        return;
    }
    if (depth + 1 > util::k_max_firmware_directory_depth) {
        m_session.diagnose(
            "FW014",
            fmt::format("the analysis is incomplete: {} in {} is nested more than {} directories "
                        "deep; it was not entered",
                        entry.path, m_container.label, util::k_max_firmware_directory_depth),
            "a genuine root file system is far shallower; inspect how the tree was made",
            m_container);
        return;
    }
    const int fd =
        openat(directory_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        unreadable(entry.path, "opened as a directory");
        return;
    }
    walk(fd, entry.path + "/", depth + 1);
    close(fd);
}

}  // namespace

void read_directory(Session& session, const std::string& path, const Container& container) {
    DirectoryWalk walk(session, container);
    walk.run(path);
}

}  // namespace iotconform::firmware::detail
