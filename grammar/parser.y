/*
 * parser.y — the .bud grammar (bison, pure, with locations).
 *
 * A file is a list of lines.  A line is a keyword statement (typed
 * arguments, maybe a block), a data row (a flat list of atoms whose meaning
 * depends on the enclosing block, checked by structure.c), or nothing.
 * Every keyword statement is accepted in every block; where it belongs is
 * checked by structure.c too, which gives better messages than a parse
 * error and lets the parser recover one line at a time: a line with a
 * syntax error is reported and skipped up to its end (or over its block),
 * and parsing goes on, so every syntax error of a file is reported in one
 * run.
 *
 * Actions are one line each and call constructors in ast.c / parse.c.
 * The same grammar parses the {…} quotes of narrative text: the scanner
 * returns START_EXPR first, and the parser then reads one expression.
 */
%require "3.8"
%define api.pure full
%define api.prefix {bud_}
%define api.location.type {Loc}
%define parse.error custom
%locations
%param {yyscan_t scanner}
%parse-param {Parser *P}
%expect 0

%code requires {
#include "front/ast.h"
#include "front/parse.h"
typedef void *yyscan_t;
typedef struct BlockVal { Stmt *head; Loc open; } BlockVal;
/* The location of a rule: from its first symbol to its last, or the point
 * after the symbol before it when it is empty.  Inline: the parser runs it
 * at every reduction. */
#define YYLLOC_DEFAULT(Cur, Rhs, N) parse_lloc_default(&(Cur), (Rhs), (N))
static inline void parse_lloc_default(Loc *cur, const Loc *rhs, int n)
{
    if (n > 0) {
        cur->file = rhs[1].file;
        cur->line = rhs[1].line;
        cur->col = rhs[1].col;
        cur->end_line = rhs[n].end_line;
        cur->end_col = rhs[n].end_col;
    } else {
        cur->file = rhs[0].file;
        cur->line = cur->end_line = rhs[0].end_line;
        cur->col = cur->end_col = rhs[0].end_col;
    }
}
}

%code provides {
int bud_lex(BUD_STYPE *yylval, Loc *yylloc, yyscan_t scanner);
void bud_error(Loc *loc, yyscan_t scanner, Parser *P, const char *msg);
}

%code {
#include <string.h>
#include "front/parse_impl.h"
#define A (P->arena)
}

%union {
    Atom *atom;
    Stmt *stmt;
    Expr *expr;
    AtomList atoms;
    StmtList stmts;
    BlockVal block;
    OpKind op;
}

%token START_FILE START_EXPR
%token NEWLINE "end of line"
%token <atom> NUMBER "number" WORD "word" STRING "string" PCODE "procurement code"
%token <op> GE ">=" LE "<=" NE "!="
%token <op> '=' '<' '>'
%token <atom> IMPORT "import" DEPARTMENT "department" UNIT "unit" YEAR "year" KIND "kind" BUDGET "budget" RESULT "result"
       MONEY "money" NATURE "nature" RANK "rank" FUNDING "funding"
       INCOME "income" CARRYOVER "carryover" SPENDING "spending" ECONOMIC "economic"
       SANGONG "sangong" PROJECT "project" CODE "code" AMOUNT "amount"
       GOAL "goal" INDICATORS "indicators" PURCHASE "purchase"
       MEASURE "measure" QUANTITY "quantity" PRICE "price" SME "sme" METHOD "method"
       SOURCE "source" PERFORMANCE "performance" TARGET "target"
       NARRATIVE "narrative" SECTION "section" HEADING "heading"
       INSERT "insert" GLOSSARY "glossary" PRIOR "prior" TABLE "table"
       NOTE "note" ASSETS "assets" PLANNED "planned" RULE "rule" PROCUREMENT "procurement"
       TRACKED "tracked" PROBLEMS "problems"
       CATALOG "catalog" VOCABULARY "vocabulary" DISCLOSURE "disclosure"

%type <stmts> items
%type <stmt> item stmt
%type <block> block
%type <atoms> row fields
%type <atom> ratom ratom1 path label unit_id number field opt_string opt_number
%type <atom> catalog_kind measure_value index keyword
%type <expr> expr
%type <op> cmp

%nonassoc '=' '<' '>' GE LE NE
%left '+' '-'
%left '*' '/'
%precedence UMINUS

%%

