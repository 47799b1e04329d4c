/*
 * diag.h — diagnostics: the one place that prints errors, warnings and notes.
 *
 * Format (gcc's):
 *
 *     examples/x.bud:12:5: error: unknown fund source '一般预算' [E-SOURCE]
 *        12 |     2070699 基本 一般预算 582.20
 *           |                  ^~~~~~~~
 *     examples/x.bud:3:1: note: the total was stated here
 *
 * The caret line is aligned under the source line in terminal cells: a
 * Chinese (East Asian wide) character takes two cells, so its underline is
 * two characters; a tab in the source is copied as a tab.  A range spanning
 * several lines is underlined to the end of its first line.
 *
 * Errors and warnings after the cap (max_errors) are counted, not printed;
 * diag_finish prints how many were left out.  Notes follow the diagnostic
 * they belong to and are dropped with it.
 */
#ifndef BUDC_DIAG_H
#define BUDC_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "source.h"

typedef enum DiagLevel { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } DiagLevel;

typedef struct DiagCtx {
    FILE *out;          /* where diagnostics go (stderr in budc) */
    int max_errors;     /* print at most this many errors; 0 = no limit */
    int nerrors;        /* errors reported (printed or not) */
    int nwarnings;      /* warnings reported (printed or not) */
    int suppressed;     /* errors and warnings not printed because of the cap */
    bool last_dropped;  /* the last error/warning was not printed: drop its notes */
} DiagCtx;

void diag_init(DiagCtx *d, FILE *out);

/* Reports a diagnostic at LOC (LOC.file may be NULL: then "budc: " starts the
 * line and no source is shown).  CODE is the stable code printed in brackets
 * ("E-PARSE"), or NULL for none; notes take NULL.  The message is printf-style. */
void diag_report(DiagCtx *d, DiagLevel lvl, Loc loc, const char *code,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_vreport(DiagCtx *d, DiagLevel lvl, Loc loc, const char *code,
                  const char *fmt, va_list ap);

/* Shorthands. */
void diag_error(DiagCtx *d, Loc loc, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_warning(DiagCtx *d, Loc loc, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_note(DiagCtx *d, Loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prints "N more errors not shown" when the cap hid some. */
void diag_finish(DiagCtx *d);

/* Display width in terminal cells of the UTF-8 text S[0..N) (wide CJK = 2,
 * combining marks = 0, others 1).  Exposed for tests. */
int diag_width(const char *s, size_t n);

#endif
