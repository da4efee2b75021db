// Tests for ics::product_template: it loads cleanly, lists everything and judges INCOMPLETE.
#include "ics/product_template.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "ics/product_loader.hpp"
#include "judge/engine.hpp"
#include "standard/catalog.hpp"

namespace iotconform::ics {
namespace {

namespace dg = diagnostics;

const standard::Standard& v211() {
    return *standard::find_standard("en303645-2.1.1");
}
const standard::Standard& v313() {
    return *standard::find_standard("en303645-3.1.3");
}

std::string describe(const std::vector<dg::Diagnostic>& diagnostics) {
    std::string text;
    for (const dg::Diagnostic& diagnostic : diagnostics) {
        text += "\n  " + dg::format_for_terminal(diagnostic);
    }
    return text;
}

TEST(ProductTemplate, LoadsWithoutAnyDiagnostic) {
    const standard::Standard& standard = v211();
    const std::string text = product_template(standard, {});
    const ProductLoad load = load_product(text, "template.yaml");
    ASSERT_TRUE(load.product.has_value()) << describe(load.diagnostics);
    EXPECT_TRUE(load.diagnostics.empty()) << describe(load.diagnostics);
    EXPECT_EQ(load.product->standard, &standard);
    EXPECT_EQ(load.product->scope, Scope::product);
    EXPECT_EQ(load.product->identity.name, "Unnamed product");
}

TEST(ProductTemplate, ListsAll68ProvisionsInTableOrderWithSupportOpen) {
    const standard::Standard& standard = v211();
    ASSERT_EQ(standard.provisions().size(), 68u);
    const ProductLoad load = load_product(product_template(standard, {}), "template.yaml");
    ASSERT_TRUE(load.product.has_value());
    const std::vector<IcsEntry>& entries = load.product->entries;
    ASSERT_EQ(entries.size(), 68u);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        SCOPED_TRACE(standard.provisions()[i].id);
        EXPECT_EQ(entries[i].provision_id, standard.provisions()[i].id);
        EXPECT_FALSE(entries[i].support.has_value());
        EXPECT_EQ(entries[i].detail, "");
        EXPECT_TRUE(entries[i].evidence.empty());
        EXPECT_TRUE(entries[i].position.known());
    }
}

TEST(ProductTemplate, AnswersAll13ConditionsUnknown) {
    const standard::Standard& standard = v211();
    ASSERT_EQ(standard.conditions().size(), 13u);
    const std::string text = product_template(standard, {});
    const ProductLoad load = load_product(text, "template.yaml");
    ASSERT_TRUE(load.product.has_value());
    ASSERT_EQ(load.product->conditions.size(), 13u);
    for (const standard::Condition& condition : standard.conditions()) {
        SCOPED_TRACE(condition.key);
        ASSERT_TRUE(load.product->conditions.contains(condition.number));
        EXPECT_EQ(load.product->conditions.at(condition.number).answer, Answer::unknown);
        EXPECT_NE(text.find("  " + condition.key + ": unknown\n"), std::string::npos);
    }
}

TEST(ProductTemplate, CarriesNameScopeAndSchemaOptions) {
    TemplateOptions options;
    options.name = "Acme \"Cam\" \\ 2: #1";
    options.scope = Scope::component;
    options.schema_file = "product.schema.json";
    const std::string text = product_template(v211(), options);
    EXPECT_EQ(text.rfind("# yaml-language-server: $schema=product.schema.json\n", 0), 0u);
    const ProductLoad load = load_product(text, "template.yaml");
    ASSERT_TRUE(load.product.has_value()) << describe(load.diagnostics);
    EXPECT_TRUE(load.diagnostics.empty()) << describe(load.diagnostics);
    EXPECT_EQ(load.product->identity.name, "Acme \"Cam\" \\ 2: #1");
    EXPECT_EQ(load.product->scope, Scope::component);
}

TEST(ProductTemplate, KeepsAUtf8NameExactly) {
    TemplateOptions options;
    options.name = "Caf\xC3\xA9 \xE2\x80\x93 Hub #2 'A'";
    const ProductLoad load = load_product(product_template(v211(), options), "template.yaml");
    ASSERT_TRUE(load.product.has_value()) << describe(load.diagnostics);
    EXPECT_TRUE(load.diagnostics.empty()) << describe(load.diagnostics);
    EXPECT_EQ(load.product->identity.name, options.name);
}

// A line break in the name must survive the round trip, not fold into a space.
TEST(ProductTemplate, KeepsALineBreakInTheName) {
    TemplateOptions options;
    options.name = "Hub\nSecond line";
    const ProductLoad load = load_product(product_template(v211(), options), "template.yaml");
    ASSERT_TRUE(load.product.has_value()) << describe(load.diagnostics);
    EXPECT_EQ(load.product->identity.name, options.name);
}

TEST(ProductTemplate, WithoutSchemaHasNoLanguageServerLine) {
    const std::string text = product_template(v211(), {});
    EXPECT_EQ(text.find("yaml-language-server"), std::string::npos);
    EXPECT_NE(text.find("iotconform: 1\n"), std::string::npos);
    EXPECT_NE(text.find("standard: en303645-2.1.1\n"), std::string::npos);
}

TEST(ProductTemplate, JudgesIncompleteWithEveryProvisionUnanswered) {
    const ProductLoad load = load_product(product_template(v211(), {}), "template.yaml");
    ASSERT_TRUE(load.product.has_value());
    const judge::Judgement judgement = judge::judge(*load.product, load.diagnostics);
    EXPECT_EQ(judgement.conformance, judge::Conformance::incomplete);
    ASSERT_EQ(judgement.results.size(), 68u);
    std::set<std::string> unanswered;
    for (const dg::Diagnostic& d : judgement.diagnostics) {
        if (d.code == "ICS010") {
            EXPECT_EQ(d.severity, dg::Severity::error);
            unanswered.insert(d.provision);
        }
    }
    EXPECT_EQ(unanswered.size(), 68u);
    for (const judge::ProvisionResult& result : judgement.results) {
        EXPECT_EQ(result.verdict, judge::Verdict::incomplete) << result.provision->id;
    }
    EXPECT_EQ(judgement.mandatory.incomplete, 33);
    EXPECT_EQ(judgement.recommended.incomplete, 35);
}

// V3 templates answer features as well as conditions, and load and judge like V2's.
TEST(ProductTemplate, V3ListsFeaturesAndLoadsCleanly) {
    const std::string text = product_template(v313(), {});
    for (const standard::Feature& feature : v313().features()) {
        EXPECT_NE(text.find("  " + feature.key + ": unknown\n"), std::string::npos) << feature.key;
    }
    const ProductLoad load = load_product(text, "template.yaml");
    ASSERT_TRUE(load.product.has_value()) << describe(load.diagnostics);
    EXPECT_TRUE(load.diagnostics.empty()) << describe(load.diagnostics);
    EXPECT_EQ(load.product->standard, &v313());
    EXPECT_EQ(load.product->entries.size(), 78u);
    EXPECT_EQ(load.product->features.size(), v313().features().size());
    const judge::Judgement judgement = judge::judge(*load.product);
    EXPECT_EQ(judgement.conformance, judge::Conformance::incomplete);
}

}  // namespace
}  // namespace iotconform::ics
