/*
 * test_diag.c — unit tests for diag.c and source.c.
 *
 * Diagnostics are printed into an open_memstream buffer and compared with the
 * expected text byte for byte, so any change in spacing, alignment or wording
 * shows up here.  The warning controls (-Werror, -Werror=CODE, -Wno-CODE,
 * -WCODE) are tested through diag_option as budc check calls it.  The source tests pin how files are split into lines (CRLF,
 * a last line without '\n', the empty file) and how src_read fails.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/diag.h"
#include "base/source.h"
#include "base/text.h"

/* A DiagCtx writing into a memory buffer. */
typedef struct Capture {
    DiagCtx d;
    char *buf;
    size_t size;
} Capture;

static void cap_open(Capture *c)
{
    c->buf = NULL;
    c->size = 0;
    FILE *fp = open_memstream(&c->buf, &c->size);
    assert_non_null(fp);
    diag_init(&c->d, fp);
}

/* Closes the stream and checks that exactly EXPECTED was written. */
static void cap_check(Capture *c, const char *expected)
{
    assert_int_equal(fclose(c->d.out), 0);
    assert_non_null(c->buf);
    assert_string_equal(c->buf, expected);
    assert_int_equal(c->size, strlen(expected));
    free(c->buf);
    c->buf = NULL;
}

/* Closes the stream and returns what was written (to free). */
static char *cap_text(Capture *c)
{
    assert_int_equal(fclose(c->d.out), 0);
    assert_non_null(c->buf);
    char *s = c->buf;
    c->buf = NULL;
    return s;
}

static SrcFile *from_str(const char *name, const char *text)
{
    SrcFile *f = src_from_string(name, text, strlen(text));
    assert_non_null(f);
    return f;
}

static Loc mkloc(const SrcFile *f, int line, int col, int end_line, int end_col)
{
    Loc l = {f, line, col, end_line, end_col};
    return l;
}

/* ---------------------------------------------------------------- diag */

static void test_ascii(void **state)
{
    (void)state;
    SrcFile *f = from_str("t.bud", "let x = 1;\nfoo bar baz\n");
    Capture c;
    cap_open(&c);
    diag_error(&c.d, mkloc(f, 2, 5, 2, 8), "E-NAME", "unknown name '%s'", "bar");
    cap_check(&c,
              "t.bud:2:5: error: unknown name 'bar' [E-NAME]\n"
              "    2 | foo bar baz\n"
              "      |     ^~~\n");
    assert_int_equal(c.d.nerrors, 1);
    assert_int_equal(c.d.suppressed, 0);
    src_free(f);
}

static void test_warning_and_note_no_code(void **state)
{
    (void)state;
    SrcFile *f = from_str("t.bud", "a = 1\n");
    Capture c;
    cap_open(&c);
    diag_warning(&c.d, mkloc(f, 1, 1, 1, 2), NULL, "unused '%s'", "a");
    diag_note(&c.d, mkloc(f, 1, 5, 1, 6), "value here");
    cap_check(&c,
              "t.bud:1:1: warning: unused 'a'\n"
              "    1 | a = 1\n"
              "      | ^\n"
              "t.bud:1:5: note: value here\n"
              "    1 | a = 1\n"
              "      |     ^\n");
    assert_int_equal(c.d.nwarnings, 1);
    assert_int_equal(c.d.nerrors, 0);
    src_free(f);
}

/* The example from diag.h: wide characters before and inside the range. */
static void test_chinese(void **state)
{
    (void)state;
    SrcFile *f = from_str("examples/x.bud",
                          "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n"
                          "    2070699 基本 一般预算 582.20\n");
    Capture c;
    cap_open(&c);
    /* "    2070699 基本 " is 15 characters; 一般预算 is columns 16..19. */
    diag_error(&c.d, mkloc(f, 12, 16, 12, 20), "E-SOURCE",
               "unknown fund source '%s'", "一般预算");
    /* 4 + 7 + 1 + 2*2 + 1 = 17 cells of padding, 4 wide chars = 8 cells. */
    cap_check(&c,
              "examples/x.bud:12:16: error: unknown fund source '一般预算' [E-SOURCE]\n"
              "   12 |     2070699 基本 一般预算 582.20\n"
              "      |                  ^~~~~~~~\n");
    src_free(f);
}

static void test_chinese_mixed_range(void **state)
{
    (void)state;
    /* Range "本x预" after "基": padding 2 cells, underline 2+1+2 = 5 cells. */
    SrcFile *f = from_str("m.bud", "基本x预算\n");
    Capture c;
    cap_open(&c);
    diag_error(&c.d, mkloc(f, 1, 2, 1, 5), NULL, "mixed");
    cap_check(&c,
              "m.bud:1:2: error: mixed\n"
              "    1 | 基本x预算\n"
              "      |   ^~~~~\n");
    src_free(f);
}

static void test_combining_mark(void **state)
{
    (void)state;
    /* "e" + U+0301 takes one cell; the range starts after it. */
    SrcFile *f = from_str("c.bud", "e\xcc\x81xy\n");
    Capture c;
    cap_open(&c);
    diag_error(&c.d, mkloc(f, 1, 3, 1, 5), NULL, "after accent");
    cap_check(&c,
              "c.bud:1:3: error: after accent\n"
              "    1 | e\xcc\x81xy\n"
              "      |  ^~\n");
    src_free(f);
}

