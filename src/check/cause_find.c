/*
 * cause_find.c — finding the root causes of the broken identities (see the
 * top of cause.c): candidates grouped by amount and change, the most
 * specific change of each amount, the groups taken greedily, then the
 * identities that root causes explain together.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check/cause_impl.h"

/* A candidate: broken identity IDENT is repaired by changing amount ID by
 * DELTA. */
typedef struct Cand {
    int id;
    Dec delta;
    int ident;
} Cand;

static int cand_cmp(const void *a, const void *b)
{
    const Cand *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    int c = dec_cmp(x->delta, y->delta);
    if (c)
        return c;
    return x->ident < y->ident ? -1 : x->ident > y->ident;
}

/* The candidates that share an amount and a change: C[start..end). */
typedef struct Group {
    int start, end;
    int count;  /* members no root explains yet */
    int cursor; /* the first of them is at or after C[cursor] */
    bool valid;
} Group;

typedef struct HeapE {
    int count;
    size_t first;
    int g;
} HeapE;

typedef struct Finder {
    Causes *cs;
    Cand *c;
    int nc;
    Group *g;
    int ng;
    int *member_g; /* the group of each candidate */
    int *by_ident; /* candidates of each identity: CSR over ids */
    int *ident_at;
    HeapE *heap;
    int nheap, capheap;
    bool *used;    /* amounts that are a root cause or one of its others */
} Finder;

/* Whether heap entry A comes before B: more identities, then the first
 * reported first, then the amount written first. */
static bool heap_before(const HeapE *a, const HeapE *b)
{
    if (a->count != b->count)
        return a->count > b->count;
    if (a->first != b->first)
        return a->first < b->first;
    return a->g < b->g;
}

