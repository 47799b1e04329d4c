/*
 * build.c — the commands that write outputs: budc json, csv, latex, html,
 * build.
 *
 * Each loads and checks its budget exactly as `budc check` does (warnings
 * are printed, and recorded for the JSON output); a budget with an error is
 * not written at all (exit 1).  Every file goes through output.c: it is
 * written beside its final name and renamed into place only when complete,
 * so a failed or interrupted run never leaves a partial file and never
 * damages yesterday's output.
 *
 * `budc build` also typesets the PDF when xelatex is installed: it runs
 * xelatex twice (for the table of contents; the first run writes no PDF,
 * -no-pdf, which saves its xdvipdfmx) in a private temporary directory,
 * with shell escape disabled, and moves the PDF into place.
 * Each run of xelatex gets at most --tex-timeout seconds (default
 * DEFAULT_TEX_TIMEOUT); one that takes longer is ended, and the build of
 * that PDF fails with its log kept, as when TeX stops on an error.
 * The same budget gives the same PDF bytes: xelatex's dates and document
 * ID come from SOURCE_DATE_EPOCH, the caller's when set, else 00:00 in
 * Beijing on 1 January of the year the document is published (a 预算's
 * own year, the year after a 决算's), see pdf_epoch.
 */
#include "driver/build.h"
#include "base/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/cli.h"
#include "base/text.h"
#include "driver/compile.h"
#include "driver/iomod.h"
#include "model/merge.h"
#include "emit/emit.h"
#include "front/load.h"
#include "base/inputs.h"
#include "base/output.h"
#include "base/progress.h"

/* budc-io.so (iomod.h), loaded by cmd_build for xlsx, build and sqlite */
static const IoModule *io;

typedef struct BuildOptions {
    const char *out;   /* -o */
    bool csv_long;     /* --long */
    bool bom;          /* --bom */
    bool consolidate;  /* --consolidate */
    const char *unit;  /* --unit NAME: that unit's own disclosure */
    bool units;        /* --units: every unit's too (build) */
    SqlDb *db;         /* sqlite: the database the budgets go into */
    int max_errors;
    char **files;
    int nfiles;
} BuildOptions;

/* Seconds each run of xelatex may take (--tex-timeout=N; 0: no limit). */
enum { DEFAULT_TEX_TIMEOUT = 120 };
static long tex_timeout = DEFAULT_TEX_TIMEOUT;

