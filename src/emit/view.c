/*
 * view.c — whose document a back end writes (view.h).
 */
#include "emit/view.h"

#include <stdio.h>
#include <string.h>

const char *view_words(const Model *m, int unit, const char *s, char *buf, size_t n)
{
    if (unit < 0 || !s)
        return s;
    const char *from = vocab_label(m->vocab, "dept_word"), *to = vocab_label(m->vocab, "unit_word");
    const char *at = *from ? strstr(s, from) : NULL;
    if (!at)
        return s;
    int len = snprintf(buf, n, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
    return len >= 0 && (size_t)len < n ? buf : s;
}

const char *view_label(const Model *m, int unit, const char *key, char *buf, size_t n)
{
    return view_words(m, unit, model_label(m, key), buf, n);
}

bool view_has_project(int unit, const Project *p)
{
    return unit < 0 || p->unit == unit;
}

bool view_has_purchases(const Model *m, int unit)
{
    for (int i = 0; i < m->nprojects; i++)
        if (view_has_project(unit, &m->projects[i]) && m->projects[i].npur > 0)
            return true;
    return false;
}

const char *view_name(const Model *m, int unit)
{
    return unit < 0 ? m->dept_name : m->units[unit].name;
}

const char *view_stated_note(const Model *m, int id)
{
    for (int i = 0; i < m->nstated; i++)
        if (m->stated[i].table == id && m->stated[i].note)
            return m->stated[i].note;
    return NULL;
}

bool view_table_empty(const Table *tb)
{
    for (int i = 0; i < tb->nrows; i++)
        for (int c = 0; c < tb->ncols; c++)
            if (tb->rows[i].cells[c].set)
                return false;
    return true;
}

const char *view_row_name(const TRow *r)
{
    if (r->kind == ROW_CODE && !*r->label)
        return r->key;
    return r->label;
}
