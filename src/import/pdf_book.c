/*
 * pdf_book.c — budc import's entry point for a PDF (import.h): the text
 * layer read (pdf_read.c), its tables (pdf_tables.c), its 绩效目标表
 * (pdf_projects.c) and its 说明 (pdf_text.c) made a Book, which import.c reads as it reads a workbook.
 * BUDC_PDF_DUMP=1 prints the lines and the sheets to stderr (to see what
 * the reader makes of a document).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "import/pdf_impl.h"

int import_read_pdf(Book *b, const char *path, const Defs *defs, char *err, size_t errn)
{
    memset(b, 0, sizeof *b);
    PDoc d;
    int st = pdf_load(&d, path, err, errn);
    if (st < 0) {
        pdf_free(&d);
        return st;
    }
    pdf_columns(&d, defs);
    size_t n = strlen(path);
    b->path = xmalloc(n + 1);
    memcpy(b->path, path, n + 1);
    b->pdf = true;
    bool **used = xmalloc((size_t)d.n * sizeof *used);
    for (int i = 0; i < d.n; i++) {
        used[i] = xmalloc((size_t)(d.pages[i].n + 1) * sizeof **used);
        memset(used[i], 0, (size_t)(d.pages[i].n + 1) * sizeof **used);
    }
    if (getenv("BUDC_PDF_DUMP"))
        for (int i = 0; i < d.n; i++)
            for (int j = 0; j < d.pages[i].n; j++) {
                const PLine *l = &d.pages[i].lines[j];
                fprintf(stderr, "p%d l%d y%.1f h%.1f:", d.pages[i].no, j, l->y1, l->h);
                for (int k = 0; k < l->n; k++)
                    fprintf(stderr, " [%s %.1f-%.1f]", l->w[k].text, l->w[k].x1, l->w[k].x2);
                fputc('\n', stderr);
            }
    st = pdf_tables(&d, b, defs, used, err, errn);
    if (st == 0) {
        pdf_across(&d, b, defs, used);
        st = pdf_projects(&d, b, defs, used, err, errn);
    }
    if (st == 0)
        pdf_text(&d, b, used);
    if (getenv("BUDC_PDF_DUMP"))
        for (int i = 0; i < b->nsheets; i++) {
            const BSheet *s = &b->sheets[i];
            fprintf(stderr, "== sheet %s (page %d)\n", s->name, s->page);
            for (int r = 0; r < s->nrows; r++) {
                for (int c = 0; c < s->ncols; c++)
                    fprintf(stderr, "%s|", book_text(s, r, c));
                fputc('\n', stderr);
            }
        }
    for (int i = 0; i < d.n; i++)
        free(used[i]);
    free(used);
    pdf_free(&d);
    return st;
}
