/*
 * prose_figs.c — the figures a number of the 说明 may be (prose.h): every
 * total and part the quote language names, with this year's and last
 * year's value, and the words of the text that name each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/prose.h"

/* The path written as TEXT (支出[207].基本, 项目["name"].预算) as segments,
 * or NULL. */
PathSeg *prose_path(P *p, const char *text)
{
    PathSeg *head = NULL, **tail = &head;
    const char *s = text;
    while (*s) {
        PathSeg *g = arena_alloc(&p->a, sizeof *g);
        if (*s == '[') {
            const char *e;
            AtomKind k = A_NUMBER;
            if (s[1] == '"') {
                e = strstr(s + 2, "\"]");
                k = A_STRING;
                if (!e)
                    return NULL;
                g->index = ast_atom(&p->a, k, (Loc){0}, arena_strndup(&p->a, s + 2, (size_t)(e - s - 2)));
                s = e + 2;
            } else {
                e = strchr(s, ']');
                if (!e)
                    return NULL;
                g->index = ast_atom(&p->a, k, (Loc){0}, arena_strndup(&p->a, s + 1, (size_t)(e - s - 1)));
                dec_parse(g->index->text, strlen(g->index->text), &g->index->num);
                s = e + 1;
            }
        } else {
            size_t n = strcspn(s, ".[");
            if (n == 0)
                return NULL;
            g->name = arena_strndup(&p->a, s, n);
            s += n;
        }
        if (*s == '.')
            s++;
        *tail = g;
        tail = &g->next;
    }
    return head;
}

bool prose_eval(const P *p, const PathSeg *path, bool prior, Dec *out, int *nfacts)
{
    char msg[256];
    Loc one;
    Trace tr = {&one, 1, 0, 0};
    PathSeg last = {.name = "上年", .next = (PathSeg *)path};
    bool ok = model_value(p->m, prior ? &last : path, p->ctx, out, NULL, &tr, msg, sizeof msg) ==
              VAL_OK;
    if (nfacts)
        *nfacts = tr.total;
    return ok;
}

bool prose_has_prior(const P *p)
{
    return p->nprior > 0 || p->m->prior_model;
}

int prose_find(const P *p, const char *path)
{
    for (int i = 0; i < p->nfigs; i++)
        if (strcmp(p->figs[i].path, path) == 0)
            return i;
    return -1;
}

/* Adds the figure TEXT names (a part of PARENT), when it has a value this
 * year or last year; returns its index, or -1. */
static int add_fig(P *p, const char *text, int parent, bool unique)
{
    PathSeg *segs = prose_path(p, text);
    if (!segs)
        return -1;
    char path[PATHN];
    path_text(p->m->vocab, segs, path, sizeof path);
    int old = unique ? -1 : prose_find(p, path);
    if (old >= 0)
        return old;
    Fig f = {.path = arena_strdup(&p->a, path), .parent = parent};
    f.has_now = prose_eval(p, segs, false, &f.now, &f.nfacts);
    f.has_prior = prose_has_prior(p) && prose_eval(p, segs, true, &f.prior, NULL);
    if (!f.has_now && !f.has_prior)
        return -1;
    Fig *x = ARENA_PUSH(&p->a, p->figs, p->nfigs, p->capfigs);
    *x = f;
    return p->nfigs - 1;
}

/* WORD names figure FIG (a spelling of at least MIN characters). */
static void add_name(P *p, const char *word, int fig, size_t min)
{
    if (!word || fig < 0 || utf8_chars(word) < min)
        return;
    Name *n = ARENA_PUSH(&p->a, p->names, p->nnames, p->capnames);
    n->word = word;
    n->len = strlen(word);
    n->figs = arena_alloc(&p->a, sizeof *n->figs);
    n->figs[0] = fig;
    n->nfigs = 1;
}

/* The spellings of word I of dimension D (its name, its printed name, the
 * other words for it alone) name FIG. */
