/*
 * emit_csv.c — the nine tables as CSV in their published layout, and every
 * figure of every table in one long file (see emit.h and docs/csv.md).
 *
 * RFC 4180: fields separated by commas, lines ended by CRLF, a field quoted
 * when it holds a comma, a double quote, CR or LF (quotes doubled inside).
 * Text is the model's UTF-8, optionally after a byte-order mark.  A text
 * field that a spreadsheet would read as a formula (it starts with = + - @,
 * tab or CR) gets a ' in front (OWASP's rule against CSV injection).
 * Amounts come from the Dec exactly, with at least two decimals.
 */
#include <string.h>

#include "emit/emit.h"

const char *csv_file_name(TableId id)
{
    static const char *const names[T__COUNT] = {
        "01-summary.csv",        "02-income.csv",        "03-expenditure.csv",
        "04-fiscal_summary.csv", "05-general_public.csv", "06-general_public_basic.csv",
        "07-government_fund.csv", "08-state_capital.csv", "09-three_public.csv",
    };
    return names[id];
}

/* ---- fields and lines ---------------------------------------------------------- */

/* A line being written: the stream and how many fields it has so far. */
typedef struct Csv {
    FILE *out;
    int nfields;
} Csv;

/* Starts the file: the byte-order mark when asked for. */
static void csv_begin(Csv *c, FILE *out, const CsvOptions *o)
{
    c->out = out;
    c->nfields = 0;
    if (o && o->bom)
        fputs("\xEF\xBB\xBF", out);
}

static void csv_sep(Csv *c)
{
    if (c->nfields++ > 0)
        fputc(',', c->out);
}

/* Whether a spreadsheet would take text starting with CH for a formula. */
static bool formula_start(char ch)
{
    return ch == '=' || ch == '+' || ch == '-' || ch == '@' || ch == '\t' || ch == '\r';
}

/* A text field: neutralised against formulas, then quoted if it must be. */
static void csv_text(Csv *c, const char *s)
{
    csv_sep(c);
    if (!s)
        s = "";
    bool guard = formula_start(s[0]);
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        fputc('"', c->out);
    if (guard)
        fputc('\'', c->out);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', c->out);
        fputc(*p, c->out);
    }
    if (quote)
        fputc('"', c->out);
}

/* A field written as is: fixed ASCII text and amounts need no quoting. */
static void csv_raw(Csv *c, const char *s)
{
    csv_sep(c);
    fputs(s, c->out);
}

/* An amount: empty for a blank cell, else the exact value with at least two
 * decimals (a value too large to rescale keeps its own scale, still exact). */
static void csv_cell(Csv *c, const Cell *cell)
{
    char buf[DEC_FMT_MAX];
    buf[0] = '\0';
    if (cell && cell->set) {
        Dec v = cell->v, r;
        if (v.scale < 2 && dec_rescale(v, 2, &r) == DEC_OK)
            v = r;
        dec_format(v, buf, sizeof buf);
    }
    csv_raw(c, buf);
}

/* A 序号: 1, 2, 3 … */
static void csv_int(Csv *c, int n)
{
    csv_sep(c);
    fprintf(c->out, "%d", n);
}

static void csv_end(Csv *c)
{
    fputs("\r\n", c->out);
    c->nfields = 0;
}

/* ---- the tables in their published layout -------------------------------------- */

/* The classification code of a row, or "" (合计 and labels). */
static const char *row_code(const TRow *r)
{
    return r->kind == ROW_CODE ? r->key : "";
}

/* Tables 2, 3, 5–8: 序号, 科目编码, 科目名称, the amount columns. */
static void code_table(Csv *c, const Table *t)
{
    csv_raw(c, "序号");
    csv_raw(c, "科目编码");
    csv_raw(c, "科目名称");
    for (int j = 0; j < t->ncols; j++)
        csv_text(c, t->cols[j]);
    csv_end(c);
    for (int i = 0; i < t->nrows; i++) {
        const TRow *r = &t->rows[i];
        csv_int(c, i + 1);
        csv_text(c, row_code(r));
        csv_text(c, r->kind == ROW_TOTAL ? "合计" : r->name);
        for (int j = 0; j < t->ncols; j++)
            csv_cell(c, &r->cells[j]);
        csv_end(c);
    }
}

/* Table 9: 序号, 项目, the amount columns. */
static void label_table(Csv *c, const Table *t)
{
    csv_raw(c, "序号");
    csv_raw(c, "项目");
    for (int j = 0; j < t->ncols; j++)
        csv_text(c, t->cols[j]);
    csv_end(c);
    for (int i = 0; i < t->nrows; i++) {
        const TRow *r = &t->rows[i];
        csv_int(c, i + 1);
        csv_text(c, r->name);
        for (int j = 0; j < t->ncols; j++)
            csv_cell(c, &r->cells[j]);
        csv_end(c);
    }
}

