// Tests parse_status and format_status on Table B.1 status notation ("M C F (14, e)").
#include "standard/status.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace iotconform::standard {
namespace {

Status make(Level level, std::vector<int> conditions = {}, std::vector<std::string> features = {}) {
    Status status;
    status.level = level;
    status.conditions = std::move(conditions);
    status.features = std::move(features);
    return status;
}

// Parses `text` and expects a complete status (not letters only).
Status parsed(const std::string& text) {
    const StatusParse result = parse_status(text);
    EXPECT_TRUE(result.status.has_value()) << text << ": " << result.error;
    EXPECT_FALSE(result.letters_only) << text;
    EXPECT_TRUE(result.error.empty()) << text << ": " << result.error;
    return result.status.value_or(Status{});
}

void expect_error(const std::string& text) {
    const StatusParse result = parse_status(text);
    EXPECT_FALSE(result.status.has_value()) << "'" << text << "' was accepted";
    EXPECT_FALSE(result.error.empty()) << "'" << text << "' gave no reason";
    EXPECT_FALSE(result.letters_only) << text;
}

TEST(ParseStatus, Mandatory) {
    EXPECT_EQ(parsed("M"), make(Level::mandatory));
    EXPECT_EQ(parse_status("M").letters, "M");
}

TEST(ParseStatus, Recommendation) {
    EXPECT_EQ(parsed("R"), make(Level::recommendation));
    EXPECT_EQ(parse_status("R").letters, "R");
}

TEST(ParseStatus, ConditionalWithOneCondition) {
    EXPECT_EQ(parsed("M C (1)"), make(Level::mandatory, {1}));
    EXPECT_EQ(parse_status("M C (1)").letters, "M C");
}

TEST(ParseStatus, ConditionalWithTwoConditions) {
    EXPECT_EQ(parsed("R C (9, 12)"), make(Level::recommendation, {9, 12}));
}

TEST(ParseStatus, ConditionsAndFeatures) {
    EXPECT_EQ(parsed("M C F (14, e)"), make(Level::mandatory, {14}, {"e"}));
    EXPECT_EQ(parse_status("M C F (14, e)").letters, "M C F");
}

TEST(ParseStatus, FeatureOnly) {
    EXPECT_EQ(parsed("R F (a)"), make(Level::recommendation, {}, {"a"}));
    EXPECT_EQ(parse_status("R F (a)").letters, "R F");
}

TEST(ParseStatus, TwoLetterFeature) {
    EXPECT_EQ(parsed("M F (aa, b)"), make(Level::mandatory, {}, {"aa", "b"}));
}

TEST(ParseStatus, LenientAboutSpacingAndCase) {
    EXPECT_EQ(parsed("m c(1,2)"), make(Level::mandatory, {1, 2}));
    EXPECT_EQ(parsed("  r   C  ( 9 ,12 )  "), make(Level::recommendation, {9, 12}));
    EXPECT_EQ(parsed("M C F (14, E)"), make(Level::mandatory, {14}, {"e"}));
    EXPECT_EQ(parsed("M C (3; 4)"), make(Level::mandatory, {3, 4}));
}

TEST(ParseStatus, ConditionalStatusIsConditional) {
    EXPECT_TRUE(parsed("M C (1)").conditional());
    EXPECT_TRUE(parsed("R F (a)").conditional());
    EXPECT_FALSE(parsed("M").conditional());
}

TEST(ParseStatus, LettersOnlyConditional) {
    const StatusParse result = parse_status("M C");
    ASSERT_TRUE(result.status.has_value()) << result.error;
    EXPECT_TRUE(result.letters_only);
    EXPECT_EQ(result.letters, "M C");
    EXPECT_EQ(result.status->level, Level::mandatory);
    EXPECT_TRUE(result.status->conditions.empty());
    EXPECT_TRUE(result.status->features.empty());
}

TEST(ParseStatus, LettersOnlyIsCanonicalised) {
    const StatusParse result = parse_status(" r  c f ");
    ASSERT_TRUE(result.status.has_value()) << result.error;
    EXPECT_TRUE(result.letters_only);
    EXPECT_EQ(result.letters, "R C F");
    EXPECT_EQ(result.status->level, Level::recommendation);
}

TEST(ParseStatus, EmptyIsAnError) {
    expect_error("");
    expect_error("   ");
}

TEST(ParseStatus, UnknownLetterIsAnError) {
    expect_error("X");
    expect_error("C");
    expect_error("M M");
    expect_error("M X (1)");
}

TEST(ParseStatus, UnclosedListIsAnError) {
    expect_error("M C (");
    expect_error("M C (1");
}

TEST(ParseStatus, StrayClosingBracketIsAnError) {
    expect_error("M C 1)");
    expect_error("M C (1))");
}

TEST(ParseStatus, ListWithoutMarkerIsAnError) {
    expect_error("M (1)");
    expect_error("R (a)");
}

TEST(ParseStatus, EmptyListIsAnError) {
    expect_error("M C ()");
    expect_error("R F ( )");
}

TEST(ParseStatus, TextAfterListIsAnError) {
    expect_error("M C (1) junk");
    expect_error("M C (1) (2)");
}

TEST(ParseStatus, LettersInConditionOnlyListAreAnError) {
    // Letters are features, which need the F marker.
    expect_error("R C (a)");
    expect_error("M C (1, a)");
}

TEST(ParseStatus, NumbersInFeatureOnlyListAreAnError) {
    expect_error("R F (1)");
    expect_error("M F (a, 2)");
}

TEST(ParseStatus, MarkersOutOfOrderAreAnError) {
    expect_error("M F C (1, a)");
    expect_error("M C C (1)");
}

TEST(ParseStatus, ListItemThatIsNeitherNumberNorLetterIsAnError) {
    expect_error("M C (1.5)");
    expect_error("M C (1234)");
    expect_error("M F (abc)");
}

TEST(FormatStatus, CanonicalNotation) {
    EXPECT_EQ(format_status(make(Level::mandatory)), "M");
    EXPECT_EQ(format_status(make(Level::recommendation)), "R");
    EXPECT_EQ(format_status(make(Level::mandatory, {1})), "M C (1)");
    EXPECT_EQ(format_status(make(Level::recommendation, {9, 12})), "R C (9, 12)");
    EXPECT_EQ(format_status(make(Level::mandatory, {14}, {"e"})), "M C F (14, e)");
    EXPECT_EQ(format_status(make(Level::recommendation, {}, {"a"})), "R F (a)");
}

TEST(FormatStatus, LettersOnly) {
    EXPECT_EQ(format_status_letters(make(Level::mandatory)), "M");
    EXPECT_EQ(format_status_letters(make(Level::recommendation, {9, 12})), "R C");
    EXPECT_EQ(format_status_letters(make(Level::mandatory, {14}, {"e"})), "M C F");
    EXPECT_EQ(format_status_letters(make(Level::recommendation, {}, {"a"})), "R F");
}

TEST(FormatStatus, RoundTripsThroughParse) {
    const std::vector<Status> statuses = {
        make(Level::mandatory),
        make(Level::recommendation),
        make(Level::mandatory, {1}),
        make(Level::recommendation, {9, 12}),
        make(Level::mandatory, {11, 12}),
        make(Level::mandatory, {14}, {"e"}),
        make(Level::recommendation, {3, 12, 15}, {"aa", "b"}),
        make(Level::recommendation, {}, {"a"}),
    };
    for (const Status& status : statuses) {
        const std::string text = format_status(status);
        const StatusParse result = parse_status(text);
        ASSERT_TRUE(result.status.has_value()) << text << ": " << result.error;
        EXPECT_EQ(*result.status, status) << text;
        EXPECT_EQ(result.letters, format_status_letters(status)) << text;
        EXPECT_EQ(format_status(*result.status), text);
    }
}

TEST(FormatStatus, LenientInputFormatsCanonically) {
    const StatusParse result = parse_status("r c(9,12)");
    ASSERT_TRUE(result.status.has_value()) << result.error;
    EXPECT_EQ(format_status(*result.status), "R C (9, 12)");
}

}  // namespace
// Hand-written V3 tables give each marker its own list: "M C (14) F (e)".
TEST(ParseStatus, SeparateListsForConditionsAndFeatures) {
    const StatusParse parsed = parse_status("M C (14) F (e)");
    ASSERT_TRUE(parsed.status.has_value()) << parsed.error;
    EXPECT_EQ(parsed.status->conditions, std::vector<int>{14});
    EXPECT_EQ(parsed.status->features, std::vector<std::string>{"e"});
    EXPECT_EQ(format_status(*parsed.status), "M C F (14, e)");
    EXPECT_FALSE(parse_status("M C (14) X (e)").status.has_value());
    EXPECT_FALSE(parse_status("M C (14) C (3)").status.has_value());
}

}  // namespace iotconform::standard
