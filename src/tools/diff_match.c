/*
 * diff_match.c — what every area of budc diff uses (diff_impl.h): matching
 * items by key or in sequence, and the entries that record an amount or a
 * field that changed.
 */
#include <stdlib.h>
#include <string.h>

#include "tools/diff_impl.h"

/* ---- matching ------------------------------------------------------------------------- */

DiffPair *diff_pairs(int n)
{
    return xmalloc((size_t)(n > 0 ? n : 1) * sizeof(DiffPair));
}

int diff_match(int nold, int nnew, DiffSame same, DiffKey key, const void *ctx, DiffPair *out)
{
    char *taken = xmalloc((size_t)nold + 1);
    int *match = xmalloc(((size_t)nnew + 1) * sizeof *match);
    memset(taken, 0, (size_t)nold + 1);
    /* the old items by the hash of their key: a chain each, in their order
     * (chain[i]: the next one with its hash), whose first untaken item
     * head[c] moves on as they are taken */
    int *chain = xmalloc(((size_t)nold + 1) * sizeof *chain);
    int *head = xmalloc(((size_t)nold + 1) * sizeof *head);
    int nchains = 0;
    HashIdx idx;
    hidx_init(&idx);
    for (int i = nold - 1; i >= 0; i--) {
        int *c = hidx_slot(&idx, key(ctx, false, i));
        if (*c < 0) {
            *c = nchains++;
            chain[i] = -1;
        } else {
            chain[i] = head[*c];
        }
        head[*c] = i;
    }
    /* each new item takes the first untaken old one that is the same (the
     * order of the chain is the old order) */
    for (int j = 0; j < nnew; j++) {
        match[j] = -1;
        int c = hidx_get(&idx, key(ctx, true, j));
        if (c < 0)
            continue;
        while (head[c] >= 0 && taken[head[c]])
            head[c] = chain[head[c]];
        for (int i = head[c]; i >= 0; i = chain[i])
            if (!taken[i] && same(ctx, i, j)) {
                match[j] = i;
                taken[i] = 1;
                break;
            }
    }
    hidx_free(&idx);
    free(chain);
    free(head);
    /* new order; the removed items before the old item a new one matches */
    int n = 0, next = 0;
    for (int j = 0; j < nnew; j++) {
        for (; match[j] >= 0 && next < match[j]; next++)
            if (!taken[next])
                out[n++] = (DiffPair){next, -1};
        if (match[j] >= next)
            next = match[j] + 1;
        out[n++] = (DiffPair){match[j], j};
    }
    for (; next < nold; next++)
        if (!taken[next])
            out[n++] = (DiffPair){next, -1};
    free(taken);
    free(match);
    return n;
}

/* Pairs the removed and added items of the run OUT[FROM..TO) (no item of
 * it matched) as changes, in order; the rest stay removed, then added.
 * Rewrites the run from OUT[FROM]; returns its new length. */
static int pair_run(DiffPair *out, int from, int to)
{
    int nr = 0, na = 0;
    DiffPair *run = diff_pairs(to - from);
    int *rem = xmalloc((size_t)(to - from + 1) * sizeof *rem);
    int *add = xmalloc((size_t)(to - from + 1) * sizeof *add);
    for (int k = from; k < to; k++) {
        if (out[k].new < 0)
            rem[nr++] = out[k].old;
        else
            add[na++] = out[k].new;
    }
    int n = 0;
    for (int k = 0; k < nr && k < na; k++)
        run[n++] = (DiffPair){rem[k], add[k]};
    for (int k = na; k < nr; k++)
        run[n++] = (DiffPair){rem[k], -1};
    for (int k = nr; k < na; k++)
        run[n++] = (DiffPair){-1, add[k]};
    memcpy(out + from, run, (size_t)n * sizeof *run);
    free(run);
    free(rem);
    free(add);
    return n;
}

/* The lengths of the longest common subsequences of the old items from I
 * and the new ones from J, at [I * (NNEW + 1) + J] (free it). */
