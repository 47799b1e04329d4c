/* check_projects.c — placeholder (see check.h). */
#include "check.h"

int check_projects(Model *m, DiagCtx *d)
{
    (void)m;
    (void)d;
    return 0;
}
