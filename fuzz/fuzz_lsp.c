/*
 * fuzz_lsp.c — libFuzzer harness of the language server (fuzz/README.md,
 * docs/lsp.md): a random sequence of edits and requests.
 *
 * The input is cut at its NUL bytes.  The first piece is the text of a
 * document the server opens (file:///fuzz.bud, compiled sandboxed as
 * fuzz_common.h says); each later piece is one step, chosen by its first
 * byte:
 *
 *   0-3  an edit: the next two bytes place it, the third says how many
 *        bytes to take out, the rest is put in (a didChange of the whole
 *        text, as an editor that syncs fully sends it), then the re-check
 *   4    hover, 5 completion, 6 definition and references, at the line and
 *        character the next two bytes give
 *   7    the rest of the piece as a raw message (JSON or not)
 *
 * At the end the outline, formatting and the quick fixes of the whole
 * document (filling a printed table from the facts among them) are asked for, then shutdown and exit.  Every message goes
 * through server_message as the server reads it from its input; what the
 * server writes goes to /dev/null.
 */
#include "fuzz_common.h"

#include "lsp/server.h"

static void send(Server *s, cJSON *m)
{
    char *t = cJSON_PrintUnformatted(m);
    cJSON_Delete(m);
    if (!t)
        abort();
    server_message(s, t, strlen(t));
    cJSON_free(t);
}

static cJSON *msg(const char *method, int id)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "jsonrpc", "2.0");
    if (id)
        cJSON_AddNumberToObject(m, "id", id);
    cJSON_AddStringToObject(m, "method", method);
    return m;
}

static cJSON *doc_params(cJSON *m, int line, int ch)
{
    cJSON *p = cJSON_AddObjectToObject(m, "params");
    cJSON *td = cJSON_AddObjectToObject(p, "textDocument");
    cJSON_AddStringToObject(td, "uri", "file:///fuzz.bud");
    if (line >= 0) {
        cJSON *pos = cJSON_AddObjectToObject(p, "position");
        cJSON_AddNumberToObject(pos, "line", line);
        cJSON_AddNumberToObject(pos, "character", ch);
    }
    return p;
}

static void change(Server *s, const char *text, size_t n, int version)
{
    char *t = malloc(n + 1);
    memcpy(t, text, n);
    t[n] = '\0';
    cJSON *m = msg(version == 1 ? "textDocument/didOpen" : "textDocument/didChange", 0);
    cJSON *p = doc_params(m, -1, 0);
    cJSON *td = cJSON_GetObjectItem(p, "textDocument");
    cJSON_AddNumberToObject(td, "version", version);
    if (version == 1) {
        cJSON_AddStringToObject(td, "text", t);
    } else {
        cJSON *ch = cJSON_AddArrayToObject(p, "contentChanges");
        cJSON *c = cJSON_CreateObject();
        cJSON_AddStringToObject(c, "text", t);
        cJSON_AddItemToArray(ch, c);
    }
    free(t);
    send(s, m);
    server_flush(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Server s;
    server_init(&s, fuzz_stdlib, fuzz_devnull);
    s.cache = &fuzz_cache;
    s.sandbox = true;
    cJSON *init = msg("initialize", 1);
    cJSON_AddObjectToObject(init, "params");
    send(&s, init);
    const uint8_t *end = data + size;
    const uint8_t *z = memchr(data, 0, size);
    size_t n0 = z ? (size_t)(z - data) : size;
    char *text = malloc(n0 + 1);
    memcpy(text, data, n0);
    size_t len = n0;
    change(&s, text, len, 1);
    int id = 2, version = 2;
    for (const uint8_t *p = z ? z + 1 : end; p < end;) {
        const uint8_t *q = memchr(p, 0, (size_t)(end - p));
        size_t pn = q ? (size_t)(q - p) : (size_t)(end - p);
        if (pn >= 3) {
            int op = p[0] % 8;
            if (op < 4 && pn >= 4) {
                size_t at = ((size_t)p[1] << 8 | p[2]) % (len + 1);
                size_t del = p[3] % 16;
                if (del > len - at)
                    del = len - at;
                size_t ins = pn - 4;
                char *t = malloc(len - del + ins + 1);
                memcpy(t, text, at);
                memcpy(t + at, p + 4, ins);
                memcpy(t + at + ins, text + at + del, len - at - del);
                free(text);
                text = t;
                len = len - del + ins;
                change(&s, text, len, version++);
            } else if (op >= 4 && op <= 6) {
                static const char *const what[] = {"textDocument/hover", "textDocument/completion",
                                                   "textDocument/definition"};
                cJSON *m = msg(what[op - 4], id++);
                doc_params(m, p[1] % 64, p[2] % 128);
                send(&s, m);
                if (op == 6) { /* and the references of the same place */
                    m = msg("textDocument/references", id++);
                    doc_params(m, p[1] % 64, p[2] % 128);
                    send(&s, m);
                }
            } else if (op == 7) {
                server_message(&s, (const char *)p + 1, pn - 1);
            }
        }
        p += pn + 1;
    }
    cJSON *m = msg("textDocument/documentSymbol", id++);
    doc_params(m, -1, 0);
    send(&s, m);
    m = msg("textDocument/formatting", id++);
    doc_params(m, -1, 0);
    send(&s, m);
    m = msg("textDocument/codeAction", id++);
    cJSON *pr = doc_params(m, -1, 0);
    cJSON *r = cJSON_AddObjectToObject(pr, "range");
    cJSON *a = cJSON_AddObjectToObject(r, "start");
    cJSON_AddNumberToObject(a, "line", 0);
    cJSON_AddNumberToObject(a, "character", 0);
    cJSON *b = cJSON_AddObjectToObject(r, "end");
    cJSON_AddNumberToObject(b, "line", 100000);
    cJSON_AddNumberToObject(b, "character", 0);
    send(&s, m);
    send(&s, msg("shutdown", id++));
    send(&s, msg("exit", 0));
    if (!s.exited || !s.shutdown)
        abort();
    free(text);
    server_free(&s);
    return 0;
}
