/*
 * tables.c — the tables of the disclosure, derived from the facts by their
 * definitions (tabledef.h), for the department and for each unit.
 *
 * A table's rows come from its definition in order: a row of its own, a row
 * for each word of a group, or a row for each code of the facts the `codes`
 * figure selects (and one for each 类 and 款 above it: 2070699 → 20706 →
 * 207, from the code itself, never from where a line is written).  A cell
 * adds up the facts that both its row and its column select (query.h), so
 * every table satisfies the intra-table identities of rules.md section C by
 * construction; the checks compare what an author states with it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/query.h"

static unsigned key_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Builds T's index of rows by key. */
static void index_rows(Arena *a, Table *t)
{
    int n = 16;
    while (n < t->nrows * 2)
        n *= 2;
    t->slots = arena_alloc(a, (size_t)n * sizeof *t->slots);
    for (int i = 0; i < n; i++)
        t->slots[i] = -1;
    for (int r = 0; r < t->nrows; r++) {
        unsigned i = key_hash(t->rows[r].key) & (unsigned)(n - 1);
        while (t->slots[i] >= 0)
            i = (i + 1) & (unsigned)(n - 1);
        t->slots[i] = r;
    }
    t->nslots = n;
}

/* The index of the row with KEY, or -1. */
static int row_index(const Table *t, const char *key)
{
    if (!t->slots)
        return -1;
    unsigned i = key_hash(key) & (unsigned)(t->nslots - 1);
    for (; t->slots[i] >= 0; i = (i + 1) & (unsigned)(t->nslots - 1))
        if (strcmp(t->rows[t->slots[i]].key, key) == 0)
            return t->slots[i];
    return -1;
}

const TRow *table_row(const Table *t, const char *key)
{
    int i = row_index(t, key);
    return i < 0 ? NULL : &t->rows[i];
}

typedef struct TB {
    const Model *m;
    Arena *a;
    Table *t;
    int cap;
    int unit;
    int *first; /* for each line of the definition, its first row */
    const int *const *classes; /* for each catalogue, its 类 (indices), -1 ended */
} TB;

static TRow *add_row(TB *b, const RowDef *rd, RowKind kind, const char *key, const char *name,
                     const char *label, int level)
{
    TRow *r = ARENA_PUSH(b->a, b->t->rows, b->t->nrows, b->cap);
    r->kind = kind;
    r->key = key;
    r->name = name;
    r->label = label;
    r->level = level;
    r->section = rd->side;
    r->foot = rd->foot;
    r->def = rd;
    r->word = -1;
    r->cells = arena_alloc(b->a, (size_t)b->t->ncols * sizeof *r->cells);
    for (int i = 0; i < b->t->ncols; i++)
        r->cells[i].v = dec_zero();
    return r;
}

/* The facts of kind K of UNIT (-1: every unit): [*FROM, *TO). */
static void unit_facts(const Model *m, FactKind k, int unit, int *from, int *to)
{
    *from = unit < 0 ? 0 : m->units[unit].fact_first[k];
    *to = unit < 0 ? m->nfacts[k] : *from + m->units[unit].fact_count[k];
}

/* Whether fact X of kind K counts in some column of the table. */
static bool in_columns(const TB *b, FactKind k, const Fact *x)
{
    for (int c = 0; c < b->t->ncols; c++)
        if (query_any(b->m, &b->t->def->cols[c].sums, k, x))
            return true;
    return false;
}

/* Whether CODE has three digits: a 类. */
static bool is_class(const char *code)
{
    return code[0] && code[1] && code[2] && !code[3];
}

/* A code a fact is written with, cut to its first LEN digits. */
typedef struct Prefix {
    const char *code;
    int len;
} Prefix;

/* Code order, a 类 or 款 before the codes under it. */
static int cmp_prefix(const void *pa, const void *pb)
{
    const Prefix *a = pa, *b = pb;
    int c = strncmp(a->code, b->code, (size_t)(a->len < b->len ? a->len : b->len));
    return c ? c : a->len - b->len;
}

/* A set of prefixes: open addressing over a power of two of slots. */
typedef struct PrefixSet {
    Prefix *slot; /* code NULL: empty */
    unsigned mask;
    int n;
} PrefixSet;

