/*
 * xlsx_impl.h — what the two files of the Excel back end share (xlsx.c:
 * the workbook, its formats and the disclosure's tables; xlsx_extra.c:
 * the sheets of units, projects, indicators, procurement, assets and the
 * facts).
 */
#ifndef BUDC_EMIT_XLSX_IMPL_H
#define BUDC_EMIT_XLSX_IMPL_H

#include <xlsxwriter.h>

#include "emit/emit.h"

enum { XL_MAX_COLS = 32 };

/* A sheet being written: its cells' widths, to fit its columns at the end. */
typedef struct XlSheet {
    lxw_worksheet *ws;
    double width[XL_MAX_COLS]; /* the widest cell of each column, in characters */
    lxw_row_t row;             /* the next row to write */
} XlSheet;

typedef struct Xl {
    const Model *m;
    int unit;
    lxw_workbook *wb;
    lxw_format *title, *meta, *meta_right, *head, *text, *code, *amount, *number;
    lxw_format *text_bold, *amount_bold, *note;
    int nsheets;
    const char *sheet_names[64];
    bool failed;
} Xl;

/* Adds a sheet named NAME (cut to Excel's 31 characters, made unique). */
bool xl_sheet(Xl *x, XlSheet *s, const char *name);

/* Cells: text, a code (always text), an amount (blank when !SET), a number. */
void xl_text(Xl *x, XlSheet *s, int col, const char *text, lxw_format *f);
void xl_amount(Xl *x, XlSheet *s, int col, Dec v, bool set, bool bold);
void xl_number(Xl *x, XlSheet *s, int col, Dec v);

/* TEXT merged over columns FROM .. TO of rows R1 .. R2. */
void xl_merge(Xl *x, XlSheet *s, int r1, int from, int r2, int to, const char *text,
              lxw_format *f);

/* The title row over NCOLS columns, and the 编制单位 / 单位 row under it;
 * YEAR_LABEL (a label key) and the year when not NULL. */
void xl_title(Xl *x, XlSheet *s, const char *title, int ncols, bool meta);

/* A head row of titles; freezes the rows above the next one. */
void xl_head_row(Xl *x, XlSheet *s, const char *const *titles, int n);

/* Fits the widths of the sheet's columns to their cells. */
void xl_fit(XlSheet *s, int ncols);

/* xlsx_extra.c: the sheets besides the tables. */
void xl_extra_sheets(Xl *x);

#endif
