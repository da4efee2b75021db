// Reports: every output format is drawn from one Judgement, so they cannot disagree.
#pragma once

#include <string>
#include <vector>

#include "judge/engine.hpp"
#include "util/fs.hpp"

namespace iotconform::report {

// The version of the JSON report's layout (docs/report-schema.json). Raised on any change
// a consumer could notice.
inline constexpr int k_json_report_version = 1;

enum class Colour { never, always };

// Table B.1 pro forma, grouped by clause, with the conditions under it, then the
// verdicts and the diagnostics.
std::string render_markdown(const judge::Judgement& judgement);

// One self-contained HTML page: summary, chart of verdicts per clause, filterable table,
// diagnostics. No network access, no external assets.
std::string render_html(const judge::Judgement& judgement);

// Every provision, verdict, reason and diagnostic (layout: docs/report-schema.json).
std::string render_json(const judge::Judgement& judgement);

// The table as CSV, one row per provision.
std::string render_csv(const judge::Judgement& judgement);

// SARIF 2.1.0: every diagnostic as a result on the product file's line, for CI.
std::string render_sarif(const judge::Judgement& judgement);

// A short summary for the terminal.
std::string render_summary(const judge::Judgement& judgement, Colour colour);

// All file reports: report.md, report.html, report.json, report.csv and report.sarif.
std::vector<util::OutputFile> render_all(const judge::Judgement& judgement);

}  // namespace iotconform::report
