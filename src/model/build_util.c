/*
 * build_util.c — what the builder's files share (build_impl.h): errors,
 * the words of the vocabulary a line names, amounts and indicator values.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "model/build_impl.h"

void build_err(B *b, Loc loc, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(b->d, DIAG_ERROR, loc, code, fmt, ap);
    va_end(ap);
    b->m->nerrors++;
    if (b->unit >= 0 && b->unit < b->m->nunits)
        b->m->units[b->unit].nerrors++;
}


/* Lists the words of a closed set for a message. */
void build_list_words(const char *const *w, int n, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && o < size; i++)
        o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? ", " : "", w[i]);
}

/* The closest word of W[0..N) to WORD, for "did you mean". */
const char *build_closest(const char *word, const char *const *w, int n)
{
    return text_nearest(word, w, n, 2);
}

/* The word of dimension D that A names, or -1 after reporting CODE: "unknown
 * WHAT 'x'; did you mean 'y'?" or "…; the WHATs are a, b, c". */
int build_resolve(B *b, Dim d, const Atom *a, const char *code, const char *what,
                   const char *whats)
{
    const Vocab *v = b->m->vocab;
    int w = vocab_word(v, d, a->text);
    if (w >= 0)
        return w;
    WordSet set;
    if (vocab_set(v, d, a->text, &set) && set) { /* a group: a line is one of its words */
        char list[512];
        size_t o = 0;
        list[0] = '\0';
        for (int i = 0; i < v->dim[d].n && o < sizeof list; i++)
            if ((set >> i) & 1u)
                o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", o ? ", " : "",
                                      v->dim[d].words[i].name);
        build_err(b, a->loc, code, "'%s' names several %s (%s); a line is written with one of them",
                  a->text, whats, list);
        return -1;
    }
    const char *names[VOCAB_MAX_WORDS];
    for (int i = 0; i < v->dim[d].n; i++)
        names[i] = v->dim[d].words[i].name;
    const char *near = build_closest(a->text, names, v->dim[d].n);
    char all[512];
    vocab_list(v, d, all, sizeof all);
    char q[TEXT_QUOTE_MAX * 8];
    text_quote(q, sizeof q, a->text); /* a word of 10 MB is not quoted whole */
    if (near)
        build_err(b, a->loc, code, "unknown %s '%s'; did you mean '%s'?", what, q, near);
    else
        build_err(b, a->loc, code, "unknown %s '%s'; the %s are %s", what, q, whats, all);
    return -1;
}

int build_resolve_source(B *b, const Atom *a)
{
    return build_resolve(b, DIM_SOURCE, a, "E-SOURCE", "fund source", "sources");
}

const char *build_word_name(const B *b, Dim d, int w)
{
    return vocab_name(b->m->vocab, d, w);
}

bool build_is_fiscal(const B *b, int src)
{
    return (b->m->defs->src_budgeted >> src) & 1u;
}

/* An amount of money: at most 2 decimals, not negative. */
bool build_amount_ok(B *b, const Atom *a, const char *what)
{
    if (a->num.scale > 2) {
        Dec r;
        if (dec_rescale(a->num, 2, &r) != DEC_OK) {
            build_err(b, a->loc, "E-PRECISION",
                "%s '%s' has more decimals than an amount may have (2: 0.01 %s); budc never "
                "rounds an amount, so write it with 2 decimals",
                what, a->text, b->m->money ? b->m->money : "of the money unit");
            return false;
        }
    }
    if (dec_is_neg(a->num)) {
        build_err(b, a->loc, "E-NEGATIVE", "%s '%s' is negative; amounts in a budget are never below 0",
            what, a->text);
        return false;
    }
    Dec cents;
    if (dec_rescale(a->num, 2, &cents) == DEC_OVERFLOW) {
        build_err(b, a->loc, "E-OVERFLOW",
            "%s '%s' is too large to hold exactly with 2 decimals (at most 16 digits before "
            "the point)",
            what, a->text);
        return false;
    }
    return true;
}

/* Reads an indicator value starting at A; returns the atom after it. */
const Atom *build_read_value(B *b, const Atom *a, IndValue *v)
{
    memset(v, 0, sizeof *v);
    v->op = OP_EQ;
    if (!a)
        return NULL;
    v->loc = a->loc;
    if (a->kind == A_WORD || a->kind == A_STRING) {
        v->kind = a->kind == A_WORD ? IV_WORD : IV_TEXT;
        v->text = a->text;
        return a->next;
    }
    v->kind = IV_NUMBER;
    Loc start = a->loc;
    if (a->kind == A_OP) {
        v->op = a->op;
        v->op_written = true;
        a = a->next;
    }
    if (!a || a->kind != A_NUMBER)
        return a;
    v->num = a->num;
    Loc end = a->loc;
    a = a->next;
    if (a && a->kind == A_PERCENT) {
        v->measure = "%";
        v->measure_loc = a->loc;
        end = a->loc;
        a = a->next;
    } else if (a && a->kind == A_WORD) {
        v->measure = a->text;
        v->measure_loc = a->loc;
        end = a->loc;
        a = a->next;
        if (a && a->kind == A_SLASH && a->next && a->next->kind == A_WORD) {
            v->measure_loc = loc_span(v->measure_loc, a->next->loc);
            end = a->next->loc;
            size_t n = strlen(v->measure) + strlen(a->next->text) + 2;
            char *t = arena_alloc(&b->m->arena, n);
            snprintf(t, n, "%s/%s", v->measure, a->next->text);
            v->measure = t;
            a = a->next->next;
        }
    }
    v->loc = loc_span(start, end);
    return a;
}

const char *indvalue_text(const IndValue *v, char *buf, size_t n)
{
    if (v->text || v->kind != IV_NUMBER)
        return v->text;
    char num[DEC_FMT_MAX];
    dec_format(v->num, num, sizeof num);
    snprintf(buf, n, "%s%s%s", v->op_written ? ast_op_text(v->op) : "", num,
             v->measure ? v->measure : "");
    return buf;
}

/* Sets the text of a numeric value: the value as written in the source. */
void build_own_measure(B *b, IndValue *v)
{
    if (v->kind == IV_NUMBER) {
        const SrcFile *f = v->loc.file;
        size_t len;
        const char *line = f ? src_line(f, v->loc.line, &len) : NULL;
        if (line && v->loc.end_line == v->loc.line) {
            /* the value as written, from the source line */
            int c = 1;
            size_t i = 0, from = 0, to = len;
            for (; i < len; i++) {
                if (((unsigned char)line[i] & 0xC0) == 0x80)
                    continue;
                if (c == v->loc.col)
                    from = i;
                if (c == v->loc.end_col) {
                    to = i;
                    break;
                }
                c++;
            }
            v->text = arena_strndup(&b->m->arena, line + from, to - from);
        }
    }
}
