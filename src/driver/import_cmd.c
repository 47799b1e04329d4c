/*
 * import_cmd.c — `budc import`: a workbook (.xlsx) or the CSV files of the
 * published layout become a budget (.bud), through import/.
 *
 * The importer reads the workbook with the definitions (catalogues, words,
 * tables) of the standard library: first of the newest year installed, to
 * find the year the workbook states (预算年度：…), then of that year.  The
 * budget is written whole or not at all (output.c).  Exit 1 when the
 * workbook cannot be read as a disclosure (the message names the sheet
 * and the cell), 2 for a usage or I/O problem.
 */
#include "driver/import_cmd.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/text.h"
#include "base/cli.h"
#include "base/output.h"
#include "driver/compile.h"
#include "driver/iomod.h"

/* The newest year of the standard library in DIR (its files NNNN.bud), or 0. */
static int newest_year(const char *dir)
{
    DIR *d = dir ? opendir(dir) : NULL;
    int best = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        int y;
        char rest[8];
        if (sscanf(e->d_name, "%4d%7s", &y, rest) == 2 && strcmp(rest, ".bud") == 0 && y > best)
            best = y;
    }
    if (d)
        closedir(d);
    return best;
}

/* Compiles the standard library of YEAR into C (as the library of an empty
 * department, its diagnostics unprinted); its defs are c->defs. */
static int load_defs(Compilation *c, int year, const char *std)
{
    char text[128];
    snprintf(text, sizeof text, "import \"std/%d.bud\"\ndepartment 0 \"\" {\n  year %d\n  money "
             "\xE5\x85\x83\n}\n", year, year);
    FILE *null = fopen("/dev/null", "w");
    DiagCtx d;
    diag_init(&d, null ? null : stderr);
    CompileInput in = {.path = "<import>", .text = text, .len = strlen(text), .stdlib_dir = std};
    int st = compile(c, &in, COMPILE_CHECK, &d);
    bool failed = st < 0 || c->failed || !c->defs;
    diag_finish(&d);
    diag_free(&d);
    if (null)
        fclose(null);
    if (failed) {
        compile_free(c);
        return cli_fail("import: the standard library of %d cannot be read (%s/%d.bud)", year,
                        std ? std : "stdlib", year);
    }
    return EXIT_OK;
}


static bool is_csv(const char *path)
{
    struct stat st;
    size_t n = strlen(path);
    return (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) ||
           (n > 4 && strcmp(path + n - 4, ".csv") == 0);
}

/* A PDF, by its name (FILE.pdf): read through poppler, not as a workbook. */
static bool is_pdf(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcasecmp(path + n - 4, ".pdf") == 0;
}

int cmd_import(int argc, char **argv, const char *argv0)
{
    const char *out = NULL, *in = NULL;
    ImportOptions o = {0};
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strncmp(a, "-o", 2) == 0 && a[2])
            out = a + 2;
        else if (strcmp(a, "--year") == 0 && i + 1 < argc) {
            char *end;
            long y = strtol(argv[++i], &end, 10);
            if (*end || y < 1900 || y > 2200)
                return cli_usage("import: '--year %s': a budget year (2023 …)", argv[i]);
            o.year = (int)y;
        } else if (strcmp(a, "--name") == 0 && i + 1 < argc)
            o.name = argv[++i];
        else if (strcmp(a, "--code") == 0 && i + 1 < argc)
            o.code = argv[++i];
        else if (strcmp(a, "--budget") == 0 && i + 1 < argc)
            o.budget = argv[++i];
        else if (a[0] == '-' && a[1])
            return cli_usage("import: unknown option '%s' (or it needs a value after it)", a);
        else if (in)
            return cli_usage("import: one workbook at a time ('%s' and '%s')", in, a);
        else
            in = a;
    }
    if (!in)
        return cli_usage("import: no workbook: budc import BOOK.xlsx -o OUT.bud");
    if (o.code && !text_all_digits(o.code))
        return cli_usage("import: '--code %s': a department code is a number", o.code);
    const IoModule *io = io_module("import");
    if (!io)
        return EXIT_USAGE;
    char err[1024];
    Book b = {0};
    bool pdf = is_pdf(in);
    if (!pdf && (is_csv(in) ? io->book_read_csv(&b, in, err, sizeof err)
                            : io->book_read_xlsx(&b, in, err, sizeof err)) < 0) {
        cli_fail("%s", err);
        return strstr(err, "cannot read") == err ? EXIT_USAGE : EXIT_INPUT;
    }
    const char *std = frontend_stdlib_dir(argv0);
    int year = o.year ? o.year : newest_year(std);
    if (!year) {
        io->book_free(&b);
        return cli_fail("import: no standard library in %s", std ? std : "stdlib");
    }
    Compilation c;
    int st = load_defs(&c, year, std);
    /* a PDF's tables are found by the titles of the table definitions */
    if (st == EXIT_OK && pdf) {
        int r = io->import_read_pdf(&b, in, c.defs, err, sizeof err);
        if (r < 0) {
            compile_free(&c);
            io->book_free(&b);
            cli_fail("%s", err);
            return r == -2 ? EXIT_USAGE : EXIT_INPUT;
        }
    }
    if (st == EXIT_OK && !o.year) {
        int y = io->import_year(&b, &c.defs->vocab);
        if (y && y != year) {
            compile_free(&c);
            st = load_defs(&c, y, std);
        } else if (!y) {
            cli_note("import: %s states no budget year (预算年度); %d assumed (--year sets it)", in,
                     year);
        }
    }
    if (st == EXIT_OK) {
        OutFile of;
        int kind;
        FILE *f = out_open(&of, out ? out : "-", err, sizeof err);
        if (!f) {
            st = cli_fail("%s", err);
        } else if ((kind = io->import_write(&b, c.defs, &o, f, err, sizeof err)) < 0) {
            out_abort(&of);
            cli_fail("%s", err);
            st = EXIT_INPUT;
        } else if (out_commit(&of, err, sizeof err) < 0) {
            st = cli_fail("%s", err);
        } else if (kind == 1 && !o.budget) {
            cli_note("import: %s is a 决算: its 预算数 (the 三公 table) are checked against the "
                     "budget it executes, which the workbook does not name: give it with "
                     "--budget FILE",
                     in);
        }
        compile_free(&c);
    }
    io->book_free(&b);
    return st;
}
