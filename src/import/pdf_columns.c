/*
 * pdf_columns.c — a spreadsheet printed with its sheets cut into pages of
 * columns, put back together (pdf_impl.h).
 *
 * A spreadsheet program prints a sheet wider than its page (LibreOffice
 * Calc's default page setup) as pages of columns: the first page has the
 * first columns of the rows, a later page the next columns of the same
 * rows, at the same heights, with no row names of its own.  Its pages come
 * down then across: when the sheet is also longer than a page, its first
 * columns come on as many pages as it takes (bands of rows), then the next
 * columns of the first band, of the second, and so on.  A text cut at a
 * page's edge (the title, centred over the whole sheet) is printed on both
 * pages, the rest of it in the next page's left margin.
 *
 * A sheet so cut is told by its first page: a line starting with 编制单位,
 * and the money unit (单位：万元, at the sheet's right edge) on none of its
 * lines.  A page after it continues a band of its rows when each of its
 * lines is at the height of one of the band's (a title line above them may
 * be its own in the first band).  The pages of the first columns that do
 * not continue the first band are the next bands; after them, when a page
 * could continue several bands (rows at the same heights), it continues
 * the one whose lines are most like its own (an amount in both, or in
 * neither; the lines of 编制单位 and 单位 and the head are the first
 * band's), the next in the order above first: a page with nothing on it
 * is not printed, so the order alone can be wrong.  The first page that
 * continues no band, or that has a line of 编制单位, ends the sheet.  Each
 * band becomes one page as wide as its pages side by
 * side: the lines of one height one line, the words of each later page
 * moved right of the page before, a text cut at the edge joined again (the
 * part printed twice once).  The band takes the place of its first page;
 * the pages it took in are left empty, so that pages keep their numbers.
 * Any other document is left as it is.
 */
#include "import/pdf_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

typedef struct MLine {
    double mid, y1, y2, h;
    PWord *w;
    int n, cap;
    int col;  /* the page of the band its last word came from */
    bool fig; /* an amount among its words */
} MLine;

typedef struct Band {
    int page; /* the index of its first page */
    MLine *l;
    int n, cap;
    int ncols;
    double hb;   /* the height of its body text */
    double body; /* the height of its first line with a figure: the head is above */
} Band;

enum { MAXBANDS = 64 };

static double mid_of(const PLine *l)
{
    return (l->y1 + l->y2) / 2;
}

/* How many times S holds T. */
static int count(const char *s, const char *t)
{
    int n = 0;
    size_t k = strlen(t);
    for (const char *p = s; k && (p = strstr(p, t)); p += k)
        n++;
    return n;
}

/* Whether page P starts a table: a line of 编制单位 at the left. */
static bool sheet_start(const PPage *p, const Vocab *v)
{
    const char *by = vocab_label(v, "prepared_by");
    for (int i = 0; *by && i < p->n; i++)
        if (p->lines[i].n && strncmp(p->lines[i].w[0].text, by, strlen(by)) == 0)
            return true;
    return false;
}

/* Whether page P starts a sheet cut into pages of columns: a table's
 * start with no money unit on the page (编制单位： holds 单位：). */
static bool cut_start(const PPage *p, const Vocab *v)
{
    const char *by = vocab_label(v, "prepared_by"), *unit = vocab_label(v, "money_unit"),
               *label = vocab_label(v, "money_label");
    if (!sheet_start(p, v))
        return false;
    for (int i = 0; i < p->n; i++) {
        const char *t = p->lines[i].text;
        if ((*label && strstr(t, label)) || (*unit && count(t, unit) > count(t, by)))
            return false;
    }
    return true;
}

/* Whether word text T is an amount (1,206.65). */
static bool amount(const char *t)
{
    const char *dot = strchr(t, '.');
    if (*t == '-')
        t++;
    return *t >= '0' && *t <= '9' && dot && dot[1] >= '0' && dot[1] <= '9';
}

static bool has_amount(const PLine *l)
{
    for (int k = 0; k < l->n; k++)
        if (amount(l->w[k].text))
            return true;
    return false;
}

/* The height of the first line of page P with a figure (an amount). */
static double first_figure(const PPage *p)
{
    for (int i = 0; i < p->n; i++)
        if (has_amount(&p->lines[i]))
            return mid_of(&p->lines[i]);
    return 1e9;
}

/* The height most lines of page P have: its body text's. */
static double body_height(const PPage *p)
{
    double best = 0;
    int bestn = 0;
    for (int i = 0; i < p->n; i++) {
        int n = 0;
        for (int j = 0; j < p->n; j++)
            n += fabs(p->lines[j].h - p->lines[i].h) < 0.5;
        if (n > bestn) {
            bestn = n;
            best = p->lines[i].h;
        }
    }
    return best;
}

