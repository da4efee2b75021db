// iotconform_elf_report DIR...: prints, as JSON, the binary-hardening results of every ELF
// file under the directories (regular files only, symbolic links not followed), read
// directly from disk. The checksec comparison (check_checksec.py) and people who want the
// per-file table without a scan use it; paths are printed as found ("DIR/usr/bin/ls").
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <vector>

#include "firmware/elf_check.hpp"

namespace {

namespace fs = std::filesystem;
using iotconform::firmware::ElfFileResult;

// The largest file read whole; larger ELF files are judged from their first bytes, as a
// scan with the default per-file limit would.
constexpr std::uintmax_t k_max_file_bytes = 512U * 1024U * 1024U;

// The file's first bytes, up to k_max_file_bytes, or nothing when it cannot be read.
std::vector<std::uint8_t> read_prefix(const fs::path& path, std::uintmax_t size) {
    std::ifstream stream(path, std::ios::binary);
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(std::min(size, k_max_file_bytes)));
    stream.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(std::max<std::streamsize>(stream.gcount(), 0)));
    return bytes;
}

void collect(const fs::path& root, std::vector<ElfFileResult>& results) {
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code status_error;
        if (!it->is_regular_file(status_error) || it->is_symlink(status_error)) {
            continue;
        }
        const std::uintmax_t size = it->file_size(status_error);
        if (status_error || size < 4) {
            continue;
        }
        const std::vector<std::uint8_t> bytes = read_prefix(it->path(), size);
        if (!iotconform::firmware::elf::is_elf(bytes)) {
            continue;
        }
        ElfFileResult result = iotconform::firmware::check_elf_file(it->path().string(), bytes);
        result.size = size;
        result.truncated = bytes.size() < size;
        results.push_back(std::move(result));
    }
    if (ec) {
        std::fprintf(stderr, "iotconform_elf_report: %s: %s\n", root.c_str(), ec.message().c_str());
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: iotconform_elf_report DIR...\n");
        return 2;
    }
    std::vector<ElfFileResult> results;
    for (int i = 1; i < argc; ++i) {
        collect(argv[i], results);
    }
    std::cout << iotconform::firmware::elf_results_json(results).dump(1) << '\n';
    return 0;
}
