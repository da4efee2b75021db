// The shared state of one firmware read: limits, names, diagnostics, nested containers.
#include "firmware/session.hpp"

#include <fmt/format.h>

#include <vector>

#include "util/limits.hpp"

namespace iotconform::firmware::detail {

namespace {

// Progress is reported at most once per this many bytes of input.
constexpr std::uint64_t k_progress_step = 4U * 1024U * 1024U;

std::string mib(std::uint64_t bytes) {
    return fmt::format("{} MiB", bytes / (1024U * 1024U));
}

}  // namespace

NormalisedPath normalise_path(std::string_view raw) {
    NormalisedPath out;
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= raw.size()) {
        const std::size_t slash = std::min(raw.find('/', start), raw.size());
        const std::string_view part = raw.substr(start, slash - start);
        start = slash + 1;
        if (part.empty() || part == ".") {
            continue;
        }
        if (part == "..") {
            out.had_parent = true;
            if (parts.empty()) {
                out.climbed = true;
            } else {
                parts.pop_back();
            }
            continue;
        }
        parts.push_back(part);
    }
    for (const std::string_view part : parts) {
        if (!out.path.empty()) {
            out.path += '/';
        }
        out.path += part;
    }
    return out;
}

Session::Session(const Visitor& visit, const ReadLimits& limits, const Progress& progress)
    : m_visit(visit), m_limits(limits), m_progress(progress) {}

void Session::diagnose(std::string_view code, std::string message, std::string hint,
                       const Container& where) {
    std::size_t& count = m_code_counts[std::string(code)];
    if (++count > util::k_max_firmware_diagnostics_per_code) {
        return;  // summarised in finish()
    }
    m_result.diagnostics.push_back(
        diagnostics::make(code, "", std::move(message), std::move(hint), {where.label, 0, 0}));
}

void Session::stop(std::string_view code, std::string message, std::string hint,
                   const Container& where) {
    if (m_stopped) {
        return;
    }
    m_stopped = true;
    diagnose(code, std::move(message), std::move(hint), where);
}

bool Session::add_entry(const Container& container) {
    if (m_stopped) {
        return false;
    }
    if (m_result.stats.files >= m_limits.max_files) {
        stop("FW005",
             fmt::format(
                 "the analysis is incomplete: the image has more than {} entries, the limit; "
                 "the entries after it were not read",
                 m_limits.max_files),
             "a real root file system has far fewer entries; if this one is genuine, raise the "
             "limit",
             container);
        return false;
    }
    ++m_result.stats.files;
    return true;
}

bool Session::add_content_bytes(const Container& container, std::uint64_t count) {
    if (m_stopped) {
        return false;
    }
    m_content_bytes += count;
    if (m_content_bytes > m_limits.max_total_bytes) {
        stop("FW004",
             fmt::format(
                 "the analysis is incomplete: the files hold more than {} once decompressed, the "
                 "limit; the read stopped in {}",
                 mib(m_limits.max_total_bytes), container.label),
             "scan the file systems of the image one at a time, or raise the limit", container);
        return false;
    }
    const std::uint64_t input = std::max<std::uint64_t>(m_result.stats.input_bytes, 1);
    if (m_content_bytes > util::k_firmware_expansion_floor &&
        m_content_bytes / input > m_limits.max_expansion_ratio) {
        stop("FW007",
             fmt::format(
                 "the analysis is incomplete: {} decompressed from {} bytes of input, more than {} "
                 "times its size (a compression bomb); the read stopped in {}",
                 mib(m_content_bytes), m_result.stats.input_bytes, m_limits.max_expansion_ratio,
                 container.label),
             "do not unpack this image with other tools either; if it is genuine, raise the "
             "expansion limit",
             container);
        return false;
    }
    return true;
}

void Session::report_progress(std::uint64_t done, std::uint64_t total) {
    if (!m_progress || done < m_last_progress + k_progress_step) {
        return;
    }
    m_last_progress = done;
    m_progress(done, total);
}

