/*
 * figure.c — paths to filters (see figure.h).
 */
#include "model/figure.h"
#include "base/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The roots of facts, and what each lets a path say after it. */
typedef enum Root { R_INCOME, R_SPENDING, R_BASIC, R_ADMIN, R_SANGONG, R_CARRY, R__COUNT } Root;

static const struct {
    const char *word;
    FactKind kind;
    bool index;         /* takes [code] */
    Dim dims[2];        /* the dimensions its words may name */
    int ndims;
    const char *usage;   /* "write …" */
    const char *unknown; /* after "'WORD": why it is not one */
} roots[R__COUNT] = {
    [R_INCOME] = {"收入", F_INCOME, false, {DIM_SOURCE}, 1,
                  N_("write 收入.合计 or 收入.<source> (收入.一般公共预算 …)"),
                  N_("' is not a fund source; write 收入.合计 or 收入.一般公共预算 …")},
    [R_SPENDING] = {"支出", F_SPENDING, true, {DIM_KIND, DIM_SOURCE}, 2,
                    N_("write 支出.合计, 支出.基本, 支出[207] or 支出[207].基本"),
                    N_("' is neither a kind of expenditure (基本, 项目 …) nor a fund source")},
    [R_BASIC] = {"基本支出", F_ECONOMIC, true, {DIM_CLASS}, 1,
                 N_("write 基本支出.合计, 基本支出.人员经费, 基本支出.公用经费 or 基本支出[30201]"),
                 N_("' is not a part of 基本支出; write 合计, 人员经费 or 公用经费")},
    [R_ADMIN] = {"机关运行经费", F_ECONOMIC, false, {DIM_CLASS}, 0, N_("机关运行经费 has no parts"),
                 N_("' is not a part of 机关运行经费, which has none")},
    [R_SANGONG] = {"三公", F_SANGONG, false, {DIM_ITEM, DIM_SOURCE}, 2,
                   N_("write 三公.合计 or 三公.公务接待费 …"),
                   N_("' is not a 三公 item; write 合计, 因公出国费, 公务用车购置及运维费, or an "
                      "item such as 公务接待费")},
    [R_CARRY] = {"年终结转", F_CARRYOVER, false, {DIM_SOURCE}, 1,
                 N_("write 年终结转.合计 or 年终结转.<source> (年终结转.一般公共预算 …)"),
                 N_("' is not a fund source; write 年终结转.合计 or 年终结转.一般公共预算 …")},
};

static int root_of(const char *w)
{
    if (!w)
        return -1;
    if (strcmp(w, "三公经费") == 0)
        return R_SANGONG;
    if (strcmp(w, "年终结转结余") == 0 || strcmp(w, "年末结转结余") == 0 || strcmp(w, "年末结转") == 0)
        return R_CARRY;
    for (int r = 0; r < R__COUNT; r++)
        if (strcmp(w, roots[r].word) == 0)
            return r;
    return -1;
}

bool figure_root(const char *root, FactKind *kind)
{
    int r = root_of(root);
    if (r >= 0 && kind)
        *kind = roots[r].kind;
    return r >= 0;
}

__attribute__((format(printf, 3, 4))) static FigureStatus bad(char *msg, size_t n,
                                                              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, n, _(fmt), ap);
    va_end(ap);
    return FIG_BAD;
}

FigureStatus figure_filter(const Vocab *v, const PathSeg *path, bool bare, bool admin_units,
                           Filter *out, char *msg, size_t msgn)
{
    msg[0] = '\0';
    int r = root_of(path ? path->name : NULL);
    if (r < 0)
        return FIG_OTHER;
    *out = filter_all(roots[r].kind);
    const PathSeg *s = path->next;
    if (r == R_BASIC || r == R_ADMIN) { /* table 6: the 一般公共预算 and its carry-over */
        int g = vocab_tagged(v, DIM_SOURCE, TAG_GENERAL);
        out->allow[DIM_SOURCE] = g < 0 ? 0 : vocab_of_budget(v, g);
    }
    if (r == R_ADMIN) {
        if (s)
            return bad(msg, msgn, "%s", _(roots[r].usage));
        int pub = vocab_tagged(v, DIM_CLASS, TAG_DEFAULT);
        out->allow[DIM_CLASS] = pub < 0 ? 0 : (WordSet)1 << pub;
        out->admin_only = admin_units;
        return FIG_OK;
    }
    if (s && !s->name && roots[r].index) {
        out->code = s->index->text;
        s = s->next;
    }
    if (!s && !out->code && !bare)
        return bad(msg, msgn, "%s", _(roots[r].usage));
    bool named[DIM_FACTS] = {false};
    for (; s; s = s->next) {
        if (!s->name)
            return bad(msg, msgn, "%s", _(roots[r].usage));
        if (strcmp(s->name, "合计") == 0)
            continue;
        WordSet set;
        int d = vocab_dim_of(v, roots[r].dims, roots[r].ndims, s->name, &set);
        if (d < 0)
            return bad(msg, msgn, "'%s%s", s->name, _(roots[r].unknown));
        if (named[d])
            return bad(msg, msgn, "%s", _(roots[r].usage));
        named[d] = true;
        out->allow[d] &= set;
    }
    return FIG_OK;
}

bool path_is(const PathSeg *s, const char *w)
{
    return s && s->name && strcmp(s->name, w) == 0;
}

/* Whether PATH starts with 上年. */
bool path_is_prior(const PathSeg *path)
{
    return path_is(path, "上年");
}

/* Calls FN for every path of E, left to right. */
void walk_paths(const Expr *e, PathFn *fn, void *ctx)
{
    if (!e || e->kind == E_NUMBER)
        return;
    if (e->kind == E_PATH) {
        fn(e->atom->path, e->loc, ctx);
        return;
    }
    walk_paths(e->lhs, fn, ctx);
    walk_paths(e->rhs, fn, ctx);
}
