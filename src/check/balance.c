/*
 * check_balance.c — the identities between facts, and the tables as printed
 * against the tables derived from the facts (rules.md A2, B1, B2, C1–C8, D1–D8).
 *
 * The derived tables satisfy every intra-table identity by construction
 * (model_tables.c), so a broken identity shows up in one of two ways:
 *   - between facts: a unit's income from a source differs from what it
 *     spends from it (E-BALANCE); basic expenditure by economic code differs
 *     from basic expenditure by function code (E-BASIC-ECON); 三公 exceed the
 *     spending of their source (E-SANGONG-SOURCE);
 *   - between a stated table and the facts: a printed cell differs from the
 *     derived one (E-TABLE), with notes at the facts that make it up.
 */
#include <stdio.h>
#include <string.h>

#include "check/check.h"

typedef struct C {
    Model *m;
    DiagCtx *d;
    int nerrors;
} C;

enum { MAX_NOTES = 3 };

/* Notes at up to MAX_NOTES facts, and a count of the rest. */
static void notes_at(C *c, const Loc *locs, int n, const char *what)
{
    for (int i = 0; i < n && i < MAX_NOTES; i++) {
        if (i == MAX_NOTES - 1 && n > MAX_NOTES)
            diag_note(c->d, locs[i], "%s (and %d more line%s)", what, n - MAX_NOTES,
                      n - MAX_NOTES == 1 ? "" : "s");
        else
            diag_note(c->d, locs[i], "%s", what);
    }
}

/* ---- identities between facts ------------------------------------------------------ */

/* C1, D1–D3: a unit's income from each source equals its spending from it. */
static void balance(C *c, int unit)
{
    Model *m = c->m;
    for (int s = 0; s < SRC__COUNT; s++) {
        Dec in = dec_zero(), out = dec_zero();
        const Income *income = NULL;
        Loc spends[MAX_NOTES];
        int nsp = 0;
        for (int i = 0; i < m->nincome; i++)
            if (m->income[i].unit == unit && (int)m->income[i].src == s) {
                income = &m->income[i];
                in = income->amount;
            }
        for (int i = 0; i < m->nspend; i++) {
            const Spend *x = &m->spend[i];
            if (x->unit != unit || (int)x->src != s)
                continue;
            dec_acc(&out, x->amount);
            if (nsp < MAX_NOTES)
                spends[nsp] = x->amount_loc;
            nsp++;
        }
        if (dec_eq(in, out))
            continue;
        char a[DEC_FMT_MAX], b[DEC_FMT_MAX], dd[DEC_FMT_MAX];
        Dec diff;
        dec_sub(in, out, &diff);
        c->nerrors++;
        if (!income) {
            diag_error(c->d, spends[0], "E-BALANCE",
                       "unit %s spends %s from %s but has no income from it; add '%s %s' to its "
                       "income",
                       m->units[unit].id, fmt_money(out, a), source_name((Source)s),
                       source_name((Source)s), fmt_money(out, b));
            continue;
        }
        diag_error(c->d, income->amount_loc, "E-BALANCE",
                   "unit %s has income of %s from %s but spends %s from it (difference %s%s); "
                   "income and spending of each fund source must be equal",
                   m->units[unit].id, fmt_money(in, a), source_name((Source)s), fmt_money(out, b),
                   dec_is_neg(diff) ? "" : "+", fmt_money(diff, dd));
        if (nsp == 0)
            diag_note(c->d, m->units[unit].loc, "no spending line of unit %s is paid from %s",
                      m->units[unit].id, source_name((Source)s));
        else
            notes_at(c, spends, nsp, "spending counted here");
    }
}

/* D5: basic expenditure by economic code = by function code, per source.
 * Table 6 (一般公共预算) is always checked; other sources when they have
 * economic lines. */