static int *lcs_lengths(int nold, int nnew, DiffSame same, const void *ctx)
{
    size_t w = (size_t)nnew + 1;
    int *len = xmalloc(((size_t)nold + 1) * w * sizeof *len);
    for (int i = nold; i >= 0; i--)
        for (int j = nnew; j >= 0; j--) {
            int *c = &len[(size_t)i * w + (size_t)j];
            if (i == nold || j == nnew)
                *c = 0;
            else if (same(ctx, i, j))
                *c = c[w + 1] + 1;
            else
                *c = c[w] >= c[1] ? c[w] : c[1];
        }
    return len;
}

/* The longest common subsequence, walked from the start: equal items are
 * paired, the others removed or added, into OUT (room for NOLD + NNEW).
 * The table of every prefix pair's LCS: for small inputs only. */
static int sequence_table(int nold, int nnew, DiffSame same, const void *ctx, DiffPair *out)
{
    size_t w = (size_t)nnew + 1;
    int *len = lcs_lengths(nold, nnew, same, ctx);
    int n = 0, i = 0, j = 0;
    while (i < nold || j < nnew) {
        const int *c = &len[(size_t)i * w + (size_t)j];
        if (i < nold && j < nnew && same(ctx, i, j))
            out[n++] = (DiffPair){i++, j++};
        else if (j == nnew || (i < nold && c[w] >= c[1]))
            out[n++] = (DiffPair){i++, -1};
        else
            out[n++] = (DiffPair){-1, j++};
    }
    free(len);
    return n;
}

/* ---- Myers' algorithm in linear space ---------------------------------------------------
 *
 * E. W. Myers, "An O(ND) difference algorithm and its variations" (1986),
 * section 4b: the middle snake of the edit graph of old[left, right) and
 * new[top, bottom) is found by searching forwards from the top left and
 * backwards from the bottom right at once, each keeping one vector of
 * furthest reaching paths (VF by diagonal k = x - y, VB by c = k - delta);
 * the two halves around it are solved the same way.  Time O((N + M) D),
 * memory O(N + M), for D the number of items removed and added. */

typedef struct Myers {
    DiffSame same;
    const void *ctx;
    int *vf, *vb; /* indexed from -(max + 1) to max + 1 */
    int *px, *py; /* the path's corners, in order */
    int npts, cappts;
} Myers;

typedef struct Box {
    int left, top, right, bottom;
} Box;

static void add_point(Myers *s, int x, int y)
{
    if (s->npts == s->cappts) {
        s->cappts = s->cappts ? 2 * s->cappts : 64;
        s->px = xrealloc(s->px, (size_t)s->cappts * sizeof *s->px);
        s->py = xrealloc(s->py, (size_t)s->cappts * sizeof *s->py);
    }
    s->px[s->npts] = x;
    s->py[s->npts] = y;
    s->npts++;
}

/* The middle snake of B, from (X0, Y0) to (X1, Y1); false when B is empty. */
static bool middle_snake(Myers *s, Box b, int *x0, int *y0, int *x1, int *y1)
{
    int width = b.right - b.left, height = b.bottom - b.top;
    int size = width + height, delta = width - height;
    if (size == 0)
        return false;
    int max = (size + 1) / 2;
    int *vf = s->vf, *vb = s->vb; /* [k] is at [k + offset]: offset the caller's */
    vf[1] = b.left;
    vb[1] = b.bottom;
    for (int d = 0; d <= max; d++) {
        for (int k = d; k >= -d; k -= 2) {
            int c = k - delta, px, x;
            if (k == -d || (k != d && vf[k - 1] < vf[k + 1]))
                px = x = vf[k + 1];
            else {
                px = vf[k - 1];
                x = px + 1;
            }
            int y = b.top + (x - b.left) - k;
            int py = (d == 0 || x != px) ? y : y - 1;
            while (x < b.right && y < b.bottom && s->same(s->ctx, x, y))
                x++, y++;
            vf[k] = x;
            if ((delta & 1) && c >= -(d - 1) && c <= d - 1 && y >= vb[c]) {
                *x0 = px, *y0 = py, *x1 = x, *y1 = y;
                return true;
            }
        }
        for (int c = d; c >= -d; c -= 2) {
            int k = c + delta, py, y;
            if (c == -d || (c != d && vb[c - 1] > vb[c + 1]))
                py = y = vb[c + 1];
            else {
                py = vb[c - 1];
                y = py - 1;
            }
            int x = b.left + (y - b.top) + k;
            int px = (d == 0 || y != py) ? x : x + 1;
            while (x > b.left && y > b.top && s->same(s->ctx, x - 1, y - 1))
                x--, y--;
            vb[c] = y;
            if (!(delta & 1) && k >= -d && k <= d && x <= vf[k]) {
                *x0 = x, *y0 = y, *x1 = px, *y1 = py;
                return true;
            }
        }
    }
    return false;
}

