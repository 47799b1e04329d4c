/*
 * main.c — the command line: budc check / parse / explain / help.
 *
 * Exit status: 0 when the input has no error, 1 when it has errors, 2 for
 * a usage or I/O problem (a file that cannot be read, an unknown option).
 *
 * budc check compiles each file (compile.c) and, when it loaded without an
 * error, checks it (check/).  budc explain is tools/explain.c; the commands
 * that write outputs are build.c, budc diff is diff_cmd.c, budc fmt is
 * tools/fmt.c.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver/audit.h"
#include "driver/build.h"
#include "base/cli.h"
#include "base/text.h"
#include "driver/compile.h"
#include "driver/diff_cmd.h"
#include "driver/init.h"
#include "driver/import_cmd.h"
#include "base/diag.h"
#include "base/i18n.h"
#include "tools/explain.h"
#include "tools/fmt.h"
#include "front/load.h"
#include "lsp/lsp.h"
#include "base/inputs.h"
#include "base/output.h"
#include "base/progress.h"

#define BUDC_VERSION "0.1.0"


/* The overview of budc --help, in the reader's language (i18n.h). */
static const char *const usage_text = N_(
    "usage: budc COMMAND [OPTIONS] FILE...\n"
    "\n"
    "budc compiles department budgets written in the .bud language.\n"
    "\n"
    "commands:\n"
    "  check FILE...     read and check budgets; report every error\n"
    "  json FILE         write the checked budget as JSON (-o OUT, default stdout)\n"
    "  csv FILE          write its tables as CSV files (-o DIR; --long, --bom)\n"
    "  latex FILE        write the disclosure as a LaTeX document (-o OUT.tex)\n"
    "  html FILE         write it as one self-contained web page with charts (-o OUT.html)\n"
    "  xlsx FILE         write the disclosure as an Excel workbook (-o OUT.xlsx)\n"
    "  sqlite FILE... -o OUT.db  every department in one SQLite database\n"
    "  build FILE... -o DIR  write every format, and the PDF when xelatex is installed\n"
    "                    (json, csv, latex, html, xlsx, build: --unit NAME writes that\n"
    "                    unit's own disclosure, 单位预算; build --units every unit's)\n"
    "  import BOOK       a workbook (.xlsx), the CSV files or a PDF back into a budget\n"
    "                    (-o OUT.bud; --year, --name, --code, --budget)\n"
    "  audit DOCUMENT... import published disclosures (PDF, .xlsx, CSV) in memory\n"
    "                    and check them: errors by page and row, a summary a document\n"
    "  init DIR          start a new department: a commented budget, a Makefile\n"
    "  fmt FILE...       print files in the canonical layout (-w rewrites, --check)\n"
    "  diff OLD NEW      what changed in meaning between two budgets\n"
    "  lsp               run the language server for editors (LSP, stdio)\n"
    "  parse FILE        print the syntax tree of a file (for debugging)\n"
    "  explain [CODE]    explain a diagnostic code, or list every code\n"
    "  help [COMMAND]    show this help, or a command's help\n"
    "\n"
    "options:\n"
    "  -fmax-errors=N    print at most N errors and N warnings (default 50; 0 = all)\n"
    "  -Werror           report every warning as an error\n"
    "  -Werror=CODE      report warning CODE as an error\n"
    "  -Wno-CODE         do not report warning CODE\n"
    "  -WCODE            report warning CODE again (the last flag naming it wins)\n"
    "  --help            show this help\n"
    "  --version         show the version\n"
    "\n"
    "exit status: 0 no errors, 1 errors in the input, 2 usage or I/O problem\n"
    "environment: BUDC_STDLIB  directory of the standard library (import \"std/...\")\n"
    "files: budc-io.so beside budc, or in LIBDIR/budc/: what xlsx, build, sqlite and import load\n");

