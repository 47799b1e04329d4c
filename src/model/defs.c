/*
 * defs.c — the catalogues, vocabulary and tables of a budget (see defs.h).
 */
#include "model/defs.h"

#include <string.h>

/* Reports a vocabulary that lacks a word budc needs. */
static int need(const Defs *d, Dim dim, unsigned tag, const char *tagword, DiagCtx *diag)
{
    if (vocab_tagged(&d->vocab, dim, tag) >= 0)
        return 0;
    diag_error(diag, (Loc){0}, "E-DEFINITION",
               "the %s vocabulary has no word tagged %s (stdlib/2023/vocabulary.bud says what "
               "it is for)",
               dim_word(dim), tagword);
    return 1;
}

int defs_load(Defs *d, const Program *p, Arena *a, DiagCtx *diag)
{
    memset(d, 0, sizeof *d);
    int nerr = catalogs_load(&d->cat, p, a, diag);
    nerr += vocab_load(&d->vocab, p, a, diag);
    nerr += tabledefs_load(&d->disclosures, &d->ndisclosures, p, &d->vocab, a, diag);
    const Vocab *v = &d->vocab;
    nerr += need(d, DIM_SOURCE, TAG_GENERAL, "general", diag);
    nerr += need(d, DIM_KIND, TAG_BASIC, "basic", diag);
    nerr += need(d, DIM_KIND, TAG_PROJECT, "project", diag);
    nerr += need(d, DIM_CLASS, TAG_DEFAULT, "default", diag);
    d->src_general = vocab_tagged(v, DIM_SOURCE, TAG_GENERAL);
    d->src_fiscal = vocab_with(v, DIM_SOURCE, TAG_FISCAL);
    d->src_carry = vocab_with(v, DIM_SOURCE, TAG_CARRY);
    for (int s = 0; s < v->dim[DIM_SOURCE].n; s++)
        if (vocab_budget(v, s) >= 0)
            d->src_budgeted |= (WordSet)1 << s;
    d->src_general_budget = vocab_of_budget(v, d->src_general);
    d->kind_basic = vocab_tagged(v, DIM_KIND, TAG_BASIC);
    d->kind_project = vocab_tagged(v, DIM_KIND, TAG_PROJECT);
    d->kind_fiscal = vocab_with(v, DIM_KIND, TAG_FISCAL);
    d->class_default = vocab_tagged(v, DIM_CLASS, TAG_DEFAULT);
    return nerr;
}

void defs_free(Defs *d)
{
    catalogs_free(&d->cat);
}

const Disclosure *defs_disclosure(const Defs *d, const char *kind)
{
    for (int i = 0; i < d->ndisclosures; i++)
        if (strcmp(d->disclosures[i].kind, kind) == 0)
            return &d->disclosures[i];
    return NULL;
}

bool defs_own(const Program *p)
{
    for (const Module *mod = p->modules; mod; mod = mod->next) {
        if (mod->is_std)
            continue;
        for (const Stmt *s = mod->stmts; s; s = s->next)
            if (s->kind == S_CATALOG || s->kind == S_VOCABULARY || s->kind == S_DISCLOSURE)
                return true;
    }
    return false;
}