static int parse(const char *cmd, int argc, char **argv, BuildOptions *o, DiagCtx *d)
{
    memset(o, 0, sizeof *o);
    o->max_errors = DEFAULT_MAX_ERRORS;
    o->files = argv;
    bool only_files = false;
    for (int i = 0, k; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || !a[1]) {
            o->files[o->nfiles++] = argv[i];
        } else if (strcmp(a, "--") == 0) {
            only_files = true;
        } else if (strcmp(a, "-o") == 0) {
            if (i + 1 >= argc)
                return cli_usage("%s: '-o' needs a file or directory after it", cmd);
            o->out = argv[++i];
        } else if (strncmp(a, "-o", 2) == 0) {
            o->out = a + 2;
        } else if (strcmp(a, "--long") == 0 && strcmp(cmd, "csv") == 0) {
            o->csv_long = true;
        } else if (strcmp(a, "--bom") == 0 &&
                   (strcmp(cmd, "csv") == 0 || strcmp(cmd, "build") == 0)) {
            o->bom = true;
        } else if (strcmp(a, "--consolidate") == 0 && strcmp(cmd, "build") == 0) {
            o->consolidate = true;
        } else if (strcmp(a, "--units") == 0 && strcmp(cmd, "build") == 0) {
            o->units = true;
        } else if (strncmp(a, "--tex-timeout=", 14) == 0 && strcmp(cmd, "build") == 0) {
            char *end;
            errno = 0;
            long n = strtol(a + 14, &end, 10);
            if (!a[14] || *end || errno || n < 0 || n > 86400)
                return cli_usage("build: '%s': the seconds xelatex may take, 0 to 86400 (0: no "
                                 "limit)", a);
            tex_timeout = n;
        } else if (strcmp(a, "--unit") == 0) {
            if (i + 1 >= argc || !argv[i + 1][0])
                return cli_usage("%s: '--unit' needs a unit's name after it (本级 …)", cmd);
            o->unit = argv[++i];
        } else if (strncmp(a, "--unit=", 7) == 0) {
            if (!a[7])
                return cli_usage("%s: '--unit=' needs a unit's name after it (本级 …)", cmd);
            o->unit = a + 7;
        } else if ((k = cli_diag_option(a, d, &o->max_errors)) != 0) {
            if (k < 0)
                return EXIT_USAGE;
        } else {
            return cli_usage("%s: unknown option '%s'", cmd, a);
        }
    }
    if (o->nfiles == 0)
        return cli_usage("%s: no input file", cmd);
    if (strcmp(cmd, "build") == 0 && !o->out)
        return cli_usage("build: say where the outputs go: -o DIR");
    if (strcmp(cmd, "sqlite") == 0 && (!o->out || strcmp(o->out, "-") == 0))
        return cli_usage("sqlite: say which database file to write: -o OUT.db");
    if (strcmp(cmd, "sqlite") == 0 && o->unit)
        return cli_usage("sqlite: the database holds every unit of each department; --unit is "
                         "for the other outputs");
    if (strcmp(cmd, "xlsx") == 0 && !o->out)
        return cli_usage("xlsx: say where the workbook goes: -o OUT.xlsx");
    if (o->unit && o->units)
        return cli_usage("build: --unit writes one unit's disclosure, --units every unit's; give "
                         "one of them");
    if (o->unit && o->consolidate)
        return cli_usage("build: --unit writes one unit's disclosure, --consolidate a region's "
                         "summary; give one of them");
    return 0;
}

/* The budget's name for output files: its file name without .bud. */
static void base_name(const char *path, char *buf, size_t n)
{
    const char *slash = strrchr(path, '/');
    const char *b = slash ? slash + 1 : path;
    size_t len = strlen(b);
    if (len > 4 && strcmp(b + len - 4, ".bud") == 0)
        len -= 4;
    snprintf(buf, n, "%.*s", (int)len, b);
}

/* ---- writing one file ------------------------------------------------------------ */

/* A document: the department's disclosure (unit -1) or a unit's own, and
 * the warnings the JSON lists. */
typedef struct Doc {
    const Model *m;
    int unit;
    const DiagCtx *d;
} Doc;

typedef int (*Writer)(const Doc *doc, const void *arg, FILE *f);

static int write_file(const char *path, Writer w, const Doc *doc, const void *arg)
{
    OutFile o;
    char err[512];
    FILE *f = out_open(&o, path, err, sizeof err);
    if (!f)
        return cli_fail("%s", err);
    if (w(doc, arg, f) < 0) {
        int e = errno;
        out_abort(&o);
        if (strcmp(path, "-") == 0)
            return cli_fail("cannot write to standard output: %s", strerror(e));
        return cli_fail("cannot write '%s': %s", path, strerror(e));
    }
    if (out_commit(&o, err, sizeof err) < 0)
        return cli_fail("%s", err);
    return EXIT_OK;
}

static int w_json(const Doc *doc, const void *arg, FILE *f)
{
    (void)arg;
    return emit_json(doc->m, doc->unit, doc->d, f);
}

static int w_latex(const Doc *doc, const void *arg, FILE *f)
{
    (void)arg;
    return emit_latex(doc->m, doc->unit, f);
}

static int w_html(const Doc *doc, const void *arg, FILE *f)
{
    (void)arg;
    return emit_html(doc->m, doc->unit, f);
}

typedef struct CsvArg {
    CsvOptions opt;
    int table; /* the table's index, or -1 for the long form */
} CsvArg;

static int w_datapackage(const Doc *doc, const void *arg, FILE *f)
{
    return emit_datapackage(doc->m, doc->unit, &((const CsvArg *)arg)->opt, f);
}

