/* diff.c — placeholder (see diff.h). */
#include "diff.h"

#include <stdio.h>

const char diff_help[] = "usage: budc diff [--format text|json] OLD.bud NEW.bud\n";

int cmd_diff(int argc, char **argv, const char *argv0)
{
    (void)argc;
    (void)argv;
    (void)argv0;
    fputs("budc: error: diff is not written yet\n", stderr);
    return 2;
}
