// Intel HEX, as MCUboot images are often flashed: decoded into one contiguous image and
// encoded back for `image sign` when the output file ends in .hex.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "mcuboot/image.hpp"
#include "util/limits.hpp"

namespace iotconform::mcuboot {

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// The bytes of one record line (after ':'), or an error text.
std::string record_bytes(std::string_view line, std::vector<std::uint8_t>& out) {
    if (line.size() % 2 != 0) {
        return "a record has an odd number of hex digits";
    }
    for (std::size_t i = 0; i < line.size(); i += 2) {
        const int high = hex_digit(line[i]);
        const int low = hex_digit(line[i + 1]);
        if (high < 0 || low < 0) {
            return fmt::format("'{}' is not a hex digit pair", line.substr(i, 2));
        }
        out.push_back(static_cast<std::uint8_t>(high * 16 + low));
    }
    if (out.size() < 5 || out.size() != std::size_t{out[0]} + 5) {
        return "the record's length byte does not match its size";
    }
    std::uint8_t sum = 0;
    for (const std::uint8_t byte : out) {
        sum = static_cast<std::uint8_t>(sum + byte);
    }
    return sum == 0 ? std::string() : std::string("the record's checksum is wrong");
}

}  // namespace

bool looks_like_intel_hex(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text[first] == ':' &&
           text.find('\0') == std::string_view::npos;
}

namespace {

// A run of consecutive data bytes: where it goes, and where it lies in the data read.
struct Segment {
    std::uint32_t address;
    std::size_t start;  // in Records::data
    std::size_t size;
};

// The data records as read: every byte once, in one buffer, so memory stays near the
// data's size however the records are cut.
struct Records {
    std::vector<Segment> segments;
    std::vector<std::uint8_t> data;
};

// Lays the records out as one image from the lowest address; gaps read as erased flash.
HexDecode layout(Records records) {
    std::vector<Segment>& segments = records.segments;
    if (segments.empty()) {
        return {{}, 0, "the file holds no data records"};
    }
    std::stable_sort(segments.begin(), segments.end(),
                     [](const Segment& a, const Segment& b) { return a.address < b.address; });
    const std::uint32_t base = segments.front().address;
    std::uint64_t end = 0;
    for (const Segment& segment : segments) {
        end = std::max(end, std::uint64_t{segment.address} + segment.size);
    }
    if (end - base > util::k_max_update_image_bytes) {
        return {{},
                0,
                fmt::format("the data spans {} bytes (0x{:08x} to 0x{:08x}), more than the "
                            "limit of {}",
                            end - base, base, end, util::k_max_update_image_bytes)};
    }
    HexDecode decoded{std::vector<std::uint8_t>(end - base, 0xff), base, {}};
    std::vector<bool> written(end - base, false);
    for (const Segment& segment : segments) {
        for (std::size_t i = 0; i < segment.size; ++i) {
            const std::size_t at = segment.address - base + i;
            const std::uint8_t byte = records.data[segment.start + i];
            if (written[at] && decoded.bytes[at] != byte) {
                return {{},
                        0,
                        fmt::format("address 0x{:08x} is given two values", segment.address + i)};
            }
            decoded.bytes[at] = byte;
            written[at] = true;
        }
    }
    return decoded;
}

}  // namespace

HexDecode decode_intel_hex(std::string_view text) {
    Records records;
    std::vector<Segment>& segments = records.segments;
    std::uint64_t data_bytes = 0;
    std::uint32_t upper = 0;  // from extended address records
    std::size_t line_number = 0;
    bool ended = false;
    while (!text.empty() && !ended) {
        ++line_number;
        const std::size_t newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) {
            line.remove_suffix(1);
        }
        if (line.empty()) {
            continue;
        }
        const auto fail = [&](std::string message) {
            return HexDecode{{}, 0, fmt::format("line {}: {}", line_number, message)};
        };
        if (line.front() != ':') {
            return fail("a record does not start with ':'");
        }
        std::vector<std::uint8_t> record;
        if (std::string problem = record_bytes(line.substr(1), record); !problem.empty()) {
            return fail(problem);
        }
        const std::uint32_t offset = (std::uint32_t{record[1]} << 8) | record[2];
        const std::uint8_t type = record[3];
        // Checked before the payload is read: an address record carries exactly 2 bytes.
        if ((type == 0x02 || type == 0x04) && record[0] != 2) {
            return fail("an extended address record must carry 2 bytes");
        }
        switch (type) {
            case 0x00: {
                // A record wraps within its 64 KiB segment, as the format defines.
                for (std::size_t i = 0; i < record[0]; ++i) {
                    const std::uint32_t address =
                        upper + ((offset + static_cast<std::uint32_t>(i)) & 0xffff);
                    if (segments.empty() ||
                        segments.back().address + segments.back().size != address) {
                        if (segments.size() == util::k_max_intel_hex_segments) {
                            return fail(fmt::format(
                                "the data falls into more than {} separate pieces; an update "
                                "image is one block of memory",
                                util::k_max_intel_hex_segments));
                        }
                        segments.push_back({address, records.data.size(), 0});
                    }
                    records.data.push_back(record[4 + i]);
                    ++segments.back().size;
                }
                data_bytes += record[0];
                if (data_bytes > util::k_max_update_image_bytes) {
                    return fail(
                        fmt::format("more than {} bytes of data", util::k_max_update_image_bytes));
                }
                break;
            }
            case 0x01:
                ended = true;
                break;
            case 0x02:
                upper = ((std::uint32_t{record[4]} << 8) | record[5]) << 4;
                break;
            case 0x04:
                upper = ((std::uint32_t{record[4]} << 8) | record[5]) << 16;
                break;
            case 0x03:
            case 0x05:
                break;  // start addresses: nothing to place in memory
            default:
                return fail(fmt::format("unknown record type {:02x}", type));
        }
    }
    if (!ended) {
        return {{}, 0, fmt::format("line {}: the file has no end-of-file record", line_number)};
    }
    return layout(std::move(records));
}

std::string encode_intel_hex(util::Bytes bytes, std::uint32_t address) {
    constexpr std::size_t k_record = 32;
    std::string out;
    std::uint32_t upper = 0xffffffff;
    const auto emit = [&out](std::uint8_t type, std::uint16_t offset, util::Bytes data) {
        std::uint8_t sum = static_cast<std::uint8_t>(data.size() + (offset >> 8) + offset + type);
        out += fmt::format(":{:02X}{:04X}{:02X}", data.size(), offset, type);
        for (const std::uint8_t byte : data) {
            out += fmt::format("{:02X}", byte);
            sum = static_cast<std::uint8_t>(sum + byte);
        }
        out += fmt::format("{:02X}\n", static_cast<std::uint8_t>(-sum));
    };
    for (std::size_t i = 0; i < bytes.size();) {
        const std::uint32_t at = address + static_cast<std::uint32_t>(i);
        if ((at >> 16) != upper) {
            upper = at >> 16;
            const std::uint8_t high[2] = {static_cast<std::uint8_t>(upper >> 8),
                                          static_cast<std::uint8_t>(upper)};
            emit(0x04, 0, high);
        }
        // A record never crosses a 64 KiB boundary, where the upper address changes.
        const std::size_t room = 0x10000 - (at & 0xffff);
        const std::size_t n = std::min<std::size_t>({k_record, bytes.size() - i, room});
        emit(0x00, static_cast<std::uint16_t>(at & 0xffff), bytes.subspan(i, n));
        i += n;
    }
    emit(0x01, 0, {});
    return out;
}

}  // namespace iotconform::mcuboot
