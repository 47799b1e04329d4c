/*
 * build_unit.c — a `unit` block into the model (build_impl.h): the unit, its
 * income, spending, basic expenditure and 三公 lines (facts.h), each with
 * its words resolved against the vocabulary and checked for duplicates,
 * its projects with their indicators and purchases, and its own narrative
 * and last year's figures (build_shared.c reads those blocks).
 */
#include <stdio.h>
#include <string.h>

#include "model/build_impl.h"

/* A new fact of kind K of the current unit, from line R. */
static Fact *new_fact(B *b, FactKind k, const Stmt *r, const Atom *amount)
{
    Model *m = b->m;
    Fact *x = PUSH(m, m->facts[k], m->nfacts[k], b->cap_facts[k]);
    x->unit = b->unit;
    for (int d = 0; d < DIM_FACTS; d++)
        x->dim[d] = -1;
    x->amount = amount->num;
    x->loc = r->loc;
    x->amount_loc = amount->loc;
    return x;
}

/* The unit's fact of kind K with code CODE (NULL: any), source SRC and word
 * WORD of its kind's other dimension (-1: any), or NULL. */
static const Fact *same_fact(const B *b, FactKind k, const char *code, int src, int word)
{
    const Model *m = b->m;
    int dim = fact_types[k].word;
    for (int i = b->first[k]; i < m->nfacts[k]; i++) {
        const Fact *o = &m->facts[k][i];
        if (o->unit == b->unit && o->dim[DIM_SOURCE] == src &&
            (dim < 0 || word < 0 || o->dim[dim] == word) &&
            (!code || (o->code && strcmp(o->code, code) == 0)))
            return o;
    }
    return NULL;
}

/* income { SOURCE [CODE] AMOUNT } and carryover { SOURCE [CODE] AMOUNT }
 * (K): by function code where a 决算 states it (收入决算表, the carry-over
 * columns of the 政府性基金 and 国有资本经营 tables). */
static void build_by_source(B *b, const Stmt *blk, FactKind k)
{
    const char *what = k == F_INCOME ? "income" : "carry-over to next year";
    for (const Stmt *r = blk->body; r; r = r->next) {
        if (r->kind != S_ROW || !r->args || !r->args->next)
            continue;
        const Atom *code = r->args->next->next ? r->args->next : NULL;
        const Atom *amt = code ? code->next : r->args->next;
        int s = build_resolve_source(b, r->args);
        if (s < 0 || !build_amount_ok(b, amt, k == F_INCOME ? "the income" : "the amount"))
            continue;
        unsigned tags = b->m->vocab->dim[DIM_SOURCE].words[s].tags;
        if ((tags & TAG_FINAL) && !b->m->final) {
            build_err(b, r->args->loc, "E-SOURCE",
                "%s is a figure of a 决算 (final accounts), not of a budget (write 'kind 决算' "
                "in the department if this is one)", r->args->text);
            continue;
        }
        if (tags & (k == F_INCOME ? TAG_OUTFLOW : TAG_INFLOW)) {
            build_err(b, r->args->loc, "E-SOURCE", "%s belongs in the '%s' block, not in '%s'",
                r->args->text, k == F_INCOME ? "carryover" : "income",
                k == F_INCOME ? "income" : "carryover");
            continue;
        }
        if (code && !b->m->final) {
            build_err(b, code->loc, "E-INCOME-CODE",
                "a budget's %s is written by source alone: its rows by function code are what "
                "it spends (a 决算 states them: kind 决算); write %s %s",
                what, r->args->text, amt->text);
            continue;
        }
        const Fact *o = same_fact(b, k, code ? code->text : NULL, s, -1);
        if (o && (!code) != (!o->code))
            o = NULL; /* reported below: a source by code and as a whole */
        if (o) {
            build_err(b, (code ? code : r->args)->loc, "E-DUPLICATE",
                "%s from %s%s%s is given twice in unit %s", what,
                build_word_name(b, DIM_SOURCE, s), code ? " under " : "", code ? code->text : "",
                b->m->units[b->unit].id);
            diag_note(b->d, o->loc, "first given here");
            continue;
        }
        for (int i = b->first[k]; i < b->m->nfacts[k]; i++) {
            const Fact *p = &b->m->facts[k][i];
            if (p->unit == b->unit && p->dim[DIM_SOURCE] == s && (!p->code) != (!code)) {
                build_err(b, r->args->loc, "E-DUPLICATE",
                    "%s from %s is given both by function code and as a whole in unit %s; "
                    "write every line of it with its code, or one line without",
                    what, build_word_name(b, DIM_SOURCE, s), b->m->units[b->unit].id);
                diag_note(b->d, p->loc, "the other line");
                o = p;
                break;
            }
        }
        if (o)
            continue;
        if (!code && k == F_INCOME && b->m->final && !(tags & (TAG_CARRY | TAG_INFLOW)))
            diag_warning(b->d, r->args->loc, "W-INCOME-CODE",
                "the 收入决算表 lists a 决算's income by function code, and this line has none: "
                "write '%s CODE AMOUNT' for each code it was received for", r->args->text);
        Fact *x = new_fact(b, k, r, amt);
        x->dim[DIM_SOURCE] = (signed char)s;
        if (code) {
            x->code = code->text;
            x->code_loc = code->loc;
        }
    }
}

