// Tests for ics::load_product: the model from good input, the code and place of bad input.
#include "ics/product_loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace iotconform::ics {
namespace {

namespace dg = diagnostics;
using namespace std::string_literals;

// Lines 1 to 4 of most test files: a valid file needs no more.
const std::string k_header =
    "iotconform: 1\n"
    "standard: en303645-2.1.1\n"
    "product:\n"
    "  name: Test product\n";

ProductLoad load(const std::string& text) {
    return load_product(text, "test.yaml");
}

std::vector<dg::Diagnostic> with_code(const ProductLoad& load, std::string_view code) {
    std::vector<dg::Diagnostic> found;
    for (const dg::Diagnostic& diagnostic : load.diagnostics) {
        if (diagnostic.code == code) {
            found.push_back(diagnostic);
        }
    }
    return found;
}

std::string describe(const std::vector<dg::Diagnostic>& diagnostics) {
    std::string text;
    for (const dg::Diagnostic& diagnostic : diagnostics) {
        text += "\n  " + dg::format_for_terminal(diagnostic);
    }
    return text.empty() ? std::string(" (none)") : text;
}

// Checks that `load` reports exactly one diagnostic with `code`, an error at line:column of
// test.yaml with a hint, and no other error.
::testing::AssertionResult single_error_at(const ProductLoad& load, std::string_view code, int line,
                                           int column) {
    const std::vector<dg::Diagnostic> found = with_code(load, code);
    if (found.size() != 1) {
        return ::testing::AssertionFailure() << "expected one " << code << ", got " << found.size()
                                             << ":" << describe(load.diagnostics);
    }
    const dg::Diagnostic& d = found.front();
    if (d.severity != dg::Severity::error) {
        return ::testing::AssertionFailure() << code << " is not an error";
    }
    const dg::SourcePosition expected{"test.yaml", line, column};
    if (d.position != expected) {
        return ::testing::AssertionFailure()
               << code << " at " << d.position.to_string() << ", expected " << expected.to_string();
    }
    if (d.hint.empty()) {
        return ::testing::AssertionFailure() << code << " has no hint";
    }
    for (const dg::Diagnostic& other : load.diagnostics) {
        if (other.severity == dg::Severity::error && other.code != code) {
            return ::testing::AssertionFailure()
                   << "unexpected other error:" << describe(load.diagnostics);
        }
    }
    return ::testing::AssertionSuccess();
}

// ---- good input --------------------------------------------------------------------------

TEST(ProductLoader, ReadsIdentityStandardAndScope) {
    const ProductLoad result = load(
        "iotconform: 1\n"
        "standard: en303645-2.1.1\n"
        "scope: component\n"
        "product:\n"
        "  name: Acme Hub\n"
        "  manufacturer: Acme Ltd\n"
        "  model: H-100\n"
        "  firmware_version: \"1.20\"\n");
    ASSERT_TRUE(result.product.has_value()) << describe(result.diagnostics);
    EXPECT_TRUE(result.diagnostics.empty()) << describe(result.diagnostics);
    const Product& product = *result.product;
    EXPECT_EQ(product.path, "test.yaml");
    ASSERT_NE(product.standard, nullptr);
    EXPECT_EQ(product.standard->id(), "en303645-2.1.1");
    EXPECT_EQ(product.scope, Scope::component);
    EXPECT_EQ(product.identity.name, "Acme Hub");
    EXPECT_EQ(product.identity.manufacturer, "Acme Ltd");
    EXPECT_EQ(product.identity.model, "H-100");
    EXPECT_EQ(product.identity.firmware_version, "1.20");  // quoted: not the number 1.2
    EXPECT_TRUE(product.conditions.empty());
    EXPECT_TRUE(product.entries.empty());
}

TEST(ProductLoader, ScopeDefaultsToProductAndIgnoresCase) {
    const ProductLoad missing = load(k_header);
    ASSERT_TRUE(missing.product.has_value());
    EXPECT_EQ(missing.product->scope, Scope::product);

    const ProductLoad upper = load(k_header + "scope: Product\n");
    ASSERT_TRUE(upper.product.has_value());
    EXPECT_TRUE(upper.diagnostics.empty()) << describe(upper.diagnostics);
    EXPECT_EQ(upper.product->scope, Scope::product);

    const ProductLoad component = load(k_header + "scope: COMPONENT\n");
    ASSERT_TRUE(component.product.has_value());
    EXPECT_EQ(component.product->scope, Scope::component);
}

TEST(ProductLoader, AcceptsAnAliasOfTheEditionAndAFileWithoutFormatLine) {
    const ProductLoad result = load("standard: 2.1.1\nproduct:\n  name: A\n");
    ASSERT_TRUE(result.product.has_value()) << describe(result.diagnostics);
    EXPECT_TRUE(result.diagnostics.empty()) << describe(result.diagnostics);
    EXPECT_EQ(result.product->standard->id(), "en303645-2.1.1");
}

TEST(ProductLoader, ReadsConditionAnswersInEverySpellingAndByNumber) {
    const ProductLoad result = load(k_header +
                                    "conditions:\n"             // 5
                                    "  passwords_used: true\n"  // 6
                                    "  preinstalled_passwords_used: false\n"
                                    "  software_not_updatable: unknown\n"
                                    "  constrained_device: yes\n"
                                    "  not_constrained_device: no\n"  // 10
                                    "  telemetry_collected:\n"
                                    "  consent_based_processing: Y\n"
                                    "  user_authentication: N\n"
                                    "  13: false\n"  // 14
                                    "  9: TRUE\n");
    ASSERT_TRUE(result.product.has_value()) << describe(result.diagnostics);
    EXPECT_TRUE(result.diagnostics.empty()) << describe(result.diagnostics);
    const std::map<int, AnswerEntry>& conditions = result.product->conditions;
    ASSERT_EQ(conditions.size(), 10u);
    EXPECT_EQ(conditions.at(1).answer, Answer::yes);
    EXPECT_EQ(conditions.at(2).answer, Answer::no);
    EXPECT_EQ(conditions.at(3).answer, Answer::unknown);
    EXPECT_EQ(conditions.at(4).answer, Answer::yes);
    EXPECT_EQ(conditions.at(5).answer, Answer::no);
    EXPECT_EQ(conditions.at(6).answer, Answer::unknown);  // left empty
    EXPECT_EQ(conditions.at(7).answer, Answer::yes);
    EXPECT_EQ(conditions.at(8).answer, Answer::no);
    EXPECT_EQ(conditions.at(9).answer, Answer::yes);
    EXPECT_EQ(conditions.at(13).answer, Answer::no);
    EXPECT_EQ(conditions.at(1).position, (dg::SourcePosition{"test.yaml", 6, 3}));
    EXPECT_EQ(conditions.at(13).position, (dg::SourcePosition{"test.yaml", 14, 3}));
    EXPECT_FALSE(conditions.contains(10));
}

TEST(ProductLoader, AcceptsEverySpellingOfSupport) {
    struct Case {
        std::string written;
        Support expected;
    };
    const std::vector<Case> cases = {
        {"Y", Support::yes},
        {"yes", Support::yes},
        {"y", Support::yes},
        {"N", Support::no},
        {"no", Support::no},
        {"N/A", Support::not_applicable},
        {"NA", Support::not_applicable},
        {"n/a", Support::not_applicable},
        {"N / A", Support::not_applicable},
        {"not applicable", Support::not_applicable},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE("support: " + c.written);
        const ProductLoad result = load(k_header + "ics:\n  \"5.1-3\":\n    support: \"" +
                                        c.written + "\"\n    detail: d\n");
        ASSERT_TRUE(result.product.has_value());
        EXPECT_TRUE(result.diagnostics.empty()) << describe(result.diagnostics);
        ASSERT_EQ(result.product->entries.size(), 1u);
        EXPECT_EQ(result.product->entries[0].support, c.expected);
    }
}

TEST(ProductLoader, ReadsTheScalarEntryFormAsSupportAlone) {
    const ProductLoad result = load(k_header +
                                    "ics:\n"
                                    "  5.6-1: Y\n"  // 6
                                    "  5.6-2: N/A\n"
                                    "  5.6-3:\n");
    ASSERT_TRUE(result.product.has_value());
    EXPECT_TRUE(result.diagnostics.empty()) << describe(result.diagnostics);
    const std::vector<IcsEntry>& entries = result.product->entries;
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0].provision_id, "5.6-1");
    EXPECT_EQ(entries[0].support, Support::yes);
    EXPECT_EQ(entries[0].detail, "");
    EXPECT_TRUE(entries[0].evidence.empty());
    EXPECT_EQ(entries[0].position, (dg::SourcePosition{"test.yaml", 6, 3}));
    EXPECT_EQ(entries[1].support, Support::not_applicable);
    EXPECT_EQ(entries[2].provision_id, "5.6-3");
    EXPECT_FALSE(entries[2].support.has_value());  // left open, not an error here
}

