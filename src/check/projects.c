/*
 * projects.c — the projects, their procurement and the assets
 * (rules.md sections F and G).  The checks of indicator rows (G1–G6, and the
 * 成本 description of G7) are in indicators.c; this file runs them, and
 * checks:
 *
 *   B4  procurement codes: [ABC] + 8 digits, in the catalogue, its name
 *   F2  数量 × 单价 = 金额 on a purchase line
 *   F3  预留中小微企业份额 ≤ 金额 on a purchase line
 *   F4  a project's purchases ≤ its 预算资金; a project that buys states one
 *   F5  the projects' 预算资金 ≤ 项目支出
 *   F6  a 计量单位 is a unit, not a number
 *   F8  资产总额 = the sum of its rows; 办公用房 ≤ 房屋; 拟购置固定资产 is
 *       in the goods purchases
 *   F9  vehicles and 公务用车运行维护费 go together
 *   G7  copied indicator tables and goals; goals that name another year
 *
 * G8, F1 and F7 cannot fail in .bud (docs/checks.d/projects.md says why).
 */
#include "check/passes.h"
#include "base/i18n.h"
#include "check/report.h"
#include "model/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* ---- B4: procurement codes --------------------------------------------------------- */

static bool pcode_ok(const char *c)
{
    if (!c || (c[0] != 'A' && c[0] != 'B' && c[0] != 'C'))
        return false;
    for (int i = 1; i < 9; i++)
        if (c[i] < '0' || c[i] > '9')
            return false;
    return c[9] == '\0';
}

static int check_pcode(const Model *m, DiagCtx *d, const Purchase *u)
{
    if (!pcode_ok(u->pcode)) {
        diag_error(d, u->pcode_loc, "E-PROCUREMENT-CODE",
                   "'%s' is not a procurement catalogue code: one is A (货物), B (工程) or C "
                   "(服务) and 8 digits, e.g. C06010000",
                   u->pcode);
        return 1;
    }
    const Catalog *c = &m->cat->k[CAT_PROCUREMENT];
    if (!c->present)
        return 0;
    const CatEntry *e = cat_find(c, u->pcode);
    if (!e) {
        const CatEntry *near[1];
        char hint[96] = "";
        if (cat_suggest(c, u->pcode, near, 1) == 1)
            snprintf(hint, sizeof hint, _(" (did you mean %s '%s'?)"), near[0]->code, near[0]->name);
        diag_warning(d, u->pcode_loc, "W-PROCUREMENT-UNKNOWN",
                     "procurement code %s is not in the procurement catalogue%s; the catalogue is "
                     "partial: if the code is right, add it to a catalogue of your own",
                     u->pcode, hint);
    } else if (!names_equal(e->name, u->name)) {
        diag_warning(d, u->name_loc, "W-PROCUREMENT-NAME",
                     "the procurement catalogue names %s '%s', not '%s'; write the catalogue's "
                     "name",
                     u->pcode, e->name, u->name);
    }
    return 0;
}

/* ---- F2, F3, F6: one purchase line ------------------------------------------------- */

static void check_pmeasure(const Model *m, DiagCtx *d, const Purchase *u)
{
    const Catalog *c = &m->cat->k[CAT_MEASURE];
    if (!u->measure)
        return;
    if (u->measure_is_number) {
        diag_warning(d, u->measure_loc, "W-PURCHASE-MEASURE",
                     "the 计量单位 '%s' is a number, not a unit of measure; write the unit "
                     "(次, 项, 套, 台 …)",
                     u->measure);
        return;
    }
    if (!c->present || cat_find(c, u->measure))
        return;
    const CatEntry *e = cat_nearest_word(c, u->measure);
    char hint[96] = "";
    if (e)
        snprintf(hint, sizeof hint, _("; did you mean '%s'?"), e->code);
    diag_warning(d, u->measure_loc, "W-PURCHASE-MEASURE", "unknown 计量单位 '%s'%s", u->measure,
                 hint[0] ? hint : "; use a unit of the measure catalogue, or add it to a "
                                  "catalogue of your own");
}

