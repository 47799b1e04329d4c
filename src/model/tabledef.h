/*
 * tabledef.h — the tables of a disclosure as data, read from `disclosure`
 * statements (stdlib/YEAR/tables.bud; docs/tables.md).
 *
 * A Disclosure is a set of tables (the nine of a 部门预算 …).  A TableDef
 * says what the table is called, its columns and rows, what each adds up
 * (Filters over the facts, facts.h), which of its rows are accepted under
 * other names, the note of an empty table, and its printed layout.  The
 * derivation (tables.c), the check of a printed table (check/stated.c), and
 * every back end read it; none of them knows a table by name.
 */
#ifndef BUDC_TABLEDEF_H
#define BUDC_TABLEDEF_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/diag.h"
#include "front/load.h"
#include "model/facts.h"
#include "model/vocab.h"

/* What a list of figures adds up: the facts any of its filters selects. */
typedef struct Figures {
    const Filter *f;
    int n;
} Figures;

typedef enum RowDefKind {
    RD_ROW,   /* row KEY ["name"] ["printed"] FIGURE…: a row of its own */
    RD_TOTAL, /* total KEY ["name"] FIGURE…: the table's total row */
    RD_ROWS,  /* rows FIGURE: a row for each word of its last word's group */
    RD_CODES  /* codes FIGURE [classes]: a row for each code of the facts, and their 类/款 */
} RowDefKind;

typedef struct RowDef {
    RowDefKind what;
    const char *key;   /* RD_ROW, RD_TOTAL */
    const char *name;  /* as in JSON and CSV (the key when not written) */
    const char *label; /* as printed in the PDF (the name when not written) */
    Figures sums;      /* what the row adds up; RD_CODES: whose codes make rows */
    const Atom *figs;  /* RD_ROW, RD_TOTAL: its figures, in order (a 上年 or 预算
                          column's cell is the sum of each one's value) */
    Dim dim;           /* RD_ROWS: the dimension of the group */
    WordSet words;     /* RD_ROWS: its words */
    bool classes;      /* RD_CODES: 类 rows only, every 类 of the catalogue listed */
    int side;          /* index into TableDef.sides (0 in a one-sided table) */
    bool foot;         /* after `foot`: printed beside the other side's foot */
    const char *across; /* `across ROW "title"`: its title over its columns in a
                           layout `across`, or NULL (not printed there) */
    Loc loc;
} RowDef;

typedef enum ColKind {
    COL_SUM,   /* column KEY "title" FIGURE…: the facts it adds up */
    COL_PRIOR, /* column KEY "title" 上年 | 预算: the value of the row's figure last
                * year (上年), or in the budget a 决算 executes (预算: 年初预算) */
    COL_CHANGE /* column KEY "title" 增减 A B: column A minus column B */
} ColKind;

typedef struct ColDef {
    const char *key;   /* stable: total, basic … (JSON, CSV --long, diff) */
    const char *title; /* as printed */
    ColKind kind;
    Figures sums;      /* COL_SUM */
    int a, b;          /* COL_CHANGE: the columns (indices) it subtracts */
    const char *of;    /* COL_PRIOR: 上年 or 预算, the path root that asks for it */
    Loc loc;
} ColDef;

typedef struct SideDef {
    const char *key;          /* income, expenditure (JSON's "section") */
    const char *title;        /* 收入, 支出: printed over the side */
    const char *amount_title; /* the title of the amount beside an income row, or NULL */
} SideDef;

/* How the table is printed (emit/latex_tables.c). */
typedef struct TableLayout {
    const char *spec;  /* the columns: a letter and a width each, 序号 first */
    int ncols;         /* how many columns SPEC has */
    bool landscape;
    const char *size;  /* a LaTeX font size: small, footnotesize … (or NULL) */
    const char *head;  /* the title over 科目编码 and 科目名称, or NULL */
    const char *group; /* a title over the amount columns GFROM … GTO, or NULL */
    int gfrom, gto;
    /* `across`: the rows printed side by side in one line, each row (with an
     * `across` title) a group of the table's amount columns but its 增减
     * ones (the 三公 table's 预算数 / 决算数 pairs); HEAD over them all and
     * BAND over the rows BFROM … BTO (indices into the rows) */
    bool across;
    const char *band;
    int bfrom, bto;
} TableLayout;

/* `gap "what" FIGURE…`: what the table cannot give from the facts (a
 * 财政拨款支出决算明细表's 项目支出, which has no economic codes), the
 * facts it leaves out (W-TABLE-GAP when they are not 0). */
typedef struct TableGap {
    const char *what;
    Figures sums;
    Loc loc;
} TableGap;

typedef struct TableAlias {
    const char *from, *to;
} TableAlias;

typedef struct TableDef {
    int number;          /* its place in the disclosure: 1, 2 … */
    const char *word;    /* written after `table`: 收支总表 */
    const char *title;   /* printed: 部门预算…表 */
    const char *key;     /* stable ASCII: summary */
    const char *csv;     /* its CSV file: 01-summary.csv */
    const char **words;  /* more words a printed table may be named with */
    int nwords;
    TableAlias *aliases; /* a printed row FROM is row TO */
    int naliases;
    TableGap *gaps;      /* what it cannot give (W-TABLE-GAP) */
    int ngaps;
    ColDef *cols;
    int ncols;
    RowDef *rows;
    int nrows;
    SideDef sides[2];
    int nsides;          /* 2: income rows beside expenditure rows; else 0 */
    const char *note;    /* printed under it when it is empty, or NULL */
    const char *empty;   /* what an empty one lacks (W-TABLE-NOTE), or NULL */
    int catalog;         /* CatKind of its code rows, or -1 when it has none */
    TableLayout layout;
    Loc loc;
    bool from_base;      /* taken from the disclosure its own starts from, and
                            not (yet) replaced by one of its own */
} TableDef;

typedef struct Disclosure {
    const char *kind;  /* 预算 … */
    const char *title; /* 部门预算公开表: the heading of its tables */
    TableDef *tables;
    int ntables;
    Loc loc;
} Disclosure;

/* Reads the `disclosure` statements of P (their words from V) into *OUT
 * (*N of them, in A).  Reports malformed definitions (E-DEFINITION);
 * returns the number of errors. */
int tabledefs_load(Disclosure **out, int *n, const struct Program *p, const Vocab *v, Arena *a,
                   DiagCtx *d);

/* The table of DS that WORD names (its word, title or another word), or
 * -1. */
int tabledef_find(const Disclosure *ds, const char *word);

#endif
