/*
 * fuzz_parse.c — libFuzzer harness of the front end (fuzz/README.md).
 *
 * One input is one .bud file, in memory: the encoding check, the flex
 * scanner, the bison parser with its error recovery, the structure pass
 * (with the {…} quotes of narrative text, parsed as expressions) and the
 * diagnostics printer; then `budc parse`'s dump of the tree.  No file is
 * read: imports are not followed.
 */
#include "fuzz_common.h"


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    DiagCtx d;
    fuzz_diag(&d, false);
    Arena a;
    arena_init(&a);
    SrcFile *f = src_from_string("fuzz.bud", (const char *)data, size);
    if (!f)
        abort();
    int nerr = 0;
    Stmt *stmts = parse_file(f, &a, &d, &nerr);
    nerr += structure_check(stmts, f, &a, &d, nerr);
    ast_dump(fuzz_devnull, stmts, 0); /* budc parse */
    diag_finish(&d);
    /* the error count and what was printed agree */
    if (nerr > 0 && d.nerrors == 0)
        abort();
    diag_free(&d);
    src_free(f);
    arena_free(&a);
    return 0;
}
