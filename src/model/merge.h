/*
 * consolidate.h — budc build --consolidate: the nine tables summed over the
 * departments of a run, by code (a region's 部门预算汇总), as a model the
 * back ends write like any department's.
 */
#ifndef BUDC_CONSOLIDATE_H
#define BUDC_CONSOLIDATE_H

#include <stdbool.h>

#include "front/load.h"
#include "model/model.h"

typedef struct Consolidation {
    Model m;              /* the departments as units of one model */
    int ndepts;
    bool started;
    char name[64];        /* "N个部门汇总" */
    int cap_units, cap_income, cap_spend, cap_econ, cap_sg;
} Consolidation;

void cons_init(Consolidation *c);

/* Adds department D (checked without errors).  Returns -1 with a message in
 * ERR when it cannot be added (another year or money unit), 1 for the first
 * department, whose catalogues serve all (the caller keeps D alive until
 * cons_free), 0 otherwise. */
int cons_add(Consolidation *c, Model *d, char *err, size_t errn);

void cons_free(Consolidation *c);

#endif
