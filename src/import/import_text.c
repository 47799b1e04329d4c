/*
 * import_text.c — the 说明 of a PDF (the Book's paragraphs, pdf_text.c)
 * written as the budget's `narrative`, its figures as quotes.
 *
 * A section's printed title is named by the section word of the
 * vocabulary most of whose characters it holds (部门预算安排的总体情况 is
 * 预算安排总体情况); a title naming none, or one already written, is a
 * subheading.  A caption of a table printed in the 说明 is the `insert` of
 * that title (部门机构设置情况: insert 机构设置表).
 *
 * A figure in 万元 becomes a quote of the fact its clause names (the text
 * since the last comma), whatever number is printed, so that a wrong
 * number is an error of budc check, not a missed match: 收入 (预算收入,
 * 收入总计) is 收入.合计, 支出 or 收支 支出.合计, a fund source's name
 * 收入.SOURCE, 基本支出, 项目支出, 人员经费, 公用经费, 机关运行经费, in the
 * 三公 section its items and 三公.合计 (last year's after 上年 or the year
 * before, their change after 增加 or 减少), elsewhere an economic or
 * function code's printed name (办公费 is 基本支出[30201]).  占 XX% after a
 * quoted figure is its share of its total.  Any other figure is written as
 * printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "import/import_impl.h"
#include "model/catalog.h"

/* ---- sections --------------------------------------------------------------------- */

static size_t cp_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* How much of WORD's characters TITLE holds, from 0 to 1. */
static double holds(const char *title, const char *word)
{
    int n = 0, in = 0;
    for (const char *p = word; *p; p += cp_len(p)) {
        char c[5] = {0};
        memcpy(c, p, cp_len(p));
        n++;
        in += strstr(title, c) != NULL;
    }
    return n ? (double)in / n : 0;
}

/* The section word TITLE names (not one of USED), or NULL. */
static const char *section_of(Imp *im, const char *title, bool *used)
{
    const Vocab1 *d = &im->v->dim[DIM_SECTION];
    bool final = im->ds != &im->defs->disclosures[0];
    int best = -1;
    double score = 0.74;
    for (int w = 0; w < d->n; w++) {
        if (used[w] || (final && (d->words[w].tags & TAG_PLAN)) ||
            (!final && (d->words[w].tags & TAG_FINAL)))
            continue;
        double s = holds(title, d->words[w].name);
        if (s > score || (s == score && best >= 0 && strlen(d->words[w].name) > strlen(d->words[best].name))) {
            score = s;
            best = w;
        }
    }
    if (best < 0)
        return NULL;
    used[best] = true;
    return d->words[best].name;
}

/* ---- quotes ----------------------------------------------------------------------- */

typedef struct Q {
    Imp *im;
    bool sangong;       /* in the 三公 section */
    const char *last;   /* the path last quoted in the sentence */
    const char *item;   /* the 三公 item last named in the sentence */
    bool prior;         /* the sentence is about last year */
    char lastbuf[96];   /* q->last's text */
    char subject[64];   /* the fund source the sentence named so far, or "" */
    char code[64];      /* the code row a sentence of no figures named (其中：…
                         * 农村中小学校舍建设（项）。), for the next sentence */
    bool plan;          /* the clause speaks of a 决算's budget (年初预算) */
    char buf[8192];
    size_t n;
} Q;

static void emit(Q *q, const char *s, size_t n)
{
    for (size_t i = 0; i < n && q->n + 2 < sizeof q->buf; i++) {
        if (s[i] == '{' || s[i] == '}')
            q->buf[q->n++] = s[i];
        q->buf[q->n++] = s[i];
    }
}

/* {EXPR = NUM} */
static void emit_quote(Q *q, const char *expr, const char *num)
{
    char tmp[512];
    int k = snprintf(tmp, sizeof tmp, "{%s = %s}", expr, num);
    if (k > 0 && q->n + (size_t)k + 1 < sizeof q->buf) {
        memcpy(q->buf + q->n, tmp, (size_t)k);
        q->n += (size_t)k;
    }
}

static bool has(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, w, k) == 0)
            return true;
    return false;
}

/* Whether the clause S (N bytes) ends with W (the name right before the figure). */
static bool ends(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return k <= n && memcmp(s + n - k, w, k) == 0;
}

