/*
 * tests/sanitized/run_key.h — the name of a budc run in the test suite, the
 * same in every clone and every run of the suite: the part that ran it
 * (BUDC_COVERAGE_PART) and its arguments, each path reduced to its file
 * name and each run of five digits or more (a process id, a time) to '#',
 * and every control character (C0, C1, DEL, tab, newline) and bidirectional
 * control to '?' (runs.txt is read by people: the terminal tests' names
 * carry escape sequences).
 * coverage.c writes it into each coverage file, select.c looks it up in
 * runs.txt: one definition for both.
 */
#ifndef BUDC_TESTS_RUN_KEY_H
#define BUDC_TESTS_RUN_KEY_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* The length of the character at S to write as '?' (0: keep it) */
static size_t run_key_hidden(const unsigned char *s)
{
    if (*s < 0x20 || *s == 0x7f)
        return 1;
    if (s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F)
        return 2; /* C1 */
    if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x8E || s[2] == 0x8F || (s[2] >= 0xAA && s[2] <= 0xAE)))
        return 3; /* LRM, RLM, LRE … RLO */
    if (s[0] == 0xE2 && s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9)
        return 3; /* LRI … PDI */
    return 0;
}

/* KEY (of CAP bytes) from PART and ARGV[1..ARGC): tab-separated, no
 * newline; cut at CAP. */
static void run_key(char *key, size_t cap, const char *part, int argc, char **argv)
{
    size_t n = 0;
    const char *p = part ? part : "";
    for (; *p && n + 1 < cap; p++)
        key[n++] = (unsigned char)*p < 0x20 ? '?' : *p;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *slash = strrchr(a, '/');
        if (slash && slash[1])
            a = slash + 1;
        if (n + 1 < cap)
            key[n++] = '\t';
        while (*a && n + 1 < cap) {
            size_t digits = strspn(a, "0123456789"), hidden = run_key_hidden((const unsigned char *)a);
            if (digits >= 5 || hidden) {
                key[n++] = digits >= 5 ? '#' : '?';
                a += digits >= 5 ? digits : hidden;
                continue;
            }
            key[n++] = *a++;
        }
    }
    key[n] = '\0';
}

#endif
