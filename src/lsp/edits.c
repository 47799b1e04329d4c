/*
 * edits.c — the diagnostics as LSP sends them, and what changes the text:
 * completion, formatting (budc fmt) and the quick fixes of the "did you
 * mean" diagnostics (server.h).
 */
#include "lsp/server.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "model/defs.h"
#include "tools/fmt.h"

/* ---- diagnostics ------------------------------------------------------------ */

cJSON *feat_diagnostic(const Server *s, const Doc *d, const DiagRecord *r, size_t n)
{
    cJSON *o = cJSON_CreateObject();
    const SrcFile *f = r->file ? doc_file(d, r->file) : NULL;
    cJSON_AddItemToObject(o, "range", pos_range(f, r->line, r->col, r->end_line, r->end_col));
    cJSON_AddNumberToObject(o, "severity", r->level == DIAG_ERROR ? 1 : 2);
    if (r->code)
        cJSON_AddStringToObject(o, "code", r->code);
    const char *href = doclinks_href(s, r->code);
    if (href)
        cJSON_AddStringToObject(cJSON_AddObjectToObject(o, "codeDescription"), "href", href);
    cJSON_AddStringToObject(o, "source", "budc");
    /* a note about no place is part of the message */
    size_t len = strlen(r->message ? r->message : "") + 1;
    for (size_t i = 1; i < n; i++)
        if (!r[i].file)
            len += strlen(r[i].message ? r[i].message : "") + 8;
    char *msg = xmalloc(len);
    strcpy(msg, r->message ? r->message : "");
    for (size_t i = 1; i < n; i++)
        if (!r[i].file && r[i].message) {
            strcat(msg, "\nnote: ");
            strcat(msg, r[i].message);
        }
    cJSON_AddStringToObject(o, "message", msg);
    free(msg);
    cJSON *rel = NULL;
    for (size_t i = 1; i < n; i++) {
        if (!r[i].file)
            continue;
        if (!rel)
            rel = cJSON_AddArrayToObject(o, "relatedInformation");
        cJSON *ri = cJSON_CreateObject();
        cJSON *loc = cJSON_AddObjectToObject(ri, "location");
        char *uri = doc_uri(s, d, r[i].file);
        cJSON_AddStringToObject(loc, "uri", uri);
        free(uri);
        cJSON_AddItemToObject(loc, "range", pos_range(doc_file(d, r[i].file), r[i].line, r[i].col,
                                                      r[i].end_line, r[i].end_col));
        cJSON_AddStringToObject(ri, "message", r[i].message ? r[i].message : "");
        cJSON_AddItemToArray(rel, ri);
    }
    return o;
}

/* ---- formatting ---------------------------------------------------------------- */

/* The LSP position of the end of TEXT[0..LEN). */
static cJSON *end_position(const char *text, size_t len)
{
    int line = 0, units = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)text[i];
        if (b == '\n') {
            line++;
            units = 0;
        } else if ((b & 0xC0) != 0x80) {
            units += b >= 0xF0 ? 2 : 1;
        }
    }
    cJSON *p = cJSON_CreateObject();
    cJSON_AddNumberToObject(p, "line", line);
    cJSON_AddNumberToObject(p, "character", units);
    return p;
}

cJSON *feat_formatting(Server *s, Doc *d)
{
    (void)s;
    size_t n;
    char *out = fmt_text(d->text, d->len, &n);
    if (!out)
        return NULL; /* a syntax error: budc fmt leaves the file alone */
    cJSON *edits = cJSON_CreateArray();
    if (n != d->len || memcmp(out, d->text, n) != 0) {
        cJSON *e = cJSON_CreateObject();
        cJSON *r = cJSON_AddObjectToObject(e, "range");
        cJSON *st = cJSON_AddObjectToObject(r, "start");
        cJSON_AddNumberToObject(st, "line", 0);
        cJSON_AddNumberToObject(st, "character", 0);
        cJSON_AddItemToObject(r, "end", end_position(d->text, d->len));
        cJSON_AddStringToObject(e, "newText", out);
        cJSON_AddItemToArray(edits, e);
    }
    free(out);
    return edits;
}

