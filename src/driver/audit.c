/*
 * audit.c — `budc audit FILE…`: each published document (a workbook, the
 * CSV files of the published layout, a PDF once import/ reads them) is
 * imported in memory (import_cmd.c's import_file) and checked through the
 * one way in (compile.c, the budget's text given in memory), and its
 * diagnostics are told where the document printed what they point at:
 * the page (the nearest `// 第N页` comment above the generated line) or the
 * sheet (`// 工作表：NAME`), the table and the printed row (docs/audit.md).
 *
 * The report goes to stdout, each line written whole (a batch of audits
 * run with xargs -P into one pipe keeps its lines apart): the diagnostics,
 * then one summary line a document.  Exit status as budc check's: 1 when a
 * document has errors (or cannot be read as a disclosure), 2 for a usage
 * or I/O problem.
 */
#include "driver/audit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/cli.h"
#include "base/diag.h"
#include "base/i18n.h"
#include "base/json.h"
#include "base/output.h"
#include "base/text.h"
#include "driver/compile.h"
#include "driver/import_cmd.h"
#include "driver/iomod.h"

const char *const audit_help = N_(
    "usage: budc audit [--keep DIR] [--diagnostics=json] [-fmax-errors=N] [-W...]\n"
    "                  [--year Y] [--budget FILE] DOCUMENT...\n"
    "\n"
    "Imports each published DOCUMENT (a PDF, an Excel workbook .xlsx, or the CSV\n"
    "files of the published layout: a directory or a .csv file) in memory, as\n"
    "budc import does, and checks it as budc check does.  Each diagnostic names\n"
    "the document and where it printed what is wrong: its page\n"
    "(report.pdf:3: error: ...) or its sheet (book.xlsx:收支总表: error: ...),\n"
    "followed by a note quoting the line of the imported budget.  Each document\n"
    "ends with a summary line: report.pdf: 2 errors, 1 warning; 9 tables, 14 pages.\n"
    "Exits 0 when no document has an error, 1 when one has (or cannot be read as\n"
    "a disclosure), 2 for a file that cannot be read or a wrong option.\n"
    "\n"
    "options:\n"
    "  --keep DIR, -o DIR  also write each imported budget as DIR/NAME.bud\n"
    "  --diagnostics=json  one JSON object a line on stdout: each diagnostic with\n"
    "                    file, page, sheet, table, row, derived, message, bud_line,\n"
    "                    bud_text; then {\"level\":\"summary\",...} a document\n"
    "  -fmax-errors=N    at most N errors and N warnings a document (default 50)\n"
    "  -Werror, -Werror=CODE, -Wno-CODE, -WCODE  as for budc check\n"
    "  --year, --name, --code, --budget  as for budc import\n");

/* Where a line of the generated budget came from. */
typedef struct Place {
    int page;          /* the page it was printed on, or 0 */
    const char *sheet; /* or the sheet (NUL-terminated copy), or NULL */
    const char *table; /* the table word (table WORD {), or NULL */
    char *row;         /* the printed row: its code and name, or its label; or NULL */
    bool derived;      /* a fact of a unit's block, placed at the row printing it */
} Place;

/* A document imported: its budget's text, and where each line came from. */
typedef struct Doc {
    const char *path; /* as given */
    char *bud;        /* the name the budget is compiled under */
    char *text;
    size_t len;
    int nlines;
    size_t *starts; /* nlines + 1 offsets */
    Place *place;   /* per line, from 1 (index 0 unused) */
    char **words;   /* the strings Place points to, to free */
    int nwords;
    int tables, pages, sheets;
} Doc;

static char *keep_word(Doc *d, const char *s, size_t n)
{
    char *w = xmalloc(n + 1);
    memcpy(w, s, n);
    w[n] = '\0';
    d->words = realloc(d->words, (size_t)(d->nwords + 1) * sizeof *d->words);
    if (!d->words) {
        fputs("budc: out of memory\n", stderr);
        exit(EXIT_USAGE);
    }
    d->words[d->nwords++] = w;
    return w;
}

/* The printed row of table line S[0..N): its leading code and quoted name
 * (2070699 "其他新闻出版电影支出"), or its label (合计, 公务接待费), without
 * the amounts after them; NULL for a note or an empty line. */
