/*
 * cause.h — root causes: when one amount breaks several identities, one
 * error at that amount (E-ROOT-CAUSE) instead of one at each identity.
 *
 * The passes that check identities (balance.c, stated.c, narrative.c) tell
 * this file about each one they check, broken or holding: its difference
 * (A − B, as the error prints it) and what its two sides add up (a filter
 * of facts, a table's cell, a quoted expression, one amount), each with its
 * sign (+1 on side B, −1 on side A).  Their errors are held (diag_hold);
 * causes_finish groups them and reports what was held, in order (see
 * cause.c for how a root cause is found).
 *
 * Every function accepts a NULL Causes or Ident, and does nothing then.
 */
#ifndef BUDC_CAUSE_H
#define BUDC_CAUSE_H

#include <stdbool.h>

#include "base/diag.h"
#include "model/model.h"

typedef struct Causes Causes;
typedef struct Ident Ident;

/* Starts recording the identities of M's checks and holds D's
 * diagnostics; NULL when memory runs out (nothing is held then). */
Causes *causes_start(const Model *m, DiagCtx *d);

/* Finds the root causes, reports everything held (a root cause in place of
 * the first error it explains, without the errors it explains) and frees
 * CS. */
void causes_finish(Causes *cs);

/* An identity found broken by GAP (A − B): the next error reported is
 * its own, with its notes. */
Ident *cause_broken(Causes *cs, Dec gap);

/* An identity that holds. */
Ident *cause_holds(Causes *cs);

/* What side B (COEF +1) or side A (COEF −1) of ID adds up: the facts of F
 * (of UNIT, or every unit when -1); cell (R, COL) of the derived table T;
 * the linear expression E of quoted paths for CTX (an expression that is not
 * a sum or difference of paths and numbers leaves ID out of every root
 * cause); the amount written at AT. */
void cause_filter(Causes *cs, Ident *id, const Filter *f, int unit, int coef);
void cause_cell(Causes *cs, Ident *id, const Table *t, const TRow *r, int col, int coef);
void cause_expr(Causes *cs, Ident *id, const Expr *e, ValueCtx ctx, int coef);
void cause_amount(Causes *cs, Ident *id, Loc at, int coef);

#endif
