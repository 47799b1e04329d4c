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

/* The length of the valid, shortest-form UTF-8 sequence of a scalar value
 * at S (N > 0 bytes left), or 0. */
size_t utf8_valid(const unsigned char *s, size_t n);

/* Decodes the character at S[0..N) (N > 0) into *CP and returns its length
 * in bytes.  A byte that does not start a valid sequence is a character of
 * its own: *CP = UTF8_INVALID, length 1. */
size_t utf8_next(const unsigned char *s, size_t n, uint32_t *cp);

/* The same for a NUL-terminated string. */
size_t utf8_at(const char *s, uint32_t *cp);

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
