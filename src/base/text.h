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

/* ---- user text shown on a terminal ----
 *
 * Every byte of user text that reaches a terminal — a diagnostic's message
 * and file name, a source line under it, budc diff's text, the names of
 * files in budc's own messages — passes text_escape_char (diag.c does it for
 * every diagnostic, whatever its message quotes).  A character that would
 * act on the terminal instead of being shown is shown as a visible escape:
 *
 *   \n \t \r                 newline, tab, carriage return
 *   \x1b \x07 \x7f …         the other C0 controls and DEL
 *   \u009b \u0085 …          the C1 controls (U+0080–U+009F)
 *   \u202e \u2066 \u200f …   the bidirectional controls (U+202A–U+202E,
 *                           U+2066–U+2069, U+200E, U+200F, U+061C) and
 *                           U+2028, U+2029
 *   \xff                    each byte that is not part of valid UTF-8
 *
 * Everything else (Chinese, full-width forms, a backslash) is shown as it
 * is, so escaping twice changes nothing. */
enum { TEXT_ESC_MAX = 8 };    /* the longest escape and its NUL */
enum { TEXT_KEEP_TAB = 1 };   /* a tab is kept (a source line keeps its layout) */

/* Decodes the character at S[0..N) (N > 0) and returns its length in
 * bytes; when it must be escaped, its escape goes into ESC[TEXT_ESC_MAX]
 * and *ESCLEN is the escape's length, else *ESCLEN is 0. */
size_t text_escape_char(const unsigned char *s, size_t n, unsigned flags, char *esc,
                        size_t *esclen);

/* S[0..N) escaped, and when it has more than MAX characters (MAX > 0) its
 * first MAX - 1 followed by "…" (so that cutting twice cuts once): a string
 * of xmalloc to free. */
char *text_escaped(const char *s, size_t n, size_t max, unsigned flags);

/* A quote of user text in a message: S escaped and cut after TEXT_QUOTE_MAX
 * characters with "…" (a name of 10 MB is not quoted whole), in BUF[N]. */
enum { TEXT_QUOTE_MAX = 80 };
const char *text_quote(char *buf, size_t n, const char *s);

/* Whether two names are the same after normalisation: white space removed,
 * full-width and half-width brackets and punctuation treated alike. */
bool names_equal(const char *a, const char *b);

/* Whether S is one or more ASCII digits (a classification code, a number
 * written as a code). */
bool text_all_digits(const char *s);

#endif
