/*
 * cause_report.c — reporting what the checker held, with each root cause
 * in place of the first identity it explains (see cause.h): its error, the
 * other amounts that would do as well, the first identities it explains as
 * notes, and the count of the rest with the lines they are on.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/cause_impl.h"
#include "base/i18n.h"
#include "check/report.h"

/* A growing string. */
typedef struct Buf {
    char *s;
    size_t n, cap;
} Buf;

__attribute__((format(printf, 2, 3))) static void bprintf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fmt = _(fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    if (b->n + (size_t)n + 1 > b->cap) {
        size_t cap = (b->n + (size_t)n + 1) * 2;
        char *s = realloc(b->s, cap);
        if (!s)
            return;
        b->s = s;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
}

static const char *held_code(const Causes *cs, const Ident *id)
{
    const DiagHeld *h = diag_held(cs->d, id->held);
    return h && h->code ? h->code : "";
}

static Loc held_loc(const Causes *cs, const Ident *id)
{
    const DiagHeld *h = diag_held(cs->d, id->held);
    return h ? h->loc : (Loc){0};
}

/* What a broken identity of CODE is, one or many. */
static const char *noun(const char *code, int n)
{
    static const struct {
        const char *code, *one, *many;
    } t[] = {
        {"E-TABLE", N_("stated cell"), N_("stated cells")},
        {"E-QUOTE-VALUE", N_("quoted figure"), N_("quoted figures")},
        {"E-BALANCE", N_("fund balance"), N_("fund balances")},
        {"E-BASIC-ECON", N_("split of 基本支出"), N_("splits of 基本支出")},
        {"E-PRIOR-SUM", N_("total of last year"), N_("totals of last year")},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strcmp(code, t[i].code) == 0)
            return _(n == 1 ? t[i].one : t[i].many);
    return n == 1 ? _("identity") : _("identities");
}

typedef struct Line {
    const char *file; /* NULL: the root cause's file */
    int line;
} Line;

/* The root cause's file first, then the others by name. */
static int file_cmp(const Line *x, const Line *y)
{
    if (!x->file != !y->file)
        return x->file ? 1 : -1;
    return x->file ? strcmp(x->file, y->file) : 0;
}

static int line_cmp(const void *a, const void *b)
{
    const Line *x = a, *y = b;
    int c = file_cmp(x, y);
    if (c)
        return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* " on lines 3, 5–7, … of FILE" for the lines of V (N of them; sorts V):
 * the root cause's file first, without its name, then the others. */
static void put_lines(Buf *b, Line *v, int n)
{
    if (n > 1)
        qsort(v, (size_t)n, sizeof *v, line_cmp);
    int shown = 0;
    for (int f = 0; f < n;) {
        int g = f, distinct = 0; /* V[f..g): one file */
        for (; g < n && file_cmp(&v[g], &v[f]) == 0; g++)
            distinct += g == f || v[g].line != v[g - 1].line;
        bprintf(b, "%s on line%s ", f ? _(" and") : "", distinct == 1 ? "" : "s");
        int first = shown;
        for (int i = f; i < g;) {
            int j = i;
            while (j + 1 < g && v[j + 1].line <= v[j].line + 1)
                j++; /* the same line again, or the next one */
            if (shown == LINES_SHOWN) {
                bprintf(b, ", …");
                break;
            }
            bprintf(b, "%s%d", shown > first ? _(", ") : "", v[i].line);
            if (v[j].line != v[i].line)
                bprintf(b, "%s%d", v[j].line == v[i].line + 1 ? _(", ") : "–", v[j].line);
            shown++;
            i = j + 1;
        }
        if (v[f].file)
            bprintf(b, " of %s", v[f].file);
        if (shown == LINES_SHOWN && g < n) {
            bprintf(b, " and more");
            return;
        }
        f = g;
    }
}

/* Counts the identities V (N of them) by code, in the order the codes come:
 * "36 stated cells (E-TABLE) on lines …; 3 quoted figures (E-QUOTE-VALUE) on
 * line 274". */
static void put_counts(const Causes *cs, Buf *b, const Ident **v, int n, const SrcFile *file)
{
    Line *lines = malloc(((size_t)n + 1) * sizeof *lines);
    bool *done = calloc((size_t)n + 1, sizeof *done);
    if (!lines || !done) {
        free(lines);
        free(done);
        return;
    }
    bool first = true;
    for (int i = 0; i < n; i++) {
        if (done[i])
            continue;
        const char *code = held_code(cs, v[i]);
        int k = 0;
        for (int j = i; j < n; j++)
            if (!done[j] && strcmp(held_code(cs, v[j]), code) == 0) {
                Loc at = held_loc(cs, v[j]);
                lines[k++] = (Line){at.file == file || !at.file ? NULL : at.file->name, at.line};
                done[j] = true;
            }
        bprintf(b, "%s%d %s (%s)", first ? "" : _("; "), k, noun(code, k), code);
        put_lines(b, lines, k);
        first = false;
    }
    free(lines);
    free(done);
}

/* The identities root R explains, alone (JOINT false) or with others, in
 * the order they were found; their number. */
static int members(const Causes *cs, int r, bool joint, const Ident **out)
{
    int n = 0;
    for (int i = 0; i < cs->nids; i++) {
        const Ident *id = cs->ids[i];
        if (id->root == r && id->joint == joint)
            out[n++] = id;
    }
    return n;
}

/* "with 110.00 instead of 111.00 (-1.00)" for amount K changed by DELTA. */
static void put_change(Buf *b, const Amount *a, Dec delta)
{
    char x[DEC_FMT_MAX], y[DEC_FMT_MAX], z[DEC_FMT_MAX];
    Dec after = a->v;
    dec_add(a->v, delta, &after);
    bprintf(b, "with %s instead of %s (%s%s)", fmt_money(after, x), fmt_money(a->v, y),
            dec_is_neg(delta) ? "" : "+", fmt_money(delta, z));
}

/* The lines of the other root causes the identities V count. */
static void put_partners(const Causes *cs, Buf *b, int r, const Ident **v, int n)
{
    Line lines[64];
    int k = 0;
    const SrcFile *file = cs->amt[cs->roots[r].id].at.file;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < v[i]->nterms; j++)
            for (int q = 0; q < cs->nroots && k < 64; q++) {
                Loc at = cs->amt[cs->roots[q].id].at;
                Line l = {at.file == file ? NULL : at.file->name, at.line};
                bool seen = false;
                for (int s = 0; s < k && !seen; s++)
                    seen = line_cmp(&lines[s], &l) == 0;
                if (q != r && cs->roots[q].id == v[i]->terms[j].id && !seen)
                    lines[k++] = l;
            }
    bprintf(b, "the amount%s", k == 1 ? "" : "s");
    put_lines(b, lines, k);
}

/* Reports root cause R: its error, the other amounts that would do, the
 * first identities it explains, and the count of the rest. */
static void report_root(Causes *cs, int r)
{
    const Root *x = &cs->roots[r];
    const Amount *a = &cs->amt[x->id];
    const Ident **v = malloc(((size_t)cs->nids + 1) * sizeof *v);
    if (!v)
        return;
    int n = members(cs, r, false, v);
    Buf b = {0};
    if (x->nalts == 1)
        bprintf(&b, "this amount, or the other amount of the next note, ");
    else if (x->nalts > 1)
        bprintf(&b, "this amount, or one of the %d other amounts of the next notes, ", x->nalts);
    else
        bprintf(&b, "this amount ");
    bprintf(&b, "breaks %d identities: ", n);
    put_change(&b, a, x->delta);
    bprintf(&b, ", every one of them holds");
    diag_error(cs->d, a->at, "E-ROOT-CAUSE", "%s", b.s ? b.s : "");
    for (int i = 0; i < x->nalts && i < ALT_NOTES; i++) {
        b.n = 0;
        bprintf(&b, "or this amount: ");
        put_change(&b, &cs->amt[x->alts[i]], x->alt_delta[i]);
        bprintf(&b, ", the same identities hold");
        if (i == ALT_NOTES - 1 && x->nalts > ALT_NOTES)
            bprintf(&b, " (and %d more)", x->nalts - ALT_NOTES);
        diag_note(cs->d, cs->amt[x->alts[i]].at, "%s", b.s ? b.s : "");
    }
    /* the first identity of each code, then the next ones, up to ROOT_NOTES */
    bool *shown = calloc((size_t)n + 1, sizeof *shown);
    int nshown = 0;
    for (int i = 0; shown && i < n && nshown < ROOT_NOTES; i++) {
        bool seen = false;
        for (int j = 0; j < i && !seen; j++)
            seen = strcmp(held_code(cs, v[j]), held_code(cs, v[i])) == 0;
        if (!seen)
            shown[i] = true, nshown++;
    }
    for (int i = 0; shown && i < n && nshown < ROOT_NOTES; i++)
        if (!shown[i])
            shown[i] = true, nshown++;
    const Ident **rest = malloc(((size_t)n + 1) * sizeof *rest);
    int nrest = 0;
    for (int i = 0; shown && i < n; i++) {
        if (!shown[i]) {
            if (rest)
                rest[nrest++] = v[i];
            continue;
        }
        const DiagHeld *h = diag_held(cs->d, v[i]->held);
        diag_note(cs->d, h->loc, "%s [%s]", h->message, h->code ? h->code : "");
    }
    Loc file = a->at; /* at the amount: file:line:col, as every diagnostic */
    if (nrest > 0) {
        b.n = 0;
        bprintf(&b, "and %d more that this amount breaks: ", nrest);
        put_counts(cs, &b, rest, nrest, a->at.file);
        diag_note(cs->d, file, "%s", b.s ? b.s : "");
    }
    int nj = members(cs, r, true, v);
    if (nj > 0) {
        b.n = 0;
        bprintf(&b, "and %d that this amount breaks together with ", nj);
        put_partners(cs, &b, r, v, nj);
        bprintf(&b, ": ");
        put_counts(cs, &b, v, nj, a->at.file);
        diag_note(cs->d, file, "%s", b.s ? b.s : "");
    }
    free(rest);
    free(shown);
    free(b.s);
    free(v);
}

/* Reports held identity I, which root causes explain in part, with its
 * notes and one more: how much of its difference they account for. */
static void report_part(Causes *cs, size_t i, const Ident *id)
{
    size_t nheld = diag_held_count(cs->d);
    for (size_t j = i; j < nheld && (j == i || diag_held(cs->d, j)->level == DIAG_NOTE); j++) {
        const DiagHeld *h = diag_held(cs->d, j);
        diag_report(cs->d, h->level, h->loc, h->code, "%s", h->message);
    }
    Dec part = dec_zero(), rest;
    Line lines[64];
    int k = 0, first = -1;
    for (int j = 0; j < id->nterms; j++) {
        int r = cs->root_of[id->terms[j].id];
        Dec x;
        if (r < 0 || dec_mul(dec_from_int(id->terms[j].coef), cs->roots[r].delta, &x) != DEC_OK ||
            !dec_acc(&part, x))
            continue;
        Loc at = cs->amt[cs->roots[r].id].at;
        if (first < 0)
            first = r;
        if (k < 64)
            lines[k++] = (Line){at.file == held_loc(cs, id).file ? NULL : at.file->name, at.line};
    }
    if (first < 0 || dec_sub(id->gap, part, &rest) != DEC_OK)
        return;
    char a[DEC_FMT_MAX], c[DEC_FMT_MAX];
    Buf b = {0};
    bprintf(&b, "of this difference, %s%s comes from the amount%s", dec_is_neg(part) ? "" : "+",
            fmt_money(part, a), k == 1 ? "" : "s");
    put_lines(&b, lines, k);
    bprintf(&b, " (E-ROOT-CAUSE); with %s corrected, the difference is %s%s",
            k == 1 ? "it" : "them", dec_is_neg(rest) ? "" : "+", fmt_money(rest, c));
    diag_note(cs->d, cs->amt[cs->roots[first].id].at, "%s", b.s ? b.s : "");
    free(b.s);
}

static bool release_one(void *ctx, DiagCtx *d, size_t i)
{
    (void)d;
    Causes *cs = ctx;
    int fate = cs->fate ? cs->fate[i] : KEEP;
    if (fate >= 0)
        report_root(cs, fate);
    if (fate == KEEP && cs->part && cs->part[i] >= 0) {
        report_part(cs, i, cs->ids[cs->part[i]]);
        return false;
    }
    return fate == KEEP;
}

/* The broken identities no root cause explains that count the amount of
 * one or more (none ambiguous): CS->part. */
static void find_parts(Causes *cs, size_t nheld)
{
    cs->root_of = malloc(((size_t)cs->namt + 1) * sizeof *cs->root_of);
    cs->part = malloc(nheld * sizeof *cs->part);
    if (!cs->root_of || !cs->part) {
        free(cs->part);
        cs->part = NULL;
        return;
    }
    for (int k = 0; k < cs->namt; k++)
        cs->root_of[k] = -1;
    for (int r = 0; r < cs->nroots; r++) {
        const Root *x = &cs->roots[r];
        cs->root_of[x->id] = x->nalts ? -2 : r;
        for (int a = 0; a < x->nalts; a++)
            cs->root_of[x->alts[a]] = -2;
    }
    for (size_t i = 0; i < nheld; i++)
        cs->part[i] = -1;
    for (int i = 0; i < cs->nids; i++) {
        const Ident *id = cs->ids[i];
        if (!id->broken || !id->linear || id->root >= 0 || id->held >= nheld)
            continue;
        bool any = false, ambiguous = false;
        for (int j = 0; j < id->nterms; j++) {
            any |= cs->root_of[id->terms[j].id] >= 0;
            ambiguous |= cs->root_of[id->terms[j].id] == -2;
        }
        if (any && !ambiguous)
            cs->part[id->held] = i;
    }
}

void causes_finish(Causes *cs)
{
    if (!cs)
        return;
    size_t nheld = diag_held_count(cs->d);
    if (nheld > 0)
        find_roots(cs);
    if (cs->nroots > 0 && (cs->fate = malloc(nheld * sizeof *cs->fate))) {
        for (size_t i = 0; i < nheld; i++)
            cs->fate[i] = KEEP;
        for (int i = 0; i < cs->nids; i++)
            if (cs->ids[i]->root >= 0 && cs->ids[i]->held < nheld)
                cs->fate[cs->ids[i]->held] = DROP;
        for (int r = 0; r < cs->nroots; r++)
            if (cs->roots[r].pos < nheld)
                cs->fate[cs->roots[r].pos] = r;
    }
    if (cs->nroots > 0)
        find_parts(cs, nheld);
    diag_release(cs->d, release_one, cs);
    causes_free(cs);
}
