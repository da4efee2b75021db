// Fuzz target: the hardening rule file loader. Whatever the bytes, it must not crash,
// hang or exhaust memory (aliases, deep nesting), and the rules it accepts must judge.
#include <cstdint>
#include <string_view>

#include "kconfig/check.hpp"
#include "kconfig/rules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace iotconform::kconfig;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const RuleLoad load = load_rules(text, "fuzz.yaml");
    if (load.rules) {
        std::vector<const Rule*> rules;
        for (const Rule& rule : load.rules->rules) {
            rules.push_back(&rule);
        }
        KernelConfig config;
        config.options["CONFIG_A"] = {"y", false, 1};
        Target target;
        target.config = &config;
        (void)check(rules, target);
    }
    return 0;
}
