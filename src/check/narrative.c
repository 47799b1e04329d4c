/*
 * narrative.c — the 说明 against the budget (rules.md E1–E6 and A4;
 * docs/checks.md, "The narrative").
 *
 * Each paragraph and heading is read once into a PText: its literal text,
 * with every quote {…} replaced by one placeholder byte, and its quotes in
 * order.  Over each paragraph:
 *
 *   E1  every quote evaluates, and equals the number printed after '='
 *       (E-QUOTE-PATH, E-QUOTE-PRIOR, E-QUOTE-FORM, E-QUOTE-VALUE)
 *   E2  a total followed by two or more of its parts: the parts add up
 *       (E-QUOTE-SUM)
 *   E3  a year-over-year change agrees with the direction word just before
 *       it (E-QUOTE-DIRECTION)
 *   E6  and its sentence says why (W-CHANGE-REASON)
 *
 * Over the whole narrative (sections.c): the section and insert words (A4:
 * E-SECTION, E-SECTION-DUPLICATE, E-INSERT, W-SECTION-MISSING,
 * W-NO-NARRATIVE), the scope of 机关运行经费 (E4: W-ADMIN-COST-SCOPE) and
 * what the 三公经费 section quotes (E5: W-SANGONG-TEXT).
 *
 * The department's narrative and each unit's own are checked alike; the
 * quotes of the department's are evaluated for every unit, those of a
 * unit's for that unit alone.  Character columns
 * of words inside the text are counted back from the end of their text
 * piece, so an escape (\" or {{) between a word and the next quote shifts
 * them; such a word is then reported at its quote instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/narrative.h"
#include "base/i18n.h"
#include "check/passes.h"
#include "check/report.h"
#include "model/figure.h"

#define QMARK '\x01' /* stands for a quote in a paragraph's flat text */
#define PATHN 256
#define WINDOW 12    /* characters before a quote searched for a direction word */

/* The families of totals and parts of E2. */
typedef enum Family { FAM_NONE, FAM_INCOME, FAM_SPEND, FAM_SANGONG, FAM_ADMIN } Family;

typedef struct Quote {
    const TextPart *part;
    const Expr *value;   /* the quoted expression, or NULL when it did not parse */
    const Expr *printed; /* the number written after '=', or NULL */
    bool ok;             /* the value was computed */
    Dec v;
    size_t off;          /* offset of the placeholder in the flat text */
    /* E2: a total or a part of one, this year's or last year's, or a change */
    Family fam;
    bool total, prior, change;
    unsigned mask;       /* a part: a bit set of sources, kinds or 三公 items */
    const char *code;    /* an FAM_ADMIN part: the economic code */
    Dec part_v;          /* the amount summed: the figure, or its change */
    /* E3: a change from last year */
    bool yoy;
    Dec now, last;
    char path[PATHN];    /* the figure (of a part, or of a change) */
} Quote;

typedef struct PText {
    char *s;             /* the flat text */
    size_t n;
    Quote *q;
    int nq;
    const TextPart **tp; /* the literal pieces and their offsets in s */
    size_t *tp_off;
    int ntp;
} PText;



/* ---- source text ------------------------------------------------------------ */

/* The byte offset of 1-based character column COL in S[0..LEN). */
static size_t byte_at(const char *s, size_t len, int col)
{
    size_t i = 0;
    for (int c = 1; c < col && i < len; c++) {
        i++;
        while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
    }
    return i;
}

/* The source text of the one-line range L into BUF, or "" when it cannot be
 * read. */
static const char *loc_text(Loc l, char *buf, size_t n)
{
    size_t len;
    buf[0] = '\0';
    const char *s = l.file && l.end_line == l.line ? src_line(l.file, l.line, &len) : NULL;
    if (!s)
        return buf;
    size_t a = byte_at(s, len, l.col), b = byte_at(s, len, l.end_col);
    if (b > a && b - a < n) {
        memcpy(buf, s + a, b - a);
        buf[b - a] = '\0';
    }
    return buf;
}

/* How expression E is written, for messages. */
static const char *expr_text(const Vocab *v, const Expr *e, char *buf, size_t n)
{
    if (*loc_text(e->loc, buf, n))
        return buf;
    if (e->kind == E_PATH)
        path_text(v, e->atom->path, buf, n);
    else
        snprintf(buf, n, _("the quoted value"));
    return buf;
}

static bool same_line(Loc a, Loc b)
{
    return a.file == b.file && a.line == b.line;
}

