/*
 * emit_json_tables.c — the department and its units, each with the nine
 * derived tables (model_table): key, number, titles, columns, and rows whose
 * cells are keyed by column.  A cell no fact contributes to is null, which
 * is not the same as 0.00.
 */
#include "emit/json.h"

static const char *const row_kinds[] = {[ROW_TOTAL] = "total", [ROW_CODE] = "code",
                                        [ROW_LABEL] = "label"};

/* The note an author stated under table ID (空表列示 …), or NULL. */
static const char *stated_note(const Model *m, TableId id)
{
    for (int i = 0; i < m->nstated; i++)
        if (m->stated[i].id == id && m->stated[i].note)
            return m->stated[i].note;
    return NULL;
}

/* Whether table ID has an income and an expenditure side (tables 1, 4). */
static bool two_sided(TableId id)
{
    return id == T_SZ || id == T_CZ;
}

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
    if (two_sided(t->id))
        jb_str(b, o, "section", r->section == 0 ? "income" : "expenditure");
    else
        jb_null(b, o, "section");
    cJSON *cells = jb_object(b, o, "cells");
    for (int c = 0; c < t->ncols; c++) {
        if (r->cells[c].set)
            jb_money(b, cells, t->col_keys[c], r->cells[c].v);
        else
            jb_null(b, cells, t->col_keys[c]);
    }
}

/* Table ID of UNIT (-1: the department) as the next element of TABLES. */
static void table_json(JB *b, cJSON *tables, TableId id, int unit)
{
    const Table *t = model_table(b->m, id, unit);
    cJSON *o = jb_object(b, tables, NULL);
    if (!t) {
        b->failed = true;
        return;
    }
    jb_str(b, o, "key", table_key(id));
    jb_int(b, o, "number", (long)id + 1);
    jb_str(b, o, "title", table_title(id));
    jb_str(b, o, "word", table_word(id));
    jb_str(b, o, "note", unit < 0 ? stated_note(b->m, id) : NULL);
    cJSON *cols = jb_array(b, o, "columns");
    for (int c = 0; c < t->ncols; c++) {
        cJSON *col = jb_object(b, cols, NULL);
        jb_str(b, col, "key", t->col_keys[c]);
        jb_str(b, col, "title", t->cols[c]);
    }
    cJSON *rows = jb_array(b, o, "rows");
    for (int i = 0; i < t->nrows; i++)
        row_json(b, rows, t, &t->rows[i]);
}

static void tables_json(JB *b, cJSON *parent, int unit)
{
    cJSON *tables = jb_array(b, parent, "tables");
    for (int id = 0; id < T__COUNT; id++)
        table_json(b, tables, (TableId)id, unit);
}

void json_department(JB *b, cJSON *root)
{
    const Model *m = b->m;
    cJSON *o = jb_object(b, root, "department");
    jb_str(b, o, "code", m->dept_code);
    jb_str(b, o, "name", m->dept_name);
    jb_int(b, o, "year", m->year);
    jb_str(b, o, "money", m->money);
    tables_json(b, o, -1);
}

void json_units(JB *b, cJSON *root)
{
    cJSON *units = jb_array(b, root, "units");
    for (int i = 0; i < b->m->nunits; i++) {
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
