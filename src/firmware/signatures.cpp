// Container signatures and the carving scan.
#include "firmware/signatures.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace iotconform::firmware::detail {

namespace {

using util::Endian;

// Bytes needed to judge any signature: a tar header is the longest (512).
constexpr std::size_t k_header_bytes = 512;

// The carving scan reads the input in windows of this size, overlapping by a header.
constexpr std::size_t k_scan_window = 1024 * 1024;

// SquashFS superblock fields (all little-endian in 4.0).
constexpr std::size_t k_sq_block_size = 12;
constexpr std::size_t k_sq_compression = 20;
constexpr std::size_t k_sq_block_log = 22;
constexpr std::size_t k_sq_version_major = 28;
constexpr std::size_t k_sq_version_minor = 30;
constexpr std::size_t k_sq_bytes_used = 40;
constexpr std::size_t k_sq_superblock_size = 96;

// Where the ustar magic sits in a tar header, and its checksum field.
constexpr std::size_t k_tar_magic = 257;
constexpr std::size_t k_tar_checksum = 148;

util::Bytes bytes_of(const std::string& text) {
    return util::as_bytes(text);
}

bool starts_with(const std::string& header, std::string_view magic) {
    return std::string_view(header).substr(0, magic.size()) == magic;
}

std::optional<std::uint64_t> checked_squashfs_size(const std::string& header) {
    const util::Bytes data = bytes_of(header);
    const auto major = util::read_uint<std::uint16_t>(data, k_sq_version_major, Endian::little);
    const auto minor = util::read_uint<std::uint16_t>(data, k_sq_version_minor, Endian::little);
    const auto block = util::read_uint<std::uint32_t>(data, k_sq_block_size, Endian::little);
    const auto block_log = util::read_uint<std::uint16_t>(data, k_sq_block_log, Endian::little);
    const auto compression = util::read_uint<std::uint16_t>(data, k_sq_compression, Endian::little);
    const auto used = util::read_uint<std::uint64_t>(data, k_sq_bytes_used, Endian::little);
    if (!major || !minor || !block || !block_log || !compression || !used) {
        return std::nullopt;
    }
    const bool block_ok = *block >= 4096 && *block <= 1024 * 1024 && (*block & (*block - 1)) == 0 &&
                          (1U << *block_log) == *block;
    if (*major != 4 || *minor != 0 || !block_ok || *compression < 1 || *compression > 6 ||
        *used < k_sq_superblock_size) {
        return std::nullopt;
    }
    return *used;
}

// SquashFS 1.0 to 3.x (either byte order) and big-endian 4.0 keep the major version at
// the same place; libsquashfs reads only little-endian 4.0.
bool is_other_squashfs(const std::string& header) {
    const Endian endian = starts_with(header, "sqsh") ? Endian::big : Endian::little;
    const auto major = util::read_uint<std::uint16_t>(bytes_of(header), k_sq_version_major, endian);
    return major && *major >= 1 && *major <= 4 && !(endian == Endian::little && *major == 4);
}

Signature squashfs_signature(const std::string& header) {
    if (starts_with(header, "hsqs") && checked_squashfs_size(header)) {
        return {ContainerKind::squashfs, "squashfs"};
    }
    if ((starts_with(header, "hsqs") || starts_with(header, "sqsh")) && is_other_squashfs(header)) {
        return {ContainerKind::squashfs_unsupported, "squashfs"};
    }
    return {};
}

// Flags without reserved bits, a known extra-flags value and operating system.
bool is_gzip(const std::string& header) {
    if (header.size() < 10 || !starts_with(header, std::string_view("\x1f\x8b\x08", 3))) {
        return false;
    }
    const auto flags = static_cast<unsigned char>(header[3]);
    const auto extra = static_cast<unsigned char>(header[8]);
    const auto os = static_cast<unsigned char>(header[9]);
    return (flags & 0xe0) == 0 && (extra == 0 || extra == 2 || extra == 4) &&
           (os <= 13 || os == 255);
}

// The stream flags are covered by a CRC32 in the header.
bool is_xz(const std::string& header) {
    if (header.size() < 12 || !starts_with(header, std::string_view("\xfd"
                                                                    "7zXZ\0",
                                                                    6))) {
        return false;
    }
    const auto check = static_cast<unsigned char>(header[7]);
    if (header[6] != 0 || (check != 0 && check != 1 && check != 4 && check != 10)) {
        return false;
    }
    const auto stored = util::read_uint<std::uint32_t>(bytes_of(header), 8, Endian::little);
    const auto computed = crc32(0, reinterpret_cast<const Bytef*>(header.data() + 6), 2);
    return stored && *stored == computed;
}

bool is_bzip2(const std::string& header) {
    if (header.size() < 10 || !starts_with(header, "BZh") || header[3] < '1' || header[3] > '9') {
        return false;
    }
    const std::string_view block = std::string_view(header).substr(4, 6);
    return block == std::string_view("\x31\x41\x59\x26\x53\x59", 6) ||
           block == std::string_view("\x17\x72\x45\x38\x50\x90", 6);
}

// The frame header descriptor has a reserved bit that must be clear.
bool is_zstd(const std::string& header) {
    return header.size() >= 5 && starts_with(header, std::string_view("\x28\xb5\x2f\xfd", 4)) &&
           (static_cast<unsigned char>(header[4]) & 0x08) == 0;
}

bool is_lz4(const std::string& header) {
    return header.size() >= 5 && starts_with(header, std::string_view("\x04\x22\x4d\x18", 4)) &&
           (static_cast<unsigned char>(header[4]) & 0xc0) == 0x40;  // frame version 01
}

bool is_zip(const std::string& header) {
    if (header.size() < 30 || !starts_with(header, std::string_view("PK\x03\x04", 4))) {
        return false;
    }
    const util::Bytes data = bytes_of(header);
    const auto version = util::read_uint<std::uint16_t>(data, 4, Endian::little);
    const auto method = util::read_uint<std::uint16_t>(data, 8, Endian::little);
    const auto name_size = util::read_uint<std::uint16_t>(data, 26, Endian::little);
    constexpr std::array<std::uint16_t, 9> k_methods = {0, 8, 9, 12, 14, 93, 95, 98, 99};
    return *version <= 100 &&
           std::find(k_methods.begin(), k_methods.end(), *method) != k_methods.end() &&
           *name_size >= 1 && *name_size <= 4096;
}

bool all_of_digits(std::string_view text, std::string_view digits) {
    return !text.empty() && text.find_first_not_of(digits) == std::string_view::npos;
}

// newc and crc ("070701", "070702": 13 hexadecimal fields of 8) and odc ("070707": octal).
bool is_cpio(const std::string& header) {
    const std::string_view text(header);
    if (starts_with(header, "070701") || starts_with(header, "070702")) {
        if (text.size() < 110 || !all_of_digits(text.substr(6, 104), "0123456789abcdefABCDEF")) {
            return false;
        }
        const unsigned long name_size = std::stoul(std::string(text.substr(94, 8)), nullptr, 16);
        return name_size >= 1 && name_size <= 4096;
    }
    return starts_with(header, "070707") && text.size() >= 76 &&
           all_of_digits(text.substr(6, 70), "01234567");
}

// ustar (POSIX "ustar\0", GNU "ustar  \0") with a header checksum that adds up.
bool is_tar(const std::string& header) {
    if (header.size() < k_header_bytes) {
        return false;
    }
    const std::string_view magic = std::string_view(header).substr(k_tar_magic, 6);
    if (magic != std::string_view("ustar\0", 6) && magic != "ustar ") {
        return false;
    }
    unsigned long stored = 0;
    bool digits = false;
    for (std::size_t i = k_tar_checksum; i < k_tar_checksum + 8; ++i) {
        const char c = header[i];
        if (c >= '0' && c <= '7') {
            stored = stored * 8 + static_cast<unsigned long>(c - '0');
            digits = true;
        } else if (c != ' ' && c != '\0') {
            return false;
        }
    }
    unsigned long sum = 0;
    for (std::size_t i = 0; i < k_header_bytes; ++i) {
        const bool in_field = i >= k_tar_checksum && i < k_tar_checksum + 8;
        sum += in_field ? ' ' : static_cast<unsigned char>(header[i]);
    }
    return digits && sum == stored;
}

Signature identify_header(const std::string& header) {
    if (const Signature squashfs = squashfs_signature(header);
        squashfs.kind != ContainerKind::none) {
        return squashfs;
    }
    struct Check {
        bool (*test)(const std::string&);
        Signature signature;
    };
    static const std::array<Check, 9> k_checks = {{
        {is_tar, {ContainerKind::archive, "tar"}},
        {is_cpio, {ContainerKind::archive, "cpio"}},
        {is_zip, {ContainerKind::archive, "zip"}},
        {is_gzip, {ContainerKind::compressed, "gzip"}},
        {is_xz, {ContainerKind::compressed, "xz"}},
        {is_bzip2, {ContainerKind::compressed, "bzip2"}},
        {is_zstd, {ContainerKind::compressed, "zstd"}},
        {is_lz4, {ContainerKind::compressed, "lz4"}},
        {[](const std::string& h) { return starts_with(h, std::string_view("PK\x05\x06", 4)); },
         {ContainerKind::archive, "zip"}},
    }};
    for (const Check& check : k_checks) {
        if (check.test(header)) {
            return check.signature;
        }
    }
    return {};
}

// Whether a carved signature's magic starts at `at` of `window`: a cheap test before the
// full check, which reads the header again. The tar magic is looked for at +257.
bool has_magic(const std::vector<std::uint8_t>& window, std::size_t at) {
    static constexpr std::array<std::string_view, 8> k_magics = {
        "hsqs",
        "sqsh",
        std::string_view("\x1f\x8b\x08", 3),
        std::string_view("\xfd"
                         "7zXZ",
                         5),
        "BZh",
        std::string_view("\x28\xb5\x2f\xfd", 4),
        std::string_view("PK\x03\x04", 4),
        "0707"};
    const auto matches = [&](std::size_t position, std::string_view magic) {
        return position + magic.size() <= window.size() &&
               std::equal(magic.begin(), magic.end(),
                          window.begin() + static_cast<std::ptrdiff_t>(position),
                          [](char m, std::uint8_t b) { return static_cast<std::uint8_t>(m) == b; });
    };
    const std::uint8_t first = window[at];
    const bool maybe_tar = at + k_tar_magic < window.size() && window[at + k_tar_magic] == 'u';
    if (!maybe_tar && first != 'h' && first != 's' && first != 0x1f && first != 0xfd &&
        first != 'B' && first != 0x28 && first != 'P' && first != '0') {
        return false;
    }
    if (maybe_tar && matches(at + k_tar_magic, "ustar")) {
        return true;
    }
    return std::any_of(k_magics.begin(), k_magics.end(),
                       [&](std::string_view magic) { return matches(at, magic); });
}

bool is_carvable(const Signature& signature) {
    return signature.kind != ContainerKind::none && signature.format != "lz4";
}

}  // namespace

