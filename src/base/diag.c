/*
 * diag.c — printing errors, warnings and notes the way gcc does.
 *
 * Every diagnostic is a header line "FILE:LINE:COL: LEVEL: MESSAGE [CODE]"
 * and, when the location points into a known line of a loaded file, that
 * source line and a caret line under it:
 *
 *        12 |     2070699 基本 一般预算 582.20
 *           |                  ^~~~~~~~
 *
 * The line number is right-aligned in a field of max(5, digits) columns.
 * The caret line is aligned in terminal cells, not bytes or characters: each
 * character before the range is replaced by as many spaces as it is wide
 * (two for East Asian wide characters, none for combining marks), except a
 * tab, which is copied so that it expands exactly as it did in the source
 * line above.  The underline is '^' followed by '~' up to the width of the
 * range in cells, at least a single '^'.  A range that runs onto later
 * lines is underlined to the end of its first line.
 *
 * Columns in a Loc count characters: UTF-8 code points, where every byte
 * that is not part of a valid UTF-8 sequence counts as one character of
 * width 1.  Locations are clamped to the line they point into; a bad Loc
 * produces a plainer diagnostic, never a crash.
 *
 * The cap: once max_errors errors have been printed, later errors are still
 * counted but not printed, and the notes that follow them are dropped; the
 * same for warnings, counted apart (a flood of warnings hides no error).
 *
 * Warning controls: diag_option records, for each code a -W flag names, the
 * state the last such flag asked for, in a small growing array (codes are
 * open-ended: user-written rules name their own).  A warning is looked up
 * there when it is reported: off, it is dropped with its notes and counted
 * nowhere; made an error (-Werror=CODE, or -Werror for all), it is printed
 * and counted as an error, code unchanged.  All state lives in the DiagCtx.
 *
 * Holding: while d->holding, diag_vreport keeps a copy of each diagnostic
 * (its message formatted) instead of printing or counting it;
 * diag_release replays the copies through diag_report, so the cap, the
 * warning controls, JSON and the records apply exactly as if they had been
 * reported then.  A diagnostic that cannot be copied (no memory) is
 * reported at once.
 */
#include "base/diag.h"
#include "base/progress.h"
#include "base/arena.h"
#include "base/i18n.h"
#include "base/json.h"
#include "base/text.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct Range {
    uint32_t lo, hi;
} Range;

/* Characters that take no cell: combining marks, zero-width spaces and
 * joiners, variation selectors, the BOM / zero-width no-break space. */
static const Range zero_width[] = {
    {0x0300, 0x036F}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
    {0x20D0, 0x20FF}, {0x3099, 0x309A}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
    {0xFEFF, 0xFEFF},
};

/* East Asian Wide and Fullwidth characters (U+303F, the half-fill space, is
 * narrow and so excluded). */
static const Range double_width[] = {
    {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3040, 0xA4CF},
    {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},
    {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},
    {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD},
};

static int in_ranges(uint32_t c, const Range *r, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (c >= r[i].lo && c <= r[i].hi)
            return 1;
    return 0;
}

/* Width in cells of the character CP (UTF8_INVALID: a stray byte, 1). */
static int char_width(uint32_t cp)
{
    if (cp == UTF8_INVALID)
        return 1;
    if (in_ranges(cp, zero_width, sizeof zero_width / sizeof zero_width[0]))
        return 0;
    if (in_ranges(cp, double_width, sizeof double_width / sizeof double_width[0]))
        return 2;
    return 1;
}

int diag_width(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    uint32_t cp;
    int w = 0;

    if (s == NULL)
        return 0;
    while (i < n) {
        i += utf8_next(p + i, n - i, &cp);
        if (w < INT_MAX - 2)
            w += char_width(cp);
    }
    return w;
}

void diag_init(DiagCtx *d, FILE *out)
{
    if (d == NULL)
        return;
    memset(d, 0, sizeof *d);
    d->out = out != NULL ? out : stderr;
}

