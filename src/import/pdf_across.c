/*
 * pdf_across.c — a table printed in one line under grouped heads (a table
 * definition's `layout … across`: the 决算 template's 三公 table), read
 * from a PDF into a sheet of the Book in the layout of the workbook's (a
 * row a line: its name, then its amounts), which import.c reads as it
 * reads the others (pdf_impl.h).
 *
 * Under the title (and the lines of 编制单位, 决算年度 and 单位) the head
 * prints the title of each row (`across ROW "title"`: 合计, 因公出国（境）费,
 * 小计 …, under the titles spanning them) over a group of the printed
 * amount columns (预算数 决算数: every column but an 增减), then one line
 * of figures.  A group of column titles belongs to the row title over it
 * (the nearest by its middle), a figure to the column title it stands
 * under; a cell printed blank is no figure.  When the head is not that
 * (a row title missing, a figure under no column), the table is left
 * unread and import.c says so in the budget it writes.
 */
#include "import/pdf_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "import/import_impl.h"

enum { MAXA = 16, MAXP = 64 };

static bool is_figure(const char *s)
{
    Dec v;
    if (strcmp(s, "-") == 0 || strcmp(s, "—") == 0 || strcmp(s, "——") == 0 || strcmp(s, "－") == 0)
        return true;
    char buf[64];
    size_t n = 0;
    for (const char *p = s; *p && n + 1 < sizeof buf; p++)
        if (*p != ',')
            buf[n++] = *p;
    buf[n] = '\0';
    return n > 0 && strchr(buf, '.') && imp_number(buf, &v);
}

/* Whether line L (normalised in A) ends with TITLE after what may lead it
 * (the department's name, the year): not a sentence naming it. */
static bool titled(Arena *a, const PLine *l, const char *title)
{
    const char *s = pdf_norm(a, l->text), *t = pdf_norm(a, title);
    if (!pdf_ends_with(s, t) || strlen(s) - strlen(t) > 120)
        return false;
    size_t lead = strlen(s) - strlen(t);
    for (size_t i = 0; i < lead; i++)
        if (strncmp(s + i, "。", 3) == 0 || strncmp(s + i, "，", 3) == 0 || s[i] == ',')
            return false;
    return true;
}

/* The printed columns of DEF (all but an 增减), their indices in COLS. */
static int printed_cols(const TableDef *def, int *cols)
{
    int n = 0;
    for (int c = 0; c < def->ncols && n < MAXA; c++)
        if (def->cols[c].kind != COL_CHANGE)
            cols[n++] = c;
    return n;
}

/* Which printed column word W is (its title), or -1. */
static int col_title(const TableDef *def, const int *cols, int ncols, const PWord *w)
{
    for (int k = 0; k < ncols; k++)
        if (strcmp(w->text, def->cols[cols[k]].title) == 0)
            return k;
    return -1;
}

typedef struct Across {
    const char *cell[MAXA][MAXA]; /* [row of DEF with a title across][printed column] */
    int row[MAXA];                /* the rows of DEF printed, in order */
    int nrows;
} Across;

/* Reads the table DEF whose title is line I of page P into X: the line
 * after it, or -1 when it is not printed as DEF says. */
static int read_across(const PPage *p, int i, const TableDef *def, const Vocab *v, Across *x,
                       int *meta_line)
{
    int cols[MAXA], nc = printed_cols(def, cols);
    memset(x, 0, sizeof *x);
    for (int r = 0; r < def->nrows && x->nrows < MAXA; r++)
        if (def->rows[r].across)
            x->row[x->nrows++] = r;
    if (nc < 1 || x->nrows < 1)
        return -1;
    int j = i + 1;
    *meta_line = -1;
    if (j < p->n && pdf_meta_line(v, &p->lines[j]))
        *meta_line = j++;
    /* the line of the column titles: nothing else on it, NC a group */
    int pl = -1;
    for (int k = j; k < p->n && k <= j + 6 && pl < 0; k++) {
        const PLine *l = &p->lines[k];
        bool all = l->n >= nc && l->n % nc == 0;
        for (int w = 0; w < l->n && all; w++)
            all = col_title(def, cols, nc, &l->w[w]) == w % nc;
        if (all)
            pl = k;
    }
    if (pl < 0)
        return -1;
    const PLine *cl = &p->lines[pl];
    int ngroups = cl->n / nc;
    /* each row's title: a word of the head above, over a group */
    double mid[MAXA];
    for (int r = 0; r < x->nrows; r++) {
        const char *t = def->rows[x->row[r]].across;
        mid[r] = NAN;
        for (int k = j; k < pl && isnan(mid[r]); k++)
            for (int w = 0; w < p->lines[k].n; w++)
                if (strcmp(p->lines[k].w[w].text, t) == 0) {
                    mid[r] = (p->lines[k].w[w].x1 + p->lines[k].w[w].x2) / 2;
                    break;
                }
        if (isnan(mid[r]))
            return -1;
    }
    if (ngroups != x->nrows)
        return -1;
    /* the groups of column titles, left to right, each the nearest row title's */
    int group_row[MAXA];
    for (int g = 0; g < ngroups; g++) {
        double gm = (cl->w[g * nc].x1 + cl->w[g * nc + nc - 1].x2) / 2;
        int best = -1;
        for (int r = 0; r < x->nrows; r++)
            if (best < 0 || fabs(mid[r] - gm) < fabs(mid[best] - gm))
                best = r;
        for (int h = 0; h < g; h++)
            if (group_row[h] == best)
                return -1; /* two groups under one title */
        group_row[g] = best;
    }
    /* the figures: each under the column title it overlaps most */
    int k = pl + 1;
    for (; k < p->n; k++) {
        const PLine *l = &p->lines[k];
        bool figs = l->n > 0;
        for (int w = 0; w < l->n && figs; w++)
            figs = is_figure(l->w[w].text);
        if (!figs)
            break;
        for (int w = 0; w < l->n; w++) {
            const PWord *f = &l->w[w];
            int best = -1;
            double most = 0;
            for (int c = 0; c < cl->n; c++) {
                double o = fmin(f->x2, cl->w[c].x2) - fmax(f->x1, cl->w[c].x1);
                if (o > most) {
                    most = o;
                    best = c;
                }
            }
            if (best < 0)
                return -1;
            const char **cell = &x->cell[group_row[best / nc]][best % nc];
            if (*cell)
                return -1;
            *cell = f->text;
        }
    }
    return k;
}