static void test_tab(void **state)
{
    (void)state;
    SrcFile *f = from_str("tab.bud", "\tfoo\tbar\n");
    Capture c;
    cap_open(&c);
    diag_error(&c.d, mkloc(f, 1, 6, 1, 9), "E-TAB", "here");
    cap_check(&c,
              "tab.bud:1:6: error: here [E-TAB]\n"
              "    1 | \tfoo\tbar\n"
              "      | \t   \t^~~\n");
    src_free(f);
}

static void test_multiline_range(void **state)
{
    (void)state;
    SrcFile *f = from_str("ml.bud", "abc def\nghi\n");
    Capture c;
    cap_open(&c);
    diag_error(&c.d, mkloc(f, 1, 5, 2, 2), "E-ML", "spans lines");
    cap_check(&c,
              "ml.bud:1:5: error: spans lines [E-ML]\n"
              "    1 | abc def\n"
              "      |     ^~~\n");
    src_free(f);
}

static void test_empty_range_and_end_of_line(void **state)
{
    (void)state;
    SrcFile *f = from_str("e.bud", "abc\n");
    Capture c;
    cap_open(&c);
    diag_error(&c.d, mkloc(f, 1, 2, 1, 2), NULL, "empty");
    diag_error(&c.d, mkloc(f, 1, 4, 1, 4), NULL, "at end");
    diag_error(&c.d, mkloc(f, 1, 4, 1, 9), NULL, "past end");
    cap_check(&c,
              "e.bud:1:2: error: empty\n"
              "    1 | abc\n"
              "      |  ^\n"
              "e.bud:1:4: error: at end\n"
              "    1 | abc\n"
              "      |    ^\n"
              "e.bud:1:4: error: past end\n"
              "    1 | abc\n"
              "      |    ^\n");
    src_free(f);
}

static void test_bad_locs(void **state)
{
    (void)state;
    SrcFile *f = from_str("b.bud", "ab\n");
    Capture c;
    cap_open(&c);
    /* Column far beyond the line: clamped to its end. */
    diag_error(&c.d, mkloc(f, 1, 99, 1, 120), NULL, "far");
    /* End before start: a single caret. */
    diag_error(&c.d, mkloc(f, 1, 2, 1, 1), NULL, "inverted");
    /* End line before start line: a single caret. */
    diag_error(&c.d, mkloc(f, 1, 1, 0, 5), NULL, "inverted lines");
    /* Column 0 / negative: header without column, caret at column 1. */
    diag_error(&c.d, mkloc(f, 1, 0, 1, 2), NULL, "no column");
    /* Line beyond the file: header only. */
    diag_error(&c.d, mkloc(f, 7, 1, 7, 2), NULL, "no such line");
    /* Line 0: header without line and column. */
    diag_error(&c.d, mkloc(f, 0, 0, 0, 0), NULL, "whole file");
    cap_check(&c,
              "b.bud:1:99: error: far\n"
              "    1 | ab\n"
              "      |   ^\n"
              "b.bud:1:2: error: inverted\n"
              "    1 | ab\n"
              "      |  ^\n"
              "b.bud:1:1: error: inverted lines\n"
              "    1 | ab\n"
              "      | ^\n"
              "b.bud:1: error: no column\n"
              "    1 | ab\n"
              "      | ^\n"
              "b.bud:7:1: error: no such line\n"
              "b.bud: error: whole file\n");
    src_free(f);
}

static void test_invalid_utf8_line(void **state)
{
    (void)state;
    /* Two stray bytes are two characters, each shown as its escape \xNN
     * (text.h), whose four cells the caret line counts. */
    SrcFile *f = from_str("u.bud", "\xff\xfex\n");
    Capture c;
    cap_open(&c);
    diag_error(&c.d, mkloc(f, 1, 3, 1, 4), NULL, "x");
    cap_check(&c,
              "u.bud:1:3: error: x\n"
              "    1 | \\xff\\xfex\n"
              "      |         ^\n");
    src_free(f);
}

static void test_control_chars_shown(void **state)
{
    (void)state;
    /* A NUL or other control byte in the line prints as its escape; a tab
     * stays (the caret line copies it). */
    SrcFile *f = src_from_string("n.bud", "a\0b\tc\x01" "d\n", 8);
    Capture c;
    cap_open(&c);
    diag_error(&c.d, mkloc(f, 1, 2, 1, 3), "E-NUL", "nul");
    cap_check(&c,
              "n.bud:1:2: error: nul [E-NUL]\n"
              "    1 | a\\x00b\tc\\x01d\n"
              "      |  ^~~~\n");
    src_free(f);
}

