/*
 * value.c — the values that narrative quotes and rules name by path
 * (see model.h and docs/language.md section 10).
 *
 *   收入.合计 | 收入.<source>
 *   支出.合计 | 支出.<kind> | 支出.<source> | 支出[code] | 支出[code].<kind>
 *   基本支出.合计 | 基本支出.人员经费 | 基本支出.公用经费 | 基本支出[code]
 *   机关运行经费
 *   三公.合计 | 三公.<item> | 三公.因公出国费 | 三公.公务用车购置及运维费
 *   采购.合计 | 采购.中小微 | 采购.货物 | 采购.工程 | 采购.服务
 *   采购.合同.<row> [.占比]                 (a 决算's 政府采购 actuals: the
 *                                            `procurement` block; 占比 is the
 *                                            row in percent of its whole)
 *   资产.总额 | 资产.<row or part of a row> [.数量] | 资产.拟购置
 *   项目.合计 | 项目.数量 | 项目["name"].预算 | 项目["name"].采购
 *   单位.数量                                (the number of units)
 *   项目.预算 | 项目.采购 | 项目.中小微      (in a rule: for each project)
 *   上年.<any of the above>                 (the `prior` block, or last year's budget)
 *   增减.<figure>, 增减率.<figure>           (the change from last year, in percent)
 *   预算.<figure>, 完成率.<figure>           (a 决算: the figure in the budget it
 *                                             executes, and this one in percent of it)
 *   自评.数量 | 自评.金额 | 自评.平均分 | 自评.<grade>
 *   自评.目标.数量 | 自评.目标.金额          (the budget's projects with 绩效目标)
 *   自评.跟踪.数量 | 自评.跟踪.金额          (the projects `tracked`: 绩效跟踪)
 *   自评.问题 | 自评.已整改 | 自评.整改中    (`problems FOUND FIXED`, summed;
 *                                            采购.合同 and 自评: value_final.c)
 *                                           (a 决算's 绩效自评: projects evaluated,
 *                                            their 预算资金, mean score, count by grade)
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/value_impl.h"

static const char *const roots[] = {"收入", "支出", "基本支出", "机关运行经费", "三公", "年终结转",
                                    "采购", "资产", "项目", "单位", "上年", "增减", "增减率",
                                    "预算", "完成率", "自评"};

static void take_fact(void *ctx, const Fact *x)
{
    value_take(ctx, true, x->amount, x->amount_loc);
}

/* 收入, 支出, 基本支出, 机关运行经费 and 三公: sums of facts (figure.h). */
static ValueStatus facts(V *v, const PathSeg *path)
{
    Filter f;
    bool admin = false;
    for (int i = 0; i < v->m->nunits; i++)
        admin |= v->m->units[i].admin;
    if (figure_filter(v->m->vocab, path, false, admin, &f, v->msg, v->msgn) != FIG_OK)
        return VAL_UNKNOWN_PATH;
    Figures fs = {&f, 1};
    query_each(v->m, &fs, v->ctx.unit, take_fact, v);
    return VAL_OK;
}

static ValueStatus procurement(V *v, const PathSeg *s)
{
    const char *w = seg_name(s);
    if (w && strcmp(w, "合同") == 0)
        return value_actuals(v, s->next);
    if (!w || s->next)
        return fail(v, "write 采购.合计, 采购.中小微, 采购.货物, 采购.工程 or 采购.服务");
    char letter = 0;
    bool sme = false;
    if (strcmp(w, "中小微") == 0)
        sme = true;
    else if (strcmp(w, "货物") == 0)
        letter = 'A';
    else if (strcmp(w, "工程") == 0)
        letter = 'B';
    else if (strcmp(w, "服务") == 0)
        letter = 'C';
    else if (strcmp(w, "合计") != 0)
        return fail(v, "'%s' is not a procurement figure; write 合计, 中小微, 货物, 工程 or 服务", w);
    for (int i = 0; i < v->m->nprojects; i++) {
        const Project *p = &v->m->projects[i];
        if (!scope(v, p->unit))
            continue;
        for (int j = 0; j < p->npur; j++) {
            const Purchase *u = &p->pur[j];
            if (letter && u->pcode[0] != letter)
                continue;
            if (sme ? u->has_sme : u->has_amount)
                value_take(v, true, sme ? u->sme : u->amount, sme ? u->sme_loc : u->amount_loc);
        }
    }
    return VAL_OK;
}

