/*
 * server.c — the language server's lifecycle, documents and diagnostics
 * (server.h), and `budc lsp` itself.
 *
 * Messages are handled one at a time, in order.  A change only marks its
 * document: the document is compiled when no other message comes within
 * the debounce time (so a burst of keystrokes costs one check), or at once
 * when a request about it needs the result.  Every malformed message is
 * answered (or, for a notification, dropped) and the server goes on.
 */
#include "lsp/server.h"

#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/cli.h"
#include "base/i18n.h"
#include "front/load.h"
#include "lsp/lsp.h"
#include "lsp/rpc.h"

/* JSON-RPC and LSP error codes. */
enum {
    ERR_PARSE = -32700,
    ERR_INVALID_REQUEST = -32600,
    ERR_METHOD_NOT_FOUND = -32601,
    ERR_INVALID_PARAMS = -32602,
    ERR_NOT_INITIALIZED = -32002
};

const char *const lsp_help = N_(
    "usage: budc lsp [--stdio] [--debounce=MS] [--log]\n"
    "\n"
    "Runs the language server (Language Server Protocol 3.17) on standard\n"
    "input and output, for editors (docs/lsp.md, docs/editors.md).  It checks\n"
    "each open document as it is typed, the text in the editor winning over the\n"
    "file on disk (for the budgets that import it too), and publishes the\n"
    "diagnostics of budc check; it answers outline (document symbols), hover\n"
    "(a classification code, a quote, a printed table's cell, a diagnostic\n"
    "code), completion (codes, fund sources, indicator kinds, units of\n"
    "measure; in a quote or a rule, the paths of figures with their values),\n"
    "go to definition (a quoted path: the fact lines it adds up; a rule),\n"
    "references, formatting (budc fmt) and quick\n"
    "fixes (\"did you mean\", a figure typed in prose made a quote).\n"
    "\n"
    "options:\n"
    "  --stdio         talk over standard input and output (the default; the\n"
    "                  only transport)\n"
    "  --debounce=MS   check a changed document once no message came for MS\n"
    "                  milliseconds (default 50)\n"
    "  --log           say on standard error how long each check took\n"
    "\n"
    "Exits 0 after the client's shutdown and exit, 1 when the input ends or\n"
    "exit comes without shutdown, 2 for a usage problem.\n");

void server_init(Server *s, const char *stdlib_dir, FILE *out)
{
    memset(s, 0, sizeof *s);
    s->stdlib_dir = stdlib_dir;
    s->out = out;
    s->devnull = fopen("/dev/null", "w");
    compile_cache_init(&s->own_cache);
    s->cache = &s->own_cache;
}

static void free_recs(DiagRecord *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(r[i].code);
        free(r[i].file);
        free(r[i].message);
    }
    free(r);
}

static void free_compilation(Compilation *c)
{
    if (c) {
        compile_free(c);
        free(c);
    }
}

static void doc_free(Doc *d)
{
    if (d->good != d->cur)
        free_compilation(d->good);
    free_compilation(d->cur);
    free_recs(d->recs, d->nrecs);
    for (int i = 0; i < d->npublished; i++)
        free(d->published[i]);
    free(d->published);
    for (int i = 0; i < d->ndeps; i++)
        free(d->deps[i]);
    free(d->deps);
    free(d->real);
    free(d->uri);
    free(d->path);
    free(d->text);
    free(d);
}

void server_free(Server *s)
{
    while (s->docs) {
        Doc *d = s->docs;
        s->docs = d->next;
        doc_free(d);
    }
    compile_cache_free(&s->own_cache);
    doclinks_free(s);
    if (s->devnull)
        fclose(s->devnull);
}

static char *sdup(const char *t)
{
    size_t n = strlen(t) + 1;
    char *c = xmalloc(n);
    memcpy(c, t, n);
    return c;
}

void server_send(Server *s, cJSON *msg)
{
    cJSON_AddStringToObject(msg, "jsonrpc", "2.0");
    char *text = cJSON_PrintUnformatted(msg);
    cJSON_Delete(msg);
    if (!text)
        return;
    rpc_write(s->out, text, strlen(text));
    cJSON_free(text);
}

static void respond(Server *s, const cJSON *id, cJSON *result)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddItemToObject(m, "id", id ? cJSON_Duplicate(id, 1) : cJSON_CreateNull());
    cJSON_AddItemToObject(m, "result", result ? result : cJSON_CreateNull());
    server_send(s, m);
}

