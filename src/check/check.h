/*
 * check.h — the checker: every rule of docs/checks.md over a finished
 * model (model.h), which it reads only.
 *
 * The passes (passes.h), in order:
 *   check_codes      every code against its catalogue (codes.c)
 *   check_balance    the identities between facts (balance.c)
 *   check_stated     the tables as printed against the derived ones
 *                    (stated.c), when every code is known
 *   check_projects   绩效 indicators, procurement, assets (projects.c,
 *                    indicators.c, goals.c)
 *   check_narrative  quotes, sections, year-over-year words (narrative.c)
 *   check_prose      figures of the 说明 written without a quote (prose.c)
 *   check_rules      rules written in .bud (rules.c)
 * report.h has what they share.  Their diagnostics are held until the last
 * has run: an amount that breaks several identities is then reported once,
 * at the amount (E-ROOT-CAUSE, cause.h).
 */
#ifndef BUDC_CHECK_H
#define BUDC_CHECK_H

#include "base/diag.h"
#include "model/model.h"

/* Runs every pass over M, in order.  Returns the number of errors
 * reported. */
int check_model(const Model *m, DiagCtx *d);

#endif
