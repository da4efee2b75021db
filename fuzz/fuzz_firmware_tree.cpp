// Fuzz target: reading arbitrary bytes as a firmware image, which exercises the signature
// checks and carving, libarchive (tar, cpio, zip and their compressions), libsquashfs and
// the opening of nested containers. Small limits keep one input fast; the visitor checks
// that no name escapes the image.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "firmware/tree.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iotconform::firmware;
    ReadLimits limits = ReadLimits::defaults();
    limits.max_total_bytes = 256U * 1024U * 1024U;
    limits.max_file_bytes = 1024U * 1024U;
    limits.max_files = 10000;
    const auto visit = [](const FileEntry& entry, iotconform::util::Bytes content) {
        const bool escapes = entry.path.empty() || entry.path.front() == '/' ||
                             entry.path == ".." || entry.path.rfind("../", 0) == 0 ||
                             entry.path.find("/../") != std::string::npos;
        if (escapes || content.size() > entry.size) {
            std::abort();
        }
    };
    (void)read_tree_bytes({data, size}, "fuzz.bin", visit, limits);
    return 0;
}