void diag_free(DiagCtx *d)
{
    size_t i;

    if (d == NULL)
        return;
    for (i = 0; i < d->ncodes; i++)
        free(d->codes[i].key);
    free(d->codes);
    d->codes = NULL;
    d->ncodes = d->capcodes = 0;
    for (i = 0; i < d->nrecs; i++) {
        free(d->recs[i].code);
        free(d->recs[i].file);
        free(d->recs[i].message);
    }
    free(d->recs);
    d->recs = NULL;
    d->nrecs = d->caprecs = 0;
    for (i = 0; i < d->nheld; i++) {
        free(d->held[i].code);
        free(d->held[i].message);
    }
    free(d->held);
    d->held = NULL;
    d->nheld = d->capheld = 0;
    d->holding = false;
}

static char *dup_or_null(const char *s)
{
    if (s == NULL)
        return NULL;
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c != NULL)
        memcpy(c, s, n);
    return c;
}

/* Keeps a copy of a diagnostic in d->recs (when recording). */
static void record(DiagCtx *d, DiagLevel lvl, Loc loc, const char *code, const char *msg)
{
    if (d->nrecs == d->caprecs) {
        size_t cap = d->caprecs ? d->caprecs * 2 : 16;
        DiagRecord *r = realloc(d->recs, cap * sizeof *r);
        if (r == NULL)
            return;
        d->recs = r;
        d->caprecs = cap;
    }
    DiagRecord *r = &d->recs[d->nrecs++];
    r->level = lvl;
    r->code = dup_or_null(code);
    r->file = dup_or_null(loc.file ? loc.file->name : NULL);
    r->line = loc.line;
    r->col = loc.col;
    r->end_line = loc.end_line;
    r->end_col = loc.end_col;
    r->message = dup_or_null(msg);
}

/* ---- warning controls ------------------------------------------------ */

static int ascii_upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

/* CODE without a leading "W-" in either case. */
static const char *strip_w(const char *code)
{
    if ((code[0] == 'W' || code[0] == 'w') && code[1] == '-')
        return code + 2;
    return code;
}

static bool is_error_code(const char *code)
{
    return (code[0] == 'E' || code[0] == 'e') && code[1] == '-';
}

/* Whether KEY (a code stripped of "W-" and upper-cased) is CODE, as reported
 * or as written on the command line. */
static bool key_matches(const char *key, const char *code)
{
    const unsigned char *k = (const unsigned char *)key;
    const unsigned char *c = (const unsigned char *)strip_w(code);

    while (*k != '\0' && ascii_upper(*c) == *k) {
        k++;
        c++;
    }
    return *k == '\0' && *c == '\0';
}

static DiagCode *find_code(const DiagCtx *d, const char *code)
{
    size_t i;

    for (i = 0; i < d->ncodes; i++)
        if (key_matches(d->codes[i].key, code))
            return &d->codes[i];
    return NULL;
}

/* A code on the command line: ASCII letters, digits, '-' and '_', and any
 * non-ASCII (Chinese) character; not starting with '-'; not just "W-". */