static const struct {
    const char *name, *help;
} command_help[] = {
    {"check",
     N_("usage: budc check [-fmax-errors=N] [-Werror] [-Werror=CODE] [-Wno-CODE] [-WCODE]\n"
     "                  [--diagnostics=json] [-M] [-MF FILE] [-MT TARGET] FILE|DIR...\n"
     "\n"
     "A DIR stands for the .bud files directly in it.\n"
     "Reads each FILE and the files it imports and, when they read without an\n"
     "error, checks what the budget means.  Reports every error and warning as\n"
     "FILE:LINE:COLUMN: error: MESSAGE [CODE], with the source line and the\n"
     "range underlined.  Exits 0 when no file has an error, 1 when one has, 2\n"
     "when a file cannot be read or an option is wrong.\n"
     "\n"
     "options (in any position, before FILEs or after):\n"
     "  -fmax-errors=N    print at most N errors and N warnings (default 50; 0 = all)\n"
     "  -Werror           report every warning as an error\n"
     "  -Werror=CODE      report warning CODE as an error\n"
     "  -Wno-CODE         do not report warning CODE, nor its notes\n"
     "  -WCODE            report warning CODE again\n"
     "  --diagnostics=json  one JSON object a line on stderr, for editors and CI\n"
     "                    (level, code, file, line, column, end_line, end_column,\n"
     "                    message; a note is its own object after its diagnostic)\n"
     "  -M                print make-style dependencies (the budget's imports, and\n"
     "                    the budgets it names: prior \"FILE\", budget \"FILE\")\n"
     "                    instead of checking: NAME.json: NAME.bud IMPORTS...\n"
     "  -MF FILE          write the dependencies to FILE (implies -M)\n"
     "  -MT TARGET        name the rule's target (implies -M; one budget)\n"
     "\n"
     "With several budgets and stderr a terminal, shows which budget it is at.\n"
     "\n"
     "The last flag naming a code wins.  CODE is written as reported\n"
     "(W-CATALOG-LOCAL) or without W- in any case (catalog-local); a rule's\n"
     "code is its own word.  Errors (E-...) cannot be disabled.  'budc explain\n"
     "CODE' says what a code means.\n")},
    {"json",
     N_("usage: budc json [-o OUT] [--unit NAME] [check options] FILE\n"
     "\n"
     "Checks FILE and, when it has no error, writes everything the model knows\n"
     "as one JSON document (described by docs/budget.schema.json) to OUT, or to\n"
     "standard output.  Amounts are exact decimal literals.  The warnings of the\n"
     "check are in the document too.  Exits 1, writing nothing, when the budget\n"
     "has an error.\n"
     "\n"
     "--unit NAME writes the own disclosure (单位预算) of the unit written\n"
     "'unit NAME \"…\" {' instead: the same document with the unit's tables,\n"
     "facts, projects, procurement, last year's figures and narrative, and a\n"
     "member \"view\" naming the unit.  An unknown NAME exits 2, listing the units.\n")},
    {"csv",
     N_("usage: budc csv [-o DIR] [--long] [--bom] [--unit NAME] [check options] FILE\n"
     "\n"
     "Checks FILE and writes the department's nine tables into DIR (default: the\n"
     "current directory) as 01-summary.csv ... 09-three_public.csv, in the\n"
     "published layout (序号, 科目编码, 科目名称, the amounts).  --long writes\n"
     "facts.csv instead: one figure a line (table, unit, row, code, name,\n"
     "column, value), then the projects, their indicators and purchase lines,\n"
     "for pivot tables, pandas or SQL, and beside it datapackage.json, its\n"
     "Frictionless data package descriptor.  --bom starts each file with a\n"
     "byte-order mark, for Excel.  Files are RFC 4180, UTF-8; a cell that would\n"
     "start with = + - or @ is neutralised against formula injection.\n"
     "--unit NAME writes the unit's own tables (单位预算) instead, and with --long\n"
     "that unit's figures only.\n")},
    {"latex",
     N_("usage: budc latex [-o OUT.tex] [--unit NAME] [check options] FILE\n"
     "\n"
     "Checks FILE and writes the disclosure (部门预算公开) as a ctex document for\n"
     "xelatex: the nine tables, the 说明, every 绩效目标表, procurement, assets\n"
     "and the 名词解释; for a 决算, each evaluated project's 项目支出绩效自评表 and\n"
     "the 三公 table in one line of 预算数 / 决算数 pairs (docs/final-accounts.md).\n"
     "Every string of the input is escaped.\n"
     "\n"
     "--unit NAME writes the unit's own disclosure (单位预算公开) instead: its\n"
     "tables titled 单位预算…, its projects, purchases and its own narrative (a\n"
     "'narrative' block inside the unit; none when it has none).\n")},
    {"html",
     N_("usage: budc html [-o OUT.html] [--unit NAME] [check options] FILE\n"
     "\n"
     "Checks FILE and writes the disclosure as one web page (docs/html.md): the\n"
     "tables, the 说明, the 绩效目标表, procurement, the 名词解释, and charts drawn\n"
     "as inline SVG (spending by 类, 基本 and 项目, income by source, 三公 against\n"
     "last year, and for a 决算 budget against actual).  The page refers to nothing\n"
     "outside itself: no network, no script, the reader's system fonts.  Every\n"
     "string of the input is escaped.  --unit NAME writes the unit's own page.\n")},
    {"sqlite",
     N_("usage: budc sqlite -o OUT.db [check options] FILE|DIR...\n"
     "\n"
     "Checks each FILE and writes every department into one SQLite database\n"
     "(docs/sqlite.md): the table facts holds every figure of the long CSV\n"
     "(facts.csv of budc csv), one row a line with the same columns, each\n"
     "amount as decimal text and as an exact INTEGER of 分 (amount_fen); beside\n"
     "it departments, units, projects, indicators and procurement.  The database\n"
     "is written whole, and only when every budget is without error.  A DIR\n"
     "stands for the .bud files in it.\n")},
    {"xlsx",
     N_("usage: budc xlsx -o OUT.xlsx [--unit NAME] [check options] FILE\n"
     "\n"
     "Checks FILE and, when it has no error, writes the disclosure as an Excel\n"
     "workbook: a sheet per table in the published layout (the title, 编制单位 and\n"
     "单位：万元, the head merged as printed and frozen, codes as text, amounts as\n"
     "numbers shown with two decimals, total rows bold), then the sheets of the\n"
     "units, projects, indicators, procurement and assets, and 'facts' (every\n"
     "fact, from which budc import writes the budget back).  A cell holds the\n"
     "amount as the spreadsheet's number nearest the exact decimal.  The file is\n"
     "written whole or not at all.  --unit NAME writes the unit's own disclosure.\n")},
    {"import",
     N_("usage: budc import [-o OUT.bud] [--year YEAR] [--name NAME] [--code CODE]\n"
     "                   [--budget FILE] BOOK.xlsx|DIR|FILE.csv|FILE.pdf\n"
     "\n"
     "Reads a workbook in the published layout (budc's own, or one kept by hand:\n"
     "blank rows, merged heads, codes as numbers, amounts with thousands\n"
     "separators, a sheet in 元), or the CSV files budc csv writes (a directory or\n"
     "one file), and writes a budget to OUT.bud (default: standard output): the\n"
     "department, its units and the facts the workbook gives, every table as\n"
     "printed (table WORD { ... }), the projects with their indicators and\n"
     "purchase lines, and the assets, so that budc check says where the\n"
     "spreadsheet contradicts itself.  --year, --name and --code give what the\n"
     "workbook does not say (CSV files have no title rows); --budget names the\n"
     "budget a 决算 executes.  A published PDF (FILE.pdf) is read from its text\n"
     "layer: each table found by its title, its columns from the positions of\n"
     "the words, and commented with its page and title (// 第3页：TITLE); each\n"
     "project from its 绩效目标表, its purchase lines from the 政府采购 table.\n"
     "Exits 1, writing nothing, when the workbook cannot be read as a disclosure\n"
     "(the message names the sheet and the cell, or the page: a scan without\n"
     "text, a PDF locked by a password, columns that cannot be told apart, a\n"
     "project of an unknown unit), 2 for a usage or I/O problem.\n")},
    {"build",
     N_("usage: budc build -o DIR [--bom] [--consolidate] [--unit NAME | --units]\n"
     "                  [--tex-timeout=N] [check options] FILE|DIR...\n"
     "\n"
     "Checks each FILE and writes, for a budget NAME.bud: DIR/NAME.json,\n"
     "DIR/NAME-csv/ (the nine tables and facts.csv), DIR/NAME.xlsx, DIR/NAME.tex,\n"
     "DIR/NAME.html and, when xelatex is installed, DIR/NAME.pdf (without it, says\n"
     "so and writes the rest).  A budget with an error gets no output.  Every\n"
     "file is written whole or not at all: an existing output is replaced only by\n"
     "a complete one.\n"
     "A DIR stands for the .bud files directly in it.\n"
     "\n"
     "--consolidate also writes DIR/consolidated.{json,tex,pdf} and\n"
     "DIR/consolidated-csv/: the nine tables summed over every department of\n"
     "the run, by code (a region's 部门预算汇总; each department is a unit).  It\n"
     "is written only when every department checks without error.\n"
     "\n"
     "--units also writes each unit's own disclosure (单位预算) into\n"
     "DIR/NAME-units/: UNIT.json, UNIT-csv/, UNIT.tex and UNIT.pdf for every\n"
     "unit, named by its word (本级 …).  --unit NAME writes that unit's alone\n"
     "(and not the department's), in the same place; one budget only.\n"
     "\n"
     "--tex-timeout=N gives each run of xelatex at most N seconds (default 120;\n"
     "0: no limit): one that takes longer is ended and that PDF is not written, with\n"
     "xelatex's output kept as DIR/NAME.xelatex.log, as when TeX stops on an error.\n")},
    {"init",
     N_("usage: budc init [--name NAME] [--code CODE] [--year YEAR] DIR\n"
     "\n"
     "Writes a new department to start from (docs/init.md): DIR/budget.bud (one\n"
     "unit, one project with its indicators, a narrative of the nine sections,\n"
     "each block commented), DIR/Makefile (make: budc build into out/) and\n"
     "DIR/.gitignore.  The budget checks without a warning.  NAME and CODE are the\n"
     "department's (default: the standard library's init/defaults), YEAR the budget\n"
     "year (default: the latest the standard library has).  Replaces no file: when\n"
     "one of the three exists, writes nothing and exits 2.\n")},
    {"parse",
     N_("usage: budc parse FILE\n"
     "\n"
     "Prints the syntax tree of FILE (not of its imports), one node a line, with\n"
     "its line and column.  Meant for debugging budc and for its tests.\n")},
    {"explain",
     N_("usage: budc explain [CODE]\n"
     "\n"
     "Prints what diagnostic CODE means, with examples: its section of\n"
     "docs/diagnostics.md or docs/checks.md.  CODE may be written in any case,\n"
     "and without its E- or W- when that is unambiguous (syntax for E-SYNTAX).\n"
     "Without CODE, lists every code with its title.  Exits 2 for an unknown\n"
     "code, after suggesting the nearest known ones.\n")},
    {"help", N_("usage: budc help [COMMAND]\n")},
};

