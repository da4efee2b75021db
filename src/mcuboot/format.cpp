// Names and small conversions of the MCUboot image format.
#include "mcuboot/format.hpp"

#include <fmt/format.h>

#include <charconv>
#include <limits>

namespace iotconform::mcuboot {

std::string_view tlv_name(std::uint16_t type) {
    switch (type) {
        case k_tlv_keyhash:
            return "KEYHASH";
        case k_tlv_pubkey:
            return "PUBKEY";
        case k_tlv_sha256:
            return "SHA256";
        case k_tlv_sha384:
            return "SHA384";
        case k_tlv_sha512:
            return "SHA512";
        case k_tlv_rsa2048_pss:
            return "RSA2048";
        case k_tlv_ecdsa224:
            return "ECDSA224";
        case k_tlv_ecdsa_sig:
            return "ECDSASIG";
        case k_tlv_rsa3072_pss:
            return "RSA3072";
        case k_tlv_ed25519:
            return "ED25519";
        case k_tlv_sig_pure:
            return "SIG_PURE";
        case k_tlv_enc_rsa2048:
            return "ENCRSA2048";
        case k_tlv_enc_kw:
            return "ENCKW";
        case k_tlv_enc_ec256:
            return "ENCEC256";
        case k_tlv_enc_x25519:
            return "ENCX25519";
        case k_tlv_enc_x25519_sha512:
            return "ENCX25519_SHA512";
        case k_tlv_dependency:
            return "DEPENDENCY";
        case k_tlv_sec_cnt:
            return "SEC_CNT";
        case k_tlv_boot_record:
            return "BOOT_RECORD";
        case k_tlv_decomp_size:
            return "DECOMP_SIZE";
        case k_tlv_decomp_sha:
            return "DECOMP_SHA";
        case k_tlv_decomp_signature:
            return "DECOMP_SIGNATURE";
        case k_tlv_comp_dec_size:
            return "COMP_DEC_SIZE";
        case k_tlv_uuid_vid:
            return "UUID_VID";
        case k_tlv_uuid_cid:
            return "UUID_CID";
        default:
            break;
    }
    return type >= k_tlv_vendor_min && type <= k_tlv_vendor_max ? "VENDOR" : "UNKNOWN";
}

std::vector<std::string> flag_names(std::uint32_t flags) {
    static constexpr std::pair<std::uint32_t, const char*> k_names[] = {
        {k_flag_pic, "PIC"},
        {k_flag_encrypted_aes128, "ENCRYPTED_AES128"},
        {k_flag_encrypted_aes256, "ENCRYPTED_AES256"},
        {k_flag_non_bootable, "NON_BOOTABLE"},
        {k_flag_ram_load, "RAM_LOAD"},
        {k_flag_rom_fixed, "ROM_FIXED"},
        {k_flag_compressed_lzma1, "COMPRESSED_LZMA1"},
        {k_flag_compressed_lzma2, "COMPRESSED_LZMA2"},
        {k_flag_compressed_arm_thumb, "COMPRESSED_ARM_THUMB"},
    };
    std::vector<std::string> names;
    std::uint32_t known = 0;
    for (const auto& [bit, name] : k_names) {
        known |= bit;
        if ((flags & bit) != 0) {
            names.emplace_back(name);
        }
    }
    if ((flags & ~known) != 0) {
        names.push_back(fmt::format("0x{:x}", flags & ~known));
    }
    return names;
}

std::string to_string(const Version& version) {
    return fmt::format("{}.{}.{}+{}", version.major, version.minor, version.revision,
                       version.build);
}

namespace {

// A decimal number without sign or leading zeros ("0" itself is fine), at most `max`.
std::optional<std::uint64_t> version_part(std::string_view text, std::uint64_t max) {
    if (text.empty() || (text.size() > 1 && text.front() == '0')) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value > max) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

std::optional<Version> parse_version(std::string_view text) {
    std::string_view numbers = text;
    std::optional<std::uint64_t> build = 0;
    if (const std::size_t plus = text.find('+'); plus != std::string_view::npos) {
        numbers = text.substr(0, plus);
        build = version_part(text.substr(plus + 1), std::numeric_limits<std::uint32_t>::max());
    }
    std::vector<std::string_view> parts;
    while (true) {
        const std::size_t dot = numbers.find('.');
        parts.push_back(numbers.substr(0, dot));
        if (dot == std::string_view::npos) {
            break;
        }
        numbers.remove_prefix(dot + 1);
    }
    // A build number needs the three parts before it, as imgtool's grammar has it.
    if (!build || parts.size() > 3 ||
        (text.find('+') != std::string_view::npos && parts.size() != 3)) {
        return std::nullopt;
    }
    const std::uint64_t limits[] = {0xff, 0xff, 0xffff};
    std::uint64_t values[3] = {0, 0, 0};
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::optional<std::uint64_t> value = version_part(parts[i], limits[i]);
        if (!value) {
            return std::nullopt;
        }
        values[i] = *value;
    }
    return Version{static_cast<std::uint8_t>(values[0]), static_cast<std::uint8_t>(values[1]),
                   static_cast<std::uint16_t>(values[2]), static_cast<std::uint32_t>(*build)};
}

std::uint32_t security_counter_of(const Version& version) {
    return (std::uint32_t{version.major} << 24) | (std::uint32_t{version.minor} << 16) |
           version.revision;
}

std::size_t digest_size(HashKind kind) {
    switch (kind) {
        case HashKind::sha256:
            return 32;
        case HashKind::sha384:
            return 48;
        case HashKind::sha512:
            return 64;
    }
    return 0;
}

std::uint16_t hash_tlv_type(HashKind kind) {
    switch (kind) {
        case HashKind::sha256:
            return k_tlv_sha256;
        case HashKind::sha384:
            return k_tlv_sha384;
        case HashKind::sha512:
            return k_tlv_sha512;
    }
    return 0;
}

std::optional<HashKind> hash_kind_of_tlv(std::uint16_t type) {
    switch (type) {
        case k_tlv_sha256:
            return HashKind::sha256;
        case k_tlv_sha384:
            return HashKind::sha384;
        case k_tlv_sha512:
            return HashKind::sha512;
        default:
            return std::nullopt;
    }
}

std::string_view to_string(HashKind kind) {
    switch (kind) {
        case HashKind::sha256:
            return "SHA256";
        case HashKind::sha384:
            return "SHA384";
        case HashKind::sha512:
            return "SHA512";
    }
    return "";
}

}  // namespace iotconform::mcuboot