static char *row_of(Doc *d, const char *s, size_t n)
{
    size_t i = 0, o = 0;
    char buf[512];
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i == n || (n - i >= 4 && strncmp(s + i, "note", 4) == 0 && (n - i == 4 || s[i + 4] == ' ')))
        return NULL;
    for (int tok = 0; i < n; tok++) {
        size_t b = i;
        if (s[i] == '"') {
            for (i++; i < n && s[i] != '"'; i += s[i] == '\\' ? 2 : 1)
                ;
            if (i < n)
                i++;
            if (i - b >= 2 && o + (i - b - 2) + 2 < sizeof buf) {
                if (o)
                    buf[o++] = ' ';
                memcpy(buf + o, s + b + 1, i - b - 2);
                o += i - b - 2;
            }
        } else {
            while (i < n && s[i] != ' ' && s[i] != '\t')
                i++;
            /* an amount (a digit, or - for a blank, after the first word)
             * ends the row's name; a code is the first word */
            bool amount = tok > 0 && (s[b] == '-' || (s[b] >= '0' && s[b] <= '9'));
            if (amount)
                break;
            if (o + (i - b) + 2 < sizeof buf) {
                if (o)
                    buf[o++] = ' ';
                memcpy(buf + o, s + b, i - b);
                o += i - b;
            }
        }
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
    }
    return o ? keep_word(d, buf, o) : NULL;
}

/* The first word of line L of D (leading blanks skipped) into *N. */
static const char *line_key(const Doc *d, int l, size_t *n)
{
    const char *s = d->text + d->starts[l - 1], *e = d->text + d->starts[l];
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    const char *w = s;
    while (w < e && *w != ' ' && *w != '\t' && *w != '\n' && *w != '\r')
        w++;
    *n = (size_t)(w - s);
    return s;
}

/* Reads the lines of D's text: the places the comments name, the tables,
 * the rows. */
static void doc_index(Doc *d)
{
    int cap = 64;
    d->starts = xmalloc((size_t)(cap + 1) * sizeof *d->starts);
    d->nlines = 0;
    for (size_t i = 0; i < d->len;) {
        if (d->nlines + 2 > cap) {
            cap *= 2;
            d->starts = realloc(d->starts, (size_t)(cap + 1) * sizeof *d->starts);
            if (!d->starts) {
                fputs("budc: out of memory\n", stderr);
                exit(EXIT_USAGE);
            }
        }
        d->starts[d->nlines++] = i;
        const char *nl = memchr(d->text + i, '\n', d->len - i);
        i = nl ? (size_t)(nl - d->text) + 1 : d->len;
    }
    d->starts[d->nlines] = d->len;
    d->place = calloc((size_t)d->nlines + 1, sizeof *d->place);
    if (!d->place) {
        fputs("budc: out of memory\n", stderr);
        exit(EXIT_USAGE);
    }
    Place cur = {0};
    for (int l = 1; l <= d->nlines; l++) {
        const char *s = d->text + d->starts[l - 1];
        size_t n = d->starts[l] - d->starts[l - 1];
        while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
            n--;
        const char *t = s;
        size_t m = n;
        while (m && (*t == ' ' || *t == '\t'))
            t++, m--;
        static const char page[] = "// \xE7\xAC\xAC", /* // 第 */
            ye[] = "\xE9\xA1\xB5",                    /* 页 */
            sheet[] = "// \xE5\xB7\xA5\xE4\xBD\x9C\xE8\xA1\xA8\xEF\xBC\x9A"; /* // 工作表： */
        if (m > sizeof page - 1 && memcmp(t, page, sizeof page - 1) == 0) {
            size_t k = sizeof page - 1;
            int p = 0;
            while (k < m && t[k] >= '0' && t[k] <= '9' && p < 1000000)
                p = p * 10 + (t[k++] - '0');
            if (p > 0 && m - k >= sizeof ye - 1 && memcmp(t + k, ye, sizeof ye - 1) == 0) {
                cur.page = p;
                cur.sheet = NULL;
                if (p > d->pages)
                    d->pages = p;
            }
        } else if (m > sizeof sheet - 1 && memcmp(t, sheet, sizeof sheet - 1) == 0) {
            cur.sheet = keep_word(d, t + sizeof sheet - 1, m - (sizeof sheet - 1));
            cur.page = 0;
            d->sheets++;
        } else if (t == s && m > 6 && memcmp(s, "table ", 6) == 0) {
            size_t e = 6;
            while (e < m && s[e] != ' ' && s[e] != '{')
                e++;
            cur.table = keep_word(d, s + 6, e - 6);
            d->tables++;
        } else if (t == s && m >= 1 && s[0] == '}') {
            d->place[l] = cur;
            cur.table = NULL;
            continue;
        }
        d->place[l] = cur;
        if (cur.table && t != s && !(m >= 2 && t[0] == '/' && t[1] == '/'))
            d->place[l].row = row_of(d, s, n);
    }
    /* a fact the importer derived from the tables (a line of a unit's
     * block: 30101 350.01) is placed at the first table row printing its
     * code or word */
    for (int l = 1; l <= d->nlines; l++) {
        if (d->place[l].table)
            continue;
        size_t n;
        const char *s = d->text + d->starts[l - 1];
        if (*s != ' ' && *s != '\t')
            continue;
        const char *t = line_key(d, l, &n);
        if (!n || *t == '/' || *t == '}')
            continue;
        for (int k = 1; k <= d->nlines; k++) {
            size_t kn;
            const char *kt;
            if (d->place[k].row && !d->place[k].derived && (kt = line_key(d, k, &kn)) &&
                kn == n && memcmp(kt, t, n) == 0) {
                d->place[l] = d->place[k];
                d->place[l].derived = true;
                break;
            }
        }
    }
}

