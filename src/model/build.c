/*
 * build.c — building the model from the syntax trees (see model.h): the
 * walk over the statements that collects the facts, with their words
 * resolved against the vocabulary, and model_finish.
 *
 * The derived tables are in tables.c, the sums in query.c and the paths of
 * narrative quotes and rules in value.c.
 */
#include "model/model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- closed sets ------------------------------------------------------------ */

/* The tag of each row of the asset table in the `asset` vocabulary. */
static const unsigned asset_tags[AS__COUNT] = {
    [AS_TOTAL] = TAG_TOTAL,         [AS_BUILDINGS] = TAG_BUILDINGS, [AS_OFFICES] = TAG_OFFICES,
    [AS_VEHICLES] = TAG_VEHICLES,   [AS_EQUIPMENT] = TAG_EQUIPMENT, [AS_OTHER] = TAG_OTHER,
};

static const Word *asset_word(const Vocab *v, AssetRow r)
{
    int i = vocab_tagged(v, DIM_ASSET, asset_tags[r]);
    return i < 0 ? NULL : &v->dim[DIM_ASSET].words[i];
}

const char *asset_row_name(const Model *m, AssetRow r)
{
    const Word *w = asset_word(m->vocab, r);
    return w ? w->name : "?";
}

const char *asset_row_title(const Model *m, AssetRow r)
{
    const Word *w = asset_word(m->vocab, r);
    return w ? w->title : "?";
}

int asset_row_of(const Model *m, const char *word)
{
    int i = vocab_word(m->vocab, DIM_ASSET, word);
    for (int r = 0; i >= 0 && r < AS__COUNT; r++)
        if (m->vocab->dim[DIM_ASSET].words[i].tags & asset_tags[r])
            return r;
    return -1;
}

bool unit_is_admin(const Vocab *v, const Unit *u)
{
    int w = u->nature ? vocab_word(v, DIM_NATURE, u->nature) : -1;
    return w >= 0 && (v->dim[DIM_NATURE].words[w].tags & TAG_ADMIN);
}

bool model_has_admin_unit(const Model *m)
{
    for (int i = 0; i < m->nunits; i++)
        if (m->units[i].admin)
            return true;
    return false;
}

bool dec_acc(Dec *acc, Dec x)
{
    Dec r;
    if (dec_add(*acc, x, &r) != DEC_OK)
        return false;
    *acc = r;
    return true;
}

/* ---- the walk ---------------------------------------------------------------- */

typedef struct B {
    Model *m;
    DiagCtx *d;
    int unit;
    int first[F__COUNT]; /* the unit's first facts */
    int cap_facts[F__COUNT];
    int cap_units, cap_proj, cap_targets, cap_goals, cap_prior, cap_stated, cap_sections,
        cap_paras, cap_glossary, cap_rules;
} B;

#define PUSH(m, arr, n, cap) ARENA_PUSH(&(m)->arena, arr, n, cap)

__attribute__((format(printf, 4, 5))) static void err(B *b, Loc loc, const char *code,
                                                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(b->d, DIAG_ERROR, loc, code, fmt, ap);
    va_end(ap);
    b->m->nerrors++;
    if (b->unit >= 0 && b->unit < b->m->nunits)
        b->m->units[b->unit].nerrors++;
}

/* Lists the words of a closed set for a message. */
static void list_words(const char *const *w, int n, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && o < size; i++)
        o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? ", " : "", w[i]);
}

/* The closest word of W[0..N) to WORD, for "did you mean". */
static const char *closest(const char *word, const char *const *w, int n)
{
    return text_nearest(word, w, n, 2);
}

/* The word of dimension D that A names, or -1 after reporting CODE: "unknown
 * WHAT 'x'; did you mean 'y'?" or "…; the WHATs are a, b, c". */