/* The 三公 item a clause names, as a path, or NULL. */
static const char *sangong_item(const char *s, size_t n)
{
    static const char *const items[][2] = {
        {"公务用车购置及运行维护费", "三公.公务用车购置及运维费"},
        {"公务用车购置及运维费", "三公.公务用车购置及运维费"},
        {"公务用车购置费", "三公.公务用车购置费"},
        {"公务用车运行维护费", "三公.公务用车运行维护费"},
        {"因公出国（境）费", "三公.因公出国费"},
        {"因公出国(境)费", "三公.因公出国费"},
        {"公务接待费", "三公.公务接待费"},
        {"三公经费", "三公.合计"},
        {"“三公”经费", "三公.合计"},
    };
    const char *best = NULL;
    size_t at = 0;
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
        size_t k = strlen(items[i][0]);
        for (size_t j = 0; j + k <= n; j++)
            if (memcmp(s + j, items[i][0], k) == 0 && (!best || j + k > at)) {
                best = items[i][1];
                at = j + k;
            }
    }
    return best;
}

/* The path of a code row of a table whose printed name the clause ends
 * with (*LEN: the name's length), or NULL. */
static const char *code_path(Q *q, const char *s, size_t n, size_t *len)
{
    Imp *im = q->im;
    static char path[64];
    size_t best = 0;
    for (int t = 0; t < im->ds->ntables; t++) {
        const ITable *it = &im->tables[t];
        int cat = it->def->catalog;
        if (cat != CAT_ECONOMIC && cat != CAT_FUNCTION)
            continue;
        for (int r = 0; r < it->nrows; r++) {
            const IRow *row = &it->rows[r];
            /* the longest name: 其他商品和服务支出 (30299), not 商品和服务支出 (302) */
            if (!row->code || !row->name || strlen(row->name) <= best || !ends(s, n, row->name))
                continue;
            snprintf(path, sizeof path, "%s[%s]", cat == CAT_ECONOMIC ? "基本支出" : "支出", row->key);
            best = strlen(row->name);
        }
    }
    *len = best;
    return best ? path : NULL;
}

/* The longest spelling of a word of dimension D (its name, its printed
 * title, a group or another spelling) the clause holds, as the path
 * writes it, or NULL; *LEN its length. */
static const char *spelling(Q *q, Dim d, const char *s, size_t n, size_t *len)
{
    const Vocab1 *v = &q->im->v->dim[d];
    bool final = q->im->ds != &q->im->defs->disclosures[0];
    const char *best = NULL;
    *len = 0;
    for (int w = 0; w < v->n; w++) {
        if (!final && (v->words[w].tags & TAG_FINAL))
            continue;
        const char *sp[2] = {v->words[w].name, v->words[w].title};
        for (int k = 0; k < 2; k++)
            if (sp[k] && strlen(sp[k]) > *len && has(s, n, sp[k])) {
                best = v->words[w].name;
                *len = strlen(sp[k]);
            }
    }
    for (int i = 0; i < v->nnames; i++) {
        const char *sp[2] = {v->names[i].name, v->names[i].title};
        for (int k = 0; k < 2; k++)
            if (sp[k] && strlen(sp[k]) > *len && has(s, n, sp[k])) {
                best = v->names[i].name;
                *len = strlen(sp[k]);
            }
    }
    return best;
}