/* The corners of a shortest path through B, appended in order; false when
 * B is empty (no corner). */
static bool find_path(Myers *s, Box b)
{
    int x0, y0, x1, y1;
    if (!middle_snake(s, b, &x0, &y0, &x1, &y1))
        return false;
    if (!find_path(s, (Box){b.left, b.top, x0, y0}))
        add_point(s, x0, y0);
    if (!find_path(s, (Box){x1, y1, b.right, b.bottom}))
        add_point(s, x1, y1);
    return true;
}

static int sequence_myers(int nold, int nnew, DiffSame same, const void *ctx, DiffPair *out)
{
    Myers s = {same, ctx, NULL, NULL, NULL, NULL, 0, 0};
    size_t span = (size_t)nold + (size_t)nnew + 4; /* max + 1 each side, at most */
    int *vf = xmalloc((2 * span + 1) * sizeof *vf), *vb = xmalloc((2 * span + 1) * sizeof *vb);
    s.vf = vf + span;
    s.vb = vb + span;
    find_path(&s, (Box){0, 0, nold, nnew});
    free(vf);
    free(vb);
    /* walk the corners: between two, the diagonal (equal items), a step
     * down (removed) or right (added), the diagonal again */
    int n = 0, i = 0, j = 0;
    for (int p = 0; p <= s.npts; p++) {
        int x = p < s.npts ? s.px[p] : nold, y = p < s.npts ? s.py[p] : nnew;
        while (i < x || j < y) {
            if (i < x && j < y && same(ctx, i, j))
                out[n++] = (DiffPair){i++, j++};
            else if (i < x && x - i >= y - j)
                out[n++] = (DiffPair){i++, -1};
            else
                out[n++] = (DiffPair){-1, j++};
        }
    }
    free(s.px);
    free(s.py);
    return n;
}

/* Inputs up to this many cells of the LCS table (16 MiB of it) are walked
 * with the table; larger ones with Myers' algorithm, in linear memory.
 * Both find a longest common subsequence; where several are equally long,
 * the two may pair different items. */
enum { TABLE_CELLS = 1 << 22 };

/* The longest common subsequence: equal items are paired, the others
 * removed or added; then each run between equal items is paired
 * (pair_run).  Returns the number of steps. */
int diff_sequence(int nold, int nnew, DiffSame same, const void *ctx, DiffPair *out)
{
    int n = ((unsigned long long)nold + 1) * ((unsigned long long)nnew + 1) <= TABLE_CELLS
                ? sequence_table(nold, nnew, same, ctx, out)
                : sequence_myers(nold, nnew, same, ctx, out);
    /* each run of unmatched steps becomes changes first */
    int m = 0;
    for (int k = 0; k < n;) {
        int end = k;
        while (end < n && (out[end].old < 0 || out[end].new < 0))
            end++;
        if (end == k) {
            out[m++] = out[k++];
            continue;
        }
        int runlen = pair_run(out, k, end);
        memmove(out + m, out + k, (size_t)runlen * sizeof *out);
        m += runlen;
        k = end;
    }
    return m;
}

/* ---- entries ------------------------------------------------------------------------- */

bool str_same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

