/*
 * diff_prose.c — budc diff: last year's figures, the asset table, the
 * narrative (说明) and the glossary.
 *
 * Paragraphs are compared as rendered text (model_text: every quote
 * replaced by its value), section by section (sections matched by their
 * word; the paragraphs outside any section form one group).  Within a
 * section the paragraphs are compared in order: equal ones are passed
 * over, and a paragraph that reads differently from the one in its place
 * is a change, with the offset of the first character that differs.
 */
#include <stdlib.h>
#include <string.h>

#include "tools/diff_impl.h"

/* ---- prior figures ------------------------------------------------------------------- */

static bool same_prior(const void *ctx, int i, int j)
{
    const Diff *d = ctx;
    return strcmp(d->old->prior[i].path, d->new->prior[j].path) == 0;
}

static uint64_t key_prior(const void *ctx, bool new, int i)
{
    const Diff *d = ctx;
    return hash_str(HASH_SEED, (new ? d->new : d->old)->prior[i].path);
}

/* Whether PATH names a count (资产.车辆.数量) rather than an amount. */
static bool is_count_path(const char *path)
{
    static const char tail[] = ".数量";
    size_t n = strlen(path), k = sizeof tail - 1;
    return n >= k && strcmp(path + n - k, tail) == 0;
}

void diff_prior(Diff *d, cJSON *arr)
{
    DiffPair *steps = diff_pairs(d->old->nprior + d->new->nprior);
    int n = diff_match(d->old->nprior, d->new->nprior, same_prior, key_prior, d, steps);
    for (int k = 0; k < n; k++) {
        const PriorFact *a = steps[k].old >= 0 ? &d->old->prior[steps[k].old] : NULL;
        const PriorFact *b = steps[k].new >= 0 ? &d->new->prior[steps[k].new] : NULL;
        Dec x = a ? a->amount : dec_zero(), y = b ? b->amount : dec_zero();
        /* a figure written 0 and one not written differ: 上年.X must exist */
        if (a && b && dec_eq(x, y))
            continue;
        const char *path = (b ? b : a)->path;
        cJSON *o = diff_entry(d, arr, steps[k]);
        jb_str(&d->jb, o, "path", path);
        diff_amounts(d, o, a != NULL, x, b != NULL, y, !is_count_path(path));
    }
    free(steps);
}

/* ---- assets --------------------------------------------------------------------------- */

/* {"row", "field", "old", "new", …} for an asset figure that differs. */
static void asset_amount(Diff *d, cJSON *arr, const char *row, const char *field, bool has_a,
                         Dec a, bool has_b, Dec b, bool money)
{
    if (amount_same(has_a, a, has_b, b))
        return;
    cJSON *o = jb_object(&d->jb, arr, NULL);
    jb_str(&d->jb, o, "row", row);
    jb_str(&d->jb, o, "field", field);
    diff_amounts(d, o, has_a, a, has_b, b, money);
    d->nchanges++;
}

void diff_assets(Diff *d, cJSON *arr)
{
    const Assets *a = &d->old->assets, *b = &d->new->assets;
    if (!str_same(a->present ? a->date : NULL, b->present ? b->date : NULL)) {
        cJSON *o = jb_object(&d->jb, arr, NULL);
        jb_null(&d->jb, o, "row");
        jb_str(&d->jb, o, "field", "date");
        jb_str(&d->jb, o, "old", a->present ? a->date : NULL);
        jb_str(&d->jb, o, "new", b->present ? b->date : NULL);
        d->nchanges++;
    }
    for (int r = 0; r < AS__COUNT; r++) {
        const char *row = asset_row_name(d->new, (AssetRow)r);
        bool qa = a->present && a->row_written[r] && !a->qty[r].blank;
        bool qb = b->present && b->row_written[r] && !b->qty[r].blank;
        asset_amount(d, arr, row, "quantity", qa, a->qty[r].v, qb, b->qty[r].v, false);
        bool va = a->present && a->row_written[r] && !a->value[r].blank;
        bool vb = b->present && b->row_written[r] && !b->value[r].blank;
        asset_amount(d, arr, row, "value", va, a->value[r].v, vb, b->value[r].v, true);
    }
    asset_amount(d, arr, NULL, "planned", a->present && a->has_planned, a->planned,
                 b->present && b->has_planned, b->planned, true);
}

/* ---- narrative ------------------------------------------------------------------------ */

/* A paragraph as compared: its kind and its rendered text. */
typedef struct Text {
    const char *kind; /* "text", "heading", "insert"; "title" for a section's title */
    const char *text; /* rendered; an insert's table word */
} Text;

