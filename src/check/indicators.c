/*
 * indicators.c — the 绩效指标 half of check_projects (rules.md
 * section G; projects.c has the rest):
 *
 *   G1  every 二级 is in the indicator catalogue, under the 一级 written;
 *       every table has the three 一级
 *   G2  产出 has 数量, 质量, 时效 and exactly one 成本 row
 *   G3  the 成本指标 against the project's 预算资金
 *   G4  the sum of the 成本指标 against 项目支出
 *   G5  units of measure, percentages in [0, 100] (project rows and the
 *       部门整体 targets)
 *   G6  qualitative values from the phrase catalogue (likewise)
 *   G7  a 成本 description that names another project
 *
 * Catalogues a budget does not load (its own `catalog` files replace the
 * standard library) are not checked against.
 */
#include "check/passes.h"
#include "base/i18n.h"
#include "check/report.h"
#include "model/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the indicator catalogue ---------------------------------------------------- */

static const char OUTPUT[] = "产出指标";

/* The 二级 words of rules.md G2, and the 成本 subtypes of 财预〔2021〕101号. */
static bool is_cost(const char *level2)
{
    static const char *const cost[] = {"成本指标", "经济成本指标", "社会成本指标",
                                       "生态环境成本指标"};
    for (size_t i = 0; i < sizeof cost / sizeof cost[0]; i++)
        if (level2 && strcmp(level2, cost[i]) == 0)
            return true;
    return false;
}

static const Catalog *cat(const Model *m, CatKind k)
{
    return m->cat->k[k].present ? &m->cat->k[k] : NULL;
}

/* The word of entry I when it is a 二级 (it has a 一级), else NULL. */
static const char *level2_at(const void *ctx, int i)
{
    const CatEntry *e = &((const Catalog *)ctx)->entries[i];
    return e->extra ? e->code : NULL;
}

/* The nearest 二级 entry to WORD, as cat_nearest_word. */
static const CatEntry *nearest_level2(const Catalog *c, const char *word)
{
    int i;
    return text_suggest(word, c->n, level2_at, c, 0, &i, 1) ? &c->entries[i] : NULL;
}

/* The entries under PARENT (the 一级 when PARENT is NULL), "数量指标, 质量指标 …". */
static void list_children(const Catalog *c, const char *parent, char *buf, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < c->n && o < n; i++) {
        const char *x = c->entries[i].extra;
        if (parent ? !x || strcmp(x, parent) != 0 : x != NULL)
            continue;
        o += (size_t)snprintf(buf + o, n - o, "%s%s", o ? ", " : "", c->entries[i].code);
    }
}

/* The 一级 of row IN: its 二级's parent, else the 一级 written when it is one. */
static const char *row_level1(const Catalog *c, const Indicator *in)
{
    const CatEntry *e = cat_find(c, in->level2);
    if (e)
        return e->extra ? e->extra : e->code;
    if (in->level1) {
        e = cat_find(c, in->level1);
        if (e && !e->extra)
            return e->code;
    }
    return NULL;
}

/* ---- G1: the levels of each row --------------------------------------------------- */

/* An unknown 二级, or a 一级 written where the 二级 goes. */
static void bad_level2(const Catalog *c, DiagCtx *d, const Indicator *in)
{
    char all[256];
    const CatEntry *e = cat_find(c, in->level2);
    if (e) {
        list_children(c, e->code, all, sizeof all);
        diag_error(d, in->level2_loc, "E-INDICATOR",
                   "'%s' is a 一级 indicator, not a 二级 one; write the row's 二级 indicator "
                   "(%s) after it",
                   in->level2, all);
        return;
    }
    e = nearest_level2(c, in->level2);
    if (e) {
        diag_error(d, in->level2_loc, "E-INDICATOR",
                   "unknown 二级 indicator '%s'; did you mean '%s' (under %s)?", in->level2,
                   e->code, e->extra);
        return;
    }
    list_children(c, NULL, all, sizeof all);
    diag_error(d, in->level2_loc, "E-INDICATOR",
               "unknown 二级 indicator '%s'; a 二级 indicator belongs to one of %s (see the "
               "indicator catalogue of the standard library)",
               in->level2, all);
}

