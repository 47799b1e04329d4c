/*
 * init.c — budc init DIR: a new department to start from (docs/init.md).
 *
 * Writes DIR/budget.bud (one unit, one project with its indicators, a
 * narrative of the nine sections, every block commented), DIR/Makefile
 * that builds it with budc, and DIR/.gitignore.  The text of each is data:
 * the files of the standard library's init/ folder (budget.bud.in,
 * Makefile.in, gitignore.in), with @NAME@, @CODE@ and @YEAR@ replaced; the
 * name and code default to init/defaults, the year to the latest the
 * standard library has.  What it writes checks without a warning.
 *
 * It never replaces a file: when any of the three exists it writes none and
 * exits 2.  Each file is written whole or not at all (output.h).
 */
#include "driver/init.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/arena.h"
#include "base/cli.h"
#include "base/output.h"
#include "front/load.h"

static const struct {
    const char *from, *to;
} files[] = {{"budget.bud.in", "budget.bud"}, {"Makefile.in", "Makefile"}, {"gitignore.in", ".gitignore"}};
enum { NFILES = sizeof files / sizeof files[0] };

/* The whole of file PATH (NUL-terminated, to free), or NULL. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = xmalloc(cap);
    size_t r;
    while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (n + 1 == cap)
            buf = xrealloc(buf, cap *= 2);
    }
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    return buf;
}

/* The value of KEY in init/defaults TEXT ("key value" lines, # comments),
 * into BUF; false when it has none. */
static bool default_of(const char *text, const char *key, char *buf, size_t n)
{
    size_t kl = strlen(key);
    for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        if (strncmp(l, key, kl) == 0 && l[kl] == ' ') {
            const char *v = l + kl + 1, *e = strchr(v, '\n');
            snprintf(buf, n, "%.*s", (int)(e ? e - v : (long)strlen(v)), v);
            return true;
        }
    }
    return false;
}

/* The latest year the standard library STD has catalogues for (YEAR.bud),
 * or 0. */
static int latest_year(const char *std)
{
    DIR *d = opendir(std);
    int best = 0;
    if (!d)
        return 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        const char *s = e->d_name;
        if (strlen(s) == 8 && strcmp(s + 4, ".bud") == 0 && strspn(s, "0123456789") == 4 &&
            atoi(s) > best)
            best = atoi(s);
    }
    closedir(d);
    return best;
}

/* TEXT with every @KEY@ of KEYS replaced by its value, written to F. */
static void substitute(FILE *f, const char *text, const char *const keys[][2], int nkeys)
{
    for (const char *p = text; *p;) {
        bool done = false;
        for (int k = 0; k < nkeys && *p == '@'; k++) {
            size_t kl = strlen(keys[k][0]);
            if (strncmp(p, keys[k][0], kl) == 0) {
                fputs(keys[k][1], f);
                p += kl;
                done = true;
                break;
            }
        }
        if (!done)
            fputc(*p++, f);
    }
}

/* Whether S can stand in a .bud string: no quote, backslash or control
 * character, and not empty. */
static bool string_safe(const char *s)
{
    if (!*s)
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p == '"' || *p == '\\' || *p < 0x20 || *p == 0x7f)
            return false;
    return true;
}

int cmd_init(int argc, char **argv, const char *argv0)
{
    const char *dir = NULL, *name = NULL, *code = NULL, *year_arg = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char **opt = strcmp(a, "--name") == 0   ? &name
                           : strcmp(a, "--code") == 0 ? &code
                           : strcmp(a, "--year") == 0 ? &year_arg
                                                      : NULL;
        if (opt) {
            if (i + 1 >= argc)
                return cli_usage("init: '%s' needs a value after it", a);
            *opt = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            return cli_usage("init: unknown option '%s'", a);
        } else if (dir) {
            return cli_usage("init: give one directory");
        } else {
            dir = a;
        }
    }
    if (!dir)
        return cli_usage("init: say which directory to write the new department into: budc init "
                         "DIR");
    const char *std = frontend_stdlib_dir(argv0);
    size_t sl = strlen(std) + 64;
    char *path = xmalloc(sl);
    snprintf(path, sl, "%s/init/defaults", std);
    char *defaults = slurp(path);
    if (!defaults) {
        int e = errno;
        free(path);
        return cli_fail("cannot read the templates of budc init in %s/init: %s; reinstall budc's "
                        "standard library", std, strerror(e));
    }
    char dname[256] = "", dcode[64] = "", year[16];
    default_of(defaults, "name", dname, sizeof dname);
    default_of(defaults, "code", dcode, sizeof dcode);
    free(defaults);
    if (!name)
        name = dname;
    if (!code)
        code = dcode;
    int y = year_arg ? atoi(year_arg) : latest_year(std);
    int st = EXIT_OK;
    if (!string_safe(name))
        st = cli_usage("init: the name '%s' cannot be written in a .bud string (no \", \\ or "
                       "control characters, not empty)", name);
    else if (!*code || strlen(code) > 20 || strspn(code, "0123456789") != strlen(code))
        st = cli_usage("init: the department's code '%s' is not a number (359 …)", code);
    else if (y < 1000 || y > 9999 || (year_arg && strspn(year_arg, "0123456789") != strlen(year_arg)))
        st = cli_usage("init: the year '%s' is not a year", year_arg ? year_arg : "");
    snprintf(year, sizeof year, "%d", y);
    snprintf(path, sl, "%s/%s.bud", std, year);
    struct stat sb;
    if (st == EXIT_OK && stat(path, &sb) != 0)
        st = cli_usage("init: the standard library has no catalogues for %s (%s)", year, path);
    /* nothing is replaced: every file is checked before any is written */
    char *out[NFILES] = {NULL};
    for (int i = 0; i < NFILES; i++) {
        size_t n = strlen(dir) + strlen(files[i].to) + 2;
        out[i] = xmalloc(n);
        snprintf(out[i], n, "%s/%s", dir, files[i].to);
        if (st == EXIT_OK && lstat(out[i], &sb) == 0)
            st = cli_fail("init: %s exists; budc init writes a new department and replaces no "
                          "file: choose a new directory, or move the file away",
                          out[i]);
    }
    char err[512];
    if (st == EXIT_OK && out_mkdir(dir, err, sizeof err) < 0)
        st = cli_fail("%s", err);
    const char *const keys[][2] = {{"@NAME@", name}, {"@CODE@", code}, {"@YEAR@", year}};
    for (int i = 0; i < NFILES && st == EXIT_OK; i++) {
        snprintf(path, sl, "%s/init/%s", std, files[i].from);
        char *text = slurp(path);
        if (!text) {
            st = cli_fail("cannot read the template %s: %s", path, strerror(errno));
            break;
        }
        OutFile o;
        FILE *f = out_open(&o, out[i], err, sizeof err);
        if (!f)
            st = cli_fail("%s", err);
        else {
            substitute(f, text, keys, 3);
            if (out_commit(&o, err, sizeof err) < 0)
                st = cli_fail("%s", err);
        }
        free(text);
    }
    if (st == EXIT_OK)
        printf("budc: wrote %s, %s and %s; next: make -C %s (with budc on PATH, or "
               "BUDC=/path/to/budc)\n",
               out[0], out[1], out[2], dir);
    for (int i = 0; i < NFILES; i++)
        free(out[i]);
    free(path);
    return st;
}
