/*
 * facts.c — the description of each kind of fact (facts.h).
 */
#include "model/facts.h"

#include <string.h>

#include "model/catalog.h"

const FactType fact_types[F__COUNT] = {
    [F_INCOME] = {"income", CAT_FUNCTION, -1, NULL},
    [F_SPENDING] = {"spending", CAT_FUNCTION, DIM_KIND, "kind"},
    [F_ECONOMIC] = {"economic", CAT_ECONOMIC, DIM_CLASS, "class"},
    [F_SANGONG] = {"sangong", -1, DIM_ITEM, "item"},
    [F_CARRYOVER] = {"carryover", CAT_FUNCTION, -1, NULL},
};

Filter filter_all(FactKind k)
{
    Filter f = {.kind = k};
    for (int d = 0; d < DIM_FACTS; d++)
        f.allow[d] = WORDSET_ALL;
    return f;
}

/* The longer of two code prefixes when one starts the other, else NULL
 * with *NONE set. */
static const char *code_and(const char *a, const char *b, bool *none)
{
    if (!a || !b)
        return a ? a : b;
    size_t na = strlen(a), nb = strlen(b);
    if (strncmp(a, b, na < nb ? na : nb) != 0) {
        *none = true;
        return NULL;
    }
    return na > nb ? a : b;
}

bool filter_and(const Filter *a, const Filter *b, Filter *out)
{
    if (a->kind != b->kind || a->kind == F__COUNT)
        return false;
    bool none = false;
    *out = *a;
    for (int d = 0; d < DIM_FACTS; d++) {
        out->allow[d] = a->allow[d] & b->allow[d];
        none |= out->allow[d] == 0;
    }
    out->code = code_and(a->code, b->code, &none);
    out->admin_only = a->admin_only || b->admin_only;
    return !none;
}

