/*
 * json_build.c — the builders of the JSON document (json.h): members and
 * elements added to a cJSON tree, numbers as the exact text of a Dec.
 */
#include <stdio.h>
#include <string.h>

#include "emit/json.h"

cJSON *jb_add(JB *b, cJSON *parent, const char *key, cJSON *item)
{
    bool ok = parent && item;
    if (ok)
        /* a key is a literal, a key of a static table or a string of the
         * model, each of which outlives the tree: not copied (…CS) */
        ok = key ? cJSON_AddItemToObjectCS(parent, key, item) : cJSON_AddItemToArray(parent, item);
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