bool amount_same(bool has_a, Dec a, bool has_b, Dec b)
{
    return dec_eq(has_a ? a : dec_zero(), has_b ? b : dec_zero());
}

cJSON *diff_entry(Diff *d, cJSON *arr, DiffPair p)
{
    cJSON *o = jb_object(&d->jb, arr, NULL);
    jb_str(&d->jb, o, "change", p.old < 0 ? "added" : p.new < 0 ? "removed" : "changed");
    d->nchanges++;
    return o;
}

/* An optional amount, or null. */
static void opt_amount(Diff *d, cJSON *o, const char *key, bool has, Dec v, bool money)
{
    if (!has)
        jb_null(&d->jb, o, key);
    else if (money)
        jb_money(&d->jb, o, key, v);
    else
        jb_num(&d->jb, o, key, v);
}

void diff_amounts(Diff *d, cJSON *o, bool has_old, Dec old, bool has_new, Dec new, bool money)
{
    Dec a = has_old ? old : dec_zero(), b = has_new ? new : dec_zero();
    Dec diff = dec_zero(), hundred, pct = dec_zero(); /* passed by value even when unset */
    bool ok = dec_sub(b, a, &diff) == DEC_OK;
    opt_amount(d, o, "old", has_old, old, money);
    opt_amount(d, o, "new", has_new, new, money);
    opt_amount(d, o, "difference", ok, diff, money);
    /* (new - old) × 100 / old, to 2 decimals, half away from zero */
    bool has_pct = ok && !dec_is_zero(a) && dec_mul(diff, dec_from_int(100), &hundred) == DEC_OK &&
                   dec_div_round(hundred, a, 2, &pct) == DEC_OK;
    opt_amount(d, o, "percent", has_pct, pct, false);
}

void diff_field_str(Diff *d, cJSON *fields, const char *field, const char *old,
                    const char *new)
{
    if (str_same(old, new))
        return;
    cJSON *o = jb_object(&d->jb, fields, NULL);
    jb_str(&d->jb, o, "field", field);
    jb_str(&d->jb, o, "old", old);
    jb_str(&d->jb, o, "new", new);
}

void diff_field_amount(Diff *d, cJSON *fields, const char *field, bool has_old, Dec old,
                       bool has_new, Dec new, bool money)
{
    if (amount_same(has_old, old, has_new, new))
        return;
    cJSON *o = jb_object(&d->jb, fields, NULL);
    jb_str(&d->jb, o, "field", field);
    diff_amounts(d, o, has_old, old, has_new, new, money);
}

long diff_offset(const char *a, const char *b)
{
    long chars = 0;
    for (; *a && *a == *b; a++, b++)
        if (((unsigned char)*a & 0xC0) != 0x80)
            chars++;
    /* stopped inside a character: that character is the one that differs */
    if (((unsigned char)*a & 0xC0) == 0x80 || ((unsigned char)*b & 0xC0) == 0x80)
        chars--;
    return chars;
}

/* A piece of a text: a number, or one character. */
typedef struct Piece {
    size_t byte, bytes;
    long chr, chars;
} Piece;

static bool numeric(unsigned char c)
{
    return (c >= '0' && c <= '9') || c == '.' || c == ',' || c == '%';
}

/* The pieces of S, into a new array; *N receives how many. */
static Piece *pieces(const char *s, int *n)
{
    size_t len = strlen(s);
    Piece *p = xmalloc((len + 1) * sizeof *p);
    int k = 0;
    long chr = 0;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        long c = 0;
        if (numeric((unsigned char)s[i])) {
            while (j < len && numeric((unsigned char)s[j]))
                j++, c++;
        } else {
            j++;
            while (j < len && ((unsigned char)s[j] & 0xC0) == 0x80)
                j++;
            c = 1;
        }
        p[k++] = (Piece){i, j - i, chr, c};
        chr += c;
        i = j;
    }
    *n = k;
    return p;
}

static bool piece_eq(const char *a, const Piece *x, const char *b, const Piece *y)
{
    return x->bytes == y->bytes && memcmp(a + x->byte, b + y->byte, x->bytes) == 0;
}

