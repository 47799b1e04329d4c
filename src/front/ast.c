/*
 * ast.c — constructors, lists and a readable dump of the syntax tree.
 * The grammar's actions call these; nothing here knows what a budget means.
 */
#include "front/ast.h"

#include <stddef.h>
#include <string.h>

Atom *ast_atom(Arena *a, AtomKind k, Loc loc, const char *text)
{
    Atom *x = arena_alloc(a, sizeof *x);
    x->kind = k;
    x->loc = loc;
    x->text = text;
    return x;
}

Atom *ast_field(Arena *a, Loc loc, const char *key, Atom *value)
{
    Atom *x = ast_atom(a, A_FIELD, loc, key);
    x->value = value;
    return x;
}

Stmt *ast_stmt(Arena *a, StmtKind k, Loc loc)
{
    /* a row without the fields of keyword statements (ast.h) */
    Stmt *s = arena_alloc(a, k == S_ROW ? offsetof(Stmt, kw_loc) : sizeof *s);
    s->kind = k;
    s->loc = loc;
    if (k != S_ROW)
        s->kw_loc = loc;
    return s;
}

Expr *ast_expr(Arena *a, ExprKind k, Loc loc)
{
    Expr *e = arena_alloc(a, sizeof *e);
    e->kind = k;
    e->loc = loc;
    return e;
}

void atoms_add(AtomList *l, Atom *x)
{
    if (!x)
        return;
    x->next = NULL;
    if (l->tail)
        l->tail->next = x;
    else
        l->head = x;
    l->tail = x;
    l->n++;
}

void stmts_add(StmtList *l, Stmt *x)
{
    if (!x)
        return;
    x->next = NULL;
    if (l->tail)
        l->tail->next = x;
    else
        l->head = x;
    l->tail = x;
}

Atom *ast_arg(const Stmt *s, int i)
{
    Atom *a = s->args;
    while (a && i-- > 0)
        a = a->next;
    return a;
}

static const char *const stmt_names[S__COUNT] = {
    [S_ROW] = "row",           [S_ERROR] = "error",
    [S_IMPORT] = "import",     [S_DEPARTMENT] = "department",
    [S_YEAR] = "year",         [S_MONEY] = "money",
    [S_KIND] = "kind",         [S_BUDGET] = "budget",
    [S_UNIT] = "unit",         [S_NATURE] = "nature",
    [S_RANK] = "rank",         [S_FUNDING] = "funding",
    [S_INCOME] = "income",     [S_CARRYOVER] = "carryover", [S_SPENDING] = "spending",
    [S_ECONOMIC] = "economic", [S_SANGONG] = "sangong",
    [S_PROJECT] = "project",   [S_CODE] = "code",
    [S_AMOUNT] = "amount",     [S_GOAL] = "goal",
    [S_INDICATORS] = "indicators", [S_PURCHASE] = "purchase",
    [S_RESULT] = "result",     [S_TRACKED] = "tracked",   [S_PROBLEMS] = "problems",
    [S_PERFORMANCE] = "performance", [S_TARGET] = "target",
    [S_PRIOR] = "prior",       [S_TABLE] = "table",
    [S_NOTE] = "note",         [S_ASSETS] = "assets",
    [S_PLANNED] = "planned",   [S_PROCUREMENT] = "procurement", [S_NARRATIVE] = "narrative",
    [S_SECTION] = "section",   [S_HEADING] = "heading",
    [S_INSERT] = "insert",     [S_GLOSSARY] = "glossary",
    [S_RULE] = "rule",         [S_CATALOG] = "catalog",
    [S_VOCABULARY] = "vocabulary", [S_DISCLOSURE] = "disclosure", [S_TABLEDEF] = "table",
};

const char *ast_stmt_name(StmtKind k)
{
    return (k >= 0 && k < S__COUNT && stmt_names[k]) ? stmt_names[k] : "?";
}

const char *ast_op_text(OpKind op)
{
    switch (op) {
    case OP_EQ: return "=";
    case OP_NE: return "!=";
    case OP_LT: return "<";
    case OP_LE: return "<=";
    case OP_GT: return ">";
    case OP_GE: return ">=";
    }
    return "?";
}

static void dump_path(FILE *out, const PathSeg *p)
{
    for (int first = 1; p; p = p->next, first = 0) {
        if (p->name)
            fprintf(out, "%s%s", first ? "" : ".", p->name);
        else
            fprintf(out, "[%s]", p->index->text);
    }
}

static void dump_atom(FILE *out, const Atom *a)
{
    switch (a->kind) {
    case A_NUMBER: fprintf(out, "num:%s", a->text); break;
    case A_WORD: fprintf(out, "word:%s", a->text); break;
    case A_PATH: fputs("path:", out); dump_path(out, a->path); break;
    case A_STRING:
        fputs("str:\"", out);
        for (const TextPart *t = atom_parts(a); t; t = t->next) {
            if (t->text)
                fputs(t->text, out);
            else {
                fputc('{', out);
                ast_dump_expr(out, t->expr);
                fputc('}', out);
            }
        }
        if (!atom_parts(a))
            fputs(a->text, out);
        fputc('"', out);
        break;
    case A_PCODE: fprintf(out, "pcode:%s", a->text); break;
    case A_DASH: fputs("-", out); break;
    case A_OP: fprintf(out, "op:%s", ast_op_text(a->op)); break;
    case A_PERCENT: fputs("%", out); break;
    case A_SLASH: fputs("/", out); break;
    case A_FIELD:
        fprintf(out, "%s=", a->text);
        dump_atom(out, a->value);
        break;
    }
}

void ast_dump_expr(FILE *out, const Expr *e)
{
    if (!e) {
        fputs("<none>", out);
        return;
    }
    switch (e->kind) {
    case E_NUMBER: fputs(e->atom->text, out); break;
    case E_PATH: dump_path(out, e->atom->path); break;
    case E_NEG:
        fputs("(-", out);
        ast_dump_expr(out, e->lhs);
        fputc(')', out);
        break;
    case E_BINARY:
        fputc('(', out);
        ast_dump_expr(out, e->lhs);
        if (e->binop == 'c')
            fprintf(out, " %s ", ast_op_text(e->cmp));
        else
            fprintf(out, " %c ", e->binop);
        ast_dump_expr(out, e->rhs);
        fputc(')', out);
        break;
    }
}

void ast_dump(FILE *out, const Stmt *s, int indent)
{
    for (; s; s = s->next) {
        fprintf(out, "%*s%d:%d %s", indent * 2, "", s->loc.line, s->loc.col,
                ast_stmt_name(s->kind));
        for (const Atom *a = s->args; a; a = a->next) {
            fputc(' ', out);
            dump_atom(out, a);
        }
        if (stmt_expr(s)) {
            fputs(" : ", out);
            ast_dump_expr(out, s->expr);
        }
        fputc('\n', out);
        if (s->has_block)
            ast_dump(out, s->body, indent + 1);
    }
}