/* ---- quick fixes ----------------------------------------------------------------- */

/* The text of character columns [COL, END_COL) of line LINE of F, into
 * BUF; false when it is not on one line or too long. */
static bool range_text(const SrcFile *f, int line, int col, int end_col, char *buf, size_t bn)
{
    size_t n;
    const char *s = f ? src_line(f, line, &n) : NULL;
    if (!s || end_col <= col)
        return false;
    size_t i = 0, j;
    for (int c = 1; c < col && i < n; c++)
        for (i++; i < n && ((unsigned char)s[i] & 0xC0) == 0x80; i++)
            ;
    j = i;
    for (int c = col; c < end_col && j < n; c++)
        for (j++; j < n && ((unsigned char)s[j] & 0xC0) == 0x80; j++)
            ;
    if (j - i + 1 > bn)
        return false;
    memcpy(buf, s + i, j - i);
    buf[j - i] = '\0';
    return true;
}

/* The candidates of "did you mean 'X'?", "did you mean X NAME or Y NAME?"
 * in MSG: each X into OUT (room for MAX), malloc'ed; returns how many. */
static int suggestions(const char *msg, char **out, int max)
{
    const char *p = strstr(msg, "did you mean ");
    if (!p)
        return 0;
    p += strlen("did you mean ");
    int k = 0;
    while (*p && k < max) {
        const char *a = p, *b;
        if (*p == '\'') {
            a = p + 1;
            b = strchr(a, '\'');
            if (!b)
                break;
        } else {
            b = a;
            while (*b && *b != ' ' && *b != '?' && *b != ',' && *b != ')')
                b++;
        }
        if (b > a) {
            out[k] = xmalloc((size_t)(b - a) + 1);
            memcpy(out[k], a, (size_t)(b - a));
            out[k][b - a] = '\0';
            k++;
        }
        /* the next candidate: after ", " or " or " before the '?' */
        const char *q = strchr(b, '?');
        const char *comma = strstr(b, ", "), *or = strstr(b, " or ");
        const char *next = NULL;
        if (comma && (!q || comma < q))
            next = comma + 2;
        if (or && (!q || or < q) && (!next || or < next))
            next = or + 4;
        if (!next)
            break;
        p = next;
    }
    return k;
}

/* The quote a W-PROSE-FIGURE message asks for ("write {收入.合计 = 418.55}
 * so that it is"), put in place of NOW, the figure as written with its
 * unit ("418.55万元"): the quote and the unit (the message's, when it says
 * "{…}万元 in its place"), malloc'ed; NULL when the message has none. */
static char *quote_fix(const char *msg, const char *now)
{
    const char *a = strchr(msg, '{');
    if (!a)
        return NULL;
    const char *b = a;
    int depth = 0;
    do {
        if (*b == '{')
            depth++;
        else if (*b == '}')
            depth--;
        b++;
    } while (*b && depth > 0);
    if (depth != 0)
        return NULL;
    const char *unit, *place = strstr(b, " in its place");
    size_t ul;
    if (place && place > b && !memchr(b, ' ', (size_t)(place - b))) {
        unit = b; /* the budget's unit instead of the one written */
        ul = (size_t)(place - b);
    } else {
        unit = now; /* the unit as written, after the number */
        while (*unit && (strchr("0123456789.,", *unit) ||
                         ((unsigned char)unit[0] == 0xEF && (unsigned char)unit[1] == 0xBC &&
                          (((unsigned char)unit[2] >= 0x90 && (unsigned char)unit[2] <= 0x99) ||
                           (unsigned char)unit[2] == 0x8E))))
            unit += (unsigned char)*unit == 0xEF ? 3 : 1;
        if (unit == now)
            return NULL; /* the range is not a number */
        ul = strlen(unit);
    }
    size_t ql = (size_t)(b - a);
    char *fix = xmalloc(ql + ul + 1);
    memcpy(fix, a, ql);
    memcpy(fix + ql, unit, ul);
    fix[ql + ul] = '\0';
    return fix;
}

