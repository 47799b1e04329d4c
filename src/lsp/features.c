/*
 * features.c — what the server says about a place in a document: the
 * outline, hover, go to definition (server.h).  Completion, formatting,
 * the diagnostics and their quick fixes are edits.c.
 *
 * Everything is read from the document's compilations: the syntax tree of
 * the text as it is (its places match the editor's), and the catalogues
 * and model of the last compilation that has them (the last good one while
 * the text has errors).
 */
#include "lsp/server.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "model/figure.h"
#include "model/query.h"
#include "tools/explain.h"

/* ---- shared helpers -------------------------------------------------------- */

const SrcFile *doc_file(const Doc *d, const char *name)
{
    const Compilation *cs[2] = {d->cur, d->good};
    for (int i = 0; i < 2; i++)
        if (cs[i])
            for (const Module *m = cs[i]->program.modules; m; m = m->next)
                if (strcmp(m->file->name, name) == 0)
                    return m->file;
    return NULL;
}

char *doc_uri(const Server *s, const Doc *d, const char *name)
{
    if (!name || strcmp(name, d->path) == 0) {
        char *u = xmalloc(strlen(d->uri) + 1);
        strcpy(u, d->uri);
        return u;
    }
    char *p = pos_file_path(s, name);
    char *u = pos_path_uri(p);
    free(p);
    return u;
}

/* The entry file of C (the document), or NULL. */
static const SrcFile *entry_file(const Compilation *c)
{
    return c && c->program.modules ? c->program.modules->file : NULL;
}

static const Defs *doc_defs(Server *s, const Doc *d)
{
    if (d->cur && d->cur->defs)
        return d->cur->defs;
    if (d->good && d->good->defs)
        return d->good->defs;
    return s->cache->defs; /* the standard library's, as a budget without its own has */
}

static const Model *doc_model(const Doc *d)
{
    if (d->cur && d->cur->model)
        return d->cur->model;
    return d->good ? d->good->model : NULL;
}

/* Whether (LINE, COL) is in LOC, its end included. */
static bool in_loc(Loc l, int line, int col)
{
    if (line < l.line || line > l.end_line)
        return false;
    if (line == l.line && col < l.col)
        return false;
    if (line == l.end_line && col > l.end_col)
        return false;
    return true;
}

static cJSON *location(const Server *s, const Doc *d, Loc loc)
{
    cJSON *o = cJSON_CreateObject();
    char *uri = doc_uri(s, d, loc.file ? loc.file->name : NULL);
    cJSON_AddStringToObject(o, "uri", uri);
    free(uri);
    cJSON_AddItemToObject(o, "range", pos_loc_range(loc));
    return o;
}

/* ---- what is at a place ---------------------------------------------------- */

typedef struct Found {
    const Stmt *stmt;       /* the statement of the place */
    const Stmt *unit;       /* the unit it is in, or NULL */
    const Atom *atom;       /* the atom at the place, or NULL */
    const TextPart *quote;  /* the {…} quote at the place, or NULL */
    const PathSeg *seg;     /* the segment of a path at the place, or NULL */
} Found;

static bool find_in_path(const PathSeg *p, int line, int col, Found *f)
{
    for (; p; p = p->next) {
        if (in_loc(p->loc, line, col)) {
            f->seg = p;
            return true;
        }
    }
    return false;
}

static void find_in_expr(const Expr *e, int line, int col, Found *f)
{
    if (!e || f->seg)
        return;
    if (e->atom && e->atom->kind == A_PATH)
        find_in_path(e->atom->path, line, col, f);
    find_in_expr(e->lhs, line, col, f);
    find_in_expr(e->rhs, line, col, f);
}

static bool find_stmts(const Stmt *s, const Stmt *unit, int line, int col, Found *f)
{
    for (; s; s = s->next) {
        const Stmt *u = s->kind == S_UNIT ? s : unit;
        for (const Atom *a = s->args; a; a = a->next) {
            const Atom *at = a->kind == A_FIELD && a->value && in_loc(a->value->loc, line, col)
                                 ? a->value
                                 : a;
            if (!in_loc(at->loc, line, col))
                continue;
            f->stmt = s;
            f->unit = u;
            f->atom = at;
            for (const TextPart *p = atom_parts(at); p; p = p->next)
                if (p->expr && in_loc(p->loc, line, col)) {
                    f->quote = p;
                    find_in_expr(p->expr, line, col, f);
                }
            if (at->kind == A_PATH)
                find_in_path(at->path, line, col, f);
            return true;
        }
        if (stmt_expr(s) && in_loc(s->expr->loc, line, col)) {
            f->stmt = s;
            find_in_expr(s->expr, line, col, f);
            return true;
        }
        if (find_stmts(s->body, u, line, col, f))
            return true;
    }
    return false;
}

