/*
 * balance.c — the identities between facts (rules.md C1, D1–D3, D5, D6,
 * D8), and last year's figures against this year's identities.
 *
 * The derived tables satisfy every intra-table identity by construction
 * (model/tables.c), so a broken identity between facts shows up here:
 *   - a unit's income from a source differs from what it spends from it
 *     (E-BALANCE);
 *   - basic expenditure by economic code differs from basic expenditure by
 *     function code (E-BASIC-ECON);
 *   - 三公 exceed the spending of their source (E-SANGONG-SOURCE), or have
 *     no line to pay them (W-SANGONG-UNBACKED).
 * The tables as printed are checked against the derived ones in stated.c.
 */
#include <stdio.h>
#include <string.h>

#include "check/passes.h"
#include "base/i18n.h"
#include "check/report.h"
#include "model/query.h"

typedef struct C {
    const Model *m;
    DiagCtx *d;
    Causes *cs;
    int nerrors;
    Rounding rounding; /* the unit's differences rounding explains */
    const PriorFact *prior; /* the `prior` lines being checked: the */
    int nprior;             /* department's, or a unit's own */
} C;

/* Tells the root causes about an identity: side A the facts of FA, side B
 * those of FB and FB2 (if not NULL), of UNIT; broken by GAP = A − B, or
 * holding. */
static void identity(C *c, bool broken, Dec gap, int unit, const Filter *fa, const Filter *fb,
                     const Filter *fb2)
{
    Ident *id = broken ? cause_broken(c->cs, gap) : cause_holds(c->cs);
    cause_filter(c->cs, id, fa, unit, -1);
    cause_filter(c->cs, id, fb, unit, +1);
    if (fb2)
        cause_filter(c->cs, id, fb2, unit, +1);
}

/* The facts of kind K with source S (and, W >= 0, word W of dimension DIM). */
static Filter facts_of(FactKind k, int s, int dim, int w)
{
    Filter f = filter_all(k);
    f.allow[DIM_SOURCE] = (WordSet)1 << s;
    if (dim >= 0 && w >= 0)
        f.allow[dim] = (WordSet)1 << w;
    return f;
}

static const char *src_name(const C *c, int s)
{
    return vocab_name(c->m->vocab, DIM_SOURCE, s);
}

/* The funds whose balance is checked, as sets of sources, with their
 * names: in a budget every source is one (a carry-over from last year a
 * source of its own); in a 决算 each budget of 财政拨款 is one with its
 * carry-over (年初结转和结余 are spent with this year's money), and every
 * other source together is the non-fiscal fund (使用非财政拨款结余 in,
 * 结余分配 out).  Returns how many. */
static int funds(const C *c, WordSet *set, const char **name, int max)
{
    const Vocab *v = c->m->vocab;
    int n = 0, ns = v->dim[DIM_SOURCE].n;
    if (!c->m->final) {
        for (int s = 0; s < ns && n < max; s++, n++) {
            set[n] = (WordSet)1 << s;
            name[n] = src_name(c, s);
        }
        return n;
    }
    WordSet fiscal = 0;
    for (int s = 0; s < ns && n < max; s++)
        if (vocab_budget(v, s) == s) {
            set[n] = vocab_of_budget(v, s);
            fiscal |= set[n];
            name[n++] = src_name(c, s);
        }
    WordSet all = ns >= (int)(8 * sizeof(WordSet)) ? WORDSET_ALL : (((WordSet)1 << ns) - 1);
    if (n < max && (all & ~fiscal)) {
        set[n] = all & ~fiscal;
        name[n++] = model_label(c->m, "nonfiscal_fund");
    }
    return n;
}

/* C1, D1–D3: a unit's income from each fund equals its spending from it
 * and what it carries over to next year (本年收入 + 上年结转 = 本年支出 +
 * 年终结转结余 per source in a budget; in a 决算 本年收入 + 使用非财政拨款结余 +
 * 年初结转和结余 = 本年支出 + 结余分配 + 年末结转和结余 per fund). */
