/*
 * fuzz_common.h — what the libFuzzer harnesses share (fuzz/README.md).
 *
 * A harness gets one .bud file as bytes.  It is compiled the way `budc
 * check` compiles a file (driver/compile.h), sandboxed so that it never
 * reads a file the input names:
 *
 *   - the entry is an in-memory file named fuzz.bud;
 *   - `import "std/NAME"` loads NAME from the standard library of the
 *     source tree (through one StdCache for the whole run, so the catalogue
 *     is parsed once), when NAME has no ".." and does not start with '/';
 *   - every other import is ignored (the real frontend would read it);
 *   - `prior "FILE"` (last year's budget) is not read: the checker takes its
 *     "cannot read" path instead of reading whatever the input names
 *     (/dev/zero, a FIFO …).
 *
 * This header also defines LLVMFuzzerInitialize, the same for every
 * harness; a harness defines LLVMFuzzerTestOneInput only.
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
#include "base/diag.h"
#include "base/source.h"
#include "driver/compile.h"
#include "front/ast.h"
#include "front/parse.h"
#include "front/structure.h"

/* Exercised by budc: the default -fmax-errors. */
enum { FUZZ_MAX_ERRORS = 50 };

static FILE *fuzz_devnull;
static const char *fuzz_stdlib;
static CompileCache fuzz_cache;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The standard library: $BUDC_STDLIB, else the one budc itself would find
 * beside the harness (build/fuzz/fuzz_x -> ../../stdlib), else ./stdlib. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    fuzz_devnull = fopen("/dev/null", "w");
    if (!fuzz_devnull) {
        perror("fuzz: /dev/null");
        abort();
    }
    fuzz_stdlib = frontend_stdlib_dir((*argv)[0]);
    compile_cache_init(&fuzz_cache);
    return 0;
}

/* A fresh diagnostics context that prints into /dev/null. */
static void fuzz_diag(DiagCtx *d, bool record)
{
    diag_init(d, fuzz_devnull);
    d->max_errors = FUZZ_MAX_ERRORS;
    d->record = record;
}

/* Compiles DATA as `budc check` does, sandboxed.  Free C with
 * compile_free.  Returns whether it has an error. */
static bool fuzz_check(Compilation *c, DiagCtx *d, const uint8_t *data, size_t size)
{
    CompileInput in = {.path = "fuzz.bud", .text = (const char *)data, .len = size,
                       .sandbox = true, .stdlib_dir = fuzz_stdlib, .cache = &fuzz_cache};
    if (compile(c, &in, COMPILE_CHECK, d) < 0)
        abort(); /* out of memory */
    return c->failed;
}

#endif