/* The fund source of a spending, economic or 三公 block: one that pays
 * (not 使用非财政拨款结余 or 结余分配, which only move money between years). */
static int spending_source(B *b, const Stmt *blk)
{
    int src = build_resolve_source(b, blk->args);
    if (src >= 0 && (b->m->vocab->dim[DIM_SOURCE].words[src].tags & (TAG_INFLOW | TAG_OUTFLOW))) {
        build_err(b, blk->args->loc, "E-SOURCE",
            "nothing is paid from %s: it is written in the '%s' block only", blk->args->text,
            (b->m->vocab->dim[DIM_SOURCE].words[src].tags & TAG_INFLOW) ? "income" : "carryover");
        return -1;
    }
    return src;
}

static void build_spending(B *b, const Stmt *blk)
{
    const Defs *defs = b->m->defs;
    int src = spending_source(b, blk);
    for (const Stmt *r = blk->body; r; r = r->next) {
        if (r->kind != S_ROW || src < 0)
            continue;
        const Atom *code = r->args, *kind = code ? code->next : NULL,
                   *amt = kind ? kind->next : NULL;
        if (!amt)
            continue;
        int k = build_resolve(b, DIM_KIND, kind, "E-KIND", "kind of expenditure", "kinds");
        if (k < 0)
            continue;
        if (build_is_fiscal(b, src) && !((defs->kind_fiscal >> k) & 1u)) {
            build_err(b, kind->loc, "E-KIND",
                "%s spending of %s: 财政拨款 pays only 基本支出 and 项目支出 (tables 5, 7, 8 have "
                "no other column)",
                vocab_title(b->m->vocab, DIM_KIND, k), build_word_name(b, DIM_SOURCE, src));
            continue;
        }
        if (!build_amount_ok(b, amt, "the amount"))
            continue;
        const Fact *o = same_fact(b, F_SPENDING, code->text, src, k);
        if (o) {
            build_err(b, code->loc, "E-DUPLICATE",
                "%s %s spending from %s is given twice in unit %s; write one line with the sum",
                code->text, build_word_name(b, DIM_KIND, k), build_word_name(b, DIM_SOURCE, src),
                b->m->units[b->unit].id);
            diag_note(b->d, o->loc, "first given here");
            continue;
        }
        Fact *x = new_fact(b, F_SPENDING, r, amt);
        x->code = code->text;
        x->code_loc = code->loc;
        x->dim[DIM_SOURCE] = (signed char)src;
        x->dim[DIM_KIND] = (signed char)k;
    }
}