static ValueStatus assets(V *v, const PathSeg *s)
{
    const Assets *a = &v->m->assets;
    const char *w = seg_name(s);
    if (v->ctx.unit >= 0)
        return fail(v, "资产 is the department's asset table (the 'assets' block), not unit %s's: "
                       "a unit's narrative cannot quote it",
                    v->m->units[v->ctx.unit].id);
    if (!w)
        return fail(v, "write 资产.总额, 资产.拟购置, 资产.车辆 …");
    if (strcmp(w, "拟购置") == 0) {
        if (s->next)
            return fail(v, "资产.拟购置 has no parts");
        if (!a->has_planned)
            return VAL_NO_VALUE;
        value_take(v, true, a->planned, a->planned_loc);
        return VAL_OK;
    }
    int row = strcmp(w, "总额") == 0 ? AS_TOTAL : -1;
    for (int r = 0; r < AS__COUNT && row < 0; r++)
        if (strcmp(w, asset_row_name(v->m, (AssetRow)r)) == 0)
            row = r;
    AssetRow of;
    int part = row < 0 ? asset_part_of(v->m, w, &of) : -1;
    if (row < 0 && part < 0)
        return fail(v, "'%s' is not a row of the asset table; write 总额, 房屋, 办公用房, 车辆, "
                       "大型设备, 其他固定资产, 拟购置 or a part of a row (执法执勤用车 …)",
                    w);
    bool qty = false;
    if (s->next) {
        if (!s->next->name || strcmp(s->next->name, "数量") != 0 || s->next->next)
            return fail(v, "write 资产.%s or 资产.%s.数量", w, w);
        qty = true;
    }
    const StatedCell *c = NULL;
    if (part >= 0) { /* 资产.执法执勤用车.数量: a part of a row */
        for (int i = 0; i < a->nparts && !c; i++)
            if (a->parts[i].word == part)
                c = qty ? &a->parts[i].qty : &a->parts[i].value;
    } else if (a->row_written[row]) {
        c = qty ? &a->qty[row] : &a->value[row];
    }
    if (!a->present || !c || c->blank)
        return VAL_NO_VALUE;
    value_take(v, true, c->v, c->loc);
    return VAL_OK;
}

static ValueStatus units(V *v, const PathSeg *s)
{
    const char *w = seg_name(s);
    if (!w || s->next || strcmp(w, "数量") != 0)
        return fail(v, "write 单位.数量 (the number of units)");
    int n = 0;
    Loc first = v->m->dept_loc;
    for (int i = 0; i < v->m->nunits; i++)
        if (scope(v, i))
            value_counted(v, &n, &first, v->m->units[i].loc);
    return value_count(v, n, first);
}