static void add_spellings(P *p, Dim d, int i, int fig, bool with_name)
{
    const Vocab1 *v = &p->m->vocab->dim[d];
    if (with_name)
        add_name(p, v->words[i].name, fig, 3);
    if (strcmp(v->words[i].title, v->words[i].name) != 0)
        add_name(p, v->words[i].title, fig, 3);
    for (int k = 0; k < v->nnames; k++)
        if (v->names[k].set == (WordSet)1 << i)
            add_name(p, v->names[k].name, fig, 3);
}

static bool is_group(WordSet s)
{
    return (s & (s - 1)) != 0;
}

/* 收入.…, 支出.… and 三公.…: the total, each word of D and each group. */
static void add_words(P *p, const char *root, Dim d, int total, bool names)
{
    const Vocab1 *v = &p->m->vocab->dim[d];
    char text[PATHN];
    for (int i = 0; i < v->n; i++) {
        snprintf(text, sizeof text, "%s.%s", root, v->words[i].name);
        add_spellings(p, d, i, add_fig(p, text, total, false), names);
    }
    WordSet all = vocab_all(p->m->vocab, d);
    for (int k = 0; k < v->nnames; k++) {
        if (!is_group(v->names[k].set) || v->names[k].set == all)
            continue;
        snprintf(text, sizeof text, "%s.%s", root, v->names[k].name);
        int f = add_fig(p, text, total, false);
        if (names) {
            add_name(p, v->names[k].name, f, 3);
            add_name(p, v->names[k].title, f, 3);
        }
    }
}

/* 支出[code] or 基本支出[code] for each 类 and 款 (and 项) of the facts of
 * kind K, each named by its catalogue name. */
static void add_codes(P *p, FactKind k, const char *root, CatKind cat, int total)
{
    const Model *m = p->m;
    int nf = m->nfacts[k], ncodes = 0, cap = 0;
    const char **codes = NULL;
    for (int i = 0; i < nf; i++) {
        const char *c = m->facts[k][i].code;
        if (p->ctx.unit >= 0 && m->facts[k][i].unit != p->ctx.unit)
            continue;
        /* every prefix of 3, 5, 7 … digits: a code the catalogue does not
         * know may be longer than a 项's seven (an error of its own) */
        for (size_t len = 3; c && len <= strlen(c); len += 2) {
            char *pre = arena_strndup(&p->a, c, len);
            bool seen = false;
            for (int j = ncodes - 1; j >= 0 && !seen; j--)
                seen = strcmp(codes[j], pre) == 0;
            if (!seen)
                *ARENA_PUSH(&p->a, codes, ncodes, cap) = pre;
        }
        if (ncodes > 400) /* a budget of hundreds of codes: their names are not looked for */
            break;
    }
    char text[PATHN];
    for (int i = 0; i < ncodes; i++) {
        snprintf(text, sizeof text, "%s[%s]", root, codes[i]);
        int parent = total;
        if (strlen(codes[i]) > 3) {
            char up[PATHN];
            snprintf(up, sizeof up, "%s[%.*s]", root, (int)strlen(codes[i]) - 2, codes[i]);
            int f = prose_find(p, up);
            parent = f >= 0 ? f : total;
        }
        int f = add_fig(p, text, parent, false);
        const CatEntry *e = cat_find(&m->cat->k[cat], codes[i]);
        if (e && e->name != e->code)
            add_name(p, e->name, f, 3);
    }
}

/* The names of a topic word: every figure whose path is one of PATHS
 * (space-separated) or starts with one and a '.' or '['. */