static bool valid_code(const char *code)
{
    const unsigned char *s = (const unsigned char *)code;

    if (*s == '\0' || *s == '-' || *strip_w(code) == '\0')
        return false;
    for (; *s != '\0'; s++)
        if (!(*s >= 0x80 || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
            return false;
    return true;
}

/* Records that CODE is now in state ST.  Returns -1 when out of memory. */
static int set_code(DiagCtx *d, const char *code, DiagCodeState st)
{
    DiagCode *c = find_code(d, code);
    DiagCode *grown;
    size_t cap, i;
    char *key;

    if (c != NULL) {
        c->state = st;
        return 0;
    }
    if (d->ncodes == d->capcodes) {
        cap = d->capcodes ? 2 * d->capcodes : 8;
        grown = realloc(d->codes, cap * sizeof *grown);
        if (grown == NULL)
            return -1;
        d->codes = grown;
        d->capcodes = cap;
    }
    key = strdup(strip_w(code));
    if (key == NULL)
        return -1;
    for (i = 0; key[i] != '\0'; i++)
        key[i] = (char)ascii_upper((unsigned char)key[i]);
    d->codes[d->ncodes].key = key;
    d->codes[d->ncodes].state = st;
    d->ncodes++;
    return 0;
}

__attribute__((format(printf, 3, 4))) static int option_fail(char *err, size_t errn,
                                                      const char *fmt, ...)
{
    va_list ap;

    if (err != NULL && errn > 0) {
        va_start(ap, fmt);
        vsnprintf(err, errn, _(fmt), ap);
        va_end(ap);
    }
    return -1;
}

/* The message for FLAG, which names an error code. */
static int fail_error_code(char *err, size_t errn, const char *flag, DiagCodeState st)
{
    switch (st) {
    case DIAG_CODE_OFF:
        return option_fail(err, errn, "'%s': errors cannot be disabled; only warnings (W-…) can", flag);
    case DIAG_CODE_ERROR:
        return option_fail(err, errn, "'%s': errors are errors already; only warnings (W-…) "
                    "can be made errors", flag);
    case DIAG_CODE_ON:
        break;
    }
    return option_fail(err, errn, "'%s': errors are always reported; only warnings (W-…) "
                "can be enabled", flag);
}

int diag_option(DiagCtx *d, const char *flag, char *err, size_t errn)
{
    const char *code;
    DiagCodeState st;

    if (d == NULL || flag == NULL || strncmp(flag, "-W", 2) != 0)
        return option_fail(err, errn, "'%s' is not a warning option", flag ? flag : "");
    if (strcmp(flag, "-Werror") == 0) {
        d->werror = true;
        return 0;
    }
    if (strncmp(flag, "-Werror=", 8) == 0) {
        code = flag + 8;
        st = DIAG_CODE_ERROR;
    } else if (strncmp(flag, "-Wno-", 5) == 0) {
        code = flag + 5;
        st = DIAG_CODE_OFF;
    } else {
        code = flag + 2;
        st = DIAG_CODE_ON;
    }
    if (*code == '\0')
        return option_fail(err, errn, "'%s' names no warning code; expected -Werror, "
                    "-Werror=CODE, -Wno-CODE or -WCODE", flag);
    if (!valid_code(code))
        return option_fail(err, errn, "bad warning option '%s'; expected -Werror, -Werror=CODE, "
                    "-Wno-CODE or -WCODE, where CODE is a word such as W-NAME", flag);
    if (is_error_code(code))
        return fail_error_code(err, errn, flag, st);
    if (st == DIAG_CODE_OFF && key_matches("ERROR", code))
        return option_fail(err, errn, "'%s' is not supported: leave out -Werror instead", flag);
    if (set_code(d, code, st) < 0)
        return option_fail(err, errn, "'%s': out of memory", flag);
    return 0;
}

/* Whether a warning with CODE (NULL for none) is reported, and at which
 * level (*LVL), after the -W flags. */
static bool warning_shown(const DiagCtx *d, const char *code, DiagLevel *lvl)
{
    const DiagCode *c = code != NULL ? find_code(d, code) : NULL;

    if (c != NULL && c->state == DIAG_CODE_OFF)
        return false;
    if (d->werror || (c != NULL && c->state == DIAG_CODE_ERROR))
        *lvl = DIAG_ERROR;
    return true;
}

static const char *level_name(DiagLevel lvl)
{
    switch (lvl) {
    case DIAG_ERROR:
        return "error";
    case DIAG_WARNING:
        return "warning";
    case DIAG_NOTE:
        return "note";
    }
    return "error";
}

static void put_spaces(FILE *out, int n)
{
    while (n-- > 0)
        fputc(' ', out);
}

/* Prints the source line LOC points into and the caret line under it, or
 * nothing if LOC does not point into a line of its file. */
enum { WINDOW = 240 }; /* characters of a long source line shown */

static void print_source(FILE *out, Loc loc)
{
    const unsigned char *text;
    size_t len, i, nb;
    uint32_t cp;
    int digits, field, col, start, end, cells;
    int nchars = 0;
    char num[16];

    text = (const unsigned char *)src_line(loc.file, loc.line, &len);
    if (text == NULL)
        return;

    for (i = 0; i < len; i += utf8_next(text + i, len - i, &cp))
        nchars++;

    /* Clamp the range to the line: [start, end) in characters, where
     * nchars + 1 is the position just past the last character. */
    start = loc.col;
    if (start < 1)
        start = 1;
    if (start > nchars + 1)
        start = nchars + 1;
    if (loc.end_line > loc.line)
        end = nchars + 1;
    else if (loc.end_line == loc.line)
        end = loc.end_col;
    else
        end = start;
    if (end < start)
        end = start;
    if (end > nchars + 1)
        end = nchars + 1;

    digits = snprintf(num, sizeof num, "%d", loc.line);
    field = digits > 5 ? digits : 5;

    /* A very long line (a 10 MB string, a generated file) is shown as a
     * window of WINDOW characters around the start of the range, with "..."
     * where it is cut. */
    int ws = 1, we = nchars + 1;
    if (nchars > WINDOW) {
        ws = start > WINDOW / 3 ? start - WINDOW / 3 : 1;
        we = ws + WINDOW < nchars + 1 ? ws + WINDOW : nchars + 1;
        if (end > we)
            end = we;
    }

    /* The source line, as it is, but with what would act on the terminal
     * (control characters, C1, bidirectional controls, invalid bytes) shown
     * as its visible escape (text.h); the caret line counts the escape's
     * cells. */
    char esc[TEXT_ESC_MAX];
    size_t el;
    fprintf(out, "%*s | ", field, num);
    if (ws > 1)
        fputs("...", out);
    for (i = 0, col = 1; i < len && col < we; i += nb, col++) {
        nb = text_escape_char(text + i, len - i, TEXT_KEEP_TAB, esc, &el);
        if (col < ws)
            continue;
        if (el)
            fwrite(esc, 1, el, out);
        else
            fwrite(text + i, 1, nb, out);
    }
    if (we <= nchars)
        fputs("...", out);
    fputc('\n', out);

    /* The caret line. */
    put_spaces(out, field);
    fputs(" | ", out);
    if (ws > 1)
        fputs("   ", out);
    cells = 0;
    col = 1;
    for (i = 0; i < len && col < end; i += nb, col++) {
        nb = text_escape_char(text + i, len - i, TEXT_KEEP_TAB, esc, &el);
        utf8_next(text + i, len - i, &cp);
        if (col < ws)
            continue;
        int w = el ? (int)el : char_width(cp);
        if (col < start) {
            if (cp == '\t')
                fputc('\t', out);
            else
                put_spaces(out, w);
        } else {
            cells += w;
        }
    }
    fputc('^', out);
    for (; cells > 1; cells--)
        fputc('~', out);
    fputc('\n', out);
}

/* Prints one diagnostic, header and source, unconditionally. */
/* --diagnostics=json: one JSON object a line; a note is its own object
 * (level "note") following the diagnostic it belongs to. */
static void print_json(FILE *out, DiagLevel lvl, Loc loc, const char *code, const char *msg)
{
    static const char *const levels[] = {"error", "warning", "note"};
    fprintf(out, "{\"level\":\"%s\",\"code\":", levels[lvl]);
    if (code)
        json_put_string(out, code);
    else
        fputs("null", out);
    fputs(",\"file\":", out);
    if (loc.file && loc.file->name)
        json_put_string(out, loc.file->name);
    else
        fputs("null", out);
    if (loc.file && loc.line > 0)
        fprintf(out, ",\"line\":%d,\"column\":%d,\"end_line\":%d,\"end_column\":%d", loc.line,
                loc.col, loc.end_line, loc.end_col);
    else
        fputs(",\"line\":null,\"column\":null,\"end_line\":null,\"end_column\":null", out);
    fputs(",\"message\":", out);
    json_put_string(out, msg);
    fputs("}\n", out);
}

static void print_diag(FILE *out, DiagLevel lvl, Loc loc, const char *code, const char *msg)
{
    if (loc.file == NULL) {
        fputs("budc", out);
    } else {
        /* the file's name is user text too (a newline in it would forge a
         * line of its own) */
        const char *raw = loc.file->name != NULL ? loc.file->name : "<input>";
        char *name = text_escaped(raw, strlen(raw), 0, 0);
        /* Like gcc: no line means no line or column, no column means none. */
        if (loc.line < 1)
            fputs(name, out);
        else if (loc.col < 1)
            fprintf(out, "%s:%d", name, loc.line);
        else
            fprintf(out, "%s:%d:%d", name, loc.line, loc.col);
        free(name);
    }
    fprintf(out, ": %s: %s", level_name(lvl), msg);
    if (code != NULL)
        fprintf(out, " [%s]", code);
    fputc('\n', out);
    if (loc.file != NULL)
        print_source(out, loc);
}

/* Prints one diagnostic to d->out with a single write: it is formatted in
 * memory first, because d->out is usually stderr, which has no buffer, and
 * printed piecemeal a diagnostic costs a system call per fputc (about 50 a
 * line).  Without the memory for that, it is printed directly. */
static void emit(DiagCtx *d, DiagLevel lvl, Loc loc, const char *code, const char *msg)
{
    FILE *out = d->out != NULL ? d->out : stderr;
    progress_clear(); /* a diagnostic starts at column one */
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    FILE *to = mem != NULL ? mem : out;

    if (d->json)
        print_json(to, lvl, loc, code, msg);
    else
        print_diag(to, lvl, loc, code, msg);
    if (mem != NULL) {
        if (fclose(mem) == 0 && buf != NULL)
            fwrite(buf, 1, len, out);
        free(buf);
    }
}

/* Keeps a diagnostic while holding; false when memory runs out (it is then
 * reported at once). */
__attribute__((format(printf, 5, 0)))
static bool hold(DiagCtx *d, DiagLevel lvl, Loc loc, const char *code, const char *fmt,
                 va_list ap)
{
    if (d->nheld == d->capheld) {
        size_t cap = d->capheld ? d->capheld * 2 : 64;
        DiagHeld *h = realloc(d->held, cap * sizeof *h);
        if (h == NULL)
            return false;
        d->held = h;
        d->capheld = cap;
    }
    int n = 0;
    if (fmt != NULL) {
        va_list copy;
        va_copy(copy, ap);
        n = vsnprintf(NULL, 0, fmt, copy);
        va_end(copy);
    }
    char *msg = malloc(n > 0 ? (size_t)n + 1 : 1);
    char *c = dup_or_null(code);
    if (msg == NULL || (code != NULL && c == NULL)) {
        free(msg);
        free(c);
        return false;
    }
    msg[0] = '\0';
    if (fmt != NULL)
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
    d->held[d->nheld++] = (DiagHeld){lvl, loc, c, msg};
    return true;
}

void diag_hold(DiagCtx *d)
{
    if (d != NULL)
        d->holding = true;
}

size_t diag_held_count(const DiagCtx *d)
{
    return d != NULL ? d->nheld : 0;
}

const DiagHeld *diag_held(const DiagCtx *d, size_t i)
{
    return d != NULL && i < d->nheld ? &d->held[i] : NULL;
}

void diag_release(DiagCtx *d, DiagReleaseFn keep, void *ctx)
{
    if (d == NULL)
        return;
    d->holding = false;
    bool kept = true; /* a note held first follows what came before */
    for (size_t i = 0; i < d->nheld; i++) {
        const DiagHeld *h = &d->held[i];
        if (h->level != DIAG_NOTE)
            kept = keep == NULL || keep(ctx, d, i);
        if (kept)
            diag_report(d, h->level, h->loc, h->code, "%s", h->message);
    }
    for (size_t i = 0; i < d->nheld; i++) {
        free(d->held[i].code);
        free(d->held[i].message);
    }
    d->nheld = 0;
}

/* The message of a diagnostic, as it is shown: formatted, every character
 * that would act on a terminal escaped, and cut after MESSAGE_MAX characters
 * with "…" (text.h): whatever user text it quotes, one diagnostic is one
 * line of a sensible length.  A string of xmalloc to free. */
enum { MESSAGE_MAX = 1000 };

__attribute__((format(printf, 1, 0)))
static char *message(const char *fmt, va_list ap)
{
    if (fmt == NULL)
        fmt = "";
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        n = 0;
    char *raw = xmalloc((size_t)n + 1);
    raw[0] = '\0';
    vsnprintf(raw, (size_t)n + 1, fmt, ap);
    char *msg = text_escaped(raw, strlen(raw), MESSAGE_MAX, 0);
    free(raw);
    return msg;
}

void diag_vreport(DiagCtx *d, DiagLevel lvl, Loc loc, const char *code,
                  const char *fmt, va_list ap)
{
    bool capped;

    if (d == NULL)
        return;
    fmt = _(fmt); /* the message in the reader's language (i18n.h) */
    if (d->holding && hold(d, lvl, loc, code, fmt, ap))
        return;
    if (lvl == DIAG_NOTE) {
        if (d->last_dropped)
            return;
    } else {
        if (lvl == DIAG_WARNING && !warning_shown(d, code, &lvl)) {
            d->last_dropped = true;
            return;
        }
        /* Before the cap is reached every error (warning) is printed, so
         * the cap has been reached exactly when max_errors errors (warnings)
         * have been reported. */
        int before = lvl == DIAG_WARNING ? d->nwarnings : d->nerrors;
        capped = d->max_errors > 0 && before >= d->max_errors;
        if (lvl == DIAG_WARNING)
            d->nwarnings++;
        else
            d->nerrors++;
        d->last_dropped = capped;
    }
    if (!d->record && lvl != DIAG_NOTE && d->last_dropped) {
        d->suppressed++;
        if (lvl == DIAG_WARNING)
            d->suppressed_warnings++;
        return;
    }
    char *msg = message(fmt, ap);
    if (d->record)
        record(d, lvl, loc, code, msg);
    if (lvl != DIAG_NOTE && d->last_dropped) {
        d->suppressed++;
        if (lvl == DIAG_WARNING)
            d->suppressed_warnings++;
    } else {
        emit(d, lvl, loc, code, msg);
    }
    free(msg);
}

void diag_report(DiagCtx *d, DiagLevel lvl, Loc loc, const char *code,
                 const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    diag_vreport(d, lvl, loc, code, fmt, ap);
    va_end(ap);
}

void diag_error(DiagCtx *d, Loc loc, const char *code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    diag_vreport(d, DIAG_ERROR, loc, code, fmt, ap);
    va_end(ap);
}

void diag_warning(DiagCtx *d, Loc loc, const char *code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    diag_vreport(d, DIAG_WARNING, loc, code, fmt, ap);
    va_end(ap);
}

void diag_note(DiagCtx *d, Loc loc, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    diag_vreport(d, DIAG_NOTE, loc, NULL, fmt, ap);
    va_end(ap);
}

void diag_finish(DiagCtx *d)
{
    progress_clear();
    FILE *out;
    int serr, swarn;

    if (d == NULL || d->suppressed <= 0)
        return;
    out = d->out != NULL ? d->out : stderr;
    swarn = d->suppressed_warnings;
    serr = d->suppressed - swarn;
    char errs[64], warns[64], msg[160];
    snprintf(errs, sizeof errs, i18n_ntext("%d more error", "%d more errors", (unsigned long)serr),
             serr);
    snprintf(warns, sizeof warns,
             i18n_ntext("%d more warning", "%d more warnings", (unsigned long)swarn), swarn);
    if (serr > 0 && swarn > 0)
        snprintf(msg, sizeof msg, _("%s and %s not shown"), errs, warns);
    else
        snprintf(msg, sizeof msg, _("%s not shown"), serr > 0 ? errs : warns);
    if (d->json) {
        fputs("{\"level\":\"note\",\"code\":null,\"file\":null,\"line\":null,\"column\":null,"
              "\"end_line\":null,\"end_column\":null,\"message\":",
              out);
        json_put_string(out, msg);
        fputs("}\n", out);
    } else {
        fprintf(out, "budc: note: %s%s\n", msg, _(" (use -fmax-errors=0 to see all)"));
    }
}
