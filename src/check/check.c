/*
 * check.c — the checker's driver (see check.h): loads the catalogue of the
 * budget year when the budget imports none, builds the model and runs the
 * passes in order.
 */
#include "check/check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int check_model(Model *m, DiagCtx *d)
{
    int code_errors = check_codes(m, d);
    int nerr = code_errors;
    nerr += check_balance(m, d, code_errors == 0);
    nerr += check_projects(m, d);
    nerr += check_narrative(m, d);
    nerr += check_rules(m, d);
    return nerr;
}

const char *fmt_dec(Dec v, char *buf)
{
    dec_format(v, buf, DEC_FMT_MAX);
    return buf;
}

const char *fmt_money(Dec v, char *buf)
{
    Dec r = v;
    if (r.scale < 2)
        dec_rescale(v, 2, &r);
    dec_format(r, buf, DEC_FMT_MAX);
    return buf;
}

void report_mismatch(DiagCtx *d, Loc at, const char *code, const char *what, Dec stated,
                     const char *stated_as, Dec derived, const char *derived_as)
{
    char a[DEC_FMT_MAX], b[DEC_FMT_MAX], c[DEC_FMT_MAX];
    Dec diff;
    if (dec_sub(stated, derived, &diff) != DEC_OK)
        diff = dec_zero();
    diag_error(d, at, code, "%s: %s %s but %s %s (difference %s%s)", what, stated_as,
               fmt_money(stated, a), derived_as, fmt_money(derived, b),
               dec_is_neg(diff) ? "" : "+", fmt_money(diff, c));
}