static int w_csv(const Doc *doc, const void *arg, FILE *f)
{
    const CsvArg *c = arg;
    return c->table < 0 ? emit_csv_long(doc->m, doc->unit, &c->opt, f)
                        : emit_csv_table(doc->m, doc->unit, c->table, &c->opt, f);
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *s = xmalloc(n);
    snprintf(s, n, "%s/%s", dir, name);
    return s;
}

/* The CSV files into DIR: the nine tables, the long form, or both. */
static int write_csv(const char *dir, const Doc *doc, bool bom, bool tables, bool facts)
{
    char err[512];
    if (out_mkdir(dir, err, sizeof err) < 0)
        return cli_fail("%s", err);
    for (int t = 0; tables && t < model_ntables(doc->m); t++) {
        CsvArg a = {{bom}, t};
        char *path = join(dir, model_table(doc->m, t, -1)->def->csv);
        int st = write_file(path, w_csv, doc, &a);
        free(path);
        if (st)
            return st;
    }
    if (facts) {
        CsvArg a = {{bom}, -1};
        char *path = join(dir, "facts.csv");
        int st = write_file(path, w_csv, doc, &a);
        free(path);
        if (st)
            return st;
        path = join(dir, "datapackage.json"); /* what facts.csv holds, for portals */
        st = write_file(path, w_datapackage, doc, &a);
        free(path);
        if (st)
            return st;
    }
    return EXIT_OK;
}

/* ---- the PDF ------------------------------------------------------------------------- */

/* The xelatex on PATH, or NULL. */
static char *find_xelatex(void)
{
    const char *path = getenv("PATH");
    if (!path)
        return NULL;
    const char *p = path;
    while (*p) {
        const char *colon = strchr(p, ':');
        size_t n = colon ? (size_t)(colon - p) : strlen(p);
        char dir[4096];
        snprintf(dir, sizeof dir, "%.*s", (int)n, n ? p : ".");
        char *cand = join(dir, "xelatex");
        if (access(cand, X_OK) == 0) {
            /* made absolute (not resolved: xelatex is a link whose name
             * matters), since it runs in another directory */
            char cwd[4096];
            if (cand[0] == '/' || !getcwd(cwd, sizeof cwd))
                return cand;
            char *abs = join(cwd, cand);
            free(cand);
            return abs;
        }
        free(cand);
        p += n + (colon != NULL);
        if (!colon)
            break;
    }
    return NULL;
}

/* Seconds since an arbitrary moment, for timing xelatex. */
static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The PDF's date when the caller gives no SOURCE_DATE_EPOCH, as seconds
 * since 1970 into BUF: 00:00 China Standard Time (UTC+8) on 1 January of
 * the year the document is published, a 预算's own year and the year after
 * a 决算's, so that the same budget typesets to the same bytes on any day. */
static void pdf_epoch(const Model *m, char *buf, size_t n)
{
    long y = (long)m->year + (m->final ? 1 : 0);
    if (y < 1970 || y > 9999)
        y = 1970;
    /* days from 1970-01-01 to y-01-01 */
    long days = 365 * (y - 1970) + (y - 1969) / 4 - (y - 1901) / 100 + (y - 1601) / 400;
    snprintf(buf, n, "%ld", days * 86400L - 8L * 3600L < 0 ? 0L : days * 86400L - 8L * 3600L);
}

/* Runs xelatex on NAME.tex in DIR; its output goes to DIR/xelatex.out.
 * PDF false: only the .aux, .toc and .xdv (-no-pdf), for a first run.
 * Returns 0 when it succeeded, -1 when it failed, -2 when it was ended
 * after tex_timeout seconds. */
