/*
 * vocab.c — reading and searching the vocabularies (see vocab.h).
 */
#include "model/vocab.h"

#include <stdio.h>
#include <string.h>

static const char *const dim_words[DIM__COUNT] = {
    [DIM_SOURCE] = "source",   [DIM_KIND] = "kind",       [DIM_CLASS] = "class",
    [DIM_ITEM] = "item",       [DIM_SECTION] = "section", [DIM_INSERT] = "insert",
    [DIM_ASSET] = "asset",     [DIM_NATURE] = "nature",   [DIM_DIRECTION] = "direction",
    [DIM_REASON] = "reason",   [DIM_METHOD] = "method",   [DIM_GRADE] = "grade",
    [DIM_PROCURED] = "procured"};

const char *dim_word(Dim d)
{
    return dim_words[d];
}

static const struct {
    const char *word;
    unsigned tag;
} tag_words[] = {
    {"general", TAG_GENERAL}, {"fiscal", TAG_FISCAL},   {"carry", TAG_CARRY},
    {"basic", TAG_BASIC},     {"project", TAG_PROJECT}, {"default", TAG_DEFAULT},
    {"upkeep", TAG_UPKEEP},   {"admin", TAG_ADMIN},     {"sangong", TAG_SANGONG},
    {"up", TAG_UP},           {"down", TAG_DOWN},       {"same", TAG_SAME},
    {"units", TAG_UNITS},     {"performance", TAG_PERFORMANCE},
    {"projects", TAG_PROJECTS}, {"purchases", TAG_PURCHASES}, {"assets", TAG_ASSETS},
    {"glossary", TAG_GLOSSARY}, {"total", TAG_TOTAL},   {"buildings", TAG_BUILDINGS},
    {"offices", TAG_OFFICES}, {"vehicles", TAG_VEHICLES}, {"equipment", TAG_EQUIPMENT},
    {"other", TAG_OTHER},     {"final", TAG_FINAL},     {"inflow", TAG_INFLOW},
    {"outflow", TAG_OUTFLOW}, {"plan", TAG_PLAN},     {"part", TAG_PART},
    {"complete", TAG_COMPLETE}, {"selfeval", TAG_SELFEVAL},
};

/* The labels the back ends print, each of which the `label` vocabulary must
 * give. */
static const char *const needed_labels[] = {
    "serial", "column_numbers", "code_head", "code_name", "item", "continued", "note_mark",
    "of_which", "prepared_by", "money_unit", "money_label", "budget_year", "dept_code",
    "empty_note", "empty_what", "income_item", "income_amount", "expense_item",
    "expense_amount", "doc_kind", "doc_year", "doc_subtitle", "narrative_title", "appendix",
    "consolidated", "total", "subtotal", "as_of", "unit_name", "unit_nature", "unit_rank",
    "unit_funding", "perf_overall", "perf_targets", "goal_head", "indicator", "indicator_value",
    "level1", "level2", "level3", "indicator_desc", "indicator_basis", "goal_table",
    "project_name", "budget_unit", "project_amount", "item_name", "catalog_code", "measure_head",
    "quantity_head", "price_head", "amount_head", "sme_share", "value", "planned_note",
    "dept_word", "unit_word", "unit_of", "source_head", "method_head", "target_value",
    "actual_value", "weight_head", "points_head", "deviation_head", "total_score", "grade_head",
};

typedef struct Loader {
    Vocab *v;
    Arena *a;
    DiagCtx *d;
    int nerrors;
    Loc *ref_locs; /* where each tag that is no tag word is written, in order */
    int nref_locs, ref_locs_cap;
} Loader;

__attribute__((format(printf, 3, 4))) static void bad(Loader *l, Loc at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(l->d, DIAG_ERROR, at, "E-DEFINITION", fmt, ap);
    va_end(ap);
    l->nerrors++;
}

static int find_word(const Vocab1 *v, const char *w)
{
    for (int i = 0; i < v->n; i++)
        if (strcmp(v->words[i].name, w) == 0)
            return i;
    return -1;
}

