/*
 * emit_json.c — the JSON back end: everything the model knows as one
 * document (docs/json.md, docs/budget.schema.json).
 *
 * This file holds the entry point, which lays out the top-level members in
 * their fixed order, and the small builders every part uses (json.h); the
 * printer is base/json.c.  The parts are in emit_json_tables.c (department, units and
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

#include "base/json.h"

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
