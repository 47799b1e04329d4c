/*
 * diff_exec.c — `budc diff BUDGET.bud FINAL.bud`: a budget against the 决算
 * that executes it (docs/diff.md, "Budget against execution").  The tables
 * of the two are of different kinds, so instead of them the document has
 * an area "execution": for the total, 基本支出 and 项目支出, and every
 * function code either spends on (with its 类 and 款), the budget's figure,
 * the 决算's and the rate of execution (决算 × 100 / 预算, 2 decimals).
 */
#include <stdlib.h>
#include <string.h>

#include "model/catalog.h"
#include "model/query.h"
#include "tools/diff_impl.h"

typedef struct Code {
    const char *code;
    Dec amount[2]; /* the budget's, the 决算's */
    bool has[2];
} Code;

static int cmp_code(const void *a, const void *b)
{
    return strcmp(((const Code *)a)->code, ((const Code *)b)->code);
}

/* One row: KEY, its NAME and LEVEL (0 for a total), both amounts and the
 * rate.  A row whose 决算 differs from its 预算 is a change. */
static void row(Diff *d, cJSON *arr, const char *key, const char *name, int level, const Code *c)
{
    JB *b = &d->jb;
    cJSON *o = jb_object(b, arr, NULL);
    jb_str(b, o, "code", level ? key : NULL);
    jb_str(b, o, "name", name);
    if (level)
        jb_int(b, o, "level", level);
    else
        jb_null(b, o, "level");
    for (int k = 0; k < 2; k++)
        if (c->has[k])
            jb_money(b, o, k ? "final" : "budget", c->amount[k]);
        else
            jb_null(b, o, k ? "final" : "budget");
    Dec scaled, rate;
    if (c->has[0] && !dec_is_zero(c->amount[0]) &&
        dec_mul(c->has[1] ? c->amount[1] : dec_zero(), dec_from_int(100), &scaled) == DEC_OK &&
        dec_div_round(scaled, c->amount[0], 2, &rate) == DEC_OK)
        jb_num(b, o, "rate", rate);
    else
        jb_null(b, o, "rate");
    if (!dec_eq(c->has[0] ? c->amount[0] : dec_zero(), c->has[1] ? c->amount[1] : dec_zero()))
        d->nchanges++;
}

/* The spending of model M (side K) by code into CODES (appended). */
static void gather(const Model *m, int k, Code **codes, int *n, int *cap)
{
    for (int i = 0; i < m->nfacts[F_SPENDING]; i++) {
        const Fact *x = &m->facts[F_SPENDING][i];
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 64;
            *codes = xrealloc(*codes, (size_t)*cap * sizeof **codes);
        }
        Code *c = &(*codes)[(*n)++];
        memset(c, 0, sizeof *c);
        c->code = x->code;
        c->amount[k] = x->amount;
        c->has[k] = true;
    }
}

/* The sum of spending of kind tagged TAG (0: all) of model M. */
static Code kind_total(const Model *old, const Model *new, unsigned tag)
{
    Code c = {0};
    const Model *ms[2] = {old, new};
    for (int k = 0; k < 2; k++) {
        Filter f = filter_all(F_SPENDING);
        if (tag) {
            int w = vocab_tagged(ms[k]->vocab, DIM_KIND, tag);
            f.allow[DIM_KIND] = w >= 0 ? (WordSet)1 << w : 0;
        }
        c.has[k] = query_filter(ms[k], &f, -1, &c.amount[k], NULL);
    }
    return c;
}

/* The sum of CODES[FROM..) while their codes start with the LEN bytes of
 * CODES[FROM].code; *END receives where the run stops. */
static Code run_sum(const Code *codes, int n, int from, size_t len, int *end)
{
    Code sum = {codes[from].code, {dec_zero(), dec_zero()}, {false, false}};
    int j = from;
    for (; j < n && strlen(codes[j].code) >= len &&
           strncmp(codes[j].code, codes[from].code, len) == 0;
         j++)
        for (int k = 0; k < 2; k++)
            if (codes[j].has[k]) { /* within the sums model_build checks */
                dec_acc(&sum.amount[k], codes[j].amount[k]);
                sum.has[k] = true;
            }
    *end = j;
    return sum;
}

void diff_execution(Diff *d, cJSON *arr)
{
    const Model *old = d->old, *new = d->new;
    Code *codes = NULL;
    int n = 0, cap = 0;
    gather(old, 0, &codes, &n, &cap);
    gather(new, 1, &codes, &n, &cap);
    qsort(codes, (size_t)n, sizeof *codes, cmp_code);
    Code total = kind_total(old, new, 0), basic = kind_total(old, new, TAG_BASIC),
         project = kind_total(old, new, TAG_PROJECT);
    row(d, arr, "合计", vocab_label(new->vocab, "total"), 0, &total);
    row(d, arr, "基本支出", vocab_title(new->vocab, DIM_KIND, new->defs->kind_basic), 0, &basic);
    row(d, arr, "项目支出", vocab_title(new->vocab, DIM_KIND, new->defs->kind_project), 0, &project);
    const Catalog *cat = &new->cat->k[CAT_FUNCTION];
    /* sorted by code: the facts of a 类, a 款 and a 项 stand together; a
     * row for each 类 and 款 where it starts, then its 项 */
    for (int i = 0; i < n;) {
        size_t len = strlen(codes[i].code);
        int end = i + 1;
        for (size_t l = 3; l <= len; l += 2) {
            bool starts = i == 0 || strlen(codes[i - 1].code) < l ||
                          strncmp(codes[i - 1].code, codes[i].code, l) != 0;
            if (!starts && l < len)
                continue;
            Code sum = run_sum(codes, n, i, l, &end);
            char key[16];
            snprintf(key, sizeof key, "%.*s", (int)l, codes[i].code);
            const CatEntry *e = cat_find(cat, key);
            row(d, arr, key, e ? e->name : "", (int)(l - 1) / 2, &sum);
        }
        if (len < 3) /* a code too short to have a 类: a row of its own */
            run_sum(codes, n, i, len, &end);
        i = end; /* the last run is the 项's (or the code's own) */
    }
    free(codes);
}
