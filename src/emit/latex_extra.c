/*
 * latex_extra.c — the blocks of the disclosure besides the tables, each
 * of which a narrative can `insert` (latex.h): the
 * 机构设置表, the 部门整体绩效目标 (goal text and 分项绩效目标), one
 * 绩效目标表 per project, the 政府采购 table, the 国有资产 table and the
 * 名词解释, and a 决算's 项目支出绩效自评表 per project evaluated (the
 * budget's indicators and targets beside what each achieved, its 分值,
 * 得分 and 偏差原因, then the 总分 and the grade).  In a unit's document
 * (view.h): the unit's row, projects and purchases; the 部门整体绩效目标 and the asset table are the department's,
 * and a unit's document has none.
 *
 * In a 绩效目标表 the 一级 and 二级 indicator cells are merged down over
 * the rows that share them, as printed: the name stands in the first row
 * and the rules between the rows stop short of the merged columns.  The
 * rows of a merged group are kept on one page (longtable's \\*, and
 * \budcline for the rules: longtable's own \hline invites a page break), so
 * a merged cell never loses its name at a page break; a group too long for
 * that (more than MERGE_MAX rows) repeats its names on every row instead.
 * A table's own rows (项目名称 … the column titles) are kept with its first
 * group the same way.
 */
#include <string.h>

#include "emit/latex.h"
#include "emit/view.h"

#define MERGE_MAX 12

/* The columns of a 绩效目标表 (tex_longtable), and the width of its last
 * four, where the project's name, 预算资金 and goal stand. */
#define PROJECT_COLS "C125 C130 L185 L235 C140 L185"
#define PROJECT_TEXT "745"

/* The columns of the procurement table, and the width of its first seven,
 * under the label of a 合计 or 小计 row. */
/* The procurement table: 项目名称, 预算资金, 品目名称, 目录代码, 计量单位, 数量,
 * 单价, 金额, 资金来源, [采购方式,] 预留中小微企业份额; the total rows' label
 * spans the first seven. */
#define PURCHASE_COLS "L150 R90 L140 C110 C60 R55 R95 R90 L100 R110"
#define PURCHASE_LABEL "700"
#define PURCHASE_COLS_METHOD "L140 R85 L125 C105 C55 R50 R90 R85 L90 L75 R100"
#define PURCHASE_LABEL_METHOD "650"

/* The tag of each block's word in the `insert` vocabulary. */
static const unsigned block_tags[TB__COUNT] = {
    [TB_UNITS] = TAG_UNITS,         [TB_PERF] = TAG_PERFORMANCE, [TB_PROJECTS] = TAG_PROJECTS,
    [TB_SELFEVAL] = TAG_SELFEVAL,
    [TB_PURCHASES] = TAG_PURCHASES, [TB_ASSETS] = TAG_ASSETS,    [TB_GLOSSARY] = TAG_GLOSSARY,
};

/* Block B's word in the vocabulary, or NULL when it has none. */
static const Word *block(const Model *m, TexBlock b)
{
    int i = vocab_tagged(m->vocab, DIM_INSERT, block_tags[b]);
    return i < 0 ? NULL : &m->vocab->dim[DIM_INSERT].words[i];
}

const char *tex_block_word(const Model *m, TexBlock b)
{
    const Word *w = block(m, b);
    return w ? w->name : NULL;
}

const char *tex_block_title(const Model *m, TexBlock b)
{
    const Word *w = block(m, b);
    return w ? w->title : "";
}

static bool has_projects(const Model *m, int unit)
{
    for (int i = 0; i < m->nprojects; i++)
        if (view_has_project(unit, &m->projects[i]))
            return true;
    return false;
}

static bool has_results(const Model *m, int unit)
{
    for (int i = 0; i < m->nprojects; i++)
        if (m->projects[i].has_result && view_has_project(unit, &m->projects[i]))
            return true;
    return false;
}

bool tex_block_has_content(const Model *m, int unit, TexBlock b)
{
    switch (b) {
    case TB_UNITS: return m->nunits > 0;
    case TB_PERF: return unit < 0 && (m->nperf_goals > 0 || m->ntargets > 0);
    case TB_PROJECTS: return has_projects(m, unit);
    case TB_SELFEVAL: return has_results(m, unit);
    case TB_PURCHASES: return view_has_purchases(m, unit);
    case TB_ASSETS: return unit < 0 && m->assets.present;
    case TB_GLOSSARY: return m->nglossary > 0;
    default: return false;
    }
}

