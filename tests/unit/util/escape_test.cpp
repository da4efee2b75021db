// Tests escaping for HTML text, CSV fields and Markdown table cells.
#include "util/escape.hpp"

#include <gtest/gtest.h>

#include <string>

namespace iotconform::util {
namespace {

TEST(HtmlEscape, EscapesTheFiveSpecialCharacters) {
    EXPECT_EQ(html_escape("<a href=\"x\">Tom & Jerry's</a>"),
              "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
}

TEST(HtmlEscape, LeavesOtherTextAlone) {
    EXPECT_EQ(html_escape(""), "");
    EXPECT_EQ(html_escape("plain text, 5.1-1\nnext line"), "plain text, 5.1-1\nnext line");
    EXPECT_EQ(html_escape("caf\xC3\xA9"), "caf\xC3\xA9");
}

TEST(HtmlEscape, AmpersandIsNotDoubleDecoded) {
    // An already escaped entity is escaped again: the text shows "&amp;" literally.
    EXPECT_EQ(html_escape("&amp;"), "&amp;amp;");
}

TEST(HtmlEscape, ScriptCannotBreakOut) {
    const std::string escaped = html_escape("</script><script>alert('x')</script>");
    EXPECT_EQ(escaped.find('<'), std::string::npos);
    EXPECT_EQ(escaped.find('>'), std::string::npos);
    EXPECT_EQ(escaped.find('\''), std::string::npos);
}

TEST(CsvField, PlainTextIsUnquoted) {
    EXPECT_EQ(csv_field("plain text"), "plain text");
    EXPECT_EQ(csv_field(""), "");
    EXPECT_EQ(csv_field("5.1-1"), "5.1-1");
}

TEST(CsvField, CommaIsQuoted) {
    EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
}

TEST(CsvField, QuotesAreDoubledAndQuoted) {
    EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_field("\""), "\"\"\"\"");
}

TEST(CsvField, LineBreaksAreQuotedAndKept) {
    EXPECT_EQ(csv_field("line1\nline2"), "\"line1\nline2\"");
    EXPECT_EQ(csv_field("line1\r\nline2"), "\"line1\r\nline2\"");
    EXPECT_EQ(csv_field("a\rb"), "\"a\rb\"");
}

TEST(CsvField, MixedSpecialCharacters) {
    EXPECT_EQ(csv_field("a, \"b\"\nc"), "\"a, \"\"b\"\"\nc\"");
}

TEST(MarkdownCell, PipesAreEscaped) {
    EXPECT_EQ(markdown_cell("a|b"), "a\\|b");
    EXPECT_EQ(markdown_cell("||"), "\\|\\|");
}

TEST(MarkdownCell, NewlineBecomesBreak) {
    EXPECT_EQ(markdown_cell("line1\nline2"), "line1<br>line2");
    EXPECT_EQ(markdown_cell("a\n\nb"), "a<br><br>b");
}

TEST(MarkdownCell, CarriageReturnIsDropped) {
    EXPECT_EQ(markdown_cell("line1\r\nline2"), "line1<br>line2");
    EXPECT_EQ(markdown_cell("a\rb"), "ab");
}

TEST(MarkdownCell, OuterWhitespaceIsTrimmed) {
    EXPECT_EQ(markdown_cell("  text \n"), "text");
    EXPECT_EQ(markdown_cell(""), "");
}

TEST(MarkdownCell, ResultHasNoLineBreakOrBarePipe) {
    const std::string cell = markdown_cell("x | y\r\nz|\n|w");
    EXPECT_EQ(cell, "x \\| y<br>z\\|<br>\\|w");
    EXPECT_EQ(cell.find('\n'), std::string::npos);
    EXPECT_EQ(cell.find('\r'), std::string::npos);
}

}  // namespace
// Reports never pass a statement's HTML through; autolinks stay links; exports keep the
// user's own text.
TEST(MarkdownCell, EscapesHtmlButKeepsAutolinks) {
    EXPECT_EQ(markdown_cell("<script>alert(1)</script>"), "&lt;script>alert(1)&lt;/script>");
    EXPECT_EQ(markdown_cell("see <https://example.org/x>."), "see <https://example.org/x>.");
    EXPECT_EQ(markdown_cell("a < b <https://x y>"), "a &lt; b &lt;https://x y>");
    EXPECT_EQ(markdown_cell("<b>bold</b>", Html::keep), "<b>bold</b>");
}

TEST(SpreadsheetField, DefusesFormulas) {
    EXPECT_EQ(spreadsheet_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    EXPECT_EQ(spreadsheet_field("+1"), "'+1");
    EXPECT_EQ(spreadsheet_field("@SUM(A1)"), "'@SUM(A1)");
    EXPECT_EQ(spreadsheet_field("plain"), "plain");
}

// A file name from the command line may hold any bytes: `image info --json` on
// $'bad\xffname.bin' must print JSON, not die in nlohmann's strict UTF-8 check.
TEST(JsonText, BytesThatAreNotUtf8BecomeTheReplacementCharacter) {
    const nlohmann::json value = {{"file", "bad\xffname.bin"}, {"size", 3}};
    std::string text;
    ASSERT_NO_THROW(text = json_text(value));
    EXPECT_NE(text.find("\"bad\xEF\xBF\xBDname.bin\""), std::string::npos) << text;
    EXPECT_EQ(nlohmann::json::parse(text)["size"], 3);
    EXPECT_EQ(text.back(), '\n');
}

TEST(Printable, ControlsBadBytesAndInvisibleCodePointsAreShown) {
    EXPECT_EQ(printable("a\x1b[2Jb\x07"), "a\\x1b[2Jb\\x07");
    EXPECT_EQ(printable("line\nnext", true), "line\nnext");
    EXPECT_EQ(printable("line\nnext"), "line\\x0anext");
    EXPECT_EQ(printable("\x9b"
                        "2J"),
              "\\x9b2J");  // a raw 8-bit CSI
    EXPECT_EQ(printable("\xc2\x9b"
                        "2J"),
              "\\u009b2J");  // the same in UTF-8
    EXPECT_EQ(printable("a\xe2\x80\xae"
                        "bad"),
              "a\\u202ebad");  // right-to-left override
    EXPECT_EQ(printable("\xff\xfe"), "\\xff\\xfe");
    EXPECT_EQ(printable("\xc0\xaf"), "\\xc0\\xaf");                                // overlong '/'
    EXPECT_EQ(printable("caf\xc3\xa9 \xe2\x80\x99"), "caf\xc3\xa9 \xe2\x80\x99");  // kept
}

TEST(MarkdownCell, EvidenceTextCannotBecomeALinkOrFormatting) {
    EXPECT_EQ(markdown_cell("*[l](javascript:x)* `c`", Html::literal),
              "\\*\\[l\\](javascript:x)\\* \\`c\\`");
    EXPECT_EQ(markdown_cell("CONFIG_SHELL _x_", Html::literal), "CONFIG_SHELL \\_x\\_");
    EXPECT_EQ(markdown_cell("<https://example.com>", Html::literal), "&lt;https://example.com>");
    EXPECT_EQ(markdown_cell("<https://example.com>"), "<https://example.com>");
    EXPECT_EQ(markdown_cell("**bold** in a detail"), "**bold** in a detail");
    EXPECT_EQ(markdown_cell("a\xe2\x80\xae"
                            "b"),
              "a\\u202eb");
    EXPECT_EQ(html_escape("x\x9by"), "x\\x9by");
}

}  // namespace iotconform::util
