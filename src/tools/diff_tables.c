/*
 * diff_tables.c — budc diff: the department's nine tables, the totals the
 * change moved, and the facts the author edited.
 *
 * Tables are compared row by row (rows matched by key: a code, a label or
 * 合计) and cell by cell; a blank cell and 0.00 are equal.  A row that only
 * one budget has is compared with a blank row, so an added row lists its
 * amounts as changes from nothing.  The total rows among the changes (合计,
 * 本年收入合计, 收入总计, 三公小计 …) are also listed in "totals", first.
 *
 * Facts are compared as sums per key (unit, source, code, kind …), in a
 * canonical order (the units as the new budget orders them, then fund
 * source, code, kind), so that reordering or splitting lines is no change.
 */
#include <stdlib.h>
#include <string.h>

#include "tools/diff_impl.h"

/* ---- tables --------------------------------------------------------------------------- */

/* Whether a row is a total: 合计, or a label ending in 合计, 总计 or 小计. */
static bool is_total(const TRow *r)
{
    static const char *const ends[] = {"合计", "总计", "小计"};
    if (r->kind == ROW_TOTAL)
        return true;
    size_t n = strlen(r->key);
    for (int k = 0; k < 3 && r->kind == ROW_LABEL; k++) {
        size_t e = strlen(ends[k]);
        if (n >= e && strcmp(r->key + n - e, ends[k]) == 0)
            return true;
    }
    return false;
}

typedef struct TablePair {
    const Table *old, *new;
} TablePair;

static bool same_row(const void *ctx, int i, int j)
{
    const TablePair *t = ctx;
    return strcmp(t->old->rows[i].key, t->new->rows[j].key) == 0;
}

static uint64_t key_row(const void *ctx, bool new, int i)
{
    const TablePair *t = ctx;
    return hash_str(HASH_SEED, (new ? t->new : t->old)->rows[i].key);
}

/* The total entry of a changed cell: the table, row and column. */
static void total_entry(Diff *d, cJSON *totals, const Table *t, const TRow *r, int c,
                        const Cell *a, const Cell *b)
{
    JB *jb = &d->jb;
    cJSON *o = jb_object(jb, totals, NULL);
    jb_str(jb, o, "table", t->def->key);
    jb_str(jb, o, "word", t->def->word);
    jb_str(jb, o, "row", r->key);
    jb_str(jb, o, "name", r->name);
    jb_str(jb, o, "column", t->def->cols[c].key);
    jb_str(jb, o, "title", t->def->cols[c].title);
    diff_amounts(d, o, a->set, a->v, b->set, b->v, true);
}

/* The cells of rows A and B (either may be NULL: a blank row) that differ,
 * into CELLS; the totals among them into TOTALS too. */
static void row_cells(Diff *d, cJSON *cells, cJSON *totals, const Table *t, const TRow *a,
                      const TRow *b)
{
    static const Cell blank = {{0, 0}, false};
    const TRow *r = b ? b : a;
    for (int c = 0; c < t->ncols; c++) {
        const Cell *x = a ? &a->cells[c] : &blank, *y = b ? &b->cells[c] : &blank;
        if (amount_same(x->set, x->v, y->set, y->v))
            continue;
        cJSON *o = jb_object(&d->jb, cells, NULL);
        jb_str(&d->jb, o, "column", t->def->cols[c].key);
        jb_str(&d->jb, o, "title", t->def->cols[c].title);
        diff_amounts(d, o, x->set, x->v, y->set, y->v, true);
        if (is_total(r))
            total_entry(d, totals, t, r, c, x, y);
    }
}