static void doc_free(Doc *d)
{
    for (int i = 0; i < d->nwords; i++)
        free(d->words[i]);
    free(d->words);
    free(d->place);
    free(d->starts);
    free(d->text);
    free(d->bud);
    memset(d, 0, sizeof *d);
}

/* ---- the report --------------------------------------------------------------- */

typedef struct Audit {
    bool json;
    int max_errors;
    const char *keep; /* --keep DIR, or NULL */
    ImportOptions io;
    const char *std;
} Audit;

/* Writes the line in BUF[0..N) to stdout at once (see the top). */
static void put_line(char *buf, size_t n)
{
    fwrite(buf, 1, n, stdout);
    fflush(stdout);
    free(buf);
}

static void put_escaped(FILE *f, const char *s)
{
    char *e = text_escaped(s, strlen(s), 0, 0);
    fputs(e, f);
    free(e);
}

/* The text of line L of D (its end of line left out) into *N. */
static const char *line_text(const Doc *d, int l, size_t *n)
{
    const char *s = d->text + d->starts[l - 1];
    size_t k = d->starts[l] - d->starts[l - 1];
    while (k && (s[k - 1] == '\n' || s[k - 1] == '\r'))
        k--;
    while (k && (*s == ' ' || *s == '\t'))
        s++, k--;
    *n = k;
    return s;
}

static const char *const level_names[] = {"error", "warning", "note"};

