// The binary-hardening check. An image holds hundreds of ELF files; one finding per file
// and property would bury everything else in the report, so each rule gives one finding
// with the count and a few example paths, and the image gets one summary line.
#include "firmware/elf_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace iotconform::firmware {

namespace {

using diagnostics::Severity;

// Example paths named in one aggregated finding; the per-file table has them all.
constexpr std::size_t k_max_examples = 5;

// Files whose parse problems are reported one by one; the rest are counted in one line.
constexpr std::size_t k_max_file_diagnostics = 20;

// Places every user can write on a Linux system, whether or not the image holds them.
constexpr std::array<std::string_view, 5> k_writable_places = {"tmp", "var/tmp", "dev/shm",
                                                               "run/shm", "home"};

ElfKind kind_of(const elf::Hardening& hardening) {
    switch (hardening.pie) {
        case elf::Pie::no:
        case elf::Pie::yes:
            return ElfKind::executable;
        case elf::Pie::dso:
            return ElfKind::library;
        default:
            return ElfKind::other;
    }
}

// The path prefix of a file inside a nested container ("boot/initrd.img!/"), under which
// its absolute search paths are found in the tree; empty at the top level.
std::string container_prefix(std::string_view path) {
    const std::size_t mark = path.rfind("!/");
    return mark == std::string_view::npos ? std::string() : std::string(path.substr(0, mark + 2));
}

// "usr/lib/x" for "/usr/lib/x/", "/usr//lib/x" or "/usr/./lib/x".
std::string normalise_absolute(std::string_view entry) {
    std::string out;
    std::size_t start = 0;
    while (start <= entry.size()) {
        const std::size_t slash = std::min(entry.find('/', start), entry.size());
        const std::string_view part = entry.substr(start, slash - start);
        if (!part.empty() && part != ".") {
            out += out.empty() ? "" : "/";
            out += part;
        }
        start = slash + 1;
    }
    return out;
}

bool in_writable_place(const std::string& relative) {
    return std::any_of(k_writable_places.begin(), k_writable_places.end(),
                       [&](std::string_view place) {
                           return relative == place ||
                                  (relative.starts_with(place) && relative[place.size()] == '/');
                       });
}

std::string example_list(const std::vector<const ElfFileResult*>& files) {
    std::string text;
    for (std::size_t i = 0; i < files.size() && i < k_max_examples; ++i) {
        text += (i == 0 ? "" : ", ") + files[i]->path;
    }
    if (files.size() > k_max_examples) {
        text += fmt::format(" and {} more", files.size() - k_max_examples);
    }
    return text;
}

bool loaded(const ElfFileResult& result) {
    return result.kind != ElfKind::other;
}

// One rule: which files it concerns and what it says about them.
struct Rule {
    std::string_view id;
    std::vector<std::string> provisions;
    Severity severity;
    std::string_view what;  // "do not mark their stack non-executable"
    std::string_view remediation;
    std::function<bool(const ElfFileResult&)> matches;
};

std::vector<Rule> rules() {
    return {
        {"FW-ELF-NX",
         {"5.6-7", "5.6-9"},
         Severity::warning,
         "may run with an executable stack (no PT_GNU_STACK header, or one that asks for "
         "execute permission)",
         "Link with -z noexecstack; give assembly sources a .note.GNU-stack section.",
         [](const ElfFileResult& r) { return loaded(r) && !r.hardening.nx; }},
        {"FW-ELF-PIE",
         {"5.6-9"},
         Severity::note,
         "are executables loaded at a fixed address (not position-independent), so address "
         "space layout randomisation does not move their code",
         "Compile with -fPIE and link with -pie.",
         [](const ElfFileResult& r) { return r.hardening.pie == elf::Pie::no; }},
        {"FW-ELF-RELRO",
         {"5.6-9"},
         Severity::note,
         "have no RELRO: their relocated data (GOT) stays writable for the whole run",
         "Link with -z relro -z now.",
         [](const ElfFileResult& r) { return loaded(r) && r.hardening.relro == elf::Relro::none; }},
        {"FW-ELF-CANARY",
         {"5.6-9"},
         Severity::note,
         "have no stack protector symbol (a library without array-using functions needs "
         "none, so judge the executables first)",
         "Compile with -fstack-protector-strong.",
         [](const ElfFileResult& r) { return loaded(r) && !r.hardening.canary; }},
        {"FW-ELF-RPATH",
         {"5.6-7", "5.6-9"},
         Severity::warning,
         "search for libraries in directories others can write or relative to the working "
         "directory (RPATH/RUNPATH), so anyone who can write there runs code in them",
         "Remove the RPATH/RUNPATH, or point it at root-owned directories no one else can "
         "write ($ORIGIN-relative paths stay with the program).",
         [](const ElfFileResult& r) { return !r.search_path_issues.empty(); }},
    };
}

double percent(std::size_t part, std::size_t whole) {
    return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

template <typename Predicate>
std::size_t count_if(const std::vector<ElfFileResult>& results, Predicate predicate) {
    return static_cast<std::size_t>(std::count_if(results.begin(), results.end(), predicate));
}

std::string summary_message(const std::vector<ElfFileResult>& results) {
    const std::size_t loaded_files = count_if(results, loaded);
    const std::size_t executables =
        count_if(results, [](const auto& r) { return r.kind == ElfKind::executable; });
    const auto share = [&](auto predicate) {
        return percent(count_if(results, [&](const auto& r) { return loaded(r) && predicate(r); }),
                       loaded_files);
    };
    return fmt::format(
        "{} ELF files ({} executables, {} libraries, {} other): NX {:.0f}%, PIE {:.0f}% of "
        "executables, RELRO full {:.0f}% / partial {:.0f}%, stack canary {:.0f}%, FORTIFY "
        "{:.0f}%, RPATH/RUNPATH in {}; {} could not be read completely",
        results.size(), executables, loaded_files - executables, results.size() - loaded_files,
        share([](const auto& r) { return r.hardening.nx; }),
        percent(count_if(results, [](const auto& r) { return r.hardening.pie == elf::Pie::yes; }),
                executables),
        share([](const auto& r) { return r.hardening.relro == elf::Relro::full; }),
        share([](const auto& r) { return r.hardening.relro == elf::Relro::partial; }),
        share([](const auto& r) { return r.hardening.canary; }),
        share([](const auto& r) { return r.hardening.fortify; }),
        count_if(results,
                 [](const auto& r) {
                     return !r.hardening.rpath.empty() || !r.hardening.runpath.empty();
                 }),
        count_if(results, [](const auto& r) { return !r.errors.empty() || r.truncated; }));
}

void report_problems(const std::vector<ElfFileResult>& results,
                     std::vector<diagnostics::Diagnostic>& diagnostics) {
    std::size_t reported = 0;
    std::size_t unreported = 0;
    for (const ElfFileResult& result : results) {
        if (result.errors.empty() && !result.truncated) {
            continue;
        }
        if (reported == k_max_file_diagnostics) {
            ++unreported;
            continue;
        }
        ++reported;
        if (result.truncated) {
            diagnostics.push_back(diagnostics::make(
                "FW055", "",
                fmt::format("{}: an ELF file of {} bytes was cut at the per-file read limit; "
                            "its hardening was judged from the first bytes only",
                            result.path, result.size),
                "raise the per-file limit to judge it whole", {result.path}));
        }
        for (const elf::Problem& problem : result.errors) {
            diagnostics.push_back(diagnostics::make(
                problem.code, "",
                fmt::format("{}@0x{:x}: {}", result.path, problem.offset, problem.message),
                "the file is malformed or not meant for a program loader; its hardening "
                "results may miss what could not be read",
                {result.path}));
        }
    }
    if (unreported > 0) {
        diagnostics.push_back(diagnostics::make(
            "FW056", "",
            fmt::format("{} more ELF files could not be read completely (the per-file table "
                        "lists their errors)",
                        unreported)));
    }
}

nlohmann::json file_json(const ElfFileResult& result) {
    const elf::Hardening& h = result.hardening;
    nlohmann::json errors = nlohmann::json::array();
    for (const elf::Problem& problem : result.errors) {
        errors.push_back(
            {{"code", problem.code}, {"offset", problem.offset}, {"message", problem.message}});
    }
    nlohmann::json issues = nlohmann::json::array();
    for (const SearchPathIssue& issue : result.search_path_issues) {
        issues.push_back({{"entry", issue.entry}, {"reason", issue.reason}});
    }
    return {{"path", result.path},
            {"size", result.size},
            {"truncated", result.truncated},
            {"kind", to_string(result.kind)},
            {"machine", h.machine},
            {"nx", h.nx},
            {"pie", to_string(h.pie)},
            {"relro", to_string(h.relro)},
            {"canary", h.canary},
            {"fortify", h.fortify},
            {"fortified", h.fortified},
            {"fortifiable", h.fortifiable},
            {"rpath", h.rpath},
            {"runpath", h.runpath},
            {"search_path_issues", issues},
            {"symbols", h.symbols},
            {"errors", errors}};
}

}  // namespace

std::string_view to_string(ElfKind kind) {
    switch (kind) {
        case ElfKind::executable:
            return "executable";
        case ElfKind::library:
            return "library";
        case ElfKind::other:
            return "other";
    }
    return "other";
}

ElfFileResult check_elf_file(std::string path, util::Bytes content) {
    const elf::File file = elf::parse(content);
    ElfFileResult result;
    result.path = std::move(path);
    result.size = content.size();
    result.hardening = elf::assess(file);
    result.kind = kind_of(result.hardening);
    result.errors = file.errors;
    return result;
}

nlohmann::json elf_results_json(const std::vector<ElfFileResult>& results) {
    std::vector<const ElfFileResult*> sorted;
    for (const ElfFileResult& result : results) {
        sorted.push_back(&result);
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const auto* a, const auto* b) { return a->path < b->path; });
    nlohmann::json table = nlohmann::json::array();
    for (const ElfFileResult* result : sorted) {
        table.push_back(file_json(*result));
    }
    return table;
}

