/*
 * json_tables.c — the department and its units, each with the tables of
 * its disclosure (model_table): key, number, titles, columns, and rows whose
 * cells are keyed by column.  A cell no fact contributes to is null, which
 * is not the same as 0.00.  A unit's document (view.h) says whose it is,
 * gives the department the unit's tables (the document's, titled as the
 * unit's: 单位预算收支总表 …) and lists that unit alone.
 */
#include "emit/json.h"
#include "emit/view.h"

static const char *const row_kinds[] = {[ROW_TOTAL] = "total", [ROW_CODE] = "code",
                                        [ROW_LABEL] = "label"};


static void row_json(JB *b, cJSON *rows, const Table *t, const TRow *r)
{
    cJSON *o = jb_object(b, rows, NULL);
    jb_str(b, o, "kind", row_kinds[r->kind]);
    jb_str(b, o, "key", r->key);
    if (r->kind == ROW_CODE)
        jb_int(b, o, "level", r->level);
    else
        jb_null(b, o, "level");
    jb_str(b, o, "name", r->name);
    if (t->def->nsides == 2)
        jb_str(b, o, "section", t->def->sides[r->section].key);
    else
        jb_null(b, o, "section");
    cJSON *cells = jb_object(b, o, "cells");
    for (int c = 0; c < t->ncols; c++) {
        if (r->cells[c].set)
            jb_money(b, cells, t->def->cols[c].key, r->cells[c].v);
        else
            jb_null(b, cells, t->def->cols[c].key);
    }
}

/* Table ID of UNIT (-1: the department) as the next element of TABLES. */
static void table_json(JB *b, cJSON *tables, int id, int unit)
{
    const Table *t = model_table(b->m, id, unit);
    const TableDef *def = t->def;
    cJSON *o = jb_object(b, tables, NULL);
    char title[512];
    jb_str(b, o, "key", def->key);
    jb_int(b, o, "number", def->number);
    jb_str(b, o, "title", view_words(b->m, b->unit, def->title, title, sizeof title));
    jb_str(b, o, "word", def->word);
    jb_str(b, o, "note", unit < 0 ? view_stated_note(b->m, id) : NULL);
    cJSON *cols = jb_array(b, o, "columns");
    for (int c = 0; c < t->ncols; c++) {
        cJSON *col = jb_object(b, cols, NULL);
        jb_str(b, col, "key", def->cols[c].key);
        jb_str(b, col, "title", def->cols[c].title);
    }
    cJSON *rows = jb_array(b, o, "rows");
    for (int i = 0; i < t->nrows; i++)
        row_json(b, rows, t, &t->rows[i]);
}

static void tables_json(JB *b, cJSON *parent, int unit)
{
    cJSON *tables = jb_array(b, parent, "tables");
    for (int id = 0; id < model_ntables(b->m); id++)
        table_json(b, tables, id, unit);
}

void json_view(JB *b, cJSON *root)
{
    if (b->unit < 0) /* the department's document has no "view" */
        return;
    cJSON *o = jb_object(b, root, "view");
    jb_str(b, o, "kind", "unit");
    jb_str(b, o, "unit", b->m->units[b->unit].id);
    jb_str(b, o, "name", b->m->units[b->unit].name);
}

/* The department, with the tables of the document: its own, or in a
 * unit's document the unit's. */
void json_department(JB *b, cJSON *root)
{
    const Model *m = b->m;
    cJSON *o = jb_object(b, root, "department");
    jb_str(b, o, "code", m->dept_code);
    jb_str(b, o, "name", m->dept_name);
    jb_int(b, o, "year", m->year);
    jb_str(b, o, "kind", m->kind);
    jb_str(b, o, "money", m->money);
    tables_json(b, o, b->unit);
}

void json_units(JB *b, cJSON *root)
{
    cJSON *units = jb_array(b, root, "units");
    for (int i = 0; i < b->m->nunits; i++) {
        if (b->unit >= 0 && i != b->unit)
            continue;
        const Unit *u = &b->m->units[i];
        cJSON *o = jb_object(b, units, NULL);
        jb_str(b, o, "id", u->id);
        jb_str(b, o, "name", u->name);
        jb_str(b, o, "nature", u->nature);
        jb_str(b, o, "rank", u->rank);
        jb_str(b, o, "funding", u->funding);
        tables_json(b, o, i);
    }
}
