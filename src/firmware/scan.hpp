// A firmware scan: every check run over the image in one pass of the reader, and the
// outputs people and CI read (a summary, JSON in the findings-file format so `assess
// --findings` can take it, and SARIF 2.1.0).
#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "firmware/check.hpp"
#include "firmware/tree.hpp"
#include "standard/standard.hpp"

namespace iotconform::firmware {

struct ScanOptions {
    const standard::Standard* edition = nullptr;  // provision ids of the findings
    ReadLimits limits = ReadLimits::defaults();
    Progress progress;
};

struct ScanResult {
    std::string input;  // as given
    ReadStats stats;
    std::vector<judge::Finding> findings;  // by severity, then rule, then location
    // Reading (FW001..) and checks' diagnostics. An error means the image could not be
    // read at all; warnings mean the analysis is incomplete and say why.
    std::vector<diagnostics::Diagnostic> diagnostics;
    nlohmann::json binaries;  // per-ELF hardening table
    double seconds = 0;
};

// The checks of a scan, in the order they report: credentials, secrets, services, crypto,
// binary hardening.
std::vector<std::unique_ptr<Check>> make_checks(const standard::Standard& edition);

ScanResult scan(const std::filesystem::path& input, const ScanOptions& options);

// "N errors, M warnings, K notes" and the findings, most severe first.
std::string scan_summary(const ScanResult& result);
// The findings file (docs/findings-format.md) plus what was read and the ELF table.
nlohmann::json scan_json(const ScanResult& result);
nlohmann::json scan_sarif(const ScanResult& result);

}  // namespace iotconform::firmware
