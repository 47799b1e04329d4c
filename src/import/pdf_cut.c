/*
 * pdf_cut.c — a word of a table's row that runs over two cells, cut
 * (pdf_impl.h).  A word ends at a gap wider than a quarter of the
 * characters' height (pdf_read.c); a spreadsheet printed to a page of its
 * own size (LibreOffice's one sheet a page) sets a figure flush right in
 * its cell against the text set flush left in the next, closer than that:
 * "1,206.65本年支出合计" is one word of two cells.  Such a word is cut
 * where a figure (an amount: 1,206.65, 0.43) starts or ends, when the
 * columns put its two parts in two cells; a word within one column, or
 * with no figure at the cut, is left whole.  Before the columns are known
 * (to find them), every such word is cut where a figure starts or ends.
 */
#include "import/pdf_impl.h"

#include <string.h>

#include "base/text.h"
#include "import/import_impl.h"

/* Whether character CP may be part of a printed amount. */
static bool amount_char(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || cp == ',' || cp == '.' || cp == '-';
}

/* Whether the bytes [A, B) of S are a figure: an amount with a point or
 * thousands separators (not a 序号, a code or a year). */
static bool is_figure(Arena *a, const char *s, size_t from, size_t to)
{
    const char *t = arena_strndup(a, s + from, to - from);
    Dec v;
    return (strchr(t, '.') || strchr(t, ',')) && imp_text_number(t, &v);
}

/* The column (0 … NB) of the part of W from character I to J (exclusive):
 * how many of the bounds BOUND[0 … NB) its middle is right of. */
static int column(const PWord *w, int i, int j, const double *bound, int nb)
{
    double m = (w->edge[2 * i] + w->edge[2 * (j - 1) + 1]) / 2;
    int k = 0;
    while (k < nb && m > bound[k])
        k++;
    return k;
}

static PWord part(Arena *a, const PWord *w, int i, int j, size_t from, size_t to)
{
    PWord p = *w;
    p.text = arena_strndup(a, w->text + from, to - from);
    p.x1 = w->edge[2 * i];
    p.x2 = w->edge[2 * (j - 1) + 1];
    p.edge = w->edge + 2 * i;
    p.nch = j - i;
    return p;
}

int pdf_cut(Arena *a, const PWord *w, const double *bound, int nb, PWord *out, int max)
{
    size_t len = strlen(w->text);
    if (!w->edge || w->nch < 2 || max < 1) {
        if (max >= 1)
            out[0] = *w;
        return max >= 1;
    }
    /* most words are all figure or have no digit: nothing to cut */
    bool digit = false, other = false;
    for (const char *c = w->text; *c; c++) {
        digit |= *c >= '0' && *c <= '9';
        other |= !amount_char((unsigned char)*c);
    }
    if (!digit || !other) {
        out[0] = *w;
        return 1;
    }
    /* the byte offset of each character, and whether it may be an amount's */
    size_t *at = arena_alloc(a, ((size_t)w->nch + 1) * sizeof *at);
    bool *num = arena_alloc(a, (size_t)w->nch * sizeof *num);
    size_t o = 0;
    int n = 0;
    while (o < len && n < w->nch) {
        uint32_t cp;
        size_t m = utf8_next((const unsigned char *)w->text + o, len - o, &cp);
        at[n] = o;
        num[n++] = amount_char(cp);
        o += m;
    }
    if (n != w->nch || o != len) { /* the edges do not match the text: left whole */
        out[0] = *w;
        return 1;
    }
    at[n] = len;
    int got = 0, start = 0;
    for (int t = 1; t < n && got + 1 < max; t++) {
        if (num[t] == num[t - 1])
            continue;
        /* the runs either side of T, as far as the next change */
        int e = t;
        while (e < n && num[e] == num[t])
            e++;
        bool fig = num[t - 1] ? is_figure(a, w->text, at[start], at[t])
                              : is_figure(a, w->text, at[t], at[e]);
        if (!fig || (bound && column(w, start, t, bound, nb) == column(w, t, n, bound, nb)))
            continue;
        out[got++] = part(a, w, start, t, at[start], at[t]);
        start = t;
    }
    out[got++] = part(a, w, start, n, at[start], at[n]);
    return got;
}
