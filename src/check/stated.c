/*
 * stated.c — the tables as printed (`table WORD { … }` in a budget) against
 * the tables derived from the facts (rules.md A2, B1, B2, C1–C8, D1–D8).
 *
 * Each printed cell must equal the derived one (E-TABLE, with notes at the
 * facts that make it up); each printed code row must be a code of the
 * catalogue, in code order, under its parent (B1, B2); every row the facts
 * give must be printed (E-TABLE-MISSING), and an empty table carries a
 * note (A2).  What the tables are comes from their definitions (tabledef.h):
 * this file knows no table by name.
 */
#include <stdio.h>
#include <string.h>

#include "check/passes.h"
#include "base/i18n.h"
#include "check/report.h"
#include "model/query.h"

typedef struct C {
    const Model *m;
    DiagCtx *d;
    Causes *cs;
    int nerrors;
    Rounding rounding; /* the table's differences rounding explains */
} C;

/* The derived row a printed KEY names: the row itself, or the row the
 * table's aliases or the vocabulary's other spellings make of it. */
static const char *canonical_key(const Model *m, const TableDef *def, const char *key)
{
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < def->naliases; i++)
            if (strcmp(def->aliases[i].from, key) == 0)
                return def->aliases[i].to;
        if (pass == 1)
            break;
        bool row = false; /* a row of the table under its own name */
        for (int i = 0; i < def->nrows && !row; i++)
            row = def->rows[i].key && strcmp(def->rows[i].key, key) == 0;
        if (row)
            return key;
        const char *canon = key;
        for (int d = 0; d < DIM_FACTS && canon == key; d++)
            canon = vocab_canonical(m->vocab, (Dim)d, key);
        if (canon == key)
            break;
        key = canon;
    }
    return key;
}

/* Whether row R of T has no amount this year: its 上年 and 增减 cells do
 * not make a row the facts give (a printed table may stop before them). */
static bool row_blank(const Table *t, const TRow *r)
{
    for (int j = 0; j < t->ncols; j++)
        if (t->def->cols[j].kind == COL_SUM && r->cells[j].set && !dec_is_zero(r->cells[j].v))
            return false;
    return true;
}

static const char *level_name_of(size_t len)
{
    return len == 3 ? "类" : len == 5 ? "款" : "项";
}

/* Whether the parent of a row is one the facts give, so that leaving it out
 * is reported as E-TABLE-MISSING already. */
static bool parent_reported_missing(const Table *dt, const char *key, size_t len)
{
    char parent[16];
    snprintf(parent, sizeof parent, "%.*s", (int)len - 2, key);
    const TRow *p = table_row(dt, parent);
    return p && !row_blank(dt, p);
}

/* Whether the table's code rows are 类 only (`codes … classes`). */
static bool classes_only(const TableDef *def)
{
    for (int i = 0; i < def->nrows; i++)
        if (def->rows[i].what == RD_CODES)
            return def->rows[i].classes;
    return false;
}

/* B1, B2: the code of a stated row is known, at the level the table shows,
 * in code order, under its parent; its printed name is the catalogue's. */
