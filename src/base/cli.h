/*
 * cli.h — what every command of the command line shares: the exit
 * statuses, the messages of a usage or I/O problem, and the options that
 * set the diagnostics (-fmax-errors, -W…, --diagnostics).
 */
#ifndef BUDC_CLI_H
#define BUDC_CLI_H

#include "base/diag.h"

/* Exit statuses: the input has no error / has errors (budc diff: the
 * budgets differ) / a usage or I/O problem. */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

/* The default of -fmax-errors. */
enum { DEFAULT_MAX_ERRORS = 50 };

/* "budc: error: MESSAGE" and "Try 'budc --help'." on stderr; returns
 * EXIT_USAGE. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "budc: error: MESSAGE" on stderr (a problem that is not the command
 * line's); returns EXIT_USAGE. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "budc: note: MESSAGE" on stderr. */
void cli_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The messages of cli_usage, cli_fail and cli_note are escaped (text.h) and
 * cut after this many characters. */
enum { CLI_MESSAGE_MAX = 1000 };

/* Reads A when it is one of the options of the diagnostics into D and
 * *MAX_ERRORS: returns 1 when it was, 0 when A is another argument, -1
 * after a usage error (reported). */
int cli_diag_option(const char *a, DiagCtx *d, int *max_errors);

#endif
