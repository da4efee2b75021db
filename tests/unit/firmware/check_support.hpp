// Helpers for the firmware check tests: feed files to a check and look at what it found.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "firmware/check.hpp"
#include "standard/catalog.hpp"

namespace iotconform::firmware::testing {

struct Result {
    std::vector<judge::Finding> findings;
    std::vector<diagnostics::Diagnostic> diagnostics;

    // Findings of `rule`.
    std::vector<judge::Finding> of(const std::string& rule) const {
        std::vector<judge::Finding> out;
        std::copy_if(findings.begin(), findings.end(), std::back_inserter(out),
                     [&](const judge::Finding& f) { return f.rule_id == rule; });
        return out;
    }
    // Findings of severity warning or error.
    std::vector<judge::Finding> serious() const {
        std::vector<judge::Finding> out;
        std::copy_if(
            findings.begin(), findings.end(), std::back_inserter(out),
            [](const judge::Finding& f) { return f.severity != diagnostics::Severity::note; });
        return out;
    }
};

inline FileEntry file(std::string path, FileType type = FileType::regular,
                      std::string target = {}) {
    FileEntry entry;
    entry.path = std::move(path);
    entry.type = type;
    entry.link_target = std::move(target);
    return entry;
}

inline void feed(Check& check, const FileEntry& entry, std::string_view content = {}) {
    check.visit(entry, util::as_bytes(content));
}

inline Result finish(Check& check) {
    Result result;
    check.finish(result.findings, result.diagnostics);
    return result;
}

// A file of a test image: its path and its text.
struct TextFile {
    std::string path;
    std::string text;
};

// The findings of a fresh `CheckType` that saw `files`, in the order given.
template <typename CheckType>
std::vector<judge::Finding> findings_of(const std::vector<TextFile>& files) {
    CheckType check;
    for (const TextFile& text_file : files) {
        FileEntry entry = file(text_file.path);
        entry.size = text_file.text.size();
        feed(check, entry, text_file.text);
    }
    return finish(check).findings;
}

inline const standard::Standard& v2() {
    return *standard::find_standard("en303645-2.1.1");
}
inline const standard::Standard& v3() {
    return *standard::find_standard("en303645-3.1.3");
}

inline std::string describe(const std::vector<judge::Finding>& findings) {
    std::string out;
    for (const judge::Finding& f : findings) {
        out += f.rule_id + " " + f.location + ": " + f.message + "\n";
    }
    return out;
}

}  // namespace iotconform::firmware::testing
