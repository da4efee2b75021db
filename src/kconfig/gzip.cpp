// gzip through zlib's inflate, in chunks, so the output limit is checked before memory
// is spent on it.
#include "kconfig/gzip.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <array>
#include <climits>

namespace iotconform::kconfig {

bool is_gzip(std::string_view bytes) {
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
           static_cast<unsigned char>(bytes[1]) == 0x8b;
}

namespace {

// Owns a z_stream so every path out of gunzip releases it.
class Inflater {
  public:
    Inflater() { m_ok = inflateInit2(&m_stream, 16 + MAX_WBITS) == Z_OK; }
    ~Inflater() {
        if (m_ok) {
            inflateEnd(&m_stream);
        }
    }
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;

    bool ok() const { return m_ok; }
    z_stream& stream() { return m_stream; }

  private:
    z_stream m_stream{};
    bool m_ok = false;
};

}  // namespace

Inflated gunzip(std::string_view bytes, std::size_t limit) {
    Inflated result;
    Inflater inflater;
    if (!inflater.ok()) {
        result.error = "zlib could not start";
        return result;
    }
    // zlib counts input in uInt; a blob this large is refused by the image limit anyway.
    if (bytes.size() > UINT_MAX) {
        result.error = "compressed stream too large";
        return result;
    }
    z_stream& stream = inflater.stream();
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    // Offsets count from the start of `bytes`, across members (zlib restarts per member).
    const auto offset = [&] { return bytes.size() - stream.avail_in; };
    std::string output;
    std::array<char, 65536> chunk{};
    int status = Z_OK;
    while (status == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
        stream.avail_out = static_cast<uInt>(chunk.size());
        status = inflate(&stream, Z_NO_FLUSH);
        const std::size_t produced = chunk.size() - stream.avail_out;
        if (output.size() + produced > limit) {
            result.error = fmt::format("decompresses to more than {} bytes", limit);
            return result;
        }
        output.append(chunk.data(), produced);
        if (status == Z_BUF_ERROR && stream.avail_in == 0) {
            result.error =
                fmt::format("the stream ends early, after {} compressed bytes", bytes.size());
            return result;
        }
        // gzip -c a >m; gzip -c b >>m makes two members, which gunzip reads as one file.
        const std::string_view rest = bytes.substr(offset());
        if (status == Z_STREAM_END && is_gzip(rest)) {
            status = inflateReset(&stream);
        }
    }
    if (status != Z_STREAM_END) {
        result.error = fmt::format("corrupt compressed data near byte {} ({})", offset(),
                                   stream.msg != nullptr ? stream.msg : "inflate failed");
        return result;
    }
    // Zeros after the last member are padding (tar, block devices), as gunzip allows;
    // anything else is not part of the configuration and is refused, not dropped.
    const std::string_view rest = bytes.substr(offset());
    if (rest.find_first_not_of('\0') != std::string_view::npos) {
        result.error = fmt::format(
            "{} bytes after the end of the gzip stream, from byte {}, are not another gzip "
            "member",
            rest.size(), offset());
        return result;
    }
    result.consumed = offset();
    result.data = std::move(output);
    return result;
}

}  // namespace iotconform::kconfig
