// Tests the string helpers: trimming, case, splitting, typo distance, UTF-8 checks, positions.
#include "util/text.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace iotconform::util {
namespace {

using Strings = std::vector<std::string>;

TEST(Trim, RemovesLeadingAndTrailingWhitespace) {
    EXPECT_EQ(trim("  a b \t\r\n"), "a b");
    EXPECT_EQ(trim("\n\tx"), "x");
    EXPECT_EQ(trim("x"), "x");
}

TEST(Trim, AllWhitespaceAndEmptyGiveEmpty) {
    EXPECT_EQ(trim(""), "");
    EXPECT_EQ(trim(" \t\n\v\f\r "), "");
}

TEST(Trim, KeepsInnerWhitespaceAndNonAsciiBytes) {
    EXPECT_EQ(trim(" a  \n b "), "a  \n b");
    EXPECT_EQ(trim(" caf\xC3\xA9 "), "caf\xC3\xA9");
}

TEST(ToLower, LowersAsciiOnly) {
    EXPECT_EQ(to_lower("Hello WORLD 42_x"), "hello world 42_x");
    EXPECT_EQ(to_lower("\xC3\x89T\xC3\x89"), "\xC3\x89t\xC3\x89");
    EXPECT_EQ(to_lower(""), "");
}

TEST(IEquals, IgnoresAsciiCase) {
    EXPECT_TRUE(iequals("Constrained Device", "constrained device"));
    EXPECT_TRUE(iequals("", ""));
    EXPECT_FALSE(iequals("abc", "abd"));
    EXPECT_FALSE(iequals("abc", "abcd"));
    EXPECT_FALSE(iequals("abc ", "abc"));
}

TEST(Split, KeepsEmptyFields) {
    EXPECT_EQ(split("a,,b,", ','), (Strings{"a", "", "b", ""}));
    EXPECT_EQ(split(",a", ','), (Strings{"", "a"}));
    EXPECT_EQ(split("", ','), (Strings{""}));
    EXPECT_EQ(split(",", ','), (Strings{"", ""}));
}

TEST(Split, NoSeparatorGivesWholeText) {
    EXPECT_EQ(split("abc", ','), (Strings{"abc"}));
    EXPECT_EQ(split("a b;c", ';'), (Strings{"a b", "c"}));
}

TEST(Join, PutsSeparatorBetweenParts) {
    EXPECT_EQ(join({"a", "b", "c"}, ", "), "a, b, c");
    EXPECT_EQ(join({"only"}, ", "), "only");
    EXPECT_EQ(join({}, ", "), "");
    EXPECT_EQ(join({"", ""}, "|"), "|");
}

TEST(Join, InvertsSplit) {
    const std::string text = "x,,y,z,";
    EXPECT_EQ(join(split(text, ','), ","), text);
}

TEST(EditDistance, ClassicExamples) {
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3U);
    EXPECT_EQ(edit_distance("flaw", "lawn"), 2U);
    EXPECT_EQ(edit_distance("pasword", "password"), 1U);
}

TEST(EditDistance, EmptyAndEqual) {
    EXPECT_EQ(edit_distance("", ""), 0U);
    EXPECT_EQ(edit_distance("", "abc"), 3U);
    EXPECT_EQ(edit_distance("abcd", ""), 4U);
    EXPECT_EQ(edit_distance("same", "same"), 0U);
}

TEST(EditDistance, IgnoresCaseAndIsSymmetric) {
    EXPECT_EQ(edit_distance("ABC", "abc"), 0U);
    EXPECT_EQ(edit_distance("Telemetry", "telemtry"), 1U);
    EXPECT_EQ(edit_distance("sunday", "saturday"), edit_distance("saturday", "sunday"));
    EXPECT_EQ(edit_distance("sunday", "saturday"), 3U);
}

TEST(Nearest, FindsTypo) {
    const Strings candidates = {"telemetry_collected", "password", "constrained_device"};
    EXPECT_EQ(nearest("pasword", candidates), (Strings{"password"}));
    EXPECT_EQ(nearest("PASSWROD", candidates), (Strings{"password"}));
}

TEST(Nearest, ShortUnrelatedWordFindsNothing) {
    const Strings candidates = {"passwords_used", "constrained_device", "telemetry_collected",
                                "update_mechanism"};
    EXPECT_TRUE(nearest("xyz", candidates).empty());
    EXPECT_TRUE(nearest("anything", {}).empty());
}

TEST(Nearest, BestFirstAndLimited) {
    const Strings candidates = {"passwords", "password", "passport"};
    // "password" is 1 edit from "passwrd", "passwords" 2, "passport" 3 (too far).
    EXPECT_EQ(nearest("passwrd", candidates), (Strings{"password", "passwords"}));
    EXPECT_EQ(nearest("passwrd", candidates, 1), (Strings{"password"}));
    EXPECT_TRUE(nearest("passwrd", candidates, 0).empty());
}

TEST(Nearest, CandidateContainingTheWordCounts) {
    const Strings candidates = {"debug_interface_accessible", "passwords_used"};
    EXPECT_EQ(nearest("debug", candidates), (Strings{"debug_interface_accessible"}));
}

TEST(Nearest, KeepsCandidateSpelling) {
    EXPECT_EQ(nearest("iot product", {"IoT Product"}), (Strings{"IoT Product"}));
}

TEST(CollapseWhitespace, RunsBecomeSingleSpaces) {
    EXPECT_EQ(collapse_whitespace("  a \n\t b   c  "), "a b c");
    EXPECT_EQ(collapse_whitespace("a\r\nb"), "a b");
    EXPECT_EQ(collapse_whitespace("abc"), "abc");
    EXPECT_EQ(collapse_whitespace(" \n\t "), "");
    EXPECT_EQ(collapse_whitespace(""), "");
}

