// Every resource limit iotconform applies to its inputs, in one place, each with its
// reason. Inputs beyond a limit are refused with a message, never truncated silently.
#pragma once

#include <cstddef>
#include <cstdint>

namespace iotconform::util {

// Text inputs read whole (product files, findings files). A product file with every
// provision and long details is a few hundred kilobytes; far beyond that is a mistaken
// path (an image, a log), not a statement.
inline constexpr std::uintmax_t k_max_text_input_bytes = 16U * 1024U * 1024U;

// Values walked in one product file, counting each use of an alias. A full statement
// has under a thousand; far more means an alias bomb, which is refused.
inline constexpr std::size_t k_max_yaml_nodes = 200000;

// A product file. A statement of 78 rows with long details is a few hundred kilobytes;
// the YAML parser needs about 80 bytes of memory per input byte, so a large file is
// refused before it is parsed.
inline constexpr std::uintmax_t k_max_product_file_bytes = 4U * 1024U * 1024U;

// A document to import. Table B.1 with long details is tens of kilobytes; the readers
// hold each line and cell separately, so a huge file is refused before it is read.
inline constexpr std::uintmax_t k_max_document_bytes = 4U * 1024U * 1024U;

// Findings in one findings file. A firmware scan of a large image yields thousands; a
// million is a runaway producer, and each finding is copied into every report.
inline constexpr std::size_t k_max_findings = 100000;

// Provisions one finding may name. The standard has under a hundred.
inline constexpr std::size_t k_max_provisions_per_finding = 128;

// Findings over all findings files of one run, and links from findings to provisions
// (each link copies the finding into the provision's result and its reports).
inline constexpr std::size_t k_max_findings_total = 100000;
inline constexpr std::size_t k_max_finding_links = 200000;

// Bytes of one text field of a finding (message, location, remediation): a sentence or a
// path, not a log.
inline constexpr std::size_t k_max_finding_text = 4096;

// Nesting of brackets and braces in a JSON or YAML input. Our formats nest four levels;
// parsers spend memory per level, so deep nesting is refused before parsing.
inline constexpr std::size_t k_max_nesting = 64;

// Bytes of all values of one product file, counting each use of an alias: aliases can
// make a small file expand into gigabytes of reports.
inline constexpr std::size_t k_max_expanded_bytes = 32U * 1024U * 1024U;

// An MCUboot image fills one flash slot; the largest microcontroller slots are a few MiB.
// 64 MiB leaves room for application processors' images while bounding memory.
inline constexpr std::uintmax_t k_max_update_image_bytes = 64U * 1024U * 1024U;

// Intel HEX text is a little over twice the bytes it encodes.
inline constexpr std::uintmax_t k_max_intel_hex_bytes = 2 * k_max_update_image_bytes + 1024U;

// A PEM key file is a few KiB at most (RSA-4096 private key: about 3.3 KiB).
inline constexpr std::uintmax_t k_max_key_file_bytes = 64U * 1024U;

// A kernel configuration (.config, Linux or Zephyr) as text. Distribution kernels have
// about 12,000 lines and 300 kilobytes; tens of megabytes is not a configuration.
inline constexpr std::uintmax_t k_max_kernel_config_bytes = 8U * 1024U * 1024U;

// A kernel image or module searched for the embedded configuration (IKCONFIG). An
// uncompressed vmlinux with debug information is a few hundred megabytes; the whole file
// is read, so far larger inputs are refused rather than exhausting memory.
inline constexpr std::uintmax_t k_max_kernel_image_bytes = 1024U * 1024U * 1024U;

// Options in one kernel configuration. Linux has about 20,000 symbols in all; more means
// a generated or hostile file, and each option costs a map node.
inline constexpr std::size_t k_max_kernel_options = 100000;

// A kernel command line file. The kernel itself accepts at most a few kilobytes
// (COMMAND_LINE_SIZE), so 64 kilobytes leaves room for comments and several lines.
inline constexpr std::uintmax_t k_max_cmdline_bytes = 64U * 1024U;

// `sysctl -a` output: about 1,500 keys and 100 kilobytes on a server.
inline constexpr std::uintmax_t k_max_sysctl_bytes = 8U * 1024U * 1024U;

// A hardening rule file. The built-in Linux rules are about 100 kilobytes.
inline constexpr std::uintmax_t k_max_rule_file_bytes = 4U * 1024U * 1024U;

// Rules over all rule files of one run; the built-in sets have a few hundred.
inline constexpr std::size_t k_max_rules = 20000;

// Nesting of any/all in one rule's tests. The built-in rules nest two levels; the
// evaluator recurses per level, so a deep expression is refused when loaded.
inline constexpr std::size_t k_max_rule_depth = 8;

// An account file (passwd, shadow, htpasswd): real ones have tens of lines; a line is at
// most a few hundred bytes. Beyond these, the file is not an account file.
inline constexpr std::size_t k_max_account_file_lines = 100000;
inline constexpr std::size_t k_max_account_line = 4096;

// Accounts whose hashes are tried against the default password list: each try is a
// crypt() call, slow by design, so a file with thousands of accounts is sampled.
inline constexpr std::size_t k_max_accounts_guessed = 256;

// Errors reported for one kernel rule or configuration file. A generated or hostile file
// can repeat one mistake a hundred thousand times; the first ones say what to fix, and
// printing the rest only buries them (and takes seconds).
inline constexpr std::size_t k_max_errors_per_file = 50;

}  // namespace iotconform::util
