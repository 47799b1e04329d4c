/*
 * test_decimal.c — unit tests for src/decimal.c (exact decimal arithmetic).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/decimal.h"

/* Parses S, which must be a valid literal. */
static Dec D(const char *s) {
    Dec d = {0, 0};
    assert_int_equal(dec_parse(s, strlen(s), &d), DEC_OK);
    return d;
}

static DecStatus parse(const char *s, Dec *out) { return dec_parse(s, strlen(s), out); }

static void assert_dec(Dec d, int64_t units, int scale) {
    assert_true(d.units == units);
    assert_int_equal(d.scale, scale);
}

static void assert_fmt(Dec d, const char *want) {
    char buf[DEC_FMT_MAX];
    size_t n = dec_format(d, buf, sizeof buf);
    assert_string_equal(buf, want);
    assert_int_equal(n, strlen(want));
}

/* The sentinel left in *out by a failing operation. */
static const Dec UNTOUCHED = {42, 7};

static void assert_untouched(Dec d) { assert_dec(d, 42, 7); }

static void test_parse_valid(void **state) {
    (void)state;
    assert_dec(D("0"), 0, 0);
    assert_dec(D("123"), 123, 0);
    assert_dec(D("1206.65"), 120665, 2);
    assert_dec(D("-0.40"), -40, 2);
    assert_dec(D("+7"), 7, 0);
    assert_dec(D("007.50"), 750, 2);
    assert_dec(D("0.000000001"), 1, 9);
    assert_dec(D("9223372036854775807"), INT64_MAX, 0);
    assert_dec(D("-9223372036854775808"), INT64_MIN, 0);
    assert_dec(D("-9223372036.854775808"), INT64_MIN, 9);

    Dec z = D("-0");
    assert_dec(z, 0, 0);
    assert_true(dec_is_zero(z));
    assert_false(dec_is_neg(z));
    assert_fmt(z, "0");

    /* Only the first N bytes are read. */
    Dec d;
    assert_int_equal(dec_parse("12345", 3, &d), DEC_OK);
    assert_dec(d, 123, 0);
    assert_int_equal(dec_parse("1.5xyz", 3, &d), DEC_OK);
    assert_dec(d, 15, 1);
}

static void test_parse_invalid(void **state) {
    (void)state;
    static const char *const bad[] = {
        "",    "1.",   ".5",  "1e3", " 1",   "1 ",  "1,000", "-",     "+",  "--1",
        "+-1", "1.2.3", "abc", "1-",  "0x10", "1. 5", "-.5",  "1.5e0", "１", "\t1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Dec d = UNTOUCHED;
        assert_int_equal(parse(bad[i], &d), DEC_SYNTAX);
        assert_untouched(d);
    }
    /* An embedded NUL inside the N bytes is not a digit. */
    Dec d = UNTOUCHED;
    assert_int_equal(dec_parse("1\0" "2", 3, &d), DEC_SYNTAX);
    assert_untouched(d);
    assert_int_equal(dec_parse(NULL, 0, &d), DEC_SYNTAX);
}

static void test_parse_precision_and_overflow(void **state) {
    (void)state;
    Dec d = UNTOUCHED;
    assert_dec(D("1.123456789"), 1123456789, 9);
    assert_int_equal(parse("0.1234567890", &d), DEC_PRECISION);
    assert_int_equal(parse("1.0000000000", &d), DEC_PRECISION);
    assert_int_equal(parse("1000000000000000000000000000000", &d), DEC_OVERFLOW); /* 10^30 */
    assert_int_equal(parse("9223372036854775808", &d), DEC_OVERFLOW);             /* INT64_MAX+1 */
    assert_int_equal(parse("-9223372036854775809", &d), DEC_OVERFLOW);
    assert_int_equal(parse("9223372036.854775808", &d), DEC_OVERFLOW);
    assert_int_equal(parse("10000000000.000000000", &d), DEC_OVERFLOW);
    assert_untouched(d);
    /* Leading zeros do not count towards overflow. */
    assert_dec(D("0000000000000000000000000000001"), 1, 0);
}

