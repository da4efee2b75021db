// Benchmark of a whole kernel hardening check: a distribution configuration read and
// parsed, the built-in rules loaded, every rule judged and the table rendered. Prints the
// figure beside kernel-hardening-checker's (a median of 0.095 s for the same Debian 13
// x86_64 configuration, 259 checks, measured for issue 5). No test depends on timings.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>

#include "kconfig/session.hpp"
#include "util/fs.hpp"

namespace {

using namespace iotconform;

// The Debian 13 configuration of the shared corpus, else the Debian 12 one setup.sh
// fetched; empty when neither is on this machine.
std::string distribution_config() {
    const std::filesystem::path corpus = std::filesystem::path(IOTCONFORM_SOURCE_DIR) / ".." /
                                         "shared" / "peer" / "kernel-hardening-checker" /
                                         "configs" / "Debian_13_Trixie_x86_64.config";
    if (std::filesystem::exists(corpus)) {
        return corpus.string();
    }
    const std::filesystem::path cache = "/var/cache/iotconform/kernels";
    std::error_code ignored;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(cache, ignored)) {
        if (entry.path().filename().string().starts_with("config-")) {
            return entry.path().string();
        }
    }
    return {};
}

void whole_check(benchmark::State& state) {
    const std::string path = distribution_config();
    if (path.empty()) {
        state.SkipWithError("no distribution configuration on this machine");
        return;
    }
    kconfig::Request request;
    request.config = path;
    request.all_profiles = true;
    std::size_t rules = 0;
    for (auto _ : state) {
        const std::unique_ptr<kconfig::Session> session = kconfig::run(request);
        const std::string table = kconfig::render_table(session->report);
        rules = session->report.results.size();
        benchmark::DoNotOptimize(table);
    }
    state.counters["rules"] = static_cast<double>(rules);
    state.counters["kernel-hardening-checker_ms"] = 95.0;
}
BENCHMARK(whole_check)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
