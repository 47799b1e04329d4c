/*
 * pdf_read.c — a PDF's text layer as pages of lines of words (pdf_impl.h),
 * through poppler's C interface (poppler-glib): the text of each page and
 * the box of each of its characters (poppler_page_get_text_layout).
 *
 * poppler gives the text in its reading order, one line of text a line;
 * the boxes are in the page's own coordinates.  A line's direction is read
 * from its characters' boxes: a page whose text mostly runs down or up the
 * sheet is a landscape table typeset turned, and every box is turned back
 * so that its lines run left to right; the lines running another way (the
 * running head of a turned page) are left out.  Then the characters are
 * grouped again by their boxes alone, not poppler's order: a line is the
 * characters whose middles are at one height, sorted left to right, and a
 * word ends where a gap wider than a quarter of the characters' height
 * starts, which is what keeps a table's cells apart.
 */
#include "import/pdf_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <poppler.h>

#include "base/text.h"

typedef struct PChar {
    char s[8];
    double x1, y1, x2, y2;
    int dir; /* 0 right, 1 down, 2 left, 3 up, -1 not known (a lone character) */
} PChar;

static bool blank_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x3000 ||
           cp == 0xFEFF || cp < 0x20;
}

static bool ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' ||
           c == ',' || c == '%' || c == '-';
}

const char *pdf_join(Arena *a, const PWord *w, int n, bool spaces)
{
    size_t len = 1;
    for (int i = 0; i < n; i++)
        len += strlen(w[i].text) + 1;
    char *s = arena_alloc(a, len), *p = s;
    for (int i = 0; i < n; i++) {
        size_t k = strlen(w[i].text);
        if (i > 0 && k && p > s &&
            (spaces || (ascii_alnum((unsigned char)p[-1]) && ascii_alnum((unsigned char)w[i].text[0]))))
            *p++ = ' ';
        memcpy(p, w[i].text, k);
        p += k;
    }
    *p = '\0';
    return s;
}

static int by_middle(const void *a, const void *b)
{
    const PChar *x = a, *y = b;
    double mx = (x->y1 + x->y2) / 2, my = (y->y1 + y->y2) / 2;
    return mx < my ? -1 : mx > my ? 1 : (x->x1 < y->x1 ? -1 : x->x1 > y->x1);
}

