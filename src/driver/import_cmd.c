/*
 * import_cmd.c — `budc import`: a workbook (.xlsx), the CSV files of the
 * published layout or a PDF become a budget (.bud), through import/.
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
#include "import/import.h"

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


bool import_is_csv(const char *path)
{
    struct stat st;
    size_t n = strlen(path);
    return (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) ||
           (n > 4 && strcmp(path + n - 4, ".csv") == 0);
}

/* What a document is, by its first bytes where they tell (a PDF saved as
 * download.php is still a PDF), else by its name. */
typedef enum DocKind { DOC_CSV, DOC_PDF, DOC_WORKBOOK, DOC_OTHER, DOC_SPECIAL } DocKind;

static DocKind doc_kind(const char *path)
{
    struct stat st;
    size_t n = strlen(path);
    bool named_pdf = n > 4 && strcasecmp(path + n - 4, ".pdf") == 0;
    bool named_xlsx = n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
        return DOC_SPECIAL; /* a FIFO nobody writes to would block the readers for ever */
    if (import_is_csv(path))
        return DOC_CSV;
    FILE *f = fopen(path, "rb");
    if (!f) /* the reader the name points to says why it cannot be read */
        return named_pdf ? DOC_PDF : DOC_WORKBOOK;
    unsigned char head[5] = {0};
    size_t got = fread(head, 1, sizeof head, f);
    fclose(f);
    /* a PDF may have bytes before its %PDF- (poppler looks further), and a
     * damaged workbook is best told so by the workbook's reader: then the
     * name decides; anything else is not a document budc reads */
    if ((got == 5 && memcmp(head, "%PDF-", 5) == 0) || named_pdf)
        return DOC_PDF;
    if ((got >= 4 && memcmp(head, "PK\x03\x04", 4) == 0) || named_xlsx)
        return DOC_WORKBOOK; /* a zip: xlsx_read says what else it may be */
    return DOC_OTHER;
}

int import_option(int argc, char **argv, int *i, ImportOptions *o)
{
    const char *a = argv[*i];
    bool more = *i + 1 < argc;
    if (strcmp(a, "--year") == 0 && more) {
        char *end;
        long y = strtol(argv[++*i], &end, 10);
        if (*end || y < 1900 || y > 2200) {
            cli_usage("import: '--year %s': a budget year (2023 …)", argv[*i]);
            return -1;
        }
        o->year = (int)y;
    } else if (strcmp(a, "--name") == 0 && more) {
        o->name = argv[++*i];
    } else if (strcmp(a, "--code") == 0 && more) {
        o->code = argv[++*i];
        if (!text_all_digits(o->code)) {
            cli_usage("import: '--code %s': a department code is a number", o->code);
            return -1;
        }
    } else if (strcmp(a, "--budget") == 0 && more) {
        o->budget = argv[++*i];
    } else {
        return 0;
    }
    return 1;
}

/* Reads the workbook or the CSV files IN into B. */
static int read_book(const IoModule *io, Book *b, const char *in, char *err, size_t errn)
{
    return import_is_csv(in) ? io->book_read_csv(b, in, err, errn)
                             : io->book_read_xlsx(b, in, err, errn);
}

int import_file(const char *in, const ImportOptions *o, const char *std, FILE *out, int *kind,
                char *err, size_t errn)
{
    Book b = {0};
    *kind = 0;
    err[0] = '\0';
    /* the readers are in budc-io.so (import/module.h): loaded once, and
     * when it cannot be, io_module has said why */
    const IoModule *io = io_module("import");
    if (!io)
        return EXIT_USAGE;
    DocKind dk = doc_kind(in);
    if (dk == DOC_SPECIAL) {
        /* a PDF and a zip are read by seeking: a pipe or a device cannot be */
        snprintf(err, errn, "cannot read '%s': not a regular file (a pipe or a device): save the "
                 "document to a file first", in);
        return EXIT_USAGE;
    }
    if (dk == DOC_OTHER) {
        snprintf(err, errn,
                 "%s: neither a PDF, an Excel workbook (.xlsx) nor CSV files, which is what budc "
                 "import and audit read; a disclosure kept as text or as a Word document is read "
                 "from its published PDF",
                 in);
        return EXIT_INPUT;
    }
    bool pdf = dk == DOC_PDF;
    if (!pdf && read_book(io, &b, in, err, errn) < 0)
        return strstr(err, "cannot read") == err ? EXIT_USAGE : EXIT_INPUT;
    int year = o->year ? o->year : newest_year(std);
    if (!year) {
        io->book_free(&b);
        snprintf(err, errn, "import: no standard library in %s", std ? std : "stdlib");
        return EXIT_USAGE;
    }
    Compilation c;
    ImportOptions assumed = *o; /* with the year assumed when the book states none */
    int st = load_defs(&c, year, std); /* its message printed */
    /* a PDF's tables are found by the titles of the table definitions */
    if (st == EXIT_OK && pdf) {
        int r = io->import_read_pdf(&b, in, c.defs, err, errn);
        if (r < 0) {
            compile_free(&c);
            io->book_free(&b);
            return r == -2 ? EXIT_USAGE : EXIT_INPUT;
        }
    }
    if (st == EXIT_OK && !o->year) {
        int y = io->import_year(&b, &c.defs->vocab);
        if (y && y != year) {
            compile_free(&c);
            st = load_defs(&c, y, std);
        } else if (!y) {
            cli_note("import: %s states no budget year (预算年度); %d assumed (--year sets it)", in,
                     year);
        }
        assumed.year = y ? y : year;
    }
    if (st == EXIT_OK) {
        int k = io->import_write(&b, c.defs, &assumed, out, err, errn);
        if (k < 0)
            st = EXIT_INPUT;
        else
            *kind = k;
        compile_free(&c);
    }
    io->book_free(&b);
    return st;
}

int cmd_import(int argc, char **argv, const char *argv0)
{
    const char *out = NULL, *in = NULL;
    ImportOptions o = {0};
    for (int i = 0, k; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strncmp(a, "-o", 2) == 0 && a[2])
            out = a + 2;
        else if ((k = import_option(argc, argv, &i, &o)) != 0) {
            if (k < 0)
                return EXIT_USAGE;
        } else if (a[0] == '-' && a[1])
            return cli_usage("import: unknown option '%s' (or it needs a value after it)", a);
        else if (in)
            return cli_usage("import: one workbook at a time ('%s' and '%s')", in, a);
        else
            in = a;
    }
    if (!in)
        return cli_usage("import: no workbook: budc import BOOK.xlsx -o OUT.bud");
    char err[1024];
    OutFile of;
    int kind;
    FILE *f = out_open(&of, out ? out : "-", err, sizeof err);
    if (!f)
        return cli_fail("%s", err);
    int st = import_file(in, &o, frontend_stdlib_dir(argv0), f, &kind, err, sizeof err);
    if (st != EXIT_OK) {
        out_abort(&of);
        if (err[0])
            cli_fail("%s", err);
    } else if (out_commit(&of, err, sizeof err) < 0) {
        st = cli_fail("%s", err);
    } else if (kind == 1 && !o.budget) {
        cli_note("import: %s is a 决算: its 预算数 (the 三公 table) are checked against the "
                 "budget it executes, which the workbook does not name: give it with "
                 "--budget FILE",
                 in);
    }
    return st;
}