static bool stated_code(C *c, const StatedTable *t, int i, const Table *dt)
{
    const TableDef *def = dt->def;
    const StatedRow *r = &t->rows[i];
    bool economic = def->catalog == CAT_ECONOMIC;
    const Catalog *cat = &c->m->cat->k[def->catalog];
    size_t len = strlen(r->key);
    const CatEntry *e = cat_find(cat, r->key);
    bool top_only = classes_only(def);
    if (!e) {
        const CatEntry *near[3];
        int k = cat_suggest(cat, r->key, near, 3);
        diag_error(c->d, r->key_loc, "E-CODE-UNKNOWN", "%s code %s is not in the catalogue%s%s%s",
                   economic ? _("economic") : _("function"), r->key, k ? _("; did you mean ") : "",
                   k ? near[0]->code : "", k ? _("?") : "");
        c->nerrors++;
        return false;
    }
    if (top_only && len != 3) {
        diag_error(c->d, r->key_loc, "E-TABLE-ROW",
                   "%s lists function 类 (3 digits) only; %s is a %s", def->word, r->key,
                   level_name_of(len));
        c->nerrors++;
        return false;
    }
    if (r->name && !names_equal(r->name, e->name))
        diag_warning(c->d, r->name_loc, "W-NAME",
                     "the printed name of %s is '%s'; the catalogue calls it '%s'", r->key, r->name,
                     e->name);
    /* order and parent, among the code rows before this one */
    const StatedRow *prev = NULL;
    bool parent = len == 3;
    for (int j = 0; j < i; j++) {
        const StatedRow *q = &t->rows[j];
        if (!q->key_is_code)
            continue;
        prev = q;
        if (strlen(q->key) + 2 == len && strncmp(q->key, r->key, len - 2) == 0)
            parent = true;
    }
    if (prev && strcmp(prev->key, r->key) >= 0) {
        diag_error(c->d, r->key_loc, "E-TABLE-ORDER",
                   "row %s comes after row %s; rows are printed in code order", r->key, prev->key);
        diag_note(c->d, prev->key_loc, "row %s is here", prev->key);
        c->nerrors++;
    } else if (!parent && !top_only && !parent_reported_missing(dt, r->key, len)) {
        diag_error(c->d, r->key_loc, "E-TABLE-PARENT",
                   "row %s has no row for its %s %.*s above it; a table shows every 类 and 款 of "
                   "the codes it lists",
                   r->key, len == 7 ? "款" : "类", (int)len - 2, r->key);
        c->nerrors++;
    }
    return true;
}

/* The facts that make up cell (D, COL), as notes; none when the row is not
 * one the facts give. */
/* The figures FIGS of a row as a 上年 or 预算 cell reads them: each after
 * PREFIX, a root alone as ROOT.合计, joined by " + " (三公.合计 + 基本支出[30215]). */
static void figs_text(const Vocab *v, const Atom *figs, const char *prefix, char *buf, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    for (const Atom *a = figs; a && o < n; a = a->next) {
        char path[256];
        path_text(v, a->path, path, sizeof path);
        o += (size_t)snprintf(buf + o, n - o, "%s%s%s%s", a == figs ? "" : " + ", prefix, path,
                              strchr(path, '.') || strchr(path, '[') ? "" : ".合计");
    }
}

static void cell_notes(C *c, const Table *dt, const TRow *d, int col, Loc row_loc,
                       const char *what)
{
    const ColDef *cd = &dt->def->cols[col];
    if (cd->kind != COL_SUM) { /* 上年 and 增减: what last year's figure is */
        char path[512], quoted[600];
        const Atom *p = d ? d->def->figs : NULL;
        figs_text(c->m->vocab, p, "", path, sizeof path);
        figs_text(c->m->vocab, p, "预算.", quoted, sizeof quoted);
        if (d && cd->kind == COL_CHANGE) {
            char x[DEC_FMT_MAX], y[DEC_FMT_MAX];
            const ColDef *ca = &dt->def->cols[cd->a], *cb = &dt->def->cols[cd->b];
            diag_note(c->d, row_loc, "%s is %s minus %s: %s - %s", cd->title, ca->title,
                      cb->title, fmt_money(d->cells[cd->a].v, x), fmt_money(d->cells[cd->b].v, y));
        } else if (strcmp(cd->of, "预算") == 0) { /* a 决算's 预算数 */
            if (!p)
                diag_note(c->d, row_loc, "this row has no figure in the budget");
            else if (d->cells[col].set)
                diag_note(c->d, row_loc, "%s is the budget's %s (%s)", cd->title, path, quoted);
            else
                diag_note(c->d, row_loc, "the budget's %s is not known: name the budget this "
                          "决算 executes with budget \"FILE\" in the department",
                          path);
        } else if (!p)
            diag_note(c->d, row_loc, "this row has no figure of last year");
        else if (d->cells[col].set)
            diag_note(c->d, row_loc, "%s is last year's %s", cd->title, path);
        else
            diag_note(c->d, row_loc, "last year's %s is not known: state it in a 'prior' "
                      "block, or name last year's budget with prior \"FILE\"",
                      path);
        return;
    }
    NOTES_TRACE(tr, locs);
    Dec v;
    if (d)
        query_cell(c->m, dt, d, col, &v, &tr);
    if (tr.total == 0)
        diag_note(c->d, row_loc, "no fact of the budget contributes to this cell");
    else
        report_notes(c->d, locs, tr.total, what);
}

