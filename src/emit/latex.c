/*
 * latex.c — the LaTeX back end: the whole disclosure as one ctex
 * document for xelatex (docs/latex.md).
 *
 * The document follows the published 部门预算公开 (domain.md): a title page,
 * the contents, the nine tables (部门预算公开表) each on a page of its own,
 * then the 说明 with its sections, headings and paragraphs, each `insert`
 * placing its table where the author put it, and last an appendix (附录)
 * with whatever the narrative did not insert, in the official order.
 *
 * A unit's own document (单位预算, view.h) is the same with the unit's
 * tables, projects, purchases and narrative, titled as the unit's.
 *
 * This file holds the document's frame and its parts.  The writers every
 * part uses (the escaping of text, numbers, the longtable helpers) are in
 * tex.c; the tables in latex_tables.c; the 机构设置表, 绩效目标表,
 * procurement and asset tables and the glossary in latex_extra.c.  Figures
 * come from the model only (model_table, model_value, model_text), and the
 * output depends on the model only: no date, no path, so the same budget
 * always gives the same bytes.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "emit/emit.h"
#include "emit/latex.h"
#include "emit/view.h"

/* ---- the frame ------------------------------------------------------------------ */

/* The preamble: packages, fonts for the symbols of indicator values, the
 * column types of the tables (L, C, R with a width in thousandths of the
 * line; Y and T a full-width line, left or centred) and the page style. */
static const char preamble[] =
    "\\documentclass[UTF8,a4paper,zihao=-4]{ctexart}\n"
    "\\usepackage[margin=2cm,headheight=15pt]{geometry}\n"
    "\\usepackage{array}\n"
    "\\usepackage{longtable}\n"
    "\\usepackage{pdflscape}\n"
    "\\usepackage{fancyhdr}\n"
    "% ≥ ≤ ① ■ and their neighbours are in the Chinese font, not in Latin Modern\n"
    "\\xeCJKDeclareCharClass{CJK}{\"2150 -> \"218F, \"2190 -> \"21FF, \"2200 -> \"22FF,\n"
    "  \"2460 -> \"24FF, \"25A0 -> \"25FF, \"2600 -> \"26FF}\n"
    "\\setcounter{secnumdepth}{0}\n"
    "\\setcounter{tocdepth}{2}\n"
    "\\ctexset{section={format=\\centering\\zihao{3}\\bfseries},\n"
    "  subsection={format=\\zihao{4}\\bfseries}}\n"
    "% a column of #1 thousandths of the line, its padding and rule included\n"
    "\\newcommand\\budwidth[1]{\\dimexpr(\\linewidth-\\arrayrulewidth)*#1/1000\n"
    "  -2\\tabcolsep-\\arrayrulewidth\\relax}\n"
    "\\newcolumntype{L}[1]{>{\\raggedright\\arraybackslash}p{\\budwidth{#1}}}\n"
    "\\newcolumntype{C}[1]{>{\\centering\\arraybackslash}p{\\budwidth{#1}}}\n"
    "\\newcolumntype{R}[1]{>{\\raggedleft\\arraybackslash}p{\\budwidth{#1}}}\n"
    "\\newcolumntype{Y}{@{}>{\\raggedright\\arraybackslash}p{\\linewidth}@{}}\n"
    "\\newcolumntype{T}{@{}>{\\centering\\arraybackslash}p{\\linewidth}@{}}\n"
    "\\newcommand\\budhd{\\centering\\arraybackslash}\n"
    "% \\cline that allows no page break after it (longtable's \\hline invites one):\n"
    "% after \\\\* it keeps the rows on either side together\n"
    "\\makeatletter\n"
    "\\def\\budcline#1{\\bud@cline#1\\@nil}\n"
    "\\def\\bud@cline#1-#2\\@nil{\\omit\\@multicnt#1\\advance\\@multispan\\m@ne\n"
    "  \\ifnum\\@multicnt=\\@ne\\@firstofone{&\\omit}\\fi\\@multicnt#2\\advance\\@multicnt-#1%\n"
    "  \\advance\\@multispan\\@ne\\leaders\\hrule\\@height\\arrayrulewidth\\hfill\\cr\n"
    "  \\noalign{\\nobreak\\vskip-\\arrayrulewidth}}\n"
    "\\makeatother\n"
    "\\newcommand\\budtitle[1]{{\\zihao{4}\\bfseries #1}}\n"
    "\\newcommand\\budheading[1]{\\par\\smallskip\\noindent\\textbf{#1}\\par}\n"
    "\\newcommand\\budnote[1]{\\par\\noindent{\\small #1}\\par\\medskip}\n"
    "\\setlength{\\LTpre}{\\medskipamount}\n"
    "\\setlength{\\LTpost}{\\medskipamount}\n"
    "\\pagestyle{fancy}\n"
    "\\fancyhf{}\n"
    "\\fancyfoot[C]{\\thepage}\n";

