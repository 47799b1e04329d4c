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

/* The total entry of a changed cell: the table, row and column. */
static void total_entry(Diff *d, cJSON *totals, const Table *t, const TRow *r, int c,
                        const Cell *a, const Cell *b)
{
    JB *jb = &d->jb;
    cJSON *o = jb_object(jb, totals, NULL);
    jb_str(jb, o, "table", table_key(t->id));
    jb_str(jb, o, "word", table_word(t->id));
    jb_str(jb, o, "row", r->key);
    jb_str(jb, o, "name", r->name);
    jb_str(jb, o, "column", t->col_keys[c]);
    jb_str(jb, o, "title", t->cols[c]);
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
        jb_str(&d->jb, o, "column", t->col_keys[c]);
        jb_str(&d->jb, o, "title", t->cols[c]);
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

/* Table ID of both budgets, as an element of TABLES when a row differs. */
static void table_diff(Diff *d, cJSON *totals, cJSON *tables, TableId id)
{
    static const Table none = {0};
    const Table *a = model_table(d->old, id, -1), *b = model_table(d->new, id, -1);
    TablePair tp = {a ? a : &none, b ? b : &none};
    if (!a || !b)
        d->jb.failed = true;
    if (!b)
        return;
    DiffPair *steps = diff_pairs(tp.old->nrows + tp.new->nrows);
    int n = diff_match(tp.old->nrows, tp.new->nrows, same_row, &tp, steps);
    cJSON *rows = cJSON_CreateArray();
    for (int k = 0; k < n; k++)
        row_diff(d, rows, totals, &tp, steps[k]);
    free(steps);
    if (!rows || !rows->child) {
        cJSON_Delete(rows);
        return;
    }
    cJSON *o = jb_object(&d->jb, tables, NULL);
    jb_str(&d->jb, o, "key", table_key(id));
    jb_int(&d->jb, o, "number", (long)id + 1);
    jb_str(&d->jb, o, "title", table_title(id));
    jb_str(&d->jb, o, "word", table_word(id));
    jb_add(&d->jb, o, "rows", rows);
}

void diff_tables(Diff *d, cJSON *totals, cJSON *tables)
{
    for (int id = 0; id < T__COUNT; id++)
        table_diff(d, totals, tables, (TableId)id);
}

/* ---- facts ---------------------------------------------------------------------------- */

typedef enum FactCat { F_INCOME, F_SPENDING, F_ECONOMIC, F_SANGONG } FactCat;

/* A fact's key and the sum of the lines that have it. */
typedef struct Fact {
    FactCat cat;
    int rank;         /* the unit's place: in the new budget, then the old only */
    const char *unit;
    Source src;
    const char *code; /* spending, economic; "" otherwise */
    int kind;         /* Kind, EconClass or SgItem; 0 for income */
    Dec amount;
    const Model *m;   /* for the catalogue name of the code */
} Fact;

static int fact_cmp(const void *pa, const void *pb)
{
    const Fact *a = pa, *b = pb;
    int c;
    if (a->cat != b->cat)
        return a->cat < b->cat ? -1 : 1;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    if (a->src != b->src)
        return a->src < b->src ? -1 : 1;
    if ((c = strcmp(a->code, b->code)) != 0)
        return c;
    return a->kind < b->kind ? -1 : a->kind > b->kind;
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

typedef struct FactList {
    const Diff *d;
    const Model *m;
    Fact *f;
    int n;
} FactList;

static void put_fact(FactList *l, FactCat cat, int unit, Source src, const char *code, int kind,
                     Dec amount)
{
    const char *u = diff_unit(l->m, unit);
    l->f[l->n++] = (Fact){cat, unit_rank(l->d, l->m, unit), u ? u : "", src, code ? code : "",
                          kind, amount, l->m};
}

/* The facts of M, sorted and summed per key; returns how many into *OUT. */
static int collect_facts(const Diff *d, const Model *m, Fact **out)
{
    FactList l = {d, m, NULL, 0};
    l.f = xmalloc((size_t)(m->nincome + m->nspend + m->necon + m->nsangong + 1) * sizeof *l.f);
    for (int i = 0; i < m->nincome; i++)
        put_fact(&l, F_INCOME, m->income[i].unit, m->income[i].src, NULL, 0, m->income[i].amount);
    for (int i = 0; i < m->nspend; i++)
        put_fact(&l, F_SPENDING, m->spend[i].unit, m->spend[i].src, m->spend[i].code,
                 (int)m->spend[i].kind, m->spend[i].amount);
    for (int i = 0; i < m->necon; i++)
        put_fact(&l, F_ECONOMIC, m->econ[i].unit, m->econ[i].src, m->econ[i].code,
                 (int)m->econ[i].cls, m->econ[i].amount);
    for (int i = 0; i < m->nsangong; i++)
        put_fact(&l, F_SANGONG, m->sangong[i].unit, m->sangong[i].src, NULL,
                 (int)m->sangong[i].item, m->sangong[i].amount);
    Fact *f = l.f;
    int n = l.n;
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
    const Fact *old, *new;
} FactPair;

static bool same_fact(const void *ctx, int i, int j)
{
    const FactPair *f = ctx;
    return fact_cmp(&f->old[i], &f->new[j]) == 0;
}

/* The catalogue name of a fact's code, or NULL. */
static const char *code_name(const Fact *f)
{
    const CatEntry *e = NULL;
    if (f->cat == F_SPENDING)
        e = cat_find(&f->m->cat.k[CAT_FUNCTION], f->code);
    else if (f->cat == F_ECONOMIC)
        e = cat_find(&f->m->cat.k[CAT_ECONOMIC], f->code);
    return e ? e->name : NULL;
}

/* Step P of the facts, as an entry of ARR when the amounts differ. */
static void fact_diff(Diff *d, cJSON *arr, const FactPair *fp, DiffPair p)
{
    static const char *const cats[] = {"income", "spending", "economic", "sangong"};
    const Fact *a = p.old >= 0 ? &fp->old[p.old] : NULL, *b = p.new >= 0 ? &fp->new[p.new] : NULL;
    const Fact *f = b ? b : a;
    if (amount_same(a != NULL, a ? a->amount : dec_zero(), b != NULL, b ? b->amount : dec_zero()))
        return;
    JB *jb = &d->jb;
    cJSON *o = diff_entry(d, arr, p);
    jb_str(jb, o, "fact", cats[f->cat]);
    jb_str(jb, o, "unit", f->unit);
    jb_str(jb, o, "source", source_name(f->src));
    if (f->cat == F_SPENDING || f->cat == F_ECONOMIC) {
        jb_str(jb, o, "code", f->code);
        jb_str(jb, o, "name", code_name(f));
    }
    if (f->cat == F_SPENDING)
        jb_str(jb, o, "kind", kind_name((Kind)f->kind));
    else if (f->cat == F_ECONOMIC)
        jb_str(jb, o, "class", econ_class_name((EconClass)f->kind));
    else if (f->cat == F_SANGONG)
        jb_str(jb, o, "item", sg_item_name((SgItem)f->kind));
    diff_amounts(d, o, a != NULL, a ? a->amount : dec_zero(), b != NULL,
                 b ? b->amount : dec_zero(), true);
}

void diff_facts(Diff *d, cJSON *arr)
{
    Fact *a, *b;
    int na = collect_facts(d, d->old, &a), nb = collect_facts(d, d->new, &b);
    FactPair fp = {a, b};
    DiffPair *steps = diff_pairs(na + nb);
    int n = diff_match(na, nb, same_fact, &fp, steps);
    for (int k = 0; k < n; k++)
        fact_diff(d, arr, &fp, steps[k]);
    free(steps);
    free(a);
    free(b);
}
