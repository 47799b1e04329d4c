/*
 * diff.c — budc diff: what changed in meaning between two budgets.
 *
 * Both budgets are loaded and checked as `budc check` does; their warnings
 * are not shown, but an error in either is printed (gcc format) and the
 * command exits 2, since a broken budget cannot be compared.  The models
 * are then compared area by area (diff_impl.h) into one document, printed
 * as text for people or as JSON (docs/diff.md).  Exit status as diff(1):
 * 0 when the budgets mean the same, 1 when they differ, 2 on trouble.
 *
 * The comparison is of the models, never of the text: reformatting a file,
 * reordering its lines or splitting it over imports changes nothing.
 *
 * This file holds the command line, the loading, and the helpers every
 * area uses: matching items by key or in sequence, and the entries that
 * record an amount or a field that changed.
 */
#include "tools/diff.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "tools/diff_impl.h"
#include "front/load.h"

enum { EXIT_SAME = 0, EXIT_DIFFERENT = 1, EXIT_TROUBLE = 2 };

const char diff_help[] =
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
    "2 an error in either budget, or a usage or I/O problem\n";

/* ---- matching ------------------------------------------------------------------------- */

DiffPair *diff_pairs(int n)
{
    return xmalloc((size_t)(n > 0 ? n : 1) * sizeof(DiffPair));
}

int diff_match(int nold, int nnew, DiffSame same, const void *ctx, DiffPair *out)
{
    char *taken = xmalloc((size_t)nold + 1);
    int *match = xmalloc(((size_t)nnew + 1) * sizeof *match);
    memset(taken, 0, (size_t)nold + 1);
    for (int j = 0; j < nnew; j++) {
        match[j] = -1;
        for (int i = 0; i < nold && match[j] < 0; i++)
            if (!taken[i] && same(ctx, i, j)) {
                match[j] = i;
                taken[i] = 1;
            }
    }
    /* new order; the removed items before the old item a new one matches */
    int n = 0, next = 0;
    for (int j = 0; j < nnew; j++) {
        for (; match[j] >= 0 && next < match[j]; next++)
            if (!taken[next])
                out[n++] = (DiffPair){next, -1};
        if (match[j] >= next)
            next = match[j] + 1;
        out[n++] = (DiffPair){match[j], j};
    }
    for (; next < nold; next++)
        if (!taken[next])
            out[n++] = (DiffPair){next, -1};
    free(taken);
    free(match);
    return n;
}

/* Pairs the removed and added items of the run OUT[FROM..TO) (no item of
 * it matched) as changes, in order; the rest stay removed, then added.
 * Rewrites the run from OUT[FROM]; returns its new length. */
static int pair_run(DiffPair *out, int from, int to)
{
    int nr = 0, na = 0;
    DiffPair *run = diff_pairs(to - from);
    int *rem = xmalloc((size_t)(to - from + 1) * sizeof *rem);
    int *add = xmalloc((size_t)(to - from + 1) * sizeof *add);
    for (int k = from; k < to; k++) {
        if (out[k].new < 0)
            rem[nr++] = out[k].old;
        else
            add[na++] = out[k].new;
    }
    int n = 0;
    for (int k = 0; k < nr && k < na; k++)
        run[n++] = (DiffPair){rem[k], add[k]};
    for (int k = na; k < nr; k++)
        run[n++] = (DiffPair){rem[k], -1};
    for (int k = nr; k < na; k++)
        run[n++] = (DiffPair){-1, add[k]};
    memcpy(out + from, run, (size_t)n * sizeof *run);
    free(run);
    free(rem);
    free(add);
    return n;
}

/* The lengths of the longest common subsequences of the old items from I
 * and the new ones from J, at [I * (NNEW + 1) + J] (free it). */
static int *lcs_lengths(int nold, int nnew, DiffSame same, const void *ctx)
{
    size_t w = (size_t)nnew + 1;
    int *len = xmalloc(((size_t)nold + 1) * w * sizeof *len);
    for (int i = nold; i >= 0; i--)
        for (int j = nnew; j >= 0; j--) {
            int *c = &len[(size_t)i * w + (size_t)j];
            if (i == nold || j == nnew)
                *c = 0;
            else if (same(ctx, i, j))
                *c = c[w + 1] + 1;
            else
                *c = c[w] >= c[1] ? c[w] : c[1];
        }
    return len;
}