/* Reports record R of document D (its line L in the budget, or 0). */
static void report_at(const Audit *a, const Doc *d, const DiagRecord *r, const Place *at)
{
    bool ours = r->file && strcmp(r->file, d->bud) == 0 && r->line >= 1 && r->line <= d->nlines;
    const Place *p = ours ? &d->place[r->line] : at;
    size_t tn = 0;
    const char *text = ours ? line_text(d, r->line, &tn) : NULL;
    char *esc = text ? text_escaped(text, tn, 200, 0) : NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        free(esc);
        return;
    }
    if (a->json) {
        fprintf(f, "{\"level\":\"%s\",\"code\":", level_names[r->level]);
        if (r->code)
            json_put_string(f, r->code);
        else
            fputs("null", f);
        fputs(",\"file\":", f);
        json_put_string(f, d->path);
        if (p && p->page)
            fprintf(f, ",\"page\":%d", p->page);
        else
            fputs(",\"page\":null", f);
        fputs(",\"sheet\":", f);
        if (p && p->sheet)
            json_put_string(f, p->sheet);
        else
            fputs("null", f);
        fputs(",\"table\":", f);
        if (p && p->table)
            json_put_string(f, p->table);
        else
            fputs("null", f);
        fputs(",\"row\":", f);
        if (p && p->row)
            json_put_string(f, p->row);
        else
            fputs("null", f);
        fprintf(f, ",\"derived\":%s", p && p->derived ? "true" : "false");
        fputs(",\"message\":", f);
        json_put_string(f, r->message ? r->message : "");
        fputs(",\"bud_file\":", f);
        json_put_string(f, r->file ? r->file : "");
        if (r->line > 0)
            fprintf(f, ",\"bud_line\":%d,\"bud_column\":%d", r->line, r->col);
        else
            fputs(",\"bud_line\":null,\"bud_column\":null", f);
        fputs(",\"bud_text\":", f);
        if (text) {
            char *t = xmalloc(tn + 1);
            memcpy(t, text, tn);
            t[tn] = '\0';
            json_put_string(f, t);
            free(t);
        } else {
            fputs("null", f);
        }
        fputs("}\n", f);
    } else {
        put_escaped(f, d->path);
        if (p && p->page)
            fprintf(f, ":%d", p->page);
        else if (p && p->sheet) {
            fputc(':', f);
            put_escaped(f, p->sheet);
        } else if (!ours && r->file && r->line > 0) {
            /* a file of the standard library, or one the budget names */
            fputs(" (", f);
            put_escaped(f, r->file);
            fprintf(f, ":%d)", r->line);
        }
        fprintf(f, ": %s: %s", level_names[r->level], r->message ? r->message : "");
        if (r->code)
            fprintf(f, " [%s]", r->code);
        if (esc && r->level == DIAG_NOTE)
            fprintf(f, _(" (%s:%d: %s)"), d->bud, r->line, esc);
        fputc('\n', f);
        if (esc && r->level != DIAG_NOTE) {
            put_escaped(f, d->path);
            if (p->page)
                fprintf(f, ":%d", p->page);
            else if (p->sheet) {
                fputc(':', f);
                put_escaped(f, p->sheet);
            }
            fprintf(f, _(": note: imported as %s:%d: %s\n"), d->bud, r->line, esc);
        }
    }
    free(esc);
    if (fclose(f) == 0)
        put_line(buf, len);
    else
        free(buf);
}

static void report(const Audit *a, const Doc *d, const DiagRecord *r)
{
    report_at(a, d, r, NULL);
}

/* The summary line of document PATH. */
static void summary(const Audit *a, const char *path, const Doc *d, int nerr, int nwarn,
                    const char *failure)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return;
    if (a->json) {
        fputs("{\"level\":\"summary\",\"file\":", f);
        json_put_string(f, path);
        fprintf(f, ",\"imported\":%s,\"errors\":%d,\"warnings\":%d", failure ? "false" : "true",
                nerr, nwarn);
        if (!failure)
            fprintf(f, ",\"tables\":%d", d->tables);
        else
            fputs(",\"tables\":null", f);
        if (!failure && d->pages)
            fprintf(f, ",\"pages\":%d", d->pages);
        else
            fputs(",\"pages\":null", f);
        if (!failure && d->sheets)
            fprintf(f, ",\"sheets\":%d", d->sheets);
        else
            fputs(",\"sheets\":null", f);
        fputs("}\n", f);
    } else {
        char e[64], w[64], t[64], pg[64] = "";
        snprintf(e, sizeof e, i18n_ntext("%d error", "%d errors", (unsigned long)nerr), nerr);
        snprintf(w, sizeof w, i18n_ntext("%d warning", "%d warnings", (unsigned long)nwarn),
                 nwarn);
        put_escaped(f, path);
        if (failure) {
            fprintf(f, _(": %s; not imported\n"), e);
        } else {
            snprintf(t, sizeof t, i18n_ntext("%d table", "%d tables", (unsigned long)d->tables),
                     d->tables);
            if (d->pages)
                snprintf(pg, sizeof pg,
                         i18n_ntext(", %d page", ", %d pages", (unsigned long)d->pages), d->pages);
            fprintf(f, ": %s, %s; %s%s\n", e, w, t, pg);
        }
    }
    if (fclose(f) == 0)
        put_line(buf, len);
    else
        free(buf);
}

/* The name the budget of document PATH is compiled (and kept) under:
 * DIR/NAME.bud, DIR the --keep directory or the document's, NAME its name
 * without its extension. */
