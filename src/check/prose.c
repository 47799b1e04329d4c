/*
 * prose.c — figures written in the 说明 without a quote (W-PROSE-FIGURE,
 * docs/checks.md).
 *
 * A quote {支出.项目 = 434.33} is checked against the budget; the same
 * figure typed as "项目支出434.33万元" is not, and that is how a published
 * document comes to say one thing in its text and another in its tables.
 * This pass reads the literal text of every paragraph and heading for the
 * numbers that are figures:
 *
 *   money       a number with a money measure of the measure catalogue (元,
 *               千元, 万元, 亿元), converted exactly to the budget's unit;
 *   percentage  after a word of change (增长 12.5%: the rate of change from
 *               last year) or after 占 (the share of a part in its total);
 *   count       a number of something the budget counts, by the `count`
 *               words of the prose catalogue (共 9 个项目, 车辆 3 辆).
 *
 * A number is not a figure when it is a year or a date (no unit), a code or
 * part of a name (after a Latin letter, inside 《…》 or a project's name), an
 * ordinal (第 3 个), a threshold (20万元以上: the `bound` words) or a rate
 * (500元/人).
 *
 * The figures it may be are the ones the quote language names (Fig): the
 * totals and parts of 收入, 支出 (by kind, source and code), 基本支出 (by
 * class and code), 机关运行经费, 三公, 采购, 资产, the projects; last year's
 * (上年.…), the change and its rate, a part's share of its total.  The
 * words before the number choose among them (Name): the vocabulary's
 * spellings of each source, kind, class and 三公 item, the catalogue's names
 * of codes, the asset rows, the projects' names, the `topic` words of the
 * prose catalogue, and the quotes of the sentence.  The words of the same
 * clause count first (a quote, then the word that names fewer figures, the
 * longer, the nearer), then the rest of the sentence; between the figures
 * one word names, the one the paragraph's topic words speak of.  A
 * direction word before the number (增加, 减少) makes it a change, a year or
 * a `prior` word before it last year's.  Then:
 *
 *   - a named figure has the value: the warning gives the quote to write;
 *   - the figures named do not: the warning gives the value of the first;
 *   - nothing is named: the first figure of the budget with the value, or
 *     "no figure of the budget is …".
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/passes.h"
#include "base/i18n.h"
#include "check/prose.h"
#include "check/report.h"
#include "model/figure.h"

#define CODE "W-PROSE-FIGURE"
#define WINDOW 12    /* characters before a number searched for a direction word (as E3) */
#define NEAR 8       /* characters between a name and its number for a message to show both */
#define MAXHITS 64
#define MAXWARN 20  /* warnings of one paragraph; the rest are counted */
#define FIXN (PATHN * 5) /* a quote to write, with a project's name escaped */

/* The measure of a count at S: the longest that a `count` word of the prose
 * catalogue is counted in. */
static const char *count_measure(const P *p, const char *s)
{
    const char *best = NULL;
    for (int i = 0; p->words && i < p->words->n; i++) {
        const CatEntry *e = &p->words->entries[i];
        for (int k = 1; tagged(e, "count") && k < e->nwords; k++)
            if (prose_starts(s, strlen(s), e->words[k]) && (!best || strlen(e->words[k]) > strlen(best)))
                best = e->words[k];
    }
    return best;
}

/* Reads the unit after the number NUM ends at I: money, %, or a count
 * measure.  False when there is none, or the number is no figure. */