static void build_economic(B *b, const Stmt *blk)
{
    int src = spending_source(b, blk);
    for (const Stmt *r = blk->body; r; r = r->next) {
        if (r->kind != S_ROW || src < 0 || !r->args)
            continue;
        const Atom *code = r->args, *cls = NULL, *amt = code->next;
        if (amt && amt->kind == A_WORD) {
            cls = amt;
            amt = amt->next;
        }
        if (!amt)
            continue;
        int c = vocab_class_of(b->m->vocab, code->text);
        if (cls) {
            c = vocab_word(b->m->vocab, DIM_CLASS, cls->text);
            if (c < 0) {
                const Vocab1 *v = &b->m->vocab->dim[DIM_CLASS];
                char all[256];
                size_t o = 0;
                all[0] = '\0';
                for (int i = 0; i < v->n && o < sizeof all; i++)
                    o += (size_t)snprintf(all + o, sizeof all - o, "%s%s",
                                          i == 0 ? "" : i == v->n - 1 ? " or " : ", ",
                                          v->words[i].name);
                build_err(b, cls->loc, "E-KIND",
                    "'%s' is not a class of basic expenditure; write %s", cls->text, all);
                continue;
            }
        }
        if (!build_amount_ok(b, amt, "the amount"))
            continue;
        const Fact *o = same_fact(b, F_ECONOMIC, code->text, src, -1);
        if (o) {
            build_err(b, code->loc, "E-DUPLICATE",
                "economic code %s from %s is given twice in unit %s; write one line with the "
                "sum",
                code->text, build_word_name(b, DIM_SOURCE, src), b->m->units[b->unit].id);
            diag_note(b->d, o->loc, "first given here");
            continue;
        }
        Fact *x = new_fact(b, F_ECONOMIC, r, amt);
        x->code = code->text;
        x->code_loc = code->loc;
        x->dim[DIM_SOURCE] = (signed char)src;
        x->dim[DIM_CLASS] = (signed char)c;
        x->class_written = cls != NULL;
    }
}

static void build_sangong(B *b, const Stmt *blk)
{
    int src = spending_source(b, blk);
    if (src >= 0 && !build_is_fiscal(b, src)) {
        build_err(b, blk->args->loc, "E-SOURCE",
            "三公经费 are reported for 财政拨款 only (一般公共预算, 政府性基金, 国有资本经营), "
            "not for %s",
            build_word_name(b, DIM_SOURCE, src));
        src = -1;
    }
    for (const Stmt *r = blk->body; r; r = r->next) {
        if (r->kind != S_ROW || src < 0 || !r->args || !r->args->next)
            continue;
        int it = build_resolve(b, DIM_ITEM, r->args, "E-SANGONG-ITEM", "三公 item", "items");
        if (it < 0)
            continue;
        if (!build_amount_ok(b, r->args->next, "the amount"))
            continue;
        const Fact *o = same_fact(b, F_SANGONG, NULL, src, it);
        if (o) {
            build_err(b, r->args->loc, "E-DUPLICATE", "三公 item %s from %s is given twice in unit %s",
                build_word_name(b, DIM_ITEM, it), build_word_name(b, DIM_SOURCE, src),
                b->m->units[b->unit].id);
            diag_note(b->d, o->loc, "first given here");
            continue;
        }
        Fact *x = new_fact(b, F_SANGONG, r, r->args->next);
        x->dim[DIM_SOURCE] = (signed char)src;
        x->dim[DIM_ITEM] = (signed char)it;
    }
}

