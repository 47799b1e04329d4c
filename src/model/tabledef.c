/*
 * tabledef.c — reading the tables' definitions (see tabledef.h and
 * docs/tables.md).  Each line of a definition is a directive and its
 * arguments; a mistake in one is an E-DEFINITION at that line, so that a
 * department's own standard library gets the same care as a budget.
 */
#include "model/tabledef.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model/catalog.h"
#include "model/figure.h"

typedef struct Loader {
    const Vocab *v;
    Arena *a;
    DiagCtx *d;
    int nerrors;
} Loader;

__attribute__((format(printf, 3, 4))) static void bad(Loader *l, Loc at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(l->d, DIAG_ERROR, at, "E-DEFINITION", fmt, ap);
    va_end(ap);
    l->nerrors++;
}

/* A table being read, with the capacities of its arrays. */
typedef struct Def {
    TableDef *t;
    int cap_cols, cap_rows, cap_words, cap_aliases, cap_gaps;
    int side;  /* the current side, -1 before the first of a two-sided table */
    bool foot;
    bool bad_layout; /* a layout line was written, with an error (reported) */
} Def;

/* The figures A, A->next … name, into *F; false after reporting. */
static bool figures(Loader *l, const Atom *a, Figures *f)
{
    int cap = 0;
    Filter *arr = NULL;
    f->f = NULL;
    f->n = 0;
    for (; a; a = a->next) {
        char msg[256];
        Filter x;
        if (a->kind != A_PATH && a->kind != A_WORD) {
            bad(l, a->loc, "expected a figure such as 支出.基本 here");
            return false;
        }
        switch (figure_filter(l->v, a->path, true, true, &x, msg, sizeof msg)) {
        case FIG_OK:
            *ARENA_PUSH(l->a, arr, f->n, cap) = x;
            f->f = arr;
            break;
        case FIG_OTHER:
            bad(l, a->loc, "'%s' is not a sum of facts: a table adds up 收入, 支出, 基本支出 or 三公 "
                           "(docs/tables.md)",
                a->text);
            return false;
        case FIG_BAD:
            bad(l, a->loc, "%s", msg);
            return false;
        }
    }
    return true;
}

/* The atom after the directive, which must be of KINDS; NULL after reporting. */
static const Atom *arg(Loader *l, const Stmt *row, const Atom *a, unsigned kinds, const char *what)
{
    if (a && ((1u << a->kind) & kinds))
        return a;
    bad(l, a ? a->loc : row->loc, "expected %s here", what);
    return NULL;
}

#define WORDISH ((1u << A_WORD) | (1u << A_STRING))

static RowDef *new_row(Loader *l, Def *d, const Stmt *row, RowDefKind what)
{
    TableDef *t = d->t;
    if (t->nsides && d->side < 0) {
        bad(l, row->loc, "a row of a two-sided table comes after the 'side' it is on");
        return NULL;
    }
    RowDef *r = ARENA_PUSH(l->a, t->rows, t->nrows, d->cap_rows);
    r->what = what;
    r->side = d->side < 0 ? 0 : d->side;
    r->foot = d->foot;
    r->loc = row->loc;
    return r;
}

/* row|total KEY ["name"] ["printed"] FIGURE… */
static void def_row(Loader *l, Def *d, const Stmt *row, RowDefKind what)
{
    const Atom *a = arg(l, row, row->args->next, WORDISH, "the row's key");
    if (!a)
        return;
    RowDef *r = new_row(l, d, row, what);
    if (!r)
        return;
    r->key = r->name = r->label = a->text;
    a = a->next;
    if (a && a->kind == A_STRING) {
        r->name = r->label = a->text;
        a = a->next;
        if (a && a->kind == A_STRING) {
            r->label = a->text;
            a = a->next;
        }
    }
    if (what == RD_TOTAL && !a)
        bad(l, row->loc, "a total row says what it adds up: total 合计 支出");
    r->figs = a;
    figures(l, a, &r->sums);
}

