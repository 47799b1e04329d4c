/*
 * ast.h — the syntax tree of a .bud file.
 *
 * The tree has three kinds of node, each knowing its source range:
 *
 *   Stmt  a line of the file: a keyword statement ("unit 本级 … {") with its
 *         typed arguments and, for blocks, its body; or a data row inside a
 *         block ("2070699 基本 582.20"), whose meaning comes from the block.
 *   Atom  one argument or cell: a number, word, path, string, procurement
 *         code, '-', operator, '%' or '/', or a named field of `purchase`.
 *   Expr  an expression: in `rule` and in the {…} quotes of narrative text.
 *
 * Rows are kept as flat atom lists because the grammar of a row depends on
 * its block; the structure pass (structure.c) reads them by their block.
 * Every node lives in the compilation's arena.
 */
#ifndef BUDC_AST_H
#define BUDC_AST_H

#include <stdbool.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/decimal.h"
#include "base/source.h"

typedef enum AtomKind {
    A_NUMBER,  /* 1206.65, 2070699: text and exact value */
    A_WORD,    /* 基本, 比上年提升: a single identifier */
    A_PATH,    /* 支出.合计, 基本支出[30201]: several segments */
    A_STRING,  /* "…": decoded text; raw source kept for quotes */
    A_PCODE,   /* C06010000 */
    A_DASH,    /* '-' in a row: a blank cell, or "same as the name" */
    A_OP,      /* >= <= = != > < in a row (indicator values) */
    A_PERCENT, /* '%' */
    A_SLASH,   /* '/' (兆/秒) */
    A_FIELD    /* `quantity 1` in a purchase line: key + value */
} AtomKind;

typedef enum OpKind { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE } OpKind;

typedef struct Expr Expr;
typedef struct Atom Atom;

/* One segment of a path: a name (`合计`) or an index (`[30201]`). */
typedef struct PathSeg {
    const char *name;  /* NULL for an index */
    Atom *index;       /* A_NUMBER, A_PCODE or A_STRING; NULL for a name */
    Loc loc;
    struct PathSeg *next;
} PathSeg;

/* A piece of narrative text: literal text, or a quoted expression. */
typedef struct TextPart {
    const char *text;  /* literal text (decoded), or NULL */
    Expr *expr;        /* the quote {expr}, or NULL */
    Loc loc;
    struct TextPart *next;
} TextPart;

/* 72 bytes: a budget is mostly atoms (a million glossary entries are two
 * million of them), so fields of one kind share.  The fields of the
 * second union belong to one kind each: read `num` only of an A_NUMBER
 * (or an A_PCODE that prose_figs.c gave one), `parts` and `raw` of an
 * A_STRING, `value` of an A_FIELD, `path_tail` of an A_PATH.  The
 * structure pass checks the kind of every atom that the model reads a
 * number of. */
struct Atom {
    AtomKind kind;
    union {
        OpKind op;     /* A_OP */
        int path_len;  /* A_PATH: its segments */
    };
    Loc loc;
    const char *text;  /* the token as written (numbers in ASCII digits),
                          the decoded string, the field key */
    PathSeg *path;     /* A_PATH and A_WORD (one segment) */
    union {
        Dec num;              /* A_NUMBER */
        struct {
            const char *raw;  /* A_STRING: the source bytes between the quotes
                                 (a file with a NUL byte is not parsed, so
                                 this is all of them) */
            TextPart *parts;  /* A_STRING in narrative text, after the
                                 structure pass */
        };
        Atom *value;          /* A_FIELD: its value */
        PathSeg *path_tail;   /* A_PATH: its last segment, for appending */
    };
    Atom *next;
};

/* The quotes of a string atom A (NULL for any other atom). */
static inline TextPart *atom_parts(const Atom *a)
{
    return a && a->kind == A_STRING ? a->parts : NULL;
}

