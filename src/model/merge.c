/*
 * consolidate.c — a region's 部门预算汇总: the departments of one run as one
 * model whose units are the departments (see consolidate.h).
 *
 * Only the facts that make up the nine tables are merged (income, spending,
 * basic expenditure, 三公); the derived tables of the merged model are then
 * the sums over departments by code, built by the same code as every
 * department's own.  Strings are copied into the merged model's arena and
 * source locations dropped, since each department's files are freed after
 * it is checked.
 */
#include "model/merge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cons_init(Consolidation *c)
{
    memset(c, 0, sizeof *c);
    arena_init(&c->m.arena);
}

/* Appends room for one element to *ARR (length *N, capacity *CAP). */
static void *grow(void *arr, int n, int *cap, size_t size)
{
    if (n < *cap)
        return arr;
    *cap = *cap ? *cap * 2 : 64;
    return xrealloc(arr, (size_t)*cap * size);
}

#define APPEND(arr, n, cap) ((arr) = grow((arr), (n), &(cap), sizeof *(arr)), &(arr)[(n)++])

static const char *copy(Consolidation *c, const char *s)
{
    return s ? arena_strdup(&c->m.arena, s) : NULL;
}

static void start(Consolidation *c, Model *d)
{
    Model *m = &c->m;
    m->has_department = true;
    m->year = d->year;
    m->money = copy(c, d->money);
    m->money_scale = d->money_scale;
    m->dept_code = "";
    m->cat = d->cat;       /* the first department's catalogues … */
    m->cat_shared = true;  /* … which the caller keeps alive */
    c->started = true;
}

int cons_add(Consolidation *c, Model *d, char *err, size_t errn)
{
    Model *m = &c->m;
    int took = 0;
    if (!c->started) {
        start(c, d);
        took = 1;
    } else if (d->year != m->year || strcmp(d->money, m->money) != 0) {
        snprintf(err, errn,
                 "cannot consolidate department %s: its budget is for %d in %s, the others' "
                 "for %d in %s",
                 d->dept_code, d->year, d->money, m->year, m->money);
        return -1;
    }
    int base = m->nunits;
    for (int i = 0; i < d->nunits; i++) {
        Unit *u = APPEND(m->units, m->nunits, c->cap_units);
        memset(u, 0, sizeof *u);
        char id[256];
        snprintf(id, sizeof id, "%s/%s", d->dept_code, d->units[i].id);
        u->id = copy(c, id);
        char name[512];
        snprintf(name, sizeof name, "%s %s", d->dept_name, d->units[i].name);
        u->name = copy(c, name);
        u->nature = copy(c, d->units[i].nature);
    }
    for (int i = 0; i < d->nincome; i++) {
        Income *x = APPEND(m->income, m->nincome, c->cap_income);
        *x = d->income[i];
        x->unit += base;
        x->loc = x->amount_loc = (Loc){0};
    }
    for (int i = 0; i < d->nspend; i++) {
        Spend *x = APPEND(m->spend, m->nspend, c->cap_spend);
        *x = d->spend[i];
        x->unit += base;
        x->code = copy(c, x->code);
        x->loc = x->code_loc = x->amount_loc = (Loc){0};
    }
    for (int i = 0; i < d->necon; i++) {
        Econ *x = APPEND(m->econ, m->necon, c->cap_econ);
        *x = d->econ[i];
        x->unit += base;
        x->code = copy(c, x->code);
        x->loc = x->code_loc = x->amount_loc = (Loc){0};
    }
    for (int i = 0; i < d->nsangong; i++) {
        Sangong *x = APPEND(m->sangong, m->nsangong, c->cap_sg);
        *x = d->sangong[i];
        x->unit += base;
        x->loc = x->amount_loc = (Loc){0};
    }
    c->ndepts++;
    snprintf(c->name, sizeof c->name, "%d个部门汇总", c->ndepts);
    m->dept_name = c->name;
    for (int t = 0; t < T__COUNT; t++)
        m->tables[t] = NULL; /* derived again with the new facts */
    return took;
}

void cons_free(Consolidation *c)
{
    free(c->m.units);
    free(c->m.income);
    free(c->m.spend);
    free(c->m.econ);
    free(c->m.sangong);
    arena_free(&c->m.arena);
    memset(c, 0, sizeof *c);
}