static bool read_unit(const P *p, const Flat *f, size_t i, Num *num)
{
    const char *s = f->s + prose_skip_spaces(f->s, i);
    size_t ulen = 0, n = strlen(s);
    num->unit = NULL;
    if (*s == '%' || prose_starts(s, n, "％")) {
        num->kind = N_PERCENT;
        ulen = *s == '%' ? 1 : 3;
    }
    /* money: the measures of class money the budget's unit converts to */
    const Catalog *mc = &p->m->cat->k[CAT_MEASURE];
    for (int k = 0; !ulen && k < mc->n; k++) {
        const char *w = mc->entries[k].code;
        if (tagged(&mc->entries[k], "money") && money_exp(w) >= 0 && prose_starts(s, n, w) &&
            (!num->unit || strlen(w) > strlen(num->unit)))
            num->unit = w;
    }
    if (num->unit)
        num->kind = N_MONEY, ulen = strlen(num->unit);
    if (!ulen && (num->unit = count_measure(p, s)) != NULL)
        num->kind = N_COUNT, ulen = strlen(num->unit);
    if (!ulen)
        return false;
    const char *after = s + ulen;
    if (*after == '/' || prose_starts(after, 3, "／") || prose_starts(after, 3, "每"))
        return false; /* 500元/人: a rate */
    /* 100万元（含）以上: "inclusive" between the unit and the bound word */
    const char *bound = after;
    if (strncmp(bound, "（含）", strlen("（含）")) == 0)
        bound += strlen("（含）");
    else if (strncmp(bound, "(含)", strlen("(含)")) == 0)
        bound += strlen("(含)");
    for (int k = 0; p->words && k < p->words->n; k++)
        if (tagged(&p->words->entries[k], "bound") &&
            prose_starts(bound, strlen(bound), p->words->entries[k].code))
            return false; /* 20万元以上: a threshold */
    num->end = (size_t)(after - f->s);
    if (dec_parse(num->text, strlen(num->text), &num->written) != DEC_OK)
        return false;
    num->v = num->written;
    if (num->kind == N_MONEY)
        return money_to_budget(p->m, num->written, num->unit, &num->v);
    return num->kind != N_COUNT || num->written.scale == 0;
}

/* Reports a warning of the paragraph, or counts it past MAXWARN. */
__attribute__((format(printf, 3, 4))) static void warn(P *p, Loc at, const char *fmt, ...)
{
    if (p->shown >= MAXWARN) {
        p->hidden++;
        return;
    }
    p->shown++;
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(p->d, DIAG_WARNING, at, CODE, fmt, ap);
    va_end(ap);
}

/* ---- the words before a number ------------------------------------------------------ */

typedef struct Hit {
    size_t at, end;
    const int *figs;
    int nfigs;
    int rank; /* a quote's path 2, a name of the budget's 1, a topic word 0 */
} Hit;

typedef struct Hits {
    Hit h[MAXHITS];
    int n;
} Hits;

static void quote_hit(const PathSeg *path, Loc at, void *ctx);

typedef struct QCtx {
    P *p;
    Hits *hits;
    size_t off;
} QCtx;

static void prune(Hits *out);

/* The figures named in F[A..B): the names, and the quotes' paths. */
static void find_hits(P *p, const Flat *f, size_t a, size_t b, Hits *out)
{
    out->n = 0;
    for (int i = 0; i < p->nnames && out->n < MAXHITS; i++) {
        const Name *nm = &p->names[i];
        size_t at = prose_last_of(f->s, a, b, nm->word, nm->len);
        if (at != (size_t)-1)
            out->h[out->n++] = (Hit){at, at + nm->len, nm->figs, nm->nfigs, nm->topic ? 0 : 1};
    }
    for (int k = f->np ? prose_part_at(f, a) : 0; k < f->np && f->off[k] < b; k++)
        if (!f->tp[k]->text && f->off[k] >= a && f->tp[k]->expr) {
            QCtx q = {p, out, f->off[k]};
            walk_paths(f->tp[k]->expr, quote_hit, &q);
        }
    prune(out);
}

/* The figures named in TITLE (the section's title), for a number that has
 * no word before it in its sentence. */
static void find_title_hits(P *p, const char *title, Hits *out)
{
    size_t n = title ? strlen(title) : 0;
    for (int i = 0; i < p->nnames && out->n < MAXHITS && n; i++) {
        const Name *nm = &p->names[i];
        size_t at = prose_last_of(title, 0, n, nm->word, nm->len);
        if (at != (size_t)-1) /* placed past the text: no word of it to show */
            out->h[out->n++] = (Hit){SIZE_MAX - n + at, SIZE_MAX - n + at + nm->len, nm->figs,
                                     nm->nfigs, nm->topic ? 0 : 1};
    }
    prune(out);
}