static const WordName *find_name(const Vocab1 *v, const char *w)
{
    for (int i = 0; i < v->nnames; i++)
        if (strcmp(v->names[i].name, w) == 0)
            return &v->names[i];
    return NULL;
}

static unsigned key_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The index entry of spelling W, or NULL. */
static const VocabKey *lookup(const Vocab1 *v, const char *w)
{
    unsigned mask = (unsigned)v->nslots - 1;
    for (unsigned i = key_hash(w) & mask; v->slots[i].key; i = (i + 1) & mask)
        if (strcmp(v->slots[i].key, w) == 0)
            return &v->slots[i];
    return NULL;
}

/* The set W names in V: a word, a group or spelling, or a printed name. */
static bool set_of(const Vocab1 *v, const char *w, WordSet *set)
{
    if (v->slots) {
        const VocabKey *k = lookup(v, w);
        if (k)
            *set = k->set;
        return k != NULL;
    }
    int i = find_word(v, w);
    if (i >= 0) {
        *set = (WordSet)1 << i;
        return true;
    }
    const WordName *n = find_name(v, w);
    if (n) {
        *set = n->set;
        return true;
    }
    for (i = 0; i < v->n; i++)
        if (strcmp(v->words[i].title, w) == 0) {
            *set = (WordSet)1 << i;
            return true;
        }
    return false;
}

static void load_word(Loader *l, Vocab1 *v, const Stmt *row)
{
    const Atom *a = row->args;
    if (find_word(v, a->text) >= 0 || find_name(v, a->text)) {
        bad(l, a->loc, "'%s' is defined twice in this vocabulary", a->text);
        return;
    }
    if (v->n == VOCAB_MAX_WORDS) {
        bad(l, a->loc, "a vocabulary holds at most %d words (groups and other spellings "
                       "are not counted)",
            VOCAB_MAX_WORDS);
        return;
    }
    Word *w = &v->words[v->n];
    memset(w, 0, sizeof *w);
    w->name = a->text;
    w->title = a->text;
    w->loc = row->loc;
    a = a->next;
    if (a && a->kind == A_STRING) {
        w->title = a->text;
        a = a->next;
    }
    if (a && a->kind == A_STRING) {
        w->note = a->text;
        a = a->next;
    }
    for (; a; a = a->next) {
        if (a->kind == A_NUMBER) {
            const char **p = arena_alloc(l->a, (size_t)(w->nprefixes + 1) * sizeof *p);
            if (w->nprefixes)
                memcpy(p, w->prefixes, (size_t)w->nprefixes * sizeof *p);
            p[w->nprefixes++] = a->text;
            w->prefixes = p;
            continue;
        }
        unsigned tag = 0;
        for (size_t k = 0; k < sizeof tag_words / sizeof tag_words[0]; k++)
            if (a->kind == A_WORD && strcmp(a->text, tag_words[k].word) == 0)
                tag = tag_words[k].tag;
        if (!tag) { /* a word of a vocabulary, checked once all are read */
            const char **p = arena_alloc(l->a, (size_t)(w->nrefs + 1) * sizeof *p);
            if (w->nrefs)
                memcpy(p, w->refs, (size_t)w->nrefs * sizeof *p);
            p[w->nrefs++] = a->text;
            w->refs = p;
            if (!l->ref_locs_cap || l->nref_locs == l->ref_locs_cap) {
                int cap = l->ref_locs_cap ? l->ref_locs_cap * 2 : 16;
                Loc *n = arena_alloc(l->a, (size_t)cap * sizeof *n);
                if (l->nref_locs)
                    memcpy(n, l->ref_locs, (size_t)l->nref_locs * sizeof *n);
                l->ref_locs = n;
                l->ref_locs_cap = cap;
            }
            l->ref_locs[l->nref_locs++] = a->loc;
            continue;
        }
        w->tags |= tag;
    }
    v->n++;
}

