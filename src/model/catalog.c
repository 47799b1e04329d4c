/*
 * catalog.c — loading and searching the classification catalogues (see
 * catalog.h).
 */
#include "model/catalog.h"
#include "base/i18n.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "front/load.h"

static const char *const kind_words[CAT__COUNT] = {
    [CAT_FUNCTION] = "function",       [CAT_ECONOMIC] = "economic",
    [CAT_SANGONG] = "sangong",         [CAT_PROCUREMENT] = "procurement",
    [CAT_INDICATOR] = "indicator",     [CAT_MEASURE] = "measure",
    [CAT_PHRASE] = "phrase",           [CAT_MOVED] = "moved",
    [CAT_PROSE] = "prose",
};

const char *cat_kind_word(CatKind k)
{
    return kind_words[k];
}

int cat_kind_lookup(const char *word)
{
    for (int k = 0; k < CAT__COUNT; k++)
        if (strcmp(kind_words[k], word) == 0)
            return k;
    return -1;
}

/* ---- hashing ---------------------------------------------------------------- */

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void rehash(Catalog *c)
{
    free(c->slots);
    c->nslots = c->nslots ? c->nslots * 2 : 64;
    c->slots = xmalloc((size_t)c->nslots * sizeof *c->slots);
    for (int i = 0; i < c->nslots; i++)
        c->slots[i] = -1;
    for (int e = 0; e < c->n; e++) {
        uint32_t i = hash(c->entries[e].code) & (uint32_t)(c->nslots - 1);
        while (c->slots[i] >= 0)
            i = (i + 1) & (uint32_t)(c->nslots - 1);
        c->slots[i] = e;
    }
}

static int find_index(const Catalog *c, const char *code)
{
    if (!c->nslots)
        return -1;
    uint32_t i = hash(code) & (uint32_t)(c->nslots - 1);
    while (c->slots[i] >= 0) {
        if (strcmp(c->entries[c->slots[i]].code, code) == 0)
            return c->slots[i];
        i = (i + 1) & (uint32_t)(c->nslots - 1);
    }
    return -1;
}

const CatEntry *cat_find(const Catalog *c, const char *code)
{
    int i = find_index(c, code);
    return i < 0 ? NULL : &c->entries[i];
}

const CatEntry *cat_inherited(const Catalog *c, const char *code,
                              bool (*accept)(const char *word, const void *ctx), const void *ctx,
                              const char **word)
{
    char key[16];
    size_t n = strlen(code);
    if (n >= sizeof key)
        return NULL;
    memcpy(key, code, n + 1);
    for (; n >= 3; n -= 2) { /* 项, then its 款, then its 类 */
        key[n] = '\0';
        const CatEntry *e = cat_find(c, key);
        for (int i = 0; e && i < e->nwords; i++)
            if (accept(e->words[i], ctx)) {
                *word = e->words[i];
                return e;
            }
        if (n < 5)
            break;
    }
    return NULL;
}

const char *cat_moved(const Catalogs *c, const char *code)
{
    const CatEntry *e = cat_find(&c->k[CAT_MOVED], code);
    return e ? e->name : code;
}

static CatEntry *add_entry(Catalog *c, Arena *a)
{
    /* arena_push: a large catalogue's array grows in a block of its own
     * instead of leaving each old copy in the arena */
    return arena_push(a, (void **)&c->entries, &c->n, &c->cap, sizeof *c->entries);
}

/* ---- code formats ------------------------------------------------------------ */


/* NULL when CODE is well-formed for catalogue K, else what it should be. */
static const char *format_problem(CatKind k, const char *code)
{
    size_t n = strlen(code);
    switch (k) {
    case CAT_FUNCTION:
        if (!text_all_digits(code) || (n != 3 && n != 5 && n != 7) || code[0] != '2')
            return _("a function code is 3, 5 or 7 digits starting with 2 (类 207, 款 20706, 项 2070699)");
        return NULL;
    case CAT_ECONOMIC:
    case CAT_SANGONG:
        if (!text_all_digits(code) || (n != 3 && n != 5) || code[0] != '3')
            return _("an economic code is 3 or 5 digits starting with 3 (类 301, 款 30101)");
        if (k == CAT_SANGONG && n != 5)
            return _("a 三公 entry names an economic 款 (5 digits, e.g. 30217)");
        return NULL;
    case CAT_MOVED:
        if (!text_all_digits(code) || n < 3 || n > 7 || n % 2 == 0 || (code[0] != '2' && code[0] != '3'))
            return _("a moved code is last year's function or economic code (2070699, 30101), "
                     "then this year's as a string");
        return NULL;
    case CAT_PROCUREMENT:
        if (n != 9 || (code[0] != 'A' && code[0] != 'B' && code[0] != 'C') || !text_all_digits(code + 1))
            return _("a procurement code is A, B or C and 8 digits (C06010000)");
        return NULL;
    default:
        return NULL;
    }
}

