/*
 * compile.c — the one way in (see compile.h): read, import, load the
 * standard library of the budget year, build the model, read last year's
 * budget, check.
 */
#include "driver/compile.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"

static int compile_as(Compilation *c, const CompileInput *in, CompileStage upto, DiagCtx *d,
                      bool is_prior);

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
 * standard library of its year (std/YEAR.bud).  Returns the number of
 * errors. */
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

/* prior "FILE": compiles last year's budget quietly (its warnings are last
 * year's business) and hangs its model on C's.  Errors in it make its
 * figures unusable: one error here says so.  Returns the number of errors. */
static int load_prior(Compilation *c, const CompileInput *in, DiagCtx *d)
{
    Model *m = c->model;
    if (!m->prior_file || c->program.is_prior)
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
    Compilation *pc = xmalloc(sizeof *pc);
    CompileInput pin = {.path = path, .stdlib_dir = in->stdlib_dir, .cache = in->cache};
    int nerr = 0;
    /* a sandboxed budget reads no file: last year's is as good as missing */
    int rc = in->sandbox ? (memset(pc, 0, sizeof *pc), -1) : compile_as(pc, &pin, COMPILE_CHECK, &quiet, true);
    if (rc < 0) {
        diag_error(d, m->prior_loc, "E-PRIOR-FILE", "cannot read last year's budget '%s'", path);
        nerr = 1;
    } else if (pc->failed || !pc->model) {
        diag_error(d, m->prior_loc, "E-PRIOR-FILE",
                   "last year's budget '%s' has errors, so its figures cannot be compared; run "
                   "'budc check %s'",
                   path, path);
        nerr = 1;
    } else if (pc->model->year != m->year - 1) {
        diag_warning(d, m->prior_loc, "W-PRIOR-YEAR",
                     "last year's budget '%s' is for %d, not %d", path, pc->model->year,
                     m->year - 1);
    }
    if (nerr) {
        if (rc == 0)
            compile_free(pc);
        free(pc);
    } else {
        c->prior = pc;
        m->prior_model = pc->model;
    }
    diag_free(&quiet);
    if (sink)
        fclose(sink);
    free(path);
    return nerr;
}

static int compile_as(Compilation *c, const CompileInput *in, CompileStage upto, DiagCtx *d,
                      bool is_prior)
{
    memset(c, 0, sizeof *c);
    Program *p = &c->program;
    program_init(p, d, in->stdlib_dir);
    p->cache = in->cache;
    p->is_prior = is_prior;
    p->sandbox = in->sandbox;
    int before = d->nerrors;
    int rc = in->text ? program_load_text(p, in->path, in->text, in->len)
                      : program_load(p, in->path);
    if (rc < 0) {
        c->unreadable = true;
        c->failed = true;
        return -1;
    }
    const Stmt *dept = find_department(p);
    /* -M lists the standard library even of a budget with syntax errors */
    if (dept && (upto == COMPILE_PREPARE || (upto == COMPILE_CHECK && p->nerrors == 0)))
        c->prepare_errors = load_default_catalogue(p, dept, d);
    /* a budget with errors in its files, or a part of a budget (no
     * department: a unit file, a catalogue), is not checked further */
    if (upto == COMPILE_CHECK && dept && p->nerrors == 0 && c->prepare_errors == 0) {
        Model *m = xmalloc(sizeof *m);
        c->model = m;
        model_build(m, p, d);
        load_prior(c, in, d);
        if (!m->overflow) /* E-OVERFLOW: no sum can be trusted */
            check_model(m, d);
    }
    c->failed = p->nerrors > 0 || d->nerrors > before;
    return 0;
}

int compile(Compilation *c, const CompileInput *in, CompileStage upto, DiagCtx *d)
{
    return compile_as(c, in, upto, d, false);
}

void compile_free(Compilation *c)
{
    if (c->model) {
        model_free(c->model);
        free(c->model);
    }
    if (c->prior) {
        compile_free(c->prior);
        free(c->prior);
    }
    program_free(&c->program);
    memset(c, 0, sizeof *c);
}
