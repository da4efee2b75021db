// Reading an ELF file. The order follows what a loader trusts: the identification, the
// header, the section headers (first, because section 0 may hold the real counts), the
// program headers, the dynamic section, then the symbol tables. Each part that is malformed
// is reported and skipped; the parts after it are still read where they do not depend on it.
#include "firmware/elf.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "util/limits.hpp"

namespace iotconform::firmware::elf {

using util::Bytes;
using util::Endian;

namespace {

constexpr std::size_t k_ident_size = 16;
constexpr std::uint16_t k_extended_count = 0xffff;  // PN_XNUM and SHN_XINDEX

// The sizes of the structures the specification defines, per class.
struct Layout {
    std::size_t header;
    std::size_t segment;
    std::size_t section;
    std::size_t symbol;
    std::size_t dynamic;
};
constexpr Layout k_layout_32{52, 32, 40, 16, 8};
constexpr Layout k_layout_64{64, 56, 64, 24, 16};

// A table of `count` entries of `entry_size` bytes at `offset`, or nullopt when it does not
// fit in `data`. Division instead of multiplication, so a hostile count cannot overflow.
std::optional<Bytes> table_span(Bytes data, std::uint64_t offset, std::uint64_t count,
                                std::uint64_t entry_size) {
    if (offset > data.size() || (entry_size != 0 && count > (data.size() - offset) / entry_size)) {
        return std::nullopt;
    }
    return data.subspan(static_cast<std::size_t>(offset),
                        static_cast<std::size_t>(count * entry_size));
}

// The NUL-terminated string at `index` of a string table, or nullopt when it runs out of it.
std::optional<std::string_view> table_string(Bytes table, std::uint64_t index) {
    if (index >= table.size()) {
        return std::nullopt;
    }
    const auto* start = table.data() + index;
    const void* end = std::memchr(start, 0, table.size() - static_cast<std::size_t>(index));
    if (end == nullptr) {
        return std::nullopt;
    }
    return std::string_view(
        reinterpret_cast<const char*>(start),
        static_cast<std::size_t>(static_cast<const std::uint8_t*>(end) - start));
}

class Parser {
  public:
    Parser(File& file, Bytes data) : m_file(file), m_data(data) {}

    void run() {
        if (!read_header()) {
            return;
        }
        read_sections();
        read_segments();
        read_dynamic();
        read_dynamic_symbols();
        read_symtab();
    }

  private:
    const Layout& layout() const { return m_file.header.is_64 ? k_layout_64 : k_layout_32; }

    // Offset of a header field that differs between the classes.
    std::size_t field_offset(std::size_t offset_32, std::size_t offset_64) const {
        return m_file.header.is_64 ? offset_64 : offset_32;
    }

    void error(std::size_t offset, std::string_view code, std::string message) {
        m_file.errors.push_back({offset, std::string(code), std::move(message)});
    }

    template <typename T>
    std::optional<T> read(Bytes data, std::size_t offset) const {
        return util::read_uint<T>(data, offset, m_file.header.endian);
    }

    // A field of the class's word size (4 or 8 bytes). The caller has checked the range.
    std::uint64_t word(Bytes data, std::size_t offset) const {
        if (m_file.header.is_64) {
            return *read<std::uint64_t>(data, offset);
        }
        return *read<std::uint32_t>(data, offset);
    }

    bool read_header() {
        if (m_data.size() < k_ident_size) {
            error(0, "FW050",
                  fmt::format("the file is {} bytes, shorter than the 16-byte ELF identification",
                              m_data.size()));
            return false;
        }
        if (!is_elf(m_data)) {
            error(0, "FW050", "no ELF magic (0x7f 'E' 'L' 'F') at the start of the file");
            return false;
        }
        return read_ident() && read_header_fields();
    }

    bool read_ident() {
        Header& header = m_file.header;
        const std::uint8_t elf_class = m_data[4];
        const std::uint8_t encoding = m_data[5];
        if (elf_class != 1 && elf_class != 2) {
            error(4, "FW050",
                  fmt::format("unknown ELF class {} (1 is 32-bit, 2 is 64-bit)", elf_class));
            return false;
        }
        if (encoding != 1 && encoding != 2) {
            error(5, "FW050",
                  fmt::format("unknown ELF data encoding {} (1 is little-endian, 2 big-endian)",
                              encoding));
            return false;
        }
        header.is_64 = elf_class == 2;
        header.endian = encoding == 1 ? Endian::little : Endian::big;
        return true;
    }

