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
 * The cap (max_errors, -fmax-errors) counts errors and warnings apart: at
 * most max_errors errors and at most max_errors warnings are printed, so a
 * flood of warnings never hides an error.  Those after the cap are counted,
 * not printed; diag_finish prints how many of each were left out.  Notes follow the diagnostic
 * they belong to and are dropped with it.
 *
 * Holding: between diag_hold and diag_release every diagnostic is kept, in
 * order, and neither printed nor counted.  diag_release then reports them as
 * if they came at that moment (the cap, the -W flags, the JSON format and
 * the records apply then), asking a function before each error or warning
 * whether to report it; that function may report diagnostics of its own in
 * its place.  The checker holds its diagnostics to replace a cascade of
 * errors by the one that explains it (check/cause.c).
 *
 * Warning controls (the -W options of budc check, given to diag_option one
 * at a time, in command-line order):
 *
 *     -Werror          every warning is reported as an error
 *     -Werror=CODE     warning CODE is reported as an error
 *     -Wno-CODE        warning CODE is not reported at all (nor its notes,
 *                      nor counted)
 *     -WCODE           warning CODE is reported as a warning again
 *
 * Each CODE keeps the state set by the last flag that names it, so later
 * flags win (-Wno-X -WX reports X; -Werror=X -WX reports it as a warning,
 * unless -Werror is given too).  A CODE is written as reported (W-NAME) or
 * without its "W-" prefix, in any case of ASCII letters (name, Name).  A
 * code is any word that does not start with "E-": user-written rules report
 * codes such as 三公不增.  Errors (E-…) cannot be disabled.  The controls
 * apply to warnings only: an error whose code a flag names is unchanged.
 */
#ifndef BUDC_DIAG_H
#define BUDC_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "base/source.h"

typedef enum DiagLevel { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } DiagLevel;

/* What the last -W flag naming a code asked for. */
typedef enum DiagCodeState {
    DIAG_CODE_ON,    /* -WCODE: a warning (made an error by -Werror) */
    DIAG_CODE_OFF,   /* -Wno-CODE: not reported */
    DIAG_CODE_ERROR  /* -Werror=CODE: reported as an error */
} DiagCodeState;

typedef struct DiagCode {
    char *key;            /* the code without "W-", ASCII letters upper-cased */
    DiagCodeState state;
} DiagCode;

/* A diagnostic as reported, kept when DiagCtx.record is set (for the JSON
 * output and for tools): its notes follow it in the list. */
typedef struct DiagRecord {
    DiagLevel level;
    char *code;         /* NULL for notes */
    char *file;         /* NULL when it concerns no file */
    int line, col, end_line, end_col;
    char *message;
} DiagRecord;

/* A diagnostic held (see diag_hold): LOC points into a file that must live
 * until diag_release. */
typedef struct DiagHeld {
    DiagLevel level;    /* as reported: a warning is not yet made an error */
    Loc loc;
    char *code;         /* NULL for notes */
    char *message;
} DiagHeld;

typedef struct DiagCtx {
    FILE *out;          /* where diagnostics go (stderr in budc) */
    bool record;        /* keep every reported diagnostic in recs */
    bool json;          /* --diagnostics=json: one JSON object a line */
    DiagRecord *recs;
    size_t nrecs, caprecs;
    int max_errors;     /* print at most this many errors, and as many
                           warnings; 0 = no limit */
    int nerrors;        /* errors reported (printed or not), -Werror's included */
    int nwarnings;      /* warnings reported (printed or not) */
    int suppressed;     /* errors and warnings not printed because of the cap */
    int suppressed_warnings; /* of which warnings */
    bool last_dropped;  /* the last error/warning was not printed: drop its notes */
    bool werror;        /* -Werror: every warning is an error */
    DiagCode *codes;    /* per-code settings, one entry per distinct code */
    size_t ncodes, capcodes;
    bool holding;       /* between diag_hold and diag_release */
    DiagHeld *held;
    size_t nheld, capheld;
} DiagCtx;

void diag_init(DiagCtx *d, FILE *out);

/* Frees the per-code settings and the records (the stream is the caller's).  D may be used
 * again after diag_init. */
void diag_free(DiagCtx *d);

/* Applies one command-line flag beginning with "-W" (see above).  Returns 0,
 * or -1 with a one-line message in ERR[0..ERRN) (the flag is quoted in it)
 * when the flag is malformed, names an error code, or memory runs out. */
int diag_option(DiagCtx *d, const char *flag, char *err, size_t errn);

/* Reports a diagnostic at LOC (LOC.file may be NULL: then "budc: " starts the
 * line and no source is shown).  CODE is the stable code printed in brackets
 * ("E-SYNTAX"), or NULL for none; notes take NULL.  The message is printf-style. */
void diag_report(DiagCtx *d, DiagLevel lvl, Loc loc, const char *code,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_vreport(DiagCtx *d, DiagLevel lvl, Loc loc, const char *code,
                  const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

/* Shorthands. */
void diag_error(DiagCtx *d, Loc loc, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_warning(DiagCtx *d, Loc loc, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_note(DiagCtx *d, Loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Starts holding diagnostics (see above). */
void diag_hold(DiagCtx *d);

/* How many diagnostics are held: the index the next one reported gets. */
size_t diag_held_count(const DiagCtx *d);

/* Held diagnostic I (I < diag_held_count). */
const DiagHeld *diag_held(const DiagCtx *d, size_t i);

/* Whether to report held error or warning I; it may report diagnostics of
 * its own first (they are not held). */
typedef bool (*DiagReleaseFn)(void *ctx, DiagCtx *d, size_t i);

/* Stops holding and reports what was held, in order: each error or warning
 * for which KEEP (if not NULL) returns true, with its notes. */
void diag_release(DiagCtx *d, DiagReleaseFn keep, void *ctx);

/* Prints "N more errors not shown" when the cap hid some. */
void diag_finish(DiagCtx *d);

/* Display width in terminal cells of the UTF-8 text S[0..N) (wide CJK = 2,
 * combining marks = 0, others 1).  Exposed for tests. */
int diag_width(const char *s, size_t n);

#endif
