// Tests for the services check and the parsers of start-up files it reads.
#include "firmware/services_check.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "firmware/check_support.hpp"
#include "firmware/service_configs.hpp"
#include "standard/catalog.hpp"

namespace iotconform::firmware {
namespace {

using diagnostics::Severity;
using testing::feed;
using testing::file;
using testing::finish;
using testing::Result;

Result run_one(const std::string& path, const std::string& content,
               const standard::Standard& edition = testing::v3()) {
    ServicesCheck check(edition);
    feed(check, file(path), content);
    return finish(check);
}

using Provisions = std::vector<std::string>;

// The planted faults of the end-to-end test, line for line.
TEST(ServicesCheck, PlantedTelnetdInInittabIsAnErrorUnder561) {
    const Result result = run_one(
        "rootfs.tar.gz!/etc/inittab",
        "# planted\n::sysinit:/etc/init.d/rcS\n::respawn:/usr/sbin/telnetd -F -l /bin/sh\n");
    const auto telnet = result.of("FW-SVC-001");
    ASSERT_EQ(telnet.size(), 1u) << testing::describe(result.findings);
    EXPECT_EQ(telnet[0].severity, Severity::error);
    EXPECT_EQ(telnet[0].effect, judge::Effect::contradicts);
    EXPECT_EQ(telnet[0].provisions, (Provisions{"5.6-1", "5.5-7"}));
    EXPECT_EQ(telnet[0].location, "rootfs.tar.gz!/etc/inittab:3");
    EXPECT_EQ(telnet[0].source, "firmware");
    const auto shell = result.of("FW-SVC-004");
    ASSERT_EQ(shell.size(), 1u);
    EXPECT_EQ(shell[0].provisions, (Provisions{"5.5-5", "5.5-4"}));
    EXPECT_FALSE(shell[0].remediation.empty());
}

TEST(ServicesCheck, PlantedAutologinGettyOnTtyS0IsADebugErrorPerEdition) {
    const std::string inittab = "T0:23:respawn:/sbin/getty -a root -L ttyS0 115200 vt100\n";
    const auto v3 = run_one("etc/inittab", inittab).of("FW-DEBUG-002");
    ASSERT_EQ(v3.size(), 1u);
    EXPECT_EQ(v3[0].severity, Severity::error);
    EXPECT_EQ(v3[0].provisions, (Provisions{"5.6-4A"}));
    EXPECT_EQ(v3[0].location, "etc/inittab:1");
    EXPECT_NE(v3[0].message.find("ttyS0"), std::string::npos);
    const auto v2 = run_one("etc/inittab", inittab, testing::v2()).of("FW-DEBUG-002");
    ASSERT_EQ(v2.size(), 1u);
    EXPECT_EQ(v2[0].provisions, (Provisions{"5.6-4"}));
}

TEST(ServicesCheck, AFixedPathLinkedElsewhereIsFollowedInsideTheImage) {
    // A read-only root file system links etc/inittab to the real file; the check judges
    // that file as the inittab, whichever of the two comes first, and locates the finding
    // in the file that holds the line.
    const std::string inittab = "ttyS0::respawn:-/bin/sh\n";
    for (const bool link_first : {true, false}) {
        ServicesCheck check(testing::v3());
        const FileEntry link = file("img!/etc/inittab", FileType::symlink, "/rom/etc/inittab");
        if (link_first) {
            feed(check, link);
        }
        feed(check, file("img!/rom/etc/inittab"), inittab);
        if (!link_first) {
            feed(check, link);
        }
        const Result result = finish(check);
        const auto shell = result.of("FW-DEBUG-001");
        ASSERT_EQ(shell.size(), 1u) << link_first << testing::describe(result.findings);
        EXPECT_EQ(shell[0].location, "img!/rom/etc/inittab:1");
    }
    // A relative link, and a file of that name no link names, which is not an inittab.
    ServicesCheck relative(testing::v3());
    feed(relative, file("etc/ssh/sshd_config", FileType::symlink, "../../data/sshd_config"));
    feed(relative, file("data/sshd_config"), "PermitEmptyPasswords yes\n");
    feed(relative, file("doc/inittab"), inittab);
    const Result result = finish(relative);
    EXPECT_TRUE(result.of("FW-DEBUG-001").empty()) << testing::describe(result.findings);
    EXPECT_FALSE(result.findings.empty()) << "the linked sshd_config was not judged";
}

TEST(ServicesCheck, LinkChainsTargetsOfAnyNameAndLinksThatLeadNowhere) {
    // The target comes first under a name of its own (a sorted walk puts aaa/ before
    // etc/), and is reached through a chain of two links.
    ServicesCheck check(testing::v3());
    feed(check, file("aaa/sshd.conf"), "PermitRootLogin yes\n");
    feed(check, file("etc/ssh/sshd_config", FileType::symlink, "/opt/a"));
    feed(check, file("opt/a", FileType::symlink, "../aaa/sshd.conf"));
    // A link into a partition the image does not hold, and a loop.
    feed(check, file("etc/inittab", FileType::symlink, "/overlay/etc/inittab"));
    feed(check, file("etc/inetd.conf", FileType::symlink, "/etc/inetd.conf"));
    const Result result = finish(check);
    const auto root_login = result.of("FW-SVC-020");
    ASSERT_EQ(root_login.size(), 1u) << testing::describe(result.findings);
    EXPECT_EQ(root_login[0].location, "aaa/sshd.conf:1");
    std::vector<std::string> unfollowed;
    for (const diagnostics::Diagnostic& d : result.diagnostics) {
        if (d.code == "FW074") {
            unfollowed.push_back(d.position.file);
        }
    }
    std::sort(unfollowed.begin(), unfollowed.end());
    EXPECT_EQ(unfollowed, (std::vector<std::string>{"etc/inetd.conf", "etc/inittab"}));
}

TEST(ServicesCheck, NormalInittabGivesNothing) {
    const Result result = run_one("etc/inittab",
                                  "id:2:initdefault:\nsi::sysinit:/etc/init.d/rcS\n"
                                  "T0:23:respawn:/sbin/getty -L ttyS0 115200 vt100\n"
                                  "::sysinit:/bin/sh /etc/init.d/rcS\n"
                                  "#::respawn:/usr/sbin/telnetd -F\n"
                                  "ttyS1::off:/bin/sh\n"
                                  "ca:12345:ctrlaltdel:/sbin/shutdown -t1 -a -r now\n");
    EXPECT_TRUE(result.findings.empty()) << testing::describe(result.findings);
}

TEST(ServicesCheck, ShellOnSerialConsoleIsAnErrorAndOnTty1AWarning) {
    const Result result = run_one("etc/inittab",
                                  "::askfirst:-/bin/sh\nttyAMA0::respawn:/bin/ash -l\n"
                                  "tty1::respawn:/bin/sh\n");
    const auto shells = result.of("FW-DEBUG-001");
    ASSERT_EQ(shells.size(), 3u);
    EXPECT_EQ(shells[0].severity, Severity::error);  // the console
    EXPECT_EQ(shells[1].severity, Severity::error);
    EXPECT_EQ(shells[2].severity, Severity::warning);
    EXPECT_EQ(shells[2].location, "etc/inittab:3");
}

TEST(ServicesCheck, LoginDashFAndGettyWithShellAreAutologins) {
    const Result result = run_one("etc/inittab",
                                  "ttyS0::respawn:/bin/login -f root\n"
                                  "S1:2345:respawn:/sbin/agetty -n -l /bin/sh ttyUSB0 115200\n"
                                  "S2:2345:respawn:/sbin/agetty --autologin=root ttyS2\n");
    EXPECT_EQ(result.of("FW-DEBUG-002").size(), 3u) << testing::describe(result.findings);
}

TEST(ServicesCheck, InitScriptLinkedIntoARunlevelStartsItsDaemon) {
    ServicesCheck check;
    feed(check, file("etc/init.d/tftpd-hpa"),
         "#!/bin/sh\nDAEMON=/usr/sbin/in.tftpd\n# start-stop-daemon --start --exec "
         "/usr/sbin/telnetd\n"
         "case \"$1\" in\nstart)\n  echo \"Starting telnetd\"\n"
         "  start-stop-daemon --start --quiet --exec $DAEMON -- --listen\n  ;;\n"
         "stop)\n  start-stop-daemon --stop --exec /usr/sbin/vsftpd\n  killall ftpd\n;;\nesac\n");
    feed(check, file("etc/rc2.d/S01tftpd-hpa", FileType::symlink, "../init.d/tftpd-hpa"));
    const Result result = finish(check);
    const auto tftp = result.of("FW-SVC-003");
    ASSERT_EQ(tftp.size(), 1u) << testing::describe(result.findings);
    EXPECT_EQ(tftp[0].location, "etc/init.d/tftpd-hpa:7");
    EXPECT_EQ(tftp[0].provisions, (Provisions{"5.6-1", "5.5-5"}));
    EXPECT_EQ(result.findings.size(), 1u) << testing::describe(result.findings);
}

TEST(ServicesCheck, InitScriptNotLinkedIsOnlyAWarningThatInforms) {
    const Result result =
        run_one("etc/init.d/telnet", "#!/bin/sh\nstart() {\n  /usr/sbin/telnetd -F &\n}\n");
    const auto unused = result.of("FW-SVC-010");
    ASSERT_EQ(unused.size(), 1u) << testing::describe(result.findings);
    EXPECT_EQ(unused[0].severity, Severity::warning);
    EXPECT_EQ(unused[0].effect, judge::Effect::informs);
    EXPECT_TRUE(result.of("FW-SVC-001").empty());
}

TEST(ServicesCheck, BuildrootStyleOrderedScriptRunsByItsName) {
    const Result result = run_one("etc/init.d/S50telnet",
                                  "start() {\n\tprintf \"Starting telnetd: \"\n"
                                  "\tstart-stop-daemon -S -q -m -b -p /var/run/telnetd.pid "
                                  "-x /usr/sbin/telnetd -- -F\n}\n");
    EXPECT_EQ(result.of("FW-SVC-001").size(), 1u) << testing::describe(result.findings);
}

TEST(ServicesCheck, EnabledSystemdServiceAndSocket) {
    ServicesCheck check;
    feed(check, file("lib/systemd/system/vsftpd.service"),
         "[Unit]\nDescription=ftp\n[Service]\nExecStart=/usr/sbin/vsftpd /etc/vsftpd.conf\n");
    feed(check, file("lib/systemd/system/telnet.socket"),
         "[Socket]\nListenStream=0.0.0.0:23\nAccept=yes\n");
    feed(check, file("lib/systemd/system/syslog.socket"), "[Socket]\nListenDatagram=514\n");
    feed(check, file("etc/systemd/system/multi-user.target.wants/vsftpd.service", FileType::symlink,
                     "/lib/systemd/system/vsftpd.service"));
    feed(check, file("etc/systemd/system/sockets.target.wants/telnet.socket", FileType::symlink,
                     "/lib/systemd/system/telnet.socket"));
    const Result result = finish(check);
    ASSERT_EQ(result.of("FW-SVC-002").size(), 1u) << testing::describe(result.findings);
    EXPECT_EQ(result.of("FW-SVC-002")[0].location, "lib/systemd/system/vsftpd.service:4");
    ASSERT_EQ(result.of("FW-SVC-001").size(), 1u);
    EXPECT_EQ(result.of("FW-SVC-001")[0].location, "lib/systemd/system/telnet.socket:2");
    EXPECT_EQ(result.findings.size(), 2u) << testing::describe(result.findings);
}

TEST(ServicesCheck, MaskedOrNotEnabledUnitIsNotStarted) {
    ServicesCheck check;
    feed(check, file("lib/systemd/system/telnetd.service"),
         "[Service]\nExecStart=-/usr/sbin/in.telnetd\n");
    feed(check, file("etc/systemd/system/multi-user.target.wants/telnetd.service",
                     FileType::symlink, "/lib/systemd/system/telnetd.service"));
    feed(check, file("etc/systemd/system/telnetd.service", FileType::symlink, "/dev/null"));
    const Result result = finish(check);
    EXPECT_TRUE(result.of("FW-SVC-001").empty()) << testing::describe(result.findings);
    EXPECT_EQ(result.of("FW-SVC-010").size(), 1u);
}

TEST(ServicesCheck, SerialGettyAutologinDropInIsAnError) {
    const Result result = run_one("etc/systemd/system/serial-getty@ttyS0.service.d/autologin.conf",
                                  "[Service]\nExecStart=\nExecStart=-/sbin/agetty --autologin root "
                                  "--keep-baud 115200 %I $TERM\n");
    const auto autologin = result.of("FW-DEBUG-002");
    ASSERT_EQ(autologin.size(), 1u) << testing::describe(result.findings);
    EXPECT_EQ(autologin[0].severity, Severity::error);
    EXPECT_EQ(autologin[0].location,
              "etc/systemd/system/serial-getty@ttyS0.service.d/autologin.conf:3");
}

// Debian 12's getty units and its debug shell, as systemd 252 ships them.
TEST(ServicesCheck, DebianGettyUnitsAndDisabledDebugShellGiveNoWarning) {
    ServicesCheck check;
    feed(check, file("lib/systemd/system/serial-getty@.service"),
         "[Unit]\nDescription=Serial Getty on %I\nBindsTo=dev-%i.device\n[Service]\n"
         "ExecStart=-/sbin/agetty -o '-p -- \\\\u' --keep-baud 115200,57600,38400,9600 - $TERM\n"
         "Type=idle\nRestart=always\nStandardInput=tty\nTTYPath=/dev/%I\n[Install]\n"
         "WantedBy=getty.target\n");
    feed(check, file("lib/systemd/system/getty@.service"),
         "[Service]\nExecStart=-/sbin/agetty -o '-p -- \\\\u' --noclear - $TERM\n"
         "StandardInput=tty\nTTYPath=/dev/%I\n");
    feed(check, file("lib/systemd/system/console-getty.service"),
         "[Service]\nExecStart=-/sbin/agetty -o '-p -- \\\\u' --noclear --keep-baud console "
         "115200,38400,9600 $TERM\nStandardInput=tty\n");
    feed(check, file("lib/systemd/system/debug-shell.service"),
         "[Unit]\nDescription=Early root shell on /dev/tty9 FOR DEBUGGING ONLY\n[Service]\n"
         "Environment=TERM=linux\nExecStart=/bin/bash\nRestart=always\nStandardInput=tty\n"
         "TTYPath=/dev/tty9\n");
    feed(check, file("lib/systemd/system/rescue.service"),
         "[Service]\nExecStart=-/lib/systemd/systemd-sulogin-shell "
         "rescue\nStandardInput=tty-force\n");
    feed(check, file("etc/systemd/system/getty.target.wants/getty@tty1.service", FileType::symlink,
                     "/lib/systemd/system/getty@.service"));
    const Result result = finish(check);
    EXPECT_TRUE(result.serious().empty()) << testing::describe(result.findings);
    ASSERT_EQ(result.of("FW-DEBUG-005").size(), 1u);  // the debug shell, a note
    EXPECT_EQ(result.of("FW-DEBUG-005")[0].severity, Severity::note);
}

TEST(ServicesCheck, EnabledDebugShellOnTty9IsAWarning) {
    ServicesCheck check;
    feed(check, file("lib/systemd/system/debug-shell.service"),
         "[Service]\nExecStart=/bin/bash\nStandardInput=tty\nTTYPath=/dev/tty9\n");
    feed(check, file("etc/systemd/system/sysinit.target.wants/debug-shell.service",
                     FileType::symlink, "/lib/systemd/system/debug-shell.service"));
    const Result result = finish(check);
    ASSERT_EQ(result.of("FW-DEBUG-001").size(), 1u) << testing::describe(result.findings);
    EXPECT_EQ(result.of("FW-DEBUG-001")[0].severity, Severity::warning);
}

TEST(ServicesCheck, InetdLinesAndCommentedLines) {
    const Result result =
        run_one("etc/inetd.conf",
                "#telnet stream tcp nowait root /usr/sbin/tcpd /usr/sbin/in.telnetd\n"
                "ftp stream tcp nowait root /usr/sbin/tcpd in.ftpd -l\n"
                "echo stream tcp nowait root internal\n"
                "shell stream tcp nowait root /usr/sbin/rshd-custom rshd-custom\n");
    ASSERT_EQ(result.of("FW-SVC-002").size(), 1u) << testing::describe(result.findings);
    EXPECT_EQ(result.of("FW-SVC-002")[0].location, "etc/inetd.conf:2");
    ASSERT_EQ(result.of("FW-SVC-001").size(), 1u);  // by the service name "shell"
    EXPECT_EQ(result.of("FW-SVC-001")[0].location, "etc/inetd.conf:4");
    EXPECT_EQ(result.findings.size(), 2u);
}

TEST(ServicesCheck, XinetdEnabledAndDisabledServices) {
    const std::string enabled =
        "service telnet\n{\n\tsocket_type = stream\n\tserver = /usr/sbin/in.telnetd\n"
        "\tdisable = no\n}\n";
    const Result on = run_one("etc/xinetd.d/telnet", enabled);
    ASSERT_EQ(on.of("FW-SVC-001").size(), 1u) << testing::describe(on.findings);
    EXPECT_EQ(on.of("FW-SVC-001")[0].location, "etc/xinetd.d/telnet:1");
    const Result off = run_one("etc/xinetd.d/telnet",
                               "service telnet\n{\n\tserver = /usr/sbin/in.telnetd\n"
                               "\tdisable = yes\n}\n");
    EXPECT_TRUE(off.findings.empty()) << testing::describe(off.findings);
}

TEST(ServicesCheck, BusyBoxAppletIsANoteOnly) {
    const Result result = run_one("build/busybox-1.36.1/.config",
                                  "# Busybox version: 1.36.1\nCONFIG_TELNETD=y\n"
                                  "# CONFIG_FTPD is not set\nCONFIG_TFTPD=n\n");
    const auto applets = result.of("FW-SVC-011");
    ASSERT_EQ(applets.size(), 1u) << testing::describe(result.findings);
    EXPECT_EQ(applets[0].severity, Severity::note);
    EXPECT_EQ(applets[0].effect, judge::Effect::informs);
    EXPECT_TRUE(run_one("boot/.config", "CONFIG_TELNETD=y\n").findings.empty());
}

TEST(ServicesCheck, InstalledDaemonAndDebugServerNotStarted) {
    ServicesCheck check;
    feed(check, file("usr/sbin/telnetd", FileType::symlink, "../../bin/busybox"));
    feed(check, file("usr/bin/gdbserver"),
         "\x7f"
         "ELF");
    feed(check, file("usr/share/doc/telnetd"), "text");
    const Result result = finish(check);
    ASSERT_EQ(result.of("FW-SVC-010").size(), 1u) << testing::describe(result.findings);
    EXPECT_EQ(result.of("FW-SVC-010")[0].location, "usr/sbin/telnetd");
    ASSERT_EQ(result.of("FW-DEBUG-004").size(), 1u);
    EXPECT_EQ(result.of("FW-DEBUG-004")[0].provisions, (Provisions{"5.6-4A", "5.6-6"}));
}

TEST(ServicesCheck, StartedDebugServer) {
    const Result result =
        run_one("etc/inittab", "::respawn:/usr/bin/gdbserver --multi 0.0.0.0:2345\n");
    ASSERT_EQ(result.of("FW-DEBUG-003").size(), 1u);
    EXPECT_EQ(result.of("FW-DEBUG-003")[0].provisions, (Provisions{"5.6-4A", "5.6-1"}));
}

// The sshd_config Debian 12 installs (openssh-server 9.2), in its effective lines.
constexpr const char* k_debian_sshd_config =
    "# This is the sshd server system-wide configuration file.\n"
    "Include /etc/ssh/sshd_config.d/*.conf\n"
    "#PermitRootLogin prohibit-password\n#PasswordAuthentication yes\n"
    "#PermitEmptyPasswords no\nKbdInteractiveAuthentication no\nUsePAM yes\n"
    "X11Forwarding yes\nPrintMotd no\nAcceptEnv LANG LC_*\n"
    "Subsystem\tsftp\t/usr/lib/openssh/sftp-server\n";

TEST(ServicesCheck, DebianSshdConfigGivesNothing) {
    EXPECT_TRUE(run_one("etc/ssh/sshd_config", k_debian_sshd_config).findings.empty());
    EXPECT_TRUE(
        run_one("etc/ssh/sshd_config", "PermitRootLogin prohibit-password\n").findings.empty());
}

TEST(ServicesCheck, SshdRootAndEmptyPasswords) {
    ServicesCheck check;
    feed(check, file("etc/ssh/sshd_config"),
         std::string(k_debian_sshd_config) + "Match User guest\n  PermitEmptyPasswords yes\n");
    feed(check, file("etc/ssh/sshd_config.d/root.conf"), "PermitRootLogin yes\n");
    const Result result = finish(check);
    ASSERT_EQ(result.of("FW-SVC-020").size(), 1u) << testing::describe(result.findings);
    EXPECT_EQ(result.of("FW-SVC-020")[0].location, "etc/ssh/sshd_config.d/root.conf:1");
    EXPECT_EQ(result.of("FW-SVC-020")[0].severity, Severity::warning);
    ASSERT_EQ(result.of("FW-SVC-021").size(), 1u);
    EXPECT_EQ(result.of("FW-SVC-021")[0].location, "etc/ssh/sshd_config:13");
}

TEST(ServicesCheck, SshdRootWithKeysOnlyIsFine) {
    EXPECT_TRUE(
        run_one("etc/ssh/sshd_config",
                "PasswordAuthentication no\nPermitRootLogin yes\nPermitEmptyPasswords yes\n")
            .findings.empty());
}

TEST(ServicesCheck, DropbearArguments) {
    const Result open = run_one("etc/default/dropbear", "DROPBEAR_EXTRA_ARGS=\"-B -p 22\"\n");
    ASSERT_EQ(open.of("FW-SVC-020").size(), 1u) << testing::describe(open.findings);
    EXPECT_EQ(open.of("FW-SVC-020")[0].location, "etc/default/dropbear:1");
    EXPECT_EQ(open.of("FW-SVC-021").size(), 1u);
    EXPECT_TRUE(run_one("etc/default/dropbear", "DROPBEAR_EXTRA_ARGS=\"-wg\"\n").findings.empty());
    EXPECT_TRUE(run_one("etc/default/dropbear", "# -B\nDROPBEAR_ARGS=\"-s\"\n").findings.empty());
}

TEST(ServicesCheck, OversizedFileIsReportedNotRead) {
    const Result result =
        run_one("etc/inittab", std::string(2 * 1024 * 1024, '#') + "\n::respawn:/bin/sh\n");
    EXPECT_TRUE(result.findings.empty());
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].code, "FW070");
}

