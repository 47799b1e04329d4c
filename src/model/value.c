/*
 * model_value.c — the values that narrative quotes and rules name by path
 * (see model.h and docs/language.md section 10).
 *
 *   收入.合计 | 收入.<source>
 *   支出.合计 | 支出.<kind> | 支出.<source> | 支出[code] | 支出[code].<kind>
 *   基本支出.合计 | 基本支出.人员经费 | 基本支出.公用经费 | 基本支出[code]
 *   机关运行经费
 *   三公.合计 | 三公.<item> | 三公.因公出国费 | 三公.公务用车购置及运维费
 *   采购.合计 | 采购.中小微 | 采购.货物 | 采购.工程 | 采购.服务
 *   资产.总额 | 资产.<row> [.数量] | 资产.拟购置
 *   项目.合计 | 项目["name"].预算 | 项目["name"].采购
 *   项目.预算 | 项目.采购 | 项目.中小微      (in a rule: for each project)
 *   上年.<any of the above>                 (the `prior` block, or last year's budget)
 *   增减.<figure>, 增减率.<figure>           (the change from last year, in percent)
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

typedef struct V {
    Model *m;
    ValueCtx ctx;
    Dec sum;
    Loc where;
    bool found;
    char *msg;
    size_t msgn;
} V;

__attribute__((format(printf, 2, 3))) static ValueStatus fail(V *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->msg, v->msgn, fmt, ap);
    va_end(ap);
    return VAL_UNKNOWN_PATH;
}

static void take(V *v, bool unit_ok, Dec x, Loc at)
{
    if (!unit_ok)
        return;
    Model *m = v->m;
    if (m->trace) {
        if (m->ntrace < m->trace_max)
            m->trace[m->ntrace++] = at;
        m->trace_total++;
    }
    dec_acc(&v->sum, x);
    if (!v->found)
        v->where = at;
    v->found = true;
}

static bool scope(const V *v, int unit)
{
    return v->ctx.unit < 0 || v->ctx.unit == unit;
}

static const char *seg_name(const PathSeg *s)
{
    return s && s->name ? s->name : NULL;
}

static const char *const roots[] = {"收入", "支出", "基本支出", "机关运行经费", "三公",
                                    "采购", "资产", "项目", "上年", "增减", "增减率"};

static ValueStatus income(V *v, const PathSeg *s)
{
    const char *w = seg_name(s);
    if (!w || s->next)
        return fail(v, "write 收入.合计 or 收入.<source> (收入.一般公共预算 …)");
    int src = strcmp(w, "合计") == 0 ? -1 : source_lookup(w);
    if (src < 0 && strcmp(w, "合计") != 0)
        return fail(v, "'%s' is not a fund source; write 收入.合计 or 收入.一般公共预算 …", w);
    for (int i = 0; i < v->m->nincome; i++) {
        const Income *in = &v->m->income[i];
        take(v, scope(v, in->unit) && (src < 0 || (int)in->src == src), in->amount, in->amount_loc);
    }
    return VAL_OK;
}

static ValueStatus spending(V *v, const PathSeg *s)
{
    const char *code = NULL;
    if (s && !s->name) {
        code = s->index->text;
        s = s->next;
    }
    const char *w = seg_name(s);
    if (s && (!w || s->next))
        return fail(v, "write 支出.合计, 支出.基本, 支出[207] or 支出[207].基本");
    int kind = -1, src = -1;
    if (w && strcmp(w, "合计") != 0) {
        kind = kind_lookup(w);
        if (kind < 0)
            src = source_lookup(w);
        if (kind < 0 && src < 0)
            return fail(v, "'%s' is neither a kind of expenditure (基本, 项目 …) nor a fund source",
                        w);
    }
    if (!code && !w)
        return fail(v, "write 支出.合计, 支出.基本 or 支出[207]");
    for (int i = 0; i < v->m->nspend; i++) {
        const Spend *f = &v->m->spend[i];
        bool ok = scope(v, f->unit) && (kind < 0 || (int)f->kind == kind) &&
                  (src < 0 || (int)f->src == src) &&
                  (!code || strncmp(f->code, code, strlen(code)) == 0);
        take(v, ok, f->amount, f->amount_loc);
    }
    return VAL_OK;
}

static ValueStatus basic(V *v, const PathSeg *s, bool public_only)
{
    const char *code = NULL;
    int cls = public_only ? EC_PUBLIC : -1;
    if (!public_only) {
        if (s && !s->name) {
            code = s->index->text;
            s = s->next;
        }
        const char *w = seg_name(s);
        if ((s && (!w || s->next)) || (!code && !w))
            return fail(v, "write 基本支出.合计, 基本支出.人员经费, 基本支出.公用经费 or "
                           "基本支出[30201]");
        if (w && strcmp(w, "人员经费") == 0)
            cls = EC_PERSONNEL;
        else if (w && strcmp(w, "公用经费") == 0)
            cls = EC_PUBLIC;
        else if (w && strcmp(w, "合计") != 0)
            return fail(v, "'%s' is not a part of 基本支出; write 合计, 人员经费 or 公用经费", w);
    } else if (s) {
        return fail(v, "机关运行经费 has no parts");
    }
    /* Table 6 is 一般公共预算 only; so is 机关运行经费, which covers the
     * 公用经费 of 行政 and 参公事业 units (all units when there is none:
     * W-ADMIN-COST-SCOPE says that this is outside its definition). */
    bool admin_only = public_only && model_has_admin_unit(v->m);
    for (int i = 0; i < v->m->necon; i++) {
        const Econ *e = &v->m->econ[i];
        bool ok = scope(v, e->unit) && e->src == SRC_GP && (cls < 0 || (int)e->cls == cls) &&
                  (!admin_only || unit_is_admin(&v->m->units[e->unit])) &&
                  (!code || strncmp(e->code, code, strlen(code)) == 0);
        take(v, ok, e->amount, e->amount_loc);
    }
    return VAL_OK;
}

