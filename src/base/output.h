/*
 * output.h — output files that are never half-written.
 *
 * out_open creates a temporary file beside PATH (same directory, so that the
 * final rename is atomic); the back end writes to it; out_commit checks that
 * every write succeeded and renames it over PATH only then.  On
 * any failure, or out_abort, the temporary file is removed and an existing
 * PATH is left as it was.  PATH "-" is standard output, written directly.
 */
#ifndef BUDC_OUTPUT_H
#define BUDC_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

typedef struct OutFile {
    char *path;  /* the final path (owned) */
    char *tmp;   /* the temporary file (owned), NULL for standard output */
    FILE *f;
} OutFile;

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
 * a child works in it, SIGINT, SIGTERM and SIGHUP end the child and remove
 * them before budc dies. */
void out_track_tree(const char *dir, const char *const *names, int n);
void out_track_child(pid_t pid);
void out_untrack_tree(void);

#endif
