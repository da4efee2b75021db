// SquashFS 4.0 images read with libsquashfs (squashfs-tools-ng), with every compressor the
// library was built with. The directory tree is walked depth first; file contents are
// decompressed straight into the buffer handed to the visitor.
#include <fmt/format.h>
#include <sqfs/compressor.h>
#include <sqfs/data_reader.h>
#include <sqfs/dir.h>
#include <sqfs/dir_reader.h>
#include <sqfs/error.h>
#include <sqfs/id_table.h>
#include <sqfs/inode.h>
#include <sqfs/io.h>
#include <sqfs/super.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "firmware/session.hpp"
#include "util/limits.hpp"

namespace iotconform::firmware::detail {

namespace {

// libsquashfs reads through this: a read-only view of a Source.
struct SourceFile {
    sqfs_file_t base;
    const Source* source;
};

int source_read_at(sqfs_file_t* file, sqfs_u64 offset, void* buffer, size_t size) {
    const Source& source = *reinterpret_cast<SourceFile*>(file)->source;
    if (offset > source.size() || size > source.size() - offset) {
        return SQFS_ERROR_OUT_OF_BOUNDS;
    }
    return source.read_at(offset, static_cast<std::uint8_t*>(buffer), size) ? 0 : SQFS_ERROR_IO;
}

int refuse_write(sqfs_file_t*, sqfs_u64, const void*, size_t) {
    return SQFS_ERROR_IO;
}
sqfs_u64 source_size(const sqfs_file_t* file) {
    return reinterpret_cast<const SourceFile*>(file)->source->size();
}
int refuse_truncate(sqfs_file_t*, sqfs_u64) {
    return SQFS_ERROR_IO;
}
void keep_on_destroy(sqfs_object_t*) {}  // the SourceFile lives on the reader's stack

struct SqfsDeleter {
    void operator()(void* object) const { sqfs_destroy(object); }
};
template <typename T>
using SqfsPtr = std::unique_ptr<T, SqfsDeleter>;

struct FreeDeleter {
    void operator()(void* memory) const { sqfs_free(memory); }
};
using InodePtr = std::unique_ptr<sqfs_inode_generic_t, FreeDeleter>;

std::string error_text(int code) {
    switch (code) {
        case SQFS_ERROR_ALLOC:
            return "out of memory";
        case SQFS_ERROR_IO:
            return "the input cannot be read";
        case SQFS_ERROR_COMPRESSOR:
            return "a block does not decompress";
        case SQFS_ERROR_OUT_OF_BOUNDS:
            return "a table or block lies outside the image";
        case SQFS_ERROR_UNSUPPORTED:
            return "an unsupported feature";
        default:
            return fmt::format("libsquashfs error {}", code);
    }
}

FileType file_type(const sqfs_inode_generic_t& inode) {
    switch (inode.base.type) {
        case SQFS_INODE_DIR:
        case SQFS_INODE_EXT_DIR:
            return FileType::directory;
        case SQFS_INODE_SLINK:
        case SQFS_INODE_EXT_SLINK:
            return FileType::symlink;
        case SQFS_INODE_BDEV:
        case SQFS_INODE_EXT_BDEV:
            return FileType::block_device;
        case SQFS_INODE_CDEV:
        case SQFS_INODE_EXT_CDEV:
            return FileType::char_device;
        case SQFS_INODE_FIFO:
        case SQFS_INODE_EXT_FIFO:
            return FileType::fifo;
        case SQFS_INODE_SOCKET:
        case SQFS_INODE_EXT_SOCKET:
            return FileType::socket;
        default:
            return FileType::regular;
    }
}

// One child of a directory, taken out of the directory reader before descending, because
// opening a subdirectory resets the reader.
struct Child {
    std::string name;
    InodePtr inode;
};

// A decompressor of file data. Each thread has its own: libsquashfs's compressors and
// data readers keep state between calls.
struct Decoder {
    SqfsPtr<sqfs_compressor_t> compressor;
    SqfsPtr<sqfs_data_reader_t> data;
};

// An entry waiting to be handed to the visitor, in the order of the walk; regular files
// get their content decompressed, in parallel, before the batch is handed over.
struct Pending {
    FileEntry entry;
    InodePtr inode;  // regular files only
    std::vector<std::uint8_t> content;
    int error = 0;
};

// Entries are handed over in batches of about this many content bytes (or entries): big
// enough to keep every thread busy, small enough to bound memory (two batches are held:
// one being decoded, one being seen by the checks). A run of about k_run_bytes of files
// goes to one thread (see decode_all).
constexpr std::uint64_t k_batch_bytes = 32U * 1024U * 1024U;
constexpr std::size_t k_batch_entries = 4096;
constexpr std::uint64_t k_run_bytes = 2U * 1024U * 1024U;
constexpr unsigned k_max_threads = 4;

class SquashfsWalk {
  public:
    SquashfsWalk(Session& session, const Container& container)
        : m_session(session), m_container(container) {}
    SquashfsWalk(const SquashfsWalk&) = delete;
    SquashfsWalk& operator=(const SquashfsWalk&) = delete;
    ~SquashfsWalk() { join_background(); }
    bool run();

