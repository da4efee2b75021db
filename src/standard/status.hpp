// A provision's status as Table B.1 writes it: "M", "R C (9, 12)", "M C F (14, e)".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iotconform::standard {

enum class Level { mandatory, recommendation };

struct Status {
    Level level = Level::mandatory;
    std::vector<int> conditions;        // numbered conditions, all of which must hold
    std::vector<std::string> features;  // V3 feature letters, all of which must be present

    bool conditional() const { return !conditions.empty() || !features.empty(); }
    bool operator==(const Status&) const = default;
};

struct StatusParse {
    std::optional<Status> status;
    // True when the text gave the letters without their list ("M C", as the Zephyr page
    // writes): `status` then has no conditions or features and only `letters` can be
    // compared with the standard.
    bool letters_only = false;
    std::string letters;  // canonical letters of what was written: "M", "R C", "M C F"
    std::string error;    // why the text is not a status, when `status` is empty
};

// Parses the status notation of Table B.1, leniently about spacing, case, commas and
// brackets: "M", "R", "M C (1)", "R C (9, 12)", "M C F (14, e)", "R F (a)", and the
// letters alone ("M C"). A list without its marker is an error, as is a list that gives
// numbers for F or letters for C only: a document that does so has lost information.
[[nodiscard]] StatusParse parse_status(std::string_view text);

// The canonical notation: "M", "R C (9, 12)", "M C F (14, e)".
std::string format_status(const Status& status);

// "M C" style letters only, without the list: what the Zephyr page writes.
std::string format_status_letters(const Status& status);

}  // namespace iotconform::standard