static void basic_vs_economic(C *c, int unit)
{
    Model *m = c->m;
    for (int s = 0; s < SRC__COUNT; s++) {
        Dec econ = dec_zero(), basic = dec_zero();
        Loc el[MAX_NOTES], bl[MAX_NOTES];
        int ne = 0, nb = 0;
        for (int i = 0; i < m->necon; i++) {
            const Econ *x = &m->econ[i];
            if (x->unit != unit || (int)x->src != s)
                continue;
            dec_acc(&econ, x->amount);
            if (ne < MAX_NOTES)
                el[ne] = x->amount_loc;
            ne++;
        }
        for (int i = 0; i < m->nspend; i++) {
            const Spend *x = &m->spend[i];
            if (x->unit != unit || (int)x->src != s || x->kind != KIND_BASIC)
                continue;
            dec_acc(&basic, x->amount);
            if (nb < MAX_NOTES)
                bl[nb] = x->amount_loc;
            nb++;
        }
        if (dec_eq(econ, basic) || (ne == 0 && s != SRC_GP))
            continue;
        char a[DEC_FMT_MAX], b[DEC_FMT_MAX], dd[DEC_FMT_MAX];
        Dec diff;
        dec_sub(econ, basic, &diff);
        c->nerrors++;
        if (ne == 0) {
            diag_error(c->d, bl[0], "E-BASIC-ECON",
                       "unit %s has 基本支出 of %s from %s but no 'economic %s' block splits it by "
                       "economic code (table 6 needs it)",
                       m->units[unit].id, fmt_money(basic, a), source_name((Source)s),
                       source_name((Source)s));
            continue;
        }
        diag_error(c->d, el[0], "E-BASIC-ECON",
                   "unit %s: basic expenditure from %s adds up to %s by economic code but to %s by "
                   "function code (difference %s%s); both split the same 基本支出",
                   m->units[unit].id, source_name((Source)s), fmt_money(econ, a),
                   fmt_money(basic, b), dec_is_neg(diff) ? "" : "+", fmt_money(diff, dd));
        if (nb == 0)
            diag_note(c->d, m->units[unit].loc, "unit %s has no 基本 spending from %s",
                      m->units[unit].id, source_name((Source)s));
        else
            notes_at(c, bl, nb, "基本 spending counted here");
    }
}

/* D8: the 三公 of a source are paid from that source's spending. */
static void sangong_source(C *c, int unit)
{
    Model *m = c->m;
    for (int s = 0; s < SRC__COUNT; s++) {
        Dec sg = dec_zero(), sp = dec_zero();
        const Sangong *first = NULL;
        for (int i = 0; i < m->nsangong; i++)
            if (m->sangong[i].unit == unit && (int)m->sangong[i].src == s) {
                dec_acc(&sg, m->sangong[i].amount);
                if (!first)
                    first = &m->sangong[i];
            }
        if (!first)
            continue;
        for (int i = 0; i < m->nspend; i++)
            if (m->spend[i].unit == unit && (int)m->spend[i].src == s)
                dec_acc(&sp, m->spend[i].amount);
        if (dec_cmp(sg, sp) <= 0)
            continue;
        char a[DEC_FMT_MAX], b[DEC_FMT_MAX];
        diag_error(c->d, first->amount_loc, "E-SANGONG-SOURCE",
                   "unit %s: 三公经费 from %s add up to %s, more than all its spending from %s (%s)",
                   m->units[unit].id, source_name((Source)s), fmt_money(sg, a),
                   source_name((Source)s), fmt_money(sp, b));
        c->nerrors++;
    }
}

/* D6 (second half): a 三公 item with neither an economic line nor any
 * project spending to pay it. */