/* The path of the fact clause S (N bytes, up to the figure) names, or NULL. */
static const char *path_of(Q *q, const char *s, size_t n)
{
    static char path[96];
    if (q->sangong) {
        const char *it = sangong_item(s, n);
        return it ? it : (q->item && !has(s, n, "万元") ? q->item : NULL);
    }
    /* the 302 of the 行政 and 参公 units alone: not known of one unit
     * standing for several (their natures are not imported) */
    if (has(s, n, "机关运行经费"))
        return q->im->merged ? NULL : "机关运行经费";
    if (q->im->assets) {
        size_t la;
        const char *a = spelling(q, DIM_ASSET, s, n, &la);
        if (a && strcmp(a, "资产总额") != 0) {
            snprintf(path, sizeof path, "资产.%s", a);
            return path;
        }
        if (has(s, n, "固定资产") || a)
            return has(s, n, "拟购置") ? "资产.拟购置" : "资产.总额";
    }
    /* a budget's purchase lines read (import_projects.c): its 政府采购预算
     * and the share reserved to small firms (预留中小微企业) */
    if (imp_has_purchases(q->im) && q->im->ds == &q->im->defs->disclosures[0]) {
        if (has(s, n, "中小微"))
            return "采购.中小微";
        if (has(s, n, "政府采购"))
            return "采购.合计";
        /* 其中：货物331.20万元，服务184.00万元 after a quoted 政府采购预算 */
        static const char *const kinds[][2] = {{"货物", "采购.货物"}, {"工程", "采购.工程"},
                                               {"服务", "采购.服务"}};
        for (size_t i = 0; q->last && strncmp(q->last, "采购.", strlen("采购.")) == 0 &&
                           i < sizeof kinds / sizeof kinds[0]; i++)
            if (has(s, n, kinds[i][0]))
                return kinds[i][1];
    }
    /* a 决算's procurement actuals are not imported: no fact to quote */
    if (has(s, n, "采购"))
        return NULL;
    size_t lc, lk, ls, lx;
    const char *cls = spelling(q, DIM_CLASS, s, n, &lx);
    if (cls) {
        snprintf(path, sizeof path, "基本支出.%s", cls);
        return path;
    }
    const char *code = code_path(q, s, n, &lc), *kind = spelling(q, DIM_KIND, s, n, &lk);
    const char *src = spelling(q, DIM_SOURCE, s, n, &ls);
    if (code && lc >= lk)
        return code;
    /* the 一般公共预算财政拨款基本支出 of its own table (基本支出.合计), not
     * every source's 基本 */
    if (kind && has(s, n, "财政拨款基本支出"))
        return "基本支出.合计";
    if (kind && !(src && ls > lk)) { /* 经营收入 is a source, not the kind 经营 */
        snprintf(path, sizeof path, "支出.%s", kind);
        return path;
    }
    bool spend = has(s, n, "支出") && !has(s, n, "收入");
    /* 收入支出总计, 收支总计: a 决算's total with the carry-overs, the
     * template's first sentence */
    if (has(s, n, "总计") && !src)
        return "收入.合计";
    if (src && has(s, n, "总计") && !spend && strcmp(src, "财政拨款") == 0)
        return "收入.财政拨款 + 收入.财政拨款结转";
    /* 使用上年结转的…资金 after a source: that source's carry-over
     * (一般公共预算财政拨款 … 上年结转: 一般公共预算结转), when the
     * vocabulary has it */
    if ((!src || ls == strlen("上年结转")) && q->subject[0] && has(s, n, "上年结转")) {
        char cand[96];
        size_t k = strlen(q->subject), fk = strlen("财政拨款");
        if (k > fk && strcmp(q->subject + k - fk, "财政拨款") == 0)
            k -= fk;
        snprintf(cand, sizeof cand, "%.*s结转", (int)k, q->subject);
        size_t lcand;
        const char *w = spelling(q, DIM_SOURCE, cand, strlen(cand), &lcand);
        if (w && lcand == strlen(cand)) {
            snprintf(path, sizeof path, "收入.%s", w);
            return path;
        }
    }
    if (src) {
        snprintf(q->subject, sizeof q->subject, "%s", src);
        snprintf(path, sizeof path, "%s.%s", spend ? "支出" : "收入", src);
        return path;
    }
    /* a clause of spending that names nothing after a sentence that named
     * a code row and no figure: that row's */
    if (q->code[0] && has(s, n, "支出")) {
        snprintf(path, sizeof path, "%s", q->code);
        return path;
    }
    /* a clause that names no fund source (支出决算为…) after one that did,
     * in the same sentence: that source's */
    if (q->subject[0] && (has(s, n, "收入") || has(s, n, "支出"))) {
        snprintf(path, sizeof path, "%s.%s", spend || !has(s, n, "收入") ? "支出" : "收入",
                 q->subject);
        return path;
    }
    if (has(s, n, "收入") && !has(s, n, "支出"))
        return "收入.合计";
    if (has(s, n, "支出") || has(s, n, "收支"))
        return "支出.合计";
    return NULL;
}

/* Whether the clause speaks of last year: 2022年, 上年 (not 上年结转, 比上年). */
static bool last_year(const char *s, size_t n, const char *prev)
{
    if (has(s, n, "比") || has(s, n, "较"))
        return false;
    if (has(s, n, prev))
        return true;
    for (size_t i = 0; i + 6 <= n; i++)
        if (memcmp(s + i, "上年", 6) == 0 &&
            !(i + 9 <= n && memcmp(s + i + 6, "末", 3) == 0) && /* 上年末: an asset's date */
            !(i + 12 <= n && (memcmp(s + i + 6, "结转", 6) == 0 || memcmp(s + i + 6, "结余", 6) == 0)))
            return true;
    return false;
}

/* The figure at P: its length (digits, a point, thousands separators, a
 * sign), or 0. */