/* ---- shared --------------------------------------------------------------------- */

/* The label KEY of the vocabulary (vocab.h). */
static const char *label(const Tex *t, const char *key)
{
    return model_label(t->m, key);
}

/* The column titles of a head, the labels KEYS[0..N), as cells. */
static void head_cells(Tex *t, const char *const *keys, int n)
{
    for (int i = 0; i < n; i++) {
        tex_raw(t, i ? " & \\budhd " : "\\budhd ");
        tex_line(t, label(t, keys[i]));
        if (strcmp(keys[i], "value") == 0) { /* the asset table's value, in money: its
                                                 quantities are 平方米, 台 … */
            tex_raw(t, "（");
            tex_line(t, t->m->money);
            tex_raw(t, "）");
        }
    }
}

/* The start of a table of a block: its font (SIZE), the longtable of SPEC
 * (NCOLS columns), and a head with TITLE (when not NULL) and the 编制单位
 * line (when META: with 截止时间 DATE when not NULL, and 单位) over the
 * column titles, the labels COLS; on the next pages the head has the title
 * marked 续. */
static void open_block_table(Tex *t, const char *size, const char *spec, int ncols,
                             const char *title, bool meta, const char *date,
                             const char *const *cols)
{
    tex_fmt(t, "\\begingroup%s\\setlength{\\tabcolsep}{3pt}\n", size);
    tex_longtable(t, spec);
    if (title) {
        tex_fmt(t, "\\multicolumn{%d}{T}{\\budtitle{", ncols);
        tex_words(t, title);
        tex_raw(t, "}} \\\\[4pt]\n");
    }
    if (meta)
        tex_meta_row(t, ncols, date ? label(t, "as_of") : NULL, date);
    tex_raw(t, "\\hline\n");
    head_cells(t, cols, ncols);
    tex_raw(t, " \\\\ \\hline\n\\endfirsthead\n");
    if (title) {
        tex_fmt(t, "\\multicolumn{%d}{Y}{\\small ", ncols);
        tex_words(t, title);
        tex_line(t, label(t, "continued"));
        tex_raw(t, "} \\\\\n");
    }
    tex_raw(t, "\\hline\n");
    head_cells(t, cols, ncols);
    tex_raw(t, " \\\\ \\hline\n\\endhead\n");
}

static void close_table(Tex *t)
{
    tex_raw(t, "\\end{longtable}\n\\endgroup\n\n");
}

/* An indicator value as printed: ≥500篇, 100%, 比上年提升. */
static void value(Tex *t, const IndValue *v)
{
    static const char *const ops[] = {
        [OP_EQ] = "=", [OP_NE] = "≠", [OP_LT] = "\\textless{}", [OP_LE] = "≤",
        [OP_GT] = "\\textgreater{}", [OP_GE] = "≥",
    };
    if (v->kind != IV_NUMBER) {
        tex_text(t, v->text);
        return;
    }
    if (v->op_written)
        tex_raw(t, ops[v->op]);
    tex_num(t, v->num);
    tex_line(t, v->measure);
}

/* ---- 机构设置表 ------------------------------------------------------------------- */

static void units(Tex *t, bool caption)
{
    static const char *const cols[] = {"unit_name", "unit_nature", "unit_rank", "unit_funding"};
    open_block_table(t, "\\small", "L400 C150 C150 L300", 4,
                     caption ? tex_block_title(t->m, TB_UNITS) : NULL, false, NULL, cols);
    for (int i = 0; i < t->m->nunits; i++) {
        const Unit *u = &t->m->units[i];
        if (t->unit >= 0 && i != t->unit) /* a unit's document: the unit alone */
            continue;
        tex_text(t, u->name);
        tex_raw(t, " & ");
        tex_text(t, u->nature);
        tex_raw(t, " & ");
        tex_text(t, u->rank);
        tex_raw(t, " & ");
        tex_text(t, u->funding);
        tex_raw(t, " \\\\ \\hline\n");
    }
    close_table(t);
}

/* ---- 部门整体绩效目标 ---------------------------------------------------------------- */

