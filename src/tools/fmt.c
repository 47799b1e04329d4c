/*
 * fmt.c — budc fmt: the one canonical layout of a .bud file (docs/fmt.md).
 *
 * The real parser reads each file first (parse_file): a file with a syntax
 * error is reported as budc check reports it and left alone.  A file that
 * parses is then laid out line by line by a small scanner of its own that
 * knows just enough of the language (lexer.l) to be safe: blanks (the
 * ideographic and no-break spaces included), strings with their escapes,
 * `//` comments, the braces of blocks, and the full-width forms the
 * language reads as ASCII.  It never splits or joins the atoms of a line
 * and never reorders anything, so the file means what it meant:
 *
 *   - a run of blanks between two atoms becomes one space; blanks at the
 *     start and the end of a line go, and the line is indented two spaces
 *     per open block;
 *   - a `{` ends its line and a `}` stands on a line of its own (the
 *     language reads "a {", "b 1 }" and "} }" as if the line ended there);
 *   - full-width digits, `．` and the signs and brackets of lexer.l become
 *     ASCII, `≧ ⩾` become `≥` and `≦ ⩽` `≤`; a space is put between two signs
 *     that would otherwise read as one (`＞=` is `>` then `=`, not `>=`);
 *   - strings are copied byte for byte, and so are comments, but for the
 *     blanks at their end; a trailing comment follows its code after two
 *     spaces, a comment line is indented like the block it is in;
 *   - at most one blank line in a row, none at the start of the file or of
 *     a block nor before a `}`; LF line ends, no BOM, one final newline.
 *
 * -w writes through output.c (a temporary file renamed over the original
 * when complete) and gives the new file the old one's permissions.
 */
#include "tools/fmt.h"
#include "base/i18n.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/arena.h"
#include "base/cli.h"
#include "base/diag.h"
#include "base/text.h"
#include "front/lex.h"
#include "base/output.h"
#include "front/parse.h"
#include "base/source.h"

enum { INDENT = 2 };

const char *const fmt_help = N_(
    "usage: budc fmt [-w | --check] FILE...\n"
    "\n"
    "Lays out each FILE in the one canonical layout of a .bud file\n"
    "(docs/fmt.md) and prints it on standard output:\n"
    "  - 2 spaces of indentation per open block; a '{' ends its line and a '}'\n"
    "    stands on a line of its own;\n"
    "  - one space between the atoms of a line, none at its end;\n"
    "  - a trailing comment two spaces after the code; a comment line\n"
    "    indented like the block it is in;\n"
    "  - at most one blank line in a row, none at the start of the file or of\n"
    "    a block, nor before a '}';\n"
    "  - full-width digits, signs and brackets outside strings made ASCII\n"
    "    (1206.65 for １２０６．６５, ≥ for ≧);\n"
    "  - LF line ends, no byte-order mark, one newline at the end.\n"
    "Strings and comments are kept byte for byte and nothing is reordered, so\n"
    "the budget means exactly what it meant.  FILE - is standard input.\n"
    "\n"
    "options:\n"
    "  -w        rewrite each FILE in place when its layout changes: the new\n"
    "            text goes to a temporary file that replaces FILE only when\n"
    "            complete, with FILE's permissions\n"
    "  --check   write nothing; print the name of each FILE that is not in\n"
    "            the canonical layout, and exit 1 if there is one (for CI)\n"
    "\n"
    "A FILE with a syntax error is not formatted: its errors are reported as\n"
    "'budc check' reports them and it is left as it was.  Exits 0 when every\n"
    "FILE is formatted (or, with --check, already was), 1 when a FILE has a\n"
    "syntax error (or, with --check, is not formatted), 2 for a usage or I/O\n"
    "problem.\n");

/* ---- a growable byte buffer -------------------------------------------- */

typedef struct Buf {
    char *s;
    size_t n, cap;
} Buf;

