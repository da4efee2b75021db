// Bounds-checked reading of untrusted bytes: every parser of a binary format reads through
// this, so no length or offset field from a file is ever used unchecked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace iotconform::util {

enum class Endian { little, big };

using Bytes = std::span<const std::uint8_t>;

// A view of `size` bytes at `offset` of `data`, or nullopt when any part lies outside.
// Written so that offset + size cannot overflow.
inline std::optional<Bytes> sub_span(Bytes data, std::size_t offset, std::size_t size) {
    if (offset > data.size() || size > data.size() - offset) {
        return std::nullopt;
    }
    return data.subspan(offset, size);
}

// Unsigned integer of N bytes at `offset`, or nullopt when it does not fit in `data`.
template <typename T>
std::optional<T> read_uint(Bytes data, std::size_t offset, Endian endian) {
    const std::optional<Bytes> bytes = sub_span(data, offset, sizeof(T));
    if (!bytes) {
        return std::nullopt;
    }
    T value = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) {
        const std::size_t index = endian == Endian::little ? sizeof(T) - 1 - i : i;
        value = static_cast<T>((value << 8) | (*bytes)[index]);
    }
    return value;
}

// Writes `value` as N bytes in `endian` order at the end of `out` (a byte container).
template <typename T, typename Container>
void append_uint(Container& out, T value, Endian endian) {
    for (std::size_t i = 0; i < sizeof(T); ++i) {
        const std::size_t shift = endian == Endian::little ? 8 * i : 8 * (sizeof(T) - 1 - i);
        out.push_back(static_cast<std::uint8_t>((value >> shift) & 0xff));
    }
}

inline Bytes as_bytes(std::string_view text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// Lower-case hexadecimal of `data`: "0a1b".
inline std::string to_hex(Bytes data) {
    constexpr std::string_view k_digits = "0123456789abcdef";
    std::string out;
    out.reserve(data.size() * 2);
    for (const std::uint8_t byte : data) {
        out += k_digits[byte >> 4];
        out += k_digits[byte & 0x0f];
    }
    return out;
}

}  // namespace iotconform::util
