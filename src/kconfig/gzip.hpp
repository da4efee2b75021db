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
    std::size_t consumed = 0;         // compressed bytes of every member
};

// True when `bytes` start with the gzip magic number.
bool is_gzip(std::string_view bytes);

// Decompresses every gzip member of `bytes` (concatenated members are one file, as
// gunzip reads them), refusing output beyond `limit` bytes in all. Zero bytes after the
// last member are padding; any other trailing byte is an error naming its offset.
[[nodiscard]] Inflated gunzip(std::string_view bytes, std::size_t limit);

}  // namespace iotconform::kconfig
