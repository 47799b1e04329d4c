/*
 * parse.h — the front end's entry points: from a file's bytes to its tree.
 *
 * parse_file validates the encoding (UTF-8, no NUL; a BOM is skipped), runs
 * the flex scanner and the bison parser, reports every syntax error of the
 * file through the diagnostics context (recovering at the end of each line)
 * and returns the statements it could read.  parse_expr parses one
 * expression at a known place in a file: the quotes {…} of narrative text.
 */
#ifndef BUDC_PARSE_H
#define BUDC_PARSE_H

#include "base/arena.h"
#include "front/ast.h"
#include "base/diag.h"
#include "base/source.h"

/* State shared by the scanner and the parser of one file or expression. */
typedef struct Parser {
    Arena *arena;
    DiagCtx *diag;
    const SrcFile *file;
    int nerrors;         /* errors this parse reported */
    Stmt *result;        /* parse_file: the statements */
    Expr *expr_result;   /* parse_expr: the expression */
    bool too_deep;       /* an expression too deep was reported */
} Parser;

/* Parses F.  Returns its statements (NULL when it has none or could not be
 * read); *NERRORS receives the number of errors reported. */
Stmt *parse_file(const SrcFile *f, Arena *a, DiagCtx *d, int *nerrors);

/* Parses the expression TEXT[0..N), which starts at LINE:COL of F.  Returns
 * NULL (after reporting) when it is not a valid expression. */
Expr *parse_expr(const SrcFile *f, const char *text, size_t n, int line, int col,
                 Arena *a, DiagCtx *d, int *nerrors);

/* Checks that S[0..N) is valid UTF-8 without NUL bytes; reports each bad
 * sequence (E-UTF8, E-NUL) with its line and column.  Returns the number of
 * errors.  Exposed for tests. */
int parse_check_encoding(const SrcFile *f, DiagCtx *d);

#endif
