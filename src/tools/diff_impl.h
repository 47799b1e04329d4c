/*
 * diff_impl.h — the parts of `budc diff` (diff*.c), shared between its
 * files; the interface is cmd_diff in diff.h.
 *
 * The comparison builds one cJSON document (docs/diff.md) with the
 * builders of the JSON back end (emit_json.h), numbers as exact raw
 * literals.  `--format json` prints it with json_write; the text format is
 * printed from the same document (diff_text.c), so both always say the
 * same thing.
 *
 *   diff.c         the document, area by area
 *   diff_match.c   the matching helpers, amounts and fields
 *   diff_tables.c  the nine tables, the totals they move, the facts
 *   diff_items.c   department, units, projects (indicators, purchases)
 *   diff_prose.c   prior figures, assets, narrative, glossary
 *   diff_exec.c    a budget against its 决算: 预算, 决算 and the rate per code
 *   diff_text.c    the text format
 */
#ifndef BUDC_DIFF_IMPL_H
#define BUDC_DIFF_IMPL_H

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>

#include "base/hashidx.h"
#include "emit/json.h"
#include "model/model.h"

typedef struct Diff {
    JB jb;          /* the builders (jb.m is the new model) */
    const Model *old; /* OLD.bud */
    const Model *new; /* NEW.bud */
    int nchanges;   /* entries recorded so far: 0 means the budgets are the same */
} Diff;

/* ---- matching (diff.c) ------------------------------------------------------------- */

/* One step of a comparison: old item OLD against new item NEW; -1 on the
 * side where the item does not exist (added: old -1; removed: new -1). */
typedef struct DiffPair {
    int old, new;
} DiffPair;

/* Whether old item I and new item J are the same item (same key). */
typedef bool (*DiffSame)(const void *ctx, int i, int j);

/* The hash of the key of item I of the old side (NEW false) or the new one
 * (base/hashidx.h: hash_str …): items SAME calls the same hash alike. */
typedef uint64_t (*DiffKey)(const void *ctx, bool new, int i);

/* Matches NOLD old items with NNEW new items by key, in any order (a
 * duplicate key matches the first unmatched one), found by the hash KEY
 * and confirmed by SAME: linear in the items.  Writes the steps into OUT
 * (room for NOLD + NNEW) in the new order, each removed item where it
 * stood among the old ones; returns how many. */
int diff_match(int nold, int nnew, DiffSame same, DiffKey key, const void *ctx, DiffPair *out);

/* Like diff_match, but in order (a longest common subsequence of equal
 * items), for paragraphs: an old and a new item that are not equal and
 * stand between the same equal neighbours are paired as a change. */
int diff_sequence(int nold, int nnew, DiffSame same, const void *ctx, DiffPair *out);

/* The steps array for N items (free it). */
DiffPair *diff_pairs(int n);

/* ---- entries (diff.c) --------------------------------------------------------------- */

/* Whether two strings are equal (NULL equals only NULL). */
bool str_same(const char *a, const char *b);

/* Whether two optional amounts are equal; an absent one counts as 0. */
bool amount_same(bool has_a, Dec a, bool has_b, Dec b);

/* A new entry in array ARR, with "change": added, removed or changed after
 * the pair P; counts it. */
cJSON *diff_entry(Diff *d, cJSON *arr, DiffPair p);

/* "old", "new", "difference" and "percent" of two optional amounts into
 * object O (null where absent; percent null when the old amount is 0).
 * MONEY writes them with at least 2 decimals, else as written. */
void diff_amounts(Diff *d, cJSON *o, bool has_old, Dec old, bool has_new, Dec new, bool money);

/* Appends {"field", "old", "new"} to FIELDS when the strings differ. */
void diff_field_str(Diff *d, cJSON *fields, const char *field, const char *old,
                    const char *new);

/* Appends {"field", "old", "new", "difference", "percent"} to FIELDS when
 * the optional amounts differ. */
void diff_field_amount(Diff *d, cJSON *fields, const char *field, bool has_old, Dec old,
                       bool has_new, Dec new, bool money);

/* The offset in characters (UTF-8) of the first difference of A and B. */
long diff_offset(const char *a, const char *b);

/* A stretch of two texts that differs: characters [A_OFF, A_OFF + A_LEN) of
 * the old one became [B_OFF, B_OFF + B_LEN) of the new one; A_BYTE and
 * B_BYTE are the byte offsets, A_BYTES and B_BYTES the byte lengths. */
typedef struct DiffSpan {
    long a_off, a_len, b_off, b_len;
    size_t a_byte, a_bytes, b_byte, b_bytes;
} DiffSpan;

/* Every stretch in which A and B differ, a number (digits, '.', ',', '%')
 * counting as one piece so that 590.00 → 591.00 is one change; at most MAX
 * into OUT, in order; returns how many there are (which may exceed MAX). */
int diff_spans(const char *a, const char *b, DiffSpan *out, int max);

/* The id of unit U of M, or NULL. */
const char *diff_unit(const Model *m, int u);

/* ---- the areas ---------------------------------------------------------------------- */

/* Each compares one area of D's two models and appends its entries
 * (docs/diff.md) to ARR, counting them in D->nchanges. */

void diff_tables(Diff *d, cJSON *totals, cJSON *tables); /* diff_tables.c */
void diff_facts(Diff *d, cJSON *arr);
void diff_department(Diff *d, cJSON *arr);              /* diff_items.c */
void diff_units(Diff *d, cJSON *arr);
void diff_projects(Diff *d, cJSON *arr);
void diff_prior(Diff *d, cJSON *arr);                   /* diff_prose.c */
void diff_assets(Diff *d, cJSON *arr);
void diff_narrative(Diff *d, cJSON *arr);
void diff_glossary(Diff *d, cJSON *arr);


/* A budget (OLD) against the 决算 that executes it (NEW): the rows of the
 * area "execution" into ARR (diff_exec.c). */
void diff_execution(Diff *d, cJSON *arr);

#endif
