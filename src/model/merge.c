/*
 * merge.c — a region's 部门预算汇总: the departments of one run as one new
 * model whose units are the departments (see merge.h).
 *
 * Only the facts that make up the tables are merged (facts.h: every kind
 * alike); the tables of the new model are then the sums over departments by
 * code, derived by the same code as every department's own.  Strings are
 * copied into the new model's arena and source locations dropped, since
 * each department's files are freed after it is checked.
 */
#include "model/merge.h"

#include <stdio.h>
#include <string.h>

void cons_init(Consolidation *c)
{
    memset(c, 0, sizeof *c);
    arena_init(&c->m.arena);
}

static const char *copy(Consolidation *c, const char *s)
{
    return s ? arena_strdup(&c->m.arena, s) : NULL;
}

int cons_add(Consolidation *c, const Model *d, char *err, size_t errn)
{
    Model *m = &c->m;
    int first = 0;
    if (!c->started) {
        m->has_department = true;
        m->year = d->year;
        m->money = copy(c, d->money);
        m->money_scale = d->money_scale;
        m->dept_code = "";
        m->defs = d->defs; /* the first department's, which the caller keeps alive */
        m->cat = d->cat;
        m->vocab = d->vocab;
        m->disclosure = d->disclosure;
        m->kind = copy(c, d->kind);
        m->final = d->final;
        c->started = true;
        first = 1;
    } else if (d->year != m->year || strcmp(d->money, m->money) != 0 ||
               strcmp(d->kind, m->kind) != 0) {
        snprintf(err, errn,
                 "cannot consolidate department %s: its %s is for %d in %s, the others' "
                 "%s for %d in %s",
                 d->dept_code, d->kind, d->year, d->money, m->kind, m->year, m->money);
        return -1;
    }
    int base = m->nunits;
    for (int i = 0; i < d->nunits; i++) {
        Unit *u = ARENA_PUSH(&m->arena, m->units, m->nunits, c->cap_units);
        char id[256];
        snprintf(id, sizeof id, "%s/%s", d->dept_code, d->units[i].id);
        u->id = copy(c, id);
        char name[512];
        snprintf(name, sizeof name, "%s %s", d->dept_name, d->units[i].name);
        u->name = copy(c, name);
        u->nature = copy(c, d->units[i].nature);
        u->admin = d->units[i].admin;
        for (int k = 0; k < F__COUNT; k++) { /* appended below in the same order */
            u->fact_first[k] = m->nfacts[k] + d->units[i].fact_first[k];
            u->fact_count[k] = d->units[i].fact_count[k];
        }
    }
    for (int k = 0; k < F__COUNT; k++)
        for (int i = 0; i < d->nfacts[k]; i++) {
            Fact *x = ARENA_PUSH(&m->arena, m->facts[k], m->nfacts[k], c->cap_facts[k]);
            *x = d->facts[k][i];
            x->unit += base;
            x->code = copy(c, x->code);
            x->loc = x->code_loc = x->amount_loc = (Loc){0};
        }
    c->ndepts++;
    snprintf(c->name, sizeof c->name, "%d%s", c->ndepts, vocab_label(m->vocab, "consolidated"));
    m->dept_name = c->name;
    return first;
}

const Model *cons_finish(Consolidation *c)
{
    if (!c->started)
        return NULL;
    if (!c->finished)
        model_finish(&c->m);
    c->finished = true;
    return &c->m;
}

void cons_free(Consolidation *c)
{
    arena_free(&c->m.arena);
    memset(c, 0, sizeof *c);
}