/* What is at LSP position (LINE, CH) of D's text. */
static bool find_at(const Doc *d, int line, int ch, Found *f, int *bline, int *bcol)
{
    memset(f, 0, sizeof *f);
    const SrcFile *file = entry_file(d->cur);
    if (!file)
        return false;
    pos_from_lsp(file, line, ch, bline, bcol);
    return find_stmts(d->cur->program.modules->stmts, NULL, *bline, *bcol, f);
}

/* ---- outline ---------------------------------------------------------------- */

/* The end of S's block: its last statement's, recursively. */
static Loc extent(const Stmt *s)
{
    Loc l = s->loc;
    for (const Stmt *b = s->body; b; b = b->next) {
        Loc e = extent(b);
        if (e.end_line > l.end_line || (e.end_line == l.end_line && e.end_col > l.end_col)) {
            l.end_line = e.end_line;
            l.end_col = e.end_col;
        }
    }
    return l;
}

enum { SK_MODULE = 2, SK_NAMESPACE = 3, SK_PACKAGE = 4, SK_FUNCTION = 12, SK_STRING = 15,
       SK_OBJECT = 19, SK_STRUCT = 23 };

static cJSON *symbol(const Stmt *s, const char *name, const char *detail, int kind)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", name && *name ? name : ast_stmt_name(s->kind));
    if (detail && *detail)
        cJSON_AddStringToObject(o, "detail", detail);
    cJSON_AddNumberToObject(o, "kind", kind);
    Loc sel = s->args ? s->args->loc : stmt_kw_loc(s);
    if (sel.line != s->loc.line)
        sel = stmt_kw_loc(s);
    cJSON_AddItemToObject(o, "range", pos_loc_range(extent(s)));
    cJSON_AddItemToObject(o, "selectionRange", pos_loc_range(sel));
    return o;
}

static const char *arg_text(const Stmt *s, int i)
{
    const Atom *a = ast_arg(s, i);
    return a && a->text ? a->text : NULL;
}

static void outline(const Stmt *s, cJSON *out)
{
    for (; s; s = s->next) {
        cJSON *sym = NULL;
        switch (s->kind) {
        case S_DEPARTMENT:
            sym = symbol(s, arg_text(s, 1), arg_text(s, 0), SK_NAMESPACE);
            break;
        case S_UNIT:
            sym = symbol(s, arg_text(s, 0), arg_text(s, 1), SK_MODULE);
            break;
        case S_PROJECT:
            sym = symbol(s, arg_text(s, 0), NULL, SK_FUNCTION);
            break;
        case S_TABLE:
            sym = symbol(s, arg_text(s, 0), NULL, SK_STRUCT);
            break;
        case S_NARRATIVE:
            sym = symbol(s, "narrative", NULL, SK_PACKAGE);
            break;
        case S_SECTION:
            sym = symbol(s, arg_text(s, 1) ? arg_text(s, 1) : arg_text(s, 0), arg_text(s, 0),
                         SK_STRING);
            break;
        case S_CATALOG:
        case S_RULE:
        case S_PERFORMANCE:
            sym = symbol(s, arg_text(s, 0), ast_stmt_name(s->kind), SK_OBJECT);
            break;
        default:
            break;
        }
        if (sym) {
            if (s->kind != S_CATALOG && s->kind != S_SECTION) {
                cJSON *kids = cJSON_CreateArray();
                outline(s->body, kids);
                if (cJSON_GetArraySize(kids) > 0)
                    cJSON_AddItemToObject(sym, "children", kids);
                else
                    cJSON_Delete(kids);
            }
            cJSON_AddItemToArray(out, sym);
        } else if (s->kind == S_ERROR || s->kind == S_ROW) {
            /* rows have nothing to show */
        } else {
            outline(s->body, out);
        }
    }
}

