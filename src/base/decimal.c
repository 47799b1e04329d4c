/*
 * decimal.c — exact decimal arithmetic for budget amounts and indicators.
 *
 * A Dec is a 64-bit count of 10^-scale units.  Every operation is done on
 * those integers: there is no floating point anywhere in this file, and every
 * step that could overflow goes through the compiler's checked-arithmetic
 * builtins, so an error is reported instead of a wrong number being produced.
 *
 * Two operations need more than 64 bits in the naive formulation and avoid it:
 *
 *   - dec_cmp aligns the scales by multiplying the coarser operand by a power
 *     of ten.  If that overflows, the operand lies beyond every int64 at the
 *     finer scale, so its sign alone decides the comparison.
 *   - dec_div_round works on magnitudes as uint64_t and does schoolbook long
 *     division one decimal digit at a time; the "remainder times ten" step is
 *     done by ten additions, each followed by at most one subtraction, so no
 *     intermediate exceeds 2^64.
 *
 * Dec values are assumed well formed (0 <= scale <= DEC_MAX_SCALE), as
 * dec_parse and the arithmetic here produce them.  Functions that return a
 * status also reject out-of-range scales with DEC_PRECISION.
 */
#include "base/decimal.h"
#include "base/i18n.h"

/* 10^0 .. 10^18; 10^18 is the largest power of ten in an int64_t. */
static const int64_t POW10[19] = {
    1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL,
    100000000LL, 1000000000LL, 10000000000LL, 100000000000LL,
    1000000000000LL, 10000000000000LL, 100000000000000LL,
    1000000000000000LL, 10000000000000000LL, 100000000000000000LL,
    1000000000000000000LL,
};

static bool scale_ok(int scale) { return scale >= 0 && scale <= DEC_MAX_SCALE; }

/* |v| as an unsigned number; correct for INT64_MIN. */
static uint64_t magnitude(int64_t v) { return v < 0 ? 0u - (uint64_t)v : (uint64_t)v; }

/* A magnitude with a sign back to int64_t, or false if it does not fit. */
static bool signed_fits(uint64_t mag, bool neg, int64_t *out) {
    if (!neg) {
        if (mag > (uint64_t)INT64_MAX) return false;
        *out = (int64_t)mag;
    } else {
        if (mag > (uint64_t)INT64_MAX + 1u) return false;
        *out = mag == 0 ? 0 : -(int64_t)(mag - 1u) - 1;
    }
    return true;
}

/* Multiplies V by 10^K (0 <= K <= 18) exactly. */
static bool scale_up(int64_t v, int k, int64_t *out) {
    return !__builtin_mul_overflow(v, POW10[k], out);
}

DecStatus dec_parse(const char *s, size_t n, Dec *out) {
    size_t i = 0;
    bool neg = false;
    if (s == NULL) return DEC_SYNTAX;
    if (i < n && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';

    /* Syntax first: digits, then optionally '.' and digits, nothing else. */
    size_t int_start = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i == int_start) return DEC_SYNTAX;
    size_t ndecimals = 0;
    if (i < n && s[i] == '.') {
        size_t frac_start = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        ndecimals = i - frac_start;
        if (ndecimals == 0) return DEC_SYNTAX;
    }
    if (i != n) return DEC_SYNTAX;
    if (ndecimals > DEC_MAX_SCALE) return DEC_PRECISION;

    /* Accumulate towards the negative side so INT64_MIN can be written. */
    int64_t v = 0;
    for (size_t j = int_start; j < n; j++) {
        if (s[j] == '.') continue;
        if (__builtin_mul_overflow(v, 10, &v) || __builtin_sub_overflow(v, s[j] - '0', &v))
            return DEC_OVERFLOW;
    }
    if (!neg && __builtin_sub_overflow((int64_t)0, v, &v)) return DEC_OVERFLOW;
    out->units = v;
    out->scale = (int)ndecimals;
    return DEC_OK;
}

Dec dec_from_int(int64_t v) { return (Dec){v, 0}; }
Dec dec_zero(void) { return (Dec){0, 0}; }