static void buf_add(Buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (b->n + n + 1 > cap)
            cap *= 2;
        b->s = xrealloc(b->s, cap);
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void buf_addc(Buf *b, char c)
{
    buf_add(b, &c, 1);
}

/* ---- what the scanner knows of the language ---------------------------- */

/* The length of the blank (lexer.l's SPACE: space, tab, CR, U+3000, U+00A0)
 * at S[0..N), or 0 when S does not start with one. */
static size_t blank_len(const char *s, size_t n)
{
    if (n >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r'))
        return 1;
    if (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
        return 3;
    if (n >= 2 && memcmp(s, "\xC2\xA0", 2) == 0)
        return 2;
    return 0;
}

/* S[0..N) without the blanks at its end. */
static size_t trim_end(const char *s, size_t n)
{
    for (;;) {
        if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
            n -= 1;
        else if (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
            n -= 3;
        else if (n >= 2 && memcmp(s + n - 2, "\xC2\xA0", 2) == 0)
            n -= 2;
        else
            return n;
    }
}

/* Where the string that starts at S[I] (a '"') ends: just past its closing
 * quote, or N when the line ends first. */
static size_t string_end(const char *s, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n)
            i++;
        else if (s[i] == '"')
            return i + 1;
    }
    return n;
}

/* Where the comment of line S[0..N) starts (its "//" outside strings), or
 * N when it has none. */
static size_t comment_start(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            i = string_end(s, n, i) - 1;
        else if (s[i] == '/' && i + 1 < n && s[i + 1] == '/')
            return i;
    }
    return n;
}

/* The canonical spelling of the character CP outside strings when it is
 * not its own (ASCII for the full-width forms lexer.l reads as ASCII, one
 * sign for each comparison): its length, with the text in FORM; 0 when CP
 * is written as it is. */
static size_t canonical_form(unsigned cp, char form[4])
{
    static const struct {
        unsigned cp;
        const char *text;
    } forms[] = {
        {0xFF05, "%"}, {0xFF08, "("}, {0xFF09, ")"}, {0xFF0A, "*"}, {0xFF0B, "+"},
        {0xFF0D, "-"}, {0xFF0E, "."}, {0xFF0F, "/"}, {0xFF1C, "<"}, {0xFF1D, "="},
        {0xFF1E, ">"}, {0xFF5B, "{"}, {0xFF5D, "}"}, {0x2267, "≥"}, {0x2A7E, "≥"},
        {0x2266, "≤"}, {0x2A7D, "≤"},
    };
    if (cp >= 0xFF10 && cp <= 0xFF19) {
        form[0] = (char)('0' + (cp - 0xFF10));
        return 1;
    }
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (forms[i].cp == cp) {
            size_t n = strlen(forms[i].text);
            memcpy(form, forms[i].text, n);
            return n;
        }
    return 0;
}

/* Whether C, written for the source character CP, would read as one sign
 * with P, written just before it for PCP, when the source had two: "//"
 * (a comment), or "=" after "<", ">" or "=" ("＞=" is ">" then "="). */
static bool would_join(char p, unsigned pcp, char c, unsigned cp)
{
    if (pcp < 0x80 && cp < 0x80)
        return false; /* both as written, so the lexer read them so already */
    if (p == '/' && c == '/')
        return true;
    if (c != '=' || (p != '<' && p != '>' && p != '='))
        return false;
    return !(cp == 0xFF1D && (pcp == 0xFF1C || pcp == 0xFF1E)); /* ＜＝ ＞＝ are one */
}

/* ---- the layout -------------------------------------------------------- */

typedef enum LineKind { LINE_CODE, LINE_OPEN, LINE_CLOSE } LineKind;

typedef struct Fmt {
    Buf *out;            /* the formatted file */
    Buf line;            /* the output line being built, without indentation */
    int depth;           /* blocks open at this point */
    int line_depth;      /* the indentation of the line being built */
    bool blank_owed;     /* a blank line came since the last line written */
    bool block_start;    /* nothing written yet, or the last line opened a block */
    bool gap;            /* blanks came after the line's last atom */
    unsigned last_cp;    /* the source character written last on the line */
    const char *comment; /* the source line's comment, until it is written */
    size_t comment_len;
} Fmt;

/* Writes the line being built, if there is one: after the blank line owed
 * (unless it starts the file or a block, or closes a block), indented,
 * followed by the source line's comment when that is not written yet. */
static void emit_line(Fmt *F, LineKind kind)
{
    if (F->line.n == 0)
        return;
    if (F->blank_owed && !F->block_start && kind != LINE_CLOSE)
        buf_addc(F->out, '\n');
    F->blank_owed = false;
    for (int i = 0; i < F->line_depth * INDENT; i++)
        buf_addc(F->out, ' ');
    buf_add(F->out, F->line.s, F->line.n);
    if (F->comment) {
        buf_add(F->out, "  ", 2);
        buf_add(F->out, F->comment, F->comment_len);
        F->comment = NULL;
    }
    buf_addc(F->out, '\n');
    F->block_start = kind == LINE_OPEN;
    F->line.n = 0;
    F->gap = false;
    F->last_cp = 0;
}

/* Appends TEXT[0..N), written for the source character CP ('"' for a
 * string), to the line: after one space when blanks came before it or
 * when it would otherwise join the sign before it. */
static void add_text(Fmt *F, const char *text, size_t n, unsigned cp)
{
    if (F->line.n == 0)
        F->line_depth = F->depth;
    else if (F->gap || would_join(F->line.s[F->line.n - 1], F->last_cp, text[0], cp))
        buf_addc(&F->line, ' ');
    buf_add(&F->line, text, n);
    F->gap = false;
    F->last_cp = cp;
}

/* A '{' ends its line and opens a block. */
static void open_block(Fmt *F, unsigned cp)
{
    add_text(F, "{", 1, cp);
    emit_line(F, LINE_OPEN);
    F->depth++;
}

/* A '}' stands on a line of its own, one level out. */
static void close_block(Fmt *F, unsigned cp)
{
    emit_line(F, LINE_CODE);
    if (F->depth > 0)
        F->depth--;
    add_text(F, "}", 1, cp);
    emit_line(F, LINE_CLOSE);
}

/* Lays out the code S[0..N) of one source line (its comment cut off). */
static void format_code(Fmt *F, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t len = blank_len(s + i, n - i);
        if (len) {
            F->gap = true;
            i += len;
            continue;
        }
        if (s[i] == '"') {
            len = string_end(s, n, i) - i;
            add_text(F, s + i, len, '"');
            i += len;
            continue;
        }
        char form[4];
        uint32_t cp;
        len = utf8_at(s + i, &cp);
        size_t flen = canonical_form(cp, form);
        if (!flen) {
            flen = len;
            memcpy(form, s + i, len);
        }
        if (flen == 1 && form[0] == '{')
            open_block(F, cp);
        else if (flen == 1 && form[0] == '}')
            close_block(F, cp);
        else
            add_text(F, form, flen, cp);
        i += len;
    }
}

