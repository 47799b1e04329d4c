/*
 * xlsx.c — the disclosure as an Excel workbook (docs/xlsx.md), through
 * libxlsxwriter: one sheet per table of the disclosure in its published
 * layout, then the sheets of xlsx_extra.c.
 *
 * A table's sheet: its title over every column, a line with 编制单位,
 * 预算年度 and 单位：万元, the head (merged as printed: 功能分类科目 over
 * 科目编码 and 科目名称, 本年收入 over the sources, 收入 and 支出 over the
 * two sides of tables 1 and 4; a title alone in its column spans the head's
 * rows), then one row per row of the derived table with its 序号, frozen
 * below the head.  Codes are text; an amount is a number cell formatted
 * with two decimals, written from the exact decimal's text (an xlsx cell
 * holds a double, which a 2-decimal amount of a budget's size round-trips
 * through; budc never computes with it).  Total rows are bold.  What is
 * printed comes from the table's definition and the vocabulary's labels.
 */
#include "emit/xlsx_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "emit/view.h"

/* ---- a table -------------------------------------------------------------------- */




static bool row_bold(const TRow *r)
{
    return r->kind == ROW_TOTAL || r->foot;
}

/* Column title C less its group's title (本年收入小计 → 小计). */
static const char *leaf_title(const TableLayout *l, const Table *tb, int c)
{
    const char *s = tb->def->cols[c].title;
    size_t n = l->group ? strlen(l->group) : 0;
    if (n && c >= l->gfrom && c <= l->gto && strncmp(s, l->group, n) == 0 && s[n])
        s += n;
    return s;
}

/* The head of a one-sided table from row R: FIRST columns before the
 * amounts (序号, 科目编码, 科目名称 or 序号, 项目). */
static void head_one_sided(Xl *x, XlSheet *s, const Table *tb, int first)
{
    const Model *m = x->m;
    const TableLayout *l = &tb->def->layout;
    int r = (int)s->row, two = l->head || l->group ? 1 : 0;
    xl_merge(x, s, r, 0, r + two, 0, model_label(m, "serial"), x->head);
    if (first == 3) {
        if (l->head) {
            xl_merge(x, s, r, 1, r, 2, l->head, x->head);
            xl_merge(x, s, r + 1, 1, r + 1, 1, model_label(m, "code_head"), x->head);
            xl_merge(x, s, r + 1, 2, r + 1, 2, model_label(m, "code_name"), x->head);
        } else {
            xl_merge(x, s, r, 1, r + two, 1, model_label(m, "code_head"), x->head);
            xl_merge(x, s, r, 2, r + two, 2, model_label(m, "code_name"), x->head);
        }
    } else {
        xl_merge(x, s, r, 1, r + two, 1, model_label(m, "item"), x->head);
    }
    for (int c = 0; c < tb->ncols; c++) {
        if (l->group && c == l->gfrom) {
            xl_merge(x, s, r, first + l->gfrom, r, first + l->gto, l->group, x->head);
            for (int g = l->gfrom; g <= l->gto && g < tb->ncols; g++)
                xl_merge(x, s, r + 1, first + g, r + 1, first + g, leaf_title(l, tb, g), x->head);
            c = l->gto;
        } else {
            xl_merge(x, s, r, first + c, r + two, first + c, tb->def->cols[c].title, x->head);
        }
    }
    s->row = (lxw_row_t)(r + two + 1);
}

/* The head of tables 1 and 4: 收入 over 项目 and its amount, 支出 over 项目
 * and the table's columns. */
static void head_two_sided(Xl *x, XlSheet *s, const Table *tb)
{
    const Model *m = x->m;
    const TableLayout *l = &tb->def->layout;
    const SideDef *in = &tb->def->sides[0], *ex = &tb->def->sides[1];
    int r = (int)s->row;
    xl_merge(x, s, r, 0, r + 1, 0, model_label(m, "serial"), x->head);
    xl_merge(x, s, r, 1, r, 2, in->title, x->head);
    xl_merge(x, s, r, 3, r, 3 + tb->ncols, ex->title, x->head);
    xl_merge(x, s, r + 1, 1, r + 1, 1, model_label(m, "item"), x->head);
    xl_merge(x, s, r + 1, 2, r + 1, 2, in->amount_title ? in->amount_title : tb->def->cols[0].title,
             x->head);
    xl_merge(x, s, r + 1, 3, r + 1, 3, model_label(m, "item"), x->head);
    for (int c = 0; c < tb->ncols; c++)
        xl_merge(x, s, r + 1, 4 + c, r + 1, 4 + c, leaf_title(l, tb, c), x->head);
    s->row = (lxw_row_t)(r + 2);
}

