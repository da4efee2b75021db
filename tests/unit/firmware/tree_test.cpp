// Reading firmware images as one tree: every container form, generated in the test, and
// hostile inputs (truncated, corrupt, bombs, deep nesting, "../" names, devices, FIFOs),
// each ending in its diagnostic and a bounded run.
#include "firmware/tree.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "firmware/session.hpp"

namespace iotconform::firmware {
namespace {

namespace fs = std::filesystem;

struct Collected {
    std::map<std::string, FileEntry> entries;
    std::map<std::string, std::string> contents;
    std::vector<std::string> order;
    ReadResult result;

    bool has(const std::string& code) const {
        for (const auto& diagnostic : result.diagnostics) {
            if (diagnostic.code == code) {
                return true;
            }
        }
        return false;
    }
    std::string messages() const {
        std::string out;
        for (const auto& diagnostic : result.diagnostics) {
            out += diagnostic.code + ": " + diagnostic.message + "\n";
        }
        return out;
    }
};

Visitor collector(Collected& out) {
    return [&out](const FileEntry& entry, util::Bytes content) {
        out.entries[entry.path] = entry;
        out.contents[entry.path] = std::string(content.begin(), content.end());
        out.order.push_back(entry.path);
    };
}

Collected read_bytes(const std::string& data, const std::string& name = "image.bin",
                     const ReadLimits& limits = ReadLimits::defaults()) {
    Collected out;
    out.result = read_tree_bytes(util::as_bytes(data), name, collector(out), limits);
    return out;
}

Collected read_path(const fs::path& path, const ReadLimits& limits = ReadLimits::defaults()) {
    Collected out;
    out.result = read_tree(path, collector(out), limits);
    return out;
}

struct Member {
    std::string path;
    unsigned type = AE_IFREG;
    std::string content;
    unsigned mode = 0644;
    std::int64_t uid = 0;
    std::int64_t gid = 0;
    std::string link;  // symlink target, or hard link target when `hardlink`
    bool hardlink = false;
};

la_ssize_t append_output(archive*, void* data, const void* buffer, size_t size) {
    static_cast<std::string*>(data)->append(static_cast<const char*>(buffer), size);
    return static_cast<la_ssize_t>(size);
}

// An archive written with libarchive: `format` as ARCHIVE_FORMAT_*, `filter` as
// ARCHIVE_FILTER_* (ARCHIVE_FILTER_NONE for none).
std::string make_archive(int format, int filter, const std::vector<Member>& members) {
    std::string out;
    archive* writer = archive_write_new();
    archive_write_set_format(writer, format);
    if (filter != ARCHIVE_FILTER_NONE) {
        archive_write_add_filter(writer, filter);
    }
    archive_write_set_bytes_in_last_block(writer, 1);
    EXPECT_EQ(archive_write_open(writer, &out, nullptr, append_output, nullptr), ARCHIVE_OK);
    for (const Member& member : members) {
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, member.path.c_str());
        archive_entry_set_filetype(entry, member.type);
        archive_entry_set_perm(entry, member.mode);
        archive_entry_set_uid(entry, member.uid);
        archive_entry_set_gid(entry, member.gid);
        if (member.hardlink) {
            archive_entry_set_hardlink(entry, member.link.c_str());
        } else if (member.type == AE_IFLNK) {
            archive_entry_set_symlink(entry, member.link.c_str());
        }
        if (member.type == AE_IFCHR) {
            archive_entry_set_rdev(entry, makedev(5, 1));
        }
        archive_entry_set_size(entry, static_cast<la_int64_t>(member.content.size()));
        EXPECT_EQ(archive_write_header(writer, entry), ARCHIVE_OK) << archive_error_string(writer);
        if (!member.content.empty()) {
            archive_write_data(writer, member.content.data(), member.content.size());
        }
        archive_entry_free(entry);
    }
    archive_write_close(writer);
    archive_write_free(writer);
    return out;
}

std::string tar(const std::vector<Member>& members, int filter = ARCHIVE_FILTER_NONE) {
    return make_archive(ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, filter, members);
}

std::vector<Member> sample_members() {
    return {
        {"./etc/", AE_IFDIR, "", 0755},
        {"./etc/passwd", AE_IFREG, "root:x:0:0:root:/root:/bin/sh\n", 0644},
        {"./etc/shadow", AE_IFREG, "root:*:19000:0:99999:7:::\n", 0640, 0, 42},
        {"./usr/bin/su", AE_IFREG,
         "\x7f"
         "ELF fake",
         04755, 0, 0},
        {"./home/user/.profile", AE_IFREG, "export PATH\n", 0600, 1000, 1000},
        {"./bin/sh", AE_IFLNK, "", 0777, 0, 0, "busybox"},
        {"./dev/fd", AE_IFLNK, "", 0777, 0, 0, "/proc/self/fd"},
    };
}

void expect_sample_tree(const Collected& read) {
    ASSERT_EQ(read.entries.count("etc/passwd"), 1u) << read.messages();
    EXPECT_EQ(read.contents.at("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    EXPECT_EQ(read.entries.at("etc/shadow").mode, 0640u);
    EXPECT_EQ(read.entries.at("etc/shadow").gid, 42u);
    EXPECT_EQ(read.entries.at("usr/bin/su").mode, 04755u);
    EXPECT_EQ(read.entries.at("home/user/.profile").uid, 1000u);
    EXPECT_EQ(read.entries.at("bin/sh").type, FileType::symlink);
    EXPECT_EQ(read.entries.at("bin/sh").link_target, "busybox");
    EXPECT_EQ(read.entries.at("dev/fd").link_target, "/proc/self/fd");
    EXPECT_EQ(read.entries.at("etc/passwd").size, 30u);
    EXPECT_FALSE(read.entries.at("etc/passwd").truncated);
}

class TempDir {
  public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "iotconform-fw-XXXXXX").string();
        m_path = mkdtemp(pattern.data());
    }
    ~TempDir() { fs::remove_all(m_path); }
    const fs::path& path() const { return m_path; }
    void write(const std::string& relative, const std::string& content) const {
        fs::create_directories((m_path / relative).parent_path());
        std::ofstream(m_path / relative, std::ios::binary) << content;
    }

  private:
    fs::path m_path;
};

std::string read_file(const fs::path& path) {
    std::ifstream stream(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

std::string random_bytes(std::size_t size, unsigned seed) {
    std::mt19937 generator(seed);
    std::string out(size, '\0');
    for (char& c : out) {
        c = static_cast<char>(generator() & 0xff);
    }
    return out;
}

bool have_mksquashfs() {
    return std::system("command -v mksquashfs >/dev/null 2>&1") == 0;
}

// A SquashFS of the sample tree, built by mksquashfs from squashfs-tools.
std::string make_squashfs(const std::string& compressor = "gzip") {
    const TempDir tree;
    tree.write("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");
    tree.write("etc/shadow", "root:*:19000:0:99999:7:::\n");
    tree.write("usr/lib/big.bin", std::string(300000, 'x'));
    tree.write("usr/lib/random.bin", random_bytes(20000, 9));
    fs::create_symlink("/proc/self/fd", tree.path() / "etc/fd");
    fs::permissions(tree.path() / "etc/shadow", fs::perms(0640));
    const TempDir out;
    const std::string image = (out.path() / "image.sqfs").string();
    const std::string command =
        "mksquashfs '" + tree.path().string() + "' '" + image + "' -comp " + compressor +
        " -force-uid 1234 -force-gid 55 -noappend -no-progress -quiet >/dev/null 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0);
    return read_file(image);
}

TEST(FileTypeNames, AreStable) {
    EXPECT_EQ(to_string(FileType::regular), "file");
    EXPECT_EQ(to_string(FileType::char_device), "char-device");
    EXPECT_EQ(to_string(FileType::fifo), "fifo");
}

TEST(NormalisePath, StripsRootDotsAndNeverClimbs) {
    EXPECT_EQ(detail::normalise_path("/etc//passwd").path, "etc/passwd");
    EXPECT_EQ(detail::normalise_path("./etc/./shadow").path, "etc/shadow");
    const detail::NormalisedPath climbing = detail::normalise_path("../../etc/passwd");
    EXPECT_EQ(climbing.path, "etc/passwd");
    EXPECT_TRUE(climbing.climbed);
    const detail::NormalisedPath inside = detail::normalise_path("a/b/../c");
    EXPECT_EQ(inside.path, "a/c");
    EXPECT_FALSE(inside.climbed);
    EXPECT_TRUE(inside.had_parent);
    EXPECT_EQ(detail::normalise_path("./").path, "");
}

TEST(ReadTree, PlainTarGivesPathsModesOwnersLinksAndContents) {
    const Collected read = read_bytes(tar(sample_members()), "rootfs.tar");
    expect_sample_tree(read);
    EXPECT_TRUE(read.result.diagnostics.empty()) << read.messages();
    ASSERT_EQ(read.result.stats.containers.size(), 1u);
    EXPECT_NE(read.result.stats.containers[0].find("rootfs.tar (POSIX"), std::string::npos);
}

TEST(ReadTree, TarInEveryCompression) {
    for (const int filter : {ARCHIVE_FILTER_GZIP, ARCHIVE_FILTER_BZIP2, ARCHIVE_FILTER_XZ,
                             ARCHIVE_FILTER_ZSTD, ARCHIVE_FILTER_LZMA}) {
        const Collected read = read_bytes(tar(sample_members(), filter), "rootfs.tar.x");
        expect_sample_tree(read);
        EXPECT_TRUE(read.result.diagnostics.empty()) << filter << ": " << read.messages();
    }
    const Collected gz = read_bytes(tar(sample_members(), ARCHIVE_FILTER_GZIP), "rootfs.tgz");
    EXPECT_NE(gz.result.stats.containers.at(0).find("gzip"), std::string::npos);
}

TEST(ReadTree, CpioNewcAndZip) {
    std::vector<Member> members = sample_members();
    members.erase(members.begin());  // cpio and zip need no directory entry first
    expect_sample_tree(
        read_bytes(make_archive(ARCHIVE_FORMAT_CPIO_SVR4_NOCRC, ARCHIVE_FILTER_GZIP, members)));
    const std::string newc =
        make_archive(ARCHIVE_FORMAT_CPIO_SVR4_NOCRC, ARCHIVE_FILTER_NONE, members);
    EXPECT_EQ(newc.substr(0, 6), "070701");
    expect_sample_tree(read_bytes(newc));
    const Collected zip =
        read_bytes(make_archive(ARCHIVE_FORMAT_ZIP, ARCHIVE_FILTER_NONE, members), "fw.zip");
    ASSERT_EQ(zip.entries.count("etc/passwd"), 1u) << zip.messages();
    EXPECT_EQ(zip.contents.at("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    EXPECT_EQ(zip.entries.at("bin/sh").link_target, "busybox");
}

TEST(ReadTree, TarHardLinksGetTheirTargetsContent) {
    // Checks look for files by name: a shadow file reachable only through a hard link must
    // still be read as etc/shadow, as it is in a directory or a SquashFS.
    std::vector<Member> members = {
        {"./data/shadow.bak", AE_IFREG, "root:*:19000:0:99999:7:::\n", 0640},
        {"./etc/shadow", AE_IFREG, "", 0640, 0, 0, "./data/shadow.bak", true},
        {"./etc/shadow-", AE_IFREG, "", 0640, 0, 0, "etc/shadow", true},  // a link to a link
        {"./etc/gone", AE_IFREG, "", 0644, 0, 0, "./not/in/the/archive", true},
    };
    for (const int filter : {ARCHIVE_FILTER_NONE, ARCHIVE_FILTER_GZIP}) {
        const Collected read = read_bytes(tar(members, filter));
        for (const char* name : {"etc/shadow", "etc/shadow-"}) {
            ASSERT_EQ(read.entries.count(name), 1u) << name << ": " << read.messages();
            EXPECT_EQ(read.entries.at(name).type, FileType::regular) << name;
            EXPECT_EQ(read.contents.at(name), "root:*:19000:0:99999:7:::\n") << name;
        }
        EXPECT_EQ(read.entries.at("etc/gone").type, FileType::hardlink);
        EXPECT_TRUE(read.has("FW010")) << read.messages();
        EXPECT_EQ(read.entries.at("etc/gone").link_target, "./not/in/the/archive");
        EXPECT_EQ(read.result.stats.files, 4u);
    }
}

TEST(Hostile, HardLinkNamesCountAgainstTheByteLimit) {
    // One 100 KB file and 500 links to it: each name delivers the content again.
    std::vector<Member> members = {{"./big.txt", AE_IFREG, std::string(100000, 'a'), 0644}};
    for (int i = 0; i < 500; ++i) {
        members.push_back(
            {"./link" + std::to_string(i), AE_IFREG, "", 0644, 0, 0, "./big.txt", true});
    }
    ReadLimits limits = ReadLimits::defaults();
    limits.max_total_bytes = 10U * 1000U * 1000U;
    const Collected read = read_bytes(tar(members), "links.tar", limits);
    EXPECT_TRUE(read.has("FW004")) << read.messages();
    EXPECT_LT(read.result.stats.bytes, 11U * 1000U * 1000U);
}

TEST(ReadTree, CpioHardLinksGiveEveryNameTheData) {
    // A newc cpio stores the data with the last link; the first name comes without it.
    const TempDir tree;
    tree.write("data/shadow.bak", "root:*:19000:0:99999:7:::\n");
    fs::create_directories(tree.path() / "etc");
    // Four names: libarchive links each to the one before, and only the last has data.
    for (const char* name : {"etc/shadow", "etc/shadow-", "etc/shadow.old"}) {
        fs::create_hard_link(tree.path() / "data/shadow.bak", tree.path() / name);
    }
    const TempDir out;
    const std::string archive = (out.path() / "tree.cpio").string();
    const std::string command =
        "cd '" + tree.path().string() +
        "' && printf 'etc/shadow\\netc/shadow-\\netc/shadow.old\\ndata/shadow.bak\\n' | cpio -o "
        "-H newc > '" +
        archive + "' 2>/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0);
    const Collected read = read_bytes(read_file(archive));
    for (const char* name : {"etc/shadow", "etc/shadow-", "etc/shadow.old", "data/shadow.bak"}) {
        ASSERT_EQ(read.contents.count(name), 1u) << name << ": " << read.messages();
        EXPECT_EQ(read.contents.at(name), "root:*:19000:0:99999:7:::\n") << name;
    }
}

TEST(ReadTree, DirectoryNeverFollowsLinksNorOpensFifos) {
    const TempDir root;
    root.write("etc/passwd", "root:x:0:0::/root:/bin/sh\n");
    fs::create_directories(root.path() / "dev");
    fs::create_symlink("/proc/self/fd", root.path() / "dev/fd");
    fs::create_symlink("loop-b", root.path() / "loop-a");
    fs::create_symlink("loop-a", root.path() / "loop-b");
    fs::create_directory_symlink("/", root.path() / "host-root");
    ASSERT_EQ(mkfifo((root.path() / "dev/initctl").c_str(), 0600), 0);
    ASSERT_EQ(chmod((root.path() / "etc/passwd").c_str(), 04711), 0);

    const Collected read = read_path(root.path());
    EXPECT_EQ(read.entries.at("dev/fd").type, FileType::symlink);
    EXPECT_EQ(read.entries.at("dev/fd").link_target, "/proc/self/fd");
    EXPECT_EQ(read.entries.at("loop-a").link_target, "loop-b");
    EXPECT_EQ(read.entries.at("dev/initctl").type, FileType::fifo);
    EXPECT_TRUE(read.contents.at("dev/initctl").empty());
    EXPECT_EQ(read.entries.at("etc/passwd").mode, 04711u);
    EXPECT_EQ(read.contents.at("etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
    EXPECT_EQ(read.entries.count("host-root/etc/passwd"), 0u);
    EXPECT_EQ(read.result.stats.files,
              8u);  // etc, etc/passwd, dev, dev/fd, dev/initctl, 2 loops, host-root
    EXPECT_TRUE(read.result.diagnostics.empty()) << read.messages();
}

TEST(ReadTree, FifoGivenAsTheInputIsRefusedWithoutBlocking) {
    const TempDir root;
    const fs::path fifo = root.path() / "image.bin";
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    const Collected read = read_path(fifo);
    EXPECT_TRUE(read.has("FW001"));
    EXPECT_TRUE(read.entries.empty());
    EXPECT_TRUE(read_path(root.path() / "missing").has("FW001"));
}

TEST(ReadTree, SquashfsGivesOwnersModesLinksAndCompressor) {
    if (!have_mksquashfs()) {
        GTEST_SKIP() << "mksquashfs (squashfs-tools) is not installed: run scripts/setup.sh";
    }
    for (const std::string compressor : {"gzip", "xz", "zstd"}) {
        const Collected read = read_bytes(make_squashfs(compressor), "rootfs.sqfs");
        ASSERT_EQ(read.entries.count("etc/passwd"), 1u) << read.messages();
        EXPECT_EQ(read.contents.at("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        EXPECT_EQ(read.contents.at("usr/lib/big.bin"), std::string(300000, 'x'));
        EXPECT_EQ(read.entries.at("etc/shadow").mode, 0640u);
        EXPECT_EQ(read.entries.at("etc/shadow").uid, 1234u);
        EXPECT_EQ(read.entries.at("etc/shadow").gid, 55u);
        EXPECT_EQ(read.entries.at("etc/fd").link_target, "/proc/self/fd");
        EXPECT_EQ(read.entries.at("usr").type, FileType::directory);
        EXPECT_EQ(read.result.stats.containers.at(0), "rootfs.sqfs (squashfs, " + compressor + ")");
        EXPECT_TRUE(read.result.diagnostics.empty()) << read.messages();
    }
}

TEST(ReadTree, RawImageWithSquashfsAtAnOffsetIsCarved) {
    if (!have_mksquashfs()) {
        GTEST_SKIP() << "mksquashfs (squashfs-tools) is not installed: run scripts/setup.sh";
    }
    const std::string image = random_bytes(0x10000, 1) + make_squashfs() + random_bytes(50000, 2);
    const Collected read = read_bytes(image, "flash.bin");
    ASSERT_EQ(read.entries.count("flash.bin@0x10000!/etc/passwd"), 1u) << read.messages();
    EXPECT_EQ(read.contents.at("flash.bin@0x10000!/etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    EXPECT_EQ(read.entries.at("flash.bin@0x10000!/etc/shadow").uid, 1234u);
    EXPECT_EQ(read.result.stats.containers.at(0), "flash.bin@0x10000 (squashfs, gzip)");
}

TEST(ReadTree, RawImageWithTarAndGzipAtOffsets) {
    const std::string archive = tar(sample_members(), ARCHIVE_FILTER_GZIP);
    const std::string image =
        random_bytes(4096, 3) + archive + random_bytes(1000, 4) + tar(sample_members());
    const Collected read = read_bytes(image, "fw.img");
    EXPECT_EQ(read.contents.at("fw.img@0x1000!/etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n")
        << read.messages();
    const std::string second =
        "fw.img@" + ([&] {
            char hex[32];
            std::snprintf(hex, sizeof hex, "%#zx", 4096 + archive.size() + 1000);
            return std::string(hex);
        })() +
        "!/etc/shadow";
    EXPECT_EQ(read.entries.count(second), 1u) << read.messages();
}

TEST(ReadTree, RandomBytesAreOneFileWithANote) {
    const std::string blob = random_bytes(200000, 5);
    const Collected read = read_bytes(blob, "mcu.bin");
    EXPECT_TRUE(read.has("FW002"));
    ASSERT_EQ(read.entries.size(), 1u);
    EXPECT_EQ(read.contents.at("mcu.bin"), blob);
}

TEST(ReadTree, NestedInitramfsIsOpenedAndNamedThroughItsFile) {
    const std::string initramfs = make_archive(ARCHIVE_FORMAT_CPIO_SVR4_NOCRC, ARCHIVE_FILTER_GZIP,
                                               {{"init", AE_IFREG, "#!/bin/sh\n", 0755}});
    const Collected read =
        read_bytes(tar({{"boot/initrd.img", AE_IFREG, initramfs}}), "rootfs.tar");
    EXPECT_EQ(read.contents.at("boot/initrd.img!/init"), "#!/bin/sh\n") << read.messages();
    EXPECT_EQ(read.entries.at("boot/initrd.img!/init").mode, 0755u);
    EXPECT_EQ(read.result.stats.containers.size(), 2u);
}

TEST(Hostile, ARunOfFalseSignaturesStopsTheCarveQuickly) {
    // A gzip magic every 16 bytes, none of them a stream: each would cost an attempt to
    // open it. A tar.gz before them is still found; the search stops with FW016.
    std::string image(512, '\0');
    image += tar(sample_members(), ARCHIVE_FILTER_GZIP);
    image += std::string(4096, '\0');
    for (int i = 0; i < 6000; ++i) {
        image += std::string("\x1f\x8b\x08\0\0\0\0\0\0\x03", 10) + std::string(6, '\xff');
    }
    const Collected read = read_bytes(image, "flash.bin");
    EXPECT_EQ(read.contents.at("flash.bin@0x200!/etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n")
        << read.messages();
    EXPECT_TRUE(read.has("FW016")) << read.messages();
}

TEST(Hostile, NestingBeyondTheDepthLimitStopsWithADiagnostic) {
    std::string inner = tar({{"deepest", AE_IFREG, "bottom"}});
    for (int level = 0; level < 8; ++level) {
        inner = tar({{"layer.tar", AE_IFREG, inner}});
    }
    const Collected read = read_bytes(inner, "nested.tar");
    EXPECT_TRUE(read.has("FW006")) << read.messages();
    EXPECT_EQ(read.result.stats.containers.size(), ReadLimits::defaults().max_depth + 1);
    EXPECT_EQ(read.entries.count("layer.tar!/layer.tar!/layer.tar!/layer.tar!/layer.tar"), 1u);
    EXPECT_EQ(
        read.entries.count("layer.tar!/layer.tar!/layer.tar!/layer.tar!/layer.tar!/layer.tar"), 0u);
}

TEST(Hostile, PathTraversalNamesAreWarnedAndKeptInside) {
    const Collected read =
        read_bytes(tar({{"../../etc/passwd", AE_IFREG, "evil"}, {"a/../../b", AE_IFREG, "x"}}));
    EXPECT_TRUE(read.has("FW009"));
    EXPECT_EQ(read.contents.at("etc/passwd"), "evil");
    EXPECT_EQ(read.contents.at("b"), "x");
    for (const auto& [path, entry] : read.entries) {
        EXPECT_EQ(path.find(".."), std::string::npos) << path;
    }
}

TEST(Hostile, DeviceFilesAndSymlinkLoopsInATar) {
    const Collected read = read_bytes(tar({{"dev/console", AE_IFCHR, "", 0600},
                                           {"dev/sda", AE_IFBLK, "", 0660},
                                           {"loop-a", AE_IFLNK, "", 0777, 0, 0, "loop-b"},
                                           {"loop-b", AE_IFLNK, "", 0777, 0, 0, "loop-a"}}));
    EXPECT_EQ(read.entries.at("dev/console").type, FileType::char_device);
    EXPECT_EQ(read.entries.at("dev/sda").type, FileType::block_device);
    EXPECT_TRUE(read.contents.at("dev/console").empty());
    EXPECT_EQ(read.entries.at("loop-a").link_target, "loop-b");
    EXPECT_EQ(read.result.stats.files, 4u);
}

TEST(Hostile, FileBeyondThePerFileLimitIsCutAndTheNextStillRead) {
    ReadLimits limits = ReadLimits::defaults();
    limits.max_file_bytes = 1000;
    for (const int filter : {ARCHIVE_FILTER_NONE, ARCHIVE_FILTER_GZIP}) {
        const Collected read = read_bytes(
            tar({{"big", AE_IFREG, std::string(5000, 'b')}, {"after", AE_IFREG, "next"}}, filter),
            "image.tar", limits);
        EXPECT_TRUE(read.has("FW008"));
        EXPECT_TRUE(read.entries.at("big").truncated);
        EXPECT_EQ(read.entries.at("big").size, 5000u);
        EXPECT_EQ(read.contents.at("big"), std::string(1000, 'b'));
        EXPECT_EQ(read.contents.at("after"), "next");
    }
}

TEST(Hostile, TooManyEntriesStopAtTheLimit) {
    std::vector<Member> members;
    for (int i = 0; i < 50; ++i) {
        members.push_back({"f" + std::to_string(i), AE_IFREG, "x"});
    }
    ReadLimits limits = ReadLimits::defaults();
    limits.max_files = 10;
    const Collected read = read_bytes(tar(members), "many.tar", limits);
    EXPECT_TRUE(read.has("FW005"));
    EXPECT_EQ(read.entries.size(), 10u);
}

// 256 MiB of zeros written through libarchive's gzip filter: about 250 KiB of input.
std::string zero_bomb() {
    std::string out;
    archive* writer = archive_write_new();
    archive_write_set_format(writer, ARCHIVE_FORMAT_TAR_PAX_RESTRICTED);
    archive_write_add_filter(writer, ARCHIVE_FILTER_GZIP);
    archive_write_set_filter_option(writer, "gzip", "compression-level", "1");
    archive_write_open(writer, &out, nullptr, append_output, nullptr);
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, "zeros");
    archive_entry_set_filetype(entry, AE_IFREG);
    constexpr std::size_t k_size = 256U << 20;
    archive_entry_set_size(entry, k_size);
    archive_write_header(writer, entry);
    const std::string chunk(1 << 20, '\0');
    for (std::size_t written = 0; written < k_size; written += chunk.size()) {
        archive_write_data(writer, chunk.data(), chunk.size());
    }
    archive_entry_free(entry);
    archive_write_close(writer);
    archive_write_free(writer);
    return out;
}

TEST(Hostile, CompressionBombStopsAtTheExpansionLimit) {
    const std::string bomb = zero_bomb();
    ASSERT_LT(bomb.size(), 2u << 20);
    const Collected read = read_bytes(bomb, "bomb.tar.gz");
    EXPECT_TRUE(read.has("FW007")) << read.messages();
    EXPECT_LE(read.result.stats.bytes, ReadLimits::defaults().max_file_bytes);

    ReadLimits limits = ReadLimits::defaults();
    limits.max_total_bytes = 8U << 20;
    EXPECT_TRUE(read_bytes(bomb, "bomb.tar.gz", limits).has("FW004"));
}

TEST(Hostile, TruncatedTarGzKeepsTheEntriesBeforeTheDamage) {
    std::vector<Member> members = sample_members();
    members.push_back({"./var/filler", AE_IFREG, random_bytes(400000, 6)});
    const std::string archive = tar(members, ARCHIVE_FILTER_GZIP);
    const Collected read = read_bytes(archive.substr(0, archive.size() / 2), "cut.tar.gz");
    EXPECT_TRUE(read.has("FW003")) << read.messages();
    EXPECT_EQ(read.contents.at("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    // Cut so early that the decompressor cannot even start: damaged, not "no archive".
    EXPECT_TRUE(read_bytes(archive.substr(0, 3000), "cut.tar.gz").has("FW003"));
    const Collected plain = read_bytes(tar(members).substr(0, 20000), "cut.tar");
    EXPECT_TRUE(plain.has("FW003")) << plain.messages();
    EXPECT_EQ(plain.entries.count("etc/passwd"), 1u);
}

TEST(Hostile, TruncatedAndCorruptSquashfsGiveDiagnostics) {
    if (!have_mksquashfs()) {
        GTEST_SKIP() << "mksquashfs (squashfs-tools) is not installed: run scripts/setup.sh";
    }
    const std::string image = make_squashfs();
    const detail::MemorySource source(util::as_bytes(image));
    const std::uint64_t used = detail::squashfs_size(source, 0).value_or(0);
    ASSERT_GT(used, 1000u);
    for (const std::uint64_t cut : {used / 2, used - 10, std::uint64_t{200}}) {
        const Collected truncated = read_bytes(image.substr(0, cut), "cut.sqfs");
        EXPECT_TRUE(truncated.has("FW003")) << cut << ": " << truncated.messages();
    }

    std::string corrupt = image;
    for (std::size_t i = 200; i < corrupt.size() - 100; i += 97) {
        corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
    }
    const Collected damaged = read_bytes(corrupt, "corrupt.sqfs");
    EXPECT_TRUE(damaged.has("FW003")) << damaged.messages();
}

TEST(Hostile, BigEndianSquashfsIsReportedAsUnreadable) {
    std::string header(96, '\0');
    header.replace(0, 4, "sqsh");
    header[28] = 0;
    header[29] = 3;  // version 3, big-endian
    const Collected read = read_bytes(header + random_bytes(1000, 7), "old.sqfs");
    EXPECT_TRUE(read.has("FW012")) << read.messages();
}

}  // namespace
}  // namespace iotconform::firmware
