/*
 * tests/sanitized/select.c — the sanitized pass runs sanitized what adds
 * to its coverage, and the rest with the plain build (make check, make
 * asan; docs/performance.md).  Linked into the sanitized build's
 * executables only.
 *
 * tests/sanitized/runs.txt (make asan-select) names each budc run of the
 * suite by its key (run_key.h) and says whether it stays sanitized (s) or
 * not (p): the runs marked s cover every edge of the code that the whole
 * suite run sanitized covers, for the least processor time.  When
 * tests/run.sh's sanitized pass sets BUDC_SANITIZED_RUNS (that file),
 * BUDC_SANITIZED_EXE (this executable) and BUDC_SANITIZED_PLAIN (the plain
 * build's budc), a run marked p replaces itself, before main, with the
 * plain budc and the same arguments: the test still runs, on the build the
 * plain pass tests.  A run not in the file (a new test) stays sanitized, as
 * does a copy of the executable (tests that copy budc elsewhere); the file
 * marks every run of hostile.sh s (their data is the point).  BUDC_SANITIZED_LOG, when set, gets a line a run: s, p or u (not
 * in the file), and the key.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run_key.h"

/* (with SIGXFSZ ignored meanwhile: a test may run budc under ulimit -f,
 * which the log passes) */
static void log_choice(int choice, const char *key)
{
    const char *path = getenv("BUDC_SANITIZED_LOG");
    if (!path || !*path)
        return;
    struct sigaction ign = {.sa_handler = SIG_IGN}, old;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGXFSZ, &ign, &old);
    FILE *f = fopen(path, "a");
    if (f) {
        fprintf(f, "%c %s\n", choice ? choice : 'u', key);
        fclose(f);
    }
    sigaction(SIGXFSZ, &old, NULL);
}

/* 's', 'p', or 0 when KEY is not in the file at PATH */
static int look_up(const char *path, const char *key)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    static char line[8200];
    int found = 0;
    size_t klen = strlen(key);
    while (!found && fgets(line, sizeof line, f)) {
        size_t n = strlen(line);
        if (n && line[n - 1] == '\n')
            line[--n] = '\0';
        if (n == klen + 2 && (line[0] == 's' || line[0] == 'p') && line[1] == ' ' &&
            memcmp(line + 2, key, klen) == 0)
            found = line[0];
    }
    fclose(f);
    return found;
}

/* (glibc gives constructors the command line) */
__attribute__((constructor)) static void select_init(int argc, char **argv, char **envp)
{
    (void)envp;
    const char *runs = getenv("BUDC_SANITIZED_RUNS"), *plain = getenv("BUDC_SANITIZED_PLAIN"),
               *self = getenv("BUDC_SANITIZED_EXE");
    if (!runs || !*runs || !plain || !*plain || !self || !*self)
        return;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return;
    exe[n] = '\0';
    if (strcmp(exe, self) != 0)
        return; /* a copy, or another program */
    static char key[8192];
    run_key(key, sizeof key, getenv("BUDC_COVERAGE_PART"), argc, argv);
    int choice = look_up(runs, key);
    log_choice(choice, key);
    if (choice == 'p')
        execv(plain, argv); /* and if it cannot, the run stays sanitized */
}