static size_t figure_at(const char *p, const char *start)
{
    size_t n = 0;
    if (p > start && ((p[-1] >= '0' && p[-1] <= '9') || p[-1] == '.'))
        return 0;
    if (*p == '-')
        n++;
    if (!(p[n] >= '0' && p[n] <= '9'))
        return 0;
    while ((p[n] >= '0' && p[n] <= '9') || (p[n] == ',' && p[n + 1] >= '0' && p[n + 1] <= '9') ||
           (p[n] == '.' && p[n + 1] >= '0' && p[n + 1] <= '9'))
        n++;
    return n;
}

static bool delim(const char *p)
{
    static const char *const d[] = {"，", "。", "；", "：", ",", ";", "、"};
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++)
        if (strncmp(p, d[i], strlen(d[i])) == 0)
            return true;
    return false;
}

/* The paragraph S with its figures quoted, into Q's buffer. */
static void quote(Q *q, const char *s, int year)
{
    char prev[16], cur[16];
    snprintf(prev, sizeof prev, "%d年", year - 1);
    snprintf(cur, sizeof cur, "%d年", year);
    q->n = 0;
    q->last = q->item = NULL;
    q->prior = false;
    q->subject[0] = q->code[0] = '\0';
    const char *clause = s, *sentence = s;
    bool figures = false; /* the sentence has a figure */
    for (const char *p = s; *p;) {
        if (strncmp(p, "。", 3) == 0) { /* a sentence ends */
            /* one of no figures that ends naming a code row (…农村中小学校舍
             * 建设（项）): the subject of the next */
            size_t sn = (size_t)(p - sentence), lc = 0;
            for (const char *lv = "（项）"; sn > strlen(lv) && ends(sentence, sn, lv);)
                sn -= strlen(lv);
            const char *cp = figures ? NULL : code_path(q, sentence, sn, &lc);
            snprintf(q->code, sizeof q->code, "%s", cp ? cp : "");
            figures = false;
            emit(q, p, 3);
            p += 3;
            sentence = p;
            clause = p;
            q->last = q->item = NULL;
            q->prior = false;
            /* the fund source stays: …的主要原因：使用上年结转的…资金 speaks
             * of the sentence before */
            continue;
        }
        if (delim(p)) {
            size_t k = cp_len(p);
            /* the subject of the sentence: the first 三公 item it names */
            if (q->sangong && !q->item)
                q->item = sangong_item(clause, (size_t)(p - clause));
            emit(q, p, k);
            p += k;
            clause = p;
            continue;
        }
        size_t f = figure_at(p, s);
        if (!f) {
            size_t k = cp_len(p);
            emit(q, p, k);
            p += k;
            continue;
        }
        figures = true;
        const char *after = p + f;
        bool wan = strncmp(after, "万元", strlen("万元")) == 0,
             pct = strncmp(after, "%", 1) == 0 || strncmp(after, "％", 3) == 0;
        size_t cn = (size_t)(p - clause);
        if (q->sangong && !q->item)
            q->item = sangong_item(s == clause ? s : clause, cn);
        if (last_year(clause, cn, prev))
            q->prior = true;
        else if (has(clause, cn, cur))
            q->prior = false;
        bool up = has(clause, cn, "增加") || has(clause, cn, "增长"),
             down = has(clause, cn, "减少") || has(clause, cn, "下降");
        char num[64];
        size_t m = 0;
        for (size_t i = 0; i < f && m + 1 < sizeof num; i++)
            if (p[i] != ',')
                num[m++] = p[i];
        num[m] = '\0';
        const char *path = NULL;
        char expr[256] = "";
        /* 年初预算为… in a 决算: the figure of the budget it executes */
        bool plan = wan && q->im->ds != &q->im->defs->disclosures[0] &&
                    (has(clause, cn, "年初预算") || has(clause, cn, "预算数")) &&
                    !has(clause, cn, "决算");
        if (wan && (up || down)) {
            const char *it = q->sangong ? (sangong_item(clause, cn) ? sangong_item(clause, cn) : q->item) : NULL;
            /* last year's 三公 are known from a budget's table alone */
            if (q->im->ds != &q->im->defs->disclosures[0])
                it = NULL;
            if (it && num[0] != '-')
                snprintf(expr, sizeof expr, up ? "%s - 上年.%s" : "上年.%s - %s", it, it);
        } else if (wan && has(clause, cn, "本级")) {
            /* a figure of a part of the department (局本级) is not the department's */
        } else if (wan) {
            path = path_of(q, clause, cn);
            /* last year's figures are known for the 三公 alone, and there
             * only the items the table prints */
            bool asset = path && strncmp(path, "资产.", strlen("资产.")) == 0;
            if (path && q->prior && !asset && (!q->sangong || strspn(num, "0.") == strlen(num)))
                path = NULL;
            if (path && plan && !strchr(path, '+'))
                snprintf(expr, sizeof expr, "预算.%s", path);
            else if (path)
                snprintf(expr, sizeof expr, "%s%s", q->prior && !asset ? "上年." : "", path);
            if (path && !plan) {
                snprintf(q->lastbuf, sizeof q->lastbuf, "%s", path);
                q->last = q->lastbuf;
            }
        } else if (pct && q->last && has(clause, cn, "完成") && has(clause, cn, "预算") &&
                   !q->prior && q->im->ds != &q->im->defs->disclosures[0] && !strchr(q->last, '+')) {
            /* 完成年初预算的101.31%: the last figure of the 决算 against its budget */
            snprintf(expr, sizeof expr, "完成率.%s", q->last);
        } else if (pct && q->last && has(clause, cn, "占") && !q->prior) {
            const char *total = strncmp(q->last, "收入.", strlen("收入.")) == 0   ? "收入.合计"
                                : strncmp(q->last, "支出.", strlen("支出.")) == 0 ? "支出.合计"
                                : strncmp(q->last, "采购.", strlen("采购.")) == 0 ? "采购.合计"
                                                                                  : NULL;
            if (total && strcmp(total, q->last) != 0)
                snprintf(expr, sizeof expr, "%s / %s * 100", q->last, total);
        }
        if (*expr) {
            emit_quote(q, expr, num);
        } else {
            emit(q, p, f);
        }
        p += f;
    }
    q->buf[q->n] = '\0';
}

