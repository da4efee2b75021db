// Tests for the ELF parser and the hardening judgement. Crafted files are built here byte by
// byte, each test naming its defect; real files come from the fuzz corpus
// (fuzz/corpus/fuzz_elf), compiled with known flags: hardened (-fstack-protector-strong,
// -D_FORTIFY_SOURCE=2, -pie, -z relro -z now), partial (-z lazy), soft (-fno-stack-protector
// -no-pie -z norelro -z execstack), librpath.so (RPATH /tmp/lib), librunpath.so (RUNPATH
// lib), obj.o, 32-bit x86 and big-endian MIPS files, and two with their section headers
// removed.
#include "firmware/elf.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace iotconform::firmware::elf {
namespace {

using Data = std::vector<std::uint8_t>;
using util::Endian;

// A minimal ELF file: header, program headers (a PT_LOAD mapping the whole file at address
// 0 comes first, then PT_DYNAMIC when there are dynamic entries, then `segments`), the
// dynamic section (with DT_STRTAB and DT_STRSZ added) and its string table.
struct Crafted {
    bool is_64 = true;
    Endian endian = Endian::little;
    std::uint16_t type = k_type_dyn;
    std::vector<Segment> segments;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> dynamic;
    std::string strings = std::string(1, '\0');

    std::size_t header_size() const { return is_64 ? 64 : 52; }
    std::size_t segment_size() const { return is_64 ? 56 : 32; }
    std::size_t dynamic_entry_size() const { return is_64 ? 16 : 8; }
    std::size_t segment_count() const { return segments.size() + (dynamic.empty() ? 1 : 2); }
    std::size_t dynamic_offset() const { return header_size() + segment_count() * segment_size(); }
    std::size_t strings_offset() const {
        return dynamic_offset() + (dynamic.size() + 3) * dynamic_entry_size();
    }
    std::size_t phoff_field() const { return is_64 ? 32 : 28; }

    void word(Data& out, std::uint64_t value) const {
        if (is_64) {
            util::append_uint<std::uint64_t>(out, value, endian);
        } else {
            util::append_uint<std::uint32_t>(out, static_cast<std::uint32_t>(value), endian);
        }
    }
    void u16(Data& out, std::uint16_t value) const { util::append_uint(out, value, endian); }
    void u32(Data& out, std::uint32_t value) const { util::append_uint(out, value, endian); }

    void header(Data& out) const {
        out = {0x7f,
               'E',
               'L',
               'F',
               static_cast<std::uint8_t>(is_64 ? 2 : 1),
               static_cast<std::uint8_t>(endian == Endian::little ? 1 : 2),
               1};
        out.resize(16);
        u16(out, type);
        u16(out, 62);  // x86-64, whatever the layout: the parser does not care
        u32(out, 1);
        word(out, 0);              // entry
        word(out, header_size());  // phoff
        word(out, 0);              // shoff: no section headers
        u32(out, 0);
        u16(out, static_cast<std::uint16_t>(header_size()));
        u16(out, static_cast<std::uint16_t>(segment_size()));
        u16(out, static_cast<std::uint16_t>(segment_count()));
        u16(out, static_cast<std::uint16_t>(is_64 ? 64 : 40));
        u16(out, 0);
        u16(out, 0);
    }

    void segment(Data& out, const Segment& s) const {
        u32(out, s.type);
        if (is_64) {
            u32(out, s.flags);
        }
        word(out, s.offset);
        word(out, s.vaddr);
        word(out, s.vaddr);
        word(out, s.filesz);
        word(out, s.memsz);
        if (!is_64) {
            u32(out, s.flags);
        }
        word(out, 8);
    }

