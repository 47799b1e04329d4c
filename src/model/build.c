/*
 * build.c — building the model from the syntax trees (see model.h): the
 * walk over the statements that collects the facts, with their words
 * resolved against the vocabulary, and model_finish.
 *
 * A unit's facts and projects are read by build_unit.c, with the helpers
 * of build_util.c; the derived tables are in tables.c, the sums in query.c
 * and the paths of narrative quotes and rules in value.c.
 */
#include "model/build_impl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- closed sets ------------------------------------------------------------ */

bool model_has_admin_unit(const Model *m)
{
    for (int i = 0; i < m->nunits; i++)
        if (m->units[i].admin)
            return true;
    return false;
}


static void build_performance(B *b, const Stmt *s)
{
    Model *m = b->m;
    m->perf_loc = s->loc;
    for (const Stmt *t = s->body; t; t = t->next) {
        if (t->kind == S_GOAL) {
            const char **g = PUSH(m, m->perf_goals, m->nperf_goals, b->cap_goals);
            *g = t->args->text;
        } else if (t->kind == S_TARGET) {
            Target *tg = PUSH(m, m->targets, m->ntargets, b->cap_targets);
            tg->name = t->args->text;
            tg->loc = t->loc;
            int cap = 0;
            for (const Stmt *r = t->body; r; r = r->next) {
                if (r->kind != S_ROW || !r->args || !r->args->next)
                    continue;
                TargetRow *row = PUSH(m, tg->rows, tg->nrows, cap);
                row->goal = r->args->text;
                row->indicator = r->args->next->text;
                row->loc = r->loc;
                build_read_value(b, r->args->next->next, &row->value);
                build_own_measure(b, &row->value);
            }
        }
    }
}

static void read_cells(B *b, const Atom *a, StatedCell **cells, int *n)
{
    int cap = 0;
    for (; a; a = a->next) {
        StatedCell *c = PUSH(b->m, *cells, *n, cap);
        c->loc = a->loc;
        c->blank = a->kind == A_DASH;
        if (!c->blank)
            c->v = a->num;
    }
}

static void build_table(B *b, const Stmt *s)
{
    Model *m = b->m;
    int id = model_table_find(m, s->args->text);
    int nt = model_ntables(m);
    if (id < 0) {
        const char **words = xmalloc((size_t)(nt + 1) * sizeof *words);
        for (int i = 0; i < nt; i++)
            words[i] = m->disclosure->tables[i].word;
        const char *near = build_closest(s->args->text, words, nt);
        char all[512];
        build_list_words(words, nt, all, sizeof all);
        free(words);
        if (near)
            build_err(b, s->args->loc, "E-TABLE-NAME", "unknown table '%s'; did you mean '%s'?",
                s->args->text, near);
        else
            build_err(b, s->args->loc, "E-TABLE-NAME", "unknown table '%s'; the tables are %s",
                s->args->text, all);
        return;
    }
    for (int i = 0; i < m->nstated; i++)
        if (m->stated[i].table == id) {
            build_err(b, s->args->loc, "E-DUPLICATE", "table %s is stated twice", s->args->text);
            diag_note(b->d, m->stated[i].loc, "first stated here");
            return;
        }
    StatedTable *t = PUSH(m, m->stated, m->nstated, b->cap_stated);
    t->table = id;
    t->loc = s->loc;
    t->head_loc = loc_span(s->kw_loc, s->args->loc);
    int cap = 0;
    for (const Stmt *r = s->body; r; r = r->next) {
        if (r->kind == S_NOTE) {
            t->note = r->args->text;
            t->note_loc = r->args->loc;
            continue;
        }
        if (r->kind != S_ROW || !r->args)
            continue;
        StatedRow *row = PUSH(m, t->rows, t->nrows, cap);
        const Atom *a = r->args;
        row->loc = r->loc;
        row->key = a->text;
        row->key_is_code = a->kind == A_NUMBER;
        row->key_loc = a->loc;
        a = a->next;
        if (a && a->kind == A_STRING) {
            row->name = a->text;
            row->name_loc = a->loc;
            a = a->next;
        }
        read_cells(b, a, &row->cells, &row->ncells);
        const TableDef *def = id >= 0 ? &b->m->disclosure->tables[id] : NULL;
        for (int i = 0; i < row->ncells; i++)
            if (!row->cells[i].blank && dec_is_neg(row->cells[i].v) &&
                !(def && i < def->ncols && def->cols[i].kind == COL_CHANGE)) /* 比上年增减 */
                build_err(b, row->cells[i].loc, "E-NEGATIVE", "a table cell cannot be negative");
    }
}