/* Step P of the rows of table pair TP, as an entry of ROWS when a cell differs. */
static void row_diff(Diff *d, cJSON *rows, cJSON *totals, const TablePair *tp, DiffPair p)
{
    static const char *const kinds[] = {[ROW_TOTAL] = "total", [ROW_CODE] = "code",
                                        [ROW_LABEL] = "label"};
    const TRow *a = p.old >= 0 ? &tp->old->rows[p.old] : NULL;
    const TRow *b = p.new >= 0 ? &tp->new->rows[p.new] : NULL;
    const TRow *r = b ? b : a;
    cJSON *cells = cJSON_CreateArray();
    row_cells(d, cells, totals, tp->new, a, b);
    if (!cells || !cells->child) {
        cJSON_Delete(cells);
        return;
    }
    cJSON *o = diff_entry(d, rows, p);
    jb_str(&d->jb, o, "kind", kinds[r->kind]);
    jb_str(&d->jb, o, "key", r->key);
    jb_str(&d->jb, o, "name", r->name);
    jb_bool(&d->jb, o, "total", is_total(r));
    jb_add(&d->jb, o, "cells", cells);
}

/* Table ID of the new budget and the table with its key in the old one, as
 * an element of TABLES when a row differs. */
static void table_diff(Diff *d, cJSON *totals, cJSON *tables, int id)
{
    static const Table none = {0};
    const Table *b = model_table(d->new, id, -1), *a = &none;
    for (int i = 0; i < model_ntables(d->old); i++)
        if (strcmp(model_table(d->old, i, -1)->def->key, b->def->key) == 0)
            a = model_table(d->old, i, -1);
    TablePair tp = {a, b};
    DiffPair *steps = diff_pairs(tp.old->nrows + tp.new->nrows);
    int n = diff_match(tp.old->nrows, tp.new->nrows, same_row, key_row, &tp, steps);
    cJSON *rows = cJSON_CreateArray();
    for (int k = 0; k < n; k++)
        row_diff(d, rows, totals, &tp, steps[k]);
    free(steps);
    if (!rows || !rows->child) {
        cJSON_Delete(rows);
        return;
    }
    cJSON *o = jb_object(&d->jb, tables, NULL);
    jb_str(&d->jb, o, "key", b->def->key);
    jb_int(&d->jb, o, "number", b->def->number);
    jb_str(&d->jb, o, "title", b->def->title);
    jb_str(&d->jb, o, "word", b->def->word);
    jb_add(&d->jb, o, "rows", rows);
}

void diff_tables(Diff *d, cJSON *totals, cJSON *tables)
{
    for (int id = 0; id < model_ntables(d->new); id++)
        table_diff(d, totals, tables, id);
}

/* ---- facts ---------------------------------------------------------------------------- */

/* A fact's key and the sum of the lines that have it. */
typedef struct Key {
    FactKind kind;
    int rank;         /* the unit's place: in the new budget, then the old only */
    const char *unit;
    const char *src;  /* the fund source's word */
    int src_rank;     /* its place in the vocabulary */
    const char *code; /* spending, economic; "" otherwise */
    const char *word; /* the kind, class or item; "" for income */
    int word_rank;
    Dec amount;
    const Model *m;   /* for the catalogue name of the code */
} Key;
static int fact_cmp(const void *pa, const void *pb)
{
    const Key *a = pa, *b = pb;
    int c;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    if (a->src_rank != b->src_rank)
        return a->src_rank < b->src_rank ? -1 : 1;
    if ((c = strcmp(a->code, b->code)) != 0)
        return c;
    return a->word_rank < b->word_rank ? -1 : a->word_rank > b->word_rank;
}

/* The place of unit U of M in the output: its index in the new budget
 * (D->new), else after those, its index in the old one. */
static int unit_rank(const Diff *d, const Model *m, int u)
{
    const char *id = diff_unit(m, u);
    for (int i = 0; id && i < d->new->nunits; i++)
        if (strcmp(d->new->units[i].id, id) == 0)
            return i;
    return d->new->nunits + u;
}

/* The facts of M, sorted and summed per key; returns how many into *OUT.
 * A fact's key is its kind's (facts.h): unit, source, code and word. */