/* （一）总体绩效目标, the goal text; （二）分项绩效目标, a table of the
 * target groups, each row a goal, its indicator and the value. */
static void performance(Tex *t)
{
    const Model *m = t->m;
    char cn[16];
    if (m->nperf_goals > 0) {
        tex_raw(t, "\\budheading{");
        tex_line(t, label(t, "perf_overall"));
        tex_raw(t, "}\n\n");
    }
    for (int i = 0; i < m->nperf_goals; i++) {
        tex_text(t, m->perf_goals[i]);
        tex_raw(t, "\n\n");
    }
    if (m->ntargets == 0)
        return;
    static const char *const cols[] = {"serial", "goal_head", "indicator", "indicator_value"};
    tex_raw(t, "\\budheading{");
    tex_line(t, label(t, "perf_targets"));
    tex_raw(t, "}\n\n");
    open_block_table(t, "\\small", "C70 L430 L330 C170", 4, NULL, false, NULL, cols);
    for (int i = 0; i < m->ntargets; i++) {
        const Target *g = &m->targets[i];
        tex_fmt(t, "\\multicolumn{4}{|L{1000}|}{\\textbf{%s、", tex_cn_number(i + 1, cn, sizeof cn));
        tex_line(t, g->name);
        tex_raw(t, "}} \\\\* \\budcline{1-4}\n");
        for (int j = 0; j < g->nrows; j++) {
            tex_fmt(t, "%d & ", j + 1);
            tex_text(t, g->rows[j].goal);
            tex_raw(t, " & ");
            tex_text(t, g->rows[j].indicator);
            tex_raw(t, " & ");
            value(t, &g->rows[j].value);
            tex_raw(t, " \\\\ \\hline\n");
        }
    }
    close_table(t);
}

/* ---- 绩效目标表 -------------------------------------------------------------------- */

/* The 一级 of an indicator: as written, or the catalogue's for its 二级. */
static const char *level1(const Model *m, const Indicator *in)
{
    if (in->level1)
        return in->level1;
    const CatEntry *e = cat_find(&m->cat->k[CAT_INDICATOR], in->level2);
    return e && e->extra ? e->extra : "";
}

static bool same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* A row of the head of a 绩效目标表: the label KEY over the first two
 * columns, the text over the other four. */
static void label_row(Tex *t, const char *key)
{
    tex_raw(t, "\\multicolumn{2}{|c|}{");
    tex_line(t, label(t, key));
    tex_raw(t, "} & \\multicolumn{4}{L{" PROJECT_TEXT "}|}{");
}

/* The column titles of a 绩效目标表. */
static void project_cols(Tex *t)
{
    static const char *const cols[] = {"level1",          "level2",          "level3",
                                       "indicator_desc",  "indicator_value", "indicator_basis"};
    head_cells(t, cols, 6);
}

static void project_head(Tex *t, const Project *p, int k)
{
    const Model *m = t->m;
    tex_raw(t, "\\begingroup\\small\\setlength{\\tabcolsep}{3pt}\n");
    tex_longtable(t, PROJECT_COLS);
    tex_fmt(t, "\\multicolumn{6}{T}{\\budtitle{%d、", k);
    tex_line(t, p->name);
    tex_line(t, label(t, "goal_table"));
    tex_raw(t, "}} \\\\[4pt]\n\\hline\n\\endfirsthead\n");
    tex_fmt(t, "\\multicolumn{6}{Y}{\\small %d、", k);
    tex_line(t, p->name);
    tex_line(t, label(t, "goal_table"));
    tex_line(t, label(t, "continued"));
    tex_raw(t, "} \\\\\n\\hline\n");
    project_cols(t);
    tex_raw(t, " \\\\ \\hline\n\\endhead\n");
    /* the project's own rows, kept with the column titles */
    label_row(t, "project_name");
    tex_text(t, p->name);
    tex_raw(t, "} \\\\* \\budcline{1-6}\n");
    if (m->nunits > 1) {
        label_row(t, "budget_unit");
        tex_text(t, m->units[p->unit].name);
        tex_raw(t, "} \\\\* \\budcline{1-6}\n");
    }
    if (p->has_amount) {
        tex_raw(t, "\\multicolumn{2}{|c|}{");
        tex_line(t, label(t, "project_amount"));
        tex_raw(t, "（");
        tex_line(t, m->money);
        tex_raw(t, "）} & \\multicolumn{4}{L{" PROJECT_TEXT "}|}{");
        tex_money(t, p->amount);
        tex_raw(t, "} \\\\* \\budcline{1-6}\n");
    }
    label_row(t, "goal_head");
    tex_text(t, p->goal);
    tex_raw(t, "} \\\\* \\budcline{1-6}\n");
    project_cols(t);
    tex_raw(t, " \\\\* \\budcline{1-6}\n");
}