static void build_indicators(B *b, Project *p, const Stmt *blk)
{
    /* the rows counted first: an array of exactly their number, not the
     * 16 of a first push (4.5 KB a project of two indicators) */
    int cap = p->nind;
    for (const Stmt *r = blk->body; r; r = r->next)
        cap += r->kind == S_ROW && r->args;
    if (cap > p->nind) {
        Indicator *ind = arena_alloc_uncleared(&b->m->arena, (size_t)cap * sizeof *ind);
        if (p->nind)  /* a second block (reported elsewhere) adds to the first */
            memcpy(ind, p->ind, (size_t)p->nind * sizeof *ind);
        p->ind = ind;
    }
    p->indicators_loc = blk->loc;
    for (const Stmt *r = blk->body; r; r = r->next) {
        if (r->kind != S_ROW || !r->args)
            continue;
        const Atom *a = r->args;
        Indicator *in = PUSH(b->m, p->ind, p->nind, cap);
        in->loc = r->loc;
        if (a->next && a->next->kind == A_WORD) {
            in->level1 = a->text;
            in->level1_loc = a->loc;
            a = a->next;
        }
        in->level2 = a->text;
        in->level2_loc = a->loc;
        a = a->next;
        if (!a)
            continue;
        in->name = a->text;
        in->name_loc = a->loc;
        a = a->next;
        if (!a)
            continue;
        in->desc = a->kind == A_STRING ? a->text : NULL;
        in->desc_loc = a->loc;
        a = build_read_value(b, a->next, &in->value);
        build_own_measure(b, &in->value);
        if (a && a->kind == A_STRING) {
            in->basis = a->text;
            in->basis_loc = a->loc;
        }
    }
}

static bool digits_only(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            if (*s != '.')
                return false;
    return true;
}

static void build_purchase(B *b, Project *p, const Stmt *s, int *cap)
{
    Purchase *u = PUSH(b->m, p->pur, p->npur, *cap);
    const Atom *a = s->args;
    u->loc = s->loc;
    u->pcode = a->text;
    u->pcode_loc = a->loc;
    a = a->next;
    u->name = a->text;
    u->name_loc = a->loc;
    u->src = b->m->defs->src_general;
    u->method = -1;
    for (a = a->next; a; a = a->next) {
        const Atom *v = a->value;
        const char *k = a->text;
        if (strcmp(k, "measure") == 0) {
            u->measure = v->text;
            u->measure_loc = v->loc;
            u->measure_is_number = v->kind == A_NUMBER || digits_only(v->text);
        } else if (strcmp(k, "source") == 0) {
            int src = build_resolve_source(b, v);
            if (src >= 0)
                u->src = src;
        } else if (strcmp(k, "method") == 0) {
            u->method = build_resolve(b, DIM_METHOD, v, "E-PURCHASE-METHOD",
                                      "procurement method", "methods");
        } else {
            Dec *d = NULL;
            bool *has = NULL;
            Loc *l = NULL;
            if (strcmp(k, "quantity") == 0)
                d = &u->quantity, has = &u->has_quantity, l = &u->quantity_loc;
            else if (strcmp(k, "price") == 0)
                d = &u->price, has = &u->has_price, l = &u->price_loc;
            else if (strcmp(k, "amount") == 0)
                d = &u->amount, has = &u->has_amount, l = &u->amount_loc;
            else if (strcmp(k, "sme") == 0)
                d = &u->sme, has = &u->has_sme, l = &u->sme_loc;
            if (!d)
                continue;
            if (*has) {
                build_err(b, a->loc, "E-DUPLICATE", "'%s' is given twice on this purchase line", k);
                continue;
            }
            bool money = strcmp(k, "quantity") != 0;
            if (money ? !build_amount_ok(b, v, k) : dec_is_neg(v->num)) {
                if (!money)
                    build_err(b, v->loc, "E-NEGATIVE", "a quantity cannot be negative");
                continue;
            }
            *d = v->num;
            *has = true;
            *l = v->loc;
        }
    }
}

