// Tests for the reports: SARIF paths and rules, Markdown and CSV escaping of hostile text.
#include "report/reports.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "ics/product_loader.hpp"

namespace iotconform::report {
namespace {

struct Judged {
    ics::ProductLoad load;
    judge::Judgement judgement;
};

Judged judged(const std::string& text, const std::string& path) {
    Judged result{ics::load_product(text, path), {}};
    result.judgement = judge::judge(*result.load.product, result.load.diagnostics);
    return result;
}

const std::string k_product =
    "standard: en303645-2.1.1\nproduct: {name: Hub}\n"
    "ics:\n  \"5.1-1\": {support: N/A, detail: \"<script>alert(1)</script>\"}\n"
    "  \"5.1-3\": {support: N, detail: \"=HYPERLINK(\\\"http://x\\\")\"}\n";

TEST(SarifReport, PathsArePercentEncodedAndRulesMatchResults) {
    const Judged j = judged(k_product, "my dir/p#1.yaml");
    const nlohmann::json sarif = nlohmann::json::parse(render_sarif(j.judgement));
    const nlohmann::json& run = sarif["runs"][0];
    const nlohmann::json& rules = run["tool"]["driver"]["rules"];
    ASSERT_FALSE(run["results"].empty());
    for (const nlohmann::json& result : run["results"]) {
        EXPECT_EQ(rules[result["ruleIndex"].get<std::size_t>()]["id"], result["ruleId"]);
        EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                  "my%20dir/p%231.yaml");
    }
    std::set<std::string> used;
    for (const nlohmann::json& result : run["results"]) {
        used.insert(result["ruleId"].get<std::string>());
    }
    EXPECT_EQ(rules.size(), used.size());  // only the rules the results use
}

TEST(MarkdownAndCsvReports, HostileTextStaysText) {
    const Judged j = judged(k_product, "p.yaml");
    const std::string markdown = render_markdown(j.judgement);
    EXPECT_EQ(markdown.find("<script>"), std::string::npos);
    EXPECT_NE(markdown.find("&lt;script>"), std::string::npos);
    const std::string csv = render_csv(j.judgement);
    EXPECT_EQ(csv.find(",=HYPERLINK"), std::string::npos);
    EXPECT_EQ(csv.find(",\"=HYPERLINK"), std::string::npos);
    EXPECT_NE(csv.find("'=HYPERLINK"), std::string::npos);
    const std::string html = render_html(j.judgement);
    EXPECT_EQ(html.find("<script>alert"), std::string::npos);
}

// The footer says where the provision texts come from: V2.1.1's are quoted, V3.1.3's are
// iotconform's summaries (the standard's wording is not available), in every format.
TEST(Reports, AttributeProvisionTextsAsTheEditionHasThem) {
    const Judged v2 = judged(k_product, "p.yaml");
    EXPECT_NE(render_markdown(v2.judgement).find("Provision texts quoted from ETSI EN 303 645"),
              std::string::npos);
    const Judged v3 = judged("standard: en303645-3.1.3\nproduct: {name: Hub}\n", "p.yaml");
    for (const std::string& text : {render_markdown(v3.judgement), render_html(v3.judgement),
                                    render_json(v3.judgement), render_sarif(v3.judgement)}) {
        EXPECT_EQ(text.find("quoted from"), std::string::npos);
        EXPECT_NE(text.find("own summaries, not the wording of"), std::string::npos);
    }
    EXPECT_EQ(nlohmann::json::parse(render_json(v3.judgement))["standard"]["provision_texts"],
              "summaries");
    EXPECT_EQ(nlohmann::json::parse(render_json(v2.judgement))["standard"]["provision_texts"],
              "quoted");
}

}  // namespace
}  // namespace iotconform::report
