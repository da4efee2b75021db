// Parsers for the files that start services on a Linux device: inittab (sysvinit and
// BusyBox), shell start-up scripts, systemd units, inetd.conf and xinetd services, and
// shell-variable files such as /etc/default/dropbear. They take the lines of a file
// (config_text.hpp) and return what it starts, as words; judging is the check's job.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "firmware/config_text.hpp"

namespace iotconform::firmware {

// A program a file starts: its words, the program first.
struct Command {
    int line = 0;
    std::vector<std::string> words;
};

// "id:runlevels:action:process". BusyBox names the terminal in `id` ("ttyS0", or empty
// for the console); sysvinit uses it as a label.
struct InittabEntry {
    int line = 0;
    std::string id;
    std::string action;  // lower case: "respawn", "askfirst", "sysinit", ...
    std::vector<std::string> words;
};

// Entries of an inittab; lines without three ':' are not entries and are skipped.
std::vector<InittabEntry> parse_inittab(const ConfigText& text);

// The commands a shell script runs, each from its program on: what follows exec, nohup,
// env and similar prefixes; for start-stop-daemon --start the --exec/--startas program
// and the arguments after "--"; for OpenWrt's procd the "command" parameter. A word that
// is exactly $NAME or ${NAME} is replaced by an earlier plain assignment NAME=value.
// Commands that stop a daemon (start-stop-daemon --stop, killall) are not listed.
std::vector<Command> script_commands(const ConfigText& text);

struct SocketListen {
    int line = 0;
    bool datagram = false;
    std::string address;  // "23", "0.0.0.0:23", "[::]:21", "/run/x.sock"
};

// What a systemd unit (or a drop-in for one) starts.
struct UnitFile {
    std::vector<Command> exec_start;  // [Service] ExecStart=, prefixes (-@:+!) removed
    std::vector<SocketListen> listens;
    std::string tty_path;    // TTYPath=
    bool tty_input = false;  // StandardInput=tty, tty-force or tty-fail
};

// A unit's [Service] and [Socket] settings; an empty ExecStart= resets the list, as it
// does in a drop-in.
UnitFile parse_unit(const ConfigText& text);

// One service of inetd.conf: "service socktype protocol wait user server args".
struct InetdEntry {
    int line = 0;
    std::string service;             // "telnet" (an "address:" prefix removed)
    std::vector<std::string> words;  // the server and its arguments
};

std::vector<InetdEntry> parse_inetd(const ConfigText& text);

// One "service NAME { ... }" block of an xinetd file.
struct XinetdService {
    int line = 0;  // of the "service" line
    std::string name;
    std::vector<std::string> words;  // server = ..., then server_args
    bool disabled = false;           // disable = yes; xinetd enables a service by default
};

std::vector<XinetdService> parse_xinetd(const ConfigText& text);

struct Assignment {
    int line = 0;
    std::string value;
};

// NAME=value lines of a shell-variable file (export allowed); the last of each name
// wins, as in the shell.
std::map<std::string, Assignment> shell_assignments(const ConfigText& text);

}  // namespace iotconform::firmware
