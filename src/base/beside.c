/*
 * beside.c — what budc ships beside its executable (beside.h).
 */
#include "base/beside.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *beside_exe(const char *argv0, const char *const *cands, int nc,
                              const char *inside, char *buf, size_t n)
{
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0)
        exe[len] = '\0';
    else if (!(argv0 && realpath(argv0, exe)))
        return NULL;
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = '\0';
    for (int i = 0; i < nc; i++) {
        struct stat st;
        int w = snprintf(buf, n, "%s/%s%s%s", exe, cands[i], inside ? "/" : "", inside ? inside : "");
        if (w < 0 || (size_t)w >= n || stat(buf, &st) != 0)
            continue;
        if (inside ? !S_ISREG(st.st_mode) : !S_ISDIR(st.st_mode))
            continue;
        if (inside)
            buf[strlen(buf) - strlen(inside) - 1] = '\0';
        return buf;
    }
    return NULL;
}