/* The indicator rows: 一级 and 二级 merged down over the rows sharing them. */
static void indicator_rows(Tex *t, const Project *p)
{
    const Model *m = t->m;
    int start = 0; /* the first row of the current 一级 group */
    bool merge = true;
    for (int i = 0; i < p->nind; i++) {
        const Indicator *in = &p->ind[i];
        const char *l1 = level1(m, in);
        bool new1 = i == 0 || !same(l1, level1(m, &p->ind[i - 1]));
        if (new1) {
            int end = i + 1;
            while (end < p->nind && same(l1, level1(m, &p->ind[end])))
                end++;
            start = i;
            merge = end - start <= MERGE_MAX;
        }
        bool new2 = new1 || !same(in->level2, p->ind[i - 1].level2);
        if (new1 || !merge)
            tex_text(t, l1);
        tex_raw(t, " & ");
        if (new2 || !merge)
            tex_text(t, in->level2);
        tex_raw(t, " & ");
        tex_text(t, in->name);
        tex_raw(t, " & ");
        tex_text(t, in->desc ? in->desc : in->name);
        tex_raw(t, " & ");
        value(t, &in->value);
        tex_raw(t, " & ");
        tex_text(t, in->basis);
        const Indicator *next = i + 1 < p->nind ? &p->ind[i + 1] : NULL;
        if (merge && next && same(l1, level1(m, next)))
            tex_raw(t, same(in->level2, next->level2) ? " \\\\* \\budcline{3-6}\n"
                                                      : " \\\\* \\budcline{2-6}\n");
        else
            tex_raw(t, " \\\\ \\hline\n");
    }
}

static void projects(Tex *t)
{
    for (int i = 0, k = 0; i < t->m->nprojects; i++) {
        const Project *p = &t->m->projects[i];
        if (!view_has_project(t->unit, p))
            continue;
        project_head(t, p, ++k);
        indicator_rows(t, p);
        close_table(t);
    }
}

/* ---- 项目支出绩效自评表 ---------------------------------------------------------------- */

/* The columns of a 项目支出绩效自评表: 一级, 二级 and 三级指标, 年度指标值,
 * 实际完成值, 分值, 得分, 偏差原因及改进措施; the head rows' label spans the
 * first two, their text the other six. */
#define SELFEVAL_COLS "C85 C95 L165 C115 C115 C65 C70 L290"
#define SELFEVAL_TEXT "815"

/* The project of the budget a 决算 executes with P's name and unit, or
 * NULL (no budget named, or a project it did not plan). */
static const Project *planned_project(const Model *m, const Project *p)
{
    const Model *b = m->budget_model;
    for (int i = 0; b && i < b->nprojects; i++)
        if (strcmp(b->projects[i].name, p->name) == 0 &&
            strcmp(b->units[b->projects[i].unit].id, m->units[p->unit].id) == 0)
            return &b->projects[i];
    return NULL;
}

static void selfeval_label(Tex *t, const char *key)
{
    tex_raw(t, "\\multicolumn{2}{|c|}{");
    tex_line(t, label(t, key));
    tex_raw(t, "} & \\multicolumn{6}{L{" SELFEVAL_TEXT "}|}{");
}

static void selfeval_cols(Tex *t)
{
    static const char *const cols[] = {"level1",       "level2",      "level3",
                                       "target_value", "actual_value", "weight_head",
                                       "points_head",  "deviation_head"};
    head_cells(t, cols, 8);
}

