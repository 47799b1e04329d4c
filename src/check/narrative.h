/*
 * narrative.h — what the two files of the narrative's checks share
 * (narrative.c: the paragraphs; sections.c: the sections, the inserts and
 * what the sections must quote).
 */
#ifndef BUDC_NARRATIVE_H
#define BUDC_NARRATIVE_H

#include <stdbool.h>

#include "base/diag.h"
#include "check/cause.h"
#include "check/report.h"
#include "model/figure.h"
#include "model/model.h"

/* The narrative being checked: the department's or a unit's (whose
 * figures its quotes show: CTX). */
typedef struct N {
    const Model *m;
    DiagCtx *d;
    const Narrative *nr;
    ValueCtx ctx;
    Rounding rounding; /* quotes whose printed figure differs by rounding */
    Causes *cs;        /* the identities checked (cause.h) */
} N;

/* sections.c, in the order check_narrative runs them: the words of the
 * sections (A4), an `insert` paragraph's word, the sections missing, the
 * scope of 机关运行经费 (E4) and what the 三公经费 section quotes (E5). */
void check_section_words(N *n);
void check_insert(N *n, const Para *p);
void check_missing_sections(N *n);
void check_admin_scope(N *n);
void check_sangong_section(N *n);

#endif
