// Benchmark of `image verify` on a 1 MiB update image: the file read and parsed, the hash
// recomputed, the key hash compared and the signature checked, for each signature type.
// Prints the figure beside imgtool's (0.19 s for the same check, nearly all Python
// start-up, measured for issue 6). No test depends on timings.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>

#include "mcuboot/files.hpp"
#include "mcuboot/sign.hpp"
#include "mcuboot/verify.hpp"

namespace {

using namespace iotconform::mcuboot;

// A signed 1 MiB image written to a temporary file once per key type, so each iteration
// reads the file as `image verify` does.
struct Fixture {
    std::filesystem::path file;
    Key public_key;
};

Fixture make_image(KeyKind kind, int bits) {
    const Key key = generate_key(kind, bits);
    SignOptions options;
    options.key = key;
    options.version = *parse_version("1.0.0");
    options.header_size = 0x200;
    options.pad_header = true;
    options.slot_size = 0x200000;
    std::vector<std::uint8_t> payload(1024 * 1024);
    for (std::size_t i = 0; i < payload.size(); ++i) {
        payload[i] = static_cast<std::uint8_t>(i * 2654435761U >> 24);
    }
    const SignResult signed_image = build_image(std::move(payload), options);
    const std::filesystem::path file =
        std::filesystem::temp_directory_path() / ("iotconform-bench-" + key.describe() + ".bin");
    std::ofstream(file, std::ios::binary)
        .write(reinterpret_cast<const char*>(signed_image.image.data()),
               static_cast<std::streamsize>(signed_image.image.size()));
    return {file, *load_key_pem(key.public_pem()).key};
}

void verify_1mib(benchmark::State& state, KeyKind kind, int bits) {
    const Fixture fixture = make_image(kind, bits);
    for (auto _ : state) {
        ImageFile file = read_image_file(fixture.file.string());
        const Verification verification = verify(*file.image, {{fixture.public_key}});
        if (!verification.ok) {
            state.SkipWithError("the benchmark image does not verify");
            break;
        }
        benchmark::DoNotOptimize(verification);
    }
    std::filesystem::remove(fixture.file);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 1024 * 1024);
    state.counters["imgtool_ms"] = 190.0;
}

BENCHMARK_CAPTURE(verify_1mib, ecdsa_p256, KeyKind::ecdsa_p256, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(verify_1mib, rsa_2048, KeyKind::rsa, 2048)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(verify_1mib, ed25519, KeyKind::ed25519, 0)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