static void build_asset_part(B *b, const Stmt *r, int word, AssetRow of);

static void build_assets(B *b, const Stmt *s)
{
    Assets *as = &b->m->assets;
    if (as->present) {
        build_err(b, s->kw_loc, "E-DUPLICATE", "the asset table is stated twice");
        diag_note(b->d, as->loc, "first stated here");
        return;
    }
    as->present = true;
    as->date = s->args->text;
    as->loc = s->loc;
    for (const Stmt *r = s->body; r; r = r->next) {
        if (r->kind == S_PLANNED) {
            if (build_amount_ok(b, r->args, "the planned purchase")) {
                as->has_planned = true;
                as->planned = r->args->num;
                as->planned_loc = r->args->loc;
            }
            continue;
        }
        if (r->kind != S_ROW || !r->args)
            continue;
        AssetRow of;
        int part = asset_part_of(b->m, r->args->text, &of);
        if (part >= 0) {
            build_asset_part(b, r, part, of);
            continue;
        }
        int k = asset_row_of(b->m, r->args->text);
        if (k < 0) {
            const Vocab1 *rows = &b->m->vocab->dim[DIM_ASSET];
            const char *names[VOCAB_MAX_WORDS];
            for (int i = 0; i < rows->n; i++)
                names[i] = rows->words[i].name;
            char all[256];
            build_list_words(names, rows->n, all, sizeof all);
            const char *near = build_closest(r->args->text, names, rows->n);
            if (near)
                build_err(b, r->args->loc, "E-ASSET-ROW",
                    "unknown row '%s' of the asset table; did you mean '%s'?", r->args->text, near);
            else
                build_err(b, r->args->loc, "E-ASSET-ROW",
                    "unknown row '%s' of the asset table; the rows are %s (大型设备 is 单价在20万元以上的设备)",
                    r->args->text, all);
            continue;
        }
        if (as->row_written[k]) {
            build_err(b, r->args->loc, "E-DUPLICATE", "asset row %s is given twice",
                asset_row_name(b->m, (AssetRow)k));
            diag_note(b->d, as->row_loc[k], "first given here");
            continue;
        }
        as->row_written[k] = true;
        as->row_loc[k] = r->loc;
        StatedCell *cells = NULL;
        int n = 0;
        const Atom *a = r->args->next;
        if (a && a->kind == A_STRING)
            a = a->next;
        read_cells(b, a, &cells, &n);
        as->qty[k].blank = as->value[k].blank = true;
        if (n > 0)
            as->qty[k] = cells[0];
        if (n > 1)
            as->value[k] = cells[1];
        if (n > 2)
            build_err(b, cells[2].loc, "E-ROW", "an asset row has two cells: 数量 and 价值");
    }
}

/* A row of the asset table that is a part of row OF (车辆 by use). */
static void build_asset_part(B *b, const Stmt *r, int word, AssetRow of)
{
    Assets *as = &b->m->assets;
    for (int i = 0; i < as->nparts; i++)
        if (as->parts[i].word == word) {
            build_err(b, r->args->loc, "E-DUPLICATE", "asset row %s is given twice",
                      b->m->vocab->dim[DIM_ASSET].words[word].name);
            diag_note(b->d, as->parts[i].loc, "first given here");
            return;
        }
    StatedCell *cells = NULL;
    int n = 0;
    const Atom *a = r->args->next;
    if (a && a->kind == A_STRING)
        a = a->next;
    read_cells(b, a, &cells, &n);
    AssetPart *p = PUSH(b->m, as->parts, as->nparts, b->cap_asset_parts);
    p->word = word;
    p->of = of;
    p->loc = r->loc;
    p->qty.blank = p->value.blank = true;
    if (n > 0)
        p->qty = cells[0];
    if (n > 1)
        p->value = cells[1];
    if (n > 2)
        build_err(b, cells[2].loc, "E-ROW", "an asset row has two cells: 数量 and 价值");
}

