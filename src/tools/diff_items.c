/*
 * diff_items.c — budc diff: the department's head (code, name, year, money
 * unit), its units, and its projects with their indicators and purchases.
 *
 * Items are matched by key, in any order: units by id, projects by name,
 * indicators by 二级 + 三级 name, purchase lines by catalogue code + item
 * name.  A changed item lists the fields that differ; an added or removed
 * one lists every field it has, with null on the side where it is missing.
 */
#include <stdlib.h>
#include <string.h>

#include "tools/diff_impl.h"

/* The year of M into O as KEY: an integer, or null when none is written. */
static void year_json(Diff *d, cJSON *o, const char *key, const Model *m)
{
    if (m->year > 0)
        jb_int(&d->jb, o, key, m->year);
    else
        jb_null(&d->jb, o, key);
}

void diff_department(Diff *d, cJSON *arr)
{
    const Model *a = d->old, *b = d->new;
    int before = arr ? cJSON_GetArraySize(arr) : 0;
    diff_field_str(d, arr, "code", a->dept_code, b->dept_code);
    diff_field_str(d, arr, "name", a->dept_name, b->dept_name);
    if (a->year != b->year) {
        cJSON *o = jb_object(&d->jb, arr, NULL);
        jb_str(&d->jb, o, "field", "year");
        year_json(d, o, "old", a);
        year_json(d, o, "new", b);
    }
    diff_field_str(d, arr, "money", a->money, b->money);
    diff_field_str(d, arr, "kind", a->kind, b->kind);
    d->nchanges += (arr ? cJSON_GetArraySize(arr) : 0) - before;
}

/* ---- units ------------------------------------------------------------------------------ */

static bool same_unit(const void *ctx, int i, int j)
{
    const Diff *d = ctx;
    return strcmp(d->old->units[i].id, d->new->units[j].id) == 0;
}

static uint64_t key_unit(const void *ctx, bool new, int i)
{
    const Diff *d = ctx;
    return hash_str(HASH_SEED, (new ? d->new : d->old)->units[i].id);
}

/* The fields of units A and B (either may be NULL) that differ, into FIELDS. */
static void unit_fields(Diff *d, cJSON *fields, const Unit *a, const Unit *b)
{
    diff_field_str(d, fields, "name", a ? a->name : NULL, b ? b->name : NULL);
    diff_field_str(d, fields, "nature", a ? a->nature : NULL, b ? b->nature : NULL);
    diff_field_str(d, fields, "rank", a ? a->rank : NULL, b ? b->rank : NULL);
    diff_field_str(d, fields, "funding", a ? a->funding : NULL, b ? b->funding : NULL);
}

void diff_units(Diff *d, cJSON *arr)
{
    DiffPair *steps = diff_pairs(d->old->nunits + d->new->nunits);
    int n = diff_match(d->old->nunits, d->new->nunits, same_unit, key_unit, d, steps);
    for (int k = 0; k < n; k++) {
        const Unit *a = steps[k].old >= 0 ? &d->old->units[steps[k].old] : NULL;
        const Unit *b = steps[k].new >= 0 ? &d->new->units[steps[k].new] : NULL;
        cJSON *fields = cJSON_CreateArray();
        unit_fields(d, fields, a, b);
        if (!fields || !fields->child) {
            cJSON_Delete(fields);
            continue;
        }
        cJSON *o = diff_entry(d, arr, steps[k]);
        jb_str(&d->jb, o, "id", (b ? b : a)->id);
        jb_add(&d->jb, o, "fields", fields);
    }
    free(steps);
}

/* ---- indicators ------------------------------------------------------------------------ */

/* The 一级 of an indicator: as written, else the one the catalogue gives
 * its 二级 (数量指标 → 产出指标), as the JSON output has it. */
static const char *level1_of(const Model *m, const Indicator *in)
{
    if (in->level1)
        return in->level1;
    const CatEntry *e = in->level2 ? cat_find(&m->cat->k[CAT_INDICATOR], in->level2) : NULL;
    return e ? e->extra : NULL;
}

/* Whether two values mean the same: a number by operator, value and
 * measure (≥90% and ≥ 90.0% are the same), a phrase or text by its text. */