void BinaryHardeningCheck::visit(const FileEntry& entry, util::Bytes content) {
    if (entry.type == FileType::directory) {
        m_directory_modes.emplace(entry.path, entry.mode);
        return;
    }
    if (entry.type != FileType::regular || !elf::is_elf(content)) {
        return;
    }
    ElfFileResult result = check_elf_file(entry.path, content);
    result.size = entry.size;
    result.truncated = entry.truncated;
    m_results.push_back(std::move(result));
}

// An entry is a risk when it is relative to the working directory (empty, or not starting
// with '/' or $ORIGIN), lies in a place every user can write, or names a directory of the
// image that others may write.
void BinaryHardeningCheck::judge_search_paths(ElfFileResult& result) const {
    const std::string prefix = container_prefix(result.path);
    for (const auto* list : {&result.hardening.rpath, &result.hardening.runpath}) {
        for (const std::string& entry : *list) {
            if (entry.starts_with("$ORIGIN") || entry.starts_with("${ORIGIN}")) {
                continue;
            }
            if (!entry.starts_with('/')) {
                result.search_path_issues.push_back(
                    {entry, "relative to the working directory of whoever runs it"});
                continue;
            }
            const std::string relative = normalise_absolute(entry);
            const auto mode = m_directory_modes.find(prefix + relative);
            if (mode != m_directory_modes.end() && (mode->second & 0002) != 0) {
                result.search_path_issues.push_back({entry, "world-writable in the image"});
            } else if (in_writable_place(relative)) {
                result.search_path_issues.push_back({entry, "a place every user can write"});
            }
        }
    }
}

