/*
 * report.h — what the passes of the checker share: numbers as printed in
 * messages, the message of a broken identity, and the notes at the facts
 * that make up a figure.
 */
#ifndef BUDC_REPORT_H
#define BUDC_REPORT_H

#include <stdbool.h>

#include "base/diag.h"
#include "model/model.h"

enum { MAX_NOTES = 3 }; /* notes at the facts behind a figure, before "and N more" */

/* V as written ("9.3") / with at least 2 decimals ("9.30"), into BUF
 * (DEC_FMT_MAX bytes). */
const char *fmt_dec(Dec v, char *buf);
const char *fmt_money(Dec v, char *buf);

/* The power of ten of money measure W (元 0, 千元 3, 万元 4, 亿元 8), or -1
 * when W is no money measure. */
int money_exp(const char *w);

/* V, in MEASURE, as an amount in the budget's money unit: exact (1 万元 =
 * 10000 元, by moving the decimal point; no more than 2 decimals unless
 * they are needed), or false. */
bool money_to_budget(const Model *m, Dec v, const char *measure, Dec *out);

/* Reports a broken identity at AT:
 *   "WHAT: STATED_AS 1206.65 but DERIVED_AS 1206.00 (difference +0.65) [CODE]"
 * e.g. WHAT = "支出总表 row 207, column 合计", STATED_AS = "the table states",
 * DERIVED_AS = "the facts give".  The caller adds the notes. */
void report_mismatch(DiagCtx *d, Loc at, const char *code, const char *what, Dec stated,
                     const char *stated_as, Dec derived, const char *derived_as);

/* The same at level LVL, with what to do:
 *   "WHAT: A_AS 50.00 but B_AS 80.00 (difference -30.00); ADVICE"
 * report_diff_as: the numbers are amounts (at least 2 decimals) when MONEY,
 * else as written. */
void report_diff(DiagCtx *d, DiagLevel lvl, Loc at, const char *code, const char *what, Dec a,
                 const char *a_as, Dec b, const char *b_as, const char *advice);
void report_diff_as(DiagCtx *d, DiagLevel lvl, Loc at, const char *code, const char *what, Dec a,
                    const char *a_as, Dec b, const char *b_as, const char *advice, bool money);

/* Notes WHAT at the first MAX_NOTES of LOCS (N in all); the last says how
 * many more there are. */
void report_notes(DiagCtx *d, const Loc *locs, int n, const char *what);

/* Differences a budget whose amounts are rounded (money 万元 from 元)
 * explains: a total that differs from the sum of its PARTS printed parts by
 * at most half a printed unit (0.005) a part.  The differences of one
 * table (or one check) are gathered and reported once (W-ROUNDING). */
typedef struct Rounding {
    int count;
    Dec largest;
    Loc at;           /* where the largest is */
    char where[192];  /* what it is: "row 合计, column 预算数" */
} Rounding;

/* Whether M is rounded and A and B (a total and the sum of its PARTS parts)
 * differ by no more than rounding explains; if so, R records it. */
bool rounding_explains(const Model *m, Rounding *r, Dec a, Dec b, int parts, Loc at,
                       const char *where);

/* The one W-ROUNDING of R at AT, for WHAT ("收支总表"), if R has any. */
void rounding_report(DiagCtx *d, const Model *m, const Rounding *r, Loc at, const char *what);

/* A trace (model.h) with room for the notes of one figure. */
#define NOTES_TRACE(name, locs)                                                                \
    Loc locs[MAX_NOTES];                                                                       \
    Trace name = {locs, MAX_NOTES, 0, 0}

#endif