/* Appends the span of pieces A[ai, aj) → B[bi, bj) (one side may be empty). */
static void add_span(const Piece *pa, int na, int ai, int aj, const Piece *pb, int nb, int bi,
                     int bj, DiffSpan *out, int max, int *n)
{
    if (*n < max) {
        long aoff = ai < na ? pa[ai].chr : (na ? pa[na - 1].chr + pa[na - 1].chars : 0);
        long boff = bi < nb ? pb[bi].chr : (nb ? pb[nb - 1].chr + pb[nb - 1].chars : 0);
        size_t abyte = ai < na ? pa[ai].byte : (na ? pa[na - 1].byte + pa[na - 1].bytes : 0);
        size_t bbyte = bi < nb ? pb[bi].byte : (nb ? pb[nb - 1].byte + pb[nb - 1].bytes : 0);
        DiffSpan s = {aoff, 0, boff, 0, abyte, 0, bbyte, 0};
        for (int i = ai; i < aj; i++)
            s.a_len += pa[i].chars, s.a_bytes += pa[i].bytes;
        for (int i = bi; i < bj; i++)
            s.b_len += pb[i].chars, s.b_bytes += pb[i].bytes;
        out[*n] = s;
    }
    (*n)++;
}

int diff_spans(const char *a, const char *b, DiffSpan *out, int max)
{
    int na, nb, n = 0;
    Piece *pa = pieces(a, &na), *pb = pieces(b, &nb);
    int lo = 0, ha = na, hb = nb; /* the common start and end are no change */
    while (lo < na && lo < nb && piece_eq(a, &pa[lo], b, &pb[lo]))
        lo++;
    while (ha > lo && hb > lo && piece_eq(a, &pa[ha - 1], b, &pb[hb - 1]))
        ha--, hb--;
    int ma = ha - lo, mb = hb - lo;
    if (ma == 0 && mb == 0) {
        free(pa);
        free(pb);
        return 0;
    }
    if ((long)ma * mb > 1000000L) { /* too long to align: one stretch */
        add_span(pa, na, lo, ha, pb, nb, lo, hb, out, max, &n);
        free(pa);
        free(pb);
        return n;
    }
    /* the longest common subsequence of the middles, L[i][j] for the
     * suffixes from i and j */
    int *L = xmalloc((size_t)(ma + 1) * (size_t)(mb + 1) * sizeof *L);
#define AT(i, j) L[(size_t)(i) * (size_t)(mb + 1) + (size_t)(j)]
    for (int i = ma; i >= 0; i--)
        for (int j = mb; j >= 0; j--)
            AT(i, j) = i == ma || j == mb ? 0
                       : piece_eq(a, &pa[lo + i], b, &pb[lo + j])
                           ? AT(i + 1, j + 1) + 1
                           : (AT(i + 1, j) > AT(i, j + 1) ? AT(i + 1, j) : AT(i, j + 1));
    int i = 0, j = 0, si = -1, sj = -1; /* si, sj: the start of the open span */
    while (i < ma || j < mb) {
        if (i < ma && j < mb && piece_eq(a, &pa[lo + i], b, &pb[lo + j])) {
            if (si >= 0)
                add_span(pa, na, lo + si, lo + i, pb, nb, lo + sj, lo + j, out, max, &n);
            si = sj = -1;
            i++, j++;
            continue;
        }
        if (si < 0)
            si = i, sj = j;
        if (j == mb || (i < ma && AT(i + 1, j) >= AT(i, j + 1)))
            i++;
        else
            j++;
    }
    if (si >= 0)
        add_span(pa, na, lo + si, lo + ma, pb, nb, lo + sj, lo + mb, out, max, &n);
#undef AT
    free(L);
    free(pa);
    free(pb);
    return n;
}

const char *diff_unit(const Model *m, int u)
{
    return u >= 0 && u < m->nunits ? m->units[u].id : NULL;
}

/* ---- the command line ----------------------------------------------------------------- */
