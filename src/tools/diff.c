/*
 * diff.c — budc diff: what changed in meaning between two budgets, as one
 * document (docs/diff.md) built area by area (diff_impl.h); diff_text.c
 * prints it for people.
 *
 * The comparison is of the models, never of the text: reformatting a file,
 * reordering its lines or splitting it over imports changes nothing.
 */
#include "tools/diff.h"

#include "tools/diff_impl.h"

cJSON *diff_compare(const Model *old, const Model *new, const char *old_name, const char *new_name,
                    int *changes)
{
    Diff d = {{new, false, -1}, old, new, 0};
    JB *b = &d.jb;
    cJSON *doc = cJSON_CreateObject();
    jb_int(b, doc, "budc_diff", 1);
    jb_str(b, doc, "old", old_name);
    jb_str(b, doc, "new", new_name);
    cJSON *same = jb_add(b, doc, "same", cJSON_CreateFalse());
    cJSON *totals = jb_array(b, doc, "totals");
    diff_department(&d, jb_array(b, doc, "department"));
    diff_units(&d, jb_array(b, doc, "units"));
    /* a budget and the 决算 that executes it: the execution per code; the
     * facts, projects and texts of a plan and of its execution are not two
     * versions of one document */
    bool execution = !old->final && new->final;
    cJSON *tables = jb_array(b, doc, "tables");
    if (execution)
        diff_execution(&d, jb_array(b, doc, "execution"));
    else if (old->final == new->final)
        diff_tables(&d, totals, tables);
    cJSON *facts = jb_array(b, doc, "facts"), *projects = jb_array(b, doc, "projects");
    cJSON *prior = jb_array(b, doc, "prior"), *assets = jb_array(b, doc, "assets");
    cJSON *narrative = jb_array(b, doc, "narrative"), *glossary = jb_array(b, doc, "glossary");
    if (!execution) { /* else each stays an empty array */
        diff_facts(&d, facts);
        diff_projects(&d, projects);
        diff_prior(&d, prior);
        diff_assets(&d, assets);
        diff_narrative(&d, narrative);
        diff_glossary(&d, glossary);
    }
    if (same && d.nchanges == 0)
        /* known only now; the member keeps its place (and its key, not copied) */
        same->type = cJSON_True | (same->type & cJSON_StringIsConst);
    *changes = d.nchanges;
    if (b->failed || !doc) {
        cJSON_Delete(doc);
        return NULL;
    }
    return doc;
}
