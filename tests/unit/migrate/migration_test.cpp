// Tests for migrate::migrate (V2.1.1 to V3.1.3) and migrate::compare.
#include "migrate/migration.hpp"

#include <gtest/gtest.h>

#include <set>

#include "ics/product_loader.hpp"
#include "ics/product_writer.hpp"
#include "migrate/diff.hpp"
#include "standard/catalog.hpp"

namespace iotconform::migrate {
namespace {

const standard::Standard& v211() {
    return *standard::find_standard("en303645-2.1.1");
}
const standard::Standard& v313() {
    return *standard::find_standard("en303645-3.1.3");
}

ics::Product load(const std::string& text) {
    ics::ProductLoad load = ics::load_product(text, "test.yaml");
    if (!load.product || diagnostics::has_errors(load.diagnostics)) {
        throw std::runtime_error("test product does not load");
    }
    return std::move(*load.product);
}

const std::string k_v2 =
    "standard: en303645-2.1.1\n"
    "product: {name: Hub}\n"
    "conditions:\n"
    "  passwords_used: true\n"
    "  automatic_updates_or_notifications: false\n"
    "  debug_interface_accessible: true\n"
    "  constrained_device: false\n"
    "ics:\n"
    "  \"4-1\": {support: Y, detail: all justified}\n"
    "  \"5.1-1\": {support: Y, detail: unique passwords, evidence: [docs/pw.md]}\n"
    "  \"5.3-4\": {support: N, detail: manual updates by design}\n"
    "  \"5.6-4\": {support: Y, detail: JTAG fused}\n"
    "  \"5.10-1\": {support: N/A, detail: no telemetry}\n"
    "  \"5.3-10\": {support: Y, detail: signed}\n";

const Note* note_for(const Migration& migration, const std::string& to) {
    for (const Note& note : migration.notes) {
        if (note.to == to) {
            return &note;
        }
    }
    return nullptr;
}

// Every reference and key in the migration table exists in its editions, every V2.1.1
// provision lands somewhere, and every V3.1.3 row is either a target or new.
TEST(MigrationData, CoversBothEditions) {
    const ics::Product empty = load("standard: en303645-2.1.1\nproduct: {name: x}\n");
    const std::optional<Migration> migration = migrate(empty, v313());
    ASSERT_TRUE(migration.has_value());
    EXPECT_EQ(migration->product.entries.size(), v313().provisions().size());
    std::set<std::string> sources;
    std::size_t added = 0;
    for (const Note& note : migration->notes) {
        if (note.change == Change::added) {
            ++added;
            EXPECT_EQ(v211().find_provision(note.to), nullptr) << note.to << " exists in V2.1.1";
        } else if (note.change != Change::answer_carried && note.change != Change::answer_dropped) {
            ASSERT_NE(v211().find_provision(note.from), nullptr) << note.from;
            ASSERT_NE(v313().find_provision(note.to), nullptr) << note.to;
            sources.insert(note.from);
        }
    }
    EXPECT_EQ(added, 4u);  // 5.1-2A, 6-6, 6-7, 6-8
    for (const standard::Provision& provision : v211().provisions()) {
        EXPECT_TRUE(sources.contains(provision.id)) << provision.id << " is not carried anywhere";
    }
    EXPECT_EQ(available_migrations().size(), 1u);
}

TEST(Migration, RenamesSplitsAndAddsRows) {
    const ics::Product product = load(k_v2);
    const Migration migration = *migrate(product, v313());
    const ics::Product& result = migration.product;
    EXPECT_EQ(result.standard, &v313());
    EXPECT_EQ(result.identity.name, "Hub");

    ASSERT_NE(result.find_entry("5.0-1"), nullptr);
    EXPECT_EQ(result.find_entry("5.0-1")->detail, "all justified");
    EXPECT_EQ(note_for(migration, "5.0-1")->change, Change::renamed);
    EXPECT_TRUE(result.find_entry("5.0-1")->review.empty());

    for (const std::string half : {"5.3-4A", "5.3-4B"}) {
        const ics::IcsEntry* entry = result.find_entry(half);
        ASSERT_NE(entry, nullptr) << half;
        EXPECT_EQ(entry->support, ics::Support::no);
        EXPECT_EQ(entry->detail, "manual updates by design");
        EXPECT_FALSE(entry->review.empty()) << half;
        EXPECT_EQ(note_for(migration, half)->change, Change::split);
    }
    EXPECT_EQ(result.find_entry("5.1-1")->evidence, std::vector<std::string>{"docs/pw.md"});
    EXPECT_EQ(note_for(migration, "5.1-1")->change, Change::carried);

    const ics::IcsEntry* added = result.find_entry("6-6");
    ASSERT_NE(added, nullptr);
    EXPECT_FALSE(added->support.has_value());
    EXPECT_FALSE(added->review.empty());
    EXPECT_EQ(note_for(migration, "6-6")->change, Change::added);

    // An N/A whose status changed is marked: its rationale rested on V2 conditions.
    EXPECT_EQ(result.find_entry("5.10-1")->support, ics::Support::not_applicable);
    EXPECT_FALSE(result.find_entry("5.10-1")->review.empty());
}

TEST(Migration, CarriesAnswersWhereTheMeaningCarries) {
    const Migration migration = *migrate(load(k_v2), v313());
    const ics::Product& result = migration.product;
    const auto feature = [&](const std::string& key) {
        const auto found = result.features.find(v313().find_feature(key)->letter);
        return found == result.features.end() ? ics::Answer::unknown : found->second.answer;
    };
    EXPECT_EQ(feature("passwords"), ics::Answer::yes);
    // "automatic updates and/or notifications: false" means neither.
    EXPECT_EQ(feature("automatic_updates"), ics::Answer::no);
    EXPECT_EQ(feature("update_notifications"), ics::Answer::no);
    // A physically accessible debug interface is a physical debug port, and a debug
    // interface exists.
    EXPECT_EQ(feature("physical_debug_interfaces"), ics::Answer::yes);
    EXPECT_EQ(feature("debug_interfaces"), ics::Answer::yes);
    // "Constrained device" has no V3 counterpart: dropped, for a person to answer anew.
    bool dropped = false;
    for (const Note& note : migration.notes) {
        dropped =
            dropped || (note.change == Change::answer_dropped && note.from == "constrained_device");
    }
    EXPECT_TRUE(dropped);
}

// "true" for automatic updates and/or notifications says nothing about which: unknown.
TEST(Migration, AnAndOrConditionTrueLeavesBothFeaturesUnknown) {
    const Migration migration =
        *migrate(load("standard: en303645-2.1.1\nproduct: {name: x}\nconditions: "
                      "{automatic_updates_or_notifications: true}\n"),
                 v313());
    EXPECT_FALSE(migration.product.features.contains("h"));
    EXPECT_FALSE(migration.product.features.contains("i"));
}

// The written file loads back, and the review marks surface as ICS050 in the judgement.
TEST(Migration, WrittenFileLoadsAndReportsReviews) {
    const Migration migration = *migrate(load(k_v2), v313());
    ics::ProductLoad again =
        ics::load_product(ics::write_product(migration.product), "migrated.yaml");
    ASSERT_TRUE(again.product.has_value());
    EXPECT_FALSE(diagnostics::has_errors(again.diagnostics));
    EXPECT_FALSE(again.product->find_entry("5.3-4A")->review.empty());
    const judge::Judgement judgement = judge::judge(*again.product);
    std::size_t reviews = 0;
    for (const diagnostics::Diagnostic& d : judgement.diagnostics) {
        reviews += d.code == "ICS050" ? 1 : 0;
    }
    EXPECT_GE(reviews, 4u);  // 5.3-4A/B, 5.6-4A/B at least
    const std::string report = report_markdown(migration, load(k_v2));
    EXPECT_NE(report.find("## Decisions left to a person"), std::string::npos);
    EXPECT_NE(report.find("| split | 5.3-4 | 5.3-4A |"), std::string::npos) << report;
}

TEST(Migration, OnlyKnownDirections) {
    const ics::Product v3 = load("standard: en303645-3.1.3\nproduct: {name: x}\n");
    EXPECT_FALSE(migrate(v3, v211()).has_value());
}

TEST(Diff, ReportsChangedFieldsAndNewRows) {
    const ics::Product before = load(k_v2);
    const ics::Product after = load(
        "standard: en303645-2.1.1\n"
        "product: {name: Hub}\n"
        "conditions: {passwords_used: false}\n"
        "ics:\n"
        "  \"4-1\": {support: Y, detail: all justified}\n"
        "  \"5.1-1\": {support: Y, detail: unique passwords, evidence: [docs/pw.md]}\n"
        "  \"5.3-4\": {support: N, detail: \"manual updates, by design\"}\n"
        "  \"5.6-4\": {support: N, detail: JTAG open}\n");
    const Difference difference = compare(judge::judge(before), judge::judge(after));
    std::map<std::string, std::vector<std::string>> fields;
    for (const RowChange& row : difference.rows) {
        fields[row.provision] = row.fields;
    }
    EXPECT_EQ(fields["5.1-1"], (std::vector<std::string>{"applicability", "verdict"}));
    EXPECT_EQ(fields["5.3-4"], (std::vector<std::string>{"detail"}));
    // Condition 13 is no longer answered: applicability changes with the row.
    EXPECT_EQ(fields["5.6-4"],
              (std::vector<std::string>{"support", "detail", "applicability", "verdict"}));
    EXPECT_EQ(fields["5.10-1"], (std::vector<std::string>{"support", "detail", "verdict"}));
    EXPECT_FALSE(fields.contains("4-1"));
    EXPECT_NE(format_difference(difference, "a", "b").find("5.6-4"), std::string::npos);
}

TEST(Diff, IdenticalStatementsHaveNoDifference) {
    const Difference difference = compare(judge::judge(load(k_v2)), judge::judge(load(k_v2)));
    EXPECT_TRUE(difference.rows.empty());
    EXPECT_NE(format_difference(difference, "a", "b").find("no differences"), std::string::npos);
}

// "Not updatable: false" means software can be updated: the opposite answer carries.
TEST(Migration, InvertedAnswersCarry) {
    const Migration migration = *migrate(load("standard: en303645-2.1.1\nproduct: {name: "
                                              "x}\nconditions: {software_not_updatable: false}\n"),
                                         v313());
    const std::string letter = v313().find_feature("updatable_software")->letter;
    ASSERT_TRUE(migration.product.features.contains(letter));
    EXPECT_EQ(migration.product.features.at(letter).answer, ics::Answer::yes);
}

// Before and after a migration, rows pair through the mapping: 5.0-1 with 4-1, each split
// half with its source; the edition change is reported.
TEST(Diff, PairsRowsAcrossEditionsThroughTheMigration) {
    const ics::Product before = load(k_v2);
    const Migration migration = *migrate(before, v313());
    const Difference difference = compare(judge::judge(before), judge::judge(migration.product));
    std::map<std::string, std::vector<std::string>> fields;
    for (const RowChange& row : difference.rows) {
        fields[row.provision] = row.fields;
    }
    ASSERT_TRUE(fields.contains("5.0-1"));
    EXPECT_EQ(fields["5.0-1"].front(), "reference (from 4-1)");
    EXPECT_EQ(fields["5.3-4A"].front(), "reference (from 5.3-4)");
    EXPECT_EQ(fields["6-6"], std::vector<std::string>{"row"});
    EXPECT_FALSE(fields.contains("4-1"));  // paired, not removed
    ASSERT_EQ(difference.identity.size(), 1u);
    EXPECT_EQ(difference.identity[0], "edition: en303645-2.1.1 -> en303645-3.1.3");
}

// Contradictory V2 answers leading to one V3 feature leave it unknown, marked for review.
TEST(Migration, ContradictoryAnswersAreLeftToAPerson) {
    const Migration migration =
        *migrate(load("standard: en303645-2.1.1\nproduct: {name: x}\n"
                      "conditions: {software_not_updatable: true, update_mechanism: true}\n"),
                 v313());
    const std::string letter = v313().find_feature("updatable_software")->letter;
    ASSERT_TRUE(migration.product.features.contains(letter));
    EXPECT_EQ(migration.product.features.at(letter).answer, ics::Answer::unknown);
    bool reviewed = false;
    for (const Note& note : migration.notes) {
        reviewed = reviewed || (note.review && note.to == "updatable_software");
    }
    EXPECT_TRUE(reviewed);
}

// `artifacts:` and `suppressions:` are not Table B.1: they carry over unchanged, each
// named in the notes; relative paths follow the output to another folder.
TEST(Migration, CarriesArtifactsAndSuppressions) {
    const ics::Product source =
        load(k_v2 +
             "artifacts:\n"
             "  update_image: {file: fw/update.bin, key: /keys/pub.pem}\n"
             "  kernel: {config: zephyr.config, profile: strict}\n"
             "suppressions:\n"
             "  - {rule: MCUBOOT-011, reason: key checked in the factory}\n");
    std::optional<Migration> migration = migrate(source, v313());
    ASSERT_TRUE(migration);
    const ics::Artifacts& artifacts = migration->product.artifacts;
    ASSERT_TRUE(artifacts.update_image && artifacts.kernel);
    EXPECT_EQ(artifacts.update_image->image.written, "fw/update.bin");
    EXPECT_EQ(artifacts.kernel->profile, "strict");
    ASSERT_EQ(migration->product.suppressions.size(), 1u);
    EXPECT_EQ(migration->product.suppressions[0].reason, "key checked in the factory");
    const Note* kept = note_for(*migration, "artifacts.update_image.file");
    ASSERT_NE(kept, nullptr);
    EXPECT_EQ(kept->change, Change::kept);
    EXPECT_NE(note_for(*migration, "MCUBOOT-011"), nullptr);
    const std::string report = report_markdown(*migration, source);
    EXPECT_NE(report.find("| kept | suppressions | MCUBOOT-011 |"), std::string::npos);
    EXPECT_NE(report.find("fw/update.bin kept as written"), std::string::npos);

    // Written to another folder: relative paths are rewritten, absolute ones kept.
    relocate_artifacts(*migration, "product/test.yaml", "out/v3/test.yaml");
    EXPECT_EQ(artifacts.update_image->image.written, "../../product/fw/update.bin");
    EXPECT_EQ(artifacts.update_image->key->written, "/keys/pub.pem");
    EXPECT_EQ(artifacts.kernel->config.written, "../../product/zephyr.config");
    EXPECT_NE(note_for(*migration, "artifacts.kernel.config")->message.find("rewritten as"),
              std::string::npos);
    const ics::ProductLoad reloaded =
        ics::load_product(ics::write_product(migration->product), "out/v3/test.yaml");
    ASSERT_TRUE(reloaded.product);
    EXPECT_EQ(reloaded.product->suppressions.size(), 1u);
    ASSERT_TRUE(reloaded.product->artifacts.update_image);
    EXPECT_EQ(reloaded.product->artifacts.update_image->image.written,
              "../../product/fw/update.bin");
}

}  // namespace
}  // namespace iotconform::migrate
