// Carving a raw image (a flash dump, a vendor's update blob): the file systems and
// archives inside are found by their signatures and read where they start, the way
// binwalk extracts them, but from memory or the image itself rather than onto disk.
#include <fmt/format.h>

#include "firmware/session.hpp"
#include "util/limits.hpp"

namespace iotconform::firmware::detail {

namespace {

// Reads the container at `candidate`; the offset where the scan goes on, or nullopt when
// it was not a container after all.
std::optional<std::uint64_t> read_candidate(Session& session, const Container& image,
                                            const Candidate& candidate, const std::string& name) {
    const std::string label = fmt::format("{}@{:#x}", name, candidate.offset);
    const std::uint64_t available = image.source->size() - candidate.offset;
    switch (candidate.signature.kind) {
        case ContainerKind::squashfs: {
            const std::uint64_t size =
                squashfs_size(*image.source, candidate.offset).value_or(available);
            const SliceSource slice(*image.source, candidate.offset, size);
            if (!read_squashfs(session, {&slice, label + "!/", label, 0})) {
                return std::nullopt;
            }
            return candidate.offset + slice.size();
        }
        case ContainerKind::squashfs_unsupported: {
            const SliceSource slice(*image.source, candidate.offset, available);
            session.open_container({&slice, label + "!/", label, 0}, candidate.signature);
            return candidate.offset + 4;
        }
        default: {
            const SliceSource slice(*image.source, candidate.offset, available);
            const ArchiveOutcome outcome =
                read_archive(session, {&slice, label + "!/", label, 0}, ArchiveMode::carved);
            if (!outcome.recognised) {
                return std::nullopt;
            }
            return candidate.offset + std::max<std::uint64_t>(outcome.consumed, 1);
        }
    }
}

}  // namespace

bool carve(Session& session, const Container& image, const std::string& name) {
    bool found = false;
    SignatureScanner scanner(*image.source);
    std::uint64_t false_signatures = 0;
    // Offset 0 was tried as a whole-input container before the scan.
    std::uint64_t from = 1;
    while (!session.stopped()) {
        const std::optional<Candidate> candidate = scanner.find_next(from);
        if (!candidate) {
            break;
        }
        const std::optional<std::uint64_t> next = read_candidate(session, image, *candidate, name);
        found = found || next.has_value();
        if (!next && ++false_signatures > util::k_max_false_signatures) {
            session.diagnose(
                "FW016",
                fmt::format("the analysis is incomplete: more than {} signatures in {} were not "
                            "the start of a container; the search stopped at offset {:#x}",
                            util::k_max_false_signatures, name, candidate->offset),
                "an image this full of false signatures is most likely crafted; unpack it with "
                "the vendor's tools and scan the tree",
                image);
            break;
        }
        from = next.value_or(candidate->offset + 1);
        session.report_progress(from, image.source->size());
    }
    return found;
}

}  // namespace iotconform::firmware::detail
