/*
 * server.h — the language server's state and what its parts share.
 *
 * A Server holds the open documents and the standard library, parsed once
 * (a CompileCache).  Each document is compiled through driver/compile.h
 * from its text in memory under its path (so its imports and last year's
 * budget are read from disk, relative to it); a compilation whose files
 * read without an error is kept as the document's last good one, which the
 * outline shows while the text does not parse.
 *
 * server.c reads and answers messages (the lifecycle, the documents, the
 * diagnostics); features.c answers the requests about a place in a
 * document; pos.c converts between budc's locations and LSP's positions and
 * between paths and URIs.  Messages are cJSON trees.
 */
#ifndef BUDC_LSP_SERVER_H
#define BUDC_LSP_SERVER_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>

#include "base/diag.h"
#include "driver/compile.h"

typedef struct Doc {
    char *uri;
    char *path;          /* the file the URI names: what diagnostics call it */
    char *real;          /* its real path (NULL when it is not on disk) */
    char *text;
    size_t len;
    int version;
    bool dirty;          /* to be compiled again */
    bool changed;        /* its text changed: the open budgets that import it
                            are compiled again too */
    char **deps;         /* the real paths of the files it imports (not of
                            the standard library), as last compiled */
    int ndeps;
    Compilation *cur;    /* of the text as it is (NULL while dirty) */
    Compilation *good;   /* the last one whose files read without an error */
    DiagRecord *recs;    /* what cur reported (owned copies) */
    size_t nrecs;
    char **published;    /* the URIs diagnostics were last published for */
    int npublished;
    struct Doc *next;
} Doc;

typedef struct DocLink {
    char *code, *href;   /* E-SOURCE, file:///…/docs/checks.md#e-source--… */
} DocLink;

typedef struct Server {
    const char *stdlib_dir;
    CompileCache own_cache;
    CompileCache *cache; /* the standard library, parsed once: own_cache, or
                            one the caller shares (the fuzz harness) */
    bool sandbox;        /* read no file but the standard library (fuzzing) */
    FILE *out;           /* where messages go */
    FILE *devnull;       /* where the compiler's printed diagnostics go */
    Doc *docs;
    bool initialized, shutdown, exited;
    double last_check_ms; /* the time the last compilation took */
    DocLink *links;      /* where each code is documented (doclinks.c): read
                            when the client supports codeDescription */
    int nlinks, caplinks;
} Server;

void server_init(Server *s, const char *stdlib_dir, FILE *out);
void server_free(Server *s);

/* Handles one message, BODY[0..LEN). */
void server_message(Server *s, const char *body, size_t len);

/* Compiles the documents changed since their last compilation and
 * publishes their diagnostics. */
void server_flush(Server *s);

/* Sends MSG (and frees it). */
void server_send(Server *s, cJSON *msg);

/* The document of URI, or NULL; compiled first when it changed. */
Doc *server_doc(Server *s, const char *uri);

/* ---- pos.c --------------------------------------------------------------- */

/* The LSP range {start, end} of LOC in FILE (whose text gives the UTF-16
 * columns; NULL: character columns taken as they are). */
cJSON *pos_range(const SrcFile *file, int line, int col, int end_line, int end_col);
cJSON *pos_loc_range(Loc loc);

/* LSP position (0-based LINE, UTF-16 CHARACTER) in F as budc's 1-based line
 * and character column. */
void pos_from_lsp(const SrcFile *f, int line, int character, int *bline, int *bcol);

/* The UTF-16 offset of character column COL (1-based) in line LINE of F. */
int pos_utf16(const SrcFile *f, int line, int col);

/* The path a file: URI names (malloc'ed), or NULL for another scheme. */
char *pos_uri_path(const char *uri);

/* The file: URI of PATH (made absolute), malloc'ed. */
char *pos_path_uri(const char *path);

/* The path on disk of a file as diagnostics name it (std/… is in the
 * standard library), malloc'ed. */
char *pos_file_path(const Server *s, const char *name);

/* ---- doclinks.c ---------------------------------------------------------- */

/* Indexes the `### CODE — title` sections of checks.md and diagnostics.md
 * in the docs found beside the executable (none found: no link). */
void doclinks_load(Server *s);

/* The file: URI of CODE's section, or NULL. */
const char *doclinks_href(const Server *s, const char *code);

void doclinks_free(Server *s);

/* ---- features.c ---------------------------------------------------------- */

cJSON *feat_symbols(Server *s, Doc *d);
cJSON *feat_hover(Server *s, Doc *d, int line, int character);
cJSON *feat_completion(Server *s, Doc *d, int line, int character);
cJSON *feat_definition(Server *s, Doc *d, int line, int character);
cJSON *feat_references(Server *s, Doc *d, int line, int character);
cJSON *feat_formatting(Server *s, Doc *d);
cJSON *feat_code_actions(Server *s, Doc *d, const cJSON *range);

/* The unit (an index of M's) whose block has LSP position (LINE, CH) of
 * D, or -1 (the department's). */
int feat_unit_at(const Doc *d, const Model *m, int line, int ch);

/* The LSP Diagnostic of D's record R, with its notes R[1..N). */
cJSON *feat_diagnostic(const Server *s, const Doc *d, const DiagRecord *r, size_t n);

/* The source file NAME (as diagnostics name it) of D's compilation, or NULL. */
const SrcFile *doc_file(const Doc *d, const char *name);

/* The URI of the file NAME (as diagnostics name it) seen from D, malloc'ed. */
char *doc_uri(const Server *s, const Doc *d, const char *name);

#endif