TEST(ProductLoader, LeavesAnEmptySupportOpen) {
    const ProductLoad result =
        load(k_header + "ics:\n  \"5.1-3\":\n    support:\n    detail: \"\"\n");
    ASSERT_TRUE(result.product.has_value());
    EXPECT_TRUE(result.diagnostics.empty()) << describe(result.diagnostics);
    ASSERT_EQ(result.product->entries.size(), 1u);
    EXPECT_FALSE(result.product->entries[0].support.has_value());
}

TEST(ProductLoader, TrimsAMultiLineDetailAndReadsEvidenceAsStringOrList) {
    const ProductLoad result = load(k_header +
                                    "ics:\n"
                                    "  \"5.1-1\":\n"
                                    "    support: Y\n"
                                    "    detail: |\n"
                                    "      Random password per unit.\n"
                                    "      Changed at setup.\n"
                                    "\n"
                                    "    evidence: docs/passwords.md\n"
                                    "  \"5.1-2\":\n"
                                    "    support: Y\n"
                                    "    detail: >\n"
                                    "      Generated by\n"
                                    "      the factory HSM.\n"
                                    "    evidence:\n"
                                    "      - docs/a.md\n"
                                    "      - https://example.com/b\n"
                                    "  \"5.1-3\":\n"
                                    "    support: Y\n"
                                    "    detail: \"   padded   \"\n"
                                    "    evidence: []\n");
    ASSERT_TRUE(result.product.has_value());
    EXPECT_TRUE(result.diagnostics.empty()) << describe(result.diagnostics);
    const std::vector<IcsEntry>& entries = result.product->entries;
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0].detail, "Random password per unit.\nChanged at setup.");
    EXPECT_EQ(entries[0].evidence, std::vector<std::string>{"docs/passwords.md"});
    EXPECT_EQ(entries[1].detail, "Generated by the factory HSM.");
    EXPECT_EQ(entries[1].evidence,
              (std::vector<std::string>{"docs/a.md", "https://example.com/b"}));
    EXPECT_EQ(entries[2].detail, "padded");
    EXPECT_TRUE(entries[2].evidence.empty());
}

