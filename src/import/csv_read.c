/*
 * csv_read.c — reads the CSV files of the published layout (`budc csv`,
 * docs/csv.md) into a Book: each file a sheet named by its file name, its
 * head on the first line.  RFC 4180 (quoted fields, doubled quotes, CRLF or
 * LF), after an optional UTF-8 byte-order mark; a field is text, and a
 * guarded text (' before = + - @) is read without its guard.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "import/book.h"

enum { MAX_CSV = 64 << 20 };

static char *slurp(const char *path, size_t *len, char *err, size_t errn)
{
    /* opened without waiting: a FIFO among the .csv files (nobody writing
     * to it) is refused, not waited on for ever */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
        close(fd);
        snprintf(err, errn, "cannot read '%s': not a regular file (a pipe or a device)", path);
        return NULL;
    }
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (!f) {
        snprintf(err, errn, "cannot read '%s': %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 >= cap) {
            if (cap >= MAX_CSV) {
                fclose(f);
                free(buf);
                snprintf(err, errn, "'%s' is too large for a table", path);
                return NULL;
            }
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        snprintf(err, errn, "cannot read '%s'", path);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static void read_one(BSheet *s, const char *name, const char *text, size_t len)
{
    BSheetBuilder sb = {0};
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    int r = 0, c = 0;
    char *field = xmalloc(len + 1);
    while (i < len) {
        size_t n = 0;
        if (text[i] == '"') {
            for (i++; i < len; i++) {
                if (text[i] == '"' && i + 1 < len && text[i + 1] == '"')
                    field[n++] = text[i++];
                else if (text[i] == '"') {
                    i++;
                    break;
                } else
                    field[n++] = text[i];
            }
        }
        while (i < len && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
            field[n++] = text[i++];
        const char *f = field;
        if (n > 1 && f[0] == '\'' && strchr("=+-@\t\r", f[1])) {
            f++;
            n--;
        }
        if (n)
            book_put(&sb, r, c, BC_TEXT, f, n);
        if (i < len && text[i] == ',') {
            i++;
            c++;
            continue;
        }
        if (i < len && text[i] == '\r')
            i++;
        if (i < len && text[i] == '\n')
            i++;
        r++;
        c = 0;
    }
    free(field);
    size_t nl = strlen(name);
    s->name = xmalloc(nl + 1);
    memcpy(s->name, name, nl + 1);
    book_finish_sheet(&sb, s);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_file(Book *b, const char *path, const char *name, char *err, size_t errn)
{
    size_t len;
    char *text = slurp(path, &len, err, errn);
    if (!text)
        return -1;
    read_one(book_add_sheet(b, NULL), name, text, len);
    free(text);
    return 0;
}

int book_read_csv(Book *b, const char *path, char *err, size_t errn)
{
    memset(b, 0, sizeof *b);
    size_t pl = strlen(path);
    b->path = xmalloc(pl + 1);
    memcpy(b->path, path, pl + 1);
    b->csv = true;
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, errn, "cannot read '%s': %s", path, strerror(errno));
        book_free(b);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        const char *slash = strrchr(path, '/');
        if (add_file(b, path, slash ? slash + 1 : path, err, errn) < 0) {
            book_free(b);
            return -1;
        }
        return 0;
    }
    DIR *d = opendir(path);
    if (!d) {
        snprintf(err, errn, "cannot read the directory '%s': %s", path, strerror(errno));
        book_free(b);
        return -1;
    }
    char **names = NULL;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".csv") == 0) {
            names = xrealloc(names, ((size_t)n + 1) * sizeof *names);
            names[n] = xmalloc(l + 1);
            memcpy(names[n++], e->d_name, l + 1);
        }
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, by_name);
    int rc = 0;
    for (int i = 0; i < n; i++) {
        if (rc == 0) {
            char *p = xmalloc(pl + strlen(names[i]) + 2);
            sprintf(p, "%s/%s", path, names[i]);
            rc = add_file(b, p, names[i], err, errn);
            free(p);
        }
        free(names[i]);
    }
    free(names);
    if (rc == 0 && b->nsheets == 0) {
        snprintf(err, errn, "'%s' holds no .csv file", path);
        rc = -1;
    }
    if (rc < 0)
        book_free(b);
    return rc;
}