/* procurement { ROW AMOUNT }: a 决算's 政府采购 actuals, by row of the
 * procured vocabulary. */
static void build_procured(B *b, const Stmt *s)
{
    Procured *pr = &b->m->procured;
    if (!b->m->final) {
        build_err(b, s->kw_loc, "E-PROCUREMENT",
            "the 政府采购 actuals (procurement) are reported in the 决算, not in the budget; a "
            "budget plans its purchases on its projects' purchase lines; write 'kind 决算' in "
            "the department if this is one");
        return;
    }
    if (pr->present) {
        build_err(b, s->kw_loc, "E-DUPLICATE", "the 政府采购 actuals are stated twice");
        diag_note(b->d, pr->loc, "first stated here");
        return;
    }
    pr->present = true;
    pr->loc = s->loc;
    const Vocab1 *rows = &b->m->vocab->dim[DIM_PROCURED];
    for (const Stmt *r = s->body; r; r = r->next) {
        if (r->kind != S_ROW || !r->args || !r->args->next)
            continue;
        int k = vocab_word(b->m->vocab, DIM_PROCURED, r->args->text);
        if (k < 0) {
            const char *names[VOCAB_MAX_WORDS];
            for (int i = 0; i < rows->n; i++)
                names[i] = rows->words[i].name;
            char all[512];
            build_list_words(names, rows->n, all, sizeof all);
            const char *near = text_nearest(r->args->text, names, rows->n, 1);
            if (near)
                build_err(b, r->args->loc, "E-PROCUREMENT",
                    "unknown row '%s' of the 政府采购 actuals; did you mean '%s'?", r->args->text, near);
            else
                build_err(b, r->args->loc, "E-PROCUREMENT",
                    "unknown row '%s' of the 政府采购 actuals; the rows are %s", r->args->text, all);
            continue;
        }
        if (pr->written[k]) {
            build_err(b, r->args->loc, "E-DUPLICATE", "row %s of the 政府采购 actuals is given twice",
                rows->words[k].name);
            diag_note(b->d, pr->row_loc[k], "first given here");
            continue;
        }
        if (!build_amount_ok(b, r->args->next, "the amount"))
            continue;
        pr->written[k] = true;
        pr->amount[k] = r->args->next->num;
        pr->row_loc[k] = r->loc;
        pr->amount_loc[k] = r->args->next->loc;
    }
}

static void build_glossary(B *b, const Stmt *s)
{
    for (const Stmt *r = s->body; r; r = r->next) {
        if (r->kind != S_ROW || !r->args || !r->args->next)
            continue;
        Glossary *g = PUSH(b->m, b->m->glossary, b->m->nglossary, b->cap_glossary);
        g->term = r->args->text;
        g->definition = r->args->next->text;
        g->loc = r->loc;
    }
}

static void build_rule(B *b, const Stmt *s)
{
    const Atom *name = s->args, *sev = name->next, *msg = sev->next;
    bool is_error = strcmp(sev->text, "error") == 0;
    if (!is_error && strcmp(sev->text, "warning") != 0) {
        build_err(b, sev->loc, "E-RULE", "a rule's severity is 'error' or 'warning', not '%s'", sev->text);
        return;
    }
    for (int i = 0; i < b->m->nrules; i++)
        if (strcmp(b->m->rules[i].name, name->text) == 0) {
            build_err(b, name->loc, "E-DUPLICATE", "rule %s is defined twice", name->text);
            diag_note(b->d, b->m->rules[i].loc, "first defined here");
            return;
        }
    Rule *r = PUSH(b->m, b->m->rules, b->m->nrules, b->cap_rules);
    r->name = name->text;
    r->name_loc = name->loc;
    r->is_error = is_error;
    r->message = msg->text;
    r->cond = s->expr;
    r->loc = s->loc;
}