    bool read_header_fields() {
        Header& header = m_file.header;
        if (m_data.size() < layout().header) {
            error(m_data.size(), "FW050",
                  fmt::format("the file ends at offset {}, inside the {}-byte ELF header",
                              m_data.size(), layout().header));
            return false;
        }
        header.type = *read<std::uint16_t>(m_data, 16);
        header.machine = *read<std::uint16_t>(m_data, 18);
        header.phoff = word(m_data, field_offset(28, 32));
        header.shoff = word(m_data, field_offset(32, 40));
        header.phentsize = *read<std::uint16_t>(m_data, field_offset(42, 54));
        header.phnum = *read<std::uint16_t>(m_data, field_offset(44, 56));
        header.shentsize = *read<std::uint16_t>(m_data, field_offset(46, 58));
        header.shnum = *read<std::uint16_t>(m_data, field_offset(48, 60));
        header.shstrndx = *read<std::uint16_t>(m_data, field_offset(50, 62));
        return true;
    }

    // Section header 0 carries the counts that do not fit the header's 16-bit fields.
    bool resolve_extended_numbering() {
        Header& header = m_file.header;
        const bool extended = header.shnum == 0 || header.phnum == k_extended_count ||
                              header.shstrndx == k_extended_count;
        if (!extended) {
            return true;
        }
        const std::optional<Bytes> first = util::sub_span(m_data, header.shoff, layout().section);
        if (!first) {
            if (header.phnum == k_extended_count || header.shstrndx == k_extended_count) {
                error(field_offset(32, 40), "FW052",
                      "the header defers its counts to section header 0, which lies outside "
                      "the file");
                return false;
            }
            return true;
        }
        if (header.shnum == 0) {
            header.shnum = static_cast<std::uint32_t>(
                std::min<std::uint64_t>(word(*first, field_offset(20, 32)), 0xffffffffU));
        }
        if (header.phnum == k_extended_count) {
            header.phnum = *read<std::uint32_t>(*first, field_offset(28, 44));
        }
        if (header.shstrndx == k_extended_count) {
            header.shstrndx = *read<std::uint32_t>(*first, field_offset(24, 40));
        }
        return true;
    }

    void read_sections() {
        const Header& header = m_file.header;
        if (header.shoff == 0) {
            return;  // no section headers: stripped to the loader's view, still judged
        }
        if (!resolve_extended_numbering() || !check_section_table()) {
            return;
        }
        const Bytes table = *table_span(m_data, header.shoff, header.shnum, header.shentsize);
        m_file.sections.reserve(header.shnum);
        for (std::size_t i = 0; i < header.shnum; ++i) {
            m_file.sections.push_back(read_section(table.subspan(i * header.shentsize)));
        }
        name_sections();
    }

    bool check_section_table() {
        const Header& header = m_file.header;
        const std::size_t shoff_field = field_offset(32, 40);
        if (header.shnum == 0) {
            return false;
        }
        if (header.shentsize < layout().section) {
            error(field_offset(46, 58), "FW052",
                  fmt::format("section header entries of {} bytes, smaller than the {} bytes "
                              "of a section header",
                              header.shentsize, layout().section));
            return false;
        }
        if (header.shnum > util::k_max_elf_sections) {
            error(field_offset(48, 60), "FW052",
                  fmt::format("{} section headers, more than the limit of {}", header.shnum,
                              util::k_max_elf_sections));
            return false;
        }
        if (!table_span(m_data, header.shoff, header.shnum, header.shentsize)) {
            error(shoff_field, "FW052",
                  fmt::format("the section header table ({} entries of {} bytes at offset {}) "
                              "runs past the end of the file ({} bytes)",
                              header.shnum, header.shentsize, header.shoff, m_data.size()));
            return false;
        }
        return true;
    }

    Section read_section(Bytes entry) const {
        Section section;
        section.type = *read<std::uint32_t>(entry, 4);
        section.offset = word(entry, field_offset(16, 24));
        section.size = word(entry, field_offset(20, 32));
        section.link = *read<std::uint32_t>(entry, field_offset(24, 40));
        section.entsize = word(entry, field_offset(36, 56));
        return section;
    }