static int cmd_help(int argc, char **argv)
{
    if (argc < 1) {
        fputs(_(usage_text), stdout);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof command_help / sizeof command_help[0]; i++)
        if (strcmp(argv[0], command_help[i].name) == 0) {
            fputs(_(command_help[i].help), stdout);
            return EXIT_OK;
        }
    if (strcmp(argv[0], "audit") == 0) {
        fputs(_(audit_help), stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[0], "fmt") == 0 || strcmp(argv[0], "diff") == 0 ||
        strcmp(argv[0], "lsp") == 0) {
        fputs(_(strcmp(argv[0], "fmt") == 0    ? fmt_help
                : strcmp(argv[0], "diff") == 0 ? diff_help
                                               : lsp_help),
              stdout);
        return EXIT_OK;
    }
    return cli_usage("unknown command '%s'", argv[0]);
}

typedef struct Options {
    int max_errors;
    char **files;
    int nfiles;
    bool deps;           /* -M */
    const char *dep_file; /* -MF FILE */
    const char *dep_target; /* -MT TARGET */
} Options;

/* Parses options and file names, the -W flags into D; returns -1 after
 * reporting a usage error. */
static int parse_options(int argc, char **argv, Options *o, DiagCtx *d)
{
    o->max_errors = DEFAULT_MAX_ERRORS;
    o->files = argv;
    o->nfiles = 0;
    o->deps = false;
    o->dep_file = o->dep_target = NULL;
    bool only_files = false;
    for (int i = 0, k; i < argc; i++) {
        const char *a = argv[i];
        if (!only_files && strcmp(a, "--") == 0) {
            only_files = true;
        } else if (!only_files && (k = cli_diag_option(a, d, &o->max_errors)) != 0) {
            if (k < 0)
                return -1;
        } else if (!only_files && strcmp(a, "-M") == 0) {
            o->deps = true;
        } else if (!only_files && (strcmp(a, "-MF") == 0 || strcmp(a, "-MT") == 0)) {
            if (i + 1 >= argc) {
                cli_usage("'%s' needs a file name after it", a);
                return -1;
            }
            if (a[2] == 'F')
                o->dep_file = argv[++i];
            else
                o->dep_target = argv[++i];
            o->deps = true;
        } else if (!only_files && a[0] == '-' && a[1]) {
            cli_usage("unknown option '%s'", a);
            return -1;
        } else {
            o->files[o->nfiles++] = argv[i];
        }
    }
    return 0;
}