/* ---- paths ------------------------------------------------------------------ */






/* The first path of E that does not evaluate (its status and message), or
 * NULL when all do. */
static const Expr *failing_path(const N *nn, const Expr *e, ValueStatus *st, char *msg, size_t n)
{
    if (!e || e->kind == E_NUMBER)
        return NULL;
    if (e->kind == E_PATH) {
        Dec v;
        *st = model_value(nn->m, e->atom->path, nn->ctx, &v, NULL, NULL, msg, n);
        return *st == VAL_OK ? NULL : e;
    }
    const Expr *f = failing_path(nn, e->lhs, st, msg, n);
    return f ? f : failing_path(nn, e->rhs, st, msg, n);
}


/* The first subtraction in E of a figure and last year's same figure
 * (A − 上年.A or 上年.A − A); *now and *last receive the two paths. */
static const Expr *find_change(const Vocab *v, const Expr *e, const PathSeg **now,
                               const PathSeg **last)
{
    if (!e || e->kind == E_NUMBER || e->kind == E_PATH)
        return NULL;
    if (e->kind == E_BINARY && e->binop == '-' && e->lhs->kind == E_PATH &&
        e->rhs->kind == E_PATH) {
        const PathSeg *a = e->lhs->atom->path, *b = e->rhs->atom->path;
        if (path_is_prior(a) != path_is_prior(b)) {
            *now = path_is_prior(a) ? b : a;
            *last = path_is_prior(a) ? a->next : b->next;
            char x[PATHN], y[PATHN];
            path_text(v, *now, x, sizeof x);
            path_text(v, *last, y, sizeof y);
            if (strcmp(x, y) == 0)
                return e;
        }
    }
    const Expr *f = find_change(v, e->lhs, now, last);
    return f ? f : find_change(v, e->rhs, now, last);
}

/* ---- E1: each quote evaluates and equals what is printed -------------------- */

static bool is_literal(const Expr *e)
{
    return e->kind == E_NUMBER || (e->kind == E_NEG && e->lhs->kind == E_NUMBER);
}

/* Splits quote E into the value and the printed number; false when the quote
 * is some other comparison. */
static bool split_quote(const Expr *e, Quote *q)
{
    q->value = e;
    if (e->kind != E_BINARY || e->binop != 'c')
        return true;
    if (e->cmp != OP_EQ || !is_literal(e->rhs))
        return false;
    q->value = e->lhs;
    q->printed = e->rhs;
    return true;
}

/* Reports why quote Q cannot be computed (status ST, message MSG). */
static void report_failure(N *n, const Quote *q, ValueStatus st, const char *msg)
{
    char text[PATHN], m2[256];
    ValueStatus pst = st;
    const Expr *bad = failing_path(n, q->value, &pst, m2, sizeof m2);
    Loc at = bad ? bad->loc : q->part->loc;
    if (bad)
        msg = m2, st = pst;
    if (st == VAL_NO_PRIOR)
        diag_error(n->d, at, "E-QUOTE-PRIOR", "%s", msg);
    else if (st == VAL_NO_VALUE)
        diag_error(n->d, at, "E-QUOTE-PATH", "the budget does not state %s, so it cannot be quoted",
                   expr_text(n->m->vocab, bad ? bad : q->value, text, sizeof text));
    else if (st == VAL_ARITH)
        diag_error(n->d, at, "E-QUOTE-PATH", "%s cannot be computed: %s",
                   expr_text(n->m->vocab, q->value, text, sizeof text), msg);
    else
        diag_error(n->d, at, "E-QUOTE-PATH", "%s", msg);
}

/* Whether E is a count (项目.数量, 资产.车辆.数量, and every figure of the
 * 绩效自评 but its amounts and mean score: 自评.优, 自评.问题 …): printed as
 * a number, not an amount. */
static bool path_is_count(const PathSeg *root)
{
    const PathSeg *s = root;
    while (s->next)
        s = s->next;
    if (path_is(root, "自评") && s != root)
        return !path_is(s, "金额") && !path_is(s, "平均分");
    return path_is(s, "数量");
}

/* Notes after a wrong printed value: where each figure of the quote comes
 * from (its first fact), for up to three distinct paths. */
typedef struct Sources {
    N *n;
    const Quote *q;
    char seen[3][PATHN];
    int nseen;
} Sources;

