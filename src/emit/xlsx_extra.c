/*
 * xlsx_extra.c — the sheets of the workbook besides the disclosure's
 * tables (docs/xlsx.md): the units (机构设置表), the projects (项目绩效目标表:
 * one row a project), their indicators (one row an indicator), procurement
 * (政府采购表: one row a purchase line, then 合计), assets (国有资产表), and
 * `facts`: every fact of the budget, one a row (unit, fact, source, code,
 * word, amount) and last year's figures (fact "prior", the path as code),
 * from which `budc import` writes the budget back exactly.  Each block's
 * sheet name and title are the words of the `insert` vocabulary, its
 * column titles the labels; a block the document has nothing for is left
 * out, as in the PDF.
 */
#include <stdio.h>
#include <string.h>

#include "emit/latex.h"
#include "emit/view.h"
#include "emit/xlsx_impl.h"

static const char *label(const Xl *x, const char *key)
{
    return model_label(x->m, key);
}

/* A sheet for block B with its title and column titles (label KEYS);
 * false when the document has nothing for it. */
static bool block_sheet(Xl *x, XlSheet *s, TexBlock b, const char *word,
                        const char *const *keys, int n)
{
    if (!tex_block_has_content(x->m, x->unit, b))
        return false;
    const char *w = word ? word : tex_block_word(x->m, b);
    if (!w || !xl_sheet(x, s, w))
        return false;
    char title[1024];
    xl_title(x, s, view_words(x->m, x->unit, tex_block_title(x->m, b), title, sizeof title), n,
             true);
    const char *titles[XL_MAX_COLS];
    for (int i = 0; i < n; i++)
        titles[i] = label(x, keys[i]);
    xl_head_row(x, s, titles, n);
    return true;
}

static void units(Xl *x)
{
    static const char *const cols[] = {"serial", "unit_name", "unit_nature", "unit_rank",
                                       "unit_funding"};
    XlSheet s;
    if (!block_sheet(x, &s, TB_UNITS, NULL, cols, 5))
        return;
    for (int i = 0, k = 0; i < x->m->nunits; i++) {
        const Unit *u = &x->m->units[i];
        if (x->unit >= 0 && i != x->unit)
            continue;
        char no[16];
        snprintf(no, sizeof no, "%d", ++k);
        xl_text(x, &s, 0, no, x->code);
        xl_text(x, &s, 1, u->name, x->text);
        xl_text(x, &s, 2, u->nature, x->text);
        xl_text(x, &s, 3, u->rank, x->text);
        xl_text(x, &s, 4, u->funding, x->text);
        s.row++;
    }
    xl_fit(&s, 5);
}

static void projects(Xl *x)
{
    static const char *const cols[] = {"serial",    "project_name",   "budget_unit",
                                       "code_head", "project_amount", "goal_head"};
    XlSheet s;
    if (!block_sheet(x, &s, TB_PROJECTS, NULL, cols, 6))
        return;
    for (int i = 0, k = 0; i < x->m->nprojects; i++) {
        const Project *p = &x->m->projects[i];
        if (!view_has_project(x->unit, p))
            continue;
        char no[16];
        snprintf(no, sizeof no, "%d", ++k);
        xl_text(x, &s, 0, no, x->code);
        xl_text(x, &s, 1, p->name, x->text);
        xl_text(x, &s, 2, x->m->units[p->unit].name, x->text);
        xl_text(x, &s, 3, p->code, x->code);
        xl_amount(x, &s, 4, p->amount, p->has_amount, false);
        xl_text(x, &s, 5, p->goal, x->text);
        s.row++;
    }
    xl_fit(&s, 6);
}

/* The 一级 of an indicator: as written, or the catalogue's for its 二级. */
static const char *level1(const Model *m, const Indicator *in)
{
    if (in->level1)
        return in->level1;
    const CatEntry *e = cat_find(&m->cat->k[CAT_INDICATOR], in->level2);
    return e && e->extra ? e->extra : "";
}