/* The sources that vouch for a row (stdlib/README.md): T S C M, and N, a
 * 财政部 notice revising the year's 政府收支分类科目. */
static bool is_provenance(const char *t)
{
    return strcmp(t, "T") == 0 || strcmp(t, "S") == 0 || strcmp(t, "C") == 0 ||
           strcmp(t, "M") == 0 || strcmp(t, "N") == 0;
}

/* ---- loading ------------------------------------------------------------------ */

typedef struct Loader {
    Catalogs *c;
    Arena *a;
    DiagCtx *d;
    int nerrors;
} Loader;

static void load_row(Loader *l, Catalog *cat, const Stmt *row, const Module *mod)
{
    Atom *key = row->args;
    if (!key)
        return;
    const char *code = key->text;
    const char *problem = format_problem(cat->kind, code);
    if (problem) {
        diag_error(l->d, key->loc, "E-CATALOG", "'%s' is not a %s code: %s", code,
                   _(cat_kind_word(cat->kind)), problem);
        l->nerrors++;
        return;
    }
    Atom *t = key->next;
    const char *name = code;
    if (t && t->kind == A_STRING) {
        name = t->text;
        t = t->next;
    }
    if (cat->kind == CAT_MOVED && (name == code || format_problem(CAT_MOVED, name))) {
        diag_error(l->d, key->loc, "E-CATALOG",
                   "a moved code is followed by this year's code as a string: %s \"2070699\"",
                   code);
        l->nerrors++;
        return;
    }
    const char *extra = NULL;
    char tags[64] = "";
    size_t tl = 0;
    int nwords = 0;
    for (const Atom *w = t; w; w = w->next)
        nwords += !is_provenance(w->text);
    const char **words = nwords ? arena_alloc(l->a, (size_t)nwords * sizeof *words) : NULL;
    nwords = 0;
    for (; t; t = t->next) {
        if (is_provenance(t->text)) {
            tl += (size_t)snprintf(tags + tl, sizeof tags - tl, "%s%s", tl ? " " : "", t->text);
            if (tl >= sizeof tags)
                tl = sizeof tags - 1;
        } else {
            if (!extra)
                extra = t->text;
            words[nwords++] = t->text;
        }
    }
    int old = find_index(cat, code);
    if (old >= 0) {
        CatEntry *e = &cat->entries[old];
        if (e->from_std && !mod->is_std && !e->restated) {
            /* the budget's own entry for a standard code: a renaming */
            if (!names_equal(e->name, name)) {
                diag_warning(l->d, row->loc, "W-CATALOG-OVERRIDE",
                             "this budget renames %s code %s from '%s' to '%s'",
                             cat_kind_word(cat->kind), code, e->name, name);
                diag_note(l->d, e->loc, "the standard library's entry");
                e->std_name = e->name;
                e->overridden = true;
                e->name = name;
            }
            if (extra) {
                e->extra = extra;
                e->words = words;
                e->nwords = nwords;
            }
            e->restated = true;
            e->loc = row->loc;
            return;
        }
        diag_error(l->d, key->loc, "E-DUPLICATE", "%s code %s is listed twice",
                   cat_kind_word(cat->kind), code);
        diag_note(l->d, e->loc, "first listed here");
        l->nerrors++;
        return;
    }
    bool std_has_kind = cat->n > 0 && cat->entries[0].from_std;
    if (!mod->is_std && std_has_kind) {
        diag_warning(l->d, key->loc, "W-CATALOG-LOCAL",
                     "this budget adds %s code %s '%s', which the standard library does not have",
                     cat_kind_word(cat->kind), code, name);
    }
    CatEntry *e = add_entry(cat, l->a);
    e->code = code;
    e->name = name;
    e->extra = extra;
    e->words = words;
    e->nwords = nwords;
    e->tags = arena_strdup(l->a, tags);
    e->from_std = mod->is_std;
    e->loc = row->loc;
    if (cat->n * 2 > cat->nslots)
        rehash(cat);
    else {
        uint32_t i = hash(code) & (uint32_t)(cat->nslots - 1);
        while (cat->slots[i] >= 0)
            i = (i + 1) & (uint32_t)(cat->nslots - 1);
        cat->slots[i] = cat->n - 1;
    }
}

