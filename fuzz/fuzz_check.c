/*
 * fuzz_check.c — libFuzzer harness of the whole check (fuzz/README.md).
 *
 * One input is the entry file of a budget, in memory; the standard library
 * of the source tree is read once and shared (fuzz_common.h).  The input
 * goes through everything `budc check` does: parsing, the structure pass,
 * the catalogues, the model, the nine derived tables and every check of
 * docs/checks.md, including the rules written in .bud, and the
 * diagnostics printer.
 */
#include "fuzz_common.h"


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    DiagCtx d;
    fuzz_diag(&d, false);
    Compilation c;
    fuzz_check(&c, &d, data, size);
    diag_finish(&d);
    compile_free(&c);
    diag_free(&d);
    return 0;
}