static void test_terminal_escapes(void **state)
{
    (void)state;
    /* User text never acts on the terminal (issue 17): in the message, in
     * the file's name and in the source line, ESC, BEL, C1 controls,
     * bidirectional controls and newlines are visible escapes, and the
     * caret stays under the range. */
    SrcFile *f = from_str("a\nb.bud", "x \"\xe2\x80\xae\x1b[31m\" y\n");
    Capture c;
    cap_open(&c);
    diag_error(&c.d, mkloc(f, 1, 8, 1, 9), "E-X", "name '%s' and \xc2\x9b%s",
               "\x1b]0;t\x07\xe2\x81\xa6", "\nf.bud:1:1: error: forged");
    cap_check(&c,
              "a\\nb.bud:1:8: error: name '\\x1b]0;t\\x07\\u2066' and \\u009b"
              "\\nf.bud:1:1: error: forged [E-X]\n"
              "    1 | x \"\\u202e\\x1b[31m\" y\n"
              "      |                ^\n");
    src_free(f);
}

static void test_text_escaped(void **state)
{
    (void)state;
    const char *raw = "a\tb\r\x7f\xc2\x85\xd8\x9c\xe2\x80\x8f\xe2\x80\xa8\xe2\x81\xa9\xff中";
    char *e = text_escaped(raw, strlen(raw), 0, 0);
    assert_string_equal(e, "a\\tb\\r\\x7f\\u0085\\u061c\\u200f\\u2028\\u2069\\xff中");
    free(e);
    /* escaping twice changes nothing */
    e = text_escaped("\\x1b \\u202e", strlen("\\x1b \\u202e"), 0, 0);
    assert_string_equal(e, "\\x1b \\u202e");
    free(e);
    /* cut after MAX characters, "…" the last; cutting twice cuts once */
    e = text_escaped("一二三四五", 15, 3, 0);
    assert_string_equal(e, "一二…");
    char *e2 = text_escaped(e, strlen(e), 3, 0);
    assert_string_equal(e2, "一二…");
    free(e2);
    free(e);
    e = text_escaped("一二三", 9, 3, 0);
    assert_string_equal(e, "一二三");
    free(e);
    char q[64];
    char long_name[400];
    memset(long_name, 'x', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    assert_int_equal(utf8_chars(text_quote(q, sizeof q, "a\x1b")), 5);
    assert_string_equal(q, "a\\x1b");
    char big[TEXT_QUOTE_MAX * 8];
    assert_int_equal(utf8_chars(text_quote(big, sizeof big, long_name)), TEXT_QUOTE_MAX);
}

static void test_message_cut(void **state)
{
    (void)state;
    /* whatever a message quotes, it is one line of at most 1,000 characters */
    char *huge = malloc(100001);
    memset(huge, 'y', 100000);
    huge[100000] = '\0';
    Capture c;
    cap_open(&c);
    Loc none = {NULL, 0, 0, 0, 0};
    diag_error(&c.d, none, "E-X", "quote '%s'", huge);
    char *out = cap_text(&c);
    assert_true(strlen(out) < 1100);
    assert_non_null(strstr(out, "yyy… [E-X]\n"));
    free(out);
    free(huge);
}

static void test_no_file(void **state)
{
    (void)state;
    Loc none = {NULL, 0, 0, 0, 0};
    Capture c;
    cap_open(&c);
    diag_error(&c.d, none, "E-IO", "cannot open '%s'", "x.bud");
    diag_warning(&c.d, none, NULL, "nothing to do");
    diag_note(&c.d, none, "see --help");
    cap_check(&c,
              "budc: error: cannot open 'x.bud' [E-IO]\n"
              "budc: warning: nothing to do\n"
              "budc: note: see --help\n");
}

static void test_error_cap(void **state)
{
    (void)state;
    SrcFile *f = from_str("cap.bud", "a\nb\nc\n");
    Capture c;
    cap_open(&c);
    c.d.max_errors = 2;
    for (int i = 1; i <= 3; i++) {
        diag_error(&c.d, mkloc(f, i, 1, i, 2), "E-X", "error %d", i);
        diag_note(&c.d, mkloc(f, i, 1, i, 2), "note %d", i);
    }
    assert_true(c.d.last_dropped);
    diag_finish(&c.d);
    cap_check(&c,
              "cap.bud:1:1: error: error 1 [E-X]\n"
              "    1 | a\n"
              "      | ^\n"
              "cap.bud:1:1: note: note 1\n"
              "    1 | a\n"
              "      | ^\n"
              "cap.bud:2:1: error: error 2 [E-X]\n"
              "    2 | b\n"
              "      | ^\n"
              "cap.bud:2:1: note: note 2\n"
              "    2 | b\n"
              "      | ^\n"
              "budc: note: 1 more error not shown (use -fmax-errors=0 to see all)\n");
    assert_int_equal(c.d.nerrors, 3);
    assert_int_equal(c.d.suppressed, 1);
    src_free(f);
}

static void test_error_cap_with_warnings(void **state)
{
    (void)state;
    Loc none = {NULL, 0, 0, 0, 0};
    Capture c;
    cap_open(&c);
    c.d.max_errors = 1;
    diag_warning(&c.d, none, NULL, "w1"); /* warnings do not reach the cap */
    diag_error(&c.d, none, NULL, "e1");
    diag_warning(&c.d, none, NULL, "w2");
    diag_error(&c.d, none, NULL, "e2");
    diag_error(&c.d, none, NULL, "e3");
    diag_finish(&c.d);
    cap_check(&c,
              "budc: warning: w1\n"
              "budc: error: e1\n"
              "budc: note: 2 more errors and 1 more warning not shown"
              " (use -fmax-errors=0 to see all)\n");
    assert_int_equal(c.d.nerrors, 3);
    assert_int_equal(c.d.nwarnings, 2);
    assert_int_equal(c.d.suppressed, 3);
}

static void test_no_cap(void **state)
{
    (void)state;
    Loc none = {NULL, 0, 0, 0, 0};
    Capture c;
    cap_open(&c);
    for (int i = 0; i < 3; i++)
        diag_error(&c.d, none, NULL, "e");
    diag_finish(&c.d); /* prints nothing */
    cap_check(&c, "budc: error: e\nbudc: error: e\nbudc: error: e\n");
    assert_false(c.d.last_dropped);
}

static void test_crlf(void **state)
{
    (void)state;
    SrcFile *f = from_str("w.bud", "a\r\nbb cc\r\n");
    Capture c;
    cap_open(&c);
    diag_error(&c.d, mkloc(f, 2, 4, 2, 6), NULL, "crlf");
    cap_check(&c,
              "w.bud:2:4: error: crlf\n"
              "    2 | bb cc\n"
              "      |    ^~\n");
    src_free(f);
}

static void test_wide_line_number(void **state)
{
    (void)state;
    size_t n = 100000;
    char *text = malloc(n + 2);
    assert_non_null(text);
    memset(text, '\n', n - 1);
    memcpy(text + n - 1, "xy\n", 3); /* line 100000 is "xy" */
    SrcFile *f = src_from_string("big.bud", text, n + 2);
    free(text);
    assert_non_null(f);
    assert_int_equal(f->nlines, 100000);
    Capture c;
    cap_open(&c);
    diag_error(&c.d, mkloc(f, 100000, 2, 100000, 3), NULL, "far down");
    cap_check(&c,
              "big.bud:100000:2: error: far down\n"
              "100000 | xy\n"
              "       |  ^\n");
    src_free(f);
}

static void test_empty_file_diag(void **state)
{
    (void)state;
    SrcFile *f = src_from_string("empty.bud", "", 0);
    assert_non_null(f);
    Capture c;
    cap_open(&c);
    diag_error(&c.d, mkloc(f, 1, 1, 1, 1), "E-EMPTY", "empty file");
    cap_check(&c,
              "empty.bud:1:1: error: empty file [E-EMPTY]\n"
              "    1 | \n"
              "      | ^\n");
    src_free(f);
}

static void test_width(void **state)
{
    (void)state;
    assert_int_equal(diag_width("", 0), 0);
    assert_int_equal(diag_width(NULL, 0), 0);
    assert_int_equal(diag_width("abc", 3), 3);
    const char *mixed = "ab基本c"; /* 2 + 2*2 + 1 */
    assert_int_equal(diag_width(mixed, strlen(mixed)), 7);
    assert_int_equal(diag_width("一般预算", strlen("一般预算")), 8);
    assert_int_equal(diag_width("\t", 1), 1);
    assert_int_equal(diag_width("e\xcc\x81", 3), 1);           /* combining */
    assert_int_equal(diag_width("\xef\xbc\xa1", 3), 2);        /* U+FF21 Ａ */
    assert_int_equal(diag_width("\xe3\x80\x80", 3), 2);        /* U+3000 */
    assert_int_equal(diag_width("\xe3\x80\xbf", 3), 1);        /* U+303F */
    assert_int_equal(diag_width("\xea\xb0\x80", 3), 2);        /* U+AC00 가 */
    assert_int_equal(diag_width("\xe1\x84\x80", 3), 2);        /* U+1100 */
    assert_int_equal(diag_width("\xf0\xa0\x80\x80", 4), 2);    /* U+20000 */
    assert_int_equal(diag_width("\xc3\xa9", 2), 1);            /* é */
    assert_int_equal(diag_width("\xff\xfe", 2), 2);            /* stray bytes */
    assert_int_equal(diag_width("\xe4\xb8", 2), 2);            /* truncated 中 */
    assert_int_equal(diag_width("\xe4\xb8\xad", 2), 2);        /* cut by n */
    assert_int_equal(diag_width("\xed\xa0\x80", 3), 3);        /* surrogate */
    assert_int_equal(diag_width("\xc0\xaf", 2), 2);            /* overlong */
    assert_int_equal(diag_width("\xf4\x90\x80\x80", 4), 4);    /* > U+10FFFF */
    const char *all = "x\xe4\xb8\xad\xffy\xcc\x81"; /* x 中 stray y+accent */
    assert_int_equal(diag_width(all, strlen(all)), 1 + 2 + 1 + 1);
}

/* ---------------------------------------------------- warning controls */

/* Applies FLAG, which must be accepted. */
static void opt_ok(DiagCtx *d, const char *flag)
{
    char err[256] = "";
    if (diag_option(d, flag, err, sizeof err) != 0)
        fail_msg("'%s' rejected: %s", flag, err);
}

/* Applies FLAG, which must be rejected with exactly MESSAGE. */
static void opt_bad(DiagCtx *d, const char *flag, const char *message)
{
    char err[256] = "";
    assert_int_equal(diag_option(d, flag, err, sizeof err), -1);
    assert_string_equal(err, message);
}

static const Loc nowhere = {NULL, 0, 0, 0, 0};

static void test_werror_all(void **state)
{
    (void)state;
    SrcFile *f = from_str("w.bud", "a\n");
    Capture c;
    cap_open(&c);
    opt_ok(&c.d, "-Werror");
    diag_warning(&c.d, mkloc(f, 1, 1, 1, 2), "W-UNUSED", "unused");
    diag_note(&c.d, nowhere, "kept");
    diag_warning(&c.d, nowhere, NULL, "no code");
    diag_error(&c.d, nowhere, "E-X", "an error");
    cap_check(&c,
              "w.bud:1:1: error: unused [W-UNUSED]\n"
              "    1 | a\n"
              "      | ^\n"
              "budc: note: kept\n"
              "budc: error: no code\n"
              "budc: error: an error [E-X]\n");
    assert_int_equal(c.d.nerrors, 3);
    assert_int_equal(c.d.nwarnings, 0);
    diag_free(&c.d);
    src_free(f);
}

/* -Werror=CODE: the code as reported, without "W-", in any case. */
static void test_werror_code(void **state)
{
    (void)state;
    const char *flags[] = {"-Werror=W-NAME-VARIANT", "-Werror=name-variant",
                           "-Werror=w-Name-Variant", "-Werror=NAME-variant"};
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        Capture c;
        cap_open(&c);
        opt_ok(&c.d, flags[i]);
        diag_warning(&c.d, nowhere, "W-NAME-VARIANT", "this one");
        diag_warning(&c.d, nowhere, "W-NAME", "not this one");
        diag_warning(&c.d, nowhere, "W-NAME-VARIANT-2", "nor this one");
        cap_check(&c,
                  "budc: error: this one [W-NAME-VARIANT]\n"
                  "budc: warning: not this one [W-NAME]\n"
                  "budc: warning: nor this one [W-NAME-VARIANT-2]\n");
        assert_int_equal(c.d.nerrors, 1);
        assert_int_equal(c.d.nwarnings, 2);
        diag_free(&c.d);
    }
}

