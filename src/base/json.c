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

/* S as a JSON string: quotes, backslashes and control characters escaped,
 * other characters as they are (UTF-8).  A byte that is not valid UTF-8 (a
 * message cut in the middle of a character) becomes U+FFFD. */
void json_put_string(FILE *f, const char *str)
{
    const unsigned char *s = (const unsigned char *)str, *run = s;
    fputc('"', f);
    while (*s) {
        int n = (int)utf8_valid(s, 4); /* a shorter string ends in its NUL, never valid */
        const char *esc = escape_of(*s);
        if (!esc && *s >= 0x20 && n > 0) { /* written with the run it is in */
            s += n;
            continue;
        }
        fwrite(run, 1, (size_t)(s - run), f);
        if (esc)
            fputs(esc, f);
        else if (*s < 0x20)
            fprintf(f, "\\u%04x", *s);
        else
            fputs("\xEF\xBF\xBD", f); /* U+FFFD */
        s += n ? n : 1;
        run = s;
    }
    fwrite(run, 1, (size_t)(s - run), f);
    fputc('"', f);
}

static void indent(FILE *f, int depth)
{
    for (int i = 0; i < depth; i++)
        fputs("  ", f);
}

static void put_value(FILE *f, const cJSON *v, int depth)
{
    if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
        bool obj = cJSON_IsObject(v);
        if (!v->child) {
            fputs(obj ? "{}" : "[]", f);
            return;
        }
        fputc(obj ? '{' : '[', f);
        for (const cJSON *c = v->child; c; c = c->next) {
            fputc('\n', f);
            indent(f, depth + 1);
            if (obj) {
                json_put_string(f, c->string);
                fputs(": ", f);
            }
            put_value(f, c, depth + 1);
            if (c->next)
                fputc(',', f);
        }
        fputc('\n', f);
        indent(f, depth);
        fputc(obj ? '}' : ']', f);
    } else if (cJSON_IsRaw(v)) {
        fputs(v->valuestring, f);
    } else if (cJSON_IsString(v)) {
        json_put_string(f, v->valuestring);
    } else if (cJSON_IsBool(v)) {
        fputs(cJSON_IsTrue(v) ? "true" : "false", f);
    } else {
        fputs("null", f);
    }
}

int json_write(const cJSON *root, FILE *out)
{
    put_value(out, root, 0);
    fputc('\n', out);
    return ferror(out) ? -1 : 0;
}
