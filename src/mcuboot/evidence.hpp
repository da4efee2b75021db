// What an update image says about the provisions on secure updates and secure boot
// (EN 303 645 5.3-7, 5.3-9, 5.3-10, 5.4-3, 5.7-1): findings from its verification.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "ics/product.hpp"
#include "judge/evidence.hpp"
#include "mcuboot/verify.hpp"

namespace iotconform::mcuboot {

// One check on an update image: its stable id and what it concerns.
struct UpdateRule {
    std::string_view id;
    std::vector<std::string_view> provisions;
    judge::Effect effect;
    diagnostics::Severity severity;
    std::string_view remediation;
};

// Every rule, in id order (documented in docs/update-image-checks.md).
const std::vector<UpdateRule>& update_rules();

// The findings of one verified image; `label` is how locations name the file.
std::vector<judge::Finding> update_image_findings(const Image& image,
                                                  const Verification& verification, bool key_given,
                                                  const std::string& label);

// Reads the product's update image and keys, verifies and returns the findings. Files that
// cannot be read, or an image that is not MCUboot's at all, are EVD006 errors.
void collect_update_image(const ics::UpdateImageArtifacts& artifacts,
                          std::vector<judge::Finding>& findings,
                          std::vector<diagnostics::Diagnostic>& diagnostics);

}  // namespace iotconform::mcuboot