/* ---- assets ----------------------------------------------------------------------- */

/* The asset word a printed row names (1、房屋（平方米） is 房屋), or NULL. */
static const char *asset_of(Imp *im, const char *name)
{
    const Vocab1 *d = &im->v->dim[DIM_ASSET];
    const char *best = NULL;
    size_t n = 0;
    for (int w = 0; w < d->n; w++) /* its title, after 其中： */
        if (strcmp(name, d->words[w].title) == 0 || strcmp(name, d->words[w].name) == 0 ||
            (strlen(name) > strlen(d->words[w].title) &&
             strcmp(name + strlen(name) - strlen(d->words[w].title), d->words[w].title) == 0))
            return d->words[w].name;
    for (int w = 0; w < d->n; w++) {
        if (strstr(name, d->words[w].name) && strlen(d->words[w].name) > n) {
            best = d->words[w].name;
            n = strlen(best);
        }
    }
    return best;
}

void imp_assets(Imp *im)
{
    int w = vocab_tagged(im->v, DIM_INSERT, TAG_ASSETS);
    const BSheet *s = NULL;
    const char *want = w >= 0 ? im->v->dim[DIM_INSERT].words[w].name : "";
    size_t wn = strlen(want);
    for (int i = 0; wn && i < im->b->nsheets; i++) { /* its sheet, or its CSV file */
        const char *name = im->b->sheets[i].name;
        if (strncmp(name, want, wn) == 0 && (!name[wn] || (im->b->csv && strcmp(name + wn, ".csv") == 0)))
            s = &im->b->sheets[i];
    }
    if (!s)
        return;
    const char *asof = vocab_label(im->v, "as_of"), *item = vocab_label(im->v, "item"),
               *planned = vocab_label(im->v, "planned_note"), *date = NULL;
    int head = -1, col = 0;
    /* the date above the head (a PDF's) or under the rows (a workbook's) */
    for (int r = 0; r < s->nrows; r++)
        for (int c = 0; c < s->ncols; c++) {
            const char *t = book_text(s, r, c), *at = *asof ? strstr(t, asof) : NULL;
            if (at && !date)
                date = imp_trim(im, at + strlen(asof));
            if (strcmp(t, item) == 0 && head < 0) {
                head = r;
                col = c;
            }
        }
    if (head < 0 || !date)
        return;
    FILE *out = im->out;
    bool any = false;
    /* the values in the table's unit: 单位：元 converted into the budget's;
     * any other (万元, 万元、平方米、辆) is the budget's */
    const char *money = imp_sheet_money(im, s);
    if (money && strcmp(money, "\xE5\x85\x83") != 0) /* 元 */
        money = NULL;
    for (int r = head + 1; r < s->nrows; r++) {
        const char *name = imp_trim(im, book_text(s, r, col)), *at = *planned ? strstr(name, planned) : NULL;
        const char *word = asset_of(im, name);
        Dec q, v;
        /* quantities and values as printed: 1,234 and 8,081,000.00 */
        const char *qt = imp_trim(im, book_text(s, r, col + 1));
        bool hq = imp_text_number(qt, &q),
             hv = imp_text_number(imp_trim(im, book_text(s, r, col + 2)), &v) && imp_convert(im, money, &v);
        if (!any && (at || (word && (hq || hv)))) {
            if (s->page > 0)
                fprintf(out, "\n// 第%d页：%s\nassets ", s->page, book_text(s, 0, 0));
            else /* 工作表： */
                fprintf(out, "\n// \xE5\xB7\xA5\xE4\xBD\x9C\xE8\xA1\xA8\xEF\xBC\x9A%s\nassets ", s->name);
            imp_string(out, date);
            fputs(" {\n", out);
            any = true;
        }
        if (at) { /* 注：本年度拟购置固定资产总额35.00万元。 */
            const char *p = at + strlen(planned);
            while (*p && !(*p >= '0' && *p <= '9'))
                p++;
            size_t n = strspn(p, "0123456789.,");
            char num[32];
            snprintf(num, sizeof num, "%.*s", (int)(n < 31 ? n : 31), p);
            if (n && imp_number(num, &v)) {
                fputs("  planned ", out);
                imp_dec(out, v);
                fputc('\n', out);
            }
            continue;
        }
        if (!word || !(hq || hv))
            continue;
        fprintf(out, "  %s ", word);
        if (hq) /* the quantity as printed, without its separators */
            for (const char *c = qt; *c; c++) {
                size_t k = imp_space_at(c);
                if (k)
                    c += k - 1;
                else if (*c != ',')
                    fputc(*c, out);
            }
        fputs(hq ? " " : "- ", out);
        if (hv)
            imp_dec(out, v);
        else
            fputc('-', out);
        fputc('\n', out);
    }
    if (any)
        fputs("}\n", out);
    im->assets = any;
}

