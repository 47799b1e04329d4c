/*
 * text.c — UTF-8 text (see text.h).
 */
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

enum { MAXC = 64 };

static int to_cps(const char *s, uint32_t *out, int max)
{
    int n = 0;
    while (*s && n < max) {
        size_t len = utf8_at(s, &out[n++]);
        s += len;
    }
    return n;
}

int text_distance(const char *a, const char *b, int cap)
{
    uint32_t x[MAXC], y[MAXC];
    int n = to_cps(a, x, MAXC), m = to_cps(b, y, MAXC);
    if (abs(n - m) > cap)
        return cap + 1;
    int row[MAXC + 1];
    for (int j = 0; j <= m; j++)
        row[j] = j;
    for (int i = 1; i <= n; i++) {
        int diag = row[0], lo;
        row[0] = i;
        lo = row[0];
        for (int j = 1; j <= m; j++) {
            int up = row[j];
            int v = diag + (x[i - 1] != y[j - 1]);
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < lo)
                lo = v;
        }
        if (lo > cap)
            return cap + 1;
    }
    return row[m] > cap ? cap + 1 : row[m];
}

int text_suggest(const char *word, int n, TextAt at, const void *ctx, int cap, int *out, int k)
{
    if (cap <= 0) {
        int len = (int)utf8_chars(word);
        cap = len / 3 > 0 ? len / 3 : 1;
    }
    enum { MAXK = 16 };
    int dist[MAXK], found = 0;
    if (k > MAXK)
        k = MAXK;
    for (int i = 0; i < n; i++) {
        const char *w = at(ctx, i);
        int d = w ? text_distance(word, w, cap) : cap + 1;
        if (d == 0 || d > cap || (found == k && d >= dist[found - 1]))
            continue;
        int j = found < k ? found++ : found - 1; /* insert, keeping order */
        for (; j > 0 && dist[j - 1] > d; j--) {
            dist[j] = dist[j - 1];
            out[j] = out[j - 1];
        }
        dist[j] = d;
        out[j] = i;
    }
    return found;
}

static const char *array_at(const void *ctx, int i)
{
    return ((const char *const *)ctx)[i];
}

const char *text_nearest(const char *word, const char *const *words, int n, int cap)
{
    int i;
    return text_suggest(word, n, array_at, words, cap, &i, 1) ? words[i] : NULL;
}

/* Normalises a name for comparison: no white space, and the full-width
 * forms of ASCII characters （），： as ASCII. */
static int normalise(const char *s, uint32_t *out, int max)
{
    int n = 0;
    while (*s && n < max) {
        uint32_t cp;
        s += utf8_at(s, &cp);
        if (cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0)
            continue;
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0;
        out[n++] = cp;
    }
    return n;
}

bool names_equal(const char *a, const char *b)
{
    enum { MAXN = 256 };
    uint32_t x[MAXN], y[MAXN];
    int n = normalise(a, x, MAXN), m = normalise(b, y, MAXN);
    return n == m && memcmp(x, y, (size_t)n * sizeof *x) == 0;
}