typedef enum StmtKind {
    S_ROW,        /* a data row: atoms only */
    S_ERROR,      /* a line the parser could not read (kept for its block) */
    S_IMPORT, S_DEPARTMENT, S_YEAR, S_MONEY, S_KIND, S_BUDGET,
    S_UNIT, S_NATURE, S_RANK, S_FUNDING,
    S_INCOME, S_SPENDING, S_ECONOMIC, S_SANGONG, S_CARRYOVER,
    S_PROJECT, S_CODE, S_AMOUNT, S_GOAL, S_INDICATORS, S_PURCHASE, S_RESULT,
    S_TRACKED, S_PROBLEMS,
    S_PERFORMANCE, S_TARGET,
    S_PRIOR, S_TABLE, S_NOTE, S_ASSETS, S_PLANNED, S_PROCUREMENT,
    S_NARRATIVE, S_SECTION, S_HEADING, S_INSERT, S_GLOSSARY,
    S_RULE, S_CATALOG,
    S_VOCABULARY, S_DISCLOSURE,
    S_TABLEDEF,   /* a `table` inside a `disclosure`: a table's definition */
    S__COUNT
} StmtKind;

/* A row (S_ROW, most statements of a budget) is allocated without the
 * fields after `has_block`, which only keyword statements have: read
 * `kw_loc`, `open_loc` and `expr` only of a statement that is not a row
 * (stmt_kw_loc, stmt_expr).  64 bytes a row instead of 128. */
typedef struct Stmt {
    StmtKind kind;
    int nargs;
    Loc loc;            /* the whole head line (and block) */
    Atom *args;         /* arguments (keyword statements) or cells (rows) */
    struct Stmt *body;  /* first statement of the block */
    struct Stmt *next;
    bool has_block;
    /* keyword statements only: */
    Loc kw_loc;         /* the keyword */
    Loc open_loc;       /* the '{' */
    Expr *expr;         /* S_RULE: the condition */
} Stmt;

/* The keyword of S (its whole line for a row); the condition of a rule
 * (NULL for any other statement). */
static inline Loc stmt_kw_loc(const Stmt *s) { return s->kind == S_ROW ? s->loc : s->kw_loc; }
static inline Expr *stmt_expr(const Stmt *s) { return s->kind == S_ROW ? NULL : s->expr; }

typedef enum ExprKind {
    E_NUMBER, /* num */
    E_PATH,   /* path */
    E_NEG,    /* -lhs */
    E_BINARY  /* lhs op rhs: '+', '-', '*', '/', or a comparison */
} ExprKind;

struct Expr {
    ExprKind kind;
    Loc loc;
    Atom *atom;          /* E_NUMBER, E_PATH: the number or path */
    int binop;           /* '+', '-', '*', '/' or 'c' for a comparison */
    OpKind cmp;          /* when binop == 'c' */
    Expr *lhs, *rhs;
    int depth;           /* 1 for a leaf; the parser keeps it bounded */
};

/* Constructors: everything is allocated in A. */
Atom *ast_atom(Arena *a, AtomKind k, Loc loc, const char *text);
Atom *ast_field(Arena *a, Loc loc, const char *key, Atom *value);
Stmt *ast_stmt(Arena *a, StmtKind k, Loc loc);
Expr *ast_expr(Arena *a, ExprKind k, Loc loc);

/* Appends X to the list whose last element is *TAIL (NULL for an empty
 * list; *HEAD receives X then).  Lists are singly linked through `next`. */
typedef struct AtomList { Atom *head, *tail; int n; } AtomList;
typedef struct StmtList { Stmt *head, *tail; } StmtList;
void atoms_add(AtomList *l, Atom *x);
void stmts_add(StmtList *l, Stmt *x);

/* The i-th argument (0-based) of S, or NULL. */
Atom *ast_arg(const Stmt *s, int i);

/* "import", "unit", … for keyword statements; "row" for rows. */
const char *ast_stmt_name(StmtKind k);
const char *ast_op_text(OpKind op);

/* Writes a readable dump of the tree (used by `budc parse` and tests). */
void ast_dump(FILE *out, const Stmt *list, int indent);
void ast_dump_expr(FILE *out, const Expr *e);

#endif
