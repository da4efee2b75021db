// One read of a firmware image: the limits and what has been spent against them, the
// diagnostics, the naming of entries, and the hand-over of every entry to the visitor
// (opening the containers found inside files). The container readers share it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "firmware/signatures.hpp"
#include "firmware/source.hpp"
#include "firmware/tree.hpp"

namespace iotconform::firmware::detail {

// A container being read: where its bytes are, how its entries are named, and how deep
// it sits. `source` is null for a host directory.
struct Container {
    const Source* source = nullptr;
    std::string prefix;  // put before every entry's path: "" or "boot/initrd.img!/"
    std::string label;   // how messages name it: "rootfs.sqfs", "image.bin@0x40000"
    unsigned depth = 0;
};

// A path from inside an image made safe: no leading '/', no "." or empty components, ".."
// resolved without ever climbing above the root. `climbed` is set when a ".." had to be
// dropped for that.
struct NormalisedPath {
    std::string path;
    bool climbed = false;
    bool had_parent = false;  // any ".." component
};
NormalisedPath normalise_path(std::string_view raw);

class Session {
  public:
    Session(const Visitor& visit, const ReadLimits& limits, const Progress& progress);

    const ReadLimits& limits() const { return m_limits; }
    ReadStats& stats() { return m_result.stats; }

    // Whether a limit stopped the read: every reader returns as soon as it sees this.
    bool stopped() const { return m_stopped; }

    // Counts one more entry; false (and stops) past the file limit.
    bool add_entry(const Container& container);

    // Counts bytes decompressed (or read) for file contents; false (and stops) past the
    // total or the expansion limit.
    bool add_content_bytes(const Container& container, std::uint64_t count);

    // Bytes of input: the image's size, or what has been read of a host directory's files.
    void add_input_bytes(std::uint64_t count) { m_result.stats.input_bytes += count; }

    // Reports progress through the top-level input (rate-limited).
    void report_progress(std::uint64_t done, std::uint64_t total);

    // The entry's full name (container prefix + normalised path); empty when nothing is
    // left of it (the root itself). Warns about names that climb out.
    std::string entry_path(const Container& container, std::string_view raw, std::uint64_t offset);

    // Hands one entry to the visitor, then opens it when it is itself a container.
    // `whole` gives random access to a regular file's full bytes when they are not all in
    // `content` (a host file).
    void deliver(const Container& container, const FileEntry& entry, util::Bytes content,
                 const Source* whole = nullptr);

    // Reads a container of a known kind; false when it turns out not to be one.
    bool open_container(const Container& container, const Signature& signature);

    void diagnose(std::string_view code, std::string message, std::string hint,
                  const Container& where);

    ReadResult finish();

  private:
    void stop(std::string_view code, std::string message, std::string hint, const Container& where);
    void open_nested(const Container& parent, const FileEntry& entry, util::Bytes content,
                     const Source* whole);

    const Visitor& m_visit;
    ReadLimits m_limits;
    const Progress& m_progress;
    ReadResult m_result;
    bool m_stopped = false;
    std::uint64_t m_content_bytes = 0;  // decompressed, including what was not handed over
    std::uint64_t m_nested_bytes = 0;   // nested containers held in memory
    std::uint64_t m_last_progress = 0;
    std::map<std::string, std::size_t, std::less<>> m_code_counts;
};

// The container readers (one file each).
enum class ArchiveMode { top_level, nested, carved };
struct ArchiveOutcome {
    bool recognised = false;
    std::uint64_t consumed = 0;  // input bytes the reader took (for carving)
};
ArchiveOutcome read_archive(Session& session, const Container& container, ArchiveMode mode);
bool read_squashfs(Session& session, const Container& container);
void read_directory(Session& session, const std::string& path, const Container& container);
// Scans a raw image for containers and reads each; false when none was found.
bool carve(Session& session, const Container& container, const std::string& name);

}  // namespace iotconform::firmware::detail
