/*
 * cause.c — root causes (see cause.h; docs/checks.md, E-ROOT-CAUSE).
 *
 * Each identity the passes check is a difference A − B of sums of amounts.
 * Its sides are kept as what they add up (a filter, a cell, a quote), and
 * turned into amounts only when needed: the amounts written in the budget
 * (facts, `prior` lines, projects' and purchases' amounts) are numbered, and
 * an identity becomes a list of terms (amount, coefficient).  A side whose
 * traced amounts do not add up to its value, or a quote that multiplies or
 * divides, is not linear: its identity takes no part.
 *
 * Changing amount X by D changes the difference of an identity in which X
 * has coefficient C by −C·D, so X repairs a broken identity of difference G
 * alone when C·D = G: with C = ±1, D = C·G.  For each broken identity and
 * each of its amounts with C = ±1 that gives a candidate (X, D).  A
 * candidate is a root cause when
 *   - at least two broken identities share it;
 *   - X + D is not negative (an amount cannot be);
 *   - no identity that holds counts X: had X been written wrong, it would
 *     be broken too (a stated cell copied wrong into two tables shares its
 *     facts with two broken identities, but the facts' other cells hold);
 *   - of the changes of X that identities share, D is the one that X's
 *     most specific identity asks for (the one that counts fewest amounts):
 *     a total over two wrong amounts asks for the sum of both changes, but
 *     a cell or a balance of the one amount alone for its own.
 * Candidates are taken greedily, the one that explains most identities
 * first (ties: the one whose first identity is reported first, then the
 * amount written first); each identity is explained by one root cause.  Two
 * amounts that explain exactly the same identities are reported together
 * ("this amount, or the other amount of the next note").  Then a broken
 * identity that no root cause explains alone, but whose difference is
 * exactly what the root causes it counts add up to, is explained by them
 * together (a total over two wrong amounts) and counted with the first of
 * them.  A broken identity that no root cause explains is reported as
 * before, on its own.
 *
 * The diagnostics are held while the passes run; diag_release reports them
 * in order, with each root cause's error in place of the first identity it
 * explains, and without the identities it explains, which are its notes
 * (the first of each code, up to ROOT_NOTES) or counted in one note with
 * the lines they are on.
 *
 * This file records the identities and turns them into terms;
 * cause_find.c finds the root causes, cause_report.c reports them
 * (cause_impl.h has what they share).
 */
#include "check/cause.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check/cause_impl.h"
#include "model/query.h"

/* ---- the amounts of the budget ---------------------------------------------- */

/* Places in the order they are written: by file name (the order of two
 * files in memory could change from run to run), line and column. */
static int loc_cmp(const Loc *a, const Loc *b)
{
    if (a->file != b->file) {
        const char *na = a->file && a->file->name ? a->file->name : "";
        const char *nb = b->file && b->file->name ? b->file->name : "";
        int c = strcmp(na, nb);
        if (c)
            return c;
        uintptr_t fa = (uintptr_t)a->file, fb = (uintptr_t)b->file;
        return fa < fb ? -1 : 1;
    }
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    if (a->end_line != b->end_line)
        return a->end_line < b->end_line ? -1 : 1;
    return a->end_col < b->end_col ? -1 : a->end_col > b->end_col;
}

static int amount_cmp(const void *a, const void *b)
{
    return loc_cmp(&((const Amount *)a)->at, &((const Amount *)b)->at);
}

