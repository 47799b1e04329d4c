/*
 * catalog.h — the classification catalogues a budget is checked against.
 *
 * Catalogues are written in .bud (`catalog KIND YEAR "title" { rows }`, see
 * stdlib/).  catalogs_load collects every `catalog` statement of a program:
 * entries of the standard library first, in load order, then the budget's
 * own.  A budget's entry with a code the standard library already has
 * overrides its name (W-CATALOG-OVERRIDE); a new code is a local addition
 * (W-CATALOG-LOCAL).  Each entry keeps its provenance tags and where it was
 * written.
 *
 * Lookups are by exact code (or word, for the indicator, measure and phrase
 * catalogues) through a hash table.
 */
#ifndef BUDC_CATALOG_H
#define BUDC_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/text.h"
#include "base/diag.h"
#include "base/source.h"

struct Program;

typedef enum CatKind {
    CAT_FUNCTION,    /* 支出功能分类: 3/5/7 digits */
    CAT_ECONOMIC,    /* 部门预算支出经济分类: 3/5 digits */
    CAT_SANGONG,     /* economic code -> 三公 item (extra = the item word) */
    CAT_PROCUREMENT, /* 政府采购品目: [ABC] + 8 digits */
    CAT_INDICATOR,   /* 绩效指标 一级/二级 (extra = the 一级 of a 二级) */
    CAT_MEASURE,     /* 计量单位 (extra = its class: count, time, money, rate, percent, other) */
    CAT_PHRASE,      /* qualitative indicator values: 比上年提升 … (extra = its sense) */
    CAT_MOVED,       /* a code of last year's catalogue -> this year's (name = the new code) */
    CAT_PROSE,       /* words of the 说明 around a figure (W-PROSE-FIGURE): extra = what the
                        word says (topic, count, prior, current, bound, share), name = the
                        figures it names */
    CAT__COUNT
} CatKind;

typedef struct CatEntry {
    const char *code;    /* code or word */
    const char *name;    /* official name (the code itself when none is written) */
    const char *extra;   /* the first tag that is not a provenance tag, or NULL */
    const char *const *words; /* every tag that is not a provenance tag: words of a
                                 vocabulary (政府性基金: the code is of that budget;
                                 行政: reserved to units of that nature) */
    int nwords;
    const char *tags;    /* the provenance tags as written, space-separated ("M S") */
    bool from_std;       /* written in the standard library */
    bool overridden;     /* its name was changed by a budget's entry */
    bool restated;       /* a budget's catalogue lists it (once at most) */
    const char *std_name; /* when overridden: the standard library's name */
    Loc loc;
} CatEntry;

typedef struct Catalog {
    CatKind kind;
    int year;            /* the standard library's year, else the newest of the budget's */
    int std_year;        /* the standard library's year (0: none loaded) */
    int own_year;        /* the year of the budget's own `catalog` of this kind (0: none) */
    Loc own_loc;         /* the first of them */
    bool present;        /* some `catalog` statement of this kind was loaded */
    Loc loc;             /* the first `catalog` statement of this kind */
    CatEntry *entries;   /* in the order written (std first) */
    int n, cap;
    int *slots;          /* hash table of entry indexes (-1 = empty) */
    int nslots;
} Catalog;

typedef struct Catalogs {
    Catalog k[CAT__COUNT];
} Catalogs;

const char *cat_kind_word(CatKind k); /* "function", "economic" … */
int cat_kind_lookup(const char *word); /* CatKind or -1 */

/* Collects the catalogues of program P into C (allocating in A).  Reports
 * malformed codes (E-CATALOG), duplicates in one file (E-DUPLICATE), codes
 * whose parent is missing (E-CATALOG), and the budget's overrides and local
 * additions (W-CATALOG-OVERRIDE, W-CATALOG-LOCAL).  Returns the number of
 * errors. */
int catalogs_load(Catalogs *c, const struct Program *p, Arena *a, DiagCtx *d);

void catalogs_free(Catalogs *c);

/* The entry for CODE, or NULL. */
const CatEntry *cat_find(const Catalog *c, const char *code);

/* The entry of CODE, or else of the nearest code above it (款, 类), that
 * has a word ACCEPT takes; *WORD is that word.  NULL when none has. */
const CatEntry *cat_inherited(const Catalog *c, const char *code,
                              bool (*accept)(const char *word, const void *ctx), const void *ctx,
                              const char **word);

/* This year's code for CODE of last year's catalogue: the `moved` entry's
 * new code, or CODE itself. */
const char *cat_moved(const Catalogs *c, const char *code);

/* Up to MAX entries whose code is nearest to CODE (same parent first, then
 * one digit or letter different, then same prefix); returns how many. */
int cat_suggest(const Catalog *c, const char *code, const CatEntry **out, int max);

/* The nearest entry to WORD by edit distance (at most a third of its length
 * in characters), or NULL.  For names such as 提上年提升 -> 比上年提升. */
const CatEntry *cat_nearest_word(const Catalog *c, const char *word);

#endif
