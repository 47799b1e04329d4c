/*
 * explain.c — budc explain: what a diagnostic code means, from the table
 * generated from docs/diagnostics.md and docs/checks.md (explain.h); a code
 * may be written in any case and without its E- or W-, and an unknown one
 * gets the nearest codes.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/cli.h"
#include "base/diag.h"
#include "base/i18n.h"
#include "base/text.h"
#include "tools/explain.h"

enum { MAX_SUGGESTIONS = 3, MAX_CODE_LEN = 64 };

static int ascii_upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

/* Whether A and B are equal, ASCII letters compared without case. */
static bool same_code(const char *a, const char *b)
{
    while (*a && ascii_upper((unsigned char)*a) == ascii_upper((unsigned char)*b)) {
        a++;
        b++;
    }
    return *a == '\0' && *b == '\0';
}

/* CODE without its "E-" or "W-" (either case). */
static const char *code_stem(const char *code)
{
    int c = ascii_upper((unsigned char)code[0]);
    return (c == 'E' || c == 'W') && code[1] == '-' ? code + 2 : code;
}

/* The entries QUERY names: the code itself, else every code whose stem it
 * is.  Stores up to MAX in FOUND; returns how many there are. */
static int find_codes(const char *query, const ExplainEntry **found, int max)
{
    int n = 0;
    for (int i = 0; i < explain_count; i++)
        if (same_code(explain_entries[i].code, query)) {
            found[0] = &explain_entries[i];
            return 1;
        }
    for (int i = 0; i < explain_count; i++)
        if (same_code(code_stem(explain_entries[i].code), query)) {
            if (n < max)
                found[n] = &explain_entries[i];
            n++;
        }
    return n;
}

/* Candidate I of the suggestions: entry I/2's code, or its stem. */
static const char *code_at(const void *ctx, int i)
{
    (void)ctx;
    const char *code = explain_entries[i / 2].code;
    return i % 2 ? code_stem(code) : code;
}

/* Stores in FOUND up to MAX_SUGGESTIONS codes near QUERY (its code or its
 * stem, letters in any case), nearest first; returns how many. */
static int suggest_codes(const char *query, const ExplainEntry **found)
{
    char up[MAX_CODE_LEN];
    size_t n = strlen(query);
    if (n >= sizeof up)
        return 0;
    for (size_t i = 0; i <= n; i++)
        up[i] = (char)ascii_upper((unsigned char)query[i]);
    int idx[2 * MAX_SUGGESTIONS], k = 0;
    int m = text_suggest(up, 2 * explain_count, code_at, NULL, ((int)n + 2) / 3, idx,
                         2 * MAX_SUGGESTIONS);
    for (int i = 0; i < m && k < MAX_SUGGESTIONS; i++) { /* an entry once, at its nearer form */
        const ExplainEntry *e = &explain_entries[idx[i] / 2];
        bool seen = false;
        for (int j = 0; j < k; j++)
            seen |= found[j] == e;
        if (!seen)
            found[k++] = e;
    }
    return k;
}

/* Prints "budc: note: did you mean A, B or C?" for the N codes in FOUND. */
static void print_did_you_mean(const ExplainEntry **found, int n)
{
    fputs("budc: note: ", stderr);
    fputs(_("did you mean "), stderr);
    for (int i = 0; i < n; i++)
        fprintf(stderr, "%s%s", i == 0 ? "" : i == n - 1 ? _(" or ") : _(", "), found[i]->code);
    fputs(_("?"), stderr);
    fputs("\n", stderr);
}

/* E in the language of the messages: its Chinese version when they are
 * Chinese and there is one, else E. */
static const ExplainEntry *localized(const ExplainEntry *e)
{
    if (i18n_chinese())
        for (int i = 0; i < explain_zh_count; i++)
            if (strcmp(explain_zh_entries[i].code, e->code) == 0)
                return &explain_zh_entries[i];
    return e;
}

static void list_codes(void)
{
    int width = 0;
    for (int i = 0; i < explain_count; i++) {
        const char *c = explain_entries[i].code;
        int w = diag_width(c, strlen(c));
        if (w > width)
            width = w;
    }
    for (int i = 0; i < explain_count; i++) {
        const char *c = explain_entries[i].code;
        printf("%s%*s  %s\n", c, width - diag_width(c, strlen(c)), "",
               localized(&explain_entries[i])->title);
    }
}

int cmd_explain(int argc, char **argv)
{
    const ExplainEntry *found[MAX_SUGGESTIONS];
    if (argc == 0) {
        list_codes();
        return EXIT_OK;
    }
    if (argc > 1)
        return cli_usage("explain: give one code");
    int n = find_codes(argv[0], found, MAX_SUGGESTIONS);
    if (n == 1) {
        const ExplainEntry *e = localized(found[0]);
        printf("%s — %s\n\n%s", e->code, e->title, e->body);
        return EXIT_OK;
    }
    if (n > 1) {
        cli_fail("ambiguous diagnostic code '%s'", argv[0]);
        print_did_you_mean(found, n < MAX_SUGGESTIONS ? n : MAX_SUGGESTIONS);
        return EXIT_USAGE;
    }
    cli_fail("unknown diagnostic code '%s'", argv[0]);
    n = suggest_codes(argv[0], found);
    if (n > 0)
        print_did_you_mean(found, n);
    else
        fprintf(stderr, "budc: note: %s\n", _("'budc explain' lists every code"));
    return EXIT_USAGE;
}