/* One side of a two-sided table (SECTION 0 income, 1 expenditure): part 0
 * its items, part 1 its totals, which start at row SPLIT (本年收入合计 /
 * 本年支出合计); n[part] counts the rows of each part. */
typedef struct Side {
    const Table *t;
    int section;
    int split;
    int n[2];
} Side;

/* The part (0 items, 1 totals) of row I of the table, or -1 when the row is
 * on the other side. */
static int side_part(const Side *s, int i)
{
    if (s->t->rows[i].section != s->section)
        return -1;
    return i >= s->split;
}

static void side_of(const Table *t, int section, const char *first_total, Side *s)
{
    s->t = t;
    s->section = section;
    s->split = t->nrows;
    for (int i = 0; i < t->nrows && s->split == t->nrows; i++)
        if (t->rows[i].section == section && strcmp(t->rows[i].key, first_total) == 0)
            s->split = i;
    s->n[0] = s->n[1] = 0;
    for (int i = 0; i < t->nrows; i++) {
        int part = side_part(s, i);
        if (part >= 0)
            s->n[part]++;
    }
}

/* The K-th row of part PART of side S, in table order, or NULL past its end. */
static const TRow *side_row(const Side *s, int part, int k)
{
    for (int i = 0; i < s->t->nrows; i++)
        if (side_part(s, i) == part && k-- == 0)
            return &s->t->rows[i];
    return NULL;
}

/* One line of a two-sided table: the income row IN (column 0) beside the
 * expenditure row EX (columns 0 .. ncols-1); a missing side is empty. */
static void two_sided_line(Csv *c, const Table *t, int no, const TRow *in, const TRow *ex)
{
    csv_int(c, no);
    csv_text(c, in ? in->name : "");
    csv_cell(c, in ? &in->cells[0] : NULL);
    csv_text(c, ex ? ex->name : "");
    for (int j = 0; j < t->ncols; j++)
        csv_cell(c, ex ? &ex->cells[j] : NULL);
    csv_end(c);
}

/* Tables 1 and 4: income items beside expenditure 类, line by line, then the
 * total rows of both sides beside each other (本年收入合计 | 本年支出合计,
 * 上年结转结余 | 年终结转结余, 收入总计 | 支出总计), as printed. */
static void two_sided_table(Csv *c, const Table *t)
{
    csv_raw(c, "序号");
    csv_raw(c, "收入项目");
    csv_raw(c, "收入预算数");
    csv_raw(c, "支出项目");
    if (t->ncols == 1)
        csv_raw(c, "支出预算数");
    else
        for (int j = 0; j < t->ncols; j++)
            csv_text(c, t->cols[j]);
    csv_end(c);
    Side in, ex;
    side_of(t, 0, "本年收入合计", &in);
    side_of(t, 1, "本年支出合计", &ex);
    int no = 0;
    for (int part = 0; part < 2; part++) {
        int n = in.n[part] > ex.n[part] ? in.n[part] : ex.n[part];
        for (int i = 0; i < n; i++)
            two_sided_line(c, t, ++no, side_row(&in, part, i), side_row(&ex, part, i));
    }
}

int emit_csv_table(Model *m, TableId id, const CsvOptions *o, FILE *out)
{
    Csv c;
    csv_begin(&c, out, o);
    const Table *t = model_table(m, id, -1);
    if (id == T_SZ || id == T_CZ)
        two_sided_table(&c, t);
    else if (id == T_SG)
        label_table(&c, t);
    else
        code_table(&c, t);
    return ferror(out) ? -1 : 0;
}

/* ---- the long form ---------------------------------------------------------------- */

/* Every set cell of T, one line each; UNIT is "" for the department. */
static void long_table(Csv *c, const Table *t, const char *unit)
{
    for (int i = 0; i < t->nrows; i++) {
        const TRow *r = &t->rows[i];
        for (int j = 0; j < t->ncols; j++) {
            if (!r->cells[j].set)
                continue;
            csv_text(c, table_key(t->id));
            csv_text(c, unit);
            csv_text(c, r->key);
            csv_text(c, row_code(r));
            csv_text(c, r->name);
            csv_text(c, t->col_keys[j]);
            csv_cell(c, &r->cells[j]);
            csv_end(c);
        }
    }
}

int emit_csv_long(Model *m, const CsvOptions *o, FILE *out)
{
    Csv c;
    csv_begin(&c, out, o);
    csv_raw(&c, "table,unit,row,code,name,column,value");
    csv_end(&c);
    /* the department (unit -1) first, then each unit in the order written */
    for (int u = -1; u < m->nunits; u++)
        for (int t = 0; t < T__COUNT; t++)
            long_table(&c, model_table(m, (TableId)t, u), u < 0 ? "" : m->units[u].id);
    return ferror(out) ? -1 : 0;
}
