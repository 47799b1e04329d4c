/*
 * emit.h — the back ends.  Each reads the finished model (never computes a
 * sum of its own: every figure comes from model_table, model_value or
 * model_text) and writes one format to a stream.  What a table is called,
 * its columns, rows and printed layout come from its definition
 * (model/tabledef.h), the words printed around them from the vocabulary's
 * labels.  They run only for a budget without errors.  Each returns 0, or
 * -1 when writing failed.
 *
 * Each writes the document of UNIT: the department's disclosure (部门预算)
 * when UNIT is -1, or the own disclosure (单位预算) of unit UNIT (an index
 * into m->units): its tables, projects, purchases and narrative (view.h).
 */
#ifndef BUDC_EMIT_H
#define BUDC_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "base/diag.h"
#include "model/model.h"

/* json.c: everything the model knows of the document, and the warnings
 * recorded in D (D->recs), as one JSON document (docs/budget.schema.json). */
int emit_json(const Model *m, int unit, const DiagCtx *d, FILE *out);

typedef struct CsvOptions {
    bool bom; /* start each file with a UTF-8 byte-order mark (for Excel) */
} CsvOptions;

/* csv.c: table T of the document in its published layout (序号,
 * 科目编码, 科目名称, the amount columns), RFC 4180.  Its file name is
 * the definition's (model_table(m, t, -1)->def->csv). */
int emit_csv_table(const Model *m, int unit, int t, const CsvOptions *o, FILE *out);

/* csv.c: one fact per line of every table, the department's and each
 * unit's (a unit's document: that unit's): table, unit, row, code, name,
 * column, value. */
int emit_csv_long(const Model *m, int unit, const CsvOptions *o, FILE *out);

/* latex.c: the whole disclosure as a ctex document for xelatex. */
int emit_latex(const Model *m, int unit, FILE *out);

/* html.c: the disclosure as one self-contained web page: its tables, its
 * 说明, its other blocks and charts in inline SVG, with nothing outside the
 * file referred to (docs/html.md). */
int emit_html(const Model *m, int unit, FILE *out);

/* sqlite.c: budgets in one SQLite database (docs/sqlite.md): sqldb_open
 * makes it in memory, sqldb_add adds a department (FILE: its budget's name),
 * sqldb_write writes the whole database to OUT.  Each returns -1 (NULL) with
 * a message in ERR when it fails. */
typedef struct SqlDb SqlDb;
SqlDb *sqldb_open(char *err, size_t n);
int sqldb_add(SqlDb *s, const Model *m, const char *file, char *err, size_t n);
int sqldb_write(SqlDb *s, FILE *out, char *err, size_t n);
void sqldb_close(SqlDb *s);

/* datapackage.c: the Frictionless data package descriptor of the long CSV
 * (facts.csv) of the document of UNIT: datapackage.json beside it. */
int emit_datapackage(const Model *m, int unit, const CsvOptions *o, FILE *out);
/* xlsx.c: the disclosure as an Excel workbook written to PATH (libxlsxwriter
 * writes a file by its name; the driver gives it a private temporary one):
 * a sheet per table in its published layout, and the sheets of the units,
 * projects, indicators, procurement, assets and facts (docs/xlsx.md).
 * Returns 0, or -1 with a message in ERR. */
int emit_xlsx(const Model *m, int unit, const char *path, char *err, size_t errn);

#endif
