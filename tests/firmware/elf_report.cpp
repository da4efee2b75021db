// iotconform_elf_report DIR: runs the binary-hardening check on every ELF file under the
// directory (regular files only, symbolic links not followed), read directly from disk as a
// root file system, and prints JSON: {"files": the per-file table, "findings": [...],
// "diagnostics": [...]}, with paths relative to DIR. The checksec comparison
// (check_checksec.py) uses it, and so can anyone who wants the table without a scan.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <vector>

#include "firmware/elf_check.hpp"

namespace {

namespace fs = std::filesystem;
using iotconform::firmware::BinaryHardeningCheck;
using iotconform::firmware::FileEntry;
using iotconform::firmware::FileType;

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

FileEntry entry_for(const fs::directory_entry& item, const fs::path& root, std::error_code& error) {
    FileEntry entry;
    entry.path = item.path().lexically_relative(root).generic_string();
    entry.type = item.is_directory(error) ? FileType::directory : FileType::regular;
    entry.mode = static_cast<std::uint32_t>(item.symlink_status(error).permissions()) & 07777;
    return entry;
}

// Visits every directory and regular file under `root`, as a tree reader would.
void visit_tree(const fs::path& root, BinaryHardeningCheck& check) {
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code error;
        if (it->is_symlink(error) || !(it->is_directory(error) || it->is_regular_file(error))) {
            continue;
        }
        FileEntry entry = entry_for(*it, root, error);
        if (entry.type == FileType::directory) {
            check.visit(entry, {});
            continue;
        }
        entry.size = it->file_size(error);
        if (error || entry.size < 4) {
            continue;
        }
        const std::vector<std::uint8_t> bytes = read_prefix(it->path(), entry.size);
        entry.truncated = bytes.size() < entry.size;
        check.visit(entry, bytes);
    }
    if (ec) {
        std::fprintf(stderr, "iotconform_elf_report: %s: %s\n", root.c_str(), ec.message().c_str());
    }
}

nlohmann::json outcome_json(const BinaryHardeningCheck& check,
                            const std::vector<iotconform::judge::Finding>& findings,
                            const std::vector<iotconform::diagnostics::Diagnostic>& diagnostics) {
    nlohmann::json out = {{"files", iotconform::firmware::elf_results_json(check.results())},
                          {"findings", nlohmann::json::array()},
                          {"diagnostics", nlohmann::json::array()}};
    for (const auto& finding : findings) {
        out["findings"].push_back(
            {{"rule_id", finding.rule_id},
             {"severity", iotconform::diagnostics::to_string(finding.severity)},
             {"provisions", finding.provisions},
             {"message", finding.message}});
    }
    for (const auto& diagnostic : diagnostics) {
        out["diagnostics"].push_back({{"code", diagnostic.code}, {"message", diagnostic.message}});
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: iotconform_elf_report DIR\n");
        return 2;
    }
    BinaryHardeningCheck check;
    visit_tree(argv[1], check);
    std::vector<iotconform::judge::Finding> findings;
    std::vector<iotconform::diagnostics::Diagnostic> diagnostics;
    check.finish(findings, diagnostics);
    std::cout << outcome_json(check, findings, diagnostics).dump(1) << '\n';
    return 0;
}
