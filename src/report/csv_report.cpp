// The CSV report: the table with verdicts, one row per provision, for spreadsheets.
#include <fmt/format.h>

#include "report/report_text.hpp"
#include "report/reports.hpp"
#include "util/escape.hpp"

namespace iotconform::report {

std::string render_csv(const judge::Judgement& judgement) {
    std::string out =
        "Provision,Clause,Description,Status,Support,Detail,Applicability,Verdict,Reason\r\n";
    for (const judge::ProvisionResult& result : judgement.results) {
        const standard::Provision& provision = *result.provision;
        const std::vector<std::string> fields = {
            provision.id,
            provision.clause,
            description_of(provision),
            standard::format_status(provision.status),
            support_of(result),
            detail_of(result),
            std::string(judge::to_string(result.applicability)),
            verdict_label(result),
            result.reason,
        };
        for (std::size_t i = 0; i < fields.size(); ++i) {
            out += (i > 0 ? "," : "") + util::spreadsheet_field(fields[i]);
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace iotconform::report