static ValueStatus sangong(V *v, const PathSeg *s)
{
    const char *w = seg_name(s);
    if (!w || s->next)
        return fail(v, "write 三公.合计 or 三公.公务接待费 …");
    unsigned mask = 0;
    if (strcmp(w, "合计") == 0 || strcmp(w, "三公小计") == 0)
        mask = (1u << SG__COUNT) - 1;
    else if (strcmp(w, "因公出国费") == 0 || strcmp(w, "因公出国（境）费") == 0)
        mask = (1u << SG_ABROAD_EDU) | (1u << SG_ABROAD_OTHER);
    else if (strcmp(w, "公务用车购置及运维费") == 0 || strcmp(w, "公务用车费") == 0)
        mask = (1u << SG_CAR_BUY) | (1u << SG_CAR_RUN);
    else if (sg_item_lookup(w) >= 0)
        mask = 1u << sg_item_lookup(w);
    else
        return fail(v,
                    "'%s' is not a 三公 item; write 合计, 因公出国费, 公务用车购置及运维费, or an "
                    "item such as 公务接待费",
                    w);
    for (int i = 0; i < v->m->nsangong; i++) {
        const Sangong *g = &v->m->sangong[i];
        take(v, scope(v, g->unit) && (mask & (1u << g->item)), g->amount, g->amount_loc);
    }
    return VAL_OK;
}

static ValueStatus procurement(V *v, const PathSeg *s)
{
    const char *w = seg_name(s);
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
                take(v, true, sme ? u->sme : u->amount, sme ? u->sme_loc : u->amount_loc);
        }
    }
    return VAL_OK;
}

static ValueStatus assets(V *v, const PathSeg *s)
{
    const Assets *a = &v->m->assets;
    const char *w = seg_name(s);
    if (!w)
        return fail(v, "write 资产.总额, 资产.拟购置, 资产.车辆 …");
    if (strcmp(w, "拟购置") == 0) {
        if (s->next)
            return fail(v, "资产.拟购置 has no parts");
        if (!a->has_planned)
            return VAL_NO_VALUE;
        take(v, true, a->planned, a->planned_loc);
        return VAL_OK;
    }
    int row = strcmp(w, "总额") == 0 ? AS_TOTAL : -1;
    for (int r = 0; r < AS__COUNT && row < 0; r++)
        if (strcmp(w, asset_row_name((AssetRow)r)) == 0)
            row = r;
    if (row < 0)
        return fail(v, "'%s' is not a row of the asset table; write 总额, 房屋, 办公用房, 车辆, "
                       "大型设备, 其他固定资产 or 拟购置",
                    w);
    bool qty = false;
    if (s->next) {
        if (!s->next->name || strcmp(s->next->name, "数量") != 0 || s->next->next)
            return fail(v, "write 资产.%s or 资产.%s.数量", w, w);
        qty = true;
    }
    const StatedCell *c = qty ? &a->qty[row] : &a->value[row];
    if (!a->present || !a->row_written[row] || c->blank)
        return VAL_NO_VALUE;
    take(v, true, c->v, c->loc);
    return VAL_OK;
}

