/*
 * init.h — budc init (see init.c).
 */
#ifndef BUDC_INIT_H
#define BUDC_INIT_H

/* Runs budc init with its arguments; returns the exit status. */
int cmd_init(int argc, char **argv, const char *argv0);

#endif