cJSON *feat_symbols(Server *s, Doc *d)
{
    (void)s;
    cJSON *out = cJSON_CreateArray();
    /* while the text has errors, the last good outline */
    const Compilation *c = d->cur && d->cur->program.nerrors == 0 ? d->cur : d->good ? d->good : d->cur;
    if (c && c->program.modules)
        outline(c->program.modules->stmts, out);
    return out;
}

/* ---- hover ------------------------------------------------------------------- */

typedef struct Md {
    char *s;
    size_t n, cap;
} Md;

static void md_add(Md *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#include <stdarg.h>
static void md_add(Md *m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    if (m->n + (size_t)k + 1 > m->cap) {
        m->cap = (m->n + (size_t)k + 1) * 2;
        m->s = xrealloc(m->s, m->cap);
    }
    va_start(ap, fmt);
    vsnprintf(m->s + m->n, (size_t)k + 1, fmt, ap);
    va_end(ap);
    m->n += (size_t)k;
}

static cJSON *hover_result(Md *m, const SrcFile *f, Loc at)
{
    cJSON *h = cJSON_CreateObject();
    cJSON *c = cJSON_AddObjectToObject(h, "contents");
    cJSON_AddStringToObject(c, "kind", "markdown");
    cJSON_AddStringToObject(c, "value", m->s ? m->s : "");
    free(m->s);
    if (at.line > 0)
        cJSON_AddItemToObject(h, "range", pos_range(f, at.line, at.col, at.end_line, at.end_col));
    return h;
}

static const char *level_name(CatKind k, size_t len)
{
    if (k == CAT_FUNCTION)
        return len == 3 ? "类" : len == 5 ? "款" : len == 7 ? "项" : "";
    if (k == CAT_ECONOMIC)
        return len == 3 ? "类" : len == 5 ? "款" : "";
    return "";
}

/* The catalogue entry CODE names, trying the catalogues a code or a word
 * may be of; *KIND receives its catalogue. */
static const CatEntry *cat_lookup(const Defs *defs, const char *code, CatKind *kind)
{
    static const CatKind order[] = {CAT_FUNCTION, CAT_ECONOMIC, CAT_PROCUREMENT,
                                    CAT_INDICATOR, CAT_MEASURE, CAT_PHRASE};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        const CatEntry *e = cat_find(&defs->cat.k[order[i]], code);
        if (e) {
            *kind = order[i];
            return e;
        }
    }
    return NULL;
}

/* What the budget M has on CODE of catalogue K (a code prefix of its
 * spending or economic lines), into MD. */
static void budget_on(Md *md, const Model *m, CatKind k, const char *code)
{
    FactKind fk = k == CAT_FUNCTION ? F_SPENDING : F_ECONOMIC;
    size_t n = strlen(code);
    Dec sum = dec_zero();
    int lines = 0;
    for (int i = 0; i < m->nfacts[fk]; i++) {
        const Fact *x = &m->facts[fk][i];
        if (x->code && strncmp(x->code, code, n) == 0) {
            Dec t;
            if (dec_add(sum, x->amount, &t) != DEC_OK)
                return;
            sum = t;
            lines++;
        }
    }
    char buf[DEC_FMT_MAX];
    dec_format(sum, buf, sizeof buf);
    if (lines)
        md_add(md, "\n\nthis budget: **%s** %s on %d %s line%s", buf, m->money ? m->money : "",
               lines, k == CAT_FUNCTION ? "spending" : "economic", lines == 1 ? "" : "s");
    else
        md_add(md, "\n\nthis budget has no %s line on it", k == CAT_FUNCTION ? "spending" : "economic");
}