static ValueStatus projects(V *v, const PathSeg *s)
{
    int only = v->ctx.project;
    bool indexed = s && !s->name;
    if (s && !s->name) {
        only = -1;
        for (int i = 0; i < v->m->nprojects; i++)
            if (strcmp(v->m->projects[i].name, s->index->text) == 0)
                only = i;
        if (only < 0)
            return fail(v, "there is no project named '%s'", s->index->text);
        s = s->next;
    }
    const char *w = seg_name(s);
    if (!w || s->next)
        return fail(v, "write 项目.合计, 项目.数量, 项目[\"name\"].预算 or 项目[\"name\"].采购");
    if (strcmp(w, "数量") == 0) {
        if (indexed)
            return fail(v, "项目.数量 is the number of projects: write it without a name");
        int n = 0;
        Loc first = v->m->dept_loc;
        for (int i = 0; i < v->m->nprojects; i++)
            if (scope(v, v->m->projects[i].unit))
                value_counted(v, &n, &first, v->m->projects[i].name_loc);
        return value_count(v, n, first);
    }
    bool all = strcmp(w, "合计") == 0;
    if (all && only >= 0 && v->ctx.project < 0)
        return fail(v, "write 项目[\"name\"].预算 for one project's amount");
    int which = strcmp(w, "预算") == 0 ? 0 : strcmp(w, "采购") == 0 ? 1 : strcmp(w, "中小微") == 0 ? 2 : -1;
    if (all)
        which = 0;
    if (which < 0)
        return fail(v, "'%s' is not a figure of a project; write 预算, 采购 or 中小微", w);
    if (!all && only < 0)
        return fail(v, "项目.%s names one project: write 项目[\"name\"].%s, or use it in a rule "
                       "(checked for each project)",
                    w, w);
    for (int i = 0; i < v->m->nprojects; i++) {
        const Project *p = &v->m->projects[i];
        if ((!all && i != only) || !scope(v, p->unit))
            continue;
        if (which == 0) {
            if (!p->has_amount) {
                if (!all)
                    return VAL_NO_VALUE;
                continue;
            }
            value_take(v, true, p->amount, p->amount_loc);
        } else {
            for (int j = 0; j < p->npur; j++) {
                const Purchase *u = &p->pur[j];
                if (which == 1 && u->has_amount)
                    value_take(v, true, u->amount, u->amount_loc);
                if (which == 2 && u->has_sme)
                    value_take(v, true, u->sme, u->sme_loc);
            }
            if (!v->found)
                v->where = p->name_loc, v->found = true;
        }
    }
    return VAL_OK;
}

/* The unit of last year's budget P with the id of unit U of M, or -1. */
static bool starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* PATH with the code of its index segment AT replaced by CODE, in last
 * year's budget P: its value added to *SUM with SIGN (+1 or -1). */
static ValueStatus prior_moved(const Model *p, const PathSeg *path, const PathSeg *at,
                               const char *code, ValueCtx ctx, int sign, Dec *sum, char *msg,
                               size_t msgn)
{
    PathSeg segs[16];
    Atom idx = *at->index;
    idx.text = code;
    int n = 0;
    for (const PathSeg *s = path; s && n < 16; s = s->next, n++) {
        segs[n] = *s;
        if (s == at)
            segs[n].index = &idx;
    }
    for (int i = 0; i + 1 < n; i++)
        segs[i].next = &segs[i + 1];
    if (n)
        segs[n - 1].next = NULL;
    Dec x;
    ValueStatus st = model_value(p, segs, ctx, &x, NULL, NULL, msg, msgn);
    if (st == VAL_OK && (sign > 0 ? dec_acc(sum, x) : dec_sub(*sum, x, sum) == DEC_OK))
        return VAL_OK;
    return st == VAL_OK ? VAL_NO_VALUE : st;
}

/* X of last year's budget P, for a path S of this year's: when S names a
 * code (支出[2130199]), the codes this year's catalogue says moved
 * (catalog moved: last year's code -> this year's) are counted where they
 * are now: a code moved into it is added, one moved out taken away. */
static ValueStatus prior_value(const V *v, const Model *p, const PathSeg *s, ValueCtx ctx,
                               Dec *out, char *msg, size_t msgn)
{
    Loc at;
    ValueStatus st = model_value(p, s, ctx, out, &at, NULL, msg, msgn);
    const PathSeg *idx = s;
    while (idx && (idx->name || !idx->index || idx->index->kind != A_NUMBER))
        idx = idx->next;
    const Catalog *moved = &v->m->cat->k[CAT_MOVED];
    if (st != VAL_OK || !idx)
        return st;
    const char *code = idx->index->text;
    for (int i = 0; i < moved->n; i++) {
        const char *old = moved->entries[i].code, *new = moved->entries[i].name;
        bool in_old = starts(old, code), in_new = starts(new, code);
        if (in_old == in_new)
            continue;
        st = prior_moved(p, s, idx, old, ctx, in_new ? +1 : -1, out, msg, msgn);
        if (st != VAL_OK)
            return st;
    }
    return VAL_OK;
}