static void note_path(const PathSeg *path, Loc at, void *ctx)
{
    (void)at;
    Sources *s = ctx;
    char what[PATHN], msg[256];
    Dec v;
    Loc where = s->n->m->dept_loc;
    path_text(s->n->m->vocab, path, what, sizeof what);
    for (int i = 0; i < s->nseen; i++)
        if (strcmp(s->seen[i], what) == 0)
            return;
    const Model *m = s->n->m;
    Loc facts[3];
    Trace tr = {facts, 3, 0, 0};
    ValueStatus st = s->nseen == 3 ? VAL_NO_VALUE
                                   : model_value(m, path, s->n->ctx, &v, &where, &tr, msg, sizeof msg);
    if (st != VAL_OK)
        return;
    snprintf(s->seen[s->nseen++], PATHN, "%s", what);
    if (same_line(where, s->q->part->loc))
        return;
    if (path_is_prior(path)) {
        diag_note(s->n->d, where, "%s is stated here", what);
    } else if (tr.n == 0 && s->n->ctx.unit >= 0) {
        const Unit *u = &m->units[s->n->ctx.unit];
        diag_note(s->n->d, u->loc, "no fact of unit %s contributes to %s, so it is 0", u->id, what);
    } else if (tr.n == 0) {
        diag_note(s->n->d, where, "no fact of the budget contributes to %s, so it is 0", what);
    } else {
        /* every fact behind the figure, so that the changed one is named */
        const char *thing = path_is(path, "项目") || path_is(path, "单位") ||
                                    (path_is(path, "自评") && path_is_count(path))
                                ? _("counts this")
                                                                           : _("includes this amount");
        for (int i = 0; i < tr.n; i++) {
            int rest = tr.total - tr.n;
            if (i == tr.n - 1 && rest > 0)
                diag_note(s->n->d, facts[i], "%s %s (and %d more)", what, thing, rest);
            else
                diag_note(s->n->d, facts[i], "%s %s", what, thing);
        }
    }
}

static bool is_count(const Expr *e)
{
    return e->kind == E_PATH && path_is_count(e->atom->path);
}

/* Compares the printed number of Q with its computed value. */
static void check_printed(N *n, const Quote *q, bool has_div)
{
    Dec printed, shown = q->v, diff;
    char msg[256], what[PATHN], a[DEC_FMT_MAX], b[DEC_FMT_MAX], c[DEC_FMT_MAX], how[64] = "";
    if (model_eval(n->m, q->printed, n->ctx, &printed, NULL, NULL, msg, sizeof msg) != VAL_OK)
        return;
    if (has_div) {
        if (dec_round(q->v, printed.scale, &shown) != DEC_OK)
            return;
        snprintf(how, sizeof how, _(" when rounded to %d decimal%s"), printed.scale,
                 printed.scale == 1 ? "" : "s");
    }
    bool linear = !has_div && !is_count(q->value); /* an identity of amounts (cause.h) */
    if (dec_cmp(shown, printed) == 0 || dec_sub(printed, shown, &diff) != DEC_OK) {
        if (linear)
            cause_expr(n->cs, cause_holds(n->cs), q->value, n->ctx, +1);
        return;
    }
    expr_text(n->m->vocab, q->value, what, sizeof what);
    if (n->m->rounded && !has_div && q->value->kind == E_PATH) { /* a total, printed rounded */
        Loc one;
        Trace tr = {&one, 1, 0, 0};
        Dec v;
        char where[PATHN + 16];
        snprintf(where, sizeof where, "{%s}", what);
        if (model_value(n->m, q->value->atom->path, n->ctx, &v, NULL, &tr, msg, sizeof msg) ==
                VAL_OK &&
            rounding_explains(n->m, &n->rounding, printed, shown, tr.total, q->printed->loc, where)) {
            cause_expr(n->cs, cause_holds(n->cs), q->value, n->ctx, +1);
            return;
        }
    }
    if (n->ctx.unit >= 0) { /* a unit's narrative quotes the unit's figures */
        size_t o = strlen(what);
        snprintf(what + o, sizeof what - o, _(" of unit %s"), n->m->units[n->ctx.unit].id);
    }
    bool count = is_count(q->value);
    if (linear) /* the printed number is side A, the figure side B */
        cause_expr(n->cs, cause_broken(n->cs, diff), q->value, n->ctx, +1);
    diag_error(n->d, q->printed->loc, "E-QUOTE-VALUE",
               "the text says %s but %s is %s%s (difference %s%s)", fmt_dec(printed, a), what,
               has_div || count ? fmt_dec(shown, b) : fmt_money(shown, b), how,
               dec_is_neg(diff) ? "" : "+", count ? fmt_dec(diff, c) : fmt_money(diff, c));
    Sources src = {.n = n, .q = q};
    walk_paths(q->value, note_path, &src);
}