/* Each row's 二级 is a 二级 entry, and a 一级 written is its parent. */
static int check_levels(const Catalog *c, DiagCtx *d, const Project *p)
{
    int nerr = 0;
    for (int i = 0; i < p->nind; i++) {
        const Indicator *in = &p->ind[i];
        const CatEntry *e = cat_find(c, in->level2);
        if (!e || !e->extra) {
            bad_level2(c, d, in);
            nerr++;
        } else if (in->level1 && strcmp(in->level1, e->extra) != 0) {
            const CatEntry *l1 = cat_find(c, in->level1);
            if (l1 && !l1->extra)
                diag_error(d, in->level1_loc, "E-INDICATOR-PARENT",
                           "'%s' is not the 一级 of %s: %s is under %s; write %s or leave the "
                           "一级 out",
                           in->level1, e->code, e->code, e->extra, e->extra);
            else
                diag_error(d, in->level1_loc, "E-INDICATOR-PARENT",
                           "unknown 一级 indicator '%s': %s is under %s; write %s or leave the "
                           "一级 out",
                           in->level1, e->code, e->extra, e->extra);
            nerr++;
        }
    }
    return nerr;
}

/* One warning per project that lacks some 一级 of the catalogue. */
static void check_level1_present(const Catalog *c, DiagCtx *d, const Project *p)
{
    char missing[256];
    size_t o = 0;
    int n = 0;
    missing[0] = '\0';
    for (int k = 0; k < c->n; k++) {
        const CatEntry *e = &c->entries[k];
        if (e->extra)
            continue;
        bool found = false;
        for (int i = 0; i < p->nind && !found; i++) {
            const char *l1 = row_level1(c, &p->ind[i]);
            found = l1 && strcmp(l1, e->code) == 0;
        }
        if (!found && o < sizeof missing) {
            o += (size_t)snprintf(missing + o, sizeof missing - o, "%s%s", o ? ", " : "", e->code);
            n++;
        }
    }
    if (n == 0)
        return;
    char all[256];
    list_children(c, NULL, all, sizeof all);
    diag_warning(d, p->indicators_loc, "W-INDICATOR-MISSING",
                 "the indicator table of '%s' has no %s row%s; a 绩效目标表 has rows of each of "
                 "%s: add the missing ones",
                 p->name, missing, n > 1 ? "s" : "", all);
}

/* ---- G2: the rows of 产出 --------------------------------------------------------- */

/* Whether row IN is an 产出 row. */
static bool is_output(const Catalog *c, const Indicator *in)
{
    const char *l1 = row_level1(c, in);
    return l1 && strcmp(l1, OUTPUT) == 0;
}

/* One warning listing the 产出 二级 that are missing, then one per 成本 row
 * after the first. */
static void check_output(const Catalog *c, DiagCtx *d, const Project *p)
{
    static const char *const need[] = {"数量指标", "质量指标", "时效指标", "成本指标"};
    bool have[4] = {false, false, false, false}, any = false;
    for (int i = 0; i < p->nind; i++) {
        const Indicator *in = &p->ind[i];
        if (!is_output(c, in))
            continue;
        any = true;
        for (int k = 0; k < 3; k++)
            have[k] = have[k] || strcmp(in->level2, need[k]) == 0;
        have[3] = have[3] || is_cost(in->level2);
    }
    if (!any) /* W-INDICATOR-MISSING says it */
        return;
    char missing[128];
    size_t o = 0;
    missing[0] = '\0';
    for (int k = 0; k < 4; k++)
        if (!have[k])
            o += (size_t)snprintf(missing + o, sizeof missing - o, "%s%s", o ? ", " : "", need[k]);
    if (missing[0])
        diag_warning(d, p->indicators_loc, "W-INDICATOR-OUTPUT",
                     "the 产出指标 of '%s' have no %s row; 产出 has 数量, 质量, 时效 and one 成本 "
                     "row: add the missing ones",
                     p->name, missing);
    const Indicator *first = NULL;
    for (int i = 0; i < p->nind; i++) {
        const Indicator *in = &p->ind[i];
        if (!is_cost(in->level2) || !is_output(c, in))
            continue;
        if (!first) {
            first = in;
            continue;
        }
        diag_warning(d, in->level2_loc, "W-INDICATOR-OUTPUT",
                     "a second 成本 row in the indicator table of '%s'; the 产出指标 have exactly "
                     "one 成本指标 row, the project's cost: merge the two",
                     p->name);
        diag_note(d, first->level2_loc, "the first 成本 row is here");
    }
}

