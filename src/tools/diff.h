/*
 * diff.h — budc diff: what changed in meaning between two budgets (diff.c).
 */
#ifndef BUDC_DIFF_H
#define BUDC_DIFF_H

/* Runs `budc diff ARGS`; returns the exit status (0 same, 1 different,
 * 2 trouble). */
int cmd_diff(int argc, char **argv, const char *argv0);

/* Its `budc help diff` text. */
extern const char diff_help[];

#endif
