/*
 * latex_tables.c — the tables of the disclosure in LaTeX, in
 * their published layout (domain.md): the title, a line with 编制单位,
 * 预算年度 and 单位, a head with the column titles (grouped as printed:
 * 功能分类科目 over 科目编码 and 科目名称, 本年收入 over the sources …) and
 * a 栏次 row numbering the columns, then one row per row of the derived
 * table with its 序号.  Tables 1 and 4 are two-sided, income on the left
 * and expenditure on the right, with every function 类 listed.
 *
 * Each table is a longtable, so a long one breaks across pages with its
 * head repeated; tables 2 and 3, the widest, are set on landscape pages.
 * A table without any figure is printed with its head and a note: the
 * budget's own (the `note` of its stated table) or a default one.  In a
 * unit's document (view.h) the tables are the unit's, titled as the unit's
 * (单位预算收支总表), and the notes are the default ones (本单位无…).  A
 * table laid out `across` (the 决算 template's 三公 table) prints its rows
 * side by side in one line, each a group of its amount columns (预算数,
 * 决算数) under the row's title, the titles and the band over them as its
 * definition gives them.
 */
#include <stdlib.h>
#include <string.h>

#include "emit/latex.h"
#include "emit/view.h"

/* The LaTeX command of a layout's font size (tabledef.h allows these). */
static const char *size_command(const char *size)
{
    return !size ? "" : strcmp(size, "footnotesize") == 0 ? "\\footnotesize"
                      : strcmp(size, "scriptsize") == 0   ? "\\scriptsize"
                      : strcmp(size, "normalsize") == 0   ? "\\normalsize"
                                                          : "\\small";
}




/* ---- the head ------------------------------------------------------------------- */

/* The 栏次 row: the columns after 序号 numbered 1, 2, 3 … */
static void column_numbers(Tex *t, int ncols)
{
    tex_raw(t, "\\budhd ");
    tex_line(t, model_label(t->m, "column_numbers"));
    for (int c = 1; c < ncols; c++)
        tex_fmt(t, " & \\budhd %d", c);
    tex_raw(t, " \\\\ \\hline\n");
}

/* Column title C of a table, less its group's title (本年收入小计 → 小计). */
static void leaf_title(Tex *t, const TableLayout *l, const Table *tb, int c)
{
    const char *s = tb->def->cols[c].title;
    size_t n = l->group ? strlen(l->group) : 0;
    if (n && c >= l->gfrom && c <= l->gto && strncmp(s, l->group, n) == 0 && s[n])
        s += n;
    tex_raw(t, " & \\budhd ");
    tex_line(t, s);
}

/* The head of a one-sided table: the group titles over the column titles,
 * which stand in the head's last row. */
static void head_one_sided(Tex *t, const TableLayout *l, const Table *tb)
{
    int first = l->head ? 4 : 3; /* the first amount column, from 1 */
    if (l->head || l->group) {
        tex_raw(t, l->head ? " & \\multicolumn{2}{c|}{" : " & ");
        if (l->head) {
            tex_line(t, l->head);
            tex_raw(t, "}");
        }
        for (int c = 0; c < tb->ncols; c++) {
            if (l->group && c == l->gfrom) {
                tex_fmt(t, " & \\multicolumn{%d}{c|}{", l->gto - l->gfrom + 1);
                tex_line(t, l->group);
                tex_raw(t, "}");
                c = l->gto;
            } else {
                tex_raw(t, " & ");
            }
        }
        tex_raw(t, " \\\\");
        if (l->head)
            tex_raw(t, " \\cline{2-3}");
        if (l->group)
            tex_fmt(t, " \\cline{%d-%d}", first + l->gfrom, first + l->gto);
        tex_raw(t, "\n");
    }
    tex_raw(t, "\\budhd ");
    tex_line(t, model_label(t->m, "serial"));
    if (l->head) {
        tex_raw(t, " & \\budhd ");
        tex_line(t, model_label(t->m, "code_head"));
        tex_raw(t, " & \\budhd ");
        tex_line(t, model_label(t->m, "code_name"));
    } else {
        tex_raw(t, " & \\budhd ");
        tex_line(t, model_label(t->m, "item"));
    }
    for (int c = 0; c < tb->ncols; c++)
        leaf_title(t, l, tb, c);
    tex_raw(t, " \\\\ \\hline\n");
    column_numbers(t, l->ncols);
}

