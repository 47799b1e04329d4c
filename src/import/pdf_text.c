/*
 * pdf_text.c — the 说明 of a PDF disclosure: the lines no table used.
 */
#include "import/pdf_impl.h"

void pdf_text(const PDoc *d, Book *b, bool *const *used)
{
    (void)d;
    (void)b;
    (void)used;
}