static void add_topic(P *p, const CatEntry *e)
{
    int *figs = arena_alloc(&p->a, ((size_t)p->nfigs + 1) * sizeof *figs), n = 0;
    for (const char *s = e->name; *s;) { /* in the order the paths are written */
        size_t l = strcspn(s, " ");
        for (int i = 0; i < p->nfigs && l; i++) {
            const char *path = p->figs[i].path;
            bool seen = false;
            for (int k = 0; k < n && !seen; k++)
                seen = figs[k] == i;
            if (!seen && strncmp(path, s, l) == 0 &&
                (path[l] == '\0' || path[l] == '.' || path[l] == '['))
                figs[n++] = i;
        }
        s += l;
        s += strspn(s, " ");
    }
    if (n == 0)
        return;
    Name *x = ARENA_PUSH(&p->a, p->names, p->nnames, p->capnames);
    x->word = e->code;
    x->len = strlen(e->code);
    x->figs = figs;
    x->nfigs = n;
    x->topic = true;
}

/* Every figure a number of the text may be, once. */
void prose_build(P *p)
{
    const Model *m = p->m;
    const Vocab *v = m->vocab;
    p->built = true;
    int in = add_fig(p, "收入.合计", -1, false);
    add_words(p, "收入", DIM_SOURCE, in, true);
    int out = add_fig(p, "支出.合计", -1, false);
    const Vocab1 *kinds = &v->dim[DIM_KIND];
    char text[PATHN + 16];
    for (int i = 0; i < kinds->n; i++) {
        snprintf(text, sizeof text, "支出.%s", kinds->words[i].name);
        add_spellings(p, DIM_KIND, i, add_fig(p, text, out, false), false);
    }
    add_words(p, "支出", DIM_SOURCE, out, false);
    add_codes(p, F_SPENDING, "支出", CAT_FUNCTION, out);
    int basic = add_fig(p, "基本支出.合计", -1, false);
    const Vocab1 *classes = &v->dim[DIM_CLASS];
    for (int i = 0; i < classes->n; i++) {
        snprintf(text, sizeof text, "基本支出.%s", classes->words[i].name);
        int f = add_fig(p, text, basic, false);
        add_name(p, classes->words[i].name, f, 2);
        add_spellings(p, DIM_CLASS, i, f, false);
    }
    add_codes(p, F_ECONOMIC, "基本支出", CAT_ECONOMIC, basic);
    add_fig(p, "机关运行经费", -1, false);
    int sg = add_fig(p, "三公.合计", -1, false);
    add_words(p, "三公", DIM_ITEM, sg, true);
    int pur = add_fig(p, "采购.合计", -1, false);
    static const char *const purchases[] = {"采购.中小微", "采购.货物", "采购.工程", "采购.服务"};
    for (size_t i = 0; i < sizeof purchases / sizeof purchases[0]; i++)
        add_fig(p, purchases[i], pur, false);
    if (m->assets.present) {
        int tot = add_fig(p, "资产.总额", -1, false);
        for (int r = AS_BUILDINGS; r < AS__COUNT; r++) {
            snprintf(text, sizeof text, "资产.%s", asset_row_name(m, (AssetRow)r));
            int f = add_fig(p, text, tot, false);
            add_name(p, asset_row_name(m, (AssetRow)r), f, 2);
        }
        add_name(p, asset_row_name(m, AS_TOTAL), tot, 2);
        add_fig(p, "资产.拟购置", -1, false);
    }
    int proj = add_fig(p, "项目.合计", -1, false);
    for (int i = 0; i < m->nprojects; i++) {
        const Project *x = &m->projects[i];
        if (!x->has_amount || (p->ctx.unit >= 0 && x->unit != p->ctx.unit) || strpbrk(x->name, "\"\\{}[]") || strlen(x->name) > PATHN - 20)
            continue;
        snprintf(text, sizeof text, "项目[\"%s\"].预算", x->name);
        add_name(p, x->name, add_fig(p, text, proj, true), 2);
    }
    for (int i = 0; i < p->nprior; i++) /* last year's figures of other paths */
        if (prose_find(p, p->prior[i].path) < 0)
            add_fig(p, p->prior[i].path, -1, false);
    for (int i = 0; p->words && i < p->words->n; i++)
        if (tagged(&p->words->entries[i], "topic"))
            add_topic(p, &p->words->entries[i]);
}

