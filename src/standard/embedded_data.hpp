// The standards' data files as compiled into the binary (see cmake/embed.cmake).
#pragma once

#include <span>
#include <string_view>

namespace iotconform::standard {

struct EmbeddedFile {
    std::string_view name;     // file name under data/standards/
    std::string_view content;  // the file's bytes
};

// Every embedded data file, sorted by name.
std::span<const EmbeddedFile> embedded_files();

}  // namespace iotconform::standard
