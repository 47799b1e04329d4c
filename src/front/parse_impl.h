/*
 * parse_impl.h — what the grammar's actions call (implemented in parse.c).
 * Only parser.y and parse.c include this.
 */
#ifndef BUDC_PARSE_IMPL_H
#define BUDC_PARSE_IMPL_H

#include <stdbool.h>

#include "front/ast.h"
#include "front/parse.h"

Stmt *parse_stmt(Parser *P, StmtKind k, Loc loc, Loc kw, int nargs, ...);
Stmt *parse_block(Parser *P, Stmt *s, const BlockVal *b);
Stmt *parse_row(Parser *P, AtomList *atoms, Loc loc);
Stmt *parse_purchase(Parser *P, Loc loc, Loc kw, Atom *pcode, Atom *name, AtomList *fields);
Stmt *parse_rule(Parser *P, Loc loc, Loc kw, Atom *name, Atom *sev, Atom *msg, Expr *cond);
Atom *parse_negate(Parser *P, Atom *num, Loc loc);
/* +NUM: NUM itself, its range starting at the sign. */
Atom *parse_plus(Parser *P, Atom *num, Loc loc);
Atom *parse_op_atom(Parser *P, OpKind op, Loc loc);
Atom *parse_path_name(Parser *P, Atom *path, Atom *word);
Atom *parse_path_index(Parser *P, Atom *path, Atom *index, Loc loc);
Expr *parse_expr_atom(Parser *P, ExprKind k, Atom *a);
Expr *parse_expr_unary(Parser *P, Expr *e, Loc loc);
Expr *parse_expr_binary(Parser *P, int op, Expr *l, Expr *r, Loc loc);
Expr *parse_expr_compare(Parser *P, OpKind op, Expr *l, Expr *r, Loc loc);

/* The display name of a grammar symbol, from bison's name for it. */
const char *parse_token_name(const char *bison_name);
void parse_syntax_error(Parser *P, void *scanner, Loc loc, const char *found,
                        bool at_eof, bool at_newline, const char **expected, int nexpected,
                        bool expects_close);

#endif