static int by_left(const void *a, const void *b)
{
    const PChar *x = a, *y = b;
    return x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

/* Turns box C so that text running DIR runs left to right, on a page W by H. */
static void turn(PChar *c, int dir, double w, double h)
{
    double x1 = c->x1, y1 = c->y1, x2 = c->x2, y2 = c->y2, nx1, ny1, nx2, ny2;
    switch (dir) {
    case 1: nx1 = y1; nx2 = y2; ny1 = w - x2; ny2 = w - x1; break;
    case 3: nx1 = h - y2; nx2 = h - y1; ny1 = x1; ny2 = x2; break;
    case 2: nx1 = w - x2; nx2 = w - x1; ny1 = h - y2; ny2 = h - y1; break;
    default: return;
    }
    c->x1 = nx1;
    c->x2 = nx2;
    c->y1 = ny1;
    c->y2 = ny2;
}

/* A page's lines as they are made. */
typedef struct PageB {
    PLine *lines;
    int n, cap;
    PWord *words;
    int nw, capw;
} PageB;

static void add_line(PDoc *d, PageB *pb, PChar *c, int n)
{
    double h = 0;
    for (int i = 0; i < n; i++)
        h = fmax(h, c[i].y2 - c[i].y1);
    pb->nw = 0;
    char buf[4096];
    for (int i = 0; i < n;) {
        size_t k = 0;
        double x1 = c[i].x1, x2 = c[i].x2, y1 = c[i].y1, y2 = c[i].y2;
        int j = i;
        /* a word ends at a gap of a quarter of the height, or of a tenth
         * where Latin (digits) meets Chinese: a figure right-aligned in its
         * cell against the name left-aligned in the next, in a spreadsheet
         * printed with narrow cell margins (1,206.65 一般公共服务支出) */
        while (j < n && (j == i || c[j].x1 - c[j - 1].x2 <=
                                       (((unsigned char)c[j].s[0] < 0x80) != ((unsigned char)c[j - 1].s[0] < 0x80)
                                            ? 0.1 : 0.25) * h)) {
            size_t len = strlen(c[j].s);
            if (k + len < sizeof buf) {
                memcpy(buf + k, c[j].s, len);
                k += len;
            }
            x2 = fmax(x2, c[j].x2);
            y1 = fmin(y1, c[j].y1);
            y2 = fmax(y2, c[j].y2);
            j++;
        }
        PWord *w = ARENA_PUSH(&d->a, pb->words, pb->nw, pb->capw);
        *w = (PWord){arena_strndup(&d->a, buf, k), x1, y1, x2, y2};
        i = j;
    }
    PLine *l = ARENA_PUSH(&d->a, pb->lines, pb->n, pb->cap);
    l->n = pb->nw;
    l->w = arena_alloc(&d->a, (size_t)pb->nw * sizeof *l->w);
    memcpy(l->w, pb->words, (size_t)pb->nw * sizeof *l->w);
    l->y1 = l->w[0].y1;
    l->y2 = l->w[0].y2;
    for (int i = 1; i < l->n; i++) {
        l->y1 = fmin(l->y1, l->w[i].y1);
        l->y2 = fmax(l->y2, l->w[i].y2);
    }
    l->h = h;
    l->text = pdf_join(&d->a, l->w, l->n, false);
}

static void page_lines(PDoc *d, PPage *p, PChar *c, int n)
{
    PageB pb = {0};
    qsort(c, (size_t)n, sizeof *c, by_middle);
    for (int i = 0; i < n;) {
        double mid = (c[i].y1 + c[i].y2) / 2, h = c[i].y2 - c[i].y1;
        int j = i + 1;
        while (j < n) {
            double m = (c[j].y1 + c[j].y2) / 2, hj = c[j].y2 - c[j].y1;
            if (fabs(m - mid) > 0.4 * (h > hj ? h : hj))
                break;
            j++;
        }
        qsort(c + i, (size_t)(j - i), sizeof *c, by_left);
        add_line(d, &pb, c + i, j - i);
        i = j;
    }
    p->lines = pb.lines;
    p->n = pb.n;
}

/* The characters of one page, turned upright; their number, or -1. */
static int page_chars(PopplerPage *pg, PChar **out)
{
    char *text = poppler_page_get_text(pg);
    PopplerRectangle *r = NULL;
    guint nr = 0;
    *out = NULL;
    if (!text || !poppler_page_get_text_layout(pg, &r, &nr)) {
        g_free(text);
        g_free(r);
        return 0;
    }
    double w, h;
    poppler_page_get_size(pg, &w, &h);
    PChar *c = xmalloc(((size_t)nr + 1) * sizeof *c);
    int n = 0, line0 = 0;
    long weight[4] = {0};
    size_t len = strlen(text);
    guint k = 0;
    for (size_t i = 0; i < len && k < nr; k++) {
        uint32_t cp;
        size_t m = utf8_next((const unsigned char *)text + i, len - i, &cp);
        if (!m)
            m = 1;
        bool end = cp == '\n' || i + m >= len;
        if (!blank_cp(cp) && m < sizeof c[n].s) {
            PChar *x = &c[n++];
            memcpy(x->s, text + i, m);
            x->s[m] = '\0';
            x->x1 = fmin(r[k].x1, r[k].x2);
            x->x2 = fmax(r[k].x1, r[k].x2);
            x->y1 = fmin(r[k].y1, r[k].y2);
            x->y2 = fmax(r[k].y1, r[k].y2);
            x->dir = -1;
        }
        if (end) { /* a line of poppler's: its direction from its first and last characters */
            /* a line of poppler's: its direction from the steps between
             * neighbouring characters (a line may hold a stray far away) */
            long votes[4] = {0};
            for (int j = line0 + 1; j < n; j++) {
                double dx = (c[j].x1 + c[j].x2 - c[j - 1].x1 - c[j - 1].x2) / 2,
                       dy = (c[j].y1 + c[j].y2 - c[j - 1].y1 - c[j - 1].y2) / 2,
                       size = fmax(fmax(c[j].x2 - c[j].x1, c[j].y2 - c[j].y1), 1);
                if (hypot(dx, dy) > 2.5 * size)
                    continue;
                votes[fabs(dx) >= fabs(dy) ? (dx >= 0 ? 0 : 2) : (dy > 0 ? 1 : 3)]++;
            }
            int dir = 0;
            for (int k2 = 1; k2 < 4; k2++)
                if (votes[k2] > votes[dir])
                    dir = k2;
            if (votes[dir] > 0) {
                for (int j = line0; j < n; j++)
                    c[j].dir = dir;
                weight[dir] += n - line0;
            }
            line0 = n;
        }
        i += m;
    }
    int dir = 0;
    for (int i = 1; i < 4; i++)
        if (weight[i] > weight[dir])
            dir = i;
    int kept = 0;
    for (int i = 0; i < n; i++) {
        double cw = c[i].x2 - c[i].x1, ch = c[i].y2 - c[i].y1;
        bool latin = (unsigned char)c[i].s[0] < 0x80;
        /* a lone character: a Latin one is taller than wide when upright */
        bool fits = c[i].dir == dir ||
                    (c[i].dir < 0 && (!latin || ((cw < ch) == (dir % 2 == 0)) || cw == ch));
        if (!fits)
            continue;
        c[kept] = c[i];
        turn(&c[kept], dir, w, h);
        kept++;
    }
    g_free(text);
    g_free(r);
    *out = c;
    return kept;
}

/* poppler writes its complaints about a damaged file to stderr: they are
 * kept from the user, who gets budc's one message instead. */
static int quiet_begin(void)
{
    fflush(stderr);
    int saved = dup(2), null = open("/dev/null", O_WRONLY);
    if (saved >= 0 && null >= 0)
        dup2(null, 2);
    if (null >= 0)
        close(null);
    return saved;
}

static void quiet_end(int saved)
{
    if (saved >= 0) {
        fflush(stderr);
        dup2(saved, 2);
        close(saved);
    }
}

int pdf_load(PDoc *d, const char *path, char *err, size_t errn)
{
    memset(d, 0, sizeof *d);
    arena_init(&d->a);
    d->path = arena_strdup(&d->a, path);
    gchar *data = NULL;
    gsize len = 0;
    GError *e = NULL;
    if (!g_file_get_contents(path, &data, &len, &e)) {
        snprintf(err, errn, "cannot read '%s': %s", path, e ? e->message : strerror(errno));
        if (e)
            g_error_free(e);
        return -2;
    }
    GBytes *bytes = g_bytes_new_take(data, len);
    int q = quiet_begin();
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &e);
    int st = 0;
    if (!doc) {
        if (e && e->domain == POPPLER_ERROR && e->code == POPPLER_ERROR_ENCRYPTED)
            snprintf(err, errn, "%s: the PDF is encrypted: it opens only with a password, which "
                     "budc does not take (remove the password, e.g. qpdf --decrypt)", path);
        else
            snprintf(err, errn, "%s: not a PDF, or a damaged one (%s)", path,
                     e ? e->message : "poppler cannot open it");
        st = -1;
    } else {
        int np = poppler_document_get_n_pages(doc);
        d->pages = arena_alloc(&d->a, (size_t)(np > 0 ? np : 1) * sizeof *d->pages);
        long chars = 0;
        for (int i = 0; i < np; i++) {
            PopplerPage *pg = poppler_document_get_page(doc, i);
            PPage *p = &d->pages[d->n++];
            memset(p, 0, sizeof *p);
            p->no = i + 1;
            if (!pg)
                continue;
            PChar *c;
            int n = page_chars(pg, &c);
            chars += n;
            if (n > 0)
                page_lines(d, p, c, n);
            free(c);
            g_object_unref(pg);
        }
        if (np <= 0) {
            snprintf(err, errn, "%s: the PDF has no pages", path);
            st = -1;
        } else if (chars == 0) {
            snprintf(err, errn, "%s: no text layer: its pages are images (a scan?) and OCR is not "
                     "supported", path);
            st = -1;
        }
        g_object_unref(doc);
    }
    quiet_end(q);
    if (e)
        g_error_free(e);
    g_bytes_unref(bytes);
    return st;
}

void pdf_free(PDoc *d)
{
    arena_free(&d->a);
    memset(d, 0, sizeof *d);
}