/* A group of paragraphs: a section, or those outside any section. */
typedef struct Group {
    const char *word;  /* NULL outside any section */
    const char *title; /* the first title written for the word */
    Text *para;
    int n;
} Group;

/* Paragraph P of narrative NR as compared. */
static Text para_text(const Narrative *nr, const Para *p)
{
    if (p->kind == PARA_INSERT)
        return (Text){"insert", p->insert};
    return (Text){p->kind == PARA_HEADING ? "heading" : "text", model_text(nr, (int)(p - nr->paras))};
}

static bool text_same(Text a, Text b)
{
    return strcmp(a.kind, b.kind) == 0 && str_same(a.text, b.text);
}

/* The group of WORD in G[0..*N), added when missing. */
static Group *group_of(Group *g, int *n, const char *word)
{
    for (int i = 0; i < *n; i++)
        if (str_same(g[i].word, word))
            return &g[i];
    g[*n] = (Group){word, NULL, NULL, 0};
    return &g[(*n)++];
}

/* The paragraphs of M's narrative (the department's) grouped by section,
 * in the order written (the untitled group first); returns the number of
 * groups into *OUT. */
static int collect_groups(const Model *m, Group **out)
{
    const Narrative *nr = &m->narrative;
    Group *g = xmalloc((size_t)(nr->nsections + 2) * sizeof *g);
    int n = 0;
    bool untitled = false;
    for (int i = 0; i < nr->nparas; i++)
        untitled |= nr->paras[i].section < 0;
    if (untitled)
        group_of(g, &n, NULL);
    for (int s = 0; s < nr->nsections; s++) {
        Group *x = group_of(g, &n, nr->sections[s].word);
        if (!x->title)
            x->title = nr->sections[s].title;
    }
    for (int k = 0; k < n; k++) {
        g[k].para = xmalloc((size_t)(nr->nparas + 1) * sizeof *g[k].para);
        for (int i = 0; i < nr->nparas; i++) {
            int s = nr->paras[i].section;
            if (str_same(s < 0 ? NULL : nr->sections[s].word, g[k].word))
                g[k].para[g[k].n++] = para_text(nr, &nr->paras[i]);
        }
    }
    *out = g;
    return n;
}

static void free_groups(Group *g, int n)
{
    for (int k = 0; k < n; k++)
        free(g[k].para);
    free(g);
}

typedef struct GroupPair {
    const Group *old, *new;
} GroupPair;

static bool same_group(const void *ctx, int i, int j)
{
    const GroupPair *g = ctx;
    return str_same(g->old[i].word, g->new[j].word);
}

static uint64_t key_group(const void *ctx, bool new, int i)
{
    const GroupPair *g = ctx;
    return hash_str(HASH_SEED, (new ? g->new : g->old)[i].word);
}

static bool same_para(const void *ctx, int i, int j)
{
    const GroupPair *g = ctx;
    return text_same(g->old->para[i], g->new->para[j]);
}

/* A paragraph as {"kind", "text"}, or null. */
static void para_json(Diff *d, cJSON *o, const char *key, const Text *t)
{
    if (!t) {
        jb_null(&d->jb, o, key);
        return;
    }
    cJSON *p = jb_object(&d->jb, o, key);
    jb_str(&d->jb, p, "kind", t->kind);
    jb_str(&d->jb, p, "text", t->text);
}

/* Every stretch of a changed text that differs, as {"old_offset", "old",
 * "new_offset", "new"} (offsets in characters): each changed figure of a
 * paragraph, not only the first.  Null for an added or removed one. */
static void spans_json(Diff *d, cJSON *o, const Text *a, const Text *b)
{
    if (!a || !b || !a->text || !b->text) {
        jb_null(&d->jb, o, "spans");
        return;
    }
    enum { MAX_SPANS = 64 };
    DiffSpan s[MAX_SPANS];
    int n = diff_spans(a->text, b->text, s, MAX_SPANS);
    cJSON *arr = jb_array(&d->jb, o, "spans");
    for (int i = 0; i < n && i < MAX_SPANS; i++) {
        cJSON *x = jb_object(&d->jb, arr, NULL);
        char *piece = xmalloc((s[i].a_bytes > s[i].b_bytes ? s[i].a_bytes : s[i].b_bytes) + 1);
        jb_int(&d->jb, x, "old_offset", s[i].a_off);
        memcpy(piece, a->text + s[i].a_byte, s[i].a_bytes);
        piece[s[i].a_bytes] = '\0';
        jb_str(&d->jb, x, "old", piece); /* copied */
        jb_int(&d->jb, x, "new_offset", s[i].b_off);
        memcpy(piece, b->text + s[i].b_byte, s[i].b_bytes);
        piece[s[i].b_bytes] = '\0';
        jb_str(&d->jb, x, "new", piece);
        free(piece);
    }
}