static void balance(C *c, int unit)
{
    const Model *m = c->m;
    WordSet sets[VOCAB_MAX_WORDS];
    const char *names[VOCAB_MAX_WORDS];
    int nf = funds(c, sets, names, VOCAB_MAX_WORDS);
    for (int s = 0; s < nf; s++) {
        Filter fin = filter_all(F_INCOME), fout = filter_all(F_SPENDING);
        Filter fcarry = filter_all(F_CARRYOVER);
        fin.allow[DIM_SOURCE] = fout.allow[DIM_SOURCE] = fcarry.allow[DIM_SOURCE] = sets[s];
        Loc inloc, carryloc;
        Trace intr = {&inloc, 1, 0, 0}, carrytr = {&carryloc, 1, 0, 0};
        NOTES_TRACE(spends, spendlocs);
        Dec in, spent, kept, out;
        bool has_income = query_filter(m, &fin, unit, &in, &intr);
        query_filter(m, &fout, unit, &spent, &spends);
        bool has_carry = query_filter(m, &fcarry, unit, &kept, &carrytr);
        out = spent;
        dec_acc(&out, kept); /* within the budget's sums (model_build checks) */
        Dec gap;
        dec_sub(in, out, &gap);
        if (dec_eq(in, out)) {
            if (has_income || spends.total || has_carry)
                identity(c, false, gap, unit, &fin, &fout, &fcarry);
            continue;
        }
        char where[128];
        snprintf(where, sizeof where, _("the balance of %s"), names[s]);
        if (rounding_explains(m, &c->rounding, in, out, intr.total + spends.total + carrytr.total,
                              has_income ? inloc : spendlocs[0], where)) {
            identity(c, false, gap, unit, &fin, &fout, &fcarry);
            continue;
        }
        if (has_income) /* spending without income is no difference of amounts */
            identity(c, true, gap, unit, &fin, &fout, &fcarry);
        if (has_carry) {
            char a[DEC_FMT_MAX], b[DEC_FMT_MAX], k[DEC_FMT_MAX], dd[DEC_FMT_MAX];
            Dec diff;
            dec_sub(in, out, &diff);
            c->nerrors++;
            diag_error(c->d, has_income ? inloc : carryloc, "E-BALANCE",
                       m->final
                           ? N_("unit %s has %s of %s (本年收入, 年初结转和结余 and 使用非财政拨款"
                                "结余) but spends %s of it and keeps %s (年末结转和结余 and 结余分配) "
                                "(difference %s%s); what a fund has is what it spends plus what it "
                                "keeps")
                           : N_("unit %s has income of %s from %s but spends %s from it and carries "
                                "%s over to next year (difference %s%s); the income of a fund "
                                "source is what it spends plus what it carries over"),
                       m->units[unit].id, m->final ? names[s] : fmt_money(in, a),
                       m->final ? fmt_money(in, a) : names[s], fmt_money(spent, b),
                       fmt_money(kept, k), dec_is_neg(diff) ? "" : "+", fmt_money(diff, dd));
            if (has_income)
                diag_note(c->d, carryloc, "carried over here");
            if (spends.total)
                report_notes(c->d, spendlocs, spends.total, "spending counted here");
            continue;
        }
        char a[DEC_FMT_MAX], b[DEC_FMT_MAX], dd[DEC_FMT_MAX];
        Dec diff;
        dec_sub(in, out, &diff);
        c->nerrors++;
        if (!has_income) {
            diag_error(c->d, spendlocs[0], "E-BALANCE",
                       "unit %s spends %s from %s but has no income from it; add '%s %s' to its "
                       "income",
                       m->units[unit].id, fmt_money(out, a), names[s], names[s],
                       fmt_money(out, b));
            continue;
        }
        diag_error(c->d, inloc, "E-BALANCE",
                   "unit %s has income of %s from %s but spends %s from it (difference %s%s); "
                   "income and spending of each fund source must be equal",
                   m->units[unit].id, fmt_money(in, a), names[s], fmt_money(out, b),
                   dec_is_neg(diff) ? "" : "+", fmt_money(diff, dd));
        if (spends.total == 0)
            diag_note(c->d, m->units[unit].loc, "no spending line of unit %s is paid from %s",
                      m->units[unit].id, names[s]);
        else
            report_notes(c->d, spendlocs, spends.total, "spending counted here");
    }
}