static void selfeval_head(Tex *t, const Project *p, const Project *bp, int k)
{
    const Model *m = t->m;
    tex_raw(t, "\\begingroup\\small\\setlength{\\tabcolsep}{3pt}\n");
    tex_longtable(t, SELFEVAL_COLS);
    tex_fmt(t, "\\multicolumn{8}{T}{\\budtitle{%d、", k);
    tex_line(t, p->name);
    tex_line(t, tex_block_title(m, TB_SELFEVAL));
    tex_raw(t, "}} \\\\[4pt]\n\\hline\n\\endfirsthead\n");
    tex_fmt(t, "\\multicolumn{8}{Y}{\\small %d、", k);
    tex_line(t, p->name);
    tex_line(t, tex_block_title(m, TB_SELFEVAL));
    tex_line(t, label(t, "continued"));
    tex_raw(t, "} \\\\\n\\hline\n");
    selfeval_cols(t);
    tex_raw(t, " \\\\ \\hline\n\\endhead\n");
    /* the project's own rows, kept with the column titles */
    selfeval_label(t, "project_name");
    tex_text(t, p->name);
    tex_raw(t, "} \\\\* \\budcline{1-8}\n");
    if (m->nunits > 1) {
        selfeval_label(t, "budget_unit");
        tex_text(t, m->units[p->unit].name);
        tex_raw(t, "} \\\\* \\budcline{1-8}\n");
    }
    if (p->has_amount) {
        tex_raw(t, "\\multicolumn{2}{|c|}{");
        tex_line(t, label(t, "project_amount"));
        tex_raw(t, "（");
        tex_line(t, m->money);
        tex_raw(t, "）} & \\multicolumn{6}{L{" SELFEVAL_TEXT "}|}{");
        tex_money(t, p->amount);
        tex_raw(t, "} \\\\* \\budcline{1-8}\n");
    }
    selfeval_label(t, "goal_head");
    tex_text(t, bp ? bp->goal : p->goal);
    tex_raw(t, "} \\\\* \\budcline{1-8}\n");
    selfeval_cols(t);
    tex_raw(t, " \\\\* \\budcline{1-8}\n");
}

/* One indicator's row: its names and target (the budget's, IN; NULL when
 * the budget has none of that name) and what it achieved (A; NULL when the
 * 决算 does not say). */
static void selfeval_row(Tex *t, const Indicator *in, const char *name, const Achieved *a)
{
    if (in) {
        tex_text(t, level1(t->m, in));
        tex_raw(t, " & ");
        tex_text(t, in->level2);
    } else
        tex_raw(t, " & ");
    tex_raw(t, " & ");
    tex_text(t, name);
    tex_raw(t, " & ");
    if (in)
        value(t, &in->value);
    tex_raw(t, " & ");
    if (a)
        value(t, &a->value);
    tex_raw(t, " & ");
    if (a && a->has_points)
        tex_num(t, a->weight);
    tex_raw(t, " & ");
    if (a && a->has_points)
        tex_num(t, a->points);
    tex_raw(t, " & ");
    if (a)
        tex_text(t, a->reason);
    tex_raw(t, " \\\\ \\hline\n");
}

static const Achieved *achieved(const Project *p, const char *name)
{
    for (int i = 0; i < p->nach; i++)
        if (strcmp(p->ach[i].name, name) == 0)
            return &p->ach[i];
    return NULL;
}

/* 总分: the score (under 得分) and the grade. */
static void selfeval_total(Tex *t, const Project *p)
{
    tex_raw(t, "\\multicolumn{6}{|c|}{\\budhd ");
    tex_line(t, label(t, "total_score"));
    tex_raw(t, "} & ");
    tex_num(t, p->score);
    tex_raw(t, " & ");
    tex_line(t, label(t, "grade_head"));
    tex_raw(t, "：");
    tex_text(t, p->grade);
    tex_raw(t, " \\\\ \\hline\n");
}

/* A 项目支出绩效自评表 for each project with a 绩效自评: the budget's
 * indicators in its order, with what each achieved, then those the 决算
 * names that the budget does not have (W-RESULT-INDICATOR). */
static void selfevals(Tex *t)
{
    for (int i = 0, k = 0; i < t->m->nprojects; i++) {
        const Project *p = &t->m->projects[i];
        if (!p->has_result || !view_has_project(t->unit, p))
            continue;
        const Project *bp = planned_project(t->m, p);
        selfeval_head(t, p, bp, ++k);
        for (int j = 0; bp && j < bp->nind; j++)
            selfeval_row(t, &bp->ind[j], bp->ind[j].name, achieved(p, bp->ind[j].name));
        for (int j = 0; j < p->nach; j++) {
            bool planned = false;
            for (int n = 0; bp && n < bp->nind && !planned; n++)
                planned = strcmp(bp->ind[n].name, p->ach[j].name) == 0;
            if (!planned)
                selfeval_row(t, NULL, p->ach[j].name, &p->ach[j]);
        }
        selfeval_total(t, p);
        close_table(t);
    }
}

