/*
 * html.h — what the parts of the HTML back end share (html.c, html_svg.c,
 * html_out.c); emit.h has the entry point.
 *
 * Every piece of text from the budget or the standard library is written
 * through html_text, which escapes & < > " and ' (so it is safe in an
 * element and in a quoted attribute alike); only this back end's own
 * constant markup is written raw.
 */
#ifndef BUDC_EMIT_HTML_H
#define BUDC_EMIT_HTML_H

#include <stdbool.h>
#include <stdio.h>

#include "model/model.h"

typedef struct Html {
    const Model *m;
    int unit; /* whose document: -1 the department's (view.h) */
    FILE *f;
    int nfig; /* charts written so far: their ids */
} Html;

/* ---- html_out.c: writing ------------------------------------------------- */

/* S as it is: this back end's own markup only. */
void html_raw(Html *h, const char *s);
void html_fmt(Html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* S (NULL: nothing) escaped; html_text keeps its line breaks as <br>,
 * html_line makes them spaces (attributes, titles). */
void html_text(Html *h, const char *s);
void html_line(Html *h, const char *s);
/* The label KEY of the vocabulary as the document prints it (view.h). */
void html_label(Html *h, const char *key);
/* S as the document prints it (a title 部门预算… is 单位预算… in a unit's). */
void html_words(Html *h, const char *s);
/* An amount: at least two decimals (9 → 9.00), exactly as the Dec. */
void html_money(Html *h, Dec v);
/* A number as written (quantities). */
void html_num(Html *h, Dec v);

/* ---- html_svg.c: the charts ------------------------------------------------ */

/* The charts of the document, each a <figure> with an inline SVG: spending
 * by function 类, spending by kind (基本, 项目 …), income by source, 三公
 * against last year's (a 决算: against the budget), and for a 决算 with its
 * budget the spending of each 类 budgeted against spent.  A chart without
 * any figure is left out. */
void html_charts(Html *h);

#endif