/* rows FIGURE: one row per word of the group its last word names. */
static void def_rows(Loader *l, Def *d, const Stmt *row)
{
    const Atom *a = arg(l, row, row->args->next, (1u << A_PATH) | (1u << A_WORD),
                        "a figure naming a group, such as 收入.本年收入");
    if (!a)
        return;
    RowDef *r = new_row(l, d, row, RD_ROWS);
    if (!r || !figures(l, a, &r->sums))
        return;
    const PathSeg *last = a->path;
    while (last->next)
        last = last->next;
    static const Dim dims[] = {DIM_SOURCE, DIM_KIND, DIM_CLASS, DIM_ITEM};
    int dim = last == a->path ? -1 : vocab_dim_of(l->v, dims, DIM_FACTS, last->name, &r->words);
    if (dim < 0) {
        bad(l, a->loc, "'rows' makes a row for each word of a group: name the group (收入.本年收入)");
        return;
    }
    r->dim = (Dim)dim;
}

/* codes FIGURE… [classes]: the figures are of one kind of fact with codes */
static void def_codes(Loader *l, Def *d, const Stmt *row)
{
    const Atom *a = arg(l, row, row->args->next, (1u << A_PATH) | (1u << A_WORD),
                        "the figure whose codes make the rows, such as 支出");
    if (!a)
        return;
    RowDef *r = new_row(l, d, row, RD_CODES);
    if (!r)
        return;
    Atom *figs = NULL, **tail = &figs; /* the figures, without 'classes' */
    for (const Atom *x = a; x; x = x->next) {
        if (x->kind == A_WORD && strcmp(x->text, "classes") == 0) {
            if (x->next) {
                bad(l, x->next->loc, "'classes' ends a 'codes' line");
                return;
            }
            r->classes = true;
            break;
        }
        Atom *c = arena_alloc(l->a, sizeof *c);
        *c = *x;
        c->next = NULL;
        *tail = c;
        tail = &c->next;
    }
    if (!figures(l, figs, &r->sums))
        return;
    int cat = r->sums.n ? fact_types[r->sums.f[0].kind].catalog : -1;
    for (int i = 1; i < r->sums.n && cat >= 0; i++)
        if (fact_types[r->sums.f[i].kind].catalog != cat)
            cat = -1;
    if (cat < 0) {
        bad(l, a->loc, "'codes' takes figures whose facts have codes of one catalogue: 支出 "
                       "(and a 决算's 收入 and 年终结转) or 基本支出 (支出.一般公共预算 "
                       "支出.一般公共预算结转)");
        return;
    }
    if (d->t->catalog >= 0)
        bad(l, a->loc, "a table has one 'codes' line");
    d->t->catalog = cat;
}

static int column(Loader *l, const TableDef *t, const Atom *key);

static void def_column(Loader *l, Def *d, const Stmt *row)
{
    const Atom *key = arg(l, row, row->args->next, 1u << A_WORD, "the column's key (total …)");
    const Atom *title = key ? arg(l, row, key->next, 1u << A_STRING, "the column's title") : NULL;
    if (!title)
        return;
    TableDef *t = d->t;
    for (int i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].key, key->text) == 0) {
            bad(l, key->loc, "column %s is defined twice", key->text);
            return;
        }
    ColDef *c = ARENA_PUSH(l->a, t->cols, t->ncols, d->cap_cols);
    c->key = key->text;
    c->title = title->text;
    c->loc = row->loc;
    const Atom *w = title->next;
    if (!w) {
        bad(l, row->loc, "a column says what it adds up: column total \"合计\" 支出");
        return;
    }
    if (w->kind == A_WORD && (strcmp(w->text, "上年") == 0 || strcmp(w->text, "预算") == 0)) {
        c->kind = COL_PRIOR; /* column prior "上年预算数" 上年 */
        c->of = w->text;
        if (w->next)
            bad(l, w->next->loc, "a %s column is the value of each row's figure %s: "
                                 "column prior \"上年预算数\" 上年, with nothing after %s",
                w->text, strcmp(w->text, "上年") == 0 ? "last year" : "in the budget", w->text);
        return;
    }
    if (w->kind == A_WORD && strcmp(w->text, "增减") == 0) {
        c->kind = COL_CHANGE; /* column change "增减" 增减 total prior */
        if (!w->next || !w->next->next || w->next->next->next) {
            bad(l, w->loc, "a 增减 column subtracts one column from another: column change "
                           "\"增减\" 增减 total prior");
            return;
        }
        c->a = column(l, t, w->next);
        c->b = column(l, t, w->next->next);
        return;
    }
    figures(l, w, &c->sums);
}

