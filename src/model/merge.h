/*
 * merge.h — budc build --consolidate: the tables summed over the
 * departments of a run, by code (a region's 部门预算汇总).  The departments
 * become the units of a new model, built from their facts and finished like
 * any department's, so the back ends write it the same way.
 */
#ifndef BUDC_MERGE_H
#define BUDC_MERGE_H

#include <stdbool.h>

#include "model/model.h"

typedef struct Consolidation {
    Model m;              /* the departments as units of one model */
    int ndepts;
    bool started, finished;
    char name[64];        /* "N个部门汇总" */
    int cap_units, cap_facts[F__COUNT];
} Consolidation;

void cons_init(Consolidation *c);

/* Adds the facts of department D (checked without errors).  Returns -1
 * with a message in ERR when it cannot be added (another year or money
 * unit), 1 for the first department, whose Defs serve all (the caller keeps
 * them alive until cons_free), 0 otherwise. */
int cons_add(Consolidation *c, const Model *d, char *err, size_t errn);

/* The consolidated model, finished (its tables derived); NULL when no
 * department was added. */
const Model *cons_finish(Consolidation *c);

void cons_free(Consolidation *c);

#endif
