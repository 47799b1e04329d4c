/*
 * reserved.c — what a code or a source is reserved to: the budget a
 * function code belongs to, and the nature of unit a code or an income is
 * for (rules.md B2; issue 14).
 *
 * Both are data.  A function code's catalogue entry, or its 款's or 类's,
 * names the budget it belongs to (政府性基金, 国有资本经营: a fund source
 * tagged fiscal; no name is the general budget) and the nature of unit it
 * is reserved to (行政, 事业: words of the nature vocabulary).  A source
 * names the natures it is for the same way in the vocabulary (事业收入 事业),
 * and a carry-over the budget it came from (一般公共预算结转 一般公共预算).
 *   - E-FUND-CODE: a budget's 财政拨款 (or its carry-over) pays a code of
 *     another budget, so tables 5, 7 and 8 would put it in the wrong table;
 *   - W-UNIT-NATURE: a unit books a code or has an income reserved to
 *     units of another nature (行政单位医疗 in a 事业单位, 事业收入 in a
 *     行政单位).
 */
#include <stdio.h>
#include <string.h>

#include "check/passes.h"
#include "base/i18n.h"
#include "check/report.h"

typedef struct C {
    const Model *m;
    DiagCtx *d;
    int nerrors;
} C;

/* Whether W is a budget: a fund source tagged fiscal. */
static bool is_budget_word(const char *w, const void *ctx)
{
    const Vocab *v = ctx;
    int s = vocab_word(v, DIM_SOURCE, w);
    return s >= 0 && (v->dim[DIM_SOURCE].words[s].tags & TAG_FISCAL);
}

static bool is_nature_word(const char *w, const void *ctx)
{
    return vocab_word(ctx, DIM_NATURE, w) >= 0;
}

static const char *source_name(const C *c, int s)
{
    return vocab_name(c->m->vocab, DIM_SOURCE, s);
}

/* E-FUND-CODE: spending fact X paid from a budget's money on a code of
 * another budget. */
static void fund_code(C *c, const Fact *x)
{
    const Model *m = c->m;
    const Vocab *v = m->vocab;
    const Catalog *cat = &m->cat->k[CAT_FUNCTION];
    int paid = vocab_budget(v, x->dim[DIM_SOURCE]);
    const CatEntry *own = cat_find(cat, x->code);
    if (paid < 0 || !own) /* not 财政拨款; an unknown code is reported by codes.c */
        return;
    const char *word = NULL;
    const CatEntry *at = cat_inherited(cat, x->code, is_budget_word, v, &word);
    int belongs = at ? vocab_word(v, DIM_SOURCE, word) : m->defs->src_general;
    if (belongs < 0 || belongs == paid)
        return;
    int src = x->dim[DIM_SOURCE];
    char via[128] = "";
    if (src != paid)
        snprintf(via, sizeof via, _(" (%s money)"), source_name(c, paid));
    diag_error(c->d, x->code_loc, "E-FUND-CODE",
               "%s %s is a code of the %s budget, but this line is paid from %s%s: a budget's "
               "财政拨款 pays only its own codes; write the line under 'spending %s', or use a "
               "code of the %s budget",
               x->code, own->name, source_name(c, belongs), source_name(c, src), via,
               source_name(c, belongs), source_name(c, paid));
    if (at)
        diag_note(c->d, at->loc, "the catalogue places %s %s in the %s budget", at->code,
                  at->name, source_name(c, belongs));
    else
        diag_note(c->d, own->loc,
                  "the catalogue names no budget for %s or the 款 and 类 above it, so it is of "
                  "the %s budget",
                  x->code, source_name(c, belongs));
    c->nerrors++;
}

/* The nature of unit U as a word of the vocabulary, or -1. */
static int nature_of(const C *c, const Unit *u)
{
    return u->nature ? vocab_word(c->m->vocab, DIM_NATURE, u->nature) : -1;
}

