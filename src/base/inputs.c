/*
 * inputs.c — expanding directories on the command line (see inputs.h).
 */
/* d_type and DT_REG of readdir (glibc, the BSDs): not in POSIX */
#define _DEFAULT_SOURCE
#include "base/inputs.h"
#include "base/i18n.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/arena.h"

static void add(Inputs *in, const char *path)
{
    if (in->n == in->cap) {
        in->cap = in->cap ? in->cap * 2 : 16;
        in->files = xrealloc(in->files, (size_t)in->cap * sizeof *in->files);
    }
    size_t len = strlen(path) + 1;
    in->files[in->n] = memcpy(xmalloc(len), path, len);
    in->n++;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_bud(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".bud") == 0 && name[0] != '.';
}

static int add_dir(Inputs *in, const char *dir, char *err, size_t errn)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errn, _("cannot read directory '%s': %s"), dir, strerror(errno));
        return -1;
    }
    int first = in->n;
    size_t dl = strlen(dir);
    while (dir[dl - 1] == '/' && dl > 1)
        dl--;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (!is_bud(e->d_name))
            continue;
        size_t n = dl + strlen(e->d_name) + 2;
        char *path = xmalloc(n);
        snprintf(path, n, "%.*s/%s", (int)dl, dir, e->d_name);
        /* the listing says what each entry is (a regular file: no stat,
         * which loading the file does anyway); a link or a file system that
         * does not say is asked */
        struct stat st;
        if (e->d_type == DT_REG ||
            ((e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) && stat(path, &st) == 0 &&
             S_ISREG(st.st_mode)))
            add(in, path);
        free(path);
    }
    closedir(d);
    if (in->n == first) {
        snprintf(err, errn, _("directory '%s' holds no .bud file"), dir);
        return -1;
    }
    qsort(in->files + first, (size_t)(in->n - first), sizeof *in->files, cmp);
    return 0;
}

int inputs_expand(Inputs *in, char **args, int n, char *err, size_t errn)
{
    memset(in, 0, sizeof *in);
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (stat(args[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            if (add_dir(in, args[i], err, errn) < 0)
                return -1;
        } else {
            add(in, args[i]);
        }
    }
    return 0;
}

void inputs_free(Inputs *in)
{
    for (int i = 0; i < in->n; i++)
        free(in->files[i]);
    free(in->files);
    memset(in, 0, sizeof *in);
}
