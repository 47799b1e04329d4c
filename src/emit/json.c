/*
 * json.c — the JSON back end: everything the model knows as one
 * document (docs/json.md, docs/budget.schema.json).
 *
 * This file holds the entry point, which lays out the top-level members in
 * their fixed order; the small builders every part uses are in
 * json_build.c, the printer in base/json.c.  The parts are in
 * json_tables.c (department, units and their tables), json_facts.c (facts,
 * projects, performance, prior year, assets) and json_text.c (narrative,
 * glossary, rules, warnings).
 *
 * A unit's own document (单位预算) has the same members, each holding what
 * is the unit's (docs/json.md, "A unit's document"), and a member "view"
 * saying whose it is.
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

#include "base/arena.h"
#include "base/json.h"

/* The version of the document's layout: raised when a key changes meaning
 * or disappears (adding a key does not raise it). */
#define BUDC_JSON_VERSION 1

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

/* The tree of one document is allocated in an arena and freed at once
 * (cJSON's hooks): a node and a string each cost a malloc and a free
 * otherwise, a quarter of `budc json`'s time (issue 16). */
static Arena *tree_arena;

/* (cJSON clears a node itself and fills a string: not cleared here) */
static void *tree_alloc(size_t n) { return arena_alloc_uncleared(tree_arena, n); }

static void tree_free(void *p) { (void)p; }

/* The members of the document, in their fixed order, into ROOT; then
 * the document to OUT. */
static int emit_members(JB *b, cJSON *root, const DiagCtx *d, FILE *out)
{
    jb_int(b, root, "budc_json", BUDC_JSON_VERSION);
    jb_str(b, root, "generator", "budc");
    jb_str(b, root, "source", entry_name(b->m));
    json_view(b, root);
    json_department(b, root);
    json_units(b, root);
    json_facts(b, root);
    json_projects(b, root);
    json_procurement(b, root);
    json_performance(b, root);
    json_prior(b, root);
    json_assets(b, root);
    json_procured(b, root);
    json_narrative(b, root);
    json_glossary(b, root);
    json_rules(b, root);
    json_warnings(b, root, d);
    return b->failed ? -1 : json_write(root, out);
}

int emit_json(const Model *m, int unit, const DiagCtx *d, FILE *out)
{
    JB b = {m, false, unit};
    Arena arena;
    arena_init(&arena);
    tree_arena = &arena;
    cJSON_InitHooks(&(cJSON_Hooks){tree_alloc, tree_free});
    cJSON *root = cJSON_CreateObject();
    int st = root ? 0 : -1;
    if (root)
        st = emit_members(&b, root, d, out);
    cJSON_InitHooks(NULL); /* malloc and free again */
    arena_free(&arena);
    tree_arena = NULL;
    return st;
}