static void nature_note(C *c, const Unit *u)
{
    diag_note(c->d, u->nature_loc, "unit %s is declared %s here", u->id, u->nature);
}

/* "; did you mean 2101102 事业单位医疗?": the one code beside CODE (same 款)
 * reserved to a nature unit N may use. */
static void sibling(const C *c, const char *code, int n, char *buf, size_t size)
{
    const Catalog *cat = &c->m->cat->k[CAT_FUNCTION];
    const Vocab *v = c->m->vocab;
    size_t len = strlen(code);
    const CatEntry *found = NULL;
    int count = 0;
    buf[0] = '\0';
    for (int i = 0; i < cat->n && len > 2; i++) {
        const CatEntry *e = &cat->entries[i];
        if (strlen(e->code) != len || strncmp(e->code, code, len - 2) != 0 ||
            strcmp(e->code, code) == 0)
            continue;
        for (int w = 0; w < e->nwords; w++) {
            int r = vocab_word(v, DIM_NATURE, e->words[w]);
            if (r >= 0 && vocab_nature_allows(v, n, r)) {
                found = e;
                count++;
                break;
            }
        }
    }
    if (count == 1)
        snprintf(buf, size, _("; did you mean %s %s?"), found->code, found->name);
}

/* W-UNIT-NATURE for a spending line: its code is reserved to another nature. */
static void code_nature(C *c, const Fact *x)
{
    const Model *m = c->m;
    const Unit *u = &m->units[x->unit];
    int n = nature_of(c, u);
    if (n < 0)
        return;
    const char *word = NULL;
    const Catalog *cat = &m->cat->k[CAT_FUNCTION];
    const CatEntry *own = cat_find(cat, x->code);
    if (!own || !cat_inherited(cat, x->code, is_nature_word, m->vocab, &word))
        return;
    int r = vocab_word(m->vocab, DIM_NATURE, word);
    if (vocab_nature_allows(m->vocab, n, r))
        return;
    char hint[256];
    sibling(c, x->code, n, hint, sizeof hint);
    diag_warning(c->d, x->code_loc, "W-UNIT-NATURE",
                 "%s %s is for %s, but unit %s is a %s%s", x->code, own->name,
                 vocab_title(m->vocab, DIM_NATURE, r), u->id, vocab_title(m->vocab, DIM_NATURE, n),
                 hint);
    nature_note(c, u);
}

/* W-UNIT-NATURE for an income line: its source is reserved to another
 * nature. */
static void income_nature(C *c, const Fact *x)
{
    const Model *m = c->m;
    const Unit *u = &m->units[x->unit];
    int n = nature_of(c, u), s = x->dim[DIM_SOURCE];
    if (n < 0 || s < 0)
        return;
    const Word *w = &m->vocab->dim[DIM_SOURCE].words[s];
    for (int i = 0; i < w->nrefs; i++) {
        int r = vocab_word(m->vocab, DIM_NATURE, w->refs[i]);
        if (r < 0 || vocab_nature_allows(m->vocab, n, r))
            continue;
        diag_warning(c->d, x->loc, "W-UNIT-NATURE",
                     "%s is income of a %s, but unit %s is a %s; is the income or the unit's "
                     "nature wrong?",
                     w->title, vocab_title(m->vocab, DIM_NATURE, r), u->id,
                     vocab_title(m->vocab, DIM_NATURE, n));
        nature_note(c, u);
        return;
    }
}

int check_reserved(const Model *m, DiagCtx *d)
{
    C c = {m, d, 0};
    for (int i = 0; i < m->nfacts[F_INCOME]; i++) /* income is written first */
        income_nature(&c, &m->facts[F_INCOME][i]);
    for (int i = 0; i < m->nfacts[F_SPENDING]; i++) {
        fund_code(&c, &m->facts[F_SPENDING][i]);
        code_nature(&c, &m->facts[F_SPENDING][i]);
    }
    return c.nerrors;
}