/* ---- G5, G6: values --------------------------------------------------------------- */

/* Why percentage V is not a rate, or NULL: outside [0, 100], or beyond an
 * end of it (>100%, <0%). */
static const char *percent_problem(const IndValue *v)
{
    Dec hundred = dec_from_int(100), zero = dec_zero();
    if (dec_cmp(v->num, hundred) > 0 || dec_cmp(v->num, zero) < 0)
        return _("is outside 0%–100%, the range of a rate; correct the value or its unit");
    if (v->op == OP_GT && dec_cmp(v->num, hundred) >= 0)
        return _("cannot be met: a rate is never above 100%; correct the operator or the value");
    if (v->op == OP_LT && dec_cmp(v->num, zero) <= 0)
        return _("cannot be met: a rate is never below 0%; correct the operator or the value");
    return NULL;
}

static void check_number(const Model *m, DiagCtx *d, const IndValue *v)
{
    const Catalog *mc = cat(m, CAT_MEASURE);
    if (!v->measure) {
        diag_warning(d, v->loc, "W-INDICATOR-UNIT",
                     "the value '%s' has no unit of measure; write the unit after the number "
                     "(篇, 次, 人, 日, %%, 万元 …)",
                     v->text);
        return;
    }
    if (strcmp(v->measure, "%") == 0) {
        const char *why = percent_problem(v);
        if (why)
            diag_warning(d, v->loc, "W-INDICATOR-PERCENT", "the percentage '%s' %s", v->text, why);
        return;
    }
    if (!mc || cat_find(mc, v->measure))
        return;
    const CatEntry *e = cat_nearest_word(mc, v->measure);
    if (e)
        diag_warning(d, v->measure_loc, "W-INDICATOR-MEASURE",
                     "unknown unit of measure '%s'; did you mean '%s'?", v->measure, e->code);
    else
        diag_warning(d, v->measure_loc, "W-INDICATOR-MEASURE",
                     "unknown unit of measure '%s'; use a unit of the measure catalogue, or add "
                     "it to a catalogue of your own",
                     v->measure);
}

static void check_phrase(const Model *m, DiagCtx *d, const IndValue *v)
{
    const Catalog *pc = cat(m, CAT_PHRASE);
    if (!pc || cat_find(pc, v->text))
        return;
    const CatEntry *e = cat_nearest_word(pc, v->text);
    if (e)
        diag_warning(d, v->loc, "W-INDICATOR-PHRASE",
                     "'%s' is not a known qualitative value; did you mean '%s'?", v->text,
                     e->code);
    else
        diag_warning(d, v->loc, "W-INDICATOR-PHRASE",
                     "'%s' is not a known qualitative value (比上年提升, 持平, 达标 …); write "
                     "free text as a string (\"%s\") or add the phrase to a catalogue of your own",
                     v->text, v->text);
}

/* G5 and G6 for one value; free text (a string) is accepted as it is. */
static void check_value(const Model *m, DiagCtx *d, const IndValue *v)
{
    if (!v->loc.file)
        return;
    if (v->kind == IV_NUMBER)
        check_number(m, d, v);
    else if (v->kind == IV_WORD)
        check_phrase(m, d, v);
}

/* ---- G3: the 成本指标 against the budget ------------------------------------------- */

/* The project's cost: the sum of its 成本 rows whose value is money. */
typedef struct Cost {
    int nrows;              /* rows summed */
    Dec sum;
    const Indicator *first;
    bool budget_words;      /* described as the project's budget */
} Cost;

static bool contains(const char *s, const char *w) { return s && strstr(s, w); }

