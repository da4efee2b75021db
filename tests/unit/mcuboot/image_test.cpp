// Tests for mcuboot::parse_image and Intel HEX: every malformed input is reported with its
// offset, and nothing outside the file is read. Crafted images are built by the signer and
// then broken byte by byte; each test names the defect.
#include "mcuboot/image.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "mcuboot/describe.hpp"
#include "mcuboot/sign.hpp"

namespace iotconform::mcuboot {
namespace {

using Bytes = std::vector<std::uint8_t>;

SignOptions unsigned_options() {
    SignOptions options;
    options.version = *parse_version("1.2.3+4");
    options.header_size = 32;
    options.pad_header = true;
    options.slot_size = 0x10000;
    return options;
}

Bytes payload(std::size_t size) {
    Bytes bytes(size);
    for (std::size_t i = 0; i < size; ++i) {
        bytes[i] = static_cast<std::uint8_t>(i * 7 + 3);
    }
    return bytes;
}

Bytes build(const SignOptions& options, std::size_t size = 100) {
    SignResult result = build_image(payload(size), options);
    EXPECT_EQ(result.error, "");
    return result.image;
}

void put16(Bytes& bytes, std::size_t offset, std::uint16_t value) {
    bytes[offset] = static_cast<std::uint8_t>(value);
    bytes[offset + 1] = static_cast<std::uint8_t>(value >> 8);
}

// The one error of `image`, checked to be at `offset` and to contain `words`.
void expect_error(const Image& image, std::size_t offset, const std::string& words) {
    ASSERT_FALSE(image.errors.empty()) << "no error; expected one about " << words;
    EXPECT_EQ(image.errors.front().offset, offset) << image.errors.front().message;
    EXPECT_NE(image.errors.front().message.find(words), std::string::npos)
        << image.errors.front().message;
}

TEST(McubootImage, ReadsEveryFieldOfAnImageItBuilt) {
    SignOptions options = unsigned_options();
    options.security_counter = 7;
    options.dependencies = {{1, *parse_version("2.0.0")}};
    options.load_addr = 0x20000000;
    const Image image = parse_image(build(options));
    ASSERT_TRUE(image.errors.empty()) << image.errors.front().message;
    EXPECT_TRUE(image.warnings.empty());
    EXPECT_EQ(image.endian, util::Endian::little);
    EXPECT_EQ(image.header.magic, k_image_magic);
    EXPECT_EQ(image.header.hdr_size, 32);
    EXPECT_EQ(image.header.img_size, 100u);
    EXPECT_EQ(image.header.load_addr, 0x20000000u);
    EXPECT_EQ(image.header.flags, k_flag_ram_load);
    EXPECT_EQ(to_string(image.header.version), "1.2.3+4");
    ASSERT_TRUE(image.protected_area);
    EXPECT_EQ(image.header.protect_tlv_size, 4 + 8 + 16);
    ASSERT_EQ(image.protected_area->entries.size(), 2u);
    EXPECT_EQ(image.protected_area->entries[0].type, k_tlv_sec_cnt);
    EXPECT_EQ(image.protected_area->entries[0].value, (Bytes{7, 0, 0, 0}));
    EXPECT_EQ(image.protected_area->entries[1].type, k_tlv_dependency);
    ASSERT_TRUE(image.area);
    ASSERT_EQ(image.area->entries.size(), 1u);
    EXPECT_EQ(image.area->entries[0].type, k_tlv_sha256);
    EXPECT_EQ(image.area->entries[0].offset, 32u + 100 + 28 + 4);
    EXPECT_EQ(image.end_of_tlvs, image.bytes.size());
    EXPECT_FALSE(image.trailer);
}

TEST(McubootImage, ReadsABigEndianImage) {
    SignOptions options = unsigned_options();
    options.endian = util::Endian::big;
    options.security_counter = 0x01020304;
    const Bytes bytes = build(options);
    EXPECT_EQ(bytes[0], 0x96);  // the magic, most significant byte first
    const Image image = parse_image(bytes);
    ASSERT_TRUE(image.errors.empty()) << image.errors.front().message;
    EXPECT_EQ(image.endian, util::Endian::big);
    EXPECT_EQ(image.header.img_size, 100u);
    EXPECT_EQ(image.header.version.revision, 3);
    ASSERT_TRUE(image.protected_area);
    EXPECT_EQ(image.protected_area->entries[0].value, (Bytes{1, 2, 3, 4}));
    EXPECT_EQ(image.area->entries[0].type, k_tlv_sha256);
}

TEST(McubootImage, ReadsTheTrailerOfAPaddedConfirmedImage) {
    SignOptions options = unsigned_options();
    options.slot_size = 0x2000;
    options.confirm = true;
    const Image confirmed = parse_image(build(options));
    ASSERT_TRUE(confirmed.trailer);
    EXPECT_EQ(confirmed.bytes.size(), 0x2000u);
    EXPECT_EQ(confirmed.trailer->max_align, 8u);
    EXPECT_EQ(confirmed.trailer->image_ok, 1);
    EXPECT_EQ(confirmed.trailer->copy_done, 0xff);
    EXPECT_EQ(confirmed.trailer->swap_size, 0xffffffffu);

    options.confirm = false;
    options.pad = true;
    options.max_align = 32;
    const Image aligned = parse_image(build(options));
    ASSERT_TRUE(aligned.trailer);
    EXPECT_EQ(aligned.trailer->max_align, 32u);
    EXPECT_EQ(aligned.trailer->image_ok, 0xff);
}

TEST(McubootImageErrors, AFileShorterThanTheHeader) {
    expect_error(parse_image(Bytes(31, 0)), 0, "shorter than the 32-byte image header");
}

TEST(McubootImageErrors, WrongMagicIsReportedButTheFieldsAreStillRead) {
    Bytes bytes = build(unsigned_options());
    bytes[0] ^= 0xff;
    const Image image = parse_image(bytes);
    expect_error(image, 0, "no MCUboot image magic");
    EXPECT_EQ(image.errors.size(), 1u);
    EXPECT_EQ(image.header.img_size, 100u);
    ASSERT_TRUE(image.area);  // `info` can still show the TLVs
}

TEST(McubootImageErrors, TheOldFormatsMagicIsNamed) {
    Bytes bytes = build(unsigned_options());
    bytes[0] = 0x3c;
    expect_error(parse_image(bytes), 0, "old format");
}

TEST(McubootImageErrors, AHeaderSizeBelow32) {
    Bytes bytes = build(unsigned_options());
    put16(bytes, 8, 16);
    expect_error(parse_image(bytes), 8, "smaller than the 32-byte header");
}

TEST(McubootImageErrors, ABodyThatRunsPastTheFile) {
    Bytes bytes = build(unsigned_options());
    bytes[12] = 0xff;
    bytes[13] = 0xff;
    expect_error(parse_image(bytes), 12, "past the end of the file");
}

TEST(McubootImageErrors, AProtectedAreaWhoseSizeDisagreesWithTheHeader) {
    SignOptions options = unsigned_options();
    options.security_counter = 1;
    Bytes bytes = build(options);
    put16(bytes, 32 + 100 + 2, 20);  // the protected area's own total
    expect_error(parse_image(bytes), 32 + 100 + 2, "the header says 12");
}

TEST(McubootImageErrors, ATlvAreaWithTheWrongMagic) {
    Bytes bytes = build(unsigned_options());
    put16(bytes, 132, 0x1234);
    expect_error(parse_image(bytes), 132, "magic 0x1234, expected 0x6907");
}

TEST(McubootImageErrors, ATlvAreaThatClaimsMoreThanTheFileHolds) {
    Bytes bytes = build(unsigned_options());
    put16(bytes, 134, 44);
    expect_error(parse_image(bytes), 134, "past the end of the file");
}

TEST(McubootImageErrors, ATlvAreaSmallerThanItsHeader) {
    Bytes bytes = build(unsigned_options());
    put16(bytes, 134, 2);
    expect_error(parse_image(bytes), 134, "less than its own");
}

TEST(McubootImageErrors, ATlvEntryLongerThanItsArea) {
    Bytes bytes = build(unsigned_options());
    put16(bytes, 138, 33);  // the SHA256 TLV's length, one byte too long
    expect_error(parse_image(bytes), 138, "runs past the end of the TLV area");
}

TEST(McubootImageErrors, AnAreaThatEndsInsideAnEntryHeader) {
    Bytes bytes = build(unsigned_options());
    put16(bytes, 134, 40 + 2);
    bytes.push_back(0);
    bytes.push_back(0);
    expect_error(parse_image(bytes), 172, "too few for a TLV entry");
}

TEST(McubootImageErrors, BytesAfterTheTlvsWithoutATrailerAreAWarning) {
    Bytes bytes = build(unsigned_options());
    bytes.resize(bytes.size() + 64, 0xff);
    const Image image = parse_image(bytes);
    EXPECT_TRUE(image.errors.empty());
    ASSERT_EQ(image.warnings.size(), 1u);
    EXPECT_NE(image.warnings[0].message.find("do not end with a boot trailer"), std::string::npos);
}

TEST(McubootImageErrors, EveryTruncationIsAnErrorNeverACrash) {
    SignOptions options = unsigned_options();
    options.security_counter = 1;
    options.slot_size = 0x1000;
    options.pad = true;
    const Bytes whole = build(options);
    const std::size_t end_of_tlvs = parse_image(whole).end_of_tlvs;
    for (std::size_t size = 0; size < end_of_tlvs; ++size) {
        const Image image =
            parse_image(Bytes(whole.begin(), whole.begin() + static_cast<long>(size)));
        EXPECT_FALSE(image.errors.empty()) << "cut at " << size;
    }
}

TEST(McubootVersion, ParsesImgtoolsGrammar) {
    struct Case {
        const char* text;
        const char* parsed;  // nullptr: refused
    };
    const Case cases[] = {
        {"1.2.3+4", "1.2.3+4"}, {"0", "0.0.0+0"},
        {"1.2", "1.2.0+0"},     {"255.255.65535+4294967295", "255.255.65535+4294967295"},
        {"256.0.0", nullptr},   {"1.256.0", nullptr},
        {"1.2.65536", nullptr}, {"1.2.3+4294967296", nullptr},
        {"01.2.3", nullptr},    {"1.2.3.4", nullptr},
        {"1.2.3-rc1", nullptr}, {"", nullptr},
        {"1..2", nullptr},      {"1.2+3", nullptr},
        {"+1", nullptr},        {"-1", nullptr},
    };
    for (const Case& c : cases) {
        const std::optional<Version> version = parse_version(c.text);
        if (c.parsed == nullptr) {
            EXPECT_FALSE(version) << c.text;
        } else {
            ASSERT_TRUE(version) << c.text;
            EXPECT_EQ(to_string(*version), c.parsed);
        }
    }
}

TEST(McubootSignOptions, ParsesIntegersAndDependenciesAsImgtoolDoes) {
    EXPECT_EQ(parse_integer("0x20"), 32u);
    EXPECT_EQ(parse_integer("0o17"), 15u);
    EXPECT_EQ(parse_integer("0b101"), 5u);
    EXPECT_EQ(parse_integer("4096"), 4096u);
    EXPECT_FALSE(parse_integer("five"));
    EXPECT_FALSE(parse_integer("0x"));
    EXPECT_FALSE(parse_integer("12abc"));
    const auto two = parse_dependencies("(0,1.0.0),(1, 2.3.4+5)");
    ASSERT_TRUE(two);
    ASSERT_EQ(two->size(), 2u);
    EXPECT_EQ((*two)[1].image_id, 1);
    EXPECT_EQ(to_string((*two)[1].min_version), "2.3.4+5");
    EXPECT_FALSE(parse_dependencies("1,1.0.0"));
    EXPECT_FALSE(parse_dependencies("(1,1.0.0.0)"));
    EXPECT_FALSE(parse_dependencies("(256,1.0.0)"));
    EXPECT_FALSE(parse_dependencies("(1,1.0.0"));
    // A trailing comma leaves a dependency out: imgtool's syntax has none.
    EXPECT_FALSE(parse_dependencies("(1,1.0.0),"));
    EXPECT_FALSE(parse_dependencies("(0,1.0.0), (1,2.0.0) ,"));
}

// The boot magic right after the TLVs, with 8 bytes of padding in front: too little room
// for image_ok, copy_done, swap_info and swap_size, so none of them may be shown.
TEST(McubootImage, TrailerFlagsThatWereNotReadAreNotShown) {
    Bytes bytes = build(unsigned_options());
    bytes.insert(bytes.end(), 8, 0xff);
    bytes.insert(bytes.end(), k_boot_magic.begin(), k_boot_magic.end());
    const Image image = parse_image(bytes);
    ASSERT_TRUE(image.trailer);
    EXPECT_FALSE(image.trailer->flags_read);
    const nlohmann::json trailer = image_json(image, "t.bin")["trailer"];
    EXPECT_FALSE(trailer.contains("image_ok"));
    EXPECT_FALSE(trailer.contains("swap_size"));
    EXPECT_EQ(trailer["magic"], util::to_hex(k_boot_magic));
    const std::string text = image_text(image, "t.bin");
    EXPECT_EQ(text.find("image_ok 0x"), std::string::npos) << text;
    EXPECT_NE(text.find("were not read: the 24 bytes after the TLV area are too few"),
              std::string::npos)
        << text;

    // A trailer magic whose alignment is not a power of two: the flags are not read either.
    bytes.resize(bytes.size() - k_boot_magic.size());
    bytes.insert(bytes.end(), 200, 0xff);
    const Bytes aligned = {0x03, 0x00};
    bytes.insert(bytes.end(), aligned.begin(), aligned.end());
    bytes.insert(bytes.end(), k_boot_magic_aligned_tail.begin(), k_boot_magic_aligned_tail.end());
    const Image odd = parse_image(bytes);
    ASSERT_TRUE(odd.trailer);
    EXPECT_FALSE(odd.trailer->flags_read);
    EXPECT_FALSE(image_json(odd, "t.bin")["trailer"].contains("image_ok"));
    EXPECT_NE(image_text(odd, "t.bin").find("alignment 3 is invalid"), std::string::npos);
}

// A file without the image magic is not called an MCUboot image before its errors.
TEST(McubootImage, InfoOnAFileWithoutTheMagicDoesNotCallItAnImage) {
    Bytes bytes = build(unsigned_options());
    bytes[0] ^= 0xff;
    const std::string text = image_text(parse_image(bytes), "x.bin");
    const std::string first = text.substr(0, text.find('\n'));
    EXPECT_EQ(first.find("-endian MCUboot image"), std::string::npos) << first;
    EXPECT_NE(first.find("not an MCUboot image"), std::string::npos) << first;
    EXPECT_NE(text.find("error at offset 0: no MCUboot image magic"), std::string::npos);
}

TEST(McubootIntelHex, RoundTripsAcrossA64KiBBoundary) {
    const Bytes data = payload(0x300);
    const std::string hex = encode_intel_hex(data, 0x0800ff00);
    EXPECT_TRUE(looks_like_intel_hex(hex));
    EXPECT_NE(hex.find(":020000040801F1"), std::string::npos) << hex.substr(0, 200);
    const HexDecode decoded = decode_intel_hex(hex);
    ASSERT_EQ(decoded.error, "");
    EXPECT_EQ(decoded.base_address, 0x0800ff00u);
    EXPECT_EQ(decoded.bytes, data);
}

TEST(McubootIntelHex, ErrorsNameTheLine) {
    const std::string good = encode_intel_hex(payload(64), 0);
    std::string bad_sum = good;
    // The last digit of line 2 (the first data record) is its checksum's.
    char& digit = bad_sum[bad_sum.find('\n', bad_sum.find('\n') + 1) - 1];
    digit = digit == '0' ? '1' : '0';
    const std::pair<std::string, std::string> cases[] = {
        {bad_sum, "line 2: the record's checksum is wrong"},
        {good.substr(0, good.rfind(":00000001FF")), "no end-of-file record"},
        {":0100000001FE\nxyz\n", "line 2: a record does not start with ':'"},
        {":010000000\n", "odd number of hex digits"},
        {":01000000AA55\n:01000000BB44\n:00000001FF\n", "given two values"},
        {":00000001FF\n", "no data records"},
    };
    for (const auto& [text, words] : cases) {
        const HexDecode decoded = decode_intel_hex(text);
        EXPECT_NE(decoded.error.find(words), std::string::npos)
            << "[" << text << "] -> [" << decoded.error << "]";
        EXPECT_TRUE(decoded.bytes.empty());
    }
}

TEST(McubootIntelHex, DataCutIntoTooManyPiecesIsRefused) {
    // One-byte records at every other address: each is a piece of its own.
    std::string text;
    for (std::uint32_t address = 0; address < 2 * 65537; address += 2) {
        if ((address & 0xffff) == 0) {
            const std::uint8_t upper = static_cast<std::uint8_t>(address >> 16);
            text += fmt::format(":02000004{:04X}{:02X}\n", upper,
                                static_cast<std::uint8_t>(-(2 + 4 + upper)));
        }
        const std::uint8_t high = static_cast<std::uint8_t>((address >> 8) & 0xff);
        const std::uint8_t low = static_cast<std::uint8_t>(address & 0xff);
        text += fmt::format(":01{:02X}{:02X}0055{:02X}\n", high, low,
                            static_cast<std::uint8_t>(-(1 + high + low + 0x55)));
    }
    text += ":00000001FF\n";
    const HexDecode decoded = decode_intel_hex(text);
    EXPECT_NE(decoded.error.find("more than 65536 separate pieces"), std::string::npos)
        << decoded.error;
    // Fewer pieces are laid out with erased flash between them.
    const HexDecode two = decode_intel_hex(":0100000011EE\n:0100020022DB\n:00000001FF\n");
    ASSERT_EQ(two.error, "");
    EXPECT_EQ(two.bytes, (Bytes{0x11, 0xff, 0x22}));
}

}  // namespace
}  // namespace iotconform::mcuboot
