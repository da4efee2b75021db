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

// Separate runs of data in one Intel HEX file. An update image is one block (or a few:
// header, body, trailer); a file cut into millions of one-byte pieces at scattered
// addresses is refused rather than held piece by piece.
inline constexpr std::size_t k_max_intel_hex_segments = 65536;

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

// An account file (passwd, shadow, htpasswd): real ones have tens of lines of a few hundred
// bytes. A longer line (a padded GECOS field) is still read, up to 64 KiB, so that padding
// cannot hide an account; beyond these, the file is not an account file.
inline constexpr std::size_t k_max_account_file_lines = 100000;
inline constexpr std::size_t k_max_account_line = 64U * 1024U;

// Accounts whose hashes are tried against the default password list: each try is a
// crypt() call, slow by design, so a file with thousands of accounts is sampled.
inline constexpr std::size_t k_max_accounts_guessed = 256;

// What one guess at a password hash may cost, and what all guesses of an image may cost
// together, in work units of about a millisecond (firmware::guess_cost). A hash can be
// made arbitrarily slow (bcrypt cost 31, SHA-crypt rounds=999999999, a yescrypt setting
// asking for gigabytes); such a hash is not tried, and the scan says so (FW090), so a
// hostile image cannot stall the scan. The per-guess limit admits bcrypt up to cost 12,
// yescrypt up to cost 8 and SHA-crypt up to about 800,000 rounds, every scheme's default
// with room; the image's budget, about half a minute here, tries some fifteen hashes of
// Debian's default yescrypt against the whole default list. Units, not a clock, keep the
// results the same on a slow or loaded machine.
inline constexpr unsigned k_max_guess_cost = 250;
inline constexpr double k_max_guess_work = 30000.0;

// Findings one secret rule reports per image; more matches are counted, not listed, so a
// pattern that fires on every file cannot bury the rest of the report.
inline constexpr std::size_t k_max_findings_per_secret_rule = 50;

// Bytes read after "-----BEGIN" to find a PEM block's end; real keys are under 4 KiB.
inline constexpr std::size_t k_max_pem_block = 16U * 1024U;

// A configuration file or start-up script read by a firmware check (inittab, a systemd
// unit, sshd_config, openssl.cnf). On a device these are a few kilobytes; a megabyte is
// generated or hostile data, and is reported as not checked rather than read.
inline constexpr std::size_t k_max_config_file_bytes = 1024U * 1024U;

// One line of such a file. Real directives fit in a few hundred bytes; longer lines are
// skipped (and counted in a diagnostic) so a single huge line cannot cost quadratic work.
inline constexpr std::size_t k_max_config_line_bytes = 8U * 1024U;

// Words of one command or directive: a start-up command has tens. More are ignored.
inline constexpr std::size_t k_max_config_words = 256;

// Shell variables remembered per start-up script to resolve `$DAEMON` in its commands.
// Init scripts set a handful; the cap bounds memory for a hostile script.
inline constexpr std::size_t k_max_script_variables = 256;

// Facts one firmware check keeps between files (started programs, units, enabled
// links, versions found) until it reports. An image has thousands of files but a few
// hundred such facts; beyond this the check stops collecting and says so.
inline constexpr std::size_t k_max_check_records = 20000;

// Bytes of one binary searched for version strings. Crypto libraries and daemons are
// at most a few megabytes; the version string of a statically linked program lies in
// its read-only data, well within this.
inline constexpr std::size_t k_max_version_scan_bytes = 64U * 1024U * 1024U;
// Firmware images (src/firmware/). Decompressed bytes over all files of one image. A
// Debian minimal root file system is 200 MB and large firmware root file systems a few
// GB; beyond 4 GiB a read takes minutes, and a hostile image could decompress forever.
inline constexpr std::uint64_t k_max_firmware_total_bytes = 4ULL * 1024U * 1024U * 1024U;

// Bytes of one file handed to the checks. Executables and libraries of embedded images
// are well under this; larger files (disk images, media) are cut here, so at most one
// such buffer per nesting level is held.
inline constexpr std::uint64_t k_max_firmware_file_bytes = 64U * 1024U * 1024U;

// Entries of one image over all its containers. A full distribution has about 300,000
// files; millions of entries mean a hostile archive of empty files.
inline constexpr std::uint64_t k_max_firmware_files = 2000000;

// Containers inside containers: image, root file system, initramfs, an archive in it.
// Each level holds its container in memory, so the depth bounds memory too.
inline constexpr unsigned k_max_firmware_depth = 4;

// Decompressed bytes per input byte. Root file systems compress 2 to 5 times; zeros
// compress about 1,000 times with gzip and far more with xz, which is how compression
// bombs are made.
inline constexpr std::uint64_t k_max_firmware_expansion_ratio = 100;

// The expansion ratio is judged only past this many decompressed bytes, so a small image
// holding a zero-filled file is not mistaken for a bomb.
inline constexpr std::uint64_t k_firmware_expansion_floor = 64U * 1024U * 1024U;

// Containers nested in other containers are read from memory; together they may hold
// this much, which keeps the peak memory of a read under 300 MiB with the per-file
// buffer and the decompressors' state.
inline constexpr std::uint64_t k_max_firmware_nested_bytes = 128U * 1024U * 1024U;

// Directories inside directories, in a host directory or a SquashFS image. Real trees
// are under 30 deep; a directory input holds one descriptor per level, and a corrupt
// SquashFS can point a directory at its parent.
inline constexpr unsigned k_max_firmware_directory_depth = 256;

// Diagnostics of one code in one read: a hostile archive of a million "../" names gives
// the first ones and a count of the rest.
inline constexpr std::size_t k_max_firmware_diagnostics_per_code = 20;

// Signatures in a raw image that turn out not to start a container, before the carve
// stops. Each costs an attempt to open it; real images have a handful (a gzip or xz magic
// by chance in compressed data), a crafted one can repeat a magic every few bytes.
inline constexpr std::uint64_t k_max_false_signatures = 4096;
// Section headers of one ELF file. Linked programs and libraries have under a hundred;
// object files built with one section per function reach tens of thousands. Each costs a
// record in memory, so a header claiming millions is refused.
inline constexpr std::size_t k_max_elf_sections = 256U * 1024U;

// Program headers of one ELF file: real files have about a dozen; the count field allows
// 65,535, or more through the extended numbering, which no loader accepts.
inline constexpr std::size_t k_max_elf_segments = 65535;

// Symbols read from one symbol table of an ELF file. Large unstripped programs hold a few
// hundred thousand; each symbol costs a view into the file, so beyond this the rest of
// the table is not read (and the file is reported as malformed).
inline constexpr std::size_t k_max_elf_symbols = 4U * 1024U * 1024U;

// Entries of one ELF dynamic section: real files have a few dozen.
inline constexpr std::size_t k_max_elf_dynamic_entries = 65536;
// Errors reported for one kernel rule or configuration file. A generated or hostile file
// can repeat one mistake a hundred thousand times; the first ones say what to fix, and
// printing the rest only buries them (and takes seconds).
inline constexpr std::size_t k_max_errors_per_file = 50;

}  // namespace iotconform::util
