/*
 * codes.c — every classification code of a budget against its
 * catalogue (rules.md B1–B3, A5, C7).
 *
 * A function code in `spending` or a project's `code` is a 项 (7 digits) of
 * the 支出功能分类 of the budget year; an economic code in `economic` is a 款
 * (5 digits) of the 部门预算支出经济分类.  Its 类 and 款 come from the code
 * itself.  An unknown code is an error with the nearest codes the catalogue
 * has; a code of the other classification gets a hint saying so.
 */
#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "base/i18n.h"
#include "check/passes.h"
#include "check/report.h"

typedef struct C {
    const Model *m;
    DiagCtx *d;
    int nerrors;
} C;

static const char *level_name(size_t len)
{
    return len == 3 ? "类" : len == 5 ? "款" : "项";
}

/* "; did you mean 2070699 其他新闻出版电影支出 or 2070601 行政运行?" */
static void suggestions(const Catalog *cat, const char *code, char *buf, size_t n)
{
    const CatEntry *near[3];
    int k = cat_suggest(cat, code, near, 3);
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < k && o < n; i++)
        o += (size_t)snprintf(buf + o, n - o, "%s%s %s",
                              i == 0 ? _("; did you mean ") : i == k - 1 ? _(" or ") : _(", "),
                              near[i]->code, near[i]->name);
    if (k && o < n)
        snprintf(buf + o, n - o, "?");
    else if (o < n)
        snprintf(buf + o, n - o, ".");
}

/* Explains why CODE is not in CAT: which ancestor is missing. */
static void missing_parent(const Catalog *cat, const char *code, char *buf, size_t n)
{
    size_t len = strlen(code);
    buf[0] = '\0';
    for (size_t l = 3; l < len; l += 2) {
        char p[16];
        snprintf(p, sizeof p, "%.*s", (int)l, code);
        const CatEntry *e = cat_find(cat, p);
        if (!e) {
            snprintf(buf, n, _(" (the catalogue has no %s %s either)"), level_name(l), p);
            return;
        }
        if (l + 2 == len)
            snprintf(buf, n, _(" (under %s %s %s)"), level_name(l), p, e->name);
    }
}


/* Checks a function code used at 项 level.  Returns whether it is known. */
static bool function_code(C *c, const char *code, Loc at, const char *where)
{
    const Catalog *fn = &c->m->cat->k[CAT_FUNCTION], *ec = &c->m->cat->k[CAT_ECONOMIC];
    size_t len = strlen(code);
    const CatEntry *e = cat_find(fn, code);
    if (code[0] == '3' && cat_find(ec, code)) {
        diag_error(c->d, at, "E-CODE-UNKNOWN",
                   "%s is an economic code (%s), not a function code; %s takes a 支出功能分类 项 "
                   "such as 2070699, and economic codes go in an 'economic' block",
                   code, cat_find(ec, code)->name, where);
        c->nerrors++;
        return false;
    }
    if (len != 7 || !text_all_digits(code)) {
        if (e && len < 7) {
            diag_error(c->d, at, "E-CODE-LEVEL",
                       "%s is a %s (%s); %s is written at 项 level (7 digits), the %s total is "
                       "derived from its 项",
                       code, level_name(len), e->name, where, level_name(len));
        } else {
            diag_error(c->d, at, "E-CODE-LEVEL",
                       "'%s' is not a function 项: a 项 is 7 digits (类 3 + 款 2 + 项 2, e.g. "
                       "2070699)",
                       code);
        }
        c->nerrors++;
        return false;
    }
    if (e)
        return true;
    char sug[512], par[256];
    suggestions(fn, code, sug, sizeof sug);
    missing_parent(fn, code, par, sizeof par);
    diag_error(c->d, at, "E-CODE-UNKNOWN",
               "function code %s is not in the %d 支出功能分类%s%s A local code can be added with "
               "a 'catalog function' block of your own",
               code, fn->year, par, sug);
    c->nerrors++;
    return false;
}

static bool economic_code(C *c, const Fact *x)
{
    const Catalog *fn = &c->m->cat->k[CAT_FUNCTION], *ec = &c->m->cat->k[CAT_ECONOMIC];
    const char *code = x->code;
    size_t len = strlen(code);
    const CatEntry *e = cat_find(ec, code);
    if (code[0] == '2' && cat_find(fn, code)) {
        diag_error(c->d, x->code_loc, "E-CODE-UNKNOWN",
                   "%s is a function code (%s), not an economic code; 'economic' lines take a "
                   "部门预算支出经济分类 款 such as 30101",
                   code, cat_find(fn, code)->name);
        c->nerrors++;
        return false;
    }
    if (len != 5 || !text_all_digits(code)) {
        if (e)
            diag_error(c->d, x->code_loc, "E-CODE-LEVEL",
                       "%s is a 类 (%s); basic expenditure is written by 款 (5 digits), the 类 "
                       "total is derived",
                       code, e->name);
        else
            diag_error(c->d, x->code_loc, "E-CODE-LEVEL",
                       "'%s' is not an economic 款: a 款 is 5 digits (类 3 + 款 2, e.g. 30101)", code);
        c->nerrors++;
        return false;
    }
    if (!e) {
        char sug[512], par[256];
        suggestions(ec, code, sug, sizeof sug);
        missing_parent(ec, code, par, sizeof par);
        diag_error(c->d, x->code_loc, "E-CODE-UNKNOWN",
                   "economic code %s is not in the %d 部门预算支出经济分类%s%s A local code can be "
                   "added with a 'catalog economic' block of your own",
                   code, ec->year, par, sug);
        c->nerrors++;
        return false;
    }
    return true;
}