static void check_price(DiagCtx *d, const Purchase *u)
{
    Dec product;
    if (!u->has_quantity || !u->has_price || !u->has_amount ||
        dec_mul(u->quantity, u->price, &product) != DEC_OK || dec_eq(product, u->amount))
        return;
    char q[DEC_FMT_MAX], p[DEC_FMT_MAX], as[128];
    snprintf(as, sizeof as, "%s × %s =", fmt_dec(u->quantity, q), fmt_money(u->price, p));
    report_diff(d, DIAG_WARNING, u->amount_loc, "W-PURCHASE-PRICE",
                N_("this purchase line's 金额 is not 数量 × 单价"), product, as, u->amount,
                N_("the 金额 is"), N_("correct the quantity, the price or the amount"));
}

static int check_sme(DiagCtx *d, const Purchase *u)
{
    Dec amount = u->has_amount ? u->amount : dec_zero();
    if (!u->has_sme || dec_cmp(u->sme, amount) <= 0)
        return 0;
    report_diff(d, DIAG_ERROR, u->sme_loc, "E-PURCHASE-SME",
                N_("the share reserved for small and micro enterprises exceeds the line's 金额"), u->sme,
                N_("预留中小微企业份额 is"), amount, N_("the 金额 is"),
                N_("the reserved share is part of the amount: correct one of them"));
    return 1;
}

/* ---- F4: a project's purchases ------------------------------------------------------ */

/* The purchase line of P at which the running sum of 金额 first exceeds
 * AMOUNT, or NULL. */
static const Purchase *over_budget(const Project *p, Dec amount, Dec *sum)
{
    const Purchase *over = NULL;
    *sum = dec_zero();
    for (int i = 0; i < p->npur; i++)
        if (p->pur[i].has_amount && dec_acc(sum, p->pur[i].amount) && !over &&
            dec_cmp(*sum, amount) > 0)
            over = &p->pur[i];
    return over;
}

static int check_purchases(const Model *m, DiagCtx *d, const Project *p)
{
    int nerr = 0;
    for (int i = 0; i < p->npur; i++) {
        const Purchase *u = &p->pur[i];
        nerr += check_pcode(m, d, u);
        check_pmeasure(m, d, u);
        check_price(d, u);
        nerr += check_sme(d, u);
    }
    if (p->npur == 0)
        return nerr;
    Dec sum;
    if (!p->has_amount) {
        char s[DEC_FMT_MAX];
        over_budget(p, dec_zero(), &sum);
        diag_error(d, p->name_loc, "E-PROJECT-AMOUNT",
                   "project '%s' buys (%d purchase line%s, %s) but states no 预算资金: a project "
                   "that buys must state its amount, as printed in the procurement table",
                   p->name, p->npur, p->npur > 1 ? "s" : "", fmt_money(sum, s));
        diag_note(d, p->pur[0].loc, "its first purchase line is here");
        return nerr + 1;
    }
    const Purchase *over = over_budget(p, p->amount, &sum);
    if (!over)
        return nerr;
    char what[512], as[64];
    snprintf(what, sizeof what, _("the purchases of '%s' exceed its 预算资金 from this line on"),
             p->name);
    snprintf(as, sizeof as, _("its %d purchase line%s sum to"), p->npur, p->npur > 1 ? "s" : "");
    report_diff(d, DIAG_ERROR, over->amount_loc, "E-PURCHASE-BUDGET", what, sum, as, p->amount,
                N_("its amount (预算资金) is"),
                N_("a project buys within its budget: correct the purchases or the amount"));
    diag_note(d, p->amount_loc, "the project's 预算资金 (amount) is stated here");
    return nerr + 1;
}