/* E1 for quote Q: computes it and checks the printed number. */
static void eval_quote(N *n, Quote *q, const Expr *e)
{
    char msg[256];
    if (!split_quote(e, q)) {
        if (e->cmp == OP_EQ)
            diag_error(n->d, e->rhs->loc, "E-QUOTE-FORM",
                       "after '=' a quote takes the number as printed, not an expression: write "
                       "{figure = 1206.65}");
        else
            diag_error(n->d, e->loc, "E-QUOTE-FORM",
                       "a quote shows one value, not a comparison: write {figure} or {figure = "
                       "printed number}");
        q->value = NULL;
        return;
    }
    if (q->value->kind == E_BINARY && q->value->binop == 'c') {
        diag_error(n->d, q->value->loc, "E-QUOTE-FORM",
                   "a quote shows one value: the expression before '=' is a comparison");
        q->value = NULL;
        return;
    }
    bool has_div = false;
    ValueStatus st = model_eval(n->m, q->value, n->ctx, &q->v, NULL, &has_div, msg, sizeof msg);
    if (st != VAL_OK) {
        report_failure(n, q, st, msg);
        return;
    }
    q->ok = true;
    if (q->printed)
        check_printed(n, q, has_div);
}

/* ---- reading a paragraph ---------------------------------------------------- */

/* Sets Q's family when P (a path without 上年.) is a total of E2 or a part,
 * and its text. */
static void classify(const Vocab *v, Quote *q, const PathSeg *p)
{
    const PathSeg *s = p->next;
    const char *w = s && s->name && !s->next ? s->name : NULL;
    bool total = w && strcmp(w, "合计") == 0;
    int k = 0;
    WordSet set = 0;
    const Vocab1 *items = &v->dim[DIM_ITEM];
    WordSet all = items->n ? (WordSet)(((uint64_t)1 << items->n) - 1) : 0;
    if (path_is(p, "收入") && w && (total || vocab_set(v, DIM_SOURCE, w, &set))) {
        /* a group (上年结转, 财政拨款 …) is the part its sources make */
        q->fam = FAM_INCOME;
        q->total = total || set == vocab_all(v, DIM_SOURCE);
        q->mask = q->total ? 0 : set;
    } else if (path_is(p, "支出") && w && (total || (k = vocab_word(v, DIM_KIND, w)) >= 0))
        q->fam = FAM_SPEND, q->total = total, q->mask = total ? 0 : 1u << k;
    else if ((path_is(p, "三公") || path_is(p, "三公经费")) && w &&
             (total || vocab_set(v, DIM_ITEM, w, &set)))
        q->fam = FAM_SANGONG, q->total = total || set == all, q->mask = set == all ? 0 : set;
    else if (path_is(p, "机关运行经费") && !s)
        q->fam = FAM_ADMIN, q->total = true;
    else if (path_is(p, "基本支出") && s && !s->name && !s->next)
        q->fam = FAM_ADMIN, q->code = s->index->text;
    path_text(v, p, q->path, sizeof q->path);
}

/* Finds whether Q is a change from last year (E3) and its family (E2).  The
 * family is read from the text even when the quote cannot be computed (so
 * that check_sums can leave its total alone). */