TEST(ProductLoader, KeepsThePublishedStatusAsWritten) {
    const ProductLoad result = load(k_header +
                                    "ics:\n"
                                    "  \"5.3-10\":\n"
                                    "    status: M\n"
                                    "    support: Y\n"
                                    "  \"5.1-1\":\n"
                                    "    status: M C\n"
                                    "    support: N/A\n"
                                    "  \"5.1-2\":\n"
                                    "    support: Y\n");
    ASSERT_TRUE(result.product.has_value());
    EXPECT_TRUE(result.diagnostics.empty()) << describe(result.diagnostics);
    const Product& product = *result.product;
    ASSERT_NE(product.find_entry("5.3-10"), nullptr);
    EXPECT_EQ(product.find_entry("5.3-10")->published_status, "M");
    EXPECT_EQ(product.find_entry("5.1-1")->published_status, "M C");
    EXPECT_FALSE(product.find_entry("5.1-2")->published_status.has_value());
}

TEST(ProductLoader, ReadsLenientReferencesAndNotesAVariant) {
    const ProductLoad result = load(k_header +
                                    "ics:\n"
                                    "  \"Provision 5.1-1\": Y\n"  // 6
                                    "  \"6.1-3\": Y\n"            // 7
                                    "  \"**5.2-1**\": Y\n");
    ASSERT_TRUE(result.product.has_value());
    const std::vector<IcsEntry>& entries = result.product->entries;
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0].provision_id, "5.1-1");
    EXPECT_EQ(entries[0].written_reference, "Provision 5.1-1");
    EXPECT_EQ(entries[1].provision_id, "6-3");
    EXPECT_EQ(entries[1].written_reference, "6.1-3");
    EXPECT_EQ(entries[2].provision_id, "5.2-1");
    EXPECT_EQ(result.product->find_entry("6-3"), &entries[1]);

    ASSERT_EQ(result.diagnostics.size(), 1u) << describe(result.diagnostics);
    const dg::Diagnostic& note = result.diagnostics[0];
    EXPECT_EQ(note.code, "ICS003");
    EXPECT_EQ(note.severity, dg::Severity::note);
    EXPECT_EQ(note.provision, "6-3");
    EXPECT_NE(note.message.find("6.1-3"), std::string::npos) << note.message;
    EXPECT_EQ(note.position, (dg::SourcePosition{"test.yaml", 7, 3}));
    EXPECT_FALSE(dg::has_errors(result.diagnostics));
}

TEST(ProductLoader, AcceptsAUtf8ByteOrderMarkAndUtf8Text) {
    const ProductLoad result =
        load("\xEF\xBB\xBF" + k_header + "  manufacturer: \"Caf\xC3\xA9 \xE2\x82\xAC\"\n");
    ASSERT_TRUE(result.product.has_value()) << describe(result.diagnostics);
    EXPECT_TRUE(result.diagnostics.empty()) << describe(result.diagnostics);
    EXPECT_EQ(result.product->identity.name, "Test product");
    EXPECT_EQ(result.product->identity.manufacturer, "Caf\xC3\xA9 \xE2\x82\xAC");
}

TEST(ProductLoader, ReadsAFileFromDisk) {
    const std::string path = std::string(IOTCONFORM_SOURCE_DIR) + "/examples/smartcam/product.yaml";
    const ProductLoad result = load_product_file(path);
    ASSERT_TRUE(result.product.has_value()) << describe(result.diagnostics);
    EXPECT_FALSE(dg::has_errors(result.diagnostics)) << describe(result.diagnostics);
    EXPECT_EQ(result.product->path, path);
    EXPECT_EQ(result.product->identity.name, "Lumen Labs SmartCam C2");
    EXPECT_EQ(result.product->entries.size(), 68u);
}

// ---- bad input ---------------------------------------------------------------------------

TEST(ProductLoaderErrors, MalformedYamlIsPF001WithItsLine) {
    const ProductLoad result = load(k_header +
                                    "ics:\n"
                                    "  \"5.1-1\":\n"
                                    "    support: Y\n"
                                    "    detail: Uses TLS: always\n");  // 8
    EXPECT_FALSE(result.product.has_value());
    const std::vector<dg::Diagnostic> found = with_code(result, "PF001");
    ASSERT_EQ(found.size(), 1u) << describe(result.diagnostics);
    EXPECT_EQ(found[0].severity, dg::Severity::error);
    EXPECT_EQ(found[0].position.file, "test.yaml");
    EXPECT_EQ(found[0].position.line, 8);
    EXPECT_GT(found[0].position.column, 0);
    EXPECT_FALSE(found[0].hint.empty());
}

TEST(ProductLoaderErrors, QuoteLeftOpenToTheEndOfTheFileIsPF001) {
    // The closing quote is missing: the rest of the file must not become the name.
    const ProductLoad result = load(
        "iotconform: 1\n"
        "standard: en303645-2.1.1\n"
        "product:\n"
        "  name: \"Acme Hub\n"  // 4
        "  model: X\n"
        "ics:\n"
        "  5.1-1: Y\n");
    const std::vector<dg::Diagnostic> found = with_code(result, "PF001");
    ASSERT_EQ(found.size(), 1u) << describe(result.diagnostics) << "\nname read as: '"
                                << (result.product ? result.product->identity.name : "") << "'";
    EXPECT_FALSE(result.product.has_value());
    EXPECT_EQ(found[0].severity, dg::Severity::error);
    EXPECT_GE(found[0].position.line, 4);
}

TEST(ProductLoaderErrors, ADocumentThatIsNotAMappingIsPF003) {
    for (const std::string text : {"- 5.1-1\n- 5.1-2\n", "just words\n", ""}) {
        SCOPED_TRACE("text: '" + text + "'");
        const ProductLoad result = load(text);
        EXPECT_FALSE(result.product.has_value());
        EXPECT_TRUE(single_error_at(result, "PF003", 1, 1));
    }
}

