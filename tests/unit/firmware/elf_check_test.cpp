// Tests for the binary-hardening check: which files it judges, the aggregated findings and
// the summary, RPATH/RUNPATH judged against the image's directories, diagnostics for
// malformed files, and the per-file table. Files come from the fuzz corpus (see
// elf_test.cpp for how each was built).
#include "firmware/elf_check.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "standard/catalog.hpp"

namespace iotconform::firmware {
namespace {

using Data = std::vector<std::uint8_t>;

Data corpus_file(const std::string& name) {
    std::ifstream stream(std::string(IOTCONFORM_SOURCE_DIR) + "/fuzz/corpus/fuzz_elf/" + name,
                         std::ios::binary);
    EXPECT_TRUE(stream) << name;
    return Data(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
}

FileEntry file_entry(std::string path, const Data& content) {
    FileEntry entry;
    entry.path = std::move(path);
    entry.size = content.size();
    entry.mode = 0755;
    return entry;
}

FileEntry directory_entry(std::string path, std::uint32_t mode) {
    FileEntry entry;
    entry.path = std::move(path);
    entry.type = FileType::directory;
    entry.mode = mode;
    return entry;
}

struct Outcome {
    std::vector<judge::Finding> findings;
    std::vector<diagnostics::Diagnostic> diagnostics;

    const judge::Finding* find(std::string_view rule) const {
        for (const judge::Finding& finding : findings) {
            if (finding.rule_id == rule) {
                return &finding;
            }
        }
        return nullptr;
    }
};

Outcome finish(BinaryHardeningCheck& check) {
    Outcome outcome;
    check.finish(outcome.findings, outcome.diagnostics);
    return outcome;
}

void visit(BinaryHardeningCheck& check, const std::string& path, const std::string& corpus_name) {
    const Data content = corpus_file(corpus_name);
    check.visit(file_entry(path, content), content);
}

TEST(BinaryHardeningCheck, JudgesOnlyRegularFilesWithTheElfMagic) {
    BinaryHardeningCheck check;
    EXPECT_EQ(check.name(), "binary-hardening");
    const Data elf = corpus_file("hardened");
    const Data text = {'#', '!', '/', 'b', 'i', 'n'};
    check.visit(file_entry("usr/bin/script", text), text);
    FileEntry link = file_entry("usr/bin/link", elf);
    link.type = FileType::symlink;
    check.visit(link, elf);
    check.visit(file_entry("usr/bin/good", elf), elf);
    const Outcome outcome = finish(check);
    ASSERT_EQ(check.results().size(), 1u);
    EXPECT_EQ(check.results()[0].path, "usr/bin/good");
    EXPECT_EQ(check.results()[0].kind, ElfKind::executable);
    // A well-hardened executable gives the summary and nothing else.
    ASSERT_EQ(outcome.findings.size(), 1u);
    EXPECT_EQ(outcome.findings[0].rule_id, "FW-ELF-SUMMARY");
    EXPECT_TRUE(outcome.diagnostics.empty());
}

TEST(BinaryHardeningCheck, AggregatesOneFindingPerRuleWithExamples) {
    BinaryHardeningCheck check;
    for (int i = 0; i < 7; ++i) {
        visit(check, "usr/bin/soft" + std::to_string(i), "soft");
    }
    visit(check, "usr/bin/hardened", "hardened");
    const Outcome outcome = finish(check);
    const judge::Finding* nx = outcome.find("FW-ELF-NX");
    ASSERT_NE(nx, nullptr);
    EXPECT_EQ(nx->source, "firmware");
    EXPECT_EQ(nx->effect, judge::Effect::informs);
    EXPECT_EQ(nx->severity, diagnostics::Severity::warning);
    EXPECT_EQ(nx->provisions, (std::vector<std::string>{"5.6-7", "5.6-9"}));
    EXPECT_EQ(nx->location, "usr/bin/soft0");
    EXPECT_EQ(nx->message.rfind("7 of 8 ELF files may run with an executable stack", 0), 0u)
        << nx->message;
    EXPECT_NE(nx->message.find("usr/bin/soft4 and 2 more"), std::string::npos) << nx->message;
    EXPECT_EQ(nx->message.find("soft5"), std::string::npos);
    for (const char* rule : {"FW-ELF-PIE", "FW-ELF-RELRO", "FW-ELF-CANARY"}) {
        const judge::Finding* finding = outcome.find(rule);
        ASSERT_NE(finding, nullptr) << rule;
        EXPECT_EQ(finding->severity, diagnostics::Severity::note) << rule;
        EXPECT_EQ(finding->message.rfind("7 of 8", 0), 0u) << finding->message;
    }
    EXPECT_EQ(outcome.find("FW-ELF-RPATH"), nullptr);
    const judge::Finding* summary = outcome.find("FW-ELF-SUMMARY");
    ASSERT_NE(summary, nullptr);
    EXPECT_EQ(summary->message.rfind("8 ELF files (8 executables, 0 libraries, 0 other): NX 12%, "
                                     "PIE 12% of executables, RELRO full 12% / partial 0%, "
                                     "stack canary 12%, FORTIFY 12%, RPATH/RUNPATH in 0; 0 could "
                                     "not be read completely",
                                     0),
              0u)
        << summary->message;
}

TEST(BinaryHardeningCheck, ObjectFilesCountOnlyInTheSummary) {
    BinaryHardeningCheck check;
    visit(check, "lib/modules/m.ko", "obj.o");
    const Outcome outcome = finish(check);
    ASSERT_EQ(outcome.findings.size(), 1u);
    EXPECT_NE(outcome.findings[0].message.find("(0 executables, 0 libraries, 1 other)"),
              std::string::npos);
}

TEST(BinaryHardeningCheck, SearchPathsIntoWritableOrRelativePlaces) {
    BinaryHardeningCheck check;
    // librpath.so: RPATH /tmp/lib; librunpath.so: RUNPATH lib (relative).
    visit(check, "usr/lib/librpath.so", "librpath.so");
    visit(check, "usr/lib/librunpath.so", "librunpath.so");
    const Outcome outcome = finish(check);
    const judge::Finding* rpath = outcome.find("FW-ELF-RPATH");
    ASSERT_NE(rpath, nullptr);
    EXPECT_EQ(rpath->severity, diagnostics::Severity::warning);
    EXPECT_EQ(rpath->message.rfind("2 of 2 ELF files search for libraries", 0), 0u);
    ASSERT_EQ(check.results()[0].search_path_issues.size(), 1u);
    EXPECT_EQ(check.results()[0].search_path_issues[0].reason, "a place every user can write");
    ASSERT_EQ(check.results()[1].search_path_issues.size(), 1u);
    EXPECT_EQ(check.results()[1].search_path_issues[0].entry, "lib");
    EXPECT_NE(check.results()[1].search_path_issues[0].reason.find("working directory"),
              std::string::npos);
}

TEST(BinaryHardeningCheck, WritableDirectoriesOfTheImageInsideAContainer) {
    // The directory arrives after the file, as archives may order them.
    BinaryHardeningCheck check;
    visit(check, "rootfs.tar!/usr/lib/librpath.so", "librpath.so");
    check.visit(directory_entry("rootfs.tar!/tmp/lib", 0777), {});
    finish(check);
    ASSERT_EQ(check.results()[0].search_path_issues.size(), 1u);
    EXPECT_EQ(check.results()[0].search_path_issues[0].reason, "world-writable in the image");
}

TEST(BinaryHardeningCheck, MalformedFilesGiveDiagnosticsWithTheirOffset) {
    BinaryHardeningCheck check;
    visit(check, "usr/bin/short", "truncated-header");
    Data elf = corpus_file("hardened");
    FileEntry cut = file_entry("usr/bin/cut", elf);
    cut.size = elf.size() * 10;
    cut.truncated = true;
    check.visit(cut, elf);
    const Outcome outcome = finish(check);
    ASSERT_EQ(outcome.diagnostics.size(), 2u);
    EXPECT_EQ(outcome.diagnostics[0].code, "FW050");
    EXPECT_EQ(outcome.diagnostics[0].severity, diagnostics::Severity::warning);
    EXPECT_EQ(outcome.diagnostics[0].position.file, "usr/bin/short");
    EXPECT_EQ(outcome.diagnostics[0].message.rfind("usr/bin/short@0x28: the file ends", 0), 0u)
        << outcome.diagnostics[0].message;
    EXPECT_EQ(outcome.diagnostics[1].code, "FW055");
    EXPECT_EQ(check.results()[1].size, elf.size() * 10);
}

TEST(BinaryHardeningCheck, ManyMalformedFilesAreCountedInOneLine) {
    BinaryHardeningCheck check;
    for (int i = 0; i < 25; ++i) {
        visit(check, "bad" + std::to_string(i), "truncated-header");
    }
    const Outcome outcome = finish(check);
    ASSERT_EQ(outcome.diagnostics.size(), 21u);
    EXPECT_EQ(outcome.diagnostics.back().code, "FW056");
    EXPECT_EQ(outcome.diagnostics.back().message.rfind("5 more ELF files", 0), 0u);
}

TEST(BinaryHardeningCheck, EveryProvisionExistsInBothEditions) {
    BinaryHardeningCheck check;
    visit(check, "a", "soft");
    visit(check, "b", "librpath.so");
    const Outcome outcome = finish(check);
    ASSERT_GE(outcome.findings.size(), 6u);
    for (const char* edition : {"en303645-2.1.1", "en303645-3.1.3"}) {
        const standard::Standard* standard = standard::find_standard(edition);
        ASSERT_NE(standard, nullptr) << edition;
        for (const judge::Finding& finding : outcome.findings) {
            for (const std::string& provision : finding.provisions) {
                EXPECT_NE(standard->find_provision(provision), nullptr)
                    << edition << " lacks " << provision;
            }
        }
    }
}

TEST(ElfResultsJson, OneSortedObjectPerFile) {
    std::vector<ElfFileResult> results;
    results.push_back(check_elf_file("z/soft", corpus_file("soft")));
    results.push_back(check_elf_file("a/lib", corpus_file("librpath.so")));
    const nlohmann::json table = elf_results_json(results);
    ASSERT_EQ(table.size(), 2u);
    EXPECT_EQ(table[0]["path"], "a/lib");
    EXPECT_EQ(table[0]["kind"], "library");
    EXPECT_EQ(table[0]["pie"], "dso");
    EXPECT_EQ(table[0]["rpath"], nlohmann::json::array({"/tmp/lib"}));
    EXPECT_EQ(table[1]["path"], "z/soft");
    EXPECT_EQ(table[1]["nx"], false);
    EXPECT_EQ(table[1]["relro"], "no");
    EXPECT_EQ(table[1]["pie"], "no");
    EXPECT_EQ(table[1]["errors"], nlohmann::json::array());
}

}  // namespace
}  // namespace iotconform::firmware
