/*
 * structure.c — the structure pass (see structure.h).
 *
 * The grammar accepts any statement in any block and any row of atoms, so
 * that a misplaced line is one clear error instead of a cascade of parse
 * errors.  This pass says where each statement belongs, reads each data row
 * by the shape its block gives it, checks the one-per-block settings, and
 * parses the {…} quotes of narrative text into TextParts.
 */
#include "front/structure.h"
#include "base/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "front/parse.h"

typedef struct Ctx {
    Arena *arena;
    DiagCtx *diag;
    const SrcFile *file;
    int nerrors;
} Ctx;

enum { CTX_FILE = S__COUNT }; /* the top level of a file, as a parent kind */

/* Which statements each block may hold (rows are described by row_shapes). */
static const StmtKind allowed[][12] = {
    [CTX_FILE] = {S_IMPORT, S_DEPARTMENT, S_UNIT, S_PERFORMANCE, S_PRIOR, S_TABLE, S_ASSETS,
                  S_PROCUREMENT, S_NARRATIVE},
    [S_DEPARTMENT] = {S_YEAR, S_MONEY, S_KIND, S_BUDGET},
    [S_UNIT] = {S_NATURE, S_RANK, S_FUNDING, S_INCOME, S_SPENDING, S_ECONOMIC, S_SANGONG,
                S_PROJECT, S_CARRYOVER, S_PRIOR, S_NARRATIVE},
    [S_PROJECT] = {S_CODE, S_AMOUNT, S_GOAL, S_INDICATORS, S_PURCHASE, S_RESULT, S_TRACKED,
                   S_PROBLEMS},
    [S_PERFORMANCE] = {S_GOAL, S_TARGET},
    [S_TABLE] = {S_NOTE},
    [S_ASSETS] = {S_PLANNED},
    [S_NARRATIVE] = {S_SECTION},
    [S_SECTION] = {S_HEADING, S_INSERT},
    [S_DISCLOSURE] = {S_TABLEDEF},
    [S_TABLEDEF] = {S_NOTE},
};
/* The top level also takes these (the list above is full). */
static const StmtKind allowed_file_more[] = {S_GLOSSARY, S_RULE, S_CATALOG, S_VOCABULARY,
                                             S_DISCLOSURE};

/* Statements that may appear at most once in their block. */
static bool is_singleton(StmtKind k)
{
    switch (k) {
    case S_YEAR: case S_MONEY: case S_KIND: case S_BUDGET: case S_NATURE: case S_RANK: case S_FUNDING:
    case S_CODE: case S_AMOUNT: case S_PLANNED: case S_RESULT: case S_TRACKED: case S_PROBLEMS:
        return true;
    default:
        return false;
    }
}

static bool may_hold(int parent, StmtKind k)
{
    if (parent >= (int)(sizeof allowed / sizeof allowed[0]))
        return false;
    for (size_t i = 0; i < sizeof allowed[0] / sizeof allowed[0][0]; i++)
        if (allowed[parent][i] == k && k != S_ROW) /* 0 (S_ROW) fills unused places */
            return true;
    if (parent == CTX_FILE)
        for (size_t i = 0; i < sizeof allowed_file_more / sizeof allowed_file_more[0]; i++)
            if (allowed_file_more[i] == k)
                return true;
    return false;
}

static const char *parent_name(int parent)
{
    if (parent == S_TABLEDEF)
        return _("table' (of a 'disclosure"); /* printed as a 'table' (of a 'disclosure') block */
    return parent == CTX_FILE ? _("the top level of a file") : ast_stmt_name((StmtKind)parent);
}

/* Lists the blocks where K may appear, for the message. */
static void where_allowed(StmtKind k, char *buf, size_t n)
{
    size_t o = 0;
    int found = 0;
    buf[0] = '\0';
    for (int p = 0; p <= CTX_FILE && o < n; p++) {
        if (!may_hold(p, k))
            continue;
        o += (size_t)snprintf(buf + o, n - o, "%s%s%s%s", found ? _(" or ") : "",
                              p == CTX_FILE ? "" : _("a '"), parent_name(p),
                              p == CTX_FILE ? "" : _("' block"));
        found++;
    }
}