void BinaryHardeningCheck::finish(std::vector<judge::Finding>& findings,
                                  std::vector<diagnostics::Diagnostic>& diagnostics) {
    for (ElfFileResult& result : m_results) {
        result.search_path_issues.clear();
        judge_search_paths(result);
    }
    report_problems(m_results, diagnostics);
    if (m_results.empty()) {
        return;
    }
    findings.push_back(firmware_finding(
        "FW-ELF-SUMMARY", {"5.6-7", "5.6-9"}, judge::Effect::informs, Severity::note,
        summary_message(m_results), m_results.front().path,
        "Build every program and library with the toolchain's hardening flags (-fPIE -pie, "
        "-fstack-protector-strong, -D_FORTIFY_SOURCE=2, -z relro -z now, -z noexecstack)."));
    for (const Rule& rule : rules()) {
        std::vector<const ElfFileResult*> matching;
        for (const ElfFileResult& result : m_results) {
            if (rule.matches(result)) {
                matching.push_back(&result);
            }
        }
        if (matching.empty()) {
            continue;
        }
        // Executables first: a program is where a missing protection matters most.
        std::stable_partition(matching.begin(), matching.end(), [](const ElfFileResult* r) {
            return r->kind == ElfKind::executable;
        });
        findings.push_back(firmware_finding(
            std::string(rule.id), rule.provisions, judge::Effect::informs, rule.severity,
            fmt::format("{} of {} ELF files {}: {}", matching.size(), m_results.size(), rule.what,
                        example_list(matching)),
            matching.front()->path, std::string(rule.remediation)));
    }
}

}  // namespace iotconform::firmware