/* D5: basic expenditure by economic code = by function code, per source.
 * Table 6 (the general source) is always checked; other sources when they
 * have economic lines. */
static void basic_vs_economic(C *c, int unit)
{
    const Model *m = c->m;
    const Defs *defs = m->defs;
    for (int s = 0; s < m->vocab->dim[DIM_SOURCE].n; s++) {
        Filter fe = facts_of(F_ECONOMIC, s, -1, -1);
        Filter fb = facts_of(F_SPENDING, s, DIM_KIND, defs->kind_basic);
        NOTES_TRACE(et, el);
        NOTES_TRACE(bt, bl);
        Dec econ, basic;
        query_filter(m, &fe, unit, &econ, &et);
        query_filter(m, &fb, unit, &basic, &bt);
        Dec gap;
        dec_sub(econ, basic, &gap);
        if (dec_eq(econ, basic)) {
            if (et.total || bt.total)
                identity(c, false, gap, unit, &fe, &fb, NULL);
            continue;
        }
        if (et.total == 0 && !((defs->src_general_budget >> s) & 1u))
            continue;
        char where[128];
        snprintf(where, sizeof where, _("基本支出 from %s by economic and by function code"),
                 src_name(c, s));
        if (et.total && rounding_explains(m, &c->rounding, econ, basic, et.total + bt.total,
                                          el[0], where)) {
            identity(c, false, gap, unit, &fe, &fb, NULL);
            continue;
        }
        if (et.total) /* no economic block at all is no difference of amounts */
            identity(c, true, gap, unit, &fe, &fb, NULL);
        char a[DEC_FMT_MAX], b[DEC_FMT_MAX], dd[DEC_FMT_MAX];
        Dec diff;
        dec_sub(econ, basic, &diff);
        c->nerrors++;
        if (et.total == 0) {
            diag_error(c->d, bl[0], "E-BASIC-ECON",
                       "unit %s has 基本支出 of %s from %s but no 'economic %s' block splits it by "
                       "economic code (table 6 needs it)",
                       m->units[unit].id, fmt_money(basic, a), src_name(c, s), src_name(c, s));
            continue;
        }
        diag_error(c->d, el[0], "E-BASIC-ECON",
                   "unit %s: basic expenditure from %s adds up to %s by economic code but to %s by "
                   "function code (difference %s%s); both split the same 基本支出",
                   m->units[unit].id, src_name(c, s), fmt_money(econ, a), fmt_money(basic, b),
                   dec_is_neg(diff) ? "" : "+", fmt_money(diff, dd));
        if (bt.total == 0)
            diag_note(c->d, m->units[unit].loc, "unit %s has no 基本 spending from %s",
                      m->units[unit].id, src_name(c, s));
        else
            report_notes(c->d, bl, bt.total, "基本 spending counted here");
    }
}

/* D8: the 三公 of a source are paid from that source's spending. */
static void sangong_source(C *c, int unit)
{
    const Model *m = c->m;
    for (int s = 0; s < m->vocab->dim[DIM_SOURCE].n; s++) {
        Filter fg = facts_of(F_SANGONG, s, -1, -1), fs = facts_of(F_SPENDING, s, -1, -1);
        Loc first;
        Trace ft = {&first, 1, 0, 0};
        Dec sg, sp;
        if (!query_filter(m, &fg, unit, &sg, &ft))
            continue;
        query_filter(m, &fs, unit, &sp, NULL);
        if (dec_cmp(sg, sp) <= 0)
            continue;
        char a[DEC_FMT_MAX], b[DEC_FMT_MAX];
        diag_error(c->d, first, "E-SANGONG-SOURCE",
                   "unit %s: 三公经费 from %s add up to %s, more than all its spending from %s (%s)",
                   m->units[unit].id, src_name(c, s), fmt_money(sg, a), src_name(c, s),
                   fmt_money(sp, b));
        c->nerrors++;
    }
}

/* Whether the 三公 entry E (economic code -> item or group) pays ITEM. */
static bool pays(const Model *m, const CatEntry *e, int item)
{
    WordSet set;
    return e->extra && vocab_set(m->vocab, DIM_ITEM, e->extra, &set) && ((set >> item) & 1u);
}

