// Reading an MCUboot image. The order of the checks follows bootutil's: header, body,
// protected TLV area, TLV area; then what follows (padding and the boot trailer).
#include "mcuboot/image.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "util/limits.hpp"

namespace iotconform::mcuboot {

using util::Bytes;
using util::Endian;

std::size_t Image::hashed_size() const {
    return std::size_t{header.hdr_size} + header.img_size + header.protect_tlv_size;
}

const Tlv* Image::find(std::uint16_t type, bool prot) const {
    const std::optional<TlvArea>& where = prot ? protected_area : area;
    if (!where) {
        return nullptr;
    }
    for (const Tlv& tlv : where->entries) {
        if (tlv.type == type) {
            return &tlv;
        }
    }
    return nullptr;
}

std::vector<const Tlv*> Image::all_tlvs() const {
    std::vector<const Tlv*> tlvs;
    for (const std::optional<TlvArea>* where : {&protected_area, &area}) {
        if (*where) {
            for (const Tlv& tlv : (*where)->entries) {
                tlvs.push_back(&tlv);
            }
        }
    }
    return tlvs;
}

bool Image::encrypted() const {
    return (header.flags & (k_flag_encrypted_aes128 | k_flag_encrypted_aes256)) != 0;
}

namespace {

class Parser {
  public:
    explicit Parser(Image& image) : m_image(image), m_data(image.bytes) {}

    void run() {
        read_areas();
        // The trailer sits at the end of the slot, found from the file's end, so it is read
        // even when the TLV areas are broken.
        read_trailer();
    }

  private:
    void read_areas() {
        if (!read_header()) {
            return;
        }
        m_image.end_of_tlvs = m_image.header.hdr_size;
        if (!check_body()) {
            return;
        }
        std::size_t offset = m_image.hashed_size() - m_image.header.protect_tlv_size;
        if (m_image.header.protect_tlv_size > 0) {
            m_image.protected_area = read_area(offset, k_tlv_prot_info_magic, "protected TLV area",
                                               m_image.header.protect_tlv_size);
            if (!m_image.protected_area) {
                return;
            }
            offset += m_image.header.protect_tlv_size;
        }
        m_image.area = read_area(offset, k_tlv_info_magic, "TLV area");
        if (!m_image.area) {
            return;
        }
        m_image.end_of_tlvs = offset + m_image.area->total;
    }

    void error(std::size_t offset, std::string message) {
        m_image.errors.push_back({offset, std::move(message)});
    }

    template <typename T>
    T field(std::size_t offset) const {
        return *util::read_uint<T>(m_data, offset, m_image.endian);
    }

    bool read_header() {
        if (m_data.size() < k_header_size) {
            error(0, fmt::format("the file is {} bytes, shorter than the {}-byte image header",
                                 m_data.size(), k_header_size));
            return false;
        }
        const std::uint32_t little = *util::read_uint<std::uint32_t>(m_data, 0, Endian::little);
        const std::uint32_t big = *util::read_uint<std::uint32_t>(m_data, 0, Endian::big);
        m_image.endian =
            big == k_image_magic && little != k_image_magic ? Endian::big : Endian::little;
        Header& header = m_image.header;
        header.magic = field<std::uint32_t>(0);
        header.load_addr = field<std::uint32_t>(4);
        header.hdr_size = field<std::uint16_t>(8);
        header.protect_tlv_size = field<std::uint16_t>(10);
        header.img_size = field<std::uint32_t>(12);
        header.flags = field<std::uint32_t>(16);
        header.version.major = m_data[20];
        header.version.minor = m_data[21];
        header.version.revision = field<std::uint16_t>(22);
        header.version.build = field<std::uint32_t>(24);
        if (header.magic == k_image_magic_v1 || big == k_image_magic_v1) {
            error(0,
                  "this is an image of MCUboot's old format (magic 0x96f3b83c), which "
                  "current MCUboot does not boot");
        } else if (header.magic != k_image_magic) {
            // Read on, as far as the fields allow, so `info` can show what the file holds.
            error(0, fmt::format("no MCUboot image magic: found 0x{:08x}, expected 0x{:08x}",
                                 little, k_image_magic));
        }
        if (header.hdr_size < k_header_size) {
            error(8, fmt::format("the header size {} is smaller than the {}-byte header",
                                 header.hdr_size, k_header_size));
            return false;
        }
        return true;
    }

    bool check_body() {
        const Header& header = m_image.header;
        const std::uint64_t end = std::uint64_t{header.hdr_size} + header.img_size;
        if (header.hdr_size > m_data.size()) {
            error(8, fmt::format("the header size {} runs past the end of the file ({} bytes)",
                                 header.hdr_size, m_data.size()));
            return false;
        }
        if (end > m_data.size()) {
            error(12, fmt::format("the image body ({} bytes after a {}-byte header) ends at "
                                  "offset {}, past the end of the file ({} bytes)",
                                  header.img_size, header.hdr_size, end, m_data.size()));
            return false;
        }
        return true;
    }

