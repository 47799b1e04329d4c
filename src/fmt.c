/* fmt.c — placeholder (see fmt.h). */
#include "fmt.h"

#include <stdio.h>

const char fmt_help[] = "usage: budc fmt [-w] [--check] FILE...\n";

int cmd_fmt(int argc, char **argv, const char *argv0)
{
    (void)argc;
    (void)argv;
    (void)argv0;
    fputs("budc: error: fmt is not written yet\n", stderr);
    return 2;
}
