/*
 * build.h — budc json / csv / latex / html / build (see build.c).
 */
#ifndef BUDC_BUILD_H
#define BUDC_BUILD_H

/* Runs output command CMD ("json", "csv", "latex", "html" or "build") with its
 * arguments; returns the exit status. */
int cmd_output(const char *cmd, int argc, char **argv, const char *argv0);

#endif
