/*
 * sections.c — the narrative as a whole (narrative.h): the words of its
 * sections and inserts and the sections it lacks (rules.md A4), the scope
 * of 机关运行经费 (E4), and what the 三公经费 section quotes (E5).  The
 * sections, inserts and their tags are the vocabulary's (`section`,
 * `insert`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/narrative.h"
#include "base/i18n.h"
#include "check/report.h"

/* The names of the words of vocabulary D into OUT (room for
 * VOCAB_MAX_WORDS), but for those of the other kind of disclosure (a
 * section tagged final is a 决算's, one tagged plan a budget's); returns
 * how many. */
static size_t names_of(const Model *m, Dim d, const char **out)
{
    const Vocab1 *v = &m->vocab->dim[d];
    unsigned other = m->final ? TAG_PLAN : TAG_FINAL;
    size_t n = 0;
    for (int i = 0; i < v->n; i++)
        if (!(v->words[i].tags & other))
            out[n++] = v->words[i].name;
    return n;
}

/* The word of vocabulary D tagged TAG (the section of 机关运行经费 …), or
 * NULL. */
static const char *tagged_name(const Model *m, Dim d, unsigned tag)
{
    int i = vocab_tagged(m->vocab, d, tag);
    return i < 0 ? NULL : vocab_name(m->vocab, d, i);
}

/* ---- A4: sections and inserts ------------------------------------------------ */

static int word_index(const char *const *words, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(words[i], w) == 0)
            return (int)i;
    return -1;
}

/* The nearest of WORDS[0..N) to W (at most 2 characters away), or NULL. */
static const char *nearest(const char *const *words, size_t n, const char *w)
{
    return text_nearest(w, words, (int)n, 2);
}

/* WORDS[0..N) joined by "、" into BUF. */
static const char *join(const char *const *words, size_t n, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && o < len; i++)
        o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? "、" : "", words[i]);
    return buf;
}

void check_section_words(N *n)
{
    char list[512];
    const char *section_words[VOCAB_MAX_WORDS];
    size_t nsections = names_of(n->m, DIM_SECTION, section_words);
    for (int i = 0; i < n->nr->nsections; i++) {
        const Section *s = &n->nr->sections[i];
        if (word_index(section_words, nsections, s->word) < 0) {
            const char *near = nearest(section_words, nsections, s->word);
            if (near)
                diag_error(n->d, s->word_loc, "E-SECTION",
                           "unknown section '%s'; did you mean '%s'?", s->word, near);
            else
                diag_error(n->d, s->word_loc, "E-SECTION",
                           "unknown section '%s'; the sections of the 说明 are %s", s->word,
                           join(section_words, nsections, list, sizeof list));
            continue;
        }
        for (int j = 0; j < i; j++)
            if (strcmp(n->nr->sections[j].word, s->word) == 0) {
                diag_error(n->d, s->word_loc, "E-SECTION-DUPLICATE",
                           "section %s is written twice; put its paragraphs in one section",
                           s->word);
                diag_note(n->d, n->nr->sections[j].word_loc, "first written here");
                break;
            }
    }
}

void check_insert(N *n, const Para *p)
{
    int nt = model_ntables(n->m);
    const char **words = xmalloc((VOCAB_MAX_WORDS + (size_t)nt) * sizeof *words);
    size_t k = names_of(n->m, DIM_INSERT, words);
    for (int t = 0; t < nt; t++)
        words[k++] = n->m->disclosure->tables[t].word;
    if (word_index(words, k, p->insert) < 0) {
        char list[1024], hint[128] = "";
        const char *near = nearest(words, k, p->insert);
        if (near)
            snprintf(hint, sizeof hint, _("did you mean '%s'? "), near);
        diag_error(n->d, p->loc, "E-INSERT", "unknown table '%s' to insert; %sthe tables are %s",
                   p->insert, hint, join(words, k, list, sizeof list));
    }
    free(words);
}

/* One warning listing the sections of the 说明 that are missing. */
void check_missing_sections(N *n)
{
    if (!n->nr->present) {
        /* the first two sections of this kind's 说明, from the vocabulary:
         * a 决算's leaves out those tagged plan, a budget's those tagged final */
        const Vocab1 *sv = &n->m->vocab->dim[DIM_SECTION];
        const char *first[2] = {"", ""};
        int nf = 0;
        for (int i = 0; i < sv->n && nf < 2; i++)
            if (!(sv->words[i].tags & (n->m->final ? TAG_PLAN : TAG_FINAL)))
                first[nf++] = sv->words[i].name;
        if (n->m->final)
            diag_warning(n->d, n->m->dept_loc, "W-NO-NARRATIVE",
                         "the 决算 has no narrative: the 说明 (%s, %s …) is part of the "
                         "disclosure of final accounts", first[0], first[1]);
        else
            diag_warning(n->d, n->m->dept_loc, "W-NO-NARRATIVE",
                         "the budget has no narrative: the 说明 (%s, %s …) is part of the "
                         "disclosure", first[0], first[1]);
        return;
    }
    const char *section_words[VOCAB_MAX_WORDS], *missing[VOCAB_MAX_WORDS];
    size_t nsections = names_of(n->m, DIM_SECTION, section_words);
    size_t k = 0;
    for (size_t i = 0; i < nsections; i++) {
        bool found = false;
        for (int j = 0; j < n->nr->nsections && !found; j++)
            found = strcmp(n->nr->sections[j].word, section_words[i]) == 0;
        if (!found)
            missing[k++] = section_words[i];
    }
    char list[512], whose[160];
    snprintf(whose, sizeof whose, "%s", _("the narrative"));
    if (n->ctx.unit >= 0)
        snprintf(whose, sizeof whose, _("the narrative of unit %s"), n->m->units[n->ctx.unit].id);
    if (k)
        diag_warning(n->d, n->nr->loc, "W-SECTION-MISSING",
                     "%s has no section %s; the 说明 has %zu parts: write each, with 无 where "
                     "there is nothing to report",
                     whose, join(missing, k, list, sizeof list), nsections);
}