/* -Wno-CODE: the warning and its notes vanish and are not counted. */
static void test_wno_code(void **state)
{
    (void)state;
    SrcFile *f = from_str("n.bud", "x\n");
    Capture c;
    cap_open(&c);
    opt_ok(&c.d, "-Wno-unused");
    opt_ok(&c.d, "-Wno-三公不增");
    diag_warning(&c.d, mkloc(f, 1, 1, 1, 2), "W-UNUSED", "unused");
    diag_note(&c.d, mkloc(f, 1, 1, 1, 2), "dropped with it");
    diag_note(&c.d, nowhere, "this too");
    diag_warning(&c.d, nowhere, "三公不增", "rule");
    diag_note(&c.d, nowhere, "rule note");
    diag_warning(&c.d, nowhere, "W-OTHER", "shown");
    diag_note(&c.d, nowhere, "shown too");
    diag_finish(&c.d); /* nothing was capped: prints nothing */
    cap_check(&c,
              "budc: warning: shown [W-OTHER]\n"
              "budc: note: shown too\n");
    assert_int_equal(c.d.nwarnings, 1);
    assert_int_equal(c.d.nerrors, 0);
    assert_int_equal(c.d.suppressed, 0);
    diag_free(&c.d);
    src_free(f);
}

/* The controls are for warnings: an error is reported whatever its code. */
static void test_errors_unaffected(void **state)
{
    (void)state;
    Capture c;
    cap_open(&c);
    opt_ok(&c.d, "-Wno-三公不增");
    opt_ok(&c.d, "-Werror");
    diag_error(&c.d, nowhere, "三公不增", "a rule that is an error");
    diag_error(&c.d, nowhere, "E-SYNTAX", "syntax");
    cap_check(&c,
              "budc: error: a rule that is an error [三公不增]\n"
              "budc: error: syntax [E-SYNTAX]\n");
    assert_int_equal(c.d.nerrors, 2);
    diag_free(&c.d);
}