/* Lays out one source line S[0..N) (without its '\n'): its code, then its
 * comment after the code or on a line of its own; a line with neither is
 * blank. */
static void format_line(Fmt *F, const char *s, size_t n)
{
    size_t c = comment_start(s, n);
    F->comment = c < n ? s + c : NULL;
    F->comment_len = c < n ? trim_end(s + c, n - c) : 0;
    size_t written = F->out->n;
    format_code(F, s, c);
    emit_line(F, LINE_CODE);
    if (F->comment) {
        F->line_depth = F->depth;
        buf_add(&F->line, F->comment, F->comment_len);
        F->comment = NULL;
        emit_line(F, LINE_CODE);
    } else if (F->out->n == written) {
        F->blank_owed = true;
    }
}

/* Lays out the file TEXT[0..N) into OUT. */
static void format_text(const char *text, size_t n, Buf *out)
{
    Fmt F = {.out = out, .block_start = true};
    if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        n -= 3;
    }
    while (n > 0) {
        const char *nl = memchr(text, '\n', n);
        size_t len = nl ? (size_t)(nl - text) : n;
        format_line(&F, text, len);
        if (!nl)
            break;
        text += len + 1;
        n -= len + 1;
    }
    free(F.line.s);
}

char *fmt_text(const char *text, size_t n, size_t *out_len)
{
    SrcFile *f = src_from_string("<fmt>", text, n);
    if (!f)
        return NULL;
    DiagCtx d;
    diag_init(&d, stderr);
    d.max_errors = 1;
    FILE *null = fopen("/dev/null", "w");
    if (null)
        d.out = null;
    Arena a;
    arena_init(&a);
    int nerrors = 0;
    parse_file(f, &a, &d, &nerrors);
    arena_free(&a);
    diag_free(&d);
    if (null)
        fclose(null);
    char *res = NULL;
    if (nerrors == 0) {
        Buf out = {0};
        format_text(f->text, f->len, &out);
        if (!out.s)
            out.s = xmalloc(1);
        out.s[out.n] = '\0';
        *out_len = out.n;
        res = out.s;
    }
    src_free(f);
    return res;
}

/* ---- the command ------------------------------------------------------- */

typedef struct FmtOptions {
    bool write; /* -w */
    bool check; /* --check */
    char **files;
    int nfiles;
} FmtOptions;

/* Reads the flags and file names of ARGV into O; returns -1 after
 * reporting a usage error. */
static int fmt_options(int argc, char **argv, FmtOptions *o)
{
    memset(o, 0, sizeof *o);
    o->files = argv;
    bool only_files = false, from_stdin = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!only_files && strcmp(a, "--") == 0)
            only_files = true;
        else if (!only_files && strcmp(a, "-w") == 0)
            o->write = true;
        else if (!only_files && strcmp(a, "--check") == 0)
            o->check = true;
        else if (!only_files && a[0] == '-' && a[1])
            return cli_usage("unknown option '%s'", a), -1;
        else
            o->files[o->nfiles++] = argv[i];
        from_stdin |= o->nfiles > 0 && strcmp(o->files[o->nfiles - 1], "-") == 0;
    }
    if (o->nfiles == 0)
        return cli_usage("fmt: no input files"), -1;
    if (o->write && o->check)
        return cli_usage("fmt: give -w or --check, not both"), -1;
    if (o->write && from_stdin)
        return cli_usage("fmt: -w cannot rewrite standard input ('-')"), -1;
    return 0;
}