static void test_scale_preserved(void **state) {
    (void)state;
    Dec a = D("2.5"), b = D("2.50");
    assert_dec(a, 25, 1);
    assert_dec(b, 250, 2);
    assert_true(dec_eq(a, b));
    assert_int_equal(dec_cmp(a, b), 0);
    assert_fmt(a, "2.5");
    assert_fmt(b, "2.50");
}

static void test_add_sub_align(void **state) {
    (void)state;
    Dec r;
    assert_int_equal(dec_add(D("1.5"), D("2.25"), &r), DEC_OK);
    assert_dec(r, 375, 2);
    assert_fmt(r, "3.75");
    assert_int_equal(dec_add(D("2.25"), D("1.5"), &r), DEC_OK);
    assert_dec(r, 375, 2);
    assert_int_equal(dec_sub(D("10"), D("0.01"), &r), DEC_OK);
    assert_fmt(r, "9.99");
    assert_int_equal(dec_sub(D("0.01"), D("10"), &r), DEC_OK);
    assert_fmt(r, "-9.99");
    assert_int_equal(dec_add(D("0.1"), D("-0.1"), &r), DEC_OK);
    assert_dec(r, 0, 1);
    assert_fmt(r, "0.0");
    assert_int_equal(dec_sub(D("1206.65"), D("1206.650"), &r), DEC_OK);
    assert_fmt(r, "0.000");
    assert_int_equal(dec_add(D("-3"), D("1.000000001"), &r), DEC_OK);
    assert_fmt(r, "-1.999999999");
}

static void test_overflow(void **state) {
    (void)state;
    Dec r = UNTOUCHED;
    Dec max = dec_from_int(INT64_MAX), min = dec_from_int(INT64_MIN);
    assert_int_equal(dec_add(max, dec_from_int(1), &r), DEC_OVERFLOW);
    assert_int_equal(dec_sub(min, dec_from_int(1), &r), DEC_OVERFLOW);
    assert_int_equal(dec_sub(dec_from_int(0), min, &r), DEC_OVERFLOW);
    assert_int_equal(dec_add(min, min, &r), DEC_OVERFLOW);
    /* Aligning INT64_MAX to one decimal already overflows. */
    assert_int_equal(dec_add(max, D("0.0"), &r), DEC_OVERFLOW);
    assert_int_equal(dec_mul(D("10000000000"), D("10000000000"), &r), DEC_OVERFLOW);
    assert_int_equal(dec_mul(min, dec_from_int(-1), &r), DEC_OVERFLOW);
    assert_int_equal(dec_neg(min, &r), DEC_OVERFLOW);
    assert_int_equal(dec_rescale(max, 1, &r), DEC_OVERFLOW);
    assert_untouched(r);

    /* The limits themselves are reachable. */
    assert_int_equal(dec_add(dec_from_int(INT64_MAX - 1), dec_from_int(1), &r), DEC_OK);
    assert_true(r.units == INT64_MAX);
    assert_int_equal(dec_sub(dec_from_int(-1), max, &r), DEC_OK);
    assert_true(r.units == INT64_MIN);
    assert_int_equal(dec_neg(max, &r), DEC_OK);
    assert_true(r.units == -INT64_MAX);
}

static void test_mul_neg(void **state) {
    (void)state;
    Dec r;
    assert_int_equal(dec_mul(D("1.5"), D("2.25"), &r), DEC_OK);
    assert_dec(r, 3375, 3);
    assert_int_equal(dec_mul(D("-0.5"), D("4"), &r), DEC_OK);
    assert_fmt(r, "-2.0");
    /* Scale 5 + 5 = 10: brought back to 9 only if the last digit is zero. */
    assert_int_equal(dec_mul(D("0.00001"), D("0.00010"), &r), DEC_OK);
    assert_dec(r, 1, 9);
    r = UNTOUCHED;
    assert_int_equal(dec_mul(D("0.00001"), D("0.00001"), &r), DEC_PRECISION);
    assert_untouched(r);
    assert_int_equal(dec_neg(D("-0.40"), &r), DEC_OK);
    assert_dec(r, 40, 2);
}