/* ---- E4: the scope of 机关运行经费 ------------------------------------------- */

static void find_admin_cost(const PathSeg *path, Loc at, void *ctx)
{
    Loc *found = ctx;
    if (path_is_prior(path))
        path = path->next;
    if (!found->file && path_is(path, "机关运行经费"))
        *found = at;
}

/* The first quote of 机关运行经费 in narrative NR; false when none.  The
 * section alone is no report: every 说明 has it (W-SECTION-MISSING), and a
 * 事业单位's says that it has none. */
static bool admin_cost_reported(const Narrative *nr, Loc *at)
{
    Loc found = {0};
    for (int i = 0; i < nr->nparas && !found.file; i++)
        for (const TextPart *x = nr->paras[i].parts; x && !found.file; x = x->next)
            walk_paths(x->expr, find_admin_cost, &found);
    *at = found;
    return found.file != NULL;
}

/* E4, over the units the narrative speaks for: every unit of the
 * department, or the one whose narrative it is. */
void check_admin_scope(N *n)
{
    const Model *m = n->m;
    int from = n->ctx.unit >= 0 ? n->ctx.unit : 0;
    int to = n->ctx.unit >= 0 ? n->ctx.unit + 1 : m->nunits;
    Loc at;
    bool admin = false;
    for (int i = from; i < to; i++)
        admin |= m->units[i].admin;
    if (to == from || admin || !admin_cost_reported(n->nr, &at))
        return;
    for (int i = from; i < to; i++)
        if (!m->units[i].nature) /* unknown: no reason to doubt */
            return;
    if (n->ctx.unit >= 0)
        diag_warning(n->d, at, "W-ADMIN-COST-SCOPE",
                     "机关运行经费 is reported, but unit %s is not a 行政单位 or a 参公事业单位: "
                     "by definition it covers only those",
                     m->units[n->ctx.unit].id);
    else
        diag_warning(n->d, at, "W-ADMIN-COST-SCOPE",
                     "机关运行经费 is reported, but no unit of the department is a 行政单位 or a "
                     "参公事业单位: by definition it covers only those");
    for (int i = from; i < to && i < from + 3; i++)
        if (m->units[i].nature)
            diag_note(n->d, m->units[i].nature_loc, "unit %s: 单位性质 %s", m->units[i].id,
                      m->units[i].nature);
}

/* ---- E5: what the 三公经费 section quotes ------------------------------------ */

/* What the 三公经费 section quotes: which parts of 三公 (vocab_parts), and
 * whether last year's figures. */
typedef struct SgQuoted {
    const Vocab *v;
    WordSet parts[VOCAB_MAX_WORDS];
    int nparts;
    unsigned has; /* bit i: part i; bit nparts: last year's */
} SgQuoted;

static void note_sangong(const PathSeg *path, Loc at, void *ctx)
{
    (void)at;
    SgQuoted *q = ctx;
    bool prior = path_is_prior(path);
    if (prior)
        path = path->next;
    if (!(path_is(path, "三公") || path_is(path, "三公经费")))
        return;
    if (prior) {
        q->has |= 1u << q->nparts;
        return;
    }
    WordSet set = 0;
    if (path->next && path->next->name)
        vocab_set(q->v, DIM_ITEM, path->next->name, &set);
    if (set == vocab_all(q->v, DIM_ITEM))
        set = 0; /* the total quotes no item */
    for (int i = 0; i < q->nparts; i++)
        if (set & q->parts[i])
            q->has |= 1u << i;
}

void check_sangong_section(N *n)
{
    const Model *m = n->m;
    const Vocab *v = m->vocab;
    int sec = -1;
    const char *word = tagged_name(m, DIM_SECTION, TAG_SANGONG);
    for (int i = 0; i < n->nr->nsections && sec < 0 && word; i++)
        if (strcmp(n->nr->sections[i].word, word) == 0)
            sec = i;
    if (sec < 0)
        return;
    SgQuoted q = {.v = v};
    int group[VOCAB_MAX_WORDS];
    q.nparts = vocab_parts(v, DIM_ITEM, vocab_all(v, DIM_ITEM), q.parts, group);
    for (int i = 0; i < n->nr->nparas; i++)
        for (const TextPart *x = n->nr->paras[i].parts; x && n->nr->paras[i].section == sec;
             x = x->next)
            walk_paths(x->expr, note_sangong, &q);
    char what[VOCAB_MAX_WORDS + 1][160];
    const char *missing[VOCAB_MAX_WORDS + 1];
    size_t k = 0;
    for (int b = 0; b <= q.nparts; b++) {
        if (q.has & (1u << b))
            continue;
        if (b == q.nparts) {
            missing[k++] = "last year's figures (上年.三公.合计 …)";
            continue;
        }
        const WordName *g = group[b] >= 0 ? &v->dim[DIM_ITEM].names[group[b]] : NULL;
        const Word *w = g ? NULL : &v->dim[DIM_ITEM].words[__builtin_ctz(q.parts[b])];
        snprintf(what[k], sizeof what[k], "%s (三公.%s)", g ? g->title : w->title,
                 g ? g->name : w->name);
        missing[k] = what[k];
        k++;
    }
    char list[1024];
    if (k)
        diag_warning(n->d, n->nr->sections[sec].word_loc, "W-SANGONG-TEXT",
                     "the 三公经费 section does not quote %s; it should give each item and the "
                     "change from last year",
                     join(missing, k, list, sizeof list));
}

