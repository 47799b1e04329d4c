/*
 * check.c — the checker's driver (see check.h): the passes in order.
 */
#include "check/check.h"

#include "check/passes.h"

int check_model(const Model *m, DiagCtx *d)
{
    int code_errors = check_codes(m, d);
    int nerr = code_errors;
    nerr += check_reserved(m, d);
    nerr += check_balance(m, d);
    /* A fact with an unknown code has no row to go to: comparing the
     * stated tables would only repeat the code errors as wrong totals. */
    if (code_errors == 0)
        nerr += check_stated(m, d);
    nerr += check_last_year(m, d);
    nerr += check_projects(m, d);
    nerr += check_narrative(m, d);
    nerr += check_prose(m, d);
    nerr += check_rules(m, d);
    return nerr;
}
