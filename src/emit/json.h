/*
 * json.h — the parts of the JSON back end (json*.c), shared between its
 * files; the interface is emit_json in emit.h.
 *
 * The document is built as a cJSON tree and written by json_write, which
 * prints it with a two-space indent, one member or element per line, UTF-8
 * as-is.  Every number is a cJSON raw item holding the exact text of a Dec
 * (dec_format) or of an integer: no value ever goes through a double.
 *
 * The builders below never fail loudly: when cJSON cannot allocate, they set
 * JB.failed and the caller gives up at the end (emit_json returns -1).  A
 * builder given a NULL parent (after such a failure) does nothing.
 */
#ifndef BUDC_EMIT_JSON_H
#define BUDC_EMIT_JSON_H

#include <cjson/cJSON.h>

#include "base/json.h"
#include <stdio.h>

#include "base/diag.h"
#include "model/model.h"

typedef struct JB {
    const Model *m;
    bool failed; /* an allocation failed: the document is incomplete */
    int unit;    /* whose document: -1 the department's, else the unit's (view.h) */
} JB;

/* Adds ITEM to PARENT: as member KEY of an object, or (KEY NULL) as the next
 * element of an array.  Returns ITEM, or NULL (and ITEM freed) on failure. */
cJSON *jb_add(JB *b, cJSON *parent, const char *key, cJSON *item);
/* (KEY is not copied: it must outlive the tree — a literal, a key of a
 * static table, a string of the model.) */

/* A new object or array added to PARENT. */
cJSON *jb_object(JB *b, cJSON *parent, const char *key);
cJSON *jb_array(JB *b, cJSON *parent, const char *key);

/* Scalars: a string (null when S is NULL), an integer, a boolean, null. */
void jb_str(JB *b, cJSON *parent, const char *key, const char *s);
void jb_int(JB *b, cJSON *parent, const char *key, long v);
void jb_bool(JB *b, cJSON *parent, const char *key, bool v);
void jb_null(JB *b, cJSON *parent, const char *key);

/* A number as written: the Dec's own decimals ("500", "0.5"). */
void jb_num(JB *b, cJSON *parent, const char *key, Dec v);

/* An amount of money: the Dec's own decimals, but at least 2 ("35" is
 * written 35.00, "46.30" stays 46.30, a sum keeps its larger scale). */
void jb_money(JB *b, cJSON *parent, const char *key, Dec v);

/* The id of unit U (its word: 本级), for facts that belong to a unit. */
const char *jb_unit(const JB *b, int u);

/* json_tables.c: whose document it is (a unit's only), the department
 * object with the document's tables, and the units with theirs. */
void json_view(JB *b, cJSON *root);
void json_department(JB *b, cJSON *root);
void json_units(JB *b, cJSON *root);

/* json_facts.c: facts, projects, procurement summary, performance,
 * prior year, assets. */
void json_facts(JB *b, cJSON *root);
void json_projects(JB *b, cJSON *root);
void json_procurement(JB *b, cJSON *root);
void json_performance(JB *b, cJSON *root);
void json_prior(JB *b, cJSON *root);
void json_assets(JB *b, cJSON *root);
void json_procured(JB *b, cJSON *root);

/* json_text.c: narrative, glossary, rules and the recorded warnings. */
void json_narrative(JB *b, cJSON *root);
void json_glossary(JB *b, cJSON *root);
void json_rules(JB *b, cJSON *root);
void json_warnings(JB *b, cJSON *root, const DiagCtx *d);

/* An indicator value as an object ({"kind": "number", "op": …}). */
void json_ind_value(JB *b, cJSON *parent, const char *key, const IndValue *v);


#endif
