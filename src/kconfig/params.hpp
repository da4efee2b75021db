// The other two inputs of a kernel hardening check: the kernel command line (as in
// /proc/cmdline) and the output of `sysctl -a`.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic.hpp"

namespace iotconform::kconfig {

// A parameter as the kernel reads it: `name=value`, or a bare flag (empty value).
struct Parameter {
    std::string value;
    bool flag = false;  // given without '='
    int line = 0;
};

using ParameterMap = std::map<std::string, Parameter, std::less<>>;

struct ParameterLoad {
    std::optional<ParameterMap> parameters;  // set unless an error was found
    std::vector<diagnostics::Diagnostic> diagnostics;
};

// Parameter names as the kernel compares them: '-' and '_' are the same.
std::string normalise_parameter_name(std::string_view name);

// Parses a command line: whitespace-separated parameters, double quotes around values
// with spaces, '#' comment lines. A parameter given twice keeps its last value, as the
// kernel does. Everything after a lone "--" goes to init and is ignored.
[[nodiscard]] ParameterLoad parse_cmdline(std::string_view text, const std::string& name);

// Parses `sysctl -a` output: `key = value` per line ('/' in keys read as '.'), blank
// and '#' lines skipped. A key given twice with different values is an error.
[[nodiscard]] ParameterLoad parse_sysctl(std::string_view text, const std::string& name);

}  // namespace iotconform::kconfig