static int resolve(B *b, Dim d, const Atom *a, const char *code, const char *what,
                   const char *whats)
{
    const Vocab *v = b->m->vocab;
    int w = vocab_word(v, d, a->text);
    if (w >= 0)
        return w;
    const char *names[VOCAB_MAX_WORDS];
    for (int i = 0; i < v->dim[d].n; i++)
        names[i] = v->dim[d].words[i].name;
    const char *near = closest(a->text, names, v->dim[d].n);
    char all[512];
    vocab_list(v, d, all, sizeof all);
    if (near)
        err(b, a->loc, code, "unknown %s '%s'; did you mean '%s'?", what, a->text, near);
    else
        err(b, a->loc, code, "unknown %s '%s'; the %s are %s", what, a->text, whats, all);
    return -1;
}

static int resolve_source(B *b, const Atom *a)
{
    return resolve(b, DIM_SOURCE, a, "E-SOURCE", "fund source", "sources");
}

static const char *word_name(const B *b, Dim d, int w)
{
    return vocab_name(b->m->vocab, d, w);
}

static bool is_fiscal(const B *b, int src)
{
    return (b->m->defs->src_fiscal >> src) & 1u;
}

/* An amount of money: at most 2 decimals, not negative. */
static bool amount_ok(B *b, const Atom *a, const char *what)
{
    if (a->num.scale > 2) {
        Dec r;
        if (dec_rescale(a->num, 2, &r) != DEC_OK) {
            err(b, a->loc, "E-PRECISION",
                "%s '%s' has more decimals than an amount may have (2: 0.01 %s); budc never "
                "rounds an amount, so write it with 2 decimals",
                what, a->text, b->m->money ? b->m->money : "of the money unit");
            return false;
        }
    }
    if (dec_is_neg(a->num)) {
        err(b, a->loc, "E-NEGATIVE", "%s '%s' is negative; amounts in a budget are never below 0",
            what, a->text);
        return false;
    }
    Dec cents;
    if (dec_rescale(a->num, 2, &cents) == DEC_OVERFLOW) {
        err(b, a->loc, "E-OVERFLOW",
            "%s '%s' is too large to hold exactly with 2 decimals (at most 16 digits before "
            "the point)",
            what, a->text);
        return false;
    }
    return true;
}

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
            (!code || strcmp(o->code, code) == 0))
            return o;
    }
    return NULL;
}

static void build_income(B *b, const Stmt *blk)
{
    for (const Stmt *r = blk->body; r; r = r->next) {
        if (r->kind != S_ROW || !r->args || !r->args->next)
            continue;
        int s = resolve_source(b, r->args);
        if (s < 0 || !amount_ok(b, r->args->next, "the income"))
            continue;
        const Fact *o = same_fact(b, F_INCOME, NULL, s, -1);
        if (o) {
            err(b, r->args->loc, "E-DUPLICATE", "income from %s is given twice in unit %s",
                word_name(b, DIM_SOURCE, s), b->m->units[b->unit].id);
            diag_note(b->d, o->loc, "first given here");
            continue;
        }
        Fact *x = new_fact(b, F_INCOME, r, r->args->next);
        x->dim[DIM_SOURCE] = (signed char)s;
    }
}