static void load_name(Loader *l, Vocab1 *v, const Stmt *row)
{
    const Atom *a = row->args;
    if (find_word(v, a->text) >= 0 || find_name(v, a->text)) {
        bad(l, a->loc, "'%s' is defined twice in this vocabulary", a->text);
        return;
    }
    const char *title = a->text;
    const Atom *eq = a->next;
    if (eq->kind == A_STRING) {
        title = eq->text;
        eq = eq->next;
    }
    WordSet set = 0;
    for (const Atom *m = eq->next; m; m = m->next) {
        WordSet s;
        if (!set_of(v, m->text, &s)) {
            bad(l, m->loc, "'%s' is not a word of this vocabulary (written above this line)",
                m->text);
            return;
        }
        set |= s;
    }
    WordName *n = arena_alloc(l->a, (size_t)(v->nnames + 1) * sizeof *n);
    if (v->nnames)
        memcpy(n, v->names, (size_t)v->nnames * sizeof *n);
    n[v->nnames] = (WordName){a->text, title, set, row->loc};
    v->names = n;
    v->nnames++;
}

static void load_label(Loader *l, const Stmt *row)
{
    const Atom *a = row->args;
    if (!a->next || a->next->kind != A_STRING || a->next->next) {
        bad(l, row->loc, "a label is a key and its text: serial \"序号\"");
        return;
    }
    for (int i = 0; i < l->v->nlabels; i++)
        if (strcmp(l->v->labels[i].key, a->text) == 0) {
            bad(l, a->loc, "label '%s' is defined twice", a->text);
            return;
        }
    Label *n = arena_alloc(l->a, (size_t)(l->v->nlabels + 1) * sizeof *n);
    if (l->v->nlabels)
        memcpy(n, l->v->labels, (size_t)l->v->nlabels * sizeof *n);
    n[l->v->nlabels++] = (Label){a->text, a->next->text};
    l->v->labels = n;
}

/* Adds spelling KEY of SET to V's index unless it has it (the first
 * spelling wins, as in set_of: names, then groups, then printed names). */
static void index_key(Vocab1 *v, const char *key, WordSet set)
{
    unsigned mask = (unsigned)v->nslots - 1, i = key_hash(key) & mask;
    for (; v->slots[i].key; i = (i + 1) & mask)
        if (strcmp(v->slots[i].key, key) == 0)
            return;
    const char *canon = key;
    if (set && (set & (set - 1)) == 0)
        canon = v->words[__builtin_ctz(set)].name;
    else
        for (int g = 0; g < v->nnames; g++) /* the first group that is that set */
            if (v->names[g].set == set) {
                canon = v->names[g].name;
                break;
            }
    v->slots[i] = (VocabKey){key, set, canon};
}

/* The index of every spelling of V, once it is read. */
static void index_vocab(Vocab1 *v, Arena *a)
{
    int n = 16;
    while (n < 2 * (2 * v->n + v->nnames) + 1)
        n *= 2;
    v->nslots = n;
    v->slots = arena_alloc(a, (size_t)n * sizeof *v->slots); /* zeroed: empty */
    for (int i = 0; i < v->n; i++)
        index_key(v, v->words[i].name, (WordSet)1 << i);
    for (int i = 0; i < v->nnames; i++)
        index_key(v, v->names[i].name, v->names[i].set);
    for (int i = 0; i < v->n; i++)
        index_key(v, v->words[i].title, (WordSet)1 << i);
}

/* Whether W is a word (in any spelling) of some vocabulary. */
static bool is_some_word(const Vocab *v, const char *w)
{
    for (int k = 0; k < DIM__COUNT; k++) {
        WordSet s;
        if (v->dim[k].slots && set_of(&v->dim[k], w, &s) && s && (s & (s - 1)) == 0)
            return true;
    }
    return false;
}

