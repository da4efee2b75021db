// Fuzz target: the services check and its parsers, with the input given as each kind of
// start-up or configuration file it reads, then judged.
#include <cstdint>
#include <string_view>

#include "firmware/service_configs.hpp"
#include "firmware/services_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iotconform::firmware;
    const iotconform::util::Bytes bytes(data, size);
    constexpr std::string_view k_paths[] = {
        "etc/inittab",
        "etc/init.d/S50service",
        "etc/init.d/service",
        "lib/systemd/system/x.service",
        "lib/systemd/system/x.socket",
        "etc/systemd/system/serial-getty@ttyS0.service.d/override.conf",
        "etc/inetd.conf",
        "etc/xinetd.d/service",
        "etc/ssh/sshd_config",
        "etc/default/dropbear",
        "busybox/.config",
    };
    ServicesCheck check;
    for (const std::string_view path : k_paths) {
        FileEntry entry;
        entry.path = std::string(path);
        check.visit(entry, bytes);
    }
    FileEntry link;
    link.path = "etc/rc2.d/S20service";
    link.type = FileType::symlink;
    link.link_target = std::string(reinterpret_cast<const char*>(data), size < 256 ? size : 256);
    check.visit(link, {});
    std::vector<iotconform::judge::Finding> findings;
    std::vector<iotconform::diagnostics::Diagnostic> diagnostics;
    check.finish(findings, diagnostics);
    (void)shell_words(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
