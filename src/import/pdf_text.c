/*
 * pdf_text.c — the 说明 of a PDF disclosure, from the lines no table used
 * (pdf_impl.h): its sections, subheadings and paragraphs, in order, each
 * with its page, into the Book (BPara); import_text.c names the sections
 * and writes the figures as quotes.
 *
 * The 说明 starts at its title: a line (or two, a title wrapped) that ends
 * with 说明 and is not a line of the 目录 (which ends with a page number).
 * The body's size is the height most of its lines have, its left margin
 * the left end most lines start at, its right margin the farthest right
 * end.  A line of a larger size that starts with an ordinal (一、) is a
 * section's title; a line of a smaller size is a table printed in the
 * 说明 (机构设置, 绩效目标, 政府采购, 国有资产), left to the blocks budc
 * inserts, and its centred caption says which.  A paragraph starts on a
 * line indented from the margin, or on a full line after a paragraph that
 * ended; it ends on a line that stops short of the right margin.  A short
 * line at the margin that is no paragraph's last is a subheading.
 */
#include "import/pdf_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "import/import_impl.h"

typedef struct TextB {
    Book *b;
    int cap;
    char *para; /* the paragraph being read */
    size_t len, pcap;
    int page;
} TextB;

static void add(TextB *t, BParaKind k, const char *s, int page)
{
    Book *b = t->b;
    if (b->nparas == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 32;
        b->paras = xrealloc(b->paras, (size_t)t->cap * sizeof *b->paras);
    }
    size_t n = strlen(s);
    char *c = xmalloc(n + 1);
    memcpy(c, s, n + 1);
    b->paras[b->nparas++] = (BPara){k, c, page};
}

static void end_para(TextB *t)
{
    if (t->len) {
        t->para[t->len] = '\0';
        add(t, BP_PARAGRAPH, t->para, t->page);
    }
    t->len = 0;
}

static void append(TextB *t, const char *s, int page)
{
    size_t n = strlen(s);
    if (!t->len)
        t->page = page;
    /* a line broken between two Latin words or numbers: a space */
    bool space = t->len && ((unsigned char)t->para[t->len - 1] < 0x80 &&
                            ((unsigned char)t->para[t->len - 1] > ' ')) &&
                 (unsigned char)s[0] < 0x80 && s[0] != '.' && s[0] != ',';
    if (t->len + n + 2 > t->pcap) {
        t->pcap = 2 * (t->len + n + 2);
        t->para = xrealloc(t->para, t->pcap);
    }
    if (space)
        t->para[t->len++] = ' ';
    memcpy(t->para + t->len, s, n);
    t->len += n;
}

static bool ends_with(const char *s, const char *t)
{
    size_t n = strlen(s), k = strlen(t);
    return k <= n && strcmp(s + n - k, t) == 0;
}

static bool ordinal_title(const char *s)
{
    const char *p = imp_cn_numerals(s);
    return p > s && strncmp(p, "、", strlen("、")) == 0;
}

/* A line of prose: no gap between its words wider than a character (a
 * table's row has its cells apart). */
static bool prose(const PLine *l)
{
    for (int i = 1; i < l->n; i++)
        if (l->w[i].x1 - l->w[i - 1].x2 > 1.2 * l->h)
            return false;
    return true;
}

/* The most frequent of N values rounded to halves of a point. */
static double mode(const double *v, int n)
{
    double best = n ? v[0] : 0;
    int most = 0;
    for (int i = 0; i < n; i++) {
        int k = 0;
        for (int j = 0; j < n; j++)
            k += fabs(v[i] - v[j]) < 0.6;
        if (k > most) {
            most = k;
            best = v[i];
        }
    }
    return best;
}

void pdf_text(const PDoc *d, Book *b, bool *const *used)
{
    /* the title of the 说明 */
    int p0 = -1, l0 = -1;
    for (int p = 0; p < d->n && p0 < 0; p++)
        for (int i = 0; i < d->pages[p].n && p0 < 0; i++) {
            const PLine *l = &d->pages[p].lines[i];
            if (used[p][i])
                continue;
            const PLine *next = i + 1 < d->pages[p].n ? &d->pages[p].lines[i + 1] : NULL;
            if (ends_with(l->text, "说明") ||
                (next && !used[p][i + 1] && fabs(next->h - l->h) < 0.5 && next->n == 1 &&
                 utf8_chars(next->text) <= 3 && ends_with(next->text, "明") &&
                 ends_with(l->text, "说"))) {
                p0 = p;
                l0 = i + 1 + (!ends_with(l->text, "说明"));
            }
        }
    if (p0 < 0)
        return;
    /* the body's size and margins */
    int n = 0;
    for (int p = p0; p < d->n; p++)
        n += d->pages[p].n;
    double *hs = xmalloc((size_t)(n + 1) * sizeof *hs), *xs = xmalloc((size_t)(n + 1) * sizeof *xs);
    int k = 0;
    double right = 0;
    for (int p = p0; p < d->n; p++)
        for (int i = 0; i < d->pages[p].n; i++)
            if (!used[p][i] && prose(&d->pages[p].lines[i]) && utf8_chars(d->pages[p].lines[i].text) >= 12)
                hs[k++] = d->pages[p].lines[i].h;
    double h = mode(hs, k), left;
    k = 0;
    for (int p = p0; p < d->n; p++)
        for (int i = 0; i < d->pages[p].n; i++) {
            const PLine *l = &d->pages[p].lines[i];
            if (!used[p][i] && fabs(l->h - h) < 0.5 && prose(l)) {
                xs[k++] = l->w[0].x1;
                right = fmax(right, l->w[l->n - 1].x2);
            }
        }
    /* the margin: the leftmost start a tenth of the lines share (the first
     * lines of paragraphs are indented, a subheading may stand out) */
    left = mode(xs, k);
    for (int i = 0; i < k; i++) {
        int same = 0;
        for (int j = 0; j < k; j++)
            same += fabs(xs[i] - xs[j]) < 0.6;
        if (xs[i] < left && same >= 2 && same * 10 >= k)
            left = xs[i];
    }
    free(hs);
    free(xs);

    TextB t = {.b = b};
    bool open = false;
    for (int p = p0; p < d->n; p++)
        for (int i = p == p0 ? l0 : 0; i < d->pages[p].n; i++) {
            const PLine *l = &d->pages[p].lines[i];
            if (used[p][i])
                continue;
            double x1 = l->w[0].x1, x2 = l->w[l->n - 1].x2;
            int page = d->pages[p].no;
            if (l->h > h + 1 && ordinal_title(l->text)) {
                end_para(&t);
                add(&t, BP_SECTION, l->text, page);
                open = false;
                continue;
            }
            if (l->h < h - 0.5 || l->h > h + 1 || !prose(l)) { /* a table in the 说明, or its caption */
                end_para(&t);
                open = false;
                if (x1 > left + 4 * h && x2 < right - 4 * h && l->n == 1)
                    add(&t, BP_TABLE, l->text, page);
                continue;
            }
            bool indented = x1 > left + h * 0.9, full = x2 > right - 1.5 * h;
            if (indented || !open) {
                end_para(&t);
                if (!indented && !full) { /* a short line alone at the margin */
                    add(&t, BP_HEADING, l->text, page);
                    open = false;
                    continue;
                }
            }
            append(&t, l->text, page);
            open = full;
            if (!full)
                end_para(&t);
        }
    end_para(&t);
    free(t.para);
}
