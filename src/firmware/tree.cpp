// Reading a firmware image as one tree of files: deciding what the input is and handing
// it to the matching reader (see session.hpp for the readers).
#include "firmware/tree.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "firmware/session.hpp"
#include "util/limits.hpp"

namespace iotconform::firmware {

using detail::Container;
using detail::ContainerKind;
using detail::Session;
using detail::Source;

std::string_view to_string(FileType type) {
    switch (type) {
        case FileType::regular:
            return "file";
        case FileType::directory:
            return "directory";
        case FileType::symlink:
            return "symlink";
        case FileType::hardlink:
            return "hardlink";
        case FileType::char_device:
            return "char-device";
        case FileType::block_device:
            return "block-device";
        case FileType::fifo:
            return "fifo";
        case FileType::socket:
            return "socket";
    }
    return "unknown";
}

ReadLimits ReadLimits::defaults() {
    return {util::k_max_firmware_total_bytes, util::k_max_firmware_file_bytes,
            util::k_max_firmware_files, util::k_max_firmware_depth,
            util::k_max_firmware_expansion_ratio};
}

namespace {

// An input in which no container was found is itself the one file of the tree (a
// microcontroller's firmware, a single executable): the checks still see its bytes.
void read_as_one_file(Session& session, const Container& top, const std::string& name) {
    session.diagnose(
        "FW002",
        fmt::format("no file system or archive was found in {}; it is read as one file", top.label),
        "if it should hold a file system, it may be encrypted or in a format iotconform does not "
        "read (UBI, JFFS2, ext4, CramFS): unpack it and scan the tree",
        top);
    if (!session.add_entry(top)) {
        return;
    }
    const Source& source = *top.source;
    FileEntry entry;
    entry.path = name;
    entry.size = source.size();
    const std::uint64_t wanted = std::min(entry.size, session.limits().max_file_bytes);
    entry.truncated = wanted < entry.size;
    std::vector<std::uint8_t> content(static_cast<std::size_t>(wanted));
    if (!source.read_at(0, content.data(), content.size()) ||
        !session.add_content_bytes(top, wanted)) {
        return;
    }
    session.deliver(top, entry, {content.data(), content.size()}, &source);
}

void read_image(Session& session, const Source& source, const std::string& name,
                const std::string& label) {
    session.add_input_bytes(source.size());
    const Container top{&source, "", label, 0};
    const detail::Signature signature = detail::identify(source, 0);
    if (signature.kind != ContainerKind::none) {
        if (session.open_container(top, signature)) {
            return;
        }
    } else {
        // An archive without a strong signature (old tar, binary cpio). libarchive also
        // takes a block of zeros for an empty tar; an image that starts with erased or
        // zeroed flash is not one, so an "archive" without entries does not end the read.
        const std::uint64_t before = session.stats().files;
        if (detail::read_archive(session, top, detail::ArchiveMode::top_level).recognised &&
            session.stats().files > before) {
            return;
        }
    }
    if (!session.stopped() && !detail::carve(session, top, name) && !session.stopped()) {
        read_as_one_file(session, top, name);
    }
}

std::string name_of(const std::filesystem::path& input) {
    const std::string name = input.filename().string();
    return name.empty() || name == "." || name == ".." ? input.string() : name;
}

void input_error(Session& session, const std::string& label, const std::string& why) {
    session.diagnose(
        "FW001", fmt::format("{} cannot be read as a firmware image: {}", label, why),
        "give an image file, an archive or a directory holding an unpacked root file system",
        {nullptr, "", label, 0});
}

}  // namespace

ReadResult read_tree(const std::filesystem::path& input, const Visitor& visit,
                     const ReadLimits& limits, const Progress& progress) {
    Session session(visit, limits, progress);
    const std::string label = input.string();
    // O_NONBLOCK: opening a FIFO given by mistake must not wait for a writer.
    const int fd = open(label.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    struct stat info {};
    if (fd < 0 || fstat(fd, &info) != 0) {
        input_error(session, label, std::strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        return session.finish();
    }
    if (S_ISDIR(info.st_mode)) {
        close(fd);
        detail::read_directory(session, label, {nullptr, "", label, 0});
    } else if (S_ISREG(info.st_mode)) {
        const detail::FileSource source(fd, static_cast<std::uint64_t>(info.st_size));
        read_image(session, source, name_of(input), label);
    } else {
        close(fd);
        input_error(session, label, "it is a device, FIFO or socket, not a file or a directory");
    }
    return session.finish();
}

ReadResult read_tree_bytes(util::Bytes data, const std::string& name, const Visitor& visit,
                           const ReadLimits& limits) {
    const Progress none;
    Session session(visit, limits, none);
    const detail::MemorySource source(data);
    read_image(session, source, name, name);
    return session.finish();
}

}  // namespace iotconform::firmware
