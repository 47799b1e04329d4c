/*
 * load.h — loading a budget: its entry file and everything it imports.
 *
 * program_load reads the entry file, parses it, follows its imports
 * (relative to the importing file, or `std/…` in the standard library),
 * parses each file once, reports import cycles, and then runs the structure
 * pass over every file.  The result is the list of parsed modules in the
 * order they were loaded, entry file first.
 */
#ifndef BUDC_FRONTEND_H
#define BUDC_FRONTEND_H

#include "base/arena.h"
#include "base/diag.h"
#include "base/source.h"
#include "front/ast.h"

typedef struct Module {
    SrcFile *file;     /* owned by the program */
    char *id;          /* which file it is, for "imported once" and cycles:
                          "DEV:INODE" of a file (no path is resolved, so
                          no system call per directory of its path) */
    char *path;        /* the path it was read from (file->name is what
                          diagnostics show: std/… for the standard library) */
    Stmt *stmts;
    bool loading;      /* on the import stack (cycle detection) */
    bool is_std;       /* a file of the standard library (imported as std/…) */
    bool shared;       /* file and stmts belong to a StdCache, not the program */
    Loc import_loc;    /* the import that loaded it (file NULL for the entry) */
    struct Module *next;
} Module;

/* The standard library's files, parsed once for a whole run of many
 * budgets: a program with a cache takes std files from it. */
typedef struct StdEntry {
    char *id;          /* as Module.id */
    char *path;        /* the path it was read from: a later import of the
                          same path is found without a system call */
    SrcFile *file;
    Stmt *stmts;
    int nerrors;
    struct StdEntry *next;
} StdEntry;

typedef struct StdCache {
    Arena arena;
    StdEntry *entries;
} StdCache;

void stdcache_init(StdCache *c);
void stdcache_free(StdCache *c);

typedef struct Program {
    Arena arena;
    DiagCtx *diag;
    const char *stdlib_dir; /* where `std/` imports are found */
    Module *modules;        /* load order, entry first */
    Module *last;
    int nerrors;            /* errors reported while loading and parsing */
    StdCache *cache;        /* where std files come from, or NULL */
    bool is_prior;          /* last year's budget of another: its own prior is not read */
    bool sandbox;           /* reads no file but the standard library (fuzzing) */
    int depth;              /* imports being read, nested */
    /* The text an editor holds for the file PATH, which wins over the copy
     * on disk (the language server's open documents): its bytes and *LEN,
     * or NULL to read the file.  Asked only for a file of the budget (not
     * of the standard library) that exists on disk. */
    const char *(*overlay)(void *ctx, const char *path, size_t *len);
    void *overlay_ctx;
} Program;

void program_init(Program *p, DiagCtx *d, const char *stdlib_dir);
void program_free(Program *p);

/* Loads PATH and its imports.  Returns 0 when the file could be read at all,
 * -1 (after reporting) when the entry file itself could not be read.  Errors
 * in the input are counted in p->nerrors. */
int program_load(Program *p, const char *path);

/* Loads the entry file NAME from TEXT[0..LEN) in memory, and its imports.
 * In a sandboxed program (p->sandbox) the entry's imports other than
 * std/NAME (a plain path inside the standard library) are not read.
 * Returns 0, or -1 when out of memory. */
int program_load_text(Program *p, const char *name, const char *text, size_t len);

/* Loads std/NAME (e.g. "2023.bud") as if the entry file imported it, unless
 * it is loaded already.  Returns 0, or -1 when it does not exist (nothing is
 * reported: the caller says what is missing). */
int program_load_std(Program *p, const char *name);

/* The standard library directory: $BUDC_STDLIB, or ../stdlib or
 * ../share/budc beside the running executable.  Returned string is static. */
const char *frontend_stdlib_dir(const char *argv0);

#endif
