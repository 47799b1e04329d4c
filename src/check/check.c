/*
 * check.c — the checker's driver (see check.h): loads the catalogue of the
 * budget year when the budget imports none, builds the model and runs the
 * passes in order.
 */
#include "check/check.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The department statement of P, or NULL for a part of a budget. */
static const Stmt *find_department(const Program *p)
{
    for (const Module *m = p->modules; m; m = m->next)
        for (const Stmt *s = m->stmts; s; s = s->next)
            if (s->kind == S_DEPARTMENT)
                return s;
    return NULL;
}

static bool has_catalog(const Program *p, const char *kind)
{
    for (const Module *m = p->modules; m; m = m->next)
        for (const Stmt *s = m->stmts; s; s = s->next)
            if (s->kind == S_CATALOG && s->args && strcmp(s->args->text, kind) == 0)
                return true;
    return false;
}

/* The years the standard library has catalogues for ("2023, 2024"). */
static void std_years(const Program *p, char *buf, size_t n)
{
    int years[64], ny = 0;
    DIR *dir = opendir(p->stdlib_dir ? p->stdlib_dir : "stdlib");
    buf[0] = '\0';
    if (!dir)
        return;
    for (struct dirent *e; (e = readdir(dir)) != NULL && ny < 64;) {
        const char *d = e->d_name;
        if (strlen(d) == 8 && strcmp(d + 4, ".bud") == 0 && strspn(d, "0123456789") == 4)
            years[ny++] = atoi(d);
    }
    closedir(dir);
    for (int i = 1; i < ny; i++) /* a handful: insertion sort */
        for (int j = i; j > 0 && years[j - 1] > years[j]; j--) {
            int t = years[j];
            years[j] = years[j - 1];
            years[j - 1] = t;
        }
    size_t o = 0;
    for (int i = 0; i < ny && o < n; i++)
        o += (size_t)snprintf(buf + o, n - o, "%s%d", i ? ", " : "", years[i]);
}

/* A budget that imports no 支出功能分类 catalogue is checked against the
 * standard library of its year (std/YEAR.bud). */
static int load_default_catalogue(Program *p, const Stmt *dept, DiagCtx *d)
{
    if (has_catalog(p, "function"))
        return 0;
    int year = 0;
    for (const Stmt *t = dept->body; t; t = t->next)
        if (t->kind == S_YEAR)
            year = (int)t->args->num.units;
    char name[32];
    snprintf(name, sizeof name, "%d.bud", year);
    int before = p->nerrors;
    if (program_load_std(p, name) < 0) {
        char years[128];
        std_years(p, years, sizeof years);
        diag_error(d, dept->kw_loc, "E-CATALOG",
                   "the standard library has no catalogue for %d (it has %s); import another "
                   "year's with 'import \"std/YEAR.bud\"', or write your own 'catalog function %d'",
                   year, *years ? years : "none", year);
        return 1;
    }
    return p->nerrors - before;
}

/* prior "FILE": loads and checks last year's budget (quietly: its warnings
 * are last year's business) and hangs its model on M.  Errors in it make
 * its figures unusable: one error here says so. */
static int load_prior(Model *m, Program *p, DiagCtx *d)
{
    if (!m->prior_file || p->is_prior)
        return 0;
    const char *from = m->prior_from ? m->prior_from->name : "";
    const char *slash = strrchr(from, '/');
    size_t n = strlen(from) + strlen(m->prior_file) + 2;
    char *path = xmalloc(n);
    if (m->prior_file[0] == '/' || !slash)
        snprintf(path, n, "%s", m->prior_file);
    else
        snprintf(path, n, "%.*s/%s", (int)(slash - from), from, m->prior_file);
    FILE *sink = fopen("/dev/null", "w");
    DiagCtx quiet;
    diag_init(&quiet, sink ? sink : stderr);
    quiet.max_errors = 1;
    Program *pp = xmalloc(sizeof *pp);
    program_init(pp, &quiet, p->stdlib_dir);
    pp->cache = p->cache;
    pp->is_prior = true;
    Model *pm = NULL;
    int nerr = 0;
    if (program_load(pp, path) < 0) {
        diag_error(d, m->prior_loc, "E-PRIOR-FILE", "cannot read last year's budget '%s'", path);
        nerr = 1;
    } else if (pp->nerrors || (check_program(pp, &quiet, &pm), quiet.nerrors) || !pm) {
        diag_error(d, m->prior_loc, "E-PRIOR-FILE",
                   "last year's budget '%s' has errors, so its figures cannot be compared; run "
                   "'budc check %s'",
                   path, path);
        nerr = 1;
    } else if (pm->year != m->year - 1) {
        diag_warning(d, m->prior_loc, "W-PRIOR-YEAR",
                     "last year's budget '%s' is for %d, not %d", path, pm->year, m->year - 1);
    }
    if (nerr) {
        if (pm) {
            model_free(pm);
            free(pm);
        }
        program_free(pp);
        free(pp);
    } else {
        m->prior_model = pm;
        m->prior_program = pp;
    }
    diag_free(&quiet);
    if (sink)
        fclose(sink);
    free(path);
    return nerr;
}

int check_prepare(Program *p, DiagCtx *d)
{
    const Stmt *dept = find_department(p);
    return dept ? load_default_catalogue(p, dept, d) : 0;
}

int check_program(Program *p, DiagCtx *d, Model **keep)
{
    if (keep)
        *keep = NULL;
    const Stmt *dept = find_department(p);
    if (!dept)
        return 0;
    int nerr = load_default_catalogue(p, dept, d);
    if (nerr)
        return nerr;
    Model *m = xmalloc(sizeof *m);
    nerr += model_build(m, p, d);
    nerr += load_prior(m, p, d);
    if (!m->overflow) { /* E-OVERFLOW: no sum can be trusted */
        int code_errors = check_codes(m, d);
        nerr += code_errors;
        nerr += check_balance(m, d, code_errors == 0);
        nerr += check_projects(m, d);
        nerr += check_narrative(m, d);
        nerr += check_rules(m, d);
    }
    if (keep) {
        *keep = m;
    } else {
        model_free(m);
        free(m);
    }
    return nerr;
}

const char *fmt_dec(Dec v, char *buf)
{
    dec_format(v, buf, DEC_FMT_MAX);
    return buf;
}

const char *fmt_money(Dec v, char *buf)
{
    Dec r = v;
    if (r.scale < 2)
        dec_rescale(v, 2, &r);
    dec_format(r, buf, DEC_FMT_MAX);
    return buf;
}

void report_mismatch(DiagCtx *d, Loc at, const char *code, const char *what, Dec stated,
                     const char *stated_as, Dec derived, const char *derived_as)
{
    char a[DEC_FMT_MAX], b[DEC_FMT_MAX], c[DEC_FMT_MAX];
    Dec diff;
    if (dec_sub(stated, derived, &diff) != DEC_OK)
        diff = dec_zero();
    diag_error(d, at, code, "%s: %s %s but %s %s (difference %s%s)", what, stated_as,
               fmt_money(stated, a), derived_as, fmt_money(derived, b),
               dec_is_neg(diff) ? "" : "+", fmt_money(diff, c));
}