Signature identify(const Source& source, std::uint64_t offset) {
    return identify_header(read_prefix(source, offset, k_header_bytes));
}

std::optional<std::uint64_t> squashfs_size(const Source& source, std::uint64_t offset) {
    const std::string header = read_prefix(source, offset, k_sq_superblock_size);
    return starts_with(header, "hsqs") ? checked_squashfs_size(header) : std::nullopt;
}

std::optional<Candidate> SignatureScanner::find_next(std::uint64_t from) {
    while (from < m_source.size()) {
        // The window holds k_scan_window positions and the header bytes after the last.
        const bool inside =
            !m_window.empty() && from >= m_window_start &&
            from - m_window_start < std::min<std::size_t>(k_scan_window, m_window.size());
        if (!inside) {
            const std::uint64_t length =
                std::min<std::uint64_t>(k_scan_window + k_header_bytes, m_source.size() - from);
            m_window.resize(static_cast<std::size_t>(length));
            m_window_start = from;
            if (!m_source.read_at(from, m_window.data(), m_window.size())) {
                m_window.clear();
                return std::nullopt;
            }
        }
        const std::size_t positions = std::min<std::size_t>(k_scan_window, m_window.size());
        for (auto i = static_cast<std::size_t>(from - m_window_start); i < positions; ++i) {
            if (!has_magic(m_window, i)) {
                continue;
            }
            const Signature signature = identify(m_source, m_window_start + i);
            if (is_carvable(signature)) {
                return Candidate{m_window_start + i, signature};
            }
        }
        from = m_window_start + positions;
    }
    return std::nullopt;
}

}  // namespace iotconform::firmware::detail
