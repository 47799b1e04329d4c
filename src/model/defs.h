/*
 * defs.h — everything a budget is read and printed with that is data, not
 * code: the classification catalogues (catalog.h), the vocabulary
 * (vocab.h) and the tables of each kind of disclosure (tabledef.h).  They
 * come from the standard library of the budget's year and from the
 * budget's own `catalog`, `vocabulary` and `disclosure` statements.  A
 * run's budgets that have none of their own share one Defs
 * (driver/compile.c); the model reads it as const.
 */
#ifndef BUDC_DEFS_H
#define BUDC_DEFS_H

#include "model/catalog.h"
#include "model/tabledef.h"
#include "model/vocab.h"

typedef struct Defs {
    Catalogs cat;
    Vocab vocab;
    Disclosure *disclosures;
    int ndisclosures;
    /* The words budc must know, found by their tags (vocab.h); -1 or 0
     * when the vocabulary has none (reported). */
    int src_general;   /* 一般公共预算 */
    WordSet src_fiscal; /* 财政拨款 */
    WordSet src_carry;  /* 上年结转 */
    WordSet src_budgeted; /* of a budget: 财政拨款 and its carry-over (vocab_budget) */
    WordSet src_general_budget; /* of 一般公共预算: it and its carry-over (table 6) */
    int kind_basic;    /* 基本 */
    int kind_project;  /* 项目 */
    WordSet kind_fiscal; /* what 财政拨款 may pay */
    int class_default; /* 公用经费 */
} Defs;

/* Reads the catalogues, vocabulary and table definitions of P into D (in
 * A).  Reports their errors and the budget's own catalogue entries (the
 * W-CATALOG-… warnings of catalogs_load); returns the number of errors. */
int defs_load(Defs *d, const struct Program *p, Arena *a, DiagCtx *diag);

void defs_free(Defs *d);

/* The tables of a disclosure of KIND (预算 …), or NULL. */
const Disclosure *defs_disclosure(const Defs *d, const char *kind);

/* Whether a budget has statements of its own (outside the standard
 * library) that Defs are read from: then it cannot share another's. */
bool defs_own(const struct Program *p);

#endif
