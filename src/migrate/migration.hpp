// Migrating a statement from one edition of the standard to another (V2.1.1 to V3.1.3):
// answers carried over where the meaning carries, split rows copied and marked for review,
// new rows added unanswered, and a report of every decision left to a person.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ics/product.hpp"
#include "standard/standard.hpp"

namespace iotconform::migrate {

// What happened to one row or answer.
enum class Change {
    carried,         // copied under the same reference, same level
    renamed,         // copied under a new reference (4-1 -> 5.0-1)
    level_changed,   // copied, but mandatory became recommended or the reverse
    split,           // copied to each half of a split provision
    added,           // new in the target edition: unanswered
    answer_carried,  // a condition answer carried to a condition or feature
    answer_dropped,  // a condition answer with no counterpart
    kept,            // an artifact or suppression, carried over unchanged
};

std::string_view to_string(Change change);

struct Note {
    Change change = Change::carried;
    std::string from;  // V2 reference or condition key; empty for an added row
    std::string to;    // V3 reference or condition/feature key; empty for a dropped answer
    std::string message;
    bool review = false;  // a person has to decide
};

struct Migration {
    ics::Product product;     // in the target edition
    std::vector<Note> notes;  // in the target's Table B.1 order, answers first
};

// The built-in editions `migrate` can convert between, as "from -> to" ids.
std::vector<std::pair<std::string, std::string>> available_migrations();

// Migrates `product` to `target`. Returns nullopt when no built-in migration leads from
// the product's edition to `target`. Rows marked for review carry a `review` text in the
// product file, which the judgement reports until a person removes it.
std::optional<Migration> migrate(const ics::Product& product, const standard::Standard& target);

// Makes the relative artifact paths of a migrated `product` name the same files when it is
// written to `output` instead of beside `source_file` (paths in a product file are relative
// to its folder), and updates the notes of the artifacts accordingly. Absolute paths, and
// every path when both files share a folder, stay as written.
void relocate_artifacts(Migration& migration, const std::string& source_file,
                        const std::string& output);

// The reference in `from` that `to`'s provision `target_id` carries over from (the same
// reference, a renamed one such as 4-1 for 5.0-1, or the provision a split half came
// from), or empty when it is new or no migration connects the editions.
std::string source_reference(const standard::Standard& from, const standard::Standard& to,
                             const std::string& target_id);

// The migration report in Markdown: what carried over, and every decision left open.
std::string report_markdown(const Migration& migration, const ics::Product& source);

}  // namespace iotconform::migrate