/* ---- 政府采购 ---------------------------------------------------------------------- */

/* The figure 采购.WHAT of UNIT (-1: the department) from the model, or
 * false when no purchase line in scope has it written (SME: an `sme`). */
static bool purchase_total(const Model *m, const char *what, int unit, bool sme, Dec *out)
{
    bool any = false;
    for (int i = 0; i < m->nprojects; i++)
        for (int j = 0; j < m->projects[i].npur; j++)
            if (unit < 0 || m->projects[i].unit == unit)
                any |= sme ? m->projects[i].pur[j].has_sme : m->projects[i].pur[j].has_amount;
    PathSeg leaf = {.name = what}, root = {.name = "采购", .next = &leaf};
    char msg[256];
    return any && model_value(m, &root, (ValueCtx){unit, -1}, out, NULL, NULL, msg, sizeof msg) == VAL_OK;
}

/* A 合计 row of UNIT (-1: every unit's), or the 小计 row of unit UNIT
 * (SUBTOTAL): NAME over the first seven columns, then the amount and the
 * share reserved for small enterprises. */
static void purchase_total_row(Tex *t, const char *name, int unit, bool subtotal, bool method)
{
    Dec v;
    tex_raw(t, method ? "\\multicolumn{7}{|L{" PURCHASE_LABEL_METHOD "}|}{"
                      : "\\multicolumn{7}{|L{" PURCHASE_LABEL "}|}{");
    tex_text(t, name);
    if (subtotal)
        tex_line(t, label(t, "subtotal"));
    tex_raw(t, "} & ");
    if (purchase_total(t->m, "合计", unit, false, &v)) /* 采购.合计, 采购.中小微: paths */
        tex_money(t, v);
    tex_raw(t, method ? " &  &  & " : " &  & ");
    if (purchase_total(t->m, "中小微", unit, true, &v))
        tex_money(t, v);
    tex_raw(t, " \\\\ \\hline\n");
}

static void purchase_line(Tex *t, const Project *p, const Purchase *u, bool method)
{
    tex_text(t, p->name);
    tex_raw(t, " & ");
    if (p->has_amount)
        tex_money(t, p->amount);
    tex_raw(t, " & ");
    tex_text(t, u->name);
    tex_raw(t, " & ");
    tex_line(t, u->pcode);
    tex_raw(t, " & ");
    tex_text(t, u->measure);
    tex_raw(t, " & ");
    if (u->has_quantity)
        tex_num(t, u->quantity);
    tex_raw(t, " & ");
    if (u->has_price)
        tex_money(t, u->price);
    tex_raw(t, " & ");
    if (u->has_amount)
        tex_money(t, u->amount);
    tex_raw(t, " & ");
    tex_line(t, vocab_name(t->m->vocab, DIM_SOURCE, u->src));
    tex_raw(t, " & ");
    if (method) {
        if (u->method >= 0)
            tex_line(t, vocab_title(t->m->vocab, DIM_METHOD, u->method));
        tex_raw(t, " & ");
    }
    if (u->has_sme)
        tex_money(t, u->sme);
    tex_raw(t, " \\\\ \\hline\n");
}

/* 合计, then for each unit that buys its 小计 and its lines; a unit's
 * document: its 合计 and its lines. */