static int set_size(WordSet s)
{
    int n = 0;
    for (; s; s &= s - 1)
        n++;
    return n;
}

/* Whether line L is ROOT.W with W a word or group of dimension D: its
 * words into *SET. */
static bool line_of(const Vocab *v, const PriorFact *l, const char *root, Dim d, WordSet *set)
{
    const PathSeg *p = l->segs;
    return p && p->name && strcmp(p->name, root) == 0 && p->next && p->next->name &&
           !p->next->next && vocab_set(v, d, p->next->name, set) && *set;
}

/* Covers WANT with lines ROOT.W of LINES whose words lie inside it and
 * not in each other, the largest first: their sum into *SUM, the first
 * one's place into *AT; the words covered. */
static WordSet cover(const Vocab *v, const char *root, Dim d, WordSet want, const PriorFact *lines,
                     int n, Dec *sum, Loc *at, bool *ok)
{
    WordSet have = 0;
    *sum = dec_zero();
    *ok = true;
    for (bool first = true;; first = false) {
        int best = -1, size = 0;
        WordSet bs = 0, ws;
        for (int i = 0; i < n; i++)
            if (line_of(v, &lines[i], root, d, &ws) && !(ws & ~(want & ~have)) &&
                set_size(ws) > size)
                best = i, size = set_size(ws), bs = ws;
        if (best < 0)
            return have;
        have |= bs;
        *ok = *ok && dec_acc(sum, lines[best].amount);
        if (first)
            *at = lines[best].amount_loc;
    }
}

/* Last year's figure ROOT.WORD (三公.公务用车购置及运维费) that no `prior`
 * line states, from the lines that are: the lines of its parts, when they
 * cover it; and when the lines of the parts of ROOT.合计 add up to it, the
 * parts no line states were zero (amounts are not negative).  Its value
 * into *OUT, a line's place into *AT. */
static bool prior_parts(const Vocab *v, const PathSeg *s, const PriorFact *lines, int n,
                        Dec *out, Loc *at)
{
    if (!s || !s->name || !s->next || !s->next->name || s->next->next)
        return false;
    int d = 0;
    WordSet want = 0;
    while (d < DIM_FACTS && !vocab_set(v, (Dim)d, s->next->name, &want))
        d++;
    if (d == DIM_FACTS || !want)
        return false;
    bool ok;
    if (cover(v, s->name, (Dim)d, want, lines, n, out, at, &ok) == want)
        return ok;
    const PriorFact *total = NULL;
    for (int i = 0; i < n && !total; i++) {
        const PathSeg *p = lines[i].segs;
        if (p && p->name && strcmp(p->name, s->name) == 0 && p->next && p->next->name &&
            strcmp(p->next->name, "合计") == 0 && !p->next->next)
            total = &lines[i];
    }
    Dec all;
    Loc all_at;
    WordSet whole = vocab_all(v, (Dim)d);
    if (!total || (cover(v, s->name, (Dim)d, whole, lines, n, &all, &all_at, &ok), !ok) ||
        !dec_eq(all, total->amount))
        return false;
    /* the stated parts are the whole total: WORD is the lines inside it
     * and zero, unless a line holds part of it only */
    Dec sum = dec_zero();
    WordSet ws;
    for (int i = 0; i < n; i++)
        if (line_of(v, &lines[i], s->name, (Dim)d, &ws) && (ws & want)) {
            if (ws & ~want)
                return false;
        }
    WordSet got = cover(v, s->name, (Dim)d, want, lines, n, &sum, at, &ok);
    if (!ok)
        return false;
    if (!got)
        *at = total->amount_loc;
    *out = sum;
    return true;
}

/* 上年.X: the `prior` line of X (the department's, or in a unit's context
 * the unit's own), else X in last year's budget (the unit of the same id). */