    // The section contents, or nullopt (reported) when they lie outside the file.
    std::optional<Bytes> section_bytes(std::size_t index, std::string_view code) {
        const Section& section = m_file.sections[index];
        const std::optional<Bytes> bytes = util::sub_span(m_data, section.offset, section.size);
        if (!bytes) {
            error(section_header_offset(index), code,
                  fmt::format("section {} ({} bytes at offset {}) runs past the end of the file "
                              "({} bytes)",
                              index, section.size, section.offset, m_data.size()));
        }
        return bytes;
    }

    std::size_t section_header_offset(std::size_t index) const {
        return static_cast<std::size_t>(m_file.header.shoff) + index * m_file.header.shentsize;
    }

    void name_sections() {
        const std::uint32_t index = m_file.header.shstrndx;
        if (index == 0) {
            return;  // SHN_UNDEF: the file has no section names
        }
        if (index >= m_file.sections.size()) {
            error(field_offset(50, 62), "FW052",
                  fmt::format("the section name table index {} is out of range ({} sections)",
                              index, m_file.sections.size()));
            return;
        }
        const std::optional<Bytes> names = section_bytes(index, "FW052");
        if (!names) {
            return;
        }
        const Bytes table = *table_span(m_data, m_file.header.shoff, m_file.sections.size(),
                                        m_file.header.shentsize);
        for (std::size_t i = 0; i < m_file.sections.size(); ++i) {
            const std::uint32_t name = *read<std::uint32_t>(table, i * m_file.header.shentsize);
            m_file.sections[i].name = table_string(*names, name).value_or(std::string_view());
        }
    }

    void read_segments() {
        const Header& header = m_file.header;
        if (header.phoff == 0 || header.phnum == 0) {
            return;  // object files and kernel modules have no program headers
        }
        if (header.phentsize < layout().segment) {
            error(field_offset(42, 54), "FW051",
                  fmt::format("program header entries of {} bytes, smaller than the {} bytes of "
                              "a program header",
                              header.phentsize, layout().segment));
            return;
        }
        if (header.phnum > util::k_max_elf_segments) {
            error(field_offset(44, 56), "FW051",
                  fmt::format("{} program headers, more than the limit of {}", header.phnum,
                              util::k_max_elf_segments));
            return;
        }
        const std::optional<Bytes> table =
            table_span(m_data, header.phoff, header.phnum, header.phentsize);
        if (!table) {
            error(field_offset(28, 32), "FW051",
                  fmt::format("the program header table ({} entries of {} bytes at offset {}) "
                              "runs past the end of the file ({} bytes)",
                              header.phnum, header.phentsize, header.phoff, m_data.size()));
            return;
        }
        m_file.segments.reserve(header.phnum);
        for (std::size_t i = 0; i < header.phnum; ++i) {
            m_file.segments.push_back(read_segment(table->subspan(i * header.phentsize)));
        }
    }

    Segment read_segment(Bytes entry) const {
        Segment segment;
        segment.type = *read<std::uint32_t>(entry, 0);
        segment.flags = *read<std::uint32_t>(entry, field_offset(24, 4));
        segment.offset = word(entry, field_offset(4, 8));
        segment.vaddr = word(entry, field_offset(8, 16));
        segment.filesz = word(entry, field_offset(16, 32));
        segment.memsz = word(entry, field_offset(20, 40));
        return segment;
    }

    // The file offset of virtual address `address`, through the loadable segment that maps
    // it from the file, or nullopt.
    std::optional<std::uint64_t> file_offset(std::uint64_t address) const {
        for (const Segment& segment : m_file.segments) {
            if (segment.type == k_pt_load && address >= segment.vaddr &&
                address - segment.vaddr < segment.filesz) {
                return segment.offset + (address - segment.vaddr);
            }
        }
        return std::nullopt;
    }

    // The dynamic section: where the loader finds it (PT_DYNAMIC), else the section.
    std::optional<Bytes> dynamic_bytes() {
        if (const Segment* segment = m_file.find_segment(k_pt_dynamic)) {
            const std::optional<Bytes> bytes =
                util::sub_span(m_data, segment->offset, segment->filesz);
            if (!bytes) {
                error(program_header_offset(segment), "FW053",
                      fmt::format("the dynamic segment ({} bytes at offset {}) runs past the end "
                                  "of the file ({} bytes)",
                                  segment->filesz, segment->offset, m_data.size()));
                return std::nullopt;
            }
            m_file.dynamic.offset = static_cast<std::size_t>(segment->offset);
            return bytes;
        }
        const std::optional<std::size_t> index = find_section(k_sht_dynamic);
        if (!index) {
            return std::nullopt;
        }
        const std::optional<Bytes> bytes = section_bytes(*index, "FW053");
        if (bytes) {
            m_file.dynamic.offset = static_cast<std::size_t>(m_file.sections[*index].offset);
        }
        return bytes;
    }

