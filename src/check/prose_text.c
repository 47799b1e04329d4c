/*
 * prose_text.c — the text of a paragraph as W-PROSE-FIGURE reads it
 * (prose.h): the flat text with a mark for each quote, sentences and
 * clauses, numbers as written (1,206.65, full-width digits), the names a
 * number is part of, and the source columns of a piece of text.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "check/prose.h"

/* Whether S (NUL-terminated, N bytes at most read) starts with W. */
bool prose_starts(const char *s, size_t n, const char *w)
{
    size_t l = strlen(w);
    return l <= n && strncmp(s, w, l) == 0; /* stops at the end of S */
}

/* The last occurrence of W in S[A..B), or (size_t)-1. */
size_t prose_last_of(const char *s, size_t a, size_t b, const char *w, size_t len)
{
    if (len == 0 || b < a + len)
        return (size_t)-1;
    for (size_t i = b - len + 1; i-- > a;)
        if (s[i] == w[0] && memcmp(s + i, w, len) == 0)
            return i;
    return (size_t)-1;
}

void prose_flat_read(const Para *para, Flat *f)
{
    size_t cap = 1;
    int np = 0;
    for (const TextPart *x = para->parts; x; x = x->next, np++)
        cap += x->text ? strlen(x->text) : 1;
    memset(f, 0, sizeof *f);
    f->s = xmalloc(cap);
    f->tp = xmalloc(((size_t)np + 1) * sizeof *f->tp);
    f->off = xmalloc(((size_t)np + 1) * sizeof *f->off);
    f->cur = xmalloc(sizeof *f->cur);
    *f->cur = (Cursor){-1, 0, 0, 0};
    for (const TextPart *x = para->parts; x; x = x->next) {
        f->tp[f->np] = x;
        f->off[f->np++] = f->n;
        if (x->text) {
            memcpy(f->s + f->n, x->text, strlen(x->text));
            f->n += strlen(x->text);
        } else {
            f->s[f->n++] = QMARK;
        }
    }
    f->s[f->n] = '\0';
}

void prose_flat_free(Flat *f)
{
    free(f->s);
    free(f->tp);
    free(f->off);
    free(f->cur);
}

size_t prose_prev_char(const char *s, size_t i)
{
    do
        i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

bool prose_ends_sentence(const char *s, bool clause)
{
    return prose_starts(s, 3, "。") || prose_starts(s, 3, "！") || prose_starts(s, 3, "？") ||
           (clause && prose_starts(s, 3, "；"));
}

/* Where the sentence (or, CLAUSE, the clause: up to ；) of offset AT starts,
 * looking back REACH bytes at most. */
size_t prose_sentence_start(const Flat *f, size_t at, bool clause)
{
    size_t i = at, stop = at > REACH ? at - REACH : 0;
    while (i > stop) {
        size_t j = prose_prev_char(f->s, i);
        if (prose_ends_sentence(f->s + j, clause) || f->s[j] == '\n')
            return i;
        i = j;
    }
    return i;
}

/* The last part of F that starts at or before offset A. */
int prose_part_at(const Flat *f, size_t a)
{
    int lo = 0, hi = f->np - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (f->off[mid] <= a)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

/* The column of byte OFF of literal piece K's text, replaying how
 * structure.c decodes the string (an escape \" or {{ is two characters of
 * the source, one of the text).  The numbers of a piece are asked for in
 * order, so the walk goes on from where the last one stopped. */
static bool piece_col(const Flat *f, int k, size_t off, int *col)
{
    const TextPart *x = f->tp[k];
    size_t len;
    const char *line = x->loc.file ? src_line(x->loc.file, x->loc.line, &len) : NULL;
    if (!line)
        return false;
    Cursor *cur = f->cur;
    if (cur->piece != k || cur->off > off) {
        size_t i = 0;
        for (int c = 1; c < x->loc.col && i < len; c++) {
            i++;
            while (i < len && ((unsigned char)line[i] & 0xC0) == 0x80)
                i++;
        }
        *cur = (Cursor){k, 0, i, x->loc.col};
    }
    size_t i = cur->byte;
    int c = cur->col;
    for (size_t d = cur->off; d < off; d++) {
        if (i >= len)
            return false;
        unsigned char ch = (unsigned char)line[i];
        if ((ch == '\\' || ((ch == '{' || ch == '}') && line[i + 1] == (char)ch)) && i + 1 < len) {
            i += 2;
            c += 2;
        } else {
            c += (ch & 0xC0) != 0x80;
            i++;
        }
    }
    *cur = (Cursor){k, off, i, c};
    *col = c;
    return true;
}

Loc prose_loc(const Flat *f, size_t a, size_t b)
{
    if (!f->np)
        return (Loc){0};
    int k = prose_part_at(f, a);
    const TextPart *x = f->tp[k];
    Loc l = x->loc;
    int ca, cb;
    if (x->text && piece_col(f, k, a - f->off[k], &ca) && piece_col(f, k, b - f->off[k], &cb)) {
        l.col = ca;
        l.end_line = l.line;
        l.end_col = cb;
    }
    return l;
}

/* The digit at S: its value (length in *LEN: ASCII or full-width), or -1. */
int prose_digit(const char *s, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] >= '0' && u[0] <= '9')
        return *len = 1, u[0] - '0';
    if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99)
        return *len = 3, u[2] - 0x90;
    return -1;
}

