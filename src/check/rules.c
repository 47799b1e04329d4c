/*
 * rules.c — the rules written in .bud (`rule NAME SEVERITY "message":
 * condition`; docs/language.md section 11, docs/checks.md "Rules").
 *
 * Each rule's condition is a comparison of figures named by paths, checked
 * with model_eval:
 *
 *   - for the department, or, when the condition names a project's figure
 *     without an index (项目.预算, 项目.采购, 项目.中小微), once for each
 *     project; a project whose figure has no value (no amount) is skipped;
 *   - a condition that does not hold is reported with the rule's severity
 *     and its NAME as the code (so -Wno-NAME silences a warning rule), at
 *     the first fact behind the left-hand side (per project: the project's
 *     name), with the value of every path, and a note at the rule;
 *   - a rule that names last year's figure the budget does not state
 *     (VAL_NO_PRIOR), or a figure it does not state (VAL_NO_VALUE), cannot
 *     be checked for that budget and reports nothing: rule files are shared
 *     by many budgets;
 *   - a condition that is not a comparison, names an unknown figure or
 *     cannot be computed is an error at the rule (E-RULE).
 */
#include <stdio.h>
#include <string.h>

#include "check/passes.h"
#include "check/report.h"

#define PATHN 256
#define MAXPATHS 16

/* Whether E names a project's figure without an index: 项目.预算 … */
static bool per_project(const Expr *e)
{
    if (!e || e->kind == E_NUMBER)
        return false;
    if (e->kind == E_PATH) {
        const PathSeg *p = e->atom->path;
        const char *w = p->name && strcmp(p->name, "项目") == 0 && p->next ? p->next->name : NULL;
        return w && (strcmp(w, "预算") == 0 || strcmp(w, "采购") == 0 || strcmp(w, "中小微") == 0);
    }
    return per_project(e->lhs) || per_project(e->rhs);
}

/* The first path of E that does not evaluate in CTX (its message in MSG), or
 * NULL. */
static const Expr *failing_path(const Model *m, const Expr *e, ValueCtx ctx, char *msg, size_t n)
{
    if (!e || e->kind == E_NUMBER)
        return NULL;
    if (e->kind == E_PATH) {
        Dec v;
        return model_value(m, e->atom->path, ctx, &v, NULL, NULL, msg, n) == VAL_OK ? NULL : e;
    }
    const Expr *f = failing_path(m, e->lhs, ctx, msg, n);
    return f ? f : failing_path(m, e->rhs, ctx, msg, n);
}

/* The distinct paths of E, left to right, as text. */
typedef struct Paths {
    const PathSeg *p[MAXPATHS];
    char text[MAXPATHS][PATHN];
    int n;
} Paths;

static void collect_paths(const Vocab *v, const Expr *e, Paths *ps)
{
    if (!e || e->kind == E_NUMBER)
        return;
    if (e->kind != E_PATH) {
        collect_paths(v, e->lhs, ps);
        collect_paths(v, e->rhs, ps);
        return;
    }
    if (ps->n == MAXPATHS)
        return;
    path_text(v, e->atom->path, ps->text[ps->n], PATHN);
    for (int i = 0; i < ps->n; i++)
        if (strcmp(ps->text[i], ps->text[ps->n]) == 0)
            return;
    ps->p[ps->n++] = e->atom->path;
}

/* "三公.合计 = 9.31, 上年.三公.合计 = 9.34" for the paths of E in CTX. */
static void list_values(const Model *m, const Expr *e, ValueCtx ctx, char *buf, size_t n)
{
    Paths ps;
    ps.n = 0;
    collect_paths(m->vocab, e, &ps);
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < ps.n && o < n; i++) {
        Dec v;
        char msg[256], a[DEC_FMT_MAX];
        if (model_value(m, ps.p[i], ctx, &v, NULL, NULL, msg, sizeof msg) != VAL_OK)
            continue;
        o += (size_t)snprintf(buf + o, n - o, "%s%s = %s", o ? ", " : "", ps.text[i],
                              fmt_money(v, a));
    }
}

/* Reports that rule R does not hold in CTX (at WHERE). */
static void report_violation(const Model *m, DiagCtx *d, const Rule *r, ValueCtx ctx, Loc where)
{
    char values[768];
    list_values(m, r->cond, ctx, values, sizeof values);
    char proj[512] = "";
    if (ctx.project >= 0) {
        snprintf(proj, sizeof proj, "项目“%s”: ", m->projects[ctx.project].name);
        where = m->projects[ctx.project].name_loc;
    }
    if (r->is_error)
        diag_error(d, where, r->name, "%s (%s%s)", r->message, proj, values);
    else
        diag_warning(d, where, r->name, "%s (%s%s)", r->message, proj, values);
    diag_note(d, r->name_loc, "rule %s is defined here", r->name);
}

/* Reports that rule R cannot be checked: an unknown figure, or arithmetic
 * that fails (MSG). */
static void report_broken(const Model *m, DiagCtx *d, const Rule *r, ValueCtx ctx, const char *msg)
{
    char m2[256];
    const Expr *bad = failing_path(m, r->cond, ctx, m2, sizeof m2);
    diag_error(d, bad ? bad->loc : r->cond->loc, "E-RULE", "rule %s cannot be checked: %s",
               r->name, bad ? m2 : msg);
}

/* Checks rule R in CTX.  Returns false when the rule cannot be checked at
 * all (it is then not tried for the other projects). */
static bool check_in(const Model *m, DiagCtx *d, const Rule *r, ValueCtx ctx)
{
    Dec v;
    Loc where = m->dept_loc;
    char msg[256];
    switch (model_eval(m, r->cond, ctx, &v, &where, NULL, msg, sizeof msg)) {
    case VAL_OK:
        if (dec_is_zero(v))
            report_violation(m, d, r, ctx, where);
        return true;
    case VAL_NO_VALUE:
        return true; /* this project has no such figure */
    case VAL_NO_PRIOR:
        return false; /* no prior figure: nothing to check against */
    case VAL_UNKNOWN_PATH:
    case VAL_ARITH:
        break;
    }
    report_broken(m, d, r, ctx, msg);
    return false;
}

static void check_rule(const Model *m, DiagCtx *d, const Rule *r)
{
    if (!r->cond)
        return;
    if (r->cond->kind != E_BINARY || r->cond->binop != 'c') {
        diag_error(d, r->cond->loc, "E-RULE",
                   "the condition of rule %s is a value, not a comparison: write what must hold, "
                   "e.g. 三公.合计 <= 上年.三公.合计",
                   r->name);
        return;
    }
    if (!per_project(r->cond)) {
        check_in(m, d, r, (ValueCtx){-1, -1});
        return;
    }
    for (int i = 0; i < m->nprojects; i++)
        if (!check_in(m, d, r, (ValueCtx){-1, i}))
            return;
}

int check_rules(const Model *m, DiagCtx *d)
{
    int before = d->nerrors;
    for (int i = 0; i < m->nrules; i++)
        check_rule(m, d, &m->rules[i]);
    return d->nerrors - before;
}