    std::size_t program_header_offset(const Segment* segment) const {
        const auto index = static_cast<std::size_t>(segment - m_file.segments.data());
        return static_cast<std::size_t>(m_file.header.phoff) + index * m_file.header.phentsize;
    }

    std::optional<std::size_t> find_section(std::uint32_t type) const {
        for (std::size_t i = 0; i < m_file.sections.size(); ++i) {
            if (m_file.sections[i].type == type) {
                return i;
            }
        }
        return std::nullopt;
    }

    // The values of the dynamic entries the checks use, and where each string entry was.
    struct DynamicValues {
        std::optional<std::uint64_t> strtab, strsz, symtab, syment, hash, gnu_hash;
        std::vector<std::pair<std::uint64_t, std::size_t>> needed;  // (string index, offset)
        std::optional<std::pair<std::uint64_t, std::size_t>> rpath, runpath;
    };

    void read_dynamic() {
        const std::optional<Bytes> bytes = dynamic_bytes();
        if (!bytes) {
            return;
        }
        const std::size_t entry_size = layout().dynamic;
        const std::size_t count =
            std::min(bytes->size() / entry_size, util::k_max_elf_dynamic_entries);
        for (std::size_t i = 0; i < count; ++i) {
            const std::size_t at = i * entry_size;
            const std::uint64_t tag = word(*bytes, at);
            if (tag == k_dt_null) {
                break;
            }
            take_dynamic_entry(tag, word(*bytes, at + entry_size / 2), *m_file.dynamic.offset + at);
        }
        resolve_dynamic_strings();
    }

    void take_dynamic_entry(std::uint64_t tag, std::uint64_t value, std::size_t offset) {
        Dynamic& dynamic = m_file.dynamic;
        switch (tag) {
            case k_dt_needed:
                m_values.needed.emplace_back(value, offset);
                break;
            case k_dt_rpath:
                m_values.rpath.emplace(value, offset);
                break;
            case k_dt_runpath:
                m_values.runpath.emplace(value, offset);
                break;
            case k_dt_strtab:
                m_values.strtab = value;
                break;
            case k_dt_strsz:
                m_values.strsz = value;
                break;
            case k_dt_symtab:
                m_values.symtab = value;
                break;
            case k_dt_syment:
                m_values.syment = value;
                break;
            case k_dt_hash:
                m_values.hash = value;
                break;
            case k_dt_gnu_hash:
                m_values.gnu_hash = value;
                break;
            case k_dt_flags:
                dynamic.flags = value;
                break;
            case k_dt_flags_1:
                dynamic.flags_1 = value;
                break;
            case k_dt_bind_now:
                dynamic.bind_now = true;
                break;
            case k_dt_debug:
                dynamic.debug = true;
                break;
            default:
                break;
        }
    }

    // The dynamic string table, through the address the loader uses; files without program
    // headers fall back on the dynamic section's linked string section.
    std::optional<Bytes> dynamic_string_table() {
        if (m_values.strtab && m_values.strsz) {
            const std::optional<std::uint64_t> offset = file_offset(*m_values.strtab);
            if (offset) {
                if (auto bytes = util::sub_span(m_data, *offset, *m_values.strsz)) {
                    return bytes;
                }
            }
        }
        const std::optional<std::size_t> index = find_section(k_sht_dynamic);
        if (index && m_file.sections[*index].link < m_file.sections.size()) {
            return util::sub_span(m_data, m_file.sections[m_file.sections[*index].link].offset,
                                  m_file.sections[m_file.sections[*index].link].size);
        }
        return std::nullopt;
    }