static cJSON *action(const Server *s, const Doc *d, const SrcFile *file, const DiagRecord *r,
                     size_t n, const char *title, const char *text, bool preferred)
{
    cJSON *a = cJSON_CreateObject();
    cJSON_AddStringToObject(a, "title", title);
    cJSON_AddStringToObject(a, "kind", "quickfix");
    if (preferred)
        cJSON_AddBoolToObject(a, "isPreferred", 1);
    cJSON *dg = cJSON_AddArrayToObject(a, "diagnostics");
    cJSON_AddItemToArray(dg, feat_diagnostic(s, d, r, n));
    cJSON *edit = cJSON_AddObjectToObject(a, "edit");
    cJSON *changes = cJSON_AddObjectToObject(edit, "changes");
    cJSON *list = cJSON_AddArrayToObject(changes, d->uri);
    cJSON *te = cJSON_CreateObject();
    cJSON_AddItemToObject(te, "range", pos_range(file, r->line, r->col, r->end_line, r->end_col));
    cJSON_AddStringToObject(te, "newText", text);
    cJSON_AddItemToArray(list, te);
    return a;
}

/* ---- a printed table filled from the derived one ------------------------------------ */

typedef struct Text {
    char *s;
    size_t n, cap;
} Text;

static void text_add(Text *t, const char *s)
{
    size_t k = strlen(s);
    if (t->n + k + 1 > t->cap) {
        t->cap = (t->n + k + 1) * 2;
        t->s = xrealloc(t->s, t->cap);
    }
    memcpy(t->s + t->n, s, k + 1);
    t->n += k;
}

/* Whether cell J of row R has an amount. */
static bool has_amount(const TRow *r, int j)
{
    return r->cells[j].set && !dec_is_zero(r->cells[j].v);
}

/* The rows of the derived table T as a printed table states them (a code
 * row with its name; a row blank in every column and the blank cells at
 * the end of a row left out, a blank cell before an amount written '-'),
 * each on a line indented INDENT, malloc'ed. */
static char *table_text(const Table *t, const char *indent)
{
    Text out = {0};
    text_add(&out, "");
    for (int i = 0; i < t->nrows; i++) {
        const TRow *r = &t->rows[i];
        int last = -1;
        for (int j = 0; j < t->ncols; j++)
            if (has_amount(r, j))
                last = j;
        if (last < 0 || !r->key)
            continue;
        text_add(&out, indent);
        text_add(&out, r->key);
        if (r->kind == ROW_CODE && r->name) {
            text_add(&out, " \"");
            for (const char *c = r->name; *c; c++) {
                char esc[3] = {*c, 0, 0};
                if (*c == '"' || *c == '\\')
                    esc[0] = '\\', esc[1] = *c;
                text_add(&out, esc);
            }
            text_add(&out, "\"");
        }
        for (int j = 0; j <= last; j++) {
            char v[DEC_FMT_MAX];
            if (has_amount(r, j))
                dec_format(r->cells[j].v, v, sizeof v);
            else
                strcpy(v, "-");
            text_add(&out, " ");
            text_add(&out, v);
        }
        text_add(&out, "\n");
    }
    return out.s;
}

/* Whether a line of F from FROM to TO has a comment (`//` outside a string). */
static bool has_comment(const SrcFile *f, int from, int to)
{
    for (int l = from; l <= to; l++) {
        size_t n;
        const char *s = src_line(f, l, &n);
        bool str = false;
        for (size_t i = 0; s && i < n; i++) {
            if (str && s[i] == '\\')
                i++;
            else if (s[i] == '"')
                str = !str;
            else if (!str && s[i] == '/' && i + 1 < n && s[i + 1] == '/')
                return true;
        }
    }
    return false;
}

/* "Fill the printed table from the facts" for each printed table of D
 * between lines FROM and TO that an error (E-TABLE…) finds wrong: its rows
 * replaced by the derived table's. */