/* Drops each word inside a longer one (支出 in 项目支出: the longer one's). */
static void prune(Hits *out)
{
    int k = 0;
    for (int i = 0; i < out->n; i++) {
        const Hit *x = &out->h[i];
        bool inside = false;
        for (int j = 0; j < out->n && !inside; j++) {
            const Hit *y = &out->h[j];
            inside = j != i && x->rank < 2 && y->rank < 2 && y->at <= x->at && x->end <= y->end &&
                     y->end - y->at > x->end - x->at;
        }
        if (!inside)
            out->h[k++] = *x;
    }
    out->n = k;
}

static void quote_hit(const PathSeg *path, Loc at, void *ctx)
{
    (void)at;
    QCtx *q = ctx;
    if (path_is(path, "上年") || path_is(path, "增减") || path_is(path, "增减率"))
        path = path->next;
    if (!path || q->hits->n >= MAXHITS)
        return;
    char text[PATHN];
    path_text(q->p->m->vocab, path, text, sizeof text);
    int fig = prose_find(q->p, text);
    if (fig < 0)
        return;
    int *one = arena_alloc(&q->p->a, sizeof *one);
    *one = fig;
    q->hits->h[q->hits->n++] = (Hit){q->off, q->off + 1, one, 1, 2};
}

/* Hits in order: quotes; then the words that name fewer figures (公务接待费
 * before 三公, 工程 before 政府采购); then longer words, then nearer ones. */
static int hit_order(const void *x, const void *y)
{
    const Hit *a = x, *b = y;
    if ((a->rank == 2) != (b->rank == 2))
        return a->rank == 2 ? -1 : 1;
    if (a->nfigs != b->nfigs)
        return a->nfigs < b->nfigs ? -1 : 1;
    size_t la = a->end - a->at, lb = b->end - b->at;
    if (la != lb)
        return la > lb ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;
    return b->rank - a->rank;
}

/* The direction word (vocabulary `direction`) nearest before AT in its
 * clause and after the last figure, within WINDOW characters: 1 up, -1
 * down, 0 same, 2 none; its offset in *WAT. */
static int direction(const P *p, const Flat *f, size_t at, size_t *wat)
{
    const Vocab1 *dirs = &p->m->vocab->dim[DIM_DIRECTION];
    size_t i = at;
    for (int chars = 0; i > 0 && chars < WINDOW; chars++) {
        i = prose_prev_char(f->s, i);
        if (prose_ends_sentence(f->s + i, true) || f->s[i] == QMARK || i < f->fig_end)
            return 2;
        for (int k = 0; k < dirs->n; k++) {
            const Word *w = &dirs->words[k];
            if (i + strlen(w->name) <= at && prose_starts(f->s + i, at - i, w->name)) {
                *wat = i;
                return w->tags & TAG_UP ? 1 : w->tags & TAG_DOWN ? -1 : 0;
            }
        }
    }
    return 2;
}

/* Whether a fund source's spelling starts at S with more than LEN bytes
 * (上年结转 is a source, not last year). */
static bool source_word_at(const Vocab *v, const char *s, size_t len)
{
    const Vocab1 *d = &v->dim[DIM_SOURCE];
    size_t n = strlen(s);
    for (int i = 0; i < d->n; i++)
        if ((strlen(d->words[i].name) > len && prose_starts(s, n, d->words[i].name)) ||
            (strlen(d->words[i].title) > len && prose_starts(s, n, d->words[i].title)))
            return true;
    for (int i = 0; i < d->nnames; i++)
        if (strlen(d->names[i].name) > len && prose_starts(s, n, d->names[i].name))
            return true;
    return false;
}

/* Whether the figures after the last time word of F[A..AT) are last
 * year's: a `prior` word or the year before, rather than a `current` word
 * or the budget year.  The word that ends last decides (上年末 over 上年,
 * 年底 in 2022年底); a year followed by its month is a date. */
