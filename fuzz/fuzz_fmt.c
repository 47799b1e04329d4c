/*
 * fuzz_fmt.c — libFuzzer harness of `budc fmt` (fuzz/README.md): formatting
 * never changes what a file means.
 *
 * For an input that parses without an error (the only files budc fmt
 * formats), with F = the formatted text:
 *
 *   1. F parses without an error;
 *   2. F is in the canonical layout: formatting it again gives F (idempotence);
 *   3. F means what the input meant: the syntax trees are equal but for the
 *      source locations (every statement, argument, number, string as
 *      written between its quotes, path and expression);
 *   4. the whole check (fuzz_common.h) reports the same diagnostic codes, in
 *      the same order, for F as for the input.
 *
 * fmt.c's formatter (format_text) is static: the harness compiles fmt.c
 * into itself, and mk/fuzz.mk links it without the library's fmt.o.
 */
#include "fuzz_common.h"

#include "tools/fmt.c"


static void finding(const char *what, const uint8_t *in, size_t n, const char *out, size_t m)
{
    fprintf(stderr, "fuzz_fmt: %s\n--- input (%zu bytes)\n%.*s\n--- formatted (%zu bytes)\n%.*s\n---\n",
            what, n, (int)(n < 4000 ? n : 4000), (const char *)in, m, (int)(m < 4000 ? m : 4000),
            out);
    abort();
}

static bool same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_atom(const Atom *a, const Atom *b);

static bool same_path(const PathSeg *a, const PathSeg *b)
{
    for (; a && b; a = a->next, b = b->next)
        if (!same_str(a->name, b->name) || (a->index == NULL) != (b->index == NULL) ||
            (a->index && !same_atom(a->index, b->index)))
            return false;
    return a == NULL && b == NULL;
}

/* The fields of an atom that are its kind's (ast.h: they share unions) */
static bool same_atom(const Atom *a, const Atom *b)
{
    if (a->kind != b->kind || !same_str(a->text, b->text) || !same_path(a->path, b->path))
        return false;
    switch (a->kind) {
    case A_NUMBER:
        return a->num.units == b->num.units && a->num.scale == b->num.scale;
    case A_OP:
        return a->op == b->op;
    case A_STRING:
        return same_str(a->raw, b->raw);
    case A_FIELD:
        return (a->value == NULL) == (b->value == NULL) &&
               (!a->value || same_atom(a->value, b->value));
    default:
        return true;
    }
}

static bool same_atoms(const Atom *a, const Atom *b)
{
    for (; a && b; a = a->next, b = b->next)
        if (!same_atom(a, b))
            return false;
    return a == NULL && b == NULL;
}

static bool same_expr(const Expr *a, const Expr *b)
{
    /* iterative along the left spine: expressions may be long chains */
    while (a && b) {
        if (a->kind != b->kind || a->binop != b->binop || (a->binop == 'c' && a->cmp != b->cmp) ||
            (a->atom == NULL) != (b->atom == NULL) || (a->atom && !same_atom(a->atom, b->atom)) ||
            !same_expr(a->rhs, b->rhs))
            return false;
        a = a->lhs;
        b = b->lhs;
    }
    return a == NULL && b == NULL;
}

static bool same_stmts(const Stmt *a, const Stmt *b)
{
    for (; a && b; a = a->next, b = b->next)
        if (a->kind != b->kind || a->nargs != b->nargs || a->has_block != b->has_block ||
            !same_atoms(a->args, b->args) || !same_expr(stmt_expr(a), stmt_expr(b)) ||
            !same_stmts(a->body, b->body))
            return false;
    return a == NULL && b == NULL;
}

/* The codes the whole check reports for TEXT, one after the other. */
static char *check_codes_of(const char *text, size_t n)
{
    DiagCtx d;
    fuzz_diag(&d, true);
    Compilation c;
    fuzz_check(&c, &d, (const uint8_t *)text, n);
    Buf codes = {0};
    for (size_t i = 0; i < d.nrecs; i++) {
        const char *c = d.recs[i].code ? d.recs[i].code : "note";
        buf_add(&codes, c, strlen(c));
        buf_addc(&codes, ' ');
    }
    buf_addc(&codes, '\0');
    compile_free(&c);
    diag_free(&d);
    return codes.s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    DiagCtx d;
    fuzz_diag(&d, false);
    SrcFile *in = src_from_string("fuzz.bud", (const char *)data, size);
    if (!in)
        abort();
    Arena a;
    arena_init(&a);
    int nerr = 0;
    Stmt *before = parse_file(in, &a, &d, &nerr);
    if (nerr != 0) { /* budc fmt leaves it alone */
        arena_free(&a);
        src_free(in);
        diag_free(&d);
        return 0;
    }
    Buf out = {0};
    format_text(in->text, in->len, &out);
    SrcFile *f = src_from_string("fuzz.bud", out.s ? out.s : "", out.n);
    if (!f)
        abort();
    int ferr = 0;
    Stmt *after = parse_file(f, &a, &d, &ferr);
    if (ferr != 0)
        finding("the formatted text has a syntax error", data, size, out.s, out.n);
    Buf again = {0};
    format_text(f->text, f->len, &again);
    if (again.n != out.n || (out.n && memcmp(again.s, out.s, out.n) != 0))
        finding("formatting the formatted text changes it again", data, size, out.s, out.n);
    if (!same_stmts(before, after))
        finding("the formatted text has another syntax tree", data, size, out.s, out.n);
    char *c1 = check_codes_of(in->text, in->len);
    char *c2 = check_codes_of(f->text, f->len);
    if (strcmp(c1, c2) != 0) {
        fprintf(stderr, "codes before: %s\ncodes after:  %s\n", c1, c2);
        finding("the check reports other codes for the formatted text", data, size, out.s, out.n);
    }
    free(c1);
    free(c2);
    free(again.s);
    free(out.s);
    src_free(f);
    arena_free(&a);
    src_free(in);
    diag_free(&d);
    return 0;
}
