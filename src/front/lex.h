/*
 * lex.h — the scanner's state and the C half of its actions.
 *
 * grammar/lexer.l keeps its rules to one line each; what a token means
 * (its value, its location in characters, the synthesised NEWLINEs, the
 * errors for bad characters, numbers and strings) is computed here.
 */
#ifndef BUDC_LEX_H
#define BUDC_LEX_H

#include <stdbool.h>
#include <stddef.h>

#include "front/ast.h"
#include "front/parse.h"
#include "parser.h"

#define LEX_MAX_BRACES 256

typedef struct Lexer {
    Parser *P;
    int line, col;      /* position of the next character */
    int last;           /* the last token returned (0 at the start) */
    int pending;        /* a token to return before scanning on */
    Loc pending_loc;
    int start_tok;      /* START_FILE or START_EXPR, returned first */
    bool expr_mode;     /* scanning a {…} quote: no NEWLINE at the end */
    Loc braces[LEX_MAX_BRACES]; /* where the open blocks were opened */
    int depth;          /* open blocks (may exceed LEX_MAX_BRACES) */
    const char *in;     /* the text scanned, IN_LEN bytes; IN_POS of them read */
    size_t in_len, in_pos;
} Lexer;

/* Copies at most MAX bytes of the text not yet read into BUF (the
 * scanner's YY_INPUT); 0 at its end. */
size_t lex_input(Lexer *L, char *buf, size_t max);

void lex_step(Lexer *L, Loc *loc, const char *text, size_t len);
int lex_tok(Lexer *L, Loc *loc, int tok);
int lex_pending(Lexer *L, Loc *loc);
int lex_newline(Lexer *L, Loc *loc);
int lex_open(Lexer *L, Loc *loc);
int lex_close(Lexer *L, Loc *loc);
int lex_eof(Lexer *L, Loc *loc);
int lex_number(Lexer *L, BUD_STYPE *val, Loc *loc, const char *text, size_t len);
int lex_pcode(Lexer *L, BUD_STYPE *val, Loc *loc, const char *text, size_t len);
int lex_word(Lexer *L, BUD_STYPE *val, Loc *loc, const char *text, size_t len);
int lex_string(Lexer *L, BUD_STYPE *val, Loc *loc, const char *text, size_t len,
               int terminated);
void lex_bad_char(Lexer *L, Loc *loc, const char *text, size_t len);

/* The keyword token for the word S[0..N), or 0. */
int lex_keyword(const char *s, size_t n);

/* Where the innermost open block was opened, or NULL. */
const Loc *lex_open_block(const Lexer *L);

#endif