/* Brings A and B to the larger of their scales. */
static DecStatus align(Dec a, Dec b, int64_t *ua, int64_t *ub, int *scale) {
    if (!scale_ok(a.scale) || !scale_ok(b.scale)) return DEC_PRECISION;
    *scale = a.scale > b.scale ? a.scale : b.scale;
    if (!scale_up(a.units, *scale - a.scale, ua) || !scale_up(b.units, *scale - b.scale, ub))
        return DEC_OVERFLOW;
    return DEC_OK;
}

DecStatus dec_add(Dec a, Dec b, Dec *out) {
    int64_t ua, ub, r;
    int scale;
    DecStatus st = align(a, b, &ua, &ub, &scale);
    if (st != DEC_OK) return st;
    if (__builtin_add_overflow(ua, ub, &r)) return DEC_OVERFLOW;
    *out = (Dec){r, scale};
    return DEC_OK;
}

DecStatus dec_sub(Dec a, Dec b, Dec *out) {
    int64_t ua, ub, r;
    int scale;
    DecStatus st = align(a, b, &ua, &ub, &scale);
    if (st != DEC_OK) return st;
    if (__builtin_sub_overflow(ua, ub, &r)) return DEC_OVERFLOW;
    *out = (Dec){r, scale};
    return DEC_OK;
}

/* The product's scale is the sum of the scales; past DEC_MAX_SCALE it is
 * brought back to DEC_MAX_SCALE, which is only possible if the dropped
 * digits are zeros (otherwise DEC_PRECISION). */
DecStatus dec_mul(Dec a, Dec b, Dec *out) {
    int64_t r;
    if (!scale_ok(a.scale) || !scale_ok(b.scale)) return DEC_PRECISION;
    if (__builtin_mul_overflow(a.units, b.units, &r)) return DEC_OVERFLOW;
    int scale = a.scale + b.scale;
    if (scale > DEC_MAX_SCALE) {
        int64_t d = POW10[scale - DEC_MAX_SCALE];
        if (r % d != 0) return DEC_PRECISION;
        r /= d;
        scale = DEC_MAX_SCALE;
    }
    *out = (Dec){r, scale};
    return DEC_OK;
}

DecStatus dec_neg(Dec a, Dec *out) {
    int64_t r;
    if (!scale_ok(a.scale)) return DEC_PRECISION;
    if (__builtin_sub_overflow((int64_t)0, a.units, &r)) return DEC_OVERFLOW;
    *out = (Dec){r, a.scale};
    return DEC_OK;
}

DecStatus dec_rescale(Dec a, int scale, Dec *out) {
    int64_t r;
    if (!scale_ok(a.scale) || !scale_ok(scale)) return DEC_PRECISION;
    if (scale >= a.scale) {
        if (!scale_up(a.units, scale - a.scale, &r)) return DEC_OVERFLOW;
    } else {
        int64_t d = POW10[a.scale - scale];
        if (a.units % d != 0) return DEC_PRECISION;
        r = a.units / d;
    }
    *out = (Dec){r, scale};
    return DEC_OK;
}

DecStatus dec_round(Dec a, int scale, Dec *out) {
    if (!scale_ok(a.scale) || !scale_ok(scale)) return DEC_PRECISION;
    if (scale >= a.scale) return dec_rescale(a, scale, out);
    /* C division truncates toward zero and the remainder has the sign of
     * the dividend; |r| < d <= 10^9, so 2|r| and q +- 1 cannot overflow. */
    int64_t d = POW10[a.scale - scale];
    int64_t q = a.units / d, r = a.units % d;
    if (r >= 0 ? 2 * r >= d : -2 * r >= d) q += a.units < 0 ? -1 : 1;
    *out = (Dec){q, scale};
    return DEC_OK;
}

/* ACC*10 / DIV and ACC*10 % DIV for ACC < DIV <= 2^63, without overflow. */
static uint64_t next_digit(uint64_t *acc, uint64_t div) {
    uint64_t r = *acc, sum = 0, digit = 0;
    for (int i = 0; i < 10; i++) {
        sum += r; /* sum < div and r < div, so this stays below 2^64 */
        if (sum >= div) {
            sum -= div;
            digit++;
        }
    }
    *acc = sum;
    return digit;
}