/* F5: the projects' 预算资金 within 项目支出. */
static void check_project_total(const Model *m, DiagCtx *d)
{
    Dec sum = dec_zero();
    const Project *first = NULL;
    int n = 0;
    for (int i = 0; i < m->nprojects; i++) {
        const Project *p = &m->projects[i];
        if (!p->has_amount || !dec_acc(&sum, p->amount))
            continue;
        if (!first)
            first = p;
        n++;
    }
    Dec spent;
    Filter project = query_project_spending(m);
    const Fact *line = query_first(m, &project, &spent);
    if (!first || dec_cmp(sum, spent) <= 0)
        return;
    char as[96];
    snprintf(as, sizeof as, _("the %d project%s with an amount sum to"), n, n > 1 ? "s" : "");
    report_diff(d, DIAG_WARNING, first->amount_loc, "W-PROJECT-TOTAL",
                N_("the projects' 预算资金 exceed 项目支出"), sum, as, spent, N_("项目支出 is"),
                N_("the projects are paid from 项目支出: correct the amounts or the spending"));
    if (line)
        diag_note(d, line->loc, "项目支出 is the sum of the spending lines of kind 项目, the "
                                "first of which is here");
}

/* ---- F8, F9: assets ----------------------------------------------------------------- */

/* A stated cell's value, blank = 0. */
static Dec cell(StatedCell c) { return c.blank ? dec_zero() : c.v; }

static int check_asset_total(const Model *m, DiagCtx *d, const Assets *as)
{
    static const AssetRow parts[] = {AS_BUILDINGS, AS_VEHICLES, AS_EQUIPMENT, AS_OTHER};
    if (!as->row_written[AS_TOTAL] || as->value[AS_TOTAL].blank)
        return 0;
    Dec sum = dec_zero();
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        dec_acc(&sum, cell(as->value[parts[i]]));
    if (dec_eq(sum, as->value[AS_TOTAL].v))
        return 0;
    report_diff(d, DIAG_ERROR, as->value[AS_TOTAL].loc, "E-ASSET-TOTAL",
                N_("资产总额 is not the sum of its rows"), as->value[AS_TOTAL].v, N_("the table states"),
                sum, N_("房屋 + 车辆 + 大型设备 + 其他固定资产 give"),
                N_("correct the total or the rows (a blank cell counts as 0)"));
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        const StatedCell *v = &as->value[parts[i]];
        char x[DEC_FMT_MAX];
        if (as->row_written[parts[i]] && !v->blank)
            diag_note(d, v->loc, "%s counts %s in the sum", asset_row_name(m, parts[i]),
                      fmt_money(v->v, x));
    }
    return 1;
}

/* 办公用房 is part of 房屋: in quantity (area) and in value. */
static int check_offices(DiagCtx *d, const Assets *as)
{
    if (!as->row_written[AS_OFFICES])
        return 0;
    int nerr = 0;
    for (int k = 0; k < 2; k++) {
        const StatedCell *o = k ? &as->value[AS_OFFICES] : &as->qty[AS_OFFICES];
        const StatedCell *b = k ? &as->value[AS_BUILDINGS] : &as->qty[AS_BUILDINGS];
        if (o->blank || dec_cmp(o->v, cell(*b)) <= 0)
            continue;
        report_diff_as(d, DIAG_ERROR, o->loc, "E-ASSET-OFFICES",
                    k ? N_("办公用房 is worth more than 房屋") : N_("办公用房 is larger than 房屋"), o->v,
                    k ? N_("its value is") : N_("its area is"), cell(*b), N_("房屋's is"),
                    N_("办公用房 is part of 房屋: correct one of them"), k == 1);
        if (as->row_written[AS_BUILDINGS])
            diag_note(d, as->row_loc[AS_BUILDINGS], "房屋 is stated here");
        nerr++;
    }
    return nerr;
}

/* 拟购置固定资产 is said to be in the procurement budget: the goods (A…)
 * purchases must hold it. */