/* The line of band B at the height of L, or -1. */
static int line_at(const Band *b, const PLine *l)
{
    double m = mid_of(l), tol = 0.1 * b->hb;
    int best = -1;
    for (int i = 0; i < b->n; i++)
        if (fabs(b->l[i].mid - m) <= tol && (best < 0 || fabs(b->l[i].mid - m) < fabs(b->l[best].mid - m)))
            best = i;
    return best;
}

/* A title line: larger than the body text, above the band's first line. */
static bool own_title(const Band *b, const PLine *l)
{
    return l->h > 1.15 * b->hb && b->n && mid_of(l) < b->l[0].mid;
}

/* Whether page P continues band B (FIRST: the sheet's first band, which
 * alone has its title, the lines under it and its head): every line at the
 * height of one of the band's, but a title of its own above them, and no
 * amount at the height of the band's head; -1 if not, else how many of its
 * lines are like the band's (an amount in both, or in neither), which tells
 * a page of the first band from one of the next when their lines are at
 * the same heights. */
static int fit(const Band *b, const PPage *p, bool first, const Vocab *v)
{
    int matched = 0, like = 0;
    for (int i = 0; i < p->n; i++) {
        const PLine *l = &p->lines[i];
        int at = line_at(b, l);
        bool fig = has_amount(l);
        if (!first && pdf_meta_line(v, l))
            return -1;
        if (at >= 0) {
            if (fig && b->l[at].mid < b->body - 0.1 * b->hb)
                return -1;
            matched++;
            like += fig == b->l[at].fig;
        } else if (!first || !own_title(b, l)) {
            return -1;
        }
    }
    return matched > 0 ? like : -1;
}

static void push_word(MLine *m, PWord w)
{
    if (m->n == m->cap) {
        m->cap = m->cap ? 2 * m->cap : 8;
        m->w = xrealloc(m->w, (size_t)m->cap * sizeof *m->w);
    }
    m->w[m->n++] = w;
}

/* A new line of band B for L, in its place by height. */
static MLine *new_line(Band *b, const PLine *l)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 32;
        b->l = xrealloc(b->l, (size_t)b->cap * sizeof *b->l);
    }
    double m = mid_of(l);
    int at = b->n;
    while (at > 0 && b->l[at - 1].mid > m)
        at--;
    memmove(b->l + at + 1, b->l + at, (size_t)(b->n - at) * sizeof *b->l);
    b->n++;
    b->l[at] = (MLine){.mid = m, .y1 = l->y1, .y2 = l->y2, .h = l->h, .col = -1};
    return &b->l[at];
}

/* A then B, the end of A that B starts with once: a text cut at a page's
 * edge, printed on both pages. */
static const char *overlap_join(Arena *a, const char *x, const char *y)
{
    size_t nx = strlen(x), ny = strlen(y), k = nx < ny ? nx : ny;
    for (; k > 0; k--)
        if (memcmp(x + nx - k, y, k) == 0 && (y[k] & 0xC0) != 0x80)
            break;
    char *s = arena_alloc(a, nx + ny - k + 1);
    memcpy(s, x, nx);
    memcpy(s + nx, y + k, ny - k + 1);
    return s;
}

/* Page P into band B as its next page of columns, its words moved right
 * by OFF.  LEFT: where the pages' text starts (their left margin). */
static void attach(Band *b, const PPage *p, double off, double left, Arena *a)
{
    int col = b->ncols++;
    for (int i = 0; i < p->n; i++) {
        const PLine *l = &p->lines[i];
        int at = line_at(b, l);
        MLine *m = at >= 0 ? &b->l[at] : new_line(b, l);
        m->y1 = fmin(m->y1, l->y1);
        m->y2 = fmax(m->y2, l->y2);
        m->h = fmax(m->h, l->h);
        for (int k = 0; k < l->n; k++) {
            PWord w = l->w[k];
            w.x1 += off;
            w.x2 += off;
            if (k == 0 && col > 0 && m->col == col - 1 && m->n) {
                PWord *last = &m->w[m->n - 1];
                if (l->w[0].x1 < left - 2) {
                    /* the rest of a text cut at the edge of the page before */
                    last->text = overlap_join(a, last->text, w.text);
                    last->x2 = fmax(last->x2, w.x2);
                    continue;
                }
                if (l->h > 1.15 * b->hb && strncmp(w.text, last->text, strlen(last->text)) == 0) {
                    *last = w; /* a title's start cut at the edge, printed whole here */
                    continue;
                }
                if (m->mid < b->body && strcmp(w.text, last->text) == 0)
                    continue; /* a title of the head over columns of both pages, printed on each */
            }
            push_word(m, w);
        }
        if (l->n)
            m->col = col;
        m->fig |= has_amount(l);
    }
}

