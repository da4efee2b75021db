// Benchmark of the binary-hardening check over every ELF file of a directory: the Debian 12
// minbase root file system the tests cache, else this machine's /usr/bin (or the directory
// in IOTCONFORM_BENCH_ELF_DIR). Prints files per second, the cost per file and bytes per
// second, for the check alone (files already in memory) and with reading the files from the
// page cache. With IOTCONFORM_BENCH_CHECKSEC=1 it also times `checksec --dir` on the same
// directory (minutes) and prints how many times faster the check is. No test depends on
// timings.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "firmware/elf_check.hpp"

namespace {

namespace fs = std::filesystem;
using namespace iotconform;

fs::path bench_directory() {
    if (const char* chosen = std::getenv("IOTCONFORM_BENCH_ELF_DIR")) {
        return chosen;
    }
    const char* cache = std::getenv("IOTCONFORM_ROOTFS_CACHE");
    const fs::path rootfs =
        fs::path(cache != nullptr ? cache : "/var/cache/iotconform/rootfs") / "debian12-minbase";
    return fs::is_directory(rootfs) ? rootfs : fs::path("/usr/bin");
}

std::vector<std::uint8_t> read_file(const fs::path& path) {
    std::ifstream stream(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

bool starts_with_elf_magic(const fs::path& path) {
    std::ifstream stream(path, std::ios::binary);
    char magic[4] = {};
    stream.read(magic, sizeof magic);
    return stream.gcount() == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' &&
           magic[3] == 'F';
}

// The regular ELF files under the directory, as checksec --dir finds them.
const std::vector<fs::path>& elf_files() {
    static const std::vector<fs::path> files = [] {
        std::vector<fs::path> found;
        std::error_code ec;
        for (fs::recursive_directory_iterator it(bench_directory(), ec), end; !ec && it != end;
             it.increment(ec)) {
            if (it->is_regular_file() && !it->is_symlink() && starts_with_elf_magic(it->path())) {
                found.push_back(it->path());
            }
        }
        std::printf("%zu ELF files under %s\n", found.size(), bench_directory().c_str());
        return found;
    }();
    return files;
}

// checksec --dir on this root file system, measured for issue 4 on this 2-core machine with
// a warm cache: 124 s for the 695 ELF files.
constexpr double k_checksec_seconds_for_minbase = 124.0;

void report(benchmark::State& state, std::size_t bytes) {
    const double files = static_cast<double>(elf_files().size());
    state.counters["files/s"] =
        benchmark::Counter(files, benchmark::Counter::kIsIterationInvariantRate);
    state.counters["per_file"] = benchmark::Counter(
        files, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

// How many times faster than checksec's figure for the minbase root file system, when that
// is the directory measured.
void compare_with_checksec(benchmark::State& state, double seconds_per_run) {
    if (elf_files().size() == 695 && seconds_per_run > 0) {
        state.counters["checksec_s"] = k_checksec_seconds_for_minbase;
        state.counters["x_faster_than_checksec"] = k_checksec_seconds_for_minbase / seconds_per_run;
    }
}

double seconds_per_iteration(const std::chrono::steady_clock::time_point start,
                             benchmark::State& state) {
    const std::chrono::duration<double> spent = std::chrono::steady_clock::now() - start;
    return state.iterations() == 0 ? 0 : spent.count() / static_cast<double>(state.iterations());
}

// The check over files already in memory: parsing and judging alone.
void check_in_memory(benchmark::State& state) {
    std::vector<std::vector<std::uint8_t>> contents;
    std::size_t bytes = 0;
    for (const fs::path& path : elf_files()) {
        contents.push_back(read_file(path));
        bytes += contents.back().size();
    }
    const auto start = std::chrono::steady_clock::now();
    for (auto _ : state) {
        firmware::BinaryHardeningCheck check;
        firmware::FileEntry entry;
        for (std::size_t i = 0; i < contents.size(); ++i) {
            entry.path = elf_files()[i].string();
            entry.size = contents[i].size();
            check.visit(entry, contents[i]);
        }
        std::vector<judge::Finding> findings;
        std::vector<diagnostics::Diagnostic> diagnostics;
        check.finish(findings, diagnostics);
        benchmark::DoNotOptimize(findings);
    }
    compare_with_checksec(state, seconds_per_iteration(start, state));
    report(state, bytes);
}
BENCHMARK(check_in_memory)->Unit(benchmark::kMillisecond)->UseRealTime();

// Reading every file from the page cache and checking it, as the comparison with checksec
// (which reads the files too) should count.
void read_and_check(benchmark::State& state) {
    std::size_t bytes = 0;
    const auto start = std::chrono::steady_clock::now();
    for (auto _ : state) {
        bytes = 0;
        std::vector<firmware::ElfFileResult> results;
        for (const fs::path& path : elf_files()) {
            const std::vector<std::uint8_t> content = read_file(path);
            bytes += content.size();
            results.push_back(firmware::check_elf_file(path.string(), content));
        }
        benchmark::DoNotOptimize(results);
    }
    compare_with_checksec(state, seconds_per_iteration(start, state));
    report(state, bytes);
}
BENCHMARK(read_and_check)->Unit(benchmark::kMillisecond)->UseRealTime();

// checksec on the same directory, once, only when asked: it takes minutes.
void checksec_dir(benchmark::State& state) {
    if (std::getenv("IOTCONFORM_BENCH_CHECKSEC") == nullptr) {
        state.SkipWithError("set IOTCONFORM_BENCH_CHECKSEC=1 to time checksec (minutes)");
        return;
    }
    const std::string command =
        "checksec --output=json --dir='" + bench_directory().string() + "' >/dev/null 2>&1";
    double seconds = 0;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        if (std::system(command.c_str()) != 0) {
            state.SkipWithError("checksec failed or is not installed");
            return;
        }
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    state.counters["seconds"] = seconds;
    report(state, 0);
}
BENCHMARK(checksec_dir)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
