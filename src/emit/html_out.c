/*
 * html_out.c — the writers of the HTML back end (html.h): escaped text,
 * labels and exact amounts.
 */
#include <stdarg.h>
#include <string.h>

#include "emit/html.h"
#include "emit/view.h"

void html_raw(Html *h, const char *s)
{
    fputs(s, h->f);
}

void html_fmt(Html *h, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(h->f, fmt, ap);
    va_end(ap);
}

static void escaped(Html *h, const char *s, bool breaks)
{
    if (!s)
        return;
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", h->f); break;
        case '<': fputs("&lt;", h->f); break;
        case '>': fputs("&gt;", h->f); break;
        case '"': fputs("&quot;", h->f); break;
        case '\'': fputs("&#39;", h->f); break;
        case '\r': break;
        case '\n': fputs(breaks ? "<br>\n" : " ", h->f); break;
        default:
            /* other control characters have no place in a page */
            if ((unsigned char)*p < 0x20 && *p != '\t')
                fputc(' ', h->f);
            else
                fputc(*p, h->f);
        }
    }
}

void html_text(Html *h, const char *s)
{
    escaped(h, s, true);
}

void html_line(Html *h, const char *s)
{
    escaped(h, s, false);
}

void html_label(Html *h, const char *key)
{
    char buf[512];
    html_line(h, view_label(h->m, h->unit, key, buf, sizeof buf));
}

void html_words(Html *h, const char *s)
{
    char buf[1024];
    html_line(h, view_words(h->m, h->unit, s, buf, sizeof buf));
}

void html_num(Html *h, Dec v)
{
    char buf[DEC_FMT_MAX];
    dec_format(v, buf, sizeof buf);
    html_raw(h, buf);
}

void html_money(Html *h, Dec v)
{
    Dec r;
    if (v.scale < 2 && dec_rescale(v, 2, &r) == DEC_OK)
        v = r;
    html_num(h, v);
}