/* Reports W-X after FLAGS and checks what was printed. */
static void check_flags(const char *const *flags, size_t n, const char *expected)
{
    Capture c;
    cap_open(&c);
    for (size_t i = 0; i < n; i++)
        opt_ok(&c.d, flags[i]);
    diag_warning(&c.d, nowhere, "W-X", "x");
    diag_note(&c.d, nowhere, "n");
    diag_warning(&c.d, nowhere, "W-Y", "y");
    cap_check(&c, expected);
    diag_free(&c.d);
}

#define CHECK_FLAGS(expected, ...)                                              \
    do {                                                                        \
        const char *const fl[] = {__VA_ARGS__};                                 \
        check_flags(fl, sizeof fl / sizeof fl[0], expected);                    \
    } while (0)

static void test_later_flag_wins(void **state)
{
    (void)state;
    const char *warn = "budc: warning: x [W-X]\nbudc: note: n\nbudc: warning: y [W-Y]\n";
    const char *err = "budc: error: x [W-X]\nbudc: note: n\nbudc: warning: y [W-Y]\n";
    const char *off = "budc: warning: y [W-Y]\n";
    const char *all = "budc: error: x [W-X]\nbudc: note: n\nbudc: error: y [W-Y]\n";
    const char *all_but_x = "budc: error: y [W-Y]\n";

    CHECK_FLAGS(warn, "-Wno-x", "-Wx");
    CHECK_FLAGS(warn, "-Wno-W-X", "-WW-X");
    CHECK_FLAGS(off, "-Wx", "-Wno-x");
    CHECK_FLAGS(off, "-Wno-x", "-Wx", "-Wno-W-x");
    CHECK_FLAGS(err, "-Wno-x", "-Werror=x");
    CHECK_FLAGS(off, "-Werror=x", "-Wno-x");
    CHECK_FLAGS(warn, "-Werror=x", "-Wx");
    CHECK_FLAGS(all, "-Werror", "-Wno-x", "-Wx");
    CHECK_FLAGS(all_but_x, "-Werror", "-Wno-x");
    CHECK_FLAGS(all_but_x, "-Wno-x", "-Werror");
}