static unsigned prefix_hash(Prefix p)
{
    unsigned h = 2166136261u;
    for (int i = 0; i < p.len; i++)
        h = (h ^ (unsigned char)p.code[i]) * 16777619u;
    return h;
}

static Prefix *new_slots(size_t n)
{
    return memset(xmalloc(n * sizeof(Prefix)), 0, n * sizeof(Prefix));
}

static void prefix_put(PrefixSet *s, Prefix p)
{
    unsigned i = prefix_hash(p) & s->mask;
    for (; s->slot[i].code; i = (i + 1) & s->mask)
        if (s->slot[i].len == p.len && memcmp(s->slot[i].code, p.code, (size_t)p.len) == 0)
            return;
    s->slot[i] = p;
    s->n++;
}

/* Adds P to S unless it is there, keeping S at most half full. */
static void prefix_add(PrefixSet *s, Prefix p)
{
    if ((unsigned)(s->n + 1) * 2 > s->mask + 1) {
        PrefixSet old = *s;
        size_t size = ((size_t)old.mask + 1) * 2;
        *s = (PrefixSet){new_slots(size), (unsigned)size - 1, 0};
        for (unsigned i = 0; i <= old.mask; i++)
            if (old.slot[i].code)
                prefix_put(s, old.slot[i]);
        free(old.slot);
    }
    prefix_put(s, p);
}

/* The rows of a `codes` line: every code its facts are written with and
 * the 类 and 款 above it, in code order; with `classes`, every 类 of the
 * catalogue (empty ones too) and the 类 of codes the catalogue lacks. */
static void code_rows(TB *b, const RowDef *rd)
{
    const Model *m = b->m;
    const Catalog *cat = &m->cat->k[b->t->def->catalog];
    if (rd->classes)
        for (const int *i = b->classes[b->t->def->catalog]; *i >= 0; i++)
            add_row(b, rd, ROW_CODE, cat->entries[*i].code, cat->entries[*i].name,
                    cat->entries[*i].name, 1);
    PrefixSet set = {new_slots(64), 63, 0};
    for (int k = 0; k < F__COUNT; k++) { /* the kinds its figures name (one catalogue) */
        bool named = false;
        for (int f = 0; f < rd->sums.n && !named; f++)
            named = rd->sums.f[f].kind == (FactKind)k;
        int from, to;
        unit_facts(m, (FactKind)k, b->unit, &from, &to);
        for (int i = from; named && i < to; i++) {
            const Fact *x = &m->facts[k][i];
            if (!x->code || !query_any(m, &rd->sums, (FactKind)k, x) ||
                !in_columns(b, (FactKind)k, x))
                continue;
            int len = (int)strlen(x->code);
            for (int l = 3; l <= len && l < 16; l += 2) { /* as add_to_rows */
                if (rd->classes && l > 3)
                    break;
                prefix_add(&set, (Prefix){x->code, l});
            }
        }
    }
    Prefix *all = xmalloc((size_t)(set.n + 1) * sizeof *all);
    int n = 0;
    for (unsigned i = 0; i <= set.mask; i++)
        if (set.slot[i].code)
            all[n++] = set.slot[i];
    free(set.slot);
    qsort(all, (size_t)n, sizeof *all, cmp_prefix);
    for (int i = 0; i < n; i++) {
        char *key = arena_strndup(b->a, all[i].code, (size_t)all[i].len);
        const CatEntry *e = cat_find(cat, key);
        if (rd->classes && e) /* a 类 the catalogue lists has its row already */
            continue;
        const char *name = e ? e->name : "";
        add_row(b, rd, ROW_CODE, key, name, name, (all[i].len - 1) / 2);
    }
    free(all);
}

static void make_rows(TB *b)
{
    const TableDef *def = b->t->def;
    for (int i = 0; i < def->nrows; i++) {
        const RowDef *rd = &def->rows[i];
        b->first[i] = b->t->nrows;
        switch (rd->what) {
        case RD_ROW:
        case RD_TOTAL:
            add_row(b, rd, rd->what == RD_TOTAL ? ROW_TOTAL : ROW_LABEL, rd->key, rd->name,
                    rd->label, 0);
            break;
        case RD_ROWS:
            for (int w = 0; w < b->m->vocab->dim[rd->dim].n; w++)
                if (rd->words & ((WordSet)1 << w)) {
                    const char *title = vocab_title(b->m->vocab, rd->dim, w);
                    add_row(b, rd, ROW_LABEL, vocab_name(b->m->vocab, rd->dim, w), title, title,
                            0)->word = w;
                }
            break;
        case RD_CODES:
            code_rows(b, rd);
            break;
        }
    }
}