/* "秦皇岛…中心 2023年部门预算", for the page head (a unit's: "…（本级）
 * 2023年单位预算"). */
static void doc_name(Tex *t)
{
    tex_line(t, view_name(t->m, t->unit));
    tex_fmt(t, " %d", t->m->year);
    tex_label(t, "doc_year");
}

static void frame_start(Tex *t)
{
    tex_raw(t, "% ");
    doc_name(t);
    tex_raw(t, " — ");
    tex_label(t, "doc_kind");
    tex_raw(t, ", written by budc; edit the budget, not this file.\n");
    tex_raw(t, preamble);
    tex_raw(t, "\\fancyhead[C]{\\small ");
    doc_name(t);
    tex_raw(t, "}\n\n\\begin{document}\n\n");
}

/* The 部门编码 line of the title page; in a unit's document, the department
 * the unit belongs to (所属部门：359 …). */
static void department_line(Tex *t)
{
    const Model *m = t->m;
    if (t->unit >= 0) {
        tex_line(t, model_label(m, "unit_of"));
        if (m->dept_code) {
            tex_line(t, m->dept_code);
            tex_raw(t, " ");
        }
        tex_line(t, m->dept_name);
        tex_raw(t, "\\par\\medskip\n");
    } else if (m->dept_code) {
        tex_line(t, model_label(m, "dept_code"));
        tex_line(t, m->dept_code);
        tex_raw(t, "\\par\\medskip\n");
    }
}

static void title_page(Tex *t)
{
    const Model *m = t->m;
    tex_raw(t, "\\begin{titlepage}\n\\centering\n\\vspace*{0.22\\textheight}\n"
               "{\\zihao{1}\\bfseries ");
    tex_line(t, view_name(m, t->unit));
    tex_fmt(t, "\\par}\n\\vspace{2em}\n{\\zihao{2}\\bfseries %d", m->year);
    tex_label(t, "doc_year");
    tex_raw(t, "\\par}\n\\vspace{1em}\n{\\zihao{3}");
    tex_label(t, "doc_subtitle");
    tex_raw(t, "\\par}\n\\vfill\n{\\zihao{4}");
    department_line(t);
    tex_line(t, model_label(m, "budget_year"));
    tex_fmt(t, "%d\\par\\medskip\n", m->year);
    tex_line(t, model_label(m, "money_label"));
    tex_line(t, m->money);
    tex_raw(t, "\\par}\n\\vspace*{0.08\\textheight}\n\\end{titlepage}\n\n"
               "\\tableofcontents\n\\clearpage\n\n");
}

/* ---- the parts ------------------------------------------------------------------ */

/* 部门预算公开表: the tables the narrative does not insert. */
static void tables_part(Tex *t)
{
    bool first = true;
    for (int id = 0; id < model_ntables(t->m); id++) {
        if (t->table_placed[id])
            continue;
        tex_table(t, id, true, first);
        first = false;
    }
}

/* Which tables and blocks the narrative inserts (so the other parts leave
 * them out). */
static void find_inserts(Tex *t)
{
    const Narrative *nr = model_narrative(t->m, t->unit);
    for (int i = 0; i < nr->nparas; i++) {
        const Para *p = &nr->paras[i];
        if (p->kind != PARA_INSERT)
            continue;
        int id = model_table_find(t->m, p->insert);
        if (id >= 0 && strcmp(p->insert, t->m->disclosure->tables[id].word) == 0)
            t->table_placed[id] = true;
        for (int b = 0; b < TB__COUNT; b++)
            if (tex_block_word(t->m, (TexBlock)b) &&
                strcmp(p->insert, tex_block_word(t->m, (TexBlock)b)) == 0)
                t->block_placed[b] = true;
    }
}

