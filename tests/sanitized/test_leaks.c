/*
 * tests/sanitized/test_leaks.c — the sanitized build's leak check still
 * reports a leak, and only a leak, with lsan_roots.c's roots in place of
 * LeakSanitizer's own scan of every module (make asan builds it into
 * build/asan/tests/, linked as budc is; tests/run.sh's unit part runs it).
 *
 * Each case runs in a child that allocates and exits; the parent reads the
 * child's standard error and exit status (a report's is not 0: 1, ASan's
 * exitcode, with LeakSanitizer inside AddressSanitizer).
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct holder {
    void *block;
};

void *held_global;               /* a block held by this program's .bss */
static struct holder *held_chain; /* a block held by a block held by .data */

__attribute__((noinline)) static void leak_one(size_t n)
{
    void *volatile p = malloc(n);
    memset(p, 1, n);
    p = NULL;
    (void)p;
}

__attribute__((noinline)) static void hold_global(size_t n)
{
    held_global = malloc(n);
}

__attribute__((noinline)) static void hold_chain(size_t n)
{
    held_chain = malloc(sizeof *held_chain);
    held_chain->block = malloc(n);
}

/* run(what): the child's exit status, and its standard error in err */
static int run(void (*what)(size_t), size_t n, char *err, size_t cap)
{
    int fd[2];
    if (pipe(fd) != 0) {
        perror("pipe");
        exit(2);
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(2);
    }
    if (pid == 0) {
        close(fd[0]);
        dup2(fd[1], 2);
        what(n);
        exit(0);
    }
    close(fd[1]);
    size_t len = 0;
    char buf[4096];
    ssize_t got;
    while ((got = read(fd[0], buf, sizeof buf)) > 0) {
        size_t take = (size_t)got < cap - 1 - len ? (size_t)got : cap - 1 - len;
        memcpy(err + len, buf, take);
        len += take;
    }
    err[len] = '\0';
    close(fd[0]);
    int status;
    if (waitpid(pid, &status, 0) != pid) {
        perror("waitpid");
        exit(2);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int failures;

/* expect: the case exits 0 and says nothing, or (report) fails with the
 * report's text */
static void expect(const char *name, void (*what)(size_t), size_t n, const char *report)
{
    static char err[1 << 16];
    int status = run(what, n, err, sizeof err);
    bool good = report != NULL ? status != 0 && strstr(err, report) != NULL
                               : status == 0 && err[0] == '\0';
    if (!good) {
        fprintf(stderr, "test_leaks: %s: exit %d, want %s\n%s\n", name, status,
                report != NULL ? report : "0 and nothing on standard error", err);
        failures++;
    } else {
        printf("ok: %s\n", name);
    }
}

int main(void)
{
    expect("a dropped block is reported", leak_one, 4321, "Direct leak of 4321 byte");
    expect("a block a global holds is not", hold_global, 1234, NULL);
    expect("a block held through another is not", hold_chain, 2345, NULL);
    return failures == 0 ? 0 : 1;
}