static void indicators(Xl *x)
{
    static const char *const cols[] = {"serial", "project_name", "level1", "level2", "level3",
                                       "indicator_desc", "indicator_value", "indicator_basis"};
    XlSheet s;
    if (!block_sheet(x, &s, TB_PROJECTS, label(x, "indicator"), cols, 8))
        return;
    for (int i = 0, k = 0; i < x->m->nprojects; i++) {
        const Project *p = &x->m->projects[i];
        if (!view_has_project(x->unit, p))
            continue;
        for (int j = 0; j < p->nind; j++, s.row++) {
            const Indicator *in = &p->ind[j];
            char no[16], value[256];
            snprintf(no, sizeof no, "%d", ++k);
            xl_text(x, &s, 0, no, x->code);
            xl_text(x, &s, 1, p->name, x->text);
            xl_text(x, &s, 2, level1(x->m, in), x->text);
            xl_text(x, &s, 3, in->level2, x->text);
            xl_text(x, &s, 4, in->name, x->text);
            xl_text(x, &s, 5, in->desc ? in->desc : in->name, x->text);
            xl_text(x, &s, 6, indvalue_text(&in->value, value, sizeof value), x->text);
            xl_text(x, &s, 7, in->basis, x->text);
        }
    }
    xl_fit(&s, 8);
}

static void purchases(Xl *x)
{
    static const char *const cols[] = {"serial",       "project_name", "project_amount",
                                       "item_name",    "catalog_code", "measure_head",
                                       "quantity_head", "price_head",  "amount_head",
                                       "source_head",  "method_head",  "sme_share"};
    XlSheet s;
    if (!block_sheet(x, &s, TB_PURCHASES, NULL, cols, 12))
        return;
    const Model *m = x->m;
    for (int i = 0, k = 0; i < m->nprojects; i++) {
        const Project *p = &m->projects[i];
        if (!view_has_project(x->unit, p))
            continue;
        for (int j = 0; j < p->npur; j++, s.row++) {
            const Purchase *u = &p->pur[j];
            char no[16];
            snprintf(no, sizeof no, "%d", ++k);
            xl_text(x, &s, 0, no, x->code);
            xl_text(x, &s, 1, p->name, x->text);
            xl_amount(x, &s, 2, p->amount, p->has_amount, false);
            xl_text(x, &s, 3, u->name, x->text);
            xl_text(x, &s, 4, u->pcode, x->code);
            xl_text(x, &s, 5, u->measure, x->text);
            if (u->has_quantity)
                xl_number(x, &s, 6, u->quantity);
            else
                xl_text(x, &s, 6, "", x->number);
            xl_amount(x, &s, 7, u->price, u->has_price, false);
            xl_amount(x, &s, 8, u->amount, u->has_amount, false);
            xl_text(x, &s, 9, vocab_name(m->vocab, DIM_SOURCE, u->src), x->text);
            xl_text(x, &s, 10, u->method >= 0 ? vocab_title(m->vocab, DIM_METHOD, u->method) : "",
                    x->text);
            xl_amount(x, &s, 11, u->sme, u->has_sme, false);
        }
    }
    /* 合计: 采购.合计 and 采购.中小微 as the model gives them */
    PathSeg leaf = {.name = "合计"}, root = {.name = "采购", .next = &leaf};
    PathSeg leaf2 = {.name = "中小微"}, root2 = {.name = "采购", .next = &leaf2};
    Dec v;
    char msg[256];
    xl_text(x, &s, 0, "", x->code);
    xl_text(x, &s, 1, label(x, "total"), x->text_bold);
    for (int c = 2; c < 12; c++)
        if (c != 8 && c != 11)
            xl_text(x, &s, c, "", x->text_bold);
    bool ok = model_value(m, &root, (ValueCtx){x->unit, -1}, &v, NULL, NULL, msg, sizeof msg) == VAL_OK;
    xl_amount(x, &s, 8, v, ok, true);
    ok = model_value(m, &root2, (ValueCtx){x->unit, -1}, &v, NULL, NULL, msg, sizeof msg) == VAL_OK;
    xl_amount(x, &s, 11, v, ok, true);
    s.row++;
    xl_fit(&s, 12);
}