static void respond_error(Server *s, const cJSON *id, int code, const char *message)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddItemToObject(m, "id", id ? cJSON_Duplicate(id, 1) : cJSON_CreateNull());
    cJSON *e = cJSON_AddObjectToObject(m, "error");
    cJSON_AddNumberToObject(e, "code", code);
    cJSON_AddStringToObject(e, "message", message);
    server_send(s, m);
}

static void notify(Server *s, const char *method, cJSON *params)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "method", method);
    cJSON_AddItemToObject(m, "params", params);
    server_send(s, m);
}

/* ---- documents ------------------------------------------------------------ */

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static bool lsp_log;

static char *real_path(const char *path)
{
    char buf[PATH_MAX];
    return realpath(path, buf) ? sdup(buf) : NULL;
}

/* The text of the open document at PATH, which wins over the file
 * (Program.overlay). */
static const char *overlay(void *ctx, const char *path, size_t *len)
{
    Server *s = ctx;
    char *real = NULL;
    const char *text = NULL;
    for (Doc *d = s->docs; d && !text; d = d->next) {
        if (!d->real)
            continue;
        if (!real && !(real = real_path(path)))
            break;
        if (strcmp(real, d->real) == 0) {
            text = d->text;
            *len = d->len;
        }
    }
    free(real);
    return text;
}

static bool has_dep(const Doc *d, const char *real)
{
    for (int i = 0; real && i < d->ndeps; i++)
        if (strcmp(d->deps[i], real) == 0)
            return true;
    return false;
}

/* Remembers the files D's compilation imports, and when D's text changed,
 * marks the open budgets that import it to be compiled again. */
static void note_deps(Server *s, Doc *d)
{
    for (int i = 0; i < d->ndeps; i++)
        free(d->deps[i]);
    d->ndeps = 0;
    int n = 0;
    for (const Module *m = d->cur->program.modules; m; m = m->next)
        n++;
    d->deps = xrealloc(d->deps, (size_t)(n ? n : 1) * sizeof *d->deps);
    for (const Module *m = d->cur->program.modules ? d->cur->program.modules->next : NULL; m;
         m = m->next)
        if (!m->is_std && (d->deps[d->ndeps] = real_path(m->path)))
            d->ndeps++;
    if (d->changed)
        for (Doc *e = s->docs; e; e = e->next)
            if (e != d && has_dep(e, d->real))
                e->dirty = true;
    d->changed = false;
}

/* Whether another open document imports D: that budget's diagnostics
 * stand for D's file (they are of the whole budget), not D's own. */
static bool covered(const Server *s, const Doc *d)
{
    for (const Doc *e = s->docs; e; e = e->next)
        if (e != d && has_dep(e, d->real))
            return true;
    return false;
}

/* Compiles D's text and keeps what it reported. */
static void compile_doc(Server *s, Doc *d)
{
    DiagCtx dc;
    diag_init(&dc, s->devnull);
    dc.record = true;
    dc.max_errors = 0;
    Compilation *c = xmalloc(sizeof *c);
    CompileInput in = {.path = d->path, .text = d->text, .len = d->len,
                       .stdlib_dir = s->stdlib_dir, .cache = s->cache,
                       .sandbox = s->sandbox, .overlay = overlay, .overlay_ctx = s};
    double t0 = now_ms();
    compile(c, &in, COMPILE_CHECK, &dc);
    s->last_check_ms = now_ms() - t0;
    if (lsp_log)
        fprintf(stderr, "budc lsp: checked %s in %.2f ms\n", d->path, s->last_check_ms);
    free_recs(d->recs, d->nrecs);
    d->recs = dc.recs;
    d->nrecs = dc.nrecs;
    dc.recs = NULL;
    dc.nrecs = dc.caprecs = 0;
    diag_free(&dc);
    if (d->cur != d->good)
        free_compilation(d->cur);
    d->cur = c;
    if (c->program.nerrors == 0 && c->program.modules) {
        if (d->good != c)
            free_compilation(d->good);
        d->good = c;
    }
    d->dirty = false;
    note_deps(s, d);
}

/* Publishes D's diagnostics: for its own file and every file they are in,
 * and an empty list for a file that had some the last time. */
