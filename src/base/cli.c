/*
 * cli.c — what the commands share (see cli.h).
 */
#include "base/cli.h"
#include "base/progress.h"
#include "base/arena.h"
#include "base/i18n.h"
#include "base/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "budc: LEVEL: MESSAGE" on stderr, the message escaped like every
 * diagnostic's (text.h: a file name or an argument is user text). */
__attribute__((format(printf, 2, 0)))
static void put_message(const char *level, const char *fmt, va_list ap)
{
    progress_clear(); /* a message starts at column one */
    fmt = _(fmt); /* the message in the reader's language (i18n.h) */
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *raw = xmalloc(n > 0 ? (size_t)n + 1 : 1);
    raw[0] = '\0';
    vsnprintf(raw, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
    char *msg = text_escaped(raw, strlen(raw), CLI_MESSAGE_MAX, 0);
    fprintf(stderr, "budc: %s: %s\n", level, msg);
    free(msg);
    free(raw);
}

int cli_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    put_message("error", fmt, ap);
    va_end(ap);
    fputs(_("Try 'budc --help'.\n"), stderr);
    return EXIT_USAGE;
}

int cli_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    put_message("error", fmt, ap);
    va_end(ap);
    return EXIT_USAGE;
}

void cli_note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    put_message("note", fmt, ap);
    va_end(ap);
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
