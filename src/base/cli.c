/*
 * cli.c — what the commands share (see cli.h).
 */
#include "base/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("budc: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'budc --help'.\n", stderr);
    return EXIT_USAGE;
}

int cli_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("budc: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return EXIT_USAGE;
}

int cli_diag_option(const char *a, DiagCtx *d, int *max_errors)
{
    if (strncmp(a, "-fmax-errors=", 13) == 0) {
        char *end;
        long n = strtol(a + 13, &end, 10);
        if (*end || end == a + 13 || n < 0 || n > 1000000) {
            cli_usage("bad value in '%s': expected a whole number of errors", a);
            return -1;
        }
        *max_errors = (int)n;
        return 1;
    }
    if (strncmp(a, "-W", 2) == 0) {
        char err[256];
        if (diag_option(d, a, err, sizeof err) < 0) {
            cli_usage("%s", err);
            return -1;
        }
        return 1;
    }
    if (strncmp(a, "--diagnostics=", 14) == 0) {
        if (strcmp(a + 14, "json") == 0)
            d->json = true;
        else if (strcmp(a + 14, "text") == 0)
            d->json = false;
        else {
            cli_usage("bad value in '%s': write --diagnostics=text or --diagnostics=json", a);
            return -1;
        }
        return 1;
    }
    return 0;
}