start:
    START_FILE items                 { P->result = $2.head; }
  | START_EXPR expr                  { P->expr_result = $2; }
  ;

items:
    %empty                           { $$ = (StmtList){0}; }
  | items item                       { $$ = $1; stmts_add(&$$, $2); }
  ;

item:
    NEWLINE                          { $$ = NULL; }
  | stmt NEWLINE                     { $$ = $1; }
  | row NEWLINE                      { $$ = parse_row(P, &$1, @1); }
  | error NEWLINE                    { $$ = NULL; yyerrok; }
  | error block NEWLINE              { $$ = parse_block(P, ast_stmt(A, S_ERROR, @$), &$2); yyerrok; }
  ;

block:
    '{' items '}'                    { $$ = (BlockVal){ $2.head, @1 }; }
  ;

stmt:
    IMPORT STRING                    { $$ = parse_stmt(P, S_IMPORT, @$, @1, 1, $2); }
  | DEPARTMENT NUMBER STRING block   { $$ = parse_block(P, parse_stmt(P, S_DEPARTMENT, @$, @1, 2, $2, $3), &$4); }
  | YEAR NUMBER                      { $$ = parse_stmt(P, S_YEAR, @$, @1, 1, $2); }
  | KIND WORD                        { $$ = parse_stmt(P, S_KIND, @$, @1, 1, $2); }
  | BUDGET STRING                    { $$ = parse_stmt(P, S_BUDGET, @$, @1, 1, $2); }
  | MONEY WORD                       { $$ = parse_stmt(P, S_MONEY, @$, @1, 1, $2); }
  | MONEY WORD WORD WORD             { $$ = parse_stmt(P, S_MONEY, @$, @1, 3, $2, $3, $4); }
  | UNIT unit_id STRING block        { $$ = parse_block(P, parse_stmt(P, S_UNIT, @$, @1, 2, $2, $3), &$4); }
  | NATURE label                     { $$ = parse_stmt(P, S_NATURE, @$, @1, 1, $2); }
  | RANK label                       { $$ = parse_stmt(P, S_RANK, @$, @1, 1, $2); }
  | FUNDING label                    { $$ = parse_stmt(P, S_FUNDING, @$, @1, 1, $2); }
  | INCOME block                     { $$ = parse_block(P, parse_stmt(P, S_INCOME, @$, @1, 0), &$2); }
  | CARRYOVER block                  { $$ = parse_block(P, parse_stmt(P, S_CARRYOVER, @$, @1, 0), &$2); }
  | SPENDING WORD block              { $$ = parse_block(P, parse_stmt(P, S_SPENDING, @$, @1, 1, $2), &$3); }
  | ECONOMIC WORD block              { $$ = parse_block(P, parse_stmt(P, S_ECONOMIC, @$, @1, 1, $2), &$3); }
  | SANGONG WORD block               { $$ = parse_block(P, parse_stmt(P, S_SANGONG, @$, @1, 1, $2), &$3); }
  | PROJECT STRING block             { $$ = parse_block(P, parse_stmt(P, S_PROJECT, @$, @1, 1, $2), &$3); }
  | CODE NUMBER                      { $$ = parse_stmt(P, S_CODE, @$, @1, 1, $2); }
  | AMOUNT number                    { $$ = parse_stmt(P, S_AMOUNT, @$, @1, 1, $2); }
  | GOAL STRING                      { $$ = parse_stmt(P, S_GOAL, @$, @1, 1, $2); }
  | INDICATORS block                 { $$ = parse_block(P, parse_stmt(P, S_INDICATORS, @$, @1, 0), &$2); }
  | PURCHASE PCODE STRING fields     { $$ = parse_purchase(P, @$, @1, $2, $3, &$4); }
  | RESULT number WORD block         { $$ = parse_block(P, parse_stmt(P, S_RESULT, @$, @1, 2, $2, $3), &$4); }
  | RESULT number WORD               { $$ = parse_stmt(P, S_RESULT, @$, @1, 2, $2, $3); }
  | TRACKED                          { $$ = parse_stmt(P, S_TRACKED, @$, @1, 0); }
  | PROBLEMS number number           { $$ = parse_stmt(P, S_PROBLEMS, @$, @1, 2, $2, $3); }
  | PERFORMANCE block                { $$ = parse_block(P, parse_stmt(P, S_PERFORMANCE, @$, @1, 0), &$2); }
  | TARGET STRING block              { $$ = parse_block(P, parse_stmt(P, S_TARGET, @$, @1, 1, $2), &$3); }
  | PRIOR block                      { $$ = parse_block(P, parse_stmt(P, S_PRIOR, @$, @1, 0), &$2); }
  | PRIOR STRING                     { $$ = parse_stmt(P, S_PRIOR, @$, @1, 1, $2); }
  | TABLE WORD block                 { $$ = parse_block(P, parse_stmt(P, S_TABLE, @$, @1, 1, $2), &$3); }
  | TABLE WORD STRING block          { $$ = parse_block(P, parse_stmt(P, S_TABLE, @$, @1, 2, $2, $3), &$4); }
  | NOTE STRING                      { $$ = parse_stmt(P, S_NOTE, @$, @1, 1, $2); }
  | ASSETS STRING block              { $$ = parse_block(P, parse_stmt(P, S_ASSETS, @$, @1, 1, $2), &$3); }
  | PROCUREMENT block                { $$ = parse_block(P, parse_stmt(P, S_PROCUREMENT, @$, @1, 0), &$2); }
  | PLANNED number                   { $$ = parse_stmt(P, S_PLANNED, @$, @1, 1, $2); }
  | NARRATIVE block                  { $$ = parse_block(P, parse_stmt(P, S_NARRATIVE, @$, @1, 0), &$2); }
  | SECTION WORD opt_string block    { $$ = parse_block(P, parse_stmt(P, S_SECTION, @$, @1, 2, $2, $3), &$4); }
  | HEADING STRING                   { $$ = parse_stmt(P, S_HEADING, @$, @1, 1, $2); }
  | INSERT WORD                      { $$ = parse_stmt(P, S_INSERT, @$, @1, 1, $2); }
  | GLOSSARY block                   { $$ = parse_block(P, parse_stmt(P, S_GLOSSARY, @$, @1, 0), &$2); }
  | RULE WORD WORD STRING ':' expr   { $$ = parse_rule(P, @$, @1, $2, $3, $4, $6); }
  | CATALOG catalog_kind opt_number opt_string block
                                     { $$ = parse_block(P, parse_stmt(P, S_CATALOG, @$, @1, 3, $2, $3, $4), &$5); }
  | VOCABULARY catalog_kind opt_string block { $$ = parse_block(P, parse_stmt(P, S_VOCABULARY, @$, @1, 2, $2, $3), &$4); }
  | DISCLOSURE WORD opt_string block { $$ = parse_block(P, parse_stmt(P, S_DISCLOSURE, @$, @1, 2, $2, $3), &$4); }
  | DISCLOSURE WORD opt_string WORD block
                                     { $$ = parse_block(P, parse_stmt(P, S_DISCLOSURE, @$, @1, 3, $2, $3, $4), &$5); }
  ;