/* Reads the number at offset I of F (1,206.65 and full-width digits too)
 * into NUM; returns the offset after it. */
size_t prose_read_number(const Flat *f, size_t i, Num *num)
{
    size_t o = 0, len;
    int dg;
    bool point = false;
    num->at = i;
    for (;;) {
        if ((dg = prose_digit(f->s + i, &len)) >= 0) {
            if (o < sizeof num->text - 1)
                num->text[o++] = (char)('0' + dg);
            i += len;
        } else if (f->s[i] == ',' && !point && o > 0 && isdigit((unsigned char)f->s[i + 1]) &&
                   isdigit((unsigned char)f->s[i + 2]) && isdigit((unsigned char)f->s[i + 3]) &&
                   !isdigit((unsigned char)f->s[i + 4])) {
            i++;
        } else if (!point && (f->s[i] == '.' || prose_starts(f->s + i, 3, "．"))) {
            size_t pl = f->s[i] == '.' ? 1 : 3;
            if (prose_digit(f->s + i + pl, &len) < 0)
                break;
            point = true;
            if (o < sizeof num->text - 1)
                num->text[o++] = '.';
            i += pl;
        } else {
            break;
        }
    }
    num->text[o] = '\0';
    return i;
}

size_t prose_skip_spaces(const char *s, size_t i)
{
    for (;;) {
        if (s[i] == ' ' || s[i] == '\t')
            i++;
        else if (prose_starts(s + i, 3, "　"))
            i += 3;
        else
            return i;
    }
}

/* Whether the character before offset I makes the number there part of a
 * code, a name, a date or an ordinal (A02, v1.2, 2022-12, 第3). */
bool prose_glued(const Flat *f, size_t i)
{
    if (i == 0)
        return false;
    unsigned char c = (unsigned char)f->s[i - 1];
    if (c < 0x80)
        return isalnum(c) || c == '.' || c == '_' || c == '-' || c == '/' || c == '#';
    size_t j = prose_prev_char(f->s, i);
    return prose_starts(f->s + j, 3, "第") || prose_starts(f->s + j, 3, "．");
}

/* Whether W follows offset I, after blanks ("9 个项目"; not "9 个重点项目", a
 * part of them). */
bool prose_word_after(const Flat *f, size_t i, const char *w)
{
    i = prose_skip_spaces(f->s, i);
    return prose_starts(f->s + i, f->n - i, w);
}

/* Whether the text at S ends a phrase: punctuation, a quote or the end. */
bool prose_phrase_end(const char *s)
{
    uint32_t c;
    s += prose_skip_spaces(s, 0);
    if (!*s || *s == QMARK)
        return true;
    utf8_at(s, &c);
    return (c < 0x80 && !isalnum((int)c)) || (c >= 0x3000 && c <= 0x303F) ||
           (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
           (c >= 0x2010 && c <= 0x2027);
}

/* Marks in MASK the bytes of F inside 《…》 and inside a project's name that
 * has a digit. */
void prose_mask_names(const Model *m, const Flat *f, bool *mask)
{
    int depth = 0;
    for (size_t i = 0; i < f->n; i++) {
        if (prose_starts(f->s + i, f->n - i, "《"))
            depth++;
        else if (prose_starts(f->s + i, f->n - i, "》") && depth > 0)
            depth--;
        mask[i] = depth > 0;
    }
    for (int k = 0; k < m->nprojects; k++) {
        const char *name = m->projects[k].name;
        if (!strpbrk(name, "0123456789"))
            continue;
        size_t len = strlen(name);
        for (const char *x = strstr(f->s, name); x; x = strstr(x + 1, name))
            memset(mask + (x - f->s), 1, len);
    }
}