static ValueStatus prior(V *v, const PathSeg *s)
{
    if (!s)
        return fail(v, "write 上年.<figure>, e.g. 上年.支出.合计");
    char text[256];
    path_text(v->m->vocab, s, text, sizeof text);
    const Unit *u = v->ctx.unit >= 0 ? &v->m->units[v->ctx.unit] : NULL;
    const PriorFact *lines = u ? u->prior : v->m->prior;
    int n = u ? u->nprior : v->m->nprior;
    for (int i = 0; i < n; i++)
        if (strcmp(lines[i].path, text) == 0) {
            value_take(v, true, lines[i].amount, lines[i].amount_loc);
            return VAL_OK;
        }
    Dec parts;
    Loc parts_at;
    if (prior_parts(v->m->vocab, s, lines, n, &parts, &parts_at)) {
        value_take(v, true, parts, parts_at);
        return VAL_OK;
    }
    if (v->m->prior_model) { /* prior "FILE": ask last year's budget */
        Dec x;
        Loc at;
        int pu = u ? value_prior_unit(v->m->prior_model, u) : -1;
        if (u && pu < 0) {
            snprintf(v->msg, v->msgn,
                     _("last year's budget has no unit %s, so its %s is not known; add it to a "
                       "'prior' block in unit %s"),
                     u->id, text, u->id);
            return VAL_NO_PRIOR;
        }
        ValueStatus st = prior_value(v, v->m->prior_model, s, (ValueCtx){pu, -1}, &x, v->msg,
                                     v->msgn);
        (void)at;
        if (st == VAL_OK)
            value_take(v, true, x, v->m->prior_loc);
        return st;
    }
    if (u)
        snprintf(v->msg, v->msgn,
                 _("last year's %s of unit %s is not stated; add it to a 'prior' block in unit %s "
                   "(the department's 'prior' lines are the whole department's)"),
                 text, u->id, u->id);
    else
        snprintf(v->msg, v->msgn, _("last year's %s is not stated; add it to the 'prior' block"),
                 text);
    return VAL_NO_PRIOR;
}

/* 预算.X: X in the budget a 决算 executes (budget "FILE"), of the unit of
 * the same id in a unit's context. */
static ValueStatus budgeted(V *v, const PathSeg *s)
{
    if (!s)
        return fail(v, "write 预算.<figure>, e.g. 预算.支出.合计");
    const Model *b = v->m->budget_model;
    const Unit *u = v->ctx.unit >= 0 ? &v->m->units[v->ctx.unit] : NULL;
    if (!v->m->final)
        return fail(v, "预算.… is the budget a 决算 executes; this is a budget itself (its "
                       "figures are named without 预算.)");
    if (!b) {
        snprintf(v->msg, v->msgn, _("the budget this 决算 executes is not named; add "
                                  "budget \"FILE\" to the department"));
        return VAL_NO_PRIOR;
    }
    int bu = u ? value_prior_unit(b, u) : -1;
    if (u && bu < 0) {
        snprintf(v->msg, v->msgn, _("the budget has no unit %s, so its 年初预算 is not known"),
                 u->id);
        return VAL_NO_PRIOR;
    }
    Dec x;
    ValueStatus st = model_value(b, s, (ValueCtx){bu, -1}, &x, NULL, NULL, v->msg, v->msgn);
    if (st == VAL_OK)
        value_take(v, true, x, v->m->budget_loc);
    return st;
}

/* 完成率.X: X in percent of 预算.X, 2 decimals (四舍五入): the 完成年初预算的
 * XX% of a 决算's 说明. */
static ValueStatus completion(V *v, const PathSeg *root, const PathSeg *s)
{
    if (!s)
        return fail(v, "write 完成率.<figure>, e.g. 完成率.支出.合计");
    Dec now, plan, scaled, rate;
    Loc at;
    ValueStatus st = model_value(v->m, s, v->ctx, &now, &at, v->trace, v->msg, v->msgn);
    if (st != VAL_OK)
        return st;
    PathSeg plan_seg = {.name = "预算", .loc = root->loc, .next = (PathSeg *)s};
    st = model_value(v->m, &plan_seg, v->ctx, &plan, NULL, v->trace, v->msg, v->msgn);
    if (st != VAL_OK)
        return st;
    if (dec_is_zero(plan)) {
        snprintf(v->msg, v->msgn, _("the budget's figure is 0: a rate of completion has no value"));
        return VAL_NO_VALUE;
    }
    if (dec_mul(now, dec_from_int(100), &scaled) != DEC_OK ||
        dec_div_round(scaled, plan, 2, &rate) != DEC_OK) {
        snprintf(v->msg, v->msgn, _("the rate of completion cannot be computed"));
        return VAL_ARITH;
    }
    v->sum = rate;
    v->where = at;
    v->found = true;
    return VAL_OK;
}

