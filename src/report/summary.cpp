// The short terminal summary `assess` prints.
#include <fmt/format.h>

#include "report/report_text.hpp"
#include "report/reports.hpp"
#include "util/escape.hpp"
#include "util/text.hpp"

namespace iotconform::report {

namespace {

struct Paint {
    Colour colour;

    std::string operator()(std::string_view text, std::string_view code) const {
        if (colour == Colour::never) {
            return std::string(text);
        }
        return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
    }
};

std::string_view code_of(judge::Verdict verdict) {
    switch (verdict) {
        case judge::Verdict::pass:
            return "32";
        case judge::Verdict::fail:
            return "1;31";
        case judge::Verdict::not_applicable:
            return "90";
        case judge::Verdict::incomplete:
            return "33";
    }
    return "0";
}

std::string_view code_of(judge::Conformance conformance) {
    switch (conformance) {
        case judge::Conformance::conformant:
            return "1;32";
        case judge::Conformance::not_conformant:
            return "1;31";
        case judge::Conformance::incomplete:
            return "1;33";
    }
    return "0";
}

}  // namespace

std::string render_summary(const judge::Judgement& judgement, Colour colour) {
    const Paint paint{colour};
    std::string out =
        fmt::format("{} against {}\n", subject_line(judgement), judgement.standard->short_title());
    out +=
        fmt::format("  result: {}\n  {}\n",
                    paint(judge::to_string(judgement.conformance), code_of(judgement.conformance)),
                    judgement.conformance_reason);
    out += fmt::format("  mandatory:       {}\n", counts_line(judgement.mandatory));
    out += fmt::format("  recommendations: {}\n", counts_line(judgement.recommended));

    // A fresh import answers little; twenty lines say enough, the reports say the rest.
    constexpr std::size_t k_listed = 20;
    const std::vector<const judge::ProvisionResult*> attention = needing_attention(judgement);
    for (std::size_t i = 0; i < attention.size() && i < k_listed; ++i) {
        const judge::ProvisionResult& result = *attention[i];
        // Pad before painting: escape codes would otherwise count as width.
        const std::string verdict = fmt::format("{:<10}", judge::to_string(result.verdict));
        out += fmt::format("  {} {:<7} {}\n", paint(verdict, code_of(result.verdict)),
                           result.provision->id, util::printable(result.reason));
    }
    if (attention.size() > k_listed) {
        out += fmt::format("  ... and {} more in the reports\n", attention.size() - k_listed);
    }

    std::size_t errors = 0;
    std::size_t warnings = 0;
    std::size_t notes = 0;
    for (const diagnostics::Diagnostic& d : judgement.diagnostics) {
        (d.severity == diagnostics::Severity::error     ? errors
         : d.severity == diagnostics::Severity::warning ? warnings
                                                        : notes) += 1;
    }
    out += fmt::format("  diagnostics:     {}, {}, {}\n", util::counted(errors, "error"),
                       util::counted(warnings, "warning"), util::counted(notes, "note"));
    // Errors and warnings, compiler style, so a user can fix the file without opening a
    // report; a long list is cut, the reports have all of it.
    constexpr std::size_t k_shown = 20;
    std::size_t shown = 0;
    for (const diagnostics::Diagnostic& d : judgement.diagnostics) {
        if (d.severity == diagnostics::Severity::note) {
            continue;
        }
        if (shown++ == k_shown) {
            out += fmt::format("  ... and {} more in the reports\n", errors + warnings - k_shown);
            break;
        }
        std::string line = diagnostics::format_for_terminal(d);
        std::string indented = "  ";
        for (const char c : line) {
            indented += c;
            if (c == '\n') {
                indented += "  ";
            }
        }
        out += indented + "\n";
    }
    return out;
}

std::vector<util::OutputFile> render_all(const judge::Judgement& judgement) {
    return {
        {"report.md", render_markdown(judgement)}, {"report.html", render_html(judgement)},
        {"report.json", render_json(judgement)},   {"report.csv", render_csv(judgement)},
        {"report.sarif", render_sarif(judgement)},
    };
}

}  // namespace iotconform::report
