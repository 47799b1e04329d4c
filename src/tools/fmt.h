/*
 * fmt.h — budc fmt: the one canonical layout of a .bud file (see fmt.c).
 */
#ifndef BUDC_FMT_H
#define BUDC_FMT_H

/* Runs `budc fmt ARGS`; returns the exit status. */
int cmd_fmt(int argc, char **argv, const char *argv0);

/* Its `budc help fmt` text. */
extern const char *const fmt_help;

#endif