/* a/b = (ua/ub) * 10^(sb-sa), so the wanted units are ua/ub * 10^e with
 * e = scale + sb - sa, which lies in -9 .. 18. */
DecStatus dec_div_round(Dec a, Dec b, int scale, Dec *out) {
    if (!scale_ok(a.scale) || !scale_ok(b.scale) || !scale_ok(scale)) return DEC_PRECISION;
    if (b.units == 0) return DEC_DIVZERO;
    bool neg = (a.units < 0) != (b.units < 0);
    uint64_t na = magnitude(a.units), nb = magnitude(b.units);
    uint64_t q = na / nb, rem = na % nb;
    int e = scale + b.scale - a.scale;
    bool up;
    if (e >= 0) {
        /* Long division: append e more quotient digits, then round on the
         * remainder (2*rem < 2^64 because rem < nb <= 2^63). */
        for (int i = 0; i < e; i++) {
            uint64_t digit = next_digit(&rem, nb);
            if (__builtin_mul_overflow(q, 10u, &q) || __builtin_add_overflow(q, digit, &q))
                return DEC_OVERFLOW;
        }
        up = 2 * rem >= nb;
    } else {
        /* Divide the integer quotient further by 10^-e.  The exact value is
         * q/10^-e + rem/(nb*10^-e); since 10^-e is even and the dropped part
         * of q is an integer, the fraction rem/nb can never tip the balance. */
        uint64_t d = (uint64_t)POW10[-e], dropped = q % d;
        q /= d;
        up = 2 * dropped >= d;
    }
    if (up && __builtin_add_overflow(q, 1u, &q)) return DEC_OVERFLOW;
    int64_t r;
    if (!signed_fits(q, neg, &r)) return DEC_OVERFLOW;
    *out = (Dec){r, scale};
    return DEC_OK;
}

int dec_cmp(Dec a, Dec b) {
    bool an = a.units < 0, bn = b.units < 0;
    if (an != bn) return an ? -1 : 1;
    int64_t ua = a.units, ub = b.units;
    /* Same sign.  If scaling up overflows, that operand is beyond every
     * int64 at the common scale, i.e. further from zero than the other. */
    if (a.scale < b.scale && !scale_up(a.units, b.scale - a.scale, &ua)) return an ? -1 : 1;
    if (b.scale < a.scale && !scale_up(b.units, a.scale - b.scale, &ub)) return bn ? 1 : -1;
    return (ua > ub) - (ua < ub);
}

bool dec_eq(Dec a, Dec b) { return dec_cmp(a, b) == 0; }
bool dec_is_zero(Dec a) { return a.units == 0; }
bool dec_is_neg(Dec a) { return a.units < 0; }

size_t dec_format(Dec a, char *buf, size_t n) {
    char tmp[DEC_FMT_MAX];
    size_t len = 0, ndigits = 0;
    uint64_t m = magnitude(a.units);
    int scale = scale_ok(a.scale) ? a.scale : 0;
    /* Digits in reverse, at least scale + 1 of them ("0.05", not ".05"). */
    char rev[DEC_FMT_MAX];
    do {
        rev[ndigits++] = (char)('0' + m % 10);
        m /= 10;
    } while (m != 0 || ndigits < (size_t)scale + 1);
    if (a.units < 0) tmp[len++] = '-';
    while (ndigits > 0) {
        if (ndigits == (size_t)scale && scale > 0) tmp[len++] = '.';
        tmp[len++] = rev[--ndigits];
    }
    if (n > 0) {
        size_t k = len < n - 1 ? len : n - 1;
        for (size_t i = 0; i < k; i++) buf[i] = tmp[i];
        buf[k] = '\0';
    }
    return len;
}

const char *dec_status_str(DecStatus st) {
    switch (st) {
    case DEC_OK: return "ok";
    case DEC_SYNTAX: return _("not a decimal number");
    case DEC_OVERFLOW: return _("overflow");
    case DEC_PRECISION: return _("too many decimals");
    case DEC_DIVZERO: return _("division by zero");
    }
    return "unknown decimal status";
}

bool dec_acc(Dec *acc, Dec x)
{
    Dec r;
    if (dec_add(*acc, x, &r) != DEC_OK)
        return false;
    *acc = r;
    return true;
}
