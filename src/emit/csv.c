/*
 * csv.c — the tables as CSV in their published layout, and every
 * figure of every table in one long file (see emit.h and docs/csv.md).
 *
 * RFC 4180: fields separated by commas, lines ended by CRLF, a field quoted
 * when it holds a comma, a double quote, CR or LF (quotes doubled inside).
 * Text is the model's UTF-8, optionally after a byte-order mark.  A text
 * field that a spreadsheet would read as a formula (it starts with = + - @,
 * tab or CR) gets a ' in front (OWASP's rule against CSV injection).
 * Amounts come from the Dec exactly, with at least two decimals.  The long
 * form ends with the projects, their indicators and their purchase lines.
 */
#include <string.h>

#include "emit/emit.h"

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

/* A table with code rows: 序号, 科目编码, 科目名称, the amount columns. */
static void code_table(Csv *c, const Model *m, const Table *t)
{
    csv_text(c, model_label(m, "serial"));
    csv_text(c, model_label(m, "code_head"));
    csv_text(c, model_label(m, "code_name"));
    for (int j = 0; j < t->ncols; j++)
        csv_text(c, t->def->cols[j].title);
    csv_end(c);
    for (int i = 0; i < t->nrows; i++) {
        const TRow *r = &t->rows[i];
        csv_int(c, i + 1);
        csv_text(c, row_code(r));
        csv_text(c, r->name);
        for (int j = 0; j < t->ncols; j++)
            csv_cell(c, &r->cells[j]);
        csv_end(c);
    }
}

/* A table of fixed rows: 序号, 项目, the amount columns. */
static void label_table(Csv *c, const Model *m, const Table *t)
{
    csv_text(c, model_label(m, "serial"));
    csv_text(c, model_label(m, "item"));
    for (int j = 0; j < t->ncols; j++)
        csv_text(c, t->def->cols[j].title);
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

/* The K-th row of side SIDE of T that is (FOOT) or is not a foot row, in
 * table order, or NULL past its end; *N (when not NULL) counts them. */
static const TRow *side_row(const Table *t, int side, bool foot, int k, int *n)
{
    const TRow *found = NULL;
    int count = 0;
    for (int i = 0; i < t->nrows; i++)
        if (t->rows[i].section == side && t->rows[i].foot == foot && count++ == k)
            found = &t->rows[i];
    if (n)
        *n = count;
    return found;
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

/* A two-sided table: the income side's rows beside the expenditure side's,
 * line by line, then the foot rows of both sides beside each other
 * (本年收入合计 | 本年支出合计, 上年结转结余 | 年终结转结余 …), as printed. */
static void two_sided_table(Csv *c, const Model *m, const Table *t)
{
    csv_text(c, model_label(m, "serial"));
    csv_text(c, model_label(m, "income_item"));
    csv_text(c, model_label(m, "income_amount"));
    csv_text(c, model_label(m, "expense_item"));
    if (t->ncols == 1)
        csv_text(c, model_label(m, "expense_amount"));
    else
        for (int j = 0; j < t->ncols; j++)
            csv_text(c, t->def->cols[j].title);
    csv_end(c);
    int no = 0;
    for (int foot = 0; foot < 2; foot++) {
        int nin, nex;
        side_row(t, 0, foot, -1, &nin);
        side_row(t, 1, foot, -1, &nex);
        for (int i = 0; i < (nin > nex ? nin : nex); i++)
            two_sided_line(c, t, ++no, side_row(t, 0, foot, i, NULL),
                           side_row(t, 1, foot, i, NULL));
    }
}

int emit_csv_table(const Model *m, int unit, int id, const CsvOptions *o, FILE *out)
{
    Csv c;
    csv_begin(&c, out, o);
    const Table *t = model_table(m, id, unit);
    if (t->def->nsides == 2)
        two_sided_table(&c, m, t);
    else if (t->def->catalog < 0)
        label_table(&c, m, t);
    else
        code_table(&c, m, t);
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
            csv_text(c, t->def->key);
            csv_text(c, unit);
            csv_text(c, r->key);
            csv_text(c, row_code(r));
            csv_text(c, r->name);
            csv_text(c, t->def->cols[j].key);
            csv_cell(c, &r->cells[j]);
            csv_end(c);
        }
    }
}

/* A line of the long form that is not a table's cell. */
static void long_line(Csv *c, const char *table, const char *unit, const char *row,
                      const char *code, const char *name, const char *column)
{
    csv_text(c, table);
    csv_text(c, unit);
    csv_text(c, row);
    csv_text(c, code ? code : "");
    csv_text(c, name);
    csv_text(c, column);
}

/* An exact decimal as it is (a quantity, a score). */
static void csv_dec(Csv *c, Dec v)
{
    char buf[DEC_FMT_MAX];
    dec_format(v, buf, sizeof buf);
    csv_raw(c, buf);
}

