/*
 * facts.h — the facts a budget's figures are written in: income, spending,
 * basic expenditure by economic code, "三公" and the money carried over to
 * next year, one struct for all five
 * (Fact), and one description of each kind (FactType) that the JSON back
 * end, budc diff and the consolidation read instead of knowing the kinds.
 *
 * A fact's words (its fund source, kind, class or item) are indices into
 * the vocabulary of their dimension (vocab.h).
 */
#ifndef BUDC_FACTS_H
#define BUDC_FACTS_H

#include <stdbool.h>
#include <string.h>

#include "base/decimal.h"
#include "base/source.h"
#include "model/vocab.h"

typedef enum FactKind {
    F_INCOME,   /* income { SOURCE AMOUNT } */
    F_SPENDING, /* spending SOURCE { CODE KIND AMOUNT } */
    F_ECONOMIC, /* economic SOURCE { CODE [CLASS] AMOUNT } */
    F_SANGONG,  /* sangong SOURCE { ITEM AMOUNT } */
    F_CARRYOVER, /* carryover { SOURCE AMOUNT }: 年终结转结余, kept for next year */
    F__COUNT
} FactKind;

typedef struct Fact {
    int unit;                    /* index into Model.units */
    const char *code;            /* spending: a function 项; economic: a 款; NULL otherwise */
    signed char dim[DIM_FACTS];   /* its word of each dimension, -1 where it has none */
    bool class_written;          /* economic: 人员经费/公用经费 written on the line */
    Dec amount;
    Loc loc, code_loc, amount_loc; /* the line, its code, its amount */
} Fact;

/* A kind of fact: what it is called in JSON and diff, the catalogue of its
 * code, and its words besides the fund source. */
typedef struct FactType {
    const char *key;   /* income, spending, economic, sangong */
    int catalog;       /* CatKind of its code (catalog.h), or -1 */
    int word;          /* its Dim besides DIM_SOURCE, or -1 (income) */
    const char *word_key; /* that word's JSON member: kind, class, item */
} FactType;

extern const FactType fact_types[F__COUNT];

/* A set of facts: of one kind, with one of the words ALLOW gives in each
 * dimension, a code that starts with CODE, of any unit or (ADMIN_ONLY) of
 * the units that are 行政 or 参公事业 only.  Tables, quotes and balances
 * are sums over filters (query.h). */
typedef struct Filter {
    FactKind kind;             /* F__COUNT: selects nothing */
    WordSet allow[DIM_FACTS];
    const char *code;          /* a code prefix, or NULL */
    bool admin_only;
} Filter;

/* Every fact of kind K. */
Filter filter_all(FactKind k);

/* The facts both A and B select, into *OUT; false when they select none
 * (other kinds, or no word in common). */
bool filter_and(const Filter *a, const Filter *b, Filter *out);

/* Whether fact X of kind K is one F selects (ADMIN: whether X's unit is 行政
 * or 参公事业, asked only when F needs it).  Inline: every table cell asks
 * it of every fact. */
static inline bool filter_has(const Filter *f, FactKind k, const Fact *x, bool admin)
{
    if (f->kind != k)
        return false;
    for (int d = 0; d < DIM_FACTS; d++)
        if (x->dim[d] >= 0 && !(f->allow[d] & ((WordSet)1 << x->dim[d])))
            return false;
    if (f->code && (!x->code || strncmp(x->code, f->code, strlen(f->code)) != 0))
        return false;
    return !f->admin_only || admin;
}


#endif
