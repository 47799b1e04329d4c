/*
 * doclinks.c — where each diagnostic code is documented: the `### CODE —
 * title` sections of docs/checks.md and docs/diagnostics.md, found beside
 * the executable (server.h), for a diagnostic's codeDescription.href.
 */
#include "lsp/server.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/beside.h"

/* The directory of the documentation beside the executable: build/budc and
 * build/asan/budc read the source tree's docs/, PREFIX/bin/budc
 * PREFIX/share/doc/budc (make install); NULL when none is there. */
static char *docs_dir(void)
{
    char buf[PATH_MAX + 64];
    static const char *const cands[] = {"../docs", "../../docs", "../share/doc/budc"};
    const char *dir = beside_exe(NULL, cands, 3, "checks.md", buf, sizeof buf);
    return dir ? realpath(dir, NULL) : NULL;
}

/* Whether the UTF-8 character at P (of N bytes) is punctuation that a
 * heading's anchor leaves out: ASCII other than letters, digits, '-', '_'
 * and blanks; General Punctuation (— “ ” …), CJK Symbols and Punctuation
 * (、。「」) and the fullwidth punctuation (（），：). */
static bool dropped(const unsigned char *p, int n)
{
    if (n == 1)
        return !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                 *p == '-' || *p == '_' || *p == ' ');
    if (n != 3)
        return false;
    unsigned c = (unsigned)(p[0] & 0x0F) << 12 | (unsigned)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
    return (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
           (c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
           (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65);
}

/* The anchor of heading H (its text after "### "), as GitHub and most
 * Markdown viewers make it: lower case, punctuation left out, each blank
 * a '-' (the rest percent-encoded for the URI). */
static char *slug(const char *h, size_t len)
{
    char *out = xmalloc(3 * len + 1);
    size_t k = 0;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)h[i];
        int n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
        if (i + (size_t)n > len)
            break;
        if (!dropped((const unsigned char *)h + i, n)) {
            if (n == 1)
                out[k++] = b == ' ' ? '-' : (b >= 'A' && b <= 'Z') ? (char)(b + 32) : (char)b;
            else
                for (int j = 0; j < n; j++) /* percent-encoded, as a URI has it */
                    k += (size_t)sprintf(out + k, "%%%02X", (unsigned char)h[i + j]);
        }
        i += (size_t)n;
    }
    out[k] = '\0';
    return out;
}

static void index_file(Server *s, const char *dir, const char *name)
{
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char *uri = pos_path_uri(path);
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "### ", 4) != 0)
            continue;
        const char *code = line + 4, *sp = strchr(code, ' ');
        size_t len = strcspn(line, "\r\n");
        line[len] = '\0';
        if (!sp || (code[0] != 'E' && code[0] != 'W') || code[1] != '-')
            continue;
        char *anchor = slug(code, len - 4);
        if (s->nlinks == s->caplinks) {
            s->caplinks = s->caplinks ? s->caplinks * 2 : 128;
            s->links = xrealloc(s->links, (size_t)s->caplinks * sizeof *s->links);
        }
        DocLink *l = &s->links[s->nlinks++];
        l->code = xmalloc((size_t)(sp - code) + 1);
        memcpy(l->code, code, (size_t)(sp - code));
        l->code[sp - code] = '\0';
        l->href = xmalloc(strlen(uri) + strlen(anchor) + 2);
        sprintf(l->href, "%s#%s", uri, anchor);
        free(anchor);
    }
    free(uri);
    fclose(f);
}

void doclinks_load(Server *s)
{
    char *dir = docs_dir();
    if (!dir)
        return;
    index_file(s, dir, "checks.md");
    index_file(s, dir, "diagnostics.md");
    free(dir);
}

const char *doclinks_href(const Server *s, const char *code)
{
    for (int i = 0; code && i < s->nlinks; i++)
        if (strcmp(s->links[i].code, code) == 0)
            return s->links[i].href;
    return NULL;
}

void doclinks_free(Server *s)
{
    for (int i = 0; i < s->nlinks; i++) {
        free(s->links[i].code);
        free(s->links[i].href);
    }
    free(s->links);
    s->links = NULL;
    s->nlinks = s->caplinks = 0;
}