static void rows_one_sided(Xl *x, XlSheet *s, const Table *tb, int first)
{
    for (int i = 0; i < tb->nrows; i++, s->row++) {
        const TRow *r = &tb->rows[i];
        bool bold = row_bold(r);
        char no[16];
        snprintf(no, sizeof no, "%d", i + 1);
        xl_text(x, s, 0, no, x->code);
        if (first == 3)
            xl_text(x, s, 1, r->kind == ROW_CODE ? r->key : "", x->code);
        xl_text(x, s, first - 1, view_row_name(r), bold ? x->text_bold : x->text);
        for (int c = 0; c < tb->ncols; c++)
            xl_amount(x, s, first + c, r->cells[c].v, r->cells[c].set, bold);
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

/* One side of a line of table 1 or 4 from column COL: the name and NCELLS
 * amounts, blank when R is NULL. */
static void side(Xl *x, XlSheet *s, int col, const TRow *r, int ncells)
{
    bool bold = r && row_bold(r);
    xl_text(x, s, col, r ? view_row_name(r) : "", bold ? x->text_bold : x->text);
    for (int c = 0; c < ncells; c++)
        xl_amount(x, s, col + 1 + c, r ? r->cells[c].v : dec_zero(), r && r->cells[c].set, bold);
}

static void rows_two_sided(Xl *x, XlSheet *s, const Table *tb)
{
    int no = 0;
    for (int foot = 0; foot < 2; foot++) {
        int nin, nex;
        side_row(tb, 0, foot, -1, &nin);
        side_row(tb, 1, foot, -1, &nex);
        for (int i = 0; i < (nin > nex ? nin : nex); i++, s->row++) {
            char buf[16];
            snprintf(buf, sizeof buf, "%d", ++no);
            xl_text(x, s, 0, buf, x->code);
            side(x, s, 1, side_row(tb, 0, foot, i, NULL), 1);
            side(x, s, 3, side_row(tb, 1, foot, i, NULL), tb->ncols);
        }
    }
}

static void table_sheet(Xl *x, int id)
{
    const Model *m = x->m;
    const Table *tb = model_table(m, id, x->unit);
    const TableDef *def = tb->def;
    XlSheet s;
    char title[1024];
    if (!xl_sheet(x, &s, def->word))
        return;
    bool two = def->nsides == 2;
    int first = two ? 4 : def->catalog < 0 ? 2 : 3, ncols = first + tb->ncols;
    xl_title(x, &s, view_words(m, x->unit, def->title, title, sizeof title), ncols, true);
    if (two)
        head_two_sided(x, &s, tb);
    else
        head_one_sided(x, &s, tb, first);
    worksheet_freeze_panes(s.ws, s.row, 0);
    bool empty = view_table_empty(tb);
    if (two)
        rows_two_sided(x, &s, tb);
    else if (!empty || def->catalog < 0) /* fixed rows are printed empty too */
        rows_one_sided(x, &s, tb, first);
    const char *note = x->unit < 0 ? view_stated_note(m, id) : NULL;
    char buf[1024];
    if (!note && empty)
        note = view_words(m, x->unit, def->note ? def->note : model_label(m, "empty_note"), buf,
                          sizeof buf);
    if (note) {
        const char *mark = model_label(m, "note_mark");
        char text[2048];
        size_t n = strlen(mark);
        snprintf(text, sizeof text, "%s%s", n >= 3 && strncmp(note, mark, 3) == 0 ? "" : mark, note);
        xl_merge(x, &s, (int)s.row, 0, (int)s.row, ncols - 1, text, x->note);
        s.row++;
    }
    xl_fit(&s, ncols);
}

/* ---- the workbook --------------------------------------------------------------- */

static lxw_format *format(Xl *x, bool border, bool bold, int align)
{
    lxw_format *f = workbook_add_format(x->wb);
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    if (bold)
        format_set_bold(f);
    if (align)
        format_set_align(f, (uint8_t)align);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    return f;
}

static void formats(Xl *x)
{
    x->title = format(x, false, true, LXW_ALIGN_CENTER);
    format_set_font_size(x->title, 14);
    x->meta = format(x, false, false, LXW_ALIGN_LEFT);
    x->meta_right = format(x, false, false, LXW_ALIGN_RIGHT);
    x->head = format(x, true, true, LXW_ALIGN_CENTER);
    format_set_text_wrap(x->head);
    x->text = format(x, true, false, LXW_ALIGN_LEFT);
    x->text_bold = format(x, true, true, LXW_ALIGN_LEFT);
    x->code = format(x, true, false, LXW_ALIGN_LEFT);
    format_set_num_format(x->code, "@"); /* text: 2010101 is not a number */
    x->amount = format(x, true, false, LXW_ALIGN_RIGHT);
    format_set_num_format(x->amount, "#,##0.00");
    x->amount_bold = format(x, true, true, LXW_ALIGN_RIGHT);
    format_set_num_format(x->amount_bold, "#,##0.00");
    x->number = format(x, true, false, LXW_ALIGN_RIGHT);
    format_set_num_format(x->number, "General");
    x->note = format(x, false, false, LXW_ALIGN_LEFT);
    format_set_text_wrap(x->note);
}

int emit_xlsx(const Model *m, int unit, const char *path, char *err, size_t errn)
{
    Xl x = {.m = m, .unit = unit};
    x.wb = workbook_new(path);
    if (!x.wb) {
        snprintf(err, errn, "cannot create the workbook '%s'", path);
        return -1;
    }
    /* the same bytes for the same budget: the workbook's date is 1 January
     * of the budget year, 00:00 UTC, not the time of the run */
    long y = m->year > 1970 && m->year < 3000 ? m->year : 1970;
    long days = (y - 1970) * 365 + (y - 1969) / 4 - (y - 1901) / 100 + (y - 1601) / 400;
    lxw_doc_properties props = {.created = (time_t)(days * 86400)};
    workbook_set_properties(x.wb, &props);
    formats(&x);
    for (int t = 0; t < model_ntables(m); t++)
        table_sheet(&x, t);
    xl_extra_sheets(&x);
    lxw_error e = workbook_close(x.wb);
    if (e != LXW_NO_ERROR || x.failed) {
        snprintf(err, errn, "cannot write the workbook '%s': %s", path,
                 e != LXW_NO_ERROR ? lxw_strerror(e) : "a cell was refused");
        return -1;
    }
    return 0;
}