/* A tag that is no tag word must be a word of some vocabulary. */
static void check_refs(Loader *l)
{
    int at = 0;
    for (int k = 0; k < DIM__COUNT; k++) {
        const Vocab1 *v1 = &l->v->dim[k];
        for (int i = 0; i < v1->n; i++)
            for (int r = 0; r < v1->words[i].nrefs; r++, at++)
                if (!is_some_word(l->v, v1->words[i].refs[r]))
                    bad(l, at < l->nref_locs ? l->ref_locs[at] : v1->words[i].loc,
                        "unknown tag '%s': neither a tag (stdlib/2023/vocabulary.bud lists the "
                        "tags of each vocabulary and what each means) nor a word of a "
                        "vocabulary",
                        v1->words[i].refs[r]);
    }
}

int vocab_load(Vocab *v, const Program *p, Arena *a, DiagCtx *d)
{
    memset(v, 0, sizeof *v);
    Loader l = {v, a, d, 0, NULL, 0, 0};
    bool labels = false;
    for (const Module *mod = p->modules; mod; mod = mod->next)
        for (const Stmt *s = mod->stmts; s; s = s->next) {
            if (s->kind != S_VOCABULARY)
                continue;
            const char *what = s->args->text;
            if (strcmp(what, "label") == 0) {
                labels = true;
                for (const Stmt *r = s->body; r; r = r->next)
                    if (r->kind == S_ROW && r->args)
                        load_label(&l, r);
                continue;
            }
            int dim = -1;
            for (int k = 0; k < DIM__COUNT; k++)
                if (strcmp(what, dim_words[k]) == 0)
                    dim = k;
            if (dim < 0) {
                bad(&l, s->args->loc, "unknown vocabulary '%s'; the vocabularies are source, kind, "
                                      "class, item, section, insert, asset, nature, method, "
                                      "direction, reason and label",
                    what);
                continue;
            }
            Vocab1 *v1 = &v->dim[dim];
            v1->present = true;
            for (const Stmt *r = s->body; r; r = r->next) {
                if (r->kind != S_ROW || !r->args)
                    continue;
                const Atom *n = r->args->next;
                if (n && n->kind == A_STRING && n->next && n->next->kind == A_OP)
                    n = n->next;
                if (n && n->kind == A_OP)
                    load_name(&l, v1, r);
                else
                    load_word(&l, v1, r);
            }
        }
    for (int k = 0; k < DIM__COUNT; k++)
        index_vocab(&v->dim[k], a);
    check_refs(&l);
    if (labels)
        for (size_t i = 0; i < sizeof needed_labels / sizeof needed_labels[0]; i++)
            if (vocab_label(v, needed_labels[i]) == needed_labels[i])
                bad(&l, (Loc){0}, "the label vocabulary has no '%s', which the outputs print",
                    needed_labels[i]);
    return l.nerrors;
}

int vocab_word(const Vocab *v, Dim d, const char *word)
{
    WordSet s;
    if (!set_of(&v->dim[d], word, &s) || (s & (s - 1)) != 0 || s == 0)
        return -1;
    return __builtin_ctz(s);
}

bool vocab_set(const Vocab *v, Dim d, const char *word, WordSet *set)
{
    return set_of(&v->dim[d], word, set);
}

int vocab_dim_of(const Vocab *v, const Dim *dims, int n, const char *word, WordSet *set)
{
    for (int i = 0; i < n; i++)
        if (set_of(&v->dim[dims[i]], word, set))
            return (int)dims[i];
    return -1;
}

int vocab_ref(const Vocab *v, Dim d, int w, Dim rd)
{
    const Word *x = &v->dim[d].words[w];
    for (int i = 0; i < x->nrefs; i++) {
        int r = vocab_word(v, rd, x->refs[i]);
        if (r >= 0)
            return r;
    }
    return -1;
}

bool vocab_refers(const Vocab *v, Dim d, int w, Dim rd, int r)
{
    const Word *x = &v->dim[d].words[w];
    for (int i = 0; i < x->nrefs; i++)
        if (vocab_word(v, rd, x->refs[i]) == r)
            return true;
    return false;
}

