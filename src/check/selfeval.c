/*
 * selfeval.c — the 绩效自评 of a 决算's projects (`result SCORE GRADE { … }`,
 * docs/final-accounts.md):
 *   - the grade is a word of the grade vocabulary, the one whose band holds
 *     the score (E-GRADE);
 *   - each indicator named is one of the budget's project of that name
 *     (W-RESULT-INDICATOR), and what it achieved meets its target's
 *     comparison, or a paragraph of the 说明 names the project and gives a
 *     reason (W-TARGET-MISSED, with a note at the budget's target).
 * The counts, the amount and the mean score the 说明 quotes (自评.…) are
 * checked as every quote is (narrative.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/passes.h"
#include "check/report.h"

/* The grade whose band holds SCORE: the word with the highest lowest
 * score (its first number) not above it, or -1. */
static int grade_of(const Vocab *v, Dec score)
{
    int best = -1;
    Dec best_from = dec_zero();
    for (int i = 0; i < v->dim[DIM_GRADE].n; i++) {
        const Word *w = &v->dim[DIM_GRADE].words[i];
        Dec from;
        if (w->nprefixes < 1 || dec_parse(w->prefixes[0], strlen(w->prefixes[0]), &from) != DEC_OK)
            continue;
        if (dec_cmp(from, score) <= 0 && (best < 0 || dec_cmp(from, best_from) > 0)) {
            best = i;
            best_from = from;
        }
    }
    return best;
}

static void check_grade(const Model *m, DiagCtx *d, const Project *p)
{
    const Vocab *v = m->vocab;
    int g = vocab_word(v, DIM_GRADE, p->grade);
    if (g < 0) {
        char all[256] = "";
        size_t o = 0;
        for (int i = 0; i < v->dim[DIM_GRADE].n && o < sizeof all; i++)
            o += (size_t)snprintf(all + o, sizeof all - o, "%s%s",
                                  i == 0 ? "" : i == v->dim[DIM_GRADE].n - 1 ? " or " : ", ",
                                  v->dim[DIM_GRADE].words[i].name);
        diag_error(d, p->grade_loc, "E-GRADE", "unknown 绩效评级 '%s'; write %s", p->grade, all);
        return;
    }
    int want = grade_of(v, p->score);
    if (want < 0 || want == g)
        return;
    char s[DEC_FMT_MAX];
    const Word *w = &v->dim[DIM_GRADE].words[want];
    diag_error(d, p->grade_loc, "E-GRADE",
               "project '%s' scored %s, which is graded %s (from %s), not %s", p->name,
               fmt_money(p->score, s), w->name, w->prefixes[0], p->grade);
}

/* The project of budget B with P's name, of the unit with P's unit's id. */
static const Project *budget_project(const Model *m, const Model *b, const Project *p)
{
    for (int i = 0; i < b->nprojects; i++)
        if (strcmp(b->projects[i].name, p->name) == 0 &&
            strcmp(b->units[b->projects[i].unit].id, m->units[p->unit].id) == 0)
            return &b->projects[i];
    return NULL;
}

/* Whether A meets the target T (both numbers). */
static bool meets(const IndValue *a, const IndValue *t)
{
    int c = dec_cmp(a->num, t->num);
    switch (t->op) {
    case OP_GE: return c >= 0;
    case OP_GT: return c > 0;
    case OP_LE: return c <= 0;
    case OP_LT: return c < 0;
    case OP_NE: return c != 0;
    default: return c == 0;
    }
}

/* Whether a paragraph of narrative N names project P and gives a reason
 * (a word of the reason vocabulary): the 说明 says why a target was missed. */
static bool explained_in(const Model *m, const Narrative *n, const Project *p)
{
    for (int i = 0; i < n->nparas; i++) {
        const char *t = n->rendered ? model_text(n, i) : NULL;
        if (!t || !strstr(t, p->name))
            continue;
        for (int k = 0; k < m->vocab->dim[DIM_REASON].n; k++)
            if (strstr(t, m->vocab->dim[DIM_REASON].words[k].name))
                return true;
    }
    return false;
}