static void read_quote(N *n, Quote *q)
{
    const PathSeg *now = NULL, *last = NULL;
    const Expr *c = find_change(n->m->vocab, q->value, &now, &last);
    char msg[256];
    if (c) {
        const PathSeg *lastp = c->lhs->atom->path == now ? c->rhs->atom->path : c->lhs->atom->path;
        path_text(n->m->vocab, now, q->path, sizeof q->path);
        q->yoy = q->ok && model_value(n->m, now, n->ctx, &q->now, NULL, NULL, msg, sizeof msg) == VAL_OK &&
                 model_value(n->m, lastp, n->ctx, &q->last, NULL, NULL, msg, sizeof msg) == VAL_OK &&
                 dec_sub(q->now, q->last, &q->part_v) == DEC_OK;
        q->ok = q->ok && q->yoy;
        if (c == q->value) {
            q->change = true;
            classify(n->m->vocab, q, now);
        }
    } else if (q->value->kind == E_PATH && (path_is(q->value->atom->path, "增减") ||
                                            path_is(q->value->atom->path, "增减率"))) {
        /* 增减.A is A − 上年.A; 增减率.A its rate: the sign is the change's */
        const PathSeg *root = q->value->atom->path, *a = root->next;
        PathSeg lastp = {.name = "上年", .loc = root->loc, .next = (PathSeg *)a};
        if (!a)
            return;
        path_text(n->m->vocab, a, q->path, sizeof q->path);
        q->yoy = q->ok && model_value(n->m, a, n->ctx, &q->now, NULL, NULL, msg, sizeof msg) == VAL_OK &&
                 model_value(n->m, &lastp, n->ctx, &q->last, NULL, NULL, msg, sizeof msg) == VAL_OK;
        q->ok = q->ok && q->yoy;
        if (path_is(root, "增减")) {
            q->part_v = q->v;
            q->change = true;
            classify(n->m->vocab, q, a);
        }
    } else if (q->value->kind == E_PATH) {
        const PathSeg *p = q->value->atom->path;
        q->prior = path_is_prior(p);
        q->part_v = q->v;
        if (q->prior)
            p = p->next;
        if (p)
            classify(n->m->vocab, q, p);
        path_text(n->m->vocab, q->value->atom->path, q->path, sizeof q->path); /* with 上年. */
    }
}

/* Reads paragraph P into T and checks each quote (E1). */
static void ptext_read(N *n, const Para *p, PText *t)
{
    size_t cap = 1;
    int nparts = 0;
    for (const TextPart *x = p->parts; x; x = x->next, nparts++)
        cap += x->text ? strlen(x->text) : 1;
    memset(t, 0, sizeof *t);
    t->s = malloc(cap);
    t->q = calloc((size_t)nparts + 1, sizeof *t->q);
    t->tp = calloc((size_t)nparts + 1, sizeof *t->tp);
    t->tp_off = calloc((size_t)nparts + 1, sizeof *t->tp_off);
    if (!t->s || !t->q || !t->tp || !t->tp_off)
        return;
    for (const TextPart *x = p->parts; x; x = x->next) {
        if (x->text) {
            t->tp[t->ntp] = x;
            t->tp_off[t->ntp++] = t->n;
            memcpy(t->s + t->n, x->text, strlen(x->text));
            t->n += strlen(x->text);
            continue;
        }
        Quote *q = &t->q[t->nq++];
        q->part = x;
        q->off = t->n;
        t->s[t->n++] = QMARK;
        if (x->expr)
            eval_quote(n, q, x->expr);
        if (q->value)
            read_quote(n, q);
    }
    t->s[t->n] = '\0';
}

static void ptext_free(PText *t)
{
    free(t->s);
    free(t->q);
    free(t->tp);
    free(t->tp_off);
}

/* ---- E2: the parts of a total add up ---------------------------------------- */

static bool same_group(const Quote *a, const Quote *b)
{
    return a->fam == b->fam && a->prior == b->prior && a->change == b->change;
}

/* Whether part A strictly covers part B (a parent and its parts: 公务用车购置及运维费 and
 * 公务用车购置费; 基本支出[302] and 基本支出[30201]). */
static bool covers(const Quote *a, const Quote *b)
{
    if (a->fam == FAM_ADMIN) {
        size_t la = strlen(a->code);
        return la < strlen(b->code) && strncmp(a->code, b->code, la) == 0;
    }
    return a->mask != b->mask && (b->mask & ~a->mask) == 0;
}

/* Sums the parts IDX[0..K) of a total, skipping a part that another covers;
 * lists them in LIST.  Returns false on overflow. */
static bool sum_parts(const PText *t, const int *idx, int k, Dec *sum, char *list, size_t n)
{
    size_t o = 0;
    *sum = dec_zero();
    list[0] = '\0';
    for (int i = 0; i < k; i++) {
        const Quote *q = &t->q[idx[i]];
        bool covered = false;
        for (int j = 0; j < k && !covered; j++)
            covered = covers(&t->q[idx[j]], q);
        if (covered)
            continue;
        if (!dec_acc(sum, q->part_v))
            return false;
        char v[DEC_FMT_MAX];
        if (o < n)
            o += (size_t)snprintf(list + o, n - o, "%s%s %s", o ? " + " : "", q->path,
                                  fmt_money(q->part_v, v));
    }
    return true;
}