/* Whether PATH can be named in a makefile, and if not why: make has no
 * escape for a newline or a ';' (a newline would end the rule and start one
 * of the budget's choosing), and a character that text_escape_char escapes
 * (a control character, C1, a bidirectional control, a byte that is not
 * UTF-8) would reach the terminal or the makefile raw. */
static const char *make_unsafe(const char *path)
{
    size_t n = strlen(path);
    for (size_t i = 0; i < n;) {
        char esc[TEXT_ESC_MAX];
        size_t el, len = text_escape_char((const unsigned char *)path + i, n - i, 0, esc, &el);
        if (path[i] == '\n')
            return "a newline";
        if (path[i] == ';')
            return "a ';'";
        if (el)
            return "a control character";
        i += len;
    }
    return NULL;
}

/* Writes PATH for a makefile (make_unsafe has accepted it): '$' doubled,
 * and a backslash before each character make reads otherwise (white space,
 * '#', ':', '=', '|' and the wildcards * ? [ ]). */
static void make_path(FILE *f, const char *path)
{
    for (const char *c = path; *c; c++) {
        if (strchr(" #:=|*?[]", *c))
            fputc('\\', f);
        if (*c == '$')
            fputc('$', f);
        fputc(*c, f);
    }
}

/* Whether module M of the programs P[0..K) (the one at index K included,
 * up to M) was met before M: a file two budgets import is listed once. */
