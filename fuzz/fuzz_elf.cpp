// Fuzz target: the ELF parser and the hardening judgement over any bytes, with and without
// the ELF magic in front, and the binary-hardening check's aggregation over the result.
#include <cstdint>
#include <vector>

#include "firmware/elf_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iotconform;
    const util::Bytes bytes(data, size);
    (void)firmware::elf::assess(firmware::elf::parse(bytes));

    // The check only sees files that start with the magic: give it one whatever the input.
    std::vector<std::uint8_t> with_magic = {0x7f, 'E', 'L', 'F'};
    with_magic.insert(with_magic.end(), data, data + size);
    firmware::BinaryHardeningCheck check;
    firmware::FileEntry directory;
    directory.path = "tmp";
    directory.type = firmware::FileType::directory;
    directory.mode = 01777;
    check.visit(directory, {});
    firmware::FileEntry file;
    file.path = "usr/bin/fuzz";
    file.size = with_magic.size();
    check.visit(file, with_magic);
    std::vector<judge::Finding> findings;
    std::vector<diagnostics::Diagnostic> diagnostics;
    check.finish(findings, diagnostics);
    (void)firmware::elf_results_json(check.results()).dump();
    return 0;
}
