/*
 * final.c — a 决算 (final accounts) against last year's (docs/final-accounts.md):
 * what each unit carries into this year (年初结转和结余: its income from
 * last year's money) is what last year's 决算 says it carried out of last
 * year (年末结转和结余: its carry-over lines, 结余分配 aside), fund by fund
 * (E-OPENING).  Asked only when the budget is a 决算 and `prior "FILE"`
 * names last year's 决算; a unit new this year has nothing to carry.
 * And what a table of the disclosure cannot give from the facts
 * (W-TABLE-GAP).
 */
#include <stdio.h>
#include <string.h>

#include "check/passes.h"
#include "check/report.h"
#include "model/query.h"

/* The unit of model P with id ID, or -1. */
static int unit_of(const Model *p, const char *id)
{
    for (int i = 0; i < p->nunits; i++)
        if (strcmp(p->units[i].id, id) == 0)
            return i;
    return -1;
}

/* The sources of fund F (a budget of 财政拨款 with its carry-over, or with
 * F < 0 every other source) that move money between years: its carry-over
 * sources for this year's 年初 (OPENING), every source but the inflows
 * and outflows for last year's 年末. */
static WordSet fund_sources(const Vocab *v, int f, bool opening)
{
    WordSet set = 0;
    for (int s = 0; s < v->dim[DIM_SOURCE].n; s++) {
        unsigned tags = v->dim[DIM_SOURCE].words[s].tags;
        int b = vocab_budget(v, s);
        if (f >= 0 ? b != f : b >= 0)
            continue;
        if (opening ? !(tags & TAG_CARRY) : (tags & (TAG_OUTFLOW | TAG_INFLOW)) != 0)
            continue;
        set |= (WordSet)1 << s;
    }
    return set;
}

static void opening(const Model *m, DiagCtx *d, int unit, int pu, int fund, int *nerr)
{
    const Model *p = m->prior_model;
    const Vocab *v = m->vocab;
    Filter fin = filter_all(F_INCOME), fout = filter_all(F_CARRYOVER);
    fin.allow[DIM_SOURCE] = fund_sources(v, fund, true);
    /* last year's words are its vocabulary's: the fund by its name */
    int pf = fund >= 0 ? vocab_word(p->vocab, DIM_SOURCE, vocab_name(v, DIM_SOURCE, fund)) : -1;
    if (fund >= 0 && pf < 0)
        return;
    fout.allow[DIM_SOURCE] = fund_sources(p->vocab, pf, false);
    if (!fin.allow[DIM_SOURCE])
        return;
    Loc inloc, outloc;
    Trace intr = {&inloc, 1, 0, 0}, outtr = {&outloc, 1, 0, 0};
    Dec now, last;
    bool has_now = query_filter(m, &fin, unit, &now, &intr);
    bool has_last = pu >= 0 && query_filter(p, &fout, pu, &last, &outtr);
    if (!has_last)
        last = dec_zero();
    if (!has_now)
        now = dec_zero();
    if (dec_eq(now, last))
        return;
    const char *fname = fund >= 0 ? vocab_name(v, DIM_SOURCE, fund) : model_label(m, "nonfiscal_fund");
    char a[DEC_FMT_MAX], b[DEC_FMT_MAX];
    const Unit *u = &m->units[unit];
    diag_error(d, has_now ? inloc : u->loc, "E-OPENING",
               "unit %s begins the year with %s of %s (年初结转和结余), but last year's 决算 "
               "ends it with %s (年末结转和结余); this year's opening is last year's closing",
               u->id, fmt_money(now, a), fname, fmt_money(last, b));
    if (has_last)
        diag_note(d, outloc, "last year's 年末结转和结余 of %s", fname);
    else
        diag_note(d, m->prior_loc, "last year's 决算 carries no %s of unit %s into this year",
                  fname, u->id);
    (*nerr)++;
}

/* W-TABLE-GAP: a table of the disclosure that cannot give some facts
 * (`gap "what" FIGURE…` in its definition: a 财政拨款支出决算明细表's
 * 项目支出, which has no economic codes) leaves them out; said once per gap
 * whose facts are not 0, so that the table is not read as the whole. */
static void table_gaps(const Model *m, DiagCtx *d)
{
    for (int t = 0; t < m->disclosure->ntables; t++) {
        const TableDef *def = &m->disclosure->tables[t];
        for (int g = 0; g < def->ngaps; g++) {
            Dec sum;
            if (!query_sum(m, &def->gaps[g].sums, -1, &sum, NULL) || dec_is_zero(sum))
                continue;
            char x[DEC_FMT_MAX];
            diag_warning(d, m->kind_loc.file ? m->kind_loc : m->dept_loc, "W-TABLE-GAP",
                         "the %s (table %s) gives no %s: the facts cannot give it by the "
                         "table's rows, so it leaves out %s %s and its 合计 is not the whole; "
                         "say so where the table is published",
                         def->title, def->word, def->gaps[g].what, fmt_money(sum, x), m->money);
            diag_note(d, def->gaps[g].loc, "the table's definition says what it cannot give");
        }
    }
}

int check_final(const Model *m, DiagCtx *d)
{
    table_gaps(m, d);
    const Model *p = m->prior_model;
    if (!m->final || !p || !p->final)
        return 0;
    int nerr = 0;
    const Vocab *v = m->vocab;
    for (int u = 0; u < m->nunits; u++) {
        if (m->units[u].nerrors)
            continue;
        int pu = unit_of(p, m->units[u].id);
        for (int s = 0; s < v->dim[DIM_SOURCE].n; s++)
            if (vocab_budget(v, s) == s) /* each budget of 财政拨款 */
                opening(m, d, u, pu, s, &nerr);
        opening(m, d, u, pu, -1, &nerr);
    }
    return nerr;
}