static void test_option_errors(void **state)
{
    (void)state;
    DiagCtx d;
    diag_init(&d, stderr);
    opt_bad(&d, "-Wno-E-SYNTAX",
            "'-Wno-E-SYNTAX': errors cannot be disabled; only warnings (W-…) can");
    opt_bad(&d, "-Wno-e-syntax",
            "'-Wno-e-syntax': errors cannot be disabled; only warnings (W-…) can");
    opt_bad(&d, "-Werror=E-SYNTAX",
            "'-Werror=E-SYNTAX': errors are errors already; only warnings (W-…) can be made errors");
    opt_bad(&d, "-WE-SYNTAX",
            "'-WE-SYNTAX': errors are always reported; only warnings (W-…) can be enabled");
    const char *none = "' names no warning code; expected -Werror, -Werror=CODE, "
                       "-Wno-CODE or -WCODE";
    const char *empty[] = {"-W", "-Wno-", "-Werror="};
    for (size_t i = 0; i < 3; i++) {
        char want[200];
        snprintf(want, sizeof want, "'%s%s", empty[i], none);
        opt_bad(&d, empty[i], want);
    }
    const char *bad[] = {"-Wbad=", "-Wbad=x", "-Werror=a=b", "-Wno-W-", "-W-x",
                         "-Wno-a b", "-Werror=x,y", "-WW-"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char want[200];
        snprintf(want, sizeof want, "bad warning option '%s'; expected -Werror, "
                 "-Werror=CODE, -Wno-CODE or -WCODE, where CODE is a word such as W-NAME",
                 bad[i]);
        opt_bad(&d, bad[i], want);
    }
    opt_bad(&d, "-fmax-errors=3", "'-fmax-errors=3' is not a warning option");
    opt_bad(&d, "-Wno-error", "'-Wno-error' is not supported: leave out -Werror instead");
    /* No room for the message, or none wanted: still -1, no overflow. */
    char tiny[4] = "abc";
    assert_int_equal(diag_option(&d, "-W", tiny, 1), -1);
    assert_int_equal(tiny[0], '\0');
    assert_int_equal(diag_option(&d, "-W", NULL, 0), -1);
    /* Nothing was recorded by the rejected flags. */
    assert_int_equal(d.ncodes, 0);
    assert_false(d.werror);
    diag_free(&d);
}

/* Any number of distinct codes; the same code twice is one entry. */
static void test_many_codes(void **state)
{
    (void)state;
    Capture c;
    cap_open(&c);
    char flag[32], code[32];
    for (int i = 0; i < 100; i++) {
        snprintf(flag, sizeof flag, "-Wno-code-%d", i);
        opt_ok(&c.d, flag);
        opt_ok(&c.d, flag);
    }
    assert_int_equal(c.d.ncodes, 100);
    for (int i = 0; i < 101; i++) {
        snprintf(code, sizeof code, "W-CODE-%d", i);
        diag_warning(&c.d, nowhere, code, "w%d", i);
    }
    cap_check(&c, "budc: warning: w100 [W-CODE-100]\n");
    assert_int_equal(c.d.nwarnings, 1);
    diag_free(&c.d);
    assert_int_equal(c.d.ncodes, 0);
    assert_null(c.d.codes);
    diag_free(&c.d); /* twice is harmless */
}

/* Warnings made errors count towards the cap like errors. */
static void test_werror_and_cap(void **state)
{
    (void)state;
    Capture c;
    cap_open(&c);
    c.d.max_errors = 1;
    opt_ok(&c.d, "-Werror=W-A");
    diag_warning(&c.d, nowhere, "W-A", "first");
    diag_warning(&c.d, nowhere, "W-A", "second");
    diag_note(&c.d, nowhere, "dropped");
    diag_finish(&c.d);
    cap_check(&c,
              "budc: error: first [W-A]\n"
              "budc: note: 1 more error not shown (use -fmax-errors=0 to see all)\n");
    assert_int_equal(c.d.nerrors, 2);
    diag_free(&c.d);
}

/* -------------------------------------------------------------- holding */

/* Drops held diagnostic 0 (with its note) and reports a replacement in its
 * place; keeps the others. */