/* The projects of the document (table "projects": amount, and a 决算's
 * score, tracked and problems found and fixed), their indicators ("indicators": the value as written; row
 * PROJECT/N) and purchase lines ("procurement": quantity, price, amount,
 * sme; row PROJECT/N, code the 目录代码), each under its unit. */
static void long_projects(Csv *c, const Model *m, int unit)
{
    for (int pass = 0; pass < 3; pass++)
        for (int i = 0; i < m->nprojects; i++) {
            const Project *p = &m->projects[i];
            const char *u = m->units[p->unit].id;
            if (unit >= 0 && p->unit != unit)
                continue;
            if (pass == 0 && p->has_amount) {
                long_line(c, "projects", u, p->name, p->code, p->name, "amount");
                csv_cell(c, &(Cell){p->amount, true});
                csv_end(c);
            }
            if (pass == 0 && p->has_result) {
                long_line(c, "projects", u, p->name, p->code, p->name, "score");
                csv_dec(c, p->score);
                csv_end(c);
            }
            if (pass == 0 && p->tracked) { /* a 决算's 绩效跟踪: 1 */
                long_line(c, "projects", u, p->name, p->code, p->name, "tracked");
                csv_raw(c, "1");
                csv_end(c);
            }
            for (int k = 0; pass == 0 && p->has_problems && k < 2; k++) {
                long_line(c, "projects", u, p->name, p->code, p->name,
                          k ? "problems_fixed" : "problems_found");
                csv_dec(c, k ? p->fixed : p->found);
                csv_end(c);
            }
            char row[1024], buf[256];
            for (int j = 0; pass == 1 && j < p->nind; j++) {
                snprintf(row, sizeof row, "%s/%d", p->name, j + 1);
                long_line(c, "indicators", u, row, "", p->ind[j].name, "value");
                csv_text(c, indvalue_text(&p->ind[j].value, buf, sizeof buf));
                csv_end(c);
            }
            for (int j = 0; pass == 2 && j < p->npur; j++) {
                const Purchase *q = &p->pur[j];
                const bool has[4] = {q->has_quantity, q->has_price, q->has_amount, q->has_sme};
                const Dec v[4] = {q->quantity, q->price, q->amount, q->sme};
                static const char *const cols[4] = {"quantity", "price", "amount", "sme"};
                snprintf(row, sizeof row, "%s/%d", p->name, j + 1);
                for (int k = 0; k < 4; k++) {
                    if (!has[k])
                        continue;
                    long_line(c, "procurement", u, row, q->pcode, q->name, cols[k]);
                    if (k == 0)
                        csv_dec(c, v[k]);
                    else
                        csv_cell(c, &(Cell){v[k], true});
                    csv_end(c);
                }
            }
        }
}

/* A 决算's 政府采购 actuals, the department's (table
 * "procurement_actuals": a row per row written, its amount and its share
 * of the row it is a part of, in percent). */
static void long_procured(Csv *c, const Model *m, int unit)
{
    const Procured *pr = &m->procured;
    const Vocab1 *rows = &m->vocab->dim[DIM_PROCURED];
    if (!pr->present || unit >= 0)
        return;
    for (int r = 0; r < rows->n; r++) {
        if (!pr->written[r])
            continue;
        long_line(c, "procurement_actuals", "", rows->words[r].name, "", rows->words[r].title,
                  "amount");
        csv_cell(c, &(Cell){pr->amount[r], true});
        csv_end(c);
        int w = procured_whole(m, r);
        Dec scaled, share;
        if (w < 0 || !pr->written[w] || dec_is_zero(pr->amount[w]) ||
            dec_mul(pr->amount[r], dec_from_int(100), &scaled) != DEC_OK ||
            dec_div_round(scaled, pr->amount[w], 2, &share) != DEC_OK)
            continue;
        long_line(c, "procurement_actuals", "", rows->words[r].name, "", rows->words[r].title,
                  "share");
        csv_cell(c, &(Cell){share, true});
        csv_end(c);
    }
}

int emit_csv_long(const Model *m, int unit, const CsvOptions *o, FILE *out)
{
    Csv c;
    csv_begin(&c, out, o);
    csv_raw(&c, "table,unit,row,code,name,column,value");
    csv_end(&c);
    /* the department (unit -1) first, then each unit in the order written;
     * a unit's document: that unit's alone */
    for (int u = unit < 0 ? -1 : unit; u < (unit < 0 ? m->nunits : unit + 1); u++)
        for (int t = 0; t < model_ntables(m); t++)
            long_table(&c, model_table(m, t, u), u < 0 ? "" : m->units[u].id);
    long_projects(&c, m, unit);
    long_procured(&c, m, unit);
    return ferror(out) ? -1 : 0;
}