static void def_side(Loader *l, Def *d, const Stmt *row)
{
    TableDef *t = d->t;
    const Atom *key = arg(l, row, row->args->next, 1u << A_WORD, "the side's key (income …)");
    const Atom *title = key ? arg(l, row, key->next, 1u << A_STRING, "the side's title") : NULL;
    if (!title)
        return;
    if (t->nsides == 2) {
        bad(l, row->loc, "a table has two sides at most");
        return;
    }
    if (t->nsides == 0 && t->nrows > 0) {
        bad(l, row->loc, "the sides of a two-sided table come before its rows");
        return;
    }
    SideDef *s = &t->sides[t->nsides];
    s->key = key->text;
    s->title = title->text;
    s->amount_title = title->next && title->next->kind == A_STRING ? title->next->text : NULL;
    d->side = t->nsides++;
    d->foot = false;
}

/* The column of T named KEY, or -1 after reporting at AT. */
static int column(Loader *l, const TableDef *t, const Atom *key)
{
    for (int i = 0; key && i < t->ncols; i++)
        if (strcmp(t->cols[i].key, key->text) == 0)
            return i;
    bad(l, key ? key->loc : t->loc, "no column '%s' is defined above this line",
        key ? key->text : "");
    return -1;
}

static void def_layout(Loader *l, Def *d, const Stmt *row)
{
    TableLayout *y = &d->t->layout;
    d->bad_layout = true; /* until it is read whole */
    const Atom *spec = arg(l, row, row->args->next, 1u << A_STRING,
                           "the columns as a string: \"C60 L400 R140\"");
    if (!spec)
        return;
    y->spec = NULL;
    y->ncols = 0;
    for (const char *s = spec->text; *s;) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        if (!strchr("LCR", *s) || s[1] < '0' || s[1] > '9') {
            bad(l, spec->loc, "each column of a layout is L, C or R and a width in thousandths "
                              "of the line: \"C60 L400 R140\"");
            return;
        }
        y->ncols++;
        while (*s && *s != ' ')
            s++;
    }
    y->spec = spec->text;
    d->bad_layout = false;
    for (const Atom *a = spec->next; a; a = a->next) {
        if (a->kind == A_WORD && strcmp(a->text, "landscape") == 0)
            y->landscape = true;
        else if (a->kind == A_WORD && strcmp(a->text, "across") == 0)
            y->across = true;
        else if (a->kind == A_WORD && (strcmp(a->text, "small") == 0 ||
                                       strcmp(a->text, "footnotesize") == 0 ||
                                       strcmp(a->text, "scriptsize") == 0 ||
                                       strcmp(a->text, "normalsize") == 0))
            y->size = a->text;
        else
            bad(l, a->loc, "a layout ends with landscape, across and a size (normalsize, small, "
                           "footnotesize, scriptsize), not '%s'",
                a->text);
    }
}

/* The row of T whose key is KEY, or -1. */
static int row_index(const TableDef *t, const char *key)
{
    for (int r = 0; r < t->nrows; r++)
        if (t->rows[r].key && strcmp(t->rows[r].key, key) == 0)
            return r;
    return -1;
}

