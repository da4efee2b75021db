// Bounded gzip decompression (zlib) for compressed configurations and IKCONFIG blobs.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace iotconform::kconfig {

struct Inflated {
    std::optional<std::string> data;  // set on success
    std::string error;                // why it failed: corrupt, truncated, too large
    std::size_t consumed = 0;         // compressed bytes of the first member
};

// True when `bytes` start with the gzip magic number.
bool is_gzip(std::string_view bytes);

// Decompresses the first gzip member of `bytes`, refusing output beyond `limit` bytes.
// Bytes after the member are ignored (an image goes on after an embedded blob).
[[nodiscard]] Inflated gunzip(std::string_view bytes, std::size_t limit);

}  // namespace iotconform::kconfig