static int run_xelatex(const char *xelatex, const char *dir, const char *name, bool pdf,
                       const char *epoch)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        setpgid(0, 0); /* its own group: a signal to budc ends all of xelatex */
        out_child_signals();
        if (chdir(dir) != 0)
            _exit(127);
        int fd = open("xelatex.out", O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
            close(fd);
        }
        /* the dates of the PDF and the "XeTeX output DATE" of its
         * Creator, which only FORCE_SOURCE_DATE makes XeTeX take from it */
        if (!getenv("SOURCE_DATE_EPOCH"))
            setenv("SOURCE_DATE_EPOCH", epoch, 1);
        if (!getenv("FORCE_SOURCE_DATE"))
            setenv("FORCE_SOURCE_DATE", "1", 1);
        int nul = open("/dev/null", O_RDONLY);
        if (nul >= 0) {
            dup2(nul, 0);
            close(nul);
        }
        char tex[512];
        snprintf(tex, sizeof tex, "%s.tex", name);
        if (pdf)
            execl(xelatex, "xelatex", "-interaction=nonstopmode", "-halt-on-error",
                  "-no-shell-escape", tex, (char *)NULL);
        else
            execl(xelatex, "xelatex", "-no-pdf", "-interaction=nonstopmode", "-halt-on-error",
                  "-no-shell-escape", tex, (char *)NULL);
        _exit(127);
    }
    setpgid(pid, pid); /* also here: whichever of the two runs first */
    out_track_child(pid);
    int status;
    double start = now_seconds();
    bool ended = false;
    for (;;) { /* polled every 10 ms, so that the time can be bounded */
        pid_t r = waitpid(pid, &status, tex_timeout > 0 ? WNOHANG : 0);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR)
            return -1;
        if (r == 0 && !ended && now_seconds() - start > (double)tex_timeout) {
            kill(-pid, SIGKILL); /* xelatex and whatever it started */
            ended = true;
        }
        if (r == 0) {
            struct timespec tick = {0, 10 * 1000 * 1000};
            nanosleep(&tick, NULL);
        }
    }
    if (ended)
        return -2;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* From xelatex's output LOG: TeX's error message ("! …") and the line of the
 * LaTeX it stopped at ("l.N …"), into MSG; empty when there is none. */
static void tex_error(const char *log, char *msg, size_t n)
{
    msg[0] = '\0';
    FILE *f = fopen(log, "r");
    if (!f)
        return;
    char line[512], err[160] = "";
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '!' && !err[0])
            snprintf(err, sizeof err, "%s", line + (line[1] == ' ' ? 2 : 1));
        else if (err[0] && line[0] == 'l' && line[1] == '.' && line[2] >= '0' && line[2] <= '9') {
            long at = strtol(line + 2, NULL, 10);
            const char *text = strchr(line, ' ');
            /* the text before the error, cut to about 60 characters */
            char cut[256];
            snprintf(cut, sizeof cut, "%s", text ? text + 1 : "");
            size_t len = strlen(cut);
            if (len > 180) {
                size_t from = len - 180;
                while (from < len && ((unsigned char)cut[from] & 0xC0) == 0x80)
                    from++;
                memmove(cut, cut + from, len - from + 1);
                snprintf(msg, n, _("%s, at line %ld of the LaTeX, in the text ending '…%s'"), err, at,
                         cut);
            } else {
                snprintf(msg, n, _("%s, at line %ld of the LaTeX, in the text ending '%s'"), err, at,
                         cut);
            }
            break;
        }
    }
    if (!msg[0] && err[0])
        snprintf(msg, n, "%s", err);
    fclose(f);
}

static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    if (!in)
        return cli_fail("cannot read '%s': %s", from, strerror(errno));
    OutFile o;
    char err[512], buf[65536];
    FILE *f = out_open(&o, to, err, sizeof err);
    if (!f) {
        fclose(in);
        return cli_fail("%s", err);
    }
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, f) != n)
            break;
    bool bad_in = ferror(in), bad = bad_in || ferror(f);
    int e = errno;
    fclose(in);
    if (bad) {
        out_abort(&o);
        if (bad_in)
            return cli_fail("cannot read '%s': %s", from, strerror(e));
        return cli_fail("cannot write '%s': %s", to, strerror(e));
    }
    if (out_commit(&o, err, sizeof err) < 0)
        return cli_fail("%s", err);
    return EXIT_OK;
}

