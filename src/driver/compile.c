/*
 * compile.c — the one way in (see compile.h): read, import, load the
 * standard library of the budget year, build the model, read last year's
 * budget, check.
 */
#include "driver/compile.h"
#include "base/i18n.h"

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

/* Whether a module of P (of the standard library when STD, else of the
 * budget) has a `catalog KIND`. */
static bool has_catalog(const Program *p, const char *kind, bool std)
{
    for (const Module *m = p->modules; m; m = m->next)
        for (const Stmt *s = m->stmts; s; s = s->next)
            if (s->kind == S_CATALOG && s->args && strcmp(s->args->text, kind) == 0 &&
                m->is_std == std)
                return true;
    return false;
}

/* The years the standard library has catalogues for (std/YEAR.bud), in
 * order, into YEARS (room for MAX); returns how many.  The directory is
 * read once a run (for its first budget), not once a budget. */
static int std_year_list(const Program *p, int *years, int max)
{
    static char seen_dir[1024];
    static int seen_years[64], seen_n = -1;
    const char *root = p->stdlib_dir ? p->stdlib_dir : "stdlib";
    int ny = 0;
    if (seen_n >= 0 && strcmp(seen_dir, root) == 0) {
        ny = seen_n < max ? seen_n : max;
        memcpy(years, seen_years, (size_t)ny * sizeof *years);
        return ny;
    }
    DIR *dir = opendir(root);
    if (!dir)
        return 0;
    for (struct dirent *e; (e = readdir(dir)) != NULL && ny < max;) {
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
    if (strlen(root) < sizeof seen_dir && ny <= 64) {
        strcpy(seen_dir, root);
        memcpy(seen_years, years, (size_t)ny * sizeof *years);
        seen_n = ny;
    }
    return ny;
}

/* The years the standard library has ("2023, 2024"), and the one nearest
 * YEAR (the latest before it, else the earliest after; 0 when none). */
static int std_years(const Program *p, int year, char *buf, size_t n)
{
    int years[64], ny = std_year_list(p, years, 64), near = 0;
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < ny && o < n; i++)
        o += (size_t)snprintf(buf + o, n - o, "%s%d", i ? ", " : "", years[i]);
    for (int i = 0; i < ny; i++)
        if (years[i] <= year)
            near = years[i];
    return near ? near : ny ? years[0] : 0;
}

static bool has_stmt(const Program *p, StmtKind k)
{
    for (const Module *m = p->modules; m; m = m->next)
        for (const Stmt *s = m->stmts; s; s = s->next)
            if (s->kind == k)
                return true;
    return false;
}

/* The standard library's FILE of the year nearest YEAR that has it (the
 * latest year before, else the earliest after): a budget with a catalogue
 * of its own for a year the library lacks still has words and tables. */
static int load_nearest(Program *p, int year, const char *file)
{
    char name[64];
    snprintf(name, sizeof name, "%d/%s", year, file);
    if (program_load_std(p, name) == 0)
        return 0;
    for (int dy = 1; dy < 50; dy++)
        for (int sign = -1; sign <= 1; sign += 2) {
            snprintf(name, sizeof name, "%d/%s", year + sign * dy, file);
            if (program_load_std(p, name) == 0)
                return 0;
        }
    return -1;
}

/* A budget is checked against the standard library of its year
 * (std/YEAR.bud) unless it imports one itself; its own `catalog` blocks
 * extend the library's (W-CATALOG-LOCAL, W-CATALOG-OVERRIDE).  For a year
 * the library lacks, a budget may write its own catalogues: it then takes
 * the vocabulary and tables of the nearest year.  Returns the number of
 * errors. */
static int load_default_catalogue(Program *p, const Stmt *dept, DiagCtx *d)
{
    int year = 0;
    for (const Stmt *t = dept->body; t; t = t->next)
        if (t->kind == S_YEAR)
            year = (int)t->args->num.units;
    int before = p->nerrors;
    char name[32], years[128];
    snprintf(name, sizeof name, "%d.bud", year);
    int near = std_years(p, year, years, sizeof years);
    if (!has_catalog(p, "function", true) && program_load_std(p, name) == 0)
        return p->nerrors - before; /* the year's library, under the budget's own entries */
    if (has_catalog(p, "function", true) || has_catalog(p, "function", false)) {
        bool ok = (has_stmt(p, S_VOCABULARY) || load_nearest(p, year, "vocabulary.bud") == 0) &&
                  (has_stmt(p, S_DISCLOSURE) || load_nearest(p, year, "tables.bud") == 0);
        if (!ok) {
            diag_error(d, dept->kw_loc, "E-CATALOG",
                       "the standard library has no vocabulary and tables (vocabulary.bud, "
                       "tables.bud) for any year; reinstall budc's standard library");
            return 1;
        }
        if (!has_catalog(p, "economic", true) && !has_catalog(p, "economic", false)) {
            char other[96] = "";
            if (near)
                snprintf(other, sizeof other,
                         _(", or import \"std/%d.bud\" first and add to its catalogues"), near);
            diag_error(d, dept->kw_loc, "E-CATALOG",
                       "the budget has a 支出功能分类 of its own for %d but no 部门预算支出经济分类: "
                       "write a 'catalog economic %d' block too%s",
                       year, year, other);
            return p->nerrors - before + 1;
        }
        return p->nerrors - before;
    }
    if (near)
        diag_error(d, dept->kw_loc, "E-CATALOG",
                   "the standard library has no catalogue for %d (it has %s): write 'import "
                   "\"std/%d.bud\"' to check the budget against the %d catalogues (W-CATALOG-YEAR "
                   "will say so), or write the %d catalogues yourself ('catalog function %d' and "
                   "'catalog economic %d')",
                   year, years, near, near, year, year, year);
    else
        diag_error(d, dept->kw_loc, "E-CATALOG",
                   "the standard library has no catalogue at all; reinstall budc's standard "
                   "library, or write the %d catalogues yourself ('catalog function %d' and "
                   "'catalog economic %d')",
                   year, year, year);
    return 1;
}