static void check_planned(const Model *m, DiagCtx *d, const Assets *as)
{
    if (!as->has_planned || dec_is_zero(as->planned))
        return;
    Dec goods = dec_zero();
    const Purchase *first = NULL;
    for (int i = 0; i < m->nprojects; i++)
        for (int k = 0; k < m->projects[i].npur; k++) {
            const Purchase *u = &m->projects[i].pur[k];
            if (u->pcode[0] != 'A' || !u->has_amount)
                continue;
            dec_acc(&goods, u->amount);
            if (!first)
                first = u;
        }
    if (dec_cmp(goods, as->planned) >= 0)
        return;
    report_diff(d, DIAG_WARNING, as->planned_loc, "W-ASSET-PLANNED",
                N_("the planned fixed assets are not in the procurement budget"), as->planned,
                N_("拟购置固定资产 is"), goods, N_("the goods purchases (codes A…) sum to"),
                N_("the claim that they are in the 政府采购预算 does not hold: add the purchase "
                "lines or correct 'planned'"));
    if (first)
        diag_note(d, first->loc, "the first goods purchase is here");
}

/* F9: vehicles in the asset table and 公务用车运行维护费 in 三公. */
static void check_vehicles(const Model *m, DiagCtx *d, const Assets *as)
{
    Dec run = dec_zero();
    const Fact *line = NULL;
    WordSet upkeep = vocab_with(m->vocab, DIM_ITEM, TAG_UPKEEP);
    for (int i = 0; i < m->nfacts[F_SANGONG]; i++) {
        const Fact *x = &m->facts[F_SANGONG][i];
        if (((upkeep >> x->dim[DIM_ITEM]) & 1u) && dec_acc(&run, x->amount) &&
            !dec_is_zero(x->amount) && !line)
            line = x;
    }
    bool cars = !dec_is_zero(cell(as->qty[AS_VEHICLES]));
    char n[DEC_FMT_MAX];
    if (cars && dec_is_zero(run))
        diag_warning(d, as->row_loc[AS_VEHICLES], "W-ASSET-VEHICLES",
                     "the asset table has %s vehicles but 三公 has no 公务用车运行维护费; vehicles "
                     "cost upkeep: state the 运行维护费 in 'sangong', or correct the count",
                     fmt_dec(as->qty[AS_VEHICLES].v, n));
    else if (!cars && line) {
        diag_warning(d, line->amount_loc, "W-ASSET-VEHICLES",
                     "公务用车运行维护费 is %s but the asset table has no vehicles; state the "
                     "vehicles (车辆) in the asset table, or correct the 运行维护费",
                     fmt_money(run, n));
        diag_note(d, as->loc, "the asset table is here");
    }
}

/* The parts of row R in column K (0 数量, 1 价值): their sum is at most the
 * row's, and is the row's when every part of a set that covers the row
 * (tagged complete: 车辆 by use) is written. */
static int check_parts_of(const Model *m, DiagCtx *d, const Assets *as, AssetRow r, int k)
{
    const Vocab1 *words = &m->vocab->dim[DIM_ASSET];
    int all = 0, stated = 0, covering = 0;
    for (int i = 0; i < words->n; i++) {
        AssetRow of;
        all += asset_part_of(m, words->words[i].name, &of) >= 0 && of == r &&
               (words->words[i].tags & TAG_COMPLETE);
    }
    Dec sum = dec_zero(), whole = cell(k ? as->value[r] : as->qty[r]);
    const AssetPart *over = NULL;
    for (int i = 0; i < as->nparts; i++) {
        const AssetPart *p = &as->parts[i];
        const StatedCell *c = k ? &p->value : &p->qty;
        if (p->of != r || c->blank)
            continue;
        stated++;
        covering += (m->vocab->dim[DIM_ASSET].words[p->word].tags & TAG_COMPLETE) != 0;
        if (dec_acc(&sum, c->v) && !over && dec_cmp(sum, whole) > 0)
            over = p;
    }
    if (!stated || (!over && (all == 0 || covering < all || dec_eq(sum, whole))))
        return 0;
    const char *name = asset_row_name(m, r);
    char what[160], as_what[96], row_what[64];
    snprintf(what, sizeof what, over ? "the parts of %s exceed it from this row on"
                                     : "the parts of %s do not add up to it", name);
    snprintf(as_what, sizeof as_what, "its %d part%s sum to", stated, stated > 1 ? "s" : "");
    snprintf(row_what, sizeof row_what, "%s's %s is", name, k ? "价值" : "数量");
    Loc at = over ? (k ? over->value.loc : over->qty.loc)
                  : as->row_written[r] ? (k ? as->value[r].loc : as->qty[r].loc) : as->loc;
    report_diff_as(d, DIAG_ERROR, at, "E-ASSET-PARTS", what, sum, as_what, whole, row_what,
                   over ? "a part is within its row: correct the parts or the row"
                        : "every part of the row is given, so they add up to it: correct one",
                   k == 1);
    if (as->row_written[r])
        diag_note(d, as->row_loc[r], "%s is stated here", name);
    else
        diag_note(d, as->loc, "the asset table states no %s row (counted as 0)", name);
    return 1;
}