TEST(FindInvalidUtf8, AcceptsValidText) {
    EXPECT_EQ(find_invalid_utf8(""), std::nullopt);
    EXPECT_EQ(find_invalid_utf8("plain ASCII\n"), std::nullopt);
    // 2-, 3- and 4-byte sequences: e-acute, euro sign, an emoji.
    EXPECT_EQ(find_invalid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"), std::nullopt);
    // The extremes: U+0080, U+07FF, U+0800, U+FFFF, U+10000, U+10FFFF.
    EXPECT_EQ(find_invalid_utf8("\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80"
                                "\xF4\x8F\xBF\xBF"),
              std::nullopt);
    // Just around the surrogates: U+D7FF and U+E000.
    EXPECT_EQ(find_invalid_utf8("\xED\x9F\xBF\xEE\x80\x80"), std::nullopt);
}

TEST(FindInvalidUtf8, OverlongForms) {
    EXPECT_EQ(find_invalid_utf8("\xC0\xAF"), std::optional<std::size_t>(0));
    EXPECT_EQ(find_invalid_utf8("ab\xC1\xBF"), std::optional<std::size_t>(2));
    EXPECT_EQ(find_invalid_utf8("\xE0\x80\xAF"), std::optional<std::size_t>(0));
    EXPECT_EQ(find_invalid_utf8("x\xF0\x8F\xBF\xBF"), std::optional<std::size_t>(1));
}

TEST(FindInvalidUtf8, Surrogates) {
    EXPECT_EQ(find_invalid_utf8("\xED\xA0\x80"), std::optional<std::size_t>(0));
    EXPECT_EQ(find_invalid_utf8("ok \xED\xBF\xBF"), std::optional<std::size_t>(3));
}

TEST(FindInvalidUtf8, TruncatedSequences) {
    EXPECT_EQ(find_invalid_utf8("abc\xE2\x82"), std::optional<std::size_t>(3));
    EXPECT_EQ(find_invalid_utf8("\xC3"), std::optional<std::size_t>(0));
    EXPECT_EQ(find_invalid_utf8("a\xF0\x9F\x98"), std::optional<std::size_t>(1));
    // Cut short by an ASCII byte rather than by the end.
    EXPECT_EQ(find_invalid_utf8("a\xE2\x82"
                                "b"),
              std::optional<std::size_t>(1));
}

TEST(FindInvalidUtf8, AboveU10FFFF) {
    EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), std::optional<std::size_t>(0));
    EXPECT_EQ(find_invalid_utf8("\xC3\xA9\xF7\xBF\xBF\xBF"), std::optional<std::size_t>(2));
}

TEST(FindInvalidUtf8, StrayAndImpossibleBytes) {
    EXPECT_EQ(find_invalid_utf8("a\x80"), std::optional<std::size_t>(1));
    EXPECT_EQ(find_invalid_utf8("\xBF"), std::optional<std::size_t>(0));
    EXPECT_EQ(find_invalid_utf8("ab\xFF"), std::optional<std::size_t>(2));
    EXPECT_EQ(find_invalid_utf8("\xF8\x88\x80\x80\x80"), std::optional<std::size_t>(0));
    EXPECT_EQ(find_invalid_utf8("\xFE"), std::optional<std::size_t>(0));
}

TEST(FindInvalidUtf8, ReportsFirstOfSeveral) {
    EXPECT_EQ(find_invalid_utf8("\xC3\xA9\xE2\x82\xAC"
                                "x\x80y\xFF"),
              std::optional<std::size_t>(6));
}

TEST(FindInvalidUtf8, EmbeddedNulIsValid) {
    const std::string text("a\0b", 3);
    EXPECT_EQ(find_invalid_utf8(text), std::nullopt);
}

TEST(LineColumn, StartIsLineOneColumnOne) {
    const LineColumn position = line_column("abc", 0);
    EXPECT_EQ(position.line, 1);
    EXPECT_EQ(position.column, 1);
}

TEST(LineColumn, CountsLinesAndBytes) {
    const std::string text = "ab\ncd\n\nxyz";
    EXPECT_EQ(line_column(text, 2).line, 1);
    EXPECT_EQ(line_column(text, 2).column, 3);
    EXPECT_EQ(line_column(text, 3).line, 2);
    EXPECT_EQ(line_column(text, 3).column, 1);
    EXPECT_EQ(line_column(text, 4).line, 2);
    EXPECT_EQ(line_column(text, 4).column, 2);
    EXPECT_EQ(line_column(text, 6).line, 3);
    EXPECT_EQ(line_column(text, 6).column, 1);
    EXPECT_EQ(line_column(text, 9).line, 4);
    EXPECT_EQ(line_column(text, 9).column, 3);
}

TEST(LineColumn, ColumnsAreBytes) {
    // "é" is two bytes, so the byte after it is column 3.
    const LineColumn position = line_column("\xC3\xA9x", 2);
    EXPECT_EQ(position.line, 1);
    EXPECT_EQ(position.column, 3);
}

TEST(LineColumn, OffsetPastEndStopsAtEnd) {
    const LineColumn position = line_column("ab\ncd", 100);
    EXPECT_EQ(position.line, 2);
    EXPECT_EQ(position.column, 3);
}

TEST(LineColumn, LocatesInvalidUtf8) {
    const std::string text = "line one\nline \xC0\xAF two";
    const std::optional<std::size_t> bad = find_invalid_utf8(text);
    ASSERT_TRUE(bad.has_value());
    const LineColumn position = line_column(text, *bad);
    EXPECT_EQ(position.line, 2);
    EXPECT_EQ(position.column, 6);
}

}  // namespace
}  // namespace iotconform::util