static bool hover_code(Md *md, const Defs *defs, const Model *m, const char *code)
{
    CatKind k;
    const CatEntry *e = defs ? cat_lookup(defs, code, &k) : NULL;
    if (!e)
        return false;
    const Catalog *c = &defs->cat.k[k];
    size_t len = strlen(e->code);
    md_add(md, "**%s** %s\n\n%s catalogue %d", e->code, e->name, cat_kind_word(k), c->year);
    const char *lv = level_name(k, len);
    if (*lv)
        md_add(md, " · %s", lv);
    if (k == CAT_FUNCTION || k == CAT_ECONOMIC) {
        for (size_t pl = len - 2; pl >= 3 && pl < len; pl -= 2) {
            char parent[16];
            if (pl >= sizeof parent)
                break;
            memcpy(parent, e->code, pl);
            parent[pl] = '\0';
            const CatEntry *p = cat_find(c, parent);
            if (p) {
                md_add(md, "\n\nparent: %s %s (%s)", p->code, p->name, level_name(k, pl));
                break;
            }
        }
    } else if (e->extra) {
        md_add(md, "\n\n%s", e->extra);
    }
    md_add(md, "\n\nprovenance: %s", e->from_std ? "standard library" : "this budget's catalogue");
    if (e->loc.file)
        md_add(md, ", %s:%d", e->loc.file->name, e->loc.line);
    if (e->tags && *e->tags)
        md_add(md, " (tags %s)", e->tags);
    if (e->overridden && e->std_name)
        md_add(md, "; the standard library calls it %s", e->std_name);
    if (m && (k == CAT_FUNCTION || k == CAT_ECONOMIC))
        budget_on(md, m, k, e->code);
    return true;
}

/* A diagnostic code (E-… or W-…) at character column COL of line LINE of F,
 * into CODE; its range into *AT. */
static const ExplainEntry *code_at(const SrcFile *f, int line, int col, Loc *at)
{
    size_t n;
    const char *s = f ? src_line(f, line, &n) : NULL;
    if (!s)
        return NULL;
    size_t i = 0;
    for (int c = 1; c < col && i < n; c++) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
    }
#define CODECH(ch) (((ch) >= 'A' && (ch) <= 'Z') || ((ch) >= '0' && (ch) <= '9') || (ch) == '-')
    size_t a = i, b = i;
    while (a > 0 && CODECH(s[a - 1]))
        a--;
    while (b < n && CODECH(s[b]))
        b++;
#undef CODECH
    for (int k = 0; k < explain_count; k++) {
        const char *code = explain_entries[k].code;
        if (strlen(code) == b - a && memcmp(code, s + a, b - a) == 0) {
            int c0 = src_count_chars(s, a) + 1;
            *at = (Loc){f, line, c0, line, c0 + (int)(b - a)};
            return &explain_entries[k];
        }
    }
    return NULL;
}

static void quote_paths(const PathSeg *path, Loc at, void *ctx);

typedef struct QuoteCtx {
    Md *md;
    const Model *m;
    ValueCtx vc;
} QuoteCtx;

static void quote_paths(const PathSeg *path, Loc at, void *ctx)
{
    QuoteCtx *q = ctx;
    Dec v;
    char msg[256], buf[DEC_FMT_MAX];
    Loc locs[1];
    Trace tr = {.locs = locs, .max = 1};
    const SrcFile *f = at.file;
    size_t n;
    const char *line = f ? src_line(f, at.line, &n) : NULL;
    char name[200] = "";
    if (line && at.end_line == at.line) { /* the path as written */
        size_t i = 0, j;
        for (int c = 1; c < at.col && i < n; c++)
            for (i++; i < n && ((unsigned char)line[i] & 0xC0) == 0x80; i++)
                ;
        j = i;
        for (int c = at.col; c < at.end_col && j < n; c++)
            for (j++; j < n && ((unsigned char)line[j] & 0xC0) == 0x80; j++)
                ;
        snprintf(name, sizeof name, "%.*s", (int)(j - i), line + i);
    }
    if (model_value(q->m, path, q->vc, &v, NULL, &tr, msg, sizeof msg) == VAL_OK) {
        dec_format(v, buf, sizeof buf);
        md_add(q->md, "\n- `%s` = %s", name, buf);
        if (tr.total > 0)
            md_add(q->md, " (the sum of %d line%s)", tr.total, tr.total == 1 ? "" : "s");
    } else {
        md_add(q->md, "\n- `%s`: %s", name, msg);
    }
}

static int unit_index(const Model *m, const Stmt *unit)
{
    const char *id = unit ? arg_text(unit, 0) : NULL;
    for (int i = 0; id && i < m->nunits; i++)
        if (m->units[i].id && strcmp(m->units[i].id, id) == 0)
            return i;
    return -1;
}