unit_id:      WORD | NUMBER ;
label:        WORD | STRING ;
catalog_kind: WORD | keyword ;
opt_string:   %empty { $$ = NULL; } | STRING ;
opt_number:   %empty { $$ = NULL; } | NUMBER ;
/* A sign written before a number (docs/language.md §1: number = [ "-" |
 * "+" ] digit …): '+' changes nothing but where the number starts. */
number:       NUMBER | '-' NUMBER    { $$ = parse_negate(P, $2, @$); }
  | '+' NUMBER                       { $$ = parse_plus(P, $2, @$); } ;

fields:
    %empty                           { $$ = (AtomList){0}; }
  | fields field                     { $$ = $1; atoms_add(&$$, $2); }
  ;

field:
    MEASURE measure_value            { $$ = ast_field(A, @$, "measure", $2); }
  | QUANTITY number                  { $$ = ast_field(A, @$, "quantity", $2); }
  | PRICE number                     { $$ = ast_field(A, @$, "price", $2); }
  | AMOUNT number                    { $$ = ast_field(A, @$, "amount", $2); }
  | SME number                       { $$ = ast_field(A, @$, "sme", $2); }
  | SOURCE WORD                      { $$ = ast_field(A, @$, "source", $2); }
  | METHOD measure_value             { $$ = ast_field(A, @$, "method", $2); }
  ;

measure_value: WORD | STRING | NUMBER ;

