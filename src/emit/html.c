/*
 * html.c — the HTML back end: the disclosure as one self-contained web
 * page (docs/html.md).
 *
 * The page has no reference to anything outside it: its style is inline,
 * its fonts are the reader's system fonts, its charts inline SVG drawn here
 * (html_svg.c), and it runs no script.  It holds what the PDF holds, in the
 * same order: the title, the charts, the nine tables (each a <table> with
 * its caption, its column heads grouped as printed and scoped, and each
 * amount cell marked with its table, row and column keys: data-table,
 * data-row, data-col), the 说明 with its sections, then the 机构设置表, the
 * 部门整体绩效目标, every 绩效目标表, procurement, assets and the 名词解释.  Every word printed around the
 * figures is data: table titles and column titles from the table
 * definitions, the rest from the vocabulary's labels.
 *
 * It reads on a phone (a viewport, tables that scroll sideways in their
 * box) and prints (@media print: no contents, tables unbroken by rows).
 * Like the other back ends, the output depends on the model only.
 */
#include <string.h>

#include "emit/emit.h"
#include "emit/html.h"
#include "emit/latex.h"
#include "emit/view.h"

static const char style[] =
    "<style>\n"
    ":root{--ink:#1b1f24;--rule:#b8c0c8;--head:#eef2f6;--accent:#1f5f99;--accent2:#d98c1f}\n"
    "body{margin:0;color:var(--ink);background:#fff;line-height:1.6;\n"
    " font-family:system-ui,-apple-system,\"PingFang SC\",\"Hiragino Sans GB\",\"Noto Sans CJK SC\",\n"
    " \"Source Han Sans SC\",\"Microsoft YaHei\",\"WenQuanYi Micro Hei\",sans-serif}\n"
    "header,main,nav{max-width:64rem;margin:0 auto;padding:0 1rem}\n"
    "header{text-align:center;padding-top:2rem}\n"
    "h1{font-size:1.8rem;margin:.5rem 0}h2{font-size:1.4rem;border-bottom:2px solid var(--accent);\n"
    " padding-bottom:.2rem;margin-top:2.5rem}h3{font-size:1.15rem}\n"
    "nav ol{columns:2 16rem}\n"
    ".scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:1rem 0}\n"
    "table{border-collapse:collapse;font-size:.9rem;min-width:100%}\n"
    "caption{font-weight:bold;font-size:1.05rem;padding:.4rem;text-align:center}\n"
    "th,td{border:1px solid var(--rule);padding:.25rem .4rem;vertical-align:top}\n"
    "thead th{background:var(--head);text-align:center}\n"
    "tbody th{text-align:left;font-weight:normal}\n"
    "td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    "tr.total th,tr.total td,tr.l1 th,tr.l1 td{font-weight:bold}\n"
    ".meta{display:flex;justify-content:space-between;flex-wrap:wrap;font-size:.85rem}\n"
    ".note{font-size:.85rem}\n"
    "figure{margin:1.5rem 0}figcaption{font-weight:bold;text-align:center}\n"
    "svg{max-width:100%;height:auto}\n"
    "@media print{nav{display:none}body{font-size:10.5pt}h2{break-before:page}\n"
    " .scroll{overflow:visible}tr,figure{break-inside:avoid}thead{display:table-header-group}\n"
    " a{color:inherit;text-decoration:none}}\n"
    "</style>\n";

/* ---- the tables ----------------------------------------------------------------- */




