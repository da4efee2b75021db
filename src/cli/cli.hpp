// The command line: parses arguments and runs one command. main() only calls this, so
// the tests drive the same code in-process.
#pragma once

#include <iosfwd>

namespace iotconform::cli {

// Exit codes, documented in README.md.
inline constexpr int k_exit_ok = 0;         // success; for assess: conformant
inline constexpr int k_exit_findings = 1;   // assess: not conformant or incomplete
inline constexpr int k_exit_bad_input = 2;  // bad usage or bad input; nothing written
inline constexpr int k_exit_io_error = 3;   // the output could not be written

// Runs the command line `argv`; writes results to `out` and messages to `err`.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace iotconform::cli