static void sangong_backed(C *c, int unit)
{
    Model *m = c->m;
    const Catalog *map = &m->cat.k[CAT_SANGONG];
    bool projects = false;
    for (int i = 0; i < m->nspend; i++)
        projects |= m->spend[i].unit == unit && m->spend[i].kind == KIND_PROJECT;
    if (projects || !map->present)
        return;
    for (int i = 0; i < m->nsangong; i++) {
        const Sangong *s = &m->sangong[i];
        if (s->unit != unit || dec_is_zero(s->amount))
            continue;
        const char *item = sg_item_name(s->item);
        bool abroad = s->item == SG_ABROAD_EDU || s->item == SG_ABROAD_OTHER;
        bool backed = false, mapped = false;
        for (int k = 0; k < map->n && !backed; k++) {
            const CatEntry *e = &map->entries[k];
            if (!e->extra || (strcmp(e->extra, item) != 0 && !(abroad && strcmp(e->extra, "因公出国费") == 0)))
                continue;
            mapped = true;
            for (int j = 0; j < m->necon; j++)
                backed |= m->econ[j].unit == unit && strcmp(m->econ[j].code, e->code) == 0;
        }
        if (mapped && !backed) {
            char a[DEC_FMT_MAX], codes[64] = "";
            size_t o = 0;
            for (int k = 0; k < map->n && o < sizeof codes; k++) {
                const CatEntry *e = &map->entries[k];
                if (e->extra && (strcmp(e->extra, item) == 0 ||
                                 (abroad && strcmp(e->extra, "因公出国费") == 0)))
                    o += (size_t)snprintf(codes + o, sizeof codes - o, "%s%s", o ? " or " : "",
                                          e->code);
            }
            diag_warning(c->d, s->amount_loc, "W-SANGONG-UNBACKED",
                         "unit %s budgets %s for %s, but no economic line pays it (%s) and it "
                         "has no project spending that could",
                         m->units[unit].id, fmt_money(s->amount, a), item, codes);
        }
    }
}

/* ---- last year's figures ------------------------------------------------------------ */

static const PriorFact *prior_find(const Model *m, const char *path)
{
    for (int i = 0; i < m->nprior; i++)
        if (strcmp(m->prior[i].path, path) == 0)
            return &m->prior[i];
    return NULL;
}

/* Last year's figures obey this year's identities: the parts of a total
 * never exceed it, and when every part is stated they add up to it.  A
 * group is one part written either whole or as its sub-items. */
typedef struct PriorGroup {
    const char *whole;
    const char *items[2];
} PriorGroup;

static void prior_family(C *c, const char *total, const PriorGroup *groups, int ngroups)
{
    const PriorFact *t = prior_find(c->m, total);
    if (!t)
        return;
    Dec sum = dec_zero();
    bool complete = true;
    const PriorFact *parts[8];
    int nparts = 0;
    for (int g = 0; g < ngroups; g++) {
        const PriorFact *w = groups[g].whole ? prior_find(c->m, groups[g].whole) : NULL;
        const PriorFact *a = groups[g].items[0] ? prior_find(c->m, groups[g].items[0]) : NULL;
        const PriorFact *b = groups[g].items[1] ? prior_find(c->m, groups[g].items[1]) : NULL;
        if (w) {
            dec_acc(&sum, w->amount);
            parts[nparts++] = w;
        } else {
            if (a)
                dec_acc(&sum, a->amount), parts[nparts++] = a;
            if (b)
                dec_acc(&sum, b->amount), parts[nparts++] = b;
            complete &= (a != NULL) && (b != NULL || !groups[g].items[1]);
        }
    }
    if (nparts == 0 || dec_cmp(sum, t->amount) == 0 || (!complete && dec_cmp(sum, t->amount) < 0))
        return;
    char a[DEC_FMT_MAX], b[DEC_FMT_MAX];
    diag_error(c->d, t->amount_loc, "E-PRIOR-SUM",
               "last year's %s is %s, but the parts stated in 'prior' add up to %s; correct the "
               "total or a part",
               total, fmt_money(t->amount, a), fmt_money(sum, b));
    c->nerrors++;
    for (int i = 0; i < nparts && i < 4; i++)
        diag_note(c->d, parts[i]->amount_loc, "last year's %s", parts[i]->path);
}

static void prior_sums(C *c)
{
    static const PriorGroup sangong[] = {
        {"三公.因公出国费", {"三公.教学科研人员因公出国费", "三公.其他因公出国费"}},
        {"三公.公务用车购置及运维费", {"三公.公务用车购置费", "三公.公务用车运行维护费"}},
        {"三公.公务接待费", {NULL, NULL}},
    };
    static const PriorGroup car[] = {
        {"三公.公务用车购置费", {NULL, NULL}},
        {"三公.公务用车运行维护费", {NULL, NULL}},
    };
    static const PriorGroup spending[] = {
        {"支出.基本", {NULL, NULL}},
        {"支出.项目", {NULL, NULL}},
    };
    prior_family(c, "三公.合计", sangong, 3);
    prior_family(c, "三公.公务用车购置及运维费", car, 2);
    prior_family(c, "支出.合计", spending, 2);
}