void compile_cache_init(CompileCache *c)
{
    memset(c, 0, sizeof *c);
    stdcache_init(&c->std);
    arena_init(&c->arena);
}

void compile_cache_free(CompileCache *c)
{
    if (c->defs)
        defs_free(c->defs);
    arena_free(&c->arena);
    stdcache_free(&c->std);
    memset(c, 0, sizeof *c);
}

/* The catalogues, words and tables of P: a budget with none of its own
 * shares those the run's cache built once from the same standard library
 * files.  Returns the number of errors. */
static int load_defs(Compilation *c, CompileCache *cache, DiagCtx *d)
{
    const Program *p = &c->program;
    size_t keylen = 1;
    for (const Module *mod = p->modules; mod; mod = mod->next)
        if (mod->is_std)
            keylen += strlen(mod->id) + 1;
    char *key = NULL;
    if (cache && !defs_own(p)) {
        key = xmalloc(keylen);
        char *k = key;
        for (const Module *mod = p->modules; mod; mod = mod->next)
            if (mod->is_std)
                k += sprintf(k, "%s\n", mod->id);
        *k = '\0';
    }
    /* its own, or another standard library (another year) than the one
     * cached, which budgets still alive share */
    if (!key || (cache->defs && strcmp(cache->defs_key, key) != 0)) {
        free(key);
        arena_init(&c->defs_arena);
        c->own_defs = arena_alloc(&c->defs_arena, sizeof *c->own_defs);
        c->defs = c->own_defs;
        return defs_load(c->own_defs, p, &c->defs_arena, d);
    }
    int nerr = 0;
    if (!cache->defs) {
        cache->defs = arena_alloc(&cache->arena, sizeof *cache->defs);
        nerr = defs_load(cache->defs, p, &cache->arena, d);
        cache->defs_key = arena_strdup(&cache->arena, key);
    }
    free(key);
    c->defs = cache->defs;
    return nerr;
}

/* Another budget a budget names: last year's (prior "FILE") or, for a 决算,
 * the budget it executes (budget "FILE"). */
typedef struct Other {
    const char *file;       /* as written, relative to FROM */
    const SrcFile *from;
    Loc loc;
    const char *code;       /* E-PRIOR-FILE, E-BUDGET-FILE */
    const char *what;       /* "last year's budget" … */
    int year;               /* the year it must be for */
    const char *year_code;  /* W-PRIOR-YEAR … */
} Other;

/* Compiles the budget O names quietly (its warnings are its own business)
 * into *OUT.  Errors in it make its figures unusable: one error here says
 * so.  Returns the number of errors. */
static int load_other(const Other *o, const CompileInput *in, DiagCtx *d, Compilation **out,
                      CompileStage upto)
{
    const char *from = o->from ? o->from->name : "";
    const char *slash = strrchr(from, '/');
    size_t n = strlen(from) + strlen(o->file) + 2;
    char *path = xmalloc(n);
    if (o->file[0] == '/' || !slash)
        snprintf(path, n, "%s", o->file);
    else
        snprintf(path, n, "%.*s/%s", (int)(slash - from), from, o->file);
    FILE *sink = fopen("/dev/null", "w");
    DiagCtx quiet;
    diag_init(&quiet, sink ? sink : stderr);
    quiet.max_errors = 1;
    Compilation *pc = xmalloc(sizeof *pc);
    CompileInput pin = {.path = path, .stdlib_dir = in->stdlib_dir, .cache = in->cache};
    int nerr = 0;
    /* a sandboxed budget reads no file: another is as good as missing */
    int rc = in->sandbox ? (memset(pc, 0, sizeof *pc), -1) : compile_as(pc, &pin, upto, &quiet, true);
    if (rc < 0) {
        diag_error(d, o->loc, o->code, "cannot read %s '%s'", o->what, path);
        nerr = 1;
    } else if (upto != COMPILE_CHECK) {
        /* -M: only the files it reads */
    } else if (pc->failed || !pc->model) {
        diag_error(d, o->loc, o->code,
                   "%s '%s' has errors, so its figures cannot be compared; run 'budc check %s'",
                   o->what, path, path);
        nerr = 1;
    } else if (pc->model->year != o->year) {
        diag_warning(d, o->loc, o->year_code, "%s '%s' is for %d, not %d", o->what, path,
                     pc->model->year, o->year);
    }
    if (nerr) {
        if (rc == 0)
            compile_free(pc);
        free(pc);
    } else {
        *out = pc;
    }
    diag_free(&quiet);
    if (sink)
        fclose(sink);
    free(path);
    return nerr;
}