static void def_line(Loader *l, Def *d, const Stmt *row)
{
    TableDef *t = d->t;
    const char *w = row->args->text;
    const Atom *a = row->args->next;
    if (strcmp(w, "key") == 0) {
        if ((a = arg(l, row, a, 1u << A_WORD, "the table's key (an ASCII word)")))
            t->key = a->text;
    } else if (strcmp(w, "word") == 0) {
        for (; a; a = a->next)
            *ARENA_PUSH(l->a, t->words, t->nwords, d->cap_words) = a->text;
    } else if (strcmp(w, "alias") == 0) {
        const Atom *to = a ? a->next : NULL;
        if (arg(l, row, a, WORDISH, "the other name") && arg(l, row, to, WORDISH, "the row"))
            *ARENA_PUSH(l->a, t->aliases, t->naliases, d->cap_aliases) =
                (TableAlias){a->text, to->text};
    } else if (strcmp(w, "csv") == 0) {
        if ((a = arg(l, row, a, 1u << A_STRING, "the CSV file's name as a string")))
            t->csv = a->text;
    } else if (strcmp(w, "empty") == 0) {
        if ((a = arg(l, row, a, 1u << A_STRING, "what an empty table lacks, as a string")))
            t->empty = a->text;
    } else if (strcmp(w, "column") == 0) {
        def_column(l, d, row);
    } else if (strcmp(w, "side") == 0) {
        def_side(l, d, row);
    } else if (strcmp(w, "foot") == 0) {
        d->foot = true;
    } else if (strcmp(w, "row") == 0 || strcmp(w, "total") == 0) {
        def_row(l, d, row, w[0] == 'r' ? RD_ROW : RD_TOTAL);
    } else if (strcmp(w, "rows") == 0) {
        def_rows(l, d, row);
    } else if (strcmp(w, "codes") == 0) {
        def_codes(l, d, row);
    } else if (strcmp(w, "layout") == 0) {
        def_layout(l, d, row);
    } else if (strcmp(w, "head") == 0) {
        if ((a = arg(l, row, a, 1u << A_STRING, "the title over the code columns")))
            t->layout.head = a->text;
    } else if (strcmp(w, "gap") == 0) { /* gap "what" FIGURE… */
        const Atom *what = arg(l, row, a, 1u << A_STRING, "what the table cannot give, as a string");
        const Atom *fig = what ? arg(l, row, what->next, (1u << A_PATH) | (1u << A_WORD),
                                     "the figure it leaves out (支出.财政拨款.项目)")
                               : NULL;
        TableGap g = {what ? what->text : NULL, {NULL, 0}, row->loc};
        if (fig && figures(l, fig, &g.sums))
            *ARENA_PUSH(l->a, t->gaps, t->ngaps, d->cap_gaps) = g;
    } else if (strcmp(w, "across") == 0) { /* across ROW "title" */
        const Atom *title = a ? a->next : NULL;
        int r = arg(l, row, a, WORDISH, "the row") ? row_index(t, a->text) : -2;
        if (r == -1)
            bad(l, a->loc, "'%s' is not a row defined above in this table", a->text);
        else if (r >= 0 && arg(l, row, title, 1u << A_STRING, "the row's title as a string"))
            t->rows[r].across = title->text;
    } else if (strcmp(w, "band") == 0) { /* band "title" FROM TO: rows */
        const Atom *title = arg(l, row, a, 1u << A_STRING, "the band's title");
        const Atom *from = title ? title->next : NULL, *to = from ? from->next : NULL;
        if (title && arg(l, row, from, WORDISH, "its first row") && arg(l, row, to, WORDISH, "its last row")) {
            t->layout.band = title->text;
            t->layout.bfrom = row_index(t, from->text);
            t->layout.bto = row_index(t, to->text);
            if (t->layout.bfrom < 0 || t->layout.bto < t->layout.bfrom)
                bad(l, from->loc, "a band runs over rows defined above, first to last");
        }
    } else if (strcmp(w, "group") == 0) {
        const Atom *title = arg(l, row, a, 1u << A_STRING, "the group's title");
        if (title) {
            t->layout.group = title->text;
            t->layout.gfrom = column(l, t, title->next);
            t->layout.gto = title->next ? column(l, t, title->next->next) : -1;
        }
    } else {
        bad(l, row->args->loc,
            "unknown line '%s' in a table's definition; a line is key, word, alias, csv, "
            "column, side, foot, row, total, rows, codes, note, empty, layout, head, group, "
            "across, band or gap",
            w);
    }
}