/* ---- stated tables ------------------------------------------------------------------ */

/* The derived row a stated key names, after normalising printed variants. */
static const char *canonical_key(TableId id, const char *key)
{
    if (id == T_SZ || id == T_CZ) {
        int s = source_lookup(key);
        if (s == SRC_CARRY) /* a row of its own, not an income source row */
            return id == T_SZ ? "上年结转结余" : "年初结转结余";
        if (s >= 0)
            return source_name((Source)s);
    }
    if (id == T_SG) {
        static const char *const alias[][2] = {
            {"因公出国（境）费", "因公出国费"}, {"因公出国(境)费", "因公出国费"},
            {"公务用车购置及运行维护费", "公务用车购置及运维费"},
            {"三公经费小计", "三公小计"},       {"小计", "三公小计"},
            {"公务用车运行费", "公务用车运行维护费"},
        };
        for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
            if (strcmp(key, alias[i][0]) == 0)
                return alias[i][1];
    }
    if (strcmp(key, "总计") == 0 && id != T_SZ && id != T_CZ)
        return "合计";
    return key;
}

static bool is_code_table(TableId id)
{
    return id != T_SG;
}

static bool row_blank(const TRow *r, int ncols)
{
    for (int j = 0; j < ncols; j++)
        if (r->cells[j].set && !dec_is_zero(r->cells[j].v))
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
    return p && !row_blank(p, dt->ncols);
}

/* B1, B2: the code of a stated row is known, at the level the table shows,
 * in code order, under its parent; its printed name is the catalogue's. */
