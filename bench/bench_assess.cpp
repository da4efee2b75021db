// Benchmarks of the main job's stages: loading a product file, judging it (with and
// without a large body of evidence) and rendering every report. They print figures for
// people to compare across changes; no test depends on timings.
#include <benchmark/benchmark.h>

#include <string>

#include "ics/product_loader.hpp"
#include "judge/engine.hpp"
#include "report/reports.hpp"
#include "standard/catalog.hpp"
#include "util/fs.hpp"

namespace {

using namespace iotconform;

std::string example_text() {
    const util::ReadResult read = util::read_text_file(std::string(IOTCONFORM_SOURCE_DIR) +
                                                       "/examples/smartcam/product.yaml");
    return read.content.value_or("");
}

ics::Product example_product() {
    return *ics::load_product(example_text(), "product.yaml").product;
}

// A scanner's worth of evidence: `count` findings spread over every provision.
std::vector<judge::Finding> findings(std::size_t count) {
    const auto& provisions = standard::find_standard("en303645-2.1.1")->provisions();
    std::vector<judge::Finding> list;
    for (std::size_t i = 0; i < count; ++i) {
        list.push_back({"BENCH-" + std::to_string(i),
                        "benchmark",
                        {provisions[i % provisions.size()].id},
                        judge::Effect::informs,
                        diagnostics::Severity::note,
                        "synthetic finding",
                        "image:/path/" + std::to_string(i),
                        {}});
    }
    return list;
}

void load_product_file(benchmark::State& state) {
    const std::string text = example_text();
    for (auto _ : state) {
        benchmark::DoNotOptimize(ics::load_product(text, "product.yaml"));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(load_product_file);

void judge_product(benchmark::State& state) {
    const ics::Product product = example_product();
    const std::vector<judge::Finding> evidence = findings(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        benchmark::DoNotOptimize(judge::judge(product, {}, evidence));
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(judge_product)->Arg(0)->Arg(1000)->Arg(100000);

void render_all_reports(benchmark::State& state) {
    const ics::Product product = example_product();
    const judge::Judgement judgement = judge::judge(product);
    for (auto _ : state) {
        benchmark::DoNotOptimize(report::render_all(judgement));
    }
}
BENCHMARK(render_all_reports);

}  // namespace

BENCHMARK_MAIN();