static bool value_same(const IndValue *a, const IndValue *b)
{
    if ((a->kind == IV_NUMBER) != (b->kind == IV_NUMBER))
        return false;
    if (a->kind == IV_NUMBER)
        return a->op == b->op && dec_eq(a->num, b->num) && str_same(a->measure, b->measure);
    return str_same(a->text, b->text);
}

typedef struct ProjPair {
    const Project *old, *new;
} ProjPair;

static bool same_indicator(const void *ctx, int i, int j)
{
    const ProjPair *p = ctx;
    const Indicator *a = &p->old->ind[i], *b = &p->new->ind[j];
    return str_same(a->level2, b->level2) && str_same(a->name, b->name);
}

static uint64_t key_indicator(const void *ctx, bool new, int i)
{
    const ProjPair *p = ctx;
    const Indicator *a = &(new ? p->new : p->old)->ind[i];
    return hash_str(hash_str(HASH_SEED, a->level2), a->name);
}

/* The description, where '-' means the name itself. */
static const char *desc_of(const Indicator *in)
{
    return in ? (in->desc ? in->desc : in->name) : NULL;
}

/* The fields of indicators A and B (either may be NULL) that differ. */
static void indicator_fields(Diff *d, cJSON *fields, const Indicator *a, const Indicator *b)
{
    diff_field_str(d, fields, "level1", a ? level1_of(d->old, a) : NULL,
                   b ? level1_of(d->new, b) : NULL);
    if (!a || !b || !str_same(desc_of(a), desc_of(b)))
        diff_field_str(d, fields, "description", a ? a->desc : NULL, b ? b->desc : NULL);
    char x[DEC_FMT_MAX + 256], y[DEC_FMT_MAX + 256];
    if (!a || !b || !value_same(&a->value, &b->value))
        diff_field_str(d, fields, "value", a ? indvalue_text(&a->value, x, sizeof x) : NULL,
                       b ? indvalue_text(&b->value, y, sizeof y) : NULL);
    diff_field_str(d, fields, "basis", a ? a->basis : NULL, b ? b->basis : NULL);
}

static void indicators_diff(Diff *d, cJSON *arr, const ProjPair *pp)
{
    int na = pp->old->nind, nb = pp->new->nind;
    DiffPair *steps = diff_pairs(na + nb);
    int n = diff_match(na, nb, same_indicator, key_indicator, pp, steps);
    for (int k = 0; k < n; k++) {
        const Indicator *a = steps[k].old >= 0 ? &pp->old->ind[steps[k].old] : NULL;
        const Indicator *b = steps[k].new >= 0 ? &pp->new->ind[steps[k].new] : NULL;
        cJSON *fields = cJSON_CreateArray();
        indicator_fields(d, fields, a, b);
        if (!fields || !fields->child) {
            cJSON_Delete(fields);
            continue;
        }
        cJSON *o = diff_entry(d, arr, steps[k]);
        jb_str(&d->jb, o, "level2", (b ? b : a)->level2);
        jb_str(&d->jb, o, "name", (b ? b : a)->name);
        jb_add(&d->jb, o, "fields", fields);
    }
    free(steps);
}

/* ---- purchases ------------------------------------------------------------------------- */

static bool same_purchase(const void *ctx, int i, int j)
{
    const ProjPair *p = ctx;
    const Purchase *a = &p->old->pur[i], *b = &p->new->pur[j];
    return str_same(a->pcode, b->pcode) && str_same(a->name, b->name);
}

static uint64_t key_purchase(const void *ctx, bool new, int i)
{
    const ProjPair *p = ctx;
    const Purchase *a = &(new ? p->new : p->old)->pur[i];
    return hash_str(hash_str(HASH_SEED, a->pcode), a->name);
}

/* The fields of purchase lines A and B (either may be NULL) that differ. */
static void purchase_fields(Diff *d, cJSON *fields, const Purchase *a, const Purchase *b)
{
    static const Purchase none = {0};
    const Purchase *x = a ? a : &none, *y = b ? b : &none;
    diff_field_str(d, fields, "measure", x->measure, y->measure);
    diff_field_amount(d, fields, "quantity", x->has_quantity, x->quantity, y->has_quantity,
                      y->quantity, false);
    diff_field_amount(d, fields, "price", x->has_price, x->price, y->has_price, y->price, true);
    diff_field_amount(d, fields, "amount", x->has_amount, x->amount, y->has_amount, y->amount,
                      true);
    diff_field_amount(d, fields, "sme", x->has_sme, x->sme, y->has_sme, y->sme, true);
    diff_field_str(d, fields, "source", a ? vocab_name(d->old->vocab, DIM_SOURCE, a->src) : NULL,
                   b ? vocab_name(d->new->vocab, DIM_SOURCE, b->src) : NULL);
}

