/* emit_latex.c — placeholder (see emit.h). */
#include "emit.h"

int emit_latex(Model *m, FILE *out)
{
    (void)m;
    fputs("\\documentclass{ctexart}\n\\begin{document}\n\\end{document}\n", out);
    return ferror(out) ? -1 : 0;
}