/* The words of paths after 采购, 资产 and 项目 (the path language's own). */
static const char *const procurement_words[] = {"中小微", "货物", "工程", "服务", "总额", "拟购置",
                                                "合同", "占比"};
static const char *const more_words[] = {"数量", "预算", "采购"};

/* The words of paths after a root into WORDS (MODEL_PATH_WORDS_MAX):
 * 合计, the words and groups of the facts' vocabularies, the rows of the
 * asset table and the path language's own words; with SELF_EVAL, the
 * figures of the 绩效自评 and its grades too. */
static int path_words(const Vocab *v, const char **words, bool self_eval)
{
    int nw = 0;
    words[nw++] = "合计";
    for (int d = 0; d < DIM_FACTS; d++) {
        for (int i = 0; i < v->dim[d].n; i++)
            words[nw++] = v->dim[d].words[i].name;
        for (int i = 0; i < v->dim[d].nnames; i++) {
            WordSet g = v->dim[d].names[i].set;
            if (g & (g - 1)) /* a group, not another spelling */
                words[nw++] = v->dim[d].names[i].name;
        }
    }
    for (size_t i = 0; i < sizeof procurement_words / sizeof procurement_words[0]; i++)
        words[nw++] = procurement_words[i];
    for (int i = 0; i < v->dim[DIM_ASSET].n; i++)
        words[nw++] = v->dim[DIM_ASSET].words[i].name;
    for (int i = 0; i < v->dim[DIM_PROCURED].n; i++)
        words[nw++] = v->dim[DIM_PROCURED].words[i].name;
    for (size_t i = 0; i < sizeof more_words / sizeof more_words[0]; i++)
        words[nw++] = more_words[i];
    if (self_eval) {
        words[nw++] = "金额";
        words[nw++] = "平均分";
        words[nw++] = "目标";
        words[nw++] = "跟踪";
        words[nw++] = "问题";
        words[nw++] = "已整改";
        words[nw++] = "整改中";
        for (int i = 0; i < v->dim[DIM_GRADE].n; i++)
            words[nw++] = v->dim[DIM_GRADE].words[i].name;
    }
    return nw;
}

int model_path_words(const Vocab *v, const char **words)
{
    return path_words(v, words, true);
}

const char *const *model_path_roots(int *n)
{
    *n = (int)(sizeof roots / sizeof roots[0]);
    return roots;
}

/* Appends "; did you mean 'X'?" to MSG for the first misspelt word of PATH:
 * the nearest of 合计, the words and groups of the facts' vocabularies, the
 * rows of the asset table and the other words of paths. */
static void suggest_word(const Vocab *v, const PathSeg *path, char *msg, size_t n)
{
    if (path && path->name && (strcmp(path->name, "上年") == 0 || strcmp(path->name, "预算") == 0))
        path = path->next; /* 上年.支出.合计: the root is 支出 */
    const char *words[MODEL_PATH_WORDS_MAX];
    int nw = path_words(v, words, false);
    for (const PathSeg *s = path ? path->next : NULL; s; s = s->next) {
        if (!s->name)
            continue;
        bool known = false;
        WordSet set;
        for (int d = 0; d < DIM__COUNT && !known; d++)
            known = vocab_set(v, (Dim)d, s->name, &set);
        for (int i = 0; i < nw && !known; i++)
            known = strcmp(s->name, words[i]) == 0;
        if (known)
            continue;
        const char *best = text_nearest(s->name, words, nw, 0);
        if (best) {
            size_t o = strlen(msg);
            snprintf(msg + o, n - o, _("; did you mean '%s'?"), best);
        }
        return;
    }
}

