/*
 * load.c — loads a budget's files: reads, parses, follows imports once
 * each, detects import cycles, and runs the structure pass.
 */
#include "front/load.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/beside.h"
#include "front/parse.h"
#include "front/structure.h"

void program_init(Program *p, DiagCtx *d, const char *stdlib_dir)
{
    memset(p, 0, sizeof *p);
    arena_init(&p->arena);
    p->diag = d;
    p->stdlib_dir = stdlib_dir;
}

void program_free(Program *p)
{
    for (Module *m = p->modules; m; m = m->next)
        if (!m->shared)
            src_free(m->file);
    arena_free(&p->arena);
    p->modules = p->last = NULL;
}

void stdcache_init(StdCache *c)
{
    memset(c, 0, sizeof *c);
    arena_init(&c->arena);
}

void stdcache_free(StdCache *c)
{
    for (StdEntry *e = c->entries; e; e = e->next)
        src_free(e->file);
    arena_free(&c->arena);
    c->entries = NULL;
}

static StdEntry *cache_find(StdCache *c, const char *id)
{
    for (StdEntry *e = c->entries; e; e = e->next)
        if (strcmp(e->id, id) == 0)
            return e;
    return NULL;
}

static StdEntry *cache_find_path(StdCache *c, const char *path)
{
    for (StdEntry *e = c->entries; e; e = e->next)
        if (strcmp(e->path, path) == 0)
            return e;
    return NULL;
}

static Module *find_module(Program *p, const char *id)
{
    for (Module *m = p->modules; m; m = m->next)
        if (strcmp(m->id, id) == 0)
            return m;
    return NULL;
}

/* The identity of the file ST describes ("DEV:INODE"), into BUF. */
static void file_id(char *buf, size_t n, const struct stat *st)
{
    snprintf(buf, n, "%llu:%llu", (unsigned long long)st->st_dev,
             (unsigned long long)st->st_ino);
}

/* Directory part of PATH ("." when it has none), in the arena. */
static char *dir_of(Arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return arena_strdup(a, ".");
    if (slash == path)
        return arena_strdup(a, "/");
    return arena_strndup(a, path, (size_t)(slash - path));
}

static char *join(Arena *a, const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *s = arena_alloc(a, n);
    snprintf(s, n, "%s/%s", dir, name);
    return s;
}

static Module *load(Program *p, const char *path, const Loc *from, bool is_std);

/* Imports nest this deep at most (each level is a C stack frame). */
enum { MAX_IMPORT_DEPTH = 200 };

/* Reports the chain of imports that leads back to M. */
static void report_cycle(Program *p, Module *m, const Loc *from)
{
    diag_error(p->diag, *from, "E-IMPORT-CYCLE",
               "import cycle: this import leads back to '%s', which is still being read",
               m->file->name);
    p->nerrors++;
    for (Module *k = m->next; k; k = k->next)
        if (k->loading && k->import_loc.file)
            diag_note(p->diag, k->import_loc, "'%s' is imported here", k->file->name);
}

/* Whether NAME (after "std/") is a plain path inside the standard library:
 * what a sandboxed program may import. */
static bool safe_std_name(const char *name)
{
    if (!*name || name[0] == '/' || strstr(name, ".."))
        return false;
    for (const char *s = name; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '/' || *s == '.' || *s == '_' || *s == '-'))
            return false;
    return true;
}

static void load_imports(Program *p, Module *m)
{
    for (Stmt *s = m->stmts; s; s = s->next) {
        if (s->kind != S_IMPORT)
            continue;
        Atom *a = ast_arg(s, 0);
        const char *name = a->text;
        if (p->sandbox && !m->is_std &&
            (strncmp(name, "std/", 4) != 0 || !safe_std_name(name + 4)))
            continue; /* a sandboxed budget reads nothing but the standard library */
        char *path;
        bool std = m->is_std || strncmp(name, "std/", 4) == 0;
        if (strncmp(name, "std/", 4) == 0)
            path = join(&p->arena, p->stdlib_dir ? p->stdlib_dir : "stdlib", name + 4);
        else if (name[0] == '/')
            path = arena_strdup(&p->arena, name);
        else
            path = join(&p->arena, dir_of(&p->arena, m->path), name);
        load(p, path, &a->loc, std);
    }
}

