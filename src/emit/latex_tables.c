/*
 * emit_latex_tables.c — the nine tables of the disclosure in LaTeX, in
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
 * budget's own (the `note` of its stated table) or a default one.
 */
#include <stdlib.h>
#include <string.h>

#include "emit/latex.h"

/* How a table is set. */
typedef struct Layout {
    const char *spec;     /* column widths (tex_longtable), 序号 first */
    int ncols;            /* columns in all */
    bool landscape;
    const char *size;     /* the font size of the table */
    const char *codehead; /* the title over 科目编码 and 科目名称, or NULL */
    const char *group;    /* a title over amount columns GFROM … GTO, or NULL */
    int gfrom, gto;
} Layout;

static const Layout layouts[T__COUNT] = {
    [T_SZ] = {"C60 L330 R140 L330 R140", 5, false, "\\small", NULL, NULL, 0, 0},
    [T_SR] = {"C35 C70 L175 R72 R72 R72 R72 R72 R72 R72 R72 R72 R72", 13, true, "\\footnotesize",
              "功能分类科目", "本年收入", 1, 8},
    [T_ZC] = {"C40 C80 L244 R106 R106 R106 R106 R106 R106", 9, true, "\\footnotesize",
              "功能分类科目", NULL, 0, 0},
    [T_CZ] = {"C55 L180 R105 L220 R110 R110 R110 R110", 8, false, "\\footnotesize", NULL, NULL, 0,
              0},
    [T_GP] = {"C60 C120 L400 R140 R140 R140", 6, false, "\\small", "功能分类科目", NULL, 0, 0},
    [T_BASIC] = {"C60 C120 L400 R140 R140 R140", 6, false, "\\small", "部门预算支出经济分类科目",
                 "一般公共预算基本支出", 0, 2},
    [T_FUND] = {"C60 C120 L400 R140 R140 R140", 6, false, "\\small", "功能分类科目", NULL, 0, 0},
    [T_SOE] = {"C60 C120 L400 R140 R140 R140", 6, false, "\\small", "功能分类科目", NULL, 0, 0},
    [T_SG] = {"C60 L340 R150 R150 R150 R150", 6, false, "\\small", NULL, "资金性质", 0, 3},
};

/* The rows of table 9 as printed, by their key. */
static const struct {
    const char *key, *label;
} sg_labels[] = {
    {"三公小计", "“三公”经费小计"},
    {"因公出国费", "一、因公出国（境）费"},
    {"教学科研人员因公出国费", "其中：教学科研人员因公出国（境）费"},
    {"其他因公出国费", "其他因公出国（境）费"},
    {"公务用车购置及运维费", "二、公务用车购置及运维费"},
    {"公务用车购置费", "其中：公务用车购置费"},
    {"公务用车运行维护费", "公务用车运行维护费"},
    {"公务接待费", "三、公务接待费"},
};

/* The note of an empty table when the budget states none. */
static const char *default_note(TableId id)
{
    switch (id) {
    case T_FUND: return "本部门无政府性基金预算财政拨款预算，此表为空表。";
    case T_SOE: return "本部门无国有资本经营预算财政拨款预算，此表为空表。";
    case T_SG: return "本部门无财政拨款“三公”经费预算，此表为空表。";
    default: return "本部门无此项预算，此表为空表。";
    }
}

/* The note the budget states under table ID (`table … { note "…" }`), or NULL. */
static const char *stated_note(const Model *m, TableId id)
{
    for (int i = 0; i < m->nstated; i++)
        if (m->stated[i].id == id && m->stated[i].note)
            return m->stated[i].note;
    return NULL;
}

/* Whether no cell of the table has a figure. */
static bool table_empty(const Table *tb)
{
    for (int i = 0; i < tb->nrows; i++)
        for (int c = 0; c < tb->ncols; c++)
            if (tb->rows[i].cells[c].set)
                return false;
    return true;
}

/* A row's name as printed: table 9's labels, a code's catalogue name (the
 * code itself when the catalogue has none). */
static const char *row_name(TableId id, const TRow *r)
{
    if (id == T_SG)
        for (size_t i = 0; i < sizeof sg_labels / sizeof sg_labels[0]; i++)
            if (strcmp(r->key, sg_labels[i].key) == 0)
                return sg_labels[i].label;
    if (r->kind == ROW_CODE && !*r->name)
        return r->key;
    return r->name;
}

/* ---- the head ------------------------------------------------------------------- */

/* The 栏次 row: the columns after 序号 numbered 1, 2, 3 … */
static void column_numbers(Tex *t, int ncols)
{
    tex_raw(t, "\\budhd 栏次");
    for (int c = 1; c < ncols; c++)
        tex_fmt(t, " & \\budhd %d", c);
    tex_raw(t, " \\\\ \\hline\n");
}

/* Column title C of a table, less its group's title (本年收入小计 → 小计). */
static void leaf_title(Tex *t, const Layout *l, const Table *tb, int c)
{
    const char *s = tb->cols[c];
    size_t n = l->group ? strlen(l->group) : 0;
    if (n && c >= l->gfrom && c <= l->gto && strncmp(s, l->group, n) == 0 && s[n])
        s += n;
    tex_raw(t, " & \\budhd ");
    tex_line(t, s);
}

/* The head of a one-sided table: the group titles over the column titles,
 * which stand in the head's last row. */
