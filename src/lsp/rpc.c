/*
 * rpc.c — Content-Length framing of LSP's base protocol (rpc.h).
 */
#include "lsp/rpc.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/arena.h"

void rpc_init(RpcReader *r, int fd)
{
    memset(r, 0, sizeof *r);
    r->fd = fd;
}

void rpc_free(RpcReader *r)
{
    free(r->buf);
    memset(r, 0, sizeof *r);
}

/* Reads more input into the buffer; false at the end of the input. */
static bool fill(RpcReader *r)
{
    if (r->eof)
        return false;
    if (r->pos > 0 && r->pos == r->n)
        r->pos = r->n = 0;
    if (r->n == r->cap) {
        if (r->pos > 0) { /* room at the front */
            memmove(r->buf, r->buf + r->pos, r->n - r->pos);
            r->n -= r->pos;
            r->pos = 0;
        } else {
            r->cap = r->cap ? r->cap * 2 : 65536;
            r->buf = xrealloc(r->buf, r->cap);
        }
    }
    for (;;) {
        ssize_t k = read(r->fd, r->buf + r->n, r->cap - r->n);
        if (k > 0) {
            r->n += (size_t)k;
            return true;
        }
        if (k < 0 && errno == EINTR)
            continue;
        r->eof = true;
        return false;
    }
}

/* The next header line (without its "\r\n" or "\n") into LINE (room for
 * RPC_MAX_HEADER_LINE bytes); -1 at the end of the input, 1 when it was too
 * long (skipped to its end), 0 otherwise. */
static int read_line(RpcReader *r, char *line, size_t *len)
{
    size_t o = 0;
    bool long_line = false;
    for (;;) {
        while (r->pos < r->n) {
            char c = r->buf[r->pos++];
            if (c == '\n') {
                if (o > 0 && line[o - 1] == '\r')
                    o--;
                *len = o;
                return long_line ? 1 : 0;
            }
            if (o + 1 < RPC_MAX_HEADER_LINE)
                line[o++] = c;
            else
                long_line = true;
        }
        if (!fill(r))
            return -1;
    }
}

RpcStatus rpc_read(RpcReader *r, char **body, size_t *len)
{
    char line[RPC_MAX_HEADER_LINE];
    size_t n;
    long long length = -1;
    bool bad = false, any = false;
    for (;;) {
        int st = read_line(r, line, &n);
        if (st < 0)
            return RPC_EOF;
        if (st > 0) {
            bad = true;
            continue;
        }
        if (n == 0) {
            if (!any)
                continue; /* blank lines between messages */
            break;
        }
        any = true;
        line[n] = '\0';
        if (strncasecmp(line, "Content-Length:", 15) == 0) {
            char *end;
            const char *v = line + 15;
            while (*v == ' ' || *v == '\t')
                v++;
            errno = 0;
            long long x = strtoll(v, &end, 10);
            while (*end == ' ' || *end == '\t')
                end++;
            if (errno || end == v || *end || x < 0)
                bad = true;
            else
                length = x;
        } else if (!strchr(line, ':')) {
            bad = true; /* not a header field */
        }
    }
    if (length < 0)
        return RPC_BAD;
    if (length > RPC_MAX_BODY || bad) {
        /* skip the body that was announced */
        long long left = length;
        while (left > 0) {
            if (r->pos == r->n && !fill(r))
                return RPC_EOF;
            size_t take = r->n - r->pos < (size_t)left ? r->n - r->pos : (size_t)left;
            r->pos += take;
            left -= (long long)take;
        }
        return RPC_BAD;
    }
    char *b = xmalloc((size_t)length + 1);
    size_t got = 0;
    while (got < (size_t)length) {
        if (r->pos == r->n && !fill(r)) {
            free(b);
            return RPC_EOF;
        }
        size_t take = r->n - r->pos < (size_t)length - got ? r->n - r->pos : (size_t)length - got;
        memcpy(b + got, r->buf + r->pos, take);
        r->pos += take;
        got += take;
    }
    b[got] = '\0';
    *body = b;
    *len = got;
    return RPC_MESSAGE;
}

bool rpc_pending(RpcReader *r, int timeout_ms)
{
    if (r->pos < r->n)
        return true;
    if (r->eof)
        return false;
    struct pollfd p = {.fd = r->fd, .events = POLLIN};
    int k;
    do
        k = poll(&p, 1, timeout_ms);
    while (k < 0 && errno == EINTR);
    return k > 0;
}

void rpc_write(FILE *out, const char *body, size_t len)
{
    fprintf(out, "Content-Length: %zu\r\n\r\n", len);
    fwrite(body, 1, len, out);
    fflush(out);
}