/* The longest common subsequence, walked from the start: equal items are
 * paired, the others removed or added; then each run between equal items
 * is paired (pair_run).  Returns the number of steps. */
int diff_sequence(int nold, int nnew, DiffSame same, const void *ctx, DiffPair *out)
{
    size_t w = (size_t)nnew + 1;
    int *len = lcs_lengths(nold, nnew, same, ctx);
    int n = 0, i = 0, j = 0;
    while (i < nold || j < nnew) {
        const int *c = &len[(size_t)i * w + (size_t)j];
        if (i < nold && j < nnew && same(ctx, i, j))
            out[n++] = (DiffPair){i++, j++};
        else if (j == nnew || (i < nold && c[w] >= c[1]))
            out[n++] = (DiffPair){i++, -1};
        else
            out[n++] = (DiffPair){-1, j++};
    }
    free(len);
    /* each run of unmatched steps becomes changes first */
    int m = 0;
    for (int k = 0; k < n;) {
        int end = k;
        while (end < n && (out[end].old < 0 || out[end].new < 0))
            end++;
        if (end == k) {
            out[m++] = out[k++];
            continue;
        }
        int runlen = pair_run(out, k, end);
        memmove(out + m, out + k, (size_t)runlen * sizeof *out);
        m += runlen;
        k = end;
    }
    return m;
}

/* ---- entries ------------------------------------------------------------------------- */

bool str_same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

bool amount_same(bool has_a, Dec a, bool has_b, Dec b)
{
    return dec_eq(has_a ? a : dec_zero(), has_b ? b : dec_zero());
}

cJSON *diff_entry(Diff *d, cJSON *arr, DiffPair p)
{
    cJSON *o = jb_object(&d->jb, arr, NULL);
    jb_str(&d->jb, o, "change", p.old < 0 ? "added" : p.new < 0 ? "removed" : "changed");
    d->nchanges++;
    return o;
}

/* An optional amount, or null. */
static void opt_amount(Diff *d, cJSON *o, const char *key, bool has, Dec v, bool money)
{
    if (!has)
        jb_null(&d->jb, o, key);
    else if (money)
        jb_money(&d->jb, o, key, v);
    else
        jb_num(&d->jb, o, key, v);
}

void diff_amounts(Diff *d, cJSON *o, bool has_old, Dec old, bool has_new, Dec new, bool money)
{
    Dec a = has_old ? old : dec_zero(), b = has_new ? new : dec_zero();
    Dec diff, hundred, pct;
    bool ok = dec_sub(b, a, &diff) == DEC_OK;
    opt_amount(d, o, "old", has_old, old, money);
    opt_amount(d, o, "new", has_new, new, money);
    opt_amount(d, o, "difference", ok, diff, money);
    /* (new - old) × 100 / old, to 2 decimals, half away from zero */
    bool has_pct = ok && !dec_is_zero(a) && dec_mul(diff, dec_from_int(100), &hundred) == DEC_OK &&
                   dec_div_round(hundred, a, 2, &pct) == DEC_OK;
    opt_amount(d, o, "percent", has_pct, pct, false);
}

void diff_field_str(Diff *d, cJSON *fields, const char *field, const char *old,
                    const char *new)
{
    if (str_same(old, new))
        return;
    cJSON *o = jb_object(&d->jb, fields, NULL);
    jb_str(&d->jb, o, "field", field);
    jb_str(&d->jb, o, "old", old);
    jb_str(&d->jb, o, "new", new);
}

void diff_field_amount(Diff *d, cJSON *fields, const char *field, bool has_old, Dec old,
                       bool has_new, Dec new, bool money)
{
    if (amount_same(has_old, old, has_new, new))
        return;
    cJSON *o = jb_object(&d->jb, fields, NULL);
    jb_str(&d->jb, o, "field", field);
    diff_amounts(d, o, has_old, old, has_new, new, money);
}

long diff_offset(const char *a, const char *b)
{
    long chars = 0;
    for (; *a && *a == *b; a++, b++)
        if (((unsigned char)*a & 0xC0) != 0x80)
            chars++;
    /* stopped inside a character: that character is the one that differs */
    if (((unsigned char)*a & 0xC0) == 0x80 || ((unsigned char)*b & 0xC0) == 0x80)
        chars--;
    return chars;
}

const char *diff_unit(const Model *m, int u)
{
    return u >= 0 && u < m->nunits ? m->units[u].id : NULL;
}

