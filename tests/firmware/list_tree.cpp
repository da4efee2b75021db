// Test helper: lists the tree read_tree gives for an input, one entry per line
// ("type<TAB>size<TAB>mode<TAB>uid<TAB>gid<TAB>path<TAB>link target"), then the
// diagnostics on standard error. check_rootfs_read.sh compares the forms of one root
// file system with it.
#include <fmt/format.h>

#include <cstdio>

#include "firmware/tree.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fputs("usage: firmware_list_tree INPUT\n", stderr);
        return 2;
    }
    using namespace iotconform;
    const firmware::ReadResult result =
        firmware::read_tree(argv[1], [](const firmware::FileEntry& entry, util::Bytes content) {
            fmt::print("{}\t{}\t{:04o}\t{}\t{}\t{}\t{}\t{}\n", firmware::to_string(entry.type),
                       entry.size, entry.mode, entry.uid, entry.gid, entry.path, entry.link_target,
                       content.size());
        });
    for (const diagnostics::Diagnostic& diagnostic : result.diagnostics) {
        std::fputs((diagnostics::format_for_terminal(diagnostic) + "\n").c_str(), stderr);
    }
    for (const std::string& container : result.stats.containers) {
        fmt::print(stderr, "container: {}\n", container);
    }
    fmt::print(stderr, "files: {}, bytes: {}, input bytes: {}\n", result.stats.files,
               result.stats.bytes, result.stats.input_bytes);
    return diagnostics::has_errors(result.diagnostics) ? 1 : 0;
}
