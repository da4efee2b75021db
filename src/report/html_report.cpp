// The HTML report: one self-contained page (inline style, script and SVG; no network) that
// an auditor can open, filter and print.
#include <fmt/format.h>

#include <array>

#include "report/report_text.hpp"
#include "report/reports.hpp"
#include "util/escape.hpp"

namespace iotconform::report {

namespace {

using util::html_escape;

constexpr std::array k_verdicts = {judge::Verdict::pass, judge::Verdict::fail,
                                   judge::Verdict::not_applicable, judge::Verdict::incomplete};

constexpr std::string_view k_style = R"(
:root { --pass:#1a7f37; --fail:#cf222e; --na:#8c959f; --incomplete:#bf8700; --line:#d0d7de; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color:#1f2328;
       margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 8px; } h2 { font-size: 18px; margin-top: 32px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
.identity td:first-child { width: 180px; font-weight: 600; }
.badge { display: inline-block; padding: 2px 8px; border-radius: 4px; color: #fff; font-weight: 600;
         white-space: nowrap; }
.pass { background: var(--pass); } .fail { background: var(--fail); }
.not-applicable { background: var(--na); } .incomplete { background: var(--incomplete); }
.conformant { background: var(--pass); } .not-conformant { background: var(--fail); }
.result { font-size: 18px; }
.filters { display: flex; gap: 16px; align-items: center; margin: 12px 0; flex-wrap: wrap; }
.filters label { font-weight: 600; }
.clause-row td { background: #eaeef2; font-weight: 600; }
.reason { color: #57606a; font-size: 13px; }
.error { color: var(--fail); font-weight: 600; } .warning { color: var(--incomplete); font-weight: 600; }
.note { color: #57606a; font-weight: 600; }
.legend span { margin-right: 12px; } .legend i { display: inline-block; width: 10px; height: 10px;
  margin-right: 4px; }
@media print {
  .filters { display: none; }
  tr { break-inside: avoid; }
  tr[hidden] { display: table-row !important; }
  body { max-width: none; padding: 0; }
  .badge { border: 1px solid #000; color: #000; background: none !important; }
}
)";

// Filters rows by verdict, clause and text; marks the body when done so tests and
// printing can tell the script ran.
constexpr std::string_view k_script = R"(
(function () {
  'use strict';
  var verdict = document.getElementById('filter-verdict');
  var clause = document.getElementById('filter-clause');
  var text = document.getElementById('filter-text');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#ics tbody tr.provision'));
  var counter = document.getElementById('shown');
  function apply() {
    var v = verdict.value, c = clause.value, t = text.value.toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!v || row.dataset.verdict === v) && (!c || row.dataset.clause === c) &&
               (!t || row.textContent.toLowerCase().indexOf(t) >= 0);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    document.querySelectorAll('#ics tbody tr.clause-row').forEach(function (head) {
      var any = rows.some(function (row) { return !row.hidden && row.dataset.clause === head.dataset.clause; });
      head.hidden = !any;
    });
    counter.textContent = shown + ' of ' + rows.length + ' provisions shown';
  }
  [verdict, clause].forEach(function (el) { el.addEventListener('change', apply); });
  text.addEventListener('input', apply);
  apply();
  document.body.dataset.ready = 'true';
})();
)";

std::string colour_of(judge::Verdict verdict) {
    switch (verdict) {
        case judge::Verdict::pass:
            return "var(--pass)";
        case judge::Verdict::fail:
            return "var(--fail)";
        case judge::Verdict::not_applicable:
            return "var(--na)";
        case judge::Verdict::incomplete:
            return "var(--incomplete)";
    }
    return "var(--na)";
}

// A horizontal stacked bar per clause, drawn here so the page needs no charting library.
std::string chart(const judge::Judgement& judgement) {
    const auto& clauses = judgement.standard->clauses();
    int widest = 1;
    std::vector<std::array<int, 4>> counts;
    for (const standard::Clause& clause : clauses) {
        std::array<int, 4> row{};
        for (const judge::ProvisionResult& result : judgement.results) {
            if (result.provision->clause == clause.number) {
                ++row[static_cast<std::size_t>(result.verdict)];
            }
        }
        widest = std::max(widest, row[0] + row[1] + row[2] + row[3]);
        counts.push_back(row);
    }
    constexpr int k_label = 60;
    constexpr int k_bar_area = 520;
    constexpr int k_row = 22;
    const int unit = k_bar_area / widest;
    const int height = static_cast<int>(clauses.size()) * k_row + 4;
    std::string svg = fmt::format(
        "<svg id=\"chart\" role=\"img\" aria-label=\"Verdicts per clause\" width=\"{}\" "
        "height=\"{}\" "
        "viewBox=\"0 0 {} {}\" xmlns=\"http://www.w3.org/2000/svg\">\n",
        k_label + k_bar_area + 40, height, k_label + k_bar_area + 40, height);
    for (std::size_t i = 0; i < clauses.size(); ++i) {
        const int y = static_cast<int>(i) * k_row + 2;
        svg += fmt::format("<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text>\n", y + 14,
                           html_escape(clauses[i].number));
        int x = k_label;
        for (std::size_t v = 0; v < k_verdicts.size(); ++v) {
            const int n = counts[i][v];
            if (n == 0) {
                continue;
            }
            svg += fmt::format(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" style=\"fill:{}\">"
                "<title>{} {}: {}</title></rect>\n",
                x, y, n * unit, colour_of(k_verdicts[v]), html_escape(clauses[i].number),
                judge::to_string(k_verdicts[v]), n);
            x += n * unit;
        }
        svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>\n", x + 4, y + 14,
                           counts[i][0] + counts[i][1] + counts[i][2] + counts[i][3]);
    }
    svg += "</svg>\n<div class=\"legend\">";
    for (const judge::Verdict verdict : k_verdicts) {
        svg += fmt::format("<span><i style=\"background:{}\"></i>{}</span>", colour_of(verdict),
                           judge::to_string(verdict));
    }
    return svg + "</div>\n";
}

void write_summary(std::string& out, const judge::Judgement& judgement) {
    const ics::Product& product = *judgement.product;
    const std::string result_slug =
        judgement.conformance == judge::Conformance::conformant       ? "conformant"
        : judgement.conformance == judge::Conformance::not_conformant ? "not-conformant"
                                                                      : "incomplete";
    out += fmt::format("<h1>{}: {}</h1>\n", html_escape(judgement.standard->short_title()),
                       html_escape(product.identity.name));
    out += "<table class=\"identity\">\n";
    const auto row = [&](std::string_view label, std::string_view value) {
        if (!value.empty()) {
            out += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", label, html_escape(value));
        }
    };
    row("Manufacturer", product.identity.manufacturer);
    row("Model", product.identity.model);
    row("Firmware version", product.identity.firmware_version);
    row("Scope", ics::to_string(product.scope));
    row("Standard", judgement.standard->title());
    out += fmt::format(
        "<tr><td>Result</td><td><span id=\"result\" class=\"badge result "
        "{}\">{}</span></td></tr>\n",
        result_slug, judge::to_string(judgement.conformance));
    out += fmt::format("<tr><td>Why</td><td>{}</td></tr>\n",
                       html_escape(judgement.conformance_reason));
    out +=
        fmt::format("<tr><td>Mandatory</td><td>{}</td></tr>\n", counts_line(judgement.mandatory));
    out += fmt::format("<tr><td>Recommendations</td><td>{}</td></tr>\n",
                       counts_line(judgement.recommended));
    out += "</table>\n";
}

void write_attention(std::string& out, const judge::Judgement& judgement) {
    const std::vector<const judge::ProvisionResult*> attention = needing_attention(judgement);
    if (attention.empty()) {
        return;
    }
    out += "<h2>What needs attention</h2>\n<ul id=\"attention\">\n";
    for (const judge::ProvisionResult* result : attention) {
        const std::string hint = hint_for(judgement, *result);
        out += fmt::format(
            "<li><span class=\"badge {0}\">{1}</span> <a href=\"#p-{2}\">{2}</a>: {3}{4}</li>\n",
            verdict_slug(result->verdict), judge::to_string(result->verdict),
            html_escape(result->provision->id), html_escape(result->reason),
            hint.empty() ? ""
                         : std::string(result->reason.ends_with('.') ? " " : ". ") +
                               "<em>What to do:</em> " + html_escape(hint) + ".");
    }
    out +=
        "</ul>\n<p class=\"reason\">The <a href=\"#diagnostics\">diagnostics</a> say where in "
        "the statement, and what to do.</p>\n";
}

void write_table(std::string& out, const judge::Judgement& judgement) {
    out +=
        "<h2>Table B.1</h2>\n<div class=\"filters\">\n<label for=\"filter-verdict\">Verdict</label>"
        "<select id=\"filter-verdict\"><option value=\"\">all</option>";
    for (const judge::Verdict verdict : k_verdicts) {
        out += fmt::format("<option value=\"{}\">{}</option>", verdict_slug(verdict),
                           judge::to_string(verdict));
    }
    out +=
        "</select>\n<label for=\"filter-clause\">Clause</label><select id=\"filter-clause\">"
        "<option value=\"\">all</option>";
    for (const standard::Clause& clause : judgement.standard->clauses()) {
        out += fmt::format("<option value=\"{}\">{} {}</option>", html_escape(clause.number),
                           html_escape(clause.number), html_escape(clause.title));
    }
    out +=
        "</select>\n<label for=\"filter-text\">Search</label><input id=\"filter-text\" "
        "type=\"search\">\n<span id=\"shown\"></span>\n</div>\n";
    out +=
        "<table id=\"ics\">\n<thead><tr><th>Provision</th><th>Description</th><th>Status</th>"
        "<th>Support</th><th>Detail</th><th>Verdict</th></tr></thead>\n<tbody>\n";
    std::string clause;
    for (const judge::ProvisionResult& result : judgement.results) {
        const standard::Provision& provision = *result.provision;
        if (provision.clause != clause) {
            clause = provision.clause;
            out += fmt::format(
                "<tr class=\"clause-row\" data-clause=\"{}\"><td colspan=\"6\">{} {}</td></tr>\n",
                html_escape(clause), html_escape(clause),
                html_escape(judgement.standard->find_clause(clause)->title));
        }
        out += fmt::format(
            "<tr class=\"provision\" id=\"p-{}\" data-verdict=\"{}\" data-clause=\"{}\"><td>{}</td>"
            "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><span class=\"badge {}\">{}</span>"
            "<div class=\"reason\">{}</div></td></tr>\n",
            html_escape(provision.id), verdict_slug(result.verdict), html_escape(provision.clause),
            html_escape(provision.id), html_escape(description_of(provision)),
            standard::format_status(provision.status), support_of(result),
            html_escape(detail_of(result)), verdict_slug(result.verdict), verdict_label(result),
            html_escape(result.reason));
    }
    out += "</tbody>\n</table>\n";
}

void write_conditions(std::string& out, const judge::Judgement& judgement) {
    out +=
        "<h2>Conditions</h2>\n<table id=\"conditions\"><thead><tr><th>Condition</th><th>Key</th>"
        "<th>Text</th><th>Answer</th></tr></thead><tbody>\n";
    for (const ConditionRow& row : condition_rows(judgement)) {
        out += fmt::format("<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>\n",
                           row.label, html_escape(row.key), html_escape(row.text), row.answer);
    }
    for (const ConditionRow& row : feature_rows(judgement)) {
        out += fmt::format(
            "<tr><td>feature {}</td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>\n",
            row.label, html_escape(row.key), html_escape(row.text), row.answer);
    }
    out += "</tbody></table>\n";
}

void write_evidence(std::string& out, const judge::Judgement& judgement) {
    std::string rows;
    for (const judge::ProvisionResult& result : judgement.results) {
        for (const judge::Finding& finding : result.findings) {
            rows += fmt::format(
                "<tr><td><a href=\"#p-{0}\">{0}</a></td><td>{1}</td><td>{2}</td><td>{3}</td>"
                "<td>{4}</td><td>{5}</td></tr>\n",
                html_escape(result.provision->id), html_escape(finding.source),
                html_escape(finding.rule_id), html_escape(effect_label(finding)),
                html_escape(finding.message), html_escape(finding.location));
        }
    }
    if (rows.empty()) {
        return;
    }
    out +=
        "<h2>Evidence from automatic checks</h2>\n<table id=\"evidence\"><thead><tr>"
        "<th>Provision</th><th>Source</th><th>Rule</th><th>Effect</th><th>Finding</th>"
        "<th>Location</th></tr></thead><tbody>\n" +
        rows + "</tbody></table>\n";
}

void write_diagnostics(std::string& out, const judge::Judgement& judgement) {
    out += fmt::format("<h2>Diagnostics ({})</h2>\n", judgement.diagnostics.size());
    out +=
        "<table id=\"diagnostics\"><thead><tr><th>Severity</th><th>Code</th><th>Provision</th>"
        "<th>Where</th><th>Message</th><th>What to do</th></tr></thead><tbody>\n";
    for (const diagnostics::Diagnostic& d : judgement.diagnostics) {
        const std::string severity(diagnostics::to_string(d.severity));
        out += fmt::format(
            "<tr><td "
            "class=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            severity, severity, html_escape(d.code),
            d.provision.empty()
                ? ""
                : fmt::format("<a href=\"#p-{0}\">{0}</a>", html_escape(d.provision)),
            html_escape(d.position.to_string()), html_escape(d.message), html_escape(d.hint));
    }
    out += "</tbody></table>\n";
}

}  // namespace

std::string render_html(const judge::Judgement& judgement) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += fmt::format("<title>{}: {}</title>\n", html_escape(judgement.standard->short_title()),
                       html_escape(judgement.product->identity.name));
    out += fmt::format("<style>{}</style>\n</head>\n<body>\n", k_style);
    write_summary(out, judgement);
    write_attention(out, judgement);
    out += "<h2>Verdicts per clause</h2>\n" + chart(judgement);
    write_table(out, judgement);
    write_conditions(out, judgement);
    write_evidence(out, judgement);
    write_diagnostics(out, judgement);
    out += fmt::format("<p class=\"reason\">{} Generated by iotconform.</p>\n",
                       html_escape(provision_text_attribution(*judgement.standard)));
    out += fmt::format("<script>{}</script>\n</body>\n</html>\n", k_script);
    return out;
}

}  // namespace iotconform::report