/* ---- the narrative ---------------------------------------------------------------- */

static const char *insert_of(Imp *im, const char *caption)
{
    const Vocab1 *d = &im->v->dim[DIM_INSERT];
    for (int w = 0; w < d->n; w++)
        if (strcmp(d->words[w].title, caption) == 0)
            return d->words[w].name;
    return NULL;
}

void imp_narrative(Imp *im)
{
    const Book *b = im->b;
    if (!b->nparas)
        return;
    FILE *out = im->out;
    bool used[VOCAB_MAX_WORDS] = {0};
    bool open = false;
    int page = 0;
    Q q = {.im = im};
    fputs("\nnarrative {\n", out);
    for (int i = 0; i < b->nparas; i++) {
        const BPara *p = &b->paras[i];
        const char *word = p->kind == BP_SECTION ? section_of(im, p->text, used) : NULL;
        const char *ind = open ? "    " : "  ";
        if (word) {
            if (open)
                fputs("  }\n", out);
            fprintf(out, "\n  // 第%d页：%s\n  section %s ", p->page, p->text, word);
            imp_string(out, p->text);
            fputs(" {\n", out);
            open = true;
            page = p->page;
            q.sangong = (im->v->dim[DIM_SECTION].words[vocab_word(im->v, DIM_SECTION, word)].tags &
                         TAG_SANGONG) != 0;
            continue;
        }
        const char *w = p->kind == BP_TABLE ? insert_of(im, p->text) : NULL;
        if (p->kind == BP_TABLE && !w)
            continue;
        if (p->page != page && open) { /* the page a paragraph starts on */
            fprintf(out, "    // 第%d页\n", p->page);
            page = p->page;
        }
        if (w && !open)
            continue; /* an insert belongs in a section */
        if (w) {
            fprintf(out, "%sinsert %s\n", ind, w);
            continue;
        }
        if ((p->kind == BP_HEADING || p->kind == BP_SECTION) && open) {
            fprintf(out, "%sheading ", ind);
            imp_string(out, p->text);
            fputc('\n', out);
            continue;
        }
        quote(&q, p->text, im->year);
        fputs(ind, out);
        imp_string(out, q.buf);
        fputc('\n', out);
    }
    if (open)
        fputs("  }\n", out);
    fputs("}\n", out);
}
