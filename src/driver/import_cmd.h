/*
 * import_cmd.h — `budc import BOOK.xlsx|DIR|FILE.csv [-o OUT.bud]`
 * (import_cmd.c).
 */
#ifndef BUDC_IMPORT_CMD_H
#define BUDC_IMPORT_CMD_H

int cmd_import(int argc, char **argv, const char *argv0);

#endif
