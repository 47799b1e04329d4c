/*
 * iomod.c — loading budc-io.so (iomod.h).  Looked for beside the executable
 * (build/budc and build/budc-io.so), then where `make install` puts it
 * relative to the executable (PREFIX/bin/budc and PREFIX/lib/budc/), then
 * in the LIBDIR budc was built for (BUDC_MODDIR).
 */
#include "driver/iomod.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/beside.h"
#include "base/cli.h"

#ifndef BUDC_MODDIR
#define BUDC_MODDIR "/usr/local/lib/budc"
#endif

static const IoModule *loaded;

static const IoModule *open_at(const char *path, const char *cmd)
{
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        cli_fail("%s: cannot load %s: %s (the libraries it needs are installed by "
                 "scripts/install-deps.sh)", cmd, path, why ? why : "?");
        return NULL;
    }
    const IoModule *t = dlsym(h, BUDC_IO_SYMBOL);
    if (!t || t->abi != BUDC_IO_ABI || t->size != sizeof(IoModule)) {
        cli_fail("%s: %s is the module of another build of budc: rebuild both with make "
                 "(or install both with make install)", cmd, path);
        dlclose(h);
        return NULL;
    }
    return t; /* kept loaded until the end */
}

const IoModule *io_module(const char *cmd)
{
    if (loaded)
        return loaded;
    static const char *const cands[] = {".", "../lib/budc"};
    char buf[PATH_MAX], path[PATH_MAX + 16];
    const char *dir = beside_exe(NULL, cands, 2, BUDC_IO_FILE, buf, sizeof buf);
    if (!dir) {
        snprintf(path, sizeof path, "%s/%s", BUDC_MODDIR, BUDC_IO_FILE);
        FILE *f = fopen(path, "rb");
        if (!f) {
            char exe[PATH_MAX];
            ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
            exe[len > 0 ? len : 0] = '\0';
            char *slash = strrchr(exe, '/');
            if (slash)
                *slash = '\0';
            cli_fail("%s needs the module %s (the Excel, workbook and SQLite code), which is "
                     "neither beside the executable (%s/%s), nor at %s/../lib/budc/%s, nor at "
                     "%s: build it with make (it goes beside build/budc) or install budc with "
                     "make install",
                     cmd, BUDC_IO_FILE, exe, BUDC_IO_FILE, exe, BUDC_IO_FILE, path);
            return NULL;
        }
        fclose(f);
    } else {
        size_t n = strlen(buf);
        if (n >= 2 && strcmp(buf + n - 2, "/.") == 0)
            buf[n - 2] = '\0'; /* beside the executable: DIR/., not DIR/./ */
        snprintf(path, sizeof path, "%s/%s", dir, BUDC_IO_FILE);
    }
    return loaded = open_at(path, cmd);
}