static void cell_mismatch(C *c, const StatedRow *r, const Table *dt, const TRow *d, int col,
                          Dec stated, Loc at, Dec derived)
{
    char what[256];
    snprintf(what, sizeof what, _("%s, row %s, column %s"), dt->def->word, r->key,
             dt->def->cols[col].title);
    Dec gap; /* the stated value is side A, the facts side B */
    if (dec_sub(stated, derived, &gap) == DEC_OK)
        cause_cell(c->cs, cause_broken(c->cs, gap), dt, d, col, +1);
    report_mismatch(c->d, at, "E-TABLE", what, stated, N_("the table states"), derived,
                    N_("the facts give"));
    c->nerrors++;
    cell_notes(c, dt, d, col, r->loc, _("counted in this cell"));
}

/* Whether a stated cell's difference from the derived one is rounding: the
 * budget's amounts are rounded and the cell adds up few enough facts. */
static bool rounding(C *c, const StatedRow *r, const Table *dt, const TRow *d, int col, Dec stated,
                     Loc at, Dec derived)
{
    if (!c->m->rounded || !d)
        return false;
    Loc one;
    Trace tr = {&one, 1, 0, 0};
    Dec v;
    query_cell(c->m, dt, d, col, &v, &tr);
    char where[192];
    snprintf(where, sizeof where, _("row %s, column %s"), r->key, dt->def->cols[col].title);
    return rounding_explains(c->m, &c->rounding, stated, derived, tr.total, at, where);
}

static void stated_row(C *c, const StatedTable *t, int i, const Table *dt, bool *seen)
{
    const StatedRow *r = &t->rows[i];
    const char *key = canonical_key(c->m, dt->def, r->key);
    if (r->key_is_code && dt->def->catalog >= 0 && !stated_code(c, t, i, dt))
        return;
    const TRow *d = table_row(dt, key);
    if (!d && !r->key_is_code) {
        char rows[1024];
        size_t o = 0;
        rows[0] = '\0';
        for (int j = 0; j < dt->nrows && o < sizeof rows; j++)
            if (dt->rows[j].kind != ROW_CODE)
                o += (size_t)snprintf(rows + o, sizeof rows - o, "%s%s", o ? ", " : "",
                                      dt->rows[j].key);
        diag_error(c->d, r->key_loc, "E-TABLE-ROW", "%s has no row '%s'; its rows are codes and %s",
                   dt->def->word, r->key, rows);
        c->nerrors++;
        return;
    }
    if (d)
        seen[d - dt->rows] = true;
    if (r->ncells > dt->ncols) {
        diag_error(c->d, r->cells[dt->ncols].loc, "E-TABLE-COLS",
                   "%s has %d column%s of amounts; this row has %d cells", dt->def->word,
                   dt->ncols, dt->ncols == 1 ? "" : "s", r->ncells);
        c->nerrors++;
        return;
    }
    /* Each column: a stated number must equal the derived value; a blank
     * ('-' or left out at the end) must be zero. */
    for (int j = 0; j < dt->ncols; j++) {
        Dec derived = d && d->cells[j].set ? d->cells[j].v : dec_zero();
        bool stated = j < r->ncells && !r->cells[j].blank;
        if (stated) {
            if (dec_is_neg(r->cells[j].v) && dt->def->cols[j].kind != COL_CHANGE)
                continue; /* E-NEGATIVE already */
            if (!dec_eq(r->cells[j].v, derived) &&
                !rounding(c, r, dt, d, j, r->cells[j].v, r->cells[j].loc, derived))
                cell_mismatch(c, r, dt, d, j, r->cells[j].v, r->cells[j].loc, derived);
            else if (d) /* the facts of the cell are counted in an identity that holds */
                cause_cell(c->cs, cause_holds(c->cs), dt, d, j, +1);
        } else if (j >= r->ncells && dt->def->cols[j].kind != COL_SUM) {
            continue; /* a row may end before the columns of last year */
        } else if (j >= r->ncells && j > 0 && dt->def->nsides == 2 && d && d->section == 0) {
            continue; /* an income row of a two-sided table prints one amount: the
                       * columns beside it, left out, are not printed (a 决算's
                       * 年初结转和结余 by source) */
        } else if (!dec_is_zero(derived)) {
            Loc at = j < r->ncells ? r->cells[j].loc : r->loc;
            if (j >= r->ncells) {
                at.line = at.end_line;
                at.col = at.end_col;
            }
            cell_mismatch(c, r, dt, d, j, dec_zero(), at, derived);
        }
    }
}

