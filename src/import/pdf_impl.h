/*
 * pdf_impl.h — what the files of the PDF reader share: a document's text
 * layer as pages of lines of words, each with its box (pdf_read.c reads it
 * through poppler's C interface), and the tables and the 说明 rebuilt from
 * them into a Book (pdf_tables.c, pdf_text.c).
 *
 * Coordinates are points from the top left corner of the page as it is
 * read: a landscape table (typeset turned on a portrait page) is turned
 * back upright, so that every line runs left to right and x grows along it.
 */
#ifndef BUDC_PDF_IMPL_H
#define BUDC_PDF_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "import/book.h"
#include "model/defs.h"

typedef struct PWord {
    const char *text;
    double x1, y1, x2, y2;
    /* each character's left and right edge, edge[2i] and edge[2i + 1], for
     * the NCH characters of TEXT (NULL: not known): where a word that runs
     * over two cells is cut (pdf_tables.c) */
    const double *edge;
    int nch;
} PWord;

typedef struct PLine {
    PWord *w;
    int n;
    double y1, y2, h; /* the line's box top and bottom, its characters' height */
    const char *text; /* the words joined (a space only between two Latin letters or digits) */
} PLine;

typedef struct PPage {
    PLine *lines;
    int n;
    int no; /* from 1, as a viewer numbers it */
} PPage;

typedef struct PDoc {
    const char *path;
    PPage *pages;
    int n;
    Arena a;
} PDoc;

/* Reads the text layer of PATH into D: 0; -1 with a message in ERR when the
 * file is not a readable PDF (encrypted, damaged, no text layer): exit 1;
 * -2 when it cannot be read at all (I/O): exit 2. */
int pdf_load(PDoc *d, const char *path, char *err, size_t errn);
void pdf_free(PDoc *d);

/* Words joined as one text: a space only between two ASCII letters or
 * digits (xeCJK's spacing between 2023 and 年 is not a space of the text). */
const char *pdf_join(Arena *a, const PWord *w, int n, bool spaces);

/* pdf_cut.c: W cut where a figure starts or ends when the columns (apart at
 * BOUND[0 … NB)) put its parts in two cells: "1,206.65本年支出合计", a
 * figure flush right against the next cell's text; BOUND NULL: wherever a
 * figure starts or ends.  The parts into OUT (at most MAX), their number
 * (1: W whole). */
int pdf_cut(Arena *a, const PWord *w, const double *bound, int nb, PWord *out, int max);

/* pdf_columns.c: a sheet printed cut into pages of columns (a spreadsheet
 * program's default page setup) put back together: each band of its rows
 * one page as wide as its pages side by side, in the place of its first
 * page, the pages it took in left empty (DEFS: the labels 编制单位 and 单位). */
void pdf_columns(PDoc *d, const Defs *defs);

/* The tables of the disclosure (the table definitions of DEFS, 预算 and
 * 决算) found in D, each a sheet of B named by its title and numbered by
 * the page it starts on; the lines of no table (the 说明) are marked in
 * USED false.  0, or -1 with a message in ERR naming the page. */
int pdf_tables(const PDoc *d, Book *b, const Defs *defs, bool **used, char *err, size_t errn);

/* pdf_across.c: the tables printed in one line under grouped heads (a
 * definition's `layout … across`: the 决算's 三公 table) that D prints and
 * B has no sheet of yet, each a sheet of B in the workbook's layout (a row
 * a line), their lines marked in USED; one printed otherwise is left out. */
void pdf_across(const PDoc *d, Book *b, const Defs *defs, bool **used);

/* pdf_page.c: S without spaces and quotation marks, full-width punctuation
 * made ASCII (a title compared whatever its typesetting), in A; whether S
 * ends with T; the running head and page numbers of D marked USED (the
 * running head returned, or NULL). */
const char *pdf_norm(Arena *a, const char *s);
bool pdf_ends_with(const char *s, const char *t);
const char *pdf_furniture(const PDoc *d, bool **used, Arena *a);
/* pdf_page.c: whether L is one of the lines under a table's title
 * (编制单位, 预算年度, 单位：万元: the vocabulary's labels of V). */
bool pdf_meta_line(const Vocab *v, const PLine *l);

/* pdf_projects.c: the 绩效目标表 (one table a project) found in D among
 * the lines no other reader used, as the sheets of a workbook's
 * (项目绩效目标表 and 绩效指标) added to B, their lines marked USED.  0, or
 * -1 with a message in ERR naming the page. */
int pdf_projects(const PDoc *d, Book *b, const Defs *defs, bool **used, char *err, size_t errn);

/* The 说明: sections and paragraphs from the lines no table used, into B. */
void pdf_text(const PDoc *d, Book *b, bool *const *used);

#endif
