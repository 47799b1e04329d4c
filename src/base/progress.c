/*
 * progress.c — how far a run of many budgets is, on a terminal (progress.h).
 */
#include "base/progress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/text.h"

static bool shown; /* a line of progress is on the terminal */

void progress_start(Progress *p, int n)
{
    const char *term = getenv("TERM");
    p->n = n;
    p->on = n > 1 && isatty(STDERR_FILENO) && !(term && strcmp(term, "dumb") == 0);
}

void progress_show(const Progress *p, int i, const char *file)
{
    if (!p->on)
        return;
    /* the file's name as the diagnostics show it: no control character
     * reaches the terminal; cut so that the line stays one line */
    char *name = text_escaped(file, strlen(file), 60, 0);
    fprintf(stderr, "\r\033[Kbudc: [%d/%d] %s", i, p->n, name ? name : "");
    fflush(stderr);
    free(name);
    shown = true;
}

void progress_clear(void)
{
    if (!shown)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    shown = false;
}