static void fill_tables(const Server *s, const Doc *d, int from, int to, cJSON *out)
{
    const Model *m = d->cur ? d->cur->model : NULL;
    const SrcFile *file = d->cur && d->cur->program.modules ? d->cur->program.modules->file : NULL;
    if (!m || !m->finished || !file)
        return;
    for (const Stmt *st = d->cur->program.modules->stmts; st; st = st->next) {
        if (st->kind != S_TABLE || !st->args)
            continue;
        int head = st->loc.line, end = head;
        bool rows_only = true;
        for (const Stmt *b = st->body; b; b = b->next) {
            rows_only &= b->kind == S_ROW;
            if (b->loc.end_line > end)
                end = b->loc.end_line;
        }
        if (!rows_only || end + 1 < from || head > to)
            continue;
        const DiagRecord *bad = NULL;
        size_t nn = 0;
        for (size_t i = 0; i < d->nrecs && !bad; i++) {
            const DiagRecord *r = &d->recs[i];
            if (r->level == DIAG_ERROR && r->code && strncmp(r->code, "E-TABLE", 7) == 0 &&
                (!r->file || strcmp(r->file, d->path) == 0) && r->line >= head && r->line <= end) {
                bad = r;
                for (nn = i + 1; nn < d->nrecs && d->recs[nn].level == DIAG_NOTE; nn++)
                    ;
                nn -= i;
            }
        }
        int t = model_table_find(m, st->args->text);
        if (!bad || t < 0)
            continue;
        /* the lines after the head up to the last row, or the closing brace */
        size_t ln;
        const char *last = src_line(file, end, &ln);
        if (!last || memchr(last, '}', ln) || has_comment(file, head + 1, end))
            continue; /* a `}` on the head's or the last row's line, or a comment
                         among the rows (it would be lost): not rewritten */
        char *rows = table_text(model_table(m, t, -1), "  ");
        cJSON *a = cJSON_CreateObject();
        char title[256];
        snprintf(title, sizeof title, "Fill the printed table %s from the facts", st->args->text);
        cJSON_AddStringToObject(a, "title", title);
        cJSON_AddStringToObject(a, "kind", "quickfix");
        cJSON *dg = cJSON_AddArrayToObject(a, "diagnostics");
        cJSON_AddItemToArray(dg, feat_diagnostic(s, d, bad, nn));
        cJSON *edit = cJSON_AddObjectToObject(a, "edit");
        cJSON *changes = cJSON_AddObjectToObject(edit, "changes");
        cJSON *list = cJSON_AddArrayToObject(changes, d->uri);
        cJSON *te = cJSON_CreateObject();
        cJSON_AddItemToObject(te, "range", pos_range(NULL, head + 1, 1, st->body ? end + 1 : head + 1, 1));
        cJSON_AddStringToObject(te, "newText", rows);
        cJSON_AddItemToArray(list, te);
        cJSON_AddItemToArray(out, a);
        free(rows);
    }
}

