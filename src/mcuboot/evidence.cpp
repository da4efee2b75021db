// The update-image rules and how a verification maps onto them.
#include "mcuboot/evidence.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "mcuboot/files.hpp"
#include "util/fs.hpp"
#include "util/limits.hpp"

namespace iotconform::mcuboot {

namespace dg = diagnostics;
using judge::Effect;

const std::vector<UpdateRule>& update_rules() {
    static const std::vector<UpdateRule> rules = {
        {"MCUBOOT-001",
         {"5.3-7", "5.3-9", "5.3-10", "5.7-1"},
         Effect::contradicts,
         dg::Severity::error,
         "sign update images (imgtool sign -k, or iotconform image sign -k) and build the "
         "bootloader to require a valid signature"},
        {"MCUBOOT-002",
         {"5.3-9", "5.3-10"},
         Effect::contradicts,
         dg::Severity::error,
         "rebuild and re-sign the image; check it with 'iotconform image verify IMAGE --key "
         "KEY' before release"},
        {"MCUBOOT-003",
         {"5.3-7", "5.4-3"},
         Effect::contradicts,
         dg::Severity::error,
         "generate a product signing key (iotconform image keygen), keep its private half "
         "secret, build the bootloader with its public half and re-sign every image"},
        {"MCUBOOT-004",
         {"5.3-7"},
         Effect::contradicts,
         dg::Severity::error,
         "sign with ECDSA P-256 or P-384, RSA-2048 or larger with PSS, or Ed25519"},
        {"MCUBOOT-010", {"5.3-7", "5.3-9", "5.3-10"}, Effect::supports, dg::Severity::note, ""},
        {"MCUBOOT-011",
         {"5.3-9"},
         Effect::informs,
         dg::Severity::warning,
         "name the product's public signing key in artifacts.update_image.key"},
        {"MCUBOOT-012", {"5.3-7"}, Effect::informs, dg::Severity::note, ""},
    };
    return rules;
}

namespace {

const UpdateRule& rule(std::string_view id) {
    const auto& rules = update_rules();
    return *std::find_if(rules.begin(), rules.end(),
                         [&](const UpdateRule& r) { return r.id == id; });
}

judge::Finding finding(std::string_view id, std::string message, std::string location) {
    const UpdateRule& r = rule(id);
    judge::Finding f;
    f.rule_id = std::string(r.id);
    f.source = "update-image";
    f.provisions.assign(r.provisions.begin(), r.provisions.end());
    f.effect = r.effect;
    f.severity = r.severity;
    f.message = std::move(message);
    f.location = std::move(location);
    f.remediation = std::string(r.remediation);
    return f;
}

const Check* first_failure(const Verification& verification) {
    for (const Check& check : verification.checks) {
        if (check.state == CheckState::failed) {
            return &check;
        }
    }
    return nullptr;
}

std::string at(const std::string& label, std::optional<std::size_t> offset) {
    return offset ? fmt::format("{}@0x{:x}", label, *offset) : label;
}

}  // namespace

std::vector<judge::Finding> update_image_findings(const Image& image,
                                                  const Verification& verification, bool key_given,
                                                  const std::string& label) {
    std::vector<judge::Finding> found;
    if (const Check* failed = first_failure(verification)) {
        found.push_back(finding(
            "MCUBOOT-002",
            fmt::format("the update image does not verify: {}: {}", failed->name, failed->message),
            at(label, failed->offset)));
    }
    const bool structure_ok = image.errors.empty();
    if (structure_ok && verification.signatures.empty()) {
        found.push_back(finding("MCUBOOT-001",
                                "the update image is not signed: it carries only a hash, which "
                                "anyone who alters the image can recompute",
                                label));
    }
    if (verification.development_key) {
        found.push_back(finding(
            "MCUBOOT-003",
            fmt::format("the update image is signed with a key published in a public "
                        "repository ({}): anyone can sign images that devices trusting it accept",
                        verification.development_key->source),
            label));
    }
    for (const SignatureInfo& signature : verification.signatures) {
        if (!signature.weakness.empty()) {
            found.push_back(finding("MCUBOOT-004",
                                    fmt::format("the update image is signed with {}: {}",
                                                signature.algorithm, signature.weakness),
                                    at(label, signature.offset)));
        }
    }
    if (verification.ok && verification.signature_verified && key_given) {
        std::vector<std::string> algorithms;
        for (const SignatureInfo& signature : verification.signatures) {
            algorithms.push_back(signature.algorithm);
        }
        found.push_back(finding("MCUBOOT-010",
                                fmt::format("the update image's signature ({}) verifies with the "
                                            "product's key, and its hash matches",
                                            fmt::join(algorithms, ", ")),
                                label));
    }
    if (structure_ok && !verification.signatures.empty() && !key_given) {
        found.push_back(finding("MCUBOOT-011",
                                "the signature was not checked against the product's key: the "
                                "product file names none",
                                label));
    }
    if (image.encrypted()) {
        const Check* decryption = verification.find("decryption");
        found.push_back(
            finding("MCUBOOT-012",
                    fmt::format("the update image is encrypted ({})",
                                decryption != nullptr ? decryption->message : "no key TLV"),
                    label));
    }
    return found;
}

namespace {

dg::Diagnostic cannot_check(const ics::ArtifactRef& ref, std::string message, std::string hint) {
    return dg::make("EVD006", {}, std::move(message), std::move(hint), ref.position);
}

}  // namespace

void collect_update_image(const ics::UpdateImageArtifacts& artifacts,
                          std::vector<judge::Finding>& findings,
                          std::vector<dg::Diagnostic>& diagnostics) {
    ImageFile file = read_image_file(artifacts.image.resolved);
    if (!file.image) {
        diagnostics.push_back(cannot_check(artifacts.image, file.error,
                                           "check artifacts.update_image.file; paths are "
                                           "relative to the product file"));
        return;
    }
    const Image& image = *file.image;
    if (!image.errors.empty() && image.errors.front().offset == 0) {
        diagnostics.push_back(
            cannot_check(artifacts.image,
                         fmt::format("{} is not an MCUboot image: {}", artifacts.image.resolved,
                                     image.errors.front().message),
                         "name the signed update image (the output of imgtool sign or west sign)"));
        return;
    }
    VerifyOptions options;
    if (artifacts.key) {
        KeyLoad load = read_key_file(artifacts.key->resolved);
        if (!load.key) {
            diagnostics.push_back(cannot_check(*artifacts.key, load.error,
                                               "name the product's public signing key (PEM), "
                                               "relative to the product file"));
            return;
        }
        options.keys.push_back(std::move(*load.key));
    }
    if (artifacts.decryption_key) {
        DecryptionKey read = read_decryption_key(artifacts.decryption_key->resolved);
        if (!read.error.empty()) {
            diagnostics.push_back(cannot_check(*artifacts.decryption_key, read.error,
                                               "name the private encryption key (PEM) or the "
                                               "AES key-wrap key (base64)"));
            return;
        }
        options.decryption_key = std::move(read.key);
        options.kw_key = std::move(read.kw_key);
    }
    const Verification verification = verify(image, options);
    const std::vector<judge::Finding> found = update_image_findings(
        image, verification, artifacts.key.has_value(), artifacts.image.written);
    findings.insert(findings.end(), found.begin(), found.end());
}

}  // namespace iotconform::mcuboot