/* The head of tables 1 and 4: 收入 over 项目 and its amount, 支出 over 项目
 * and the table's columns. */
static void head_two_sided(Tex *t, const TableLayout *l, const Table *tb)
{
    const SideDef *in = &tb->def->sides[0], *ex = &tb->def->sides[1];
    tex_raw(t, " & \\multicolumn{2}{c|}{");
    tex_line(t, in->title);
    tex_fmt(t, "} & \\multicolumn{%d}{c|}{", tb->ncols + 1);
    tex_line(t, ex->title);
    tex_fmt(t, "} \\\\ \\cline{2-%d}\n", l->ncols);
    tex_raw(t, "\\budhd ");
    tex_line(t, model_label(t->m, "serial"));
    tex_raw(t, " & \\budhd ");
    tex_line(t, model_label(t->m, "item"));
    tex_raw(t, " & \\budhd ");
    tex_line(t, in->amount_title ? in->amount_title : tb->def->cols[0].title);
    tex_raw(t, " & \\budhd ");
    tex_line(t, model_label(t->m, "item"));
    for (int c = 0; c < tb->ncols; c++)
        leaf_title(t, l, tb, c);
    tex_raw(t, " \\\\ \\hline\n");
    column_numbers(t, l->ncols);
}

static void head_across(Tex *t, const TableLayout *l, const Table *tb);

static void head(Tex *t, const TableLayout *l, const Table *tb)
{
    if (l->across)
        head_across(t, l, tb);
    else if (tb->def->nsides == 2)
        head_two_sided(t, l, tb);
    else
        head_one_sided(t, l, tb);
}

/* ---- the rows ------------------------------------------------------------------- */

/* The rows of a one-sided table; LABELS: table 9 (no code column). */
static void rows_one_sided(Tex *t, const Table *tb, bool labels)
{
    for (int i = 0; i < tb->nrows; i++) {
        const TRow *r = &tb->rows[i];
        tex_fmt(t, "%d & ", i + 1);
        if (!labels) {
            if (r->kind == ROW_CODE)
                tex_line(t, r->key);
            tex_raw(t, " & ");
        }
        tex_text(t, view_row_name(r));
        for (int c = 0; c < tb->ncols; c++) {
            tex_raw(t, " & ");
            tex_cell(t, &r->cells[c]);
        }
        tex_raw(t, " \\\\ \\hline\n");
    }
}

/* One side of a row of table 1 or 4: the name (after its ordinal 一、 …
 * when ORDINAL > 0) and NCELLS amounts; all blank when R is NULL. */
static void side(Tex *t, const TRow *r, int ncells, int ordinal)
{
    char cn[16];
    tex_raw(t, " & ");
    if (r && ordinal > 0)
        tex_fmt(t, "%s、", tex_cn_number(ordinal, cn, sizeof cn));
    if (r)
        tex_text(t, view_row_name(r));
    for (int c = 0; c < ncells; c++) {
        tex_raw(t, " & ");
        if (r)
            tex_cell(t, &r->cells[c]);
    }
}

/* The rows of table 1 or 4: income sources against the function 类, then
 * the total rows against each other. */
