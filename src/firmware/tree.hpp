// A firmware image as one tree of files, whatever holds it: a directory, an archive (tar in
// any common compression, cpio, zip), a SquashFS image, or a raw image in which such file
// systems and archives are found by their signatures. Files are streamed to a visitor one
// at a time, so memory stays bounded whatever the image's size; nothing is unpacked to
// disk and no path from inside an image is ever used to open or write anything.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "util/byte_reader.hpp"

namespace iotconform::firmware {

enum class FileType {
    regular,
    directory,
    symlink,
    hardlink,
    char_device,
    block_device,
    fifo,
    socket
};

std::string_view to_string(FileType type);  // "file", "directory", "symlink", ...

struct FileEntry {
    // Where the file is in the image, normalised: '/'-separated, no leading '/', no "." or
    // ".." components ("etc/shadow"). A file inside a nested container is named through
    // it: "boot/initrd.img!/etc/shadow", or "image.bin@0x40000!/etc/shadow" for a file
    // system carved out of a raw image at that offset.
    std::string path;
    FileType type = FileType::regular;
    std::uint32_t mode = 0;  // permission bits, with setuid/setgid/sticky (07777)
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;
    std::string link_target;  // symlinks and hard links: the target as stored
    std::uint64_t size = 0;   // the file's size, even when `content` was cut at a limit
    bool truncated = false;   // content holds only the first bytes (the per-file limit)
};

// Receives every entry; `content` is the whole file for regular files (or its first
// bytes when `entry.truncated`), empty for anything else. Called from one thread, in the
// order the container stores its files. The span is valid during the call only.
using Visitor = std::function<void(const FileEntry& entry, util::Bytes content)>;

// Resource limits of one read; defaults in src/util/limits.hpp.
struct ReadLimits {
    std::uint64_t max_total_bytes;      // decompressed bytes over all files
    std::uint64_t max_file_bytes;       // content handed to the visitor per file
    std::uint64_t max_files;            // entries over all containers
    unsigned max_depth;                 // containers inside containers
    std::uint64_t max_expansion_ratio;  // decompressed bytes per input byte
    static ReadLimits defaults();
};

struct ReadStats {
    std::uint64_t files = 0;              // entries visited
    std::uint64_t bytes = 0;              // content bytes visited
    std::uint64_t input_bytes = 0;        // bytes of the input itself
    std::vector<std::string> containers;  // each container opened: "rootfs.squashfs (squashfs, xz)"
};

struct ReadResult {
    ReadStats stats;
    // FW0xx diagnostics: the input cannot be read at all (error), or the analysis is
    // incomplete and why (warning: a limit was reached, a container is corrupt, an entry
    // was skipped); never silent.
    std::vector<diagnostics::Diagnostic> diagnostics;
};

// Optional progress: called now and then with the bytes read so far and the input's size.
using Progress = std::function<void(std::uint64_t done, std::uint64_t total)>;

// Reads `input` (a directory, an archive, a file system image or a raw image) and calls
// `visit` for every entry. Never throws for bad input.
ReadResult read_tree(const std::filesystem::path& input, const Visitor& visit,
                     const ReadLimits& limits = ReadLimits::defaults(),
                     const Progress& progress = {});

// The same over bytes already in memory (fuzz targets, tests); `name` labels the paths.
ReadResult read_tree_bytes(util::Bytes data, const std::string& name, const Visitor& visit,
                           const ReadLimits& limits = ReadLimits::defaults());

}  // namespace iotconform::firmware