TEST(ServicesCheck, LongLinesAreSkippedAndCounted) {
    const Result result = run_one("etc/inittab", std::string(10000, 'x') + "\n::respawn:/bin/sh\n");
    EXPECT_EQ(result.of("FW-DEBUG-001").size(), 1u);
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].code, "FW071");
}

TEST(ServiceConfigs, ScriptCommandsResolveVariablesAndSkipStops) {
    const ConfigText text = read_config_text(
        "D=/usr/sbin/x\nexec $D -a; nohup ${D} -b && start-stop-daemon -K -x /y\n");
    const std::vector<Command> commands = script_commands(text);
    ASSERT_EQ(commands.size(), 2u);
    EXPECT_EQ(commands[0].words, (std::vector<std::string>{"/usr/sbin/x", "-a"}));
    EXPECT_EQ(commands[1].words, (std::vector<std::string>{"/usr/sbin/x", "-b"}));
}

TEST(ServiceConfigs, ShellWordsQuotesAndSeparators) {
    EXPECT_EQ(shell_words("a 'b c' \"d\\\"e\"|f&&g"),
              (std::vector<std::string>{"a", "b c", "d\"e", "|", "f", "&&", "g"}));
}

// Every rule loads with provisions each edition has; a rule naming an unknown one fails.
TEST(ServicesRules, BuiltInRulesLoadAndUnknownProvisionsFail) {
    EXPECT_EQ(services_rules().rules().size(), 13u);
    const YAML::Node bad = YAML::Load(
        "- {id: X, title: t, effect: informs, severity: note, remediation: r,"
        " provisions: {en303645-2.1.1: [5.6-4], en303645-3.1.3: [5.6-4]}}");
    EXPECT_THROW(load_rule_table(bad, "test"), standard::DataError);
    const YAML::Node good = YAML::Load(
        "- {id: X, title: t, effect: informs, severity: note, remediation: r,"
        " provisions: {en303645-2.1.1: [5.6-4], en303645-3.1.3: [5.6-4A]}}");
    EXPECT_EQ(load_rule_table(good, "test").rules().size(), 1u);
}

// The host, when it is Debian, is a real clean root file system: its units and init
// scripts must give no warning.
TEST(ServicesCheck, HostSystemdAndInitFilesGiveNoWarning) {
    namespace fs = std::filesystem;
    if (!fs::exists("/etc/debian_version")) {
        GTEST_SKIP() << "not a Debian host";
    }
    ServicesCheck check;
    std::size_t files = 0;
    for (const char* dir : {"/lib/systemd/system", "/etc/systemd/system", "/etc/init.d"}) {
        std::error_code error;
        for (auto it = fs::recursive_directory_iterator(dir, error);
             !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
            const std::string path = it->path().string().substr(1);
            if (it->is_symlink()) {
                feed(check, file(path, FileType::symlink, fs::read_symlink(it->path()).string()));
            } else if (it->is_regular_file()) {
                std::ifstream stream(it->path());
                std::stringstream content;
                content << stream.rdbuf();
                feed(check, file(path), content.str());
                ++files;
            }
        }
    }
    const Result result = finish(check);
    EXPECT_GT(files, 0u);
    EXPECT_TRUE(result.serious().empty()) << testing::describe(result.serious());
}

}  // namespace
}  // namespace iotconform::firmware