row:
    ratom1                           { $$ = (AtomList){0}; atoms_add(&$$, $1); }
  | row ratom                        { $$ = $1; atoms_add(&$$, $2); }
  ;

ratom1:
    NUMBER | STRING | PCODE | path
  | '-'                              { $$ = ast_atom(A, A_DASH, @1, "-"); }
  | '+' NUMBER                       { $$ = parse_plus(P, $2, @$); }
  | cmp                              { $$ = parse_op_atom(P, $1, @1); }
  ;

ratom:
    ratom1
  | keyword
  | '%'                              { $$ = ast_atom(A, A_PERCENT, @1, "%"); }
  | '/'                              { $$ = ast_atom(A, A_SLASH, @1, "/"); }
  ;

/* After the first word of a row, a keyword is an ordinary word. */
keyword:
    IMPORT | DEPARTMENT | UNIT | YEAR | KIND | BUDGET | MONEY | NATURE | RANK | FUNDING
  | INCOME | CARRYOVER | SPENDING | ECONOMIC | SANGONG | PROJECT | CODE | AMOUNT | GOAL
  | INDICATORS | PURCHASE | RESULT | MEASURE | QUANTITY | PRICE | SME | SOURCE | METHOD
  | PERFORMANCE | TARGET | NARRATIVE | SECTION | HEADING | INSERT | GLOSSARY
  | PRIOR | TABLE | NOTE | ASSETS | PLANNED | RULE | CATALOG | VOCABULARY | DISCLOSURE
  | PROCUREMENT | TRACKED | PROBLEMS
  ;


cmp: GE | LE | NE | '=' | '<' | '>' ;

path:
    WORD
  | path '.' WORD                    { $$ = parse_path_name(P, $1, $3); }
  | path '[' index ']'               { $$ = parse_path_index(P, $1, $3, @$); }
  ;

index: NUMBER | PCODE | STRING ;

expr:
    NUMBER                           { $$ = parse_expr_atom(P, E_NUMBER, $1); }
  | path                             { $$ = parse_expr_atom(P, E_PATH, $1); }
  | '(' expr ')'                     { $$ = $2; $$->loc = @$; }
  | '-' expr %prec UMINUS            { $$ = parse_expr_unary(P, $2, @$); }
  | '+' expr %prec UMINUS            { $$ = $2; $$->loc = @$; }
  | expr '+' expr                    { $$ = parse_expr_binary(P, '+', $1, $3, @$); }
  | expr '-' expr                    { $$ = parse_expr_binary(P, '-', $1, $3, @$); }
  | expr '*' expr                    { $$ = parse_expr_binary(P, '*', $1, $3, @$); }
  | expr '/' expr                    { $$ = parse_expr_binary(P, '/', $1, $3, @$); }
  | expr cmp expr %prec '='          { $$ = parse_expr_compare(P, $2, $1, $3, @$); }
  ;

%%

/* Reports a syntax error as "expected X or Y, found Z" with the names of
 * parse_token_name; parse.c adds the hints. */
static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner, Parser *P)
{
    enum { MAXEXP = 64 };
    yysymbol_kind_t exp[MAXEXP];
    int n = yypcontext_expected_tokens(ctx, exp, MAXEXP);
    const char *names[MAXEXP];
    int k = 0;
    for (int i = 0; i < n && n > 0; i++)
        if (exp[i] != YYSYMBOL_YYerror)
            names[k++] = parse_token_name(yysymbol_name(exp[i]));
    if (n <= 0)
        k = 0;
    bool expects_close = false;
    for (int i = 0; i < n; i++)
        expects_close |= strcmp(yysymbol_name(exp[i]), "'}'") == 0;
    yysymbol_kind_t tok = yypcontext_token(ctx);
    parse_syntax_error(P, scanner, *yypcontext_location(ctx),
                       parse_token_name(yysymbol_name(tok)), tok == YYSYMBOL_YYEOF,
                       tok == YYSYMBOL_NEWLINE, names, k, expects_close);
    return 0;
}

/* Called by bison only when its stack is exhausted (deep nesting). */
void bud_error(Loc *loc, yyscan_t scanner, Parser *P, const char *msg)
{
    (void)scanner;
    (void)msg; /* bison's "memory exhausted" */
    diag_error(P->diag, *loc, "E-NESTING",
               "blocks or parentheses are nested too deeply here for budc to read on");
    P->nerrors++;
}