static void error(Ctx *c, Loc loc, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void error(Ctx *c, Loc loc, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(c->diag, DIAG_ERROR, loc, code, fmt, ap);
    va_end(ap);
    c->nerrors++;
}

/* ---- rows ----------------------------------------------------------------- */

static const char *atom_desc(const Atom *a)
{
    if (!a)
        return _("the end of the line");
    switch (a->kind) {
    case A_NUMBER: return _("a number");
    case A_WORD: return _("a word");
    case A_PATH: return _("a path");
    case A_STRING: return _("a string");
    case A_PCODE: return _("a procurement code");
    case A_DASH: return "'-'";
    case A_OP: return _("an operator");
    case A_PERCENT: return "'%'";
    case A_SLASH: return "'/'";
    case A_FIELD: return _("a field");
    }
    return "something";
}

/* A cursor over a row's atoms; the first mismatch is reported once. */
typedef struct Row {
    Ctx *c;
    const Stmt *s;
    Atom *at;
    const char *shape; /* "CODE KIND AMOUNT, e.g. …" */
    bool failed;
} Row;

#define K(kind) (1u << (kind))

static bool is(const Row *r, unsigned kinds)
{
    return r->at && (K(r->at->kind) & kinds);
}

static Atom *expect(Row *r, unsigned kinds, const char *what)
{
    if (r->failed)
        return NULL;
    if (!is(r, kinds)) {
        Loc loc = r->at ? r->at->loc : r->s->loc;
        if (!r->at) {
            loc.line = loc.end_line;
            loc.col = loc.end_col;
        }
        error(r->c, loc, "E-ROW", "expected %s, found %s; this block's lines read: %s", _(what),
              atom_desc(r->at), r->shape);
        r->failed = true;
        return NULL;
    }
    Atom *a = r->at;
    r->at = a->next;
    return a;
}

static Atom *optional(Row *r, unsigned kinds)
{
    if (r->failed || !is(r, kinds))
        return NULL;
    Atom *a = r->at;
    r->at = a->next;
    return a;
}

static void expect_end(Row *r)
{
    if (r->failed || !r->at)
        return;
    error(r->c, loc_span(r->at->loc, r->s->loc), "E-ROW",
          "%s where the line should end; this block's lines read: %s", atom_desc(r->at),
          r->shape);
    r->failed = true;
}

static void expect_code(Row *r, const char *what)
{
    Atom *a = expect(r, K(A_NUMBER), what);
    if (a && (a->num.scale != 0 || dec_is_neg(a->num))) {
        error(r->c, a->loc, "E-ROW", "%s is a whole number of digits, not '%s'", what, a->text);
        r->failed = true;
    }
}

/* value: [op] number [measure] | word | string, where measure is
 * word ['/' word] or '%'. */
static void expect_value(Row *r)
{
    if (optional(r, K(A_WORD) | K(A_STRING)))
        return;
    optional(r, K(A_OP));
    expect(r, K(A_NUMBER), "an indicator value (a number, or a phrase such as 比上年提升)");
    if (optional(r, K(A_PERCENT)))
        return;
    if (optional(r, K(A_WORD)) && optional(r, K(A_SLASH)))
        expect(r, K(A_WORD), "the unit after '/'");
}

static void check_row(Ctx *c, int parent, Stmt *s)
{
    Row r = {c, s, s->args, NULL, false};
    const unsigned word = K(A_WORD), num = K(A_NUMBER), str = K(A_STRING);
    switch (parent) {
    case S_INCOME:
        r.shape = "SOURCE [CODE] AMOUNT, e.g. 一般公共预算 1206.65";
        expect(&r, word, "a fund source");
        if (r.at && r.at->next && r.at->kind == A_NUMBER)
            expect_code(&r, "a function code");
        expect(&r, num, "the amount");
        break;
    case S_CARRYOVER:
        r.shape = "SOURCE [CODE] AMOUNT, e.g. 一般公共预算 12.00 (carried over to next year)";
        expect(&r, word, "a fund source");
        if (r.at && r.at->next && r.at->kind == A_NUMBER)
            expect_code(&r, "a function code");
        expect(&r, num, "the amount");
        break;
    case S_SPENDING:
        r.shape = "CODE KIND AMOUNT, e.g. 2070699 基本 582.20";
        expect_code(&r, "a function code");
        expect(&r, word, "the kind of expenditure (基本, 项目, …)");
        expect(&r, num, "the amount");
        break;
    case S_ECONOMIC:
        r.shape = "CODE [人员经费|公用经费] AMOUNT, e.g. 30101 350.01";
        expect_code(&r, "an economic code");
        optional(&r, word);
        expect(&r, num, "the amount");
        break;
    case S_RESULT:
        r.shape = "\"INDICATOR\" VALUE [分值 得分 [\"偏差原因\"]], e.g. \"发布报道数量\" 520篇 20 18 "
                  "\"部分报道延期\" (the 三级指标 and what was achieved)";
        expect(&r, str, "the indicator (its 三级指标, as in the budget)");
        expect_value(&r);
        if (!r.failed && r.at && r.at->kind == A_NUMBER) {
            expect(&r, num, "the indicator's 分值 (its weight in the score)");
            expect(&r, num, "the indicator's 得分 (the points it scored)");
            optional(&r, str);
        }
        break;
    case S_PROCUREMENT:
        r.shape = "ROW AMOUNT, e.g. 货物 120.50 (docs/final-accounts.md)";
        expect(&r, word, "a row of the 政府采购 actuals (合计, 货物, 中小企业 …)");
        expect(&r, num, "the amount");
        break;
    case S_SANGONG:
        r.shape = "ITEM AMOUNT, e.g. 公务接待费 0.43";
        expect(&r, word, "a 三公 item");
        expect(&r, num, "the amount");
        break;
    case S_PRIOR:
        r.shape = "NAME AMOUNT, e.g. 支出.合计 1018.29";
        expect(&r, word | K(A_PATH), "the name of a figure");
        expect(&r, num, "last year's amount");
        break;
    case S_INDICATORS:
        r.shape = "[一级] 二级 \"三级\" \"描述\"|- VALUE [\"依据\"], e.g. 数量指标 \"发布报道数量\" - ≥500篇 \"实际工作需要\"";
        expect(&r, word, "the indicator's level (数量指标, …)");
        optional(&r, word);
        expect(&r, str, "the indicator's name (三级指标) as a string");
        expect(&r, str | K(A_DASH), "the description as a string, or '-' for the same as the name");
        expect_value(&r);
        optional(&r, str);
        break;
    case S_TARGET:
        r.shape = "\"绩效目标\" \"绩效指标\" VALUE, e.g. \"举办外宣活动场次\" \"活动场次\" ≥1次";
        expect(&r, str, "the goal as a string");
        expect(&r, str, "the indicator as a string");
        expect_value(&r);
        break;
    case S_TABLE:
    case S_ASSETS:
        r.shape = "KEY [\"name\"] CELL…, e.g. 207 \"文化旅游体育与传媒支出\" 1016.53 582.20 -";
        expect(&r, num | word | str, "the row's code or name");
        optional(&r, str);
        while (!r.failed && r.at)
            expect(&r, num | K(A_DASH), "a cell (a number, or '-' for a blank cell)");
        break;
    case S_NARRATIVE:
    case S_SECTION:
        r.shape = "one paragraph as a string";
        expect(&r, str, "a paragraph as a string");
        break;
    case S_GLOSSARY:
        r.shape = "\"term\" \"definition\"";
        expect(&r, str, "the term as a string");
        expect(&r, str, "its definition as a string");
        break;
    case S_VOCABULARY:
        r.shape = "WORD [\"printed\"…] [TAG…], or WORD [\"printed\"] = WORD…";
        expect(&r, word | str, "the word");
        while (!r.failed && optional(&r, str))
            ;
        if (r.at && r.at->kind == A_OP && r.at->op == OP_EQ) {
            r.at = r.at->next;
            expect(&r, word | str, "the word it stands for");
            while (!r.failed && r.at)
                expect(&r, word | str, "a word");
            break;
        }
        while (!r.failed && r.at)
            expect(&r, word | num, "a tag word");
        break;
    case S_TABLEDEF:
        r.shape = "WHAT ARGUMENT…, e.g. column total \"合计\" 支出 (docs/tables.md)";
        expect(&r, word, "what the line defines (key, column, row, codes …)");
        while (!r.failed && r.at)
            expect(&r, word | K(A_PATH) | str | num, "a word, a path, a string or a number");
        break;
    case S_CATALOG:
        r.shape = "CODE [\"name\"] TAG…, e.g. 207 \"文化旅游体育与传媒支出\" M S";
        expect(&r, num | K(A_PCODE) | word | str, "the entry's code");
        optional(&r, str);
        while (!r.failed && r.at)
            expect(&r, word | num, "a tag word");
        break;
    default:
        error(c, s->loc, "E-PLACE",
              "a data line cannot stand in %s%s%s; lines of data go inside a block such as "
              "'spending', 'indicators' or 'table'",
              parent == CTX_FILE ? "" : _("a '"), parent_name(parent), parent == CTX_FILE ? "" : _("' block"));
        return;
    }
    expect_end(&r);
}

/* ---- narrative quotes ----------------------------------------------------- */

/* The text of a quote as its expression is read: the string's escaped
 * quotes \" (a project's name, 项目[\"报刊宣传费\"].预算) become the quotes of
 * a string of the expression, the backslash a space before the opening one
 * and after the closing one, so that every character keeps its column. */
static const char *quote_text(Ctx *c, const char *s, size_t n)
{
    if (!memchr(s, '\\', n))
        return s;
    char *t = arena_strndup(c->arena, s, n);
    bool in = false;
    for (size_t k = 0; k + 1 < n; k++)
        if (t[k] == '\\' && t[k + 1] == '"') {
            if (in)
                t[k] = '"', t[k + 1] = ' ';
            else
                t[k] = ' ';
            in = !in;
            k++;
        }
    return t;
}

/* Splits a narrative string into text and {expression} parts. */
static void parse_quotes(Ctx *c, Atom *a)
{
    const char *raw = a->raw;
    size_t n = strlen(raw);
    int line = a->loc.line, col = a->loc.col + 1; /* after the opening quote */
    char *buf = arena_alloc(c->arena, n + 1);
    size_t blen = 0;
    TextPart *head = NULL, **tail = &head;
    Loc text_start = {c->file, line, col, line, col};

#define FLUSH_TEXT()                                                                         \
    do {                                                                                     \
        if (blen) {                                                                          \
            TextPart *t = arena_alloc(c->arena, sizeof *t);                                  \
            t->text = arena_strndup(c->arena, buf, blen);                                    \
            t->loc = text_start;                                                             \
            t->loc.end_col = col;                                                            \
            *tail = t;                                                                       \
            tail = &t->next;                                                                 \
            blen = 0;                                                                        \
        }                                                                                    \
    } while (0)

    for (size_t i = 0; i < n;) {
        char ch = raw[i];
        if (ch == '\\' && i + 1 < n) {
            char d = raw[i + 1];
            buf[blen++] = d == 'n' ? '\n' : d == 't' ? '\t' : d;
            i += 2;
            col += 2;
        } else if ((ch == '{' || ch == '}') && i + 1 < n && raw[i + 1] == ch) {
            buf[blen++] = ch;
            i += 2;
            col += 2;
        } else if (ch == '}') {
            Loc at = {c->file, line, col, line, col + 1};
            error(c, at, "E-QUOTE", "a '}' without its '{'; write '}}' for a literal brace");
            i++;
            col++;
        } else if (ch == '{') {
            size_t j = i + 1;
            while (j < n && raw[j] != '}' && raw[j] != '{')
                j++;
            int chars = src_count_chars(raw + i + 1, j - i - 1);
            Loc at = {c->file, line, col, line, col + 1 + chars + (j < n && raw[j] == '}')};
            if (j >= n || raw[j] != '}') {
                error(c, at, "E-QUOTE",
                      "a quote '{' is not closed by '}'; write '{{' for a literal brace");
                i = j;
                col += 1 + chars;
                continue;
            }
            FLUSH_TEXT();
            bool blank = true;
            for (size_t k = i + 1; k < j; k++)
                blank &= raw[k] == ' ';
            Expr *e = NULL;
            if (blank) {
                error(c, at, "E-QUOTE", "an empty quote '{}'; write the value to quote, "
                                        "e.g. {支出.合计}");
            } else {
                int nerr = 0;
                e = parse_expr(c->file, quote_text(c, raw + i + 1, j - i - 1), j - i - 1, line,
                               col + 1, c->arena, c->diag, &nerr);
                c->nerrors += nerr;
            }
            TextPart *t = arena_alloc(c->arena, sizeof *t);
            t->expr = e;
            t->loc = at;
            *tail = t;
            tail = &t->next;
            col += 2 + chars;
            i = j + 1;
            text_start = (Loc){c->file, line, col, line, col};
        } else {
            buf[blen++] = ch;
            if (((unsigned char)ch & 0xC0) != 0x80)
                col++;
            i++;
        }
    }
    FLUSH_TEXT();
#undef FLUSH_TEXT
    a->parts = head;
}

/* ---- statements ----------------------------------------------------------- */

static void check_list(Ctx *c, int parent, Stmt *list);

static void check_stmt(Ctx *c, int parent, Stmt *s)
{
    if (s->kind == S_ERROR) /* already reported; its block's lines have no context */
        return;
    if (s->kind == S_ROW) {
        check_row(c, parent, s);
        if ((parent == S_NARRATIVE || parent == S_SECTION) && s->args &&
            s->args->kind == A_STRING)
            parse_quotes(c, s->args);
        return;
    }
    if (parent == S_DISCLOSURE && s->kind == S_TABLE)
        s->kind = S_TABLEDEF; /* a table's definition, not a table as printed */
    if (!may_hold(parent, s->kind)) {
        char where[256];
        where_allowed(s->kind, where, sizeof where);
        error(c, s->kw_loc, "E-PLACE", "'%s' cannot appear in %s%s%s; it belongs in %s",
              ast_stmt_name(s->kind), parent == CTX_FILE ? "" : _("a '"), parent_name(parent),
              parent == CTX_FILE ? "" : _("' block"), where);
        return; /* its block, if any, would only add noise */
    }
    switch (s->kind) {
    case S_MONEY: {
        const char *m = s->args->text;
        const Atom *from = s->args->next;
        if (strcmp(m, "万元") != 0 && strcmp(m, "元") != 0)
            error(c, s->args->loc, "E-MONEY", "unknown money unit '%s'; write 万元 or 元", m);
        else if (from && (strcmp(from->text, "from") != 0 || strcmp(from->next->text, "元") != 0 ||
                          strcmp(m, "万元") != 0))
            error(c, from->loc, "E-MONEY",
                  "write 'money 万元 from 元' when the amounts are printed in 万元 rounded from "
                  "books kept in 元, or 'money %s' alone",
                  m);
        break;
    }
    case S_YEAR: {
        Dec y = s->args->num;
        if (y.scale != 0 || y.units < 1900 || y.units > 2999)
            error(c, s->args->loc, "E-YEAR", "'%s' is not a budget year; write it as 2023",
                  s->args->text);
        break;
    }
    case S_HEADING:
        parse_quotes(c, s->args);
        break;
    case S_PRIOR:
        if (parent == S_UNIT && !s->has_block)
            error(c, s->kw_loc, "E-PLACE",
                  "last year's budget is named at the top level of a file (prior \"FILE\"); "
                  "a unit's 'prior' block lists its own figures: prior { 支出.合计 560.00 }");
        break;
    case S_TABLE:
        if (s->args->next && s->args->next->text)
            error(c, s->args->next->loc, "E-PLACE",
                  "a printed table is named by its word alone (table %s {); a title belongs "
                  "to a table's definition, inside a 'disclosure' block",
                  s->args->text);
        break;
    default:
        break;
    }
    if (s->has_block)
        check_list(c, s->kind, s->body);
}

static void check_list(Ctx *c, int parent, Stmt *list)
{
    for (Stmt *s = list; s; s = s->next) {
        check_stmt(c, parent, s);
        if (!is_singleton(s->kind))
            continue;
        for (Stmt *t = s->next; t; t = t->next)
            if (t->kind == s->kind) {
                error(c, t->kw_loc, "E-DUPLICATE", "'%s' is given twice in this block",
                      ast_stmt_name(t->kind));
                diag_note(c->diag, s->loc, "first given here");
                break;
            }
    }
}

/* A department must say its year and its money unit. */
static void check_department(Ctx *c, Stmt *list)
{
    for (Stmt *s = list; s; s = s->next) {
        if (s->kind != S_DEPARTMENT)
            continue;
        bool year = false, money = false;
        for (Stmt *t = s->body; t; t = t->next) {
            year |= t->kind == S_YEAR;
            money |= t->kind == S_MONEY;
        }
        if (!year)
            error(c, s->kw_loc, "E-MISSING", "the department does not say its budget year; add "
                                             "'year 2023' to its block");
        if (!money)
            error(c, s->kw_loc, "E-MISSING", "the department does not say its money unit; add "
                                             "'money 万元' (or 元) to its block");
    }
}

int structure_check(Stmt *stmts, const SrcFile *f, Arena *a, DiagCtx *d, int parse_errors)
{
    Ctx c = {a, d, f, 0};
    check_list(&c, CTX_FILE, stmts);
    if (!parse_errors)
        check_department(&c, stmts);
    return c.nerrors;
}