static void check_achieved(const Model *m, DiagCtx *d, const Project *p)
{
    const Model *b = m->budget_model;
    const Project *bp = b ? budget_project(m, b, p) : NULL;
    if (!bp)
        return; /* no budget named, or a project it did not plan */
    for (int i = 0; i < p->nach; i++) {
        const Achieved *a = &p->ach[i];
        const Indicator *t = NULL;
        for (int k = 0; k < bp->nind && !t; k++)
            if (strcmp(bp->ind[k].name, a->name) == 0)
                t = &bp->ind[k];
        if (!t) {
            diag_warning(d, a->name_loc, "W-RESULT-INDICATOR",
                         "project '%s' of the budget has no indicator '%s'; name the 三级指标 as "
                         "the budget's 绩效目标表 does",
                         p->name, a->name);
            diag_note(d, bp->indicators_loc.file ? bp->indicators_loc : bp->loc,
                      "the budget's indicators of '%s'", p->name);
            continue;
        }
        if (a->value.kind != IV_NUMBER || t->value.kind != IV_NUMBER)
            continue; /* a qualitative target: its achievement is the grade's business */
        const char *am = a->value.measure ? a->value.measure : "";
        const char *tm = t->value.measure ? t->value.measure : "";
        if (strcmp(am, tm) != 0 || meets(&a->value, &t->value))
            continue;
        if (explained_in(m, model_narrative(m, -1), p) ||
            explained_in(m, model_narrative(m, p->unit), p))
            continue;
        char x[64], y[64];
        diag_warning(d, a->value.loc, "W-TARGET-MISSED",
                     "indicator '%s' of project '%s' achieved %s against a target of %s; say "
                     "why in the 说明 (a paragraph naming the project and its reason), and "
                     "grade the project accordingly",
                     a->name, p->name, indvalue_text(&a->value, x, sizeof x),
                     indvalue_text(&t->value, y, sizeof y));
        diag_note(d, t->value.loc, "the budget's target");
    }
}

/* The problems a project's 绩效自评 found: no more fixed than found. */
static void check_problems(DiagCtx *d, const Project *p)
{
    if (!p->has_problems || dec_cmp(p->fixed, p->found) <= 0)
        return;
    char a[DEC_FMT_MAX], b[DEC_FMT_MAX];
    diag_error(d, p->fixed_loc, "E-PROBLEMS",
               "project '%s' fixed %s problems of the %s its 绩效自评 found; write "
               "problems FOUND FIXED, with no more fixed than found",
               p->name, fmt_dec(p->fixed, a), fmt_dec(p->found, b));
}

/* What an indicator scored: at most its 分值. */
static void check_points(DiagCtx *d, const Project *p)
{
    for (int i = 0; i < p->nach; i++) {
        const Achieved *a = &p->ach[i];
        if (!a->has_points || dec_cmp(a->points, a->weight) <= 0)
            continue;
        char x[DEC_FMT_MAX], y[DEC_FMT_MAX];
        diag_error(d, a->points_loc, "E-RESULT",
                   "indicator '%s' of project '%s' scored %s of its %s points (得分 above 分值)",
                   a->name, p->name, fmt_dec(a->points, x), fmt_dec(a->weight, y));
        diag_note(d, a->weight_loc, "its 分值");
    }
}

int check_selfeval(const Model *m, DiagCtx *d)
{
    int before = d->nerrors;
    for (int i = 0; i < m->nprojects; i++) {
        const Project *p = &m->projects[i];
        check_problems(d, p);
        if (!p->has_result)
            continue;
        check_grade(m, d, p);
        check_achieved(m, d, p);
        check_points(d, p);
    }
    return d->nerrors - before;
}