static bool stated_code(C *c, const StatedTable *t, int i, const Table *dt)
{
    const StatedRow *r = &t->rows[i];
    bool economic = t->id == T_BASIC;
    const Catalog *cat = &c->m->cat.k[economic ? CAT_ECONOMIC : CAT_FUNCTION];
    size_t len = strlen(r->key);
    const CatEntry *e = cat_find(cat, r->key);
    bool top_only = t->id == T_SZ || t->id == T_CZ;
    if (!e) {
        const CatEntry *near[3];
        int k = cat_suggest(cat, r->key, near, 3);
        diag_error(c->d, r->key_loc, "E-CODE-UNKNOWN", "%s code %s is not in the catalogue%s%s%s",
                   economic ? "economic" : "function", r->key, k ? "; did you mean " : "",
                   k ? near[0]->code : "", k ? "?" : "");
        c->nerrors++;
        return false;
    }
    if (top_only && len != 3) {
        diag_error(c->d, r->key_loc, "E-TABLE-ROW",
                   "%s lists function 类 (3 digits) only; %s is a %s", table_word(t->id), r->key,
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

static void cell_mismatch(C *c, const StatedTable *t, const StatedRow *r, const Table *dt,
                          const char *key, int col, Dec stated, Loc at, Dec derived)
{
    char what[256];
    snprintf(what, sizeof what, "%s, row %s, column %s", table_word(t->id), r->key,
             dt->cols[col]);
    report_mismatch(c->d, at, "E-TABLE", what, stated, "the table states", derived,
                    "the facts give");
    c->nerrors++;
    Loc locs[MAX_NOTES];
    int n = model_contributors(c->m, t->id, key, col, locs, MAX_NOTES);
    if (n == 0)
        diag_note(c->d, r->loc, "no fact of the budget contributes to this cell");
    else
        notes_at(c, locs, n, "counted in this cell");
}

static void stated_row(C *c, const StatedTable *t, int i, const Table *dt, bool *seen)
{
    const StatedRow *r = &t->rows[i];
    const char *key = canonical_key(t->id, r->key);
    if (r->key_is_code && is_code_table(t->id) && !stated_code(c, t, i, dt))
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
                   table_word(t->id), r->key, rows);
        c->nerrors++;
        return;
    }
    if (d)
        seen[d - dt->rows] = true;
    if (r->ncells > dt->ncols) {
        diag_error(c->d, r->cells[dt->ncols].loc, "E-TABLE-COLS",
                   "%s has %d column%s of amounts; this row has %d cells", table_word(t->id),
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
            if (dec_is_neg(r->cells[j].v)) /* E-NEGATIVE already */
                continue;
            if (!dec_eq(r->cells[j].v, derived))
                cell_mismatch(c, t, r, dt, key, j, r->cells[j].v, r->cells[j].loc, derived);
        } else if (!dec_is_zero(derived)) {
            Loc at = j < r->ncells ? r->cells[j].loc : r->loc;
            if (j >= r->ncells) {
                at.line = at.end_line;
                at.col = at.end_col;
            }
            cell_mismatch(c, t, r, dt, key, j, dec_zero(), at, derived);
        }
    }
}

static void stated_table(C *c, const StatedTable *t)
{
    const Table *dt = model_table(c->m, t->id, -1);
    bool seen[1024] = {0};
    if (dt->nrows > (int)(sizeof seen / sizeof seen[0]))
        return;
    for (int i = 0; i < t->nrows; i++)
        stated_row(c, t, i, dt, seen);
    /* Rows the facts give that the printed table leaves out: one error per
     * missing subtree (a missing 类 carries its 款 and 项 with it). */
    bool empty = true;
    const char *gone = NULL; /* the last missing row reported */
    for (int j = 0; j < dt->nrows; j++) {
        const TRow *r = &dt->rows[j];
        if (row_blank(r, dt->ncols))
            continue;
        empty = false;
        if (seen[j] || (gone && r->kind == ROW_CODE && strncmp(r->key, gone, strlen(gone)) == 0))
            continue;
        char v[DEC_FMT_MAX];
        c->nerrors++;
        if (t->nrows == 0) {
            diag_error(c->d, t->head_loc, "E-TABLE-MISSING",
                       "%s is stated empty, but the facts give it a total of %s",
                       table_word(t->id), fmt_money(r->cells[0].v, v));
        } else {
            diag_error(c->d, t->head_loc, "E-TABLE-MISSING",
                       "%s as stated has no row %s%s%s, which the facts give %s", table_word(t->id),
                       r->key, r->kind == ROW_CODE ? " " : "", r->kind == ROW_CODE ? r->name : "",
                       fmt_money(r->cells[0].v, v));
        }
        Loc locs[MAX_NOTES];
        int n = model_contributors(c->m, t->id, r->key, 0, locs, MAX_NOTES);
        notes_at(c, locs, n, "counted in this row");
        if (t->nrows == 0)
            break;
        gone = r->kind == ROW_CODE ? r->key : NULL;
    }
    /* A2: an empty table is printed with a note saying why. */
    if (empty && !t->note && t->nrows == 0) {
        const char *what = t->id == T_FUND  ? "政府性基金预算财政拨款预算"
                           : t->id == T_SOE ? "国有资本经营预算财政拨款预算"
                           : t->id == T_SG  ? "财政拨款“三公”经费"
                                            : "此项预算";
        diag_warning(c->d, t->head_loc, "W-TABLE-NOTE",
                     "%s is empty; a published empty table carries a note saying why (空表列示), "
                     "e.g. note \"本部门无%s，空表列示。\"",
                     table_word(t->id), what);
    }
}

int check_balance(Model *m, DiagCtx *d, bool codes_ok)
{
    C c = {m, d, 0};
    for (int u = 0; u < m->nunits; u++) {
        /* a unit whose facts have errors is missing lines: its sums would
         * only repeat those errors */
        if (m->units[u].nerrors)
            continue;
        balance(&c, u);
        basic_vs_economic(&c, u);
        sangong_source(&c, u);
        sangong_backed(&c, u);
    }
    prior_sums(&c);
    /* A fact with an unknown code has no row to go to: comparing the stated
     * tables would only repeat the code errors as wrong totals. */
    if (!codes_ok)
        return c.nerrors;
    for (int i = 0; i < m->nstated; i++)
        stated_table(&c, &m->stated[i]);
    return c.nerrors;
}