    // Reads the TLV info header at `offset` and walks its entries, which must fill the
    // area exactly: a length that points past the area or leaves a gap is an error, since a
    // bootloader walking the same entries would read something else than a signer wrote.
    std::optional<TlvArea> read_area(std::size_t offset, std::uint16_t magic, const char* what,
                                     std::optional<std::uint16_t> expected_total = std::nullopt) {
        if (!util::sub_span(m_data, offset, k_tlv_info_size)) {
            error(offset, fmt::format("the file ends at offset {}, where the {} should begin",
                                      m_data.size(), what));
            return std::nullopt;
        }
        TlvArea area;
        area.offset = offset;
        area.magic = field<std::uint16_t>(offset);
        area.total = field<std::uint16_t>(offset + 2);
        if (area.magic != magic) {
            error(offset, fmt::format("the {} has magic 0x{:04x}, expected 0x{:04x}", what,
                                      area.magic, magic));
            return std::nullopt;
        }
        // The header's count is what a bootloader trusts to find the TLV area after it.
        if (expected_total && area.total != *expected_total) {
            error(offset + 2, fmt::format("the {} says it is {} bytes, the header says {}", what,
                                          area.total, *expected_total));
            return std::nullopt;
        }
        if (area.total < k_tlv_info_size) {
            error(offset + 2, fmt::format("the {} says it is {} bytes, less than its own "
                                          "{}-byte header",
                                          what, area.total, k_tlv_info_size));
            return std::nullopt;
        }
        const std::size_t end = offset + area.total;
        if (end > m_data.size()) {
            error(offset + 2, fmt::format("the {} says it is {} bytes and so ends at offset {}, "
                                          "past the end of the file ({} bytes)",
                                          what, area.total, end, m_data.size()));
            return std::nullopt;
        }
        std::size_t at = offset + k_tlv_info_size;
        while (at < end) {
            if (end - at < k_tlv_entry_size) {
                error(at, fmt::format("{} bytes left at the end of the {}, too few for a TLV "
                                      "entry",
                                      end - at, what));
                return std::nullopt;
            }
            Tlv tlv;
            tlv.offset = at;
            tlv.type = field<std::uint16_t>(at);
            tlv.length = field<std::uint16_t>(at + 2);
            const std::optional<Bytes> value =
                util::sub_span(m_data.first(end), at + k_tlv_entry_size, tlv.length);
            if (!value) {
                error(at + 2, fmt::format("the {} TLV (type 0x{:02x}) at offset {} is {} bytes "
                                          "long and runs past the end of the {} at offset {}",
                                          tlv_name(tlv.type), tlv.type, at, tlv.length, what, end));
                return std::nullopt;
            }
            tlv.value.assign(value->begin(), value->end());
            at += k_tlv_entry_size + tlv.length;
            area.entries.push_back(std::move(tlv));
        }
        return area;
    }

    // What follows the TLVs: nothing, or padding up to a slot's end with the boot trailer.
    void read_trailer() {
        const bool areas_read = m_image.errors.empty();
        const std::size_t rest = m_data.size() - std::min(m_image.end_of_tlvs, m_data.size());
        if (rest == 0 || (!areas_read && rest < k_boot_magic_size)) {
            return;
        }
        if (rest < k_boot_magic_size) {
            m_image.warnings.push_back(
                {m_image.end_of_tlvs,
                 fmt::format("{} bytes follow the TLV area: too few for a boot trailer", rest)});
            return;
        }
        const std::size_t magic_offset = m_data.size() - k_boot_magic_size;
        const Bytes magic = m_data.subspan(magic_offset);
        Trailer trailer;
        trailer.magic_offset = magic_offset;
        trailer.magic.assign(magic.begin(), magic.end());
        if (std::equal(magic.begin(), magic.end(), k_boot_magic.begin())) {
            trailer.max_align = 8;
        } else if (std::equal(magic.begin() + 2, magic.end(), k_boot_magic_aligned_tail.begin())) {
            trailer.max_align = *util::read_uint<std::uint16_t>(magic, 0, m_image.endian);
        } else {
            if (areas_read) {
                m_image.warnings.push_back(
                    {magic_offset,
                     "the bytes after the TLV area do not end with a boot trailer "
                     "magic: padding without a valid trailer"});
            }
            return;
        }
        read_trailer_flags(trailer, rest);
        m_image.trailer = std::move(trailer);
    }

    // Below the magic (rounded up to the alignment) come image_ok, copy_done, swap_info and
    // swap_size, one alignment unit each.
    void read_trailer_flags(Trailer& trailer, std::size_t rest) {
        const std::size_t align = trailer.max_align;
        if (align == 0 || align > 64 || (align & (align - 1)) != 0) {
            m_image.warnings.push_back(
                {trailer.magic_offset,
                 fmt::format("the trailer magic gives an alignment of {}, not a power of two "
                             "up to 64",
                             align)});
            trailer.flags_unread = fmt::format("the trailer's alignment {} is invalid", align);
            return;
        }
        const std::size_t magic_area = (k_boot_magic_size + align - 1) / align * align;
        if (rest < magic_area + 4 * align) {
            // An overwrite-only trailer, or padding too short for the flags.
            trailer.flags_unread =
                fmt::format("the {} bytes after the TLV area are too few to hold them", rest);
            return;
        }
        trailer.flags_read = true;
        const std::size_t end = m_data.size();
        trailer.image_ok = m_data[end - magic_area - align];
        trailer.copy_done = m_data[end - magic_area - 2 * align];
        trailer.swap_info = m_data[end - magic_area - 3 * align];
        trailer.swap_size = field<std::uint32_t>(end - magic_area - 4 * align);
    }

    Image& m_image;
    Bytes m_data;
};

}  // namespace

Image parse_image(std::vector<std::uint8_t> bytes) {
    Image image;
    image.bytes = std::move(bytes);
    Parser(image).run();
    return image;
}

}  // namespace iotconform::mcuboot