static void purchases_diff(Diff *d, cJSON *arr, const ProjPair *pp)
{
    int na = pp->old->npur, nb = pp->new->npur;
    DiffPair *steps = diff_pairs(na + nb);
    int n = diff_match(na, nb, same_purchase, key_purchase, pp, steps);
    for (int k = 0; k < n; k++) {
        const Purchase *a = steps[k].old >= 0 ? &pp->old->pur[steps[k].old] : NULL;
        const Purchase *b = steps[k].new >= 0 ? &pp->new->pur[steps[k].new] : NULL;
        cJSON *fields = cJSON_CreateArray();
        purchase_fields(d, fields, a, b);
        if (!fields || !fields->child) {
            cJSON_Delete(fields);
            continue;
        }
        cJSON *o = diff_entry(d, arr, steps[k]);
        jb_str(&d->jb, o, "code", (b ? b : a)->pcode);
        jb_str(&d->jb, o, "name", (b ? b : a)->name);
        jb_add(&d->jb, o, "fields", fields);
    }
    free(steps);
}

/* ---- projects -------------------------------------------------------------------------- */

static bool same_project(const void *ctx, int i, int j)
{
    const Diff *d = ctx;
    return strcmp(d->old->projects[i].name, d->new->projects[j].name) == 0;
}

static uint64_t key_project(const void *ctx, bool new, int i)
{
    const Diff *d = ctx;
    return hash_str(HASH_SEED, (new ? d->new : d->old)->projects[i].name);
}

/* The project's own fields of A and B (either may be NULL) that differ. */
static void project_fields(Diff *d, cJSON *fields, const Project *a, const Project *b)
{
    static const Project none = {0};
    const Project *x = a ? a : &none, *y = b ? b : &none;
    diff_field_str(d, fields, "unit", a ? diff_unit(d->old, a->unit) : NULL,
                   b ? diff_unit(d->new, b->unit) : NULL);
    diff_field_str(d, fields, "code", x->code, y->code);
    diff_field_amount(d, fields, "amount", x->has_amount, x->amount, y->has_amount, y->amount,
                      true);
    diff_field_str(d, fields, "goal", x->goal, y->goal);
}

/* Step P of the projects, as an entry of ARR when something differs.  The
 * indicators and purchases of an added or removed project are not listed. */
static void project_diff(Diff *d, cJSON *arr, DiffPair p)
{
    static const Project none = {0};
    const Project *a = p.old >= 0 ? &d->old->projects[p.old] : NULL;
    const Project *b = p.new >= 0 ? &d->new->projects[p.new] : NULL;
    ProjPair pp = {a ? a : &none, b ? b : &none};
    int before = d->nchanges;
    cJSON *fields = cJSON_CreateArray(), *ind = cJSON_CreateArray(), *pur = cJSON_CreateArray();
    project_fields(d, fields, a, b);
    if (a && b) {
        indicators_diff(d, ind, &pp);
        purchases_diff(d, pur, &pp);
    }
    bool any = (fields && fields->child) || d->nchanges > before;
    if (!any) {
        cJSON_Delete(fields);
        cJSON_Delete(ind);
        cJSON_Delete(pur);
        return;
    }
    cJSON *o = diff_entry(d, arr, p);
    jb_str(&d->jb, o, "name", (b ? b : a)->name);
    jb_str(&d->jb, o, "unit", b ? diff_unit(d->new, b->unit) : diff_unit(d->old, a->unit));
    jb_add(&d->jb, o, "fields", fields);
    jb_add(&d->jb, o, "indicators", ind);
    jb_add(&d->jb, o, "purchases", pur);
}

void diff_projects(Diff *d, cJSON *arr)
{
    DiffPair *steps = diff_pairs(d->old->nprojects + d->new->nprojects);
    int n = diff_match(d->old->nprojects, d->new->nprojects, same_project, key_project, d, steps);
    for (int k = 0; k < n; k++)
        project_diff(d, arr, steps[k]);
    free(steps);
}