static void publish(Server *s, Doc *d)
{
    if (covered(s, d))
        return;
    int cap = 4, n = 0;
    char **names = xmalloc((size_t)cap * sizeof *names);
    cJSON **lists = xmalloc((size_t)cap * sizeof *lists);
    names[n] = sdup(d->path);
    lists[n++] = cJSON_CreateArray();
    for (size_t i = 0; i < d->nrecs; i++) {
        const DiagRecord *r = &d->recs[i];
        if (r->level == DIAG_NOTE)
            continue;
        size_t k = i + 1;
        while (k < d->nrecs && d->recs[k].level == DIAG_NOTE)
            k++;
        const char *name = r->file ? r->file : d->path;
        int j = 0;
        while (j < n && strcmp(names[j], name) != 0)
            j++;
        if (j == n) {
            if (n == cap) {
                cap *= 2;
                names = xrealloc(names, (size_t)cap * sizeof *names);
                lists = xrealloc(lists, (size_t)cap * sizeof *lists);
            }
            names[n] = sdup(name);
            lists[n++] = cJSON_CreateArray();
        }
        cJSON_AddItemToArray(lists[j], feat_diagnostic(s, d, r, k - i));
    }
    char **uris = xmalloc((size_t)n * sizeof *uris);
    for (int j = 0; j < n; j++) {
        uris[j] = doc_uri(s, d, names[j]);
        cJSON *params = cJSON_CreateObject();
        cJSON_AddStringToObject(params, "uri", uris[j]);
        if (strcmp(names[j], d->path) == 0)
            cJSON_AddNumberToObject(params, "version", d->version);
        cJSON_AddItemToObject(params, "diagnostics", lists[j]);
        notify(s, "textDocument/publishDiagnostics", params);
        free(names[j]);
    }
    for (int i = 0; i < d->npublished; i++) {
        bool still = false;
        for (int j = 0; j < n && !still; j++)
            still = strcmp(uris[j], d->published[i]) == 0;
        if (!still) {
            cJSON *params = cJSON_CreateObject();
            cJSON_AddStringToObject(params, "uri", d->published[i]);
            cJSON_AddItemToObject(params, "diagnostics", cJSON_CreateArray());
            notify(s, "textDocument/publishDiagnostics", params);
        }
        free(d->published[i]);
    }
    free(d->published);
    d->published = uris;
    d->npublished = n;
    free(names);
    free(lists);
}

void server_flush(Server *s)
{
    /* a document compiled marks the budgets that import it: a few rounds
     * (a change marks them once, so this ends) */
    for (int round = 0; round < 4; round++) {
        bool any = false;
        for (Doc *d = s->docs; d; d = d->next)
            if (d->dirty) {
                compile_doc(s, d);
                publish(s, d);
                any = true;
            }
        if (!any)
            break;
    }
}

static Doc *find_doc(Server *s, const char *uri)
{
    for (Doc *d = s->docs; d; d = d->next)
        if (strcmp(d->uri, uri) == 0)
            return d;
    return NULL;
}

Doc *server_doc(Server *s, const char *uri)
{
    Doc *d = find_doc(s, uri);
    if (d && d->dirty) {
        compile_doc(s, d);
        publish(s, d);
    }
    return d;
}

static void set_text(Doc *d, const char *text, size_t len)
{
    free(d->text);
    d->text = xmalloc(len + 1);
    memcpy(d->text, text, len);
    d->text[len] = '\0';
    d->len = len;
    d->dirty = d->changed = true;
}

/* The byte offset in TEXT[0..LEN) of LSP position POS (clamped). */
static size_t offset_of(const char *text, size_t len, const cJSON *pos)
{
    const cJSON *l = cJSON_GetObjectItemCaseSensitive(pos, "line");
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(pos, "character");
    double line = cJSON_IsNumber(l) ? l->valuedouble : 0, ch = cJSON_IsNumber(c) ? c->valuedouble : 0;
    size_t i = 0;
    for (double k = 0; k < line && i < len; i++)
        if (text[i] == '\n')
            k++;
    for (double u = 0; u < ch && i < len && text[i] != '\n';) {
        unsigned char b = (unsigned char)text[i];
        u += b >= 0xF0 ? 2 : 1;
        i++;
        while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
            i++;
    }
    return i;
}

/* ---- messages ------------------------------------------------------------- */