/* Whether the definition is whole: what only the finished table can say. */
static void def_finish(Loader *l, const Def *d)
{
    TableDef *t = d->t;
    if (!t->key) {
        bad(l, t->loc, "table %s has no key (key summary): JSON, CSV and diff name it by its key",
            t->word);
        t->key = t->word;
    }
    if (!t->title) {
        bad(l, t->loc, "table %s has no title: table %s \"部门预算…表\" {", t->word, t->word);
        t->title = t->word;
    }
    if (t->ncols == 0)
        bad(l, t->loc, "table %s has no column", t->word);
    if (t->ncols > 64)
        bad(l, t->loc, "table %s has %d columns; a table has at most 64", t->word, t->ncols);
    if (t->nsides == 1)
        bad(l, t->loc, "a two-sided table has two sides");
    for (int c = 0; c < t->ncols; c++)
        if (t->cols[c].kind == COL_PRIOR)
            for (int r = 0; r < t->nrows; r++)
                if (t->rows[r].what != RD_ROW && t->rows[r].what != RD_TOTAL) {
                    bad(l, t->rows[r].loc, "table %s has a %s column, so each of its rows is "
                                           "a row or total of its own, with a figure %s can "
                                           "be asked for",
                        t->word, t->cols[c].of,
                        strcmp(t->cols[c].of, "上年") == 0 ? "last year's budget" : "the budget");
                    break;
                }
    if (!t->csv) {
        size_t n = strlen(t->key) + 16;
        char *s = arena_alloc(l->a, n);
        snprintf(s, n, "%02d-%s.csv", t->number, t->key);
        t->csv = s;
    }
    int printed = t->nsides ? 4 + t->ncols : (t->catalog >= 0 ? 3 : 2) + t->ncols;
    if (t->layout.across) { /* a group of the amount columns but 增减 per row with a title */
        int pair = 0, rows = 0;
        for (int c = 0; c < t->ncols; c++)
            pair += t->cols[c].kind != COL_CHANGE;
        for (int r = 0; r < t->nrows; r++)
            rows += t->rows[r].across != NULL;
        printed = pair * rows;
        if (rows == 0)
            bad(l, t->loc, "table %s is laid out across, but no row has an across title "
                           "(across ROW \"title\")", t->word);
    }
    if (d->bad_layout)
        ; /* its error is reported at its line */
    else if (!t->layout.spec)
        bad(l, t->loc, "table %s has no layout (layout \"C60 L400 R140\" small)", t->word);
    else if (t->layout.ncols != printed && t->layout.across)
        bad(l, t->loc, "the layout of table %s has %d columns, but the table prints %d (its "
                       "amount columns but 增减, for each row with an across title)",
            t->word, t->layout.ncols, printed);
    else if (t->layout.ncols != printed)
        bad(l, t->loc, "the layout of table %s has %d columns, but the table prints %d (序号, "
                       "the names and its %d amount columns)",
            t->word, t->layout.ncols, printed, t->ncols);
    if (t->layout.group && t->layout.gfrom > t->layout.gto)
        bad(l, t->loc, "the group of table %s runs backwards", t->word);
}

/* A table of DS: a new one, or one DS took from its base (from_base),
 * which it replaces in its place. */