/* Diagnostics name a standard library file std/… (as it is imported),
 * not by where budc happens to be installed.  PATH is the library's
 * directory joined with the name, so the name is what follows that
 * directory, with "." and ".." segments taken out as written (no path is
 * resolved on disk: that would cost a system call per directory); a path
 * that leaves the library keeps its name. */
static void std_display_name(Program *p, SrcFile *f, const char *path)
{
    const char *root = p->stdlib_dir ? p->stdlib_dir : "stdlib";
    size_t n = strlen(root);
    while (n > 1 && root[n - 1] == '/')
        n--;
    if (strncmp(path, root, n) != 0 || path[n] != '/')
        return;
    const char *rest = path + n;
    size_t len = strlen(rest) + 4;
    char *name = malloc(len);
    if (!name)
        return;
    memcpy(name, "std", 3);
    size_t o = 3; /* name[0..o) is "std" and the segments kept, each after a '/' */
    while (*rest) {
        while (*rest == '/')
            rest++;
        size_t sl = strcspn(rest, "/");
        if (sl == 0)
            break;
        if (sl == 1 && rest[0] == '.') {
            /* nothing */
        } else if (sl == 2 && rest[0] == '.' && rest[1] == '.') {
            if (o == 3) { /* above the library */
                free(name);
                return;
            }
            while (name[o - 1] != '/')
                o--;
            o--;
        } else {
            name[o++] = '/';
            memcpy(name + o, rest, sl);
            o += sl;
        }
        rest += sl;
    }
    if (o == 3) {
        free(name);
        return;
    }
    name[o] = '\0';
    free(f->name);
    f->name = name;
}