static void build_spending(B *b, const Stmt *blk)
{
    const Defs *defs = b->m->defs;
    int src = resolve_source(b, blk->args);
    for (const Stmt *r = blk->body; r; r = r->next) {
        if (r->kind != S_ROW || src < 0)
            continue;
        const Atom *code = r->args, *kind = code ? code->next : NULL,
                   *amt = kind ? kind->next : NULL;
        if (!amt)
            continue;
        int k = resolve(b, DIM_KIND, kind, "E-KIND", "kind of expenditure", "kinds");
        if (k < 0)
            continue;
        if (is_fiscal(b, src) && !((defs->kind_fiscal >> k) & 1u)) {
            err(b, kind->loc, "E-KIND",
                "%s spending of %s: 财政拨款 pays only 基本支出 and 项目支出 (tables 5, 7, 8 have "
                "no other column)",
                vocab_title(b->m->vocab, DIM_KIND, k), word_name(b, DIM_SOURCE, src));
            continue;
        }
        if (!amount_ok(b, amt, "the amount"))
            continue;
        const Fact *o = same_fact(b, F_SPENDING, code->text, src, k);
        if (o) {
            err(b, code->loc, "E-DUPLICATE",
                "%s %s spending from %s is given twice in unit %s; write one line with the sum",
                code->text, word_name(b, DIM_KIND, k), word_name(b, DIM_SOURCE, src),
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
    int src = resolve_source(b, blk->args);
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
                err(b, cls->loc, "E-KIND",
                    "'%s' is not a class of basic expenditure; write %s", cls->text, all);
                continue;
            }
        }
        if (!amount_ok(b, amt, "the amount"))
            continue;
        const Fact *o = same_fact(b, F_ECONOMIC, code->text, src, -1);
        if (o) {
            err(b, code->loc, "E-DUPLICATE",
                "economic code %s from %s is given twice in unit %s; write one line with the "
                "sum",
                code->text, word_name(b, DIM_SOURCE, src), b->m->units[b->unit].id);
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
    int src = resolve_source(b, blk->args);
    if (src >= 0 && !is_fiscal(b, src)) {
        err(b, blk->args->loc, "E-SOURCE",
            "三公经费 are reported for 财政拨款 only (一般公共预算, 政府性基金, 国有资本经营), "
            "not for %s",
            word_name(b, DIM_SOURCE, src));
        src = -1;
    }
    for (const Stmt *r = blk->body; r; r = r->next) {
        if (r->kind != S_ROW || src < 0 || !r->args || !r->args->next)
            continue;
        int it = resolve(b, DIM_ITEM, r->args, "E-SANGONG-ITEM", "三公 item", "items");
        if (it < 0)
            continue;
        if (!amount_ok(b, r->args->next, "the amount"))
            continue;
        const Fact *o = same_fact(b, F_SANGONG, NULL, src, it);
        if (o) {
            err(b, r->args->loc, "E-DUPLICATE", "三公 item %s from %s is given twice in unit %s",
                word_name(b, DIM_ITEM, it), word_name(b, DIM_SOURCE, src),
                b->m->units[b->unit].id);
            diag_note(b->d, o->loc, "first given here");
            continue;
        }
        Fact *x = new_fact(b, F_SANGONG, r, r->args->next);
        x->dim[DIM_SOURCE] = (signed char)src;
        x->dim[DIM_ITEM] = (signed char)it;
    }
}

/* Reads an indicator value starting at A; returns the atom after it. */
static const Atom *read_value(B *b, const Atom *a, IndValue *v)
{
    memset(v, 0, sizeof *v);
    v->op = OP_EQ;
    if (!a)
        return NULL;
    v->loc = a->loc;
    if (a->kind == A_WORD || a->kind == A_STRING) {
        v->kind = a->kind == A_WORD ? IV_WORD : IV_TEXT;
        v->text = a->text;
        return a->next;
    }
    v->kind = IV_NUMBER;
    Loc start = a->loc;
    if (a->kind == A_OP) {
        v->op = a->op;
        v->op_written = true;
        a = a->next;
    }
    if (!a || a->kind != A_NUMBER)
        return a;
    v->num = a->num;
    Loc end = a->loc;
    a = a->next;
    if (a && a->kind == A_PERCENT) {
        v->measure = "%";
        v->measure_loc = a->loc;
        end = a->loc;
        a = a->next;
    } else if (a && a->kind == A_WORD) {
        v->measure = a->text;
        v->measure_loc = a->loc;
        end = a->loc;
        a = a->next;
        if (a && a->kind == A_SLASH && a->next && a->next->kind == A_WORD) {
            v->measure_loc = loc_span(v->measure_loc, a->next->loc);
            end = a->next->loc;
            size_t n = strlen(v->measure) + strlen(a->next->text) + 2;
            char *t = arena_alloc(&b->m->arena, n);
            snprintf(t, n, "%s/%s", v->measure, a->next->text);
            v->measure = t;
            a = a->next->next;
        }
    }
    v->loc = loc_span(start, end);
    return a;
}

const char *indvalue_text(const IndValue *v, char *buf, size_t n)
{
    if (v->text || v->kind != IV_NUMBER)
        return v->text;
    char num[DEC_FMT_MAX];
    dec_format(v->num, num, sizeof num);
    snprintf(buf, n, "%s%s%s", v->op_written ? ast_op_text(v->op) : "", num,
             v->measure ? v->measure : "");
    return buf;
}

/* Sets the text of a numeric value: the value as written in the source. */
static void own_measure(B *b, IndValue *v)
{
    if (v->kind == IV_NUMBER) {
        const SrcFile *f = v->loc.file;
        size_t len;
        const char *line = f ? src_line(f, v->loc.line, &len) : NULL;
        if (line && v->loc.end_line == v->loc.line) {
            /* the value as written, from the source line */
            int c = 1;
            size_t i = 0, from = 0, to = len;
            for (; i < len; i++) {
                if (((unsigned char)line[i] & 0xC0) == 0x80)
                    continue;
                if (c == v->loc.col)
                    from = i;
                if (c == v->loc.end_col) {
                    to = i;
                    break;
                }
                c++;
            }
            v->text = arena_strndup(&b->m->arena, line + from, to - from);
        }
    }
}

static void build_indicators(B *b, Project *p, const Stmt *blk)
{
    int cap = 0;
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
        a = read_value(b, a->next, &in->value);
        own_measure(b, &in->value);
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
    for (a = a->next; a; a = a->next) {
        const Atom *v = a->value;
        const char *k = a->text;
        if (strcmp(k, "measure") == 0) {
            u->measure = v->text;
            u->measure_loc = v->loc;
            u->measure_is_number = v->kind == A_NUMBER || digits_only(v->text);
        } else if (strcmp(k, "source") == 0) {
            int src = resolve_source(b, v);
            if (src >= 0)
                u->src = src;
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
                err(b, a->loc, "E-DUPLICATE", "'%s' is given twice on this purchase line", k);
                continue;
            }
            bool money = strcmp(k, "quantity") != 0;
            if (money ? !amount_ok(b, v, k) : dec_is_neg(v->num)) {
                if (!money)
                    err(b, v->loc, "E-NEGATIVE", "a quantity cannot be negative");
                continue;
            }
            *d = v->num;
            *has = true;
            *l = v->loc;
        }
    }
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
            if (amount_ok(b, t->args, "the project's amount")) {
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
        case S_PURCHASE:
            build_purchase(b, p, t, &cap_pur);
            break;
        default:
            break;
        }
    }
    for (int i = 0; i < b->m->nprojects - 1; i++) {
        Project *o = &b->m->projects[i];
        if (o->unit == p->unit && strcmp(o->name, p->name) == 0) {
            err(b, p->name_loc, "E-DUPLICATE", "project '%s' is defined twice in unit %s", p->name,
                b->m->units[p->unit].id);
            diag_note(b->d, o->name_loc, "first defined here");
            break;
        }
    }
}