TEST(ProductLoaderErrors, UnknownTopLevelKeySuggestsTheNearestOne) {
    const ProductLoad result = load(k_header + "scpoe: product\n");
    EXPECT_TRUE(result.product.has_value());  // the rest of the file is still read
    ASSERT_TRUE(single_error_at(result, "PF002", 5, 1));
    const dg::Diagnostic d = with_code(result, "PF002")[0];
    EXPECT_NE(d.message.find("scpoe"), std::string::npos) << d.message;
    EXPECT_NE(d.hint.find("did you mean 'scope'"), std::string::npos) << d.hint;
}

TEST(ProductLoaderErrors, UnknownIdentityKeyIsPF002) {
    const ProductLoad result = load(k_header + "  vendor: Acme\n");
    ASSERT_TRUE(single_error_at(result, "PF002", 5, 3));
    EXPECT_NE(with_code(result, "PF002")[0].hint.find("manufacturer"), std::string::npos);
}

TEST(ProductLoaderErrors, UnknownKeyInAnEntrySuggestsSupport) {
    const ProductLoad result = load(k_header +
                                    "ics:\n"
                                    "  \"5.1-1\":\n"
                                    "    suport: Y\n"  // 7
                                    "    detail: x\n");
    ASSERT_TRUE(single_error_at(result, "PF002", 7, 5));
    const dg::Diagnostic d = with_code(result, "PF002")[0];
    EXPECT_NE(d.hint.find("did you mean 'support'"), std::string::npos) << d.hint;
    ASSERT_TRUE(result.product.has_value());
    ASSERT_EQ(result.product->entries.size(), 1u);
    EXPECT_FALSE(result.product->entries[0].support.has_value());
}

TEST(ProductLoaderErrors, ProductAsAListIsPF003) {
    const ProductLoad result = load(
        "standard: en303645-2.1.1\n"
        "product: [Acme, Hub]\n");
    EXPECT_TRUE(single_error_at(result, "PF003", 2, 10));
    EXPECT_TRUE(with_code(result, "PF005").empty()) << describe(result.diagnostics);
}

TEST(ProductLoaderErrors, DetailAsAMappingIsPF003) {
    const ProductLoad result = load(k_header +
                                    "ics:\n"
                                    "  \"5.1-1\":\n"
                                    "    support: Y\n"
                                    "    detail:\n"
                                    "      text: TLS\n");  // 9
    EXPECT_TRUE(single_error_at(result, "PF003", 9, 7));
    ASSERT_TRUE(result.product.has_value());
    EXPECT_EQ(result.product->entries.at(0).support, Support::yes);
    EXPECT_EQ(result.product->entries.at(0).detail, "");
}

TEST(ProductLoaderErrors, EvidenceAsAMappingIsPF003) {
    const ProductLoad result = load(k_header +
                                    "ics:\n"
                                    "  \"5.1-1\":\n"
                                    "    support: Y\n"
                                    "    evidence: {file: a.md}\n");  // 8
    ASSERT_TRUE(single_error_at(result, "PF003", 8, 15));
    EXPECT_EQ(with_code(result, "PF003")[0].provision, "5.1-1");
}

TEST(ProductLoaderErrors, EntryAsAListIsPF003) {
    const ProductLoad result = load(k_header +
                                    "ics:\n"
                                    "  \"5.1-1\": [Y, TLS]\n");  // 6
    EXPECT_TRUE(single_error_at(result, "PF003", 6, 12));
}

TEST(ProductLoaderErrors, IcsAndConditionsAsListsArePF003) {
    const ProductLoad ics = load(k_header + "ics:\n  - 5.1-1\n");
    EXPECT_TRUE(single_error_at(ics, "PF003", 6, 3));
    const ProductLoad conditions = load(k_header + "conditions: [passwords_used]\n");
    EXPECT_TRUE(single_error_at(conditions, "PF003", 5, 13));
}

TEST(ProductLoaderErrors, InvalidSupportValueIsPF004) {
    const ProductLoad result = load(k_header +
                                    "ics:\n"
                                    "  \"5.1-1\":\n"
                                    "    support: maybe\n"  // 7
                                    "    detail: x\n");
    ASSERT_TRUE(single_error_at(result, "PF004", 7, 14));
    const dg::Diagnostic d = with_code(result, "PF004")[0];
    EXPECT_EQ(d.provision, "5.1-1");
    EXPECT_NE(d.message.find("maybe"), std::string::npos) << d.message;
}

TEST(ProductLoaderErrors, InvalidSupportInScalarFormIsPF004) {
    const ProductLoad result = load(k_header + "ics:\n  5.1-1: partly\n");
    EXPECT_TRUE(single_error_at(result, "PF004", 6, 10));
}

TEST(ProductLoaderErrors, InvalidConditionAnswerIsPF004) {
    const ProductLoad result = load(k_header +
                                    "conditions:\n"
                                    "  passwords_used: sometimes\n");  // 6
    ASSERT_TRUE(single_error_at(result, "PF004", 6, 19));
    ASSERT_TRUE(result.product.has_value());
    EXPECT_FALSE(result.product->conditions.contains(1));
}

TEST(ProductLoaderErrors, InvalidScopeIsPF004) {
    const ProductLoad result = load(k_header + "scope: device\n");
    EXPECT_TRUE(single_error_at(result, "PF004", 5, 8));
}

TEST(ProductLoaderErrors, InvalidPublishedStatusIsPF004) {
    const ProductLoad result = load(k_header +
                                    "ics:\n"
                                    "  \"5.1-1\":\n"
                                    "    status: X\n"  // 7
                                    "    support: Y\n");
    ASSERT_TRUE(single_error_at(result, "PF004", 7, 13));
    EXPECT_FALSE(result.product->entries.at(0).published_status.has_value());
}

