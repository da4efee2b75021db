// The random-access inputs of the firmware readers.
#include "firmware/source.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace iotconform::firmware::detail {

namespace {

bool in_range(std::uint64_t size, std::uint64_t offset, std::size_t count) {
    return offset <= size && count <= size - offset;
}

}  // namespace

bool MemorySource::read_at(std::uint64_t offset, std::uint8_t* out, std::size_t count) const {
    if (!in_range(m_data.size(), offset, count)) {
        return false;
    }
    if (count > 0) {
        std::memcpy(out, m_data.data() + offset, count);
    }
    return true;
}

FileSource::~FileSource() {
    ::close(m_fd);
}

bool FileSource::read_at(std::uint64_t offset, std::uint8_t* out, std::size_t count) const {
    if (!in_range(m_size, offset, count)) {
        return false;
    }
    while (count > 0) {
        const ssize_t got = ::pread(m_fd, out, count, static_cast<off_t>(offset));
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            return false;  // an I/O error, or the file shrank while being read
        }
        out += got;
        offset += static_cast<std::uint64_t>(got);
        count -= static_cast<std::size_t>(got);
    }
    return true;
}

SliceSource::SliceSource(const Source& base, std::uint64_t offset, std::uint64_t size)
    : m_base(base),
      m_offset(std::min(offset, base.size())),
      m_size(std::min(size, base.size() - m_offset)) {}

bool SliceSource::read_at(std::uint64_t offset, std::uint8_t* out, std::size_t count) const {
    return in_range(m_size, offset, count) && m_base.read_at(m_offset + offset, out, count);
}

std::optional<util::Bytes> SliceSource::view() const {
    const std::optional<util::Bytes> whole = m_base.view();
    if (!whole) {
        return std::nullopt;
    }
    return whole->subspan(static_cast<std::size_t>(m_offset), static_cast<std::size_t>(m_size));
}

std::string read_prefix(const Source& source, std::uint64_t offset, std::size_t count) {
    if (offset >= source.size()) {
        return {};
    }
    const auto available =
        static_cast<std::size_t>(std::min<std::uint64_t>(count, source.size() - offset));
    std::string out(available, '\0');
    if (!source.read_at(offset, reinterpret_cast<std::uint8_t*>(out.data()), available)) {
        return {};
    }
    return out;
}

}  // namespace iotconform::firmware::detail
