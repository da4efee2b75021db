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
#include <memory>
#include <set>
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

class SquashfsWalk {
  public:
    SquashfsWalk(Session& session, const Container& container)
        : m_session(session), m_container(container) {}
    bool run();

  private:
    bool open();
    void walk(const sqfs_inode_generic_t& directory, const std::string& path, unsigned depth);
    bool list(const sqfs_inode_generic_t& directory, const std::string& path,
              std::vector<Child>& children);
    void visit(const Child& child, const std::string& path, unsigned depth);
    util::Bytes read_content(const sqfs_inode_generic_t& inode, FileEntry& entry);
    void damaged(const std::string& what, int code);

    Session& m_session;
    const Container& m_container;
    SourceFile m_file{};
    sqfs_super_t m_super{};
    SqfsPtr<sqfs_compressor_t> m_compressor;
    SqfsPtr<sqfs_id_table_t> m_ids;
    SqfsPtr<sqfs_dir_reader_t> m_directories;
    SqfsPtr<sqfs_data_reader_t> m_data;
    std::set<sqfs_u32> m_open_directories;  // inode numbers on the current path
    std::vector<std::uint8_t> m_content;
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

bool SquashfsWalk::open() {
    m_file.base.base.destroy = keep_on_destroy;
    m_file.base.read_at = source_read_at;
    m_file.base.write_at = refuse_write;
    m_file.base.get_size = source_size;
    m_file.base.truncate = refuse_truncate;
    m_file.source = m_container.source;
    sqfs_file_t* file = &m_file.base;
    if (sqfs_super_read(&m_super, file) != 0) {
        return false;
    }
    sqfs_compressor_config_t config{};
    sqfs_compressor_t* compressor = nullptr;
    const auto id = static_cast<SQFS_COMPRESSOR>(m_super.compression_id);
    if (sqfs_compressor_config_init(&config, id, m_super.block_size, SQFS_COMP_FLAG_UNCOMPRESS) !=
            0 ||
        sqfs_compressor_create(&config, &compressor) != 0) {
        const char* name = sqfs_compressor_name_from_id(id);
        m_session.diagnose(
            "FW012",
            fmt::format(
                "the analysis is incomplete: the SquashFS {} is compressed with {}, which this "
                "build of libsquashfs cannot decompress",
                m_container.label, name != nullptr ? name : "an unknown compressor"),
            "unpack it with unsquashfs and scan the tree", m_container);
        return true;
    }
    m_compressor.reset(compressor);
    if ((m_super.flags & SQFS_FLAG_COMPRESSOR_OPTIONS) != 0 &&
        compressor->read_options(compressor, file) != 0) {
        damaged("the compressor options", SQFS_ERROR_CORRUPTED);
        return true;
    }
    m_ids.reset(sqfs_id_table_create(0));
    m_directories.reset(sqfs_dir_reader_create(&m_super, compressor, file, 0));
    m_data.reset(sqfs_data_reader_create(file, m_super.block_size, compressor, 0));
    if (!m_ids || !m_directories || !m_data) {
        damaged("setting up the reader", SQFS_ERROR_ALLOC);
        m_directories.reset();
        return true;
    }
    if (const int status = sqfs_id_table_read(m_ids.get(), file, &m_super, compressor);
        status != 0) {
        damaged("the owner table", status);
        m_directories.reset();
    } else if (const int fragments = sqfs_data_reader_load_fragment_table(m_data.get(), &m_super);
               fragments != 0) {
        damaged("the fragment table", fragments);
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
        for (const Child& child : children) {
            if (m_session.stopped()) {
                break;
            }
            visit(child, path, depth);
        }
    }
    m_open_directories.erase(directory.base.inode_number);
}

void SquashfsWalk::visit(const Child& child, const std::string& path, unsigned depth) {
    const std::string relative = path.empty() ? child.name : path + "/" + child.name;
    const sqfs_inode_generic_t& inode = *child.inode;
    FileEntry entry;
    entry.path = m_session.entry_path(m_container, relative, 0);
    if (entry.path.empty() || !m_session.add_entry(m_container)) {
        return;
    }
    entry.type = file_type(inode);
    entry.mode = inode.base.mode & 07777U;
    sqfs_id_table_index_to_id(m_ids.get(), inode.base.uid_idx, &entry.uid);
    sqfs_id_table_index_to_id(m_ids.get(), inode.base.gid_idx, &entry.gid);
    util::Bytes content;
    if (entry.type == FileType::symlink) {
        const sqfs_u32 size = inode.base.type == SQFS_INODE_SLINK
                                  ? inode.data.slink.target_size
                                  : inode.data.slink_ext.target_size;
        entry.link_target.assign(reinterpret_cast<const char*>(inode.extra),
                                 std::min<std::size_t>(size, inode.payload_bytes_used));
    } else if (entry.type == FileType::regular) {
        content = read_content(inode, entry);
    }
    if (m_session.stopped()) {
        return;
    }
    m_session.deliver(m_container, entry, content);
    if (entry.type == FileType::directory) {
        walk(inode, relative, depth + 1);
    }
}

util::Bytes SquashfsWalk::read_content(const sqfs_inode_generic_t& inode, FileEntry& entry) {
    sqfs_u64 size = 0;
    sqfs_inode_get_file_size(&inode, &size);
    entry.size = size;
    const std::uint64_t wanted = std::min<std::uint64_t>(size, m_session.limits().max_file_bytes);
    entry.truncated = wanted < size;
    m_content.resize(static_cast<std::size_t>(wanted));
    if (wanted == 0) {
        return {};
    }
    const sqfs_s32 got = sqfs_data_reader_read(m_data.get(), &inode, 0, m_content.data(),
                                               static_cast<sqfs_u32>(wanted));
    if (got < 0) {
        damaged(fmt::format("the data of \"{}\"", entry.path), got);
        entry.truncated = true;
        return {};
    }
    m_session.add_content_bytes(m_container, static_cast<std::uint64_t>(got));
    if (m_container.depth == 0) {
        sqfs_u64 start = 0;
        sqfs_inode_get_file_block_start(&inode, &start);
        m_session.report_progress(start, m_container.source->size());
    }
    return {m_content.data(), static_cast<std::size_t>(got)};
}

}  // namespace

bool read_squashfs(Session& session, const Container& container) {
    SquashfsWalk walk(session, container);
    return walk.run();
}

}  // namespace iotconform::firmware::detail