static const char *str_at(const cJSON *o, const char *k1, const char *k2)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k1);
    if (k2)
        x = cJSON_GetObjectItemCaseSensitive(x, k2);
    return cJSON_IsString(x) ? x->valuestring : NULL;
}

static cJSON *initialize_result(void)
{
    cJSON *r = cJSON_CreateObject();
    cJSON *c = cJSON_AddObjectToObject(r, "capabilities");
    cJSON_AddStringToObject(c, "positionEncoding", "utf-16");
    cJSON *sync = cJSON_AddObjectToObject(c, "textDocumentSync");
    cJSON_AddBoolToObject(sync, "openClose", 1);
    cJSON_AddNumberToObject(sync, "change", 1); /* full */
    cJSON *save = cJSON_AddObjectToObject(sync, "save");
    cJSON_AddBoolToObject(save, "includeText", 0);
    cJSON_AddBoolToObject(c, "hoverProvider", 1);
    cJSON_AddBoolToObject(c, "definitionProvider", 1);
    cJSON_AddBoolToObject(c, "referencesProvider", 1);
    cJSON_AddBoolToObject(c, "documentSymbolProvider", 1);
    cJSON_AddBoolToObject(c, "documentFormattingProvider", 1);
    cJSON *comp = cJSON_AddObjectToObject(c, "completionProvider");
    cJSON_AddBoolToObject(comp, "resolveProvider", 0);
    cJSON *ca = cJSON_AddObjectToObject(c, "codeActionProvider");
    cJSON *kinds = cJSON_AddArrayToObject(ca, "codeActionKinds");
    cJSON_AddItemToArray(kinds, cJSON_CreateString("quickfix"));
    cJSON *info = cJSON_AddObjectToObject(r, "serverInfo");
    cJSON_AddStringToObject(info, "name", "budc");
    return r;
}

static void did_open(Server *s, const cJSON *params)
{
    const cJSON *td = cJSON_GetObjectItemCaseSensitive(params, "textDocument");
    const char *uri = str_at(td, "uri", NULL), *text = str_at(td, "text", NULL);
    if (!uri || !text)
        return;
    Doc *d = find_doc(s, uri);
    if (!d) {
        d = xmalloc(sizeof *d);
        memset(d, 0, sizeof *d);
        d->uri = sdup(uri);
        d->path = pos_uri_path(uri);
        if (!d->path)
            d->path = sdup(uri);
        d->real = real_path(d->path);
        d->next = s->docs;
        s->docs = d;
    }
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(td, "version");
    d->version = cJSON_IsNumber(v) ? v->valueint : 0;
    set_text(d, text, strlen(text));
}

static void did_change(Server *s, const cJSON *params)
{
    const cJSON *td = cJSON_GetObjectItemCaseSensitive(params, "textDocument");
    const char *uri = str_at(td, "uri", NULL);
    Doc *d = uri ? find_doc(s, uri) : NULL;
    if (!d)
        return;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(td, "version");
    if (cJSON_IsNumber(v))
        d->version = v->valueint;
    const cJSON *ch;
    cJSON_ArrayForEach(ch, cJSON_GetObjectItemCaseSensitive(params, "contentChanges"))
    {
        const char *text = str_at(ch, "text", NULL);
        const cJSON *range = cJSON_GetObjectItemCaseSensitive(ch, "range");
        if (!text)
            continue;
        if (!cJSON_IsObject(range)) {
            set_text(d, text, strlen(text));
            continue;
        }
        size_t a = offset_of(d->text, d->len, cJSON_GetObjectItemCaseSensitive(range, "start"));
        size_t b = offset_of(d->text, d->len, cJSON_GetObjectItemCaseSensitive(range, "end"));
        if (b < a)
            b = a;
        size_t tn = strlen(text), n = d->len - (b - a) + tn;
        char *t = xmalloc(n + 1);
        memcpy(t, d->text, a);
        memcpy(t + a, text, tn);
        memcpy(t + a + tn, d->text + b, d->len - b);
        t[n] = '\0';
        free(d->text);
        d->text = t;
        d->len = n;
        d->dirty = d->changed = true;
    }
}