/* result SCORE GRADE { "INDICATOR" VALUE … }: a 决算's 绩效自评 of P. */
static void build_result(B *b, Project *p, const Stmt *t)
{
    const Atom *score = t->args, *grade = score->next;
    if (!b->m->final) {
        build_err(b, t->kw_loc, "E-RESULT",
            "a project's 绩效自评 (result) is reported in the 决算, not in the budget; write "
            "'kind 决算' in the department if this is one");
        return;
    }
    if (dec_is_neg(score->num) || dec_cmp(score->num, dec_from_int(100)) > 0 ||
        score->num.scale > 2) {
        build_err(b, score->loc, "E-RESULT",
            "a 绩效自评 score is a number from 0 to 100 with at most 2 decimals, not '%s'",
            score->text);
        return;
    }
    p->has_result = true;
    p->score = score->num;
    p->grade = grade->text;
    p->result_loc = t->loc;
    p->score_loc = score->loc;
    p->grade_loc = grade->loc;
    int cap = 0;
    for (const Stmt *r = t->body; r; r = r->next) {
        if (r->kind != S_ROW || !r->args || r->args->kind != A_STRING || !r->args->next)
            continue;
        for (int i = 0; i < p->nach; i++)
            if (strcmp(p->ach[i].name, r->args->text) == 0) {
                build_err(b, r->args->loc, "E-DUPLICATE",
                    "what indicator '%s' of project '%s' achieved is given twice", r->args->text,
                    p->name);
                diag_note(b->d, p->ach[i].loc, "first given here");
                goto next;
            }
        Achieved *a = PUSH(b->m, p->ach, p->nach, cap);
        a->name = r->args->text;
        a->name_loc = r->args->loc;
        a->loc = r->loc;
        const Atom *rest = build_read_value(b, r->args->next, &a->value);
        if (rest && rest->kind == A_NUMBER && rest->next && rest->next->kind == A_NUMBER) {
            a->has_points = true;
            a->weight = rest->num;
            a->points = rest->next->num;
            a->weight_loc = rest->loc;
            a->points_loc = rest->next->loc;
            if (rest->next->next && rest->next->next->kind == A_STRING)
                a->reason = rest->next->next->text;
        }
    next:;
    }
}

/* tracked (绩效跟踪) and problems FOUND FIXED: a 决算's, of P. */
static void build_followup(B *b, Project *p, const Stmt *t)
{
    if (!b->m->final) {
        build_err(b, t->kw_loc, "E-RESULT",
            "a project's %s is reported in the 决算, not in the budget; write 'kind 决算' in the "
            "department if this is one",
            t->kind == S_TRACKED ? "绩效跟踪 (tracked)" : "绩效自评 (problems)");
        return;
    }
    if (t->kind == S_TRACKED) {
        p->tracked = true;
        p->tracked_loc = t->loc;
        return;
    }
    const Atom *found = t->args, *fixed = found->next;
    const Atom *both[2] = {found, fixed};
    for (int i = 0; i < 2; i++)
        if (dec_is_neg(both[i]->num) || both[i]->num.scale > 0) {
            build_err(b, both[i]->loc, "E-PROBLEMS",
                "a count of problems is a whole number, not '%s'", both[i]->text);
            return;
        }
    p->has_problems = true;
    p->found = found->num;
    p->fixed = fixed->num;
    p->found_loc = found->loc;
    p->fixed_loc = fixed->loc;
}