static void drop(Band *b)
{
    for (int i = 0; i < b->n; i++)
        free(b->l[i].w);
    free(b->l);
}

/* Band B as the lines of its first page. */
static void finish(PDoc *d, Band *b)
{
    PPage *p = &d->pages[b->page];
    p->lines = arena_alloc(&d->a, (size_t)(b->n ? b->n : 1) * sizeof *p->lines);
    p->n = 0;
    for (int i = 0; i < b->n; i++) {
        MLine *m = &b->l[i];
        if (!m->n) {
            free(m->w);
            continue;
        }
        PLine *l = &p->lines[p->n++];
        l->n = m->n;
        l->w = arena_alloc(&d->a, (size_t)m->n * sizeof *l->w);
        memcpy(l->w, m->w, (size_t)m->n * sizeof *l->w);
        l->y1 = m->y1;
        l->y2 = m->y2;
        l->h = m->h;
        l->text = pdf_join(&d->a, l->w, l->n, false);
        free(m->w);
    }
    free(b->l);
}

/* Where the pages' text starts: the left end most lines share. */
static double left_margin(const PDoc *d)
{
    double best = 0;
    int bestn = 0, seen = 0;
    for (int p = 0; p < d->n && seen < 400; p++)
        for (int i = 0; i < d->pages[p].n && seen < 400; i++, seen++) {
            double x = d->pages[p].lines[i].w[0].x1;
            int n = 0;
            for (int q = 0; q < d->n; q++)
                for (int j = 0; j < d->pages[q].n; j++)
                    n += fabs(d->pages[q].lines[j].w[0].x1 - x) < 0.5;
            if (n > bestn) {
                bestn = n;
                best = x;
            }
        }
    return best;
}

void pdf_columns(PDoc *d, const Defs *defs)
{
    const Vocab *v = &defs->vocab;
    bool any = false;
    for (int p = 0; p < d->n && !any; p++)
        any = cut_start(&d->pages[p], v);
    if (!any)
        return;
    double left = left_margin(d), width = 0;
    for (int p = 0; p < d->n; p++)
        for (int i = 0; i < d->pages[p].n; i++)
            for (int k = 0; k < d->pages[p].lines[i].n; k++)
                width = fmax(width, d->pages[p].lines[i].w[k].x2);
    width += left; /* a page's width, its margins and what runs over its edge */
    Band bands[MAXBANDS];
    int nb = 0, next = 0;
    bool across = false;
    int *took = xmalloc((size_t)d->n * sizeof *took), ntook = 0;
    for (int pi = 0; pi <= d->n; pi++) {
        const PPage *p = pi < d->n ? &d->pages[pi] : NULL;
        bool start = p && sheet_start(p, v);
        bool in = false;
        if (p && !start && nb > 0 && p->n) {
            int best = -1, most = -1;
            if (!across) {
                if (fit(&bands[0], p, true, v) >= 0) { /* the next columns of the first rows */
                    across = true;
                    best = 0;
                } else if (nb < MAXBANDS) { /* the sheet's next rows, down */
                    bands[nb] = (Band){.page = pi, .hb = body_height(p), .body = first_figure(p)};
                    attach(&bands[nb], p, 0, left, &d->a);
                    nb++;
                    in = true;
                }
            }
            /* the band it fits best, the next in Calc's order first (a
             * page with nothing on it is not printed: one may be missing) */
            bool pick = across && best < 0 && !in;
            for (int k = 0; pick && k < nb; k++) {
                int f = fit(&bands[(next + k) % nb], p, (next + k) % nb == 0, v);
                if (f > most) {
                    most = f;
                    best = (next + k) % nb;
                }
            }
            if (best >= 0) {
                Band *b = &bands[best];
                attach(b, p, b->ncols * width, left, &d->a);
                took[ntook++] = pi;
                next = (best + 1) % nb;
                in = true;
            }
        }
        if (in)
            continue;
        /* the sheet ends here: put together if it was cut */
        for (int k = 0; k < nb; k++)
            if (across)
                finish(d, &bands[k]);
            else
                drop(&bands[k]);
        for (int k = 0; k < ntook; k++)
            d->pages[took[k]].n = 0;
        nb = 0;
        ntook = 0;
        across = false;
        if (start && cut_start(p, v)) {
            bands[0] = (Band){.page = pi, .hb = body_height(p), .body = first_figure(p)};
            attach(&bands[0], p, 0, left, &d->a);
            nb = 1;
        }
    }
    free(took);
}
