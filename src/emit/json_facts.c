/*
 * json_facts.c — the facts a budget is written in, so that a consumer
 * can recompute every table: income, spending, basic expenditure and 三公
 * lines; the projects with their indicators and purchases; the procurement
 * summary; 部门整体绩效目标; last year's figures; the asset table.
 *
 * A unit's document (view.h) has the unit's facts, projects, procurement
 * and `prior` lines, and no 部门整体绩效目标 and no asset table (the
 * department's).
 *
 * Amounts of money are written with at least 2 decimals (jb_money); other
 * numbers (indicator values, quantities) exactly as written (jb_num).
 */
#include <stdio.h>
#include <string.h>

#include "emit/json.h"
#include "emit/view.h"

/* ---- the facts ---------------------------------------------------------------- */

/* The facts of kind K, each as one object (facts.h: the description of
 * the kind says which members it has). */
static void facts_json(JB *b, cJSON *arr, FactKind k)
{
    const FactType *ft = &fact_types[k];
    const Vocab *v = b->m->vocab;
    for (int i = 0; i < b->m->nfacts[k]; i++) {
        const Fact *f = &b->m->facts[k][i];
        if (b->unit >= 0 && f->unit != b->unit)
            continue;
        cJSON *o = jb_object(b, arr, NULL);
        jb_str(b, o, "unit", jb_unit(b, f->unit));
        jb_str(b, o, "source", vocab_name(v, DIM_SOURCE, f->dim[DIM_SOURCE]));
        if (ft->catalog >= 0 && f->code) /* income by code: a 决算's */
            jb_str(b, o, "code", f->code);
        if (ft->word >= 0)
            jb_str(b, o, ft->word_key, vocab_name(v, (Dim)ft->word, f->dim[ft->word]));
        if (k == F_ECONOMIC)
            jb_bool(b, o, "class_written", f->class_written);
        jb_money(b, o, "amount", f->amount);
    }
}

void json_facts(JB *b, cJSON *root)
{
    cJSON *o = jb_object(b, root, "facts");
    for (int k = 0; k < F__COUNT; k++)
        facts_json(b, jb_array(b, o, fact_types[k].key), (FactKind)k);
}

/* ---- indicator values ------------------------------------------------------------ */

static const char *const value_kinds[] = {[IV_NUMBER] = "number", [IV_WORD] = "phrase",
                                          [IV_TEXT] = "text"};

void json_ind_value(JB *b, cJSON *parent, const char *key, const IndValue *v)
{
    cJSON *o = jb_object(b, parent, key);
    jb_str(b, o, "kind", value_kinds[v->kind]);
    if (v->kind == IV_NUMBER) {
        jb_str(b, o, "op", ast_op_text(v->op));
        jb_num(b, o, "number", v->num);
        jb_str(b, o, "unit", v->measure);
    }
    char buf[DEC_FMT_MAX + 256];
    jb_str(b, o, "text", indvalue_text(v, buf, sizeof buf));
}

/* ---- projects ------------------------------------------------------------------ */

/* The 一级 of an indicator: as written, else the one the catalogue gives
 * its 二级 (数量指标 → 产出指标). */
static const char *level1_of(const Model *m, const Indicator *in)
{
    if (in->level1)
        return in->level1;
    const CatEntry *e = in->level2 ? cat_find(&m->cat->k[CAT_INDICATOR], in->level2) : NULL;
    return e ? e->extra : NULL;
}

static void indicator_json(JB *b, cJSON *arr, const Indicator *in)
{
    cJSON *o = jb_object(b, arr, NULL);
    jb_str(b, o, "level1", level1_of(b->m, in));
    jb_str(b, o, "level2", in->level2);
    jb_str(b, o, "name", in->name);
    jb_str(b, o, "description", in->desc);
    json_ind_value(b, o, "value", &in->value);
    jb_str(b, o, "basis", in->basis);
}

/* An optional figure of a purchase line: money, or a quantity as written. */
static void opt_num(JB *b, cJSON *o, const char *key, bool has, Dec v, bool money)
{
    if (!has)
        jb_null(b, o, key);
    else if (money)
        jb_money(b, o, key, v);
    else
        jb_num(b, o, key, v);
}

