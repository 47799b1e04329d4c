/*
 * passes.h — the passes of the checker, each over the finished model (read
 * only), each reporting to D and returning the number of errors it
 * reported.  check.c runs them in this order.
 */
#ifndef BUDC_PASSES_H
#define BUDC_PASSES_H

#include "base/diag.h"
#include "base/hashidx.h"
#include "check/cause.h"
#include "model/model.h"

int check_codes(const Model *m, DiagCtx *d);     /* codes.c: every code against its catalogue */
int check_reserved(const Model *m, DiagCtx *d);  /* reserved.c: codes' budgets, units' natures */
/* The passes that check identities tell CS about them (cause.h). */
int check_balance(const Model *m, DiagCtx *d, Causes *cs); /* balance.c: identities between facts */
int check_stated(const Model *m, DiagCtx *d, Causes *cs);  /* stated.c: the tables as printed */
int check_last_year(const Model *m, DiagCtx *d); /* last_year.c: the tables' 上年 columns */
int check_final(const Model *m, DiagCtx *d); /* final.c: a 决算's 年初 against last year's 年末 */
int check_selfeval(const Model *m, DiagCtx *d); /* selfeval.c: a 决算's 绩效自评 */
int check_projects(const Model *m, DiagCtx *d);  /* projects.c: projects, procurement, assets */
int check_procured(const Model *m, DiagCtx *d);  /* procured.c: a 决算's 政府采购 actuals */
int check_narrative(const Model *m, DiagCtx *d, Causes *cs); /* narrative.c: quotes, sections, words */
int check_prose(const Model *m, DiagCtx *d);     /* prose.c: figures in the 说明 without a quote */
int check_rules(const Model *m, DiagCtx *d);     /* rules.c: rules written in .bud */

/* The stems of the projects' names (a name without 费 or 费用), indexed by
 * hash so that a text is searched for every stem at once (W-COST-OTHER)
 * instead of once per project (indicators.c). */
typedef struct Stems {
    HashIdx idx;
    int *next;        /* the next project with the same hash, in order */
    unsigned *len;    /* bytes of each project's stem; 0: too short to tell */
    unsigned char has_len[512]; /* some stem has that many bytes */
} Stems;
void stems_init(Stems *st, const Model *m);
void stems_free(Stems *st);

/* The indicator checks of project I, and across projects (indicators.c). */
int check_project_indicators(const Model *m, DiagCtx *d, const Stems *st, int i);
int check_indicator_totals(const Model *m, DiagCtx *d);

/* The percentages a project's goal text promises against its indicators
 * (goals.c). */
void check_goal_bounds(const Model *m, DiagCtx *d, const Project *p);

#endif