TEST(ProductLoaderErrors, UnknownConditionKeySuggestsTheNearestOne) {
    const ProductLoad result = load(k_header +
                                    "conditions:\n"
                                    "  pasword_used: true\n");  // 6
    ASSERT_TRUE(single_error_at(result, "PF007", 6, 3));
    const dg::Diagnostic d = with_code(result, "PF007")[0];
    EXPECT_NE(d.message.find("pasword_used"), std::string::npos) << d.message;
    EXPECT_NE(d.hint.find("did you mean 'passwords_used'"), std::string::npos) << d.hint;
    EXPECT_TRUE(result.product->conditions.empty());
}

TEST(ProductLoaderErrors, UnknownConditionNumberIsPF007) {
    const ProductLoad result = load(k_header + "conditions:\n  14: true\n");
    EXPECT_TRUE(single_error_at(result, "PF007", 6, 3));
}

TEST(ProductLoaderErrors, AFeatureKeyUnderConditionsIsPF007) {
    // V2.1.1 has no features; "passwords" is V3's feature a.
    const ProductLoad result = load(k_header + "conditions:\n  passwords: true\n");
    ASSERT_TRUE(single_error_at(result, "PF007", 6, 3));
    EXPECT_NE(with_code(result, "PF007")[0].hint.find("passwords_used"), std::string::npos);
}

// V2.1.1 has no features: a features section is refused as a whole, pointing the user at
// the conditions (or at V3), rather than key by key.
TEST(ProductLoaderErrors, AFeaturesSectionInAV2FileIsPF007) {
    const ProductLoad result = load(k_header + "features:\n  passwords_used: true\n");
    ASSERT_TRUE(single_error_at(result, "PF007", 6, 3));
    const dg::Diagnostic d = with_code(result, "PF007")[0];
    EXPECT_NE(d.message.find("has no features"), std::string::npos) << d.message;
    EXPECT_NE(d.hint.find("'conditions'"), std::string::npos) << d.hint;
    EXPECT_TRUE(result.product->conditions.empty());
    EXPECT_TRUE(result.product->features.empty());
}

TEST(ProductLoaderErrors, AConditionAnsweredByKeyAndByNumberIsPF008) {
    const ProductLoad result = load(k_header +
                                    "conditions:\n"
                                    "  passwords_used: true\n"
                                    "  1: false\n");  // 7
    ASSERT_TRUE(single_error_at(result, "PF008", 7, 3));
    EXPECT_EQ(result.product->conditions.at(1).answer, Answer::yes);  // the first one kept
}

TEST(ProductLoaderErrors, UnknownProvisionIsICS001) {
    const ProductLoad result = load(k_header +
                                    "ics:\n"
                                    "  \"5.1-1\": Y\n"
                                    "  \"5.1-9\": Y\n");  // 7
    ASSERT_TRUE(single_error_at(result, "ICS001", 7, 3));
    const dg::Diagnostic d = with_code(result, "ICS001")[0];
    EXPECT_NE(d.message.find("5.1-9"), std::string::npos) << d.message;
    EXPECT_NE(d.hint.find("did you mean"), std::string::npos) << d.hint;
    ASSERT_EQ(result.product->entries.size(), 1u);
    EXPECT_EQ(result.product->entries[0].provision_id, "5.1-1");
}

TEST(ProductLoaderErrors, TheSameProvisionUnderTwoSpellingsIsICS002) {
    const ProductLoad result = load(k_header +
                                    "ics:\n"
                                    "  \"5.1-1\": Y\n"              // 6
                                    "  \"Provision 5.1-1\": N\n");  // 7
    ASSERT_TRUE(single_error_at(result, "ICS002", 7, 3));
    const dg::Diagnostic d = with_code(result, "ICS002")[0];
    EXPECT_EQ(d.provision, "5.1-1");
    EXPECT_NE(d.message.find("line 6"), std::string::npos) << d.message;
    ASSERT_EQ(result.product->entries.size(), 1u);
    EXPECT_EQ(result.product->entries[0].support, Support::yes);
}

TEST(ProductLoaderErrors, DuplicateTopLevelKeyIsPF008) {
    const ProductLoad result = load(k_header + "standard: en303645-2.1.1\n");
    ASSERT_TRUE(single_error_at(result, "PF008", 5, 1));
    EXPECT_NE(with_code(result, "PF008")[0].message.find("standard"), std::string::npos);
}

TEST(ProductLoaderErrors, DuplicateKeyInAnEntryIsPF008) {
    const ProductLoad result = load(k_header +
                                    "ics:\n"
                                    "  \"5.1-1\":\n"
                                    "    support: Y\n"
                                    "    support: N\n");  // 8
    EXPECT_TRUE(single_error_at(result, "PF008", 8, 5));
}

TEST(ProductLoaderErrors, MissingStandardIsPF005) {
    const ProductLoad result = load("product:\n  name: A\n");
    EXPECT_FALSE(result.product.has_value());
    ASSERT_TRUE(single_error_at(result, "PF005", 1, 1));
    EXPECT_NE(with_code(result, "PF005")[0].hint.find("en303645-2.1.1"), std::string::npos);
}

TEST(ProductLoaderErrors, UnknownStandardIsPF006) {
    const ProductLoad result = load("standard: en303645-9.9.9\nproduct:\n  name: A\n");
    EXPECT_FALSE(result.product.has_value());
    ASSERT_TRUE(single_error_at(result, "PF006", 1, 11));
    const dg::Diagnostic d = with_code(result, "PF006")[0];
    EXPECT_NE(d.message.find("en303645-9.9.9"), std::string::npos) << d.message;
    EXPECT_NE(d.hint.find("en303645-2.1.1"), std::string::npos) << d.hint;
}