static void purchase_json(JB *b, cJSON *arr, const Purchase *u)
{
    cJSON *o = jb_object(b, arr, NULL);
    jb_str(b, o, "code", u->pcode);
    jb_str(b, o, "name", u->name);
    jb_str(b, o, "measure", u->measure);
    opt_num(b, o, "quantity", u->has_quantity, u->quantity, false);
    opt_num(b, o, "price", u->has_price, u->price, true);
    opt_num(b, o, "amount", u->has_amount, u->amount, true);
    opt_num(b, o, "sme", u->has_sme, u->sme, true);
    jb_str(b, o, "source", vocab_name(b->m->vocab, DIM_SOURCE, u->src));
    jb_str(b, o, "method", u->method >= 0 ? vocab_name(b->m->vocab, DIM_METHOD, u->method) : NULL);
}

static void project_json(JB *b, cJSON *arr, const Project *p)
{
    cJSON *o = jb_object(b, arr, NULL);
    jb_str(b, o, "unit", jb_unit(b, p->unit));
    jb_str(b, o, "name", p->name);
    jb_str(b, o, "code", p->code);
    opt_num(b, o, "amount", p->has_amount, p->amount, true);
    jb_str(b, o, "goal", p->goal);
    cJSON *inds = jb_array(b, o, "indicators");
    for (int i = 0; i < p->nind; i++)
        indicator_json(b, inds, &p->ind[i]);
    cJSON *purs = jb_array(b, o, "purchases");
    for (int i = 0; i < p->npur; i++)
        purchase_json(b, purs, &p->pur[i]);
    if (p->tracked) /* a 决算's 绩效跟踪 */
        jb_bool(b, o, "tracked", true);
    if (p->has_problems) { /* what its 绩效自评 found, and fixed */
        cJSON *q = jb_object(b, o, "problems");
        jb_num(b, q, "found", p->found);
        jb_num(b, q, "fixed", p->fixed);
    }
    if (!p->has_result) /* a 决算's 绩效自评 */
        return;
    cJSON *r = jb_object(b, o, "result");
    jb_num(b, r, "score", p->score);
    jb_str(b, r, "grade", p->grade);
    cJSON *ach = jb_array(b, r, "achieved");
    for (int i = 0; i < p->nach; i++) {
        cJSON *a = jb_object(b, ach, NULL);
        jb_str(b, a, "indicator", p->ach[i].name);
        json_ind_value(b, a, "value", &p->ach[i].value);
        opt_num(b, a, "weight", p->ach[i].has_points, p->ach[i].weight, false); /* 分值 */
        opt_num(b, a, "points", p->ach[i].has_points, p->ach[i].points, false); /* 得分 */
        jb_str(b, a, "reason", p->ach[i].reason); /* 偏差原因及改进措施 */
    }
}

void json_projects(JB *b, cJSON *root)
{
    cJSON *arr = jb_array(b, root, "projects");
    for (int i = 0; i < b->m->nprojects; i++)
        if (view_has_project(b->unit, &b->m->projects[i]))
            project_json(b, arr, &b->m->projects[i]);
}

/* ---- the procurement summary ---------------------------------------------------------- */

/* Member KEY of O: the document's figure 采购.WHAT (model_value). */
static void procurement_figure(JB *b, cJSON *o, const char *key, const char *what)
{
    PathSeg leaf = {.name = what};
    PathSeg root = {.name = "采购", .next = &leaf};
    Dec v;
    char msg[256];
    if (model_value(b->m, &root, (ValueCtx){b->unit, -1}, &v, NULL, NULL, msg, sizeof msg) == VAL_OK)
        jb_money(b, o, key, v);
    else
        jb_null(b, o, key);
}

void json_procurement(JB *b, cJSON *root)
{
    cJSON *o = jb_object(b, root, "procurement");
    procurement_figure(b, o, "total", "合计");
    procurement_figure(b, o, "sme", "中小微");
    procurement_figure(b, o, "goods", "货物");
    procurement_figure(b, o, "works", "工程");
    procurement_figure(b, o, "services", "服务");
}

/* ---- 部门整体绩效目标 --------------------------------------------------------------- */

/* The department's; a unit's document has none (empty lists). */
void json_performance(JB *b, cJSON *root)
{
    const Model *m = b->m;
    int ngoals = b->unit < 0 ? m->nperf_goals : 0, ntargets = b->unit < 0 ? m->ntargets : 0;
    cJSON *o = jb_object(b, root, "performance");
    cJSON *goals = jb_array(b, o, "goals");
    for (int i = 0; i < ngoals; i++)
        jb_str(b, goals, NULL, m->perf_goals[i]);
    cJSON *targets = jb_array(b, o, "targets");
    for (int i = 0; i < ntargets; i++) {
        const Target *t = &m->targets[i];
        cJSON *to = jb_object(b, targets, NULL);
        jb_str(b, to, "name", t->name);
        cJSON *rows = jb_array(b, to, "rows");
        for (int j = 0; j < t->nrows; j++) {
            cJSON *r = jb_object(b, rows, NULL);
            jb_str(b, r, "goal", t->rows[j].goal);
            jb_str(b, r, "indicator", t->rows[j].indicator);
            json_ind_value(b, r, "value", &t->rows[j].value);
        }
    }
}