static char *bud_name(const char *path, const char *keep)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    const char *slash = NULL;
    for (size_t i = 0; i < n; i++)
        if (path[i] == '/')
            slash = path + i;
    const char *base = slash ? slash + 1 : path;
    size_t bn = (size_t)(path + n - base);
    const char *dot = NULL;
    for (size_t i = 1; i < bn; i++)
        if (base[i] == '.')
            dot = base + i;
    if (dot)
        bn = (size_t)(dot - base);
    const char *dir = keep ? keep : slash ? path : NULL;
    size_t dn = keep ? strlen(keep) : slash ? (size_t)(slash - path) : 0;
    size_t sz = dn + bn + 8;
    char *s = xmalloc(sz);
    if (dir)
        snprintf(s, sz, "%.*s/%.*s.bud", (int)dn, dir, (int)bn, base);
    else
        snprintf(s, sz, "%.*s.bud", (int)bn, base);
    return s;
}

/* Audits document PATH: returns EXIT_OK, EXIT_INPUT (errors) or EXIT_USAGE. */
static int audit_one(const Audit *a, const char *path, DiagCtx *d, CompileCache *cache)
{
    Doc doc = {.path = path};
    char err[1024];
    int kind; /* a 决算 is checked as one */
    FILE *mem = open_memstream(&doc.text, &doc.len);
    if (!mem)
        return cli_fail("audit: out of memory");
    int st = import_file(path, &a->io, a->std, mem, &kind, err, sizeof err);
    if (fclose(mem) != 0 && st == EXIT_OK) {
        st = EXIT_USAGE;
        snprintf(err, sizeof err, "audit: out of memory");
    }
    if (st != EXIT_OK) {
        if (err[0]) {
            /* the importer's message names the document, and a PDF's page
             * ("report.pdf: page 5, table …"): the page goes in front */
            char *msg = err;
            size_t pn = strlen(path);
            if (strncmp(msg, path, pn) == 0 && msg[pn] == ':' && msg[pn + 1] == ' ')
                msg += pn + 2;
            Place at = {0};
            int used = 0;
            if (sscanf(msg, "page %d%n", &at.page, &used) == 1 && at.page > 0 &&
                (msg[used] == ',' || msg[used] == ':') && msg[used + 1] == ' ')
                msg += used + 2;
            else
                at.page = 0;
            /* a workbook's: "sheet '收入总表', cell D7: …" */
            char sheet[256];
            const char *q = strncmp(msg, "sheet '", 7) == 0 ? strchr(msg + 7, '\'') : NULL;
            if (q && (size_t)(q - msg - 7) < sizeof sheet && (q[1] == ',' || q[1] == ':')) {
                memcpy(sheet, msg + 7, (size_t)(q - msg - 7));
                sheet[q - msg - 7] = '\0';
                at.sheet = sheet;
                msg = (char *)q + 2 + (q[2] == ' ');
            }
            DiagRecord r = {.level = DIAG_ERROR, .message = msg};
            doc.bud = xmalloc(1);
            doc.bud[0] = '\0';
            report_at(a, &doc, &r, &at);
        }
        summary(a, path, &doc, 1, 0, err);
        doc_free(&doc);
        return st;
    }
    doc.bud = bud_name(path, a->keep);
    doc_index(&doc);
    if (a->keep) {
        OutFile of;
        FILE *f = out_open(&of, doc.bud, err, sizeof err);
        if (!f || fwrite(doc.text, 1, doc.len, f) != doc.len || out_commit(&of, err, sizeof err) < 0) {
            if (f)
                out_abort(&of);
            cli_fail("%s", err);
            doc_free(&doc);
            return EXIT_USAGE;
        }
    }
    size_t first = d->nrecs;
    int nerr = d->nerrors, nwarn = d->nwarnings;
    Compilation c;
    CompileInput in = {.path = doc.bud, .text = doc.text, .len = doc.len, .stdlib_dir = a->std,
                       .cache = cache};
    compile(&c, &in, COMPILE_CHECK, d);
    nerr = d->nerrors - nerr;
    nwarn = d->nwarnings - nwarn;
    /* the cap: at most max_errors errors and as many warnings a document */
    int shown_e = 0, shown_w = 0;
    bool drop = false;
    for (size_t i = first; i < d->nrecs; i++) {
        const DiagRecord *r = &d->recs[i];
        if (r->level != DIAG_NOTE) {
            int *k = r->level == DIAG_ERROR ? &shown_e : &shown_w;
            drop = a->max_errors > 0 && *k >= a->max_errors;
            (*k)++;
        }
        if (!drop)
            report(a, &doc, r);
    }
    if (a->max_errors > 0 && (shown_e > a->max_errors || shown_w > a->max_errors)) {
        int se = shown_e > a->max_errors ? shown_e - a->max_errors : 0;
        int sw = shown_w > a->max_errors ? shown_w - a->max_errors : 0;
        char msg[160];
        snprintf(msg, sizeof msg, _("%d errors and %d warnings not shown (-fmax-errors=0 shows all)"),
                 se, sw);
        DiagRecord r = {.level = DIAG_NOTE, .message = msg};
        report(a, &doc, &r);
    }
    /* a 决算 whose budget is not named: its 预算数 and 年初预算 are that
     * budget's, which the document does not print in full: --budget */
    if (nerr && c.model && c.model->final && !c.model->budget_file) {
        char msg[512];
        snprintf(msg, sizeof msg,
                 _("%s is a 决算: its 预算数 and 年初预算 are the figures of the budget it "
                   "executes, which the audit does not know; name that budget with --budget "
                   "FILE.bud"),
                 path);
        DiagRecord r = {.level = DIAG_NOTE, .message = msg};
        report(a, &doc, &r);
    }
    summary(a, path, &doc, nerr, nwarn, NULL);
    compile_free(&c);
    doc_free(&doc);
    return nerr ? EXIT_INPUT : EXIT_OK;
}