int feat_unit_at(const Doc *d, const Model *m, int line, int ch)
{
    Found f;
    int bl, bc;
    if (!m || !find_at(d, line, ch, &f, &bl, &bc))
        return -1;
    return unit_index(m, f.unit);
}

/* A cell of a printed table at (LINE, COL) of FILE: what the facts
 * derive for it, into MD; its place into *AT. */
static bool hover_cell(Md *md, const Model *m, const SrcFile *file, int line, int col, Loc *at)
{
    for (int i = 0; i < m->nstated; i++) {
        const StatedTable *st = &m->stated[i];
        for (int r = 0; r < st->nrows; r++) {
            const StatedRow *row = &st->rows[r];
            if (row->loc.file != file || line < row->loc.line || line > row->loc.end_line)
                continue;
            for (int j = 0; j < row->ncells; j++) {
                if (!in_loc(row->cells[j].loc, line, col))
                    continue;
                const Table *t = model_table(m, st->table, -1);
                const TRow *tr = t ? table_row(t, row->key) : NULL;
                if (!t || j >= t->ncols)
                    return false;
                char buf[DEC_FMT_MAX];
                md_add(md, "**%s** · %s", row->key, t->def->cols[j].title);
                if (tr && tr->cells[j].set) {
                    dec_format(tr->cells[j].v, buf, sizeof buf);
                    md_add(md, "\n\nderived from the facts: **%s** %s", buf, m->money ? m->money : "");
                    if (!row->cells[j].blank)
                        md_add(md, dec_eq(tr->cells[j].v, row->cells[j].v) ? " (as printed)"
                                                                           : " (printed otherwise)");
                } else {
                    md_add(md, "\n\nthe facts give no amount here");
                }
                *at = row->cells[j].loc;
                return true;
            }
        }
    }
    return false;
}

cJSON *feat_hover(Server *s, Doc *d, int line, int ch)
{
    Found f;
    int bl = 0, bc = 0;
    bool found = find_at(d, line, ch, &f, &bl, &bc);
    const SrcFile *file = entry_file(d->cur);
    if (!file)
        return NULL;
    Md md = {0};
    const Model *m = doc_model(d);
    if (found && f.quote && m) {
        ValueCtx vc = {.unit = unit_index(m, f.unit), .project = -1};
        Dec v;
        char buf[DEC_FMT_MAX];
        if (model_quote_value(m, f.quote->expr, vc, &v)) {
            dec_format(v, buf, sizeof buf);
            md_add(&md, "quote = **%s** %s", buf, m->money ? m->money : "");
        } else {
            md_add(&md, "this quote cannot be computed (budc check says why)");
        }
        QuoteCtx q = {&md, m, vc};
        walk_paths(f.quote->expr, quote_paths, &q);
        return hover_result(&md, file, f.quote->loc);
    }
    Loc at;
    if (found && f.atom && f.atom->kind == A_NUMBER && d->cur->model &&
        hover_cell(&md, d->cur->model, file, bl, bc, &at))
        return hover_result(&md, file, at);
    if (found && f.atom && f.atom->text &&
        (f.atom->kind == A_NUMBER || f.atom->kind == A_PCODE || f.atom->kind == A_WORD ||
         f.atom->kind == A_STRING) &&
        hover_code(&md, doc_defs(s, d), m, f.atom->text))
        return hover_result(&md, file, f.atom->loc);
    if (found && f.seg && f.seg->index && f.seg->index->text &&
        hover_code(&md, doc_defs(s, d), m, f.seg->index->text))
        return hover_result(&md, file, f.seg->loc);
    const ExplainEntry *e = code_at(file, bl, bc, &at);
    if (e) {
        md_add(&md, "**%s** — %s\n\n%s", e->code, e->title, e->body);
        return hover_result(&md, file, at);
    }
    free(md.s);
    return NULL;
}

/* ---- definition ---------------------------------------------------------------- */

/* The path (its first segment) of E that has segment SEG. */
typedef struct PathOf {
    const PathSeg *seg, *path;
} PathOf;