cJSON *feat_code_actions(Server *s, Doc *d, const cJSON *range)
{
    cJSON *out = cJSON_CreateArray();
    const SrcFile *file = d->cur && d->cur->program.modules ? d->cur->program.modules->file : NULL;
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(range, "start");
    const cJSON *en = cJSON_GetObjectItemCaseSensitive(range, "end");
    const cJSON *sl = cJSON_GetObjectItemCaseSensitive(st, "line");
    const cJSON *el = cJSON_GetObjectItemCaseSensitive(en, "line");
    if (!file || !cJSON_IsNumber(sl) || !cJSON_IsNumber(el))
        return out;
    int from = (int)sl->valuedouble + 1, to = (int)el->valuedouble + 1;
    for (size_t i = 0; i < d->nrecs; i++) {
        const DiagRecord *r = &d->recs[i];
        if (r->level == DIAG_NOTE || !r->message || r->line <= 0 || r->line != r->end_line ||
            (r->file && strcmp(r->file, d->path) != 0) || r->end_line < from || r->line > to)
            continue;
        char *cand[8];
        int nc = suggestions(r->message, cand, 8);
        char now[512];
        bool have = range_text(file, r->line, r->col, r->end_col, now, sizeof now);
        bool ok = have && !strpbrk(now, " \t");
        size_t nn = i + 1;
        while (nn < d->nrecs && d->recs[nn].level == DIAG_NOTE)
            nn++;
        for (int k = 0; k < nc; k++) {
            if (ok && strcmp(now, cand[k]) != 0 && !strpbrk(cand[k], " \t\n")) {
                size_t tn = strlen(cand[k]) + strlen(now) + 32;
                char *title = xmalloc(tn);
                snprintf(title, tn, "Replace '%s' with '%s'", now, cand[k]);
                cJSON_AddItemToArray(out, action(s, d, file, r, nn - i, title, cand[k], k == 0));
                free(title);
            }
            free(cand[k]);
        }
        char *q = have && r->code && strcmp(r->code, "W-PROSE-FIGURE") == 0 ? quote_fix(r->message, now)
                                                                          : NULL;
        if (q) {
            size_t tn = strlen(q) + 32;
            char *title = xmalloc(tn);
            snprintf(title, tn, "Quote the figure: %s", q);
            cJSON_AddItemToArray(out, action(s, d, file, r, nn - i, title, q, true));
            free(title);
            free(q);
        }
    }
    fill_tables(s, d, from, to, out);
    return out;
}

/* ---- completion ------------------------------------------------------------------- */

enum { CK_FIELD = 5, CK_VALUE = 12, CK_ENUM_MEMBER = 20, CK_KEYWORD = 14, CK_UNIT = 11, MAX_ITEMS = 400 };

static bool item(cJSON *list, int *n, const char *label, const char *detail, int kind,
                 const char *prefix)
{
    if (strncmp(label, prefix, strlen(prefix)) != 0)
        return true;
    if (*n >= MAX_ITEMS)
        return false;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "label", label);
    if (detail && *detail && strcmp(detail, label) != 0)
        cJSON_AddStringToObject(o, "detail", detail);
    cJSON_AddNumberToObject(o, "kind", kind);
    cJSON_AddItemToArray(list, o);
    (*n)++;
    return true;
}

/* The word before character column COL of line LINE of F: from the last
 * blank, brace, bracket or quote. */
static void prefix_at(const SrcFile *f, int line, int col, char *buf, size_t bn)
{
    buf[0] = '\0';
    size_t n;
    const char *s = f ? src_line(f, line, &n) : NULL;
    if (!s)
        return;
    size_t i = 0;
    for (int c = 1; c < col && i < n; c++)
        for (i++; i < n && ((unsigned char)s[i] & 0xC0) == 0x80; i++)
            ;
    size_t a = i;
    while (a > 0 && !strchr(" \t{}[]\"(),.", s[a - 1]))
        a--;
    if (i - a + 1 <= bn) {
        memcpy(buf, s + a, i - a);
        buf[i - a] = '\0';
    }
}

/* ---- quote paths ------------------------------------------------------------------- */

/* The path being typed before byte I of line S (N bytes), when the place
 * is in a `{…}` quote of a string or in a `rule`'s condition (after its
 * `:`): its start into *START; false elsewhere. */
static bool path_place(const char *s, size_t n, size_t i, size_t *start)
{
    size_t k = 0;
    while (k < n && (s[k] == ' ' || s[k] == '\t'))
        k++;
    bool rule = n - k > 5 && strncmp(s + k, "rule", 4) == 0 && (s[k + 4] == ' ' || s[k + 4] == '\t');
    bool str = false, cond = false;
    long quote = -1; /* where the open `{` of a string is */
    for (size_t j = 0; j < i && j < n; j++) {
        if (str && s[j] == '\\') {
            j++;
        } else if (s[j] == '"' && quote < 0) {
            str = !str;
        } else if (str && s[j] == '{') {
            quote = (long)j;
        } else if (str && s[j] == '}') {
            quote = -1;
        } else if (!str && rule && s[j] == ':') {
            cond = true;
        }
    }
    if (!(str && quote >= 0) && !(rule && cond && !str))
        return false;
    size_t a = i, lo = quote >= 0 ? (size_t)quote + 1 : 0;
    int depth = 0; /* inside […]: a code or a project's "name" */
    while (a > lo) {
        char c = s[a - 1];
        if (c == ']')
            depth++;
        else if (c == '[')
            depth--;
        else if (depth == 0 && strchr(" \t{}()+-*/<>=!,:\"", c))
            break;
        a--;
    }
    *start = a;
    return true;
}