  private:
    bool open();
    SqfsPtr<sqfs_compressor_t> make_compressor(int& status);
    std::optional<Decoder> make_decoder(int& status);
    void walk(const sqfs_inode_generic_t& directory, const std::string& path, unsigned depth);
    bool list(const sqfs_inode_generic_t& directory, const std::string& path,
              std::vector<Child>& children);
    void visit(Child& child, const std::string& path, unsigned depth);
    void hand_over();
    void join_background();
    void deliver(std::vector<Pending>& batch);
    void decode_all(std::vector<Pending>& batch);
    void decode(Decoder& decoder, Pending& pending) const;
    void damaged(const std::string& what, int code);

    Session& m_session;
    const Container& m_container;
    SourceFile m_file{};
    sqfs_super_t m_super{};
    SqfsPtr<sqfs_compressor_t> m_table_compressor;  // the walk's own: decoders run beside it
    SqfsPtr<sqfs_id_table_t> m_ids;
    SqfsPtr<sqfs_dir_reader_t> m_directories;
    std::vector<Decoder> m_decoders;
    std::set<sqfs_u32> m_open_directories;  // inode numbers on the current path
    std::vector<Pending> m_pending;         // the batch being collected by the walk
    std::uint64_t m_pending_bytes = 0;
    std::vector<Pending> m_decoding;  // the batch m_background decodes
    std::thread m_background;
};

void SquashfsWalk::damaged(const std::string& what, int code) {
    m_session.diagnose(
        "FW003",
        fmt::format("the analysis is incomplete: the SquashFS {} is damaged ({}: {}); {}",
                    m_container.label, what, error_text(code),
                    "what lies behind the damage was not read"),
        "check that the image was copied whole (unsquashfs -stat shows the damage too)",
        m_container);
}

SqfsPtr<sqfs_compressor_t> SquashfsWalk::make_compressor(int& status) {
    sqfs_compressor_config_t config{};
    sqfs_compressor_t* compressor = nullptr;
    const auto id = static_cast<SQFS_COMPRESSOR>(m_super.compression_id);
    status =
        sqfs_compressor_config_init(&config, id, m_super.block_size, SQFS_COMP_FLAG_UNCOMPRESS);
    if (status == 0) {
        status = sqfs_compressor_create(&config, &compressor);
    }
    if (status != 0) {
        return nullptr;
    }
    SqfsPtr<sqfs_compressor_t> made(compressor);
    if ((m_super.flags & SQFS_FLAG_COMPRESSOR_OPTIONS) != 0 &&
        compressor->read_options(compressor, &m_file.base) != 0) {
        status = SQFS_ERROR_CORRUPTED;
        return nullptr;
    }
    return made;
}

std::optional<Decoder> SquashfsWalk::make_decoder(int& status) {
    Decoder decoder;
    decoder.compressor = make_compressor(status);
    if (!decoder.compressor) {
        return std::nullopt;
    }
    decoder.data.reset(
        sqfs_data_reader_create(&m_file.base, m_super.block_size, decoder.compressor.get(), 0));
    if (!decoder.data) {
        status = SQFS_ERROR_ALLOC;
        return std::nullopt;
    }
    status = sqfs_data_reader_load_fragment_table(decoder.data.get(), &m_super);
    if (status != 0) {
        return std::nullopt;
    }
    return decoder;
}

bool SquashfsWalk::open() {
    m_file.base.base.destroy = keep_on_destroy;
    m_file.base.read_at = source_read_at;
    m_file.base.write_at = refuse_write;
    m_file.base.get_size = source_size;
    m_file.base.truncate = refuse_truncate;
    m_file.source = m_container.source;
    if (sqfs_super_read(&m_super, &m_file.base) != 0) {
        return false;
    }
    int status = 0;
    std::optional<Decoder> first = make_decoder(status);
    if (!first && status != SQFS_ERROR_CORRUPTED && status != SQFS_ERROR_OUT_OF_BOUNDS &&
        status != SQFS_ERROR_IO) {
        const char* name =
            sqfs_compressor_name_from_id(static_cast<SQFS_COMPRESSOR>(m_super.compression_id));
        m_session.diagnose(
            "FW012",
            fmt::format(
                "the analysis is incomplete: the SquashFS {} is compressed with {}, which this "
                "build of libsquashfs cannot decompress",
                m_container.label, name != nullptr ? name : "an unknown compressor"),
            "unpack it with unsquashfs and scan the tree", m_container);
        return true;
    }
    if (!first) {
        damaged("the compressor options or the fragment table", status);
        return true;
    }
    m_decoders.push_back(std::move(*first));
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1U, k_max_threads);
    while (m_decoders.size() < threads) {
        std::optional<Decoder> more = make_decoder(status);
        if (!more) {
            break;
        }
        m_decoders.push_back(std::move(*more));
    }
    m_table_compressor = make_compressor(status);
    sqfs_compressor_t* compressor = m_table_compressor.get();
    m_ids.reset(sqfs_id_table_create(0));
    m_directories.reset(sqfs_dir_reader_create(&m_super, compressor, &m_file.base, 0));
    if (!compressor || !m_ids || !m_directories) {
        damaged("setting up the reader", SQFS_ERROR_ALLOC);
        m_directories.reset();
    } else if (status = sqfs_id_table_read(m_ids.get(), &m_file.base, &m_super, compressor);
               status != 0) {
        damaged("the owner table", status);
        m_directories.reset();
    }
    return true;
}

bool SquashfsWalk::run() {
    if (!open()) {
        return false;
    }
    const char* compressor =
        sqfs_compressor_name_from_id(static_cast<SQFS_COMPRESSOR>(m_super.compression_id));
    m_session.stats().containers.push_back(fmt::format(
        "{} (squashfs, {})", m_container.label, compressor != nullptr ? compressor : "unknown"));
    if (!m_directories) {
        return true;
    }
    sqfs_inode_generic_t* root = nullptr;
    if (const int status = sqfs_dir_reader_get_root_inode(m_directories.get(), &root);
        status != 0) {
        damaged("the root directory", status);
        return true;
    }
    const InodePtr owned_root(root);
    walk(*root, "", 0);
    hand_over();  // the last batch goes to the decoders,
    hand_over();  // and then to the checks
    return true;
}

bool SquashfsWalk::list(const sqfs_inode_generic_t& directory, const std::string& path,
                        std::vector<Child>& children) {
    if (const int status = sqfs_dir_reader_open_dir(m_directories.get(), &directory, 0);
        status != 0) {
        damaged(fmt::format("directory \"{}\"", path), status);
        return false;
    }
    while (!m_session.stopped()) {
        sqfs_dir_entry_t* raw = nullptr;
        const int status = sqfs_dir_reader_read(m_directories.get(), &raw);
        if (status > 0) {
            break;
        }
        const std::unique_ptr<sqfs_dir_entry_t, FreeDeleter> entry(raw);
        sqfs_inode_generic_t* inode = nullptr;
        if (status < 0 || sqfs_dir_reader_get_inode(m_directories.get(), &inode) != 0) {
            damaged(fmt::format("an entry of directory \"{}\"", path),
                    status < 0 ? status : SQFS_ERROR_CORRUPTED);
            return false;
        }
        children.push_back({std::string(reinterpret_cast<const char*>(entry->name),
                                        static_cast<std::size_t>(entry->size) + 1),
                            InodePtr(inode)});
        // A directory of more entries than the whole read may visit is not listed further.
        if (children.size() > m_session.limits().max_files) {
            break;
        }
    }
    return true;
}

void SquashfsWalk::walk(const sqfs_inode_generic_t& directory, const std::string& path,
                        unsigned depth) {
    if (depth > util::k_max_firmware_directory_depth ||
        !m_open_directories.insert(directory.base.inode_number).second) {
        damaged(fmt::format("directory \"{}\" contains itself or nests too deep", path),
                SQFS_ERROR_CORRUPTED);
        return;
    }
    std::vector<Child> children;
    if (list(directory, path, children)) {
        for (Child& child : children) {
            if (m_session.stopped()) {
                break;
            }
            visit(child, path, depth);
        }
    }
    m_open_directories.erase(directory.base.inode_number);
}

void SquashfsWalk::visit(Child& child, const std::string& path, unsigned depth) {
    const std::string relative = path.empty() ? child.name : path + "/" + child.name;
    const sqfs_inode_generic_t& inode = *child.inode;
    Pending pending;
    FileEntry& entry = pending.entry;
    entry.path = m_session.entry_path(m_container, relative, 0);
    if (entry.path.empty() || !m_session.add_entry(m_container)) {
        return;
    }
    entry.type = file_type(inode);
    entry.mode = inode.base.mode & 07777U;
    sqfs_id_table_index_to_id(m_ids.get(), inode.base.uid_idx, &entry.uid);
    sqfs_id_table_index_to_id(m_ids.get(), inode.base.gid_idx, &entry.gid);
    if (entry.type == FileType::symlink) {
        const sqfs_u32 size = inode.base.type == SQFS_INODE_SLINK
                                  ? inode.data.slink.target_size
                                  : inode.data.slink_ext.target_size;
        entry.link_target.assign(reinterpret_cast<const char*>(inode.extra),
                                 std::min<std::size_t>(size, inode.payload_bytes_used));
    } else if (entry.type == FileType::regular) {
        sqfs_u64 size = 0;
        sqfs_inode_get_file_size(&inode, &size);
        entry.size = size;
        entry.truncated = size > m_session.limits().max_file_bytes;
        m_pending_bytes += std::min<std::uint64_t>(size, m_session.limits().max_file_bytes);
        pending.inode = std::move(child.inode);
    }
    const bool directory = entry.type == FileType::directory;
    m_pending.push_back(std::move(pending));
    if (m_pending_bytes >= k_batch_bytes || m_pending.size() >= k_batch_entries) {
        hand_over();
    }
    if (directory) {
        walk(*child.inode, relative, depth + 1);
    }
}

void SquashfsWalk::decode(Decoder& decoder, Pending& pending) const {
    const std::uint64_t wanted =
        std::min<std::uint64_t>(pending.entry.size, m_session.limits().max_file_bytes);
    pending.content.resize(static_cast<std::size_t>(wanted));
    if (wanted == 0) {
        return;
    }
    const sqfs_s32 got =
        sqfs_data_reader_read(decoder.data.get(), pending.inode.get(), 0, pending.content.data(),
                              static_cast<sqfs_u32>(wanted));
    if (got < 0) {
        pending.error = got;
        pending.content.clear();
        return;
    }
    pending.content.resize(static_cast<std::size_t>(got));
}

// Splits the batch's files into runs, which the threads take one at a time; the visitor
// is not involved, so no session state is touched here. Files are decoded grouped by the
// fragment block that holds their tails, and a run never splits a group: a decoder keeps
// one fragment block decompressed, and mksquashfs does not assign fragments in the order
// of the directory walk, so in walk order most small files would decompress their
// fragment block afresh. Files without a fragment follow, in the order of their blocks.
void SquashfsWalk::decode_all(std::vector<Pending>& batch) {
    constexpr sqfs_u32 k_no_fragment = 0xFFFFFFFFU;  // what libsquashfs stores for none
    struct Order {
        std::uint64_t fragment, block;
        std::size_t index;
    };
    std::vector<Order> order;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (!batch[i].inode) {
            continue;
        }
        sqfs_u32 fragment = k_no_fragment;
        sqfs_u32 offset = 0;
        sqfs_u64 block = 0;
        sqfs_inode_get_frag_location(batch[i].inode.get(), &fragment, &offset);
        sqfs_inode_get_file_block_start(batch[i].inode.get(), &block);
        order.push_back({fragment, block, i});
    }
    std::sort(order.begin(), order.end(), [](const Order& a, const Order& b) {
        return std::tie(a.fragment, a.block, a.index) < std::tie(b.fragment, b.block, b.index);
    });
    std::vector<std::pair<std::size_t, std::size_t>> runs;  // ranges of `order`
    std::uint64_t run_bytes = 0;
    std::size_t run_start = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        run_bytes += batch[order[i].index].entry.size;
        const bool group_ends = i + 1 == order.size() ||
                                order[i + 1].fragment != order[i].fragment ||
                                order[i].fragment == k_no_fragment;
        if ((run_bytes >= k_run_bytes && group_ends) || i + 1 == order.size()) {
            runs.emplace_back(run_start, i + 1);
            run_start = i + 1;
            run_bytes = 0;
        }
    }
    std::atomic<std::size_t> next{0};
    const auto work = [&](Decoder& decoder) {
        for (std::size_t run = next++; run < runs.size(); run = next++) {
            for (std::size_t i = runs[run].first; i < runs[run].second; ++i) {
                decode(decoder, batch[order[i].index]);
            }
        }
    };
    std::vector<std::thread> helpers;
    for (std::size_t i = 1; i < std::min(m_decoders.size(), runs.size()); ++i) {
        helpers.emplace_back(work, std::ref(m_decoders[i]));
    }
    work(m_decoders.front());
    for (std::thread& helper : helpers) {
        helper.join();
    }
}

