/*
 * tests/sanitized/lsan_roots.c — LeakSanitizer's roots for the sanitized
 * build's executables (make asan: budc and the unit tests; not the fuzz
 * harnesses, and never the shipped build).
 *
 * At exit LeakSanitizer looks for pointers to each block still allocated in
 * the writable segments of every loaded module (its use_globals).  That
 * includes the sanitizers' runtime, linked into the executable, whose stack
 * depots are two tables of more than 4 MB each in its .bss: reading them
 * faults in about 2,000 pages that nothing else touches, which on the
 * machine the suite runs on was half of a sanitized budc's 45 ms from start
 * to exit, paid by each of the suite's 1,400 sanitized budc runs.
 *
 * lsan_roots.ld, a linker script the executables are linked with, puts the
 * runtime's .bss in a section of its own, between __sanrt_bss_start and
 * __sanrt_bss_end.  For a run that loads only what budc links, this file
 * turns use_globals off and registers, just before the leak check, every
 * writable segment of every module as a root region instead, less that
 * section: LeakSanitizer scans what it scanned before but the runtime's own
 * tables, which hold no pointer to a block the program allocated (the
 * runtime allocates its own memory elsewhere).
 *
 * Not for the commands that load budc-io.so (xlsx, build, sqlite, import,
 * audit and anything else: only the commands named below take this path).
 * Their sixty libraries make sixty root regions, and LeakSanitizer reads
 * /proc/self/maps for each region: 70 ms more a run than scanning the
 * tables.  They keep LeakSanitizer's own scan.
 *
 * tests/sanitized/test_leaks.c proves that a leak is still reported and a
 * block a global holds is not.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <link.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <sanitizer/lsan_interface.h>

/* lsan_roots.ld's bounds of the runtime's .bss (null without the script:
 * then nothing is left out) */
extern char __sanrt_bss_start[] __attribute__((weak));
extern char __sanrt_bss_end[] __attribute__((weak));

static bool own_roots; /* use_globals is off: add_roots registers them */

/* The runtime calls __lsan_default_options before it has mapped its shadow
 * memory: what it calls is not instrumented. */
#define EARLY __attribute__((no_sanitize("address", "undefined", "coverage")))

EARLY static bool same(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

/* Whether this run takes the roots of this file: the command (the first
 * argument) is one that does not load budc-io.so, or the program is not
 * budc (the unit tests).  Called by the runtime while it starts, before
 * its interceptors of the C library are ready: the command line is read
 * with system calls, and compared by hand. */
EARLY static bool light_command(void)
{
    static const char *const light[] = {"check", "json",    "csv",  "latex", "html",   "fmt",
                                        "parse", "explain", "diff", "lsp",   "init",   "help",
                                        "--help", "--version"};
    char buf[4096];
    long fd = syscall(SYS_openat, AT_FDCWD, "/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    long n = syscall(SYS_read, fd, buf, sizeof buf - 1);
    syscall(SYS_close, fd);
    if (n <= 0)
        return false;
    buf[n] = '\0';
    const char *base = buf, *p = buf;
    for (; *p; p++)
        if (*p == '/')
            base = p + 1;
    if (!same(base, "budc"))
        return true;
    const char *cmd = p + 1;
    if (cmd >= buf + n)
        return true; /* budc alone: its usage */
    for (size_t i = 0; i < sizeof light / sizeof light[0]; i++)
        if (same(cmd, light[i]))
            return true;
    return false;
}

const char *__lsan_default_options(void);

/* LeakSanitizer's defaults for this program (LSAN_OPTIONS still wins) */
EARLY const char *__lsan_default_options(void)
{
    own_roots = light_command();
    return own_roots ? "use_globals=0" : "";
}

/* [b, e) as root regions, less the runtime's .bss */
static void add_range(char *b, char *e)
{
    char *s = __sanrt_bss_start, *t = __sanrt_bss_end;
    if (s && t && b <= s && s < t && t <= e) {
        if (b < s)
            __lsan_register_root_region(b, (size_t)(s - b));
        if (t < e)
            __lsan_register_root_region(t, (size_t)(e - t));
    } else if (b < e) {
        __lsan_register_root_region(b, (size_t)(e - b));
    }
}

static int add_module(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_LOAD && (ph->p_flags & PF_W) && ph->p_memsz > 0) {
            char *b = (char *)(info->dlpi_addr + ph->p_vaddr);
            add_range(b, b + ph->p_memsz);
        }
    }
    return 0;
}

/* At exit, after the program's own exit handlers and before the leak check
 * (the runtime registered that one before any constructor of the program
 * ran, and exit runs its handlers last registered first). */
static void add_roots(void)
{
    if (own_roots)
        dl_iterate_phdr(add_module, NULL);
}

__attribute__((constructor)) static void lsan_roots_init(void)
{
    atexit(add_roots);
}
