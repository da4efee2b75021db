// Tests the Standard model's lookups and the lenient reading of provision references.
#include "standard/standard.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "standard/catalog.hpp"

namespace iotconform::standard {
namespace {

const Standard& v211() {
    const Standard* standard = find_standard("en303645-2.1.1");
    if (standard == nullptr) {
        throw std::runtime_error("the built-in V2.1.1 edition is missing");
    }
    return *standard;
}

Provision provision(std::string id, std::string clause, Status status = {}) {
    Provision result;
    result.id = std::move(id);
    result.clause = std::move(clause);
    result.status = std::move(status);
    result.text = "text of " + result.id;
    return result;
}

// A hand-made edition with a split provision (5.3-4A), a V3-style feature, and both a
// clause "7" and a clause "7.1", to test the "X.1-N" reading only where it is safe.
Standard small_standard() {
    Status with_feature;
    with_feature.features = {"a"};
    return Standard("test-1", "Test edition", "Test",
                    {{"5.3", "Updates"}, {"6", "Data"}, {"7", "Seven"}, {"7.1", "Seven one"}},
                    {{1, "passwords_used", "passwords are used", std::nullopt}},
                    {{"a", "passwords", "passwords can be used"}},
                    {provision("5.3-4A", "5.3"), provision("5.3-4B", "5.3", with_feature),
                     provision("6-3", "6"), provision("7-2", "7"), provision("7.1-1", "7.1")},
                    {{"Constrained Device", "a small device"}});
}

TEST(Resolve, PlainId) {
    const ResolvedReference resolved = v211().resolve("5.1-1");
    ASSERT_NE(resolved.provision, nullptr);
    EXPECT_EQ(resolved.provision->id, "5.1-1");
    EXPECT_TRUE(resolved.note.empty());
}

TEST(Resolve, ProvisionPrefix) {
    for (const char* reference : {"Provision 5.1-1", "provision5.1-1", "PROVISION 5.1-1"}) {
        const ResolvedReference resolved = v211().resolve(reference);
        ASSERT_NE(resolved.provision, nullptr) << reference;
        EXPECT_EQ(resolved.provision->id, "5.1-1") << reference;
        EXPECT_TRUE(resolved.note.empty()) << reference;
    }
}

TEST(Resolve, MarkdownBold) {
    for (const char* reference : {"**Provision 5.1-1**", "**5.1-1**", "`5.1-1`", "[5.1-1]"}) {
        const ResolvedReference resolved = v211().resolve(reference);
        ASSERT_NE(resolved.provision, nullptr) << reference;
        EXPECT_EQ(resolved.provision->id, "5.1-1") << reference;
    }
}

TEST(Resolve, ExtraSpacesAndTrailingColon) {
    const ResolvedReference resolved = v211().resolve(" provision   5.1-1: ");
    ASSERT_NE(resolved.provision, nullptr);
    EXPECT_EQ(resolved.provision->id, "5.1-1");
    EXPECT_TRUE(resolved.note.empty());
}

TEST(Resolve, TwoDigitSubclause) {
    const ResolvedReference resolved = v211().resolve("Provision 5.13-1.");
    ASSERT_NE(resolved.provision, nullptr);
    EXPECT_EQ(resolved.provision->id, "5.13-1");
}

TEST(Resolve, ZephyrClauseSixVariantWithNote) {
    const ResolvedReference resolved = v211().resolve("6.1-3");
    ASSERT_NE(resolved.provision, nullptr);
    EXPECT_EQ(resolved.provision->id, "6-3");
    EXPECT_FALSE(resolved.note.empty());
    EXPECT_NE(resolved.note.find("6.1-3"), std::string::npos) << resolved.note;
    EXPECT_NE(resolved.note.find("6-3"), std::string::npos) << resolved.note;
}

TEST(Resolve, ZephyrVariantWithDecorations) {
    const ResolvedReference resolved = v211().resolve("**Provision 6.1-5**");
    ASSERT_NE(resolved.provision, nullptr);
    EXPECT_EQ(resolved.provision->id, "6-5");
    EXPECT_FALSE(resolved.note.empty());
}

TEST(Resolve, DotOneVariantNotUsedForClausesThatHaveSubclauses) {
    // "5.1-1" exists itself; "5.1-99" must not become "5-99".
    EXPECT_EQ(v211().resolve("5.1-99").provision, nullptr);
    // In the small edition "7.1" is a clause of its own, so "7.1-2" is not "7-2".
    const Standard standard = small_standard();
    EXPECT_EQ(standard.resolve("7.1-2").provision, nullptr);
    ASSERT_NE(standard.resolve("7.1-1").provision, nullptr);
    EXPECT_EQ(standard.resolve("7.1-1").provision->id, "7.1-1");
    EXPECT_TRUE(standard.resolve("7.1-1").note.empty());
    ASSERT_NE(standard.resolve("6.1-3").provision, nullptr);
    EXPECT_EQ(standard.resolve("6.1-3").provision->id, "6-3");
}

TEST(Resolve, UnknownProvisionIsNull) {
    EXPECT_EQ(v211().resolve("5.99-1").provision, nullptr);
    EXPECT_EQ(v211().resolve("6.1-9").provision, nullptr);
    EXPECT_EQ(v211().resolve("5.1-1A").provision, nullptr);
    EXPECT_EQ(v211().resolve("Provision").provision, nullptr);
    EXPECT_EQ(v211().resolve("hello").provision, nullptr);
}

TEST(Resolve, EmptyIsNull) {
    EXPECT_EQ(v211().resolve("").provision, nullptr);
    EXPECT_EQ(v211().resolve("   ").provision, nullptr);
    EXPECT_EQ(v211().resolve("**").provision, nullptr);
    EXPECT_TRUE(v211().resolve("").note.empty());
}

TEST(Resolve, SplitProvisionSuffixIsCaseInsensitive) {
    const Standard standard = small_standard();
    for (const char* reference : {"5.3-4a", "5.3-4A", "**Provision 5.3-4a**"}) {
        const ResolvedReference resolved = standard.resolve(reference);
        ASSERT_NE(resolved.provision, nullptr) << reference;
        EXPECT_EQ(resolved.provision->id, "5.3-4A") << reference;
    }
    EXPECT_EQ(standard.resolve("5.3-4c").provision, nullptr);
}

TEST(CleanReference, StripsDecorations) {
    EXPECT_EQ(clean_reference(" **Provision 5.3-4a** "), "5.3-4A");
    EXPECT_EQ(clean_reference("5.1-1"), "5.1-1");
    EXPECT_EQ(clean_reference("Provision 5.1-1:"), "5.1-1");
    EXPECT_EQ(clean_reference("[5.1-1]."), "5.1-1");
    EXPECT_EQ(clean_reference("_5.1-1_"), "5.1-1");
    EXPECT_EQ(clean_reference("provision\t5.1 - 1"), "5.1-1");
}

TEST(CleanReference, NothingLeftIsEmpty) {
    EXPECT_EQ(clean_reference(""), "");
    EXPECT_EQ(clean_reference("  "), "");
    EXPECT_EQ(clean_reference("**"), "");
    EXPECT_EQ(clean_reference("Provision:"), "");
}

TEST(FindTerm, CaseInsensitive) {
    const Term* term = v211().find_term("Constrained Device");
    ASSERT_NE(term, nullptr);
    EXPECT_EQ(term->term, "constrained device");
    EXPECT_FALSE(term->definition.empty());
    ASSERT_NE(v211().find_term("IOT PRODUCT"), nullptr);
    EXPECT_EQ(v211().find_term("IOT PRODUCT")->term, "IoT product");
}

TEST(FindTerm, CollapsesWhitespace) {
    const Term* term = v211().find_term("  constrained \n  device ");
    ASSERT_NE(term, nullptr);
    EXPECT_EQ(term->term, "constrained device");
}

TEST(FindTerm, UnknownIsNull) {
    EXPECT_EQ(v211().find_term("blockchain"), nullptr);
    EXPECT_EQ(v211().find_term(""), nullptr);
    EXPECT_EQ(v211().find_term("constrained"), nullptr);
}

// People ask in the plural or singular the definition does not use.
TEST(StandardTerms, FindTermMatchesSingularAndPlural) {
    ASSERT_NE(v211().find_term("critical security parameters"), nullptr);
    EXPECT_EQ(v211().find_term("critical security parameters")->term,
              "critical security parameter");
    ASSERT_NE(v211().find_term("sensitive security parameter"), nullptr);
    EXPECT_EQ(v211().find_term("sensitive security parameter")->term,
              "sensitive security parameters");
    EXPECT_EQ(v211().find_term("critical security parameterss"), nullptr);
}

TEST(FindCondition, ByNumber) {
    const Condition* condition = v211().find_condition(4);
    ASSERT_NE(condition, nullptr);
    EXPECT_EQ(condition->key, "constrained_device");
    EXPECT_EQ(condition->text, "the device is constrained");
    EXPECT_EQ(v211().find_condition(0), nullptr);
    EXPECT_EQ(v211().find_condition(14), nullptr);
}

TEST(FindCondition, ByKey) {
    const Condition* condition = v211().find_condition(std::string_view("update_mechanism"));
    ASSERT_NE(condition, nullptr);
    EXPECT_EQ(condition->number, 12);
    EXPECT_EQ(v211().find_condition(std::string_view("Update_Mechanism")), nullptr);
    EXPECT_EQ(v211().find_condition(std::string_view("")), nullptr);
}

TEST(FindFeature, ByLetterOrKey) {
    const Standard standard = small_standard();
    ASSERT_NE(standard.find_feature("a"), nullptr);
    EXPECT_EQ(standard.find_feature("a")->key, "passwords");
    ASSERT_NE(standard.find_feature("passwords"), nullptr);
    EXPECT_EQ(standard.find_feature("passwords")->letter, "a");
    EXPECT_EQ(standard.find_feature("b"), nullptr);
    EXPECT_EQ(v211().find_feature("a"), nullptr);
}

TEST(FindClause, ExactNumber) {
    ASSERT_NE(v211().find_clause("5.10"), nullptr);
    EXPECT_EQ(v211().find_clause("5.10")->title, "Examine system telemetry data");
    EXPECT_EQ(v211().find_clause("5.1")->title, "No universal default passwords");
    EXPECT_EQ(v211().find_clause("5"), nullptr);
    EXPECT_EQ(v211().find_clause("6.1"), nullptr);
}

TEST(FindProvision, CanonicalIdOnly) {
    ASSERT_NE(v211().find_provision("5.3-10"), nullptr);
    EXPECT_EQ(v211().find_provision("5.3-10")->status.conditions, (std::vector<int>{11, 12}));
    EXPECT_EQ(v211().find_provision("Provision 5.3-10"), nullptr);
    EXPECT_EQ(v211().find_provision("6.1-3"), nullptr);
}

TEST(AnswerKeys, ConditionsThenFeatures) {
    EXPECT_EQ(small_standard().answer_keys(),
              (std::vector<std::string>{"passwords_used", "passwords"}));
}

TEST(JustificationProvision, NullWhenNoneMarked) {
    EXPECT_EQ(small_standard().justification_provision(), nullptr);
}

TEST(ProvisionModel, MandatoryFollowsLevel) {
    const Standard standard = small_standard();
    EXPECT_TRUE(standard.find_provision("6-3")->mandatory());
    Status recommendation;
    recommendation.level = Level::recommendation;
    EXPECT_FALSE(provision("x-1", "x", recommendation).mandatory());
}

}  // namespace
}  // namespace iotconform::standard
