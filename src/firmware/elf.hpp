// Reading an ELF file (32 or 64 bits, either byte order) from its bytes, far enough to judge
// how it was hardened: the header, program headers, section headers, the dynamic section and
// the symbol tables. Every offset, size and count comes from the file and is checked against
// it before use; a malformed file yields what could be read plus the problems, each located
// by its offset. Nothing here opens a file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/byte_reader.hpp"

namespace iotconform::firmware::elf {

// e_type values (ELF specification, "ELF Header").
inline constexpr std::uint16_t k_type_rel = 1;
inline constexpr std::uint16_t k_type_exec = 2;
inline constexpr std::uint16_t k_type_dyn = 3;
inline constexpr std::uint16_t k_type_core = 4;

// p_type values the checks read, including the GNU extensions.
inline constexpr std::uint32_t k_pt_load = 1;
inline constexpr std::uint32_t k_pt_dynamic = 2;
inline constexpr std::uint32_t k_pt_interp = 3;
inline constexpr std::uint32_t k_pt_gnu_stack = 0x6474e551;
inline constexpr std::uint32_t k_pt_gnu_relro = 0x6474e552;
inline constexpr std::uint32_t k_pf_x = 1;  // p_flags: executable

// sh_type values.
inline constexpr std::uint32_t k_sht_symtab = 2;
inline constexpr std::uint32_t k_sht_dynamic = 6;
inline constexpr std::uint32_t k_sht_nobits = 8;
inline constexpr std::uint32_t k_sht_dynsym = 11;

// d_tag values and the flags they carry.
inline constexpr std::uint64_t k_dt_null = 0;
inline constexpr std::uint64_t k_dt_needed = 1;
inline constexpr std::uint64_t k_dt_hash = 4;
inline constexpr std::uint64_t k_dt_strtab = 5;
inline constexpr std::uint64_t k_dt_symtab = 6;
inline constexpr std::uint64_t k_dt_strsz = 10;
inline constexpr std::uint64_t k_dt_syment = 11;
inline constexpr std::uint64_t k_dt_rpath = 15;
inline constexpr std::uint64_t k_dt_debug = 21;
inline constexpr std::uint64_t k_dt_bind_now = 24;
inline constexpr std::uint64_t k_dt_runpath = 29;
inline constexpr std::uint64_t k_dt_flags = 30;
inline constexpr std::uint64_t k_dt_gnu_hash = 0x6ffffef5;
inline constexpr std::uint64_t k_dt_flags_1 = 0x6ffffffb;
inline constexpr std::uint64_t k_df_bind_now = 0x8;
inline constexpr std::uint64_t k_df_1_now = 0x1;
inline constexpr std::uint64_t k_df_1_pie = 0x08000000;

struct Header {
    bool is_64 = false;
    util::Endian endian = util::Endian::little;
    std::uint16_t type = 0;
    std::uint16_t machine = 0;
    std::uint64_t phoff = 0;
    std::uint64_t shoff = 0;
    std::uint16_t phentsize = 0;
    std::uint16_t shentsize = 0;
    // The counts after the extended numbering of the specification is resolved (a count of
    // 0xffff, or 0 sections, with the real value in section header 0).
    std::uint32_t phnum = 0;
    std::uint32_t shnum = 0;
    std::uint32_t shstrndx = 0;
};

struct Segment {
    std::uint32_t type = 0;
    std::uint32_t flags = 0;
    std::uint64_t offset = 0;
    std::uint64_t vaddr = 0;
    std::uint64_t filesz = 0;
    std::uint64_t memsz = 0;
};

struct Section {
    std::string_view name;  // from the section name string table; empty when unreadable
    std::uint32_t type = 0;
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
    std::uint32_t link = 0;
    std::uint64_t entsize = 0;
};

// What the dynamic section says, as far as the checks need it.
struct Dynamic {
    std::optional<std::size_t> offset;  // of the dynamic section in the file
    std::vector<std::string_view> needed;
    std::optional<std::string_view> rpath;
    std::optional<std::string_view> runpath;
    std::uint64_t flags = 0;    // DT_FLAGS
    std::uint64_t flags_1 = 0;  // DT_FLAGS_1
    bool bind_now = false;      // a DT_BIND_NOW entry
    bool debug = false;         // a DT_DEBUG entry: linkers emit it for executables only
};

struct Problem {
    std::size_t offset = 0;  // in the file
    std::string code;        // FW050..FW069, see docs/diagnostics.md
    std::string message;
};

// A parsed file. The string views point into the bytes given to parse(): the result must
// not outlive them.
struct File {
    Header header;
    std::vector<Segment> segments;
    std::vector<Section> sections;
    Dynamic dynamic;
    std::vector<std::string_view> dynamic_symbols;  // names, from .dynsym or the dynamic section
    std::vector<std::string_view> symbols;          // names from .symtab (absent when stripped)
    bool has_symtab = false;
    std::vector<Problem> errors;

    const Segment* find_segment(std::uint32_t type) const;
};

// How a file was hardened, in the terms checksec reports, so the two can be compared.
enum class Pie {
    no,   // ET_EXEC: loaded at a fixed address
    yes,  // ET_DYN marked as an executable (DF_1_PIE, or DT_DEBUG)
    dso,  // ET_DYN that is a shared library
    rel,  // ET_REL: an object file or kernel module, not loaded by the program loader
    other
};
enum class Relro { none, partial, full };

std::string_view to_string(Pie pie);      // "no", "yes", "dso", "rel", "other"
std::string_view to_string(Relro relro);  // "no", "partial", "full" (checksec's words)

struct Hardening {
    std::uint16_t type = 0;
    std::string machine;
    bool stack_marked = false;  // a PT_GNU_STACK header exists
    bool nx = false;            // ... and it does not ask for an executable stack
    Pie pie = Pie::other;
    Relro relro = Relro::none;
    bool canary = false;
    bool fortify = false;              // a *_chk function is used
    std::size_t fortified = 0;         // calls to glibc's checked functions (__memcpy_chk, ...)
    std::size_t fortifiable = 0;       // ... plus calls to their unchecked forms (memcpy, ...)
    std::vector<std::string> rpath;    // DT_RPATH, split at ':'
    std::vector<std::string> runpath;  // DT_RUNPATH, split at ':'
    bool symbols = false;              // a .symtab section: not stripped
};

// Judges a parsed file. What could not be read counts as absent (no NX, no canary), as it
// would for checksec.
Hardening assess(const File& file);

// The base names of glibc's checked functions: "memcpy" for __memcpy_chk.
bool is_fortifiable_function(std::string_view base_name);

// True when `data` begins with the ELF magic "\x7fELF".
bool is_elf(util::Bytes data);

// Reads an ELF file from its bytes. Never fails outright: problems go to `errors`, and every
// part that could be read is filled in. The File's names (needed libraries, search paths)
// are views into `data`, which must outlive it; a temporary buffer is refused at compile
// time.
File parse(util::Bytes data);
File parse(std::vector<std::uint8_t>&& data) = delete;

// "x86-64", "AArch64", "ARM", ... or "machine 0x1234".
std::string machine_name(std::uint16_t machine);

}  // namespace iotconform::firmware::elf
