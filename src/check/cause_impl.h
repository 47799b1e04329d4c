/*
 * cause_impl.h — what the three files of root causes share: the identities
 * recorded and their terms (cause.c), finding the root causes
 * (cause_find.c), reporting them (cause_report.c).  See cause.h, and
 * cause.c for how a root cause is found.
 */
#ifndef BUDC_CAUSE_IMPL_H
#define BUDC_CAUSE_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "check/cause.h"
#include "model/model.h"

enum {
    ROOT_NOTES = 4,        /* identities shown as notes of a root cause */
    ALT_NOTES = 3,         /* other amounts of an ambiguous root cause shown */
    LINES_SHOWN = 16,      /* line numbers listed in a count, before "…" */
    MAX_TERMS = 1 << 20,   /* terms of broken identities, over all (memory) */
    KEEP = -1, DROP = -2   /* the fate of a held diagnostic, else a root's index */
};

typedef enum SrcKind { SRC_FILTER, SRC_CELL, SRC_PATH, SRC_PRIOR_PATH, SRC_AMOUNT } SrcKind;

/* One thing a side of an identity adds up, with its sign. */
typedef struct Src {
    SrcKind kind;
    int coef;
    int unit, col;
    Filter f;
    const Table *t;
    const TRow *r;
    const PathSeg *p;
    ValueCtx ctx;
    Loc at;
} Src;

typedef struct Term {
    int id, coef; /* amount id (index into Causes.amt), coefficient */
} Term;

struct Ident {
    bool broken;
    bool linear;   /* its sides are sums of amounts (false: left out) */
    bool computed; /* terms were computed */
    bool joint;    /* explained by its root together with other roots */
    size_t held;   /* broken: the index of its error among the held */
    int order;     /* index into Causes.ids */
    int root;      /* the root cause that explains it, or -1 */
    Dec gap;
    Src *src;
    int nsrc, capsrc;
    Term *terms;
    int nterms;
};

typedef struct Amount {
    Loc at;
    Dec v;
} Amount;

typedef struct Root {
    int id;        /* the amount */
    Dec delta;     /* the change that repairs its identities */
    size_t pos;    /* held index of its first identity: where it is reported */
    int *alts;     /* other amounts that explain the same identities */
    Dec *alt_delta;
    int nalts;
} Root;

struct Causes {
    const Model *m;
    DiagCtx *d;
    Ident **ids;
    int nids, capids;
    Amount *amt;
    int namt;
    Loc *scratch;
    int nscratch;
    long nterms;   /* terms of broken identities so far */
    Root *roots;
    int nroots;
    int *fate;     /* per held diagnostic: KEEP, DROP or a root */
    int *part;     /* per held diagnostic kept: the identity that root causes
                    * explain in part (an index into ids), or -1 */
    int *root_of;  /* per amount: its root cause, -1, or -2 (ambiguous) */
};

/* Computes the terms of ID (once): the coefficient of each amount in it,
 * merged; ID->linear is false when they cannot be known (cause.c). */
void ident_terms(Causes *cs, Ident *id);

/* Frees CS and what it recorded (cause.c). */
void causes_free(Causes *cs);

/* Finds the root causes of the broken identities of CS: CS->roots, and
 * each identity's root (cause_find.c). */
void find_roots(Causes *cs);

#endif