/* B3: the classes of basic expenditure; C7: 人员经费 = 301 + 303. */
static void economic_class(C *c, const Fact *x)
{
    static const char *const usual[] = {"301", "302", "303", "310", "399"};
    bool ok = false;
    for (size_t i = 0; i < sizeof usual / sizeof usual[0]; i++)
        ok |= strncmp(x->code, usual[i], 3) == 0;
    if (!ok) {
        char cls[4];
        snprintf(cls, sizeof cls, "%.3s", x->code);
        const CatEntry *e = cat_find(&c->m->cat->k[CAT_ECONOMIC], cls);
        diag_warning(c->d, x->code_loc, "W-ECON-CLASS",
                     "class %s (%s) is unusual in basic expenditure, which is normally 301, 302, "
                     "303, 310 or 399; check that this is not project spending",
                     cls, e ? e->name : "?");
    }
    if (x->class_written && vocab_class_of(c->m->vocab, x->code) != x->dim[DIM_CLASS])
        diag_warning(c->d, x->code_loc, "W-ECON-SPLIT",
                     "%s is counted as %s here; by convention 301 and 303 are 人员经费 and the "
                     "other classes 公用经费",
                     x->code, vocab_name(c->m->vocab, DIM_CLASS, x->dim[DIM_CLASS]));
}

/* A project's code must be a known 项 that the unit spends on as 项目. */
static void project_code(C *c, const Project *p)
{
    if (!p->code)
        return;
    if (!function_code(c, p->code, p->code_loc, "a project's code"))
        return;
    for (int i = 0; i < c->m->nfacts[F_SPENDING]; i++) {
        const Fact *s = &c->m->facts[F_SPENDING][i];
        if (s->unit == p->unit && s->dim[DIM_KIND] == c->m->defs->kind_project &&
            strcmp(s->code, p->code) == 0)
            return;
    }
    diag_error(c->d, p->code_loc, "E-PROJECT-CODE",
               "project '%s' is spent under %s, but unit %s has no 项目 spending on %s; add a "
               "line '%s 项目 AMOUNT' to its spending",
               p->name, p->code, c->m->units[p->unit].id, p->code, p->code);
    c->nerrors++;
}

/* A unit's 单位性质 is a word of the vocabulary `nature`. */
static void unit_nature(C *c, const Unit *u)
{
    if (!u->nature || vocab_word(c->m->vocab, DIM_NATURE, u->nature) >= 0)
        return;
    char q[TEXT_QUOTE_MAX * 8]; /* a string of 10 MB is not quoted whole */
    diag_error(c->d, u->nature_loc, "E-NATURE",
               "unknown 单位性质 '%s'; write 行政, 事业 or 参公事业 (参照公务员法管理的事业单位)",
               text_quote(q, sizeof q, u->nature));
    c->nerrors++;
}

/* The catalogue of the budget year, not another year's. */
static void catalogue_year(C *c)
{
    for (int k = CAT_FUNCTION; k <= CAT_ECONOMIC; k++) {
        const Catalog *cat = &c->m->cat->k[k];
        if (!cat->present) {
            diag_error(c->d, c->m->dept_loc, "E-CATALOG",
                       "no %s catalogue is loaded; import \"std/%d.bud\" or write a 'catalog %s' "
                       "block",
                       cat_kind_word((CatKind)k), c->m->year, cat_kind_word((CatKind)k));
            c->nerrors++;
        } else if (cat->year && cat->year != c->m->year) {
            diag_warning(c->d, c->m->dept_loc, "W-CATALOG-YEAR",
                         "the budget is for %d but its %s catalogue is for %d; codes and names "
                         "change between years",
                         c->m->year, cat_kind_word((CatKind)k), cat->year);
            diag_note(c->d, cat->loc, "the catalogue");
        } else if (cat->own_year && cat->own_year != c->m->year) {
            diag_warning(c->d, cat->own_loc, "W-CATALOG-YEAR",
                         "the budget is for %d but its own %s catalogue is written for %d; its "
                         "entries extend the %d catalogue of the standard library",
                         c->m->year, cat_kind_word((CatKind)k), cat->own_year, c->m->year);
        }
    }
}

int check_codes(const Model *m, DiagCtx *d)
{
    C c = {m, d, 0};
    catalogue_year(&c);
    if (c.nerrors)
        return c.nerrors;
    for (int i = 0; i < m->nunits; i++)
        unit_nature(&c, &m->units[i]);
    for (int i = 0; i < m->nfacts[F_SPENDING]; i++)
        function_code(&c, m->facts[F_SPENDING][i].code, m->facts[F_SPENDING][i].code_loc,
                      "spending");
    for (int i = 0; i < m->nfacts[F_INCOME]; i++) /* a 决算's income by code */
        if (m->facts[F_INCOME][i].code)
            function_code(&c, m->facts[F_INCOME][i].code, m->facts[F_INCOME][i].code_loc,
                          "income");
    for (int i = 0; i < m->nfacts[F_CARRYOVER]; i++)
        if (m->facts[F_CARRYOVER][i].code)
            function_code(&c, m->facts[F_CARRYOVER][i].code, m->facts[F_CARRYOVER][i].code_loc,
                          "a carry-over");
    for (int i = 0; i < m->nfacts[F_ECONOMIC]; i++)
        if (economic_code(&c, &m->facts[F_ECONOMIC][i]))
            economic_class(&c, &m->facts[F_ECONOMIC][i]);
    for (int i = 0; i < m->nprojects; i++)
        project_code(&c, &m->projects[i]);
    if (m->nunits == 0)
        diag_warning(d, m->dept_loc, "W-EMPTY",
                     "the budget has no unit, so every table is empty; add a 'unit' block");
    return c.nerrors;
}
