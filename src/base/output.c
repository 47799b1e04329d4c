/*
 * output.c — atomic output files (see output.h).
 */
#include "base/output.h"
#include "base/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary files being written, so that SIGINT, SIGTERM, SIGHUP and
 * SIGQUIT remove them before budc dies (SIGKILL cannot be caught: a killed build
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

/* The signals that end budc and after which its temporaries are removed.
 * One the caller ignores (SIGHUP under nohup, SIGINT in a background job
 * of a script) stays ignored: budc does not die of it, so there is nothing
 * to clean up. */
static const int cleanup_sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

static void set_handlers(void)
{
    if (!handlers_set) {
        handlers_set = 1;
        for (size_t i = 0; i < sizeof cleanup_sigs / sizeof cleanup_sigs[0]; i++) {
            struct sigaction old;
            if (sigaction(cleanup_sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
                continue;
            struct sigaction sa;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = on_signal;
            sigemptyset(&sa.sa_mask);
            sigaction(cleanup_sigs[i], &sa, NULL);
        }
    }
}

/* SIGXFSZ as budc found it, for the children it runs. */
static struct sigaction xfsz_inherited;
static bool xfsz_saved;

void out_init(void)
{
    /* A write past the limit of file size (ulimit -f) would kill budc with
     * SIGXFSZ and leave its temporary behind; ignored, the write fails with
     * EFBIG instead, which out_commit reports (exit 2) after removing the
     * temporary. */
    struct sigaction ign;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    xfsz_saved = sigaction(SIGXFSZ, &ign, &xfsz_inherited) == 0;
}

void out_child_signals(void)
{
    if (xfsz_saved)
        sigaction(SIGXFSZ, &xfsz_inherited, NULL);
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

/* What PATH is when it is not a regular file, for a message. */
static const char *file_kind(mode_t m)
{
    return S_ISDIR(m)    ? "a directory"
           : S_ISBLK(m)  ? "a block device"
           : S_ISSOCK(m) ? "a socket"
           : S_ISCHR(m)  ? "a character device"
           : S_ISFIFO(m) ? "a FIFO"
                         : "not a regular file";
}

/* When PATH is a symbolic link, *REAL receives the path it leads to (each
 * link of a chain followed, relative ones from their own directory), which
 * need not exist yet: a link to a file not yet written is written like
 * `>` in the shell writes it.  0, or -1 with errno (ELOOP after 40 links). */
static int follow_links(const char *path, char **real)
{
    char *cur = NULL;
    const char *p = path;
    for (int hops = 0;; hops++) {
        struct stat lst;
        if (lstat(p, &lst) != 0 || !S_ISLNK(lst.st_mode)) {
            *real = cur;
            return 0;
        }
        if (hops == 40) {
            free(cur);
            errno = ELOOP;
            return -1;
        }
        size_t cap = (size_t)lst.st_size + 1 > 256 ? (size_t)lst.st_size + 1 : 256;
        char *to = malloc(cap);
        ssize_t n = to ? readlink(p, to, cap - 1) : -1;
        if (n < 0) {
            int e = to ? errno : ENOMEM;
            free(to);
            free(cur);
            errno = e;
            return -1;
        }
        to[n] = '\0';
        char *next;
        const char *slash = strrchr(p, '/');
        if (to[0] == '/' || !slash) {
            next = to;
        } else { /* relative to the link's own directory */
            size_t dirlen = (size_t)(slash - p) + 1;
            next = malloc(dirlen + (size_t)n + 1);
            if (next) {
                memcpy(next, p, dirlen);
                memcpy(next + dirlen, to, (size_t)n + 1);
            }
            free(to);
            if (!next) {
                free(cur);
                errno = ENOMEM;
                return -1;
            }
        }
        free(cur);
        cur = next;
        p = cur;
    }
}

/* Opens PATH, a FIFO or a character device, to write through it: nothing
 * is created, truncated or replaced (/dev/null, /dev/stdout on a pipe, a
 * FIFO read by another program). */
static FILE *open_through(OutFile *o, const char *path, char *err, size_t errn)
{
    int fd = open(path, O_WRONLY | O_NOCTTY);
    if (fd < 0 || !(o->f = fdopen(fd, "wb"))) {
        snprintf(err, errn, _("cannot write '%s': %s"), path, strerror(errno));
        if (fd >= 0)
            close(fd);
        out_abort(o);
        return NULL;
    }
    return o->f;
}

enum { OUT_VBUF = 256 * 1024 };

FILE *out_open(OutFile *o, const char *path, char *err, size_t errn)
{
    memset(o, 0, sizeof *o);
    if (strcmp(path, "-") == 0) {
        o->f = stdout;
        o->path = str_dup(path);
        return o->f;
    }
    o->path = str_dup(path);
    if (!o->path) {
        snprintf(err, errn, _("cannot write '%s': out of memory"), path);
        return NULL;
    }
    /* What is at PATH decides how it is written.  A regular file (or
     * nothing) is replaced atomically: a temporary beside it, renamed over
     * it.  A symbolic link is followed: its target is replaced (or
     * created) and the link kept.  A FIFO or a character device is written
     * through, never replaced.  Anything else (a directory, a block device,
     * a socket, a loop of links) is refused. */
    struct stat st;
    char *real = NULL;
    int lk = follow_links(path, &real);
    if (lk < 0) {
        snprintf(err, errn, _("cannot write '%s': %s"), path,
                 errno == ELOOP ? "too many symbolic links" : strerror(errno));
        out_abort(o);
        return NULL;
    }
    const char *target = real ? real : path;
    if (stat(target, &st) == 0) {
        if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) {
            free(real);
            return open_through(o, path, err, errn);
        }
        if (!S_ISREG(st.st_mode)) {
            snprintf(err, errn, _("cannot write '%s': it is %s, not a regular file"), path,
                     file_kind(st.st_mode));
            free(real);
            out_abort(o);
            return NULL;
        }
    }
    /* DIR/.NAME.tmp-XXXXXX beside DIR/NAME */
    const char *slash = strrchr(target, '/');
    size_t dirlen = slash ? (size_t)(slash - target) + 1 : 0;
    size_t n = strlen(target) + 16;
    o->tmp = malloc(n);
    o->dest = real; /* renamed over the link's target, not over the link */
    if (!o->tmp) {
        snprintf(err, errn, _("cannot write '%s': out of memory"), path);
        out_abort(o);
        return NULL;
    }
    snprintf(o->tmp, n, "%.*s.%s.tmp-XXXXXX", (int)dirlen, target, target + dirlen);
    /* the temporary is known to the handlers from the moment it exists:
     * the signals that remove it wait while it is created */
    set_handlers();
    sigset_t block, old;
    sigemptyset(&block);
    for (size_t i = 0; i < sizeof cleanup_sigs / sizeof cleanup_sigs[0]; i++)
        sigaddset(&block, cleanup_sigs[i]);
    sigprocmask(SIG_BLOCK, &block, &old);
    int fd = mkstemp(o->tmp);
    int saved = errno;
    if (fd >= 0)
        track(o->tmp);
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        snprintf(err, errn, _("cannot write '%s': %s"), path, strerror(saved));
        free(o->tmp);
        o->tmp = NULL;
        out_abort(o);
        return NULL;
    }
    fchmod(fd, 0644);
    o->f = fdopen(fd, "wb");
    if (!o->f) {
        snprintf(err, errn, _("cannot write '%s': %s"), path, strerror(errno));
        close(fd);
        out_abort(o);
        return NULL;
    }
    /* a file is written in writes of 256 KiB, not of the 4 KiB of stdio's
     * default (the JSON of a department is megabytes: 11,303 write calls
     * for the 87 MB of the 10 MB corpus); glibc takes a size only with a
     * buffer given */
    o->vbuf = malloc(OUT_VBUF);
    if (o->vbuf)
        setvbuf(o->f, o->vbuf, _IOFBF, OUT_VBUF);
    return o->f;
}

int out_commit(OutFile *o, char *err, size_t errn)
{
    if (o->f == stdout) {
        int bad = fflush(stdout) != 0 || ferror(stdout);
        if (bad)
            snprintf(err, errn, _("cannot write to standard output: %s"), strerror(errno));
        free(o->path);
        o->path = NULL;
        o->f = NULL;
        return bad ? -1 : 0;
    }
    /* No fsync: the rename is what makes the file appear whole or not at
     * all when budc fails or is killed; flushing every output to the disk
     * (thousands in a region's build) is left to the system. */
    errno = 0;
    int bad = fflush(o->f) != 0 || ferror(o->f);
    int saved = errno ? errno : EIO;
    if (fclose(o->f) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    o->f = NULL;
    free(o->vbuf);
    o->vbuf = NULL;
    if (!bad && o->tmp && rename(o->tmp, o->dest ? o->dest : o->path) != 0) {
        bad = 1;
        saved = errno;
    }
    if (bad) {
        snprintf(err, errn, _("cannot write '%s': %s"), o->path, strerror(saved));
        out_abort(o);
        return -1;
    }
    untrack(o->tmp);
    free(o->tmp);
    free(o->path);
    free(o->dest);
    o->tmp = o->path = o->dest = NULL;
    return 0;
}

void out_abort(OutFile *o)
{
    if (o->f && o->f != stdout)
        fclose(o->f);
    o->f = NULL;
    free(o->vbuf);
    o->vbuf = NULL;
    if (o->tmp) {
        unlink(o->tmp);
        untrack(o->tmp);
    }
    free(o->tmp);
    free(o->path);
    free(o->dest);
    o->tmp = o->path = o->dest = NULL;
}

int out_mkdir(const char *path, char *err, size_t errn)
{
    char *p = str_dup(path);
    if (!p) {
        snprintf(err, errn, _("cannot create '%s': out of memory"), path);
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
                snprintf(err, errn, _("cannot create directory '%s': %s"), p, strerror(errno));
                free(p);
                return -1;
            }
        } else if (!S_ISDIR(st.st_mode)) {
            snprintf(err, errn, _("cannot create directory '%s': a file of that name exists"), p);
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
