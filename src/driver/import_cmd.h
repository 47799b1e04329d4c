/*
 * import_cmd.h — `budc import BOOK.xlsx|DIR|FILE.csv [-o OUT.bud]`
 * (import_cmd.c), and the import `budc audit` shares with it.
 */
#ifndef BUDC_IMPORT_CMD_H
#define BUDC_IMPORT_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "import/import.h"

int cmd_import(int argc, char **argv, const char *argv0);

/* Reads ARGV[*I] when it is an option of the import (--year, --name,
 * --code, --budget), moving *I past its value: 1 when it was, 0 when it is
 * another argument, -1 after a usage error (reported). */
int import_option(int argc, char **argv, int *i, ImportOptions *o);

/* Whether PATH names the CSV files of the published layout (a directory,
 * or a .csv file). */
bool import_is_csv(const char *path);

/* Imports the workbook or the CSV files IN, with the standard library in
 * STD, writing the budget's text to OUT; *KIND is 1 for a 决算.  Returns
 * EXIT_OK, or EXIT_INPUT (the document is wrong) or EXIT_USAGE (it cannot
 * be read) with a message in ERR (empty when already reported). */
int import_file(const char *in, const ImportOptions *o, const char *std, FILE *out, int *kind,
                char *err, size_t errn);

#endif