/* Reads PATH ("-": standard input, named <stdin>); NULL after reporting
 * why it cannot (E-IO). */
static SrcFile *read_input(const char *path, DiagCtx *d)
{
    bool in = strcmp(path, "-") == 0;
    SrcFile *f = src_read(in ? "/dev/stdin" : path);
    if (!f) {
        diag_error(d, (Loc){0}, "E-IO", "cannot read '%s': %s", path, strerror(errno));
        return NULL;
    }
    if (in) {
        free(f->name);
        f->name = xmalloc(sizeof "<stdin>");
        memcpy(f->name, "<stdin>", sizeof "<stdin>");
    }
    return f;
}

/* Writes TEXT[0..N) over PATH (over the file a symbolic link names) through
 * a temporary file that takes PATH's permissions; 0, or -1 after reporting
 * (E-IO) with PATH left as it was. */
static int write_in_place(const char *path, const char *text, size_t n, DiagCtx *d)
{
    char err[PATH_MAX + 128], real[PATH_MAX];
    struct stat st;
    if (stat(path, &st) != 0 || !realpath(path, real)) {
        diag_error(d, (Loc){0}, "E-IO", "cannot write '%s': %s", path, strerror(errno));
        return -1;
    }
    OutFile o;
    FILE *fp = out_open(&o, real, err, sizeof err);
    if (fp && fchmod(fileno(fp), st.st_mode & 07777) != 0) {
        snprintf(err, sizeof err, _("cannot write '%s': %s"), path, strerror(errno));
        out_abort(&o);
        fp = NULL;
    }
    if (fp) {
        if (n > 0)
            fwrite(text, 1, n, fp);
        if (out_commit(&o, err, sizeof err) == 0)
            return 0;
    }
    diag_error(d, (Loc){0}, "E-IO", "%s", err);
    return -1;
}

/* Does with OUT, the layout of F, what O asks: prints it, compares it with
 * F (--check) or writes it over F's file PATH (-w, only when it differs).
 * Returns the exit status. */
static int deliver(const SrcFile *f, const char *path, const Buf *out, const FmtOptions *o,
                   DiagCtx *d)
{
    bool same = out->n == f->len && (out->n == 0 || memcmp(out->s, f->text, out->n) == 0);
    if (o->check) {
        if (!same) { /* a file's name is user text (text.h) */
            char *name = text_escaped(f->name, strlen(f->name), 0, 0);
            printf("%s\n", name);
            free(name);
        }
        return same ? EXIT_OK : EXIT_INPUT;
    }
    if (o->write)
        return same || write_in_place(path, out->s, out->n, d) == 0 ? EXIT_OK : EXIT_USAGE;
    if (out->n)
        fwrite(out->s, 1, out->n, stdout);
    return EXIT_OK;
}

/* Formats PATH as O asks, unless it has a syntax error (reported); returns
 * the exit status. */
static int fmt_file(const char *path, const FmtOptions *o, DiagCtx *d)
{
    SrcFile *f = read_input(path, d);
    if (!f)
        return EXIT_USAGE;
    Arena a;
    arena_init(&a);
    int nerrors = 0;
    parse_file(f, &a, d, &nerrors);
    arena_free(&a);
    int status = EXIT_INPUT;
    if (nerrors == 0) {
        Buf out = {0};
        format_text(f->text, f->len, &out);
        status = deliver(f, path, &out, o, d);
        free(out.s);
    }
    src_free(f);
    return status;
}

int cmd_fmt(int argc, char **argv, const char *argv0)
{
    (void)argv0;
    FmtOptions o;
    if (fmt_options(argc, argv, &o) < 0)
        return EXIT_USAGE;
    DiagCtx d;
    diag_init(&d, stderr);
    d.max_errors = DEFAULT_MAX_ERRORS;
    int status = EXIT_OK;
    for (int i = 0; i < o.nfiles; i++) {
        int s = fmt_file(o.files[i], &o, &d);
        if (s > status)
            status = s;
    }
    diag_finish(&d);
    diag_free(&d);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "budc: error: cannot write to standard output: %s\n", strerror(errno));
        status = EXIT_USAGE;
    }
    return status;
}