static Module *load(Program *p, const char *path, const Loc *from, bool is_std)
{
    char id[64];
    struct stat st;
    int err = 0;
    /* A file of the standard library read for an earlier budget of the run
     * is known by its path: no system call at all. */
    StdEntry *cached = is_std && p->cache ? cache_find_path(p->cache, path) : NULL;
    if (cached)
        snprintf(id, sizeof id, "%s", cached->id);
    else if (stat(path, &st) != 0)
        err = errno;
    else if (S_ISDIR(st.st_mode))
        err = EISDIR;
    else if (!S_ISREG(st.st_mode) &&
             !((S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) && !from && !p->is_prior))
        err = EINVAL; /* an import or last year's budget that is a FIFO or a
                         device would block or never end; the command line
                         may name /dev/stdin */
    else
        file_id(id, sizeof id, &st);
    if (!err && from && p->depth >= MAX_IMPORT_DEPTH) {
        diag_error(p->diag, *from, "E-IMPORT",
                   "imports nested more than %d deep; a budget imports its parts, not a chain "
                   "of files",
                   MAX_IMPORT_DEPTH);
        p->nerrors++;
        return NULL;
    }
    if (!err) {
        Module *seen = find_module(p, id);
        if (seen) {
            if (seen->loading && from)
                report_cycle(p, seen, from);
            return seen;
        }
    }
    if (!cached && !err && is_std && p->cache)
        cached = cache_find(p->cache, id);
    SrcFile *f = NULL;
    size_t olen;
    const char *otext = !err && !cached && !is_std && p->overlay
                            ? p->overlay(p->overlay_ctx, path, &olen)
                            : NULL;
    if (otext)
        f = src_from_string(path, otext, olen);
    else if (!err)
        f = cached                  ? cached->file
            : S_ISREG(st.st_mode) ? src_read_sized(path, (long long)st.st_size) /* stat'ed above */
                                  : src_read(path);
    if (!f) {
        if (!err)
            err = errno;
        if (from) {
            diag_error(p->diag, *from, "E-IMPORT", "cannot import '%s': %s", path,
                       err == EINVAL ? "not a regular file" : strerror(err));
            p->nerrors++;
        } else {
            diag_error(p->diag, (Loc){0}, "E-IO", "cannot read '%s': %s", path,
                       err == EINVAL ? "not a regular file" : strerror(err));
        }
        return NULL;
    }
    Module *m = arena_alloc(&p->arena, sizeof *m);
    m->file = f;
    m->id = arena_strdup(&p->arena, id);
    m->path = arena_strdup(&p->arena, path);
    if (is_std && !cached)
        std_display_name(p, f, path);
    m->is_std = is_std;
    if (from)
        m->import_loc = *from;
    if (p->last)
        p->last->next = m;
    else
        p->modules = m;
    p->last = m;

    if (cached) { /* parsed and checked once for the whole run */
        m->stmts = cached->stmts;
        m->shared = true;
        p->nerrors += cached->nerrors;
    } else {
        bool keep = is_std && p->cache;
        Arena *a = keep ? &p->cache->arena : &p->arena;
        int nerr = 0;
        m->stmts = parse_file(f, a, p->diag, &nerr);
        nerr += structure_check(m->stmts, f, a, p->diag, nerr);
        p->nerrors += nerr;
        if (keep) {
            StdEntry *e = arena_alloc(a, sizeof *e);
            e->id = arena_strdup(a, id);
            e->path = arena_strdup(a, path);
            e->file = f;
            e->stmts = m->stmts;
            e->nerrors = nerr;
            e->next = p->cache->entries;
            p->cache->entries = e;
            m->shared = true;
        }
    }
    m->loading = true;
    p->depth++;
    load_imports(p, m);
    p->depth--;
    m->loading = false;
    return m;
}

int program_load(Program *p, const char *path)
{
    return load(p, path, NULL, false) ? 0 : -1;
}

int program_load_text(Program *p, const char *name, const char *text, size_t len)
{
    Module *m = arena_alloc(&p->arena, sizeof *m);
    m->file = src_from_string(name, text, len);
    if (!m->file)
        return -1;
    size_t n = strlen(name) + 32;
    char *id = arena_alloc(&p->arena, n);
    snprintf(id, n, "memory:%s", name); /* never a file's */
    m->id = id;
    m->path = arena_strdup(&p->arena, name);
    p->modules = p->last = m;
    int nerr = 0;
    m->stmts = parse_file(m->file, &p->arena, p->diag, &nerr);
    nerr += structure_check(m->stmts, m->file, &p->arena, p->diag, nerr);
    p->nerrors += nerr;
    m->loading = true;
    load_imports(p, m);
    m->loading = false;
    return 0;
}

int program_load_std(Program *p, const char *name)
{
    char *path = join(&p->arena, p->stdlib_dir ? p->stdlib_dir : "stdlib", name);
    char id[64];
    struct stat st;
    StdEntry *cached = p->cache ? cache_find_path(p->cache, path) : NULL;
    if (cached)
        snprintf(id, sizeof id, "%s", cached->id);
    else if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return -1;
    else
        file_id(id, sizeof id, &st);
    if (find_module(p, id))
        return 0;
    return load(p, path, NULL, true) ? 0 : -1;
}

const char *frontend_stdlib_dir(const char *argv0)
{
    static char buf[PATH_MAX];
    const char *env = getenv("BUDC_STDLIB");
    if (env && *env)
        return env;
    /* build/budc, build/asan/budc and PREFIX/bin/budc */
    static const char *const cands[] = {"../stdlib", "../../stdlib", "../share/budc"};
    const char *dir = beside_exe(argv0, cands, 3, NULL, buf, sizeof buf);
    return dir ? dir : "stdlib";
}