static bool last_year(const P *p, const Flat *f, size_t a, size_t at)
{
    size_t best = 0, blen = 0;
    bool prior = false;
    const char *years[2] = {p->last_year, p->year};
    for (int k = 0; k < 2; k++) {
        size_t len = strlen(years[k]), x = prose_last_of(f->s, a, at, years[k], len), dl;
        if (x != (size_t)-1 && prose_digit(f->s + x + len, &dl) < 0 && x + len > best)
            best = x + len, blen = len, prior = k == 0;
    }
    for (int i = 0; p->words && i < p->words->n; i++) {
        const CatEntry *e = &p->words->entries[i];
        bool pr = tagged(e, "prior");
        if (!pr && !tagged(e, "current"))
            continue;
        size_t len = strlen(e->code), end = at;
        for (;;) {
            size_t x = prose_last_of(f->s, a, end, e->code, len);
            if (x == (size_t)-1 || x + len < best)
                break;
            if (!(pr && source_word_at(p->m->vocab, f->s + x, len))) {
                if (x + len > best || len > blen)
                    best = x + len, blen = len, prior = pr;
                break;
            }
            end = x + len - 1;
        }
    }
    return prior;
}

/* Whether a `share` word (占) is in F[A..AT). */
static bool share_word(const P *p, const Flat *f, size_t a, size_t at)
{
    for (int i = 0; p->words && i < p->words->n; i++) {
        const CatEntry *e = &p->words->entries[i];
        if (tagged(e, "share") && prose_last_of(f->s, a, at, e->code, strlen(e->code)) != (size_t)-1)
            return true;
    }
    return false;
}

/* ---- the warnings ------------------------------------------------------------------ */

/* The text of the number with the words just before it (from FROM when it is
 * near and no quote comes between) into BUF. */
static const char *shown(const Flat *f, const Num *num, size_t from, char *buf, size_t n)
{
    size_t a = num->at;
    if (from < a && src_count_chars(f->s + from, a - from) <= NEAR + 4 &&
        !memchr(f->s + from, QMARK, a - from) && !memchr(f->s + from, '\n', a - from))
        a = from;
    snprintf(buf, n, "%.*s", (int)(num->end - a), f->s + a);
    return buf;
}

/* "{QUOTE = N}" and, when the text's unit is not the budget's, the unit to
 * write after it. */
static const char *remedy(const P *p, const Num *num, const char *quote, Dec v, bool as_written,
                          char *buf, size_t n)
{
    char x[DEC_FMT_MAX], esc[PATHN * 4];
    size_t o = 0;
    for (const char *c = quote; *c && o + 2 < sizeof esc; c++) { /* in a string: 项目[\"name\"] */
        if (*c == '"')
            esc[o++] = '\\';
        esc[o++] = *c;
    }
    esc[o] = '\0';
    bool other = num->kind == N_MONEY && p->m->money && strcmp(num->unit, p->m->money) != 0;
    snprintf(buf, n, "{%s = %s}%s%s", esc, as_written && !other ? num->text : fmt_dec(v, x),
             other ? p->m->money : "", other ? " in its place" : "");
    return buf;
}

static const char *unit_text(const P *p, const Num *num)
{
    return num->kind == N_PERCENT ? "%" : num->kind == N_COUNT ? num->unit
                                                             : (p->m->money ? p->m->money : "万元");
}

static void suggest(P *p, const Flat *f, const Num *num, const Fig *fig, Form form, size_t from)
{
    char q[PATHN * 3], text[256], fix[FIXN];
    prose_quote(p, fig, form, q, sizeof q);
    warn(p, prose_loc(f, num->at, num->end), "'%s' is not checked: write %s so that it is",
                 shown(f, num, from, text, sizeof text), remedy(p, num, q, num->v, true, fix, sizeof fix));
}

