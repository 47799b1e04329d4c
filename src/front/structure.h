/*
 * structure.h — the structure pass: is every statement in a block where it
 * belongs, does every data row have the shape its block expects, and do
 * the quotes {…} of narrative text parse.  It runs on each file after
 * parsing and reports E-PLACE, E-ROW, E-DUPLICATE and E-MISSING errors.
 */
#ifndef BUDC_STRUCTURE_H
#define BUDC_STRUCTURE_H

#include "base/arena.h"
#include "front/ast.h"
#include "base/diag.h"

/* Checks the statements of one file; returns the number of errors.
 * PARSE_ERRORS is how many syntax errors the file had: a statement the
 * parser skipped is not then also reported as missing. */
int structure_check(Stmt *stmts, const SrcFile *f, Arena *a, DiagCtx *d, int parse_errors);

#endif