/* The amount printed as S (thousands separators and all) into V: false
 * when it is blank (none, -, —). */
static bool amount_of(const char *s, Dec *v)
{
    char buf[64];
    size_t n = 0;
    for (const char *p = s ? s : ""; *p && n + 1 < sizeof buf; p++)
        if (*p != ',')
            buf[n++] = *p;
    buf[n] = '\0';
    return n > 0 && strchr(buf, '.') && dec_parse(buf, n, v) == DEC_OK;
}

/* An 增减 column the template does not print (决算数比预算数增减): its
 * column A minus its column B of the row's printed CELLs, a blank one 0;
 * NULL when both are blank. */
static const char *change_of(const ColDef *cd, const int *cols, int nc, const char *const *cell,
                             Arena *a)
{
    Dec x = dec_zero(), y = dec_zero(), d;
    bool any = false;
    for (int k = 0; k < nc; k++) {
        if (cols[k] == cd->a)
            any |= amount_of(cell[k], &x);
        if (cols[k] == cd->b)
            any |= amount_of(cell[k], &y);
    }
    if (!any || dec_sub(x, y, &d) != DEC_OK)
        return NULL;
    char *s = arena_alloc(a, 64);
    dec_format(d, s, 64);
    return s;
}

static void put(BSheetBuilder *sb, int r, int c, const char *s)
{
    if (s && *s)
        book_put(sb, r, c, BC_TEXT, s, strlen(s));
}

/* The sheet of DEF from X, its title T, the meta line M (or NULL), on page PAGE. */
static void add_sheet(Book *b, const TableDef *def, const Vocab *v, const Across *x, const PLine *m,
                      Arena *a, int page)
{
    BSheetBuilder sb = {0};
    int r = 0;
    put(&sb, r++, 0, def->title);
    if (m) { /* 编制单位 … 单位：万元: its cells apart by more than 1.5 characters */
        int c = 0;
        for (int i = 0; i < m->n;) {
            int j = i + 1;
            while (j < m->n && m->w[j].x1 - m->w[j - 1].x2 < 1.5 * m->h)
                j++;
            put(&sb, r, c++, pdf_join(a, m->w + i, j - i, true));
            i = j;
        }
        r++;
    }
    put(&sb, r, 0, vocab_label(v, "item"));
    for (int c = 0; c < def->ncols; c++)
        put(&sb, r, c + 1, def->cols[c].title);
    r++;
    int cols[MAXA], nc = printed_cols(def, cols);
    for (int i = 0; i < x->nrows; i++, r++) {
        put(&sb, r, 0, def->rows[x->row[i]].key);
        for (int k = 0; k < nc; k++)
            put(&sb, r, cols[k] + 1, x->cell[i][k]);
        for (int c = 0; c < def->ncols; c++)
            if (def->cols[c].kind == COL_CHANGE)
                put(&sb, r, c + 1, change_of(&def->cols[c], cols, nc, x->cell[i], a));
    }
    BSheet *s = book_add_sheet(b, def->title);
    s->page = page;
    book_finish_sheet(&sb, s);
    s->rowpage = xmalloc((size_t)(s->nrows + 1) * sizeof *s->rowpage);
    for (int i = 0; i < s->nrows; i++)
        s->rowpage[i] = page;
}

void pdf_across(const PDoc *d, Book *b, const Defs *defs, bool **used)
{
    Arena a;
    arena_init(&a);
    for (int ds = 0; ds < defs->ndisclosures; ds++)
        for (int t = 0; t < defs->disclosures[ds].ntables; t++) {
            const TableDef *def = &defs->disclosures[ds].tables[t];
            bool have = !def->layout.across;
            for (int s = 0; s < b->nsheets && !have; s++)
                have = strcmp(b->sheets[s].name, def->title) == 0;
            for (int pi = 0; pi < d->n && !have; pi++) {
                const PPage *p = &d->pages[pi];
                for (int i = 0; i < p->n && !have; i++) {
                    if (used[pi][i] || !titled(&a, &p->lines[i], def->title))
                        continue;
                    Across x;
                    int m, end = read_across(p, i, def, &defs->vocab, &x, &m);
                    if (end < 0)
                        continue;
                    add_sheet(b, def, &defs->vocab, &x, m >= 0 ? &p->lines[m] : NULL, &a, p->no);
                    for (int k = i; k < end; k++)
                        used[pi][k] = true;
                    have = true;
                }
            }
        }
    arena_free(&a);
}
