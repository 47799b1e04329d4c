/*
 * progress.h — how far a run of many budgets is, on a terminal.
 *
 * `budc check` and the output commands (build, sqlite …) given several
 * budgets show "budc: [3/300] FILE" on stderr when it is a terminal, on one
 * line redrawn in place; when stderr is a file or a pipe they show nothing,
 * so logs and CI output are unchanged.  A diagnostic or a message printed
 * meanwhile first clears the line (progress_clear), so it starts at column
 * one and the progress never stays in the middle of the text.
 */
#ifndef BUDC_PROGRESS_H
#define BUDC_PROGRESS_H

#include <stdbool.h>

typedef struct Progress {
    bool on; /* stderr is a terminal and there are several budgets */
    int n;   /* how many */
} Progress;

/* For a run of N budgets. */
void progress_start(Progress *p, int n);

/* Budget I (from 1) of the run, FILE, is being read. */
void progress_show(const Progress *p, int i, const char *file);

/* Clears the line of progress if one is shown (before anything else is
 * printed on stderr, and at the end of the run). */
void progress_clear(void);

#endif