static void stated_table(C *c, const StatedTable *t)
{
    const Table *dt = model_table(c->m, t->table, -1);
    const TableDef *def = dt->def;
    bool seen[1024] = {0};
    if (dt->nrows > (int)(sizeof seen / sizeof seen[0]))
        return;
    c->rounding = (Rounding){0};
    for (int i = 0; i < t->nrows; i++)
        stated_row(c, t, i, dt, seen);
    rounding_report(c->d, c->m, &c->rounding, t->head_loc, def->word);
    /* Rows the facts give that the printed table leaves out: one error per
     * missing subtree (a missing 类 carries its 款 and 项 with it). */
    bool empty = true;
    const char *gone = NULL; /* the last missing row reported */
    for (int j = 0; j < dt->nrows; j++) {
        const TRow *r = &dt->rows[j];
        if (row_blank(dt, r))
            continue;
        empty = false;
        if (seen[j] || (gone && r->kind == ROW_CODE && strncmp(r->key, gone, strlen(gone)) == 0))
            continue;
        char v[DEC_FMT_MAX];
        c->nerrors++;
        if (t->nrows == 0) {
            diag_error(c->d, t->head_loc, "E-TABLE-MISSING",
                       "%s is stated empty, but the facts give it a total of %s", def->word,
                       fmt_money(r->cells[0].v, v));
        } else {
            diag_error(c->d, t->head_loc, "E-TABLE-MISSING",
                       "%s as stated has no row %s%s%s, which the facts give %s", def->word,
                       r->key, r->kind == ROW_CODE ? " " : "", r->kind == ROW_CODE ? r->name : "",
                       fmt_money(r->cells[0].v, v));
        }
        NOTES_TRACE(tr, locs);
        Dec x;
        query_cell(c->m, dt, r, 0, &x, &tr);
        report_notes(c->d, locs, tr.total, "counted in this row");
        if (t->nrows == 0)
            break;
        gone = r->kind == ROW_CODE ? r->key : NULL;
    }
    /* A2: an empty table is printed with a note saying why. */
    if (empty && !t->note && t->nrows == 0) {
        const char *what = def->empty ? def->empty : model_label(c->m, "empty_what");
        diag_warning(c->d, t->head_loc, "W-TABLE-NOTE",
                     "%s is empty; a published empty table carries a note saying why (空表列示), "
                     "e.g. note \"本部门无%s，空表列示。\"",
                     def->word, what);
    }
}

int check_stated(const Model *m, DiagCtx *d, Causes *cs)
{
    C c = {m, d, cs, 0, {0}};
    for (int i = 0; i < m->nstated; i++)
        stated_table(&c, &m->stated[i]);
    return c.nerrors;
}