// The collected batch goes to the decoders, in the background, and the batch they decoded
// before goes to the checks meanwhile: decompression, the walk of the directory tables and
// the checks overlap, so a scan costs little more than the unpack alone.
void SquashfsWalk::hand_over() {
    join_background();
    std::vector<Pending> decoded = std::move(m_decoding);
    m_decoding = std::move(m_pending);
    m_pending.clear();
    m_pending_bytes = 0;
    if (!m_decoding.empty()) {
        m_background = std::thread([this] { decode_all(m_decoding); });
    }
    deliver(decoded);
}

void SquashfsWalk::join_background() {
    if (m_background.joinable()) {
        m_background.join();
    }
}

void SquashfsWalk::deliver(std::vector<Pending>& batch) {
    for (Pending& pending : batch) {
        if (pending.error != 0) {
            damaged(fmt::format("the data of \"{}\"", pending.entry.path), pending.error);
            pending.entry.truncated = true;
        }
        if (pending.inode) {
            m_session.add_content_bytes(m_container, pending.content.size());
        }
        m_session.deliver(m_container, pending.entry,
                          {pending.content.data(), pending.content.size()});
        pending.content = {};  // nested containers opened above are done with it
    }
    if (m_container.depth == 0 && !batch.empty()) {
        sqfs_u64 start = 0;
        for (const Pending& pending : batch) {
            if (pending.inode) {
                sqfs_inode_get_file_block_start(pending.inode.get(), &start);
            }
        }
        m_session.report_progress(start, m_container.source->size());
    }
    batch.clear();
}

}  // namespace

bool read_squashfs(Session& session, const Container& container) {
    SquashfsWalk walk(session, container);
    return walk.run();
}

}  // namespace iotconform::firmware::detail