/* prior "FILE" (last year's budget or 决算) and, for a 决算, budget "FILE"
 * (the budget it executes): each compiled and hung on C's model. */
static int load_others(Compilation *c, const CompileInput *in, DiagCtx *d)
{
    Model *m = c->model;
    int nerr = 0;
    if (c->program.is_prior)
        return 0;
    if (m->prior_file) {
        Other o = {m->prior_file, m->prior_from, m->prior_loc, "E-PRIOR-FILE",
                   "last year's budget", m->year - 1, "W-PRIOR-YEAR"};
        nerr += load_other(&o, in, d, &c->prior, COMPILE_CHECK);
        if (c->prior)
            m->prior_model = c->prior->model;
    }
    if (m->budget_file && m->final) {
        Other o = {m->budget_file, m->budget_from, m->budget_loc, "E-BUDGET-FILE",
                   "the budget", m->year, "W-BUDGET-YEAR"};
        int before = d->nerrors;
        nerr += load_other(&o, in, d, &c->budget, COMPILE_CHECK);
        if (c->budget && c->budget->model->final) {
            diag_error(d, m->budget_loc, "E-BUDGET-FILE",
                       "'%s' is a 决算; a 决算 names the budget (部门预算) it executes",
                       m->budget_file);
            nerr++;
        } else if (c->budget && d->nerrors == before)
            m->budget_model = c->budget->model;
        if (c->budget && !m->budget_model) {
            compile_free(c->budget);
            free(c->budget);
            c->budget = NULL;
        }
    }
    return nerr;
}

/* -M: the budgets the budget names (prior "FILE", and budget "FILE" in its
 * department), read as far as -M reads them, into C->prior and C->budget,
 * so that their files are dependencies too.  As in load_others, the files
 * those name are not read.  Returns the number of errors (a file that
 * cannot be read). */
static int load_other_files(Compilation *c, const CompileInput *in, DiagCtx *d)
{
    int nerr = 0;
    for (const Module *mod = c->program.modules; mod; mod = mod->next)
        for (const Stmt *s = mod->stmts; s; s = s->next) {
            bool dept = s->kind == S_DEPARTMENT, unit = s->kind == S_UNIT;
            const Stmt *t = dept || unit ? s->body : s;
            for (; t; t = dept || unit ? t->next : NULL) {
                Compilation **out = NULL;
                Other o = {0};
                if (t->kind == S_PRIOR && !t->has_block && t->args && !c->prior) {
                    out = &c->prior;
                    o = (Other){t->args->text, t->loc.file, t->args->loc, "E-PRIOR-FILE",
                                "last year's budget", 0, NULL};
                } else if (t->kind == S_BUDGET && dept && t->args && !c->budget) {
                    out = &c->budget;
                    o = (Other){t->args->text, t->loc.file, t->args->loc, "E-BUDGET-FILE",
                                "the budget", 0, NULL};
                }
                if (out)
                    nerr += load_other(&o, in, d, out, COMPILE_PREPARE);
            }
        }
    return nerr;
}

static int compile_as(Compilation *c, const CompileInput *in, CompileStage upto, DiagCtx *d,
                      bool is_prior)
{
    memset(c, 0, sizeof *c);
    Program *p = &c->program;
    program_init(p, d, in->stdlib_dir);
    p->cache = in->cache ? &in->cache->std : NULL;
    p->is_prior = is_prior;
    p->sandbox = in->sandbox;
    p->overlay = in->overlay;
    p->overlay_ctx = in->overlay_ctx;
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
    if (dept && upto == COMPILE_PREPARE && !is_prior && p->nerrors == 0)
        c->prepare_errors += load_other_files(c, in, d);
    /* a budget with errors in its files, or a part of a budget (no
     * department: a unit file, a catalogue), is not checked further */
    if (upto == COMPILE_CHECK && dept && p->nerrors == 0 && c->prepare_errors == 0) {
        load_defs(c, in->cache, d); /* a catalogue's errors stop no check */
        Model *m = xmalloc(sizeof *m);
        c->model = m;
        model_build(m, p, c->defs, d);
        load_others(c, in, d);
        if (!m->overflow) { /* E-OVERFLOW: no sum can be trusted */
            model_finish(m);
            check_model(m, d);
        }
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
    if (c->budget) {
        compile_free(c->budget);
        free(c->budget);
    }
    if (c->own_defs) {
        defs_free(c->own_defs);
        arena_free(&c->defs_arena);
    }
    program_free(&c->program);
    memset(c, 0, sizeof *c);
}