static const char *const tree_files[] = {"budget.tex", "budget.aux", "budget.log", "budget.out",
                                         "budget.toc", "budget.xdv", "budget.pdf",
                                         "xelatex.out"};

static void remove_tree(const char *dir)
{
    const char *const *files = tree_files;
    for (size_t i = 0; i < sizeof tree_files / sizeof tree_files[0]; i++) {
        char *p = join(dir, files[i]);
        unlink(p);
        free(p);
    }
    rmdir(dir);
    out_untrack_tree();
}

/* Typesets OUTDIR/NAME.pdf from the document, when xelatex is installed. */
static int write_pdf(const char *outdir, const char *name, const Doc *doc)
{
    char *xelatex = find_xelatex();
    if (!xelatex) {
        cli_note("xelatex is not installed, so %s/%s.pdf was not written (install "
                 "texlive-xetex and texlive-lang-chinese); the other outputs were",
                 outdir, name);
        return EXIT_OK;
    }
    char tmpl[] = "/tmp/budc-pdf-XXXXXX";
    char *dir = mkdtemp(tmpl);
    if (!dir) {
        free(xelatex);
        return cli_fail("cannot create a temporary directory: %s", strerror(errno));
    }
    out_track_tree(dir, tree_files, (int)(sizeof tree_files / sizeof tree_files[0]));
    char *tex = join(dir, "budget.tex");
    int st = write_file(tex, w_latex, doc, NULL);
    free(tex);
    if (st == EXIT_OK) {
        /* twice: the second run fills in the table of contents, which
         * every disclosure has (so once never suffices); the first writes
         * no PDF */
        char epoch[24];
        pdf_epoch(doc->m, epoch, sizeof epoch);
        int r = run_xelatex(xelatex, dir, "budget", false, epoch);
        if (r == 0)
            r = run_xelatex(xelatex, dir, "budget", true, epoch);
        if (r < 0) {
            char *log = join(dir, "xelatex.out");
            char *keep = xmalloc(strlen(outdir) + strlen(name) + 16);
            sprintf(keep, "%s/%s.xelatex.log", outdir, name);
            char why[768];
            tex_error(log, why, sizeof why);
            copy_file(log, keep);
            if (r == -2)
                st = cli_fail("xelatex did not finish %s/%s.pdf within %ld s (--tex-timeout=N "
                              "gives it longer); its output is in %s",
                              outdir, name, tex_timeout, keep);
            else if (why[0])
                st = cli_fail("xelatex could not typeset %s/%s.pdf: %s; its output is in %s",
                              outdir, name, why, keep);
            else
                st = cli_fail("xelatex could not typeset %s/%s.pdf; its output is in %s", outdir,
                              name, keep);
            free(log);
            free(keep);
        } else {
            char *pdf = join(dir, "budget.pdf");
            char *to = xmalloc(strlen(outdir) + strlen(name) + 8);
            sprintf(to, "%s/%s.pdf", outdir, name);
            st = copy_file(pdf, to);
            free(pdf);
            free(to);
        }
    }
    remove_tree(dir);
    free(xelatex);
    return st;
}

/* ---- the workbook ----------------------------------------------------------------- */

static const char *const xlsx_files[] = {"book.xlsx"};

/* Writes the workbook of DOC to PATH.  libxlsxwriter writes a file by its
 * name, so it writes into a private temporary directory (removed on any
 * failure or signal) and the workbook is then copied into place through
 * output.c, which renames it over PATH only when complete. */
static int write_xlsx(const char *path, const Doc *doc)
{
    const char *tmpdir = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/budc-xlsx-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    char *dir = mkdtemp(tmpl);
    if (!dir)
        return cli_fail("cannot create a temporary directory: %s", strerror(errno));
    out_track_tree(dir, xlsx_files, 1);
    char *book = join(dir, xlsx_files[0]);
    char err[1024];
    int st;
    if (io->emit_xlsx(doc->m, doc->unit, book, err, sizeof err) < 0)
        st = cli_fail("%s", err);
    else
        st = copy_file(book, path);
    unlink(book);
    free(book);
    rmdir(dir);
    out_untrack_tree();
    return st;
}

