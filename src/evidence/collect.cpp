// One function per source of evidence, called in a fixed order: adding a source is one
// function here and one line in collect().
#include "evidence/collect.hpp"

#include <fmt/format.h>

#include "firmware/scan.hpp"
#include "kconfig/session.hpp"
#include "mcuboot/evidence.hpp"

namespace iotconform::evidence {

namespace {

// The kernel or RTOS configuration: every applicable hardening rule becomes a finding
// for its provisions (a failure contradicts, a pass supports). Suppressions are the
// product file's and are applied by the judgement, so none are passed here. Input errors
// stop the assessment (EVD006) and name the configuration's own problem.
void collect_kernel(const ics::Product& product, Collection& collection) {
    if (!product.artifacts.kernel) {
        return;
    }
    const ics::KernelArtifacts& kernel = *product.artifacts.kernel;
    kconfig::Request request;
    request.config = kernel.config.resolved;
    request.cmdline = kernel.cmdline ? kernel.cmdline->resolved : "";
    request.sysctl = kernel.sysctl ? kernel.sysctl->resolved : "";
    request.profile =
        kernel.profile == "strict" ? kconfig::Profile::strict : kconfig::Profile::baseline;
    request.arch = kernel.arch;
    request.kernel_version = kernel.version;
    for (const ics::ArtifactRef& rules : kernel.rules) {
        request.rule_files.push_back(rules.resolved);
    }
    request.standard_id = product.standard->id();
    const std::unique_ptr<kconfig::Session> session = kconfig::run(request);
    for (const diagnostics::Diagnostic& found : session->diagnostics) {
        if (found.severity == diagnostics::Severity::error) {
            collection.diagnostics.push_back(diagnostics::make(
                "EVD006", {},
                fmt::format("the kernel configuration {} cannot be checked: {}",
                            kernel.config.written, diagnostics::format_for_terminal(found)),
                "fix the file named under artifacts.kernel", kernel.config.position));
        } else {
            collection.diagnostics.push_back(found);
        }
    }
    if (diagnostics::has_errors(collection.diagnostics)) {
        return;
    }
    std::vector<judge::Finding> findings =
        kconfig::to_findings(session->report, kernel.config.written);
    collection.findings.insert(collection.findings.end(), findings.begin(), findings.end());
}

// The firmware image: every firmware check in one pass. An image that cannot be read at
// all stops the assessment (EVD006); a read that is incomplete (a limit, damage) is carried
// into the reports as the reader's own warnings.
void collect_firmware(const ics::Product& product, Collection& collection) {
    if (!product.artifacts.firmware) {
        return;
    }
    const ics::ArtifactRef& image = product.artifacts.firmware->image;
    firmware::ScanOptions options;
    options.edition = product.standard;
    firmware::ScanResult result = firmware::scan(image.resolved, options);
    if (result.stats.files == 0) {
        for (const diagnostics::Diagnostic& found : result.diagnostics) {
            collection.diagnostics.push_back(diagnostics::make(
                "EVD006", {},
                fmt::format("the firmware image {} cannot be checked: {}", image.written,
                            found.message),
                "name a root file system directory, an archive, a SquashFS or a raw image",
                image.position));
        }
        return;
    }
    collection.diagnostics.insert(collection.diagnostics.end(), result.diagnostics.begin(),
                                  result.diagnostics.end());
    // Locations name the image too, as the reader names files inside nested containers.
    for (judge::Finding& finding : result.findings) {
        finding.location =
            finding.location.empty() ? image.written : image.written + "!/" + finding.location;
        collection.findings.push_back(std::move(finding));
    }
}

}  // namespace

Collection collect(const ics::Product& product) {
    Collection collection;
    collect_firmware(product, collection);
    if (product.artifacts.update_image) {
        mcuboot::collect_update_image(*product.artifacts.update_image, collection.findings,
                                      collection.diagnostics);
    }
    collect_kernel(product, collection);
    return collection;
}

}  // namespace iotconform::evidence