/* 增减.X = X − 上年.X; 增减率.X = that in percent of 上年.X, 2 decimals
 * (四舍五入): the 比上年增减 the disclosure states. */
static ValueStatus change(V *v, const PathSeg *root, const PathSeg *s, bool rate)
{
    if (!s)
        return fail(v, "write %s.<figure>, e.g. %s.支出.合计", root->name, root->name);
    Dec now, last, diff;
    Loc at;
    ValueStatus st = model_value(v->m, s, v->ctx, &now, &at, v->trace, v->msg, v->msgn);
    if (st != VAL_OK)
        return st;
    PathSeg prior_seg = {.name = "上年", .loc = root->loc, .next = (PathSeg *)s};
    st = model_value(v->m, &prior_seg, v->ctx, &last, NULL, v->trace, v->msg, v->msgn);
    if (st != VAL_OK)
        return st;
    if (dec_sub(now, last, &diff) != DEC_OK) {
        snprintf(v->msg, v->msgn, _("the change overflows"));
        return VAL_ARITH;
    }
    if (rate) {
        Dec hundred = dec_from_int(100), scaled;
        if (dec_is_zero(last)) {
            snprintf(v->msg, v->msgn, _("last year's figure is 0: a rate of change has no value"));
            return VAL_NO_VALUE;
        }
        if (dec_mul(diff, hundred, &scaled) != DEC_OK || dec_div_round(scaled, last, 2, &diff) != DEC_OK) {
            snprintf(v->msg, v->msgn, _("the rate of change cannot be computed"));
            return VAL_ARITH;
        }
    }
    v->sum = diff;
    v->where = at;
    v->found = true;
    return VAL_OK;
}

ValueStatus model_value(const Model *m, const PathSeg *path, ValueCtx ctx, Dec *out, Loc *where,
                        Trace *trace, char *msg, size_t msgn)
{
    V v = {m, ctx, trace, dec_zero(), m->dept_loc, false, msg, msgn};
    msg[0] = '\0';
    const char *root = seg_name(path);
    ValueStatus st;
    if (!root)
        return fail(&v, "a path starts with a name such as 支出 or 三公");
    const PathSeg *rest = path->next;
    if (figure_root(root, NULL))
        st = facts(&v, path);
    else if (strcmp(root, "采购") == 0)
        st = procurement(&v, rest);
    else if (strcmp(root, "资产") == 0)
        st = assets(&v, rest);
    else if (strcmp(root, "项目") == 0)
        st = projects(&v, rest);
    else if (strcmp(root, "单位") == 0)
        st = units(&v, rest);
    else if (strcmp(root, "上年") == 0)
        st = prior(&v, rest);
    else if (strcmp(root, "增减") == 0 || strcmp(root, "增减率") == 0)
        st = change(&v, path, rest, strcmp(root, "增减率") == 0);
    else if (strcmp(root, "预算") == 0)
        st = budgeted(&v, rest);
    else if (strcmp(root, "完成率") == 0)
        st = completion(&v, path, rest);
    else if (strcmp(root, "自评") == 0)
        st = value_evaluations(&v, rest);
    else {
        const char *best = text_nearest(root, roots, (int)(sizeof roots / sizeof roots[0]), 2);
        if (best)
            return fail(&v, "unknown figure '%s'; did you mean '%s'?", root, best);
        return fail(&v, "unknown figure '%s'; figures start with 收入, 支出, 基本支出, "
                        "机关运行经费, 三公, 年终结转, 采购, 资产, 项目, 单位 or 上年",
                    root);
    }
    if (st == VAL_UNKNOWN_PATH)
        suggest_word(m->vocab, path, msg, msgn);
    if (st != VAL_OK)
        return st;
    *out = v.sum;
    if (where)
        *where = v.where;
    return VAL_OK;
}

