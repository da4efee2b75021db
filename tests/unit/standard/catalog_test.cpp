// Tests the built-in V2.1.1 catalog against Table B.1, edition lookup and load_standard.
#include "standard/catalog.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/reference.hpp"
#include "util/text.hpp"

namespace iotconform::standard {
namespace {

const Standard& v211() {
    const Standard* standard = find_standard("en303645-2.1.1");
    if (standard == nullptr) {
        throw std::runtime_error("the built-in V2.1.1 edition is missing");
    }
    return *standard;
}

using test::csv_rows;
using test::reference_dir;

std::vector<int> numbers_of(const std::string& field) {
    std::vector<int> numbers;
    for (const std::string& part : util::split(field, ' ')) {
        if (!part.empty()) {
            numbers.push_back(std::stoi(part));
        }
    }
    return numbers;
}

// A small, consistent edition; the error tests below break one thing in it at a time.
struct MiniYaml {
    std::string provision_id = "5.1-1";
    std::string clause = "5.1";
    std::string status = "M C (1)";
    std::string text = "\"Passwords shall be unique.\"";

    // The mutated provision starts on line 17.
    std::string render() const {
        return fmt::format(R"(id: test-1.0
title: Test edition
short_title: Test
clauses:
  - number: "5.1"
    title: "Passwords"
conditions:
  - number: 1
    key: passwords_used
    text: "passwords are used"
features: []
provisions:
  - id: "5.1-0"
    clause: "5.1"
    status: M
    text: "First provision."
  - id: "{}"
    clause: "{}"
    status: {}
    text: {}
  - id: "5.1-2"
    clause: "5.1"
    status: R
    text: "Third provision."
terms:
  - term: "password"
    definition: "a secret"
)",
                           provision_id, clause, status, text);
    }
};

constexpr int k_mutated_provision_line = 17;

// The DataError message load_standard gives for `yaml`, or "" when it loads.
std::string load_error(const std::string& yaml) {
    try {
        (void)load_standard(yaml, "bad.yaml");
    } catch (const DataError& error) {
        return error.what();
    }
    return {};
}

// "bad.yaml:N: ..." -> N, or -1 when the message does not start with the file and a line.
int error_line(const std::string& message) {
    static const std::regex pattern(R"(^bad\.yaml:([0-9]+): .+)");
    std::smatch match;
    if (!std::regex_search(message, match, pattern)) {
        return -1;
    }
    return std::stoi(match[1].str());
}

TEST(BuiltinCatalog, HasTheV211Edition) {
    ASSERT_NE(find_standard("en303645-2.1.1"), nullptr);
    EXPECT_EQ(v211().id(), "en303645-2.1.1");
    EXPECT_EQ(v211().short_title(), "EN 303 645 V2.1.1");
    EXPECT_FALSE(v211().title().empty());
}

TEST(BuiltinCatalog, V211Has68Provisions33MandatoryAnd35Recommendations) {
    const std::vector<Provision>& provisions = v211().provisions();
    EXPECT_EQ(provisions.size(), 68U);
    int mandatory = 0;
    int recommendations = 0;
    for (const Provision& provision : provisions) {
        if (provision.mandatory()) {
            ++mandatory;
        } else {
            EXPECT_EQ(provision.status.level, Level::recommendation);
            ++recommendations;
        }
    }
    EXPECT_EQ(mandatory, 33);
    EXPECT_EQ(recommendations, 35);
}

TEST(BuiltinCatalog, ProvisionIdsAreUniqueAndFindable) {
    std::set<std::string> ids;
    for (const Provision& provision : v211().provisions()) {
        EXPECT_TRUE(ids.insert(provision.id).second) << "duplicate id " << provision.id;
        EXPECT_EQ(v211().find_provision(provision.id), &provision) << provision.id;
    }
}

TEST(BuiltinCatalog, EveryStatusConditionResolves) {
    for (const Provision& provision : v211().provisions()) {
        for (const int number : provision.status.conditions) {
            EXPECT_NE(v211().find_condition(number), nullptr)
                << provision.id << " names condition " << number;
        }
        // V2.1.1 has no feature letters.
        EXPECT_TRUE(provision.status.features.empty()) << provision.id;
    }
}

TEST(BuiltinCatalog, EveryProvisionClauseExistsAndPrefixesItsId) {
    for (const Provision& provision : v211().provisions()) {
        EXPECT_NE(v211().find_clause(provision.clause), nullptr) << provision.id;
        EXPECT_TRUE(provision.id.starts_with(provision.clause + "-"))
            << provision.id << " in clause " << provision.clause;
    }
}

TEST(BuiltinCatalog, NoEmptyTexts) {
    for (const Provision& provision : v211().provisions()) {
        EXPECT_FALSE(util::trim(provision.text).empty()) << provision.id;
    }
    for (const Clause& clause : v211().clauses()) {
        EXPECT_FALSE(util::trim(clause.title).empty()) << clause.number;
    }
    for (const Condition& condition : v211().conditions()) {
        EXPECT_FALSE(util::trim(condition.text).empty()) << condition.number;
    }
    for (const Term& term : v211().terms()) {
        EXPECT_FALSE(util::trim(term.term).empty());
        EXPECT_FALSE(util::trim(term.definition).empty()) << term.term;
    }
}

TEST(BuiltinCatalog, Has13ConditionsNumberedOneToThirteenWithUniqueKeys) {
    const std::vector<Condition>& conditions = v211().conditions();
    ASSERT_EQ(conditions.size(), 13U);
    std::set<std::string> keys;
    for (std::size_t i = 0; i < conditions.size(); ++i) {
        EXPECT_EQ(conditions[i].number, static_cast<int>(i) + 1);
        EXPECT_FALSE(conditions[i].key.empty()) << conditions[i].number;
        EXPECT_TRUE(keys.insert(conditions[i].key).second) << "duplicate " << conditions[i].key;
    }
    EXPECT_TRUE(v211().features().empty());
    EXPECT_EQ(v211().answer_keys().size(), 13U);
}

TEST(BuiltinCatalog, KnownConditionKeysAndOpposites) {
    ASSERT_NE(v211().find_condition("passwords_used"), nullptr);
    EXPECT_EQ(v211().find_condition("passwords_used")->number, 1);
    ASSERT_NE(v211().find_condition("constrained_device"), nullptr);
    EXPECT_EQ(v211().find_condition("constrained_device")->number, 4);

    const Condition* not_constrained = v211().find_condition(5);
    ASSERT_NE(not_constrained, nullptr);
    ASSERT_TRUE(not_constrained->opposite_of.has_value());
    EXPECT_EQ(*not_constrained->opposite_of, 4);

    int with_opposite = 0;
    for (const Condition& condition : v211().conditions()) {
        with_opposite += condition.opposite_of.has_value() ? 1 : 0;
    }
    EXPECT_EQ(with_opposite, 1) << "only condition 5 is the negation of another";
}

TEST(BuiltinCatalog, Has32Terms) {
    EXPECT_EQ(v211().terms().size(), 32U);
    std::set<std::string> terms;
    for (const Term& term : v211().terms()) {
        EXPECT_TRUE(terms.insert(util::to_lower(term.term)).second) << "duplicate " << term.term;
    }
}

TEST(BuiltinCatalog, Provision41RecordsJustifications) {
    const Provision* justification = v211().justification_provision();
    ASSERT_NE(justification, nullptr);
    EXPECT_EQ(justification->id, "4-1");
    EXPECT_TRUE(justification->mandatory());
    EXPECT_FALSE(justification->status.conditional());
    int marked = 0;
    for (const Provision& provision : v211().provisions()) {
        marked += provision.records_justifications ? 1 : 0;
    }
    EXPECT_EQ(marked, 1);
}

TEST(BuiltinCatalog, EveryStatusMatchesReferenceTableB1) {
    const std::optional<std::filesystem::path> dir = reference_dir();
    if (!dir) {
        GTEST_SKIP() << "reference folder shared/reference (en303645-v2.1.1-table-b1.csv) not "
                        "found beside the source tree nor at /work/shared/reference";
    }
    const std::vector<std::string> rows = csv_rows(*dir / "en303645-v2.1.1-table-b1.csv");
    ASSERT_EQ(rows.size(), v211().provisions().size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::vector<std::string> fields = util::split(rows[i], ',');
        ASSERT_EQ(fields.size(), 4U) << rows[i];
        const std::string& id = fields[0];
        const Provision* provision = v211().find_provision(id);
        ASSERT_NE(provision, nullptr) << "reference provision " << id << " missing";
        EXPECT_EQ(&v211().provisions()[i], provision) << id << " is out of Table B.1 order";
        EXPECT_EQ(provision->clause, fields[1]) << id;
        EXPECT_EQ(format_status_letters(provision->status), fields[2]) << id;
        EXPECT_EQ(provision->status.level,
                  fields[2].starts_with("M") ? Level::mandatory : Level::recommendation)
            << id;
        EXPECT_EQ(provision->status.conditions, numbers_of(fields[3])) << id;
    }
}

TEST(BuiltinCatalog, ConditionTextsMatchReference) {
    const std::optional<std::filesystem::path> dir = reference_dir();
    if (!dir) {
        GTEST_SKIP() << "reference folder shared/reference (en303645-v2.1.1-conditions.csv) not "
                        "found beside the source tree nor at /work/shared/reference";
    }
    const std::vector<std::string> rows = csv_rows(*dir / "en303645-v2.1.1-conditions.csv");
    ASSERT_EQ(rows.size(), v211().conditions().size());
    for (const std::string& row : rows) {
        const std::size_t comma = row.find(',');
        ASSERT_NE(comma, std::string::npos) << row;
        const int number = std::stoi(row.substr(0, comma));
        const Condition* condition = v211().find_condition(number);
        ASSERT_NE(condition, nullptr) << number;
        EXPECT_EQ(condition->text, row.substr(comma + 1)) << number;
    }
}

TEST(FindStandard, AcceptsCommonSpellingsOfTheEdition) {
    const Standard* expected = find_standard("en303645-2.1.1");
    ASSERT_NE(expected, nullptr);
    for (const char* spelling : {"2.1.1", "v2.1.1", "V2.1.1", "EN 303 645 V2.1.1",
                                 "ETSI EN 303 645 V2.1.1", "  en303645-2.1.1 "}) {
        EXPECT_EQ(find_standard(spelling), expected) << spelling;
    }
}

TEST(FindStandard, RejectsUnknownEditions) {
    EXPECT_EQ(find_standard("9.9.9"), nullptr);
    EXPECT_EQ(find_standard("v9.9.9"), nullptr);
    EXPECT_EQ(find_standard(""), nullptr);
    EXPECT_EQ(find_standard("1.1"), nullptr);
    EXPECT_EQ(find_standard("en303645"), nullptr);
}

TEST(BuiltinCatalog, IdsAreSortedAndDefaultIsTheLastEdition) {
    const std::vector<std::string> ids = standard_ids();
    ASSERT_EQ(ids.size(), builtin_standards().size());
    EXPECT_NE(std::find(ids.begin(), ids.end(), "en303645-2.1.1"), ids.end());
    EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
    EXPECT_EQ(&default_standard(), &builtin_standards().back());
}

TEST(LoadStandard, MiniEditionLoads) {
    const Standard standard = load_standard(MiniYaml{}.render(), "mini.yaml");
    EXPECT_EQ(standard.id(), "test-1.0");
    ASSERT_EQ(standard.provisions().size(), 3U);
    EXPECT_EQ(standard.provisions()[1].id, "5.1-1");
    EXPECT_EQ(standard.provisions()[1].status.conditions, std::vector<int>{1});
    EXPECT_EQ(standard.terms().size(), 1U);
}

TEST(LoadStandard, RejectsDuplicateProvisionId) {
    MiniYaml yaml;
    yaml.provision_id = "5.1-0";
    const std::string message = load_error(yaml.render());
    EXPECT_GT(error_line(message), 0) << message;
    EXPECT_NE(message.find("duplicate"), std::string::npos) << message;
    EXPECT_NE(message.find("5.1-0"), std::string::npos) << message;
}

TEST(LoadStandard, RejectsUnknownConditionNumber) {
    MiniYaml yaml;
    yaml.status = "M C (1, 7)";
    const std::string message = load_error(yaml.render());
    EXPECT_GT(error_line(message), 0) << message;
    EXPECT_NE(message.find("condition 7"), std::string::npos) << message;
}

TEST(LoadStandard, RejectsUnknownFeatureLetter) {
    MiniYaml yaml;
    yaml.status = "M F (a)";
    const std::string message = load_error(yaml.render());
    EXPECT_GT(error_line(message), 0) << message;
    EXPECT_NE(message.find("feature a"), std::string::npos) << message;
}

TEST(LoadStandard, RejectsUnknownClause) {
    MiniYaml yaml;
    yaml.clause = "5.99";
    const std::string message = load_error(yaml.render());
    EXPECT_GT(error_line(message), 0) << message;
    EXPECT_NE(message.find("5.99"), std::string::npos) << message;
}

TEST(LoadStandard, RejectsEmptyText) {
    for (const char* text : {"\"\"", "\"   \""}) {
        MiniYaml yaml;
        yaml.text = text;
        const std::string message = load_error(yaml.render());
        EXPECT_GT(error_line(message), 0) << text << ": " << message;
        EXPECT_NE(message.find("text"), std::string::npos) << message;
    }
}

TEST(LoadStandard, RejectsStatusWithoutItsConditionList) {
    MiniYaml yaml;
    yaml.status = "M C";
    const std::string message = load_error(yaml.render());
    EXPECT_GT(error_line(message), 0) << message;
    EXPECT_NE(message.find("5.1-1"), std::string::npos) << message;
}

TEST(LoadStandard, RejectsMalformedStatus) {
    MiniYaml yaml;
    yaml.status = "X (1)";
    const std::string message = load_error(yaml.render());
    EXPECT_GT(error_line(message), 0) << message;
}

TEST(LoadStandard, RejectsYamlSyntaxErrorWithLine) {
    const std::string message = load_error("id: x\nprovisions: [\n  - {id: \"a\"\n");
    EXPECT_GT(error_line(message), 0) << message;
}

TEST(LoadStandard, RejectsNonNumericConditionNumber) {
    std::string yaml = MiniYaml{}.render();
    yaml.replace(yaml.find("number: 1\n"), 10, "number: one\n");
    const std::string message = load_error(yaml);
    EXPECT_GT(error_line(message), 0) << message;
}

TEST(LoadStandard, RejectsDuplicateAnswerKey) {
    std::string yaml = MiniYaml{}.render();
    const std::string extra =
        "  - number: 2\n    key: passwords_used\n    text: \"passwords again\"\n";
    yaml.insert(yaml.find("features:"), extra);
    const std::string message = load_error(yaml);
    EXPECT_GT(error_line(message), 0) << message;
    EXPECT_NE(message.find("passwords_used"), std::string::npos) << message;
}

TEST(LoadStandard, RejectsOppositeOfUnknownCondition) {
    std::string yaml = MiniYaml{}.render();
    yaml.insert(yaml.find("features:"), "    opposite_of: 9\n");
    const std::string message = load_error(yaml);
    EXPECT_GT(error_line(message), 0) << message;
    EXPECT_NE(message.find("9"), std::string::npos) << message;
}

// The line of a consistency error should point at the offending provision, not at the
// top of the file, so that a maintainer can find it.
TEST(LoadStandard, ErrorLinePointsAtTheOffendingProvision) {
    struct Case {
        const char* what;
        MiniYaml yaml;
    };
    std::vector<Case> cases;
    cases.push_back({"duplicate id", MiniYaml{}});
    cases.back().yaml.provision_id = "5.1-0";
    cases.push_back({"unknown condition", MiniYaml{}});
    cases.back().yaml.status = "M C (7)";
    cases.push_back({"unknown clause", MiniYaml{}});
    cases.back().yaml.clause = "5.99";
    cases.push_back({"empty text", MiniYaml{}});
    cases.back().yaml.text = "\"\"";
    cases.push_back({"letters-only status", MiniYaml{}});
    cases.back().yaml.status = "M C";
    for (const Case& c : cases) {
        const std::string message = load_error(c.yaml.render());
        EXPECT_EQ(error_line(message), k_mutated_provision_line) << c.what << ": " << message;
    }
}

}  // namespace
}  // namespace iotconform::standard
