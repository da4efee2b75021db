// A product file: the identity of what is assessed, the answers to the standard's
// conditions and features, and its implementation conformance statement (ICS).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.hpp"
#include "standard/standard.hpp"

namespace iotconform::ics {

// What the statement is about. A component (an RTOS, a module) publishes a partial ICS
// for product makers: there "N/A" may also mean "the product maker's responsibility".
enum class Scope { product, component };

// The Support column of Table B.1.
enum class Support { yes, no, not_applicable };

// A condition or feature answer. `unknown` is a legitimate answer: a component cannot
// know whether the product it goes into uses passwords.
enum class Answer { yes, no, unknown };

std::string_view to_string(Scope scope);
std::string_view to_string(Support support);  // "Y", "N", "N/A"
std::string_view to_string(Answer answer);    // "true", "false", "unknown"

struct SupportParse {
    bool valid = false;              // false: the text is not a support value at all
    std::optional<Support> support;  // empty for an empty text (left open)
};

// Reads what people write in the Support column: Y/N/N/A, yes/no, NA, n.a., "not
// applicable", true/false, in any case; an empty text leaves the support open.
SupportParse parse_support(std::string_view text);

struct Identity {
    std::string name;
    std::string manufacturer;
    std::string model;
    std::string firmware_version;
};

struct AnswerEntry {
    Answer answer = Answer::unknown;
    diagnostics::SourcePosition position;
};

// One row of the ICS.
struct IcsEntry {
    std::string provision_id;        // canonical id in the product's edition
    std::string written_reference;   // as the file wrote it
    std::optional<Support> support;  // empty when the row leaves it open
    std::string detail;
    std::vector<std::string> evidence;  // files or URLs that back the row
    // The status as a published document gives it, when the file records one: kept to
    // report where a document disagrees with the standard.
    std::optional<std::string> published_status;
    // Set by `migrate` (or a person) when the row needs a person's decision; reported by
    // the judgement until removed.
    std::string review;
    diagnostics::SourcePosition position;
};

// A file the product file names as evidence: a configuration, an image, a key.
struct ArtifactRef {
    std::string written;   // as the product file gives it
    std::string resolved;  // relative to the product file's folder, unless absolute
    diagnostics::SourcePosition position;
};

// The kernel or RTOS configuration that built the firmware, and its run-time settings.
struct KernelArtifacts {
    ArtifactRef config;  // a Kconfig .config (plain or gzip) or a kernel image with IKCONFIG
    std::optional<ArtifactRef> cmdline;  // the kernel command line
    std::optional<ArtifactRef> sysctl;   // `sysctl -a` output from the running device
    std::string profile;                 // rule profile: "baseline" (default) or "strict"
    std::string arch;                    // overrides the architecture the configuration implies
    std::string version;                 // overrides the kernel version it implies
    std::vector<ArtifactRef> rules;      // the maker's own rule files, beside the built-in ones
};

// The update image the product ships and the key its bootloader trusts.
struct UpdateImageArtifacts {
    ArtifactRef image;                          // MCUboot image, binary or Intel HEX
    std::optional<ArtifactRef> key;             // public (or private) signing key, PEM
    std::optional<ArtifactRef> decryption_key;  // for encrypted images
};

// The firmware image the product ships: a directory, archive, SquashFS or raw image.
struct FirmwareArtifacts {
    ArtifactRef image;
};

struct Artifacts {
    std::optional<FirmwareArtifacts> firmware;
    std::optional<KernelArtifacts> kernel;
    std::optional<UpdateImageArtifacts> update_image;
};

// A check's finding set aside on purpose, with the reason; every report shows it.
struct Suppression {
    std::string rule;    // the rule id the suppression matches
    std::string reason;  // why, as the reports print it
    diagnostics::SourcePosition position;
};

struct Product {
    std::string path;  // the product file, as given
    const standard::Standard* standard = nullptr;
    Scope scope = Scope::product;
    Identity identity;
    std::map<int, AnswerEntry> conditions;        // by condition number
    std::map<std::string, AnswerEntry> features;  // by feature letter
    std::vector<IcsEntry> entries;                // in file order
    Artifacts artifacts;
    std::vector<Suppression> suppressions;

    const IcsEntry* find_entry(std::string_view provision_id) const;
};

}  // namespace iotconform::ics