static int collect_facts(const Diff *d, const Model *m, Key **out)
{
    int total = 0;
    for (int k = 0; k < F__COUNT; k++)
        total += m->nfacts[k];
    Key *f = xmalloc((size_t)(total + 1) * sizeof *f);
    int n = 0;
    for (int k = 0; k < F__COUNT; k++) {
        int w = fact_types[k].word;
        for (int i = 0; i < m->nfacts[k]; i++) {
            const Fact *x = &m->facts[k][i];
            const char *u = diff_unit(m, x->unit);
            f[n++] = (Key){(FactKind)k,
                           unit_rank(d, m, x->unit),
                           u ? u : "",
                           vocab_name(m->vocab, DIM_SOURCE, x->dim[DIM_SOURCE]),
                           x->dim[DIM_SOURCE],
                           x->code ? x->code : "",
                           w >= 0 ? vocab_name(m->vocab, (Dim)w, x->dim[w]) : "",
                           w >= 0 ? x->dim[w] : 0,
                           x->amount,
                           m};
        }
    }
    qsort(f, (size_t)n, sizeof *f, fact_cmp);
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (k > 0 && fact_cmp(&f[k - 1], &f[i]) == 0)
            dec_acc(&f[k - 1].amount, f[i].amount);
        else
            f[k++] = f[i];
    }
    *out = f;
    return k;
}

typedef struct FactPair {
    const Key *old, *new;
} FactPair;

static bool same_fact(const void *ctx, int i, int j)
{
    const FactPair *f = ctx;
    const Key *a = &f->old[i], *b = &f->new[j];
    return a->kind == b->kind && a->rank == b->rank && strcmp(a->src, b->src) == 0 &&
           strcmp(a->code, b->code) == 0 && strcmp(a->word, b->word) == 0;
}

static uint64_t key_fact(const void *ctx, bool new, int i)
{
    const FactPair *f = ctx;
    const Key *a = &(new ? f->new : f->old)[i];
    int kr[2] = {(int)a->kind, (int)a->rank};
    uint64_t h = hash_bytes(HASH_SEED, kr, sizeof kr);
    return hash_str(hash_str(hash_str(h, a->src), a->code), a->word);
}

/* The catalogue name of a fact's code, or NULL. */
static const char *code_name(const Key *f)
{
    int cat = fact_types[f->kind].catalog;
    const CatEntry *e = cat >= 0 ? cat_find(&f->m->cat->k[cat], f->code) : NULL;
    return e ? e->name : NULL;
}

/* Step P of the facts, as an entry of ARR when the amounts differ. */
static void fact_diff(Diff *d, cJSON *arr, const FactPair *fp, DiffPair p)
{
    const Key *a = p.old >= 0 ? &fp->old[p.old] : NULL, *b = p.new >= 0 ? &fp->new[p.new] : NULL;
    const Key *f = b ? b : a;
    const FactType *ft = &fact_types[f->kind];
    if (amount_same(a != NULL, a ? a->amount : dec_zero(), b != NULL, b ? b->amount : dec_zero()))
        return;
    JB *jb = &d->jb;
    cJSON *o = diff_entry(d, arr, p);
    jb_str(jb, o, "fact", ft->key);
    jb_str(jb, o, "unit", f->unit);
    jb_str(jb, o, "source", f->src);
    if (ft->catalog >= 0 && f->code[0]) { /* income has a code in a 决算 only */
        jb_str(jb, o, "code", f->code);
        jb_str(jb, o, "name", code_name(f));
    }
    if (ft->word >= 0)
        jb_str(jb, o, ft->word_key, f->word);
    diff_amounts(d, o, a != NULL, a ? a->amount : dec_zero(), b != NULL,
                 b ? b->amount : dec_zero(), true);
}

void diff_facts(Diff *d, cJSON *arr)
{
    Key *a, *b;
    int na = collect_facts(d, d->old, &a), nb = collect_facts(d, d->new, &b);
    FactPair fp = {a, b};
    DiffPair *steps = diff_pairs(na + nb);
    int n = diff_match(na, nb, same_fact, key_fact, &fp, steps);
    for (int k = 0; k < n; k++)
        fact_diff(d, arr, &fp, steps[k]);
    free(steps);
    free(a);
    free(b);
}