static void add(TRow *r, int col, Dec v)
{
    r->cells[col].set = true;
    /* Amounts have at most 2 decimals and the sum of all the facts of a
     * kind fits the decimal type (model_build checks), so no cell
     * overflows. */
    dec_acc(&r->cells[col].v, v);
}

/* Adds fact X of kind K to the columns COLS (a bit each) of the row R. */
static void add_cols(TRow *r, uint64_t cols, Dec v)
{
    for (int c = 0; cols; c++, cols >>= 1)
        if (cols & 1u)
            add(r, c, v);
}

/* Adds fact X of kind K to the columns COLS of the rows of line RD, whose
 * rows start at FIRST. */
static void add_to_rows(TB *b, const RowDef *rd, int first, FactKind k, const Fact *x,
                        uint64_t cols)
{
    if (!query_any(b->m, &rd->sums, k, x))
        return;
    switch (rd->what) {
    case RD_ROW:
    case RD_TOTAL:
        add_cols(&b->t->rows[first], cols, x->amount);
        break;
    case RD_ROWS:
        for (int r = first; r < b->t->nrows && b->t->rows[r].def == rd; r++)
            if (b->t->rows[r].word == x->dim[rd->dim])
                add_cols(&b->t->rows[r], cols, x->amount);
        break;
    case RD_CODES: {
        char key[16];
        if (!x->code) /* income written by source alone: no code row */
            break;
        size_t len = strlen(x->code);
        for (size_t l = 3; l <= len && l < sizeof key; l += 2) {
            if (rd->classes && l > 3)
                break;
            memcpy(key, x->code, l);
            key[l] = '\0';
            int r = row_index(b->t, key);
            if (r >= 0)
                add_cols(&b->t->rows[r], cols, x->amount);
        }
        break;
    }
    }
}

/* The value of OF.FIGURE (OF: 上年 or 预算; OF.ROOT.合计 for a root alone)
 * into *OUT: false when it is not known. */
static bool prior_of_figure(const Model *m, const PathSeg *p, const char *of, int unit, Dec *out)
{
    PathSeg segs[18];
    int n = 0;
    segs[n++] = (PathSeg){.name = of, .loc = p->loc};
    for (; p && n < 16; p = p->next)
        segs[n++] = *p;
    if (n == 2)
        segs[n++] = (PathSeg){.name = "合计", .loc = segs[1].loc};
    for (int i = 0; i < n; i++)
        segs[i].next = i + 1 < n ? &segs[i + 1] : NULL;
    char msg[256];
    return model_value(m, segs, (ValueCtx){unit, -1}, out, NULL, NULL, msg, sizeof msg) == VAL_OK;
}

/* Row R's figure of last year or of the budget (OF: 上年 or 预算): the sum
 * of OF.FIGURE over its figures (a 会议费 row's 预算.基本支出[30215]; a total
 * of 三公 and 会议费 adds both) into *OUT: false when one is not known. */
static bool prior_of_row(const Model *m, const TRow *r, const char *of, int unit, Dec *out)
{
    const Atom *a = r->def->figs;
    if (!a)
        return false;
    *out = dec_zero();
    for (; a; a = a->next) {
        Dec v;
        if (!a->path || !prior_of_figure(m, a->path, of, unit, &v) || !dec_acc(out, v))
            return false;
    }
    return true;
}

/* The columns of last year (上年) and of the change from it (增减): a 上年
 * cell is set when last year's figure is known; a 增减 cell when the 上年
 * cells it subtracts are. */
