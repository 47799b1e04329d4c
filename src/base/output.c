/*
 * output.c — atomic output files (see output.h).
 */
#include "base/output.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary files being written, so that SIGINT, SIGTERM and SIGHUP
 * remove them before budc dies (SIGKILL cannot be caught: a killed build
 * may leave a .NAME.tmp-XXXXXX file beside its outputs, never a partial
 * output under its final name).  Signal handlers can only reach globals. */
enum { MAX_OPEN = 16 };
static char *volatile open_tmp[MAX_OPEN];
static volatile sig_atomic_t handlers_set;

/* A private directory (xelatex's) and the child working in it. */
enum { MAX_TREE = 12 };
static char tree_files[MAX_TREE][512];
static char tree_dir[512];
static volatile sig_atomic_t tree_set;
static volatile pid_t tree_child;

static void on_signal(int sig)
{
    for (int i = 0; i < MAX_OPEN; i++)
        if (open_tmp[i])
            unlink(open_tmp[i]);
    if (tree_child > 0) {
        kill(-tree_child, SIGTERM); /* the child's whole process group … */
        waitpid(tree_child, NULL, 0); /* … gone, not left a zombie */
    }
    if (tree_set) {
        for (int i = 0; i < MAX_TREE && tree_files[i][0]; i++)
            unlink(tree_files[i]);
        rmdir(tree_dir);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void set_handlers(void)
{
    if (!handlers_set) {
        handlers_set = 1;
        static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
        for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
            struct sigaction sa;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = on_signal;
            sigemptyset(&sa.sa_mask);
            sigaction(sigs[i], &sa, NULL);
        }
    }
}

static void track(char *tmp)
{
    set_handlers();
    for (int i = 0; i < MAX_OPEN; i++)
        if (!open_tmp[i]) {
            open_tmp[i] = tmp;
            return;
        }
}

static void untrack(const char *tmp)
{
    for (int i = 0; i < MAX_OPEN; i++)
        if (open_tmp[i] == tmp)
            open_tmp[i] = NULL;
}

static char *str_dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

FILE *out_open(OutFile *o, const char *path, char *err, size_t errn)
{
    memset(o, 0, sizeof *o);
    if (strcmp(path, "-") == 0) {
        o->f = stdout;
        o->path = str_dup(path);
        return o->f;
    }
    /* DIR/.NAME.tmp-XXXXXX beside DIR/NAME */
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    size_t n = strlen(path) + 16;
    o->tmp = malloc(n);
    o->path = str_dup(path);
    if (!o->tmp || !o->path) {
        snprintf(err, errn, "cannot write '%s': out of memory", path);
        out_abort(o);
        return NULL;
    }
    snprintf(o->tmp, n, "%.*s.%s.tmp-XXXXXX", (int)dirlen, path, path + dirlen);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        snprintf(err, errn, "cannot write '%s': %s", path, strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        out_abort(o);
        return NULL;
    }
    track(o->tmp);
    fchmod(fd, 0644);
    o->f = fdopen(fd, "wb");
    if (!o->f) {
        snprintf(err, errn, "cannot write '%s': %s", path, strerror(errno));
        close(fd);
        out_abort(o);
        return NULL;
    }
    return o->f;
}

int out_commit(OutFile *o, char *err, size_t errn)
{
    if (o->f == stdout) {
        int bad = fflush(stdout) != 0 || ferror(stdout);
        if (bad)
            snprintf(err, errn, "cannot write to standard output: %s", strerror(errno));
        free(o->path);
        o->path = NULL;
        o->f = NULL;
        return bad ? -1 : 0;
    }
    /* No fsync: the rename is what makes the file appear whole or not at
     * all when budc fails or is killed; flushing every output to the disk
     * (thousands in a region's build) is left to the system. */
    int bad = fflush(o->f) != 0 || ferror(o->f);
    int saved = errno;
    if (fclose(o->f) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    o->f = NULL;
    if (!bad && rename(o->tmp, o->path) != 0) {
        bad = 1;
        saved = errno;
    }
    if (bad) {
        snprintf(err, errn, "cannot write '%s': %s", o->path, strerror(saved));
        out_abort(o);
        return -1;
    }
    untrack(o->tmp);
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
    return 0;
}

void out_abort(OutFile *o)
{
    if (o->f && o->f != stdout)
        fclose(o->f);
    o->f = NULL;
    if (o->tmp) {
        unlink(o->tmp);
        untrack(o->tmp);
    }
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
}

int out_mkdir(const char *path, char *err, size_t errn)
{
    char *p = str_dup(path);
    if (!p) {
        snprintf(err, errn, "cannot create '%s': out of memory", path);
        return -1;
    }
    for (char *s = p + 1;; s++) {
        char c = *s;
        if (c != '/' && c != '\0')
            continue;
        *s = '\0';
        struct stat st;
        if (stat(p, &st) != 0) {
            if (mkdir(p, 0755) != 0 && errno != EEXIST) {
                snprintf(err, errn, "cannot create directory '%s': %s", p, strerror(errno));
                free(p);
                return -1;
            }
        } else if (!S_ISDIR(st.st_mode)) {
            snprintf(err, errn, "cannot create directory '%s': a file of that name exists", p);
            free(p);
            return -1;
        }
        *s = c;
        if (c == '\0')
            break;
    }
    free(p);
    return 0;
}

void out_track_tree(const char *dir, const char *const *names, int n)
{
    set_handlers();
    tree_set = 0;
    snprintf(tree_dir, sizeof tree_dir, "%s", dir);
    memset(tree_files, 0, sizeof tree_files);
    for (int i = 0; i < n && i < MAX_TREE; i++)
        snprintf(tree_files[i], sizeof tree_files[i], "%s/%s", dir, names[i]);
    tree_set = 1;
}

void out_track_child(pid_t pid)
{
    tree_child = pid;
}

void out_untrack_tree(void)
{
    tree_set = 0;
    tree_child = 0;
}
