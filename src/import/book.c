/*
 * book.c — the workbook's grid (book.h): cells put in any order by a
 * reader, made a dense grid per sheet.
 */
#include "import/book.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

/* The largest sheet read: a disclosure's table has some hundred rows and
 * at most a dozen or two columns; a cell beyond (a stray mark at XFD1048576)
 * is left out, so that a hostile sheet cannot make the grid huge. */
enum { MAX_ROWS = 20000, MAX_COLS = 64 };

typedef struct BPending {
    int r, c;
    BCellKind kind;
    char *text;
} BPending;

static char *dup_n(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void book_put(BSheetBuilder *sb, int r, int c, BCellKind kind, const char *text, size_t len)
{
    if (r < 0 || c < 0 || r >= MAX_ROWS || c >= MAX_COLS)
        return;
    if (sb->n == sb->cap) {
        sb->cap = sb->cap ? 2 * sb->cap : 64;
        sb->cells = xrealloc(sb->cells, (size_t)sb->cap * sizeof *sb->cells);
    }
    sb->cells[sb->n++] = (BPending){r, c, kind, text ? dup_n(text, len) : NULL};
    if (r + 1 > sb->nrows)
        sb->nrows = r + 1;
    if (c + 1 > sb->ncols)
        sb->ncols = c + 1;
}

void book_finish_sheet(BSheetBuilder *sb, BSheet *s)
{
    s->nrows = sb->nrows;
    s->ncols = sb->ncols;
    size_t n = (size_t)s->nrows * (size_t)s->ncols;
    s->cells = xmalloc((n ? n : 1) * sizeof *s->cells);
    memset(s->cells, 0, (n ? n : 1) * sizeof *s->cells);
    for (int i = 0; i < sb->n; i++) {
        BCell *c = &s->cells[(size_t)sb->cells[i].r * (size_t)s->ncols + (size_t)sb->cells[i].c];
        free(c->text); /* a cell written twice: the last wins */
        c->kind = sb->cells[i].kind;
        c->text = sb->cells[i].text;
    }
    free(sb->cells);
    memset(sb, 0, sizeof *sb);
}

const BCell *book_cell(const BSheet *s, int r, int c)
{
    static const BCell empty = {BC_EMPTY, NULL};
    if (r < 0 || c < 0 || r >= s->nrows || c >= s->ncols)
        return &empty;
    return &s->cells[(size_t)r * (size_t)s->ncols + (size_t)c];
}

const char *book_text(const BSheet *s, int r, int c)
{
    const BCell *x = book_cell(s, r, c);
    return x->text ? x->text : "";
}

const char *book_ref(int r, int c, char *buf, size_t n)
{
    char col[8];
    int k = 0;
    char rev[8];
    for (int v = c + 1; v > 0 && k < 7; v = (v - 1) / 26)
        rev[k++] = (char)('A' + (v - 1) % 26);
    for (int i = 0; i < k; i++)
        col[i] = rev[k - 1 - i];
    col[k] = '\0';
    snprintf(buf, n, "%s%d", col, r + 1);
    return buf;
}

void book_free_sheet(BSheet *s)
{
    for (size_t j = 0; j < (size_t)s->nrows * (size_t)s->ncols; j++)
        free(s->cells[j].text);
    free(s->cells);
    free(s->merges);
    free(s->rowpage);
    free(s->name);
    memset(s, 0, sizeof *s);
}

BSheet *book_add_sheet(Book *b, const char *name)
{
    b->sheets = xrealloc(b->sheets, ((size_t)b->nsheets + 1) * sizeof *b->sheets);
    BSheet *s = &b->sheets[b->nsheets++];
    memset(s, 0, sizeof *s);
    if (name) {
        size_t n = strlen(name);
        s->name = xmalloc(n + 1);
        memcpy(s->name, name, n + 1);
    }
    return s;
}

void book_free(Book *b)
{
    for (int i = 0; i < b->nsheets; i++)
        book_free_sheet(&b->sheets[i]);
    free(b->sheets);
    for (int i = 0; i < b->nparas; i++)
        free(b->paras[i].text);
    free(b->paras);
    free(b->path);
    memset(b, 0, sizeof *b);
}