static void did_close(Server *s, const cJSON *params)
{
    const char *uri = str_at(params, "textDocument", "uri");
    for (Doc **p = &s->docs; uri && *p; p = &(*p)->next)
        if (strcmp((*p)->uri, uri) == 0) {
            Doc *d = *p;
            bool cov = covered(s, d);
            *p = d->next;
            for (Doc *e = s->docs; e; e = e->next) {
                if (has_dep(e, d->real))
                    e->dirty = true; /* it reads the file from disk again */
                if (has_dep(d, e->real))
                    e->dirty = true; /* it speaks for itself again */
            }
            for (int i = 0; !cov && i < d->npublished; i++) {
                cJSON *pr = cJSON_CreateObject();
                cJSON_AddStringToObject(pr, "uri", d->published[i]);
                cJSON_AddItemToObject(pr, "diagnostics", cJSON_CreateArray());
                notify(s, "textDocument/publishDiagnostics", pr);
            }
            doc_free(d);
            return;
        }
}

/* The document and position a request names; false after answering
 * InvalidParams. */
static bool doc_position(Server *s, const cJSON *id, const cJSON *params, Doc **d, int *line,
                         int *ch)
{
    const char *uri = str_at(params, "textDocument", "uri");
    const cJSON *pos = cJSON_GetObjectItemCaseSensitive(params, "position");
    const cJSON *l = cJSON_GetObjectItemCaseSensitive(pos, "line");
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(pos, "character");
    if (line && (!cJSON_IsNumber(l) || !cJSON_IsNumber(c) || l->valuedouble < 0 ||
                 c->valuedouble < 0 || l->valuedouble > 1e8 || c->valuedouble > 1e8)) {
        respond_error(s, id, ERR_INVALID_PARAMS, "a position {line, character} is needed");
        return false;
    }
    if (!uri) {
        respond_error(s, id, ERR_INVALID_PARAMS, "textDocument.uri is needed");
        return false;
    }
    *d = server_doc(s, uri);
    if (line) {
        *line = l->valueint;
        *ch = c->valueint;
    }
    return true;
}

static void request(Server *s, const char *method, const cJSON *id, const cJSON *params)
{
    Doc *d = NULL;
    int line = 0, ch = 0;
    if (strcmp(method, "shutdown") == 0) {
        s->shutdown = true;
        respond(s, id, NULL);
    } else if (strcmp(method, "textDocument/documentSymbol") == 0) {
        if (doc_position(s, id, params, &d, NULL, NULL))
            respond(s, id, d ? feat_symbols(s, d) : cJSON_CreateArray());
    } else if (strcmp(method, "textDocument/hover") == 0) {
        if (doc_position(s, id, params, &d, &line, &ch))
            respond(s, id, d ? feat_hover(s, d, line, ch) : NULL);
    } else if (strcmp(method, "textDocument/completion") == 0) {
        if (doc_position(s, id, params, &d, &line, &ch))
            respond(s, id, d ? feat_completion(s, d, line, ch) : cJSON_CreateArray());
    } else if (strcmp(method, "textDocument/definition") == 0) {
        if (doc_position(s, id, params, &d, &line, &ch))
            respond(s, id, d ? feat_definition(s, d, line, ch) : NULL);
    } else if (strcmp(method, "textDocument/references") == 0) {
        if (doc_position(s, id, params, &d, &line, &ch))
            respond(s, id, d ? feat_references(s, d, line, ch) : cJSON_CreateArray());
    } else if (strcmp(method, "textDocument/formatting") == 0) {
        if (doc_position(s, id, params, &d, NULL, NULL))
            respond(s, id, d ? feat_formatting(s, d) : NULL);
    } else if (strcmp(method, "textDocument/codeAction") == 0) {
        if (doc_position(s, id, params, &d, NULL, NULL))
            respond(s, id,
                    d ? feat_code_actions(s, d, cJSON_GetObjectItemCaseSensitive(params, "range"))
                      : cJSON_CreateArray());
    } else {
        respond_error(s, id, ERR_METHOD_NOT_FOUND, "unknown method");
    }
}

