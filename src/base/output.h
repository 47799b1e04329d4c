/*
 * output.h — output files that are never half-written.
 *
 * out_open creates a temporary file beside PATH (same directory, so that the
 * final rename is atomic); the back end writes to it; out_commit checks that
 * every write succeeded and renames it over PATH only then.  On
 * any failure, or out_abort, the temporary file is removed and an existing
 * PATH is left as it was.  PATH "-" is standard output, written directly.
 *
 * What is at PATH is never replaced by something else: a symbolic link is
 * followed (its target replaced or created, the link kept), a FIFO or a
 * character device (/dev/null) is written through, and a directory, a block
 * device, a socket or a loop of links is refused with a message.  Every failure to
 * write (EFBIG under ulimit -f, ENOSPC, EIO) is reported by out_commit.
 */
#ifndef BUDC_OUTPUT_H
#define BUDC_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

typedef struct OutFile {
    char *path;  /* the final path (owned) */
    char *dest;  /* where the temporary goes when PATH is a symbolic link:
                    the file it names (owned), else NULL */
    char *tmp;   /* the temporary file (owned), NULL for standard output
                    and for a FIFO or a device, written through */
    FILE *f;
    char *vbuf;  /* F's buffer (owned), freed after it is closed */
} OutFile;

/* Called first by main: SIGXFSZ ignored, so that a write beyond the limit
 * of file size fails (EFBIG) instead of killing budc. */
void out_init(void);

/* In a child before exec: SIGXFSZ as budc's caller left it. */
void out_child_signals(void);

/* Opens PATH for writing; returns the stream, or NULL with a message in
 * ERR (naming the path and the reason). */
FILE *out_open(OutFile *o, const char *path, char *err, size_t errn);

/* Finishes the file: 0 when it is in place, -1 (and the temporary file
 * removed) with a message in ERR when a write failed. */
int out_commit(OutFile *o, char *err, size_t errn);

/* Abandons the file: removes the temporary file, keeps PATH as it was. */
void out_abort(OutFile *o);

/* Creates directory PATH (and its parents) if missing: 0, or -1 with ERR. */
int out_mkdir(const char *path, char *err, size_t errn);

/* While a private directory DIR holds the files NAMES (xelatex's work) and
 * a child works in it, SIGINT, SIGTERM, SIGHUP and SIGQUIT end the child and
 * remove them before budc dies.  (A signal the caller ignored stays
 * ignored: budc does not die of it.) */
void out_track_tree(const char *dir, const char *const *names, int n);
void out_track_child(pid_t pid);
void out_untrack_tree(void);

#endif