/* The id of the amount written at AT, or -1. */
static int amount_at(const Causes *cs, Loc at)
{
    int lo = 0, hi = cs->namt;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        int c = loc_cmp(&cs->amt[mid].at, &at);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static void add_amount(Causes *cs, Loc at, Dec v)
{
    if (at.file && at.line > 0)
        cs->amt[cs->namt++] = (Amount){at, v};
}

/* Numbers every amount of M that a sum of a check may count. */
static bool number_amounts(Causes *cs)
{
    const Model *m = cs->m;
    long n = m->nprior;
    for (int k = 0; k < F__COUNT; k++)
        n += m->nfacts[k];
    for (int u = 0; u < m->nunits; u++)
        n += m->units[u].nprior;
    for (int i = 0; i < m->nprojects; i++)
        n += 1 + 2L * m->projects[i].npur;
    if (n > INT32_MAX / 2)
        return false;
    cs->amt = malloc(((size_t)n + 1) * sizeof *cs->amt);
    cs->nscratch = (int)n + m->nprojects + m->nunits + 64;
    cs->scratch = malloc((size_t)cs->nscratch * sizeof *cs->scratch);
    if (!cs->amt || !cs->scratch)
        return false;
    for (int k = 0; k < F__COUNT; k++)
        for (int i = 0; i < m->nfacts[k]; i++)
            add_amount(cs, m->facts[k][i].amount_loc, m->facts[k][i].amount);
    for (int i = 0; i < m->nprior; i++)
        add_amount(cs, m->prior[i].amount_loc, m->prior[i].amount);
    for (int u = 0; u < m->nunits; u++)
        for (int i = 0; i < m->units[u].nprior; i++)
            add_amount(cs, m->units[u].prior[i].amount_loc, m->units[u].prior[i].amount);
    for (int i = 0; i < m->nprojects; i++) {
        const Project *p = &m->projects[i];
        if (p->has_amount)
            add_amount(cs, p->amount_loc, p->amount);
        for (int j = 0; j < p->npur; j++) {
            if (p->pur[j].has_amount)
                add_amount(cs, p->pur[j].amount_loc, p->pur[j].amount);
            if (p->pur[j].has_sme)
                add_amount(cs, p->pur[j].sme_loc, p->pur[j].sme);
        }
    }
    if (cs->namt > 1)
        qsort(cs->amt, (size_t)cs->namt, sizeof *cs->amt, amount_cmp);
    return true;
}

/* ---- recording ---------------------------------------------------------------- */

Causes *causes_start(const Model *m, DiagCtx *d)
{
    Causes *cs = calloc(1, sizeof *cs);
    if (!cs)
        return NULL;
    cs->m = m;
    cs->d = d;
    if (!number_amounts(cs)) {
        free(cs->amt);
        free(cs->scratch);
        free(cs);
        return NULL;
    }
    diag_hold(d);
    return cs;
}

static Ident *new_ident(Causes *cs, bool broken, Dec gap)
{
    if (!cs)
        return NULL;
    if (cs->nids == cs->capids) {
        int cap = cs->capids ? cs->capids * 2 : 64;
        Ident **v = realloc(cs->ids, (size_t)cap * sizeof *v);
        if (!v)
            return NULL;
        cs->ids = v;
        cs->capids = cap;
    }
    Ident *id = calloc(1, sizeof *id);
    if (!id)
        return NULL;
    id->broken = broken;
    id->linear = true;
    id->held = diag_held_count(cs->d);
    id->order = cs->nids;
    id->root = -1;
    id->gap = gap;
    cs->ids[cs->nids++] = id;
    return id;
}

Ident *cause_broken(Causes *cs, Dec gap)
{
    return new_ident(cs, true, gap);
}

Ident *cause_holds(Causes *cs)
{
    return new_ident(cs, false, dec_zero());
}

static Src *add_src(Ident *id, SrcKind kind, int coef)
{
    if (!id || !id->linear)
        return NULL;
    if (id->nsrc == id->capsrc) {
        int cap = id->capsrc ? id->capsrc * 2 : 2;
        Src *v = realloc(id->src, (size_t)cap * sizeof *v);
        if (!v) {
            id->linear = false;
            return NULL;
        }
        id->src = v;
        id->capsrc = cap;
    }
    Src *s = &id->src[id->nsrc++];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->coef = coef;
    return s;
}

void cause_filter(Causes *cs, Ident *id, const Filter *f, int unit, int coef)
{
    Src *s = cs ? add_src(id, SRC_FILTER, coef) : NULL;
    if (s) {
        s->f = *f;
        s->unit = unit;
    }
}

void cause_cell(Causes *cs, Ident *id, const Table *t, const TRow *r, int col, int coef)
{
    Src *s = cs && r ? add_src(id, SRC_CELL, coef) : NULL;
    if (s) {
        s->t = t;
        s->r = r;
        s->col = col;
    }
}

void cause_amount(Causes *cs, Ident *id, Loc at, int coef)
{
    Src *s = cs ? add_src(id, SRC_AMOUNT, coef) : NULL;
    if (s)
        s->at = at;
}

static bool seg_is(const PathSeg *s, const char *w)
{
    return s && s->name && strcmp(s->name, w) == 0;
}

static void add_path(Ident *id, SrcKind kind, const PathSeg *p, ValueCtx ctx, int coef)
{
    Src *s = add_src(id, kind, coef);
    if (s) {
        s->p = p;
        s->ctx = ctx;
    }
}

void cause_expr(Causes *cs, Ident *id, const Expr *e, ValueCtx ctx, int coef)
{
    if (!cs || !id || !id->linear)
        return;
    if (!e) {
        id->linear = false;
        return;
    }
    switch (e->kind) {
    case E_NUMBER:
        return;
    case E_NEG:
        cause_expr(cs, id, e->lhs, ctx, -coef);
        return;
    case E_BINARY:
        if (e->binop != '+' && e->binop != '-') {
            id->linear = false;
            return;
        }
        cause_expr(cs, id, e->lhs, ctx, coef);
        cause_expr(cs, id, e->rhs, ctx, e->binop == '-' ? -coef : coef);
        return;
    case E_PATH: {
        const PathSeg *p = e->atom ? e->atom->path : NULL;
        if (!p || seg_is(p, "增减率")) { /* a rate: not linear */
            id->linear = false;
        } else if (seg_is(p, "增减")) { /* X − 上年.X */
            add_path(id, SRC_PATH, p->next, ctx, coef);
            add_path(id, SRC_PRIOR_PATH, p->next, ctx, -coef);
        } else {
            add_path(id, SRC_PATH, p, ctx, coef);
        }
        return;
    }
    }
    id->linear = false;
}

/* ---- terms -------------------------------------------------------------------- */

static int term_cmp(const void *a, const void *b)
{
    const Term *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* Adds the terms of one side S of ID to T (room for N more): its traced
 * amounts, which must add up to its value V; none when no traced place is
 * an amount (a count, last year's budget).  False when it is not linear. */
static bool side_terms(Causes *cs, const Src *s, const Trace *tr, Dec v, Term *t, int *nt)
{
    if (tr->total > tr->n)
        return false;
    Dec sum = dec_zero();
    int found = 0;
    for (int i = 0; i < tr->n; i++) {
        int k = amount_at(cs, tr->locs[i]);
        if (k < 0)
            continue;
        found++;
        if (!dec_acc(&sum, cs->amt[k].v))
            return false;
        t[(*nt)++] = (Term){k, s->coef};
    }
    return found == 0 || (found == tr->n && dec_eq(sum, v));
}

/* Computes the terms of ID (the coefficients of each amount, merged). */
void ident_terms(Causes *cs, Ident *id)
{
    if (id->computed)
        return;
    id->computed = true;
    if (!id->linear)
        return;
    if (id->broken && cs->nterms >= MAX_TERMS) { /* memory: the rest are left out */
        id->linear = false;
        return;
    }
    size_t room = (size_t)id->nsrc * (size_t)cs->nscratch;
    Term *t = room ? malloc(room * sizeof *t) : NULL;
    if (room && !t) {
        id->linear = false;
        return;
    }
    int nt = 0;
    for (int i = 0; i < id->nsrc && id->linear; i++) {
        const Src *s = &id->src[i];
        Trace tr = {cs->scratch, cs->nscratch, 0, 0};
        Dec v = dec_zero();
        char msg[256];
        switch (s->kind) {
        case SRC_FILTER:
            query_filter(cs->m, &s->f, s->unit, &v, &tr);
            break;
        case SRC_CELL:
            query_cell(cs->m, s->t, s->r, s->col, &v, &tr);
            break;
        case SRC_PATH:
        case SRC_PRIOR_PATH: {
            PathSeg prior = {.name = "上年", .loc = s->p ? s->p->loc : (Loc){0}, .next = (PathSeg *)s->p};
            const PathSeg *p = s->kind == SRC_PATH ? s->p : &prior;
            if (!s->p || model_value(cs->m, p, s->ctx, &v, NULL, &tr, msg, sizeof msg) != VAL_OK)
                id->linear = false;
            break;
        }
        case SRC_AMOUNT: {
            int k = amount_at(cs, s->at);
            trace_add(&tr, s->at);
            v = k >= 0 ? cs->amt[k].v : dec_zero();
            break;
        }
        }
        if (id->linear && !side_terms(cs, s, &tr, v, t, &nt))
            id->linear = false;
    }
    if (!id->linear) {
        free(t);
        return;
    }
    if (nt > 1) /* t is NULL when there is no term */
        qsort(t, (size_t)nt, sizeof *t, term_cmp);
    int n = 0;
    for (int i = 0; i < nt; i++) {
        if (n > 0 && t[n - 1].id == t[i].id)
            t[n - 1].coef += t[i].coef;
        else
            t[n++] = t[i];
        if (t[n - 1].coef == 0 && (i + 1 == nt || t[i + 1].id != t[n - 1].id))
            n--;
    }
    Term *fit = n ? realloc(t, (size_t)n * sizeof *t) : NULL;
    if (!fit)
        free(t);
    id->terms = fit;
    id->nterms = fit ? n : 0;
    if (id->broken)
        cs->nterms += n;
}

void causes_free(Causes *cs)
{
    if (!cs)
        return;
    for (int i = 0; i < cs->nids; i++) {
        free(cs->ids[i]->src);
        free(cs->ids[i]->terms);
        free(cs->ids[i]);
    }
    for (int r = 0; r < cs->nroots; r++) {
        free(cs->roots[r].alts);
        free(cs->roots[r].alt_delta);
    }
    free(cs->roots);
    free(cs->ids);
    free(cs->amt);
    free(cs->scratch);
    free(cs->fate);
    free(cs->part);
    free(cs->root_of);
    free(cs);
}
