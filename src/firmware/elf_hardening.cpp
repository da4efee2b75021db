// Judging a parsed ELF file's hardening in checksec's terms (NX, PIE, RELRO, canary,
// FORTIFY, RPATH/RUNPATH), so the results can be compared file by file. Where checksec
// reads readelf's text and we read the structures, the rule is the one the loader applies;
// the differences are listed in tests/firmware/checksec_disagreements.txt.
#include <algorithm>
#include <array>

#include "firmware/elf.hpp"

namespace iotconform::firmware::elf {

namespace {

// The functions glibc offers in a checked form (__NAME_chk), by NAME. Sorted, for search.
constexpr std::array<std::string_view, 79> k_fortifiable = {
    "asprintf",       "confstr",        "dprintf",
    "explicit_bzero", "fdelt",          "fgets",
    "fgets_unlocked", "fgetws",         "fgetws_unlocked",
    "fprintf",        "fread",          "fread_unlocked",
    "fwprintf",       "getcwd",         "getdomainname",
    "getgroups",      "gethostname",    "getlogin_r",
    "gets",           "getwd",          "longjmp",
    "mbsnrtowcs",     "mbsrtowcs",      "mbstowcs",
    "memcpy",         "memmove",        "mempcpy",
    "memset",         "obstack_printf", "obstack_vprintf",
    "poll",           "ppoll",          "pread",
    "pread64",        "printf",         "ptsname_r",
    "read",           "readlink",       "readlinkat",
    "realpath",       "recv",           "recvfrom",
    "snprintf",       "sprintf",        "stpcpy",
    "stpncpy",        "strcat",         "strcpy",
    "strncat",        "strncpy",        "swprintf",
    "syslog",         "ttyname_r",      "vasprintf",
    "vdprintf",       "vfprintf",       "vfwprintf",
    "vprintf",        "vsnprintf",      "vsprintf",
    "vswprintf",      "vsyslog",        "vwprintf",
    "wcpcpy",         "wcpncpy",        "wcrtomb",
    "wcscat",         "wcscpy",         "wcsncat",
    "wcsncpy",        "wcsnrtombs",     "wcsrtombs",
    "wcstombs",       "wctomb",         "wmemcpy",
    "wmemmove",       "wmempcpy",       "wmemset",
    "wprintf"};
static_assert(std::is_sorted(k_fortifiable.begin(), k_fortifiable.end()));

// The symbols a stack protector leaves: the failure handler glibc, musl and uClibc provide
// (and its local alias in 32-bit x86 and PowerPC code), the guard variable some targets
// read instead of thread-local storage, and Intel's compiler's cookie.
constexpr std::array<std::string_view, 4> k_canary_symbols = {
    "__stack_chk_fail", "__stack_chk_fail_local", "__stack_chk_guard", "__intel_security_cookie"};

// A symbol's name without the version glibc's tools append ("memcpy@GLIBC_2.14").
std::string_view unversioned(std::string_view name) {
    return name.substr(0, name.find('@'));
}

std::string_view without_leading_underscores(std::string_view name) {
    return name.substr(std::min(name.find_first_not_of('_'), name.size()));
}

bool is_canary_symbol(std::string_view name) {
    return std::find(k_canary_symbols.begin(), k_canary_symbols.end(), unversioned(name)) !=
           k_canary_symbols.end();
}

bool has_canary(const File& file) {
    return std::any_of(file.dynamic_symbols.begin(), file.dynamic_symbols.end(),
                       is_canary_symbol) ||
           std::any_of(file.symbols.begin(), file.symbols.end(), is_canary_symbol);
}

bool is_checked_name(std::string_view name) {
    return unversioned(name).ends_with("_chk");
}

// Counts the uses of glibc's checked functions and of their unchecked forms among the
// dynamic symbols, as a measure of how much of what could be fortified was.
void count_fortified(const File& file, Hardening& result) {
    for (const std::string_view symbol : file.dynamic_symbols) {
        const std::string_view name = without_leading_underscores(unversioned(symbol));
        if (name.ends_with("_chk") && is_fortifiable_function(name.substr(0, name.size() - 4))) {
            ++result.fortified;
        } else if (is_fortifiable_function(name)) {
            ++result.fortifiable;
        }
    }
    result.fortifiable += result.fortified;
    result.fortify =
        std::any_of(file.dynamic_symbols.begin(), file.dynamic_symbols.end(), is_checked_name) ||
        std::any_of(file.symbols.begin(), file.symbols.end(), is_checked_name);
}

// ET_DYN is both a shared library and a position-independent executable. Linkers mark an
// executable with DF_1_PIE (binutils 2.26 and later) and give every executable a DT_DEBUG
// entry for debuggers. PT_INTERP alone does not decide: glibc's libc.so.6 has one so it
// can be run, yet it is a library.
Pie pie_of(const File& file) {
    switch (file.header.type) {
        case k_type_exec:
            return Pie::no;
        case k_type_rel:
            return Pie::rel;
        case k_type_dyn:
            return (file.dynamic.flags_1 & k_df_1_pie) != 0 || file.dynamic.debug ? Pie::yes
                                                                                  : Pie::dso;
        default:
            return Pie::other;
    }
}

// The loader resolves every symbol at start-up, so the relocated data can be made
// read-only, when any of the three ways to ask for it is present.
Relro relro_of(const File& file) {
    if (file.find_segment(k_pt_gnu_relro) == nullptr) {
        return Relro::none;
    }
    const bool now = file.dynamic.bind_now || (file.dynamic.flags & k_df_bind_now) != 0 ||
                     (file.dynamic.flags_1 & k_df_1_now) != 0;
    return now ? Relro::full : Relro::partial;
}

std::vector<std::string> split_path_list(const std::optional<std::string_view>& list) {
    std::vector<std::string> parts;
    if (!list) {
        return parts;
    }
    std::size_t start = 0;
    while (true) {
        const std::size_t colon = list->find(':', start);
        parts.emplace_back(list->substr(start, colon - start));
        if (colon == std::string_view::npos) {
            return parts;
        }
        start = colon + 1;
    }
}

}  // namespace

std::string_view to_string(Pie pie) {
    switch (pie) {
        case Pie::no:
            return "no";
        case Pie::yes:
            return "yes";
        case Pie::dso:
            return "dso";
        case Pie::rel:
            return "rel";
        case Pie::other:
            return "other";
    }
    return "other";
}

std::string_view to_string(Relro relro) {
    switch (relro) {
        case Relro::none:
            return "no";
        case Relro::partial:
            return "partial";
        case Relro::full:
            return "full";
    }
    return "no";
}

bool is_fortifiable_function(std::string_view base_name) {
    return std::binary_search(k_fortifiable.begin(), k_fortifiable.end(), base_name);
}

Hardening assess(const File& file) {
    Hardening result;
    result.type = file.header.type;
    result.machine = machine_name(file.header.machine);
    // Without PT_GNU_STACK the kernel gives most architectures an executable stack.
    const Segment* stack = file.find_segment(k_pt_gnu_stack);
    result.stack_marked = stack != nullptr;
    result.nx = stack != nullptr && (stack->flags & k_pf_x) == 0;
    result.pie = pie_of(file);
    result.relro = relro_of(file);
    result.canary = has_canary(file);
    count_fortified(file, result);
    result.rpath = split_path_list(file.dynamic.rpath);
    result.runpath = split_path_list(file.dynamic.runpath);
    result.symbols = file.has_symtab;
    return result;
}

}  // namespace iotconform::firmware::elf
