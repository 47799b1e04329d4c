/*
 * json.c — writing JSON text (see json.h): strings, and a cJSON tree in
 * budc's layout.
 *
 * The printer is budc's own rather than cJSON_Print, whose layout (tabs,
 * arrays on one line) makes poor diffs: here every member and element is on
 * a line of its own, indented by two spaces, as Python's json.dumps(…,
 * indent=2, ensure_ascii=False) would write it.
 */
#include "base/json.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"

/* The escape JSON requires for byte C, or NULL when it is written as it is
 * (other control characters are written \u00XX by put_string). */
static const char *escape_of(unsigned char c)
{
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    case '\b': return "\\b";
    case '\f': return "\\f";
    default: return NULL;
    }
}

/* Where the text goes: a buffer, written to F when full and at the end
 * (one fwrite for many pieces). */
typedef struct Sink {
    FILE *f;
    size_t n;
    char buf[16384];
} Sink;

static void flush(Sink *k)
{
    fwrite(k->buf, 1, k->n, k->f);
    k->n = 0;
}

static void put_slow(Sink *k, const void *p, size_t n)
{
    flush(k);
    if (n > sizeof k->buf) {
        fwrite(p, 1, n, k->f);
        return;
    }
    memcpy(k->buf, p, n);
    k->n = n;
}

/* (the printer's pieces are small: copied into the buffer in line, the
 * buffer written when full — a third of `budc json` is this printer) */
static inline void put(Sink *k, const void *p, size_t n)
{
    if (n <= sizeof k->buf - k->n) {
        memcpy(k->buf + k->n, p, n);
        k->n += n;
    } else {
        put_slow(k, p, n);
    }
}

static void puts_(Sink *k, const char *s) { put(k, s, strlen(s)); }

static inline void putc_(Sink *k, char c)
{
    if (k->n == sizeof k->buf)
        flush(k);
    k->buf[k->n++] = c;
}

/* The bytes written as they are without a look at what follows: printable
 * ASCII but the quote and the backslash. */
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
static const unsigned char plain[256] = {
    R16(0), R16(0),                                 /* 0x00-0x1F */
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x20-0x2F, '"' */
    R16(1), R16(1),                                 /* 0x30-0x4F */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 0x50-0x5F, '\\' */
    R16(1), R16(1),                                 /* 0x60-0x7F */
    /* 0x80-0xFF: 0 */
};
#undef R16

static void put_string(Sink *k, const char *str)
{
    const unsigned char *s = (const unsigned char *)str, *run = s;
    putc_(k, '"');
    while (*s) {
        while (plain[*s]) /* the common case */
            s++;
        if (!*s)
            break;
        if ((*s & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
            (*s != 0xE0 || s[1] >= 0xA0) && (*s != 0xED || s[1] <= 0x9F)) {
            s += 3; /* a valid 3-byte character (CJK), as utf8_valid would say */
            continue;
        }
        int n = (int)utf8_valid(s, 4); /* a shorter string ends in its NUL, never valid */
        const char *esc = escape_of(*s);
        if (!esc && *s >= 0x20 && n > 0) { /* written with the run it is in */
            s += n;
            continue;
        }
        put(k, run, (size_t)(s - run));
        if (esc) {
            puts_(k, esc);
        } else if (*s < 0x20) {
            char u[8];
            snprintf(u, sizeof u, "\\u%04x", *s);
            puts_(k, u);
        } else {
            puts_(k, "\xEF\xBF\xBD"); /* U+FFFD */
        }
        s += n ? n : 1;
        run = s;
    }
    put(k, run, (size_t)(s - run));
    putc_(k, '"');
}

void json_put_string(FILE *f, const char *str)
{
    Sink k = {f, 0, {0}};
    put_string(&k, str);
    flush(&k);
}

static void indent(Sink *k, int depth)
{
    static const char spaces[] = "                                                            "
                                 "                                                            ";
    int n = 2 * depth;
    for (; n > (int)sizeof spaces - 1; n -= (int)sizeof spaces - 1)
        put(k, spaces, sizeof spaces - 1);
    put(k, spaces, (size_t)n);
}

static void put_value(Sink *k, const cJSON *v, int depth)
{
    if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
        bool obj = cJSON_IsObject(v);
        if (!v->child) {
            puts_(k, obj ? "{}" : "[]");
            return;
        }
        putc_(k, obj ? '{' : '[');
        for (const cJSON *c = v->child; c; c = c->next) {
            putc_(k, '\n');
            indent(k, depth + 1);
            if (obj) {
                put_string(k, c->string);
                put(k, ": ", 2);
            }
            put_value(k, c, depth + 1);
            if (c->next)
                putc_(k, ',');
        }
        putc_(k, '\n');
        indent(k, depth);
        putc_(k, obj ? '}' : ']');
    } else if (cJSON_IsRaw(v)) {
        puts_(k, v->valuestring);
    } else if (cJSON_IsString(v)) {
        put_string(k, v->valuestring);
    } else if (cJSON_IsBool(v)) {
        puts_(k, cJSON_IsTrue(v) ? "true" : "false");
    } else {
        puts_(k, "null");
    }
}

int json_write(const cJSON *root, FILE *out)
{
    Sink *k = xmalloc(sizeof *k);
    k->f = out;
    k->n = 0;
    put_value(k, root, 0);
    putc_(k, '\n');
    flush(k);
    free(k);
    return ferror(out) ? -1 : 0;
}