static void build_project(B *b, const Stmt *s)
{
    Project *p = PUSH(b->m, b->m->projects, b->m->nprojects, b->cap_proj);
    p->unit = b->unit;
    p->name = s->args->text;
    p->name_loc = s->args->loc;
    p->loc = s->loc;
    int cap_pur = 0;
    for (const Stmt *t = s->body; t; t = t->next) {
        switch (t->kind) {
        case S_CODE:
            p->code = t->args->text;
            p->code_loc = t->args->loc;
            break;
        case S_AMOUNT:
            if (build_amount_ok(b, t->args, "the project's amount")) {
                p->has_amount = true;
                p->amount = t->args->num;
                p->amount_loc = t->args->loc;
            }
            break;
        case S_GOAL:
            if (p->goal) { /* several paragraphs: joined */
                size_t n = strlen(p->goal) + strlen(t->args->text) + 2;
                char *g = arena_alloc(&b->m->arena, n);
                snprintf(g, n, "%s\n%s", p->goal, t->args->text);
                p->goal = g;
            } else {
                p->goal = t->args->text;
                p->goal_loc = t->args->loc;
            }
            break;
        case S_INDICATORS:
            build_indicators(b, p, t);
            break;
        case S_RESULT:
            build_result(b, p, t);
            break;
        case S_TRACKED:
        case S_PROBLEMS:
            build_followup(b, p, t);
            break;
        case S_PURCHASE:
            build_purchase(b, p, t, &cap_pur);
            break;
        default:
            break;
        }
    }
    /* defined before in the unit: found by hash, not by a pass over every
     * project (a department may have tens of thousands) */
    int k = b->m->nprojects - 1;
    uint64_t h = hash_str(hash_bytes(HASH_SEED, &p->unit, sizeof p->unit), p->name);
    int *first = hidx_slot(&b->proj_names, h);
    for (int i = *first; i >= 0; i = b->proj_next[i]) {
        Project *o = &b->m->projects[i];
        if (o->unit == p->unit && strcmp(o->name, p->name) == 0) {
            build_err(b, p->name_loc, "E-DUPLICATE", "project '%s' is defined twice in unit %s", p->name,
                b->m->units[p->unit].id);
            diag_note(b->d, o->name_loc, "first defined here");
            return;
        }
    }
    if (k >= b->cap_proj_next) {
        b->cap_proj_next = b->cap_proj_next ? 2 * b->cap_proj_next : 64;
        while (k >= b->cap_proj_next)
            b->cap_proj_next *= 2;
        b->proj_next = xrealloc(b->proj_next, (size_t)b->cap_proj_next * sizeof *b->proj_next);
    }
    b->proj_next[k] = *first;
    *first = k;
}

void build_unit(B *b, const Stmt *s)
{
    Model *m = b->m;
    const char *id = s->args->text;
    b->unit = -1;
    for (int i = 0; i < m->nunits; i++)
        if (strcmp(m->units[i].id, id) == 0) {
            build_err(b, s->args->loc, "E-DUPLICATE", "unit %s is defined twice", id);
            diag_note(b->d, m->units[i].loc, "first defined here");
            return;
        }
    Unit *u = PUSH(m, m->units, m->nunits, b->cap_units);
    u->id = id;
    u->name = s->args->next->text;
    u->loc = s->loc;
    b->unit = m->nunits - 1;
    b->unit_narrative = (NarrativeCaps){0, 0};
    b->cap_unit_prior = 0;
    for (int k = 0; k < F__COUNT; k++)
        b->first[k] = m->nfacts[k];
    for (const Stmt *t = s->body; t; t = t->next) {
        switch (t->kind) {
        case S_NATURE:
            m->units[b->unit].nature = t->args->text;
            m->units[b->unit].nature_loc = t->args->loc;
            m->units[b->unit].admin = unit_is_admin(m->vocab, &m->units[b->unit]);
            break;
        case S_RANK: m->units[b->unit].rank = t->args->text; break;
        case S_FUNDING: m->units[b->unit].funding = t->args->text; break;
        case S_INCOME: build_by_source(b, t, F_INCOME); break;
        case S_CARRYOVER: build_by_source(b, t, F_CARRYOVER); break;
        case S_SPENDING: build_spending(b, t); break;
        case S_ECONOMIC: build_economic(b, t); break;
        case S_SANGONG: build_sangong(b, t); break;
        case S_PROJECT: build_project(b, t); break;
        case S_PRIOR: build_prior(b, t); break;
        case S_NARRATIVE:
            build_narrative(b, t, &m->units[b->unit].narrative, &b->unit_narrative);
            break;
        default: break;
        }
    }
    for (int k = 0; k < F__COUNT; k++) { /* its facts, one run of each kind */
        m->units[b->unit].fact_first[k] = b->first[k];
        m->units[b->unit].fact_count[k] = m->nfacts[k] - b->first[k];
    }
}