/* An `insert`: the table or block, at its first insert only. */
static void insert(Tex *t, const char *word, bool *done_table, bool *done_block)
{
    int id = model_table_find(t->m, word);
    if (id >= 0 && strcmp(word, t->m->disclosure->tables[id].word) == 0 && !done_table[id]) {
        done_table[id] = true;
        tex_table(t, id, false, false);
    }
    for (int b = 0; b < TB__COUNT; b++)
        if (tex_block_word(t->m, (TexBlock)b) &&
            strcmp(word, tex_block_word(t->m, (TexBlock)b)) == 0 && !done_block[b]) {
            done_block[b] = true;
            tex_block(t, (TexBlock)b, true);
        }
}

static void section_title(Tex *t, const Narrative *nr, int i)
{
    const Section *s = &nr->sections[i];
    tex_raw(t, "\\subsection{");
    tex_line(t, s->title ? s->title : s->word);
    tex_raw(t, "}\n\n");
}

/* The 说明: its paragraphs in order, each section's title before its first
 * paragraph (a section without paragraphs still has its title). */
static void narrative(Tex *t)
{
    const Model *m = t->m;
    const Narrative *nr = model_narrative(m, t->unit);
    bool *done_table = xmalloc((size_t)(model_ntables(m) + 1) * sizeof *done_table);
    memset(done_table, 0, (size_t)(model_ntables(m) + 1) * sizeof *done_table);
    bool done_block[TB__COUNT] = {false};
    tex_raw(t, "\\clearpage\n\\section{");
    tex_line(t, view_name(m, t->unit));
    tex_fmt(t, "%d", m->year);
    tex_label(t, "narrative_title");
    tex_raw(t, "}\n\n");
    int next = 0; /* the next section whose title is due */
    for (int i = 0; i < nr->nparas; i++) {
        const Para *p = &nr->paras[i];
        while (p->section >= next && next < nr->nsections)
            section_title(t, nr, next++);
        if (p->kind == PARA_INSERT) {
            insert(t, p->insert, done_table, done_block);
        } else if (p->kind == PARA_HEADING) {
            tex_raw(t, "\\budheading{");
            tex_line(t, model_text(nr, i));
            tex_raw(t, "}\n\n");
        } else {
            tex_text(t, model_text(nr, i));
            tex_raw(t, "\n\n");
        }
    }
    while (next < nr->nsections)
        section_title(t, nr, next++);
    free(done_table);
}

/* 附录: the blocks the narrative does not insert, in the official order. */
static void appendix(Tex *t)
{
    bool any = false;
    for (int b = 0; b < TB__COUNT; b++) {
        if (t->block_placed[b] || !tex_block_has_content(t->m, t->unit, (TexBlock)b))
            continue;
        if (!any) {
            tex_raw(t, "\\clearpage\n\\section{");
            tex_line(t, model_label(t->m, "appendix"));
            tex_raw(t, "}\n\n");
        }
        any = true;
        tex_raw(t, "\\subsection{");
        tex_words(t, tex_block_title(t->m, (TexBlock)b));
        tex_raw(t, "}\n\n");
        tex_block(t, (TexBlock)b, false);
    }
}

int emit_latex(const Model *m, int unit, FILE *out)
{
    Tex t = {.m = m, .unit = unit, .f = out};
    size_t nt = (size_t)model_ntables(m) + 1;
    t.table_placed = xmalloc(nt * sizeof *t.table_placed);
    memset(t.table_placed, 0, nt * sizeof *t.table_placed);
    find_inserts(&t);
    frame_start(&t);
    title_page(&t);
    tables_part(&t);
    if (model_narrative(m, unit)->present)
        narrative(&t);
    appendix(&t);
    tex_raw(&t, "\\end{document}\n");
    free(t.table_placed);
    return ferror(out) ? -1 : 0;
}
