/*
 * model.c — building the model from the syntax trees (see model.h).
 *
 * The derived tables are in model_tables.c and the paths of narrative quotes
 * and rules in model_value.c; this file holds the closed sets of names and
 * the walk over the statements that collects the facts.
 */
#include "model/model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- closed sets ------------------------------------------------------------ */

static const char *const source_names[SRC__COUNT] = {
    "一般公共预算", "政府性基金", "国有资本经营", "财政专户", "事业收入",
    "经营收入",     "上级补助",   "附属单位上缴", "其他收入", "上年结转",
};
static const char *const source_titles[SRC__COUNT] = {
    "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入",
    "财政专户管理资金收入", "事业收入",               "事业单位经营收入",
    "上级补助收入",         "附属单位上缴收入",       "其他收入",
    "上年结转结余",
};
/* Other spellings of the sources found in published documents. */
static const struct {
    const char *word;
    Source src;
} source_aliases[] = {
    {"一般公共预算拨款", SRC_GP},       {"一般公共预算财政拨款", SRC_GP},
    {"一般公共预算收入", SRC_GP},       {"政府性基金预算拨款", SRC_FUND},
    {"政府性基金预算", SRC_FUND},       {"政府基金", SRC_FUND},
    {"国有资本经营预算拨款", SRC_SOE},  {"国有资本经营预算", SRC_SOE},
    {"财政专户管理资金", SRC_SPECIAL},  {"财政专户收入", SRC_SPECIAL},
    {"事业", SRC_SHIYE},                {"经营", SRC_OPERATING},
    {"事业单位经营收入", SRC_OPERATING}, {"上级补助收入", SRC_HIGHER},
    {"附属单位上缴收入", SRC_AFFILIATE}, {"其他", SRC_OTHER},
    {"上年结转结余", SRC_CARRY},        {"上年结余", SRC_CARRY},
};

const char *source_name(Source s) { return source_names[s]; }
const char *source_title(Source s) { return source_titles[s]; }

int source_lookup(const char *w)
{
    for (int i = 0; i < SRC__COUNT; i++)
        if (strcmp(w, source_names[i]) == 0 || strcmp(w, source_titles[i]) == 0)
            return i;
    for (size_t i = 0; i < sizeof source_aliases / sizeof source_aliases[0]; i++)
        if (strcmp(w, source_aliases[i].word) == 0)
            return (int)source_aliases[i].src;
    return -1;
}

static const char *const kind_names[KIND__COUNT] = {"基本", "项目", "经营", "上缴上级",
                                                    "对附属单位补助"};
static const char *const kind_titles[KIND__COUNT] = {"基本支出", "项目支出", "经营支出",
                                                     "上缴上级支出", "对附属单位补助支出"};

const char *kind_name(Kind k) { return kind_names[k]; }
const char *kind_title(Kind k) { return kind_titles[k]; }

int kind_lookup(const char *w)
{
    for (int i = 0; i < KIND__COUNT; i++)
        if (strcmp(w, kind_names[i]) == 0 || strcmp(w, kind_titles[i]) == 0)
            return i;
    if (strcmp(w, "上解上级") == 0 || strcmp(w, "上解上级支出") == 0)
        return KIND_UPPER;
    if (strcmp(w, "事业单位经营支出") == 0)
        return KIND_OPERATING;
    return -1;
}

static const char *const sg_names[SG__COUNT] = {"教学科研人员因公出国费", "其他因公出国费",
                                                "公务用车购置费", "公务用车运行维护费",
                                                "公务接待费"};

const char *sg_item_name(SgItem i) { return sg_names[i]; }

int sg_item_lookup(const char *w)
{
    for (int i = 0; i < SG__COUNT; i++)
        if (strcmp(w, sg_names[i]) == 0)
            return i;
    return -1;
}

const char *econ_class_name(EconClass c) { return c == EC_PERSONNEL ? "人员经费" : "公用经费"; }

static const char *const table_words[T__COUNT] = {
    "收支总表",           "收入总表",       "支出总表",         "财政拨款收支总表", "一般公共预算支出表",
    "一般公共预算基本支出表", "政府性基金支出表", "国有资本经营支出表", "三公经费支出表",
};
static const char *const table_titles[T__COUNT] = {
    "部门预算收支总表",
    "部门预算收入总表",
    "部门预算支出总表",
    "部门预算财政拨款收支总表",
    "部门预算一般公共预算财政拨款支出表",
    "部门预算一般公共预算财政拨款基本支出表",
    "部门预算政府性基金预算财政拨款支出表",
    "部门预算国有资本经营预算财政拨款支出表",
    "部门预算财政拨款“三公”经费支出表",
};