/* ---- a figure in a form ---------------------------------------------------------- */

/* The value of F in FORM (*div: rounded to the printed decimals, as a
 * quote that divides); false when it has none. */
bool prose_value(const P *p, const Fig *f, Form form, Dec *out, bool *div)
{
    Dec a, b, q;
    *div = form >= F_RATE_UP;
    switch (form) {
    case F_NOW: *out = f->now; return f->has_now;
    case F_PRIOR: *out = f->prior; return f->has_prior;
    case F_UP: return f->has_now && f->has_prior && dec_sub(f->now, f->prior, out) == DEC_OK;
    case F_DOWN: return f->has_now && f->has_prior && dec_sub(f->prior, f->now, out) == DEC_OK;
    case F_RATE_UP:
    case F_RATE_DOWN:
        if (!f->has_now || !f->has_prior || dec_is_zero(f->prior))
            return false;
        a = form == F_RATE_UP ? f->now : f->prior;
        b = form == F_RATE_UP ? f->prior : f->now;
        if (dec_sub(a, b, &q) != DEC_OK)
            return false;
        a = q, b = f->prior;
        break;
    case F_SHARE:
        if (!f->has_now || f->parent < 0 || !p->figs[f->parent].has_now ||
            dec_is_zero(p->figs[f->parent].now))
            return false;
        a = f->now, b = p->figs[f->parent].now;
        break;
    }
    /* as model_eval computes (A / B) * 100: the quotient to 6 decimals */
    return dec_div_round(a, b, 6, &q) == DEC_OK && dec_mul(q, dec_from_int(100), out) == DEC_OK;
}

/* The quote's expression for F in FORM. */
const char *prose_quote(const P *p, const Fig *f, Form form, char *buf, size_t n)
{
    const char *x = f->path;
    switch (form) {
    case F_NOW: snprintf(buf, n, "%s", x); break;
    case F_PRIOR: snprintf(buf, n, "上年.%s", x); break;
    case F_UP: snprintf(buf, n, "%s - 上年.%s", x, x); break;
    case F_DOWN: snprintf(buf, n, "上年.%s - %s", x, x); break;
    case F_RATE_UP: snprintf(buf, n, "(%s - 上年.%s) / 上年.%s * 100", x, x, x); break;
    case F_RATE_DOWN: snprintf(buf, n, "(上年.%s - %s) / 上年.%s * 100", x, x, x); break;
    case F_SHARE: snprintf(buf, n, "%s / %s * 100", x, p->figs[f->parent].path); break;
    }
    return buf;
}

/* Whether F in FORM is the number N: exactly, or rounded to its decimals
 * for a quote that divides; a change is more than 0. */
bool prose_matches(const P *p, const Fig *f, Form form, Dec n, int scale)
{
    Dec v;
    bool div;
    if (!prose_value(p, f, form, &v, &div))
        return false;
    if (div && dec_round(v, scale, &v) != DEC_OK)
        return false;
    if (form != F_NOW && form != F_PRIOR && form != F_SHARE && (dec_is_neg(v) || dec_is_zero(v)))
        return false; /* 增加 0, or a change the other way */
    if (dec_cmp(v, n) == 0)
        return true;
    /* money 万元 from 元: a total printed rounded differs from the sum of its
     * rounded parts by up to half a cent each, as a quote of it may */
    Dec d, tol = {(int64_t)5 * f->nfacts, 3};
    if (!p->m->rounded || form != F_NOW || f->nfacts < 2 || dec_sub(v, n, &d) != DEC_OK)
        return false;
    if (dec_is_neg(d) && dec_neg(d, &d) != DEC_OK)
        return false;
    return dec_cmp(d, tol) <= 0;
}

