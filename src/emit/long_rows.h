/*
 * long_rows.h — the long CSV (emit_csv_long) read back as records, for the
 * outputs that hold the same figures in another form: the SQLite database's
 * table `facts` and the data package descriptor (datapackage.json).  Taking
 * them from the CSV itself keeps them equal to it line for line and column
 * for column, whatever columns the long form has.
 */
#ifndef BUDC_EMIT_LONG_ROWS_H
#define BUDC_EMIT_LONG_ROWS_H

#include "model/model.h"

typedef struct LongRows {
    int ncols;     /* the header's fields */
    int nrows;     /* records, the header included */
    char **cell;   /* [nrows * ncols]: record R's field C at R * ncols + C */
    char *text;    /* what they point into */
} LongRows;

/* The long CSV of the document of UNIT (emit.h) as records: each field
 * unquoted, and a text field that the CSV guards against formulas (a ' before
 * = + - @) as written in the budget.  Returns 0, or -1 when it could not be
 * made (out of memory: errno). */
int long_rows(const Model *m, int unit, LongRows *out);
void long_rows_free(LongRows *r);

/* The index of header field NAME, or -1. */
int long_rows_col(const LongRows *r, const char *name);

/* Whether record ROW's value is an amount of money: every line of the
 * tables, a project's amount, a purchase line's price, amount and sme; not
 * an indicator's value (text as written), a purchase line's quantity or a
 * 决算's score (csv.c writes those lines after the tables). */
bool long_rows_money(const LongRows *r, int row);

#endif
