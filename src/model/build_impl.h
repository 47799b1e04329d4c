/*
 * build_impl.h — what the files that build the model share (build.c: the
 * walk and the statements outside units; build_unit.c: a unit's facts and
 * projects; build_shared.c: the narrative and prior blocks of the
 * department and of a unit; build_util.c: reporting, words and amounts):
 * the builder's state and its helpers.
 */
#ifndef BUDC_BUILD_IMPL_H
#define BUDC_BUILD_IMPL_H

#include "base/hashidx.h"
#include "model/model.h"

/* The capacities of a narrative's arrays while it is built. */
typedef struct NarrativeCaps {
    int sections, paras;
} NarrativeCaps;

typedef struct B {
    Model *m;
    DiagCtx *d;
    int unit;
    int first[F__COUNT]; /* the unit's first facts */
    int cap_facts[F__COUNT];
    int cap_units, cap_proj, cap_targets, cap_goals, cap_prior, cap_stated, cap_glossary,
        cap_rules, cap_asset_parts;
    NarrativeCaps narrative;      /* the department's */
    NarrativeCaps unit_narrative; /* the current unit's */
    int cap_unit_prior;           /* the current unit's prior lines */
    HashIdx proj_names;           /* each unit's projects by name: the first
                                     of each name, and after it (proj_next)
                                     the others with the same hash */
    int *proj_next;
    int cap_proj_next;
} B;

#define PUSH(m, arr, n, cap) ARENA_PUSH(&(m)->arena, arr, n, cap)

/* Reports an error at LOC, counted against the model and the current unit. */
void build_err(B *b, Loc loc, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* build_util.c */
void build_list_words(const char *const *w, int n, char *buf, size_t size);
const char *build_closest(const char *word, const char *const *w, int n);
int build_resolve(B *b, Dim d, const Atom *a, const char *code, const char *what, const char *whats);
int build_resolve_source(B *b, const Atom *a);
const char *build_word_name(const B *b, Dim d, int w);
bool build_is_fiscal(const B *b, int src);
bool build_amount_ok(B *b, const Atom *a, const char *what);
const Atom *build_read_value(B *b, const Atom *a, IndValue *v);
void build_own_measure(B *b, IndValue *v);

/* build_shared.c: the paragraphs and sections of a `narrative` block S into N
 * (the department's or a unit's), and the lines of a `prior` block. */
void build_narrative(B *b, const Stmt *s, Narrative *n, NarrativeCaps *cap);
void build_prior(B *b, const Stmt *s);

/* build_unit.c: a `unit` block. */
void build_unit(B *b, const Stmt *s);

#endif

