// The binary-hardening check: every ELF file of an image judged for NX, PIE, RELRO, stack
// protector, FORTIFY and RPATH/RUNPATH (elf.hpp), reported as a few aggregated findings
// under 5.6-7 and 5.6-9 plus a summary of the image, and as a per-file table.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "firmware/check.hpp"
#include "firmware/elf.hpp"

namespace iotconform::firmware {

// What kind of file an ELF file is, for deciding which properties matter.
enum class ElfKind {
    executable,  // ET_EXEC, or ET_DYN marked as an executable (PIE)
    library,     // ET_DYN shared object
    other        // object files, kernel modules, core dumps: not loaded as a program
};

std::string_view to_string(ElfKind kind);  // "executable", "library", "other"

// Problems found in one RPATH or RUNPATH entry.
struct SearchPathIssue {
    std::string entry;   // as written: "/tmp/lib", "lib", ""
    std::string reason;  // "relative to the working directory", "world-writable in the image"
};

struct ElfFileResult {
    std::string path;  // as in the image
    std::uint64_t size = 0;
    bool truncated = false;  // only the first bytes were judged (the per-file read limit)
    ElfKind kind = ElfKind::other;
    elf::Hardening hardening;
    std::vector<elf::Problem> errors;  // the file is malformed: the results may miss parts
    std::vector<SearchPathIssue> search_path_issues;  // filled by the check's finish()
};

// Judges one ELF file's bytes (which must start with the ELF magic).
ElfFileResult check_elf_file(std::string path, util::Bytes content);

// The per-file table as JSON: an array of objects with path, kind, machine, nx, pie, relro,
// canary, fortify, fortified, fortifiable, rpath, runpath, symbols, errors, sorted by path.
nlohmann::json elf_results_json(const std::vector<ElfFileResult>& results);

class BinaryHardeningCheck : public Check {
  public:
    std::string_view name() const override { return "binary-hardening"; }
    void visit(const FileEntry& entry, util::Bytes content) override;
    void finish(std::vector<judge::Finding>& findings,
                std::vector<diagnostics::Diagnostic>& diagnostics) override;

    // Every ELF file seen, in the order visited; complete after finish().
    const std::vector<ElfFileResult>& results() const { return m_results; }

  private:
    void judge_search_paths(ElfFileResult& result) const;

    std::vector<ElfFileResult> m_results;
    // Directories of the image and their permission bits, to tell whether an RPATH entry
    // names a directory others may write. Directories can follow the files they hold in
    // an archive, so the search paths are judged in finish().
    std::map<std::string, std::uint32_t, std::less<>> m_directory_modes;
};

}  // namespace iotconform::firmware