    void resolve_dynamic_strings() {
        const bool has_strings = !m_values.needed.empty() || m_values.rpath || m_values.runpath;
        m_strings = dynamic_string_table();
        if (!has_strings) {
            return;
        }
        if (!m_strings) {
            error(*m_file.dynamic.offset, "FW053",
                  "the dynamic string table (DT_STRTAB, DT_STRSZ) lies outside the file");
            return;
        }
        for (const auto& [index, offset] : m_values.needed) {
            if (auto name = dynamic_string(index, offset)) {
                m_file.dynamic.needed.push_back(*name);
            }
        }
        if (m_values.rpath) {
            m_file.dynamic.rpath = dynamic_string(m_values.rpath->first, m_values.rpath->second);
        }
        if (m_values.runpath) {
            m_file.dynamic.runpath =
                dynamic_string(m_values.runpath->first, m_values.runpath->second);
        }
    }

    std::optional<std::string_view> dynamic_string(std::uint64_t index, std::size_t offset) {
        std::optional<std::string_view> text = table_string(*m_strings, index);
        if (!text) {
            error(offset, "FW053",
                  fmt::format("the dynamic entry names string {} of a {}-byte string table, "
                              "past its end or unterminated",
                              index, m_strings->size()));
        }
        return text;
    }

    void read_dynamic_symbols() {
        if (const std::optional<std::size_t> index = find_section(k_sht_dynsym)) {
            read_symbol_section(*index, m_file.dynamic_symbols);
            return;
        }
        if (m_values.symtab && m_strings) {
            read_symbols_from_dynamic();
        }
    }

    void read_symtab() {
        for (std::size_t i = 0; i < m_file.sections.size(); ++i) {
            if (m_file.sections[i].type == k_sht_symtab) {
                m_file.has_symtab = true;
                read_symbol_section(i, m_file.symbols);
            }
        }
    }

    void read_symbol_section(std::size_t index, std::vector<std::string_view>& names) {
        const Section& section = m_file.sections[index];
        const std::uint64_t entry_size = section.entsize == 0 ? layout().symbol : section.entsize;
        if (entry_size < layout().symbol) {
            error(section_header_offset(index), "FW054",
                  fmt::format("symbol table section {} has entries of {} bytes, smaller than "
                              "the {} bytes of a symbol",
                              index, entry_size, layout().symbol));
            return;
        }
        if (section.link >= m_file.sections.size()) {
            error(section_header_offset(index), "FW054",
                  fmt::format("symbol table section {} links to string section {}, out of range "
                              "({} sections)",
                              index, section.link, m_file.sections.size()));
            return;
        }
        const std::optional<Bytes> table = section_bytes(index, "FW054");
        const std::optional<Bytes> strings = section_bytes(section.link, "FW054");
        if (table && strings) {
            read_symbol_names(*table, entry_size, table->size() / entry_size, *strings,
                              static_cast<std::size_t>(section.offset), names);
        }
    }

    // Without section headers the dynamic symbols are found as the loader finds them: the
    // table at DT_SYMTAB, its length from the hash table (DT_HASH or DT_GNU_HASH).
    void read_symbols_from_dynamic() {
        const std::uint64_t entry_size = m_values.syment.value_or(layout().symbol);
        const std::optional<std::uint64_t> offset = file_offset(*m_values.symtab);
        const std::optional<std::uint64_t> count = dynamic_symbol_count();
        if (entry_size < layout().symbol || !offset || !count) {
            error(*m_file.dynamic.offset, "FW054",
                  "the dynamic symbol table (DT_SYMTAB with DT_HASH or DT_GNU_HASH) cannot be "
                  "located in the file");
            return;
        }
        const std::optional<Bytes> table = table_span(m_data, *offset, *count, entry_size);
        if (!table) {
            error(static_cast<std::size_t>(*offset), "FW054",
                  fmt::format("the dynamic symbol table ({} symbols at offset {}) runs past the "
                              "end of the file",
                              *count, *offset));
            return;
        }
        read_symbol_names(*table, entry_size, *count, *m_strings, static_cast<std::size_t>(*offset),
                          m_file.dynamic_symbols);
    }

    std::optional<std::uint64_t> dynamic_symbol_count() const {
        if (m_values.hash) {
            // DT_HASH: nbucket, then nchain, which equals the number of symbols.
            const std::optional<std::uint64_t> at = file_offset(*m_values.hash);
            if (at && *at <= m_data.size()) {
                if (auto nchain = read<std::uint32_t>(m_data, static_cast<std::size_t>(*at) + 4)) {
                    return *nchain;
                }
            }
        }
        if (m_values.gnu_hash) {
            return gnu_hash_symbol_count();
        }
        return std::nullopt;
    }