/* D6 (second half): a 三公 item with neither an economic line nor any
 * project spending to pay it. */
static void sangong_backed(C *c, int unit)
{
    const Model *m = c->m;
    const Catalog *map = &m->cat->k[CAT_SANGONG];
    Filter fp = filter_all(F_SPENDING);
    fp.allow[DIM_KIND] = (WordSet)1 << m->defs->kind_project;
    Dec projects;
    if (query_filter(m, &fp, unit, &projects, NULL) || !map->present)
        return;
    for (int i = 0; i < m->nfacts[F_SANGONG]; i++) {
        const Fact *s = &m->facts[F_SANGONG][i];
        if (s->unit != unit || dec_is_zero(s->amount))
            continue;
        int item = s->dim[DIM_ITEM];
        bool backed = false, mapped = false;
        for (int k = 0; k < map->n && !backed; k++) {
            const CatEntry *e = &map->entries[k];
            if (!pays(m, e, item))
                continue;
            mapped = true;
            for (int j = 0; j < m->nfacts[F_ECONOMIC]; j++)
                backed |= m->facts[F_ECONOMIC][j].unit == unit &&
                          strcmp(m->facts[F_ECONOMIC][j].code, e->code) == 0;
        }
        if (mapped && !backed) {
            char a[DEC_FMT_MAX], codes[64] = "";
            size_t o = 0;
            for (int k = 0; k < map->n && o < sizeof codes; k++)
                if (pays(m, &map->entries[k], item))
                    o += (size_t)snprintf(codes + o, sizeof codes - o, "%s%s", o ? " or " : "",
                                          map->entries[k].code);
            diag_warning(c->d, s->amount_loc, "W-SANGONG-UNBACKED",
                         "unit %s budgets %s for %s, but no economic line pays it (%s) and it "
                         "has no project spending that could",
                         m->units[unit].id, fmt_money(s->amount, a),
                         vocab_name(m->vocab, DIM_ITEM, item), codes);
        }
    }
}

/* ---- last year's figures ------------------------------------------------------------ */

static const PriorFact *prior_find(const C *c, const char *path)
{
    for (int i = 0; i < c->nprior; i++)
        if (strcmp(c->prior[i].path, path) == 0)
            return &c->prior[i];
    return NULL;
}

/* A part of a total: one figure, written whole or as its items.  An
 * optional part counts when it is stated and is zero when it is not (the
 * total is complete without it). */
typedef struct Part {
    char whole[128];
    char items[VOCAB_MAX_WORDS][128];
    int nitems;
    bool optional;
} Part;

/* Last year's figures obey this year's identities: the parts of a total
 * never exceed it, and when every part is stated they add up to it. */
static void prior_family(C *c, const char *total, const Part *parts, int nparts)
{
    const PriorFact *t = prior_find(c, total);
    if (!t)
        return;
    Dec sum = dec_zero();
    bool complete = true;
    const PriorFact *found[2 * VOCAB_MAX_WORDS];
    int nfound = 0;
    for (int g = 0; g < nparts; g++) {
        const PriorFact *w = prior_find(c, parts[g].whole);
        if (w) {
            dec_acc(&sum, w->amount);
            found[nfound++] = w;
            continue;
        }
        bool all = parts[g].nitems > 0;
        for (int i = 0; i < parts[g].nitems; i++) {
            const PriorFact *x = prior_find(c, parts[g].items[i]);
            if (x)
                dec_acc(&sum, x->amount), found[nfound++] = x;
            all &= x != NULL;
        }
        complete &= all || parts[g].optional;
    }
    if (nfound == 0 || (!complete && dec_cmp(sum, t->amount) <= 0))
        return;
    Dec gap;
    if (complete && dec_sub(t->amount, sum, &gap) == DEC_OK) {
        Ident *id = dec_is_zero(gap) ? cause_holds(c->cs) : cause_broken(c->cs, gap);
        cause_amount(c->cs, id, t->amount_loc, -1);
        for (int i = 0; i < nfound; i++)
            cause_amount(c->cs, id, found[i]->amount_loc, +1);
    }
    if (dec_cmp(sum, t->amount) == 0)
        return;
    char a[DEC_FMT_MAX], b[DEC_FMT_MAX];
    diag_error(c->d, t->amount_loc, "E-PRIOR-SUM",
               "last year's %s is %s, but the parts stated in 'prior' add up to %s; correct the "
               "total or a part",
               total, fmt_money(t->amount, a), fmt_money(sum, b));
    c->nerrors++;
    for (int i = 0; i < nfound && i < 4; i++)
        diag_note(c->d, found[i]->amount_loc, "last year's %s", found[i]->path);
}