std::string Session::entry_path(const Container& container, std::string_view raw,
                                std::uint64_t offset) {
    const NormalisedPath normalised = normalise_path(raw);
    if (normalised.had_parent) {
        diagnose("FW009",
                 fmt::format("the entry \"{}\" at offset {:#x} of {} has \"..\" in its name{}; it "
                             "is read as \"{}\"",
                             raw, offset, container.label,
                             normalised.climbed ? ", which climbs out of the image" : "",
                             normalised.path),
                 "a genuine image never names files through \"..\"; unpacking it with other tools "
                 "could write outside the target directory",
                 container);
    }
    if (normalised.path.empty()) {
        return {};
    }
    return container.prefix + normalised.path;
}

void Session::deliver(const Container& container, const FileEntry& entry, util::Bytes content,
                      const Source* whole) {
    m_result.stats.bytes += content.size();
    // Only the limit is named here; a file cut short by damage was reported as damage.
    if (entry.truncated && entry.size > m_limits.max_file_bytes) {
        diagnose(
            "FW008",
            fmt::format(
                "the analysis is incomplete: {} is {} bytes, larger than the per-file limit; the "
                "checks see its first {}",
                entry.path, entry.size, mib(content.size())),
            "findings beyond that point are missed; raise the per-file limit to read it whole",
            container);
    }
    m_visit(entry, content);
    if (entry.type == FileType::regular && !m_stopped) {
        open_nested(container, entry, content, whole);
    }
}

void Session::open_nested(const Container& parent, const FileEntry& entry, util::Bytes content,
                          const Source* whole) {
    const MemorySource in_memory(content);
    const Source& source = whole != nullptr ? *whole : in_memory;
    const Signature signature = identify(source, 0);
    if (signature.kind == ContainerKind::none) {
        return;
    }
    const std::string hint = "unpack it and scan it separately";
    if (parent.depth + 1 > m_limits.max_depth) {
        diagnose("FW006",
                 fmt::format(
                     "the analysis is incomplete: {} ({}) is nested {} containers deep, beyond the "
                     "limit of {}; it was not opened",
                     entry.path, signature.format, parent.depth + 1, m_limits.max_depth),
                 hint, parent);
        return;
    }
    const bool held = whole == nullptr;
    if (held &&
        (entry.truncated || m_nested_bytes + content.size() > util::k_max_firmware_nested_bytes)) {
        diagnose(
            "FW011",
            fmt::format(
                "the analysis is incomplete: {} ({}, {} bytes) is too large to open from memory "
                "inside another container; it was not opened",
                entry.path, signature.format, entry.size),
            hint, parent);
        return;
    }
    m_nested_bytes += held ? content.size() : 0;
    const Container inner{&source, entry.path + "!/", entry.path, parent.depth + 1};
    open_container(inner, signature);
    m_nested_bytes -= held ? content.size() : 0;
}

bool Session::open_container(const Container& container, const Signature& signature) {
    switch (signature.kind) {
        case ContainerKind::squashfs:
            return read_squashfs(*this, container);
        case ContainerKind::squashfs_unsupported:
            diagnose(
                "FW012",
                fmt::format(
                    "the analysis is incomplete: {} is a big-endian or pre-4.0 SquashFS, which "
                    "libsquashfs cannot read; its files were not read",
                    container.label),
                "convert it with sasquatch or unsquashfs from squashfs-tools 3.x and scan the tree",
                container);
            return true;
        case ContainerKind::archive:
        case ContainerKind::compressed:
            return read_archive(*this, container,
                                container.depth == 0 ? ArchiveMode::top_level : ArchiveMode::nested)
                .recognised;
        case ContainerKind::none:
            break;
    }
    return false;
}

ReadResult Session::finish() {
    for (const auto& [code, count] : m_code_counts) {
        if (count > util::k_max_firmware_diagnostics_per_code) {
            m_result.diagnostics.push_back(diagnostics::make(
                "FW015", "",
                fmt::format("{} more {} diagnostics of this read are not shown",
                            count - util::k_max_firmware_diagnostics_per_code, code)));
        }
    }
    if (m_progress) {
        m_progress(m_result.stats.input_bytes, m_result.stats.input_bytes);
    }
    return std::move(m_result);
}

}  // namespace iotconform::firmware::detail