/* Whether row IN says its value is the project's budget (预算控制数 …). */
static bool says_budget(const Indicator *in)
{
    static const char *const words[] = {"预算控制数", "预算金额", "预算数"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (contains(in->name, words[i]) || contains(in->desc, words[i]))
            return true;
    return in->value.op == OP_LE && contains(in->basis, "预算金额");
}

static Cost project_cost(const Model *m, const Project *p)
{
    Cost c = {0, dec_zero(), NULL, false};
    for (int i = 0; i < p->nind; i++) {
        const Indicator *in = &p->ind[i];
        Dec v;
        if (!is_cost(in->level2) || in->value.kind != IV_NUMBER ||
            !money_to_budget(m, in->value.num, in->value.measure, &v) || !dec_acc(&c.sum, v))
            continue;
        c.nrows++;
        if (!c.first)
            c.first = in;
        c.budget_words = c.budget_words || says_budget(in);
    }
    return c;
}

/* Whether row IN's value is in the budget's money unit. */
static bool same_money(const Model *m, const Indicator *in)
{
    return !m->money || strcmp(in->value.measure, m->money) == 0;
}

static int check_cost(const Model *m, DiagCtx *d, const Project *p)
{
    Cost c = project_cost(m, p);
    if (!p->has_amount || c.nrows == 0)
        return 0;
    char what[512], as[160];
    int cmp = dec_cmp(c.sum, p->amount);
    if (c.nrows > 1)
        snprintf(as, sizeof as, _("its %d 成本 rows give"), c.nrows);
    else
        snprintf(as, sizeof as, _("the 成本指标 '%s'%s%s%s gives"), c.first->value.text,
                 same_money(m, c.first) ? "" : ", in ", same_money(m, c.first) ? "" : m->money,
                 same_money(m, c.first) ? "" : ",");
    if (cmp > 0) {
        snprintf(what, sizeof what, _("the 成本指标 of '%s' exceeds its 预算资金"), p->name);
        report_diff(d, DIAG_ERROR, c.first->value.loc, "E-COST-OVER", what, c.sum, as, p->amount,
                    N_("its amount (预算资金) is"),
                    N_("a project cannot cost more than its budget: correct the value or the amount"));
    } else if (cmp < 0 && c.budget_words) {
        snprintf(what, sizeof what, _("the 成本指标 of '%s' is described as the project's budget"),
                 p->name);
        report_diff(d, DIAG_WARNING, c.first->value.loc, "W-COST-AMOUNT", what, c.sum, as,
                    p->amount, N_("its amount (预算资金) is"),
                    N_("the two should be equal: correct the value or the amount"));
    } else {
        return 0;
    }
    diag_note(d, p->amount_loc, "the project's 预算资金 (amount) is stated here");
    return cmp > 0;
}

/* ---- G7: a 成本 description that names another project ----------------------------- */

/* A project's name without a trailing 费用 or 费: what a description calls it. */
static size_t stem_len(const char *name)
{
    size_t n = strlen(name);
    static const char *const tails[] = {"费用", "费"};
    for (size_t i = 0; i < 2; i++) {
        size_t t = strlen(tails[i]);
        if (n > t && strcmp(name + n - t, tails[i]) == 0)
            return n - t;
    }
    return n;
}

/* The bytes of project NAME's stem, or 0 when it is too short to tell
 * (under 4 characters) or too long to look for (512 bytes or more). */
static size_t stem_bytes(const char *name)
{
    size_t n = stem_len(name);
    if (src_count_chars(name, n) < 4 || n >= 512)
        return 0;
    return n;
}

/* Whether S contains the stem of project NAME. */
static bool names_project(const char *s, const char *name)
{
    size_t n = stem_bytes(name);
    if (n == 0)
        return false;
    char stem[512];
    memcpy(stem, name, n);
    stem[n] = '\0';
    return strstr(s, stem) != NULL;
}

void stems_init(Stems *st, const Model *m)
{
    size_t n = (size_t)m->nprojects + 1;
    hidx_init(&st->idx);
    memset(st->has_len, 0, sizeof st->has_len);
    st->next = xmalloc(n * sizeof *st->next);
    st->len = xmalloc(n * sizeof *st->len);
    for (int j = m->nprojects - 1; j >= 0; j--) { /* backwards: each chain in order */
        const char *name = m->projects[j].name;
        size_t len = stem_bytes(name);
        st->len[j] = (unsigned)len;
        st->next[j] = -1;
        if (len == 0)
            continue;
        st->has_len[len] = 1;
        int *first = hidx_slot(&st->idx, hash_bytes(HASH_SEED, name, len));
        st->next[j] = *first;
        *first = j;
    }
}

void stems_free(Stems *st)
{
    hidx_free(&st->idx);
    free(st->next);
    free(st->len);
}

/* The first project other than I whose stem TEXT contains, or -1: every
 * piece of TEXT as long as some stem is looked up once, so the cost is
 * TEXT's length times the longest stem, whatever the number of projects. */
static int names_other(const Model *m, const Stems *st, const char *text, int i)
{
    size_t n = strlen(text);
    int best = -1;
    for (size_t s = 0; s < n; s++) {
        uint64_t h = HASH_SEED;
        for (size_t e = s; e < n && e - s < 511; e++) {
            h = hash_bytes(h, text + e, 1);
            size_t len = e - s + 1;
            if (!st->has_len[len])
                continue;
            for (int j = hidx_get(&st->idx, h); j >= 0 && (best < 0 || j < best);
                 j = st->next[j]) {
                if (j != i && st->len[j] == len &&
                    memcmp(m->projects[j].name, text + s, len) == 0) {
                    best = j;
                    break;
                }
            }
        }
    }
    return best;
}

/* A 成本 description that names another project of the budget. */
static void check_cost_other(const Model *m, DiagCtx *d, const Stems *st, int i)
{
    const Project *p = &m->projects[i];
    for (int r = 0; r < p->nind; r++) {
        const Indicator *in = &p->ind[r];
        const char *text = in->desc ? in->desc : in->name;
        if (!is_cost(in->level2) || !text || names_project(text, p->name))
            continue;
        int j = names_other(m, st, text, i);
        if (j < 0)
            continue;
        const Project *q = &m->projects[j];
        diag_warning(d, in->desc ? in->desc_loc : in->name_loc, "W-COST-OTHER",
                     "the 成本指标 of '%s' describes the cost of another project, '%s'; a "
                     "copied row: state this project's own cost",
                     p->name, q->name);
        diag_note(d, q->name_loc, "project '%s' is here", q->name);
    }
}

/* ---- the passes ------------------------------------------------------------------- */

int check_project_indicators(const Model *m, DiagCtx *d, const Stems *st, int i)
{
    const Project *p = &m->projects[i];
    const Catalog *ic = cat(m, CAT_INDICATOR);
    int nerr = 0;
    if (ic && p->indicators_loc.file) {
        int bad = check_levels(ic, d, p);
        if (bad == 0) { /* a table with wrong levels is not judged complete or not */
            check_level1_present(ic, d, p);
            check_output(ic, d, p);
        }
        nerr += bad;
    }
    for (int r = 0; r < p->nind; r++)
        check_value(m, d, &p->ind[r].value);
    nerr += check_cost(m, d, p);
    check_cost_other(m, d, st, i);
    check_goal_bounds(m, d, p);
    return nerr;
}

/* G4: the sum of the projects' 成本指标 against 项目支出. */
static void check_cost_total(const Model *m, DiagCtx *d)
{
    Dec sum = dec_zero(), spent = dec_zero();
    const Project *first = NULL;
    int n = 0;
    for (int i = 0; i < m->nprojects; i++) {
        Cost c = project_cost(m, &m->projects[i]);
        if (c.nrows == 0 || !dec_acc(&sum, c.sum))
            continue;
        if (!first)
            first = &m->projects[i];
        n++;
    }
    Filter project = query_project_spending(m);
    const Fact *line = query_first(m, &project, &spent);
    if (!first || dec_eq(sum, spent))
        return;
    char as[160];
    if (n == m->nprojects)
        snprintf(as, sizeof as, _("the 成本指标 of all %d project%s sum to"), n, n > 1 ? "s" : "");
    else
        snprintf(as, sizeof as, _("the 成本指标 of %d of the %d projects (the others state none in "
                 "money) sum to"), n, m->nprojects);
    report_diff(d, DIAG_WARNING, first->indicators_loc, "W-COST-TOTAL",
                N_("the 成本指标 of the projects do not add up to 项目支出"), sum, as, spent,
                N_("项目支出 is"), N_("each project's 成本指标 is its part of 项目支出: check the values"));
    if (line)
        diag_note(d, line->loc, "项目支出 is the sum of the spending lines of kind 项目, the "
                                "first of which is here");
    else
        diag_note(d, m->dept_loc, "the budget has no spending of kind 项目");
}

int check_indicator_totals(const Model *m, DiagCtx *d)
{
    check_cost_total(m, d);
    for (int t = 0; t < m->ntargets; t++)
        for (int r = 0; r < m->targets[t].nrows; r++)
            check_value(m, d, &m->targets[t].rows[r].value);
    return 0;
}
