// Presenting images and verifications. Field names of the TLV dump follow bootutil's
// structures, which are also the names imgtool's dumpinfo uses, so outputs compare.
#include "mcuboot/describe.hpp"

#include <fmt/format.h>

#include "util/text.hpp"

namespace iotconform::mcuboot {

using nlohmann::json;

namespace {

json tlv_json(const Tlv& tlv) {
    return {{"type", tlv.type},
            {"type_name", tlv_name(tlv.type)},
            {"len", tlv.length},
            {"offset", tlv.offset},
            {"data", util::to_hex(tlv.value)}};
}

json area_json(const std::optional<TlvArea>& area) {
    if (!area) {
        return nullptr;
    }
    return {{"magic", area->magic}, {"tlv_tot", area->total}, {"offset", area->offset}};
}

json tlvs_json(const std::optional<TlvArea>& area) {
    json list = json::array();
    if (area) {
        for (const Tlv& tlv : area->entries) {
            list.push_back(tlv_json(tlv));
        }
    }
    return list;
}

json problems_json(const std::vector<Problem>& problems) {
    json list = json::array();
    for (const Problem& problem : problems) {
        list.push_back({{"offset", problem.offset}, {"message", problem.message}});
    }
    return list;
}

std::optional<std::uint32_t> security_counter(const Image& image) {
    const Tlv* tlv = image.find(k_tlv_sec_cnt, true);
    if (tlv == nullptr || tlv->value.size() != 4) {
        return std::nullopt;
    }
    return util::read_uint<std::uint32_t>(tlv->value, 0, image.endian);
}

json dependencies_json(const Image& image) {
    json list = json::array();
    if (!image.protected_area) {
        return list;
    }
    for (const Tlv& tlv : image.protected_area->entries) {
        if (tlv.type != k_tlv_dependency || tlv.value.size() != 12) {
            continue;
        }
        const Version version{tlv.value[4], tlv.value[5],
                              *util::read_uint<std::uint16_t>(tlv.value, 6, image.endian),
                              *util::read_uint<std::uint32_t>(tlv.value, 8, image.endian)};
        list.push_back({{"image_id", tlv.value[0]}, {"min_version", to_string(version)}});
    }
    return list;
}

// The meaning of the TLVs, as `verify` without a key sees it.
json summary_json(const Image& image) {
    const Verification seen = verify(image, {});
    json signatures = json::array();
    for (const SignatureInfo& info : seen.signatures) {
        signatures.push_back({{"type_name", tlv_name(info.tlv_type)},
                              {"algorithm", info.algorithm},
                              {"best_practice", info.weakness.empty()},
                              {"weakness", info.weakness}});
    }
    json summary = {
        {"signed", !seen.signatures.empty()},
        {"hash", seen.hash ? json(to_string(*seen.hash)) : json(nullptr)},
        {"signatures", signatures},
        {"key", image.find(k_tlv_pubkey) != nullptr    ? "embedded public key (PUBKEY)"
                : image.find(k_tlv_keyhash) != nullptr ? "key hash (KEYHASH)"
                                                       : "none"},
        {"encrypted", image.encrypted()},
        {"flags", flag_names(image.header.flags)},
        {"dependencies", dependencies_json(image)},
        {"security_counter", nullptr},
        {"development_key", nullptr},
    };
    if (const std::optional<std::uint32_t> counter = security_counter(image)) {
        summary["security_counter"] = *counter;
    }
    if (seen.development_key) {
        summary["development_key"] = {{"name", seen.development_key->name},
                                      {"source", seen.development_key->source}};
    }
    return summary;
}

}  // namespace

json image_json(const Image& image, const std::string& file) {
    const Header& h = image.header;
    json trailer = nullptr;
    if (image.trailer) {
        const Trailer& t = *image.trailer;
        trailer = {{"magic", util::to_hex(t.magic)}, {"max_align", t.max_align}};
        // Only what was read: fields left at their defaults would look like real values.
        if (t.flags_read) {
            trailer["image_ok"] = t.image_ok;
            trailer["copy_done"] = t.copy_done;
            trailer["swap_info"] = t.swap_info;
            trailer["swap_size"] = t.swap_size;
        } else {
            trailer["flags_not_read"] = t.flags_unread;
        }
    }
    return {
        {"file", file},
        {"size", image.bytes.size()},
        {"base_address", image.base_address ? json(*image.base_address) : json(nullptr)},
        {"endian", image.endian == util::Endian::little ? "little" : "big"},
        {"header",
         {{"magic", h.magic},
          {"load_addr", h.load_addr},
          {"hdr_size", h.hdr_size},
          {"protected_tlv_size", h.protect_tlv_size},
          {"img_size", h.img_size},
          {"flags", h.flags},
          {"version", to_string(h.version)}}},
        {"tlv_area",
         {{"tlv_hdr_prot", area_json(image.protected_area)},
          {"tlvs_prot", tlvs_json(image.protected_area)},
          {"tlv_hdr", area_json(image.area)},
          {"tlvs", tlvs_json(image.area)}}},
        {"trailer", trailer},
        {"summary", image.errors.empty() ? summary_json(image) : json(nullptr)},
        {"errors", problems_json(image.errors)},
        {"warnings", problems_json(image.warnings)},
    };
}

namespace {

void append_area(std::string& out, const char* title, const std::optional<TlvArea>& area) {
    if (!area) {
        return;
    }
    out += fmt::format("{} at offset {} (magic 0x{:04x}, {} bytes):\n", title, area->offset,
                       area->magic, area->total);
    for (const Tlv& tlv : area->entries) {
        const std::string hex = util::to_hex(tlv.value);
        out += fmt::format("  {:<12} 0x{:02x}  {:>5} bytes at {:>6}  {}\n", tlv_name(tlv.type),
                           tlv.type, tlv.length, tlv.offset,
                           hex.size() > 64 ? hex.substr(0, 64) + "..." : hex);
    }
}

}  // namespace

std::string image_text(const Image& image, const std::string& file) {
    const Header& h = image.header;
    const char* endian = image.endian == util::Endian::little ? "little" : "big";
    // Without the magic the file is no image: say so before the fields read from it.
    std::string out = h.magic == k_image_magic
                          ? fmt::format("{}: {} bytes, {}-endian MCUboot image\n", file,
                                        image.bytes.size(), endian)
                          : fmt::format(
                                "{}: {} bytes, not an MCUboot image (no image magic); its first "
                                "bytes read as a header:\n",
                                file, image.bytes.size());
    if (image.base_address) {
        out += fmt::format("  from Intel HEX at address 0x{:08x}\n", *image.base_address);
    }
    const std::vector<std::string> flags = flag_names(h.flags);
    out += fmt::format(
        "header: magic 0x{:08x}, version {}, header {} bytes, body {} bytes, protected TLVs {} "
        "bytes, load address 0x{:08x}, flags 0x{:x}{}\n",
        h.magic, to_string(h.version), h.hdr_size, h.img_size, h.protect_tlv_size, h.load_addr,
        h.flags, flags.empty() ? "" : " (" + util::join(flags, ", ") + ")");
    append_area(out, "protected TLV area", image.protected_area);
    append_area(out, "TLV area", image.area);
    if (image.trailer) {
        const Trailer& t = *image.trailer;
        out += fmt::format("trailer: magic {} (alignment {})", util::to_hex(t.magic), t.max_align);
        out += t.flags_read ? fmt::format(
                                  ", image_ok 0x{:02x}, copy_done 0x{:02x}, swap_info "
                                  "0x{:02x}, swap_size 0x{:08x}\n",
                                  t.image_ok, t.copy_done, t.swap_info, t.swap_size)
                            : fmt::format(
                                  "; image_ok, copy_done, swap_info and swap_size "
                                  "were not read: {}\n",
                                  t.flags_unread);
    }
    if (image.errors.empty()) {
        const json summary = summary_json(image);
        std::vector<std::string> algorithms;
        for (const json& signature : summary["signatures"]) {
            algorithms.push_back(
                signature["algorithm"].get<std::string>() +
                (signature["best_practice"].get<bool>()
                     ? ""
                     : " (not best practice: " + signature["weakness"].get<std::string>() + ")"));
        }
        out += fmt::format("signature: {}\n", algorithms.empty() ? std::string("none (unsigned)")
                                                                 : util::join(algorithms, "; "));
        if (!summary["security_counter"].is_null()) {
            const auto counter = summary["security_counter"].get<std::uint32_t>();
            out += fmt::format("security counter: {} (0x{:08x})\n", counter, counter);
        }
        if (image.encrypted()) {
            out += "encrypted: yes\n";
        }
        if (!summary["development_key"].is_null()) {
            out += fmt::format("WARNING: signed with a published development key: {}\n",
                               summary["development_key"]["name"].get<std::string>());
        }
    }
    for (const Problem& problem : image.errors) {
        out += fmt::format("error at offset {}: {}\n", problem.offset, problem.message);
    }
    for (const Problem& problem : image.warnings) {
        out += fmt::format("warning at offset {}: {}\n", problem.offset, problem.message);
    }
    return out;
}

json verification_json(const Verification& verification, const std::string& file) {
    json checks = json::array();
    for (const Check& check : verification.checks) {
        checks.push_back({{"name", check.name},
                          {"state", to_string(check.state)},
                          {"message", check.message},
                          {"offset", check.offset ? json(*check.offset) : json(nullptr)}});
    }
    json signatures = json::array();
    for (const SignatureInfo& info : verification.signatures) {
        signatures.push_back({{"type_name", tlv_name(info.tlv_type)},
                              {"offset", info.offset},
                              {"algorithm", info.algorithm},
                              {"best_practice", info.weakness.empty()},
                              {"weakness", info.weakness}});
    }
    json development_key = nullptr;
    if (verification.development_key) {
        development_key = {{"name", verification.development_key->name},
                           {"source", verification.development_key->source}};
    }
    return {{"file", file},
            {"ok", verification.ok},
            {"checks", checks},
            {"hash", verification.hash ? json(to_string(*verification.hash)) : json(nullptr)},
            {"digest", verification.digest_hex},
            {"signatures", signatures},
            {"signature_verified", verification.signature_verified},
            {"verified_with", verification.verified_with},
            {"development_key", development_key}};
}

std::string verification_text(const Verification& verification, const std::string& file) {
    std::string out;
    for (const Check& check : verification.checks) {
        out +=
            fmt::format("  {:<11} {:<11} {}\n", check.name, to_string(check.state), check.message);
    }
    if (verification.development_key) {
        out += fmt::format(
            "  WARNING: the image's key is a published development key ({}); "
            "anyone can sign images it accepts\n",
            verification.development_key->name);
    }
    const Check* failed = nullptr;
    for (const Check& check : verification.checks) {
        if (check.state == CheckState::failed && failed == nullptr) {
            failed = &check;
        }
    }
    if (verification.ok) {
        out += fmt::format(
            "{}: OK{}\n", file,
            verification.signature_verified ? "" : " (hash only: the signature was not checked)");
    } else if (failed != nullptr) {
        out += fmt::format("{}: FAILED: {}: {}\n", file, failed->name, failed->message);
    } else {
        out += fmt::format("{}: NOT VERIFIED: the image could not be checked in full\n", file);
    }
    return out;
}

}  // namespace iotconform::mcuboot