/* One narrative entry: the section's title (PARA 0: null) or a paragraph. */
static void para_entry(Diff *d, cJSON *arr, DiffPair p, const char *word, int para,
                       const Text *a, const Text *b)
{
    cJSON *o = diff_entry(d, arr, p);
    jb_str(&d->jb, o, "section", word);
    if (para > 0)
        jb_int(&d->jb, o, "paragraph", para);
    else
        jb_null(&d->jb, o, "paragraph");
    para_json(d, o, "old", a);
    para_json(d, o, "new", b);
    if (a && b)
        jb_int(&d->jb, o, "offset", diff_offset(a->text, b->text));
    else
        jb_null(&d->jb, o, "offset");
    spans_json(d, o, a, b);
}

/* The changes between the paragraphs of groups A and B (either may be an
 * empty group); paragraphs are numbered from 1 within their section, in
 * the new budget (in the old one for a removed paragraph). */
static void group_diff(Diff *d, cJSON *arr, const char *word, const Group *a, const Group *b)
{
    if (!str_same(a->title, b->title)) {
        Text x = {"title", a->title}, y = {"title", b->title};
        para_entry(d, arr, (DiffPair){a->title ? 0 : -1, b->title ? 0 : -1}, word, 0,
                   a->title ? &x : NULL, b->title ? &y : NULL);
    }
    GroupPair gp = {a, b};
    DiffPair *steps = diff_pairs(a->n + b->n);
    int n = diff_sequence(a->n, b->n, same_para, &gp, steps);
    for (int k = 0; k < n; k++) {
        DiffPair p = steps[k];
        const Text *x = p.old >= 0 ? &a->para[p.old] : NULL;
        const Text *y = p.new >= 0 ? &b->para[p.new] : NULL;
        if (x && y && text_same(*x, *y))
            continue;
        para_entry(d, arr, p, word, (y ? p.new : p.old) + 1, x, y);
    }
    free(steps);
}

void diff_narrative(Diff *d, cJSON *arr)
{
    Group *a, *b;
    int na = collect_groups(d->old, &a), nb = collect_groups(d->new, &b);
    GroupPair gp = {a, b};
    DiffPair *steps = diff_pairs(na + nb);
    int n = diff_match(na, nb, same_group, key_group, &gp, steps);
    static const Group none = {NULL, NULL, NULL, 0};
    for (int k = 0; k < n; k++) {
        const Group *x = steps[k].old >= 0 ? &a[steps[k].old] : &none;
        const Group *y = steps[k].new >= 0 ? &b[steps[k].new] : &none;
        group_diff(d, arr, (steps[k].new >= 0 ? y : x)->word, x, y);
    }
    free(steps);
    free_groups(a, na);
    free_groups(b, nb);
}

/* ---- glossary ------------------------------------------------------------------------- */

static bool same_term(const void *ctx, int i, int j)
{
    const Diff *d = ctx;
    return strcmp(d->old->glossary[i].term, d->new->glossary[j].term) == 0;
}

static uint64_t key_term(const void *ctx, bool new, int i)
{
    const Diff *d = ctx;
    return hash_str(HASH_SEED, (new ? d->new : d->old)->glossary[i].term);
}

void diff_glossary(Diff *d, cJSON *arr)
{
    DiffPair *steps = diff_pairs(d->old->nglossary + d->new->nglossary);
    int n = diff_match(d->old->nglossary, d->new->nglossary, same_term, key_term, d, steps);
    for (int k = 0; k < n; k++) {
        const Glossary *a = steps[k].old >= 0 ? &d->old->glossary[steps[k].old] : NULL;
        const Glossary *b = steps[k].new >= 0 ? &d->new->glossary[steps[k].new] : NULL;
        if (a && b && str_same(a->definition, b->definition))
            continue;
        cJSON *o = diff_entry(d, arr, steps[k]);
        jb_str(&d->jb, o, "term", (b ? b : a)->term);
        jb_str(&d->jb, o, "old", a ? a->definition : NULL);
        jb_str(&d->jb, o, "new", b ? b->definition : NULL);
    }
    free(steps);
}
