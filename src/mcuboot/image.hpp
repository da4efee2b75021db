// Parsing an MCUboot image from its bytes, in either byte order, with every length and
// offset checked against the file. A malformed image yields what could be read plus the
// problems, each with its offset; nothing from the file is trusted unchecked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mcuboot/format.hpp"
#include "util/byte_reader.hpp"

namespace iotconform::mcuboot {

struct Header {
    std::uint32_t magic = 0;
    std::uint32_t load_addr = 0;
    std::uint16_t hdr_size = 0;
    std::uint16_t protect_tlv_size = 0;
    std::uint32_t img_size = 0;
    std::uint32_t flags = 0;
    Version version;
};

struct Tlv {
    std::uint16_t type = 0;
    std::uint16_t length = 0;
    std::size_t offset = 0;  // of the entry's 4-byte header in the file
    std::vector<std::uint8_t> value;

    std::size_t value_offset() const { return offset + k_tlv_entry_size; }
};

struct TlvArea {
    std::size_t offset = 0;  // of the info header
    std::uint16_t magic = 0;
    std::uint16_t total = 0;  // as the info header gives it, header included
    std::vector<Tlv> entries;
};

// The boot trailer at the end of a padded image (bootutil's image_ok, copy_done, ...).
struct Trailer {
    std::size_t magic_offset = 0;
    std::vector<std::uint8_t> magic;
    std::size_t max_align = 8;  // from the magic: 8 for the classic one
    std::uint8_t image_ok = 0xff;
    std::uint8_t copy_done = 0xff;
    std::uint8_t swap_info = 0xff;
    std::uint32_t swap_size = 0xffffffff;
    // image_ok, copy_done, swap_info and swap_size were read from the file; when not (an
    // invalid alignment, or too little padding to hold them), why, and the four fields
    // above keep their defaults and mean nothing.
    bool flags_read = false;
    std::string flags_unread;
};

struct Problem {
    std::size_t offset = 0;
    std::string message;
};

struct Image {
    std::vector<std::uint8_t> bytes;  // the whole file (binary, or decoded from Intel HEX)
    std::optional<std::uint32_t> base_address;  // where an Intel HEX file placed it
    util::Endian endian = util::Endian::little;
    Header header;
    std::optional<TlvArea> protected_area;  // only when the header announces one
    std::optional<TlvArea> area;            // the unprotected TLV area
    std::optional<Trailer> trailer;
    // Offset just past the TLV areas as far as they could be read.
    std::size_t end_of_tlvs = 0;

    std::vector<Problem> errors;    // the image is malformed: it cannot verify
    std::vector<Problem> warnings;  // odd but not fatal: bytes after the TLVs, ...

    // The bytes the image hash covers: header, body and protected TLV area.
    std::size_t hashed_size() const;
    // The first TLV of `type` in the protected (`prot`) or unprotected area, or null.
    const Tlv* find(std::uint16_t type, bool prot = false) const;
    // All TLVs of both areas, protected first.
    std::vector<const Tlv*> all_tlvs() const;
    bool encrypted() const;
};

// Reads an image from its bytes. Never fails outright: problems go to `errors`.
Image parse_image(std::vector<std::uint8_t> bytes);

// Decodes an Intel HEX file (record types 00, 01, 02, 04, 05) into one contiguous image;
// gaps are filled with 0xff. Errors name the line.
struct HexDecode {
    std::vector<std::uint8_t> bytes;
    std::uint32_t base_address = 0;
    std::string error;  // empty on success
};
HexDecode decode_intel_hex(std::string_view text);

// Encodes `bytes` as Intel HEX at `address` (32-byte records, extended linear address
// records as needed, an end-of-file record).
std::string encode_intel_hex(util::Bytes bytes, std::uint32_t address);

// True when `text` looks like Intel HEX rather than a binary image.
bool looks_like_intel_hex(std::string_view text);

}  // namespace iotconform::mcuboot