/* ---- the commands ------------------------------------------------------------------- */

/* Compiles PATH into C; on success c->model is the checked model.  Returns
 * EXIT_OK, EXIT_INPUT (errors reported) or EXIT_USAGE. */
static int load_checked(Compilation *c, const char *path, DiagCtx *d, const char *std,
                        CompileCache *cache)
{
    CompileInput in = {.path = path, .stdlib_dir = std, .cache = cache};
    if (compile(c, &in, COMPILE_CHECK, d) < 0)
        return EXIT_USAGE;
    if (c->failed)
        return EXIT_INPUT;
    if (!c->model) {
        cli_fail("%s has no 'department': it is a part of a budget, and only a whole budget "
                 "has outputs",
                 path);
        return EXIT_INPUT;
    }
    return EXIT_OK;
}

/* `budc build`: DIR/NAME.json, DIR/NAME-csv/, DIR/NAME.tex and the PDF of
 * document DOC. */
static int write_all(const BuildOptions *o, const char *dir, const char *name, const Doc *doc)
{
    char err[512];
    char *base = join(dir, name);
    char *json = xmalloc(strlen(base) + 8), *tex = xmalloc(strlen(base) + 8),
         *csv = xmalloc(strlen(base) + 8), *html = xmalloc(strlen(base) + 8),
         *xlsx = xmalloc(strlen(base) + 8);
    sprintf(json, "%s.json", base);
    sprintf(html, "%s.html", base);
    sprintf(xlsx, "%s.xlsx", base);
    sprintf(tex, "%s.tex", base);
    sprintf(csv, "%s-csv", base);
    int st = EXIT_OK;
    if (out_mkdir(dir, err, sizeof err) < 0)
        st = cli_fail("%s", err);
    if (st == EXIT_OK)
        st = write_file(json, w_json, doc, NULL);
    if (st == EXIT_OK)
        st = write_csv(csv, doc, o->bom, true, true);
    if (st == EXIT_OK)
        st = write_xlsx(xlsx, doc);
    if (st == EXIT_OK)
        st = write_file(tex, w_latex, doc, NULL);
    if (st == EXIT_OK)
        st = write_file(html, w_html, doc, NULL);
    if (st == EXIT_OK)
        st = write_pdf(dir, name, doc);
    free(html);
    free(xlsx);
    free(base);
    free(json);
    free(tex);
    free(csv);
    return st;
}

/* `budc build`'s outputs of the units of budget NAME: DIR/NAME-units/
 * UNIT.json, UNIT-csv/, UNIT.tex and UNIT.pdf for unit ONLY, or for every
 * unit when ONLY is -1. */
static int write_units(const BuildOptions *o, const char *name, const Model *m, const DiagCtx *d,
                       int only)
{
    char err[512];
    char *dir = xmalloc(strlen(o->out) + strlen(name) + 16);
    sprintf(dir, "%s/%s-units", o->out, name);
    int st = EXIT_OK;
    if (out_mkdir(o->out, err, sizeof err) < 0)
        st = cli_fail("%s", err);
    for (int u = 0; u < m->nunits && st == EXIT_OK; u++)
        if (only < 0 || u == only)
            st = write_all(o, dir, m->units[u].id, &(Doc){m, u, d});
    free(dir);
    return st;
}

/* Writes the outputs of command CMD for budget NAME: the department's, or
 * (UNIT set) that unit's own; with --units every unit's as well. */