static void assets(Xl *x)
{
    static const char *const cols[] = {"item", "quantity_head", "value"};
    XlSheet s;
    if (!block_sheet(x, &s, TB_ASSETS, NULL, cols, 3))
        return;
    const Assets *a = &x->m->assets;
    for (int r = 0; r < AS__COUNT; r++, s.row++) {
        xl_text(x, &s, 0, asset_row_title(x->m, (AssetRow)r), x->text);
        if (a->row_written[r] && !a->qty[r].blank)
            xl_number(x, &s, 1, a->qty[r].v);
        else
            xl_text(x, &s, 1, "", x->number);
        xl_amount(x, &s, 2, a->value[r].v, a->row_written[r] && !a->value[r].blank, false);
        /* its parts, as written, each 其中：X as the PDF prints them */
        for (int i = 0; i < a->nparts; i++) {
            const AssetPart *p = &a->parts[i];
            if (p->of != (AssetRow)r)
                continue;
            char part[512];
            s.row++;
            snprintf(part, sizeof part, "%s%s", label(x, "of_which"),
                     x->m->vocab->dim[DIM_ASSET].words[p->word].title);
            xl_text(x, &s, 0, part, x->text);
            if (!p->qty.blank)
                xl_number(x, &s, 1, p->qty.v);
            else
                xl_text(x, &s, 1, "", x->number);
            xl_amount(x, &s, 2, p->value.v, !p->value.blank, false);
        }
    }
    char text[512], amount[DEC_FMT_MAX];
    if (a->date) {
        snprintf(text, sizeof text, "%s%s", label(x, "as_of"), a->date);
        xl_merge(x, &s, (int)s.row, 0, (int)s.row, 2, text, x->note);
        s.row++;
    }
    if (a->has_planned) {
        dec_format(a->planned, amount, sizeof amount);
        snprintf(text, sizeof text, "%s%s%s%s。", label(x, "note_mark"), label(x, "planned_note"),
                 amount, x->m->money);
        xl_merge(x, &s, (int)s.row, 0, (int)s.row, 2, text, x->note);
        s.row++;
    }
    xl_fit(&s, 3);
}

/* ---- the facts ---------------------------------------------------------------- */

static void fact_row(Xl *x, XlSheet *s, const char *unit, const char *fact, const char *source,
                     const char *code, const char *word, Dec v)
{
    xl_text(x, s, 0, unit, x->code);
    xl_text(x, s, 1, fact, x->code);
    xl_text(x, s, 2, source, x->text);
    xl_text(x, s, 3, code, x->code);
    xl_text(x, s, 4, word, x->text);
    xl_number(x, s, 5, v);
    s->row++;
}

static void prior_rows(Xl *x, XlSheet *s, const char *unit, const PriorFact *p, int n)
{
    for (int i = 0; i < n; i++)
        fact_row(x, s, unit, "prior", "", p[i].path, "", p[i].amount);
}

/* Every fact of the document, in the order written: the data a workbook
 * carries so that `budc import` writes the same budget back. */
static void facts(Xl *x)
{
    static const char *const cols[] = {"unit", "fact", "source", "code", "word", "amount"};
    const Model *m = x->m;
    XlSheet s;
    if (!xl_sheet(x, &s, "facts"))
        return;
    xl_head_row(x, &s, cols, 6);
    if (x->unit < 0)
        prior_rows(x, &s, "", m->prior, m->nprior);
    for (int u = 0; u < m->nunits; u++) {
        if (x->unit >= 0 && u != x->unit)
            continue;
        const Unit *un = &m->units[u];
        fact_row(x, &s, un->id, "unit", "", "", un->name, dec_zero());
        for (int k = 0; k < F__COUNT; k++)
            for (int i = un->fact_first[k]; i < un->fact_first[k] + un->fact_count[k]; i++) {
                const Fact *f = &m->facts[k][i];
                int w = fact_types[k].word;
                const char *word = w >= 0 && f->dim[w] >= 0 ? vocab_name(m->vocab, (Dim)w, f->dim[w])
                                                            : "";
                if (k == F_ECONOMIC && !f->class_written)
                    word = "";
                fact_row(x, &s, un->id, fact_types[k].key,
                         vocab_name(m->vocab, DIM_SOURCE, f->dim[DIM_SOURCE]), f->code, word,
                         f->amount);
            }
        /* a unit's workbook is the unit's disclosure: its 上年 is the whole's */
        prior_rows(x, &s, x->unit >= 0 ? "" : un->id, un->prior, un->nprior);
    }
    xl_fit(&s, 6);
}

void xl_extra_sheets(Xl *x)
{
    units(x);
    projects(x);
    indicators(x);
    purchases(x);
    assets(x);
    facts(x);
}