static bool replace_first(void *ctx, DiagCtx *d, size_t i)
{
    int *calls = ctx;
    (*calls)++;
    if (i != 0)
        return true;
    diag_error(d, nowhere, "E-R", "instead of %s", diag_held(d, 0)->message);
    diag_note(d, nowhere, "its note");
    return false;
}

static void test_hold_release(void **state)
{
    (void)state;
    Capture c;
    cap_open(&c);
    opt_ok(&c.d, "-Wno-W-OFF");
    diag_hold(&c.d);
    assert_int_equal(diag_held_count(&c.d), 0);
    diag_error(&c.d, nowhere, "E-A", "first %d", 1);
    diag_note(&c.d, nowhere, "note of the first");
    diag_warning(&c.d, nowhere, "W-OFF", "silenced");
    diag_note(&c.d, nowhere, "note of the silenced");
    diag_warning(&c.d, nowhere, "W-B", "kept");
    diag_note(&c.d, nowhere, "note of the kept");
    /* nothing printed or counted while held */
    assert_int_equal(c.d.nerrors, 0);
    assert_int_equal(c.d.nwarnings, 0);
    assert_int_equal(diag_held_count(&c.d), 6);
    assert_string_equal(diag_held(&c.d, 0)->message, "first 1");
    assert_string_equal(diag_held(&c.d, 0)->code, "E-A");
    assert_null(diag_held(&c.d, 1)->code);
    assert_int_equal(diag_held(&c.d, 2)->level, DIAG_WARNING);
    assert_null(diag_held(&c.d, 6));
    int calls = 0;
    diag_release(&c.d, replace_first, &calls);
    assert_int_equal(calls, 3); /* asked for each error and warning, not notes */
    assert_int_equal(diag_held_count(&c.d), 0);
    diag_error(&c.d, nowhere, "E-C", "after"); /* printed at once again */
    cap_check(&c,
              "budc: error: instead of first 1 [E-R]\n"
              "budc: note: its note\n"
              "budc: warning: kept [W-B]\n"
              "budc: note: note of the kept\n"
              "budc: error: after [E-C]\n");
    assert_int_equal(c.d.nerrors, 2);
    assert_int_equal(c.d.nwarnings, 1);
    diag_free(&c.d);
}

/* Released under the cap: the cap counts what is reported then. */
static void test_hold_cap(void **state)
{
    (void)state;
    Capture c;
    cap_open(&c);
    c.d.max_errors = 1;
    diag_hold(&c.d);
    diag_error(&c.d, nowhere, "E-A", "one");
    diag_error(&c.d, nowhere, "E-B", "two");
    diag_note(&c.d, nowhere, "dropped with two");
    diag_release(&c.d, NULL, NULL);
    diag_finish(&c.d);
    cap_check(&c,
              "budc: error: one [E-A]\n"
              "budc: note: 1 more error not shown (use -fmax-errors=0 to see all)\n");
    assert_int_equal(c.d.nerrors, 2);
    diag_free(&c.d);
}

/* Freed while holding: nothing leaks, nothing is printed. */
static void test_hold_free(void **state)
{
    (void)state;
    Capture c;
    cap_open(&c);
    diag_hold(&c.d);
    diag_error(&c.d, nowhere, "E-A", "never shown");
    diag_free(&c.d);
    cap_check(&c, "");
}

/* -------------------------------------------------------------- source */

static void check_line(const SrcFile *f, int line, const char *expected)
{
    size_t len = 99;
    const char *s = src_line(f, line, &len);
    if (expected == NULL) {
        assert_null(s);
        assert_int_equal(len, 0);
        return;
    }
    assert_non_null(s);
    assert_int_equal(len, strlen(expected));
    assert_memory_equal(s, expected, len);
}

static void test_src_lines(void **state)
{
    (void)state;
    SrcFile *f = from_str("s", "one\ntwo");
    assert_int_equal(f->nlines, 2);
    check_line(f, 1, "one");
    check_line(f, 2, "two"); /* last line without '\n' */
    check_line(f, 0, NULL);
    check_line(f, 3, NULL);
    assert_int_equal(f->text[f->len], '\0');
    src_free(f);

    f = from_str("s", "one\n");
    assert_int_equal(f->nlines, 1);
    check_line(f, 1, "one");
    check_line(f, 2, NULL);
    src_free(f);

    f = from_str("s", "a\r\nb\r\n\r\nc\rd\n");
    assert_int_equal(f->nlines, 4);
    check_line(f, 1, "a");
    check_line(f, 2, "b");
    check_line(f, 3, "");
    check_line(f, 4, "c\rd"); /* a lone CR is not a line terminator */
    src_free(f);

    f = from_str("s", "\n\n");
    assert_int_equal(f->nlines, 2);
    check_line(f, 1, "");
    check_line(f, 2, "");
    src_free(f);

    /* An empty file has one empty line. */
    f = src_from_string("s", "", 0);
    assert_non_null(f);
    assert_int_equal(f->nlines, 1);
    assert_int_equal(f->len, 0);
    check_line(f, 1, "");
    check_line(f, 2, NULL);
    src_free(f);

    check_line(NULL, 1, NULL);
    src_free(NULL);
}