static ValueStatus projects(V *v, const PathSeg *s)
{
    int only = v->ctx.project;
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
        return fail(v, "write 项目.合计, 项目[\"name\"].预算 or 项目[\"name\"].采购");
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
            take(v, true, p->amount, p->amount_loc);
        } else {
            for (int j = 0; j < p->npur; j++) {
                const Purchase *u = &p->pur[j];
                if (which == 1 && u->has_amount)
                    take(v, true, u->amount, u->amount_loc);
                if (which == 2 && u->has_sme)
                    take(v, true, u->sme, u->sme_loc);
            }
            if (!v->found)
                v->where = p->name_loc, v->found = true;
        }
    }
    return VAL_OK;
}

static ValueStatus prior(V *v, const PathSeg *s)
{
    if (!s)
        return fail(v, "write 上年.<figure>, e.g. 上年.支出.合计");
    char text[256];
    path_text(s, text, sizeof text);
    for (int i = 0; i < v->m->nprior; i++)
        if (strcmp(v->m->prior[i].path, text) == 0) {
            take(v, true, v->m->prior[i].amount, v->m->prior[i].amount_loc);
            return VAL_OK;
        }
    if (v->m->prior_model) { /* prior "FILE": ask last year's budget */
        Dec x;
        Loc at;
        ValueStatus st = model_value(v->m->prior_model, s, (ValueCtx){-1, -1}, &x, &at, v->msg,
                                     v->msgn);
        if (st == VAL_OK)
            take(v, true, x, v->m->prior_loc);
        return st;
    }
    snprintf(v->msg, v->msgn, "last year's %s is not stated; add it to the 'prior' block", text);
    return VAL_NO_PRIOR;
}

/* Every word a path may have after its root, for "did you mean". */
static const char *const path_words[] = {
    "合计", "一般公共预算", "政府性基金", "国有资本经营", "财政专户", "事业收入", "经营收入",
    "上级补助", "附属单位上缴", "其他收入", "上年结转", "基本", "项目", "经营", "上缴上级",
    "对附属单位补助", "人员经费", "公用经费", "教学科研人员因公出国费", "其他因公出国费",
    "因公出国费", "公务用车购置费", "公务用车运行维护费", "公务用车购置及运维费", "公务接待费",
    "中小微", "货物", "工程", "服务", "总额", "拟购置", "房屋", "办公用房", "车辆", "大型设备",
    "其他固定资产", "数量", "预算", "采购",
};