int cmd_audit(int argc, char **argv, const char *argv0)
{
    Audit a = {.max_errors = DEFAULT_MAX_ERRORS};
    DiagCtx d;
    FILE *null = fopen("/dev/null", "w");
    diag_init(&d, null ? null : stderr);
    char **files = xmalloc((size_t)(argc + 1) * sizeof *files);
    int nfiles = 0, st = EXIT_OK;
    bool only_files = false;
    for (int i = 0, k; i < argc && st == EXIT_OK; i++) {
        const char *s = argv[i];
        if (!only_files && strcmp(s, "--") == 0)
            only_files = true;
        else if (only_files || s[0] != '-' || !s[1])
            files[nfiles++] = argv[i];
        else if ((strcmp(s, "--keep") == 0 || strcmp(s, "-o") == 0) && i + 1 < argc)
            a.keep = argv[++i];
        else if ((k = cli_diag_option(s, &d, &a.max_errors)) != 0 ||
                 (k = import_option(argc, argv, &i, &a.io)) != 0) {
            if (k < 0)
                st = EXIT_USAGE;
        } else
            st = cli_usage("audit: unknown option '%s' (or it needs a value after it)", s);
    }
    if (st == EXIT_OK && nfiles == 0)
        st = cli_usage("audit: no documents: budc audit REPORT.pdf|BOOK.xlsx|DIR...");
    struct stat sb;
    if (st == EXIT_OK && a.keep && stat(a.keep, &sb) != 0 && mkdir(a.keep, 0777) != 0)
        st = cli_fail("audit: cannot make the directory '%s': %s", a.keep, strerror(errno));
    /* the readers are in budc-io.so: loaded (or said why not) before any
     * document, so that a missing module is one message, not one a file */
    if (st == EXIT_OK && !io_module("audit"))
        st = EXIT_USAGE;
    if (st == EXIT_OK) {
        a.json = d.json;
        d.json = false;
        d.record = true;
        d.max_errors = 0; /* every diagnostic recorded; the cap is audit_one's */
        a.std = frontend_stdlib_dir(argv0);
        CompileCache cache;
        compile_cache_init(&cache);
        bool io = false, errors = false;
        for (int i = 0; i < nfiles; i++) {
            int r = audit_one(&a, files[i], &d, &cache);
            io |= r == EXIT_USAGE;
            errors |= r == EXIT_INPUT;
        }
        compile_cache_free(&cache);
        st = io ? EXIT_USAGE : errors ? EXIT_INPUT : EXIT_OK;
    }
    free(files);
    diag_free(&d);
    if (null)
        fclose(null);
    return st;
}