static void load_catalog(Loader *l, const Stmt *s, const Module *mod)
{
    Atom *kw = s->args;
    int k = kw ? cat_kind_lookup(kw->text) : -1;
    if (k < 0) {
        diag_error(l->d, kw ? kw->loc : s->kw_loc, "E-CATALOG",
                   "unknown catalogue kind '%s'; write function, economic, sangong, procurement, "
                   "indicator, measure, phrase, moved or prose",
                   kw ? kw->text : "");
        l->nerrors++;
        return;
    }
    Catalog *cat = &l->c->k[k];
    int year = 0;
    for (Atom *a = kw->next; a; a = a->next)
        if (a->kind == A_NUMBER && a->num.scale == 0 && a->num.units > 0 && a->num.units < 10000)
            year = (int)a->num.units;
    if (!cat->present) {
        cat->present = true;
        cat->loc = s->loc;
    }
    /* The year of the standard library's catalogue, when there is one: a
     * budget's additions do not change which year's codes it follows. */
    if (mod->is_std ? year > cat->year : (!cat->std_year && year > cat->year))
        cat->year = year;
    if (mod->is_std && year)
        cat->std_year = year;
    if (!mod->is_std && year && !cat->own_year) {
        cat->own_year = year;
        cat->own_loc = s->loc;
    }
    for (const Stmt *r = s->body; r; r = r->next)
        if (r->kind == S_ROW)
            load_row(l, cat, r, mod);
}

/* Every 5- and 7-digit code needs its parent in the same catalogue; a 二级
 * indicator's 一级 must be an entry. */
static void check_parents(Loader *l, Catalog *cat)
{
    for (int i = 0; i < cat->n; i++) {
        CatEntry *e = &cat->entries[i];
        if (cat->kind == CAT_FUNCTION || cat->kind == CAT_ECONOMIC) {
            size_t n = strlen(e->code);
            if (n <= 3)
                continue;
            char parent[8];
            snprintf(parent, sizeof parent, "%.*s", (int)n - 2, e->code);
            if (!cat_find(cat, parent)) {
                diag_error(l->d, e->loc, "E-CATALOG",
                           "%s code %s has no parent: add %s to the catalogue before it",
                           cat_kind_word(cat->kind), e->code, parent);
                l->nerrors++;
            }
        } else if (cat->kind == CAT_INDICATOR && e->extra && !cat_find(cat, e->extra)) {
            diag_error(l->d, e->loc, "E-CATALOG",
                       "indicator %s names %s as its 一级, which is not in the catalogue", e->code,
                       e->extra);
            l->nerrors++;
        }
    }
}

int catalogs_load(Catalogs *c, const Program *p, Arena *a, DiagCtx *d)
{
    Loader l = {c, a, d, 0};
    for (int k = 0; k < CAT__COUNT; k++)
        c->k[k].kind = (CatKind)k;
    /* The standard library first, so that a budget's entries override it
     * whatever the order of the imports. */
    for (int pass = 0; pass < 2; pass++)
        for (const Module *m = p->modules; m; m = m->next) {
            if (m->is_std != (pass == 0))
                continue;
            for (const Stmt *s = m->stmts; s; s = s->next)
                if (s->kind == S_CATALOG)
                    load_catalog(&l, s, m);
        }
    for (int k = 0; k < CAT__COUNT; k++)
        check_parents(&l, &c->k[k]);
    return l.nerrors;
}

void catalogs_free(Catalogs *c)
{
    for (int k = 0; k < CAT__COUNT; k++) {
        free(c->k[k].slots);
        c->k[k].slots = NULL;
        c->k[k].nslots = 0;
    }
}

/* ---- suggestions ---------------------------------------------------------------- */

int cat_suggest(const Catalog *c, const char *code, const CatEntry **out, int max)
{
    size_t n = strlen(code);
    int nout = 0;
    /* Rank: differing characters (fewer first), then common prefix (longer
     * first), then catalogue order.  Only codes of the same length with at
     * most two differences qualify. */
    int best_score[16];
    if (max > 16)
        max = 16;
    for (int i = 0; i < c->n; i++) {
        const CatEntry *e = &c->entries[i];
        if (strlen(e->code) != n)
            continue;
        int diff = 0, prefix = 0;
        bool in_prefix = true;
        for (size_t j = 0; j < n; j++) {
            if (e->code[j] != code[j]) {
                diff++;
                in_prefix = false;
            } else if (in_prefix) {
                prefix++;
            }
        }
        if (diff == 0 || diff > 2)
            continue;
        int score = diff * 100 - prefix;
        int pos = nout;
        while (pos > 0 && best_score[pos - 1] > score)
            pos--;
        if (pos >= max)
            continue;
        int last = nout < max ? nout : max - 1;
        for (int j = last; j > pos; j--) {
            out[j] = out[j - 1];
            best_score[j] = best_score[j - 1];
        }
        out[pos] = e;
        best_score[pos] = score;
        if (nout < max)
            nout++;
    }
    return nout;
}

static const char *entry_code(const void *ctx, int i)
{
    return ((const Catalog *)ctx)->entries[i].code;
}

const CatEntry *cat_nearest_word(const Catalog *c, const char *word)
{
    int i;
    return text_suggest(word, c->n, entry_code, c, 0, &i, 1) ? &c->entries[i] : NULL;
}