/* The 三公 parts of a total of items SET (vocab_parts), each written whole
 * or item by item. */
static int item_parts(const Vocab *v, WordSet set, Part *parts)
{
    const Vocab1 *d = &v->dim[DIM_ITEM];
    WordSet sets[VOCAB_MAX_WORDS];
    int group[VOCAB_MAX_WORDS];
    int n = vocab_parts(v, DIM_ITEM, set, sets, group);
    for (int k = 0; k < n; k++) {
        Part *p = &parts[k];
        p->nitems = 0;
        p->optional = false;
        if (group[k] < 0) {
            snprintf(p->whole, sizeof p->whole, "三公.%s",
                     d->words[__builtin_ctz(sets[k])].name);
            continue;
        }
        snprintf(p->whole, sizeof p->whole, "三公.%s", d->names[group[k]].name);
        for (int i = 0; i < d->n; i++)
            if ((sets[k] >> i) & 1u)
                snprintf(p->items[p->nitems++], sizeof p->items[0], "三公.%s", d->words[i].name);
    }
    return n;
}

static void prior_sums(C *c)
{
    const Vocab *v = c->m->vocab;
    const Vocab1 *items = &v->dim[DIM_ITEM];
    Part parts[VOCAB_MAX_WORDS];
    if (items->n > 0) { /* 三公.合计, then each group */
        WordSet all = vocab_all(v, DIM_ITEM);
        prior_family(c, "三公.合计", parts, item_parts(v, all, parts));
        for (int g = 0; g < items->nnames; g++) {
            WordSet s = items->names[g].set;
            if ((s & (s - 1)) == 0 || s == all || strcmp(vocab_canonical(v, DIM_ITEM,
                                                                          items->names[g].name),
                                                         items->names[g].name) != 0)
                continue;
            char total[128];
            snprintf(total, sizeof total, "三公.%s", items->names[g].name);
            prior_family(c, total, parts, item_parts(v, s, parts));
        }
    }
    /* 支出.合计 = 基本 + 项目 + the other kinds (经营, 上缴上级 …): those
     * count when stated, since most units have none */
    int n = 0;
    for (int k = 0; k < v->dim[DIM_KIND].n && n < VOCAB_MAX_WORDS; k++) {
        snprintf(parts[n].whole, sizeof parts[n].whole, "支出.%s", v->dim[DIM_KIND].words[k].name);
        parts[n].nitems = 0;
        parts[n++].optional = !(v->dim[DIM_KIND].words[k].tags & (TAG_BASIC | TAG_PROJECT));
    }
    prior_family(c, "支出.合计", parts, n);
}

int check_balance(const Model *m, DiagCtx *d, Causes *cs)
{
    C c = {m, d, cs, 0, {0}, NULL, 0};
    for (int u = 0; u < m->nunits; u++) {
        /* a unit whose facts have errors is missing lines: its sums would
         * only repeat those errors */
        if (m->units[u].nerrors)
            continue;
        c.rounding = (Rounding){0};
        balance(&c, u);
        basic_vs_economic(&c, u);
        char what[128];
        snprintf(what, sizeof what, _("unit %s"), m->units[u].id);
        rounding_report(d, m, &c.rounding, m->units[u].loc, what);
        sangong_source(&c, u);
        sangong_backed(&c, u);
    }
    c.prior = m->prior, c.nprior = m->nprior; /* the department's, then each unit's */
    prior_sums(&c);
    for (int u = 0; u < m->nunits; u++)
        if (m->units[u].nprior) {
            c.prior = m->units[u].prior, c.nprior = m->units[u].nprior;
            prior_sums(&c);
        }
    return c.nerrors;
}