static int check_asset_parts(const Model *m, DiagCtx *d, const Assets *as)
{
    int nerr = 0;
    for (int r = 0; r < AS__COUNT; r++) {
        bool has = false;
        for (int i = 0; i < as->nparts && !has; i++)
            has = as->parts[i].of == (AssetRow)r;
        if (has)
            nerr += check_parts_of(m, d, as, (AssetRow)r, 0) + check_parts_of(m, d, as, (AssetRow)r, 1);
    }
    return nerr;
}

static int check_assets(const Model *m, DiagCtx *d)
{
    const Assets *as = &m->assets;
    if (!as->present)
        return 0;
    int nerr = check_asset_total(m, d, as) + check_offices(d, as) + check_asset_parts(m, d, as);
    check_planned(m, d, as);
    check_vehicles(m, d, as);
    return nerr;
}

/* ---- G7: copies --------------------------------------------------------------- */

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_row(const Indicator *a, const Indicator *b)
{
    return same_text(a->level1, b->level1) && same_text(a->level2, b->level2) &&
           same_text(a->name, b->name) && same_text(a->desc, b->desc) &&
           a->value.kind == b->value.kind && same_text(a->value.text, b->value.text) &&
           same_text(a->basis, b->basis);
}

static bool same_table(const Project *a, const Project *b)
{
    if (a->nind == 0 || a->nind != b->nind)
        return false;
    for (int i = 0; i < a->nind; i++)
        if (!same_row(&a->ind[i], &b->ind[i]))
            return false;
    return true;
}

/* Projects grouped by the hash of their indicator table and of their goal,
 * so that a copy is found without comparing every pair of projects: for
 * each hash, the projects that have it, in order (first[hash], then
 * next[i]). */
typedef struct Copies {
    HashIdx tables, goals;
    uint64_t *th, *gh;
    int *tnext, *gnext;
} Copies;

static uint64_t table_hash(const Project *p)
{
    uint64_t h = hash_bytes(HASH_SEED, &p->nind, sizeof p->nind);
    for (int r = 0; r < p->nind; r++) {
        const Indicator *in = &p->ind[r];
        h = hash_str(h, in->level1);
        h = hash_str(h, in->level2);
        h = hash_str(h, in->name);
        h = hash_str(h, in->desc);
        h = hash_bytes(h, &in->value.kind, sizeof in->value.kind);
        h = hash_str(h, in->value.text);
        h = hash_str(h, in->basis);
    }
    return h;
}

static void copies_init(Copies *c, const Model *m)
{
    size_t n = (size_t)m->nprojects + 1;
    hidx_init(&c->tables);
    hidx_init(&c->goals);
    c->th = xmalloc(n * sizeof *c->th);
    c->gh = xmalloc(n * sizeof *c->gh);
    c->tnext = xmalloc(n * sizeof *c->tnext);
    c->gnext = xmalloc(n * sizeof *c->gnext);
    for (int i = m->nprojects - 1; i >= 0; i--) { /* backwards: each chain in order */
        const Project *p = &m->projects[i];
        c->tnext[i] = c->gnext[i] = -1;
        if (p->nind > 0) {
            c->th[i] = table_hash(p);
            int *first = hidx_slot(&c->tables, c->th[i]);
            c->tnext[i] = *first;
            *first = i;
        }
        if (p->goal) {
            c->gh[i] = hash_str(HASH_SEED, p->goal);
            int *first = hidx_slot(&c->goals, c->gh[i]);
            c->gnext[i] = *first;
            *first = i;
        }
    }
}