ValueStatus model_eval(const Model *m, const Expr *e, ValueCtx ctx, Dec *out, Loc *where,
                       bool *has_div, char *msg, size_t msgn)
{
    Dec a, b;
    Loc wa = {0}, wb = {0};
    ValueStatus st;
    DecStatus ds = DEC_OK;
    switch (e->kind) {
    case E_NUMBER:
        *out = e->atom->num;
        if (where)
            *where = e->loc;
        return VAL_OK;
    case E_PATH:
        return model_value(m, e->atom->path, ctx, out, where, NULL, msg, msgn);
    case E_NEG:
        if ((st = model_eval(m, e->lhs, ctx, &a, where, has_div, msg, msgn)) != VAL_OK)
            return st;
        ds = dec_neg(a, out);
        break;
    case E_BINARY:
        if ((st = model_eval(m, e->lhs, ctx, &a, &wa, has_div, msg, msgn)) != VAL_OK)
            return st;
        if ((st = model_eval(m, e->rhs, ctx, &b, &wb, has_div, msg, msgn)) != VAL_OK)
            return st;
        if (where)
            *where = e->lhs->kind == E_NUMBER ? wb : wa;
        switch (e->binop) {
        case '+': ds = dec_add(a, b, out); break;
        case '-': ds = dec_sub(a, b, out); break;
        case '*':
            ds = dec_mul(a, b, out);
            if (ds == DEC_OK && out->scale > 6)
                ds = dec_round(*out, 6, out);
            break;
        case '/':
            if (has_div)
                *has_div = true;
            ds = dec_div_round(a, b, 6, out);
            break;
        case 'c': {
            int c = dec_cmp(a, b);
            bool r = false;
            switch (e->cmp) {
            case OP_EQ: r = c == 0; break;
            case OP_NE: r = c != 0; break;
            case OP_LT: r = c < 0; break;
            case OP_LE: r = c <= 0; break;
            case OP_GT: r = c > 0; break;
            case OP_GE: r = c >= 0; break;
            }
            *out = dec_from_int(r);
            break;
        }
        default: break;
        }
        break;
    }
    if (ds != DEC_OK) {
        snprintf(msg, msgn, _("the arithmetic fails: %s"), dec_status_str(ds));
        return VAL_ARITH;
    }
    return VAL_OK;
}

/* ---- rendering narrative text ------------------------------------------------ */

typedef struct Buf {
    char *s;
    size_t n, cap;
} Buf;

static void buf_add(Buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        while (cap < b->n + n + 1)
            cap *= 2;
        b->s = xrealloc(b->s, cap);
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

bool model_quote_value(const Model *m, const Expr *e, ValueCtx ctx, Dec *out)
{
    char msg[256];
    bool has_div = false;
    const Expr *value = e;
    int scale = -1;
    if (e->kind == E_BINARY && e->binop == 'c' && e->cmp == OP_EQ) {
        /* {figure = printed}: shown with the printed decimals.  The printed
         * number may be negative (a decrease, {增减.X = -1.50}): a literal
         * under its minus, as the checker reads it (narrative.c). */
        const Expr *printed = e->rhs;
        if (printed->kind == E_NEG)
            printed = printed->lhs;
        if (printed->kind == E_NUMBER) {
            value = e->lhs;
            scale = printed->atom->num.scale;
        }
    }
    Dec v;
    if (model_eval(m, value, ctx, &v, NULL, &has_div, msg, sizeof msg) != VAL_OK)
        return false;
    if (scale < 0 && has_div)
        scale = 2;
    if (scale >= 0 && v.scale != scale && dec_round(v, scale, &v) != DEC_OK)
        return false;
    *out = v;
    return true;
}

const char *model_render(Model *m, ValueCtx ctx, const TextPart *parts)
{
    Buf b = {0};
    buf_add(&b, "", 0);
    for (const TextPart *p = parts; p; p = p->next) {
        if (p->text) {
            buf_add(&b, p->text, strlen(p->text));
            continue;
        }
        Dec v;
        char num[DEC_FMT_MAX];
        if (p->expr && model_quote_value(m, p->expr, ctx, &v)) {
            dec_format(v, num, sizeof num);
            buf_add(&b, num, strlen(num));
        } else {
            buf_add(&b, "?", 1);
        }
    }
    const char *s = arena_strdup(&m->arena, b.s);
    free(b.s);
    return s;
}