static void rows_two_sided(Tex *t, const Table *tb)
{
    /* [0] income, [1] expenditure; body rows, then foot rows */
    const TRow **list[2][2];
    int n[2][2] = {{0, 0}, {0, 0}};
    for (int s = 0; s < 2; s++)
        for (int f = 0; f < 2; f++)
            list[s][f] = xmalloc((size_t)(tb->nrows + 1) * sizeof *list[s][f]);
    for (int i = 0; i < tb->nrows; i++) {
        const TRow *r = &tb->rows[i];
        int s = r->section ? 1 : 0, f = r->foot ? 1 : 0;
        list[s][f][n[s][f]++] = r;
    }
    int seq = 0;
    for (int f = 0; f < 2; f++) {
        int rows = n[0][f] > n[1][f] ? n[0][f] : n[1][f];
        for (int i = 0; i < rows; i++) {
            tex_fmt(t, "%d", ++seq);
            side(t, i < n[0][f] ? list[0][f][i] : NULL, 1, f ? 0 : i + 1);
            side(t, i < n[1][f] ? list[1][f][i] : NULL, tb->ncols, f ? 0 : i + 1);
            tex_raw(t, " \\\\ \\hline\n");
        }
    }
    for (int s = 0; s < 2; s++)
        for (int f = 0; f < 2; f++)
            free(list[s][f]);
}

/* ---- across: the rows side by side ------------------------------------------------ */

/* Whether column C is printed across (every amount column but 增减). */
static bool across_col(const Table *tb, int c)
{
    return tb->def->cols[c].kind != COL_CHANGE;
}

static int across_width(const Table *tb)
{
    int n = 0;
    for (int c = 0; c < tb->ncols; c++)
        n += across_col(tb, c);
    return n;
}

/* The head of a table laid out across (the template's 三公 table): the
 * head's title over everything, the band's title over its rows, each
 * row's title over its columns, and the column titles (预算数, 决算数) under
 * each row. */
static void head_across(Tex *t, const TableLayout *l, const Table *tb)
{
    const RowDef *rows = tb->def->rows;
    int w = across_width(tb), col = 1;
    if (l->head) {
        tex_fmt(t, "\\multicolumn{%d}{|c|}{\\budhd ", l->ncols);
        tex_line(t, l->head);
        tex_raw(t, "} \\\\ \\hline\n");
    }
    if (l->band) { /* the band's title over its rows; the others' titles stand below */
        int bfrom = 0, bto = 0;
        for (int r = 0; r < tb->def->nrows; r++) {
            if (!rows[r].across)
                continue;
            bool in = r >= l->bfrom && r <= l->bto;
            if (in && r > l->bfrom)
                continue;
            int span = w;
            if (in) {
                span = 0;
                for (int k = l->bfrom; k <= l->bto; k++)
                    span += rows[k].across ? w : 0;
                bfrom = col;
                bto = col + span - 1;
            }
            tex_fmt(t, "%s\\multicolumn{%d}{%sc|}{", col > 1 ? " & " : "", span, col == 1 ? "|" : "");
            if (in) {
                tex_raw(t, "\\budhd ");
                tex_line(t, l->band);
            }
            tex_raw(t, "}");
            col += span;
        }
        tex_fmt(t, " \\\\ \\cline{%d-%d}\n", bfrom, bto);
    }
    col = 1;
    for (int r = 0; r < tb->def->nrows; r++) {
        if (!rows[r].across)
            continue;
        tex_fmt(t, "%s\\multicolumn{%d}{%sc|}{\\budhd ", col > 1 ? " & " : "", w, col == 1 ? "|" : "");
        tex_line(t, rows[r].across);
        tex_raw(t, "}");
        col += w;
    }
    tex_raw(t, " \\\\ \\hline\n");
    col = 1;
    for (int r = 0; r < tb->def->nrows; r++) {
        if (!rows[r].across)
            continue;
        for (int c = 0; c < tb->ncols; c++) {
            if (!across_col(tb, c))
                continue;
            tex_raw(t, col++ > 1 ? " & \\budhd " : "\\budhd ");
            tex_line(t, tb->def->cols[c].title);
        }
    }
    tex_raw(t, " \\\\ \\hline\n");
}

