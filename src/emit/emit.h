/*
 * emit.h — the back ends.  Each reads the checked model (never computes a
 * sum of its own: every figure comes from model_table, model_value or
 * model_render) and writes one format to a stream.  They run only for a
 * budget without errors.  Each returns 0, or -1 when writing failed.
 */
#ifndef BUDC_EMIT_H
#define BUDC_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "base/diag.h"
#include "model/model.h"

/* emit_json.c: everything the model knows, and the warnings recorded in D
 * (D->recs), as one JSON document (docs/budget.schema.json). */
int emit_json(Model *m, const DiagCtx *d, FILE *out);

typedef struct CsvOptions {
    bool bom; /* start each file with a UTF-8 byte-order mark (for Excel) */
} CsvOptions;

/* emit_csv.c: table ID of the department in its published layout (序号,
 * 科目编码, 科目名称, the amount columns), RFC 4180. */
int emit_csv_table(Model *m, TableId id, const CsvOptions *o, FILE *out);

/* emit_csv.c: one fact per line of every table, the department's and each
 * unit's: table, unit, row, code, name, column, value. */
int emit_csv_long(Model *m, const CsvOptions *o, FILE *out);

/* The file name of table ID's CSV: "01-summary.csv" … */
const char *csv_file_name(TableId id);

/* emit_latex.c: the whole disclosure as a ctex document for xelatex. */
int emit_latex(Model *m, FILE *out);

#endif