static void path_of(const PathSeg *path, Loc at, void *ctx)
{
    (void)at;
    PathOf *p = ctx;
    for (const PathSeg *x = path; x && !p->path; x = x->next)
        if (x == p->seg)
            p->path = path;
}

/* The fact lines that a quoted path's value adds up (its trace), as
 * Locations; NULL when it has none. */
static cJSON *path_facts(const Server *s, const Doc *d, const Found *f)
{
    const Model *m = doc_model(d);
    const Expr *e = f->quote ? f->quote->expr : f->stmt && f->stmt->kind == S_RULE ? f->stmt->expr : NULL;
    if (!m || !m->finished || !e || !f->seg)
        return NULL;
    PathOf p = {f->seg, NULL};
    walk_paths(e, path_of, &p);
    if (!p.path)
        return NULL;
    enum { MAXLOCS = 500 };
    Loc *locs = xmalloc(MAXLOCS * sizeof *locs);
    Trace tr = {.locs = locs, .max = MAXLOCS};
    ValueCtx vc = {.unit = f->quote ? unit_index(m, f->unit) : -1, .project = -1};
    Dec v;
    char msg[256];
    cJSON *out = NULL;
    if (model_value(m, p.path, vc, &v, NULL, &tr, msg, sizeof msg) == VAL_OK && tr.n > 0) {
        out = cJSON_CreateArray();
        for (int i = 0; i < tr.n; i++)
            if (locs[i].file)
                cJSON_AddItemToArray(out, location(s, d, locs[i]));
    }
    free(locs);
    return out;
}

/* The rule a diagnostic at (LINE, COL) of D reports (its code is the
 * rule's name), or whose name is written at that place (a comment,
 * -Wno-NAME); NULL when none. */
static const Rule *rule_at(const Doc *d, const SrcFile *file, int line, int col)
{
    const Model *m = doc_model(d);
    if (!m)
        return NULL;
    for (size_t i = 0; i < d->nrecs; i++) {
        const DiagRecord *r = &d->recs[i];
        if (r->level == DIAG_NOTE || !r->code || (r->file && strcmp(r->file, d->path) != 0))
            continue;
        Loc l = {.line = r->line, .col = r->col, .end_line = r->end_line, .end_col = r->end_col};
        if (!in_loc(l, line, col))
            continue;
        for (int k = 0; k < m->nrules; k++)
            if (m->rules[k].name && strcmp(m->rules[k].name, r->code) == 0)
                return &m->rules[k];
    }
    /* the word at the place: letters, digits, '_' and any non-ASCII character */
    size_t n;
    const char *s = file ? src_line(file, line, &n) : NULL;
    if (!s)
        return NULL;
    size_t i = 0;
    for (int c = 1; c < col && i < n; c++)
        for (i++; i < n && ((unsigned char)s[i] & 0xC0) == 0x80; i++)
            ;
#define WORDCH(ch) ((unsigned char)(ch) >= 0x80 || (ch) == '_' || ((ch) >= '0' && (ch) <= '9') || \
                    ((ch) >= 'A' && (ch) <= 'Z') || ((ch) >= 'a' && (ch) <= 'z'))
    size_t a = i, b = i;
    while (a > 0 && WORDCH(s[a - 1]))
        a--;
    while (b < n && WORDCH(s[b]))
        b++;
#undef WORDCH
    for (int k = 0; k < m->nrules && b > a; k++) {
        const char *name = m->rules[k].name;
        if (name && strlen(name) == b - a && memcmp(name, s + a, b - a) == 0)
            return &m->rules[k];
    }
    return NULL;
}

