/*
 * diff_cmd.h — the command budc diff (diff_cmd.c).
 */
#ifndef BUDC_DIFF_CMD_H
#define BUDC_DIFF_CMD_H

/* Runs `budc diff ARGS`; returns the exit status (0 same, 1 different,
 * 2 trouble). */
int cmd_diff(int argc, char **argv, const char *argv0);

/* Its `budc help diff` text. */
extern const char *const diff_help;

#endif
