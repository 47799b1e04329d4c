/*
 * text.c — UTF-8 text (see text.h).
 */
#include "base/text.h"
#include "base/arena.h"

#include <stdio.h>
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

/* ---- user text shown on a terminal ------------------------------------------ */

/* The characters that must not reach a terminal as they are: they move the
 * cursor, ring, start an escape sequence (ESC, CSI U+009B and the other C1
 * controls), end the line (a newline forges a diagnostic of its own), or
 * reorder what follows (the bidirectional controls: a name that reads one
 * way and is another). */
static bool must_escape(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
           cp == 0x061C ||                    /* ARABIC LETTER MARK */
           cp == 0x200E || cp == 0x200F ||    /* LRM, RLM */
           cp == 0x2028 || cp == 0x2029 ||    /* line and paragraph separators */
           (cp >= 0x202A && cp <= 0x202E) ||  /* LRE, RLE, PDF, LRO, RLO */
           (cp >= 0x2066 && cp <= 0x2069);    /* LRI, RLI, FSI, PDI */
}

size_t text_escape_char(const unsigned char *s, size_t n, unsigned flags, char *esc,
                        size_t *esclen)
{
    uint32_t cp;
    size_t len = utf8_next(s, n, &cp);
    *esclen = 0;
    if (cp == UTF8_INVALID) {
        *esclen = (size_t)snprintf(esc, TEXT_ESC_MAX, "\\x%02x", s[0]);
    } else if (cp == '\t' && (flags & TEXT_KEEP_TAB)) {
        return len;
    } else if (cp == '\n' || cp == '\t' || cp == '\r') {
        esc[0] = '\\';
        esc[1] = cp == '\n' ? 'n' : cp == '\t' ? 't' : 'r';
        esc[2] = '\0';
        *esclen = 2;
    } else if (cp < 0x20 || cp == 0x7F) {
        *esclen = (size_t)snprintf(esc, TEXT_ESC_MAX, "\\x%02x", (unsigned)cp);
    } else if (must_escape(cp)) {
        *esclen = (size_t)snprintf(esc, TEXT_ESC_MAX, "\\u%04x", (unsigned)cp);
    }
    return len;
}

char *text_escaped(const char *s, size_t n, size_t max, unsigned flags)
{
    /* the cut first, in characters (a character escaped counts as one),
     * then the escapes: at most TEXT_ESC_MAX - 1 bytes for each byte */
    const unsigned char *u = (const unsigned char *)s;
    size_t chars = 0, end = 0;
    bool cut = false;
    while (end < n) {
        uint32_t cp;
        size_t len = utf8_next(u + end, n - end, &cp);
        if (max > 0 && chars == max - 1) {
            /* the last character that fits: the rest is cut unless it is
             * exactly this one */
            if (end + len < n) {
                cut = true;
                break;
            }
        }
        end += len;
        chars++;
    }
    char *out = xmalloc(end * (TEXT_ESC_MAX - 1) + sizeof "…");
    size_t o = 0;
    for (size_t i = 0; i < end;) {
        char esc[TEXT_ESC_MAX];
        size_t el, len = text_escape_char(u + i, end - i, flags, esc, &el);
        if (el) {
            memcpy(out + o, esc, el);
            o += el;
        } else {
            memcpy(out + o, u + i, len);
            o += len;
        }
        i += len;
    }
    if (cut) {
        memcpy(out + o, "…", sizeof "…" - 1);
        o += sizeof "…" - 1;
    }
    out[o] = '\0';
    return out;
}

const char *text_quote(char *buf, size_t n, const char *s)
{
    char *e = text_escaped(s, strlen(s), TEXT_QUOTE_MAX, 0);
    snprintf(buf, n, "%s", e);
    free(e);
    return buf;
}

bool text_all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}