/* PATH[0..N) ("支出[30201].基", "上年.三公.") as segments into SEGS (room
 * for MAX, an index as an atom of ATOMS), the last one, the prefix being
 * typed, into *LAST; returns the number of segments before it, or -1. */
static int path_segs(char *path, PathSeg *segs, Atom *atoms, int max, const char **last)
{
    int k = 0;
    char *p = path;
    for (;;) {
        char *dot = p, *br = NULL;
        int depth = 0;
        for (; *dot && (depth > 0 || *dot != '.'); dot++) {
            if (*dot == '[' && !depth++ && !br)
                br = dot;
            else if (*dot == ']')
                depth--;
        }
        if (!*dot) {
            *last = p;
            return k;
        }
        *dot = '\0';
        if (k + 2 > max)
            return -1;
        if (br) { /* 支出[30201]: the name, then its index */
            char *close = strrchr(br, ']');
            if (!close || br == p)
                return -1;
            *br = '\0';
            *close = '\0';
            segs[k].name = p;
            k++;
            memset(&atoms[k], 0, sizeof atoms[k]);
            const char *in = br + 1;
            size_t len = strlen(in);
            if (len >= 2 && in[0] == '"' && in[len - 1] == '"') {
                atoms[k].kind = A_STRING;
                br[len] = '\0';
                in++;
            } else {
                atoms[k].kind = in[0] >= 'A' && in[0] <= 'Z' ? A_PCODE : A_NUMBER;
            }
            atoms[k].text = in;
            segs[k].name = NULL;
            segs[k].index = &atoms[k];
            k++;
        } else {
            segs[k].name = p;
            segs[k].index = NULL;
            k++;
        }
        p = dot + 1;
    }
}

/* Completion in a path: the roots, or the words after the path so far
 * that make a figure (its value for UNIT, -1 the department, in the
 * detail) or begin one; false when the place is not in a path. */
