/*
 * tests/sanitized/lsan_roots.c — LeakSanitizer's roots for the sanitized
 * build's executables (make asan: budc and the unit tests; not the fuzz
 * harnesses, and never the shipped build).
 *
 * At exit LeakSanitizer looks for pointers to each block still allocated in
 * the writable segments of every loaded module (its use_globals).  That
 * includes the sanitizers' runtime itself, whose stack depots are two
 * tables of more than 4 MB each: reading them faults in about 2,000 pages
 * that nothing else touches, and on the machine the suite runs on that was
 * half of a sanitized budc's 45 ms from start to exit, paid by each of the
 * suite's 1,400 sanitized budc runs.
 *
 * The executables link the runtime as a shared library (-shared-libasan,
 * Makefile), and this file turns use_globals off and registers, just before
 * the leak check, every writable segment of every module but the runtime's
 * as a root region instead.  LeakSanitizer then scans what it scanned
 * before, less the runtime's own tables, which hold no pointer to a block
 * the program allocated (the runtime allocates its own memory elsewhere).
 * tests/run.sh's leak test proves that a leak is still reported.
 */
#define _GNU_SOURCE
#include <link.h>
#include <stdlib.h>
#include <string.h>

#include <sanitizer/lsan_interface.h>

const char *__lsan_default_options(void);

/* LeakSanitizer's defaults for this program (LSAN_OPTIONS still wins) */
const char *__lsan_default_options(void)
{
    return "use_globals=0";
}

static int add_module(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    if (strstr(info->dlpi_name, "libclang_rt.") != NULL)
        return 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_LOAD && (ph->p_flags & PF_W) && ph->p_memsz > 0)
            __lsan_register_root_region((void *)(info->dlpi_addr + ph->p_vaddr),
                                        ph->p_memsz);
    }
    return 0;
}

/* At exit, after the program's own exit handlers and before the leak check
 * (the runtime registered that one before any constructor of the program
 * ran, and exit runs its handlers last registered first), with every module
 * the program loaded (budc-io.so and its libraries among them). */
static void add_roots(void)
{
    dl_iterate_phdr(add_module, NULL);
}

__attribute__((constructor)) static void lsan_roots_init(void)
{
    atexit(add_roots);
}
