/*
 * latex.h — what the parts of the LaTeX back end share (latex.c, tex.c,
 * latex_tables.c, latex_extra.c); emit.h has the entry point.
 *
 * Every piece of text that comes from the budget is written through
 * tex_text or tex_line, which make it literal (docs/latex.md): nothing
 * written in a .bud file can become a TeX command.  Only this back end's own
 * constant strings are written raw.
 */
#ifndef BUDC_EMIT_LATEX_H
#define BUDC_EMIT_LATEX_H

#include <stdbool.h>
#include <stdio.h>

#include "model/model.h"

/* The blocks a narrative can `insert` besides the nine tables, in the
 * order of the official document (the appendix follows it). */
typedef enum TexBlock {
    TB_UNITS,     /* 机构设置表 */
    TB_PERF,      /* 部门整体绩效目标 */
    TB_PROJECTS,  /* 项目绩效目标表 */
    TB_SELFEVAL,  /* 项目支出绩效自评表 (a 决算's) */
    TB_PURCHASES, /* 政府采购表 */
    TB_ASSETS,    /* 国有资产表 */
    TB_GLOSSARY,  /* 名词解释 */
    TB__COUNT
} TexBlock;

typedef struct Tex {
    const Model *m;
    int unit;                    /* whose document: -1 the department's (view.h) */
    FILE *f;
    bool *table_placed;          /* [model_ntables]: inserted by the narrative */
    bool block_placed[TB__COUNT];
} Tex;

/* ---- tex.c: writing ------------------------------------------------------ */

/* Writes S as it is: for this back end's own LaTeX only. */
void tex_raw(Tex *t, const char *s);
void tex_fmt(Tex *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Writes S (from the budget; NULL writes nothing) as literal text.
 * tex_text keeps its line breaks (for paragraphs and table cells);
 * tex_line makes them spaces (for titles and other moving arguments). */
void tex_text(Tex *t, const char *s);
void tex_line(Tex *t, const char *s);

/* tex_line of S as the document prints it (view_words: a title 部门预算… is
 * 单位预算… in a unit's document), and of the label KEY so. */
void tex_words(Tex *t, const char *s);
void tex_label(Tex *t, const char *key);

/* An amount of money: with at least two decimals (9 → 9.00, 2.5 → 2.50). */
void tex_money(Tex *t, Dec v);
/* A cell of a table: its amount, or nothing for a blank cell. */
void tex_cell(Tex *t, const Cell *c);
/* A number as written (quantities, indicator values). */
void tex_num(Tex *t, Dec v);

/* The Chinese numeral of N (1 … 99) into BUF: 一, 十二, 三十一. */
const char *tex_cn_number(int n, char *buf, size_t len);

/* `\begin{longtable}{…}` with the columns of SPEC: one letter per column
 * (L, C, R: ragged right, centred, ragged left) and its width in
 * thousandths of the line, e.g. "C60 L400 R140". */
void tex_longtable(Tex *t, const char *spec);

/* A longtable row over NCOLS columns: 编制单位 (the department, or the
 * unit whose document it is), then
 * LABEL (this back end's: 预算年度：, 截止时间：) with VALUE (text from the
 * budget) when LABEL is set, and 单位：万元. */
void tex_meta_row(Tex *t, int ncols, const char *label, const char *value);

/* ---- latex_tables.c: the tables ------------------------------------- */

/* Table ID of the document (its definition says how it is set).
 * OWN_PAGE: in the tables part (a page of its own and an entry in the
 * contents), and PART_START: the part's first, under its heading;
 * otherwise inserted in the narrative where it stands. */
void tex_table(Tex *t, int id, bool own_page, bool part_start);

/* ---- latex_extra.c: the other blocks ------ ------------------------------------- */

/* Block B's word after `insert` (机构设置表 …; NULL when the vocabulary has
 * none) and its title (部门机构设置情况 …), from the `insert` vocabulary. */
const char *tex_block_word(const Model *m, TexBlock b);
const char *tex_block_title(const Model *m, TexBlock b);
/* Whether the document of UNIT has something to print in block B (a
 * unit's has no 部门整体绩效目标 and no asset table: the department's). */
bool tex_block_has_content(const Model *m, int unit, TexBlock b);
/* Block B.  CAPTION: with its printed title (in the narrative; the
 * appendix has its own heading). */
void tex_block(Tex *t, TexBlock b, bool caption);

#endif