static bool heap_push(Finder *f, HeapE e)
{
    if (f->nheap == f->capheap) {
        int cap = f->capheap ? f->capheap * 2 : 64;
        HeapE *v = realloc(f->heap, (size_t)cap * sizeof *v);
        if (!v)
            return false;
        f->heap = v;
        f->capheap = cap;
    }
    int i = f->nheap++;
    f->heap[i] = e;
    while (i > 0 && heap_before(&f->heap[i], &f->heap[(i - 1) / 2])) {
        HeapE t = f->heap[i];
        f->heap[i] = f->heap[(i - 1) / 2];
        f->heap[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
    return true;
}

static HeapE heap_pop(Finder *f)
{
    HeapE top = f->heap[0];
    f->heap[0] = f->heap[--f->nheap];
    for (int i = 0;;) {
        int l = 2 * i + 1, r = l + 1, best = i;
        if (l < f->nheap && heap_before(&f->heap[l], &f->heap[best]))
            best = l;
        if (r < f->nheap && heap_before(&f->heap[r], &f->heap[best]))
            best = r;
        if (best == i)
            break;
        HeapE t = f->heap[i];
        f->heap[i] = f->heap[best];
        f->heap[best] = t;
        i = best;
    }
    return top;
}

static Ident *cand_ident(const Finder *f, int k)
{
    return f->cs->ids[f->c[k].ident];
}

/* The held index of group G's first member no root explains yet. */
static size_t group_first(Finder *f, int g)
{
    Group *gr = &f->g[g];
    while (gr->cursor < gr->end && cand_ident(f, gr->cursor)->root >= 0)
        gr->cursor++;
    return gr->cursor < gr->end ? cand_ident(f, gr->cursor)->held : SIZE_MAX;
}

/* Whether identity IDENT is a member of group G. */
static bool group_has(const Finder *f, int g, int ident)
{
    int lo = f->g[g].start, hi = f->g[g].end;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (f->c[mid].ident == ident)
            return true;
        if (f->c[mid].ident < ident)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* Keeps, of the changes of one amount that two or more identities share,
 * the one its most specific identity asks for (the one that counts fewest
 * amounts; then the one most identities share): a total over two wrong
 * amounts asks for the sum of both changes, but a cell or balance of the one
 * amount alone for its own change. */
static void best_changes(Finder *f)
{
    for (int g = 0; g < f->ng;) {
        int h = g, best = -1, best_terms = 0;
        for (; h < f->ng && f->c[f->g[h].start].id == f->c[f->g[g].start].id; h++) {
            if (f->g[h].count < 2)
                continue;
            int terms = INT32_MAX;
            for (int k = f->g[h].start; k < f->g[h].end; k++)
                if (cand_ident(f, k)->nterms < terms)
                    terms = cand_ident(f, k)->nterms;
            if (best < 0 || terms < best_terms ||
                (terms == best_terms && f->g[h].count > f->g[best].count)) {
                best = h;
                best_terms = terms;
            }
        }
        for (int k = g; k < h; k++)
            f->g[k].valid = k == best;
        g = h;
    }
}

/* The candidates of every broken identity, grouped by (amount, change). */
static bool make_groups(Finder *f)
{
    Causes *cs = f->cs;
    long n = 0;
    for (int i = 0; i < cs->nids; i++) {
        Ident *id = cs->ids[i];
        if (!id->broken)
            continue;
        ident_terms(cs, id);
        if (id->linear)
            n += id->nterms;
    }
    if (n == 0)
        return false;
    f->c = malloc((size_t)n * sizeof *f->c);
    if (!f->c)
        return false;
    for (int i = 0; i < cs->nids; i++) {
        const Ident *id = cs->ids[i];
        if (!id->broken || !id->linear)
            continue;
        for (int j = 0; j < id->nterms; j++) {
            const Term *t = &id->terms[j];
            Dec delta = id->gap, after;
            if (t->coef != 1 && t->coef != -1)
                continue;
            if ((t->coef < 0 && dec_neg(id->gap, &delta) != DEC_OK) ||
                dec_add(cs->amt[t->id].v, delta, &after) != DEC_OK || dec_is_neg(after))
                continue;
            f->c[f->nc++] = (Cand){t->id, delta, i};
        }
    }
    if (f->nc > 1)
        qsort(f->c, (size_t)f->nc, sizeof *f->c, cand_cmp);
    f->g = malloc(((size_t)f->nc + 1) * sizeof *f->g);
    f->member_g = malloc(((size_t)f->nc + 1) * sizeof *f->member_g);
    if (!f->g || !f->member_g)
        return false;
    bool any = false;
    for (int i = 0; i < f->nc;) {
        int j = i + 1;
        while (j < f->nc && f->c[j].id == f->c[i].id && dec_eq(f->c[j].delta, f->c[i].delta))
            j++;
        f->g[f->ng] = (Group){i, j, j - i, i, j - i >= 2};
        any |= j - i >= 2;
        for (int k = i; k < j; k++)
            f->member_g[k] = f->ng;
        f->ng++;
        i = j;
    }
    best_changes(f);
    return any;
}

/* No amount that an identity which holds counts is a root cause. */
static void drop_holding(Finder *f)
{
    Causes *cs = f->cs;
    bool *counted = calloc((size_t)cs->namt + 1, sizeof *counted);
    if (!counted) {
        for (int g = 0; g < f->ng; g++)
            f->g[g].valid = false;
        return;
    }
    for (int i = 0; i < cs->nids; i++) {
        Ident *id = cs->ids[i];
        if (id->broken)
            continue;
        ident_terms(cs, id);
        for (int j = 0; id->linear && j < id->nterms; j++)
            counted[id->terms[j].id] = true;
        free(id->terms); /* needed no more */
        id->terms = NULL;
        id->nterms = 0;
    }
    for (int g = 0; g < f->ng; g++)
        if (counted[f->c[f->g[g].start].id])
            f->g[g].valid = false;
    free(counted);
}

/* Each identity's candidates, so that explaining it updates their groups. */
static bool index_idents(Finder *f)
{
    int n = f->cs->nids;
    f->by_ident = calloc((size_t)n + 1, sizeof *f->by_ident);
    f->ident_at = malloc(((size_t)f->nc + 1) * sizeof *f->ident_at);
    if (!f->by_ident || !f->ident_at)
        return false;
    for (int k = 0; k < f->nc; k++)
        f->by_ident[f->c[k].ident + 1]++;
    for (int i = 0; i < n; i++)
        f->by_ident[i + 1] += f->by_ident[i];
    int *fill = malloc(((size_t)n + 1) * sizeof *fill);
    if (!fill)
        return false;
    memcpy(fill, f->by_ident, ((size_t)n + 1) * sizeof *fill);
    for (int k = 0; k < f->nc; k++)
        f->ident_at[fill[f->c[k].ident]++] = k;
    free(fill);
    return true;
}

static bool add_root(Causes *cs, Root r)
{
    Root *v = realloc(cs->roots, ((size_t)cs->nroots + 1) * sizeof *v);
    if (!v)
        return false;
    cs->roots = v;
    cs->roots[cs->nroots++] = r;
    return true;
}

/* The other amounts that explain exactly the members of group G (COUNT of
 * them, the first being FIRST). */
static void alternatives(Finder *f, int g, int count, int first, Root *r)
{
    int ident = f->c[first].ident;
    int from = f->by_ident[ident], to = f->by_ident[ident + 1];
    r->alts = malloc((size_t)(to - from) * sizeof *r->alts);
    r->alt_delta = malloc((size_t)(to - from) * sizeof *r->alt_delta);
    if (!r->alts || !r->alt_delta)
        return;
    for (int x = from; x < to; x++) {
        int g2 = f->member_g[f->ident_at[x]];
        if (g2 == g || !f->g[g2].valid || f->g[g2].count != count || f->used[f->c[f->g[g2].start].id])
            continue;
        bool same = true;
        for (int k = f->g[g].start; k < f->g[g].end && same; k++)
            if (cand_ident(f, k)->root < 0)
                same = group_has(f, g2, f->c[k].ident);
        if (same) {
            r->alts[r->nalts] = f->c[f->g[g2].start].id;
            r->alt_delta[r->nalts++] = f->c[f->g[g2].start].delta;
        }
    }
}

/* Takes the groups greedily (see the top of the file). */
static void take_roots(Finder *f)
{
    Causes *cs = f->cs;
    for (int g = 0; g < f->ng; g++)
        if (f->g[g].valid && f->g[g].count >= 2 &&
            !heap_push(f, (HeapE){f->g[g].count, group_first(f, g), g}))
            return;
    while (f->nheap > 0) {
        HeapE e = heap_pop(f);
        Group *gr = &f->g[e.g];
        int id = f->c[gr->start].id;
        if (f->used[id] || gr->count < 2)
            continue;
        size_t first = group_first(f, e.g);
        if (gr->count != e.count || first != e.first) {
            if (!heap_push(f, (HeapE){gr->count, first, e.g}))
                return;
            continue;
        }
        Root r = {id, f->c[gr->start].delta, first, NULL, NULL, 0};
        alternatives(f, e.g, gr->count, gr->cursor, &r);
        if (!add_root(cs, r)) {
            free(r.alts);
            free(r.alt_delta);
            return;
        }
        f->used[id] = true;
        for (int a = 0; a < r.nalts; a++)
            f->used[r.alts[a]] = true;
        for (int k = gr->cursor; k < gr->end; k++) {
            Ident *x = cand_ident(f, k);
            if (x->root >= 0)
                continue;
            x->root = cs->nroots - 1;
            for (int y = f->by_ident[x->order]; y < f->by_ident[x->order + 1]; y++)
                f->g[f->member_g[f->ident_at[y]]].count--;
        }
    }
}

/* A broken identity no root explains alone, but the root causes it counts
 * (two or more, none of them ambiguous) do together. */
static void take_joint(Causes *cs)
{
    int *root_of = malloc(((size_t)cs->namt + 1) * sizeof *root_of);
    if (!root_of)
        return;
    for (int k = 0; k < cs->namt; k++)
        root_of[k] = -1;
    for (int r = 0; r < cs->nroots; r++) {
        const Root *x = &cs->roots[r];
        root_of[x->id] = x->nalts ? -2 : r;
        for (int a = 0; a < x->nalts; a++)
            root_of[x->alts[a]] = -2;
    }
    for (int i = 0; i < cs->nids; i++) {
        Ident *id = cs->ids[i];
        if (!id->broken || !id->linear || id->root >= 0)
            continue;
        Dec sum = dec_zero();
        int n = 0, first = -1;
        bool ok = true;
        for (int j = 0; j < id->nterms && ok; j++) {
            int r = root_of[id->terms[j].id];
            Dec part;
            if (r == -1)
                continue;
            ok = r >= 0 && dec_mul(dec_from_int(id->terms[j].coef), cs->roots[r].delta, &part) == DEC_OK &&
                 dec_acc(&sum, part);
            n++;
            if (ok && (first < 0 || cs->roots[r].pos < cs->roots[first].pos))
                first = r;
        }
        if (ok && n >= 2 && dec_eq(sum, id->gap)) {
            id->root = first;
            id->joint = true;
        }
    }
    free(root_of);
}

void find_roots(Causes *cs)
{
    Finder f = {.cs = cs};
    f.used = calloc((size_t)cs->namt + 1, sizeof *f.used);
    if (f.used && make_groups(&f) && index_idents(&f)) {
        drop_holding(&f);
        take_roots(&f);
        take_joint(cs);
    }
    free(f.c);
    free(f.g);
    free(f.member_g);
    free(f.by_ident);
    free(f.ident_at);
    free(f.heap);
    free(f.used);
}