static void head_one_sided(Tex *t, const Layout *l, const Table *tb)
{
    int first = l->codehead ? 4 : 3; /* the first amount column, from 1 */
    if (l->codehead || l->group) {
        tex_raw(t, l->codehead ? " & \\multicolumn{2}{c|}{" : " & ");
        if (l->codehead)
            tex_fmt(t, "%s}", l->codehead);
        for (int c = 0; c < tb->ncols; c++) {
            if (l->group && c == l->gfrom) {
                tex_fmt(t, " & \\multicolumn{%d}{c|}{%s}", l->gto - l->gfrom + 1, l->group);
                c = l->gto;
            } else {
                tex_raw(t, " & ");
            }
        }
        tex_raw(t, " \\\\");
        if (l->codehead)
            tex_raw(t, " \\cline{2-3}");
        if (l->group)
            tex_fmt(t, " \\cline{%d-%d}", first + l->gfrom, first + l->gto);
        tex_raw(t, "\n");
    }
    tex_raw(t, l->codehead ? "\\budhd 序号 & \\budhd 科目编码 & \\budhd 科目名称"
                           : "\\budhd 序号 & \\budhd 项目");
    for (int c = 0; c < tb->ncols; c++)
        leaf_title(t, l, tb, c);
    tex_raw(t, " \\\\ \\hline\n");
    column_numbers(t, l->ncols);
}

/* The head of tables 1 and 4: 收入 over 项目 and its amount, 支出 over 项目
 * and the table's columns. */
static void head_two_sided(Tex *t, const Layout *l, const Table *tb)
{
    tex_fmt(t, " & \\multicolumn{2}{c|}{收入} & \\multicolumn{%d}{c|}{支出} \\\\ \\cline{2-%d}\n",
            tb->ncols + 1, l->ncols);
    tex_fmt(t, "\\budhd 序号 & \\budhd 项目 & \\budhd %s & \\budhd 项目",
            tb->id == T_SZ ? "预算数" : "金额");
    for (int c = 0; c < tb->ncols; c++)
        leaf_title(t, l, tb, c);
    tex_raw(t, " \\\\ \\hline\n");
    column_numbers(t, l->ncols);
}

static void head(Tex *t, const Layout *l, const Table *tb)
{
    if (tb->id == T_SZ || tb->id == T_CZ)
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
        tex_text(t, row_name(tb->id, r));
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
        tex_text(t, row_name(T_SZ, r));
    for (int c = 0; c < ncells; c++) {
        tex_raw(t, " & ");
        if (r)
            tex_cell(t, &r->cells[c]);
    }
}

/* The total rows at the foot of each side (本年收入合计 … 支出总计). */
static bool foot_row(const TRow *r)
{
    static const char *const keys[] = {"本年收入合计", "上年结转结余", "年初结转结余",
                                       "收入总计"};
    if (r->section == 1)
        return r->kind != ROW_CODE;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(r->key, keys[i]) == 0)
            return true;
    return false;
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
        int s = r->section ? 1 : 0, f = foot_row(r) ? 1 : 0;
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

/* ---- the table ------------------------------------------------------------------ */

/* Where the table goes (its page, the contents), its font, and the
 * longtable with its head: on the first page with the title and the
 * 编制单位 line, on the next ones with the title marked 续. */
static void open_table(Tex *t, const Layout *l, const Table *tb, bool own_page, bool part_start)
{
    char year[16];
    const char *title = table_title(tb->id);
    if (own_page)
        tex_raw(t, "\\clearpage\n");
    if (l->landscape)
        tex_raw(t, "\\begin{landscape}\n");
    if (part_start)
        tex_raw(t, "\\section{部门预算公开表}\n");
    if (own_page) {
        tex_raw(t, "\\addcontentsline{toc}{subsection}{");
        tex_line(t, title);
        tex_raw(t, "}\n");
    }
    tex_fmt(t, "\\begingroup%s\\setlength{\\tabcolsep}{3pt}\n", l->size);
    tex_longtable(t, l->spec);
    tex_fmt(t, "\\multicolumn{%d}{T}{\\budtitle{", l->ncols);
    tex_line(t, title);
    tex_raw(t, "}} \\\\[4pt]\n");
    snprintf(year, sizeof year, "%d", t->m->year);
    tex_meta_row(t, l->ncols, "预算年度：", year);
    tex_raw(t, "\\hline\n");
    head(t, l, tb);
    tex_fmt(t, "\\endfirsthead\n\\multicolumn{%d}{Y}{\\small ", l->ncols);
    tex_line(t, title);
    tex_raw(t, "（续）} \\\\ \\hline\n");
    head(t, l, tb);
    tex_raw(t, "\\endhead\n");
}

void tex_table(Tex *t, TableId id, bool own_page, bool part_start)
{
    const Layout *l = &layouts[id];
    const Table *tb = model_table(t->m, id, -1);
    bool empty = table_empty(tb);
    open_table(t, l, tb, own_page, part_start);
    if (id == T_SZ || id == T_CZ)
        rows_two_sided(t, tb);
    else if (!empty || id == T_SG) /* table 9's rows are its fixed items */
        rows_one_sided(t, tb, id == T_SG);
    tex_raw(t, "\\end{longtable}\n\\endgroup\n");
    const char *note = stated_note(t->m, id);
    if (!note && empty)
        note = default_note(id);
    if (note) {
        tex_raw(t, "\\budnote{");
        if (strncmp(note, "注", strlen("注")) != 0)
            tex_raw(t, "注：");
        tex_text(t, note);
        tex_raw(t, "}\n");
    }
    if (l->landscape)
        tex_raw(t, "\\end{landscape}\n");
    tex_raw(t, "\n");
}
