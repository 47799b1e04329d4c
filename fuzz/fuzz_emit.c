/*
 * fuzz_emit.c — libFuzzer harness of the back ends (fuzz/README.md).
 *
 * One input is checked as by fuzz_check; when the budget has no error,
 * every back end writes it into memory (open_memstream): the JSON document,
 * the nine CSV tables and the long form (with and without a BOM), and the
 * LaTeX document, of the department and of each unit (--unit).  Each must
 * succeed, and the JSON must parse (cJSON).
 * Inputs that reach the back ends come mostly from mutations of the valid
 * budgets of the seed corpus (examples/, the golden tests named …-ok.bud).
 */
#include <cjson/cJSON.h>

#include "emit/emit.h"
#include "fuzz_common.h"


/* A finding: a back end failed or wrote something unreadable. */
static void fail(const char *what)
{
    fprintf(stderr, "fuzz_emit: %s\n", what);
    abort();
}

typedef struct Sink {
    char *buf;
    size_t len;
    FILE *f;
} Sink;

static FILE *sink_open(Sink *s)
{
    s->buf = NULL;
    s->len = 0;
    s->f = open_memstream(&s->buf, &s->len);
    if (!s->f)
        abort();
    return s->f;
}

/* Closes S; the bytes are in s->buf[0..s->len) until sink_free. */
static void sink_close(Sink *s)
{
    if (fclose(s->f) != 0)
        abort();
    s->f = NULL;
}

static void sink_free(Sink *s)
{
    free(s->buf);
    s->buf = NULL;
}

/* Every output of the document of UNIT: the department's (-1) or a unit's. */
static void emit_doc(Model *m, int unit, const DiagCtx *d)
{
    Sink s;
    /* JSON: written, and well-formed */
    if (emit_json(m, unit, d, sink_open(&s)) != 0)
        fail("emit_json failed");
    sink_close(&s);
    if (s.len == 0)
        fail("emit_json wrote nothing");
    cJSON *doc = cJSON_ParseWithLength(s.buf, s.len);
    if (!doc)
        fail("emit_json wrote a document cJSON cannot parse");
    cJSON_Delete(doc);
    sink_free(&s);
    /* CSV: every table of the disclosure and the long form */
    for (int bom = 0; bom < 2; bom++) {
        CsvOptions o = {.bom = bom};
        for (int t = 0; t < model_ntables(m); t++) {
            if (emit_csv_table(m, unit, t, &o, sink_open(&s)) != 0)
                fail("emit_csv_table failed");
            sink_close(&s);
            sink_free(&s);
        }
        if (emit_csv_long(m, unit, &o, sink_open(&s)) != 0)
            fail("emit_csv_long failed");
        sink_close(&s);
        sink_free(&s);
    }
    /* LaTeX */
    if (emit_latex(m, unit, sink_open(&s)) != 0)
        fail("emit_latex failed");
    sink_close(&s);
    if (s.len == 0)
        fail("emit_latex wrote nothing");
    sink_free(&s);
}

/* The department's disclosure and each unit's own. */
static void emit_all(Model *m, const DiagCtx *d)
{
    for (int u = -1; u < m->nunits; u++)
        emit_doc(m, u, d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    DiagCtx d;
    fuzz_diag(&d, true); /* the JSON lists the warnings */
    Compilation c;
    if (!fuzz_check(&c, &d, data, size) && c.model)
        emit_all(c.model, &d);
    diag_finish(&d);
    compile_free(&c);
    diag_free(&d);
    return 0;
}