    Data build() const {
        Data out;
        header(out);
        const std::size_t size = strings_offset() + strings.size();
        segment(out, {k_pt_load, 5, 0, 0, size, size});
        const std::size_t dynamic_size = strings_offset() - dynamic_offset();
        if (!dynamic.empty()) {
            segment(out, {k_pt_dynamic, 6, dynamic_offset(), dynamic_offset(), dynamic_size,
                          dynamic_size});
        }
        for (const Segment& s : segments) {
            segment(out, s);
        }
        for (const auto& [tag, value] : dynamic) {
            word(out, tag);
            word(out, value);
        }
        for (const auto& [tag, value] : std::vector<std::pair<std::uint64_t, std::uint64_t>>{
                 {k_dt_strtab, strings_offset()}, {k_dt_strsz, strings.size()}, {k_dt_null, 0}}) {
            word(out, tag);
            word(out, value);
        }
        out.insert(out.end(), strings.begin(), strings.end());
        return out;
    }
};

const Segment k_stack_rw{k_pt_gnu_stack, 6, 0, 0, 0, 0};
const Segment k_stack_rwx{k_pt_gnu_stack, 7, 0, 0, 0, 0};
const Segment k_relro{k_pt_gnu_relro, 4, 0, 0, 16, 16};
const Segment k_interp{k_pt_interp, 4, 0, 0, 1, 1};

void put64(Data& data, std::size_t offset, std::uint64_t value) {
    for (std::size_t i = 0; i < 8; ++i) {
        data[offset + i] = static_cast<std::uint8_t>(value >> (8 * i));
    }
}

void put16(Data& data, std::size_t offset, std::uint16_t value) {
    data[offset] = static_cast<std::uint8_t>(value);
    data[offset + 1] = static_cast<std::uint8_t>(value >> 8);
}

// The first error of `file`, checked to carry `code`, to be at `offset` and to contain `words`.
void expect_error(const File& file, std::string_view code, std::size_t offset,
                  std::string_view words) {
    ASSERT_FALSE(file.errors.empty()) << "no error; expected one about " << words;
    const Problem& problem = file.errors.front();
    EXPECT_EQ(problem.code, code) << problem.message;
    EXPECT_EQ(problem.offset, offset) << problem.message;
    EXPECT_NE(problem.message.find(words), std::string::npos) << problem.message;
}

Hardening judge(const Data& data) {
    const File file = parse(data);
    EXPECT_TRUE(file.errors.empty()) << file.errors.front().message;
    return assess(file);
}

TEST(ElfParse, ReadsAWellFormedLittleEndian64BitFile) {
    Crafted crafted;
    crafted.segments = {k_stack_rw, k_relro, k_interp};
    crafted.strings = std::string("\0libc.so.6\0/opt/lib:$ORIGIN/../lib\0", 35);
    crafted.dynamic = {{k_dt_needed, 1}, {k_dt_runpath, 11}, {k_dt_flags_1, k_df_1_pie}};
    const Data data = crafted.build();  // the File's names are views into it
    const File file = parse(data);
    ASSERT_TRUE(file.errors.empty()) << file.errors.front().message;
    EXPECT_TRUE(file.header.is_64);
    EXPECT_EQ(file.header.phnum, 5u);
    EXPECT_EQ(file.segments.size(), 5u);
    EXPECT_EQ(file.dynamic.offset, crafted.dynamic_offset());
    EXPECT_EQ(file.dynamic.needed, std::vector<std::string_view>{"libc.so.6"});
    ASSERT_TRUE(file.dynamic.runpath);
    EXPECT_EQ(*file.dynamic.runpath, "/opt/lib:$ORIGIN/../lib");
    const Hardening hardening = assess(file);
    EXPECT_TRUE(hardening.nx);
    EXPECT_EQ(hardening.pie, Pie::yes);
    EXPECT_EQ(hardening.relro, Relro::partial);
    EXPECT_EQ(hardening.runpath, (std::vector<std::string>{"/opt/lib", "$ORIGIN/../lib"}));
    EXPECT_EQ(hardening.machine, "x86-64");
}

TEST(ElfParse, ReadsABigEndian32BitHeader) {
    Crafted crafted;
    crafted.is_64 = false;
    crafted.endian = Endian::big;
    crafted.segments = {k_stack_rw, k_relro};
    crafted.dynamic = {{k_dt_flags_1, k_df_1_pie | k_df_1_now}};
    const Data data = crafted.build();
    EXPECT_EQ(data[5], 2);  // ELFDATA2MSB
    const File file = parse(data);
    ASSERT_TRUE(file.errors.empty()) << file.errors.front().message;
    EXPECT_FALSE(file.header.is_64);
    EXPECT_EQ(file.header.endian, Endian::big);
    EXPECT_EQ(file.header.type, k_type_dyn);
    EXPECT_EQ(file.header.phoff, 52u);
    ASSERT_EQ(file.segments.size(), 4u);
    EXPECT_EQ(file.segments[2].type, k_pt_gnu_stack);
    EXPECT_EQ(file.segments[2].flags, 6u);
    const Hardening hardening = assess(file);
    EXPECT_TRUE(hardening.nx);
    EXPECT_EQ(hardening.pie, Pie::yes);
    EXPECT_EQ(hardening.relro, Relro::full);
}

TEST(ElfParse, DefectShorterThanTheIdentification) {
    const Data short_header{0x7f, 'E', 'L', 'F', 2, 1};
    expect_error(parse(short_header), "FW050", 0, "shorter than the 16-byte");
}

TEST(ElfParse, DefectTruncatedHeader) {
    Data data = Crafted().build();
    data.resize(40);
    const File file = parse(data);
    expect_error(file, "FW050", 40, "inside the 64-byte ELF header");
    EXPECT_TRUE(file.segments.empty());
}

TEST(ElfParse, DefectUnknownClassAndEncoding) {
    Data data = Crafted().build();
    data[4] = 3;
    expect_error(parse(data), "FW050", 4, "unknown ELF class 3");
    data[4] = 2;
    data[5] = 0;
    expect_error(parse(data), "FW050", 5, "unknown ELF data encoding 0");
}

TEST(ElfParse, DefectProgramHeaderOffsetPastTheEnd) {
    Crafted crafted;
    Data data = crafted.build();
    put64(data, crafted.phoff_field(), data.size() + 100);
    const File file = parse(data);
    expect_error(file, "FW051", crafted.phoff_field(), "runs past the end of the file");
    EXPECT_TRUE(file.segments.empty());
    EXPECT_FALSE(assess(file).nx);
}

TEST(ElfParse, DefectProgramHeaderTableWrapsAround64Bits) {
    // e_phoff + e_phnum * e_phentsize overflows 64 bits and would land inside the file if
    // added naively.
    Crafted crafted;
    Data data = crafted.build();
    put64(data, crafted.phoff_field(), 0xffffffffffffff00ULL);
    put16(data, 54, 0xff00);  // e_phentsize
    put16(data, 56, 0xfffe);  // e_phnum
    expect_error(parse(data), "FW051", crafted.phoff_field(), "runs past the end of the file");
}

TEST(ElfParse, DefectProgramHeaderEntriesTooSmall) {
    Data data = Crafted().build();
    put16(data, 54, 8);
    expect_error(parse(data), "FW051", 54, "smaller than the 56 bytes");
}

TEST(ElfParse, DefectSectionNameIndexOutOfRange) {
    // Two section headers at the end of the file, and e_shstrndx 5.
    Data data = Crafted().build();
    const std::size_t shoff = data.size();
    data.resize(data.size() + 2 * 64, 0);
    put64(data, 40, shoff);
    put16(data, 60, 2);
    put16(data, 62, 5);
    const File file = parse(data);
    expect_error(file, "FW052", 62, "section name table index 5 is out of range (2 sections)");
    EXPECT_EQ(file.sections.size(), 2u);
}

TEST(ElfParse, DefectSectionTablePastTheEnd) {
    Data data = Crafted().build();
    put64(data, 40, data.size() - 10);
    put16(data, 60, 3);
    expect_error(parse(data), "FW052", 40, "section header table (3 entries of 64 bytes");
}

TEST(ElfParse, DefectDynamicSectionOutsideTheFile) {
    Crafted crafted;
    crafted.dynamic = {{k_dt_bind_now, 0}};
    Data data = crafted.build();
    const std::size_t dynamic_header = 64 + 56;  // the second program header
    put64(data, dynamic_header + 8, 0x100000);   // p_offset
    const File file = parse(data);
    expect_error(file, "FW053", dynamic_header, "dynamic segment (");
    EXPECT_FALSE(file.dynamic.bind_now);
}

TEST(ElfParse, DefectDynamicStringPastTheTable) {
    Crafted crafted;
    crafted.dynamic = {{k_dt_needed, 500}};
    const Data data = crafted.build();  // the File's names are views into it
    const File file = parse(data);
    expect_error(file, "FW053", crafted.dynamic_offset(), "names string 500 of a 1-byte");
    EXPECT_TRUE(file.dynamic.needed.empty());
}

TEST(ElfParse, DefectUnterminatedDynamicString) {
    Crafted crafted;
    crafted.strings = std::string("\0/tmp", 5);
    crafted.dynamic = {{k_dt_rpath, 1}};
    const Data data = crafted.build();  // the File's names are views into it
    const File file = parse(data);
    expect_error(file, "FW053", crafted.dynamic_offset(), "past its end or unterminated");
    EXPECT_FALSE(file.dynamic.rpath);
}

TEST(ElfParse, DefectSymbolTableWithoutHashTable) {
    Crafted crafted;
    crafted.dynamic = {{k_dt_symtab, 0}};
    const Data data = crafted.build();
    expect_error(parse(data), "FW054", crafted.dynamic_offset(), "cannot be located");
}

TEST(ElfParse, EveryTruncationOfARealFileIsReportedNotFatal) {
    Crafted crafted;
    crafted.segments = {k_stack_rw, k_relro};
    crafted.strings = std::string("\0libc.so.6\0", 11);
    crafted.dynamic = {{k_dt_needed, 1}, {k_dt_bind_now, 0}};
    const Data data = crafted.build();
    for (std::size_t size = 0; size < data.size(); ++size) {
        const Data cut(data.begin(), data.begin() + static_cast<long>(size));
        const File file = parse(cut);
        EXPECT_FALSE(file.errors.empty()) << "cut at " << size;
        for (const Problem& problem : file.errors) {
            EXPECT_LE(problem.offset, data.size()) << problem.message;
        }
    }
}

TEST(ElfHardening, StackMarkingDecidesNx) {
    Crafted crafted;
    crafted.segments = {k_stack_rwx};
    EXPECT_FALSE(judge(crafted.build()).nx);
    crafted.segments = {};
    const Hardening unmarked = judge(crafted.build());
    EXPECT_FALSE(unmarked.nx);
    EXPECT_FALSE(unmarked.stack_marked);
    crafted.segments = {k_stack_rw};
    EXPECT_TRUE(judge(crafted.build()).nx);
}

TEST(ElfHardening, EachWayToBindNowGivesFullRelro) {
    Crafted crafted;
    crafted.segments = {k_relro};
    EXPECT_EQ(judge(crafted.build()).relro, Relro::partial);
    for (const auto& entry : std::vector<std::pair<std::uint64_t, std::uint64_t>>{
             {k_dt_bind_now, 0}, {k_dt_flags, k_df_bind_now}, {k_dt_flags_1, k_df_1_now}}) {
        crafted.dynamic = {entry};
        EXPECT_EQ(judge(crafted.build()).relro, Relro::full) << "tag " << entry.first;
    }
    crafted.segments = {};
    EXPECT_EQ(judge(crafted.build()).relro, Relro::none);
}

TEST(ElfHardening, FileTypeAndMarkersDecidePie) {
    Crafted crafted;
    crafted.type = k_type_exec;
    EXPECT_EQ(judge(crafted.build()).pie, Pie::no);
    crafted.type = k_type_rel;
    EXPECT_EQ(judge(crafted.build()).pie, Pie::rel);
    crafted.type = k_type_dyn;
    crafted.segments = {k_interp};  // runnable like libc.so.6, yet a library
    EXPECT_EQ(judge(crafted.build()).pie, Pie::dso);
    crafted.dynamic = {{k_dt_debug, 0}};
    EXPECT_EQ(judge(crafted.build()).pie, Pie::yes);
    crafted.dynamic = {{k_dt_flags_1, k_df_1_pie}};
    crafted.segments = {};  // a static PIE has no interpreter
    EXPECT_EQ(judge(crafted.build()).pie, Pie::yes);
}

Data corpus_file(const std::string& name) {
    const std::string path = std::string(IOTCONFORM_SOURCE_DIR) + "/fuzz/corpus/fuzz_elf/" + name;
    std::ifstream stream(path, std::ios::binary);
    EXPECT_TRUE(stream) << path;
    return Data(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
}

TEST(ElfRealFiles, HardenedExecutable) {
    const Hardening h = judge(corpus_file("hardened"));
    EXPECT_TRUE(h.nx);
    EXPECT_EQ(h.pie, Pie::yes);
    EXPECT_EQ(h.relro, Relro::full);
    EXPECT_TRUE(h.canary);
    EXPECT_TRUE(h.fortify);
    EXPECT_GE(h.fortified, 1u);
    EXPECT_FALSE(h.symbols);
}

TEST(ElfRealFiles, SoftExecutable) {
    const Hardening h = judge(corpus_file("soft"));
    EXPECT_FALSE(h.nx);
    EXPECT_TRUE(h.stack_marked);
    EXPECT_EQ(h.pie, Pie::no);
    EXPECT_EQ(h.relro, Relro::none);
    EXPECT_FALSE(h.canary);
    EXPECT_FALSE(h.fortify);
    EXPECT_GE(h.fortifiable, 1u);
}

TEST(ElfRealFiles, LazyBindingGivesPartialRelro) {
    EXPECT_EQ(judge(corpus_file("partial")).relro, Relro::partial);
}

TEST(ElfRealFiles, SearchPathsOfLibraries) {
    const Hardening rpath = judge(corpus_file("librpath.so"));
    EXPECT_EQ(rpath.pie, Pie::dso);
    EXPECT_EQ(rpath.rpath, std::vector<std::string>{"/tmp/lib"});
    EXPECT_TRUE(rpath.runpath.empty());
    const Hardening runpath = judge(corpus_file("librunpath.so"));
    EXPECT_EQ(runpath.runpath, std::vector<std::string>{"lib"});
    EXPECT_TRUE(runpath.rpath.empty());
}

TEST(ElfRealFiles, ObjectFileHasNoProgramHeaders) {
    const Data object = corpus_file("obj.o");
    const File file = parse(object);
    EXPECT_TRUE(file.errors.empty());
    EXPECT_TRUE(file.segments.empty());
    EXPECT_FALSE(file.sections.empty());
    EXPECT_EQ(file.sections[1].name, ".text");
    EXPECT_EQ(assess(file).pie, Pie::rel);
}

TEST(ElfRealFiles, ThirtyTwoBitAndBigEndianFiles) {
    const Hardening x86 = judge(corpus_file("start32"));
    EXPECT_EQ(x86.machine, "i386");
    EXPECT_EQ(x86.pie, Pie::no);
    EXPECT_TRUE(x86.nx);
    const Hardening library = judge(corpus_file("lib32.so"));
    EXPECT_EQ(library.relro, Relro::full);
    EXPECT_TRUE(library.canary);
    const Data mips_bytes = corpus_file("libmips_be.so");
    const File mips = parse(mips_bytes);
    EXPECT_EQ(mips.header.endian, Endian::big);
    EXPECT_TRUE(mips.has_symtab);
    EXPECT_TRUE(assess(mips).canary);
    EXPECT_EQ(assess(mips).machine, "MIPS");
}

TEST(ElfRealFiles, FilesWithoutSectionHeadersAreStillJudged) {
    // Symbols come through DT_SYMTAB, counted by DT_GNU_HASH (x86-64) or DT_HASH (MIPS).
    for (const char* name : {"hardened-nosections", "libmips_be-nosections.so"}) {
        const Data bytes = corpus_file(name);
        const File file = parse(bytes);
        EXPECT_TRUE(file.errors.empty()) << name << ": " << file.errors.front().message;
        EXPECT_TRUE(file.sections.empty()) << name;
        EXPECT_FALSE(file.dynamic_symbols.empty()) << name;
        EXPECT_TRUE(assess(file).canary) << name;
    }
    const Data hardened = corpus_file("hardened-nosections");
    const Hardening h = assess(parse(hardened));
    EXPECT_EQ(h.relro, Relro::full);
    EXPECT_EQ(h.pie, Pie::yes);
    EXPECT_TRUE(h.fortify);
}

// Every checked function this machine's glibc exports must be in the table that counts
// fortifiable calls.
TEST(ElfHardening, FortifiableTableCoversThisGlibc) {
    const std::filesystem::path libc = "/lib/x86_64-linux-gnu/libc.so.6";
    if (!std::filesystem::exists(libc)) {
        GTEST_SKIP() << "no glibc at " << libc;
    }
    std::ifstream stream(libc, std::ios::binary);
    const Data data(std::istreambuf_iterator<char>(stream), {});
    const File file = parse(data);
    std::size_t checked = 0;
    for (const std::string_view name : file.dynamic_symbols) {
        const std::string_view bare = name.substr(0, name.find('@'));
        if (bare.starts_with("__") && bare.ends_with("_chk") && bare != "__stack_chk_fail") {
            ++checked;
            EXPECT_TRUE(is_fortifiable_function(bare.substr(2, bare.size() - 6))) << bare;
        }
    }
    EXPECT_GE(checked, 70u);
}

}  // namespace
}  // namespace iotconform::firmware::elf
