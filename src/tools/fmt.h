/*
 * fmt.h — budc fmt: the one canonical layout of a .bud file (see fmt.c).
 */
#ifndef BUDC_FMT_H
#define BUDC_FMT_H

#include <stddef.h>

/* The canonical layout of the LEN bytes at TEXT, malloc'ed and
 * NUL-terminated (*OUT_LEN its length), or NULL when the text has a syntax
 * error (budc fmt leaves such a file alone).  For the language server. */
char *fmt_text(const char *text, size_t len, size_t *out_len);

/* Runs `budc fmt ARGS`; returns the exit status. */
int cmd_fmt(int argc, char **argv, const char *argv0);

/* Its `budc help fmt` text. */
extern const char *const fmt_help;

#endif
