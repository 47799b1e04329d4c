/*
 * source.c — loading source files and finding their lines.
 *
 * A SrcFile holds the bytes of one input file exactly as read (a BOM, CRs
 * and invalid UTF-8 are kept; deciding what they mean is the lexer's job),
 * followed by a NUL so the text can be scanned as a C string, plus an index
 * of the byte offset at which every line starts.  Diagnostics use the index
 * to show the line a Loc points into.
 *
 * What counts as a line:
 *   - a line ends after '\n'; "\r\n" is a single terminator (the '\r' is not
 *     part of the line's text as returned by src_line);
 *   - a final line that does not end in '\n' is still a line;
 *   - a '\n' at the very end does not start another (empty) line, so "a\n"
 *     has one line, like "a";
 *   - an empty file has ONE empty line, not zero.  This is a deliberate
 *     choice: a diagnostic about an empty file (at 1:1) can then still show
 *     its (empty) source line and caret instead of having nothing to point
 *     at, and src_line(f, 1, ...) is valid for every file.
 *
 * line_start has nlines + 1 entries: the last one is f->len, a sentinel that
 * lets src_line find the end of every line the same way.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "base/source.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

/* A malloc'ed copy of the N bytes at S plus a terminating NUL, or NULL. */
static char *copy_bytes(const char *s, size_t n)
{
    char *p;

    if (n == SIZE_MAX) {
        errno = ENOMEM;
        return NULL;
    }
    p = malloc(n + 1);
    if (p == NULL)
        return NULL;
    if (n > 0)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Fills f->line_start and f->nlines from f->text[0..f->len).  Returns 0, or
 * -1 with errno set. */
static int index_lines(SrcFile *f)
{
    size_t count = 0, k;
    const char *p, *end = f->text + f->len;

    for (p = f->text; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        count++;
    /* The last line has no '\n' (or the file is empty): it still counts. */
    if (f->len == 0 || f->text[f->len - 1] != '\n')
        count++;
    if (count > (size_t)INT_MAX - 1) {
        errno = EOVERFLOW;
        return -1;
    }
    f->line_start = malloc((count + 1) * sizeof f->line_start[0]);
    if (f->line_start == NULL)
        return -1;
    k = 0;
    f->line_start[k++] = 0;
    for (p = f->text; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        if (p + 1 < end)
            f->line_start[k++] = (size_t)(p + 1 - f->text);
    f->line_start[k] = f->len; /* sentinel */
    f->nlines = (int)count;
    return 0;
}

/* Wraps TEXT (malloc'ed, LEN bytes plus NUL; ownership passes to the result
 * even on failure) into a new SrcFile named NAME (copied). */
static SrcFile *make_file(const char *name, char *text, size_t len)
{
    SrcFile *f;
    int saved;

    if (name == NULL)
        name = "<input>";
    f = calloc(1, sizeof *f);
    if (f == NULL) {
        free(text);
        return NULL;
    }
    f->text = text;
    f->len = len;
    f->name = copy_bytes(name, strlen(name));
    if (f->name == NULL || index_lines(f) != 0) {
        saved = errno;
        src_free(f);
        errno = saved;
        return NULL;
    }
    return f;
}

/* Reads all of FD into a malloc'ed, NUL-terminated buffer; *len receives the
 * byte count.  HINT is the expected size (0 if unknown): a file of that
 * size takes one read, and one more that finds its end.  NULL on error. */
static char *read_all(int fd, size_t hint, size_t *len)
{
    size_t cap = hint + 2, n = 0;
    char *buf, *nb;

    if (cap < 4096)
        cap = 4096;
    buf = malloc(cap);
    if (buf == NULL)
        return NULL;
    for (;;) {
        if (cap - n < 2) { /* keep room for at least one byte and the NUL */
            if (cap > SIZE_MAX / 2) {
                free(buf);
                errno = ENOMEM;
                return NULL;
            }
            nb = realloc(buf, cap * 2);
            if (nb == NULL) {
                free(buf);
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t got = read(fd, buf + n, cap - n - 1);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            free(buf);
            return NULL;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Reads PATH; SIZE its size when known (a regular file), or -1: fstat. */
static SrcFile *read_path(const char *path, long long size)
{
    struct stat st;
    size_t hint = 0, len = 0;
    char *text;
    int fd, saved;

    if (path == NULL) {
        errno = EINVAL;
        return NULL;
    }
    do
        fd = open(path, O_RDONLY);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return NULL;
    if (size >= 0) {
        /* the size is only a hint: read_all reads to the end whatever it is */
        st.st_mode = S_IFREG;
        st.st_size = (off_t)size;
    } else if (fstat(fd, &st) != 0) {
        saved = errno;
        close(fd);
        errno = saved;
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        errno = EISDIR;
        return NULL;
    }
    /* The size is only a hint: pipes and some special files report 0. */
    if (S_ISREG(st.st_mode) && st.st_size > 0 &&
        (unsigned long long)st.st_size < (unsigned long long)SIZE_MAX / 2)
        hint = (size_t)st.st_size;
    errno = 0;
    text = read_all(fd, hint, &len);
    saved = errno;
    close(fd);
    if (text == NULL) {
        errno = saved;
        return NULL;
    }
    return make_file(path, text, len);
}

SrcFile *src_read(const char *path) { return read_path(path, -1); }

SrcFile *src_read_sized(const char *path, long long size) { return read_path(path, size); }

SrcFile *src_from_string(const char *name, const char *text, size_t len)
{
    char *copy;

    if (text == NULL)
        len = 0;
    copy = copy_bytes(text, len);
    if (copy == NULL)
        return NULL;
    return make_file(name, copy, len);
}

void src_free(SrcFile *f)
{
    if (f == NULL)
        return;
    free(f->name);
    free(f->text);
    free(f->line_start);
    free(f);
}

const char *src_line(const SrcFile *f, int line, size_t *len)
{
    size_t start, end;

    if (len != NULL)
        *len = 0;
    if (f == NULL || f->line_start == NULL || line < 1 || line > f->nlines)
        return NULL;
    start = f->line_start[line - 1];
    end = f->line_start[line];
    if (end > start && f->text[end - 1] == '\n') {
        end--;
        if (end > start && f->text[end - 1] == '\r')
            end--;
    }
    if (len != NULL)
        *len = end - start;
    return f->text + start;
}

/* True if position (L1,C1) comes before (L2,C2). */
static int pos_before(int l1, int c1, int l2, int c2)
{
    return l1 < l2 || (l1 == l2 && c1 < c2);
}

Loc loc_span(Loc a, Loc b)
{
    Loc r = a;

    /* Only ever widen A: a B from another file, or one that ends before A
     * does, leaves A's end alone rather than making an inverted range. */
    if (a.file == b.file && pos_before(a.end_line, a.end_col, b.end_line, b.end_col)) {
        r.end_line = b.end_line;
        r.end_col = b.end_col;
    }
    return r;
}

int src_count_chars(const char *s, size_t n)
{
    /* characters = bytes - continuation bytes (10xxxxxx), eight at a time */
    size_t i = 0, cont = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t c = (w >> 7) & ~(w >> 6) & 0x0101010101010101ull;
        cont += (size_t)((c * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return (int)(n - cont);
}
