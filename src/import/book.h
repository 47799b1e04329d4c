/*
 * book.h — a workbook as budc import reads it: its sheets, in order, each a
 * grid of cells holding text or a number (as the text of the number the
 * file stores), and its merged ranges.  Read from an .xlsx (xlsx_read.c,
 * libzip and expat) or from the CSV files of `budc csv` (csv_read.c: one
 * sheet a file).  A reader reports what it cannot read as a message naming
 * the file, the sheet and the cell.
 */
#ifndef BUDC_IMPORT_BOOK_H
#define BUDC_IMPORT_BOOK_H

#include <stdbool.h>
#include <stddef.h>

typedef enum BCellKind {
    BC_EMPTY,
    BC_TEXT,    /* a string (shared, inline, or a formula's text result) */
    BC_NUMBER,  /* a number: its text as the file stores it (1206.65, 8.880000000000001) */
    BC_NOVALUE  /* a formula the file holds no computed value of */
} BCellKind;

typedef struct BCell {
    BCellKind kind;
    char *text; /* NULL when empty */
} BCell;

typedef struct BMerge {
    int r1, c1, r2, c2; /* from 0, inclusive */
} BMerge;

typedef struct BSheet {
    char *name;
    int nrows, ncols;
    BCell *cells; /* nrows * ncols */
    BMerge *merges;
    int nmerges;
    int page;       /* a PDF's: the page the table starts on (from 1), else 0 */
    int *rowpage;   /* a PDF's: the page of each row [nrows], or NULL */
} BSheet;

/* A piece of a PDF's 说明, in order (pdf_text.c). */
typedef enum BParaKind {
    BP_SECTION,   /* a section's printed title: 一、部门职责及机构设置情况 */
    BP_HEADING,   /* a subheading: 1、收入说明 */
    BP_PARAGRAPH, /* a paragraph, its lines joined */
    BP_TABLE      /* a table printed in the 说明: its caption (部门机构设置情况) */
} BParaKind;

typedef struct BPara {
    BParaKind kind;
    char *text;
    int page;
} BPara;

typedef struct Book {
    char *path;
    bool csv;       /* read from CSV files: no title or 编制单位 rows */
    bool pdf;       /* rebuilt from a PDF's text (import_read_pdf): sheets know their page */
    BSheet *sheets;
    int nsheets;
    BPara *paras;   /* a PDF's 说明, or none */
    int nparas;
} Book;

/* The cell at R, C (from 0), or an empty one outside the grid. */
const BCell *book_cell(const BSheet *s, int r, int c);

/* The text of the cell at R, C, or "" (never NULL). */
const char *book_text(const BSheet *s, int r, int c);

/* The name of the cell at R, C as Excel writes it: D7. */
const char *book_ref(int r, int c, char *buf, size_t n);

/* Reads the .xlsx PATH into B: 0, or -1 with a message in ERR. */
int book_read_xlsx(Book *b, const char *path, char *err, size_t errn);

/* Reads the CSV files of the published layout: PATH a directory (its *.csv
 * files, each a sheet named by its file name) or one .csv file.  0, or -1
 * with a message in ERR. */
int book_read_csv(Book *b, const char *path, char *err, size_t errn);

void book_free(Book *b);
/* Frees the cells of one sheet (not the sheet itself). */
void book_free_sheet(BSheet *s);
/* A new empty sheet at the end of B, named a copy of NAME (NULL: unnamed);
 * valid until the next sheet is added. */
BSheet *book_add_sheet(Book *b, const char *name);

/* Building a sheet (the readers): a cell at R, C, and the grid made dense. */
typedef struct BSheetBuilder {
    struct BPending *cells;
    int n, cap, nrows, ncols;
} BSheetBuilder;
void book_put(BSheetBuilder *sb, int r, int c, BCellKind kind, const char *text, size_t len);
void book_finish_sheet(BSheetBuilder *sb, BSheet *s);

#endif
