// Tests reading whole text files with a size limit and all-or-nothing writing of outputs.
#include "util/fs.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace iotconform::util {
namespace {

namespace fs = std::filesystem;

class FsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        std::random_device random;
        const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() / ("iotconform-fs-test-" + std::to_string(::getpid()) +
                                             "-" + info->name() + "-" + std::to_string(random()));
        ASSERT_TRUE(fs::create_directory(m_dir)) << m_dir;
    }

    void TearDown() override {
        std::error_code ignored;
        fs::remove_all(m_dir, ignored);
    }

    const fs::path& dir() const { return m_dir; }

    static void write_file(const fs::path& path, const std::string& content) {
        std::ofstream stream(path, std::ios::binary | std::ios::trunc);
        stream.write(content.data(), static_cast<std::streamsize>(content.size()));
        ASSERT_TRUE(stream.good()) << path;
    }

    static std::string slurp(const fs::path& path) {
        std::ifstream stream(path, std::ios::binary);
        std::ostringstream buffer;
        buffer << stream.rdbuf();
        return buffer.str();
    }

    // Names of every entry under `directory`, recursively, relative to it.
    static std::vector<std::string> entries(const fs::path& directory) {
        std::vector<std::string> names;
        for (const fs::directory_entry& entry : fs::recursive_directory_iterator(directory)) {
            names.push_back(fs::relative(entry.path(), directory).string());
        }
        std::sort(names.begin(), names.end());
        return names;
    }

    static bool any_hidden(const fs::path& directory) {
        for (const fs::directory_entry& entry : fs::recursive_directory_iterator(directory)) {
            if (entry.path().filename().string().starts_with(".")) {
                return true;
            }
        }
        return false;
    }

  private:
    fs::path m_dir;
};

TEST_F(FsTest, ReadMissingFileFails) {
    const fs::path path = dir() / "missing.yaml";
    const ReadResult result = read_text_file(path);
    EXPECT_FALSE(result.content.has_value());
    EXPECT_NE(result.error.find(path.string()), std::string::npos) << result.error;
    EXPECT_NE(result.error.find("no such file"), std::string::npos) << result.error;
}

TEST_F(FsTest, ReadDirectoryFails) {
    const ReadResult result = read_text_file(dir());
    EXPECT_FALSE(result.content.has_value());
    EXPECT_NE(result.error.find("directory"), std::string::npos) << result.error;
}

TEST_F(FsTest, ReadFileOverLimitFails) {
    const fs::path path = dir() / "big.txt";
    write_file(path, std::string(100, 'x'));
    const ReadResult result = read_text_file(path, 10);
    EXPECT_FALSE(result.content.has_value());
    EXPECT_NE(result.error.find("limit"), std::string::npos) << result.error;
    EXPECT_NE(result.error.find("10"), std::string::npos) << result.error;
}

TEST_F(FsTest, ReadFileAtLimitSucceeds) {
    const fs::path path = dir() / "exact.txt";
    write_file(path, std::string(10, 'y'));
    const ReadResult result = read_text_file(path, 10);
    ASSERT_TRUE(result.content.has_value()) << result.error;
    EXPECT_EQ(*result.content, std::string(10, 'y'));
    EXPECT_TRUE(result.error.empty());
    EXPECT_FALSE(read_text_file(path, 9).content.has_value());
}

TEST_F(FsTest, ReadNormalFileReturnsExactBytes) {
    const fs::path path = dir() / "product.yaml";
    const std::string content = std::string("name: cam\r\nbytes: \xC3\xA9\n") +
                                std::string("\0tail", 5) + std::string(70000, 'z');
    write_file(path, content);
    const ReadResult result = read_text_file(path);
    ASSERT_TRUE(result.content.has_value()) << result.error;
    EXPECT_EQ(*result.content, content);
    EXPECT_TRUE(result.error.empty());
}

TEST_F(FsTest, ReadEmptyFileGivesEmptyContent) {
    const fs::path path = dir() / "empty.txt";
    write_file(path, "");
    const ReadResult result = read_text_file(path);
    ASSERT_TRUE(result.content.has_value()) << result.error;
    EXPECT_TRUE(result.content->empty());
}

TEST_F(FsTest, WriteAllCreatesDirectoryAndWritesEveryFile) {
    const fs::path out = dir() / "out" / "nested";
    const std::vector<OutputFile> files = {
        {"report.html", "<html></html>\n"},
        {"report.json", "{\"a\": 1}\n"},
        {"empty.csv", ""},
    };
    const std::string error = write_all_or_nothing(out, files);
    ASSERT_TRUE(error.empty()) << error;
    for (const OutputFile& file : files) {
        ASSERT_TRUE(fs::is_regular_file(out / file.name)) << file.name;
        EXPECT_EQ(slurp(out / file.name), file.content) << file.name;
    }
    EXPECT_EQ(entries(out), (std::vector<std::string>{"empty.csv", "report.html", "report.json"}));
}