/* ---- the command line ----------------------------------------------------------------- */

__attribute__((format(printf, 1, 2))) static int usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("budc: error: diff: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'budc --help'.\n", stderr);
    return EXIT_TROUBLE;
}

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
                return usage("give two budgets, OLD and NEW");
            o->files[o->nfiles++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_files = true;
            continue;
        }
        if (strcmp(a, "--format") == 0) {
            if (i + 1 >= argc)
                return usage("'--format' needs text or json after it");
            fmt = argv[++i];
        } else if (strncmp(a, "--format=", 9) == 0) {
            fmt = a + 9;
        } else {
            return usage("unknown option '%s'", a);
        }
        if (strcmp(fmt, "text") != 0 && strcmp(fmt, "json") != 0)
            return usage("unknown format '%s': text or json", fmt);
        o->json = strcmp(fmt, "json") == 0;
    }
    if (o->nfiles != 2)
        return usage("give two budgets, OLD and NEW");
    return 0;
}

/* ---- loading ------------------------------------------------------------------------- */

/* Loads and checks PATH into *M (the program P must outlive it).  Its
 * diagnostics go to D.  Returns 0, or EXIT_TROUBLE when the file cannot be
 * read, has an error, or is not a whole budget (said on stderr). */
static int load(Program *p, const char *path, DiagCtx *d, const char *std, Model **m)
{
    *m = NULL;
    program_init(p, d, std);
    if (program_load(p, path) < 0)
        return EXIT_TROUBLE;
    int before = d->nerrors;
    if (p->nerrors == 0)
        check_program(p, d, m);
    if (d->nerrors > before || p->nerrors) {
        if (*m) {
            model_free(*m);
            free(*m);
            *m = NULL;
        }
        return EXIT_TROUBLE;
    }
    if (!*m) {
        fprintf(stderr, "budc: error: %s has no 'department': it is a part of a budget, and "
                        "only whole budgets can be compared\n",
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

/* ---- the comparison ------------------------------------------------------------------- */

/* The file name of PATH without its directories. */
static const char *base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The document comparing OLD with NEW (docs/diff.md), or NULL when memory
 * ran out; *CHANGES receives the number of changes. */
static cJSON *compare(Model *old, Model *new, const DiffOptions *o, int *changes)
{
    Diff d = {{new, false}, old, new, 0};
    JB *b = &d.jb;
    cJSON *doc = cJSON_CreateObject();
    jb_int(b, doc, "budc_diff", 1);
    jb_str(b, doc, "old", base(o->files[0]));
    jb_str(b, doc, "new", base(o->files[1]));
    cJSON *same = jb_add(b, doc, "same", cJSON_CreateFalse());
    cJSON *totals = jb_array(b, doc, "totals");
    diff_department(&d, jb_array(b, doc, "department"));
    diff_units(&d, jb_array(b, doc, "units"));
    diff_tables(&d, totals, jb_array(b, doc, "tables"));
    diff_facts(&d, jb_array(b, doc, "facts"));
    diff_projects(&d, jb_array(b, doc, "projects"));
    diff_prior(&d, jb_array(b, doc, "prior"));
    diff_assets(&d, jb_array(b, doc, "assets"));
    diff_narrative(&d, jb_array(b, doc, "narrative"));
    diff_glossary(&d, jb_array(b, doc, "glossary"));
    if (same && d.nchanges == 0)
        same->type = cJSON_True; /* known only now; the member keeps its place */
    *changes = d.nchanges;
    if (b->failed || !doc) {
        cJSON_Delete(doc);
        return NULL;
    }
    return doc;
}

/* Compares the two loaded models and prints the result; the exit status. */
static int report(Model *old, Model *new, const DiffOptions *o)
{
    int changes;
    cJSON *doc = compare(old, new, o, &changes);
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
    Program p[2];
    Model *m[2];
    int st = load(&p[0], o.files[0], &dc, std, &m[0]);
    int st2 = load(&p[1], o.files[1], &dc, std, &m[1]);
    fclose(mem);
    print_errors(text, stderr);
    free(text);
    if (st == 0 && st2 == 0)
        st = report(m[0], m[1], &o);
    else
        st = EXIT_TROUBLE;
    for (int k = 1; k >= 0; k--) {
        if (m[k]) {
            model_free(m[k]);
            free(m[k]);
        }
        program_free(&p[k]);
    }
    diag_free(&dc);
    return st;
}
