/*
 * query.h — the one place that adds facts up.
 *
 * Every figure budc shows or checks is a sum of the facts some filters
 * select (facts.h): a table's cell (its row's and its column's figures,
 * tables.c), a quote's path (value.c), a fund source's balance
 * (check/balance.c).  query_sum gives the sum and, when asked, where the
 * facts it adds are written (the notes of a broken identity).
 */
#ifndef BUDC_QUERY_H
#define BUDC_QUERY_H

#include <stdbool.h>

#include "model/model.h"

/* Whether fact X of kind K of M is one F selects. */
static inline bool query_has(const Model *m, const Filter *f, FactKind k, const Fact *x)
{
    bool admin = f->admin_only && x->unit >= 0 && x->unit < m->nunits && m->units[x->unit].admin;
    return filter_has(f, k, x, admin);
}

/* Whether a filter of FS selects X.  (Inline, as filter_has.) */
static inline bool query_any(const Model *m, const Figures *fs, FactKind k, const Fact *x)
{
    for (int i = 0; i < fs->n; i++)
        if (query_has(m, &fs->f[i], k, x))
            return true;
    return false;
}

/* Calls FN(CTX, X) for each fact X of UNIT (-1: every unit) that a filter
 * of FS selects, in the order they are written. */
void query_each(const Model *m, const Figures *fs, int unit,
                void (*fn)(void *ctx, const Fact *x), void *ctx);

/* The sum of the facts of UNIT (-1: every unit) that a filter of FS
 * selects, into *OUT; whether any fact was added.  TRACE, if not NULL,
 * receives where they are written. */
bool query_sum(const Model *m, const Figures *fs, int unit, Dec *out, Trace *trace);

/* The same for one filter. */
bool query_filter(const Model *m, const Filter *f, int unit, Dec *out, Trace *trace);

/* The sum of the facts F selects, into *OUT, and the first of them (NULL
 * when there is none). */
const Fact *query_first(const Model *m, const Filter *f, Dec *out);

/* The spending lines of kind 项目 (支出.项目: the kind tagged project). */
Filter query_project_spending(const Model *m);

/* Cell (R, COL) of the department's table T, as query_sum: the facts both
 * the row and the column select.  Its value is the table's; this is for
 * TRACE, the facts that make it up. */
bool query_cell(const Model *m, const Table *t, const TRow *r, int col, Dec *out, Trace *trace);

/* Adds the location AT to TRACE (the first trace->max are kept). */
void trace_add(Trace *trace, Loc at);

#endif