static bool listed_before(const Program *const *p, int k, const Module *m)
{
    for (int i = 0; i <= k; i++)
        for (const Module *x = p[i]->modules; x; x = x->next) {
            if (x == m)
                return false;
            if (strcmp(x->path, m->path) == 0)
                return true;
        }
    return false;
}

/* -M: "TARGET: ENTRY IMPORTS…" (and the budgets it names, prior "FILE" and
 * budget "FILE", with their imports), then an empty rule for each file but
 * the entry so that make does not fail when one is deleted (as gcc -MP
 * does).  -1 after a message, and nothing written, when a path cannot be
 * named in a makefile. */
static int write_deps(FILE *f, const Compilation *c, const char *entry, const char *target)
{
    const Program *progs[3] = {&c->program};
    int np = 1;
    if (c->prior)
        progs[np++] = &c->prior->program;
    if (c->budget)
        progs[np++] = &c->budget->program;
    char *deflt = NULL;
    if (!target) {
        size_t n = strlen(entry);
        bool bud = n > 4 && strcmp(entry + n - 4, ".bud") == 0;
        deflt = xmalloc(n + sizeof ".json");
        snprintf(deflt, n + sizeof ".json", "%.*s.json", (int)(bud ? n - 4 : n), entry);
        target = deflt;
    }
    const char *why = make_unsafe(target);
    const char *bad = target;
    for (int k = 0; k < np; k++)
        for (const Module *m = progs[k]->modules; m && !why; m = m->next)
            if ((why = make_unsafe(m->path)))
                bad = m->path;
    if (why) {
        cli_fail("-M: '%s' holds %s, which a makefile cannot name; rename it", bad, why);
        free(deflt);
        return -1;
    }
    make_path(f, target);
    fputc(':', f);
    for (int k = 0; k < np; k++)
        for (const Module *m = progs[k]->modules; m; m = m->next)
            if (!listed_before(progs, k, m)) {
                fputs(" \\\n  ", f);
                make_path(f, m->path);
            }
    fputc('\n', f);
    for (int k = 0; k < np; k++)
        for (const Module *m = progs[k]->modules; m; m = m->next)
            if ((k > 0 || m != progs[0]->modules) && !listed_before(progs, k, m)) {
                fputc('\n', f);
                make_path(f, m->path);
                fputs(":\n", f);
            }
    free(deflt);
    return 0;
}

/* Loads PATH; parse prints its tree, check checks it when it loaded without
 * an error (a budget with syntax errors is not checked further).  Returns
 * -1 when PATH itself cannot be read.
 * (or, with -M, when a path cannot be named in a makefile). */
static int load_file(const char *path, DiagCtx *d, const char *std, bool dump, const Options *o,
                     FILE *deps, CompileCache *cache)
{
    Compilation c;
    CompileInput in = {.path = path, .stdlib_dir = std, .cache = cache};
    CompileStage upto = dump ? COMPILE_READ : o->deps ? COMPILE_PREPARE : COMPILE_CHECK;
    int rc = compile(&c, &in, upto, d);
    if (rc == 0 && dump)
        ast_dump(stdout, c.program.modules->stmts, 0);
    else if (rc == 0 && o->deps && c.prepare_errors == 0 &&
             write_deps(deps, &c, path, o->dep_target) < 0)
        rc = -1;
    compile_free(&c);
    return rc;
}

