/*
 * html_svg.c — the charts of the web page (html.h), as inline SVG.
 *
 * Each chart is a <figure> holding an <svg role="img"> with a <title> and a
 * <desc> that lists every figure it shows (what a screen reader says), and
 * a <figcaption>.  A chart is horizontal bars, one or two series: a bar for
 * each row, its length in proportion to the largest figure of the chart.
 * The lengths are computed in exact decimal arithmetic (the Dec, scaled
 * and divided with rounding to 0.1 of a pixel): no figure passes through
 * floating point, and each bar carries its exact figure (data-value) and
 * prints it beside itself as the tables do.
 *
 * Which rows and columns a chart shows is found by the stable keys of the
 * table definitions (expenditure, summary, three_public: docs/tables.md),
 * its words are the vocabulary's labels and the definitions' titles.
 */
#include <string.h>

#include "emit/html.h"
#include "emit/view.h"

enum {
    CHART_W = 640,  /* the width of the drawing */
    LABEL_W = 220,  /* the row labels, left of the bars */
    BAR_MAX = 320,  /* the longest bar */
    BAR_H = 14,     /* one bar */
    TOP = 30,       /* above the first row: the legend */
    MAX_BARS = 64
};

/* A row of a chart: its label and a figure per series (unset: no bar). */
typedef struct Bar {
    const char *label;
    Dec v[2];
    bool set[2];
} Bar;

typedef struct Chart {
    const char *title;
    const char *series[2]; /* the series' names */
    int nseries;
    Bar bars[MAX_BARS];
    int n;
} Chart;

static const char *const fill[2] = {"#1f5f99", "#d98c1f"};

/* The table of the document whose definition has KEY, or NULL. */
static const Table *find_table(const Model *m, int unit, const char *key)
{
    for (int t = 0; t < model_ntables(m); t++) {
        const Table *tb = model_table(m, t, unit);
        if (strcmp(tb->def->key, key) == 0)
            return tb;
    }
    return NULL;
}

/* The column of TB with KEY, or -1. */
static int find_col(const Table *tb, const char *key)
{
    for (int c = 0; c < tb->ncols; c++)
        if (strcmp(tb->def->cols[c].key, key) == 0)
            return c;
    return -1;
}

static void add(Chart *c, const char *label, const Cell *a, const Cell *b)
{
    if (c->n >= MAX_BARS || !((a && a->set) || (b && b->set)))
        return;
    Bar *bar = &c->bars[c->n++];
    bar->label = label;
    bar->set[0] = a && a->set;
    bar->set[1] = b && b->set;
    bar->v[0] = bar->set[0] ? a->v : dec_zero();
    bar->v[1] = bar->set[1] ? b->v : dec_zero();
}

/* The largest figure of the chart (zero when none is positive). */
static Dec largest(const Chart *c)
{
    Dec max = dec_zero();
    for (int i = 0; i < c->n; i++)
        for (int s = 0; s < c->nseries; s++)
            if (c->bars[i].set[s] && dec_cmp(c->bars[i].v[s], max) > 0)
                max = c->bars[i].v[s];
    return max;
}

/* The length of a bar of V, the largest MAX being BAR_MAX, to 0.1 px. */
static Dec length(Dec v, Dec max)
{
    Dec scaled, len;
    if (dec_is_zero(max) || dec_is_neg(v) || dec_mul(v, dec_from_int(BAR_MAX), &scaled) != DEC_OK ||
        dec_div_round(scaled, max, 1, &len) != DEC_OK)
        return dec_zero();
    return len;
}

static void coord(Html *h, Dec v)
{
    Dec r;
    if (dec_rescale(v, 1, &r) == DEC_OK)
        v = r;
    html_num(h, v);
}

