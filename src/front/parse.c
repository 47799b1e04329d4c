/*
 * parse.c — runs the scanner and the parser over a file or a quote, checks
 * the encoding first, builds tree nodes for the grammar's actions and words
 * syntax errors the way budc's users read them.
 */
#include "front/parse.h"
#include "base/i18n.h"

#include "base/text.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "front/lex.h"
#include "front/parse_impl.h"
#include "parser.h"
#include "lexer.h"

/* ---- encoding ---------------------------------------------------------- */

int parse_check_encoding(const SrcFile *f, DiagCtx *d)
{
    const unsigned char *s = (const unsigned char *)f->text;
    size_t i = 0, n = f->len, line_start = 0, col_pos = 0;
    size_t counted = 0; /* lines are counted up to here, when there is an error */
    int line = 1, col = 1, errors = 0;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = line_start = counted = 3;
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    while (i < n) {
        /* ASCII is most of a budget: eight bytes at a time while none has
         * its high bit set and none is NUL */
        if (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!(w & highs) && !((w - ones) & ~w & highs)) {
                i += 8;
                continue;
            }
        }
        unsigned char c = s[i];
        if (c != 0 && c < 0x80) {
            i++;
            continue;
        }
        /* then Chinese: three bytes, E1..EC or EE..EF and two continuations */
        if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 3 <= n && (s[i + 1] & 0xC0) == 0x80 &&
            (s[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        size_t len = c ? utf8_valid(s + i, n - i) : 0;
        if (len) {
            i += len;
            continue;
        }
        for (; counted < i; counted++)
            if (s[counted] == '\n') {
                line++;
                line_start = counted + 1;
            }
        /* the column as the scanner counts it (a character, or an invalid
         * byte, is one column), counted on from the last error of the line
         * so that a line of a million bad bytes stays linear */
        if (col_pos < line_start) {
            col_pos = line_start;
            col = 1;
        }
        while (col_pos < i) {
            size_t l = s[col_pos] ? utf8_valid(s + col_pos, n - col_pos) : 0;
            col_pos += l ? l : 1;
            col++;
        }
        Loc loc = {f, line, col, line, col + 1};
        if (c == '\0')
            diag_error(d, loc, "E-NUL",
                       "NUL byte in the input: a .bud file is UTF-8 text, is this a binary file?");
        else
            diag_error(d, loc, "E-UTF8",
                       "invalid UTF-8 byte 0x%02X; save the file as UTF-8 (GBK and other "
                       "encodings are not read)",
                       c);
        errors++;
        i++;
    }
    return errors;
}

/* ---- running the parser ------------------------------------------------ */

static void run(Parser *P, const char *text, size_t len, int line, int col, int start,
                bool expr_mode)
{
    Lexer L;
    memset(&L, 0, sizeof L);
    L.P = P;
    L.line = line;
    L.col = col;
    L.start_tok = start;
    L.expr_mode = expr_mode;
    L.in = text;
    L.in_len = len;
    yyscan_t scanner;
    if (bud_lex_init_extra(&L, &scanner) != 0) {
        diag_error(P->diag, (Loc){0}, "E-IO", "cannot start the scanner");
        P->nerrors++;
        return;
    }
    /* A stack overflow (status 2) has been reported by bud_error.  The
     * scanner reads TEXT through lex_input and frees its buffer itself. */
    bud_parse(scanner, P);
    bud_lex_destroy(scanner);
}

Stmt *parse_file(const SrcFile *f, Arena *a, DiagCtx *d, int *nerrors)
{
    Parser P = {.arena = a, .diag = d, .file = f};
    int enc = parse_check_encoding(f, d);
    if (enc) {
        *nerrors = enc;
        return NULL;
    }
    const char *text = f->text;
    size_t len = f->len;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        text += 3, len -= 3;
    run(&P, text, len, 1, 1, START_FILE, false);
    *nerrors = P.nerrors;
    return P.result;
}

Expr *parse_expr(const SrcFile *f, const char *text, size_t n, int line, int col, Arena *a,
                 DiagCtx *d, int *nerrors)
{
    Parser P = {.arena = a, .diag = d, .file = f};
    run(&P, text, n, line, col, START_EXPR, true);
    *nerrors = P.nerrors;
    return P.nerrors ? NULL : P.expr_result;
}

/* ---- syntax errors ------------------------------------------------------ */

static const struct {
    const char *bison, *shown;
} token_names[] = {
    {"end of file", N_("end of file")},
    {"end of line", N_("end of line")},
    {"number", N_("a number")},
    {"word", N_("a word")},
    {"string", N_("a string")},
    {"procurement code", N_("a procurement code")},
    {"invalid token", N_("an invalid token")},
    {"START_FILE", N_("the start of the file")},
    {"START_EXPR", N_("the start of the expression")},
};

const char *parse_token_name(const char *bison)
{
    for (size_t i = 0; i < sizeof token_names / sizeof token_names[0]; i++)
        if (strcmp(token_names[i].bison, bison) == 0)
            return _(token_names[i].shown);
    /* Keywords and operators are shown quoted, as written: 'unit', '>='.
     * Character tokens come quoted already: '{'. */
    static char buf[8][24];
    static int next;
    if (bison[0] != '\'' && strlen(bison) < sizeof buf[0] - 3) {
        char *b = buf[next++ % 8];
        snprintf(b, sizeof buf[0], "'%s'", bison);
        return b;
    }
    return bison;
}

void parse_syntax_error(Parser *P, void *scanner, Loc loc, const char *found, bool at_eof,
                        bool at_newline, const char **expected, int nexpected,
                        bool expects_close)
{
    char msg[512];
    size_t o = 0;
    const Lexer *L = bud_get_extra(scanner);
    if (at_eof && L->expr_mode) {
        found = _("the end of the quote");
    } else if (at_eof && loc.file) {
        /* Point at the end of the last line that has text, not past it. */
        for (int line = loc.line; line >= 1; line--) {
            size_t len;
            const char *text = src_line(loc.file, line, &len);
            if (text && len > 0) {
                loc.line = loc.end_line = line;
                loc.col = loc.end_col = src_count_chars(text, len) + 1;
                break;
            }
        }
    }
    if (nexpected > 0 && nexpected <= 5) {
        o += (size_t)snprintf(msg + o, sizeof msg - o, _("expected "));
        for (int i = 0; i < nexpected && o < sizeof msg; i++)
            o += (size_t)snprintf(msg + o, sizeof msg - o, "%s%s",
                                  i == 0 ? "" : i == nexpected - 1 ? _(" or ") : _(", "),
                                  expected[i]);
        if (o < sizeof msg)
            snprintf(msg + o, sizeof msg - o, _(", found %s"), found);
    } else {
        snprintf(msg, sizeof msg, _("unexpected %s"), found);
    }
    diag_error(P->diag, loc, "E-SYNTAX", "%s", msg);
    P->nerrors++;
    if (at_eof && expects_close && !L->expr_mode) {
        const Loc *open = lex_open_block(L);
        if (open)
            diag_note(P->diag, *open, "the block opened here is not closed with '}'");
    } else if (at_newline && nexpected == 1 && strcmp(expected[0], "'{'") == 0) {
        diag_note(P->diag, loc, "a block's '{' goes at the end of its head line");
    }
}

/* ---- tree construction for the actions ---------------------------------- */

Stmt *parse_stmt(Parser *P, StmtKind k, Loc loc, Loc kw, int nargs, ...)
{
    Stmt *s = ast_stmt(P->arena, k, loc);
    s->kw_loc = kw;
    AtomList l = {0};
    va_list ap;
    va_start(ap, nargs);
    for (int i = 0; i < nargs; i++) {
        Atom *a = va_arg(ap, Atom *);
        if (!a) /* an optional argument not written: keep its place */
            a = ast_atom(P->arena, A_DASH, kw, NULL);
        atoms_add(&l, a);
    }
    va_end(ap);
    s->args = l.head;
    s->nargs = l.n;
    return s;
}

Stmt *parse_block(Parser *P, Stmt *s, const BlockVal *b)
{
    (void)P;
    s->has_block = true;
    s->body = b->head;
    s->open_loc = b->open;
    return s;
}

/* A '-' written right before a number ("-3.20") is a negative number; a
 * '-' on its own is a blank cell. */
Stmt *parse_row(Parser *P, AtomList *atoms, Loc loc)
{
    AtomList out = {0};
    for (Atom *a = atoms->head, *next; a; a = next) {
        next = a->next;
        if (a->kind == A_DASH && next && next->kind == A_NUMBER && next->loc.line == a->loc.line &&
            next->loc.col == a->loc.end_col) {
            Atom *neg = parse_negate(P, next, loc_span(a->loc, next->loc));
            next = next->next;
            atoms_add(&out, neg);
            continue;
        }
        atoms_add(&out, a);
    }
    Stmt *s = ast_stmt(P->arena, S_ROW, loc);
    s->args = out.head;
    s->nargs = out.n;
    return s;
}

Stmt *parse_purchase(Parser *P, Loc loc, Loc kw, Atom *pcode, Atom *name, AtomList *fields)
{
    Stmt *s = parse_stmt(P, S_PURCHASE, loc, kw, 2, pcode, name);
    s->args->next->next = fields->head;
    s->nargs += fields->n;
    return s;
}

Stmt *parse_rule(Parser *P, Loc loc, Loc kw, Atom *name, Atom *sev, Atom *msg, Expr *cond)
{
    Stmt *s = parse_stmt(P, S_RULE, loc, kw, 3, name, sev, msg);
    s->expr = cond;
    return s;
}

Atom *parse_plus(Parser *P, Atom *num, Loc loc)
{
    (void)P;
    num->loc = loc; /* the number, from its sign: +0.50 is 0.50 */
    return num;
}

Atom *parse_negate(Parser *P, Atom *num, Loc loc)
{
    Atom *a = ast_atom(P->arena, A_NUMBER, loc, NULL);
    size_t n = strlen(num->text);
    char *t = arena_alloc(P->arena, n + 2);
    t[0] = '-';
    memcpy(t + 1, num->text, n + 1);
    a->text = t;
    if (dec_neg(num->num, &a->num) != DEC_OK)
        a->num = dec_zero();
    return a;
}

Atom *parse_op_atom(Parser *P, OpKind op, Loc loc)
{
    Atom *a = ast_atom(P->arena, A_OP, loc, ast_op_text(op));
    a->op = op;
    return a;
}

/* Paths and expressions are bounded: no real figure has more than a few
 * parts, no real quote or rule more than a few operators; the bound keeps
 * every later walk over them shallow (the checker and the back ends recurse
 * on expressions). */
enum { MAX_PATH_PARTS = 64, MAX_EXPR_DEPTH = 200 };

static void append_seg(Parser *P, Atom *path, PathSeg *seg)
{
    if (!path->path_tail) {
        path->path_len = 1;
        for (path->path_tail = path->path; path->path_tail->next;
             path->path_tail = path->path_tail->next)
            path->path_len++;
    }
    if (path->path_len == MAX_PATH_PARTS) {
        diag_error(P->diag, seg->loc, "E-NESTING",
                   "a path of more than %d parts; figures are named by a few words, such as "
                   "支出[207].基本",
                   MAX_PATH_PARTS);
        P->nerrors++;
    }
    path->path_len++;
    if (path->path_len > MAX_PATH_PARTS)
        return; /* reported once; the rest is dropped */
    path->path_tail->next = seg;
    while (path->path_tail->next)
        path->path_tail = path->path_tail->next;
}

Atom *parse_path_name(Parser *P, Atom *path, Atom *word)
{
    append_seg(P, path, word->path);
    path->kind = A_PATH;
    path->loc = loc_span(path->loc, word->loc);
    return path;
}

Atom *parse_path_index(Parser *P, Atom *path, Atom *index, Loc loc)
{
    PathSeg *seg = arena_alloc(P->arena, sizeof *seg);
    seg->index = index;
    seg->loc = index->loc;
    append_seg(P, path, seg);
    path->kind = A_PATH;
    path->loc = loc;
    return path;
}

Expr *parse_expr_atom(Parser *P, ExprKind k, Atom *a)
{
    Expr *e = ast_expr(P->arena, k, a->loc);
    e->atom = a;
    e->depth = 1;
    return e;
}

/* An expression deeper than MAX_EXPR_DEPTH is reported (once) and cut. */
static bool too_deep(Parser *P, int depth, Loc loc)
{
    if (depth <= MAX_EXPR_DEPTH)
        return false;
    if (!P->too_deep) {
        diag_error(P->diag, loc, "E-NESTING",
                   "an expression more than %d operators or parentheses deep; split it into "
                   "smaller quotes or rules",
                   MAX_EXPR_DEPTH);
        P->nerrors++;
        P->too_deep = true;
    }
    return true;
}

Expr *parse_expr_unary(Parser *P, Expr *x, Loc loc)
{
    if (too_deep(P, x->depth + 1, loc))
        return x;
    Expr *e = ast_expr(P->arena, E_NEG, loc);
    e->lhs = x;
    e->depth = x->depth + 1;
    return e;
}

Expr *parse_expr_binary(Parser *P, int op, Expr *l, Expr *r, Loc loc)
{
    int depth = 1 + (l->depth > r->depth ? l->depth : r->depth);
    if (too_deep(P, depth, loc))
        return l->depth >= r->depth ? l : r;
    Expr *e = ast_expr(P->arena, E_BINARY, loc);
    e->binop = op;
    e->lhs = l;
    e->rhs = r;
    e->depth = depth;
    return e;
}

Expr *parse_expr_compare(Parser *P, OpKind op, Expr *l, Expr *r, Loc loc)
{
    Expr *e = parse_expr_binary(P, 'c', l, r, loc);
    e->cmp = op;
    return e;
}