/* The named figure FIG does not have the number in FORM. */
static void mismatch(P *p, const Flat *f, const Num *num, const Fig *fig, Form form, size_t from)
{
    char q[PATHN * 3], text[256], fix[FIXN], a[DEC_FMT_MAX], b[DEC_FMT_MAX], c[DEC_FMT_MAX];
    Dec v, d;
    bool div;
    Loc at = prose_loc(f, num->at, num->end);
    shown(f, num, from, text, sizeof text);
    if (form == F_UP || form == F_DOWN) {
        if (dec_sub(fig->now, fig->prior, &d) != DEC_OK)
            return;
        Form right = dec_is_neg(d) ? F_DOWN : F_UP;
        prose_value(p, fig, right, &v, &div);
        warn(p, at,
                     "'%s' does not match the budget: %s went from %s last year to %s this year "
                     "(%s%s); correct the text, and quote the change: %s",
                     text, fig->path, fmt_money(fig->prior, a), fmt_money(fig->now, b),
                     dec_is_neg(d) ? "" : "+", fmt_money(d, c),
                     remedy(p, num, prose_quote(p, fig, right, q, sizeof q), v, false, fix, sizeof fix));
        return;
    }
    if (form == F_RATE_UP || form == F_RATE_DOWN) {
        Form up = F_RATE_UP;
        prose_value(p, fig, up, &v, &div);
        Form right = dec_is_neg(v) ? F_RATE_DOWN : F_RATE_UP;
        prose_value(p, fig, right, &v, &div);
        dec_round(v, num->written.scale, &v);
        warn(p, at,
                     "'%s' does not match the budget: %s went from %s last year to %s this year, "
                     "%s %s%%; correct the text, and quote the rate: %s",
                     text, fig->path, fmt_money(fig->prior, a), fmt_money(fig->now, b),
                     right == F_RATE_UP ? "up" : "down", fmt_dec(v, c),
                     remedy(p, num, prose_quote(p, fig, right, q, sizeof q), v, false, fix, sizeof fix));
        return;
    }
    if (!prose_value(p, fig, form, &v, &div))
        return;
    if (div)
        dec_round(v, num->written.scale, &v);
    prose_quote(p, fig, form, q, sizeof q);
    warn(p, at,
                 "'%s' does not match the budget: %s is %s%s; correct the number, and quote the "
                 "figure: %s",
                 text, q, div ? fmt_dec(v, a) : fmt_money(v, a), div ? "%" : "",
                 remedy(p, num, q, v, false, fix, sizeof fix));
}

/* No figure is named before the number, and FIG has its value. */
static void guess(P *p, const Flat *f, const Num *num, const Fig *fig, Form form)
{
    char q[PATHN * 3], text[256], fix[FIXN], v[DEC_FMT_MAX];
    prose_quote(p, fig, form, q, sizeof q);
    warn(p, prose_loc(f, num->at, num->end),
         "'%s' is not checked, and no figure is named before it; %s is %s%s: if that is the "
         "figure it means, write %s",
         shown(f, num, num->at, text, sizeof text), q,
         num->kind == N_PERCENT ? num->text : fmt_money(num->v, v),
         num->kind == N_PERCENT ? "%" : "", remedy(p, num, q, num->v, true, fix, sizeof fix));
}

/* No figure is named before the number, and none has it. */
static void no_figure(P *p, const Flat *f, const Num *num, Form form)
{
    static const char *const what[] = {
        [F_NOW] = N_("no figure of the budget"), [F_PRIOR] = N_("no figure of last year"),
        [F_UP] = N_("no change from last year"), [F_DOWN] = N_("no change from last year"),
        [F_RATE_UP] = N_("no rate of change from last year"),
        [F_RATE_DOWN] = N_("no rate of change from last year"),
        [F_SHARE] = N_("no share of a part in its total")};
    char text[256], v[DEC_FMT_MAX];
    bool pct = num->kind == N_PERCENT;
    warn(p, prose_loc(f, num->at, num->end),
                 "'%s' is not checked, and %s is %s%s%s; correct the number, or quote the "
                 "figure it means",
                 shown(f, num, num->at, text, sizeof text), _(what[form]),
                 pct ? fmt_dec(num->v, v) : fmt_money(num->v, v), pct ? "" : " ", unit_text(p, num));
}