/* Reports total T whose parts IDX[0..K) do not add up to it. */
static void check_total(N *n, const PText *t, const Quote *tot, const int *idx, int k)
{
    Dec sum, diff;
    char list[512], a[DEC_FMT_MAX], b[DEC_FMT_MAX], c[DEC_FMT_MAX];
    if (!sum_parts(t, idx, k, &sum, list, sizeof list) || dec_cmp(sum, tot->part_v) == 0 ||
        dec_sub(sum, tot->part_v, &diff) != DEC_OK)
        return;
    const char *ch = tot->change ? _("the change of ") : "";
    diag_error(n->d, tot->part->loc, "E-QUOTE-SUM",
               "the %s quoted after %s%s add up to %s but %s%s is %s (difference %s%s): the list "
               "misses a part or counts one twice",
               tot->change ? _("changes") : _("parts"), ch, tot->path, fmt_money(sum, a), ch, tot->path,
               fmt_money(tot->part_v, b), dec_is_neg(diff) ? "" : "+", fmt_money(diff, c));
    Loc first = t->q[idx[0]].part->loc, lastl = t->q[idx[k - 1]].part->loc;
    diag_note(n->d, same_line(first, lastl) ? loc_span(first, lastl) : first, "the %s: %s",
              tot->change ? _("changes") : _("parts"), list);
}

/* E2 over paragraph T: each total with the parts quoted after it (up to the
 * next quote of the same total).  A group with a quote that cannot be
 * computed is left alone (that quote is reported already). */
static void check_sums(N *n, const PText *t)
{
    int *idx = malloc(((size_t)t->nq + 1) * sizeof *idx);
    if (!idx)
        return;
    for (int i = 0; i < t->nq; i++) {
        const Quote *tot = &t->q[i];
        if (tot->fam == FAM_NONE || !tot->total)
            continue;
        int k = 0;
        bool ok = tot->ok;
        for (int j = i + 1; j < t->nq && !(same_group(tot, &t->q[j]) && t->q[j].total); j++)
            if (same_group(tot, &t->q[j])) {
                idx[k++] = j;
                ok = ok && t->q[j].ok;
            }
        if (ok && k >= 2)
            check_total(n, t, tot, idx, k);
    }
    free(idx);
}

/* ---- E3 and E6: changes from last year -------------------------------------- */

static bool sentence_end_at(const char *s)
{
    return strncmp(s, "。", 3) == 0 || strncmp(s, "；", 3) == 0 || strncmp(s, "！", 3) == 0 ||
           strncmp(s, "？", 3) == 0;
}

