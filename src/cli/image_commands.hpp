// `iotconform image info|verify|sign|keygen|getpub`: MCUboot update images, compatible
// with imgtool's options and output where that is right.
#pragma once

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>
#include <vector>

namespace iotconform::cli {

class ImageCommands {
  public:
    // Adds the `image` command and its subcommands to `app`.
    explicit ImageCommands(CLI::App& app);

    bool parsed() const;
    // Runs the parsed subcommand. Exit codes: info 0, or 2 for a malformed image; verify 0
    // verified, 1 not (or, with --strict, not signed with a given non-development key); sign,
    // keygen, getpub 0; bad usage or unreadable input 2; output that cannot be written 3.
    int run(std::ostream& out, std::ostream& err) const;

  private:
    int info(std::ostream& out, std::ostream& err) const;
    int verify(std::ostream& out, std::ostream& err) const;
    int sign(std::ostream& out, std::ostream& err) const;
    int keygen(std::ostream& out, std::ostream& err) const;
    int getpub(std::ostream& out, std::ostream& err) const;

    CLI::App* m_image = nullptr;
    CLI::App* m_info = nullptr;
    CLI::App* m_verify = nullptr;
    CLI::App* m_sign = nullptr;
    CLI::App* m_keygen = nullptr;
    CLI::App* m_getpub = nullptr;

    std::string m_file;
    bool m_json = false;
    bool m_strict = false;
    std::vector<std::string> m_keys;
    std::string m_decrypt_key;

    struct SignArgs {
        std::string key, key_format = "hash", version, header_size, slot_size;
        bool pad_header = false, pad = false, confirm = false, test = false;
        bool overwrite_only = false, pad_sig = false, non_bootable = false;
        std::string max_sectors, align = "1", max_align, endian = "little", erased_val = "0xff";
        std::string load_addr, rom_fixed, security_counter, dependencies, sha = "auto";
        std::string encrypt, encrypt_keylen = "128", hex_addr;
        std::vector<std::pair<std::string, std::string>> custom_tlvs;
        std::string infile, outfile;
    } m_sign_args;

    std::string m_key_type;
    std::string m_key_out;
    std::string m_pub_out;
    bool m_force = false;
};

}  // namespace iotconform::cli
