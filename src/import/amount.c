/*
 * amount.c — the text and the amounts of a workbook's cells, for the
 * importer (import_impl.h): trimmed text (full-width and no-break spaces
 * too), a number cell's text as the decimal it stands for, a text amount
 * with thousands separators, blank marks (-, --, —), the money unit a
 * sheet declares (单位：元), an amount in 元 converted exactly into 万元,
 * and the .bud literals the importer writes.
 */
#include "import/import_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- text ----------------------------------------------------------------------- */

const char *imp_cn_numerals(const char *s)
{
    static const char *const nums[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    for (bool more = true; more;) {
        more = false;
        for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
            if (strncmp(s, nums[i], strlen(nums[i])) == 0) {
                s += strlen(nums[i]);
                more = true;
            }
    }
    return s;
}

bool imp_starts(const char *s, const char *prefix)
{
    return prefix && *prefix && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* How many bytes of space start P: ASCII, U+3000 or U+00A0 (0: none). */
size_t imp_space_at(const char *p)
{
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        return 1;
    if (strncmp(p, "\xE3\x80\x80", 3) == 0)
        return 3;
    if (strncmp(p, "\xC2\xA0", 2) == 0)
        return 2;
    return 0;
}

const char *imp_trim(Imp *im, const char *s)
{
    size_t k;
    while (*s && (k = imp_space_at(s)) > 0)
        s += k;
    size_t n = strlen(s);
    for (;;) {
        if (n >= 1 && imp_space_at(s + n - 1) == 1)
            n--;
        else if (n >= 3 && strncmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
            n -= 3;
        else if (n >= 2 && strncmp(s + n - 2, "\xC2\xA0", 2) == 0)
            n -= 2;
        else
            break;
    }
    return arena_strndup(&im->a, s, n);
}

void imp_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', out);
        if (*s == '\n')
            fputs("\\n", out);
        else if (*s != '\r')
            fputc(*s, out);
    }
    fputc('"', out);
}

void imp_dec(FILE *out, Dec v)
{
    char buf[DEC_FMT_MAX];
    dec_format(v, buf, sizeof buf);
    fputs(buf, out);
}

/* ---- the money a sheet is in ---------------------------------------------------- */

/* The money unit a cell's text S declares (after 单位： or 金额单位：, not
 * 编制单位：), or NULL. */
static const char *money_in(Imp *im, const char *s)
{
    const char *ml = vocab_label(im->v, "money_label"), *mu = vocab_label(im->v, "money_unit"),
               *pb = vocab_label(im->v, "prepared_by");
    const char *at = *ml ? strstr(s, ml) : NULL;
    size_t skip = at ? strlen(ml) : 0;
    if (!at && *mu) {
        size_t lead = strlen(pb) > strlen(mu) ? strlen(pb) - strlen(mu) : 0;
        for (const char *p = strstr(s, mu); p; p = strstr(p + 1, mu)) {
            if (lead && (size_t)(p - s) >= lead && strncmp(p - lead, pb, strlen(pb)) == 0)
                continue;
            at = p;
            skip = strlen(mu);
            break;
        }
    }
    if (!at)
        return NULL;
    const char *rest = imp_trim(im, at + skip);
    size_t n = 0;
    while (rest[n] && !imp_space_at(rest + n) && rest[n] != ')' && strncmp(rest + n, "\xEF\xBC\x89", 3))
        n++;
    return arena_strndup(&im->a, rest, n);
}

const char *imp_sheet_money(Imp *im, const BSheet *s)
{
    for (int r = 0; r < 4 && r < s->nrows; r++)
        for (int c = 0; c < s->ncols; c++) {
            const char *m = money_in(im, book_text(s, r, c));
            if (m && *m)
                return m;
        }
    return NULL;
}

/* ---- amounts -------------------------------------------------------------------- */

/* V with its trailing zeros dropped, but two decimals at least. */
static Dec tidy(Dec v)
{
    while (v.scale > 2 && v.units % 10 == 0) {
        v.units /= 10;
        v.scale--;
    }
    Dec r;
    if (v.scale < 2 && dec_rescale(v, 2, &r) == DEC_OK)
        v = r;
    return v;
}

bool imp_number(const char *text, Dec *out)
{
    /* digits, the place of the point, an exponent: 8.880000000000001, 1.5E-3 */
    char digits[64];
    int nd = 0, point = -1, exp = 0;
    const char *p = text;
    bool neg = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (nd == 0 && *p == '0' && point < 0)
                continue; /* leading zeros */
            if (nd < (int)sizeof digits - 1)
                digits[nd++] = *p;
            else if (point < 0)
                return false;
        } else if (*p == '.' && point < 0) {
            point = nd;
        } else if (*p == 'E' || *p == 'e') {
            char *end;
            exp = (int)strtol(p + 1, &end, 10);
            if (*end || end == p + 1 || exp > 30 || exp < -30)
                return false;
            break;
        } else {
            return false;
        }
    }
    if (point < 0)
        point = nd;
    /* leading zeros after the point: 0.05 */
    if (nd == 0) {
        *out = tidy(dec_zero());
        return p > text;
    }
    /* round to the 15 significant digits a double holds */
    if (nd > 15) {
        bool up = digits[15] >= '5';
        nd = 15;
        for (int i = nd - 1; up && i >= 0; i--) {
            if (digits[i] == '9')
                digits[i] = '0';
            else {
                digits[i]++;
                up = false;
            }
        }
        if (up) { /* 999… became 1000… */
            memmove(digits + 1, digits, (size_t)nd);
            digits[0] = '1';
            point++;
        }
    }
    point += exp;
    /* the decimal text */
    char buf[128];
    int n = 0;
    if (neg)
        buf[n++] = '-';
    if (point <= 0) {
        buf[n++] = '0';
        buf[n++] = '.';
        for (int i = 0; i < -point && n < 100; i++)
            buf[n++] = '0';
        for (int i = 0; i < nd && n < 120; i++)
            buf[n++] = digits[i];
    } else {
        for (int i = 0; i < point && n < 100; i++)
            buf[n++] = i < nd ? digits[i] : '0';
        if (nd > point) {
            buf[n++] = '.';
            for (int i = point; i < nd && n < 120; i++)
                buf[n++] = digits[i];
        }
    }
    buf[n] = '\0';
    /* at most DEC_MAX_SCALE decimals: trailing zeros of the rounding go */
    char *dot = strchr(buf, '.');
    if (dot) {
        size_t len = strlen(buf);
        while (len > 0 && buf[len - 1] == '0')
            buf[--len] = '\0';
        if (buf[len - 1] == '.')
            buf[--len] = '\0';
    }
    Dec v;
    if (dec_parse(buf, strlen(buf), &v) != DEC_OK)
        return false;
    *out = tidy(v);
    return true;
}

