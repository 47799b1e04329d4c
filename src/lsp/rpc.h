/*
 * rpc.h — the base protocol of LSP: JSON-RPC messages framed by a
 * "Content-Length: N" header, read from a file descriptor and written to a
 * stream.
 *
 * The reader keeps its own buffer (not stdio's), so the server can ask
 * whether another message is already waiting before it re-checks a file
 * (the debounce of lsp.c).  Malformed input is never fatal: a header
 * without a Content-Length, a line too long or a length over
 * RPC_MAX_BODY is reported as RPC_BAD and the reader goes on with the
 * next header; only the end of the input stops it.
 */
#ifndef BUDC_RPC_H
#define BUDC_RPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum { RPC_MAX_BODY = 64 << 20, RPC_MAX_HEADER_LINE = 8192 };

typedef struct RpcReader {
    int fd;
    char *buf;          /* bytes read and not yet used: buf[pos..n) */
    size_t pos, n, cap;
    bool eof;
} RpcReader;

typedef enum RpcStatus { RPC_EOF, RPC_MESSAGE, RPC_BAD } RpcStatus;

void rpc_init(RpcReader *r, int fd);
void rpc_free(RpcReader *r);

/* Reads the next message: RPC_MESSAGE with *BODY (malloc'ed,
 * NUL-terminated) and *LEN, RPC_BAD for a malformed header (skipped), or
 * RPC_EOF at the end of the input (a message cut short included). */
RpcStatus rpc_read(RpcReader *r, char **body, size_t *len);

/* Whether input is waiting: buffered, or readable within TIMEOUT_MS. */
bool rpc_pending(RpcReader *r, int timeout_ms);

/* Writes BODY[0..LEN) as one framed message to OUT and flushes it. */
void rpc_write(FILE *out, const char *body, size_t len);

#endif