static void build_department(B *b, const Stmt *s)
{
    Model *m = b->m;
    if (m->has_department) {
        build_err(b, s->kw_loc, "E-DUPLICATE", "a budget has one department; this is a second one");
        diag_note(b->d, m->dept_loc, "the first department");
        return;
    }
    m->has_department = true;
    m->dept_code = s->args->text;
    m->dept_name = s->args->next->text;
    m->dept_loc = s->loc;
    for (const Stmt *t = s->body; t; t = t->next) {
        if (t->kind == S_YEAR)
            m->year = (int)t->args->num.units;
        else if (t->kind == S_KIND) {
            m->kind = t->args->text;
            m->kind_loc = t->args->loc;
        } else if (t->kind == S_BUDGET) {
            m->budget_file = t->args->text;
            m->budget_from = t->loc.file;
            m->budget_loc = t->args->loc;
        } else if (t->kind == S_MONEY) {
            m->money = t->args->text;
            m->money_loc = t->loc;
            m->rounded = t->args->next != NULL; /* money 万元 from 元 (structure.c) */
        }
    }
    m->money_scale = 2;
}

/* The kind of disclosure (预算 unless the department says) and its
 * tables; a 决算 names the same year's budget, a 预算 none. */
static void build_kind(B *b)
{
    Model *m = b->m;
    if (!m->kind)
        m->kind = "预算";
    m->disclosure = defs_disclosure(m->defs, m->kind);
    if (!m->disclosure && m->kind_loc.file) {
        char all[256] = "";
        size_t o = 0;
        for (int i = 0; i < m->defs->ndisclosures && o < sizeof all; i++)
            o += (size_t)snprintf(all + o, sizeof all - o, "%s%s",
                                  i == 0 ? "" : i == m->defs->ndisclosures - 1 ? " or " : ", ",
                                  m->defs->disclosures[i].kind);
        build_err(b, m->kind_loc, "E-DOC-KIND",
            "'%s' is not a kind of disclosure the standard library defines; write %s", m->kind,
            all);
        m->kind = "预算";
        m->disclosure = defs_disclosure(m->defs, m->kind);
    }
    /* a 决算 and its provincial variants (决算…): execution, not plans */
    m->final = strncmp(m->kind, "决算", strlen("决算")) == 0;
    if (m->final && !m->budget_file && m->has_department)
        diag_warning(b->d, m->kind_loc, "W-BUDGET-MISSING",
            "this 决算 names no budget: its 预算数 (the 三公 table) and every 预算.… and 完成率.… "
            "figure are unknown; name the budget it executes with budget \"FILE\"");
    if (m->budget_file && !m->final)
        build_err(b, m->budget_loc, "E-BUDGET-FILE",
            "only a 决算 names the budget it executes; this is a %s (write 'kind 决算' in the "
            "department, or remove this line)", m->kind);
}

/* Every derived figure is a sum of facts of one kind (amounts are never
 * negative), so when the sum of all the facts of each kind fits the
 * decimal type, every table cell, total and quote does.  A budget whose
 * amounts add up beyond 18 digits is an error here, never a wrong total. */
static void check_totals(B *b)
{
    static const char *const what[F__COUNT] = {"income", "spending", "basic expenditure",
                                               "三公", "carry-over"};
    Model *m = b->m;
    for (int k = 0; k < F__COUNT; k++) {
        Dec sum = dec_zero();
        for (int i = 0; i < m->nfacts[k]; i++)
            if (!dec_acc(&sum, m->facts[k][i].amount)) {
                m->overflow = true;
                build_err(b, m->facts[k][i].amount_loc, "E-OVERFLOW",
                    "the %s of this budget add up to more than budc can hold exactly (18 "
                    "digits); no total is computed from a rounded or wrapped number",
                    what[k]);
                break;
            }
    }
    for (int i = 0; i < m->nprojects; i++) {
        Dec sum = dec_zero();
        for (int j = 0; j < m->projects[i].npur; j++)
            if (!dec_acc(&sum, m->projects[i].pur[j].amount)) {
                m->overflow = true;
                build_err(b, m->projects[i].pur[j].amount_loc, "E-OVERFLOW",
                    "the purchases of this project add up to more than budc can hold exactly "
                    "(18 digits)");
                break;
            }
    }
}

