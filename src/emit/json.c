/*
 * emit_json.c — the JSON back end: everything the model knows as one
 * document (docs/json.md, docs/budget.schema.json).
 *
 * This file holds the entry point, which lays out the top-level members in
 * their fixed order, the small builders every part uses (emit_json.h), and
 * the printer.  The parts are in emit_json_tables.c (department, units and
 * the nine tables), emit_json_facts.c (facts, projects, performance, prior
 * year, assets) and emit_json_text.c (narrative, glossary, rules, warnings).
 *
 * The printer is budc's own rather than cJSON_Print, whose layout (tabs,
 * arrays on one line) makes poor diffs: here every member and element is on
 * a line of its own, indented by two spaces, as Python's json.dumps(…,
 * indent=2, ensure_ascii=False) would write it.  The output depends on the
 * model only: no time, no locale, no absolute path, no pointer order.
 */
#include <string.h>

#include "emit/emit.h"
#include "emit/json.h"

/* The version of the document's layout: raised when a key changes meaning
 * or disappears (adding a key does not raise it). */
#define BUDC_JSON_VERSION 1

/* ---- builders ------------------------------------------------------------------ */

cJSON *jb_add(JB *b, cJSON *parent, const char *key, cJSON *item)
{
    bool ok = parent && item;
    if (ok)
        ok = key ? cJSON_AddItemToObject(parent, key, item) : cJSON_AddItemToArray(parent, item);
    if (!ok) {
        cJSON_Delete(item);
        b->failed = true;
        return NULL;
    }
    return item;
}

cJSON *jb_object(JB *b, cJSON *parent, const char *key)
{
    return jb_add(b, parent, key, cJSON_CreateObject());
}

cJSON *jb_array(JB *b, cJSON *parent, const char *key)
{
    return jb_add(b, parent, key, cJSON_CreateArray());
}

void jb_str(JB *b, cJSON *parent, const char *key, const char *s)
{
    jb_add(b, parent, key, s ? cJSON_CreateString(s) : cJSON_CreateNull());
}

void jb_int(JB *b, cJSON *parent, const char *key, long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    jb_add(b, parent, key, cJSON_CreateRaw(buf));
}

void jb_bool(JB *b, cJSON *parent, const char *key, bool v)
{
    jb_add(b, parent, key, cJSON_CreateBool(v));
}

void jb_null(JB *b, cJSON *parent, const char *key)
{
    jb_add(b, parent, key, cJSON_CreateNull());
}

void jb_num(JB *b, cJSON *parent, const char *key, Dec v)
{
    char buf[DEC_FMT_MAX];
    dec_format(v, buf, sizeof buf);
    jb_add(b, parent, key, cJSON_CreateRaw(buf));
}

void jb_money(JB *b, cJSON *parent, const char *key, Dec v)
{
    Dec r;
    /* exact: adding zero decimals never loses a digit (and an amount of 18
     * digits that would overflow is written as it is) */
    if (v.scale < 2 && dec_rescale(v, 2, &r) == DEC_OK)
        v = r;
    jb_num(b, parent, key, v);
}

const char *jb_unit(const JB *b, int u)
{
    return u >= 0 && u < b->m->nunits ? b->m->units[u].id : NULL;
}

/* ---- the printer ----------------------------------------------------------------- */

/* The length of the valid UTF-8 sequence at S, or 0 when it is not one. */
static int utf8_len(const unsigned char *s)
{
    int n;
    if (s[0] < 0x80)
        n = 1;
    else if (s[0] < 0xC2) /* a continuation byte, or an overlong 2-byte form */
        return 0;
    else if (s[0] < 0xE0)
        n = 2;
    else if (s[0] < 0xF0)
        n = 3;
    else if (s[0] < 0xF5)
        n = 4;
    else
        return 0;
    for (int i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    /* overlong 3- and 4-byte forms, surrogates, beyond U+10FFFF */
    if ((n == 3 && s[0] == 0xE0 && s[1] < 0xA0) || (n == 3 && s[0] == 0xED && s[1] >= 0xA0) ||
        (n == 4 && s[0] == 0xF0 && s[1] < 0x90) || (n == 4 && s[0] == 0xF4 && s[1] >= 0x90))
        return 0;
    return n;
}

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
static void put_string(FILE *f, const char *str)
{
    const unsigned char *s = (const unsigned char *)str, *run = s;
    fputc('"', f);
    while (*s) {
        int n = utf8_len(s);
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
                put_string(f, c->string);
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
        put_string(f, v->valuestring);
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

/* ---- the document -------------------------------------------------------------- */

/* The entry file's name without its directories. */
static const char *entry_name(const Model *m)
{
    const Module *e = m->program ? m->program->modules : NULL;
    if (!e || !e->file || !e->file->name)
        return NULL;
    const char *slash = strrchr(e->file->name, '/');
    return slash ? slash + 1 : e->file->name;
}

int emit_json(const Model *m, const DiagCtx *d, FILE *out)
{
    JB b = {m, false};
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return -1;
    jb_int(&b, root, "budc_json", BUDC_JSON_VERSION);
    jb_str(&b, root, "generator", "budc");
    jb_str(&b, root, "source", entry_name(m));
    json_department(&b, root);
    json_units(&b, root);
    json_facts(&b, root);
    json_projects(&b, root);
    json_procurement(&b, root);
    json_performance(&b, root);
    json_prior(&b, root);
    json_assets(&b, root);
    json_narrative(&b, root);
    json_glossary(&b, root);
    json_rules(&b, root);
    json_warnings(&b, root, d);
    int st = b.failed ? -1 : json_write(root, out);
    cJSON_Delete(root);
    return st;
}