static void test_rescale(void **state) {
    (void)state;
    Dec r = UNTOUCHED;
    assert_int_equal(dec_rescale(D("1.25"), 1, &r), DEC_PRECISION);
    assert_int_equal(dec_rescale(D("-1.25"), 0, &r), DEC_PRECISION);
    assert_int_equal(dec_rescale(D("1.25"), 10, &r), DEC_PRECISION);
    assert_int_equal(dec_rescale(D("1.25"), -1, &r), DEC_PRECISION);
    assert_untouched(r);
    assert_int_equal(dec_rescale(D("1.20"), 1, &r), DEC_OK);
    assert_dec(r, 12, 1);
    assert_int_equal(dec_rescale(D("-3.000"), 0, &r), DEC_OK);
    assert_dec(r, -3, 0);
    assert_int_equal(dec_rescale(D("1.25"), 4, &r), DEC_OK);
    assert_dec(r, 12500, 4);
    assert_int_equal(dec_rescale(D("9223372036"), 9, &r), DEC_OK);
    assert_true(r.units == INT64_C(9223372036000000000));
}

static void test_round_half_away(void **state) {
    (void)state;
    static const struct {
        const char *in;
        int scale;
        const char *want;
    } cases[] = {
        {"2.345", 2, "2.35"},   {"-2.345", 2, "-2.35"}, {"2.344", 2, "2.34"},
        {"-2.344", 2, "-2.34"}, {"2.5", 0, "3"},        {"-2.5", 0, "-3"},
        {"0.4", 0, "0"},        {"-0.4", 0, "0"},       {"0.05", 1, "0.1"},
        {"-0.05", 1, "-0.1"},   {"0.049999999", 1, "0.0"}, {"9.995", 2, "10.00"},
        {"1.5", 3, "1.500"},    {"-7", 2, "-7.00"},     {"1.25", 2, "1.25"},
        {"9223372036.854775807", 0, "9223372037"},
        {"-9223372036.854775808", 0, "-9223372037"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Dec r;
        assert_int_equal(dec_round(D(cases[i].in), cases[i].scale, &r), DEC_OK);
        assert_int_equal(r.scale, cases[i].scale);
        assert_fmt(r, cases[i].want);
    }
    Dec r = UNTOUCHED;
    assert_int_equal(dec_round(dec_from_int(INT64_MAX), 1, &r), DEC_OVERFLOW);
    assert_int_equal(dec_round(D("1.5"), 10, &r), DEC_PRECISION);
    assert_untouched(r);
    /* Rounding -0.4 to an integer gives a true zero, not a negative one. */
    assert_int_equal(dec_round(D("-0.4"), 0, &r), DEC_OK);
    assert_false(dec_is_neg(r));
}

static void test_div_round_percentage(void **state) {
    (void)state;
    /* 188.36 / 1018.29 * 100: by hand, 1018.29 * 18.49 = 18828.1821 and
     * 1018.29 * 18.50 = 18838.365, so 18836 / 1018.29 lies between them,
     * at 18.49 + 7.8179 / 1018.29 = 18.4977.., which rounds to 18.50 (and
     * truncates to 18.49, so this checks that rounding happens). */
    Dec num, r;
    assert_int_equal(dec_mul(D("188.36"), dec_from_int(100), &num), DEC_OK);
    assert_int_equal(dec_div_round(num, D("1018.29"), 2, &r), DEC_OK);
    assert_dec(r, 1850, 2);
    assert_fmt(r, "18.50");
    /* Same ratio without the factor 100: 0.184977.. to four decimals. */
    assert_int_equal(dec_div_round(D("188.36"), D("1018.29"), 4, &r), DEC_OK);
    assert_fmt(r, "0.1850");
    assert_int_equal(dec_div_round(D("188.36"), D("1018.29"), 6, &r), DEC_OK);
    assert_fmt(r, "0.184977");
}

static void test_div_round(void **state) {
    (void)state;
    static const struct {
        const char *a, *b;
        int scale;
        const char *want;
    } cases[] = {
        {"1", "3", 2, "0.33"},     {"2", "3", 2, "0.67"},  {"-2", "3", 2, "-0.67"},
        {"2", "-3", 2, "-0.67"},   {"-2", "-3", 2, "0.67"}, {"1", "8", 2, "0.13"},
        {"-1", "8", 2, "-0.13"},   {"1", "8", 3, "0.125"},  {"0", "-5", 1, "0.0"},
        {"-1", "3", 0, "0"},       {"10.00", "4", 0, "3"},  {"10", "0.25", 0, "40"},
        /* Result scale below the dividend's (the "divide further" branch). */
        {"2.500000000", "1", 0, "3"}, {"2.499999999", "1", 0, "2"},
        {"7.000000000", "2", 0, "4"}, {"-7.000000000", "2", 0, "-4"},
        /* Eighteen extra quotient digits. */
        {"1", "0.000000003", 9, "333333333.333333333"},
        {"9223372036854775807", "1", 0, "9223372036854775807"},
        {"-9223372036854775808", "1", 0, "-9223372036854775808"},
        {"1", "9223372036854775807", 9, "0.000000000"},
        /* Huge divisor: the remainder is near 2^63 at every digit. */
        {"9223372036854775807", "-9223372036854775808", 2, "-1.00"},
        {"9223372036854775807", "-9223372036854775808", 9, "-1.000000000"},
        {"-9223372036854775807", "-9223372036854775808", 9, "1.000000000"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Dec r;
        assert_int_equal(dec_div_round(D(cases[i].a), D(cases[i].b), cases[i].scale, &r), DEC_OK);
        assert_int_equal(r.scale, cases[i].scale);
        assert_fmt(r, cases[i].want);
    }
    /* 2^62 / 2^63 = 0.5 exactly: rounds away from zero at scale 0. */
    Dec r;
    assert_int_equal(dec_div_round(dec_from_int(INT64_C(4611686018427387904)), dec_from_int(INT64_MIN),
                                   0, &r),
                     DEC_OK);
    assert_dec(r, -1, 0);

    r = UNTOUCHED;
    assert_int_equal(dec_div_round(D("1"), D("0"), 2, &r), DEC_DIVZERO);
    assert_int_equal(dec_div_round(D("0"), D("0.00"), 2, &r), DEC_DIVZERO);
    assert_int_equal(dec_div_round(D("-9223372036854775808"), D("-1"), 0, &r), DEC_OVERFLOW);
    assert_int_equal(dec_div_round(D("9223372036854775807"), D("1"), 1, &r), DEC_OVERFLOW);
    assert_int_equal(dec_div_round(D("10"), D("0.000000001"), 9, &r), DEC_OVERFLOW);
    assert_int_equal(dec_div_round(D("1"), D("3"), 10, &r), DEC_PRECISION);
    assert_untouched(r);
}

static void test_cmp(void **state) {
    (void)state;
    assert_int_equal(dec_cmp(D("1.5"), D("1.50")), 0);
    assert_true(dec_cmp(D("1.5"), D("1.51")) < 0);
    assert_true(dec_cmp(D("1.51"), D("1.5")) > 0);
    assert_true(dec_cmp(D("-1.5"), D("-1.51")) > 0);
    assert_true(dec_cmp(D("-0.01"), D("0")) < 0);
    assert_int_equal(dec_cmp(D("0"), D("-0.000")), 0);
    assert_true(dec_eq(D("-0"), D("0.0")));
    assert_false(dec_eq(D("0.1"), D("0.01")));

    /* Extremes at scales 0 and 9: scaling one side up would overflow. */
    static const struct {
        Dec a, b;
        int sign;
    } cases[] = {
        {{INT64_MAX, 0}, {INT64_MAX, 9}, 1},
        {{INT64_MIN, 0}, {INT64_MIN, 9}, -1},
        {{INT64_MIN, 9}, {INT64_MAX, 0}, -1},
        {{INT64_MIN, 0}, {INT64_MAX, 9}, -1},
        {{1, 0}, {INT64_MAX, 9}, -1},
        {{INT64_C(10000000000), 0}, {INT64_MAX, 9}, 1},
        {{INT64_C(9223372036), 0}, {INT64_MAX, 9}, -1},
        {{INT64_C(9223372037), 0}, {INT64_MAX, 9}, 1},
        {{INT64_C(-10000000000), 0}, {INT64_MIN, 9}, -1},
        {{INT64_C(-9223372036), 0}, {INT64_MIN, 9}, 1},
        {{INT64_C(9223372036), 0}, {INT64_C(9223372036000000000), 9}, 0},
        {{INT64_MAX, 0}, {INT64_MAX, 0}, 0},
        {{INT64_MIN, 0}, {INT64_MAX, 0}, -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int ab = dec_cmp(cases[i].a, cases[i].b), ba = dec_cmp(cases[i].b, cases[i].a);
        assert_int_equal((ab > 0) - (ab < 0), cases[i].sign);
        assert_int_equal((ba > 0) - (ba < 0), -cases[i].sign);
    }
}

static void test_predicates(void **state) {
    (void)state;
    assert_dec(dec_zero(), 0, 0);
    assert_dec(dec_from_int(-12), -12, 0);
    assert_true(dec_is_zero(D("0.00")));
    assert_false(dec_is_zero(D("0.01")));
    assert_true(dec_is_neg(D("-0.01")));
    assert_false(dec_is_neg(D("0.01")));
}

static void test_format(void **state) {
    (void)state;
    assert_fmt(D("1206.65"), "1206.65");
    assert_fmt(D("-0.40"), "-0.40");
    assert_fmt(D("9"), "9");
    assert_fmt(D("-9"), "-9");
    assert_fmt(dec_zero(), "0");
    assert_fmt((Dec){0, 2}, "0.00");
    assert_fmt((Dec){-5, 3}, "-0.005");
    assert_fmt((Dec){1, 9}, "0.000000001");
    assert_fmt((Dec){-1000, 3}, "-1.000");
    assert_fmt((Dec){INT64_MIN, 0}, "-9223372036854775808");
    assert_fmt((Dec){INT64_MIN, 9}, "-9223372036.854775808");
    assert_fmt((Dec){INT64_MAX, 9}, "9223372036.854775807");
    assert_fmt((Dec){INT64_MAX, 0}, "9223372036854775807");

    /* snprintf-like truncation. */
    char buf[8];
    memset(buf, 'x', sizeof buf);
    assert_int_equal(dec_format(D("-0.40"), buf, 4), 5);
    assert_string_equal(buf, "-0.");
    assert_int_equal(buf[4], 'x');
    assert_int_equal(dec_format(D("-0.40"), buf, 1), 5);
    assert_string_equal(buf, "");
    assert_int_equal(dec_format(D("-0.40"), NULL, 0), 5);
    assert_int_equal(dec_format(D("-0.40"), buf, 6), 5);
    assert_string_equal(buf, "-0.40");
}

static void test_status_str(void **state) {
    (void)state;
    assert_string_equal(dec_status_str(DEC_OK), "ok");
    assert_string_equal(dec_status_str(DEC_SYNTAX), "not a decimal number");
    assert_string_equal(dec_status_str(DEC_OVERFLOW), "overflow");
    assert_string_equal(dec_status_str(DEC_PRECISION), "too many decimals");
    assert_string_equal(dec_status_str(DEC_DIVZERO), "division by zero");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_valid),
        cmocka_unit_test(test_parse_invalid),
        cmocka_unit_test(test_parse_precision_and_overflow),
        cmocka_unit_test(test_scale_preserved),
        cmocka_unit_test(test_add_sub_align),
        cmocka_unit_test(test_overflow),
        cmocka_unit_test(test_mul_neg),
        cmocka_unit_test(test_rescale),
        cmocka_unit_test(test_round_half_away),
        cmocka_unit_test(test_div_round_percentage),
        cmocka_unit_test(test_div_round),
        cmocka_unit_test(test_cmp),
        cmocka_unit_test(test_predicates),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_status_str),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