TEST(ProductLoaderErrors, MissingProductSectionIsPF005) {
    const ProductLoad result = load("iotconform: 1\nstandard: en303645-2.1.1\n");
    EXPECT_TRUE(single_error_at(result, "PF005", 1, 1));
}

TEST(ProductLoaderErrors, MissingProductNameIsPF005) {
    const ProductLoad result = load(
        "standard: en303645-2.1.1\n"
        "product:\n"
        "  manufacturer: Acme\n");  // 3
    ASSERT_TRUE(single_error_at(result, "PF005", 3, 3));
    EXPECT_NE(with_code(result, "PF005")[0].message.find("product.name"), std::string::npos);
}

TEST(ProductLoaderErrors, BlankProductNameIsPF005) {
    const ProductLoad result = load(
        "standard: en303645-2.1.1\n"
        "product:\n"
        "  name: \"   \"\n");
    EXPECT_TRUE(single_error_at(result, "PF005", 3, 3));
}

TEST(ProductLoaderErrors, UnsupportedFormatIsPF004) {
    const ProductLoad result =
        load("iotconform: 2\nstandard: en303645-2.1.1\nproduct:\n  name: A\n");
    ASSERT_TRUE(single_error_at(result, "PF004", 1, 13));
    const dg::Diagnostic d = with_code(result, "PF004")[0];
    EXPECT_NE(d.message.find("format 2"), std::string::npos) << d.message;
    EXPECT_NE(d.hint.find("iotconform: 1"), std::string::npos) << d.hint;
}

TEST(ProductLoaderErrors, InvalidUtf8IsPF001AtTheBadByte) {
    const ProductLoad result = load(
        "standard: en303645-2.1.1\n"
        "product:\n"
        "  name: Caf\xE9 Hub\n");  // Latin-1 e-acute at line 3, column 12
    EXPECT_FALSE(result.product.has_value());
    ASSERT_TRUE(single_error_at(result, "PF001", 3, 12));
    EXPECT_NE(with_code(result, "PF001")[0].message.find("0xE9"), std::string::npos);
    EXPECT_EQ(result.diagnostics.size(), 1u) << describe(result.diagnostics);
}

TEST(ProductLoaderErrors, InvalidUtf8AfterAByteOrderMarkCountsColumnsWithoutIt) {
    const ProductLoad result = load("\xEF\xBB\xBFstandard: \xC0\xAF\n");  // overlong '/'
    EXPECT_TRUE(single_error_at(result, "PF001", 1, 11));
}

TEST(ProductLoaderErrors, Utf16IsPF001) {
    for (const std::string bom : {"\xFF\xFE"s, "\xFE\xFF"s}) {
        const std::string text = bom + "s\0t\0"s;
        const ProductLoad result = load(text);
        EXPECT_FALSE(result.product.has_value());
        ASSERT_TRUE(single_error_at(result, "PF001", 1, 1));
        EXPECT_NE(with_code(result, "PF001")[0].message.find("UTF-16"), std::string::npos);
    }
}

TEST(ProductLoaderErrors, NulByteIsPF001AtItsPlace) {
    const std::string text = "standard: en303645-2.1.1\nproduct:\n  na\0me: A\n"s;
    const ProductLoad result = load(text);
    EXPECT_FALSE(result.product.has_value());
    ASSERT_TRUE(single_error_at(result, "PF001", 3, 5));
    EXPECT_NE(with_code(result, "PF001")[0].message.find("NUL"), std::string::npos);
}

TEST(ProductLoaderErrors, CollectsEveryProblemInOneRound) {
    const ProductLoad result = load(k_header +
                                    "scpoe: product\n"  // 5
                                    "conditions:\n"
                                    "  pasword_used: true\n"  // 7
                                    "ics:\n"
                                    "  \"5.1-1\": maybe\n"  // 9
                                    "  \"5.1-9\": Y\n");    // 10
    std::vector<std::string> codes;
    for (const dg::Diagnostic& d : result.diagnostics) {
        codes.push_back(d.code + "@" + std::to_string(d.position.line));
    }
    std::sort(codes.begin(), codes.end());
    EXPECT_EQ(codes, (std::vector<std::string>{"ICS001@10", "PF002@5", "PF004@9", "PF007@7"}));
}

TEST(ProductLoaderFile, MissingFileIsPF009) {
    const std::string path = "/nonexistent/iotconform/product.yaml";
    const ProductLoad result = load_product_file(path);
    EXPECT_FALSE(result.product.has_value());
    ASSERT_EQ(result.diagnostics.size(), 1u);
    const dg::Diagnostic& d = result.diagnostics[0];
    EXPECT_EQ(d.code, "PF009");
    EXPECT_EQ(d.severity, dg::Severity::error);
    EXPECT_EQ(d.position.file, path);
    EXPECT_FALSE(d.message.empty());
    EXPECT_FALSE(d.hint.empty());
}

// " #" in an unquoted detail starts a YAML comment: the rest of the line is lost, which a
// warning (not an error: the file is valid YAML) points out at the '#'.
TEST(ProductLoaderWarnings, CommentCuttingAnUnquotedDetailIsPF011) {
    const ProductLoad result = load(k_header +
                                    "ics:\n"
                                    "  \"5.6-1\":\n"
                                    "    support: Y\n"
                                    "    detail: closed ports #443 and #80\n");
    ASSERT_TRUE(result.product.has_value());
    ASSERT_EQ(result.diagnostics.size(), 1u);
    const dg::Diagnostic& d = result.diagnostics[0];
    EXPECT_EQ(d.code, "PF011");
    EXPECT_EQ(d.severity, dg::Severity::warning);
    EXPECT_EQ(d.provision, "5.6-1");
    EXPECT_EQ(d.position.line, 8);
    EXPECT_EQ(d.position.column, 26);  // at the '#'
    EXPECT_EQ(result.product->entries[0].detail, "closed ports");
}

