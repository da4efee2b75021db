// Tests for the document readers (rst, Markdown, CSV, rendered text) and the mapping of
// what they read onto the standard.
#include <gtest/gtest.h>

#include "document/exporter.hpp"
#include "document/importer.hpp"
#include "document/table.hpp"
#include "standard/catalog.hpp"

namespace iotconform::document {
namespace {

const standard::Standard& v211() {
    return *standard::find_standard("en303645-2.1.1");
}

bool has_code(const std::vector<diagnostics::Diagnostic>& found, std::string_view code) {
    return std::any_of(found.begin(), found.end(),
                       [&](const diagnostics::Diagnostic& d) { return d.code == code; });
}

TEST(RstReader, ReadsAListTableWithWrappedCellsAndAnchors) {
    const Table table = read_rst(
        ".. list-table:: B.1\n"
        "    :header-rows: 1\n"
        "\n"
        "    * - Provision\n"
        "      - Status\n"
        "      - Support\n"
        "      - Detail\n"
        "\n"
        "        .. _anchor:\n"
        "    * - Provision 5.1-1\n"
        "      - M C\n"
        "      - Y\n"
        "      - first line\n"
        "        wrapped\n"
        "\n"
        "        second paragraph\n",
        "t.rst");
    ASSERT_EQ(table.rows.size(), 1u);
    EXPECT_EQ(table.rows[0].line, 10);
    EXPECT_EQ(table.rows[0].reference, "Provision 5.1-1");
    EXPECT_EQ(table.rows[0].support, "Y");
    EXPECT_EQ(table.rows[0].detail, "first line wrapped\nsecond paragraph");
    EXPECT_TRUE(table.diagnostics.empty());
}

TEST(RstReader, MissingCellIsIMP002AndOtherTablesAreSkipped) {
    const Table table = read_rst(
        ".. list-table:: Terms\n\n    * - user\n      - a person\n\n"
        ".. list-table:: B.1\n    :header-rows: 1\n\n"
        "    * - Provision\n      - Support\n      - Detail\n"
        "    * - 5.1-1\n      - Y\n",
        "t.rst");
    ASSERT_EQ(table.rows.size(), 1u);
    EXPECT_TRUE(has_code(table.diagnostics, "IMP002"));
    EXPECT_EQ(table.diagnostics[0].position.line, 12);
}

TEST(MarkdownReader, KeepsMarkupAndReadsSections) {
    const Table table = read_markdown(
        "### 5.1 Passwords\n\n"
        "| **Ref.** | Support | Detail |\n|:--|:-:|---|\n"
        "| **5.1-1** | **Y** | see [policy](https://x.example) \\| more<br>next `a|b` |\n",
        "t.md");
    ASSERT_EQ(table.rows.size(), 1u);
    EXPECT_EQ(table.rows[0].reference, "5.1-1");
    EXPECT_EQ(table.rows[0].support, "Y");
    EXPECT_EQ(table.rows[0].detail, "see [policy](https://x.example) | more\nnext `a|b`");
    EXPECT_EQ(table.rows[0].section_clause, "5.1");
}

TEST(CsvReader, QuotedFieldsAndSemicolons) {
    const Table table =
        read_csv("Reference;Support;Comment\r\n5.1-1;Y;\"a;b\r\n\"\"c\"\"\"\r\n", "t.csv");
    ASSERT_EQ(table.rows.size(), 1u)
        << (table.diagnostics.empty() ? "" : table.diagnostics[0].message);
    EXPECT_EQ(table.rows[0].detail, "a;b\n\"c\"");
    EXPECT_EQ(table.rows[0].line, 2);
}

TEST(TextReader, CellsAreRecognisedByWhatTheyHold) {
    const Table table = read_text(
        "Provision 5.1-1\n\nWhere passwords are used...\n\nM C\n\nN/A\n\n"
        "Provision 5.1-5\n\nWhen the device...\n\nM C\n\nN\n\nTODO\n",
        "t.txt");
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(table.rows[0].support, "N/A");
    EXPECT_EQ(table.rows[0].detail, "");
    EXPECT_EQ(table.rows[1].support, "N");
    EXPECT_EQ(table.rows[1].detail, "TODO");
}

TEST(GuessFormat, ByNameThenContent) {
    EXPECT_EQ(guess_format("a.RST", ""), Format::rst);
    EXPECT_EQ(guess_format("a", ".. list-table:: x"), Format::rst);
    EXPECT_EQ(guess_format("a", "| a | b |\n|---|---|"), Format::markdown);
    EXPECT_EQ(guess_format("a", "Provision,Support\n"), Format::csv);
    EXPECT_EQ(guess_format("a", "Provision 5.1-1\n"), Format::text);
}

TEST(Importer, MapsRowsAndReportsWhatItCouldNot) {
    Table table;
    table.rows = {{3, "Provision 5.1-1", "", "M C", "Y", "ok", ""},
                  {4, "5.1-1", "", "", "N", "again", ""},
                  {5, "5.9-9", "", "", "Y", "", ""},
                  {6, "5.3-10", "", "M", "maybe", "", ""},
                  {7, "5.4-1", "", "", "Y", "x", "5.3"}};
    ImportOptions options;
    options.standard = &v211();
    const ImportResult result = import_table(table, options, "d.md");
    ASSERT_TRUE(result.product.has_value());
    EXPECT_TRUE(has_code(result.diagnostics, "IMP004"));  // 5.1-1 twice
    EXPECT_TRUE(has_code(result.diagnostics, "IMP003"));  // 5.9-9
    EXPECT_TRUE(has_code(result.diagnostics, "IMP006"));  // maybe
    EXPECT_TRUE(has_code(result.diagnostics, "IMP007"));  // M for M C (11, 12)
    EXPECT_TRUE(has_code(result.diagnostics, "IMP010"));  // 5.4-1 under 5.3
    EXPECT_TRUE(has_code(result.diagnostics, "IMP005"));  // the rest not mentioned
    EXPECT_EQ(result.product->find_entry("5.1-1")->detail, "ok");
    EXPECT_FALSE(
        result.product->find_entry("5.1-1")->published_status.has_value());  // "M C" agrees
    EXPECT_EQ(result.product->find_entry("5.3-10")->published_status, "M");
}

TEST(Exporter, MarkdownCarriesEvidenceAndAnswersBack) {
    ics::Product product;
    product.standard = &v211();
    product.identity.name = "Hub | One";
    product.conditions[1] = {ics::Answer::yes, {}};
    ics::IcsEntry entry;
    entry.provision_id = "5.1-1";
    entry.support = ics::Support::yes;
    entry.detail = "line one\nline | two";
    entry.evidence = {"docs/a.md", "https://x.example/b"};
    product.entries.push_back(entry);
    const std::string markdown = export_table(product, Format::markdown);
    const ImportResult back = import_table(read_markdown(markdown, "e.md"), {}, "e.md");
    ASSERT_TRUE(back.product.has_value());
    EXPECT_EQ(back.product->standard, &v211());
    EXPECT_EQ(back.product->identity.name, "Hub | One");
    EXPECT_EQ(back.product->conditions.at(1).answer, ics::Answer::yes);
    const ics::IcsEntry* again = back.product->find_entry("5.1-1");
    ASSERT_NE(again, nullptr);
    EXPECT_EQ(again->detail, entry.detail);
    EXPECT_EQ(again->evidence, entry.evidence);
}

// ---- regressions from hostile documents -----------------------------------------------------

TEST(RstReader, MisindentedRowIsAnErrorNotADetail) {
    const Table table = read_rst(
        ".. list-table::\n    :header-rows: 1\n\n"
        "    * - Provision\n      - Support\n      - Detail\n"
        "    * - 5.1-1\n      - Y\n      - password\n"
        "     * - 5.1-2\n       - N\n       - none\n",
        "t.rst");
    EXPECT_TRUE(has_code(table.diagnostics, "IMP002"));
}

TEST(RstReader, TablesInCommentsAndCodeBlocksAreNotRead) {
    const Table table = read_rst(
        "..\n   .. list-table::\n       :header-rows: 1\n\n       * - Provision\n         - "
        "Support\n"
        "       * - 5.1-2\n         - N\n\n"
        ".. list-table::\n    :header-rows: 1\n\n    * - Provision\n      - Support\n"
        "    * - 5.1-1\n      - Y\n",
        "t.rst");
    ASSERT_EQ(table.rows.size(), 1u);
    EXPECT_EQ(table.rows[0].reference, "5.1-1");
}

TEST(MarkdownReader, RowsWithoutOuterPipesAndTablesInCodeOrComments) {
    const Table table = read_markdown(
        "```\n| Provision | Support |\n|---|---|\n| 5.1-3 | Y |\n```\n"
        "<!--\n| Provision | Support |\n|---|---|\n| 5.1-4 | Y |\n-->\n"
        "Provision | Support\n---|---\n5.1-1 | Y\n5.1-2 | N\n",
        "t.md");
    ASSERT_EQ(table.rows.size(), 2u);
    EXPECT_EQ(table.rows[0].reference, "5.1-1");
    EXPECT_EQ(table.rows[1].reference, "5.1-2");
}

TEST(CsvReader, TwoColumnsForOneFieldAreAnErrorAndUnknownColumnsAWarning) {
    EXPECT_TRUE(
        has_code(read_csv("Provision,Support,Detail,Comments\n5.1-1,Y,a,b\n", "t.csv").diagnostics,
                 "IMP009"));
    const Table other = read_csv("Provision,Support,Evidence\n5.1-1,Y,a\n", "t.csv");
    EXPECT_TRUE(has_code(other.diagnostics, "IMP013"));
    EXPECT_EQ(other.rows.size(), 1u);
    const Table cr = read_csv("Provision,Support\r5.1-1,Y\r5.1-2,N\r", "t.csv");
    EXPECT_EQ(cr.rows.size(), 2u);
}

TEST(TextReader, AReferenceWithoutStatusIsAnError) {
    const Table table = read_text(
        "Provision 5.1-1\n\nText\n\nM C\n\nY\n\nSee also\n\nProvision 5.1-4\n\nmore detail\n",
        "t.txt");
    EXPECT_TRUE(has_code(table.diagnostics, "IMP002"));
}

TEST(Importer, AnUnmappableProvisionIsAnError) {
    Table table;
    table.rows = {{3, "5.3-4A", "", "", "Y", "x", ""}};
    ImportOptions options;
    options.standard = &v211();
    const ImportResult result = import_table(table, options, "d.md");
    EXPECT_TRUE(diagnostics::has_errors(result.diagnostics));
}

}  // namespace
}  // namespace iotconform::document
