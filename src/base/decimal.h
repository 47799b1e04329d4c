/*
 * decimal.h — exact decimal numbers for money and indicator values.
 *
 * A Dec is an integer count of 10^-scale: 1206.65 is {120665, 2}.  The scale
 * is the number of decimals the number was written with and is kept, so
 * "2.5" and "2.50" compare equal but print as written.  No operation ever
 * goes through floating point, and no operation rounds silently: every
 * function that could lose a digit or overflow says so in its return value.
 *
 * Rounding, where it is asked for explicitly (dec_round, dec_div_round), is
 * half away from zero (四舍五入), the rule of Chinese budget documents.
 */
#ifndef BUDC_DECIMAL_H
#define BUDC_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DEC_MAX_SCALE 9 /* at most nine decimals */

typedef struct Dec {
    int64_t units; /* value * 10^scale */
    int scale;     /* 0 .. DEC_MAX_SCALE */
} Dec;

typedef enum DecStatus {
    DEC_OK = 0,
    DEC_SYNTAX,    /* not a decimal literal */
    DEC_OVERFLOW,  /* the result does not fit in 64 bits at its scale */
    DEC_PRECISION, /* more decimals than DEC_MAX_SCALE, or than asked for */
    DEC_DIVZERO    /* division by zero */
} DecStatus;

/* Parses S[0..N): an optional '-' or '+', ASCII digits, optionally '.' and
 * at least one digit.  No exponent, no separators, no spaces.  The scale is
 * the number of digits after the point. */
DecStatus dec_parse(const char *s, size_t n, Dec *out);

Dec dec_from_int(int64_t v);
Dec dec_zero(void);

/* Exact arithmetic; the result's scale is the larger scale (add, sub) or the
 * sum of the scales (mul).  *out is untouched unless DEC_OK is returned. */
DecStatus dec_add(Dec a, Dec b, Dec *out);
DecStatus dec_sub(Dec a, Dec b, Dec *out);
DecStatus dec_mul(Dec a, Dec b, Dec *out);
DecStatus dec_neg(Dec a, Dec *out);

/* Changes the scale of A to SCALE exactly: returns DEC_PRECISION if a
 * non-zero digit would be dropped, DEC_OVERFLOW if it does not fit. */
DecStatus dec_rescale(Dec a, int scale, Dec *out);

/* Rounds A to SCALE decimals, half away from zero. */
DecStatus dec_round(Dec a, int scale, Dec *out);

/* A / B rounded to SCALE decimals, half away from zero (for percentages and
 * ratios; never used to compute an amount). */
DecStatus dec_div_round(Dec a, Dec b, int scale, Dec *out);

/* Compares the values (not the scales): <0, 0, >0.  Never overflows. */
int dec_cmp(Dec a, Dec b);
bool dec_eq(Dec a, Dec b);
bool dec_is_zero(Dec a);
bool dec_is_neg(Dec a);

/* Writes A with exactly a.scale decimals ("1206.65", "-0.40", "9") into BUF
 * (NUL-terminated, truncated to N-1 bytes).  Returns the length the full text
 * needs, like snprintf.  DEC_FMT_MAX bytes are always enough. */
#define DEC_FMT_MAX 32
size_t dec_format(Dec a, char *buf, size_t n);

/* Human-readable text for a status, for diagnostics ("overflow", ...). */
const char *dec_status_str(DecStatus st);

/* Adds X to *ACC; false (and *ACC unchanged) on overflow. */
bool dec_acc(Dec *acc, Dec x);

#endif