const char *table_word(TableId t) { return table_words[t]; }
const char *table_title(TableId t) { return table_titles[t]; }

int table_lookup(const char *w)
{
    for (int i = 0; i < T__COUNT; i++)
        if (strcmp(w, table_words[i]) == 0 || strcmp(w, table_titles[i]) == 0)
            return i;
    return -1;
}

static const char *const asset_names[AS__COUNT] = {"资产总额", "房屋", "办公用房",
                                                   "车辆",     "大型设备", "其他固定资产"};

const char *asset_row_name(AssetRow r) { return asset_names[r]; }

static int asset_lookup(const char *w)
{
    for (int i = 0; i < AS__COUNT; i++)
        if (strcmp(w, asset_names[i]) == 0)
            return i;
    if (strcmp(w, "单价20万元以上设备") == 0 || strcmp(w, "单价在20万元以上的设备") == 0)
        return AS_EQUIPMENT;
    if (strcmp(w, "其中办公用房") == 0)
        return AS_OFFICES;
    return -1;
}

bool unit_is_admin(const Unit *u)
{
    static const char *const admin[] = {"行政", "行政单位", "参公事业", "参公事业单位",
                                        "参照公务员法管理事业单位"};
    for (size_t i = 0; u->nature && i < sizeof admin / sizeof admin[0]; i++)
        if (strcmp(u->nature, admin[i]) == 0)
            return true;
    return false;
}

bool model_has_admin_unit(const Model *m)
{
    for (int i = 0; i < m->nunits; i++)
        if (unit_is_admin(&m->units[i]))
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

/* ---- growable arrays in the arena ------------------------------------------ */

#define PUSH(m, arr, n, cap)                                                                   \
    (((n) == (cap) ? grow((m), (void **)&(arr), &(cap), sizeof *(arr), (n)) : (void)0),        \
     memset(&(arr)[(n)], 0, sizeof *(arr)), &(arr)[(n)++])

static void grow(Model *m, void **arr, int *cap, size_t size, int n)
{
    int nc = *cap ? *cap * 2 : 16;
    void *p = arena_alloc(&m->arena, (size_t)nc * size);
    if (n)
        memcpy(p, *arr, (size_t)n * size);
    *arr = p;
    *cap = nc;
}

/* ---- the walk ---------------------------------------------------------------- */

typedef struct B {
    Model *m;
    DiagCtx *d;
    int unit;
    int first_spend, first_econ, first_sg; /* the unit's first facts */
    int cap_units, cap_income, cap_spend, cap_econ, cap_sg, cap_proj, cap_targets, cap_goals,
        cap_prior, cap_stated, cap_sections, cap_paras, cap_glossary, cap_rules;
} B;

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
    const char *best = NULL;
    int bestd = 3;
    for (int i = 0; i < n; i++) {
        int dist = text_distance(word, w[i], 2);
        if (dist < bestd) {
            bestd = dist;
            best = w[i];
        }
    }
    return best;
}

