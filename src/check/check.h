/*
 * check.h — the checker: builds the model of a loaded program and runs every
 * rule of docs/checks.md over it.
 *
 * The passes, in order:
 *   catalogs_load      the classification catalogues (catalog.c)
 *   model_build        facts, with names resolved (model.c)
 *   check_codes        every code against its catalogue (check_codes.c)
 *   check_balance      the identities between facts, and the stated tables
 *                      against the derived ones (check_tables.c)
 *   check_projects     绩效 indicators, procurement, assets (check_projects.c)
 *   check_narrative    quotes, sections, year-over-year words (check_narrative.c)
 *   check_rules        rules written in .bud (check_rules.c)
 *
 * A program without a `department` statement is a part of a budget (a unit
 * file, a catalogue): only the front end's checks apply to it.
 */
#ifndef BUDC_CHECK_H
#define BUDC_CHECK_H

#include "base/diag.h"
#include "front/load.h"
#include "model/model.h"

/* Runs every pass over M (built without an overflow), in order.  Returns
 * the number of errors reported. */
int check_model(Model *m, DiagCtx *d);

/* The passes (each returns the number of errors it reported). */
int check_codes(Model *m, DiagCtx *d);
int check_balance(Model *m, DiagCtx *d, bool codes_ok);
int check_projects(Model *m, DiagCtx *d);
int check_narrative(Model *m, DiagCtx *d);
int check_rules(Model *m, DiagCtx *d);

/* Shared by the passes. */

/* V as written ("9.3") / with at least 2 decimals ("9.30"), into BUF
 * (DEC_FMT_MAX bytes). */
const char *fmt_dec(Dec v, char *buf);
const char *fmt_money(Dec v, char *buf);

/* Reports a broken identity at AT:
 *   "WHAT: STATED_AS 1206.65 but DERIVED_AS 1206.00 (difference +0.65) [CODE]"
 * e.g. WHAT = "支出总表 row 207, column 合计", STATED_AS = "the table states",
 * DERIVED_AS = "the facts give".  The caller adds the notes. */
void report_mismatch(DiagCtx *d, Loc at, const char *code, const char *what, Dec stated,
                     const char *stated_as, Dec derived, const char *derived_as);

/* report_mismatch's message at level LVL, with what to do:
 *   "WHAT: A_AS 50.00 but B_AS 80.00 (difference -30.00); ADVICE" */
void report_diff(DiagCtx *d, DiagLevel lvl, Loc at, const char *code, const char *what, Dec a,
                 const char *a_as, Dec b, const char *b_as, const char *advice);

/* The indicator checks of project I, and across projects (check_indicators.c). */
int check_project_indicators(Model *m, DiagCtx *d, int i);
int check_indicator_totals(Model *m, DiagCtx *d);

/* The percentages a project's goal text promises against its indicators
 * (check_goals.c). */
void check_goal_bounds(const Model *m, DiagCtx *d, const Project *p);

#endif
