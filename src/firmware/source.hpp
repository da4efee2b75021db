// Random-access input of the firmware readers: bytes in memory, an open host file read
// with pread (so a large image is never mapped or held whole), or a window of either (a
// container carved out of a raw image).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "util/byte_reader.hpp"

namespace iotconform::firmware::detail {

class Source {
  public:
    virtual ~Source() = default;
    virtual std::uint64_t size() const = 0;
    // Copies `count` bytes at `offset` into `out`; false when they lie outside the input
    // or cannot be read.
    virtual bool read_at(std::uint64_t offset, std::uint8_t* out, std::size_t count) const = 0;
    // The whole input when it is in memory, so readers can skip a copy.
    virtual std::optional<util::Bytes> view() const { return std::nullopt; }
};

class MemorySource : public Source {
  public:
    explicit MemorySource(util::Bytes data) : m_data(data) {}
    std::uint64_t size() const override { return m_data.size(); }
    bool read_at(std::uint64_t offset, std::uint8_t* out, std::size_t count) const override;
    std::optional<util::Bytes> view() const override { return m_data; }

  private:
    util::Bytes m_data;
};

// Owns a descriptor opened read-only on a regular host file.
class FileSource : public Source {
  public:
    FileSource(int fd, std::uint64_t size) : m_fd(fd), m_size(size) {}
    ~FileSource() override;
    FileSource(const FileSource&) = delete;
    FileSource& operator=(const FileSource&) = delete;
    std::uint64_t size() const override { return m_size; }
    bool read_at(std::uint64_t offset, std::uint8_t* out, std::size_t count) const override;

  private:
    int m_fd;
    std::uint64_t m_size;
};

class SliceSource : public Source {
  public:
    // `size` is clamped to what `base` holds past `offset`.
    SliceSource(const Source& base, std::uint64_t offset, std::uint64_t size);
    std::uint64_t size() const override { return m_size; }
    bool read_at(std::uint64_t offset, std::uint8_t* out, std::size_t count) const override;
    std::optional<util::Bytes> view() const override;

  private:
    const Source& m_base;
    std::uint64_t m_offset;
    std::uint64_t m_size;
};

// Up to `count` bytes at `offset` (fewer at the end of the input).
std::string read_prefix(const Source& source, std::uint64_t offset, std::size_t count);

}  // namespace iotconform::firmware::detail