cJSON *feat_definition(Server *s, Doc *d, int line, int ch)
{
    Found f;
    int bl = 0, bc = 0;
    bool found = find_at(d, line, ch, &f, &bl, &bc);
    const Rule *rule = found && f.seg ? NULL : rule_at(d, entry_file(d->cur), bl, bc);
    if (rule && rule->name_loc.file)
        return location(s, d, rule->name_loc);
    if (!found || (!f.atom && !f.seg))
        return NULL;
    /* a quoted path, or one of a rule: the fact lines of its value */
    if (f.seg && (f.quote || f.stmt->kind == S_RULE) &&
        !(f.seg->index && f.seg->index->kind == A_STRING)) {
        cJSON *facts = path_facts(s, d, &f);
        if (facts)
            return facts;
    }
    if (!f.atom)
        return NULL;
    /* an import: the file it reads */
    if (f.stmt->kind == S_IMPORT)
        for (const Module *m = d->cur->program.modules; m; m = m->next)
            if (m->import_loc.file == f.atom->loc.file && m->import_loc.line == f.atom->loc.line &&
                m->import_loc.col == f.atom->loc.col) {
                cJSON *o = cJSON_CreateObject();
                char *uri = strcmp(m->path, d->path) == 0 ? NULL : pos_path_uri(m->path);
                cJSON_AddStringToObject(o, "uri", uri ? uri : d->uri);
                free(uri);
                cJSON_AddItemToObject(o, "range", pos_range(NULL, 1, 1, 1, 1));
                return o;
            }
    const char *name = f.seg ? (f.seg->name ? f.seg->name : f.seg->index ? f.seg->index->text : NULL)
                             : f.atom->text;
    if (!name)
        return NULL;
    const Model *m = doc_model(d);
    if (m) {
        for (int i = 0; i < m->nunits; i++)
            if (m->units[i].id && strcmp(m->units[i].id, name) == 0 && m->units[i].loc.file)
                return location(s, d, m->units[i].loc);
        for (int i = 0; i < m->nprojects; i++)
            if (m->projects[i].name && strcmp(m->projects[i].name, name) == 0 &&
                m->projects[i].name_loc.file)
                return location(s, d, m->projects[i].name_loc);
    }
    CatKind k;
    const Defs *defs = doc_defs(s, d);
    const CatEntry *e = defs ? cat_lookup(defs, name, &k) : NULL;
    if (e && e->loc.file)
        return location(s, d, e->loc);
    return NULL;
}

/* ---- references ------------------------------------------------------------------- */

typedef struct Refs {
    const Server *s;
    const Doc *d;
    const char *name;
    cJSON *out;
} Refs;

static void ref_add(Refs *r, Loc loc)
{
    if (cJSON_GetArraySize(r->out) < 2000)
        cJSON_AddItemToArray(r->out, location(r->s, r->d, loc));
}

static void ref_path(Refs *r, const PathSeg *p)
{
    for (; p; p = p->next) {
        const char *t = p->name ? p->name : p->index ? p->index->text : NULL;
        if (t && strcmp(t, r->name) == 0)
            ref_add(r, p->index ? p->index->loc : p->loc);
    }
}

static void ref_expr(Refs *r, const Expr *e)
{
    if (!e)
        return;
    if (e->atom && e->atom->kind == A_PATH)
        ref_path(r, e->atom->path);
    ref_expr(r, e->lhs);
    ref_expr(r, e->rhs);
}

static void ref_stmts(Refs *r, const Stmt *s)
{
    for (; s; s = s->next) {
        for (const Atom *a = s->args; a; a = a->next) {
            const Atom *at = a->kind == A_FIELD && a->value ? a->value : a;
            if (at->kind == A_PATH)
                ref_path(r, at->path);
            else if (at->text && at->kind != A_STRING && strcmp(at->text, r->name) == 0)
                ref_add(r, at->loc);
            else if (at->kind == A_STRING && at->text && !at->parts && strcmp(at->text, r->name) == 0)
                ref_add(r, at->loc); /* a project's name */
            for (const TextPart *p = atom_parts(at); p; p = p->next)
                ref_expr(r, p->expr);
        }
        ref_expr(r, stmt_expr(s));
        ref_stmts(r, s->body);
    }
}

cJSON *feat_references(Server *s, Doc *d, int line, int ch)
{
    Found f;
    int bl, bc;
    cJSON *out = cJSON_CreateArray();
    if (!find_at(d, line, ch, &f, &bl, &bc) || !f.atom)
        return out;
    const char *name = f.seg ? (f.seg->name ? f.seg->name : f.seg->index ? f.seg->index->text : NULL)
                             : f.atom->kind == A_PATH || f.quote ? NULL : f.atom->text;
    if (!name || !*name)
        return out;
    Refs r = {s, d, name, out};
    for (const Module *m = d->cur->program.modules; m; m = m->next)
        if (!m->is_std)
            ref_stmts(&r, m->stmts);
    return out;
}
