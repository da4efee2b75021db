// Comparing two assessments: two revisions of one statement, or a statement before and
// after migration. Both are judged, so the comparison covers what the rules conclude, not
// only what the files say.
#pragma once

#include <string>
#include <vector>

#include "judge/engine.hpp"

namespace iotconform::migrate {

struct RowChange {
    std::string provision;  // canonical id (in the newer statement's edition)
    // "support", "detail", "applicability", "verdict"; "row" for a row only one side has;
    // "reference (from X)" for a row compared with its source in an earlier edition.
    std::vector<std::string> fields;
    std::string before;  // "Y | PASS | detail..." summary of the old row
    std::string after;
};

struct Difference {
    std::vector<std::string> identity;  // "name: A -> B", edition and identity changes
    std::vector<RowChange> rows;  // in the newer statement's Table B.1 order, then removed rows
    std::string conformance_before;
    std::string conformance_after;
};

// Compares `before` and `after`, row by row by reference.
Difference compare(const judge::Judgement& before, const judge::Judgement& after);

// The difference as a plain-text table for the terminal.
std::string format_difference(const Difference& difference, const std::string& before_name,
                              const std::string& after_name);

}  // namespace iotconform::migrate
