// The `image` commands: argument handling and output only; the work is in src/mcuboot/.
#include "cli/image_commands.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "mcuboot/describe.hpp"
#include "mcuboot/files.hpp"
#include "mcuboot/sign.hpp"
#include "mcuboot/verify.hpp"
#include "util/escape.hpp"
#include "util/fs.hpp"
#include "util/limits.hpp"
#include "util/text.hpp"

namespace iotconform::cli {

namespace fs = std::filesystem;
using namespace iotconform::mcuboot;

ImageCommands::ImageCommands(CLI::App& app) {
    m_image = app.add_subcommand(
        "image", "MCUboot update images: inspect, verify, sign (imgtool-compatible), keygen");
    m_image->require_subcommand(1);

    m_info = m_image->add_subcommand("info",
                                     "Show everything an image holds (like imgtool "
                                     "dumpinfo); exit 2 if it is malformed");
    m_info->add_option("image", m_file, "Image (binary or Intel HEX)")->required();
    m_info->add_flag("--json", m_json, "Print JSON");

    m_verify = m_image->add_subcommand(
        "verify", "Check hash, key and signature as a bootloader would (exit 0 verified, 1 not)");
    m_verify->add_option("image", m_file, "Image (binary or Intel HEX)")->required();
    m_verify->add_option("-k,--key", m_keys,
                         "Trusted signing key, PEM (public or private); "
                         "repeatable");
    m_verify->add_option("--decrypt-key", m_decrypt_key,
                         "Private encryption key (PEM), or AES key-wrap key (base64 file)");
    m_verify->add_flag("--json", m_json, "Print JSON");
    m_verify->add_flag("--strict", m_strict,
                       "Also fail (exit 1) unless a signature verifies with a key given by "
                       "--key that is not a published development key");

    SignArgs& a = m_sign_args;
    m_sign = m_image->add_subcommand("sign",
                                     "Make a signed image from a payload, with "
                                     "imgtool's options");
    m_sign->add_option("-k,--key", a.key, "Private signing key (PEM); none: unsigned");
    m_sign->add_option("--public-key-format", a.key_format, "hash or full")
        ->check(CLI::IsMember({"hash", "full"}));
    m_sign->add_option("-v,--version", a.version, "maj.min.rev+build")->required();
    m_sign->add_option("-H,--header-size", a.header_size, "Header size")->required();
    m_sign->add_flag("--pad-header", a.pad_header, "Add the header in front of the payload");
    m_sign->add_option("-S,--slot-size", a.slot_size, "Slot size")->required();
    m_sign->add_flag("--pad", a.pad, "Pad to the slot size and add the trailer");
    m_sign->add_flag("--confirm", a.confirm, "Pad and mark the image confirmed");
    m_sign->add_flag("--test", a.test, "Pad and add the trailer magic (test swap)");
    m_sign->add_flag("--overwrite-only", a.overwrite_only, "Trailer for overwrite-only mode");
    m_sign->add_option("-M,--max-sectors", a.max_sectors, "Sectors in the trailer (default 128)");
    m_sign->add_option("--align", a.align, "Flash write alignment: 1, 2, 4, 8, 16 or 32");
    m_sign->add_option("--max-align", a.max_align, "Maximum flash alignment: 8, 16 or 32");
    m_sign->add_option("-e,--endian", a.endian, "little or big")
        ->check(CLI::IsMember({"little", "big"}));
    m_sign->add_option("-R,--erased-val", a.erased_val, "Erased flash value: 0 or 0xff");
    m_sign->add_option("-L,--load-addr", a.load_addr, "RAM load address (sets RAM_LOAD)");
    m_sign->add_option("-F,--rom-fixed", a.rom_fixed, "Fixed ROM address (sets ROM_FIXED)");
    m_sign->add_option("-s,--security-counter", a.security_counter, "Number, or 'auto'");
    m_sign->add_option("-d,--dependencies", a.dependencies, "\"(id,maj.min.rev+build),...\"");
    m_sign->add_option("--sha", a.sha, "auto, 256, 384 or 512")
        ->check(CLI::IsMember({"auto", "256", "384", "512"}));
    m_sign->add_flag("--pad-sig", a.pad_sig, "Pad ECDSA signatures to a fixed size");
    m_sign->add_flag("--non-bootable", a.non_bootable, "Mark the image non-bootable");
    m_sign->add_option("--custom-tlv", a.custom_tlvs, "Protected TLV: TAG VALUE (0x-hex)");
    m_sign->add_option("-E,--encrypt", a.encrypt,
                       "Encrypt for this public key (RSA-2048, P-256, X25519 PEM) or AES "
                       "key-wrap key (base64 file)");
    m_sign->add_option("--encrypt-keylen", a.encrypt_keylen, "128 or 256")
        ->check(CLI::IsMember({"128", "256"}));
    m_sign->add_option("-x,--hex-addr", a.hex_addr, "Address of an Intel HEX output");
    m_sign->add_option("infile", a.infile, "Payload (binary or Intel HEX)")->required();
    m_sign->add_option("outfile", a.outfile, "Image to write (.hex writes Intel HEX)")->required();

    m_keygen = m_image->add_subcommand("keygen", "Generate a signing or encryption key");
    m_keygen
        ->add_option("-t,--type", m_key_type,
                     "ecdsa-p256, ecdsa-p384, ed25519, rsa-2048, rsa-3072 or x25519")
        ->required()
        ->check(CLI::IsMember(
            {"ecdsa-p256", "ecdsa-p384", "ed25519", "rsa-2048", "rsa-3072", "x25519"}));
    m_keygen->add_option("-k,--key", m_key_out, "Private key file to write (PEM)")->required();
    m_keygen->add_option("--public", m_pub_out, "Also write the public key (PEM) here");
    m_keygen->add_flag("--force", m_force, "Overwrite existing files");

    m_getpub = m_image->add_subcommand("getpub",
                                       "Print the public key of a key file, as PEM "
                                       "and, for a signing key, as MCUboot's key hash");
    m_getpub->add_option("-k,--key", m_file, "Key file (PEM)")->required();
}

bool ImageCommands::parsed() const {
    return m_image->parsed();
}

int ImageCommands::run(std::ostream& out, std::ostream& err) const {
    if (m_info->parsed()) {
        return info(out, err);
    }
    if (m_verify->parsed()) {
        return verify(out, err);
    }
    if (m_sign->parsed()) {
        return sign(out, err);
    }
    if (m_keygen->parsed()) {
        return keygen(out, err);
    }
    return getpub(out, err);
}

namespace {

Image image_or_throw(const std::string& path) {
    ImageFile file = read_image_file(path);
    if (!file.image) {
        throw UsageError{file.error, "give the path of an MCUboot image (binary or Intel HEX)"};
    }
    return std::move(*file.image);
}

Key key_or_throw(const std::string& path) {
    KeyLoad load = read_key_file(path);
    if (!load.key) {
        throw UsageError{load.error, "give a PEM key file"};
    }
    return std::move(*load.key);
}

std::uint64_t integer_or_throw(const std::string& text, const char* option,
                               std::uint64_t max = 0xffffffff) {
    const std::optional<std::uint64_t> value = parse_integer(text);
    if (!value || *value > max) {
        throw UsageError{fmt::format("{} '{}' is not a number from 0 to {}", option, text, max),
                         "write it in decimal, or with a 0x, 0o or 0b prefix"};
    }
    return *value;
}

// The decryption key of `verify --decrypt-key` and `sign --encrypt`.
void load_decryption_key(const std::string& path, VerifyOptions& options) {
    DecryptionKey read = read_decryption_key(path);
    if (!read.error.empty()) {
        throw UsageError{read.error, "give a PEM key, or the AES key-wrap key (base64 file)"};
    }
    options.decryption_key = std::move(read.key);
    options.kw_key = std::move(read.kw_key);
}

// "0x0102ab" (the prefix optional) as bytes.
std::optional<std::vector<std::uint8_t>> hex_bytes(std::string_view text) {
    if (text.starts_with("0x") || text.starts_with("0X")) {
        text.remove_prefix(2);
    }
    if (text.size() % 2 != 0) {
        return std::nullopt;
    }
    std::vector<std::uint8_t> bytes;
    for (std::size_t i = 0; i < text.size(); i += 2) {
        const std::optional<std::uint64_t> byte =
            parse_integer("0x" + std::string(text.substr(i, 2)));
        if (!byte) {
            return std::nullopt;
        }
        bytes.push_back(static_cast<std::uint8_t>(*byte));
    }
    return bytes;
}

void refuse_overwriting(const std::string& output, const std::vector<std::string>& inputs) {
    for (const std::string& input : inputs) {
        std::error_code ec;
        if (!input.empty() && fs::equivalent(output, input, ec)) {
            throw UsageError{fmt::format("{} would overwrite the input {}", output, input),
                             "write the image to another file"};
        }
    }
}

}  // namespace

int ImageCommands::info(std::ostream& out, std::ostream&) const {
    const Image image = image_or_throw(m_file);
    out << (m_json ? util::json_text(image_json(image, m_file)) : image_text(image, m_file));
    return image.errors.empty() ? k_exit_ok : k_exit_bad_input;
}

int ImageCommands::verify(std::ostream& out, std::ostream&) const {
    const Image image = image_or_throw(m_file);
    VerifyOptions options;
    for (const std::string& path : m_keys) {
        options.keys.push_back(key_or_throw(path));
    }
    if (!m_decrypt_key.empty()) {
        load_decryption_key(m_decrypt_key, options);
    }
    const Verification verification = mcuboot::verify(image, options);
    const std::string shortfall = m_strict ? strict_shortfall(verification) : std::string();
    if (m_json) {
        nlohmann::json result = verification_json(verification, m_file);
        if (m_strict) {
            result["strict"] = {{"ok", shortfall.empty()}, {"reason", shortfall}};
        }
        out << util::json_text(result);
    } else {
        std::string text = verification_text(verification, m_file);
        // A failed verification already says why; --strict adds only its own reasons, in
        // place of the verdict line, so that OK and FAILED never stand together.
        if (verification.ok && !shortfall.empty()) {
            const std::string verdict = fmt::format("{}: OK\n", m_file);
            if (text.ends_with(verdict)) {
                text.resize(text.size() - verdict.size());
            }
            text += fmt::format("{}: FAILED --strict: {}\n", m_file, shortfall);
        }
        out << text;
    }
    return verification.ok && shortfall.empty() ? k_exit_ok : k_exit_findings;
}

int ImageCommands::sign(std::ostream& out, std::ostream& err) const {
    const SignArgs& a = m_sign_args;
    SignOptions options;
    if (!a.key.empty()) {
        options.key = key_or_throw(a.key);
    }
    options.key_format = a.key_format == "full" ? PublicKeyFormat::full : PublicKeyFormat::hash;
    const std::optional<Version> version = parse_version(a.version);
    if (!version) {
        throw UsageError{fmt::format("version '{}' is not maj.min.rev+build", a.version),
                         "each part a decimal number without leading zeros; major and minor "
                         "at most 255, revision at most 65535; later parts may be left out"};
    }
    options.version = *version;
    options.header_size =
        static_cast<std::uint32_t>(integer_or_throw(a.header_size, "--header-size", 0xffff));
    options.slot_size = static_cast<std::uint32_t>(integer_or_throw(a.slot_size, "--slot-size"));
    options.pad_header = a.pad_header;
    options.pad = a.pad || a.test;
    options.confirm = a.confirm;
    options.overwrite_only = a.overwrite_only;
    if (!a.max_sectors.empty()) {
        options.max_sectors =
            static_cast<std::uint32_t>(integer_or_throw(a.max_sectors, "--max-sectors", 65536));
    }
    options.align = static_cast<std::uint32_t>(integer_or_throw(a.align, "--align", 64));
    if (!a.max_align.empty()) {
        options.max_align =
            static_cast<std::uint32_t>(integer_or_throw(a.max_align, "--max-align", 64));
    }
    options.endian = a.endian == "big" ? util::Endian::big : util::Endian::little;
    options.erased_val =
        static_cast<std::uint8_t>(integer_or_throw(a.erased_val, "--erased-val", 0xff));
    if (!a.load_addr.empty()) {
        options.load_addr =
            static_cast<std::uint32_t>(integer_or_throw(a.load_addr, "--load-addr"));
    }
    if (!a.rom_fixed.empty()) {
        options.rom_fixed =
            static_cast<std::uint32_t>(integer_or_throw(a.rom_fixed, "--rom-fixed"));
    }
    if (a.security_counter == "auto") {
        options.security_counter_auto = true;
    } else if (!a.security_counter.empty()) {
        options.security_counter =
            static_cast<std::uint32_t>(integer_or_throw(a.security_counter, "--security-counter"));
    }
    if (!a.dependencies.empty()) {
        const std::optional<std::vector<Dependency>> dependencies =
            parse_dependencies(a.dependencies);
        if (!dependencies) {
            throw UsageError{fmt::format("dependencies '{}' cannot be read", a.dependencies),
                             "write \"(IMAGE_ID,maj.min.rev+build)\", several separated by commas, "
                             "with no comma after the last"};
        }
        options.dependencies = *dependencies;
    }
    if (a.sha != "auto") {
        options.sha = a.sha == "256"   ? HashKind::sha256
                      : a.sha == "384" ? HashKind::sha384
                                       : HashKind::sha512;
    }
    options.pad_sig = a.pad_sig;
    options.non_bootable = a.non_bootable;
    for (const auto& [tag, value] : a.custom_tlvs) {
        const std::uint64_t type = integer_or_throw(tag, "--custom-tlv tag", 0xffff);
        if (type < k_tlv_vendor_min || type > k_tlv_vendor_max) {
            throw UsageError{fmt::format("custom TLV tag 0x{:x} is outside the vendor range "
                                         "0xa000..0xfffe",
                                         type),
                             "MCUboot reserves the other tags for its own TLVs"};
        }
        const std::optional<std::vector<std::uint8_t>> bytes = hex_bytes(value);
        if (!bytes || bytes->empty()) {
            throw UsageError{fmt::format("custom TLV value '{}' is not hex bytes", value),
                             "write it as 0x followed by an even, non-zero number of hex digits"};
        }
        for (const auto& [earlier, ignored] : options.custom_tlvs) {
            if (earlier == type) {
                throw UsageError{fmt::format("custom TLV tag 0x{:x} is given twice", type),
                                 "give each --custom-tlv tag once; MCUboot finds only the "
                                 "first TLV of a tag"};
            }
        }
        options.custom_tlvs.emplace_back(static_cast<std::uint16_t>(type), *bytes);
    }
    if (!a.encrypt.empty()) {
        VerifyOptions holder;
        load_decryption_key(a.encrypt, holder);
        options.encrypt_key = holder.decryption_key;
        options.encrypt_kw_key = holder.kw_key;
        options.encrypt_key_bits = a.encrypt_keylen == "256" ? 256 : 128;
    }

    BinaryFile payload = read_binary_file(a.infile);
    if (!payload.bytes) {
        throw UsageError{payload.error, "give the payload to sign (binary or Intel HEX)"};
    }
    refuse_overwriting(a.outfile, {a.infile, a.key, a.encrypt});
    SignResult result = build_image(std::move(*payload.bytes), options);
    if (!result.error.empty()) {
        throw UsageError{result.error, "check the sign options"};
    }
    const bool hex = util::to_lower(a.outfile).ends_with(".hex");
    // An Intel HEX payload was linked to run at its address; the header padding goes in
    // front of it, so the image starts header-size bytes lower (as imgtool places it).
    std::uint64_t address = payload.base_address.value_or(0);
    if (payload.base_address && options.pad_header) {
        if (address < options.header_size) {
            throw UsageError{fmt::format("the payload starts at 0x{:x}, too low to put a 0x{:x}-"
                                         "byte header in front of it",
                                         address, options.header_size),
                             "give --hex-addr for the image's start address"};
        }
        address -= options.header_size;
    }
    if (!a.hex_addr.empty()) {
        address = integer_or_throw(a.hex_addr, "--hex-addr");
    }
    if (hex && address + result.image.size() > 0x100000000ULL) {
        throw UsageError{fmt::format("an image of 0x{:x} bytes at 0x{:x} would end past the "
                                     "4 GiB address space of Intel HEX",
                                     result.image.size(), address),
                         "give a lower --hex-addr"};
    }
    const std::string text =
        hex ? encode_intel_hex(result.image, static_cast<std::uint32_t>(address))
            : std::string(result.image.begin(), result.image.end());
    const int code = write_file(a.outfile, text, err);
    if (code == k_exit_ok) {
        out << fmt::format("{}: {} bytes, version {}{}\n", a.outfile, result.image.size(),
                           to_string(options.version),
                           options.key ? ", signed with " + options.key->describe() : ", unsigned");
    }
    return code;
}

int ImageCommands::keygen(std::ostream& out, std::ostream& err) const {
    for (const std::string& path : {m_key_out, m_pub_out}) {
        if (!path.empty() && fs::exists(path) && !m_force) {
            throw UsageError{fmt::format("{} exists", path), "give --force to replace it"};
        }
    }
    std::error_code ignored;
    if (!m_pub_out.empty() &&
        (fs::absolute(m_pub_out).lexically_normal() == fs::absolute(m_key_out).lexically_normal() ||
         fs::equivalent(m_pub_out, m_key_out, ignored))) {
        throw UsageError{fmt::format("--public names the private key's file {}", m_key_out),
                         "write the public key to another file"};
    }
    const Key key = m_key_type == "ecdsa-p256"   ? generate_key(KeyKind::ecdsa_p256)
                    : m_key_type == "ecdsa-p384" ? generate_key(KeyKind::ecdsa_p384)
                    : m_key_type == "ed25519"    ? generate_key(KeyKind::ed25519)
                    : m_key_type == "x25519"     ? generate_key(KeyKind::x25519)
                    : m_key_type == "rsa-3072"   ? generate_key(KeyKind::rsa, 3072)
                                                 : generate_key(KeyKind::rsa, 2048);
    // The public key first: if the private key then cannot be written, the public one is
    // removed again, so a failure never leaves half a key pair.
    if (!m_pub_out.empty()) {
        if (const int code = write_file(m_pub_out, key.public_pem(), err); code != k_exit_ok) {
            return code;
        }
    }
    const fs::path target(m_key_out);
    const std::string failure =
        util::write_all_or_nothing(target.has_parent_path() ? target.parent_path() : fs::path("."),
                                   {{target.filename().string(), key.private_pem(), true}});
    if (!failure.empty()) {
        if (!m_pub_out.empty()) {
            fs::remove(m_pub_out, ignored);
        }
        err << "iotconform: error: " << failure << "\n";
        return k_exit_io_error;
    }
    out << fmt::format("{}: new {} key{}\n", m_key_out, key.describe(),
                       m_pub_out.empty() ? "" : ", public key in " + m_pub_out);
    return k_exit_ok;
}

int ImageCommands::getpub(std::ostream& out, std::ostream&) const {
    const Key key = key_or_throw(m_file);
    out << key.public_pem();
    if (key.kind() == KeyKind::x25519) {
        out << "X25519 encryption key: images are encrypted for it with --encrypt "
               "(ENCX25519); MCUboot names only signing keys by a key hash\n";
        return k_exit_ok;
    }
    if (const std::string why = signing_key_problem(key); !why.empty()) {
        out << fmt::format("{}; no MCUboot key hash is printed\n", why);
        return k_exit_ok;
    }
    const std::vector<std::uint8_t> bytes = key.mcuboot_public_bytes();
    for (const HashKind hash : {HashKind::sha256, HashKind::sha384, HashKind::sha512}) {
        out << fmt::format("key hash ({}): {}\n", to_string(hash),
                           util::to_hex(digest(hash, bytes)));
    }
    return k_exit_ok;
}

}  // namespace iotconform::cli