static void copies_free(Copies *c)
{
    hidx_free(&c->tables);
    hidx_free(&c->goals);
    free(c->th);
    free(c->gh);
    free(c->tnext);
    free(c->gnext);
}

/* Project I's table or goal copied from an earlier project's (the first
 * such project). */
static void check_copies(const Model *m, DiagCtx *d, const Copies *c, int i)
{
    const Project *p = &m->projects[i];
    for (int j = p->nind > 0 ? hidx_get(&c->tables, c->th[i]) : -1; j >= 0 && j < i;
         j = c->tnext[j]) {
        const Project *q = &m->projects[j];
        if (!same_table(p, q))
            continue;
        diag_warning(d, p->indicators_loc, "W-INDICATOR-COPY",
                     "the indicator table of '%s' is the same as that of '%s', row for row; each "
                     "project states its own 绩效指标: write this project's",
                     p->name, q->name);
        diag_note(d, q->indicators_loc, "the indicator table of '%s' is here", q->name);
        break;
    }
    for (int j = p->goal ? hidx_get(&c->goals, c->gh[i]) : -1; j >= 0 && j < i;
         j = c->gnext[j]) {
        const Project *q = &m->projects[j];
        if (!same_text(p->goal, q->goal))
            continue;
        diag_warning(d, p->goal_loc, "W-GOAL-COPY",
                     "the goal of '%s' is the same text as the goal of '%s'; each project states "
                     "its own 绩效目标: write this project's",
                     p->name, q->name);
        diag_note(d, q->goal_loc, "the goal of '%s' is here", q->name);
        break;
    }
}

/* ---- G7: a goal that names another year ---------------------------------------------- */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Bytes of white space (ASCII space, tab, U+3000) at S. */
static size_t space_at(const char *s)
{
    if (*s == ' ' || *s == '\t')
        return 1;
    return strncmp(s, "\u3000", 3) == 0 ? 3 : 0;
}

/* The year (1900–2099) written with four digits at S[I..I+4), not part of a
 * longer number, or -1. */
static int four_digits(const char *s, size_t i)
{
    if (i > 0 && is_digit(s[i - 1]))
        return -1;
    int y = 0;
    for (int k = 0; k < 4; k++) {
        if (!is_digit(s[i + (size_t)k]))
            return -1;
        y = y * 10 + (s[i + (size_t)k] - '0');
    }
    return is_digit(s[i + 4]) || y < 1900 || y > 2099 ? -1 : y;
}

/* Bytes of a range connector (- — – ~ ～ 至 到) at S, or 0. */
static size_t connector_at(const char *s)
{
    static const char *const c[] = {"-", "~", "\u2014", "\u2013", "\uFF5E", "至", "到"};
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
        if (strncmp(s, c[i], strlen(c[i])) == 0)
            return strlen(c[i]);
    return 0;
}