static int write_outputs(const char *cmd, BuildOptions *o, const char *name, const Model *m,
                         const DiagCtx *d, bool many, int unit)
{
    int st = EXIT_OK;
    char err[512];
    Doc doc = {m, unit, d};
    if (strcmp(cmd, "build") == 0) {
        if (unit >= 0)
            return write_units(o, name, m, d, unit);
        st = write_all(o, o->out, name, &doc);
        if (st == EXIT_OK && o->units)
            st = write_units(o, name, m, d, -1);
        return st;
    }
    if (strcmp(cmd, "sqlite") == 0) {
        if (io->sqldb_add(o->db, m, name, err, sizeof err) < 0)
            return cli_fail("%s", err);
        return EXIT_OK;
    }
    /* with several budgets, -o is a directory holding NAME.json … */
    char *many_out = NULL;
    if (many) {
        if (out_mkdir(o->out, err, sizeof err) < 0)
            return cli_fail("%s", err);
        many_out = xmalloc(strlen(o->out) + strlen(name) + 16);
        sprintf(many_out, "%s/%s%s", o->out, name,
                strcmp(cmd, "json") == 0    ? ".json"
                : strcmp(cmd, "latex") == 0 ? ".tex"
                : strcmp(cmd, "html") == 0  ? ".html"
                : strcmp(cmd, "xlsx") == 0  ? ".xlsx"
                                            : "-csv");
    }
    if (strcmp(cmd, "json") == 0)
        st = write_file(many_out ? many_out : o->out ? o->out : "-", w_json, &doc, NULL);
    else if (strcmp(cmd, "latex") == 0)
        st = write_file(many_out ? many_out : o->out ? o->out : "-", w_latex, &doc, NULL);
    else if (strcmp(cmd, "html") == 0)
        st = write_file(many_out ? many_out : o->out ? o->out : "-", w_html, &doc, NULL);
    else if (strcmp(cmd, "xlsx") == 0)
        st = write_xlsx(many_out ? many_out : o->out, &doc);
    else
        st = write_csv(many_out ? many_out : o->out ? o->out : ".", &doc, o->bom, !o->csv_long,
                       o->csv_long);
    free(many_out);
    return st;
}

/* The unit of M whose word is NAME (--unit NAME), or -1 after a usage
 * error that lists the units. */
static int find_unit(const char *cmd, const char *path, const Model *m, const char *name)
{
    const char **ids = xmalloc(((size_t)m->nunits + 1) * sizeof *ids);
    for (int i = 0; i < m->nunits; i++) {
        if (strcmp(m->units[i].id, name) == 0) {
            free(ids);
            return i;
        }
        ids[i] = m->units[i].id;
    }
    char list[1024] = "", hint[256] = "";
    size_t n = 0;
    for (int i = 0; i < m->nunits && n < sizeof list; i++)
        n += (size_t)snprintf(list + n, sizeof list - n, "%s%s (%s)", i ? ", " : "",
                              m->units[i].id, m->units[i].name);
    const char *near = text_nearest(name, ids, m->nunits, 0);
    if (near)
        snprintf(hint, sizeof hint, _("did you mean '%s'? "), near);
    free(ids);
    if (m->nunits == 0)
        cli_usage("%s: %s has no unit '%s': it has no unit at all", cmd, path, name);
    else
        cli_usage("%s: %s has no unit '%s'; %sname a unit by the word after 'unit': %s", cmd,
                  path, name, hint, list);
    return -1;
}

/* Loads, checks and writes one budget; with CONS, adds it to the region's
 * consolidation (which may keep its model). */
static int one(const char *cmd, BuildOptions *o, const char *path, DiagCtx *d,
               const char *std, CompileCache *cache, bool many, Consolidation *cons,
               Compilation **kept)
{
    Compilation *c = xmalloc(sizeof *c);
    size_t first = d->nrecs;
    int st = load_checked(c, path, d, std, cache);
    /* the JSON lists this budget's warnings, not those of the files before */
    DiagCtx view = *d;
    if (view.recs) /* (no diagnostic recorded yet: NULL, not NULL + 0) */
        view.recs += first;
    view.nrecs -= first;
    int unit = -1;
    if (st == EXIT_OK && o->unit && (unit = find_unit(cmd, path, c->model, o->unit)) < 0)
        st = EXIT_USAGE; /* nothing is written */
    if (st == EXIT_OK) {
        char name[256];
        base_name(path, name, sizeof name);
        st = write_outputs(cmd, o, name, c->model, &view, many, unit);
        if (st == EXIT_OK && cons) {
            char err[512];
            int took = cons_add(cons, c->model, err, sizeof err);
            if (took < 0)
                st = cli_fail("%s", err);
            if (took > 0) { /* the first department: its catalogues serve all */
                *kept = c;
                return st;
            }
        }
    }
    compile_free(c);
    free(c);
    return st;
}