/* The <desc>: every row with its figures, for those who cannot see it. */
static void desc(Html *h, const Chart *c)
{
    for (int i = 0; i < c->n; i++) {
        html_line(h, c->bars[i].label);
        for (int s = 0; s < c->nseries; s++) {
            if (!c->bars[i].set[s])
                continue;
            html_raw(h, c->nseries > 1 || s ? " " : "：");
            if (c->nseries > 1) {
                html_line(h, c->series[s]);
                html_raw(h, "：");
            }
            html_money(h, c->bars[i].v[s]);
        }
        html_raw(h, i + 1 < c->n ? "；" : "。");
    }
}

static void draw(Html *h, const Chart *c, const char *key)
{
    if (c->n == 0)
        return;
    Dec max = largest(c);
    int row = c->nseries * (BAR_H + 2) + 10;
    int top = c->nseries > 1 ? TOP : 6; /* a legend for two series only */
    int height = top + c->n * row + 10;
    int id = ++h->nfig;
    html_fmt(h, "<figure class=\"chart\" data-chart=\"%s\">\n", key);
    html_fmt(h, "<svg role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                "aria-labelledby=\"ct%d cd%d\" font-size=\"12\">\n<title id=\"ct%d\">",
             CHART_W, height, CHART_W, height, id, id, id);
    html_line(h, c->title);
    html_fmt(h, "</title>\n<desc id=\"cd%d\">", id);
    desc(h, c);
    html_raw(h, "</desc>\n");
    /* the legend */
    for (int s = 0; s < c->nseries && c->nseries > 1; s++) {
        int x = LABEL_W + s * 160;
        html_fmt(h, "<rect x=\"%d\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    "<text x=\"%d\" y=\"16\">", x, fill[s], x + 16);
        html_line(h, c->series[s]);
        html_raw(h, "</text>\n");
    }
    for (int i = 0; i < c->n; i++) {
        const Bar *b = &c->bars[i];
        int y = top + i * row;
        html_fmt(h, "<g><text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LABEL_W - 6,
                 y + (row - 10) / 2 + 4);
        html_line(h, b->label);
        html_raw(h, "</text>\n");
        for (int s = 0; s < c->nseries; s++) {
            if (!b->set[s])
                continue;
            int by = y + s * (BAR_H + 2);
            Dec len = length(b->v[s], max), end;
            html_fmt(h, "<rect x=\"%d\" y=\"%d\" height=\"%d\" width=\"", LABEL_W, by, BAR_H);
            coord(h, len);
            html_fmt(h, "\" fill=\"%s\" data-series=\"%d\" data-value=\"", fill[s], s);
            html_money(h, b->v[s]);
            html_fmt(h, "\"/><text y=\"%d\" x=\"", by + BAR_H - 3);
            if (dec_add(len, dec_from_int(LABEL_W + 4), &end) != DEC_OK)
                end = dec_from_int(LABEL_W + 4);
            coord(h, end);
            html_raw(h, "\">");
            html_money(h, b->v[s]);
            html_raw(h, "</text>\n");
        }
        html_raw(h, "</g>\n");
    }
    html_raw(h, "</svg>\n<figcaption>");
    html_line(h, c->title);
    html_raw(h, "（");
    html_line(h, h->m->money);
    html_raw(h, "）</figcaption>\n</figure>\n");
}

static void chart_init(Chart *c, const char *title, const char *s0, const char *s1)
{
    memset(c, 0, sizeof *c);
    c->title = title;
    c->series[0] = s0;
    c->series[1] = s1;
    c->nseries = s1 ? 2 : 1;
}

/* Spending by function 类: the 类 rows of the expenditure table. */
static void by_class(Html *h, Chart *c)
{
    const Table *tb = find_table(h->m, h->unit, "expenditure");
    if (!tb || tb->ncols < 1)
        return;
    chart_init(c, model_label(h->m, "chart_class"), tb->def->cols[0].title, NULL);
    for (int i = 0; i < tb->nrows; i++)
        if (tb->rows[i].kind == ROW_CODE && tb->rows[i].level == 1)
            add(c, tb->rows[i].label, &tb->rows[i].cells[0], NULL);
    draw(h, c, "class");
}

/* Spending by kind: the total row of the expenditure table, each column
 * after its total (基本支出, 项目支出 …). */