static void test_src_from_string_copies(void **state)
{
    (void)state;
    char name[] = "n.bud";
    char text[] = "x\0y\n"; /* embedded NUL kept */
    SrcFile *f = src_from_string(name, text, 4);
    assert_non_null(f);
    name[0] = 'Z';
    text[0] = 'Z';
    assert_string_equal(f->name, "n.bud");
    assert_int_equal(f->len, 4);
    assert_memory_equal(f->text, "x\0y\n", 5);
    assert_int_equal(f->nlines, 1);
    assert_null(f->next);
    src_free(f);
}

static void test_src_read_file(void **state)
{
    (void)state;
    char path[] = "/tmp/budc_test_srcXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char body[] = "\xef\xbb\xbf" "预算\r\nlast";
    assert_int_equal(write(fd, body, sizeof body - 1), (ssize_t)(sizeof body - 1));
    assert_int_equal(close(fd), 0);

    SrcFile *f = src_read(path);
    assert_non_null(f);
    assert_string_equal(f->name, path);
    assert_int_equal(f->len, sizeof body - 1);
    assert_memory_equal(f->text, body, sizeof body); /* includes the NUL */
    assert_int_equal(f->nlines, 2);
    check_line(f, 1, "\xef\xbb\xbf" "预算");
    check_line(f, 2, "last");
    src_free(f);
    unlink(path);
}

static void test_src_read_empty_file(void **state)
{
    (void)state;
    char path[] = "/tmp/budc_test_emptyXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(close(fd), 0);
    SrcFile *f = src_read(path);
    assert_non_null(f);
    assert_int_equal(f->len, 0);
    assert_int_equal(f->nlines, 1);
    assert_int_equal(f->text[0], '\0');
    src_free(f);
    unlink(path);
}

static void test_src_read_directory(void **state)
{
    (void)state;
    char path[] = "/tmp/budc_test_dirXXXXXX";
    assert_non_null(mkdtemp(path));
    errno = 0;
    assert_null(src_read(path));
    assert_int_equal(errno, EISDIR);
    assert_int_equal(rmdir(path), 0);
}

static void test_src_read_missing(void **state)
{
    (void)state;
    errno = 0;
    assert_null(src_read("/nonexistent/budc/no-such-file.bud"));
    assert_int_equal(errno, ENOENT);
}

static void test_loc_span(void **state)
{
    (void)state;
    SrcFile *f = from_str("s", "abc def\nghi\n");
    Loc a = mkloc(f, 1, 1, 1, 4);
    Loc b = mkloc(f, 2, 1, 2, 4);
    Loc s = loc_span(a, b);
    assert_ptr_equal(s.file, f);
    assert_int_equal(s.line, 1);
    assert_int_equal(s.col, 1);
    assert_int_equal(s.end_line, 2);
    assert_int_equal(s.end_col, 4);

    Loc c = mkloc(f, 1, 5, 1, 8);
    s = loc_span(a, c);
    assert_int_equal(s.line, 1);
    assert_int_equal(s.col, 1);
    assert_int_equal(s.end_line, 1);
    assert_int_equal(s.end_col, 8);

    /* B ending before A ends never shrinks A. */
    s = loc_span(c, a);
    assert_int_equal(s.col, 5);
    assert_int_equal(s.end_col, 8);
    src_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ascii),
        cmocka_unit_test(test_warning_and_note_no_code),
        cmocka_unit_test(test_chinese),
        cmocka_unit_test(test_chinese_mixed_range),
        cmocka_unit_test(test_combining_mark),
        cmocka_unit_test(test_tab),
        cmocka_unit_test(test_multiline_range),
        cmocka_unit_test(test_empty_range_and_end_of_line),
        cmocka_unit_test(test_bad_locs),
        cmocka_unit_test(test_invalid_utf8_line),
        cmocka_unit_test(test_control_chars_shown),
        cmocka_unit_test(test_no_file),
        cmocka_unit_test(test_error_cap),
        cmocka_unit_test(test_error_cap_with_warnings),
        cmocka_unit_test(test_no_cap),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_wide_line_number),
        cmocka_unit_test(test_empty_file_diag),
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_werror_all),
        cmocka_unit_test(test_werror_code),
        cmocka_unit_test(test_wno_code),
        cmocka_unit_test(test_errors_unaffected),
        cmocka_unit_test(test_later_flag_wins),
        cmocka_unit_test(test_option_errors),
        cmocka_unit_test(test_many_codes),
        cmocka_unit_test(test_werror_and_cap),
        cmocka_unit_test(test_hold_release),
        cmocka_unit_test(test_hold_cap),
        cmocka_unit_test(test_hold_free),
        cmocka_unit_test(test_src_lines),
        cmocka_unit_test(test_src_from_string_copies),
        cmocka_unit_test(test_src_read_file),
        cmocka_unit_test(test_src_read_empty_file),
        cmocka_unit_test(test_src_read_directory),
        cmocka_unit_test(test_src_read_missing),
        cmocka_unit_test(test_loc_span),
        cmocka_unit_test(test_terminal_escapes),
        cmocka_unit_test(test_text_escaped),
        cmocka_unit_test(test_message_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