/* `budc sqlite`: the database with every department of the run, written
 * whole when each checked without error (ST), else not at all. */
static int finish_db(BuildOptions *o, int st)
{
    char err[512];
    if (st == EXIT_OK) {
        OutFile f;
        FILE *out = out_open(&f, o->out, err, sizeof err);
        if (!out)
            st = cli_fail("%s", err);
        else if (io->sqldb_write(o->db, out, err, sizeof err) < 0) {
            out_abort(&f);
            st = cli_fail("%s: %s", o->out, err);
        } else if (out_commit(&f, err, sizeof err) < 0)
            st = cli_fail("%s", err);
    } else {
        fprintf(stderr, "budc: note: %s was not written: the database holds every department of "
                        "the run, each without error\n", o->out);
    }
    io->sqldb_close(o->db);
    o->db = NULL;
    return st;
}

int cmd_output(const char *cmd, int argc, char **argv, const char *argv0)
{
    DiagCtx d;
    diag_init(&d, stderr);
    d.record = true;
    BuildOptions o;
    int st = parse(cmd, argc, argv, &o, &d);
    /* the workbook (xlsx, build) and the database (sqlite) are written by
     * budc-io.so: loaded before anything is read or written */
    if (st == EXIT_OK && (strcmp(cmd, "xlsx") == 0 || strcmp(cmd, "build") == 0 ||
                          strcmp(cmd, "sqlite") == 0) && !(io = io_module(cmd)))
        st = EXIT_USAGE;
    if (st == EXIT_OK) {
        d.max_errors = o.max_errors;
        const char *std = frontend_stdlib_dir(argv0);
        Inputs in;
        char err[512];
        if (inputs_expand(&in, o.files, o.nfiles, err, sizeof err) < 0) {
            st = cli_usage("%s", err);
        } else if (in.n > 1 && !o.out) {
            st = cli_usage("%s: with several budgets, say where the outputs go: -o DIR", cmd);
        } else if (in.n > 1 && o.unit) {
            st = cli_usage("%s: --unit names a unit of one budget; give one file", cmd);
        } else if (strcmp(cmd, "sqlite") == 0 && !(o.db = io->sqldb_open(err, sizeof err))) {
            st = cli_fail("%s", err);
        } else {
            CompileCache cache;
            compile_cache_init(&cache);
            Consolidation cons;
            cons_init(&cons);
            Compilation *kept = NULL;
            Progress prog; /* on a terminal, with several budgets */
            progress_start(&prog, in.n);
            for (int i = 0; i < in.n; i++) {
                progress_show(&prog, i + 1, in.files[i]);
                int s = one(cmd, &o, in.files[i], &d, std, &cache, in.n > 1,
                            o.consolidate ? &cons : NULL, &kept);
                if (s > st)
                    st = s;
            }
            progress_clear();
            if (o.db)
                st = finish_db(&o, st);
            if (o.consolidate && st != EXIT_OK)
                fprintf(stderr, "budc: note: the consolidated tables were not written: a region's "
                                "summary needs every department without error\n");
            else if (o.consolidate && cons.ndepts > 0)
                st = write_all(&o, o.out, "consolidated",
                               &(Doc){cons_finish(&cons), -1, &(DiagCtx){0}});
            cons_free(&cons);
            if (kept) {
                compile_free(kept);
                free(kept);
            }
            compile_cache_free(&cache);
        }
        inputs_free(&in);
        diag_finish(&d);
    }
    diag_free(&d);
    return st;
}
