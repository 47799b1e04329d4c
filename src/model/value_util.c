/*
 * value_util.c — the helpers value.c and value_final.c share (value_impl.h):
 * a figure's sum and trace, counts, and the unit of another model.
 */
#include "model/value_impl.h"

void value_take(V *v, bool unit_ok, Dec x, Loc at)
{
    if (!unit_ok)
        return;
    trace_add(v->trace, at);
    dec_acc(&v->sum, x);
    if (!v->found)
        v->where = at;
    v->found = true;
}

/* A count (项目.数量, 单位.数量): N, where the first of them is written. */
ValueStatus value_count(V *v, int n, Loc first)
{
    v->sum = dec_from_int(n);
    if (n > 0)
        v->where = first;
    v->found = true;
    return VAL_OK;
}

/* One more thing counted, written at AT (for the trace). */
void value_counted(V *v, int *n, Loc *first, Loc at)
{
    if ((*n)++ == 0)
        *first = at;
    trace_add(v->trace, at);
}

int value_prior_unit(const Model *p, const Unit *u)
{
    for (int i = 0; i < p->nunits; i++)
        if (strcmp(p->units[i].id, u->id) == 0)
            return i;
    return -1;
}
