// Credentials in the image (EN 303 645 5.1-1, 5.1-3, 5.4-1): passwd and shadow files
// wherever they are, and htpasswd-style files. Finds accounts with empty passwords, login
// accounts without a password, hashes of common default passwords (tried with crypt from
// libxcrypt, every scheme it supports), weak hash schemes, hashes left readable in passwd,
// plain-text passwords and extra UID 0 accounts.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "firmware/account_files.hpp"
#include "firmware/check.hpp"

namespace iotconform::firmware {

class CredentialsCheck : public Check {
  public:
    CredentialsCheck();

    std::string_view name() const override { return "credentials"; }
    void visit(const FileEntry& entry, util::Bytes content) override;
    void finish(std::vector<judge::Finding>& findings,
                std::vector<diagnostics::Diagnostic>& diagnostics) override;

  private:
    // The account files of one folder of the image ("etc", "rootfs.img!/etc"), paired by
    // folder since shadow completes passwd.
    struct Folder {
        std::string passwd_path, shadow_path;
        std::vector<PasswdEntry> passwd;
        std::vector<ShadowEntry> shadow;
    };
    struct HtpasswdFile {
        std::string path;
        std::vector<HtpasswdEntry> entries;
    };

    void judge_folder(const Folder& folder, std::vector<judge::Finding>& findings);
    void judge_password(const std::string& account, const std::string& field,
                        const std::string& location, bool login,
                        std::vector<judge::Finding>& findings);
    // The default password `field` hashes, if any; a hash too costly to try, or past the
    // image's budget, is recorded in m_untried instead.
    std::optional<std::string> guess(const std::string& account, const std::string& field,
                                     const std::string& location);
    void report_untried(std::vector<diagnostics::Diagnostic>& diagnostics) const;

    struct Untried {
        std::string account, location, reason;
    };

    std::vector<std::string> m_defaults;
    std::map<std::string, Folder> m_folders;
    std::vector<HtpasswdFile> m_htpasswd;
    std::size_t m_guessed = 0;  // hashes tried
    double m_work = 0;          // their cost, in guess_cost's units
    std::vector<Untried> m_untried;
};

}  // namespace iotconform::firmware
