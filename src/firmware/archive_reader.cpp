// Archives read with libarchive, from memory or a host file, never from a path inside an
// image: tar (plain or compressed with gzip, bzip2, xz, lzma, lzip, zstd, lz4, compress),
// cpio and zip. A compressed stream that holds no archive is read as one file, "data".
#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <limits>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "firmware/session.hpp"

namespace iotconform::firmware::detail {

namespace {

// Bytes handed to libarchive per read callback. A carved container gets smaller pieces,
// so the bytes it consumed (where the scan resumes) overshoot its end by little.
constexpr std::size_t k_chunk = 1024 * 1024;
constexpr std::size_t k_carved_chunk = 64 * 1024;

// Content past the per-file limit is read in pieces of this size and thrown away.
constexpr std::size_t k_drain_chunk = 256 * 1024;

// The errno libarchive gives "Unrecognized archive format" on Linux (its private
// k_errno_file_format); a damaged stream gives another.
constexpr int k_errno_file_format = EILSEQ;

struct ArchiveDeleter {
    void operator()(archive* handle) const { archive_read_free(handle); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveDeleter>;

struct Stream {
    const Source& source;
    std::size_t chunk;
    std::uint64_t position = 0;
    std::vector<std::uint8_t> buffer;
};

la_ssize_t read_callback(archive* handle, void* data, const void** out) {
    auto& stream = *static_cast<Stream*>(data);
    const std::uint64_t remaining = stream.source.size() - stream.position;
    const auto count = static_cast<std::size_t>(std::min<std::uint64_t>(remaining, stream.chunk));
    if (const std::optional<util::Bytes> view = stream.source.view()) {
        *out = view->data() + stream.position;
    } else {
        stream.buffer.resize(count);
        if (!stream.source.read_at(stream.position, stream.buffer.data(), count)) {
            archive_set_error(handle, EIO, "the input cannot be read at offset %llu",
                              static_cast<unsigned long long>(stream.position));
            return -1;
        }
        *out = stream.buffer.data();
    }
    stream.position += count;
    return static_cast<la_ssize_t>(count);
}

la_int64_t skip_callback(archive*, void* data, la_int64_t request) {
    auto& stream = *static_cast<Stream*>(data);
    const auto skipped =
        std::min<std::uint64_t>(static_cast<std::uint64_t>(std::max<la_int64_t>(request, 0)),
                                stream.source.size() - stream.position);
    stream.position += skipped;
    return static_cast<la_int64_t>(skipped);
}

la_int64_t seek_callback(archive*, void* data, la_int64_t offset, int whence) {
    auto& stream = *static_cast<Stream*>(data);
    const auto size = static_cast<la_int64_t>(stream.source.size());
    const la_int64_t base = whence == SEEK_SET   ? 0
                            : whence == SEEK_CUR ? static_cast<la_int64_t>(stream.position)
                                                 : size;
    if (offset > size || offset < -size || base + offset < 0 || base + offset > size) {
        return ARCHIVE_FATAL;
    }
    stream.position = static_cast<std::uint64_t>(base + offset);
    return static_cast<la_int64_t>(stream.position);
}

// Only filters libarchive implements itself: with filter_all it would start external
// programs (lrzip, lzop, grzip) on hostile input.
void support_filters(archive* handle) {
    archive_read_support_filter_gzip(handle);
    archive_read_support_filter_bzip2(handle);
    archive_read_support_filter_xz(handle);
    archive_read_support_filter_lzma(handle);
    archive_read_support_filter_lzip(handle);
    archive_read_support_filter_zstd(handle);
    archive_read_support_filter_lz4(handle);
    archive_read_support_filter_compress(handle);
}

// The handle, opened or not: when opening failed, archive_errno says whether the format
// was not recognised or the stream is damaged.
ArchivePtr open_archive(Stream& stream, ArchiveMode mode, bool raw, bool& opened) {
    ArchivePtr handle(archive_read_new());
    support_filters(handle.get());
    if (raw) {
        archive_read_support_format_raw(handle.get());
    } else {
        archive_read_support_format_tar(handle.get());
        archive_read_support_format_cpio(handle.get());
        if (mode == ArchiveMode::carved) {
            // The central directory of a carved zip is not at the end of the slice.
            archive_read_support_format_zip_streamable(handle.get());
        } else {
            archive_read_support_format_zip(handle.get());
            archive_read_set_seek_callback(handle.get(), seek_callback);
        }
    }
    archive_read_set_callback_data(handle.get(), &stream);
    archive_read_set_read_callback(handle.get(), read_callback);
    archive_read_set_skip_callback(handle.get(), skip_callback);
    opened = archive_read_open1(handle.get()) == ARCHIVE_OK;
    return handle;
}

FileType file_type(archive_entry* entry) {
    switch (archive_entry_filetype(entry)) {
        case AE_IFDIR:
            return FileType::directory;
        case AE_IFLNK:
            return FileType::symlink;
        case AE_IFCHR:
            return FileType::char_device;
        case AE_IFBLK:
            return FileType::block_device;
        case AE_IFIFO:
            return FileType::fifo;
        case AE_IFSOCK:
            return FileType::socket;
        default:
            return FileType::regular;
    }
}

std::uint32_t clamp_id(la_int64_t id) {
    return static_cast<std::uint32_t>(
        std::clamp<la_int64_t>(id, 0, std::numeric_limits<std::uint32_t>::max()));
}

// A hard link of a tar (or an early link of a cpio) holds no data: it names an earlier
// entry that does. It is delivered with that entry's content once a second pass has found
// it, so that the checks see every name a file has, as they do in a directory or SquashFS.
struct HardLink {
    FileEntry entry;
    std::string target;  // the target's path in the tree, normalised like every entry's
};

// Reads one archive's entries; the handle is open and positioned before the first header.
class ArchiveWalk {
  public:
    ArchiveWalk(Session& session, const Container& container, archive* handle, ArchiveMode mode)
        : m_session(session),
          m_container(container),
          m_handle(handle),
          m_mode(mode),
          m_compressed(archive_filter_count(handle) > 1) {}

    // False when the first header cannot be read: not an archive after all.
    bool run();
    // The hard links run() kept back.
    std::vector<HardLink> take_hard_links() { return std::move(m_links); }
    // Delivers `alias` with `content`, counted against the limits; false once stopped.
    bool deliver_alias(const FileEntry& alias, util::Bytes content);
    // A second pass, on a fresh handle of the same archive: delivers each of `links` with
    // its target's content, or as the bare link it is when the target holds none.
    void resolve(std::vector<HardLink> links);

  private:
    bool visit_entry(archive_entry* entry);
    void give_earlier_names(const FileEntry& last, util::Bytes content);
    std::string data_path(const FileEntry& link);
    FileEntry describe(archive_entry* entry, std::string path) const;
    util::Bytes read_content(FileEntry& entry);
    bool drain(FileEntry& entry);
    void damaged(std::string_view what);
    std::string format_label() const;

    Session& m_session;
    const Container& m_container;
    archive* m_handle;
    ArchiveMode m_mode;
    bool m_compressed;
    bool m_damaged = false;  // reported once per container
    std::vector<std::uint8_t> m_content;
    std::vector<HardLink> m_links;
    std::map<std::string, std::string> m_link_targets;  // a link's path -> its data's path
};

std::string ArchiveWalk::format_label() const {
    std::string label =
        archive_format_name(m_handle) != nullptr ? archive_format_name(m_handle) : "archive";
    for (int i = 0; i + 1 < archive_filter_count(m_handle); ++i) {
        label += fmt::format(", {}", archive_filter_name(m_handle, i));
    }
    return label;
}

void ArchiveWalk::damaged(std::string_view what) {
    if (std::exchange(m_damaged, true)) {
        return;
    }
    const char* reason = archive_error_string(m_handle);
    m_session.diagnose(
        "FW003",
        fmt::format("the analysis is incomplete: {} is damaged or ends early near input offset "
                    "{:#x} ({}: {}); the entries after it were not read",
                    m_container.label, archive_filter_bytes(m_handle, -1), what,
                    reason != nullptr ? reason : "unknown error"),
        "check that the image was copied whole; re-extract it from the vendor's package",
        m_container);
}

bool ArchiveWalk::run() {
    archive_entry* entry = nullptr;
    int status = archive_read_next_header(m_handle, &entry);
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN && status != ARCHIVE_EOF &&
        m_mode == ArchiveMode::carved) {
        return false;
    }
    // libarchive recognised the format when it opened, so a first header that cannot be
    // read is damage, not a mistaken guess. An archive that ends before its first entry is
    // not named: erased flash reads as an empty tar, and the carve goes on to name what
    // the image really holds.
    if (status != ARCHIVE_EOF) {
        m_session.stats().containers.push_back(
            fmt::format("{} ({})", m_container.label, format_label()));
    }
    while ((status == ARCHIVE_OK || status == ARCHIVE_WARN) && !m_session.stopped()) {
        if (!visit_entry(entry)) {
            return true;
        }
        if (m_container.depth == 0) {
            m_session.report_progress(
                static_cast<std::uint64_t>(archive_filter_bytes(m_handle, -1)),
                m_container.source->size());
        }
        status = archive_read_next_header(m_handle, &entry);
    }
    if (status != ARCHIVE_EOF && !m_session.stopped()) {
        damaged("reading an entry's header");
    }
    return true;
}

FileEntry ArchiveWalk::describe(archive_entry* entry, std::string path) const {
    FileEntry out;
    out.path = std::move(path);
    out.type = file_type(entry);
    out.mode = static_cast<std::uint32_t>(archive_entry_perm(entry)) & 07777;
    out.uid = clamp_id(archive_entry_uid(entry));
    out.gid = clamp_id(archive_entry_gid(entry));
    out.size = archive_entry_size_is_set(entry) != 0
                   ? static_cast<std::uint64_t>(std::max<la_int64_t>(archive_entry_size(entry), 0))
                   : 0;
    if (const char* target = archive_entry_symlink(entry);
        target != nullptr && out.type == FileType::symlink) {
        out.link_target = target;
    }
    // A hard link without data names the file that holds it; one with data (cpio keeps
    // the data on the last link) is read as the regular file it is.
    if (const char* target = archive_entry_hardlink(entry); target != nullptr) {
        out.link_target = target;
        out.type = out.size == 0 ? FileType::hardlink : FileType::regular;
    }
    return out;
}

bool ArchiveWalk::visit_entry(archive_entry* entry) {
    const char* raw = archive_entry_pathname(entry);
    const std::string path =
        m_session.entry_path(m_container, raw != nullptr ? raw : "",
                             static_cast<std::uint64_t>(archive_read_header_position(m_handle)));
    if (path.empty()) {
        return true;  // the root directory itself ("./")
    }
    if (!m_session.add_entry(m_container)) {
        return false;
    }
    FileEntry described = describe(entry, path);
    if (described.type == FileType::hardlink) {
        std::string target = data_path(described);
        m_link_targets.emplace(described.path, target);
        m_links.push_back({std::move(described), std::move(target)});
        return true;
    }
    util::Bytes content;
    if (described.type == FileType::regular) {
        if (archive_entry_is_encrypted(entry) != 0) {
            m_session.diagnose(
                "FW012",
                fmt::format(
                    "the analysis is incomplete: {} is encrypted in {}; its content was not read",
                    described.path, m_container.label),
                "scan the decrypted archive", m_container);
        } else {
            content = read_content(described);
        }
    }
    if (m_session.stopped()) {
        return false;
    }
    m_session.deliver(m_container, described, content);
    if (described.type == FileType::regular && !described.link_target.empty() &&
        !m_session.stopped()) {
        give_earlier_names(described, content);
    }
    return !m_session.stopped();
}

// The path in the tree of the entry that holds a hard link's data: its target, normalised
// as entries are (a target that climbs out is warned about), and for a link to a link,
// the first one's target.
std::string ArchiveWalk::data_path(const FileEntry& link) {
    const NormalisedPath normalised = normalise_path(link.link_target);
    if (normalised.climbed) {
        m_session.diagnose(
            "FW009",
            fmt::format("the hard link \"{}\" in {} names \"{}\", which climbs out of the image; "
                        "it is read as \"{}\"",
                        link.path, m_container.label, link.link_target, normalised.path),
            "a genuine image never links through \"..\"; unpacking it with other tools could "
            "link to files outside the target directory",
            m_container);
    }
    const std::string target = m_container.prefix + normalised.path;
    const auto chained = m_link_targets.find(target);
    return chained != m_link_targets.end() ? chained->second : target;
}

// A cpio keeps a file's data with its last link; libarchive names each link after the one
// before, and the earlier names came without data. The first name, and every link kept
// back that leads to it, get the content now.
void ArchiveWalk::give_earlier_names(const FileEntry& last, util::Bytes content) {
    const std::string first = data_path(last);
    std::vector<FileEntry> names;
    if (first != last.path && first != m_container.prefix) {
        FileEntry name = last;
        name.path = first;
        names.push_back(std::move(name));
    }
    const auto leads_to_first = [&](const HardLink& link) { return link.target == first; };
    for (const HardLink& link : m_links) {
        if (leads_to_first(link) && link.entry.path != last.path) {
            FileEntry name = last;
            name.path = link.entry.path;
            names.push_back(std::move(name));
        }
    }
    m_links.erase(std::remove_if(m_links.begin(), m_links.end(), leads_to_first), m_links.end());
    for (const FileEntry& name : names) {
        if (!deliver_alias(name, content)) {
            return;
        }
    }
}

util::Bytes ArchiveWalk::read_content(FileEntry& entry) {
    const std::uint64_t limit = m_session.limits().max_file_bytes;
    m_content.resize(
        static_cast<std::size_t>(std::min(std::max<std::uint64_t>(entry.size, 4096), limit)));
    std::size_t got = 0;
    while (got < limit) {
        if (got == m_content.size()) {
            m_content.resize(
                static_cast<std::size_t>(std::min<std::uint64_t>(limit, 2 * m_content.size())));
        }
        const la_ssize_t count =
            archive_read_data(m_handle, m_content.data() + got, m_content.size() - got);
        if (count < 0) {
            damaged(fmt::format("reading {}", entry.path));
            entry.truncated = true;
            return {m_content.data(), got};
        }
        if (count == 0 ||
            !m_session.add_content_bytes(m_container, static_cast<std::uint64_t>(count))) {
            break;
        }
        got += static_cast<std::size_t>(count);
    }
    entry.size = std::max<std::uint64_t>(entry.size, got);
    if (got == limit && !m_session.stopped()) {
        entry.truncated = drain(entry) || entry.size > got;
    }
    return {m_content.data(), got};
}

// Reads and discards what lies past the per-file limit, counting it: a compressed stream
// has to be decompressed to reach the next entry, which is where a bomb would hide.
// True when there was anything past the limit.
bool ArchiveWalk::drain(FileEntry& entry) {
    const bool zip = (archive_format(m_handle) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP;
    if (!m_compressed && !zip && entry.size > m_session.limits().max_file_bytes) {
        return true;  // stored uncompressed with a known size: libarchive seeks past it
    }
    std::vector<std::uint8_t> scratch(k_drain_chunk);
    std::uint64_t extra = 0;
    while (!m_session.stopped()) {
        const la_ssize_t count = archive_read_data(m_handle, scratch.data(), scratch.size());
        if (count <= 0) {
            break;
        }
        extra += static_cast<std::uint64_t>(count);
        if (!m_session.add_content_bytes(m_container, static_cast<std::uint64_t>(count))) {
            break;
        }
    }
    entry.size = std::max(entry.size, m_session.limits().max_file_bytes + extra);
    return extra > 0;
}

// Every name delivers the content again, so each counts against the byte limits as the
// first did: thousands of links to one large file are a bomb of their own.
bool ArchiveWalk::deliver_alias(const FileEntry& alias, util::Bytes content) {
    if (m_session.stopped() || !m_session.add_content_bytes(m_container, content.size())) {
        return false;
    }
    m_session.deliver(m_container, alias, content);
    return !m_session.stopped();
}

void ArchiveWalk::resolve(std::vector<HardLink> links) {
    std::multimap<std::string, FileEntry> waiting;
    for (HardLink& link : links) {
        waiting.emplace(link.target, std::move(link.entry));
    }
    archive_entry* entry = nullptr;
    while (!waiting.empty() && !m_session.stopped() &&
           archive_read_next_header(m_handle, &entry) == ARCHIVE_OK) {
        const char* raw = archive_entry_pathname(entry);
        const std::string path =
            m_container.prefix + normalise_path(raw != nullptr ? raw : "").path;
        const auto [first, last] = waiting.equal_range(path);
        if (first == last || file_type(entry) != FileType::regular ||
            archive_entry_hardlink(entry) != nullptr || archive_entry_is_encrypted(entry) != 0) {
            continue;  // libarchive skips the data when the next header is asked for
        }
        FileEntry target = describe(entry, path);
        const util::Bytes content = read_content(target);
        for (auto it = first; it != last; ++it) {
            FileEntry alias = it->second;
            alias.type = FileType::regular;
            alias.size = target.size;
            alias.truncated = target.truncated;
            if (!deliver_alias(alias, content)) {
                break;
            }
        }
        waiting.erase(first, last);
    }
    // A link whose target is missing, damaged or beyond a limit stays what it is, and
    // says so: extracting it would fail too.
    for (const auto& [target, link] : waiting) {
        if (m_session.stopped()) {
            break;
        }
        m_session.diagnose(
            "FW010",
            fmt::format("the hard link \"{}\" in {} names \"{}\", which the archive does not hold "
                        "as a readable file (missing, a directory, a link, or damaged); it has no "
                        "content",
                        link.path, m_container.label, link.link_target),
            "check that the archive is whole; tar cannot extract this link either", m_container);
        m_session.deliver(m_container, link, {});
    }
}

ArchiveOutcome walk(Session& session, const Container& container, ArchiveMode mode, bool raw) {
    Stream stream{*container.source, mode == ArchiveMode::carved ? k_carved_chunk : k_chunk, 0, {}};
    bool opened = false;
    const ArchivePtr handle = open_archive(stream, mode, raw, opened);
    if (!opened) {
        // A compressed stream so damaged that no format could be read from it.
        const bool damaged =
            archive_errno(handle.get()) != k_errno_file_format && mode != ArchiveMode::carved;
        if (damaged) {
            const char* reason = archive_error_string(handle.get());
            session.diagnose(
                "FW003",
                fmt::format(
                    "the analysis is incomplete: {} cannot be decompressed ({}); none of its "
                    "entries were read",
                    container.label, reason != nullptr ? reason : "unknown error"),
                "check that the image was copied whole; re-extract it from the vendor's package",
                container);
        }
        return {damaged, 0};
    }
    ArchiveWalk archive_walk(session, container, handle.get(), mode);
    const bool recognised = archive_walk.run();
    const ArchiveOutcome outcome{recognised, static_cast<std::uint64_t>(std::max<la_int64_t>(
                                                 archive_filter_bytes(handle.get(), -1), 0))};
    std::vector<HardLink> links = archive_walk.take_hard_links();
    if (!links.empty() && !session.stopped()) {
        Stream again{*container.source, stream.chunk, 0, {}};
        const ArchivePtr second = open_archive(again, mode, raw, opened);
        ArchiveWalk(session, container, second.get(), mode).resolve(std::move(links));
    }
    return outcome;
}

}  // namespace

ArchiveOutcome read_archive(Session& session, const Container& container, ArchiveMode mode) {
    const ArchiveOutcome outcome = walk(session, container, mode, false);
    if (outcome.recognised || mode == ArchiveMode::nested) {
        return outcome;
    }
    // A compressed kernel or a compressed file system image: one stream, no archive.
    if (identify(*container.source, 0).kind != ContainerKind::compressed) {
        return outcome;
    }
    return walk(session, container, mode, true);
}

}  // namespace iotconform::firmware::detail
