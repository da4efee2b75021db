// Fuzz target: the kernel configuration readers (text, gzip, IKCONFIG blob), the command
// line and sysctl parsers, and judging what they accept against the built-in rules.
#include <cstdint>
#include <string_view>

#include "kconfig/check.hpp"
#include "kconfig/config.hpp"
#include "kconfig/params.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iotconform::kconfig;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const ConfigLoad config = read_config(bytes, "fuzz.config");
    const ParameterLoad cmdline = parse_cmdline(bytes, "fuzz.cmdline");
    const ParameterLoad sysctl = parse_sysctl(bytes, "fuzz.sysctl");
    if (config.config) {
        Target target;
        target.config = &*config.config;
        target.cmdline = cmdline.parameters ? &*cmdline.parameters : nullptr;
        target.sysctl = sysctl.parameters ? &*sysctl.parameters : nullptr;
        target.family =
            config.config->family == Family::zephyr ? Family::zephyr : Family::linux_kernel;
        target.arch = config.config->arch;
        target.version = config.config->version;
        std::vector<const Rule*> rules;
        for (const Rule& rule : builtin_rules(target.family).rules) {
            rules.push_back(&rule);
        }
        (void)check(rules, target);
    }
    return 0;
}