TEST(ProductLoaderWarnings, QuotedDetailWithHashIsFine) {
    const ProductLoad result =
        load(k_header +
             "ics:\n"
             "  \"5.6-1\":\n"
             "    support: Y\n"
             "    detail: \"closed ports #443 and #80\"  # a real comment\n");
    ASSERT_TRUE(result.product.has_value());
    EXPECT_TRUE(result.diagnostics.empty());
    EXPECT_EQ(result.product->entries[0].detail, "closed ports #443 and #80");
}

// ---- regressions from hostile input --------------------------------------------------------

bool has_code(const ProductLoad& result, std::string_view code) {
    return !with_code(result, code).empty();
}

TEST(ProductLoaderHostile, SecondYamlDocumentIsRefused) {
    const ProductLoad result = load(k_header + "---\njunk: [ unclosed\n");
    EXPECT_FALSE(result.product.has_value());
    EXPECT_TRUE(has_code(result, "PF001"));
}

TEST(ProductLoaderHostile, DeepNestingIsRefusedBeforeParsing) {
    const ProductLoad result = load(k_header + "x: " + std::string(5000, '['));
    EXPECT_FALSE(result.product.has_value());
    ASSERT_TRUE(has_code(result, "PF001"));
    EXPECT_NE(with_code(result, "PF001")[0].message.find("nested"), std::string::npos);
}

// One long value used through an alias in every evidence list: small file, huge reports.
TEST(ProductLoaderHostile, AliasExpansionIsBounded) {
    std::string text = k_header.substr(0, k_header.find("product:")) +
                       "product:\n  name: x\n  model: &big " + std::string(1 << 20, 'A') +
                       "\nics:\n  \"5.1-1\":\n    support: Y\n    evidence: [";
    for (int i = 0; i < 100; ++i) {
        text += (i > 0 ? ", " : "") + std::string("*big");
    }
    text += "]\n";
    const ProductLoad result = load(text);
    EXPECT_FALSE(result.product.has_value() && !diagnostics::has_errors(result.diagnostics));
    EXPECT_TRUE(has_code(result, "PF003"));
}

TEST(ProductLoaderHostile, ControlCharacterInAValueIsRefused) {
    const ProductLoad result =
        load(k_header + "ics:\n  \"5.1-1\": {support: Y, detail: \"clear\\e[2J\"}\n");
    ASSERT_TRUE(has_code(result, "PF004"));
    EXPECT_NE(with_code(result, "PF004")[0].message.find("0x1B"), std::string::npos);
}

// The unclosed-quote check must see through an anchor or a tag before the quote.
TEST(ProductLoaderHostile, UnclosedQuoteAfterAnchorOrTagIsFound) {
    for (const std::string prefix : {"&d ", "!!str "}) {
        SCOPED_TRACE(prefix);
        const ProductLoad result =
            load(k_header + "ics:\n  \"5.1-1\":\n    support: Y\n    detail: " + prefix +
                 "\"Random password\n  \"5.1-2\": Y\n");
        EXPECT_TRUE(has_code(result, "PF001"));
    }
}

TEST(ProductLoaderHostile, KeyThatIsNotANameIsReported) {
    const ProductLoad result = load(k_header + "? [a, b]\n: c\n");
    ASSERT_TRUE(has_code(result, "PF002"));
    EXPECT_NE(with_code(result, "PF002")[0].message.find("not a name"), std::string::npos);
}

TEST(ProductLoaderHostile, ErrorsStopAfterFifty) {
    std::string text = k_header + "ics:\n";
    for (int i = 0; i < 1000; ++i) {
        text += "  \"9.9-" + std::to_string(i) + "\": Y\n";
    }
    const ProductLoad result = load(text);
    EXPECT_FALSE(result.product.has_value());
    EXPECT_LE(result.diagnostics.size(), 52u);
    EXPECT_NE(result.diagnostics.back().message.find("stopped after 50 errors"), std::string::npos);
}

// Word processors put Unicode dashes into references.
TEST(ProductLoaderHostile, UnicodeDashesInReferencesResolve) {
    const ProductLoad result = load(k_header + "ics:\n  \"5.1\u20111\": Y\n  \"5.1\u20132\": N\n");
    ASSERT_TRUE(result.product.has_value());
    EXPECT_FALSE(diagnostics::has_errors(result.diagnostics));
    EXPECT_NE(result.product->find_entry("5.1-1"), nullptr);
    EXPECT_NE(result.product->find_entry("5.1-2"), nullptr);
}

// Regression: yaml-cpp's LoadAll looped forever on these (found by libFuzzer); documents
// are now told apart by their markers.
TEST(ProductLoaderHostile, InputsThatHungTheMultiDocumentReaderLoad) {
    for (const std::string text : {std::string("  ,[a?b]\n: c\nics, b, b]\n: c: &:a]\n"),
                                   std::string(",\n: ;cst/!ndaa [a*]\n")}) {
        const ProductLoad result = load(text);
        EXPECT_FALSE(result.product.has_value());
    }
    const ProductLoad ended = load(k_header + "...\nscope: product\n");
    EXPECT_TRUE(has_code(ended, "PF001"));
    const ProductLoad leading = load("---\n" + k_header);
    EXPECT_TRUE(leading.product.has_value());
    EXPECT_FALSE(diagnostics::has_errors(leading.diagnostics));
}