TEST_F(FsTest, WriteAllLeavesNoTemporaryFiles) {
    const std::string error =
        write_all_or_nothing(dir(), {{"a.txt", "alpha"}, {"b.txt", "beta"}, {"c.md", "gamma"}});
    ASSERT_TRUE(error.empty()) << error;
    EXPECT_FALSE(any_hidden(dir()));
    EXPECT_EQ(entries(dir()), (std::vector<std::string>{"a.txt", "b.txt", "c.md"}));
}

TEST_F(FsTest, WriteAllReplacesExistingFiles) {
    write_file(dir() / "report.md", "old and much longer content than the new one");
    const std::string error = write_all_or_nothing(dir(), {{"report.md", "new"}});
    ASSERT_TRUE(error.empty()) << error;
    EXPECT_EQ(slurp(dir() / "report.md"), "new");
    EXPECT_FALSE(any_hidden(dir()));
}

TEST_F(FsTest, WriteAllWithNoFilesStillCreatesDirectory) {
    const fs::path out = dir() / "empty-out";
    EXPECT_EQ(write_all_or_nothing(out, {}), "");
    EXPECT_TRUE(fs::is_directory(out));
}

TEST_F(FsTest, WriteAllFailsWhenDirectoryCannotBeCreated) {
    const fs::path blocker = dir() / "regular-file";
    write_file(blocker, "not a directory");
    const fs::path out = blocker / "out";
    const std::string error = write_all_or_nothing(out, {{"a.txt", "alpha"}, {"b.txt", "beta"}});
    EXPECT_FALSE(error.empty());
    EXPECT_NE(error.find(out.string()), std::string::npos) << error;
    EXPECT_TRUE(fs::is_regular_file(blocker));
    EXPECT_EQ(slurp(blocker), "not a directory");
    EXPECT_EQ(entries(dir()), (std::vector<std::string>{"regular-file"}));
}

TEST_F(FsTest, WriteAllFailingWriteLeavesNothing) {
    // The second file cannot be opened (its name points into a missing subfolder), so
    // neither file may appear and no temporary file may stay behind.
    const fs::path out = dir() / "out";
    const std::string error =
        write_all_or_nothing(out, {{"a.txt", "alpha"}, {"missing/b.txt", "beta"}});
    EXPECT_FALSE(error.empty());
    ASSERT_TRUE(fs::is_directory(out));
    EXPECT_TRUE(entries(out).empty()) << "left behind: " << entries(out).front();
}

TEST_F(FsTest, WriteAllFailingRenameLeavesNoNewFiles) {
    // "b" is taken by a non-empty directory, so renaming the second file into place fails
    // (even as root). The first file must then not have been put in place either, or a
    // reader sees a partial report.
    const fs::path out = dir() / "out";
    fs::create_directories(out / "b");
    write_file(out / "b" / "keep", "kept");
    const std::string error = write_all_or_nothing(out, {{"a.txt", "alpha"}, {"b", "beta"}});
    EXPECT_FALSE(error.empty());
    EXPECT_FALSE(fs::exists(out / "a.txt")) << "a.txt was put in place although b failed";
    EXPECT_FALSE(any_hidden(out));
    EXPECT_EQ(slurp(out / "b" / "keep"), "kept");
}

}  // namespace
// Regression: a FIFO as input blocked forever.
TEST_F(FsTest, ReadRefusesAFifo) {
    const std::filesystem::path fifo = dir() / "pipe";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const ReadResult result = read_text_file(fifo);
    EXPECT_FALSE(result.content.has_value());
    EXPECT_NE(result.error.find("not a regular file"), std::string::npos) << result.error;
}

// Regression: a symlink planted at the temporary name was followed.
TEST_F(FsTest, WriteNeverFollowsAPlantedSymlink) {
    const std::filesystem::path victim = dir() / "victim.txt";
    { std::ofstream(victim) << "precious"; }
    const std::filesystem::path out = dir() / "out";
    std::filesystem::create_directories(out);
    std::filesystem::create_symlink(victim, out / (".a.txt.tmp-" + std::to_string(::getpid())));
    const std::string error = write_all_or_nothing(out, {{"a.txt", "new"}});
    EXPECT_FALSE(error.empty());
    std::ifstream stream(victim);
    std::string content((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
    EXPECT_EQ(content, "precious");
}

// Replacing old reports either succeeds whole or leaves the old ones as they were.
TEST_F(FsTest, ReplacingKeepsOldFilesWhenARenameFails) {
    const std::filesystem::path out = dir() / "reports";
    ASSERT_TRUE(write_all_or_nothing(out, {{"a.txt", "old a"}, {"b.txt", "old b"}}).empty());
    // A destination that turned into a directory is refused before anything moves.
    std::filesystem::remove(out / "b.txt");
    std::filesystem::create_directory(out / "b.txt");
    EXPECT_FALSE(write_all_or_nothing(out, {{"a.txt", "new a"}, {"b.txt", "new b"}}).empty());
    std::ifstream stream(out / "a.txt");
    std::string content((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
    EXPECT_EQ(content, "old a");
    for (const auto& entry : std::filesystem::directory_iterator(out)) {
        EXPECT_NE(entry.path().filename().string().front(), '.') << entry.path();
    }
}

}  // namespace iotconform::util
