/*
 * import_solve.c — income, spending, 三公 and carry-overs from the printed
 * tables alone (a PDF, or a workbook without budc's facts sheet).
 *
 * Each printed cell of a table (a row the definition knows, by key, word or
 * code, and a column that adds up facts) says: the facts both its row and
 * its column select add up to this amount; a blank cell says they add up to
 * nothing.  The unknowns are the facts the budget could have: one per fund
 * source, function code (the lowest level any table prints, or none) and
 * kind of spending, where the vocabulary and the catalogue allow it (a
 * budget's money only on its own codes and only for the kinds it may pay,
 * 使用非财政拨款结余 only as income, 结余分配 only as a carry-over).
 *
 * First every cell that leaves one unknown open gives it, and every cell
 * already complete makes its other unknowns nothing, until nothing changes:
 * what the tables pin down.  Where they leave a choice (last year's money of
 * a budget stated only as a total, a code's spending from money other than
 * 财政拨款 by source, a budget's money and its carry-over spent together),
 * a cell still short is given to the unknown that keeps each fund balanced
 * (a budget's money, or all money other than 财政拨款 as one fund): the fund
 * that lacks the amount, a code's spending other than 财政拨款 from the
 * source whose income is left (经营 from 经营收入, the kind's name being a
 * spelling of the source), a fact without a code for a cell without one, a
 * budget's own money before its carry-over, money other than 财政拨款
 * carried over as 非财政拨款结转, 三公 of the general budget; never more
 * than any other cell it counts in allows.  Such facts are marked inferred
 * (the .bud says so); no amount is made up: each is a printed figure, or
 * the difference of printed ones, and a cell short by no more than its
 * figures' rounding (a PDF's) is left short: W-ROUNDING, not a fact.
 */
#include <stdlib.h>
#include <string.h>

#include "import/import_solve.h"

typedef struct SAtom {
    FactKind kind;
    int src, word;
    const char *code; /* "" none */
    int leaf;         /* index of CODE in S.leaf, or -1 */
    Dec v;
    bool known, inferred;
} SAtom;

typedef struct SCons {
    int *at;
    int n;
    Dec amount;
    bool coded; /* a code row: its facts have a code */
    FactKind kind;
    Dec rest;    /* what its known facts leave */
    int unknown; /* how many of its facts are unknown */
} SCons;

typedef struct S {
    Imp *im;
    const Vocab *v;
    SAtom *a;
    int na, capa;
    SCons *c;
    int nc, capc;
    const char **leaf;
    int nleaf, capleaf;
    int **in; /* [na]: the cells each atom counts in, -1 ended */
    int **byleaf; /* [nleaf]: the atoms of each code, -1 ended */
    Dec fund_left[VOCAB_MAX_WORDS + 1]; /* by fund + 1: income less spending, carry-overs */
    Dec src_left[VOCAB_MAX_WORDS];      /* by source: the same */
    bool rounded; /* the figures are printed rounded (a PDF) */
} S;

static const FactKind solved[] = {F_INCOME, F_SPENDING, F_CARRYOVER, F_SANGONG};

static bool solved_kind(FactKind k)
{
    return k == F_INCOME || k == F_SPENDING || k == F_CARRYOVER || k == F_SANGONG;
}

static bool is_budget_word(const char *w, const void *ctx)
{
    const Vocab *v = ctx;
    int s = vocab_word(v, DIM_SOURCE, w);
    return s >= 0 && (v->dim[DIM_SOURCE].words[s].tags & TAG_FISCAL);
}

/* The budget CODE belongs to (E-FUND-CODE's rule), or -1 when unknown. */
static int code_budget(const S *s, const char *code)
{
    const Catalog *cat = &s->im->defs->cat.k[CAT_FUNCTION];
    const char *word = NULL;
    const CatEntry *at = cat_inherited(cat, code, is_budget_word, s->v, &word);
    return at ? vocab_word(s->v, DIM_SOURCE, word) : s->im->defs->src_general;
}

static bool any_match(const Figures *fs, const SAtom *x)
{
    Fact f;
    memset(&f, 0, sizeof f);
    for (int d = 0; d < DIM_FACTS; d++)
        f.dim[d] = -1;
    f.dim[DIM_SOURCE] = (signed char)x->src;
    int wd = fact_types[x->kind].word;
    if (wd >= 0)
        f.dim[wd] = (signed char)x->word;
    f.code = *x->code ? x->code : NULL;
    for (int i = 0; i < fs->n; i++)
        if (filter_has(&fs->f[i], x->kind, &f, true))
            return true;
    return false;
}

/* ---- the unknowns -------------------------------------------------------------------- */

