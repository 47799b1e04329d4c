/*
 * import.h — `budc import`: a workbook (book.h) in the published layout
 * becomes the text of a budget (.bud): the department, its units and the
 * facts it can recover, and every table of the disclosure as printed
 * (`table WORD { … }`), so that `budc check` says where the spreadsheet
 * contradicts itself (docs/xlsx.md).  It writes text; it does not build the
 * model.
 */
#ifndef BUDC_IMPORT_H
#define BUDC_IMPORT_H

#include <stdio.h>

#include "import/book.h"
#include "model/defs.h"

typedef struct ImportOptions {
    int year;          /* --year, or 0: the workbook's */
    const char *name;  /* --name: the department's name, or NULL */
    const char *code;  /* --code, or NULL */
    const char *budget; /* --budget FILE: a 决算's budget, or NULL */
} ImportOptions;

/* Reads the disclosure printed in the PDF PATH (its text layer, through
 * poppler) as a workbook: a sheet for each table found by the titles of
 * DEFS's table definitions, numbered by its page (docs/pdf-import.md).  0;
 * -1 with a message in ERR naming the file and the page (not a PDF,
 * encrypted, no text layer, columns that cannot be told apart): exit 1; -2
 * when the file cannot be read: exit 2. */
int import_read_pdf(Book *b, const char *path, const Defs *defs, char *err, size_t errn);

/* The budget year the workbook states (预算年度：2023 under a title: the
 * labels of V), or 0. */
int import_year(const Book *b, const Vocab *v);

/* Writes the budget of workbook B, read with the definitions of its year,
 * to OUT.  Returns 0, 1 when the sheets are a 决算's tables (kind 决算), or
 * -1 with a message in ERR naming the sheet and the cell (the workbook is
 * wrong: exit 1). */
int import_write(const Book *b, const Defs *defs, const ImportOptions *o, FILE *out, char *err,
                 size_t errn);

#endif