static void build_unit(B *b, const Stmt *s)
{
    Model *m = b->m;
    const char *id = s->args->text;
    b->unit = -1;
    for (int i = 0; i < m->nunits; i++)
        if (strcmp(m->units[i].id, id) == 0) {
            err(b, s->args->loc, "E-DUPLICATE", "unit %s is defined twice", id);
            diag_note(b->d, m->units[i].loc, "first defined here");
            return;
        }
    Unit *u = PUSH(m, m->units, m->nunits, b->cap_units);
    u->id = id;
    u->name = s->args->next->text;
    u->loc = s->loc;
    b->unit = m->nunits - 1;
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
        case S_INCOME: build_income(b, t); break;
        case S_SPENDING: build_spending(b, t); break;
        case S_ECONOMIC: build_economic(b, t); break;
        case S_SANGONG: build_sangong(b, t); break;
        case S_PROJECT: build_project(b, t); break;
        default: break;
        }
    }
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
                read_value(b, r->args->next->next, &row->value);
                own_measure(b, &row->value);
            }
        }
    }
}

/* The canonical spelling of a path segment: printed variants of a word
 * (三公经费, 因公出国（境）费, 一般公共预算拨款收入, 基本支出 after 支出) are
 * written one way (vocab_canonical), so that `prior` and the paths that
 * read it agree; a word for every 三公 item (三公小计) is written 合计. */
