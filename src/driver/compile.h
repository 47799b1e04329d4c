/*
 * compile.h — the one way in: reading a budget, importing its files and the
 * standard library of its year, building its model, reading last year's
 * budget, and checking.  Every command (check, parse, json, csv, latex,
 * build, diff), the loader of last year's budget and the fuzz harnesses
 * compile through here.
 *
 * A Compilation owns what it read: the program (syntax trees, source
 * files), the model, and last year's compilation.  Free it with
 * compile_free.
 */
#ifndef BUDC_COMPILE_H
#define BUDC_COMPILE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "front/load.h"
#include "model/defs.h"
#include "model/model.h"

/* What a run of many budgets reads once: the standard library's files
 * (parsed), and the Defs built from them, which the budgets without
 * catalogues, vocabulary or tables of their own share. */
typedef struct CompileCache {
    StdCache std;
    Arena arena;
    Defs *defs;     /* or NULL */
    char *defs_key; /* the std files they were built from */
} CompileCache;

void compile_cache_init(CompileCache *c);
void compile_cache_free(CompileCache *c);

/* How far to go. */
typedef enum CompileStage {
    COMPILE_READ,    /* read the entry file and its imports (budc parse) */
    COMPILE_PREPARE, /* and the standard library of the budget year (-M) */
    COMPILE_CHECK    /* and the model, last year's budget and every check */
} CompileStage;

/* What to compile: the entry file PATH, or (TEXT set) its LEN bytes in
 * memory under the name PATH.  A sandboxed compilation reads no file but
 * the standard library: imports of anything else and last year's budget
 * are not read (the fuzz harnesses). */
typedef struct CompileInput {
    const char *path;
    const char *text;
    size_t len;
    bool sandbox;
    const char *stdlib_dir; /* where `std/` imports are found */
    CompileCache *cache;    /* what a run shares, or NULL */
    /* the text an editor holds for a file the budget imports (load.h's
     * Program.overlay), or NULL */
    const char *(*overlay)(void *ctx, const char *path, size_t *len);
    void *overlay_ctx;
} CompileInput;

typedef struct Compilation {
    Program program;
    const Defs *defs;            /* the budget's catalogues, words and tables */
    Defs *own_defs;              /* when not shared: owned, in defs_arena */
    Arena defs_arena;
    Model *model;                /* COMPILE_CHECK of a whole budget; NULL for a part */
    struct Compilation *prior;   /* last year's budget (prior "FILE"), or NULL */
    struct Compilation *budget;  /* a 决算's budget (budget "FILE"), or NULL */
    bool unreadable;             /* the entry file could not be read (reported) */
    int prepare_errors;          /* errors loading the standard library of the year */
    bool failed;                 /* an error was reported for this budget */
} Compilation;

/* Compiles IN up to stage UPTO, reporting to D.  Returns 0, or -1 when the
 * entry file cannot be read.  c->failed says whether any error was
 * reported; a budget with errors in its files is not checked further. */
int compile(Compilation *c, const CompileInput *in, CompileStage upto, DiagCtx *d);

void compile_free(Compilation *c);

#endif
