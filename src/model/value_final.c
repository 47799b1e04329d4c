/*
 * value_final.c — the figures of the path language that only a 决算 has
 * (see value.c and docs/final-accounts.md):
 *
 *   采购.合同.<row> [.占比]                 its 政府采购 actuals (`procurement`)
 *   自评.数量 | 自评.金额 | 自评.平均分 | 自评.<grade>
 *   自评.目标.数量 | 自评.目标.金额 | 自评.跟踪.数量 | 自评.跟踪.金额
 *   自评.问题 | 自评.已整改 | 自评.整改中
 */
#include "model/value_impl.h"

/* 采购.合同.ROW: a row of a 决算's 政府采购 actuals; 采购.合同.ROW.占比: it
 * in percent of the row it is a part of, 2 decimals (四舍五入). */
ValueStatus value_actuals(V *v, const PathSeg *s)
{
    const Procured *pr = &v->m->procured;
    const Vocab1 *rows = &v->m->vocab->dim[DIM_PROCURED];
    const char *w = seg_name(s);
    if (!w)
        return fail(v, "write 采购.合同.合计, 采购.合同.货物, 采购.合同.中小企业 … (the rows of "
                       "the 'procurement' block)");
    if (v->ctx.unit >= 0)
        return fail(v, "采购.合同 is the department's 政府采购 actuals (the 'procurement' block), "
                       "not unit %s's: quote it in the department's narrative",
                    v->m->units[v->ctx.unit].id);
    int r = vocab_word(v->m->vocab, DIM_PROCURED, w);
    if (r < 0) {
        const char *names[VOCAB_MAX_WORDS];
        for (int i = 0; i < rows->n; i++)
            names[i] = rows->words[i].name;
        const char *best = text_nearest(w, names, rows->n, 1);
        if (best)
            return fail(v, "'%s' is not a row of the 政府采购 actuals; did you mean '%s'?", w, best);
        return fail(v, "'%s' is not a row of the 政府采购 actuals (合计, 货物, 工程, 服务, 中小企业, "
                       "小微企业, 预留中小企业 …)", w);
    }
    const char *more = seg_name(s->next);
    if (s->next && (!more || strcmp(more, "占比") != 0 || s->next->next))
        return fail(v, "write 采购.合同.%s or 采购.合同.%s.占比", w, w);
    if (!pr->present) {
        snprintf(v->msg, v->msgn, _("the 决算 states no 政府采购 actuals; add a 'procurement' block"));
        return VAL_NO_VALUE;
    }
    if (!pr->written[r]) {
        snprintf(v->msg, v->msgn, _("the 'procurement' block has no row %s"), rows->words[r].name);
        return VAL_NO_VALUE;
    }
    if (!s->next) {
        value_take(v, true, pr->amount[r], pr->amount_loc[r]);
        return VAL_OK;
    }
    int whole = procured_whole(v->m, r);
    if (whole < 0)
        return fail(v, "%s is not a part of another row of the 政府采购 actuals: it has no 占比", w);
    if (!pr->written[whole]) {
        snprintf(v->msg, v->msgn, _("the 'procurement' block has no row %s, of which %s is a part"),
                 rows->words[whole].name, rows->words[r].name);
        return VAL_NO_VALUE;
    }
    Dec scaled, rate;
    if (dec_is_zero(pr->amount[whole])) {
        snprintf(v->msg, v->msgn, _("%s is 0: a share of it has no value"), rows->words[whole].name);
        return VAL_NO_VALUE;
    }
    if (dec_mul(pr->amount[r], dec_from_int(100), &scaled) != DEC_OK ||
        dec_div_round(scaled, pr->amount[whole], 2, &rate) != DEC_OK) {
        snprintf(v->msg, v->msgn, _("the share cannot be computed"));
        return VAL_ARITH;
    }
    trace_add(v->trace, pr->amount_loc[r]);
    trace_add(v->trace, pr->amount_loc[whole]);
    v->sum = rate;
    v->where = pr->amount_loc[r];
    v->found = true;
    return VAL_OK;
}

/* 自评.目标.数量, 自评.目标.金额: the projects of the budget the 决算
 * executes that have 绩效目标 (a goal or indicators); 自评.跟踪.…: the
 * 决算's projects under 绩效跟踪 (tracked). */