bool imp_text_number(const char *text, Dec *out)
{
    char buf[128];
    size_t n = 0;
    for (const char *p = text; *p; p++) {
        size_t k = imp_space_at(p);
        if (*p == ',')
            continue;
        if (strncmp(p, "\xEF\xBC\x8C", 3) == 0) { /* ， */
            p += 2;
            continue;
        }
        if (k) {
            p += k - 1;
            continue;
        }
        if (n + 1 >= sizeof buf)
            return false;
        buf[n++] = *p;
    }
    buf[n] = '\0';
    if (n == 0 || !imp_number(buf, out))
        return false;
    /* a text amount is exact as written: more digits than a double's are kept */
    Dec exact;
    if (dec_parse(buf, n, &exact) == DEC_OK)
        *out = tidy(exact);
    return true;
}

/* Whether S is what a table prints for no amount: -, --, —, —— or nothing. */
static bool blank_text(const char *s)
{
    return !*s || strcmp(s, "-") == 0 || strcmp(s, "--") == 0 || strcmp(s, "\xE2\x80\x94") == 0 ||
           strcmp(s, "\xE2\x80\x94\xE2\x80\x94") == 0 || strcmp(s, "\xEF\xBC\x8D") == 0;
}

bool imp_convert(Imp *im, const char *from, Dec *v)
{
    if (!from || !im->money || strcmp(from, im->money) == 0)
        return true;
    const char *yuan = "\xE5\x85\x83"; /* 元: the one other unit a budget may be in */
    Dec r;
    if (strcmp(from, yuan) == 0) { /* 元 into 万元: four places */
        Dec x = {v->units, v->scale + 4};
        if (x.scale > DEC_MAX_SCALE)
            return false;
        *v = tidy(x);
        return true;
    }
    if (dec_mul(*v, dec_from_int(10000), &r) != DEC_OK)
        return false;
    *v = tidy(r);
    return true;
}

int imp_amount(Imp *im, const BSheet *s, int r, int c, const char *from, Dec *out)
{
    const BCell *x = book_cell(s, r, c);
    char ref[16];
    if (x->kind == BC_EMPTY)
        return 0;
    if (x->kind == BC_NOVALUE) {
        snprintf(im->err, im->errn,
                 "%s: sheet '%s', cell %s: a formula without a computed value (the file was not "
                 "saved by a spreadsheet that calculates: open it in Excel or WPS and save it, or "
                 "paste the values)",
                 im->b->path, s->name, book_ref(r, c, ref, sizeof ref));
        return -1;
    }
    bool ok;
    if (x->kind == BC_NUMBER) {
        ok = imp_number(x->text, out);
    } else {
        /* text: without spaces and thousands separators */
        const char *clean = imp_trim(im, x->text);
        if (blank_text(clean))
            return 0;
        ok = imp_text_number(clean, out);
    }
    if (!ok && s->page > 0) { /* a PDF's: the page and the printed row */
        /* the row by its 序号 and the name left of the cell (its side's, in tables 1 and 4) */
        const char *first = book_text(s, r, 0), *name = "";
        Dec v;
        for (int k = c - 1; k > 0 && !*name; k--)
            if (!imp_number(book_text(s, r, k), &v))
                name = book_text(s, r, k);
        snprintf(im->err, im->errn, "%s: page %d, table %s, row %s%s%s: '%s' is not an amount",
                 im->b->path, s->rowpage && r < s->nrows ? s->rowpage[r] : s->page, s->name,
                 first, *first && *name ? " " : "", name, x->text);
        return -1;
    }
    if (!ok) {
        snprintf(im->err, im->errn, "%s: sheet '%s', cell %s: '%s' is not an amount", im->b->path,
                 s->name, book_ref(r, c, ref, sizeof ref), x->text);
        return -1;
    }
    if (!imp_convert(im, from, out)) {
        snprintf(im->err, im->errn, "%s: sheet '%s', cell %s: %s cannot be converted from %s",
                 im->b->path, s->name, book_ref(r, c, ref, sizeof ref), x->text, from);
        return -1;
    }
    return 1;
}