static bool complete_path(const Doc *d, const Defs *defs, const SrcFile *f, int line, int col,
                          int unit, cJSON *list, int *n, bool *more)
{
    size_t len;
    const char *s = f ? src_line(f, line, &len) : NULL;
    if (!s)
        return false;
    size_t i = 0, a;
    for (int c = 1; c < col && i < len; c++)
        for (i++; i < len && ((unsigned char)s[i] & 0xC0) == 0x80; i++)
            ;
    if (!path_place(s, len, i, &a))
        return false;
    if (i - a >= 512)
        return true; /* a path, too long to complete */
    char path[512];
    memcpy(path, s + a, i - a);
    path[i - a] = '\0';
    enum { MAXSEG = 16 };
    PathSeg segs[MAXSEG + 2] = {{0}};
    Atom atoms[MAXSEG + 2];
    const char *prefix;
    int k = path_segs(path, segs, atoms, MAXSEG, &prefix);
    if (k < 0)
        return true;
    if (strchr(prefix, '['))
        return false; /* 支出[302…: the codes, as anywhere else */
    const Model *m = d->cur && d->cur->model ? d->cur->model : d->good ? d->good->model : NULL;
    int nroots;
    const char *const *roots = model_path_roots(&nroots);
    const char *words[MODEL_PATH_WORDS_MAX + 32];
    int nw = 0;
    for (int r = 0; r < nroots; r++)
        words[nw++] = roots[r];
    if (k > 0 && defs)
        nw += model_path_words(&defs->vocab, words + nw);
    ValueCtx vc = {.unit = unit, .project = -1};
    PathSeg total = {.name = "合计"};
    for (int w = 0; w < nw && *more; w++) {
        bool dup = false;
        for (int x = 0; x < w && !dup; x++)
            dup = strcmp(words[x], words[w]) == 0;
        if (dup || strncmp(words[w], prefix, strlen(prefix)) != 0)
            continue;
        for (int x = 0; x < k; x++)
            segs[x].next = &segs[x + 1];
        segs[k] = (PathSeg){.name = words[w]};
        Dec v;
        char msg[256], detail[DEC_FMT_MAX + 64] = "";
        bool fits = k == 0, valued = false;
        ValueStatus st = m && m->finished ? model_value(m, segs, vc, &v, NULL, NULL, msg, sizeof msg)
                                          : VAL_UNKNOWN_PATH;
        valued = st == VAL_OK;
        fits |= st == VAL_OK || st == VAL_NO_PRIOR || st == VAL_NO_VALUE;
        if (!fits && k > 0 && m && m->finished) { /* 上年.支出: a figure goes on */
            segs[k].next = &total;
            Dec t;
            st = model_value(m, segs, vc, &t, NULL, NULL, msg, sizeof msg);
            fits = st == VAL_OK || st == VAL_NO_PRIOR || st == VAL_NO_VALUE;
        }
        if (!fits)
            continue;
        if (valued) {
            char buf[DEC_FMT_MAX];
            dec_format(v, buf, sizeof buf);
            snprintf(detail, sizeof detail, "= %s%s", buf, m->money ? m->money : "");
        }
        if (*n >= MAX_ITEMS) {
            *more = false;
            break;
        }
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "label", words[w]);
        if (*detail)
            cJSON_AddStringToObject(o, "detail", detail);
        cJSON_AddNumberToObject(o, "kind", valued ? CK_VALUE : CK_FIELD);
        cJSON_AddItemToArray(list, o);
        (*n)++;
    }
    return true;
}

cJSON *feat_completion(Server *s, Doc *d, int line, int ch)
{
    cJSON *res = cJSON_CreateObject();
    cJSON *list = cJSON_CreateArray();
    const SrcFile *file = d->cur && d->cur->program.modules ? d->cur->program.modules->file : NULL;
    const Defs *defs = d->cur && d->cur->defs    ? d->cur->defs
                       : d->good && d->good->defs ? d->good->defs
                                                  : s->cache->defs;
    int bl, bc, n = 0;
    char prefix[256];
    pos_from_lsp(file, line, ch, &bl, &bc);
    prefix_at(file, bl, bc, prefix, sizeof prefix);
    bool more = true;
    const Model *m = d->cur && d->cur->model ? d->cur->model : d->good ? d->good->model : NULL;
    if (complete_path(d, defs, file, bl, bc, feat_unit_at(d, m, line, ch), list, &n, &more)) {
        /* in a quote or a rule: the path language */
    } else if (defs) {
        /* words first (a code is typed with digits), then the codes */
        for (int i = 0; more && i < defs->vocab.dim[DIM_SOURCE].n; i++)
            more = item(list, &n, vocab_name(&defs->vocab, DIM_SOURCE, i),
                        vocab_title(&defs->vocab, DIM_SOURCE, i), CK_ENUM_MEMBER, prefix);
        static const struct {
            CatKind k;
            int kind;
        } cats[] = {{CAT_INDICATOR, CK_KEYWORD}, {CAT_MEASURE, CK_UNIT},
                    {CAT_FUNCTION, CK_VALUE},    {CAT_ECONOMIC, CK_VALUE},
                    {CAT_PROCUREMENT, CK_VALUE}};
        for (size_t c = 0; c < sizeof cats / sizeof cats[0] && more; c++) {
            const Catalog *cat = &defs->cat.k[cats[c].k];
            for (int i = 0; i < cat->n && more; i++)
                more = item(list, &n, cat->entries[i].code, cat->entries[i].name, cats[c].kind,
                            prefix);
        }
    }
    cJSON_AddBoolToObject(res, "isIncomplete", !more);
    cJSON_AddItemToObject(res, "items", list);
    return res;
}