/* The one line of a table laid out across: each row's amounts. */
static void rows_across(Tex *t, const Table *tb)
{
    int col = 1;
    for (int r = 0; r < tb->def->nrows; r++) {
        if (!tb->def->rows[r].across)
            continue;
        const TRow *row = NULL;
        for (int i = 0; i < tb->nrows && !row; i++)
            if (tb->rows[i].def == &tb->def->rows[r])
                row = &tb->rows[i];
        for (int c = 0; c < tb->ncols; c++) {
            if (!across_col(tb, c))
                continue;
            if (col++ > 1)
                tex_raw(t, " & ");
            if (row)
                tex_cell(t, &row->cells[c]);
        }
    }
    tex_raw(t, " \\\\ \\hline\n");
}

/* ---- the table ------------------------------------------------------------------ */

/* Where the table goes (its page, the contents), its font, and the
 * longtable with its head: on the first page with the title and the
 * 编制单位 line, on the next ones with the title marked 续. */
static void open_table(Tex *t, const TableLayout *l, const Table *tb, bool own_page,
                       bool part_start)
{
    char year[16];
    const char *title = tb->def->title;
    if (own_page)
        tex_raw(t, "\\clearpage\n");
    if (l->landscape)
        tex_raw(t, "\\begin{landscape}\n");
    if (part_start) {
        tex_raw(t, "\\section{");
        tex_words(t, t->m->disclosure->title ? t->m->disclosure->title : "");
        tex_raw(t, "}\n");
    }
    if (own_page) {
        tex_raw(t, "\\addcontentsline{toc}{subsection}{");
        tex_words(t, title);
        tex_raw(t, "}\n");
    }
    tex_fmt(t, "\\begingroup%s\\setlength{\\tabcolsep}{3pt}\n", size_command(l->size));
    tex_longtable(t, l->spec);
    tex_fmt(t, "\\multicolumn{%d}{T}{\\budtitle{", l->ncols);
    tex_words(t, title);
    tex_raw(t, "}} \\\\[4pt]\n");
    snprintf(year, sizeof year, "%d", t->m->year);
    tex_meta_row(t, l->ncols, model_label(t->m, "budget_year"), year);
    tex_raw(t, "\\hline\n");
    head(t, l, tb);
    tex_fmt(t, "\\endfirsthead\n\\multicolumn{%d}{Y}{\\small ", l->ncols);
    tex_words(t, title);
    tex_line(t, model_label(t->m, "continued"));
    tex_raw(t, "} \\\\ \\hline\n");
    head(t, l, tb);
    tex_raw(t, "\\endhead\n");
}

void tex_table(Tex *t, int id, bool own_page, bool part_start)
{
    const Table *tb = model_table(t->m, id, t->unit);
    const TableLayout *l = &tb->def->layout;
    bool empty = view_table_empty(tb);
    open_table(t, l, tb, own_page, part_start);
    if (l->across) /* one line, blank when the table is empty */
        rows_across(t, tb);
    else if (tb->def->nsides == 2)
        rows_two_sided(t, tb);
    else if (!empty || tb->def->catalog < 0) /* fixed rows are printed empty too */
        rows_one_sided(t, tb, tb->def->catalog < 0);
    tex_raw(t, "\\end{longtable}\n\\endgroup\n");
    /* the note the budget states is under the department's table */
    const char *note = t->unit < 0 ? view_stated_note(t->m, id) : NULL;
    char buf[1024];
    if (!note && empty)
        note = view_words(t->m, t->unit, tb->def->note ? tb->def->note : model_label(t->m, "empty_note"),
                          buf, sizeof buf);
    if (note) {
        const char *mark = model_label(t->m, "note_mark"); /* 注： */
        size_t n = strlen(mark);
        tex_raw(t, "\\budnote{");
        /* a note that starts with 注 has its own mark */
        if (n < 3 || strncmp(note, mark, 3) != 0)
            tex_line(t, mark);
        tex_text(t, note);
        tex_raw(t, "}\n");
    }
    if (l->landscape)
        tex_raw(t, "\\end{landscape}\n");
    tex_raw(t, "\n");
}