/* ---- a number ---------------------------------------------------------------------- */

/* The `count` word that says what the count NUM counts: right after its
 * measure ("9 个项目"), within 5 characters before the number when the
 * measure ends the phrase ("车辆 3 辆，"; not "本单位 20 个科室"), or the
 * measure itself (辆).  *AT: where the word is, *RANK: 3, 2 or 1, as
 * listed. */
static const CatEntry *counted(const P *p, const Flat *f, const Num *num, size_t clause, size_t *at,
                               int *rank)
{
    const CatEntry *best = NULL;
    *rank = 0;
    *at = num->at;
    for (int i = 0; p->words && i < p->words->n; i++) {
        const CatEntry *e = &p->words->entries[i];
        bool in = false;
        for (int k = 1; tagged(e, "count") && k < e->nwords; k++)
            in |= strcmp(e->words[k], num->unit) == 0;
        if (!in)
            continue;
        size_t len = strlen(e->code), x = (size_t)-1, lo = num->at;
        for (int c = 0; c < 5 && lo > clause; c++)
            lo = prose_prev_char(f->s, lo);
        int r = 0;
        if (prose_word_after(f, num->end, e->code))
            r = 3;
        else if (prose_phrase_end(f->s + num->end) &&
                 (x = prose_last_of(f->s, lo, num->at, e->code, len)) != (size_t)-1)
            r = 2;
        else if (strcmp(e->code, num->unit) == 0)
            r = 1;
        /* before the number: the word that ends nearest, the longer (车辆 over 辆) */
        if (r > *rank || (r == 2 && *rank == 2 &&
                          (x + len > *at + strlen(best->code) ||
                           (x + len == *at + strlen(best->code) && x < *at))))
            best = e, *rank = r, *at = r == 2 ? x : num->at;
    }
    return best;
}

/* Whether a `part` word (其中, 所属 …) is in F[A..AT). */
static bool part_word(const P *p, const Flat *f, size_t a, size_t at)
{
    for (int i = 0; p->words && i < p->words->n; i++) {
        const CatEntry *e = &p->words->entries[i];
        if (tagged(e, "part") && prose_last_of(f->s, a, at, e->code, strlen(e->code)) != (size_t)-1)
            return true;
    }
    return false;
}

/* A count: "共 9 个项目", "车辆 3 辆" against the count the budget has.  A
 * count after a `part` word in its clause (下属单位 3 个, 其中行政单位 1 个),
 * or a later count of the same thing in its sentence (车辆 3 辆，一般公务用车
 * 2 辆), counts a part of the whole and is left alone. */
static void check_count(P *p, Flat *f, const Num *num, size_t clause, size_t sent)
{
    size_t from;
    int rank;
    const CatEntry *best = counted(p, f, num, clause, &from, &rank);
    PathSeg *path = best ? prose_path(p, best->name) : NULL;
    Dec have;
    if (!path || !prose_eval(p, path, false, &have, NULL))
        return;
    bool again = f->count_path && strcmp(f->count_path, best->name) == 0 && f->count_sent == sent;
    f->count_path = best->name;
    f->count_sent = sent;
    if (again || part_word(p, f, clause, num->at))
        return;
    char text[256], fix[FIXN], a[DEC_FMT_MAX];
    Loc at = prose_loc(f, num->at, num->end);
    Num whole = *num; /* shown with the word after it: 9 个项目 */
    if (rank == 3)
        whole.end = (size_t)(strstr(f->s + num->end, best->code) - f->s) + strlen(best->code);
    shown(f, &whole, from, text, sizeof text);
    if (dec_cmp(have, num->v) == 0)
        warn(p, at, "'%s' is not checked: write %s so that it is", text,
                     remedy(p, num, best->name, num->v, true, fix, sizeof fix));
    else
        warn(p, at,
                     "'%s' does not match the budget: the budget has %s %s (%s); correct the "
                     "number, and quote it: %s",
                     text, fmt_dec(have, a), best->code, best->name,
                     remedy(p, num, best->name, have, false, fix, sizeof fix));
}