static int run_files(int argc, char **argv, const char *argv0, bool dump, DiagCtx *d)
{
    Options o;
    if (parse_options(argc, argv, &o, d) < 0)
        return EXIT_USAGE;
    if (o.nfiles == 0)
        return cli_usage("%s: no input files", dump ? "parse" : "check");
    if (dump && o.nfiles != 1)
        return cli_usage("%s: give exactly one file", "parse");
    d->max_errors = o.max_errors;
    Inputs in;
    char err[512];
    if (inputs_expand(&in, o.files, o.nfiles, err, sizeof err) < 0) {
        inputs_free(&in);
        return cli_usage("%s", err);
    }
    if (o.dep_target && in.n > 1) {
        inputs_free(&in);
        return cli_usage("-MT names the target of one budget; give one file");
    }
    /* -M writes the dependencies (to -MF FILE, atomically, or stdout) and
     * does not check: like gcc -M, it only reads what the budget imports. */
    OutFile depout;
    FILE *deps = stdout;
    if (o.deps && o.dep_file && !(deps = out_open(&depout, o.dep_file, err, sizeof err))) {
        inputs_free(&in);
        return cli_fail("%s", err);
    }
    const char *std = frontend_stdlib_dir(argv0);
    bool io_error = false;
    CompileCache cache; /* the standard library is read once for every budget */
    compile_cache_init(&cache);
    Progress prog; /* on a terminal, with several budgets (not for -M) */
    progress_start(&prog, o.deps || dump ? 0 : in.n);
    for (int i = 0; i < in.n; i++) {
        progress_show(&prog, i + 1, in.files[i]);
        if (load_file(in.files[i], d, std, dump, &o, deps, &cache) < 0)
            io_error = true;
    }
    progress_clear();
    compile_cache_free(&cache);
    inputs_free(&in);
    if (o.deps && o.dep_file) {
        if (io_error || d->nerrors)
            out_abort(&depout);
        else if (out_commit(&depout, err, sizeof err) < 0) {
            cli_fail("%s", err);
            io_error = true;
        }
    }
    diag_finish(d);
    if (io_error)
        return EXIT_USAGE;
    return d->nerrors ? EXIT_INPUT : EXIT_OK;
}

static int cmd_check(int argc, char **argv, const char *argv0, bool dump)
{
    DiagCtx d;
    diag_init(&d, stderr);
    int status = run_files(argc, argv, argv0, dump, &d);
    diag_free(&d);
    return status;
}

int main(int argc, char **argv)
{
    out_init();
    i18n_init(argv[0]);
    if (argc < 2) {
        fputs(_(usage_text), stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0)
        return cmd_help(0, NULL);
    if (strcmp(cmd, "--version") == 0) {
        printf("budc %s\n", BUDC_VERSION);
        return EXIT_OK;
    }
    if (strcmp(cmd, "help") == 0)
        return cmd_help(argc - 2, argv + 2);
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0)
            return cmd_help(1, &argv[1]);
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 2, argv + 2, argv[0], false);
    if (strcmp(cmd, "parse") == 0)
        return cmd_check(argc - 2, argv + 2, argv[0], true);
    if (strcmp(cmd, "explain") == 0)
        return cmd_explain(argc - 2, argv + 2);
    if (strcmp(cmd, "json") == 0 || strcmp(cmd, "csv") == 0 || strcmp(cmd, "latex") == 0 ||
        strcmp(cmd, "html") == 0 || strcmp(cmd, "sqlite") == 0 || strcmp(cmd, "xlsx") == 0 ||
        strcmp(cmd, "build") == 0)
        return cmd_output(cmd, argc - 2, argv + 2, argv[0]);
    if (strcmp(cmd, "import") == 0)
        return cmd_import(argc - 2, argv + 2, argv[0]);
    if (strcmp(cmd, "audit") == 0)
        return cmd_audit(argc - 2, argv + 2, argv[0]);
    if (strcmp(cmd, "fmt") == 0)
        return cmd_fmt(argc - 2, argv + 2, argv[0]);
    if (strcmp(cmd, "init") == 0)
        return cmd_init(argc - 2, argv + 2, argv[0]);
    if (strcmp(cmd, "diff") == 0)
        return cmd_diff(argc - 2, argv + 2, argv[0]);
    if (strcmp(cmd, "lsp") == 0)
        return cmd_lsp(argc - 2, argv + 2, argv[0]);
    return cli_usage("unknown command '%s'", cmd);
}
