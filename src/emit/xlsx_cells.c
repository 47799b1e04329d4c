/*
 * xlsx_cells.c — the cells of the Excel back end (xlsx_impl.h): sheets named
 * as Excel allows, text, codes, amounts (a number cell written from the
 * exact decimal's text), merged ranges, the title and 编制单位 rows, head
 * rows, and columns fitted to their widest cell (a CJK character counts
 * two).
 */
#include "emit/xlsx_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit/view.h"

/* ---- cells ---------------------------------------------------------------------- */

/* The width of S in characters of the default font: a CJK character is two. */
static double text_width(const char *s)
{
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
        if (*p < 0x80)
            w += 1;
        else if ((*p & 0xC0) == 0xC0)
            w += 2; /* the lead byte of a multi-byte character */
    return w;
}

static void note_width(XlSheet *s, int col, double w)
{
    if (col >= 0 && col < XL_MAX_COLS && w > s->width[col])
        s->width[col] = w;
}

static void check(Xl *x, lxw_error e)
{
    if (e != LXW_NO_ERROR)
        x->failed = true;
}

bool xl_sheet(Xl *x, XlSheet *s, const char *name)
{
    char buf[128];
    /* Excel's limit: 31 characters, none of []:*?/\ */
    size_t n = 0, chars = 0;
    for (const char *p = name; *p && n + 4 < sizeof buf; p++) {
        if ((*p & 0xC0) != 0x80 && ++chars > 31)
            break;
        buf[n++] = strchr("[]:*?/\\", *p) ? '_' : *p;
    }
    buf[n] = '\0';
    for (int i = 0; i < x->nsheets; i++)
        if (strcmp(x->sheet_names[i], buf) == 0 && n + 3 < sizeof buf) {
            snprintf(buf + n, sizeof buf - n, "%d", x->nsheets);
            break;
        }
    memset(s, 0, sizeof *s);
    s->ws = workbook_add_worksheet(x->wb, buf);
    if (!s->ws) {
        x->failed = true;
        return false;
    }
    if (x->nsheets < (int)(sizeof x->sheet_names / sizeof x->sheet_names[0]))
        x->sheet_names[x->nsheets++] = s->ws->name;
    return true;
}

void xl_text(Xl *x, XlSheet *s, int col, const char *text, lxw_format *f)
{
    if (!text || !*text)
        check(x, worksheet_write_blank(s->ws, s->row, (lxw_col_t)col, f));
    else
        check(x, worksheet_write_string(s->ws, s->row, (lxw_col_t)col, text, f));
    note_width(s, col, text_width(text));
}

/* V's exact text with at least two decimals, into BUF. */
static void money_text(Dec v, char *buf, size_t n)
{
    Dec r;
    if (v.scale < 2 && dec_rescale(v, 2, &r) == DEC_OK)
        v = r;
    dec_format(v, buf, n);
}

static void number_cell(Xl *x, XlSheet *s, int col, const char *text, lxw_format *f)
{
    /* the number Excel stores is the double nearest the exact decimal */
    check(x, worksheet_write_number(s->ws, s->row, (lxw_col_t)col, strtod(text, NULL), f));
    note_width(s, col, text_width(text) + (double)strlen(text) / 3); /* and its commas */
}

void xl_amount(Xl *x, XlSheet *s, int col, Dec v, bool set, bool bold)
{
    if (!set) {
        check(x, worksheet_write_blank(s->ws, s->row, (lxw_col_t)col, bold ? x->amount_bold : x->amount));
        return;
    }
    char buf[DEC_FMT_MAX];
    money_text(v, buf, sizeof buf);
    number_cell(x, s, col, buf, bold ? x->amount_bold : x->amount);
}

void xl_number(Xl *x, XlSheet *s, int col, Dec v)
{
    char buf[DEC_FMT_MAX];
    dec_format(v, buf, sizeof buf);
    number_cell(x, s, col, buf, x->number);
}

void xl_merge(Xl *x, XlSheet *s, int r1, int from, int r2, int to, const char *text,
              lxw_format *f)
{
    if (r1 == r2 && from == to) {
        lxw_row_t keep = s->row;
        s->row = (lxw_row_t)r1;
        xl_text(x, s, from, text, f);
        s->row = keep;
        return;
    }
    check(x, worksheet_merge_range(s->ws, (lxw_row_t)r1, (lxw_col_t)from, (lxw_row_t)r2,
                                   (lxw_col_t)to, text ? text : "", f));
    if (from == to)
        note_width(s, from, text_width(text));
}

void xl_title(Xl *x, XlSheet *s, const char *title, int ncols, bool meta)
{
    const Model *m = x->m;
    xl_merge(x, s, (int)s->row, 0, (int)s->row, ncols - 1, title, x->title);
    worksheet_set_row(s->ws, s->row, 28, NULL);
    s->row++;
    if (!meta)
        return;
    char who[1024], year[128], money[128];
    snprintf(who, sizeof who, "%s%s%s%s", model_label(m, "prepared_by"),
             m->dept_code && x->unit < 0 ? m->dept_code : "", m->dept_code && x->unit < 0 ? " " : "",
             view_name(m, x->unit));
    snprintf(year, sizeof year, "%s%d", model_label(m, "budget_year"), m->year);
    snprintf(money, sizeof money, "%s%s", model_label(m, "money_unit"), m->money);
    int r = (int)s->row;
    if (ncols >= 4) {
        xl_merge(x, s, r, 0, r, ncols - 3, who, x->meta);
        xl_merge(x, s, r, ncols - 2, r, ncols - 2, year, x->meta);
    } else {
        xl_merge(x, s, r, 0, r, ncols - 2 < 0 ? 0 : ncols - 2, who, x->meta);
    }
    if (ncols >= 2)
        xl_merge(x, s, r, ncols - 1, r, ncols - 1, money, x->meta_right);
    s->row++;
}

void xl_head_row(Xl *x, XlSheet *s, const char *const *titles, int n)
{
    for (int c = 0; c < n; c++)
        xl_text(x, s, c, titles[c], x->head);
    s->row++;
    worksheet_freeze_panes(s->ws, s->row, 0);
}

void xl_fit(XlSheet *s, int ncols)
{
    for (int c = 0; c < ncols && c < XL_MAX_COLS; c++) {
        double w = s->width[c] + 2;
        worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, w < 6 ? 6 : w > 60 ? 60 : w, NULL);
    }
}