static void derive_prior(const Model *m, Table *t, int unit)
{
    const TableDef *def = t->def;
    for (int r = 0; r < t->nrows; r++) {
        bool now = false; /* an amount this year */
        for (int c = 0; c < def->ncols; c++)
            now |= def->cols[c].kind == COL_SUM && t->rows[r].cells[c].set &&
                   !dec_is_zero(t->rows[r].cells[c].v);
        for (int c = 0; c < def->ncols; c++) {
            Cell *x = &t->rows[r].cells[c];
            if (def->cols[c].kind != COL_PRIOR)
                continue;
            /* nothing this year nor last: blank, as the row's other cells */
            x->set = prior_of_row(m, &t->rows[r], def->cols[c].of, unit, &x->v) && (now || !dec_is_zero(x->v));
        }
    }
    for (int c = 0; c < def->ncols; c++) {
        const ColDef *cd = &def->cols[c];
        if (cd->kind != COL_CHANGE)
            continue;
        for (int r = 0; r < t->nrows; r++) {
            const Cell *x = &t->rows[r].cells[cd->a], *y = &t->rows[r].cells[cd->b];
            bool known = (x->set || def->cols[cd->a].kind == COL_SUM) &&
                         (y->set || def->cols[cd->b].kind == COL_SUM);
            /* cells are sums of at most 2-decimal amounts that fit (model_build
             * checks), so their difference does too */
            t->rows[r].cells[c].set =
                known && dec_sub(x->v, y->v, &t->rows[r].cells[c].v) == DEC_OK;
        }
    }
}

static Table derive(const Model *m, Arena *a, const TableDef *def, int unit,
                    const int *const *classes)
{
    Table t = {.def = def, .ncols = def->ncols};
    int *first = xmalloc((size_t)(def->nrows + 1) * sizeof *first);
    TB b = {m, a, &t, 0, unit, first, classes};
    make_rows(&b);
    index_rows(a, &t);
    for (int k = 0; k < F__COUNT; k++) {
        bool used = false; /* a kind no column adds up is skipped whole */
        for (int c = 0; c < def->ncols && !used; c++)
            for (int f = 0; f < def->cols[c].sums.n && !used; f++)
                used = def->cols[c].sums.f[f].kind == (FactKind)k;
        int from, to;
        unit_facts(m, (FactKind)k, unit, &from, &to);
        for (int i = from; used && i < to; i++) {
            const Fact *x = &m->facts[k][i];
            uint64_t cols = 0; /* the columns it counts in, a bit each */
            for (int c = 0; c < def->ncols; c++)
                if (query_any(m, &def->cols[c].sums, (FactKind)k, x))
                    cols |= (uint64_t)1 << c;
            for (int r = 0; cols && r < def->nrows; r++)
                add_to_rows(&b, &def->rows[r], first[r], (FactKind)k, x, cols);
        }
    }
    free(first);
    derive_prior(m, &t, unit);
    return t;
}

/* Whether UNIT has every fact of the department, as the only unit of most
 * departments does: its tables are the department's. */
static bool unit_is_whole(const Model *m, int unit)
{
    for (int k = 0; k < F__COUNT; k++)
        if (m->units[unit].fact_count[k] != m->nfacts[k])
            return false;
    return true;
}

void model_derive_tables(Model *m)
{
    int nt = m->disclosure ? m->disclosure->ntables : 0;
    m->tables = arena_alloc(&m->arena, (size_t)(m->nunits + 1) * (size_t)(nt ? nt : 1) *
                                           sizeof *m->tables);
    int *classes[CAT__COUNT]; /* each catalogue's 类, found once */
    for (int c = 0; c < CAT__COUNT; c++) {
        const Catalog *cat = &m->cat->k[c];
        classes[c] = xmalloc((size_t)(cat->n + 1) * sizeof *classes[c]);
        int n = 0;
        for (int i = 0; i < cat->n; i++)
            if (is_class(cat->entries[i].code))
                classes[c][n++] = i;
        classes[c][n] = -1;
    }
    for (int u = -1; u < m->nunits; u++)
        for (int t = 0; t < nt; t++)
            m->tables[(size_t)(u + 1) * (size_t)nt + (size_t)t] =
                u >= 0 && unit_is_whole(m, u)
                    ? m->tables[t] /* the same rows: shared, as nobody writes them */
                    : derive(m, &m->arena, &m->disclosure->tables[t], u,
                             (const int *const *)classes);
    for (int c = 0; c < CAT__COUNT; c++)
        free(classes[c]);
}

int model_ntables(const Model *m)
{
    return m->disclosure ? m->disclosure->ntables : 0;
}

const Table *model_table(const Model *m, int t, int unit)
{
    return &m->tables[(size_t)(unit + 1) * (size_t)model_ntables(m) + (size_t)t];
}

int model_table_find(const Model *m, const char *word)
{
    return m->disclosure ? tabledef_find(m->disclosure, word) : -1;
}