/* ---- last year, assets ----------------------------------------------------------------- */

/* Whether PATH names a count (资产.车辆.数量) rather than an amount. */
static bool is_count_path(const char *path)
{
    static const char tail[] = ".数量";
    size_t n = strlen(path), k = sizeof tail - 1;
    return n >= k && strcmp(path + n - k, tail) == 0;
}

/* The `prior` lines of the document: the department's, or the unit's own. */
void json_prior(JB *b, cJSON *root)
{
    const Unit *u = b->unit >= 0 ? &b->m->units[b->unit] : NULL;
    const PriorFact *lines = u ? u->prior : b->m->prior;
    int n = u ? u->nprior : b->m->nprior;
    cJSON *arr = jb_array(b, root, "prior");
    for (int i = 0; i < n; i++) {
        const PriorFact *p = &lines[i];
        cJSON *o = jb_object(b, arr, NULL);
        jb_str(b, o, "path", p->path);
        if (is_count_path(p->path))
            jb_num(b, o, "amount", p->amount);
        else
            jb_money(b, o, "amount", p->amount);
    }
}

/* A 决算's 政府采购 actuals (the `procurement` block), the department's:
 * each row written, with the row it is a part of and its share of it (in
 * percent, 2 decimals: 采购.合同.ROW.占比); null when there are none or in
 * a unit's document. */
void json_procured(JB *b, cJSON *root)
{
    const Procured *pr = &b->m->procured;
    if (!pr->present || b->unit >= 0) {
        jb_null(b, root, "procurement_actuals");
        return;
    }
    const Vocab1 *rows = &b->m->vocab->dim[DIM_PROCURED];
    cJSON *o = jb_object(b, root, "procurement_actuals");
    cJSON *arr = jb_array(b, o, "rows");
    for (int r = 0; r < rows->n; r++) {
        if (!pr->written[r])
            continue;
        cJSON *row = jb_object(b, arr, NULL);
        jb_str(b, row, "key", rows->words[r].name);
        jb_str(b, row, "title", rows->words[r].title);
        jb_money(b, row, "amount", pr->amount[r]);
        int w = procured_whole(b->m, r);
        if (w < 0) {
            jb_null(b, row, "of");
            jb_null(b, row, "share");
            continue;
        }
        jb_str(b, row, "of", rows->words[w].name);
        Dec scaled, share;
        bool ok = pr->written[w] && !dec_is_zero(pr->amount[w]) &&
                  dec_mul(pr->amount[r], dec_from_int(100), &scaled) == DEC_OK &&
                  dec_div_round(scaled, pr->amount[w], 2, &share) == DEC_OK;
        opt_num(b, row, "share", ok, ok ? share : dec_zero(), true);
    }
}

/* The department's asset table; null in a unit's document. */
void json_assets(JB *b, cJSON *root)
{
    const Assets *a = &b->m->assets;
    if (!a->present || b->unit >= 0) {
        jb_null(b, root, "assets");
        return;
    }
    cJSON *o = jb_object(b, root, "assets");
    jb_str(b, o, "date", a->date);
    cJSON *rows = jb_array(b, o, "rows");
    for (int r = 0; r < AS__COUNT; r++) {
        if (!a->row_written[r])
            continue;
        cJSON *row = jb_object(b, rows, NULL);
        jb_str(b, row, "key", asset_row_name(b->m, (AssetRow)r));
        opt_num(b, row, "quantity", !a->qty[r].blank, a->qty[r].v, false);
        opt_num(b, row, "value", !a->value[r].blank, a->value[r].v, true);
    }
    cJSON *parts = jb_array(b, o, "parts"); /* 车辆 by use …, as written */
    for (int i = 0; i < a->nparts; i++) {
        const AssetPart *p = &a->parts[i];
        cJSON *row = jb_object(b, parts, NULL);
        jb_str(b, row, "key", b->m->vocab->dim[DIM_ASSET].words[p->word].name);
        jb_str(b, row, "of", asset_row_name(b->m, p->of));
        opt_num(b, row, "quantity", !p->qty.blank, p->qty.v, false);
        opt_num(b, row, "value", !p->value.blank, p->value.v, true);
    }
    opt_num(b, o, "planned", a->has_planned, a->planned, true);
}