/* How many topic words of the paragraph before AT (where the word that
 * names FIG starts) and of its section's title name figure FIG: between
 * the figures one word names, the one the paragraph speaks of (公务接待费 in
 * the 三公经费 section is 三公.公务接待费, in the 机关运行经费 section
 * 基本支出[30217]). */
static int context(const P *p, const Flat *f, size_t at, int fig)
{
    int n = 0;
    for (int i = 0; i < p->nnames; i++) {
        const Name *nm = &p->names[i];
        bool in = false;
        for (int k = 0; nm->topic && k < nm->nfigs && !in; k++)
            in = nm->figs[k] == fig;
        if (in && (prose_last_of(f->s, 0, at, nm->word, nm->len) != (size_t)-1 ||
                   (f->title && strstr(f->title, nm->word))))
            n++;
    }
    return n;
}

/* The figure that the hits from *NEXT (one word at one place) name and that
 * is the number (MATCH) or has a value in FORM, the one the paragraph
 * speaks of most; -1 when none.  *NEXT moves past those hits. */
static int pick(const P *p, const Flat *f, const Num *num, Form form, const Hits *h, int *next,
                bool match)
{
    int best = -1, score = -1, i = *next, j = i;
    for (; j < h->n && h->h[j].rank == h->h[i].rank && h->h[j].at == h->h[i].at &&
           h->h[j].end == h->h[i].end;
         j++)
        for (int k = 0; k < h->h[j].nfigs; k++) {
            const Fig *fig = &p->figs[h->h[j].figs[k]];
            Dec v;
            bool div;
            if (match ? !prose_matches(p, fig, form, num->v, num->written.scale)
                      : !prose_value(p, fig, form, &v, &div))
                continue;
            int sc = context(p, f, h->h[j].at < f->n ? h->h[j].at : num->at, h->h[j].figs[k]);
            if (sc > score)
                best = h->h[j].figs[k], score = sc;
        }
    *next = j;
    return best;
}

/* Where the text shown in a message starts: at the word of hit H when it is
 * in the clause, before FROM. */
static size_t show_from(const Hit *h, size_t clause, size_t from)
{
    return h->rank < 2 && h->at >= clause && h->at < from ? h->at : from;
}

static void check_number(P *p, Flat *f, const Num *num)
{
    size_t sent = prose_sentence_start(f, num->at, false);
    size_t clause = prose_sentence_start(f, num->at, true);
    if (f->fig_end > clause && f->fig_end <= num->at)
        clause = f->fig_end;
    size_t wat = num->at;
    int dir = direction(p, f, num->at, &wat);
    if (dir == 0)
        return; /* 持平 before a number: no figure to match */
    if (num->kind == N_COUNT) {
        if (dir == 2 && !last_year(p, f, sent, num->at))
            check_count(p, f, num, clause, sent);
        return;
    }
    Form form;
    if (num->kind == N_PERCENT) {
        if (dir != 2)
            form = dir > 0 ? F_RATE_UP : F_RATE_DOWN;
        else if (share_word(p, f, clause, num->at))
            form = F_SHARE;
        else
            return; /* 满意度 90%: not a figure of the budget */
    } else if (dir != 2) {
        form = dir > 0 ? F_UP : F_DOWN;
    } else {
        form = last_year(p, f, sent, num->at) ? F_PRIOR : F_NOW;
    }
    if (!p->built)
        prose_build(p);
    Hits hits;
    find_hits(p, f, clause, num->at, &hits);
    if (hits.n == 0)
        find_hits(p, f, sent, clause, &hits);
    bool titled = hits.n == 0; /* the section's title names a figure, no word of the text */
    if (titled)
        find_title_hits(p, f->title, &hits);
    qsort(hits.h, (size_t)hits.n, sizeof hits.h[0], hit_order);
    size_t from = dir != 2 ? wat : num->at;
    for (int i = 0, j = 0; i < hits.n; i = j) {
        int fig = pick(p, f, num, form, &hits, &j, true);
        if (fig >= 0) {
            suggest(p, f, num, &p->figs[fig], form, show_from(&hits.h[i], clause, from));
            return;
        }
    }
    if (form != F_NOW && form != F_SHARE && !prose_has_prior(p)) {
        char text[256];
        warn(p, prose_loc(f, num->at, num->end),
                     "'%s' is not checked: it is a figure of last year, and the budget states "
                     "none (write them in `prior`), so it cannot be quoted",
                     shown(f, num, from, text, sizeof text));
        return;
    }
    for (int i = 0, j = 0; i < hits.n && !titled; i = j) {
        int fig = pick(p, f, num, form, &hits, &j, false);
        if (fig >= 0) {
            mismatch(p, f, num, &p->figs[fig], form, show_from(&hits.h[i], clause, from));
            return;
        }
    }
    for (int i = 0; i < p->nfigs && !dec_is_zero(num->v); i++)
        if (prose_matches(p, &p->figs[i], form, num->v, num->written.scale)) {
            guess(p, f, num, &p->figs[i], form);
            return;
        }
    no_figure(p, f, num, form);
}

