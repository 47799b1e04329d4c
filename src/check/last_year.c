/*
 * last_year.c — the columns of last year in the tables (a `column … 上年` of
 * a table definition, the 上年预算数 of the 三公 table): every row printed
 * with an amount this year has last year's beside it (W-TABLE-PRIOR).
 *
 * Last year's figure of a row is its `prior` line (the unit's own in a
 * unit's table), the sum of the lines of its parts, or the figure of last
 * year's budget named with prior "FILE" (model/value.c).  A row whose
 * figure none of these gives is printed blank in that column: a table
 * ready to publish has none such.  A budget that says nothing of last year
 * (no `prior` anywhere) is not warned: its columns are blank throughout,
 * as its quotes of 上年 are errors already.
 */
#include <stdio.h>
#include <string.h>

#include "check/passes.h"
#include "base/i18n.h"
#include "model/query.h"

/* Whether row R has an amount this year (a column that adds up facts). */
static bool has_amount(const TableDef *def, const TRow *r)
{
    for (int c = 0; c < def->ncols; c++)
        if (def->cols[c].kind == COL_SUM && r->cells[c].set && !dec_is_zero(r->cells[c].v))
            return true;
    return false;
}

/* The first fact of row R of T, for the warning's place. */
static Loc row_fact(const Model *m, const Table *t, const TRow *r, Loc fallback)
{
    for (int c = 0; c < t->def->ncols; c++) {
        if (t->def->cols[c].kind != COL_SUM)
            continue;
        Loc one;
        Trace tr = {&one, 1, 0, 0};
        Dec v;
        query_cell(m, t, r, c, &v, &tr);
        if (tr.n > 0)
            return one;
    }
    return fallback;
}

static void last_year_table(const Model *m, DiagCtx *d, const Table *t, int unit)
{
    const TableDef *def = t->def;
    int col = -1;
    for (int c = 0; c < def->ncols && col < 0; c++)
        if (def->cols[c].kind == COL_PRIOR && strcmp(def->cols[c].of, "上年") == 0)
            col = c;
    if (col < 0)
        return;
    char rows[512] = "";
    size_t o = 0;
    int n = 0;
    const TRow *first = NULL;
    for (int r = 0; r < t->nrows; r++) {
        const TRow *row = &t->rows[r];
        if (row->cells[col].set || !has_amount(def, row))
            continue;
        char path[128];
        /* the row's first figure: the one a reader looks for */
        path_text(m->vocab, row->def->figs ? row->def->figs->path : NULL, path,
                  sizeof path - sizeof ".合计"); /* room for .合计 */
        if (!strchr(path, '.'))
            strcat(path, ".合计");
        char item[136];
        snprintf(item, sizeof item, "上年.%s", path);
        if (strstr(rows, item)) /* 合计 and 三公小计 are both 三公 */
            continue;
        if (n < 3 && o < sizeof rows)
            o += (size_t)snprintf(rows + o, sizeof rows - o, "%s上年.%s", n ? ", " : "", path);
        if (!first)
            first = row;
        n++;
    }
    if (!first)
        return;
    const Unit *u = unit >= 0 ? &m->units[unit] : NULL;
    Loc at = row_fact(m, t, first, u ? u->loc : m->dept_loc);
    char more[48] = "";
    if (n > 3)
        snprintf(more, sizeof more, _(" and %d more"), n - 3);
    diag_warning(d, at, "W-TABLE-PRIOR",
                 "%s%s%s prints last year's figures (%s), but %s%s %s not known: state %s in "
                 "%s 'prior' block, or name last year's budget with prior \"FILE\"",
                 def->word, u ? " of unit " : "", u ? u->id : "", def->cols[col].title, rows, more,
                 n == 1 ? "is" : "are", n == 1 ? "it" : "them", u ? "the unit's" : "the");
}

/* Whether the budget says anything of last year: a `prior` line of the
 * department or of a unit, or last year's budget. */
static bool knows_last_year(const Model *m)
{
    bool any = m->nprior > 0 || m->prior_model;
    for (int u = 0; u < m->nunits && !any; u++)
        any = m->units[u].nprior > 0;
    return any;
}

int check_last_year(const Model *m, DiagCtx *d)
{
    if (!knows_last_year(m)) /* a budget without last year prints the column blank */
        return 0;
    for (int t = 0; t < model_ntables(m); t++) {
        const Table *dept = model_table(m, t, -1);
        last_year_table(m, d, dept, -1);
        for (int u = 0; u < m->nunits; u++) {
            const Table *ut = model_table(m, t, u);
            if (ut->rows != dept->rows) /* a unit that is the whole department is said once */
                last_year_table(m, d, ut, u);
        }
    }
    return 0;
}
