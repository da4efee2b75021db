// The code table and formatting of diagnostics.
#include "diagnostics/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "util/escape.hpp"

namespace iotconform::diagnostics {

namespace {

// Codes are part of iotconform's interface: reports, SARIF and users' suppressions refer
// to them, so a code is never renumbered or reused for another meaning.
constexpr CodeInfo k_codes[] = {
    // The product file itself.
    {"PF001", Severity::error, "the product file is not valid YAML"},
    {"PF002", Severity::error, "unknown key"},
    {"PF003", Severity::error, "value of the wrong type"},
    {"PF004", Severity::error, "invalid value"},
    {"PF005", Severity::error, "required field missing"},
    {"PF006", Severity::error, "unknown edition of the standard"},
    {"PF007", Severity::error, "unknown condition or feature"},
    {"PF008", Severity::error, "key given twice"},
    {"PF009", Severity::error, "input file cannot be read"},
    {"PF010", Severity::error, "the findings file is not valid"},
    {"PF011", Severity::warning, "a comment cuts an unquoted detail short"},
    // References to provisions.
    {"ICS001", Severity::error, "unknown provision reference"},
    {"ICS002", Severity::error, "provision answered twice"},
    {"ICS003", Severity::note, "provision reference read through a known variant"},
    // Support and detail.
    {"ICS010", Severity::error, "provision not answered"},
    {"ICS011", Severity::warning, "N or N/A without detail"},
    {"ICS012", Severity::warning, "detail is a placeholder"},
    {"ICS013", Severity::note, "Y without the measures that implement it"},
    // Applicability.
    {"ICS020", Severity::error, "N/A although the provision's conditions hold"},
    {"ICS021", Severity::error, "N/A on an unconditional provision"},
    {"ICS022", Severity::note, "left to the product maker (component scope)"},
    {"ICS023", Severity::error, "applicable mandatory provision not supported"},
    {"ICS024", Severity::note, "Y on a provision that does not apply"},
    // Justifications (4-1) and conditions.
    {"ICS030", Severity::error,
     "recommendation not followed or not applicable, without justification"},
    {"ICS031", Severity::warning, "an unknown condition decides applicability"},
    {"ICS032", Severity::error, "contradictory condition answers"},
    {"ICS040", Severity::warning, "status differs from the standard's"},
    {"ICS050", Severity::warning, "row marked for review"},
    // Importing a statement from a document.
    {"IMP001", Severity::error, "no conformance table found in the document"},
    {"IMP002", Severity::error, "a row's cells do not fit the table's columns"},
    {"IMP003", Severity::warning, "a row could not be mapped to a provision"},
    {"IMP004", Severity::error, "a provision appears in two rows"},
    {"IMP005", Severity::note, "provisions the document does not mention"},
    {"IMP006", Severity::error, "a support value is not Y, N or N/A"},
    {"IMP007", Severity::warning, "the document's status differs from the standard's"},
    {"IMP008", Severity::warning, "a status cannot be read"},
    {"IMP009", Severity::error, "a required column is missing"},
    {"IMP010", Severity::warning, "a row stands in another clause's section"},
    {"IMP011", Severity::warning, "a product field or answer key the edition does not have"},
    {"IMP012", Severity::error, "a product field or answer value that cannot be read"},
    {"IMP013", Severity::warning, "a column that is not read"},
    // Evidence from automatic checks.
    {"EVD001", Severity::error, "evidence contradicts the declared support"},
    {"EVD002", Severity::note, "evidence about a provision not declared as supported"},
    {"EVD003", Severity::error, "evidence names a provision the standard does not have"},
    {"EVD004", Severity::note, "findings set aside by a suppression"},
    {"EVD005", Severity::warning, "a suppression that matches no finding"},
    {"EVD006", Severity::error, "an artifact the product file names cannot be checked"},
    // Kernel configuration checks (iotconform kconfig).
    {"KC001", Severity::error, "the kernel configuration cannot be read"},
    {"KC002", Severity::error, "an option is given twice with different values"},
    {"KC003", Severity::warning, "an option is given twice with the same value"},
    {"KC004", Severity::error, "a compressed configuration cannot be decompressed"},
    {"KC005", Severity::error, "a binary file without an embedded configuration"},
    {"KC006", Severity::error, "the kernel command line cannot be read"},
    {"KC007", Severity::error, "the sysctl listing cannot be read"},
    {"KC008", Severity::warning, "kernel family, architecture or release not known"},
    {"KC009", Severity::error, "a kernel input file cannot be read"},
    {"KC010", Severity::error, "a hardening rule file is not valid"},
    {"KC011", Severity::error, "a suppression is not valid"},
    // Reading firmware images (src/firmware/tree.hpp): FW001 to FW049.
    {"FW001", Severity::error, "the firmware input cannot be read"},
    {"FW002", Severity::warning, "no file system or archive found: read as one file"},
    {"FW003", Severity::warning, "a container is damaged or ends early"},
    {"FW004", Severity::warning, "the limit on decompressed bytes stopped the read"},
    {"FW005", Severity::warning, "the limit on entries stopped the read"},
    {"FW006", Severity::warning, "a container nested too deep was not opened"},
    {"FW007", Severity::warning, "a compression bomb stopped the read"},
    {"FW008", Severity::warning, "a file larger than the per-file limit was cut"},
    {"FW009", Severity::warning, "an entry's name climbs out of the image"},
    {"FW010", Severity::warning, "an entry could not be read and was skipped"},
    {"FW011", Severity::warning, "a nested container too large to open from memory"},
    {"FW012", Severity::warning, "a container or entry in a form that cannot be read"},
    {"FW013", Severity::warning, "a mount point inside a directory was not entered"},
    {"FW014", Severity::warning, "directories nested too deep were not entered"},
    {"FW015", Severity::note, "more diagnostics of one code not shown"},
    {"FW016", Severity::warning, "the carve of a raw image stopped at too many false signatures"},
    // Firmware: ELF files of an image (the binary-hardening check).
    {"FW050", Severity::warning, "an ELF file's header cannot be read"},
    {"FW051", Severity::warning, "an ELF file's program headers cannot be read"},
    {"FW052", Severity::warning, "an ELF file's section headers cannot be read"},
    {"FW053", Severity::warning, "an ELF file's dynamic section cannot be read"},
    {"FW054", Severity::warning, "an ELF file's symbol table cannot be read"},
    {"FW055", Severity::warning, "an ELF file was cut at the per-file read limit"},
    {"FW056", Severity::warning, "more ELF files could not be read completely"},
    // Firmware checks of services, debug access and cryptography.
    {"FW070", Severity::warning, "a configuration file too large to check"},
    {"FW071", Severity::warning, "configuration lines too long to check"},
    {"FW072", Severity::warning, "a firmware check stopped collecting at its limit"},
    {"FW073", Severity::note, "a binary searched only in part for version strings"},
    {"FW074", Severity::warning, "a start-up or server file is a link that cannot be followed"},
    // Firmware credentials.
    {"FW090", Severity::warning, "a password hash was not tried against the default list"},
};

}  // namespace

std::string_view to_string(Severity severity) {
    switch (severity) {
        case Severity::error:
            return "error";
        case Severity::warning:
            return "warning";
        case Severity::note:
            return "note";
    }
    return "error";
}

std::string SourcePosition::to_string() const {
    if (line <= 0) {
        return file;
    }
    if (column <= 0) {
        return fmt::format("{}:{}", file, line);
    }
    return fmt::format("{}:{}:{}", file, line, column);
}

std::span<const CodeInfo> code_table() {
    return k_codes;
}

const CodeInfo* find_code(std::string_view code) {
    for (const CodeInfo& info : k_codes) {
        if (info.code == code) {
            return &info;
        }
    }
    return nullptr;
}

Diagnostic make(std::string_view code, std::string provision, std::string message, std::string hint,
                SourcePosition position) {
    const CodeInfo* info = find_code(code);
    // An unknown code is a programming error; keep it visible as an error rather than
    // crash a user's run.
    return {std::string(code),    info != nullptr ? info->default_severity : Severity::error,
            std::move(provision), std::move(message),
            std::move(hint),      std::move(position)};
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
    return std::any_of(diagnostics.begin(), diagnostics.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::string format_for_terminal(const Diagnostic& diagnostic) {
    // File names, messages and hints can carry text from an image or a document; each part
    // is escaped on its own, so the line break before the hint stays ours.
    std::string text;
    if (!diagnostic.position.file.empty()) {
        text += util::printable(diagnostic.position.to_string()) + ": ";
    }
    text += fmt::format("{}[{}]: ", to_string(diagnostic.severity), diagnostic.code);
    if (!diagnostic.provision.empty()) {
        text += fmt::format("provision {}: ", diagnostic.provision);
    }
    text += util::printable(diagnostic.message);
    if (!diagnostic.hint.empty()) {
        text += fmt::format("\n  hint: {}", util::printable(diagnostic.hint));
    }
    return text;
}

}  // namespace iotconform::diagnostics