/* Appends "; did you mean 'X'?" to MSG for the first misspelt word of PATH. */
static void suggest_word(const PathSeg *path, char *msg, size_t n)
{
    if (path && path->name && strcmp(path->name, "上年") == 0)
        path = path->next; /* 上年.支出.合计: the root is 支出 */
    for (const PathSeg *s = path ? path->next : NULL; s; s = s->next) {
        if (!s->name)
            continue;
        const char *best = NULL;
        int bestd = 99, len = 0;
        for (const char *c = s->name; *c; c++)
            len += ((unsigned char)*c & 0xC0) != 0x80;
        int cap = len / 3 > 1 ? len / 3 : 1;
        bool known = false;
        for (size_t i = 0; i < sizeof path_words / sizeof path_words[0]; i++) {
            int d = text_distance(s->name, path_words[i], cap);
            known |= d == 0;
            if (d > 0 && d <= cap && d < bestd)
                bestd = d, best = path_words[i];
        }
        if (known)
            continue;
        if (best) {
            size_t o = strlen(msg);
            snprintf(msg + o, n - o, "; did you mean '%s'?", best);
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
    ValueStatus st = model_value(v->m, s, v->ctx, &now, &at, v->msg, v->msgn);
    if (st != VAL_OK)
        return st;
    PathSeg prior_seg = {.name = "上年", .loc = root->loc, .next = (PathSeg *)s};
    st = model_value(v->m, &prior_seg, v->ctx, &last, NULL, v->msg, v->msgn);
    if (st != VAL_OK)
        return st;
    if (dec_sub(now, last, &diff) != DEC_OK) {
        snprintf(v->msg, v->msgn, "the change overflows");
        return VAL_ARITH;
    }
    if (rate) {
        Dec hundred = dec_from_int(100), scaled;
        if (dec_is_zero(last)) {
            snprintf(v->msg, v->msgn, "last year's figure is 0: a rate of change has no value");
            return VAL_NO_VALUE;
        }
        if (dec_mul(diff, hundred, &scaled) != DEC_OK || dec_div_round(scaled, last, 2, &diff) != DEC_OK) {
            snprintf(v->msg, v->msgn, "the rate of change cannot be computed");
            return VAL_ARITH;
        }
    }
    v->sum = diff;
    v->where = at;
    v->found = true;
    return VAL_OK;
}

ValueStatus model_value(Model *m, const PathSeg *path, ValueCtx ctx, Dec *out, Loc *where, char *msg,
                        size_t msgn)
{
    V v = {m, ctx, dec_zero(), m->dept_loc, false, msg, msgn};
    msg[0] = '\0';
    const char *root = seg_name(path);
    ValueStatus st;
    if (!root)
        return fail(&v, "a path starts with a name such as 支出 or 三公");
    const PathSeg *rest = path->next;
    if (strcmp(root, "收入") == 0)
        st = income(&v, rest);
    else if (strcmp(root, "支出") == 0)
        st = spending(&v, rest);
    else if (strcmp(root, "基本支出") == 0)
        st = basic(&v, rest, false);
    else if (strcmp(root, "机关运行经费") == 0)
        st = basic(&v, rest, true);
    else if (strcmp(root, "三公") == 0 || strcmp(root, "三公经费") == 0)
        st = sangong(&v, rest);
    else if (strcmp(root, "采购") == 0)
        st = procurement(&v, rest);
    else if (strcmp(root, "资产") == 0)
        st = assets(&v, rest);
    else if (strcmp(root, "项目") == 0)
        st = projects(&v, rest);
    else if (strcmp(root, "上年") == 0)
        st = prior(&v, rest);
    else if (strcmp(root, "增减") == 0 || strcmp(root, "增减率") == 0)
        st = change(&v, path, rest, strcmp(root, "增减率") == 0);
    else {
        const char *best = NULL;
        int bestd = 3;
        for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++) {
            int d = text_distance(root, roots[i], 2);
            if (d < bestd)
                bestd = d, best = roots[i];
        }
        if (best)
            return fail(&v, "unknown figure '%s'; did you mean '%s'?", root, best);
        return fail(&v, "unknown figure '%s'; figures start with 收入, 支出, 基本支出, "
                        "机关运行经费, 三公, 采购, 资产, 项目 or 上年",
                    root);
    }
    if (st == VAL_UNKNOWN_PATH)
        suggest_word(path, msg, msgn);
    if (st != VAL_OK)
        return st;
    *out = v.sum;
    if (where)
        *where = v.where;
    return VAL_OK;
}

ValueStatus model_eval(Model *m, const Expr *e, ValueCtx ctx, Dec *out, Loc *where, bool *has_div,
                       char *msg, size_t msgn)
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
        return model_value(m, e->atom->path, ctx, out, where, msg, msgn);
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
        snprintf(msg, msgn, "the arithmetic fails: %s", dec_status_str(ds));
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

bool model_quote_value(Model *m, const Expr *e, Dec *out)
{
    char msg[256];
    bool has_div = false;
    const Expr *value = e;
    int scale = -1;
    if (e->kind == E_BINARY && e->binop == 'c' && e->cmp == OP_EQ && e->rhs->kind == E_NUMBER) {
        value = e->lhs; /* {figure = printed}: shown with the printed decimals */
        scale = e->rhs->atom->num.scale;
    }
    Dec v;
    if (model_eval(m, value, (ValueCtx){-1, -1}, &v, NULL, &has_div, msg, sizeof msg) != VAL_OK)
        return false;
    if (scale < 0 && has_div)
        scale = 2;
    if (scale >= 0 && v.scale != scale && dec_round(v, scale, &v) != DEC_OK)
        return false;
    *out = v;
    return true;
}

const char *model_render(Model *m, const TextPart *parts)
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
        if (p->expr && model_quote_value(m, p->expr, &v)) {
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
