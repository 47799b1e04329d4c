/*
 * beside.h — what budc ships beside its executable (the standard library,
 * the message catalogue, the documentation), found from where it runs.
 */
#ifndef BUDC_BASE_BESIDE_H
#define BUDC_BASE_BESIDE_H

#include <stddef.h>

/* The first of the NC directories CANDS, relative to the directory of the
 * running executable (/proc/self/exe, else ARGV0 when not NULL), that
 * exists and (INSIDE not NULL) holds the file INSIDE, written into BUF of N
 * bytes; NULL when none does.  How budc finds what it ships beside itself:
 * the standard library, the message catalogue, the documentation. */
const char *beside_exe(const char *argv0, const char *const *cands, int nc,
                              const char *inside, char *buf, size_t n);

#endif