TEST(ProductLoaderHostile, OtherEncodingsAreNamed) {
    using namespace std::string_literals;
    const ProductLoad utf32 = load("\xFF\xFE\0\0s\0\0\0"s);
    ASSERT_TRUE(has_code(utf32, "PF001"));
    EXPECT_NE(with_code(utf32, "PF001")[0].message.find("UTF-32"), std::string::npos);
    const ProductLoad bare16 = load("s\0t\0a\0n\0"s);
    ASSERT_TRUE(has_code(bare16, "PF001"));
    EXPECT_NE(with_code(bare16, "PF001")[0].message.find("UTF-16 without a byte-order mark"),
              std::string::npos);
}

// ---- artifacts and suppressions -----------------------------------------------------------

TEST(ProductLoaderArtifacts, ResolvesPathsAgainstTheProductFilesFolder) {
    const ProductLoad loaded = load_product(k_header +
                                                "artifacts:\n"
                                                "  firmware: {file: rootfs.squashfs}\n"
                                                "  kernel:\n"
                                                "    config: build/.config\n"
                                                "    cmdline: /etc/cmdline.txt\n"
                                                "    profile: strict\n"
                                                "    rules: [my-rules.yaml]\n"
                                                "  update_image:\n"
                                                "    file: zephyr.signed.bin\n"
                                                "    key: keys/root-pub.pem\n",
                                            "products/cam/product.yaml");
    ASSERT_TRUE(loaded.product) << describe(loaded.diagnostics);
    EXPECT_TRUE(loaded.diagnostics.empty()) << describe(loaded.diagnostics);
    const Artifacts& artifacts = loaded.product->artifacts;
    ASSERT_TRUE(artifacts.kernel);
    EXPECT_EQ(artifacts.kernel->config.written, "build/.config");
    EXPECT_EQ(artifacts.kernel->config.resolved, "products/cam/build/.config");
    EXPECT_EQ(artifacts.kernel->config.position.line, 8);
    ASSERT_TRUE(artifacts.firmware);
    EXPECT_EQ(artifacts.firmware->image.resolved, "products/cam/rootfs.squashfs");
    ASSERT_TRUE(artifacts.kernel->cmdline);
    EXPECT_EQ(artifacts.kernel->cmdline->resolved, "/etc/cmdline.txt");
    EXPECT_FALSE(artifacts.kernel->sysctl);
    EXPECT_EQ(artifacts.kernel->profile, "strict");
    ASSERT_EQ(artifacts.kernel->rules.size(), 1u);
    EXPECT_EQ(artifacts.kernel->rules[0].resolved, "products/cam/my-rules.yaml");
    ASSERT_TRUE(artifacts.update_image);
    EXPECT_EQ(artifacts.update_image->image.resolved, "products/cam/zephyr.signed.bin");
    ASSERT_TRUE(artifacts.update_image->key);
    EXPECT_EQ(artifacts.update_image->key->resolved, "products/cam/keys/root-pub.pem");
    EXPECT_FALSE(artifacts.update_image->decryption_key);
}

TEST(ProductLoaderArtifacts, MistakesAreLocated) {
    const ProductLoad loaded = load(k_header +
                                    "artifacts:\n"
                                    "  kernel:\n"
                                    "    cmdline: cmdline.txt\n"
                                    "    profil: strict\n"
                                    "  update_image:\n"
                                    "    file: ''\n"
                                    "  firmwar: image.bin\n");
    EXPECT_TRUE(dg::has_errors(loaded.diagnostics));
    const std::vector<dg::Diagnostic> unknown = with_code(loaded, "PF002");
    ASSERT_EQ(unknown.size(), 2u) << describe(loaded.diagnostics);
    // The section's own keys are checked before what is inside it.
    EXPECT_EQ(unknown[0].position.line, 11);
    EXPECT_EQ(unknown[1].position.line, 8);
    EXPECT_NE(unknown[1].hint.find("profile"), std::string::npos) << unknown[1].hint;
    const std::vector<dg::Diagnostic> missing = with_code(loaded, "PF005");
    ASSERT_EQ(missing.size(), 2u) << describe(loaded.diagnostics);
    EXPECT_NE(missing[0].message.find("'config'"), std::string::npos) << missing[0].message;
    EXPECT_NE(missing[1].message.find("'file'"), std::string::npos) << missing[1].message;
    EXPECT_EQ(with_code(loaded, "PF004").size(), 1u) << describe(loaded.diagnostics);
}

TEST(ProductLoaderArtifacts, ASuppressionNeedsARuleAndAReason) {
    const ProductLoad loaded = load(k_header +
                                    "suppressions:\n"
                                    "  - rule: KC-LNX-001\n"
                                    "    reason: Needed by the vendor's debugger in the lab.\n"
                                    "  - rule: KC-LNX-002\n"
                                    "  - reason: no rule\n");
    const std::vector<dg::Diagnostic> missing = with_code(loaded, "PF005");
    ASSERT_EQ(missing.size(), 2u) << describe(loaded.diagnostics);
    EXPECT_EQ(missing[0].position.line, 8);
    EXPECT_NE(missing[0].message.find("KC-LNX-002 gives no reason"), std::string::npos);
    EXPECT_EQ(missing[1].position.line, 9);
    ASSERT_TRUE(loaded.product);
    ASSERT_EQ(loaded.product->suppressions.size(), 1u);
    EXPECT_EQ(loaded.product->suppressions[0].rule, "KC-LNX-001");
}

}  // namespace
}  // namespace iotconform::ics