static void purchases(Tex *t, bool caption)
{
    const Model *m = t->m;
    static const char *const cols[] = {"project_name", "project_amount", "item_name",
                                       "catalog_code", "measure_head",   "quantity_head",
                                       "price_head",   "amount_head",    "source_head",
                                       "sme_share"};
    static const char *const cols_method[] = {
        "project_name", "project_amount", "item_name",  "catalog_code", "measure_head", "quantity_head",
        "price_head",   "amount_head",    "source_head", "method_head", "sme_share"};
    bool method = false; /* a column for 采购方式 when a line of the view gives one */
    for (int i = 0; i < m->nprojects; i++)
        for (int j = 0; j < m->projects[i].npur; j++)
            method |= m->projects[i].pur[j].method >= 0 &&
                      (t->unit < 0 || m->projects[i].unit == t->unit);
    open_block_table(t, "\\footnotesize", method ? PURCHASE_COLS_METHOD : PURCHASE_COLS,
                     method ? 11 : 10, caption ? tex_block_title(m, TB_PURCHASES) : NULL, true, NULL,
                     method ? cols_method : cols);
    purchase_total_row(t, label(t, "total"), t->unit, false, method);
    for (int u = 0; u < m->nunits; u++) {
        if (!view_has_purchases(m, u) || (t->unit >= 0 && u != t->unit))
            continue;
        if (t->unit < 0)
            purchase_total_row(t, m->units[u].name, u, true, method);
        for (int i = 0; i < m->nprojects; i++)
            for (int j = 0; j < m->projects[i].npur && m->projects[i].unit == u; j++)
                purchase_line(t, &m->projects[i], &m->projects[i].pur[j], method);
    }
    close_table(t);
}

/* ---- 国有资产 ---------------------------------------------------------------------- */

static void assets(Tex *t, bool caption)
{
    static const char *const cols[] = {"item", "quantity_head", "value"};
    const Assets *a = &t->m->assets;
    open_block_table(t, "\\small", "L600 R150 R250", 3,
                     caption ? tex_block_title(t->m, TB_ASSETS) : NULL, true, a->date ? a->date : "",
                     cols);
    for (int r = 0; r < AS__COUNT; r++) {
        tex_line(t, asset_row_title(t->m, (AssetRow)r));
        tex_raw(t, " & ");
        if (a->row_written[r] && !a->qty[r].blank)
            tex_num(t, a->qty[r].v);
        tex_raw(t, " & ");
        if (a->row_written[r] && !a->value[r].blank)
            tex_money(t, a->value[r].v);
        tex_raw(t, " \\\\ \\hline\n");
        bool first = true; /* 其中：应急保障用车, then aligned under it */
        for (int i = 0; i < a->nparts; i++) { /* as written */
            const AssetPart *p = &a->parts[i];
            if (p->of != (AssetRow)r)
                continue;
            if (!first)
                tex_raw(t, "\\phantom{");
            tex_line(t, label(t, "of_which"));
            if (!first)
                tex_raw(t, "}");
            first = false;
            tex_line(t, t->m->vocab->dim[DIM_ASSET].words[p->word].title);
            tex_raw(t, " & ");
            if (!p->qty.blank)
                tex_num(t, p->qty.v);
            tex_raw(t, " & ");
            if (!p->value.blank)
                tex_money(t, p->value.v);
            tex_raw(t, " \\\\ \\hline\n");
        }
    }
    close_table(t);
    if (a->has_planned) {
        tex_raw(t, "\\budnote{");
        tex_line(t, label(t, "note_mark"));
        tex_line(t, label(t, "planned_note"));
        tex_money(t, a->planned);
        tex_line(t, t->m->money);
        tex_raw(t, "。}\n\n");
    }
}

/* ---- 名词解释 ---------------------------------------------------------------------- */

static void glossary(Tex *t)
{
    for (int i = 0; i < t->m->nglossary; i++) {
        const Glossary *g = &t->m->glossary[i];
        tex_fmt(t, "%d、\\textbf{", i + 1);
        tex_line(t, g->term);
        tex_raw(t, "}：");
        tex_text(t, g->definition);
        tex_raw(t, "\n\n");
    }
}

/* ---- the blocks ----------------------------------------------------------------- */

void tex_block(Tex *t, TexBlock b, bool caption)
{
    if (!tex_block_has_content(t->m, t->unit, b)) { /* what an inserted block without content says */
        const Word *w = block(t->m, b);
        char buf[1024];
        tex_text(t, view_words(t->m, t->unit, w && w->note ? w->note : "", buf, sizeof buf));
        tex_raw(t, "\n\n");
        return;
    }
    switch (b) {
    case TB_UNITS: units(t, caption); break;
    case TB_PERF: performance(t); break;
    case TB_PROJECTS: projects(t); break;
    case TB_SELFEVAL: selfevals(t); break;
    case TB_PURCHASES: purchases(t, caption); break;
    case TB_ASSETS: assets(t, caption); break;
    case TB_GLOSSARY: glossary(t); break;
    default: break;
    }
}
