/*
 * report.c — what the passes share (see report.h).
 */
#include "check/report.h"
#include "base/i18n.h"

#include <string.h>

const char *fmt_dec(Dec v, char *buf)
{
    dec_format(v, buf, DEC_FMT_MAX);
    return buf;
}

int money_exp(const char *w)
{
    static const struct {
        const char *w;
        int e;
    } t[] = {{"元", 0}, {"千元", 3}, {"万元", 4}, {"亿元", 8}};
    for (size_t i = 0; w && i < sizeof t / sizeof t[0]; i++)
        if (strcmp(w, t[i].w) == 0)
            return t[i].e;
    return -1;
}

bool money_to_budget(const Model *m, Dec v, const char *measure, Dec *out)
{
    int from = money_exp(measure), to = money_exp(m->money ? m->money : "万元");
    if (from < 0 || to < 0)
        return false;
    Dec r = v;
    for (; from > to; from--)
        if (dec_mul(r, dec_from_int(10), &r) != DEC_OK)
            return false;
    for (; from < to; from++) {
        if (r.scale < DEC_MAX_SCALE)
            r.scale++;
        else if (r.units % 10 == 0)
            r.units /= 10;
        else
            return false;
    }
    while (r.scale > 2 && r.units % 10 == 0) { /* 500000元 is 50.00 万元, not 50.0000 */
        r.units /= 10;
        r.scale--;
    }
    *out = r;
    return true;
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
    diag_error(d, at, code, "%s: %s %s but %s %s (difference %s%s)", _(what), _(stated_as),
               fmt_money(stated, a), _(derived_as), fmt_money(derived, b),
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
    diag_report(d, lvl, at, code, "%s: %s %s but %s %s (difference %s%s); %s", _(what), _(a_as),
                fmt(a, x), _(b_as), fmt(b, y), dec_is_neg(diff) ? "" : "+", fmt(diff, z),
                _(advice));
}

bool rounding_explains(const Model *m, Rounding *r, Dec a, Dec b, int parts, Loc at,
                       const char *where)
{
    if (!m->rounded || parts <= 0)
        return false;
    Dec gap, limit, half = {5, 3}; /* half of 0.01 */
    if (dec_sub(a, b, &gap) != DEC_OK || dec_mul(half, (Dec){parts, 0}, &limit) != DEC_OK)
        return false;
    if (dec_is_neg(gap) && dec_neg(gap, &gap) != DEC_OK)
        return false;
    if (dec_cmp(gap, limit) > 0)
        return false;
    if (r->count++ == 0 || dec_cmp(gap, r->largest) > 0) {
        r->largest = gap;
        r->at = at;
        snprintf(r->where, sizeof r->where, "%s", where);
    }
    return true;
}

void rounding_report(DiagCtx *d, const Model *m, const Rounding *r, Loc at, const char *what)
{
    if (r->count == 0)
        return;
    char g[DEC_FMT_MAX];
    diag_warning(d, at, "W-ROUNDING",
                 "%s: %d figure%s differ%s from the sum of %s parts by rounding, at most %s "
                 "(%s); the budget's amounts are rounded from %s, up to 0.005 a part",
                 what, r->count, r->count == 1 ? "" : "s", r->count == 1 ? "s" : "",
                 r->count == 1 ? "its" : "their", fmt_money(r->largest, g), r->where, "元");
    diag_note(d, r->at, "the largest difference");
    diag_note(d, m->money_loc, "the amounts are declared rounded here");
}

void report_notes(DiagCtx *d, const Loc *locs, int n, const char *what)
{
    for (int i = 0; i < n && i < MAX_NOTES; i++) {
        if (i == MAX_NOTES - 1 && n > MAX_NOTES)
            diag_note(d, locs[i], "%s (and %d more line%s)", _(what), n - MAX_NOTES,
                      n - MAX_NOTES == 1 ? "" : "s");
        else
            diag_note(d, locs[i], "%s", _(what));
    }
}