int vocab_budget(const Vocab *v, int s)
{
    if (s < 0 || s >= v->dim[DIM_SOURCE].n)
        return -1;
    if (v->dim[DIM_SOURCE].words[s].tags & TAG_FISCAL)
        return s;
    const Word *x = &v->dim[DIM_SOURCE].words[s];
    for (int i = 0; i < x->nrefs; i++) {
        int b = vocab_word(v, DIM_SOURCE, x->refs[i]);
        if (b >= 0 && (v->dim[DIM_SOURCE].words[b].tags & TAG_FISCAL))
            return b;
    }
    return -1;
}

WordSet vocab_of_budget(const Vocab *v, int b)
{
    WordSet set = 0;
    for (int s = 0; b >= 0 && s < v->dim[DIM_SOURCE].n; s++)
        if (vocab_budget(v, s) == b)
            set |= (WordSet)1 << s;
    return set;
}

bool vocab_nature_allows(const Vocab *v, int n, int r)
{
    return n == r || vocab_refers(v, DIM_NATURE, n, DIM_NATURE, r);
}

int vocab_tagged(const Vocab *v, Dim d, unsigned tag)
{
    for (int i = 0; i < v->dim[d].n; i++)
        if (v->dim[d].words[i].tags & tag)
            return i;
    return -1;
}

WordSet vocab_with(const Vocab *v, Dim d, unsigned tag)
{
    WordSet s = 0;
    for (int i = 0; i < v->dim[d].n; i++)
        if (v->dim[d].words[i].tags & tag)
            s |= (WordSet)1 << i;
    return s;
}

const char *vocab_canonical(const Vocab *v, Dim d, const char *word)
{
    const VocabKey *k = v->dim[d].slots ? lookup(&v->dim[d], word) : NULL;
    return k ? k->canon : word;
}

int vocab_class_of(const Vocab *v, const char *code)
{
    const Vocab1 *c = &v->dim[DIM_CLASS];
    for (int i = 0; i < c->n; i++)
        for (int p = 0; p < c->words[i].nprefixes; p++)
            if (strncmp(code, c->words[i].prefixes[p], strlen(c->words[i].prefixes[p])) == 0)
                return i;
    return vocab_tagged(v, DIM_CLASS, TAG_DEFAULT);
}

const char *vocab_name(const Vocab *v, Dim d, int i)
{
    return v->dim[d].words[i].name;
}

const char *vocab_title(const Vocab *v, Dim d, int i)
{
    return v->dim[d].words[i].title;
}

void vocab_list(const Vocab *v, Dim d, char *buf, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < v->dim[d].n && o < n; i++)
        o += (size_t)snprintf(buf + o, n - o, "%s%s", i ? ", " : "", v->dim[d].words[i].name);
}

const char *vocab_label(const Vocab *v, const char *key)
{
    for (int i = 0; i < v->nlabels; i++)
        if (strcmp(v->labels[i].key, key) == 0)
            return v->labels[i].text;
    return key;
}

WordSet vocab_all(const Vocab *v, Dim d)
{
    int n = v->dim[d].n;
    return n >= 32 ? WORDSET_ALL : (WordSet)(((WordSet)1 << n) - 1);
}

int vocab_parts(const Vocab *v, Dim d, WordSet set, WordSet *parts, int *group)
{
    const Vocab1 *x = &v->dim[d];
    int n = 0;
    WordSet covered = 0;
    for (int g = 0; g < x->nnames && n < VOCAB_MAX_WORDS; g++) {
        WordSet s = x->names[g].set;
        if ((s & (s - 1)) == 0 || s == set || (s & ~set) || (s & covered))
            continue;
        bool inside = false; /* a larger group inside SET holds it */
        for (int h = 0; h < x->nnames && !inside; h++) {
            WordSet o = x->names[h].set;
            inside = o != s && o != set && !(o & ~set) && (s & ~o) == 0;
        }
        if (inside)
            continue;
        parts[n] = s;
        group[n++] = g;
        covered |= s;
    }
    for (int i = 0; i < x->n && n < VOCAB_MAX_WORDS; i++)
        if (((set & ~covered) >> i) & 1u) {
            parts[n] = (WordSet)1 << i;
            group[n++] = -1;
        }
    return n;
}