static void add_leaf(S *s, const char *code)
{
    for (int i = 0; i < s->nleaf; i++) {
        size_t a = strlen(s->leaf[i]), b = strlen(code);
        if (strcmp(s->leaf[i], code) == 0 || (a > b && strncmp(s->leaf[i], code, b) == 0))
            return; /* known, or a longer code under it */
        if (b > a && strncmp(code, s->leaf[i], a) == 0) {
            s->leaf[i] = code; /* a longer code under a known one */
            for (int j = i + 1; j < s->nleaf; j++)
                if (strncmp(s->leaf[j], code, strlen(s->leaf[j])) == 0 &&
                    strlen(s->leaf[j]) < b)
                    s->leaf[j--] = s->leaf[--s->nleaf];
            return;
        }
    }
    *ARENA_PUSH(&s->im->a, s->leaf, s->nleaf, s->capleaf) = code;
}

/* Whether a code row of some table adds up facts of kind K. */
static bool kind_coded(const S *s, FactKind k)
{
    for (int t = 0; t < s->im->ds->ntables; t++) {
        const ITable *it = &s->im->tables[t];
        bool rows = false;
        for (int i = 0; i < it->nrows && !rows; i++)
            rows = it->rows[i].code;
        for (int i = 0; rows && i < it->def->nrows; i++)
            if (it->def->rows[i].what == RD_CODES)
                for (int f = 0; f < it->def->rows[i].sums.n; f++)
                    if (it->def->rows[i].sums.f[f].kind == k)
                        return true;
    }
    return false;
}

