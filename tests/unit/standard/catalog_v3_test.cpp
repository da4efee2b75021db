// Tests for the built-in EN 303 645 V3.1.3 edition: rows, statuses with F, conditions,
// features, and that every text is marked as iotconform's summary.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "standard/catalog.hpp"
#include "support/reference.hpp"
#include "util/text.hpp"

namespace iotconform::standard {
namespace {

const Standard& v313() {
    return *find_standard("en303645-3.1.3");
}

TEST(CatalogV313, IsBuiltInAndTheDefault) {
    ASSERT_NE(find_standard("en303645-3.1.3"), nullptr);
    ASSERT_NE(find_standard("V3.1.3"), nullptr);
    EXPECT_EQ(&default_standard(), &v313());
}

TEST(CatalogV313, Has78RowsFiveConditionsAnd27Features) {
    EXPECT_EQ(v313().provisions().size(), 78u);
    EXPECT_EQ(v313().conditions().size(), 5u);
    EXPECT_EQ(v313().features().size(), 27u);
    std::set<std::string> keys;
    for (const std::string& key : v313().answer_keys()) {
        EXPECT_TRUE(keys.insert(key).second) << key;
    }
}

// The V3 wording is not available to the project: no report may present a summary as
// the standard's text.
TEST(CatalogV313, EveryTextIsMarkedAsASummary) {
    for (const Provision& provision : v313().provisions()) {
        EXPECT_TRUE(provision.text_is_summary) << provision.id;
        EXPECT_FALSE(util::trim(provision.text).empty()) << provision.id;
    }
}

TEST(CatalogV313, JustificationsAreRecordedBy5Dash0Dash1) {
    ASSERT_NE(v313().justification_provision(), nullptr);
    EXPECT_EQ(v313().justification_provision()->id, "5.0-1");
}

TEST(CatalogV313, StatusWithConditionAndFeature) {
    const Provision* provision = v313().find_provision("5.1-5");
    ASSERT_NE(provision, nullptr);
    EXPECT_EQ(format_status(provision->status), "M C F (14, e)");
    EXPECT_EQ(v313().resolve("5.3-4a").provision->id, "5.3-4A");
}

TEST(CatalogV313, EveryRowMatchesTheReferenceTable) {
    const auto dir = test::reference_dir();
    if (!dir) {
        GTEST_SKIP() << "reference folder shared/reference not found beside the source tree";
    }
    const std::vector<std::string> rows = test::csv_rows(*dir / "en303645-v3.1.3-table-b1.csv");
    ASSERT_EQ(rows.size(), v313().provisions().size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::vector<std::string> fields = util::split(rows[i], ',');
        ASSERT_EQ(fields.size(), 5u) << rows[i];
        const Provision& provision = v313().provisions()[i];
        EXPECT_EQ(provision.id, fields[0]);
        EXPECT_EQ(provision.clause, fields[1]) << fields[0];
        std::string letters = fields[2];
        if (!fields[4].empty()) {
            letters += " F";
        }
        EXPECT_EQ(format_status_letters(provision.status), letters) << fields[0];
        std::vector<int> conditions;
        for (const std::string& number : util::split(fields[3], ' ')) {
            if (!number.empty()) {
                conditions.push_back(std::stoi(number));
            }
        }
        EXPECT_EQ(provision.status.conditions, conditions) << fields[0];
        std::vector<std::string> features;
        for (const std::string& letter : util::split(fields[4], ' ')) {
            if (!letter.empty()) {
                features.push_back(letter);
            }
        }
        EXPECT_EQ(provision.status.features, features) << fields[0];
    }
}

// A V2.1.1 id that V3.1.3 split: its halves come first, before ids spelled alike.
TEST(CatalogV3, SuggestsTheHalvesOfASplitProvisionFirst) {
    const std::vector<std::string> suggestions = v313().suggest_provisions("5.6-4");
    ASSERT_GE(suggestions.size(), 2u);
    EXPECT_EQ(suggestions[0], "5.6-4A");
    EXPECT_EQ(suggestions[1], "5.6-4B");
    EXPECT_LE(suggestions.size(), 3u);
    EXPECT_EQ(v313().suggest_provisions("Provision 6-3")[0], "6-3A");
    // An id that was not split still gets the ids nearest in spelling.
    const std::vector<std::string> typo = v313().suggest_provisions("5.1-7");
    ASSERT_FALSE(typo.empty());
    EXPECT_NE(typo[0].back(), 'A');
}

}  // namespace
}  // namespace iotconform::standard
