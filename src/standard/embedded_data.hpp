// The data files (standards, migrations) as compiled into the binary (see cmake/embed.cmake).
#pragma once

#include <span>
#include <string_view>

namespace iotconform::standard {

struct EmbeddedFile {
    std::string_view name;     // path under data/: "standards/en303645-2.1.1.yaml"
    std::string_view content;  // the file's bytes
};

// Every embedded data file, sorted by name.
std::span<const EmbeddedFile> embedded_files();

}  // namespace iotconform::standard
