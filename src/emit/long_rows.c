/*
 * long_rows.c — the long CSV read back as records (long_rows.h).
 *
 * The CSV is RFC 4180 as csv.c writes it: fields separated by commas,
 * records ended by CRLF, a quoted field with its quotes doubled.  Every
 * record has the header's number of fields (csv.c writes them so); a short
 * one is padded with empty fields.
 */
#include "emit/long_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit/emit.h"

/* Whether text starting with CH is guarded by a ' in the CSV (csv.c). */
static bool guarded(char ch)
{
    return ch == '=' || ch == '+' || ch == '-' || ch == '@' || ch == '\t' || ch == '\r';
}

/* Parses the N bytes of CSV at IN into R (fields copied to r->text). */
static void parse(const char *in, size_t n, LongRows *r)
{
    char *o = r->text = xmalloc(n + 1);
    size_t cap = 64, count = 0;
    char **cells = xmalloc(cap * sizeof *cells);
    int ncols = 0, field = 0;
    size_t i = 0;
    while (i < n) {
        /* one field */
        char *start = o;
        bool quoted = in[i] == '"';
        if (quoted) {
            for (i++; i < n; i++) {
                if (in[i] == '"' && i + 1 < n && in[i + 1] == '"')
                    *o++ = in[i++];
                else if (in[i] == '"') {
                    i++;
                    break;
                } else
                    *o++ = in[i];
            }
        }
        while (i < n && in[i] != ',' && in[i] != '\r' && in[i] != '\n')
            *o++ = in[i++];
        *o++ = '\0';
        if (start[0] == '\'' && guarded(start[1]))
            start++;
        if (count == cap)
            cells = xrealloc(cells, (cap *= 2) * sizeof *cells);
        cells[count++] = start;
        field++;
        if (i < n && in[i] == ',') {
            i++;
            continue;
        }
        /* the end of a record */
        if (i < n && in[i] == '\r')
            i++;
        if (i < n && in[i] == '\n')
            i++;
        if (ncols == 0)
            ncols = field;
        static char empty[1];
        for (; field < ncols; field++) { /* a short record: padded */
            if (count == cap)
                cells = xrealloc(cells, (cap *= 2) * sizeof *cells);
            cells[count++] = empty;
        }
        if (field > ncols) /* a long one: cut (csv.c writes none) */
            count -= (size_t)(field - ncols);
        field = 0;
    }
    r->cell = cells;
    r->ncols = ncols;
    r->nrows = ncols ? (int)(count / (size_t)ncols) : 0;
}

int long_rows(const Model *m, int unit, LongRows *out)
{
    memset(out, 0, sizeof *out);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return -1;
    int rc = emit_csv_long(m, unit, &(CsvOptions){false}, f);
    if (fclose(f) != 0)
        rc = -1;
    if (rc == 0)
        parse(buf, len, out);
    free(buf);
    return rc;
}

void long_rows_free(LongRows *r)
{
    free(r->cell);
    free(r->text);
    memset(r, 0, sizeof *r);
}

int long_rows_col(const LongRows *r, const char *name)
{
    for (int c = 0; c < r->ncols; c++)
        if (strcmp(r->cell[c], name) == 0)
            return c;
    return -1;
}

bool long_rows_money(const LongRows *r, int row)
{
    int t = long_rows_col(r, "table"), c = long_rows_col(r, "column");
    if (t < 0 || c < 0 || row < 1 || row >= r->nrows)
        return false;
    const char *table = r->cell[row * r->ncols + t], *col = r->cell[row * r->ncols + c];
    return strcmp(table, "indicators") != 0 && strcmp(col, "quantity") != 0 &&
           strcmp(col, "score") != 0;
}
