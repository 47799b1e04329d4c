/* check_narrative.c — placeholder (see check.h). */
#include "check.h"

int check_narrative(Model *m, DiagCtx *d)
{
    (void)m;
    (void)d;
    return 0;
}