static int resolve_source(B *b, const Atom *a)
{
    int s = source_lookup(a->text);
    if (s >= 0)
        return s;
    char all[512];
    list_words(source_names, SRC__COUNT, all, sizeof all);
    const char *near = closest(a->text, source_names, SRC__COUNT);
    if (near)
        err(b, a->loc, "E-SOURCE", "unknown fund source '%s'; did you mean '%s'?", a->text, near);
    else
        err(b, a->loc, "E-SOURCE", "unknown fund source '%s'; the sources are %s", a->text, all);
    return -1;
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

static void build_income(B *b, const Stmt *blk)
{
    for (const Stmt *r = blk->body; r; r = r->next) {
        if (r->kind != S_ROW || !r->args || !r->args->next)
            continue;
        int s = resolve_source(b, r->args);
        if (s < 0 || !amount_ok(b, r->args->next, "the income"))
            continue;
        for (int i = 0; i < b->m->nincome; i++) {
            Income *o = &b->m->income[i];
            if (o->unit == b->unit && o->src == (Source)s) {
                err(b, r->args->loc, "E-DUPLICATE", "income from %s is given twice in unit %s",
                    source_name((Source)s), b->m->units[b->unit].id);
                diag_note(b->d, o->loc, "first given here");
                s = -1;
                break;
            }
        }
        if (s < 0)
            continue;
        Income *in = PUSH(b->m, b->m->income, b->m->nincome, b->cap_income);
        in->unit = b->unit;
        in->src = (Source)s;
        in->amount = r->args->next->num;
        in->loc = r->loc;
        in->amount_loc = r->args->next->loc;
    }
}

static void build_spending(B *b, const Stmt *blk)
{
    int src = resolve_source(b, blk->args);
    for (const Stmt *r = blk->body; r; r = r->next) {
        if (r->kind != S_ROW || src < 0)
            continue;
        const Atom *code = r->args, *kind = code ? code->next : NULL,
                   *amt = kind ? kind->next : NULL;
        if (!amt)
            continue;
        int k = kind_lookup(kind->text);
        if (k < 0) {
            const char *near = closest(kind->text, kind_names, KIND__COUNT);
            char all[256];
            list_words(kind_names, KIND__COUNT, all, sizeof all);
            if (near)
                err(b, kind->loc, "E-KIND", "unknown kind of expenditure '%s'; did you mean '%s'?",
                    kind->text, near);
            else
                err(b, kind->loc, "E-KIND", "unknown kind of expenditure '%s'; the kinds are %s",
                    kind->text, all);
            continue;
        }
        if (SRC_IS_FISCAL(src) && k != KIND_BASIC && k != KIND_PROJECT) {
            err(b, kind->loc, "E-KIND",
                "%s spending of %s: 财政拨款 pays only 基本支出 and 项目支出 (tables 5, 7, 8 have "
                "no other column)",
                kind_title((Kind)k), source_name((Source)src));
            continue;
        }
        if (!amount_ok(b, amt, "the amount"))
            continue;
        bool dup = false;
        for (int i = b->first_spend; i < b->m->nspend && !dup; i++) {
            const Spend *o = &b->m->spend[i];
            if ((int)o->src == src && (int)o->kind == k && strcmp(o->code, code->text) == 0) {
                err(b, code->loc, "E-DUPLICATE",
                    "%s %s spending from %s is given twice in unit %s; write one line with the sum",
                    code->text, kind_name((Kind)k), source_name((Source)src),
                    b->m->units[b->unit].id);
                diag_note(b->d, o->loc, "first given here");
                dup = true;
            }
        }
        if (dup)
            continue;
        Spend *s = PUSH(b->m, b->m->spend, b->m->nspend, b->cap_spend);
        s->unit = b->unit;
        s->code = code->text;
        s->kind = (Kind)k;
        s->src = (Source)src;
        s->amount = amt->num;
        s->loc = r->loc;
        s->code_loc = code->loc;
        s->amount_loc = amt->loc;
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
        EconClass c = (code->text[0] == '3' && (code->text[2] == '1' || code->text[2] == '3') &&
                       code->text[1] == '0')
                          ? EC_PERSONNEL
                          : EC_PUBLIC;
        if (cls) {
            if (strcmp(cls->text, "人员经费") == 0)
                c = EC_PERSONNEL;
            else if (strcmp(cls->text, "公用经费") == 0)
                c = EC_PUBLIC;
            else {
                err(b, cls->loc, "E-KIND",
                    "'%s' is not a class of basic expenditure; write 人员经费 or 公用经费",
                    cls->text);
                continue;
            }
        }
        if (!amount_ok(b, amt, "the amount"))
            continue;
        bool dup = false;
        for (int i = b->first_econ; i < b->m->necon && !dup; i++) {
            const Econ *o = &b->m->econ[i];
            if ((int)o->src == src && strcmp(o->code, code->text) == 0) {
                err(b, code->loc, "E-DUPLICATE",
                    "economic code %s from %s is given twice in unit %s; write one line with the "
                    "sum",
                    code->text, source_name((Source)src), b->m->units[b->unit].id);
                diag_note(b->d, o->loc, "first given here");
                dup = true;
            }
        }
        if (dup)
            continue;
        Econ *e = PUSH(b->m, b->m->econ, b->m->necon, b->cap_econ);
        e->unit = b->unit;
        e->code = code->text;
        e->cls = c;
        e->cls_written = cls != NULL;
        e->src = (Source)src;
        e->amount = amt->num;
        e->loc = r->loc;
        e->code_loc = code->loc;
        e->amount_loc = amt->loc;
    }
}

static void build_sangong(B *b, const Stmt *blk)
{
    int src = resolve_source(b, blk->args);
    if (src >= 0 && !SRC_IS_FISCAL(src)) {
        err(b, blk->args->loc, "E-SOURCE",
            "三公经费 are reported for 财政拨款 only (一般公共预算, 政府性基金, 国有资本经营), "
            "not for %s",
            source_name((Source)src));
        src = -1;
    }
    for (const Stmt *r = blk->body; r; r = r->next) {
        if (r->kind != S_ROW || src < 0 || !r->args || !r->args->next)
            continue;
        int it = sg_item_lookup(r->args->text);
        if (it < 0) {
            const char *near = closest(r->args->text, sg_names, SG__COUNT);
            char all[512];
            list_words(sg_names, SG__COUNT, all, sizeof all);
            if (near)
                err(b, r->args->loc, "E-SANGONG-ITEM", "unknown 三公 item '%s'; did you mean '%s'?",
                    r->args->text, near);
            else
                err(b, r->args->loc, "E-SANGONG-ITEM", "unknown 三公 item '%s'; the items are %s",
                    r->args->text, all);
            continue;
        }
        if (!amount_ok(b, r->args->next, "the amount"))
            continue;
        bool dup = false;
        for (int i = b->first_sg; i < b->m->nsangong && !dup; i++) {
            const Sangong *o = &b->m->sangong[i];
            if ((int)o->src == src && (int)o->item == it) {
                err(b, r->args->loc, "E-DUPLICATE", "三公 item %s from %s is given twice in unit %s",
                    sg_names[it], source_name((Source)src), b->m->units[b->unit].id);
                diag_note(b->d, o->loc, "first given here");
                dup = true;
            }
        }
        if (dup)
            continue;
        Sangong *s = PUSH(b->m, b->m->sangong, b->m->nsangong, b->cap_sg);
        s->unit = b->unit;
        s->item = (SgItem)it;
        s->src = (Source)src;
        s->amount = r->args->next->num;
        s->loc = r->loc;
        s->amount_loc = r->args->next->loc;
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
    u->src = SRC_GP;
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
                u->src = (Source)src;
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
    b->first_spend = m->nspend;
    b->first_econ = m->necon;
    b->first_sg = m->nsangong;
    for (const Stmt *t = s->body; t; t = t->next) {
        switch (t->kind) {
        case S_NATURE:
            m->units[b->unit].nature = t->args->text;
            m->units[b->unit].nature_loc = t->args->loc;
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

/* The canonical spelling of a path segment: printed variants of a name
 * (三公经费, 因公出国（境）费, 一般公共预算拨款收入, 基本支出 after 支出) are
 * written one way, so that `prior` and the paths that read it agree. */
static const char *canon_seg(const PathSeg *root, const PathSeg *s)
{
    static const char *const alias[][2] = {
        {"三公经费", "三公"},
        {"因公出国（境）费", "因公出国费"},
        {"因公出国(境)费", "因公出国费"},
        {"公务用车购置及运行维护费", "公务用车购置及运维费"},
        {"三公小计", "合计"},
    };
    for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
        if (strcmp(s->name, alias[i][0]) == 0)
            return alias[i][1];
    if (s != root && root->name && (strcmp(root->name, "收入") == 0 || strcmp(root->name, "支出") == 0)) {
        int src = source_lookup(s->name);
        if (src >= 0)
            return source_name((Source)src);
        int k = kind_lookup(s->name);
        if (k >= 0)
            return kind_name((Kind)k);
    }
    return s->name;
}

void path_text(const PathSeg *path, char *buf, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    const PathSeg *root = path;
    for (const PathSeg *s = path; s && o < n; s = s->next) {
        if (s == path && s->name && strcmp(s->name, "上年") == 0 && s->next)
            root = s->next;
        if (s->name)
            o += (size_t)snprintf(buf + o, n - o, "%s%s", s == path ? "" : ".", canon_seg(root, s));
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
        path_text(r->args->path, text, sizeof text);
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
    int id = table_lookup(s->args->text);
    if (id < 0) {
        const char *near = closest(s->args->text, table_words, T__COUNT);
        char all[512];
        list_words(table_words, T__COUNT, all, sizeof all);
        if (near)
            err(b, s->args->loc, "E-TABLE-NAME", "unknown table '%s'; did you mean '%s'?",
                s->args->text, near);
        else
            err(b, s->args->loc, "E-TABLE-NAME", "unknown table '%s'; the tables are %s",
                s->args->text, all);
        return;
    }
    for (int i = 0; i < m->nstated; i++)
        if (m->stated[i].id == (TableId)id) {
            err(b, s->args->loc, "E-DUPLICATE", "table %s is stated twice", s->args->text);
            diag_note(b->d, m->stated[i].loc, "first stated here");
            return;
        }
    StatedTable *t = PUSH(m, m->stated, m->nstated, b->cap_stated);
    t->id = (TableId)id;
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
        int k = asset_lookup(r->args->text);
        if (k < 0) {
            char all[256];
            list_words(asset_names, AS__COUNT, all, sizeof all);
            const char *near = closest(r->args->text, asset_names, AS__COUNT);
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
            err(b, r->args->loc, "E-DUPLICATE", "asset row %s is given twice", asset_names[k]);
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
    Model *m = b->m;
    struct { const char *what; int n; } kinds[] = {
        {"income", m->nincome}, {"spending", m->nspend}, {"basic expenditure", m->necon},
        {"三公", m->nsangong},
    };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        Dec sum = dec_zero();
        for (int i = 0; i < kinds[k].n; i++) {
            Dec x = k == 0 ? m->income[i].amount : k == 1 ? m->spend[i].amount
                    : k == 2 ? m->econ[i].amount : m->sangong[i].amount;
            Loc at = k == 0 ? m->income[i].amount_loc : k == 1 ? m->spend[i].amount_loc
                     : k == 2 ? m->econ[i].amount_loc : m->sangong[i].amount_loc;
            if (!dec_acc(&sum, x)) {
                m->overflow = true;
                err(b, at, "E-OVERFLOW",
                    "the %s of this budget add up to more than budc can hold exactly (18 "
                    "digits); no total is computed from a rounded or wrapped number",
                    kinds[k].what);
                break;
            }
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

/* The catalogues: a budget with no catalogue of its own shares those the
 * run's StdCache built once from the same standard library files. */
static int load_catalogs(Model *m, const Program *p, DiagCtx *d)
{
    StdCache *c = p->cache;
    size_t keylen = 1;
    for (const Module *mod = p->modules; mod; mod = mod->next) {
        if (!mod->is_std) {
            for (const Stmt *s = mod->stmts; s; s = s->next)
                if (s->kind == S_CATALOG)
                    c = NULL; /* its own entries: built for it alone */
        } else {
            keylen += strlen(mod->realpath) + 1;
        }
    }
    if (!c)
        return catalogs_load(&m->cat, p, &m->arena, d);
    char *key = xmalloc(keylen), *k = key;
    for (const Module *mod = p->modules; mod; mod = mod->next)
        if (mod->is_std)
            k += sprintf(k, "%s\n", mod->realpath);
    *k = '\0';
    int nerr = 0;
    if (c->catalogs && strcmp(c->catalog_key, key) != 0) {
        /* another standard library (another year): built for this budget
         * alone, since budgets still alive share the cached ones */
        free(key);
        return catalogs_load(&m->cat, p, &m->arena, d);
    }
    if (!c->catalogs) {
        c->catalogs = arena_alloc(&c->arena, sizeof *c->catalogs);
        memset(c->catalogs, 0, sizeof *c->catalogs);
        nerr = catalogs_load(c->catalogs, p, &c->arena, d);
        c->catalog_key = arena_strdup(&c->arena, key);
    }
    free(key);
    m->cat = *c->catalogs;
    m->cat_shared = true;
    return nerr;
}

int model_build(Model *m, const Program *p, DiagCtx *d)
{
    memset(m, 0, sizeof *m);
    arena_init(&m->arena);
    m->program = p;
    B b = {.m = m, .d = d, .unit = -1};
    m->nerrors += load_catalogs(m, p, d);
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
        if (model_value(m, ps, (ValueCtx){-1, -1}, &v, NULL, msg, sizeof msg) == VAL_UNKNOWN_PATH)
            err(&b, m->prior[i].path_loc, "E-PRIOR-PATH", "%s", msg);
    }
    return m->nerrors;
}

void model_free(Model *m)
{
    if (!m->cat_shared)
        catalogs_free(&m->cat);
    arena_free(&m->arena);
}
