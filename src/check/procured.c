/*
 * procured.c — a 决算's 政府采购 actuals (`procurement { ROW AMOUNT }`,
 * docs/final-accounts.md): each row that is a part of another (its tag in
 * the procured vocabulary: 货物 of 合计, 小微企业 of 中小企业 …) is at most
 * it, and the parts tagged `complete` (货物, 工程 and 服务 of 合计) add up
 * to their whole when all of them are given (E-PROCUREMENT-PARTS).  The
 * figures the 说明 quotes (采购.合同.…, their 占比) are checked as every
 * quote is (narrative.c).
 */
#include <stdio.h>

#include "base/i18n.h"
#include "check/passes.h"
#include "check/report.h"

/* The parts of row W: each at most W, and all of a covering set adding up
 * to it. */
static int check_whole(const Model *m, DiagCtx *d, int w)
{
    const Procured *pr = &m->procured;
    const Vocab1 *rows = &m->vocab->dim[DIM_PROCURED];
    const char *name = rows->words[w].name;
    int nerr = 0, all = 0, given = 0;
    Dec sum = dec_zero();
    for (int r = 0; r < rows->n; r++) {
        if (procured_whole(m, r) != w)
            continue;
        bool complete = (rows->words[r].tags & TAG_COMPLETE) != 0;
        all += complete;
        if (!pr->written[r])
            continue;
        if (complete) {
            given++;
            dec_acc(&sum, pr->amount[r]);
        }
        if (pr->written[w] && dec_cmp(pr->amount[r], pr->amount[w]) > 0) {
            char what[160], as_what[96], whole_what[96];
            snprintf(what, sizeof what, _("%s is a part of %s and exceeds it"), rows->words[r].name,
                     name);
            snprintf(as_what, sizeof as_what, _("%s is"), rows->words[r].name);
            snprintf(whole_what, sizeof whole_what, _("%s is"), name);
            report_diff_as(d, DIAG_ERROR, pr->amount_loc[r], "E-PROCUREMENT-PARTS", what,
                           pr->amount[r], as_what, pr->amount[w], whole_what,
                           N_("a part is within its whole: correct the part or the whole"), true);
            diag_note(d, pr->row_loc[w], "%s is stated here", name);
            nerr++;
        }
    }
    if (all > 0 && given == all && pr->written[w] && !dec_eq(sum, pr->amount[w])) {
        char what[160], as_what[96], whole_what[96];
        snprintf(what, sizeof what, _("the parts of %s do not add up to it"), name);
        snprintf(as_what, sizeof as_what, _("its %d parts sum to"), all);
        snprintf(whole_what, sizeof whole_what, _("%s is"), name);
        report_diff_as(d, DIAG_ERROR, pr->amount_loc[w], "E-PROCUREMENT-PARTS", what, sum, as_what,
                       pr->amount[w], whole_what,
                       N_("every part is given, so they add up to the whole: correct one"), true);
        nerr++;
    }
    return nerr;
}

int check_procured(const Model *m, DiagCtx *d)
{
    if (!m->procured.present)
        return 0;
    int nerr = 0;
    for (int w = 0; w < m->vocab->dim[DIM_PROCURED].n; w++)
        nerr += check_whole(m, d, w);
    return nerr;
}
