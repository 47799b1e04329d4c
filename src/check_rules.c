/* check_rules.c — placeholder (see check.h). */
#include "check.h"

int check_rules(Model *m, DiagCtx *d)
{
    (void)m;
    (void)d;
    return 0;
}