    // DT_GNU_HASH does not store the count: the last symbol is the end of the chain that
    // starts at the highest bucket. Every read is checked; the walk stops at the file's end.
    std::optional<std::uint64_t> gnu_hash_symbol_count() const {
        const std::optional<std::uint64_t> start = file_offset(*m_values.gnu_hash);
        if (!start || *start > m_data.size()) {
            return std::nullopt;
        }
        const auto at = static_cast<std::size_t>(*start);
        const auto buckets = read<std::uint32_t>(m_data, at);
        const auto symoffset = read<std::uint32_t>(m_data, at + 4);
        const auto bloom_size = read<std::uint32_t>(m_data, at + 8);
        if (!buckets || !symoffset || !bloom_size) {
            return std::nullopt;
        }
        const std::uint64_t bloom_bytes =
            std::uint64_t{*bloom_size} * (m_file.header.is_64 ? 8 : 4);
        const std::uint64_t buckets_at = std::uint64_t{at} + 16 + bloom_bytes;
        const std::optional<Bytes> bucket_table = table_span(m_data, buckets_at, *buckets, 4);
        if (!bucket_table) {
            return std::nullopt;
        }
        std::uint32_t last = 0;
        for (std::size_t i = 0; i < *buckets; ++i) {
            last = std::max(last, *read<std::uint32_t>(*bucket_table, i * 4));
        }
        if (last < *symoffset) {
            return *symoffset;
        }
        const std::uint64_t chains_at = buckets_at + bucket_table->size();
        for (std::uint64_t symbol = last; symbol - last < util::k_max_elf_symbols; ++symbol) {
            const std::uint64_t entry = chains_at + (symbol - *symoffset) * 4;
            if (entry > m_data.size()) {
                return std::nullopt;
            }
            const auto hash = read<std::uint32_t>(m_data, static_cast<std::size_t>(entry));
            if (!hash) {
                return std::nullopt;
            }
            if ((*hash & 1) != 0) {
                return symbol + 1;
            }
        }
        return std::nullopt;
    }

    void read_symbol_names(Bytes table, std::uint64_t entry_size, std::uint64_t count,
                           Bytes strings, std::size_t table_offset,
                           std::vector<std::string_view>& names) {
        if (count > util::k_max_elf_symbols) {
            error(table_offset, "FW054",
                  fmt::format("a symbol table of {} symbols, more than the limit of {}; only the "
                              "first are read",
                              count, util::k_max_elf_symbols));
            count = util::k_max_elf_symbols;
        }
        names.reserve(names.size() + static_cast<std::size_t>(count));
        std::size_t bad = 0;
        for (std::uint64_t i = 0; i < count; ++i) {
            const auto name = *read<std::uint32_t>(table, static_cast<std::size_t>(i * entry_size));
            const std::optional<std::string_view> text = table_string(strings, name);
            if (!text) {
                ++bad;
            } else if (!text->empty()) {
                names.push_back(*text);
            }
        }
        if (bad > 0) {
            error(table_offset, "FW054",
                  fmt::format("{} symbols of the table at offset {} have names outside its "
                              "{}-byte string table",
                              bad, table_offset, strings.size()));
        }
    }

    File& m_file;
    Bytes m_data;
    DynamicValues m_values;
    std::optional<Bytes> m_strings;  // the dynamic string table, once found
};

}  // namespace

const Segment* File::find_segment(std::uint32_t type) const {
    for (const Segment& segment : segments) {
        if (segment.type == type) {
            return &segment;
        }
    }
    return nullptr;
}

bool is_elf(Bytes data) {
    return data.size() >= 4 && data[0] == 0x7f && data[1] == 'E' && data[2] == 'L' &&
           data[3] == 'F';
}

File parse(Bytes data) {
    File file;
    Parser(file, data).run();
    return file;
}

std::string machine_name(std::uint16_t machine) {
    switch (machine) {
        case 3:
            return "i386";
        case 8:
            return "MIPS";
        case 20:
            return "PowerPC";
        case 21:
            return "PowerPC64";
        case 40:
            return "ARM";
        case 42:
            return "SuperH";
        case 62:
            return "x86-64";
        case 83:
            return "AVR";
        case 94:
            return "Xtensa";
        case 183:
            return "AArch64";
        case 243:
            return "RISC-V";
        case 258:
            return "LoongArch";
        default:
            return fmt::format("machine 0x{:x}", machine);
    }
}

}  // namespace iotconform::firmware::elf
