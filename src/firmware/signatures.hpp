// Recognising containers by their first bytes: at the start of an input, of a file inside
// a container, or anywhere in a raw image (the carving scan). Every signature is checked
// beyond its magic (versions, sizes, a checksum where the format has one), so random
// bytes and compressed data rarely pass for a container.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "firmware/source.hpp"

namespace iotconform::firmware::detail {

enum class ContainerKind {
    none,
    squashfs,              // little-endian SquashFS 4.0, read with libsquashfs
    squashfs_unsupported,  // big-endian or pre-4.0 SquashFS, which libsquashfs cannot read
    archive,               // tar, cpio or zip, read with libarchive
    compressed,            // a compressed stream (gzip, xz, ...) that may hold an archive
};

struct Signature {
    ContainerKind kind = ContainerKind::none;
    std::string_view format;  // "squashfs", "tar", "cpio", "zip", "gzip", "xz", ...
};

// The container starting at `offset` of `source`, if any.
Signature identify(const Source& source, std::uint64_t offset);

struct Candidate {
    std::uint64_t offset = 0;
    Signature signature;
};

// Finds container signatures in a raw image, for carving. Only formats with a strong
// magic are searched (not lz4 or lzma, whose magic is one common word). The scanner keeps
// its window of the image between calls, so that a run of false signatures close together
// costs a look at each, not a fresh read of the window.
class SignatureScanner {
  public:
    explicit SignatureScanner(const Source& source) : m_source(source) {}
    // The first container signature at or after `from`, or nullopt.
    std::optional<Candidate> find_next(std::uint64_t from);

  private:
    const Source& m_source;
    std::vector<std::uint8_t> m_window;
    std::uint64_t m_window_start = 0;
};

// The end of a SquashFS image starting at `offset` (its bytes_used), or nullopt.
std::optional<std::uint64_t> squashfs_size(const Source& source, std::uint64_t offset);

}  // namespace iotconform::firmware::detail