static const char *canon_seg(const Vocab *v, const PathSeg *root, const PathSeg *s)
{
    if (strcmp(s->name, "三公经费") == 0)
        return "三公";
    if (s == root || !root->name)
        return s->name;
    bool sangong = strcmp(root->name, "三公") == 0 || strcmp(root->name, "三公经费") == 0;
    if (sangong) {
        WordSet set;
        const Vocab1 *items = &v->dim[DIM_ITEM];
        if (vocab_set(v, DIM_ITEM, s->name, &set) && items->n > 0 &&
            set == (WordSet)(((uint64_t)1 << items->n) - 1))
            return "合计";
        if (vocab_set(v, DIM_ITEM, s->name, &set))
            return vocab_canonical(v, DIM_ITEM, s->name);
    }
    if (sangong || strcmp(root->name, "收入") == 0 || strcmp(root->name, "支出") == 0) {
        WordSet set;
        if (vocab_set(v, DIM_SOURCE, s->name, &set))
            return vocab_canonical(v, DIM_SOURCE, s->name);
        if (!sangong && vocab_set(v, DIM_KIND, s->name, &set))
            return vocab_canonical(v, DIM_KIND, s->name);
    }
    return s->name;
}

void path_text(const Vocab *v, const PathSeg *path, char *buf, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    const PathSeg *root = path;
    for (const PathSeg *s = path; s && o < n; s = s->next) {
        if (s == path && s->name && strcmp(s->name, "上年") == 0 && s->next)
            root = s->next;
        if (s->name)
            o += (size_t)snprintf(buf + o, n - o, "%s%s", s == path ? "" : ".",
                                  canon_seg(v, root, s));
        else if (s->index->kind == A_STRING)
            o += (size_t)snprintf(buf + o, n - o, "[\"%s\"]", s->index->text);
        else
            o += (size_t)snprintf(buf + o, n - o, "[%s]", s->index->text);
    }
}

static void build_prior(B *b, const Stmt *s)
{
    Model *m = b->m;
    if (!s->has_block) { /* prior "2022.bud": last year's whole budget */
        if (m->prior_file) {
            err(b, s->kw_loc, "E-DUPLICATE", "last year's budget is named twice");
            diag_note(b->d, m->prior_loc, "first named here");
            return;
        }
        m->prior_file = s->args->text;
        m->prior_from = s->loc.file;
        m->prior_loc = s->args->loc;
        return;
    }
    for (const Stmt *r = s->body; r; r = r->next) {
        if (r->kind != S_ROW || !r->args || !r->args->next)
            continue;
        char text[256];
        path_text(m->vocab, r->args->path, text, sizeof text);
        if (!amount_ok(b, r->args->next, "last year's amount"))
            continue;
        bool dup = false;
        for (int i = 0; i < m->nprior && !dup; i++)
            if (strcmp(m->prior[i].path, text) == 0) {
                err(b, r->args->loc, "E-DUPLICATE", "last year's %s is given twice", text);
                diag_note(b->d, m->prior[i].loc, "first given here");
                dup = true;
            }
        if (dup)
            continue;
        PriorFact *p = PUSH(m, m->prior, m->nprior, b->cap_prior);
        p->path = arena_strdup(&m->arena, text);
        p->segs = r->args->path;
        p->amount = r->args->next->num;
        p->loc = r->loc;
        p->path_loc = r->args->loc;
        p->amount_loc = r->args->next->loc;
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
        const char *near = closest(s->args->text, words, nt);
        char all[512];
        list_words(words, nt, all, sizeof all);
        free(words);
        if (near)
            err(b, s->args->loc, "E-TABLE-NAME", "unknown table '%s'; did you mean '%s'?",
                s->args->text, near);
        else
            err(b, s->args->loc, "E-TABLE-NAME", "unknown table '%s'; the tables are %s",
                s->args->text, all);
        return;
    }
    for (int i = 0; i < m->nstated; i++)
        if (m->stated[i].table == id) {
            err(b, s->args->loc, "E-DUPLICATE", "table %s is stated twice", s->args->text);
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
        for (int i = 0; i < row->ncells; i++)
            if (!row->cells[i].blank && dec_is_neg(row->cells[i].v))
                err(b, row->cells[i].loc, "E-NEGATIVE", "a table cell cannot be negative");
    }
}

