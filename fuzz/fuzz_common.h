/*
 * fuzz_common.h — what the libFuzzer harnesses share (fuzz/README.md).
 *
 * A harness gets one .bud file as bytes.  It is loaded the way `budc check`
 * loads a file (parse_file, structure_check, then the standard library,
 * then check_program), except that it never reads a file the input names:
 *
 *   - the entry is an in-memory file (src_from_string), named fuzz.bud;
 *   - `import "std/NAME"` loads NAME from the standard library of the
 *     source tree (through one StdCache for the whole run, so the catalogue
 *     is parsed once), when NAME has no ".." and does not start with '/';
 *   - every other import is ignored (the real frontend would read it);
 *   - `prior "FILE"` (last year's budget) is pointed at a path that does not
 *     exist, so the checker takes its "cannot read" path instead of reading
 *     whatever the input names (/dev/zero, a FIFO …).
 *
 * Diagnostics are printed (the printer is part of what is fuzzed) into
 * /dev/null, with budc's default cap of 50.
 */
#ifndef BUDC_FUZZ_COMMON_H
#define BUDC_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "front/ast.h"
#include "check/check.h"
#include "base/diag.h"
#include "front/load.h"
#include "model/model.h"
#include "front/parse.h"
#include "base/source.h"
#include "front/structure.h"

/* Exercised by budc: the default -fmax-errors. */
enum { FUZZ_MAX_ERRORS = 50 };

static FILE *fuzz_devnull;
static const char *fuzz_stdlib;
static StdCache fuzz_cache;

/* The standard library: $BUDC_STDLIB, else the one budc itself would find
 * beside the harness (build/fuzz/fuzz_x -> ../../stdlib), else ./stdlib. */
static void fuzz_setup(const char *argv0)
{
    fuzz_devnull = fopen("/dev/null", "w");
    if (!fuzz_devnull) {
        perror("fuzz: /dev/null");
        abort();
    }
    fuzz_stdlib = frontend_stdlib_dir(argv0);
    stdcache_init(&fuzz_cache);
}

/* Whether NAME (after "std/") is a plain path inside the standard library. */
static bool fuzz_safe_std_name(const char *name)
{
    if (!*name || name[0] == '/' || strstr(name, ".."))
        return false;
    for (const char *s = name; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '/' || *s == '.' || *s == '_' || *s == '-'))
            return false;
    return true;
}

/* `prior "FILE"` statements (anywhere) read a file: point them nowhere. */
static void fuzz_neutralise_files(Stmt *list)
{
    for (Stmt *s = list; s; s = s->next) {
        if (s->kind == S_PRIOR && !s->has_block && s->args)
            s->args->text = "/nonexistent-budc-fuzz/prior.bud";
        if (s->body)
            fuzz_neutralise_files(s->body);
    }
}

/* Loads DATA[0..SIZE) as the entry file of P (initialised by the caller)
 * and the std files it imports.  Returns the number of load errors. */
static int fuzz_load(Program *p, const uint8_t *data, size_t size)
{
    Module *entry = arena_alloc(&p->arena, sizeof *entry);
    entry->file = src_from_string("fuzz.bud", (const char *)data, size);
    if (!entry->file)
        abort(); /* out of memory */
    entry->realpath = arena_strdup(&p->arena, "/nonexistent-budc-fuzz/fuzz.bud");
    entry->path = arena_strdup(&p->arena, "fuzz.bud");
    p->modules = p->last = entry;
    int nerr = 0;
    entry->stmts = parse_file(entry->file, &p->arena, p->diag, &nerr);
    nerr += structure_check(entry->stmts, entry->file, &p->arena, p->diag, nerr);
    p->nerrors += nerr;
    fuzz_neutralise_files(entry->stmts);
    entry->loading = true;
    for (Stmt *s = entry->stmts; s; s = s->next) {
        if (s->kind != S_IMPORT || !s->args || !s->args->text)
            continue;
        const char *name = s->args->text;
        if (strncmp(name, "std/", 4) == 0 && fuzz_safe_std_name(name + 4))
            program_load_std(p, name + 4); /* a missing one is ignored */
    }
    entry->loading = false;
    return p->nerrors;
}

/* A fresh diagnostics context that prints into /dev/null. */
static void fuzz_diag(DiagCtx *d, bool record)
{
    diag_init(d, fuzz_devnull);
    d->max_errors = FUZZ_MAX_ERRORS;
    d->record = record;
}

/* Loads and checks DATA as `budc check` does.  When KEEP is not NULL and
 * the budget has no error, *KEEP receives the model (the caller frees it
 * with model_free and free, before program_free).  P must be freed with
 * program_free. */
static int fuzz_check(Program *p, DiagCtx *d, const uint8_t *data, size_t size, Model **keep)
{
    if (keep)
        *keep = NULL;
    program_init(p, d, fuzz_stdlib);
    p->cache = &fuzz_cache;
    if (fuzz_load(p, data, size) != 0)
        return 1;
    int before = d->nerrors;
    Model *m = NULL;
    check_program(p, d, keep ? &m : NULL);
    if (keep && m && d->nerrors == before) {
        *keep = m;
    } else if (m) {
        model_free(m);
        free(m);
    }
    return d->nerrors != before;
}

#endif
