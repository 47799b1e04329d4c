/*
 * query.c — sums of facts (see query.h).
 */
#include "model/query.h"

#include <string.h>



void trace_add(Trace *trace, Loc at)
{
    if (!trace)
        return;
    if (trace->n < trace->max)
        trace->locs[trace->n++] = at;
    trace->total++;
}

void query_each(const Model *m, const Figures *fs, int unit,
                void (*fn)(void *ctx, const Fact *x), void *ctx)
{
    for (int k = 0; k < F__COUNT; k++) {
        bool used = false;
        for (int i = 0; i < fs->n; i++)
            used |= fs->f[i].kind == (FactKind)k;
        for (int i = 0; used && i < m->nfacts[k]; i++) {
            const Fact *x = &m->facts[k][i];
            if ((unit < 0 || x->unit == unit) && query_any(m, fs, (FactKind)k, x))
                fn(ctx, x);
        }
    }
}

typedef struct Acc {
    Dec sum;
    bool any;
    Trace *trace;
} Acc;

/* Adds fact X to the sum and the trace. */
static void take(void *ctx, const Fact *x)
{
    Acc *a = ctx;
    dec_acc(&a->sum, x->amount);
    a->any = true;
    trace_add(a->trace, x->amount_loc);
}

bool query_sum(const Model *m, const Figures *fs, int unit, Dec *out, Trace *trace)
{
    Acc a = {dec_zero(), false, trace};
    query_each(m, fs, unit, take, &a);
    *out = a.sum;
    return a.any;
}

bool query_filter(const Model *m, const Filter *f, int unit, Dec *out, Trace *trace)
{
    Figures fs = {f, 1};
    return query_sum(m, &fs, unit, out, trace);
}

/* Whether row R of a derived table adds up fact X. */
static bool row_has(const Model *m, const TRow *r, FactKind k, const Fact *x)
{
    const RowDef *rd = r->def;
    if (!query_any(m, &rd->sums, k, x))
        return false;
    if (rd->what == RD_CODES)
        return x->code && strncmp(x->code, r->key, strlen(r->key)) == 0;
    if (rd->what == RD_ROWS)
        return x->dim[rd->dim] == r->word;
    return true;
}

bool query_cell(const Model *m, const Table *t, const TRow *r, int col, Dec *out, Trace *trace)
{
    Acc a = {dec_zero(), false, trace};
    const Figures *cf = &t->def->cols[col].sums;
    for (int k = 0; k < F__COUNT; k++)
        for (int i = 0; i < m->nfacts[k]; i++) {
            const Fact *x = &m->facts[k][i];
            if (query_any(m, cf, (FactKind)k, x) && row_has(m, r, (FactKind)k, x))
                take(&a, x);
        }
    *out = a.sum;
    return a.any;
}

typedef struct First {
    Dec sum;
    const Fact *first;
} First;

static void add_first(void *ctx, const Fact *x)
{
    First *f = ctx;
    dec_acc(&f->sum, x->amount);
    if (!f->first)
        f->first = x;
}

const Fact *query_first(const Model *m, const Filter *f, Dec *out)
{
    First acc = {dec_zero(), NULL};
    Figures fs = {f, 1};
    query_each(m, &fs, -1, add_first, &acc);
    *out = acc.sum;
    return acc.first;
}

Filter query_project_spending(const Model *m)
{
    Filter f = filter_all(F_SPENDING);
    f.allow[DIM_KIND] = m->defs->kind_project >= 0 ? (WordSet)1 << m->defs->kind_project : 0;
    return f;
}