static void load_table(Loader *l, Disclosure *ds, int *cap, const Stmt *s)
{
    int at = -1;
    for (int i = 0; i < ds->ntables && at < 0; i++)
        if (strcmp(ds->tables[i].word, s->args->text) == 0) {
            if (!ds->tables[i].from_base) {
                bad(l, s->args->loc, "table %s is defined twice in this disclosure", s->args->text);
                return;
            }
            at = i;
        }
    TableDef *t;
    if (at >= 0) { /* the base's table of that word, replaced in its place */
        t = &ds->tables[at];
        *t = (TableDef){0};
        t->number = at + 1;
    } else {
        t = ARENA_PUSH(l->a, ds->tables, ds->ntables, *cap);
        t->number = ds->ntables;
    }
    t->word = s->args->text;
    t->title = s->args->next ? s->args->next->text : NULL;
    t->catalog = -1;
    t->loc = s->loc;
    Def d = {t, 0, 0, 0, 0, 0, -1, false, false};
    for (const Stmt *r = s->body; r; r = r->next) {
        if (r->kind == S_NOTE)
            t->note = r->args->text;
        else if (r->kind == S_ROW && r->args)
            def_line(l, &d, r);
    }
    def_finish(l, &d);
    for (int i = 0; i < ds->ntables; i++)
        if (&ds->tables[i] != t && ds->tables[i].key && t->key &&
            strcmp(ds->tables[i].key, t->key) == 0)
            bad(l, t->loc, "two tables have the key %s", t->key);
}

/* disclosure KIND "title" BASE { … }: DS starts as a copy of the tables of
 * BASE, a disclosure defined before it (a province's set that prints the
 * template's tables but one or two). */
static void take_base(Loader *l, Disclosure *ds, const Disclosure *all, int n, const Atom *base,
                      int *cap)
{
    const Disclosure *b = NULL;
    for (int i = 0; i < n; i++)
        if (&all[i] != ds && strcmp(all[i].kind, base->text) == 0)
            b = &all[i];
    if (!b) {
        bad(l, base->loc, "'%s' is not a disclosure defined before this one; a disclosure "
                          "takes its tables from one defined above it (disclosure 决算 …)",
            base->text);
        return;
    }
    if (ds->ntables) {
        bad(l, base->loc, "disclosure %s has tables already; only its first block may name "
                          "the disclosure it starts from", ds->kind);
        return;
    }
    for (int i = 0; i < b->ntables; i++) {
        TableDef *t = ARENA_PUSH(l->a, ds->tables, ds->ntables, *cap);
        *t = b->tables[i];
        t->from_base = true;
    }
}

int tabledefs_load(Disclosure **out, int *n, const Program *p, const Vocab *v, Arena *a,
                   DiagCtx *d)
{
    Loader l = {v, a, d, 0};
    int cap = 0;
    *out = NULL;
    *n = 0;
    for (const Module *mod = p->modules; mod; mod = mod->next)
        for (const Stmt *s = mod->stmts; s; s = s->next) {
            if (s->kind != S_DISCLOSURE)
                continue;
            Disclosure *ds = NULL;
            for (int i = 0; i < *n; i++)
                if (strcmp((*out)[i].kind, s->args->text) == 0)
                    ds = &(*out)[i]; /* another file adds tables to it */
            if (!ds) {
                ds = ARENA_PUSH(a, *out, *n, cap);
                ds->kind = s->args->text;
                ds->loc = s->loc;
            }
            if (s->args->next && s->args->next->text)
                ds->title = s->args->next->text;
            int tcap = ds->ntables; /* arrays grow from a full one */
            const Atom *base = s->args->next ? s->args->next->next : NULL;
            if (base && base->text)
                take_base(&l, ds, *out, *n, base, &tcap);
            for (const Stmt *t = s->body; t; t = t->next)
                if (t->kind == S_TABLEDEF)
                    load_table(&l, ds, &tcap, t);
        }
    return l.nerrors;
}

int tabledef_find(const Disclosure *ds, const char *word)
{
    for (int i = 0; i < ds->ntables; i++) {
        const TableDef *t = &ds->tables[i];
        if (strcmp(word, t->word) == 0 || strcmp(word, t->title) == 0)
            return i;
        for (int k = 0; k < t->nwords; k++)
            if (strcmp(word, t->words[k]) == 0)
                return i;
    }
    return -1;
}