void server_message(Server *s, const char *body, size_t len)
{
    cJSON *m = cJSON_ParseWithLength(body, len);
    if (!m) {
        respond_error(s, NULL, ERR_PARSE, "the message is not JSON");
        return;
    }
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(m, "id");
    const cJSON *method = cJSON_GetObjectItemCaseSensitive(m, "method");
    const cJSON *params = cJSON_GetObjectItemCaseSensitive(m, "params");
    if (!cJSON_IsObject(m) || (id && !cJSON_IsNumber(id) && !cJSON_IsString(id))) {
        respond_error(s, NULL, ERR_INVALID_REQUEST, "not a JSON-RPC request or notification");
    } else if (!cJSON_IsString(method)) {
        if (!cJSON_HasObjectItem(m, "result") && !cJSON_HasObjectItem(m, "error"))
            respond_error(s, id, ERR_INVALID_REQUEST, "no method");
        /* else: the answer to a request of ours (we send none) */
    } else if (strcmp(method->valuestring, "exit") == 0) {
        s->exited = true;
    } else if (!s->initialized) {
        if (strcmp(method->valuestring, "initialize") == 0 && id) {
            s->initialized = true;
            /* codeDescription links only to a client that says it shows them */
            const cJSON *caps = cJSON_GetObjectItemCaseSensitive(params, "capabilities");
            const cJSON *td = cJSON_GetObjectItemCaseSensitive(caps, "textDocument");
            const cJSON *pd = cJSON_GetObjectItemCaseSensitive(td, "publishDiagnostics");
            if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(pd, "codeDescriptionSupport")) &&
                !s->sandbox)
                doclinks_load(s);
            respond(s, id, initialize_result());
        } else if (id) {
            respond_error(s, id, ERR_NOT_INITIALIZED, "initialize first");
        }
    } else if (!id) { /* notifications */
        const char *mn = method->valuestring;
        if (s->shutdown)
            ; /* nothing but exit after shutdown */
        else if (strcmp(mn, "textDocument/didOpen") == 0)
            did_open(s, params);
        else if (strcmp(mn, "textDocument/didChange") == 0)
            did_change(s, params);
        else if (strcmp(mn, "textDocument/didClose") == 0)
            did_close(s, params);
        else if (strcmp(mn, "textDocument/didSave") == 0) {
            const char *uri = str_at(params, "textDocument", "uri");
            const char *text = str_at(params, "text", NULL);
            Doc *d = uri ? find_doc(s, uri) : NULL;
            if (d && text)
                set_text(d, text, strlen(text));
            else if (d)
                d->dirty = d->changed = true; /* its imports may have changed on disk */
        }
        /* initialized, $/… and the rest: nothing to do */
    } else if (s->shutdown) {
        respond_error(s, id, ERR_INVALID_REQUEST, "the server is shut down");
    } else if (strcmp(method->valuestring, "initialize") == 0) {
        respond_error(s, id, ERR_INVALID_REQUEST, "initialized already");
    } else {
        request(s, method->valuestring, id, cJSON_IsObject(params) ? params : NULL);
    }
    cJSON_Delete(m);
}

/* ---- the command ---------------------------------------------------------- */

int cmd_lsp(int argc, char **argv, const char *argv0)
{
    int debounce = 50;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--stdio") == 0)
            continue;
        else if (strcmp(argv[i], "--log") == 0)
            lsp_log = true;
        else if (strncmp(argv[i], "--debounce=", 11) == 0) {
            char *end;
            long v = strtol(argv[i] + 11, &end, 10);
            if (*end || end == argv[i] + 11 || v < 0 || v > 10000)
                return cli_usage("lsp: --debounce takes milliseconds, 0 to 10000");
            debounce = (int)v;
        } else
            return cli_usage("lsp: unknown option '%s'", argv[i]);
    }
    signal(SIGPIPE, SIG_IGN);
    Server s;
    server_init(&s, frontend_stdlib_dir(argv0), stdout);
    RpcReader r;
    rpc_init(&r, STDIN_FILENO);
    while (!s.exited && !ferror(stdout)) {
        bool dirty = false;
        for (Doc *d = s.docs; d; d = d->next)
            dirty |= d->dirty;
        if (dirty && !rpc_pending(&r, debounce))
            server_flush(&s);
        char *body;
        size_t len;
        RpcStatus st = rpc_read(&r, &body, &len);
        if (st == RPC_EOF)
            break;
        if (st == RPC_BAD) {
            respond_error(&s, NULL, ERR_PARSE, "malformed message header");
            continue;
        }
        server_message(&s, body, len);
        free(body);
    }
    int status = s.exited && s.shutdown ? EXIT_OK : EXIT_INPUT;
    rpc_free(&r);
    server_free(&s);
    return status;
}
