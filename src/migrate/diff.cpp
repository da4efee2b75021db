// Row-by-row comparison of two judgements.
#include "migrate/diff.hpp"

#include <fmt/format.h>

#include <set>
#include <tuple>

#include "migrate/migration.hpp"
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
    const ics::Identity& old_identity = before.product->identity;
    const ics::Identity& new_identity = after.product->identity;
    for (const auto& [field, then, now] :
         {std::tuple{"edition", before.standard->id(), after.standard->id()},
          std::tuple{"name", old_identity.name, new_identity.name},
          std::tuple{"manufacturer", old_identity.manufacturer, new_identity.manufacturer},
          std::tuple{"model", old_identity.model, new_identity.model},
          std::tuple{"firmware_version", old_identity.firmware_version,
                     new_identity.firmware_version}}) {
        if (then != now) {
            difference.identity.push_back(fmt::format("{}: {} -> {}", field, then, now));
        }
    }

    // Rows are paired by reference; across editions, through the migration mapping, so
    // 5.0-1 is compared with 4-1 and each half of a split row with the row it came from.
    std::set<std::string> paired;
    for (const judge::ProvisionResult& now : after.results) {
        const std::string source =
            source_reference(*before.standard, *after.standard, now.provision->id);
        const judge::ProvisionResult* then = source.empty() ? nullptr : before.find(source);
        RowChange change{now.provision->id, {}, summary(then), summary(&now)};
        if (then == nullptr) {
            change.fields.push_back("row");
        } else {
            paired.insert(source);
            if (source != now.provision->id) {
                change.fields.push_back("reference (from " + source + ")");
            }
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
        if (!paired.contains(then.provision->id) && after.find(then.provision->id) == nullptr) {
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
    for (const std::string& line : difference.identity) {
        out += "changed " + line + "\n";
    }
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
