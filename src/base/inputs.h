/*
 * inputs.h — the budgets named on the command line.
 *
 * A file is a budget; a directory stands for the .bud files directly in it
 * (each an entry point: the files they import live in subdirectories, as in
 * examples/), in byte order of their names so that a run is reproducible.
 */
#ifndef BUDC_INPUTS_H
#define BUDC_INPUTS_H

#include <stddef.h>

typedef struct Inputs {
    char **files; /* owned */
    int n, cap;
} Inputs;

/* Expands ARGS[0..N) into IN.  Returns 0, or -1 with a message in ERR (a
 * directory that cannot be read or holds no .bud file).  A path that does
 * not exist is kept: loading it reports the error. */
int inputs_expand(Inputs *in, char **args, int n, char *err, size_t errn);
void inputs_free(Inputs *in);

#endif
