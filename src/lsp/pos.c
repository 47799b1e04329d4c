/*
 * pos.c — positions and URIs.
 *
 * budc's locations are 1-based lines and 1-based *character* columns (a
 * Chinese character is one column, source.h); LSP's are 0-based lines and
 * columns in UTF-16 code units (a Chinese character is one unit, a
 * character beyond the Basic Multilingual Plane two).  The conversion
 * walks the line's UTF-8 bytes: a lead byte starts a character, one of
 * 0xF0 and above starts a character of two units.
 */
#include "lsp/server.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"

/* Bytes of the character that starts at S[0] (at least 1, at most N). */
static size_t char_len(const char *s, size_t n)
{
    size_t k = 1;
    while (k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
        k++;
    return k;
}

int pos_utf16(const SrcFile *f, int line, int col)
{
    size_t n = 0;
    const char *s = f ? src_line(f, line, &n) : NULL;
    if (!s)
        return col > 0 ? col - 1 : 0;
    int units = 0, c = 1;
    size_t i = 0;
    while (c < col && i < n) {
        units += (unsigned char)s[i] >= 0xF0 ? 2 : 1;
        i += char_len(s + i, n - i);
        c++;
    }
    return units + (col > c ? col - c : 0);
}

void pos_from_lsp(const SrcFile *f, int line, int character, int *bline, int *bcol)
{
    *bline = line + 1;
    size_t n = 0;
    const char *s = f ? src_line(f, line + 1, &n) : NULL;
    if (!s) {
        *bcol = character + 1;
        return;
    }
    int units = 0, c = 1;
    size_t i = 0;
    while (i < n) {
        int w = (unsigned char)s[i] >= 0xF0 ? 2 : 1;
        if (units + w > character)
            break;
        units += w;
        i += char_len(s + i, n - i);
        c++;
    }
    *bcol = c;
}

static cJSON *position(int line, int character)
{
    cJSON *p = cJSON_CreateObject();
    cJSON_AddNumberToObject(p, "line", line < 0 ? 0 : line);
    cJSON_AddNumberToObject(p, "character", character < 0 ? 0 : character);
    return p;
}

cJSON *pos_range(const SrcFile *file, int line, int col, int end_line, int end_col)
{
    cJSON *r = cJSON_CreateObject();
    if (line <= 0) { /* about no place: the start of the file */
        cJSON_AddItemToObject(r, "start", position(0, 0));
        cJSON_AddItemToObject(r, "end", position(0, 0));
        return r;
    }
    if (end_line < line || (end_line == line && end_col < col)) {
        end_line = line;
        end_col = col;
    }
    cJSON_AddItemToObject(r, "start", position(line - 1, pos_utf16(file, line, col)));
    cJSON_AddItemToObject(r, "end", position(end_line - 1, pos_utf16(file, end_line, end_col)));
    return r;
}

cJSON *pos_loc_range(Loc loc)
{
    return pos_range(loc.file, loc.line, loc.col, loc.end_line, loc.end_col);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *pos_uri_path(const char *uri)
{
    if (strncmp(uri, "file://", 7) != 0)
        return NULL;
    const char *p = uri + 7;
    if (*p != '/') { /* file://host/path: only the local host */
        if (strncmp(p, "localhost/", 10) != 0)
            return NULL;
        p += 9;
    }
    size_t n = strlen(p);
    char *out = xmalloc(n + 1), *o = out;
    for (; *p && *p != '?' && *p != '#'; p++) {
        int h, l;
        if (*p == '%' && (h = hexval(p[1])) >= 0 && (l = hexval(p[2])) >= 0) {
            *o++ = (char)(h * 16 + l);
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    if (memchr(out, '\0', (size_t)(o - out)) || out[0] == '\0') {
        free(out);
        return NULL;
    }
    return out;
}

/* PATH (absolute) with its "." and ".." segments taken out as written
 * (std/… is found as build/../stdlib/…; no link is resolved, so the URI
 * is the one an editor opens), in place. */
static void normalize(char *path)
{
    char *out = path, *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        size_t n = strcspn(p, "/");
        if (n == 0)
            break;
        if (n == 1 && p[0] == '.') {
            /* nothing */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            while (out > path && *--out != '/')
                ;
        } else {
            *out++ = '/';
            memmove(out, p, n);
            out += n;
        }
        p += n;
    }
    if (out == path)
        *out++ = '/';
    *out = '\0';
}

char *pos_path_uri(const char *path)
{
    char *abs = NULL;
    if (path[0] != '/') {
        char cwd[PATH_MAX];
        if (getcwd(cwd, sizeof cwd)) {
            abs = xmalloc(strlen(cwd) + strlen(path) + 2);
            sprintf(abs, "%s/%s", cwd, path);
            path = abs;
        }
    }
    if (!abs) {
        abs = xmalloc(strlen(path) + 1);
        strcpy(abs, path);
    }
    normalize(abs);
    path = abs;
    size_t n = strlen(path);
    char *out = xmalloc(7 + 3 * n + 1), *o = out;
    memcpy(o, "file://", 7);
    o += 7;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~", *p))
            *o++ = (char)*p;
        else
            o += sprintf(o, "%%%02X", *p);
    }
    *o = '\0';
    free(abs);
    return out;
}

char *pos_file_path(const Server *s, const char *name)
{
    if (strncmp(name, "std/", 4) == 0) {
        const char *root = s->stdlib_dir ? s->stdlib_dir : "stdlib";
        char *p = xmalloc(strlen(root) + strlen(name));
        sprintf(p, "%s/%s", root, name + 4);
        return p;
    }
    char *p = xmalloc(strlen(name) + 1);
    strcpy(p, name);
    return p;
}
