// Row-by-row comparison of two judgements.
#include "migrate/diff.hpp"

#include <fmt/format.h>

#include "util/text.hpp"

namespace iotconform::migrate {

namespace {

std::string support_of(const judge::ProvisionResult* result) {
    if (result == nullptr || result->entry == nullptr || !result->entry->support) {
        return "-";
    }
    return std::string(ics::to_string(*result->entry->support));
}

std::string detail_of(const judge::ProvisionResult* result) {
    return result != nullptr && result->entry != nullptr
               ? util::collapse_whitespace(result->entry->detail)
               : std::string();
}

std::string summary(const judge::ProvisionResult* result) {
    if (result == nullptr) {
        return "(no such row)";
    }
    const std::string detail = detail_of(result);
    return fmt::format("{} | {} | {} | {}{}", support_of(result),
                       judge::to_string(result->applicability), judge::to_string(result->verdict),
                       detail.substr(0, 60), detail.size() > 60 ? "..." : "");
}

}  // namespace

Difference compare(const judge::Judgement& before, const judge::Judgement& after) {
    Difference difference;
    difference.conformance_before = std::string(judge::to_string(before.conformance));
    difference.conformance_after = std::string(judge::to_string(after.conformance));
    for (const judge::ProvisionResult& now : after.results) {
        const judge::ProvisionResult* then = before.find(now.provision->id);
        RowChange change{now.provision->id, {}, summary(then), summary(&now)};
        if (then == nullptr) {
            change.fields.push_back("row");
        } else {
            if (support_of(then) != support_of(&now)) {
                change.fields.push_back("support");
            }
            if (detail_of(then) != detail_of(&now)) {
                change.fields.push_back("detail");
            }
            if (then->applicability != now.applicability) {
                change.fields.push_back("applicability");
            }
            if (then->verdict != now.verdict) {
                change.fields.push_back("verdict");
            }
        }
        if (!change.fields.empty()) {
            difference.rows.push_back(std::move(change));
        }
    }
    for (const judge::ProvisionResult& then : before.results) {
        if (after.find(then.provision->id) == nullptr) {
            difference.rows.push_back(
                {then.provision->id, {"row"}, summary(&then), summary(nullptr)});
        }
    }
    return difference;
}

std::string format_difference(const Difference& difference, const std::string& before_name,
                              const std::string& after_name) {
    std::string out =
        fmt::format("--- {} ({})\n+++ {} ({})\n", before_name, difference.conformance_before,
                    after_name, difference.conformance_after);
    if (difference.rows.empty()) {
        return out + "no differences in support, detail, applicability or verdict\n";
    }
    out += fmt::format("{} changed:\n", util::counted(difference.rows.size(), "row"));
    for (const RowChange& row : difference.rows) {
        out += fmt::format("{:<8} [{}]\n  - {}\n  + {}\n", row.provision,
                           util::join(row.fields, ", "), row.before, row.after);
    }
    return out;
}

}  // namespace iotconform::migrate
