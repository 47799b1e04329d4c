/*
 * import_solve.h — the income, spending and carry-overs of an imported
 * budget that has no facts sheet, solved from the printed tables
 * (import_solve.c).  Internal to src/import/.
 */
#ifndef BUDC_IMPORT_SOLVE_H
#define BUDC_IMPORT_SOLVE_H

#include "import/import_impl.h"

/* A fact the tables give: of kind KIND (F_INCOME, F_SPENDING or
 * F_CARRYOVER), source SRC, word WORD of its kind's dimension (-1: none)
 * and CODE ("" when none).  INFERRED: one of several the tables allow,
 * chosen so that each fund balances. */
typedef struct SFact {
    FactKind kind;
    int src, word;
    const char *code;
    Dec amount;
    bool inferred;
} SFact;

/* The facts of kinds income, spending and carryover that the tables of IM
 * state, into *OUT (in IM's arena); returns their number. */
int imp_solve(Imp *im, SFact **out);

#endif