static void th(Html *h, const char *scope, int rowspan, int colspan, const char *text)
{
    html_fmt(h, "<th scope=\"%s\"", scope);
    if (rowspan > 1)
        html_fmt(h, " rowspan=\"%d\"", rowspan);
    if (colspan > 1)
        html_fmt(h, " colspan=\"%d\"", colspan);
    html_raw(h, ">");
    html_line(h, text);
    html_raw(h, "</th>");
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

static void head_one_sided(Html *h, const Table *tb)
{
    const TableLayout *l = &tb->def->layout;
    const Model *m = h->m;
    bool two = l->head || l->group;
    int rs = two ? 2 : 1;
    html_raw(h, "<thead><tr>");
    th(h, "col", rs, 1, model_label(m, "serial"));
    if (l->head && two)
        th(h, "colgroup", 1, 2, l->head);
    else if (tb->def->catalog >= 0) {
        th(h, "col", rs, 1, model_label(m, "code_head"));
        th(h, "col", rs, 1, model_label(m, "code_name"));
    } else
        th(h, "col", rs, 1, model_label(m, "item"));
    for (int c = 0; c < tb->ncols; c++) {
        if (two && l->group && c == l->gfrom) {
            th(h, "colgroup", 1, l->gto - l->gfrom + 1, l->group);
            c = l->gto;
        } else
            th(h, "col", rs, 1, tb->def->cols[c].title);
    }
    html_raw(h, "</tr>\n");
    if (two) {
        html_raw(h, "<tr>");
        if (l->head) {
            th(h, "col", 1, 1, model_label(m, "code_head"));
            th(h, "col", 1, 1, model_label(m, "code_name"));
        }
        for (int c = l->group ? l->gfrom : 1; l->group && c <= l->gto; c++)
            th(h, "col", 1, 1, leaf_title(l, tb, c));
        html_raw(h, "</tr>\n");
    }
    html_raw(h, "</thead>\n");
}

static void head_two_sided(Html *h, const Table *tb)
{
    const SideDef *in = &tb->def->sides[0], *ex = &tb->def->sides[1];
    const Model *m = h->m;
    html_raw(h, "<thead><tr>");
    th(h, "col", 2, 1, model_label(m, "serial"));
    th(h, "colgroup", 1, 2, in->title);
    th(h, "colgroup", 1, tb->ncols + 1, ex->title);
    html_raw(h, "</tr>\n<tr>");
    th(h, "col", 1, 1, model_label(m, "item"));
    th(h, "col", 1, 1, in->amount_title ? in->amount_title : tb->def->cols[0].title);
    th(h, "col", 1, 1, model_label(m, "item"));
    for (int c = 0; c < tb->ncols; c++)
        th(h, "col", 1, 1, leaf_title(&tb->def->layout, tb, c));
    html_raw(h, "</tr>\n</thead>\n");
}

/* An amount cell: the value (nothing when blank) with its keys. */
static void cell(Html *h, const Table *tb, const TRow *r, int c)
{
    html_raw(h, "<td class=\"num\" data-row=\"");
    html_line(h, r->key);
    html_raw(h, "\" data-col=\"");
    html_line(h, tb->def->cols[c].key);
    html_raw(h, "\">");
    if (r->cells[c].set)
        html_money(h, r->cells[c].v);
    html_raw(h, "</td>");
}

static const char *row_class(const TRow *r)
{
    return r->kind == ROW_TOTAL || r->foot ? " class=\"total\""
           : r->kind == ROW_CODE && r->level == 1 ? " class=\"l1\""
                                                   : "";
}

static void rows_one_sided(Html *h, const Table *tb)
{
    bool codes = tb->def->catalog >= 0;
    for (int i = 0; i < tb->nrows; i++) {
        const TRow *r = &tb->rows[i];
        html_fmt(h, "<tr%s><td>%d</td>", row_class(r), i + 1);
        if (codes) {
            html_raw(h, "<td>");
            if (r->kind == ROW_CODE)
                html_line(h, r->key);
            html_raw(h, "</td>");
        }
        html_raw(h, "<th scope=\"row\">");
        html_line(h, view_row_name(r));
        html_raw(h, "</th>");
        for (int c = 0; c < tb->ncols; c++)
            cell(h, tb, r, c);
        html_raw(h, "</tr>\n");
    }
}

/* One side of a line of a two-sided table: the name and NCELLS amounts;
 * empty cells when R is NULL. */
static void side(Html *h, const Table *tb, const TRow *r, int ncells)
{
    if (!r) {
        html_raw(h, "<td></td>");
        for (int c = 0; c < ncells; c++)
            html_raw(h, "<td></td>");
        return;
    }
    html_raw(h, "<th scope=\"row\">");
    html_line(h, view_row_name(r));
    html_raw(h, "</th>");
    for (int c = 0; c < ncells; c++)
        cell(h, tb, r, c);
}

/* The K-th row of side S that is (FOOT) or is not a foot row, or NULL. */
static const TRow *side_row(const Table *t, int s, bool foot, int k, int *n)
{
    const TRow *found = NULL;
    int count = 0;
    for (int i = 0; i < t->nrows; i++)
        if (t->rows[i].section == s && t->rows[i].foot == foot && count++ == k)
            found = &t->rows[i];
    if (n)
        *n = count;
    return found;
}

static void rows_two_sided(Html *h, const Table *tb)
{
    int no = 0;
    for (int foot = 0; foot < 2; foot++) {
        int nin, nex;
        side_row(tb, 0, foot, -1, &nin);
        side_row(tb, 1, foot, -1, &nex);
        for (int i = 0; i < (nin > nex ? nin : nex); i++) {
            html_fmt(h, "<tr%s><td>%d</td>", foot ? " class=\"total\"" : "", ++no);
            side(h, tb, side_row(tb, 0, foot, i, NULL), 1);
            side(h, tb, side_row(tb, 1, foot, i, NULL), tb->ncols);
            html_raw(h, "</tr>\n");
        }
    }
}

/* The 编制单位 line over a table: the document's name, TEXT (预算年度：2023)
 * and the money unit. */
static void meta(Html *h, const char *label, const char *value)
{
    html_raw(h, "<div class=\"meta\"><span>");
    html_label(h, "prepared_by");
    html_line(h, view_name(h->m, h->unit));
    html_raw(h, "</span>");
    if (label) {
        html_raw(h, "<span>");
        html_line(h, label);
        html_line(h, value);
        html_raw(h, "</span>");
    }
    html_raw(h, "<span>");
    html_label(h, "money_unit");
    html_line(h, h->m->money);
    html_raw(h, "</span></div>\n");
}

static void table(Html *h, int id)
{
    const Model *m = h->m;
    const Table *tb = model_table(m, id, h->unit);
    char year[16], buf[1024];
    snprintf(year, sizeof year, "%d", m->year);
    html_raw(h, "<section class=\"table\" id=\"t-");
    html_line(h, tb->def->key);
    html_raw(h, "\">\n");
    meta(h, model_label(m, "budget_year"), year);
    html_raw(h, "<div class=\"scroll\"><table data-table=\"");
    html_line(h, tb->def->key);
    html_raw(h, "\">\n<caption>");
    html_words(h, tb->def->title);
    html_raw(h, "</caption>\n");
    if (tb->def->nsides == 2)
        head_two_sided(h, tb);
    else
        head_one_sided(h, tb);
    html_raw(h, "<tbody>\n");
    bool empty = view_table_empty(tb);
    if (tb->def->nsides == 2)
        rows_two_sided(h, tb);
    else if (!empty || tb->def->catalog < 0)
        rows_one_sided(h, tb);
    html_raw(h, "</tbody>\n</table></div>\n");
    const char *note = h->unit < 0 ? view_stated_note(m, id) : NULL;
    if (!note && empty)
        note = view_words(m, h->unit, tb->def->note ? tb->def->note : model_label(m, "empty_note"),
                          buf, sizeof buf);
    if (note) {
        const char *mark = model_label(m, "note_mark");
        html_raw(h, "<p class=\"note\">");
        if (strlen(mark) < 3 || strncmp(note, mark, 3) != 0)
            html_line(h, mark);
        html_text(h, note);
        html_raw(h, "</p>\n");
    }
    html_raw(h, "</section>\n");
}

/* ---- the other blocks ----------------------------------------------------------- */

static void head_row(Html *h, const char *const *keys, int n)
{
    html_raw(h, "<thead><tr>");
    for (int i = 0; i < n; i++)
        th(h, "col", 1, 1, model_label(h->m, keys[i]));
    html_raw(h, "</tr></thead>\n");
}

static void td(Html *h, const char *s)
{
    html_raw(h, "<td>");
    html_text(h, s);
    html_raw(h, "</td>");
}

static void td_money(Html *h, bool has, Dec v)
{
    html_raw(h, "<td class=\"num\">");
    if (has)
        html_money(h, v);
    html_raw(h, "</td>");
}

static void block_heading(Html *h, TexBlock b, const char *id)
{
    html_fmt(h, "<h2 id=\"%s\">", id);
    html_words(h, tex_block_title(h->m, b));
    html_raw(h, "</h2>\n");
}

static void units(Html *h)
{
    static const char *const cols[] = {"unit_name", "unit_nature", "unit_rank", "unit_funding"};
    block_heading(h, TB_UNITS, "units");
    html_raw(h, "<div class=\"scroll\"><table>\n<caption>");
    html_words(h, tex_block_title(h->m, TB_UNITS));
    html_raw(h, "</caption>\n");
    head_row(h, cols, 4);
    html_raw(h, "<tbody>\n");
    for (int u = 0; u < h->m->nunits; u++) {
        const Unit *x = &h->m->units[u];
        if (h->unit >= 0 && u != h->unit)
            continue;
        html_raw(h, "<tr><th scope=\"row\">");
        html_line(h, x->name);
        html_raw(h, "</th>");
        td(h, x->nature);
        td(h, x->rank);
        td(h, x->funding);
        html_raw(h, "</tr>\n");
    }
    html_raw(h, "</tbody>\n</table></div>\n");
}

/* An indicator value as printed: ≥500篇, 100%, 比上年提升. */
static void ind_value(Html *h, const IndValue *v)
{
    char buf[128];
    html_raw(h, "<td>");
    html_line(h, indvalue_text(v, buf, sizeof buf));
    html_raw(h, "</td>");
}

static void project(Html *h, const Project *p, int k)
{
    static const char *const cols[] = {"level1",         "level2",          "level3",
                                       "indicator_desc", "indicator_value", "indicator_basis"};
    const Model *m = h->m;
    html_fmt(h, "<div class=\"scroll\"><table data-project=\"%d\">\n<caption>%d、", k, k);
    html_line(h, p->name);
    html_label(h, "goal_table");
    html_raw(h, "</caption>\n");
    html_raw(h, "<tbody>\n<tr><th scope=\"row\" colspan=\"2\">");
    html_label(h, "project_name");
    html_raw(h, "</th><td colspan=\"4\">");
    html_text(h, p->name);
    html_raw(h, "</td></tr>\n");
    if (m->nunits > 1) {
        html_raw(h, "<tr><th scope=\"row\" colspan=\"2\">");
        html_label(h, "budget_unit");
        html_raw(h, "</th><td colspan=\"4\">");
        html_text(h, m->units[p->unit].name);
        html_raw(h, "</td></tr>\n");
    }
    if (p->has_amount) {
        html_raw(h, "<tr><th scope=\"row\" colspan=\"2\">");
        html_label(h, "project_amount");
        html_raw(h, "（");
        html_line(h, m->money);
        html_raw(h, "）</th><td colspan=\"4\" class=\"num\" data-amount>");
        html_money(h, p->amount);
        html_raw(h, "</td></tr>\n");
    }
    html_raw(h, "<tr><th scope=\"row\" colspan=\"2\">");
    html_label(h, "goal_head");
    html_raw(h, "</th><td colspan=\"4\">");
    html_text(h, p->goal);
    html_raw(h, "</td></tr>\n<tr>");
    for (int i = 0; i < 6; i++)
        th(h, "col", 1, 1, model_label(m, cols[i]));
    html_raw(h, "</tr>\n");
    for (int i = 0; i < p->nind; i++) {
        const Indicator *in = &p->ind[i];
        const char *l1 = in->level1;
        if (!l1) {
            const CatEntry *e = cat_find(&m->cat->k[CAT_INDICATOR], in->level2);
            l1 = e && e->extra ? e->extra : "";
        }
        html_raw(h, "<tr>");
        td(h, l1);
        td(h, in->level2);
        td(h, in->name);
        td(h, in->desc ? in->desc : in->name);
        ind_value(h, &in->value);
        td(h, in->basis);
        html_raw(h, "</tr>\n");
    }
    html_raw(h, "</tbody>\n</table></div>\n");
}

static void projects(Html *h)
{
    block_heading(h, TB_PROJECTS, "projects");
    for (int i = 0, k = 0; i < h->m->nprojects; i++)
        if (view_has_project(h->unit, &h->m->projects[i]))
            project(h, &h->m->projects[i], ++k);
}

static void purchases(Html *h)
{
    static const char *const cols[] = {"project_name", "project_amount", "item_name",
                                       "catalog_code", "measure_head",   "quantity_head",
                                       "price_head",   "amount_head",    "source_head",
                                       "method_head",  "sme_share"};
    const Model *m = h->m;
    block_heading(h, TB_PURCHASES, "purchases");
    meta(h, NULL, NULL);
    html_raw(h, "<div class=\"scroll\"><table data-table=\"procurement\">\n<caption>");
    html_words(h, tex_block_title(m, TB_PURCHASES));
    html_raw(h, "</caption>\n");
    head_row(h, cols, 11);
    html_raw(h, "<tbody>\n");
    for (int i = 0; i < m->nprojects; i++) {
        const Project *p = &m->projects[i];
        if (!view_has_project(h->unit, p))
            continue;
        for (int j = 0; j < p->npur; j++) {
            const Purchase *u = &p->pur[j];
            html_raw(h, "<tr><th scope=\"row\">");
            html_line(h, p->name);
            html_raw(h, "</th>");
            td_money(h, p->has_amount, p->amount);
            td(h, u->name);
            td(h, u->pcode);
            td(h, u->measure);
            html_raw(h, "<td class=\"num\">");
            if (u->has_quantity)
                html_num(h, u->quantity);
            html_raw(h, "</td>");
            td_money(h, u->has_price, u->price);
            td_money(h, u->has_amount, u->amount);
            td(h, vocab_name(m->vocab, DIM_SOURCE, u->src));
            td(h, u->method >= 0 ? vocab_title(m->vocab, DIM_METHOD, u->method) : NULL);
            td_money(h, u->has_sme, u->sme);
            html_raw(h, "</tr>\n");
        }
    }
    html_raw(h, "</tbody>\n</table></div>\n");
}

/* 部门整体绩效目标: the overall goals, then the target groups with their
 * rows (goal, indicator, value). */
static void performance(Html *h)
{
    static const char *const cols[] = {"serial", "goal_head", "indicator", "indicator_value"};
    const Model *m = h->m;
    block_heading(h, TB_PERF, "performance");
    if (m->nperf_goals > 0) {
        html_raw(h, "<h3>");
        html_label(h, "perf_overall");
        html_raw(h, "</h3>\n");
    }
    for (int i = 0; i < m->nperf_goals; i++) {
        html_raw(h, "<p>");
        html_text(h, m->perf_goals[i]);
        html_raw(h, "</p>\n");
    }
    if (m->ntargets == 0)
        return;
    html_raw(h, "<h3>");
    html_label(h, "perf_targets");
    html_raw(h, "</h3>\n<div class=\"scroll\"><table>\n<caption>");
    html_label(h, "perf_targets");
    html_raw(h, "</caption>\n");
    head_row(h, cols, 4);
    html_raw(h, "<tbody>\n");
    for (int i = 0; i < m->ntargets; i++) {
        const Target *g = &m->targets[i];
        html_raw(h, "<tr class=\"l1\"><th scope=\"rowgroup\" colspan=\"4\">");
        html_line(h, g->name);
        html_raw(h, "</th></tr>\n");
        for (int j = 0; j < g->nrows; j++) {
            html_fmt(h, "<tr><td>%d</td>", j + 1);
            td(h, g->rows[j].goal);
            td(h, g->rows[j].indicator);
            ind_value(h, &g->rows[j].value);
            html_raw(h, "</tr>\n");
        }
    }
    html_raw(h, "</tbody>\n</table></div>\n");
}

/* 国有资产: each row's quantity and value, and the planned purchases. */
static void assets(Html *h)
{
    const Model *m = h->m;
    const Assets *a = &m->assets;
    block_heading(h, TB_ASSETS, "assets");
    meta(h, model_label(m, "as_of"), a->date ? a->date : "");
    html_raw(h, "<div class=\"scroll\"><table data-table=\"assets\">\n<caption>");
    html_words(h, tex_block_title(m, TB_ASSETS));
    html_raw(h, "</caption>\n<thead><tr>");
    th(h, "col", 1, 1, model_label(m, "item"));
    th(h, "col", 1, 1, model_label(m, "quantity_head"));
    html_raw(h, "<th scope=\"col\">");
    html_label(h, "value");
    html_raw(h, "（");
    html_line(h, m->money);
    html_raw(h, "）</th></tr></thead>\n<tbody>\n");
    for (int r = 0; r < AS__COUNT; r++) {
        html_raw(h, "<tr><th scope=\"row\">");
        html_line(h, asset_row_title(m, (AssetRow)r));
        html_raw(h, "</th><td class=\"num\">");
        if (a->row_written[r] && !a->qty[r].blank)
            html_num(h, a->qty[r].v);
        html_raw(h, "</td>");
        td_money(h, a->row_written[r] && !a->value[r].blank, a->value[r].v);
        html_raw(h, "</tr>\n");
    }
    html_raw(h, "</tbody>\n</table></div>\n");
    if (a->has_planned) {
        html_raw(h, "<p class=\"note\">");
        html_label(h, "note_mark");
        html_label(h, "planned_note");
        html_money(h, a->planned);
        html_line(h, m->money);
        html_raw(h, "。</p>\n");
    }
}

static void glossary(Html *h)
{
    block_heading(h, TB_GLOSSARY, "glossary");
    html_raw(h, "<dl>\n");
    for (int i = 0; i < h->m->nglossary; i++) {
        html_raw(h, "<dt>");
        html_line(h, h->m->glossary[i].term);
        html_raw(h, "</dt><dd>");
        html_text(h, h->m->glossary[i].definition);
        html_raw(h, "</dd>\n");
    }
    html_raw(h, "</dl>\n");
}

/* ---- the narrative ---------------------------------------------------------------- */

/* An `insert` of the narrative: a link to the table or block, which the
 * page has in its own place. */
static void insert(Html *h, const char *word)
{
    int id = model_table_find(h->m, word);
    if (id >= 0) {
        const Table *tb = model_table(h->m, id, h->unit);
        html_raw(h, "<p class=\"insert\"><a href=\"#t-");
        html_line(h, tb->def->key);
        html_raw(h, "\">");
        html_words(h, tb->def->title);
        html_raw(h, "</a></p>\n");
    }
}

static void narrative(Html *h)
{
    const Model *m = h->m;
    const Narrative *nr = model_narrative(m, h->unit);
    html_raw(h, "<h2 id=\"narrative\">");
    html_line(h, view_name(m, h->unit));
    html_fmt(h, "%d", m->year);
    html_label(h, "narrative_title");
    html_raw(h, "</h2>\n");
    int next = 0;
    for (int i = 0; i < nr->nparas; i++) {
        const Para *p = &nr->paras[i];
        while (p->section >= next && next < nr->nsections) {
            const Section *s = &nr->sections[next++];
            html_raw(h, "<h3>");
            html_line(h, s->title ? s->title : s->word);
            html_raw(h, "</h3>\n");
        }
        if (p->kind == PARA_INSERT) {
            insert(h, p->insert);
        } else if (p->kind == PARA_HEADING) {
            html_raw(h, "<h4>");
            html_line(h, model_text(nr, i));
            html_raw(h, "</h4>\n");
        } else {
            html_raw(h, "<p>");
            html_text(h, model_text(nr, i));
            html_raw(h, "</p>\n");
        }
    }
}

/* ---- the page ------------------------------------------------------------------- */

static void doc_name(Html *h)
{
    html_line(h, view_name(h->m, h->unit));
    html_fmt(h, " %d", h->m->year);
    html_label(h, "doc_year");
}

static void nav_item(Html *h, const char *id, const char *text, bool words)
{
    html_fmt(h, "<li><a href=\"#%s\">", id);
    if (words)
        html_words(h, text);
    else
        html_line(h, text);
    html_raw(h, "</a></li>\n");
}

static void contents(Html *h, bool charts)
{
    const Model *m = h->m;
    html_raw(h, "<nav aria-label=\"");
    html_label(h, "contents");
    html_raw(h, "\"><h2>");
    html_label(h, "contents");
    html_raw(h, "</h2><ol>\n");
    if (charts)
        nav_item(h, "charts", model_label(m, "chart_heading"), false);
    for (int id = 0; id < model_ntables(m); id++) {
        const Table *tb = model_table(m, id, h->unit);
        char anchor[128];
        snprintf(anchor, sizeof anchor, "t-%s", tb->def->key);
        nav_item(h, anchor, tb->def->title, true);
    }
    if (model_narrative(m, h->unit)->present)
        nav_item(h, "narrative", model_label(m, "narrative_heading"), false);
    static const struct {
        TexBlock b;
        const char *id;
    } blocks[] = {{TB_UNITS, "units"},         {TB_PERF, "performance"},
                  {TB_PROJECTS, "projects"},   {TB_PURCHASES, "purchases"},
                  {TB_ASSETS, "assets"},       {TB_GLOSSARY, "glossary"}};
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
        if (tex_block_has_content(m, h->unit, blocks[i].b))
            nav_item(h, blocks[i].id, tex_block_title(m, blocks[i].b), true);
    html_raw(h, "</ol></nav>\n");
}

int emit_html(const Model *m, int unit, FILE *out)
{
    Html h = {.m = m, .unit = unit, .f = out};
    html_raw(&h, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<meta name=\"generator\" content=\"budc\">\n<title>");
    doc_name(&h);
    html_raw(&h, "</title>\n");
    html_raw(&h, style);
    html_raw(&h, "</head>\n<body>\n<header>\n<h1>");
    html_line(&h, view_name(m, unit));
    html_fmt(&h, "</h1>\n<p><strong>%d", m->year);
    html_label(&h, "doc_year");
    html_raw(&h, "</strong></p>\n<p>");
    html_label(&h, "doc_subtitle");
    html_raw(&h, "</p>\n<p>");
    if (unit < 0 && m->dept_code) {
        html_label(&h, "dept_code");
        html_line(&h, m->dept_code);
        html_raw(&h, " · ");
    }
    html_label(&h, "money_label");
    html_line(&h, m->money);
    html_raw(&h, "</p>\n</header>\n");
    contents(&h, true);
    html_raw(&h, "<main>\n<section id=\"charts\">\n<h2>");
    html_label(&h, "chart_heading");
    html_raw(&h, "</h2>\n");
    html_charts(&h);
    html_raw(&h, "</section>\n<section id=\"tables\">\n<h2>");
    html_words(&h, m->disclosure->title ? m->disclosure->title : "");
    html_raw(&h, "</h2>\n");
    for (int id = 0; id < model_ntables(m); id++)
        table(&h, id);
    html_raw(&h, "</section>\n");
    if (model_narrative(m, unit)->present)
        narrative(&h);
    if (tex_block_has_content(m, unit, TB_UNITS))
        units(&h);
    if (tex_block_has_content(m, unit, TB_PERF))
        performance(&h);
    if (tex_block_has_content(m, unit, TB_PROJECTS))
        projects(&h);
    if (tex_block_has_content(m, unit, TB_PURCHASES))
        purchases(&h);
    if (tex_block_has_content(m, unit, TB_ASSETS))
        assets(&h);
    if (tex_block_has_content(m, unit, TB_GLOSSARY))
        glossary(&h);
    html_raw(&h, "</main>\n</body>\n</html>\n");
    return ferror(out) ? -1 : 0;
}
