/*
 * goals.c — a project's goal text against its indicator values
 * (rules.md G5: "≥/≤ consistent with the 绩效目标 text", e.g. a goal that
 * promises 90%以上 while the indicator says ≥80%).
 *
 * The goal is prose, so this is a careful heuristic: each percentage the goal
 * promises with a direction (N%以上, 达到N%, 不低于N% …) is matched with the
 * percentage indicator whose name shares the longest run of characters with
 * the clause it stands in (at least three, and one indicator only); when that
 * indicator's bound differs, the two disagree.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "check/passes.h"
#include "check/report.h"

enum { MAXC = 1024 };

typedef struct Text {
    uint32_t cp[MAXC];
    int n;
} Text;

static void decode(const char *s, Text *t)
{
    t->n = 0;
    while (*s && t->n < MAXC)
        s += utf8_at(s, &t->cp[t->n++]);
}

static bool starts(const Text *t, int i, const char *w)
{
    Text x;
    decode(w, &x);
    if (i < 0 || i + x.n > t->n)
        return false;
    return memcmp(&t->cp[i], x.cp, (size_t)x.n * sizeof x.cp[0]) == 0;
}

static bool ends_at(const Text *t, int end, const char *w)
{
    Text x;
    decode(w, &x);
    return end - x.n >= 0 && starts(t, end - x.n, w);
}

/* Where the clause holding position I starts: after the last punctuation or
 * enumerator ("2.") before it. */
static int clause_start(const Text *t, int i)
{
    static const uint32_t stops[] = {0xFF0C, 0x3002, 0xFF1B, 0x3001, ',', ';', 0xFF1A, ':'};
    for (int j = i - 1; j >= 0; j--) {
        for (size_t k = 0; k < sizeof stops / sizeof stops[0]; k++)
            if (t->cp[j] == stops[k])
                return j + 1;
        if (t->cp[j] == '.' && j > 0 && t->cp[j - 1] >= '0' && t->cp[j - 1] <= '9' &&
            (j + 1 >= t->n || t->cp[j + 1] < '0' || t->cp[j + 1] > '9'))
            return j + 1;
    }
    return 0;
}

/* Length of the longest common run of characters of A[a0..a1) and B. */
static int common_run(const Text *a, int a0, int a1, const Text *b)
{
    int best = 0;
    for (int i = a0; i < a1; i++)
        for (int j = 0; j < b->n; j++) {
            int k = 0;
            while (i + k < a1 && j + k < b->n && a->cp[i + k] == b->cp[j + k])
                k++;
            if (k > best)
                best = k;
        }
    return best;
}

/* The direction of the promise around the number at [n0, n1) (just before
 * the '%' at P): +1 at least, -1 at most, 0 none stated. */
static int direction(const Text *t, int c0, int n0, int p)
{
    int after = p + 1;
    if (starts(t, after, "以上") || starts(t, after, "及以上"))
        return 1;
    if (starts(t, after, "以下") || starts(t, after, "及以下"))
        return -1;
    int lo = n0 - 4 > c0 ? n0 - 4 : c0;
    for (int e = n0; e > lo; e--) {
        if (ends_at(t, e, "达到") || ends_at(t, e, "不低于") || ends_at(t, e, "不少于") ||
            ends_at(t, e, "高于"))
            return 1;
        if (ends_at(t, e, "不高于") || ends_at(t, e, "不超过") || ends_at(t, e, "低于"))
            return -1;
    }
    return 0;
}

static bool is_percent(const Indicator *in)
{
    return in->value.kind == IV_NUMBER && in->value.measure && strcmp(in->value.measure, "%") == 0;
}

/* The percentage indicator the clause [c0, c1) speaks of, or NULL. */
static const Indicator *match(const Project *p, const Text *goal, int c0, int c1)
{
    const Indicator *best = NULL;
    int bestlen = 2, ties = 0;
    for (int r = 0; r < p->nind; r++) {
        const Indicator *in = &p->ind[r];
        if (!is_percent(in) || !in->name)
            continue;
        Text name;
        decode(in->name, &name);
        int len = common_run(goal, c0, c1, &name);
        if (len > bestlen) {
            bestlen = len;
            best = in;
            ties = 0;
        } else if (len == bestlen && best) {
            ties++;
        }
    }
    return ties ? NULL : best;
}

static void check_promise(const Model *m, DiagCtx *d, const Project *p, const Text *g, int n0,
                          int pct)
{
    (void)m;
    int c0 = clause_start(g, n0);
    int dir = direction(g, c0, n0, pct);
    if (dir == 0)
        return;
    char num[32];
    int k = 0;
    for (int i = n0; i < pct && k < (int)sizeof num - 1; i++)
        if (g->cp[i] != ' ')
            num[k++] = (char)g->cp[i];
    num[k] = '\0';
    Dec promised;
    if (dec_parse(num, strlen(num), &promised) != DEC_OK)
        return;
    const Indicator *in = match(p, g, c0, n0);
    if (!in)
        return;
    OpKind op = in->value.op;
    bool same_dir = dir > 0 ? (op == OP_GE || op == OP_GT || op == OP_EQ)
                            : (op == OP_LE || op == OP_LT || op == OP_EQ);
    if (same_dir && dec_eq(in->value.num, promised))
        return;
    diag_warning(d, in->value.loc, "W-GOAL-VALUE",
                 "the goal of '%s' promises %s%%%s, but its indicator '%s' is %s; the goal and "
                 "the indicator should state the same target",
                 p->name, num, dir > 0 ? "以上" : "以下", in->name,
                 in->value.text ? in->value.text : "different");
    diag_note(d, p->goal_loc, "the goal is here");
}

void check_goal_bounds(const Model *m, DiagCtx *d, const Project *p)
{
    if (!p->goal)
        return;
    Text g;
    decode(p->goal, &g);
    for (int i = 0; i < g.n; i++) {
        if (g.cp[i] < '0' || g.cp[i] > '9' || (i > 0 && ((g.cp[i - 1] >= '0' && g.cp[i - 1] <= '9') || g.cp[i - 1] == '.')))
            continue;
        int j = i;
        while (j < g.n && ((g.cp[j] >= '0' && g.cp[j] <= '9') || g.cp[j] == '.'))
            j++;
        int pct = j;
        while (pct < g.n && g.cp[pct] == ' ')
            pct++;
        if (pct < g.n && (g.cp[pct] == '%' || g.cp[pct] == 0xFF05))
            check_promise(m, d, p, &g, i, pct);
        i = j;
    }
}