static void build_assets(B *b, const Stmt *s)
{
    Assets *as = &b->m->assets;
    if (as->present) {
        err(b, s->kw_loc, "E-DUPLICATE", "the asset table is stated twice");
        diag_note(b->d, as->loc, "first stated here");
        return;
    }
    as->present = true;
    as->date = s->args->text;
    as->loc = s->loc;
    for (const Stmt *r = s->body; r; r = r->next) {
        if (r->kind == S_PLANNED) {
            if (amount_ok(b, r->args, "the planned purchase")) {
                as->has_planned = true;
                as->planned = r->args->num;
                as->planned_loc = r->args->loc;
            }
            continue;
        }
        if (r->kind != S_ROW || !r->args)
            continue;
        int k = asset_row_of(b->m, r->args->text);
        if (k < 0) {
            const Vocab1 *rows = &b->m->vocab->dim[DIM_ASSET];
            const char *names[VOCAB_MAX_WORDS];
            for (int i = 0; i < rows->n; i++)
                names[i] = rows->words[i].name;
            char all[256];
            list_words(names, rows->n, all, sizeof all);
            const char *near = closest(r->args->text, names, rows->n);
            if (near)
                err(b, r->args->loc, "E-ASSET-ROW",
                    "unknown row '%s' of the asset table; did you mean '%s'?", r->args->text, near);
            else
                err(b, r->args->loc, "E-ASSET-ROW",
                    "unknown row '%s' of the asset table; the rows are %s (大型设备 is 单价在20万元以上的设备)",
                    r->args->text, all);
            continue;
        }
        if (as->row_written[k]) {
            err(b, r->args->loc, "E-DUPLICATE", "asset row %s is given twice",
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
            err(b, cells[2].loc, "E-ROW", "an asset row has two cells: 数量 and 价值");
    }
}

static void add_para(B *b, ParaKind k, int section, const Atom *text, const char *insert, Loc loc)
{
    Para *p = PUSH(b->m, b->m->paras, b->m->nparas, b->cap_paras);
    p->kind = k;
    p->section = section;
    p->parts = text ? text->parts : NULL;
    p->insert = insert;
    p->loc = loc;
}

static void build_narrative(B *b, const Stmt *s)
{
    Model *m = b->m;
    m->has_narrative = true;
    m->narrative_loc = s->loc;
    for (const Stmt *t = s->body; t; t = t->next) {
        if (t->kind == S_ROW && t->args) {
            add_para(b, PARA_TEXT, -1, t->args, NULL, t->loc);
        } else if (t->kind == S_SECTION) {
            Section *sec = PUSH(m, m->sections, m->nsections, b->cap_sections);
            sec->word = t->args->text;
            sec->word_loc = t->args->loc;
            sec->title = t->args->next ? t->args->next->text : NULL;
            sec->loc = t->loc;
            int si = m->nsections - 1;
            for (const Stmt *u = t->body; u; u = u->next) {
                if (u->kind == S_ROW && u->args)
                    add_para(b, PARA_TEXT, si, u->args, NULL, u->loc);
                else if (u->kind == S_HEADING)
                    add_para(b, PARA_HEADING, si, u->args, NULL, u->loc);
                else if (u->kind == S_INSERT)
                    add_para(b, PARA_INSERT, si, NULL, u->args->text, u->loc);
            }
        }
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
        err(b, sev->loc, "E-RULE", "a rule's severity is 'error' or 'warning', not '%s'", sev->text);
        return;
    }
    for (int i = 0; i < b->m->nrules; i++)
        if (strcmp(b->m->rules[i].name, name->text) == 0) {
            err(b, name->loc, "E-DUPLICATE", "rule %s is defined twice", name->text);
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
        err(b, s->kw_loc, "E-DUPLICATE", "a budget has one department; this is a second one");
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
        else if (t->kind == S_MONEY)
            m->money = t->args->text;
    }
    m->money_scale = 2;
}

/* Every derived figure is a sum of facts of one kind (amounts are never
 * negative), so when the sum of all the facts of each kind fits the
 * decimal type, every table cell, total and quote does.  A budget whose
 * amounts add up beyond 18 digits is an error here, never a wrong total. */
static void check_totals(B *b)
{
    static const char *const what[F__COUNT] = {"income", "spending", "basic expenditure",
                                               "三公"};
    Model *m = b->m;
    for (int k = 0; k < F__COUNT; k++) {
        Dec sum = dec_zero();
        for (int i = 0; i < m->nfacts[k]; i++)
            if (!dec_acc(&sum, m->facts[k][i].amount)) {
                m->overflow = true;
                err(b, m->facts[k][i].amount_loc, "E-OVERFLOW",
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
                err(b, m->projects[i].pur[j].amount_loc, "E-OVERFLOW",
                    "the purchases of this project add up to more than budc can hold exactly "
                    "(18 digits)");
                break;
            }
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
    m->disclosure = defs_disclosure(defs, "预算");
    B b = {.m = m, .d = d, .unit = -1};
    /* The department first: amounts are read in its money unit. */
    for (const Module *mod = p->modules; mod; mod = mod->next)
        for (const Stmt *s = mod->stmts; s; s = s->next)
            if (s->kind == S_DEPARTMENT)
                build_department(&b, s);
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
            case S_NARRATIVE: build_narrative(&b, s); break;
            case S_GLOSSARY: build_glossary(&b, s); break;
            case S_RULE: build_rule(&b, s); break;
            default: break;
            }
        }
    }
    check_totals(&b);
    /* Each `prior` line names a figure of this year's budget. */
    for (int i = 0; i < m->nprior; i++) {
        const PathSeg *ps = m->prior[i].segs;
        char msg[512];
        Dec v;
        if (ps && ps->name && strcmp(ps->name, "上年") == 0) {
            err(&b, m->prior[i].path_loc, "E-PRIOR-PATH",
                "'prior' lines are last year's figures already: write %s without '上年.'", m->prior[i].path + 7);
            continue;
        }
        if (model_value(m, ps, (ValueCtx){-1, -1}, &v, NULL, NULL, msg, sizeof msg) ==
            VAL_UNKNOWN_PATH)
            err(&b, m->prior[i].path_loc, "E-PRIOR-PATH", "%s", msg);
    }
    return m->nerrors;
}

void model_finish(Model *m)
{
    model_derive_tables(m);
    m->rendered = arena_alloc(&m->arena, (size_t)(m->nparas + 1) * sizeof *m->rendered);
    for (int i = 0; i < m->nparas; i++)
        m->rendered[i] = m->paras[i].parts ? model_render(m, m->paras[i].parts) : NULL;
    m->finished = true;
}

const char *model_text(const Model *m, int i)
{
    return m->rendered[i];
}

void model_free(Model *m)
{
    arena_free(&m->arena);
}
