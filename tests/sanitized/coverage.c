/*
 * tests/sanitized/coverage.c — which code a sanitized run covered, for
 * choosing what the sanitized pass runs (make asan-coverage,
 * tests/coverage.py).  Linked into the sanitized build's executables (make
 * asan), never into the shipped build nor the fuzz harnesses (libFuzzer
 * defines these functions itself).
 *
 * The sanitized build's objects carry libFuzzer's coverage
 * (-fsanitize=fuzzer-no-link): a counter for each edge of the control
 * flow, which the code increments, and a table of those edges.  At start
 * each module (budc, budc-io.so) hands its counters and its table to the
 * two functions below.  When BUDC_COVERAGE names a directory, the program
 * writes there at exit, for each module, which of its edges ran: one file
 * a process, named by its process id, with the run's key and
 * BUDC_COVERAGE_PART (tests/run.sh sets it to the part's name).  Without
 * BUDC_COVERAGE nothing is written and the counters cost what they did.
 *
 * The file: a line "part NAME", a line "key KEY" (run_key.h: the run's
 * name in runs.txt), a line "cpu MS" (the processor time the run took), then for
 * each module a line "module NAME EDGES" and EDGES/8 rounded up bytes, bit
 * i set when edge i ran, then a newline.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "run_key.h"

void __sanitizer_cov_8bit_counters_init(uint8_t *start, uint8_t *stop);
void __sanitizer_cov_pcs_init(const uintptr_t *beg, const uintptr_t *end);

enum { MAX_MODULES = 16 };
static struct {
    uint8_t *start, *stop;
    const uintptr_t *pcs;
} modules[MAX_MODULES];
static int ncounters, npcs;
static char key[8192]; /* the run's key, made before main changes argv */

void __sanitizer_cov_8bit_counters_init(uint8_t *start, uint8_t *stop)
{
    if (ncounters < MAX_MODULES && start < stop) {
        modules[ncounters].start = start;
        modules[ncounters].stop = stop;
        ncounters++;
    }
}

void __sanitizer_cov_pcs_init(const uintptr_t *beg, const uintptr_t *end)
{
    if (npcs < MAX_MODULES && beg < end)
        modules[npcs++].pcs = beg;
}

/* the module's file name, from the address of its first edge */
static const char *module_name(int m)
{
    Dl_info info;
    if (modules[m].pcs && dladdr((const void *)modules[m].pcs[0], &info) && info.dli_fname) {
        const char *slash = strrchr(info.dli_fname, '/');
        return slash ? slash + 1 : info.dli_fname;
    }
    return "?";
}

static void write_coverage(void)
{
    const char *dir = getenv("BUDC_COVERAGE");
    if (!dir)
        return;
    /* a test may run budc under ulimit -f: a file cut short is left out
     * (tests/coverage.py), the run is not killed */
    struct sigaction ign = {.sa_handler = SIG_IGN};
    sigemptyset(&ign.sa_mask);
    sigaction(SIGXFSZ, &ign, NULL);
    char path[4096];
    snprintf(path, sizeof path, "%s/%ld.cov", dir, (long)getpid());
    FILE *f = fopen(path, "wbx");
    if (!f)
        return; /* a pid used twice in one run: the first file stays */
    const char *part = getenv("BUDC_COVERAGE_PART");
    fprintf(f, "part %s\nkey %s\ncpu %ld\n", part ? part : "", key,
            (long)(clock() / (CLOCKS_PER_SEC / 1000)));
    for (int m = 0; m < ncounters; m++) {
        size_t n = (size_t)(modules[m].stop - modules[m].start);
        fprintf(f, "module %s %zu\n", module_name(m), n);
        for (size_t i = 0; i < n; i += 8) {
            unsigned byte = 0;
            for (size_t b = 0; b < 8 && i + b < n; b++)
                if (modules[m].start[i + b])
                    byte |= 1u << b;
            fputc((int)byte, f);
        }
        fputc('\n', f);
    }
    fclose(f);
}

/* (glibc gives constructors the command line) */
__attribute__((constructor)) static void coverage_init(int argc, char **argv, char **envp)
{
    (void)envp;
    const char *dir = getenv("BUDC_COVERAGE");
    if (!dir || !*dir)
        return;
    run_key(key, sizeof key, getenv("BUDC_COVERAGE_PART"), argc, argv);
    atexit(write_coverage);
}