/* The start of the UTF-8 character before S[I] (I > 0). */
static size_t prev_char(const char *s, size_t i)
{
    do
        i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

/* Skips white space backwards from I: the offset just after the previous
 * character that is not space. */
static size_t skip_back(const char *s, size_t i)
{
    while (i > 0) {
        size_t p = prev_char(s, i);
        if (space_at(s + p) != i - p)
            break;
        i = p;
    }
    return i;
}

/* The year at the other end of a range "X年至Y年", "X-Y年" that the year at
 * S[I..END) (END just after 年) ends or starts, or -1. */
static int range_end(const char *s, size_t i, size_t end)
{
    size_t j = end;
    while (space_at(s + j))
        j += space_at(s + j);
    size_t c = connector_at(s + j);
    if (c) { /* Y年至Z年 */
        for (j += c; space_at(s + j);)
            j += space_at(s + j);
        return four_digits(s, j);
    }
    size_t k = skip_back(s, i); /* X-Y年, X年至Y年 */
    if (k == 0)
        return -1;
    size_t p = prev_char(s, k);
    if (!connector_at(s + p))
        return -1;
    k = skip_back(s, p);
    if (k >= 3 && strncmp(s + k - 3, "年", 3) == 0)
        k = skip_back(s, k - 3);
    return k >= 4 ? four_digits(s, k - 4) : -1;
}

/* Whether the text before S[I] compares with that year (比2022年, 较2022年). */
static bool compared(const char *s, size_t i)
{
    size_t k = skip_back(s, i);
    return k >= 3 && (strncmp(s + k - 3, "比", 3) == 0 || strncmp(s + k - 3, "较", 3) == 0);
}

/* Finds in S, from byte *AT on, the next year "NNNN年" other than YEAR that is
 * not a comparison or inside a range holding YEAR; sets *AT and *END to its
 * bytes (END just after 年).  Returns the year, or -1. */
static int next_other_year(const char *s, int year, size_t *at, size_t *end)
{
    for (size_t i = *at; s[i]; i++) {
        int y = four_digits(s, i);
        if (y < 0)
            continue;
        size_t j = i + 4;
        while (space_at(s + j))
            j += space_at(s + j);
        if (strncmp(s + j, "年", 3) != 0 || y == year || compared(s, i))
            continue;
        int other = range_end(s, i, j + 3);
        if (other >= 0 && ((y <= year && year <= other) || (other <= year && year <= y)))
            continue;
        *at = i;
        *end = j + 3;
        return y;
    }
    return -1;
}

/* Where the year Y first appears in the source text of the goal (its first
 * paragraph), or the whole goal string when it is not there. */
static Loc year_loc(const Model *m, const Project *p, int y)
{
    Loc g = p->goal_loc;
    size_t len;
    const char *line = g.file ? src_line(g.file, g.line, &len) : NULL;
    if (!line || g.end_line != g.line)
        return g;
    size_t from = 0, to = len; /* the string's bytes, from its columns */
    int c = 1;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && ((unsigned char)line[i] & 0xC0) == 0x80)
            continue;
        if (c == g.col)
            from = i;
        if (c == g.end_col) {
            to = i;
            break;
        }
        c++;
    }
    char *raw = xmalloc(to - from + 1);
    memcpy(raw, line + from, to - from);
    raw[to - from] = '\0';
    size_t at = 0, end = 0;
    for (int found; (found = next_other_year(raw, m->year, &at, &end)) >= 0; at = end) {
        if (found != y)
            continue;
        Loc l = g;
        l.col = g.col + src_count_chars(raw, at);
        l.end_col = g.col + src_count_chars(raw, end);
        free(raw);
        return l;
    }
    free(raw);
    return g;
}

static void check_goal_year(const Model *m, DiagCtx *d, const Project *p)
{
    size_t at = 0, end = 0;
    if (!p->goal)
        return;
    int y = next_other_year(p->goal, m->year, &at, &end);
    if (y < 0)
        return;
    diag_warning(d, year_loc(m, p, y), "W-GOAL-YEAR",
                 "the goal of '%s' names the year %d, not the budget year %d; a goal copied from "
                 "an earlier budget: update it",
                 p->name, y, m->year);
}
/* ---- the pass ----------------------------------------------------------------------- */

int check_projects(const Model *m, DiagCtx *d)
{
    int nerr = 0;
    Copies copies;
    copies_init(&copies, m);
    Stems stems;
    stems_init(&stems, m);
    for (int i = 0; i < m->nprojects; i++) {
        nerr += check_project_indicators(m, d, &stems, i);
        check_copies(m, d, &copies, i);
        check_goal_year(m, d, &m->projects[i]);
        nerr += check_purchases(m, d, &m->projects[i]);
    }
    copies_free(&copies);
    stems_free(&stems);
    nerr += check_indicator_totals(m, d);
    check_project_total(m, d);
    nerr += check_assets(m, d);
    return nerr;
}