/* Each `prior` line of UNIT (-1: the department's) names a figure of this
 * year's budget. */
static void check_prior_paths(B *b, int unit)
{
    Model *m = b->m;
    const PriorFact *prior = unit < 0 ? m->prior : m->units[unit].prior;
    int n = unit < 0 ? m->nprior : m->units[unit].nprior;
    for (int i = 0; i < n; i++) {
        const PathSeg *ps = prior[i].segs;
        char msg[512];
        Dec v;
        if (ps && ps->name && strcmp(ps->name, "上年") == 0) {
            build_err(b, prior[i].path_loc, "E-PRIOR-PATH",
                "'prior' lines are last year's figures already: write %s without '上年.'",
                prior[i].path + 7);
            continue;
        }
        if (model_value(m, ps, (ValueCtx){unit, -1}, &v, NULL, NULL, msg, sizeof msg) ==
            VAL_UNKNOWN_PATH)
            build_err(b, prior[i].path_loc, "E-PRIOR-PATH", "%s", msg);
    }
}

int model_build(Model *m, const Program *p, const Defs *defs, DiagCtx *d)
{
    memset(m, 0, sizeof *m);
    arena_init(&m->arena);
    m->program = p;
    m->defs = defs;
    m->cat = &defs->cat;
    m->vocab = &defs->vocab;
    B b = {.m = m, .d = d, .unit = -1};
    /* The department first: amounts are read in its money unit. */
    for (const Module *mod = p->modules; mod; mod = mod->next)
        for (const Stmt *s = mod->stmts; s; s = s->next)
            if (s->kind == S_DEPARTMENT)
                build_department(&b, s);
    build_kind(&b);
    for (const Module *mod = p->modules; mod; mod = mod->next) {
        for (const Stmt *s = mod->stmts; s; s = s->next) {
            switch (s->kind) {
            case S_UNIT:
                build_unit(&b, s);
                b.unit = -1;
                break;
            case S_PERFORMANCE: build_performance(&b, s); break;
            case S_PRIOR: build_prior(&b, s); break;
            case S_TABLE: build_table(&b, s); break;
            case S_ASSETS: build_assets(&b, s); break;
            case S_PROCUREMENT: build_procured(&b, s); break;
            case S_NARRATIVE: build_narrative(&b, s, &m->narrative, &b.narrative); break;
            case S_GLOSSARY: build_glossary(&b, s); break;
            case S_RULE: build_rule(&b, s); break;
            default: break;
            }
        }
    }
    hidx_free(&b.proj_names);
    free(b.proj_next);
    check_totals(&b);
    /* Each `prior` line names a figure of this year's budget. */
    for (int u = -1; u < m->nunits; u++)
        check_prior_paths(&b, u);
    return m->nerrors;
}

/* The text of every paragraph of N, with the figures of CTX. */
static void render(Model *m, Narrative *n, ValueCtx ctx)
{
    n->rendered = arena_alloc(&m->arena, (size_t)(n->nparas + 1) * sizeof *n->rendered);
    for (int i = 0; i < n->nparas; i++)
        n->rendered[i] = n->paras[i].parts ? model_render(m, ctx, n->paras[i].parts) : NULL;
}

void model_finish(Model *m)
{
    model_derive_tables(m);
    render(m, &m->narrative, (ValueCtx){-1, -1});
    for (int u = 0; u < m->nunits; u++)
        render(m, &m->units[u].narrative, (ValueCtx){u, -1});
    m->finished = true;
}

const Narrative *model_narrative(const Model *m, int unit)
{
    return unit < 0 ? &m->narrative : &m->units[unit].narrative;
}

const char *model_text(const Narrative *n, int i)
{
    return n->rendered[i];
}

void model_free(Model *m)
{
    arena_free(&m->arena);
}