/* ---- the pass ---------------------------------------------------------------------- */

static void check_para(P *p, const Para *para)
{
    p->shown = p->hidden = 0;
    Flat f;
    prose_flat_read(para, &f);
    if (para->section >= 0 && para->section < p->nr->nsections)
        f.title = p->nr->sections[para->section].title;
    bool *mask = xmalloc(f.n + 1);
    prose_mask_names(p->m, &f, mask);
    size_t len;
    for (size_t i = 0; i < f.n;) {
        if (f.s[i] == QMARK) {
            f.fig_end = ++i;
            continue;
        }
        if (prose_digit(f.s + i, &len) < 0) {
            i++;
            continue;
        }
        Num num = {0};
        size_t end = prose_read_number(&f, i, &num);
        bool skip = prose_glued(&f, i) || mask[i];
        if (read_unit(p, &f, end, &num)) {
            if (!skip)
                check_number(p, &f, &num);
            f.fig_end = num.end;
            i = num.end;
        } else {
            i = end;
        }
    }
    free(mask);
    prose_flat_free(&f);
    if (p->hidden)
        diag_warning(p->d, para->loc, CODE,
                     "%d more figures of this paragraph are written without a quote (the first %d "
                     "are reported); quote them",
                     p->hidden, MAXWARN);
}

/* The paragraphs of one narrative: the department's (UNIT -1), with every
 * unit's figures, or unit UNIT's own, with its figures and its `prior`. */
static void check_one(P *p, int unit)
{
    const Model *m = p->m;
    p->ctx = (ValueCtx){unit, -1};
    p->nr = model_narrative(m, unit);
    p->prior = unit >= 0 ? m->units[unit].prior : m->prior;
    p->nprior = unit >= 0 ? m->units[unit].nprior : m->nprior;
    if (unit >= 0 && !p->nr->present)
        return;
    arena_init(&p->a);
    p->built = false;
    p->figs = NULL, p->nfigs = p->capfigs = 0;
    p->names = NULL, p->nnames = p->capnames = 0;
    for (int i = 0; i < p->nr->nparas; i++)
        if (p->nr->paras[i].kind != PARA_INSERT && p->nr->paras[i].parts)
            check_para(p, &p->nr->paras[i]);
    arena_free(&p->a);
}

int check_prose(const Model *m, DiagCtx *d)
{
    P p = {.m = m, .d = d};
    const Catalog *c = &m->cat->k[CAT_PROSE];
    p.words = c->present ? c : NULL;
    snprintf(p.year, sizeof p.year, "%d年", m->year);
    snprintf(p.last_year, sizeof p.last_year, "%d年", m->year - 1);
    int before = d->nerrors;
    for (int u = -1; u < m->nunits; u++)
        check_one(&p, u);
    return d->nerrors - before;
}
