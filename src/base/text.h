/*
 * text.h — UTF-8 text: decoding a character, the distance between two words
 * and the nearest of a list ("did you mean"), names compared as printed.
 * Every part of budc that reads characters or suggests a word uses these.
 */
#ifndef BUDC_TEXT_H
#define BUDC_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A byte that starts no valid character. */
#define UTF8_INVALID UINT32_MAX

/* Decodes the character at S[0..N) (N > 0) into *CP and returns its length
 * in bytes.  A byte that does not start a valid, shortest-form sequence of
 * a scalar value is a character of its own: *CP = UTF8_INVALID, length 1.
 * (Inline: the scanner and the encoding check call it for every
 * character.) */
static inline size_t utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned b0 = s[0];
    size_t len;
    uint32_t c;
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
        c = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        c = b0 & 0x0F;
        if (b0 == 0xE0)
            lo = 0xA0; /* no overlong forms */
        else if (b0 == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        c = b0 & 0x07;
        if (b0 == 0xF0)
            lo = 0x90; /* no overlong forms */
        else if (b0 == 0xF4)
            hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        *cp = UTF8_INVALID;
        return 1;
    }
    if (n < len || s[1] < lo || s[1] > hi) {
        *cp = UTF8_INVALID;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = UTF8_INVALID;
            return 1;
        }
        c = (c << 6) | (s[i] & 0x3F);
    }
    *cp = c;
    return len;
}

/* The length of the valid sequence at S (N > 0 bytes left), or 0. */
static inline size_t utf8_valid(const unsigned char *s, size_t n)
{
    uint32_t cp;
    size_t len = utf8_next(s, n, &cp);
    return cp == UTF8_INVALID ? 0 : len;
}

/* utf8_next for a NUL-terminated string. */
static inline size_t utf8_at(const char *s, uint32_t *cp)
{
    /* the sequence's bytes are read only up to the first that is not a
     * continuation byte, so never past the NUL */
    return utf8_next((const unsigned char *)s, 4, cp);
}

/* Characters (not bytes) in S. */
size_t utf8_chars(const char *s);

/* Edit distance in characters between A and B, capped at CAP + 1 (words
 * longer than 64 characters are compared by their first 64). */
int text_distance(const char *a, const char *b, int cap);

/* Candidate word I of a list held elsewhere (the names of a struct array). */
typedef const char *(*TextAt)(const void *ctx, int i);

/* "Did you mean": up to K of the N candidates nearest to WORD, at most CAP
 * edits away (CAP <= 0: a third of WORD's length, at least 1), nearest
 * first and equal ones in list order, into OUT as indices; returns how
 * many.  A candidate equal to WORD is not suggested. */
int text_suggest(const char *word, int n, TextAt at, const void *ctx, int cap, int *out, int k);

/* The nearest of WORDS[0..N) to WORD (text_suggest with K 1), or NULL. */
const char *text_nearest(const char *word, const char *const *words, int n, int cap);

/* Whether two names are the same after normalisation: white space removed,
 * full-width and half-width brackets and punctuation treated alike. */
bool names_equal(const char *a, const char *b);

#endif
