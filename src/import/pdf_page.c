/*
 * pdf_page.c — what every page of a PDF shares, and text as a title is
 * compared (pdf_impl.h): the running head and the page numbers, marked
 * used so that no table or paragraph reads them; a line normalised.
 */
#include "import/pdf_impl.h"

#include <stdint.h>
#include <string.h>

#include "base/text.h"
#include "import/import_impl.h"

/* What pdf_norm writes for CP: its ASCII form, "" for a quotation mark, or
 * NULL to keep it. */
static const char *norm_char(uint32_t cp)
{
    switch (cp) {
    case 0xFF08: /* （ */
        return "(";
    case 0xFF09: /* ） */
        return ")";
    case 0xFF1A: /* ： */
        return ":";
    case 0xFF0C: /* ， */
        return ",";
    case '"':
    case '\'':
    case 0x201C: /* “ */
    case 0x201D: /* ” */
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
    case 0x300C: /* 「 */
    case 0x300D: /* 」 */
        return "";
    default:
        return NULL;
    }
}

/* S without spaces, quotation marks, and with full-width punctuation made
 * ASCII: a title compared whatever its typesetting. */
const char *pdf_norm(Arena *a, const char *s)
{
    size_t n = strlen(s);
    char *o = arena_alloc(a, n + 1), *p = o;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t m = utf8_next((const unsigned char *)s + i, n - i, &cp);
        if (cp == ' ' || cp == 0x3000 || cp == '\t') {
            i += m;
            continue;
        }
        const char *to = norm_char(cp);
        if (to) {
            size_t l = strlen(to);
            memcpy(p, to, l);
            p += l;
        } else {
            memcpy(p, s + i, m);
            p += m;
        }
        i += m;
    }
    *p = '\0';
    return o;
}

bool pdf_ends_with(const char *s, const char *t)
{
    size_t n = strlen(s), k = strlen(t);
    return k <= n && strcmp(s + n - k, t) == 0;
}

/* A page number as printed at the foot: 12, - 12 -, 第12页, 第 12 页 共 34 页,
 * 12/34, Page 12 (a spreadsheet's footer). */
static bool page_number(Arena *a, const char *line)
{
    const char *s = pdf_norm(a, line);
    size_t n = strlen(s);
    if (text_all_digits(s) && n <= 4)
        return true;
    if (strncmp(s, "Page", 4) == 0 || strncmp(s, "page", 4) == 0)
        return text_all_digits(s + 4) && s[4];
    const char *slash = strchr(s, '/');
    if (slash && slash > s && strspn(s, "0123456789") == (size_t)(slash - s) && text_all_digits(slash + 1) &&
        slash[1])
        return true;
    return (n > 2 && s[0] == '-' && s[n - 1] == '-') || (strncmp(s, "第", 3) == 0 && pdf_ends_with(s, "页"));
}

/* The running head and the page numbers of D: marked USED; the running
 * head (a first line three pages or more share), or NULL. */
const char *pdf_furniture(const PDoc *d, bool **used, Arena *a)
{
    const char *running = NULL;
    int best = 0;
    for (int p = 0; p < d->n; p++) {
        if (!d->pages[p].n)
            continue;
        int same = 0;
        for (int q = 0; q < d->n; q++)
            same += d->pages[q].n && strcmp(d->pages[q].lines[0].text, d->pages[p].lines[0].text) == 0;
        if (same > best && same >= 3) {
            best = same;
            running = d->pages[p].lines[0].text;
        }
    }
    for (int p = 0; p < d->n; p++) {
        const PPage *pg = &d->pages[p];
        if (!pg->n)
            continue;
        if (running && strcmp(pg->lines[0].text, running) == 0)
            used[p][0] = true;
        if (page_number(a, pg->lines[pg->n - 1].text))
            used[p][pg->n - 1] = true;
    }
    return running;
}

bool pdf_meta_line(const Vocab *v, const PLine *l)
{
    static const char *const keys[] = {"prepared_by", "budget_year", "budget_year_final",
                                       "money_label", "money_unit"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *k = vocab_label(v, keys[i]);
        if (*k && strstr(l->text, k))
            return true;
    }
    return false;
}