static size_t prev_char(const char *s, size_t i)
{
    do
        i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

/* The direction word (vocabulary `direction`) nearest before offset OFF in
 * the same sentence, within WINDOW characters: its index (offset in *at),
 * or -1. */
static int direction_before(const Vocab *v, const PText *t, size_t off, size_t *at)
{
    const Vocab1 *dirs = &v->dim[DIM_DIRECTION];
    size_t i = off;
    for (int chars = 0; i > 0 && chars < WINDOW; chars++) {
        i = prev_char(t->s, i);
        if (sentence_end_at(t->s + i))
            return -1;
        for (int k = 0; k < dirs->n; k++) {
            size_t len = strlen(dirs->words[k].name);
            if (i + len <= off && memcmp(t->s + i, dirs->words[k].name, len) == 0) {
                *at = i;
                return k;
            }
        }
    }
    return -1;
}

/* The source range of the word of LEN bytes at offset OFF of T, or false when
 * it cannot be located exactly. */
static bool word_loc(const PText *t, size_t off, size_t len, Loc *out)
{
    for (int k = 0; k < t->ntp; k++) {
        const TextPart *p = t->tp[k];
        size_t a = t->tp_off[k], b = a + strlen(p->text);
        if (off < a || off + len > b)
            continue;
        int after = src_count_chars(t->s + off, b - off), wl = src_count_chars(t->s + off, len);
        Loc l = {p->loc.file, p->loc.line, p->loc.end_col - after, p->loc.line,
                 p->loc.end_col - after + wl};
        char buf[64];
        if (strlen(loc_text(l, buf, sizeof buf)) != len || memcmp(buf, t->s + off, len) != 0)
            return false;
        *out = l;
        return true;
    }
    return false;
}

/* E3: the direction word before change Q agrees with its sign.  Returns the
 * word's direction (2 when there is none). */
static int check_direction(N *n, const PText *t, const Quote *q)
{
    size_t at;
    int k = direction_before(n->m->vocab, t, q->off, &at);
    if (k < 0)
        return 2;
    Dec delta;
    if (dec_sub(q->now, q->last, &delta) != DEC_OK)
        return 2;
    const Word *w = &n->m->vocab->dim[DIM_DIRECTION].words[k];
    int dir = w->tags & TAG_UP ? 1 : w->tags & TAG_DOWN ? -1 : 0;
    int sign = dec_is_zero(delta) ? 0 : dec_is_neg(delta) ? -1 : 1;
    if (sign == dir)
        return dir;
    Loc l = q->part->loc;
    word_loc(t, at, strlen(w->name), &l);
    char a[DEC_FMT_MAX], b[DEC_FMT_MAX], c[DEC_FMT_MAX];
    diag_error(n->d, l, "E-QUOTE-DIRECTION",
               "the text says '%s' but %s went from %s last year to %s this year (%s%s)",
               w->name, q->path, fmt_money(q->last, a), fmt_money(q->now, b),
               sign > 0 ? "+" : "", fmt_money(delta, c));
    if (!same_line(l, q->part->loc) || l.col != q->part->loc.col)
        diag_note(n->d, q->part->loc, "the change is quoted here");
    return dir;
}

/* Whether S[A..B) contains W. */
static bool contains(const char *s, size_t a, size_t b, const char *w)
{
    size_t len = strlen(w);
    for (size_t i = a; i + len <= b; i++)
        if (memcmp(s + i, w, len) == 0)
            return true;
    return false;
}

/* Whether S[A..B) holds a reason marker: a word of the vocabulary
 * `reason`, 按…原则, or 系 (as in 系…所致; not in 系统, 体系, 关系, 联系). */
static bool has_reason(const Vocab *v, const char *s, size_t a, size_t b)
{
    const Vocab1 *r = &v->dim[DIM_REASON];
    for (int k = 0; k < r->n; k++)
        if (contains(s, a, b, r->words[k].name))
            return true;
    for (size_t i = a; i + 3 <= b; i++) {
        if (memcmp(s + i, "按", 3) == 0 && contains(s, i, b, "原则"))
            return true;
        if (memcmp(s + i, "系", 3) == 0 && !(i + 6 <= b && (memcmp(s + i + 3, "统", 3) == 0 ||
                                                         memcmp(s + i + 3, "列", 3) == 0)) &&
            !(i >= a + 3 && (memcmp(s + i - 3, "体", 3) == 0 || memcmp(s + i - 3, "关", 3) == 0 ||
                             memcmp(s + i - 3, "联", 3) == 0)))
            return true;
    }
    return false;
}

/* The sentence of T around offset OFF (up to 。 or ；): [*A, *B). */
static void sentence_of(const PText *t, size_t off, size_t *a, size_t *b)
{
    *a = off, *b = off;
    while (*a > 0) {
        size_t p = prev_char(t->s, *a);
        if (sentence_end_at(t->s + p))
            break;
        *a = p;
    }
    while (*b < t->n && !sentence_end_at(t->s + *b))
        (*b)++;
}

/* Whether the sentence of T at [A, B), or the one after it (the templates'
 * "…增长 XX%。主要原因：…"), gives a reason. */
static bool reason_near(const N *n, const PText *t, size_t a, size_t b)
{
    if (has_reason(n->m->vocab, t->s, a, b))
        return true;
    if (b >= t->n)
        return false;
    uint32_t cp;
    size_t step = utf8_at(t->s + b, &cp), c = b + (step ? step : 1), d;
    if (c >= t->n)
        return false;
    sentence_of(t, c, &c, &d);
    return has_reason(n->m->vocab, t->s, c, d);
}

/* E6: the sentence of change Q, or the next, gives a reason.  *LAST_PATH
 * and *LAST_AT remember the figure and sentence warned about, so that 增减
 * and 增减率 of one figure in one sentence are one warning. */
static void check_reason(N *n, const PText *t, const Quote *q, const char **last_path,
                         size_t *last_at)
{
    size_t a, b;
    sentence_of(t, q->off, &a, &b);
    if (reason_near(n, t, a, b))
        return;
    if (*last_path && strcmp(*last_path, q->path) == 0 && *last_at == a)
        return;
    *last_path = q->path;
    *last_at = a;
    diag_warning(n->d, q->part->loc, "W-CHANGE-REASON",
                 "the change of %s from last year is stated without a reason; say why in the same "
                 "sentence or the next (主要…, 由于…, 用于…)",
                 q->path);
}

/* A 决算's 说明 says why a figure's 决算数 differs from its 预算数: a quote
 * of 完成率.X other than 100, or of 预算.X beside X in one sentence with
 * another value, needs a reason in its sentence or the next
 * (W-DEVIATION-REASON); once per figure and sentence. */
static void check_deviation(N *n, const PText *t)
{
    char warned[PATHN] = "";
    size_t warned_at = 0;
    for (int i = 0; i < t->nq; i++) {
        const Quote *q = &t->q[i];
        if (!q->ok || !q->value || q->value->kind != E_PATH)
            continue;
        const PathSeg *root = q->value->atom->path;
        bool rate = path_is(root, "完成率"), plan = path_is(root, "预算");
        if ((!rate && !plan) || !root->next)
            continue;
        char fig[PATHN];
        path_text(n->m->vocab, root->next, fig, sizeof fig);
        size_t a, b;
        sentence_of(t, q->off, &a, &b);
        while (b < t->n && memcmp(t->s + b, "；", strlen("；")) == 0) {
            size_t c; /* the whole sentence up to 。: its parts share the reason */
            sentence_of(t, b + strlen("；"), &c, &b);
        }
        Dec actual = q->v;
        bool differs = false, more = false;
        if (rate)
            differs = dec_cmp(q->v, dec_from_int(100)) != 0, more = dec_cmp(q->v, dec_from_int(100)) > 0;
        else
            for (int j = 0; j < t->nq && !differs; j++) {
                const Quote *o = &t->q[j];
                if (j == i || !o->ok || !o->value || o->value->kind != E_PATH ||
                    o->off < a || o->off > b || strcmp(o->path, fig) != 0)
                    continue;
                actual = o->v;
                differs = dec_cmp(o->v, q->v) != 0, more = dec_cmp(o->v, q->v) > 0;
            }
        if (!differs || reason_near(n, t, a, b))
            continue;
        if (strcmp(warned, fig) == 0 && warned_at == a)
            continue;
        snprintf(warned, sizeof warned, "%s", fig);
        warned_at = a;
        char x[DEC_FMT_MAX], y[DEC_FMT_MAX];
        const char *why = more ? "决算数大于预算数的主要原因：…" : "决算数小于预算数的主要原因：…";
        if (rate)
            diag_warning(n->d, q->part->loc, "W-DEVIATION-REASON",
                         "%s was %s%% of its budget, and the text does not say why; say it in "
                         "this sentence or the next (%s)",
                         fig, fmt_money(q->v, x), why);
        else
            diag_warning(n->d, q->part->loc, "W-DEVIATION-REASON",
                         "%s differs from its budget (%s against %s), and the text does not say "
                         "why; say it in this sentence or the next (%s)",
                         fig, fmt_money(actual, x), fmt_money(q->v, y), why);
    }
}

/* ---- the paragraphs ---------------------------------------------------------- */

static void check_paragraph(N *n, const Para *p)
{
    PText t;
    ptext_read(n, p, &t);
    if (t.s && t.q && t.tp && t.tp_off) {
        check_sums(n, &t);
        const char *warned = NULL;
        size_t warned_at = 0;
        for (int i = 0; i < t.nq; i++) {
            if (!t.q[i].yoy)
                continue;
            int dir = check_direction(n, &t, &t.q[i]);
            if (dir == 1 || dir == -1)
                check_reason(n, &t, &t.q[i], &warned, &warned_at);
        }
        if (n->m->final)
            check_deviation(n, &t);
    }
    ptext_free(&t);
}

/* ---- the pass ---------------------------------------------------------------- */

/* The checks of the narrative of UNIT (-1: the department's). */
static void check_one(const Model *m, DiagCtx *d, Causes *cs, int unit)
{
    N n = {m, d, model_narrative(m, unit), {unit, -1}, {0}, cs};
    if (unit >= 0 && !n.nr->present)
        return; /* a unit's own narrative is optional */
    check_section_words(&n);
    for (int i = 0; i < n.nr->nparas; i++) {
        if (n.nr->paras[i].kind == PARA_INSERT)
            check_insert(&n, &n.nr->paras[i]);
        else
            check_paragraph(&n, &n.nr->paras[i]);
    }
    check_missing_sections(&n);
    check_admin_scope(&n);
    check_sangong_section(&n);
    if (n.nr->nparas)
        rounding_report(d, m, &n.rounding, n.nr->paras[0].loc,
                        unit < 0 ? _("the narrative") : _("the unit's narrative"));
}

int check_narrative(const Model *m, DiagCtx *d, Causes *cs)
{
    int before = d->nerrors;
    for (int u = -1; u < m->nunits; u++)
        check_one(m, d, cs, u);
    return d->nerrors - before;
}