static ValueStatus followed(V *v, bool goals, const PathSeg *s)
{
    const char *w = seg_name(s);
    bool amount = w && strcmp(w, "金额") == 0;
    if (!w || s->next || (!amount && strcmp(w, "数量") != 0))
        return fail(v, "write 自评.%s.数量 or 自评.%s.金额", goals ? "目标" : "跟踪",
                    goals ? "目标" : "跟踪");
    const Model *m = v->m;
    int unit = v->ctx.unit;
    if (goals) {
        m = v->m->budget_model;
        if (!m) {
            snprintf(v->msg, v->msgn, _("the budget this 决算 executes is not named, so its "
                                      "projects with 绩效目标 are not known; add budget \"FILE\" "
                                      "to the department"));
            return VAL_NO_PRIOR;
        }
        if (unit >= 0) {
            unit = value_prior_unit(m, &v->m->units[unit]);
            if (unit < 0) {
                snprintf(v->msg, v->msgn, _("the budget has no unit %s, so its projects are not "
                                          "known"), v->m->units[v->ctx.unit].id);
                return VAL_NO_PRIOR;
            }
        }
    }
    int n = 0;
    Loc first = v->m->dept_loc;
    Dec sum = dec_zero();
    for (int i = 0; i < m->nprojects; i++) {
        const Project *p = &m->projects[i];
        if ((unit >= 0 && p->unit != unit) || (goals ? !p->goal && p->nind == 0 : !p->tracked))
            continue;
        if (amount && !p->has_amount)
            continue;
        Loc at = amount ? p->amount_loc : goals ? p->name_loc : p->tracked_loc;
        if (goals) { /* the budget's project: the 决算 traces it to its budget line */
            if (n++ == 0) {
                first = v->m->budget_loc;
                trace_add(v->trace, first);
            }
        } else
            value_counted(v, &n, &first, at);
        if (amount && !dec_acc(&sum, p->amount)) {
            snprintf(v->msg, v->msgn, _("the sum overflows"));
            return VAL_ARITH;
        }
    }
    if (!amount)
        return value_count(v, n, first);
    v->sum = sum;
    v->where = first;
    v->found = true;
    return VAL_OK;
}

/* 自评.问题, 自评.已整改, 自评.整改中: the problems the 绩效自评 found, those
 * fixed, and those still being fixed (found − fixed), over the projects. */
static ValueStatus problems(V *v, int which)
{
    int n = 0;
    Loc first = v->m->dept_loc;
    Dec sum = dec_zero();
    for (int i = 0; i < v->m->nprojects; i++) {
        const Project *p = &v->m->projects[i];
        if (!p->has_problems || !scope(v, p->unit))
            continue;
        Dec x = which == 0 ? p->found : p->fixed;
        if (which == 2 && dec_sub(p->found, p->fixed, &x) != DEC_OK)
            x = dec_zero();
        value_counted(v, &n, &first, which == 1 ? p->fixed_loc : p->found_loc);
        if (!dec_acc(&sum, x)) {
            snprintf(v->msg, v->msgn, _("the sum overflows"));
            return VAL_ARITH;
        }
    }
    v->sum = sum;
    v->where = first;
    v->found = true;
    return VAL_OK;
}

/* 自评.…: the projects with a 绩效自评 (result) of the context. */
ValueStatus value_evaluations(V *v, const PathSeg *s)
{
    const char *w = seg_name(s);
    if (w && (strcmp(w, "目标") == 0 || strcmp(w, "跟踪") == 0))
        return followed(v, strcmp(w, "目标") == 0, s->next);
    int which = !w || s->next ? -1 : strcmp(w, "问题") == 0 ? 0 : strcmp(w, "已整改") == 0 ? 1
                                   : strcmp(w, "整改中") == 0 ? 2 : -1;
    if (which >= 0)
        return problems(v, which);
    if (!w || s->next)
        return fail(v, "write 自评.数量, 自评.金额, 自评.平均分 or 自评.<grade> (自评.优 …)");
    bool amount = strcmp(w, "金额") == 0, mean = strcmp(w, "平均分") == 0,
         all = strcmp(w, "数量") == 0;
    int grade = vocab_word(v->m->vocab, DIM_GRADE, w);
    if (!amount && !mean && !all && grade < 0)
        return fail(v, "'%s' is not a figure of the 绩效自评; write 数量, 金额, 平均分, a grade "
                       "(the grade vocabulary: 优 …), 目标.数量, 跟踪.数量, 问题, 已整改 or 整改中",
                    w);
    int n = 0;
    Loc first = v->m->dept_loc;
    Dec sum = dec_zero();
    for (int i = 0; i < v->m->nprojects; i++) {
        const Project *p = &v->m->projects[i];
        if (!p->has_result || !scope(v, p->unit))
            continue;
        if (grade >= 0 && strcmp(p->grade, vocab_name(v->m->vocab, DIM_GRADE, grade)) != 0)
            continue;
        if (amount && !p->has_amount)
            continue;
        value_counted(v, &n, &first, amount ? p->amount_loc : mean ? p->score_loc : p->grade_loc);
        if ((amount || mean) && !dec_acc(&sum, amount ? p->amount : p->score)) {
            snprintf(v->msg, v->msgn, _("the sum overflows"));
            return VAL_ARITH;
        }
    }
    if (!amount && !mean)
        return value_count(v, n, first);
    if (mean) {
        if (n == 0) {
            snprintf(v->msg, v->msgn, _("no project has a 绩效自评: a mean score has no value"));
            return VAL_NO_VALUE;
        }
        if (dec_div_round(sum, dec_from_int(n), 2, &sum) != DEC_OK) {
            snprintf(v->msg, v->msgn, _("the mean score cannot be computed"));
            return VAL_ARITH;
        }
    }
    v->sum = sum;
    v->where = first;
    v->found = true;
    return VAL_OK;
}