static int by_code(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void atoms(S *s)
{
    const Vocab *v = s->v;
    for (int t = 0; t < s->im->ds->ntables; t++)
        for (int i = 0; i < s->im->tables[t].nrows; i++)
            if (s->im->tables[t].rows[i].code)
                add_leaf(s, s->im->tables[t].rows[i].key);
    /* in order: the codes under a code are a run of them */
    if (s->nleaf > 1)
        qsort(s->leaf, (size_t)s->nleaf, sizeof *s->leaf, by_code);
    for (size_t ki = 0; ki < sizeof solved / sizeof *solved; ki++) {
        FactKind k = solved[ki];
        bool coded = k == F_SPENDING || kind_coded(s, k);
        int wd = fact_types[k].word;
        for (int src = 0; src < v->dim[DIM_SOURCE].n; src++) {
            unsigned tags = v->dim[DIM_SOURCE].words[src].tags;
            if (((tags & TAG_INFLOW) && k != F_INCOME) || ((tags & TAG_OUTFLOW) && k != F_CARRYOVER))
                continue;
            int budget = vocab_budget(v, src);
            if (k == F_SANGONG && budget < 0)
                continue; /* 三公 are of 财政拨款 alone */
            for (int c = k == F_SPENDING ? 0 : -1; c < (coded ? s->nleaf : 0); c++) {
                const char *code = c < 0 ? "" : s->leaf[c];
                if (*code && budget >= 0 && code_budget(s, code) != budget)
                    continue; /* a budget's money pays its own codes only */
                for (int w = wd >= 0 ? 0 : -1; w < (wd >= 0 ? v->dim[wd].n : 0); w++) {
                    if (k == F_SPENDING && budget >= 0 && !(v->dim[wd].words[w].tags & TAG_FISCAL))
                        continue;
                    SAtom *x = ARENA_PUSH(&s->im->a, s->a, s->na, s->capa);
                    *x = (SAtom){k, src, w, code, c, dec_zero(), false, false};
                }
            }
        }
    }
}

/* For each of NKEYS keys, the values VAL[i] of the N pairs whose KEY[i] is
 * that key, in their order, each list ended by -1 (a counting sort). */
static int **group(Arena *a, int nkeys, const int *key, const int *val, int n)
{
    int *count = arena_alloc(a, sizeof *count * (size_t)(nkeys + 1));
    for (int i = 0; i < n; i++)
        count[key[i]]++;
    int **out = arena_alloc(a, sizeof *out * (size_t)(nkeys + 1));
    for (int k = 0; k < nkeys; k++) {
        out[k] = arena_alloc(a, sizeof **out * (size_t)(count[k] + 1));
        out[k][count[k]] = -1;
        count[k] = 0;
    }
    for (int i = 0; i < n; i++)
        out[key[i]][count[key[i]]++] = val[i];
    return out;
}

/* The atoms of each code. */
static void index_leaves(S *s)
{
    int *leaf = arena_alloc(&s->im->a, sizeof *leaf * (size_t)(s->na + 1));
    int *atom = arena_alloc(&s->im->a, sizeof *atom * (size_t)(s->na + 1));
    int n = 0;
    for (int i = 0; i < s->na; i++)
        if (s->a[i].leaf >= 0) {
            leaf[n] = s->a[i].leaf;
            atom[n++] = i;
        }
    s->byleaf = group(&s->im->a, s->nleaf, leaf, atom, n);
}

/* ---- the cells ----------------------------------------------------------------------- */

static void try_atom(S *s, int i, const Figures *row, const Figures *col, int **at, int *n,
                     int *cap, FactKind *kind)
{
    const SAtom *x = &s->a[i];
    if (!any_match(row, x) || !any_match(col, x))
        return;
    *ARENA_PUSH(&s->im->a, *at, *n, *cap) = i;
    *kind = x->kind;
}

static void add_cons(S *s, const Figures *row, const Figures *col, const char *code, bool coded,
                     Dec amount)
{
    int *at = NULL, n = 0, cap = 0;
    FactKind kind = F__COUNT;
    if (coded) {
        size_t len = code ? strlen(code) : 0;
        int lo = 0, hi = s->nleaf; /* the first code not before CODE */
        while (code && lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (strcmp(s->leaf[mid], code) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (int l = lo; l < s->nleaf && (!code || strncmp(s->leaf[l], code, len) == 0); l++)
            for (const int *p = s->byleaf[l]; *p >= 0; p++)
                try_atom(s, *p, row, col, &at, &n, &cap, &kind);
    } else
        for (int i = 0; i < s->na; i++)
            try_atom(s, i, row, col, &at, &n, &cap, &kind);
    if (n == 0)
        return;
    SCons *c = ARENA_PUSH(&s->im->a, s->c, s->nc, s->capc);
    *c = (SCons){at, n, amount, coded, kind, amount, n};
}

/* The definition of printed row R of T and, for a row of a group, its
 * filter narrowed to its word into *ONE. */
static const Figures *row_sums(const S *s, const ITable *t, const IRow *r, Figures *one,
                               Filter *buf, int nbuf)
{
    const TableDef *def = t->def;
    for (int i = 0; i < def->nrows; i++) {
        const RowDef *d = &def->rows[i];
        if (d->side != r->side || d->sums.n == 0)
            continue;
        if (r->code && d->what == RD_CODES)
            return &d->sums;
        if (!r->code && d->key && (d->what == RD_ROW || d->what == RD_TOTAL) &&
            strcmp(d->key, r->key) == 0)
            return &d->sums;
        if (!r->code && d->what == RD_ROWS) {
            int w = vocab_word(s->v, d->dim, r->key);
            if (w >= 0 && (d->words & ((WordSet)1 << w))) {
                int n = 0;
                for (int f = 0; f < d->sums.n && n < nbuf; f++) {
                    buf[n] = d->sums.f[f];
                    buf[n++].allow[d->dim] &= (WordSet)1 << w;
                }
                *one = (Figures){buf, n};
                return one;
            }
        }
    }
    return NULL;
}

static void cells(S *s)
{
    for (int t = 0; t < s->im->ds->ntables; t++) {
        const ITable *it = &s->im->tables[t];
        const TableDef *def = it->def;
        bool kinds = false;
        for (int j = 0; j < def->ncols; j++)
            for (int f = 0; f < def->cols[j].sums.n && def->cols[j].kind == COL_SUM; f++)
                kinds |= solved_kind(def->cols[j].sums.f[f].kind);
        if (!kinds)
            continue;
        if (it->nrows == 0 && it->note) {
            /* printed empty ("本表无数据"): every cell nothing */
            for (int i = 0; i < def->nrows; i++)
                for (int j = 0; j < def->ncols; j++)
                    if (def->cols[j].kind == COL_SUM && def->rows[i].what != RD_ROWS)
                        add_cons(s, &def->rows[i].sums, &def->cols[j].sums, NULL,
                                 def->rows[i].what == RD_CODES, dec_zero());
            continue;
        }
        for (int i = 0; i < it->nrows; i++) {
            const IRow *r = &it->rows[i];
            Figures one;
            Filter buf[8];
            const Figures *rs = row_sums(s, it, r, &one, buf, 8);
            if (!rs)
                continue;
            int ncols = def->ncols;
            if (def->nsides == 2 && r->side == 0)
                ncols = 1;
            for (int j = 0; j < ncols; j++) {
                const ColDef *c = &def->cols[j];
                if (c->kind != COL_SUM || c->sums.n == 0)
                    continue;
                Dec amount = j < r->ncells && r->set[j] ? r->cells[j] : dec_zero();
                add_cons(s, rs, &c->sums, r->code ? r->key : NULL, r->code, amount);
            }
        }
    }
}

/* ---- solving ------------------------------------------------------------------------- */

/* The fund of source SRC: its budget, or -1 for all money other than
 * 财政拨款. */
static int fund(const S *s, int src)
{
    return vocab_budget(s->v, src);
}

/* Atom X is V: the cells it counts in, and its fund's and source's
 * balance, take it in. */
static void set_atom(S *s, int x, Dec v)
{
    SAtom *a = &s->a[x];
    a->v = v;
    a->known = true;
    for (const int *p = s->in[x]; *p >= 0; p++) {
        dec_sub(s->c[*p].rest, v, &s->c[*p].rest);
        s->c[*p].unknown--;
    }
    if (a->kind == F_SANGONG) /* 三公 are a part of spending, not more of it */
        return;
    DecStatus (*op)(Dec, Dec, Dec *) = a->kind == F_INCOME ? dec_add : dec_sub;
    op(s->fund_left[fund(s, a->src) + 1], v, &s->fund_left[fund(s, a->src) + 1]);
    op(s->src_left[a->src], v, &s->src_left[a->src]);
}

static bool short_of(const SCons *c)
{
    return c->unknown > 0 && !dec_is_neg(c->rest) && !dec_is_zero(c->rest);
}

/* Whether what cell C lacks is the rounding of figures printed rounded (a
 * PDF: W-ROUNDING's half a printed unit for each fact it adds up), not a
 * fact to make up. */
static bool rounding(const S *s, const SCons *c)
{
    if (!s->rounded)
        return false;
    Dec half, band;
    dec_parse("0.005", 5, &half);
    if (dec_mul(half, dec_from_int(c->n), &band) != DEC_OK || dec_cmp(c->rest, band) > 0)
        return false; /* more than any count of facts could round to */
    int facts = 0;
    for (int j = 0; j < c->n; j++)
        facts += s->a[c->at[j]].known && !dec_is_zero(s->a[c->at[j]].v);
    dec_mul(half, dec_from_int(facts), &band);
    return dec_cmp(c->rest, band) <= 0;
}

static void propagate(S *s)
{
    for (bool changed = true; changed;) {
        changed = false;
        for (int i = 0; i < s->nc; i++) {
            const SCons *c = &s->c[i];
            if (c->unknown == 0 || dec_is_neg(c->rest))
                continue;
            if (c->unknown == 1) {
                for (int j = 0; j < c->n; j++)
                    if (!s->a[c->at[j]].known) {
                        set_atom(s, c->at[j], c->rest);
                        break;
                    }
                changed = true;
            } else if (dec_is_zero(c->rest)) {
                for (int j = 0; j < c->n; j++)
                    if (!s->a[c->at[j]].known)
                        set_atom(s, c->at[j], dec_zero());
                changed = true;
            }
        }
    }
}

/* The cells each atom counts in. */
static void index_cells(S *s)
{
    int npairs = 0;
    for (int i = 0; i < s->nc; i++)
        npairs += s->c[i].n;
    int *atom = arena_alloc(&s->im->a, sizeof *atom * (size_t)(npairs + 1));
    int *cell = arena_alloc(&s->im->a, sizeof *cell * (size_t)(npairs + 1));
    int n = 0;
    for (int i = 0; i < s->nc; i++)
        for (int j = 0; j < s->c[i].n; j++) {
            atom[n] = s->c[i].at[j];
            cell[n++] = i;
        }
    s->in = group(&s->im->a, s->na, atom, cell, n);
}

/* The most atom X may take: the least any cell it counts in still lacks. */
static bool room(const S *s, int x, Dec *out)
{
    bool any = false;
    for (const int *p = s->in[x]; *p >= 0; p++) {
        Dec r = s->c[*p].rest;
        if (!any || dec_cmp(r, *out) < 0)
            *out = r;
        any = true;
    }
    return any && !dec_is_neg(*out) && !dec_is_zero(*out);
}

/* The preference of source SRC within its fund: a budget's own money, then
 * money other than 财政拨款 carried over, then the rest, a budget's
 * carry-over last. */
static int src_rank(const S *s, int src)
{
    int b = vocab_budget(s->v, src);
    bool carry = s->v->dim[DIM_SOURCE].words[src].tags & TAG_CARRY;
    return b == src ? 0 : b < 0 && carry ? 1 : b < 0 ? 2 : 3;
}

/* Whether spending from SRC of kind W goes against their names: a kind
 * whose name is a spelling of another source (经营 of 经营收入), or a source
 * a kind names spent on another kind. */
static bool against_names(const S *s, int src, int w)
{
    if (w < 0)
        return false;
    int named = vocab_word(s->v, DIM_SOURCE, vocab_name(s->v, DIM_KIND, w));
    if (named >= 0)
        return named != src;
    for (int k = 0; k < s->v->dim[DIM_KIND].n; k++)
        if (vocab_word(s->v, DIM_SOURCE, vocab_name(s->v, DIM_KIND, k)) == src)
            return true;
    return false;
}

/* One choice: the cell of the fewest unknowns (spending first, then 三公,
 * carry-overs, then income) still short, given to its best unknown.
 * Returns false when no cell is short. */
static bool choose(S *s)
{
    static const int order[F__COUNT] = {[F_SPENDING] = 0, [F_SANGONG] = 1, [F_CARRYOVER] = 2,
                                        [F_INCOME] = 3};
    int best = -1;
    for (int i = 0; i < s->nc; i++) {
        const SCons *c = &s->c[i];
        if (!short_of(c) || rounding(s, c))
            continue;
        if (best < 0 || order[c->kind] < order[s->c[best].kind] ||
            (order[c->kind] == order[s->c[best].kind] && c->unknown < s->c[best].unknown))
            best = i;
    }
    if (best < 0)
        return false;
    const SCons *c = &s->c[best];
    Dec r = c->rest;
    int pick = -1, ps = 0;
    Dec pamount = r;
    for (int j = 0; j < c->n; j++) {
        int xi = c->at[j];
        const SAtom *x = &s->a[xi];
        Dec cap;
        if (x->known || !room(s, xi, &cap))
            continue;
        Dec amount = dec_cmp(cap, r) < 0 ? cap : r;
        /* the fund that lacks it (income: shared out to the funds by what
         * each lacks) or has it (spending, carry-over: a preference) */
        Dec left = s->fund_left[fund(s, x->src) + 1];
        if (x->kind == F_INCOME)
            dec_neg(left, &left);
        bool some = !dec_is_neg(left) && !dec_is_zero(left);
        int score = dec_cmp(left, amount) >= 0 ? 0 : some ? 100 : 200;
        if (score == 100 && x->kind == F_INCOME)
            amount = left;
        /* spending from money other than 财政拨款: the source whose income
         * is left, up to what is left of it */
        if (x->kind == F_SPENDING && fund(s, x->src) < 0) {
            Dec own = s->src_left[x->src];
            bool any = !dec_is_neg(own) && !dec_is_zero(own);
            score += dec_cmp(own, amount) >= 0 ? 0 : any ? 3 : 6;
            if (any && dec_cmp(own, amount) < 0)
                amount = own;
            score += against_names(s, x->src, x->word) ? 2 : 0;
        }
        /* 三公: of the general budget where the tables allow it */
        if (x->kind == F_SANGONG)
            score = s->v->dim[DIM_SOURCE].words[x->src].tags & TAG_GENERAL ? 0 : 50;
        score += (!c->coded && *x->code) ? 10 : 0;
        score += src_rank(s, x->src);
        if (pick < 0 || score < ps)
            pick = xi, ps = score, pamount = amount;
    }
    if (pick < 0) {
        /* nothing fits: the cell contradicts the others; check says so */
        for (int j = 0; j < c->n; j++)
            if (!s->a[c->at[j]].known)
                set_atom(s, c->at[j], dec_zero());
        return true;
    }
    set_atom(s, pick, pamount);
    /* a choice between sources or kinds, not only codes */
    for (int j = 0; j < c->n; j++) {
        const SAtom *x = &s->a[c->at[j]];
        if (!x->known && (x->src != s->a[pick].src || x->word != s->a[pick].word))
            s->a[pick].inferred = true;
    }
    return true;
}

int imp_solve(Imp *im, SFact **out)
{
    S s = {.im = im, .v = im->v, .rounded = im->b->pdf};
    for (int i = 0; i <= VOCAB_MAX_WORDS; i++)
        s.fund_left[i] = s.src_left[i < VOCAB_MAX_WORDS ? i : 0] = dec_zero();
    atoms(&s);
    index_leaves(&s);
    cells(&s);
    index_cells(&s);
    propagate(&s);
    for (int guard = 0; guard < 10000 && choose(&s); guard++)
        propagate(&s);
    SFact *f = NULL;
    int n = 0, cap = 0;
    for (int i = 0; i < s.na; i++) {
        const SAtom *x = &s.a[i];
        if (!x->known || dec_is_zero(x->v))
            continue;
        *ARENA_PUSH(&im->a, f, n, cap) = (SFact){x->kind, x->src, x->word, x->code, x->v, x->inferred};
    }
    *out = f;
    return n;
}
