// Image building, step by step in the order the bytes are laid out.
#include "mcuboot/sign.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "util/text.hpp"

namespace iotconform::mcuboot {

using util::append_uint;

std::optional<std::uint64_t> parse_integer(std::string_view text) {
    text = util::trim(text);
    int base = 10;
    if (text.size() > 2 && text[0] == '0') {
        const char prefix = static_cast<char>(text[1] | 0x20);
        base = prefix == 'x' ? 16 : prefix == 'o' ? 8 : prefix == 'b' ? 2 : 10;
        if (base != 10) {
            text.remove_prefix(2);
        }
    }
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<std::vector<Dependency>> parse_dependencies(std::string_view text) {
    std::vector<Dependency> found;
    text = util::trim(text);
    while (!text.empty()) {
        if (text.front() != '(') {
            return std::nullopt;
        }
        const std::size_t close = text.find(')');
        if (close == std::string_view::npos) {
            return std::nullopt;
        }
        const std::string_view inside = text.substr(1, close - 1);
        const std::size_t comma = inside.find(',');
        if (comma == std::string_view::npos) {
            return std::nullopt;
        }
        const std::optional<std::uint64_t> id = parse_integer(inside.substr(0, comma));
        const std::optional<Version> version = parse_version(util::trim(inside.substr(comma + 1)));
        if (!id || *id > 0xff || !version) {
            return std::nullopt;
        }
        found.push_back({static_cast<std::uint8_t>(*id), *version});
        text = util::trim(text.substr(close + 1));
        if (!text.empty()) {
            if (text.front() != ',') {
                return std::nullopt;
            }
            text = util::trim(text.substr(1));
            if (text.empty()) {
                return std::nullopt;  // a trailing comma: a dependency left out
            }
        }
    }
    if (found.empty()) {
        return std::nullopt;
    }
    return found;
}

std::string signing_key_problem(const Key& key) {
    const KeyKind kind = key.kind();
    const bool supported = kind == KeyKind::ecdsa_p256 || kind == KeyKind::ecdsa_p384 ||
                           kind == KeyKind::ed25519 ||
                           (kind == KeyKind::rsa && (key.bits() == 2048 || key.bits() == 3072));
    if (supported) {
        return {};
    }
    return fmt::format(
        "the key type {} is not supported for signing MCUboot images: use ECDSA P-256 or "
        "P-384, RSA-2048 or RSA-3072, or Ed25519",
        key.describe());
}

std::string key_pair_problem(const Key& signer, const Key& recipient) {
    const KeyKind kind = signer.kind();
    const bool ecdsa = kind == KeyKind::ecdsa_p256 || kind == KeyKind::ecdsa_p384;
    const KeyKind wanted = ecdsa                      ? KeyKind::ecdsa_p256
                           : kind == KeyKind::rsa     ? KeyKind::rsa
                           : kind == KeyKind::ed25519 ? KeyKind::x25519
                                                      : KeyKind::other;
    if (recipient.kind() == wanted) {
        return {};
    }
    const char* needed = ecdsa                  ? "an EC P-256 key (ECIES-P256)"
                         : kind == KeyKind::rsa ? "an RSA key (RSA-OAEP)"
                                                : "an X25519 key (ECIES-X25519)";
    return fmt::format(
        "signing and encryption must use the same type of key: an {} signing key needs {} "
        "to encrypt for, not an {} key (or give an AES key-wrap key, which goes with any "
        "signing key)",
        signer.describe(), needed, recipient.describe());
}

namespace {

std::size_t align_up(std::size_t value, std::size_t alignment) {
    return (value + alignment - 1) / alignment * alignment;
}

std::uint32_t max_align_of(const SignOptions& options) {
    return options.max_align.value_or(std::max<std::uint32_t>(8, options.align));
}

std::vector<std::uint8_t> boot_magic(const SignOptions& options) {
    const std::uint32_t max_align = max_align_of(options);
    if (max_align <= 8) {
        return {k_boot_magic.begin(), k_boot_magic.end()};
    }
    std::vector<std::uint8_t> magic;
    append_uint(magic, static_cast<std::uint16_t>(max_align), options.endian);
    magic.insert(magic.end(), k_boot_magic_aligned_tail.begin(), k_boot_magic_aligned_tail.end());
    return magic;
}

class TlvWriter {
  public:
    TlvWriter(std::uint16_t magic, util::Endian endian) : m_magic(magic), m_endian(endian) {}

    void add(std::uint16_t type, const std::vector<std::uint8_t>& value) {
        append_uint(m_entries, type, m_endian);
        append_uint(m_entries, static_cast<std::uint16_t>(value.size()), m_endian);
        m_entries.insert(m_entries.end(), value.begin(), value.end());
    }

    bool empty() const { return m_entries.empty(); }
    std::size_t size() const { return m_entries.empty() ? 0 : k_tlv_info_size + m_entries.size(); }

    std::vector<std::uint8_t> bytes() const {
        std::vector<std::uint8_t> out;
        append_uint(out, m_magic, m_endian);
        append_uint(out, static_cast<std::uint16_t>(size()), m_endian);
        out.insert(out.end(), m_entries.begin(), m_entries.end());
        return out;
    }

  private:
    std::uint16_t m_magic;
    util::Endian m_endian;
    std::vector<std::uint8_t> m_entries;
};

std::string check_options(const SignOptions& options, HashKind hash) {
    static constexpr std::uint32_t k_aligns[] = {1, 2, 4, 8, 16, 32};
    if (options.header_size < k_header_size) {
        return fmt::format("the header size {} is below the minimum of {}", options.header_size,
                           k_header_size);
    }
    if (std::find(std::begin(k_aligns), std::end(k_aligns), options.align) == std::end(k_aligns)) {
        return fmt::format("--align {} is not one of 1, 2, 4, 8, 16, 32", options.align);
    }
    if (options.max_align && *options.max_align != 8 && *options.max_align != 16 &&
        *options.max_align != 32) {
        return fmt::format("--max-align {} is not one of 8, 16, 32", *options.max_align);
    }
    if (options.erased_val != 0 && options.erased_val != 0xff) {
        return fmt::format("--erased-val 0x{:x} is neither 0 nor 0xff", options.erased_val);
    }
    if (options.key) {
        if (!options.key->has_private()) {
            return "the signing key is a public key: signing needs the private key";
        }
        const KeyKind kind = options.key->kind();
        const bool fits =
            (kind == KeyKind::ecdsa_p256 && hash == HashKind::sha256) ||
            (kind == KeyKind::ecdsa_p384 && hash == HashKind::sha384) ||
            (kind == KeyKind::rsa && hash == HashKind::sha256) ||
            (kind == KeyKind::ed25519 && (hash == HashKind::sha256 || hash == HashKind::sha512));
        if (std::string problem = signing_key_problem(*options.key); !problem.empty()) {
            return problem;
        }
        if (!fits) {
            return fmt::format("a {} key cannot be used with {}", options.key->describe(),
                               to_string(hash));
        }
        if (options.encrypt_key) {
            return key_pair_problem(*options.key, *options.encrypt_key);
        }
    }
    return {};
}

HashKind hash_for(const SignOptions& options) {
    if (options.sha) {
        return *options.sha;
    }
    return options.key && options.key->kind() == KeyKind::ecdsa_p384 ? HashKind::sha384
                                                                     : HashKind::sha256;
}

std::vector<std::uint8_t> header_bytes(const SignOptions& options, std::size_t img_size,
                                       std::size_t protected_size) {
    std::uint32_t flags = 0;
    if (options.encrypt_key || !options.encrypt_kw_key.empty()) {
        flags |=
            options.encrypt_key_bits == 256 ? k_flag_encrypted_aes256 : k_flag_encrypted_aes128;
    }
    if (options.non_bootable) {
        flags |= k_flag_non_bootable;
    }
    std::uint32_t load_addr = 0;
    if (options.load_addr) {
        flags |= k_flag_ram_load;
        load_addr = *options.load_addr;
    } else if (options.rom_fixed) {
        flags |= k_flag_rom_fixed;
        load_addr = *options.rom_fixed;
    }
    const util::Endian e = options.endian;
    std::vector<std::uint8_t> out;
    append_uint(out, k_image_magic, e);
    append_uint(out, load_addr, e);
    append_uint(out, static_cast<std::uint16_t>(options.header_size), e);
    append_uint(out, static_cast<std::uint16_t>(protected_size), e);
    append_uint(out, static_cast<std::uint32_t>(img_size), e);
    append_uint(out, flags, e);
    out.push_back(options.version.major);
    out.push_back(options.version.minor);
    append_uint(out, options.version.revision, e);
    append_uint(out, options.version.build, e);
    append_uint(out, std::uint32_t{0}, e);
    return out;
}

TlvWriter protected_tlvs(const SignOptions& options) {
    TlvWriter tlvs(k_tlv_prot_info_magic, options.endian);
    if (options.security_counter || options.security_counter_auto) {
        std::vector<std::uint8_t> value;
        append_uint(value,
                    options.security_counter_auto ? security_counter_of(options.version)
                                                  : *options.security_counter,
                    options.endian);
        tlvs.add(k_tlv_sec_cnt, value);
    }
    for (const Dependency& dependency : options.dependencies) {
        std::vector<std::uint8_t> value = {
            dependency.image_id,         0, 0, 0, dependency.min_version.major,
            dependency.min_version.minor};
        append_uint(value, dependency.min_version.revision, options.endian);
        append_uint(value, dependency.min_version.build, options.endian);
        tlvs.add(k_tlv_dependency, value);
    }
    for (const auto& [type, value] : options.custom_tlvs) {
        tlvs.add(type, value);
    }
    return tlvs;
}

std::vector<std::uint8_t> signature_of(const SignOptions& options, HashKind hash,
                                       const std::vector<std::uint8_t>& digest_bytes) {
    std::vector<std::uint8_t> signature = sign(*options.key, hash, digest_bytes);
    if (options.pad_sig) {
        // ECDSA signatures vary in length; padding makes the TLV area's size predictable.
        const std::size_t padded = options.key->kind() == KeyKind::ecdsa_p256   ? 72
                                   : options.key->kind() == KeyKind::ecdsa_p384 ? 103
                                                                                : 0;
        if (signature.size() < padded) {
            signature.resize(padded, 0);
        }
    }
    return signature;
}

void pad_to_slot(std::vector<std::uint8_t>& image, const SignOptions& options) {
    const std::vector<std::uint8_t> magic = boot_magic(options);
    image.resize(options.slot_size - magic.size(), options.erased_val);
    image.insert(image.end(), magic.begin(), magic.end());
    if (options.confirm && !options.overwrite_only) {
        const std::size_t max_align = max_align_of(options);
        const std::size_t magic_area = align_up(k_boot_magic_size, max_align);
        image[image.size() - magic_area - max_align] = 0x01;  // image_ok
    }
}

}  // namespace

std::size_t trailer_size(const SignOptions& options) {
    const std::size_t max_align = max_align_of(options);
    const std::size_t magic_area = align_up(k_boot_magic_size, max_align);
    if (options.overwrite_only) {
        return max_align * 2 + magic_area;
    }
    std::size_t size = std::size_t{options.max_sectors} * 3 * options.align;
    if (options.encrypt_key || !options.encrypt_kw_key.empty()) {
        size += align_up(options.encrypt_key_bits / 8, max_align) * 2;
    }
    return size + max_align * 4 + magic_area;
}

SignResult build_image(std::vector<std::uint8_t> payload, const SignOptions& options) {
    const HashKind hash = hash_for(options);
    if (std::string problem = check_options(options, hash); !problem.empty()) {
        return {{}, problem};
    }
    std::vector<std::uint8_t> image;
    if (options.pad_header) {
        image.assign(options.header_size, options.erased_val);
        image.insert(image.end(), payload.begin(), payload.end());
    } else {
        if (payload.size() < options.header_size ||
            std::any_of(payload.begin(), payload.begin() + options.header_size,
                        [](std::uint8_t b) { return b != 0; })) {
            return {{},
                    fmt::format("the payload does not start with {} zero bytes for the "
                                "header: give --pad-header to have room made for it",
                                options.header_size)};
        }
        image = std::move(payload);
    }
    const std::size_t img_size = image.size() - options.header_size;
    const TlvWriter prot = protected_tlvs(options);
    if (prot.size() > 0xffff || img_size > 0xffffffffULL) {
        return {{}, "the protected TLVs or the payload are too large for the header's fields"};
    }
    const std::vector<std::uint8_t> header = header_bytes(options, img_size, prot.size());
    std::copy(header.begin(), header.end(), image.begin());
    if (!prot.empty()) {
        const std::vector<std::uint8_t> bytes = prot.bytes();
        image.insert(image.end(), bytes.begin(), bytes.end());
    }

    const std::vector<std::uint8_t> image_digest = digest(hash, image);
    TlvWriter tlvs(k_tlv_info_magic, options.endian);
    tlvs.add(hash_tlv_type(hash), image_digest);
    if (options.key) {
        const std::vector<std::uint8_t> public_bytes = options.key->mcuboot_public_bytes();
        if (options.key_format == PublicKeyFormat::full) {
            tlvs.add(k_tlv_pubkey, public_bytes);
        } else {
            tlvs.add(k_tlv_keyhash, digest(hash, public_bytes));
        }
        tlvs.add(*signature_tlv_for(*options.key), signature_of(options, hash, image_digest));
    }
    if (options.encrypt_key || !options.encrypt_kw_key.empty()) {
        const std::vector<std::uint8_t> image_key = random_bytes(options.encrypt_key_bits / 8);
        const Wrapped wrapped =
            wrap_image_key(image_key, options.encrypt_key, options.encrypt_kw_key);
        if (!wrapped.error.empty()) {
            return {{}, wrapped.error};
        }
        tlvs.add(wrapped.tlv_type, wrapped.value);
        // The hash and signature cover the plain text; only the body is encrypted.
        const std::vector<std::uint8_t> cipher =
            aes_ctr(image_key, util::Bytes(image).subspan(options.header_size, img_size));
        std::copy(cipher.begin(), cipher.end(), image.begin() + options.header_size);
    }
    if (tlvs.size() > 0xffff) {
        return {{}, "the TLV area exceeds 65535 bytes"};
    }
    const std::vector<std::uint8_t> area = tlvs.bytes();
    image.insert(image.end(), area.begin(), area.end());

    const std::size_t trailer = trailer_size(options);
    if (image.size() + trailer > options.slot_size) {
        return {{},
                fmt::format("the image (0x{:x} bytes) and its trailer (0x{:x} bytes) do not "
                            "fit the slot size 0x{:x}",
                            image.size(), trailer, options.slot_size)};
    }
    if (options.pad || options.confirm) {
        pad_to_slot(image, options);
    }
    return {std::move(image), {}};
}

}  // namespace iotconform::mcuboot