static void by_kind(Html *h, Chart *c)
{
    const Table *tb = find_table(h->m, h->unit, "expenditure");
    if (!tb)
        return;
    chart_init(c, model_label(h->m, "chart_kind"), tb->def->cols[0].title, NULL);
    for (int i = 0; i < tb->nrows; i++)
        if (tb->rows[i].kind == ROW_TOTAL)
            for (int col = 1; col < tb->ncols; col++)
                add(c, tb->def->cols[col].title, &tb->rows[i].cells[col], NULL);
    draw(h, c, "kind");
}

/* Income by source: the income rows of the summary table, less its foot. */
static void income(Html *h, Chart *c)
{
    const Table *tb = find_table(h->m, h->unit, "summary");
    if (!tb || tb->def->nsides != 2)
        return;
    chart_init(c, model_label(h->m, "chart_income"),
               tb->def->sides[0].amount_title ? tb->def->sides[0].amount_title
                                              : tb->def->cols[0].title,
               NULL);
    for (int i = 0; i < tb->nrows; i++)
        if (tb->rows[i].section == 0 && !tb->rows[i].foot)
            add(c, tb->rows[i].label, &tb->rows[i].cells[0], NULL);
    draw(h, c, "income");
}

/* 三公: the first 上年 or 预算 column against this year's (the total
 * column), row by row. */
static void sangong(Html *h, Chart *c)
{
    const Table *tb = find_table(h->m, h->unit, "three_public");
    int now = tb ? find_col(tb, "total") : -1, before = -1;
    for (int col = 0; tb && col < tb->ncols && before < 0; col++)
        if (tb->def->cols[col].kind == COL_PRIOR)
            before = col;
    if (now < 0 || before < 0)
        return;
    /* the earlier figure first, as in the chart of a 决算 against its budget */
    chart_init(c, model_label(h->m, "chart_sangong"), tb->def->cols[before].title,
               tb->def->cols[now].title);
    for (int i = 0; i < tb->nrows; i++)
        if (tb->rows[i].kind != ROW_TOTAL)
            add(c, tb->rows[i].label, &tb->rows[i].cells[before], &tb->rows[i].cells[now]);
    draw(h, c, "sangong");
}

/* A 决算 against its budget: the total of each 类 of the expenditure table
 * in both (the department's, or the unit of the same word). */
static void final_budget(Html *h, Chart *c)
{
    const Model *m = h->m, *b = m->budget_model;
    if (!m->final || !b)
        return;
    int bu = -1;
    if (h->unit >= 0) {
        for (int u = 0; u < b->nunits && bu < 0; u++)
            if (strcmp(b->units[u].id, m->units[h->unit].id) == 0)
                bu = u;
        if (bu < 0)
            return;
    }
    const Table *act = find_table(m, h->unit, "expenditure"), *bud = find_table(b, bu, "expenditure");
    if (!act || !bud || act->ncols < 1 || bud->ncols < 1)
        return;
    chart_init(c, model_label(m, "chart_final"), model_label(m, "chart_budget"),
               model_label(m, "chart_actual"));
    static const Cell none = {{0, 0}, false};
    for (int i = 0; i < act->nrows; i++) {
        const TRow *r = &act->rows[i];
        if (r->kind != ROW_CODE || r->level != 1)
            continue;
        const TRow *br = table_row(bud, r->key);
        add(c, r->label, br ? &br->cells[0] : &none, &r->cells[0]);
    }
    /* the 类 budgeted but not spent */
    for (int i = 0; i < bud->nrows; i++) {
        const TRow *r = &bud->rows[i];
        if (r->kind == ROW_CODE && r->level == 1 && !table_row(act, r->key))
            add(c, r->label, &r->cells[0], &none);
    }
    draw(h, c, "final");
}

void html_charts(Html *h)
{
    Chart c;
    by_class(h, &c);
    by_kind(h, &c);
    income(h, &c);
    sangong(h, &c);
    final_budget(h, &c);
}
