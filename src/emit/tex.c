/*
 * tex.c — writing LaTeX (latex.h): text from the budget made literal, this
 * back end's own LaTeX as it is, amounts, and the helpers of a longtable.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "emit/latex.h"
#include "emit/view.h"

void tex_raw(Tex *t, const char *s)
{
    fputs(s, t->f);
}

void tex_fmt(Tex *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(t->f, fmt, ap);
    va_end(ap);
}

/* The LaTeX for byte C of text (NEXT is the byte after it), or NULL when
 * C stands for itself.  Every character TeX treats specially becomes a
 * command that prints it; so do the pairs the fonts' TeX ligatures would
 * join (-- ,, and the quotes), and the brackets, which a command before
 * the text could take for an optional argument.  Control characters are
 * spaces (TeX rejects most of them); a line break is \newline in LINES
 * mode, else a space. */
static const char *escape_of(unsigned char c, unsigned char next, bool lines)
{
    switch (c) {
    case '\\': return "\\textbackslash{}";
    case '{': return "\\{";
    case '}': return "\\}";
    case '$': return "\\$";
    case '&': return "\\&";
    case '#': return "\\#";
    case '_': return "\\_";
    case '%': return "\\%";
    case '^': return "\\textasciicircum{}";
    case '~': return "\\textasciitilde{}";
    case '<': return "\\textless{}";
    case '>': return "\\textgreater{}";
    case '|': return "\\textbar{}";
    case '"': return "\\textquotedbl{}";
    case '\'': return "\\textquotesingle{}";
    case '`': return "\\textasciigrave{}";
    case '[': return "{[}";
    case ']': return "{]}";
    case '-': return next == '-' ? "-{}" : NULL;
    case ',': return next == ',' ? ",{}" : NULL;
    case '\n': return lines ? "\\leavevmode\\newline{}" : " ";
    default: return c < 0x20 || c == 0x7f ? " " : NULL;
    }
}

/* A word of LONG_WORD ASCII characters without a space (a URL, a code, a
 * 1,000-letter string) is given a place to break after every BREAK_EVERY
 * characters beyond that: TeX breaks Chinese anywhere but Latin words only
 * at hyphens, and a word longer than the line ran off the page and broke
 * the PDF (issue 17, finding 7). */
enum { LONG_WORD = 40, BREAK_EVERY = 10 };

/* Writes S escaped: runs of ordinary bytes (all of UTF-8 beyond ASCII among
 * them) are written at once. */
static void escape(Tex *t, const char *s, bool lines)
{
    if (!s)
        return;
    const char *run = s;
    int word = 0; /* ASCII characters since the last space or non-ASCII */
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        word = c > 0x20 && c < 0x7f ? word + 1 : 0;
        if (word > LONG_WORD && (word - 1) % BREAK_EVERY == 0) {
            fwrite(run, 1, (size_t)(p - run), t->f);
            fputs("\\allowbreak{}", t->f);
            run = p;
        }
        const char *r = escape_of(c, (unsigned char)p[1], lines);
        if (!r)
            continue;
        fwrite(run, 1, (size_t)(p - run), t->f);
        fputs(r, t->f);
        run = p + 1;
    }
    fputs(run, t->f);
}

void tex_text(Tex *t, const char *s)
{
    escape(t, s, true);
}

void tex_line(Tex *t, const char *s)
{
    escape(t, s, false);
}

void tex_money(Tex *t, Dec v)
{
    Dec r;
    if (v.scale < 2 && dec_rescale(v, 2, &r) == DEC_OK)
        v = r;
    tex_num(t, v);
}

void tex_cell(Tex *t, const Cell *c)
{
    if (c->set)
        tex_money(t, c->v);
}

void tex_num(Tex *t, Dec v)
{
    char buf[DEC_FMT_MAX];
    dec_format(v, buf, sizeof buf);
    tex_raw(t, buf);
}

const char *tex_cn_number(int n, char *buf, size_t len)
{
    static const char *const digit[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n < 1 || n > 99)
        snprintf(buf, len, "%d", n);
    else if (n < 10)
        snprintf(buf, len, "%s", digit[n]);
    else
        snprintf(buf, len, "%s十%s", n >= 20 ? digit[n / 10] : "", digit[n % 10]);
    return buf;
}

void tex_longtable(Tex *t, const char *spec)
{
    tex_raw(t, "\\begin{longtable}{|");
    for (const char *p = spec; *p;) {
        if (*p == ' ') {
            p++;
            continue;
        }
        char kind = *p++;
        int w = 0;
        while (*p >= '0' && *p <= '9')
            w = w * 10 + (*p++ - '0');
        tex_fmt(t, "%c{%d}|", kind, w);
    }
    tex_raw(t, "}\n");
}

void tex_words(Tex *t, const char *s)
{
    char buf[1024];
    tex_line(t, view_words(t->m, t->unit, s, buf, sizeof buf));
}

void tex_label(Tex *t, const char *key)
{
    tex_words(t, model_label(t->m, key));
}

void tex_meta_row(Tex *t, int ncols, const char *label, const char *value)
{
    tex_fmt(t, "\\multicolumn{%d}{Y}{\\small ", ncols);
    tex_line(t, model_label(t->m, "prepared_by"));
    if (t->m->dept_code && t->unit < 0) {
        tex_line(t, t->m->dept_code);
        tex_raw(t, " ");
    }
    tex_line(t, view_name(t->m, t->unit));
    if (label) {
        tex_fmt(t, "\\hfill %s", label);
        tex_line(t, value);
    }
    tex_raw(t, "\\hfill ");
    tex_line(t, model_label(t->m, "money_unit"));
    tex_line(t, t->m->money);
    tex_raw(t, "}\\\\\n");
}
