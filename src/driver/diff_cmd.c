/*
 * diff_cmd.c — the command budc diff (tools/diff.h does the comparing).
 *
 * Both budgets are compiled as `budc check` does; their warnings are not
 * shown, but an error in either is printed (gcc format) and the command
 * exits 2, since a broken budget cannot be compared.  The document the
 * comparison builds is printed as text for people or as JSON (docs/diff.md).
 * Exit status as diff(1): 0 when the budgets mean the same, 1 when they
 * differ, 2 on trouble.
 */
#include "driver/diff_cmd.h"
#include "base/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/cli.h"
#include "driver/compile.h"
#include "emit/json.h"
#include "tools/diff.h"

/* budc diff's exit statuses, as diff(1)'s (cli.h's, renamed). */
enum { EXIT_SAME = EXIT_OK, EXIT_DIFFERENT = EXIT_INPUT, EXIT_TROUBLE = EXIT_USAGE };

const char *const diff_help = N_(
    "usage: budc diff [--format text|json] OLD.bud NEW.bud\n"
    "\n"
    "Compares what two budgets mean, not how they are written: reformatting,\n"
    "reordering lines or projects, or moving a unit into another file is no\n"
    "difference.  Both budgets are checked first; their warnings are not shown,\n"
    "but an error in either is, and ends the command (exit 2).\n"
    "\n"
    "Reports, in this order: the totals the change moved (合计, 本年收入合计,\n"
    "收入总计, 三公小计 ...); the department's name, code, year and money unit;\n"
    "units added or removed; every changed cell of the nine tables (old, new,\n"
    "difference, percentage); the facts that were edited (income, spending,\n"
    "economic lines, 三公) with their unit; projects added, removed or changed\n"
    "(amount, code, goal, indicators, purchases); last year's figures; the\n"
    "assets; the narrative paragraphs that read differently; the glossary.\n"
    "\n"
    "options:\n"
    "  --format text     one line per change, a header per area (default)\n"
    "  --format json     one JSON document (docs/diff.md), amounts exact\n"
    "\n"
    "exit status: 0 the budgets mean the same (text: no output), 1 they differ,\n"
    "2 an error in either budget, or a usage or I/O problem\n");

typedef struct DiffOptions {
    bool json;         /* --format json */
    const char *files[2];
    int nfiles;
} DiffOptions;

/* Parses ARGV; returns 0, or EXIT_TROUBLE after a usage message. */
static int parse_args(int argc, char **argv, DiffOptions *o)
{
    memset(o, 0, sizeof *o);
    bool only_files = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *fmt = NULL;
        if (only_files || a[0] != '-' || !a[1]) {
            if (o->nfiles == 2)
                return cli_usage("diff: give two budgets, OLD and NEW");
            o->files[o->nfiles++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = true;
            continue;
        }
        if (strcmp(a, "--format") == 0) {
            if (i + 1 >= argc)
                return cli_usage("diff: '--format' needs text or json after it");
            fmt = argv[++i];
        } else if (strncmp(a, "--format=", 9) == 0) {
            fmt = a + 9;
        } else {
            return cli_usage("diff: unknown option '%s'", a);
        }
        if (strcmp(fmt, "text") != 0 && strcmp(fmt, "json") != 0)
            return cli_usage("diff: unknown format '%s': text or json", fmt);
        o->json = strcmp(fmt, "json") == 0;
    }
    if (o->nfiles != 2)
        return cli_usage("diff: give two budgets, OLD and NEW");
    return 0;
}

/* ---- loading ------------------------------------------------------------------------- */

/* Compiles PATH into C (its diagnostics go to D).  Returns 0, or
 * EXIT_TROUBLE when the file cannot be read, has an error, or is not a whole
 * budget (said on stderr). */
static int load(Compilation *c, const char *path, DiagCtx *d, const char *std)
{
    CompileInput in = {.path = path, .stdlib_dir = std};
    if (compile(c, &in, COMPILE_CHECK, d) < 0 || c->failed)
        return EXIT_TROUBLE;
    if (!c->model) {
        cli_fail("%s has no 'department': it is a part of a budget, and only whole budgets "
                 "can be compared",
                 path);
        return EXIT_TROUBLE;
    }
    return 0;
}

/* Which diagnostic a line of printed diagnostics starts: 'e' an error,
 * 'w' a warning, 'n' a note, 0 none (a source or caret line). */
static int header_level(const char *line)
{
    if (line[0] == ' ' || line[0] == '\0')
        return 0;
    static const char *const tags[] = {": error: ", ": warning: ", ": note: "};
    const char *first = NULL;
    int level = 0;
    for (int k = 0; k < 3; k++) {
        const char *at = strstr(line, tags[k]);
        if (at && (!first || at < first)) {
            first = at;
            level = "ewn"[k];
        }
    }
    return level;
}

/* Copies the errors in the printed diagnostics TEXT to OUT, with their
 * source lines and notes; warnings and theirs are left out. */
static void print_errors(char *text, FILE *out)
{
    bool keep = false;
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        int level = header_level(line);
        if (level == 'e' || level == 'w')
            keep = level == 'e';
        if (keep)
            fprintf(out, "%s\n", line);
        line = nl ? nl + 1 : NULL;
    }
}

/* The file name of PATH without its directories. */
static const char *base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Compares the two loaded models and prints the result; the exit status. */
static int report(Model *old, Model *new, const DiffOptions *o)
{
    int changes;
    cJSON *doc = diff_compare(old, new, base(o->files[0]), base(o->files[1]), &changes);
    if (!doc) {
        fputs("budc: error: diff: out of memory\n", stderr);
        return EXIT_TROUBLE;
    }
    int rc = o->json ? json_write(doc, stdout) : diff_print_text(doc, stdout);
    if (rc == 0 && fflush(stdout) != 0)
        rc = -1;
    cJSON_Delete(doc);
    if (rc < 0) {
        fputs("budc: error: diff: cannot write the output\n", stderr);
        return EXIT_TROUBLE;
    }
    return changes ? EXIT_DIFFERENT : EXIT_SAME;
}

int cmd_diff(int argc, char **argv, const char *argv0)
{
    DiffOptions o;
    if (parse_args(argc, argv, &o))
        return EXIT_TROUBLE;
    /* diagnostics are collected, and only the errors printed */
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) {
        fputs("budc: error: diff: out of memory\n", stderr);
        return EXIT_TROUBLE;
    }
    DiagCtx dc;
    diag_init(&dc, mem);
    const char *std = frontend_stdlib_dir(argv0);
    Compilation c[2];
    int st = load(&c[0], o.files[0], &dc, std);
    int st2 = load(&c[1], o.files[1], &dc, std);
    fclose(mem);
    print_errors(text, stderr);
    free(text);
    if (st == 0 && st2 == 0)
        st = report(c[0].model, c[1].model, &o);
    else
        st = EXIT_TROUBLE;
    for (int k = 1; k >= 0; k--)
        compile_free(&c[k]);
    diag_free(&dc);
    return st;
}
