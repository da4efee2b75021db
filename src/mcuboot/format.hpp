// The MCUboot image format: header, TLV areas and trailer, as MCUboot's bootutil reads them
// (boot/bootutil/include/bootutil/image.h and the trailer layout of bootutil_public.h).
// Constants and names only; parsing is in image.hpp, building in sign.hpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iotconform::mcuboot {

inline constexpr std::uint32_t k_image_magic = 0x96f3b83d;
// The magic of the format before version 1 of the header; MCUboot no longer boots it.
inline constexpr std::uint32_t k_image_magic_v1 = 0x96f3b83c;
inline constexpr std::uint16_t k_tlv_info_magic = 0x6907;
inline constexpr std::uint16_t k_tlv_prot_info_magic = 0x6908;
inline constexpr std::size_t k_header_size = 32;
inline constexpr std::size_t k_tlv_info_size = 4;   // magic, total length
inline constexpr std::size_t k_tlv_entry_size = 4;  // type, length

// Header flags (ih_flags).
enum Flag : std::uint32_t {
    k_flag_pic = 0x01,
    k_flag_encrypted_aes128 = 0x04,
    k_flag_encrypted_aes256 = 0x08,
    k_flag_non_bootable = 0x10,
    k_flag_ram_load = 0x20,
    k_flag_rom_fixed = 0x100,
    k_flag_compressed_lzma1 = 0x200,
    k_flag_compressed_lzma2 = 0x400,
    k_flag_compressed_arm_thumb = 0x800,
};

// TLV types MCUboot defines.
enum TlvType : std::uint16_t {
    k_tlv_keyhash = 0x01,
    k_tlv_pubkey = 0x02,
    k_tlv_sha256 = 0x10,
    k_tlv_sha384 = 0x11,
    k_tlv_sha512 = 0x12,
    k_tlv_rsa2048_pss = 0x20,
    k_tlv_ecdsa224 = 0x21,
    k_tlv_ecdsa_sig = 0x22,
    k_tlv_rsa3072_pss = 0x23,
    k_tlv_ed25519 = 0x24,
    k_tlv_sig_pure = 0x25,
    k_tlv_enc_rsa2048 = 0x30,
    k_tlv_enc_kw = 0x31,
    k_tlv_enc_ec256 = 0x32,
    k_tlv_enc_x25519 = 0x33,
    k_tlv_enc_x25519_sha512 = 0x34,
    k_tlv_dependency = 0x40,
    k_tlv_sec_cnt = 0x50,
    k_tlv_boot_record = 0x60,
    k_tlv_decomp_size = 0x70,
    k_tlv_decomp_sha = 0x71,
    k_tlv_decomp_signature = 0x72,
    k_tlv_comp_dec_size = 0x73,
    k_tlv_uuid_vid = 0x80,
    k_tlv_uuid_cid = 0x81,
};
inline constexpr std::uint16_t k_tlv_vendor_min = 0xa000;
inline constexpr std::uint16_t k_tlv_vendor_max = 0xfffe;

// The name imgtool prints for a TLV type ("SHA256", "ECDSASIG"), "VENDOR" for the vendor
// range, "UNKNOWN" otherwise.
std::string_view tlv_name(std::uint16_t type);

// The names of the flags set in `flags` ("ENCRYPTED_AES128", ...), unknown bits as hex.
std::vector<std::string> flag_names(std::uint32_t flags);

// Image version: major.minor.revision+build.
struct Version {
    std::uint8_t major = 0;
    std::uint8_t minor = 0;
    std::uint16_t revision = 0;
    std::uint32_t build = 0;

    bool operator==(const Version&) const = default;
};

// "1.2.3+4".
std::string to_string(const Version& version);

// Parses "maj.min.rev+build" with later parts optional ("1", "1.2", "1.2.3"), decimal
// without leading zeros; nullopt when malformed or a part is out of range.
std::optional<Version> parse_version(std::string_view text);

// The security counter `-s auto` derives from a version: major, minor and revision.
std::uint32_t security_counter_of(const Version& version);

// Hash algorithms of the image hash TLV.
enum class HashKind { sha256, sha384, sha512 };
std::size_t digest_size(HashKind kind);
std::uint16_t hash_tlv_type(HashKind kind);
std::optional<HashKind> hash_kind_of_tlv(std::uint16_t type);
std::string_view to_string(HashKind kind);  // "SHA256", ...

// The boot trailer's magic: the classic 16 bytes, or, when the maximum write alignment is
// above 8, that alignment as 2 bytes followed by 14 fixed bytes.
inline constexpr std::array<std::uint8_t, 16> k_boot_magic = {
    0x77, 0xc2, 0x95, 0xf3, 0x60, 0xd2, 0xef, 0x7f, 0x35, 0x52, 0x50, 0x0f, 0x2c, 0xb6, 0x79, 0x80};
inline constexpr std::array<std::uint8_t, 14> k_boot_magic_aligned_tail = {
    0x2d, 0xe1, 0x5d, 0x29, 0x41, 0x0b, 0x8d, 0x77, 0x67, 0x9c, 0x11, 0x0f, 0x1f, 0x8a};
inline constexpr std::size_t k_boot_magic_size = 16;

}  // namespace iotconform::mcuboot
