/*
 * report.c — what the passes share (see report.h).
 */
#include "check/report.h"

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

void report_diff(DiagCtx *d, DiagLevel lvl, Loc at, const char *code, const char *what, Dec a,
                 const char *a_as, Dec b, const char *b_as, const char *advice)
{
    report_diff_as(d, lvl, at, code, what, a, a_as, b, b_as, advice, true);
}

void report_diff_as(DiagCtx *d, DiagLevel lvl, Loc at, const char *code, const char *what, Dec a,
                    const char *a_as, Dec b, const char *b_as, const char *advice, bool money)
{
    char x[DEC_FMT_MAX], y[DEC_FMT_MAX], z[DEC_FMT_MAX];
    const char *(*fmt)(Dec, char *) = money ? fmt_money : fmt_dec;
    Dec diff;
    if (dec_sub(a, b, &diff) != DEC_OK)
        diff = dec_zero();
    diag_report(d, lvl, at, code, "%s: %s %s but %s %s (difference %s%s); %s", what, a_as,
                fmt(a, x), b_as, fmt(b, y), dec_is_neg(diff) ? "" : "+", fmt(diff, z), advice);
}

void report_notes(DiagCtx *d, const Loc *locs, int n, const char *what)
{
    for (int i = 0; i < n && i < MAX_NOTES; i++) {
        if (i == MAX_NOTES - 1 && n > MAX_NOTES)
            diag_note(d, locs[i], "%s (and %d more line%s)", what, n - MAX_NOTES,
                      n - MAX_NOTES == 1 ? "" : "s");
        else
            diag_note(d, locs[i], "%s", what);
    }
}
