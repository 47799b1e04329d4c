/*
 * check.c — the checker's driver (see check.h): the passes in order.
 */
#include "check/check.h"

#include "check/passes.h"

int check_model(const Model *m, DiagCtx *d)
{
    int before = d->nerrors;
    /* The diagnostics are held until every pass has run, so that one
     * amount that breaks several identities is reported once (cause.h). */
    Causes *cs = causes_start(m, d);
    int code_errors = check_codes(m, d);
    check_reserved(m, d);
    check_balance(m, d, cs);
    /* A fact with an unknown code has no row to go to, and a line with an
     * error (an unknown fund source …) is no fact at all: comparing the
     * stated tables would only repeat those errors as wrong totals. */
    bool lines_missing = false;
    for (int u = 0; u < m->nunits; u++)
        lines_missing |= m->units[u].nerrors > 0;
    if (code_errors == 0 && !lines_missing)
        check_stated(m, d, cs);
    check_last_year(m, d);
    check_final(m, d);
    check_selfeval(m, d);
    check_projects(m, d);
    check_procured(m, d);
    check_narrative(m, d, cs);
    check_prose(m, d);
    check_rules(m, d);
    causes_finish(cs);
    return d->nerrors - before;
}
