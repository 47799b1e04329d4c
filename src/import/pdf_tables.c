/*
 * pdf_tables.c — the tables of a PDF disclosure rebuilt from its lines of
 * words (pdf_impl.h), each a sheet of a Book that import.c reads as it
 * reads a workbook's.
 *
 * A table starts at its title: a line that ends with the title of a table
 * definition (预算 and 决算), compared without spaces, quotation marks or
 * the width of punctuation, after what may lead it (表一, 附表1, 2023年,
 * the department's name); （续） after it continues the table.  Under the
 * title: the lines of 编制单位, 预算年度 and 单位 (the sheet's second row),
 * then the head — its lines down to the 栏次 line or the first row of
 * figures, a cell wrapped onto the next line joined — whose lowest titles
 * (a title spanning two below it, 功能分类科目 or 本年收入, stands over
 * them) are the columns.  Where one column ends and the next starts is
 * the widest vertical strip between their titles that no row's word
 * crosses; when every strip is crossed, the columns cannot be told apart
 * and the reader says so.  Each word of a row goes into the column its
 * middle is in (a word over two cells cut first: pdf_cut.c); a line with no figure and no 序号 (or, without a 序号
 * column, no code or ordinal) continues the row above, a name wrapped.
 * A table ends at a note (注：), the next title, or a line too wide to be
 * a cell; at the foot of a page it continues on the next when that page
 * starts with its head again (dropped) or with rows that fit its columns.
 * The running head of the pages and their page numbers are left out.
 */
#include "import/pdf_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "import/import_impl.h"

enum { MAXC = 40 };

typedef struct Cols {
    int n;
    double mid[MAXC], bound[MAXC]; /* bound[i]: between column i and i+1 */
    const char *head[MAXC];
    bool serial;                   /* the first column is 序号 */
} Cols;

typedef struct Ctx {
    const PDoc *d;
    const Defs *defs;
    const Vocab *v;
    Book *b;
    Arena a;
    bool **used;
    char *err;
    size_t errn;
    /* the table being read */
    const TableDef *def;        /* its definition (NULL: a table of the 说明) */
    const char *title;          /* its title */
    bool open;
    BSheetBuilder sb;
    int row;
    Cols cols;
    bool have_cols;
    const char *cell[MAXC]; /* the row being read, until the next starts */
    bool pending;
    int page;                   /* the page being read */
    int *rowpage;               /* the page of each row of the sheet */
    int nrp, caprp;
    const char *running; /* the running head of the pages, or NULL */
    /* every table's title as title_of compares it (normalised, and without
     * 预算 or 部门预算), made once: NULL until the first title_of */
    struct Title {
        const TableDef *def;
        const char *norm;
    } *titles;
    int ntitles;
} Ctx;

/* ---- text ------------------------------------------------------------------------- */

/* x->titles: each table's title, and as often printed without 预算 or
 * 部门预算, normalised, in the order of the definitions */
static void make_titles(Ctx *x)
{
    int cap = 0;
    for (int d = 0; d < x->defs->ndisclosures; d++)
        cap += 3 * x->defs->disclosures[d].ntables;
    x->titles = arena_alloc(&x->a, (size_t)(cap > 0 ? cap : 1) * sizeof *x->titles);
    x->ntitles = 0;
    static const char pre[] = "部门预算";
    for (int d = 0; d < x->defs->ndisclosures; d++) {
        const Disclosure *ds = &x->defs->disclosures[d];
        for (int t = 0; t < ds->ntables; t++) {
            const char *title = pdf_norm(&x->a, ds->tables[t].title);
            x->titles[x->ntitles++] = (struct Title){&ds->tables[t], title};
            if (strncmp(title, pre, strlen(pre)) != 0)
                continue;
            const char *rest = title + strlen(pre);
            for (int alt = 1; alt <= 2; alt++) {
                char *a = arena_alloc(&x->a, strlen(rest) + 8);
                snprintf(a, strlen(rest) + 8, "%s%s", alt == 1 ? "部门" : "", rest);
                x->titles[x->ntitles++] = (struct Title){&ds->tables[t], a};
            }
        }
    }
}

/* The table whose title line L is (*CONT: it says 续), or NULL. */
static const TableDef *title_of(Ctx *x, const PLine *l, bool *cont)
{
    const char *s = pdf_norm(&x->a, l->text);
    *cont = false;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", s);
    static const char *const more[] = {"(续)", "(续表)", "续表", "续"};
    for (size_t k = 0; k < sizeof more / sizeof more[0]; k++)
        if (pdf_ends_with(buf, more[k])) {
            buf[strlen(buf) - strlen(more[k])] = '\0';
            *cont = true;
            break;
        }
    if (!x->titles)
        make_titles(x);
    const TableDef *best = NULL;
    size_t bestn = 0;
    for (int k = 0; k < x->ntitles; k++) {
        const char *title = x->titles[k].norm;
        size_t n = strlen(title), lead = strlen(buf) - (pdf_ends_with(buf, title) ? n : 0);
        if (!pdf_ends_with(buf, title) || n <= bestn || lead > 120 || n < 12)
            continue;
        /* what leads the title is a name, a year or a number, not a sentence */
        bool sentence = false;
        for (const char *p = buf; p < buf + lead && !sentence; p++)
            sentence = strncmp(p, "。", 3) == 0 || strncmp(p, "，", 3) == 0 || *p == ',';
        if (sentence)
            continue;
        best = x->titles[k].def;
        bestn = n;
    }
    return best;
}

static bool is_head_word(const Ctx *x, const char *s)
{
    static const char *const keys[] = {"serial", "item", "code_head", "code_name", "income_item",
                                       "expense_item", "column_numbers"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *l = vocab_label(x->v, keys[i]);
        if (*l && strcmp(s, l) == 0)
            return true;
    }
    return false;
}

/* A figure of a table: an amount, or a blank mark (-, —). */
static bool figure(const char *s, bool marks)
{
    Dec v;
    if (marks && (strcmp(s, "-") == 0 || strcmp(s, "--") == 0 || strcmp(s, "—") == 0 ||
                  strcmp(s, "——") == 0 || strcmp(s, "－") == 0))
        return true;
    return (strchr(s, '.') || strchr(s, ',')) && imp_text_number(s, &v);
}

static bool has_figure(const PLine *l)
{
    for (int i = 0; i < l->n; i++)
        if (figure(l->w[i].text, false))
            return true;
    return false;
}

static bool is_integer(const char *s)
{
    return *s && text_all_digits(s) && strlen(s) <= 9;
}

/* A line starting a row: a figure in it, or a 序号 then a name. */
static bool body_start(const PLine *l)
{
    return has_figure(l) || (l->n >= 2 && is_integer(l->w[0].text) && strlen(l->w[0].text) <= 3);
}

static bool column_numbers(const Ctx *x, const PLine *l)
{
    const char *c = vocab_label(x->v, "column_numbers");
    return l->n >= 2 && *c && (strcmp(l->w[0].text, c) == 0 ||
                               strncmp(l->w[0].text, c, strlen(c) > 3 ? 3 : strlen(c)) == 0) &&
           is_integer(l->w[l->n - 1].text);
}

static bool note_line(const Ctx *x, const PLine *l)
{
    const char *m = vocab_label(x->v, "note_mark");
    return (*m && strncmp(l->text, m, strlen(m)) == 0) || strncmp(l->text, "注:", 4) == 0;
}

static bool starts_ordinal(const char *s)
{
    const char *d = s;
    while (*d >= '0' && *d <= '9')
        d++;
    if (d > s && (*d == '.' || strncmp(d, "、", 3) == 0))
        return true;
    if (strncmp(s, "其中", strlen("其中")) == 0)
        return true;
    static const char *const lead[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
                                       "（", "("};
    for (size_t i = 0; i < sizeof lead / sizeof lead[0]; i++)
        if (strncmp(s, lead[i], strlen(lead[i])) == 0)
            return strstr(s, "、") || lead[i][0] == '(' || strncmp(lead[i], "（", 3) == 0;
    return false;
}

/* ---- the sheet -------------------------------------------------------------------- */

static void put(Ctx *x, int r, int c, const char *s)
{
    if (s && *s)
        book_put(&x->sb, r, c, BC_TEXT, s, strlen(s));
    while (x->nrp <= r) {
        if (x->nrp == x->caprp) {
            x->caprp = x->caprp ? 2 * x->caprp : 64;
            x->rowpage = xrealloc(x->rowpage, (size_t)x->caprp * sizeof *x->rowpage);
        }
        x->rowpage[x->nrp++] = x->page;
    }
}

static void flush_row(Ctx *x)
{
    if (!x->pending)
        return;
    for (int c = 0; c < x->cols.n; c++)
        put(x, x->row, c, x->cell[c]);
    x->row++;
    x->pending = false;
}

static void close_table(Ctx *x)
{
    if (!x->open)
        return;
    x->open = false;
    flush_row(x);
    Book *b = x->b;
    BSheet *s = &b->sheets[b->nsheets - 1];
    book_finish_sheet(&x->sb, s);
    s->rowpage = xmalloc((size_t)(s->nrows + 1) * sizeof *s->rowpage);
    for (int r = 0; r < s->nrows; r++)
        s->rowpage[r] = r < x->nrp ? x->rowpage[r] : s->page;
    x->nrp = 0;
    x->def = NULL;
    x->have_cols = false;
}

/* A new sheet NAME for the table DEF (or a table of the 说明, titled TITLE). */
static void open_sheet(Ctx *x, const TableDef *def, const char *name, const char *title, int page)
{
    close_table(x);
    BSheet *s = book_add_sheet(x->b, name);
    s->page = page;
    x->def = def;
    x->title = title;
    x->open = true;
    x->row = 0;
    put(x, x->row++, 0, title);
}

static void open_table(Ctx *x, const TableDef *def, int page)
{
    open_sheet(x, def, def->title, def->title, page);
}

/* The line's words in segments apart by more than 1.5 characters: the
 * cells of a 编制单位 … 单位：万元 line. */
static void meta_row(Ctx *x, const PLine *l)
{
    int c = 0;
    for (int i = 0; i < l->n;) {
        int j = i + 1;
        while (j < l->n && l->w[j].x1 - l->w[j - 1].x2 < 1.5 * l->h)
            j++;
        put(x, x->row, c++, pdf_join(&x->a, l->w + i, j - i, true));
        i = j;
    }
    x->row++;
}

static int col_of(const Cols *c, const PWord *w)
{
    double m = (w->x1 + w->x2) / 2;
    int k = 0;
    while (k < c->n - 1 && m > c->bound[k])
        k++;
    return k;
}

/* ---- the head and the columns ------------------------------------------------------ */

static bool overlaps(const PWord *a, const PWord *b)
{
    return a->x1 < b->x2 && b->x1 < a->x2;
}

/* Whether W (on line I of the head H) stands over two titles of one line
 * below, or is a title the definition prints over others (功能分类科目,
 * 本年收入, 收入 and 支出 over the sides). */
static const TableDef *span_def;
static bool spanning(const PLine *h, int nh, int i, const PWord *w)
{
    const TableDef *d = span_def;
    if (d && ((d->layout.head && strcmp(w->text, d->layout.head) == 0) ||
              (d->layout.group && strcmp(w->text, d->layout.group) == 0)))
        return true;
    for (int k = 0; d && k < d->nsides; k++)
        if (d->sides[k].title && strcmp(w->text, d->sides[k].title) == 0)
            return true;
    for (int j = i + 1; j < nh; j++) {
        int under = 0;
        for (int k = 0; k < h[j].n; k++) {
            double m = (h[j].w[k].x1 + h[j].w[k].x2) / 2;
            under += m > w->x1 && m < w->x2;
        }
        if (under >= 2)
            return true;
    }
    return false;
}

static int by_mid(const void *a, const void *b)
{
    const PWord *x = a, *y = b;
    double m = x->x1 + x->x2, n = y->x1 + y->x2;
    return m < n ? -1 : m > n;
}

/* The columns of a table from its head H (NH lines) and its rows B (NB
 * lines); -1 with a message when two columns cannot be told apart. */
static int columns(Ctx *x, const PLine *h, int nh, const PLine *b, int nb, int page, Cols *c)
{
    memset(c, 0, sizeof *c);
    span_def = x->def;
    PWord leaf[MAXC * 4];
    int nl = 0;
    int numbers = -1;
    for (int i = 0; i < nh; i++)
        if (column_numbers(x, &h[i]))
            numbers = i;
    if (numbers >= 0) {
        for (int k = 0; k < h[numbers].n && nl < MAXC; k++)
            leaf[nl++] = h[numbers].w[k];
    } else {
        for (int i = 0; i < nh; i++)
            for (int k = 0; k < h[i].n; k++)
                if (!spanning(h, nh, i, &h[i].w[k]) && nl < MAXC * 4)
                    leaf[nl++] = h[i].w[k];
        /* titles wrapped over lines (财政拨款收 / 入) are one column */
        qsort(leaf, (size_t)nl, sizeof *leaf, by_mid);
        int m = 0;
        for (int i = 0; i < nl; i++) {
            if (m > 0 && overlaps(&leaf[m - 1], &leaf[i])) {
                leaf[m - 1].x1 = fmin(leaf[m - 1].x1, leaf[i].x1);
                leaf[m - 1].x2 = fmax(leaf[m - 1].x2, leaf[i].x2);
                continue;
            }
            leaf[m++] = leaf[i];
        }
        nl = m < MAXC ? m : MAXC;
    }
    qsort(leaf, (size_t)nl, sizeof *leaf, by_mid);
    c->n = nl;
    if (nl < 2) {
        snprintf(x->err, x->errn, "%s: page %d: the table %s has no head with its columns' titles",
                 x->d->path, page, x->title);
        return -1;
    }
    for (int i = 0; i < nl; i++)
        c->mid[i] = (leaf[i].x1 + leaf[i].x2) / 2;
    /* how many words of the rows (and titles of the head) cover each half point */
    double lo = c->mid[0], hi = c->mid[nl - 1];
    int nbin = (int)((hi - lo) * 2) + 2;
    if (nbin > 200000)
        nbin = 200000;
    int *cover = calloc((size_t)nbin, sizeof *cover);
    if (!cover)
        abort();
    for (int i = 0; i < nb + nh; i++) {
        const PLine *l = i < nb ? &b[i] : &h[i - nb];
        if (i >= nb && (numbers < 0 ? false : i - nb >= numbers))
            continue;
        for (int k = 0; k < l->n; k++) {
            if (i >= nb && spanning(h, nh, i - nb, &l->w[k]))
                continue;
            /* a row's figure against the next cell's text: apart (pdf_cut.c) */
            PWord part[8];
            int np = i < nb ? pdf_cut(&x->a, &l->w[k], NULL, 0, part, 8) : 1;
            if (i >= nb)
                part[0] = l->w[k];
            for (int q = 0; q < np; q++) {
                int a0 = (int)((part[q].x1 - lo) * 2), a1 = (int)((part[q].x2 - lo) * 2);
                for (int p = a0 < 0 ? 0 : a0; p <= a1 && p < nbin; p++)
                    cover[p]++;
            }
        }
    }
    for (int i = 0; i + 1 < nl; i++) {
        int a0 = (int)((c->mid[i] - lo) * 2) + 1, a1 = (int)((c->mid[i + 1] - lo) * 2);
        int best = -1, run0 = -1, bestlen = 0, min = 1 << 30;
        for (int p = a0; p < a1 && p < nbin; p++)
            min = cover[p] < min ? cover[p] : min;
        for (int p = a0; p <= a1 && p < nbin; p++) {
            bool at = p < a1 && cover[p] == min;
            if (at && run0 < 0)
                run0 = p;
            if (!at && run0 >= 0) {
                if (p - run0 > bestlen) {
                    bestlen = p - run0;
                    best = (run0 + p - 1) / 2;
                }
                run0 = -1;
            }
        }
        int allowed = nb / 4 > 1 ? nb / 4 : 1;
        if (best < 0 || min > allowed) {
            free(cover);
            snprintf(x->err, x->errn, "%s: page %d: the columns of the table %s cannot be told "
                     "apart (every row's words run across the columns %d and %d)",
                     x->d->path, page, x->title, i + 1, i + 2);
            return -1;
        }
        c->bound[i] = lo + best / 2.0 + 0.25;
    }
    free(cover);
    /* the titles of the columns: every title of the head under none other's span */
    for (int i = 0; i < nh; i++) {
        if (numbers >= 0 && i >= numbers)
            break;
        for (int k = 0; k < h[i].n; k++) {
            if (spanning(h, nh, i, &h[i].w[k]))
                continue;
            int col = col_of(c, &h[i].w[k]);
            const char *t = h[i].w[k].text;
            size_t n0 = c->head[col] ? strlen(c->head[col]) : 0;
            char *s = arena_alloc(&x->a, n0 + strlen(t) + 1);
            memcpy(s, c->head[col] ? c->head[col] : "", n0);
            strcpy(s + n0, t);
            c->head[col] = s;
        }
    }
    c->serial = c->head[0] && strncmp(c->head[0], "序", 3) == 0;
    if (numbers >= 0 && strncmp(h[numbers].w[0].text, vocab_label(x->v, "column_numbers"), 3) == 0 &&
        col_of(c, &h[numbers].w[0]) == 0)
        c->serial = true;
    return 0;
}

/* Writes the head of the table: the spanning titles, the columns' titles,
 * the 栏次 line. */
static void head_rows(Ctx *x, const PLine *h, int nh)
{
    bool any = false;
    for (int i = 0; i < nh; i++)
        for (int k = 0; k < h[i].n; k++)
            if (!column_numbers(x, &h[i]) && spanning(h, nh, i, &h[i].w[k])) {
                put(x, x->row, col_of(&x->cols, &h[i].w[k]), h[i].w[k].text);
                any = true;
            }
    x->row += any;
    for (int c = 0; c < x->cols.n; c++)
        put(x, x->row, c, x->cols.head[c]);
    x->row++;
    for (int i = 0; i < nh; i++)
        if (column_numbers(x, &h[i])) {
            for (int k = 0; k < h[i].n; k++) /* 栏 over 次 is 栏次 */
                put(x, x->row, col_of(&x->cols, &h[i].w[k]),
                    k == 0 ? vocab_label(x->v, "column_numbers") : h[i].w[k].text);
            x->row++;
        }
}

/* The row line L into the table: a new row, or the rest of the row above. */
static void body_row(Ctx *x, const PLine *l)
{
    const char *cell[MAXC] = {0};
    bool number = false, code = false;
    for (int k = 0; k < l->n; k++) {
        /* a word over two cells (a figure against the next cell's text) cut */
        PWord part[8];
        int np = pdf_cut(&x->a, &l->w[k], x->cols.bound, x->cols.n - 1, part, 8);
        for (int q = 0; q < np; q++) {
            const PWord *w = &part[q];
            int c = col_of(&x->cols, w);
            number |= figure(w->text, true);
            code |= text_all_digits(w->text);
            if (cell[c]) {
                PWord two[2] = {{.text = cell[c]}, {.text = w->text}};
                cell[c] = pdf_join(&x->a, two, 2, false);
            } else {
                cell[c] = w->text;
            }
        }
    }
    /* without a 序号 column, a wrapped name fills fewer cells than its row */
    int filled = 0, above = 0;
    for (int c = 0; c < x->cols.n; c++) {
        filled += cell[c] != NULL;
        above += x->cell[c] != NULL;
    }
    bool more = x->pending && !number &&
                (x->cols.serial ? !cell[0]
                                : !code && !starts_ordinal(l->w[0].text) && 2 * filled <= above);
    if (more) {
        for (int c = 0; c < x->cols.n; c++)
            if (cell[c]) {
                PWord two[2] = {{.text = x->cell[c] ? x->cell[c] : ""}, {.text = cell[c]}};
                x->cell[c] = pdf_join(&x->a, two, 2, false);
            }
        return;
    }
    flush_row(x);
    memcpy(x->cell, cell, sizeof cell);
    x->pending = true;
}

/* ---- the pages -------------------------------------------------------------------- */

/* Whether line I of page P is a title: a table's, with its head in the lines after. */
static const TableDef *title_at(Ctx *x, const PPage *p, int i, bool *cont)
{
    const TableDef *t = title_of(x, &p->lines[i], cont);
    if (!t)
        return NULL;
    for (int j = i + 1; j < p->n && j <= i + 5; j++) {
        for (int k = 0; k < p->lines[j].n; k++)
            if (is_head_word(x, p->lines[j].w[k].text))
                return t;
        if (column_numbers(x, &p->lines[j]))
            return t;
    }
    return NULL;
}

/* The head from line I of page P: its lines [I, *END). */
static int head_end(Ctx *x, const PPage *p, int i)
{
    int j = i, last = -1;
    for (; j < p->n; j++) {
        const PLine *l = &p->lines[j];
        if (body_start(l) || note_line(x, l))
            break;
        bool title = false;
        for (int k = 0; k < l->n; k++)
            title |= is_head_word(x, l->w[k].text);
        for (int k = 0; x->def && k < x->def->ncols && !title; k++)
            for (int w = 0; w < l->n; w++)
                title |= strcmp(l->w[w].text, x->def->cols[k].title) == 0;
        if (column_numbers(x, l)) {
            last = j;
            /* 栏 over 次: the next line's lone word under it */
            if (j + 1 < p->n && p->lines[j + 1].n == 1 && !body_start(&p->lines[j + 1]) &&
                !note_line(x, &p->lines[j + 1]))
                last = j + 1;
            break;
        }
        if (title || last < 0 || j == last + 1) {
            /* a line of titles, or titles wrapped from the line above (each
             * word under a wider one of it) */
            bool wrapped = last >= 0 && !title;
            for (int k = 0; wrapped && k < l->n; k++) {
                bool under = false;
                for (int m = 0; m < p->lines[j - 1].n; m++)
                    under |= overlaps(&l->w[k], &p->lines[j - 1].w[m]) &&
                             l->w[k].x2 - l->w[k].x1 <= p->lines[j - 1].w[m].x2 - p->lines[j - 1].w[m].x1 + 1;
                wrapped = under;
            }
            if (title || wrapped || last < 0) {
                last = j;
                continue;
            }
        }
        break;
    }
    return last + 1 > i ? last + 1 : i;
}

/* The rows of the table from line I of page P: [I, return) */
static int rows_end(Ctx *x, const PPage *p, int i, double width)
{
    for (int j = i; j < p->n; j++) {
        const PLine *l = &p->lines[j];
        bool cont;
        if (x->used[p->no - 1][j])
            continue;
        if (note_line(x, l) || title_at(x, p, j, &cont))
            return j;
        for (int k = 0; k < l->n; k++)
            if (l->w[k].x2 - l->w[k].x1 > 0.6 * width)
                return j;
    }
    return p->n;
}

static int read_rows(Ctx *x, const PPage *p, int i, int end)
{
    for (int j = i; j < end; j++)
        if (!x->used[p->no - 1][j]) {
            body_row(x, &p->lines[j]);
            x->used[p->no - 1][j] = true;
        }
    return end;
}

/* The table's head at line I of page P and its rows after: the index of
 * the first line after them, or -1 after an error. */
static int table_body(Ctx *x, const PPage *p, int i)
{
    int he = head_end(x, p, i);
    int nb0 = he;
    Cols c;
    double width = 1e9;
    if (he > i) {
        /* a first guess of the rows for the columns */
        int end = rows_end(x, p, nb0, 1e9);
        if (columns(x, &p->lines[i], he - i, &p->lines[nb0], end - nb0, p->no, &c) < 0)
            return -1;
        width = c.mid[c.n - 1] - c.mid[0];
        int end2 = rows_end(x, p, nb0, width);
        if (end2 != end && columns(x, &p->lines[i], he - i, &p->lines[nb0], end2 - nb0, p->no, &c) < 0)
            return -1;
        x->cols = c;
        x->have_cols = true;
        flush_row(x);
        head_rows(x, &p->lines[i], he - i);
        for (int j = i; j < he; j++)
            x->used[p->no - 1][j] = true;
    } else if (!x->have_cols) {
        snprintf(x->err, x->errn, "%s: page %d: the table %s has no head with its columns' titles",
                 x->d->path, p->no, x->title);
        return -1;
    } else {
        width = x->cols.mid[x->cols.n - 1] - x->cols.mid[0];
    }
    int end = rows_end(x, p, he, width);
    read_rows(x, p, he, end);
    if (end < p->n && note_line(x, &p->lines[end])) {
        flush_row(x);
        put(x, x->row++, 0, p->lines[end].text);
        x->used[p->no - 1][end] = true;
        close_table(x);
        return end + 1;
    }
    if (end < p->n)
        close_table(x);
    return end;
}

/* The first line of page P from line I on that is not used yet. */
static int first_free_from(Ctx *x, const PPage *p, int i)
{
    while (i < p->n && x->used[p->no - 1][i])
        i++;
    return i;
}

/* A table printed in the 说明 under its caption at line I of page P: the
 * 机构设置 (the insert of the units, 部门机构设置情况: its head has 单位名称)
 * or the 国有资产 (the insert of the assets: 项目, under the line of 截止时间),
 * a sheet named by the insert's word (机构设置表, 国有资产表), which
 * import_facts.c reads the units' 性质, 规格 and 经费保障形式 from, and
 * import_text.c the assets.  Its rows are the lines of its head's size,
 * and a note under them (注：本年度拟购置固定资产总额…).  The line after
 * it, or I when it is not there. */
static int insert_table(Ctx *x, const PPage *p, int i)
{
    static const unsigned tags[] = {TAG_UNITS, TAG_ASSETS};
    static const char *const heads[] = {"unit_name", "item"};
    int w = -1, which = -1;
    for (int k = 0; k < 2 && w < 0; k++) {
        int t = vocab_tagged(x->v, DIM_INSERT, tags[k]);
        if (t >= 0 && strcmp(p->lines[i].text, x->v->dim[DIM_INSERT].words[t].title) == 0) {
            w = t;
            which = k;
        }
    }
    if (w < 0)
        return i;
    int j = i + 1;
    while (j < p->n && pdf_meta_line(x->v, &p->lines[j]))
        j++;
    if (j + 1 >= p->n)
        return i;
    const PLine *h = &p->lines[j];
    const char *name = vocab_label(x->v, heads[which]);
    bool head = false;
    for (int k = 0; k < h->n; k++)
        head |= *name && strcmp(h->w[k].text, name) == 0;
    if (!head)
        return i;
    int end = j + 1;
    while (end < p->n && fabs(p->lines[end].h - h->h) < 0.5 && !x->used[p->no - 1][end] &&
           !note_line(x, &p->lines[end]))
        end++;
    Cols c;
    const Word *iw = &x->v->dim[DIM_INSERT].words[w];
    open_sheet(x, NULL, iw->name, iw->title, p->no);
    if (columns(x, h, 1, &p->lines[j + 1], end - (j + 1), p->no, &c) < 0) {
        close_table(x);
        x->b->nsheets--; /* not a table after all: left to the text */
        book_free_sheet(&x->b->sheets[x->b->nsheets]);
        return i;
    }
    for (int k = i + 1; k < j; k++)
        meta_row(x, &p->lines[k]);
    x->cols = c;
    x->have_cols = true;
    head_rows(x, h, 1);
    read_rows(x, p, j + 1, end);
    for (int k = i + 1; k < end; k++)
        x->used[p->no - 1][k] = true;
    int first_end = end;
    /* continued on the next page when this one ends with its rows and the
     * next starts with the same head again (the 国有资产 of a 决算, with the
     * vehicles by use, fills more than a page) */
    const PPage *q = p;
    while (end >= q->n || first_free_from(x, q, end) >= q->n) {
        if (q->no >= x->d->n)
            break;
        const PPage *nx = &x->d->pages[q->no];
        int k = first_free_from(x, nx, 0);
        if (k + 1 >= nx->n || strcmp(nx->lines[k].text, h->text) != 0)
            break;
        x->used[nx->no - 1][k] = true;
        int e = k + 1;
        while (e < nx->n && fabs(nx->lines[e].h - h->h) < 0.5 && !x->used[nx->no - 1][e] &&
               !note_line(x, &nx->lines[e]))
            e++;
        read_rows(x, nx, k + 1, e);
        q = nx;
        end = e;
    }
    /* its note: not larger than the lines of 编制单位 and 单位 over it (a
     * table set smaller than the text may keep its note at their size) */
    double note_h = h->h;
    for (int k = i + 1; k < j; k++)
        note_h = fmax(note_h, p->lines[k].h);
    if (end < q->n && note_line(x, &q->lines[end]) && q->lines[end].h < note_h + 0.5) {
        flush_row(x);
        put(x, x->row++, 0, q->lines[end].text);
        x->used[q->no - 1][end] = true;
        end++;
    }
    close_table(x);
    return q == p ? end : first_end;
}

static int first_free(Ctx *x, const PPage *p)
{
    return first_free_from(x, p, 0);
}

int pdf_tables(const PDoc *d, Book *b, const Defs *defs, bool **used, char *err, size_t errn)
{
    Ctx x = {.d = d, .defs = defs, .v = &defs->vocab, .b = b, .used = used, .err = err, .errn = errn};
    arena_init(&x.a);
    x.running = pdf_furniture(d, used, &x.a);
    int st = 0;
    for (int pi = 0; pi < d->n && st == 0; pi++) {
        const PPage *p = &d->pages[pi];
        x.page = p->no;
        int i = first_free(&x, p);
        if (x.def && i < p->n) { /* a table open at the foot of the last page */
            bool cont;
            const TableDef *t = title_at(&x, p, i, &cont);
            const PLine *l = &p->lines[i];
            bool head = false;
            for (int k = 0; k < l->n; k++)
                head |= is_head_word(&x, l->w[k].text);
            if (t == x.def) {
                used[pi][i] = true;
                i++;
                while (i < p->n && pdf_meta_line(x.v, &p->lines[i]))
                    used[pi][i++] = true;
                head = true;
            }
            if (head || (!t && x.have_cols && body_start(l))) {
                if (head) { /* the head again: dropped, its columns read */
                    int he = head_end(&x, p, i), save = x.row;
                    Cols keep = x.cols;
                    int end = rows_end(&x, p, he, 1e9);
                    if (columns(&x, &p->lines[i], he - i, &p->lines[he], end - he, p->no, &x.cols) < 0) {
                        st = -1;
                        break;
                    }
                    /* the same head as on the page before: its columns, found
                     * from more rows than this page may have */
                    bool same = keep.n == x.cols.n;
                    for (int k = 0; same && k < keep.n; k++)
                        same = fabs(keep.mid[k] - x.cols.mid[k]) < 3;
                    if (same)
                        x.cols = keep;
                    x.row = save;
                    for (int j = i; j < he; j++)
                        used[pi][j] = true;
                    i = he;
                }
                double width = x.cols.mid[x.cols.n - 1] - x.cols.mid[0];
                int end = rows_end(&x, p, i, width);
                read_rows(&x, p, i, end);
                i = end;
                if (end < p->n && note_line(&x, &p->lines[end])) {
                    flush_row(&x);
                    put(&x, x.row++, 0, p->lines[end].text);
                    used[pi][end] = true;
                    i++;
                    close_table(&x);
                } else if (end < p->n) {
                    close_table(&x);
                }
            } else {
                close_table(&x);
            }
        }
        for (; i < p->n && st == 0; i++) {
            if (used[pi][i])
                continue;
            bool cont;
            const TableDef *t = title_at(&x, p, i, &cont);
            if (!t && !x.open) {
                int end = insert_table(&x, p, i);
                if (end > i)
                    i = end - 1;
                continue;
            }
            if (!t)
                continue;
            if (cont && x.def == t) {
                /* 续 right after its table */
            } else {
                open_table(&x, t, p->no);
            }
            used[pi][i] = true;
            int j = i + 1;
            while (j < p->n && pdf_meta_line(x.v, &p->lines[j])) {
                meta_row(&x, &p->lines[j]);
                used[pi][j++] = true;
            }
            int next = table_body(&x, p, j);
            if (next < 0) {
                st = -1;
                break;
            }
            i = next - 1;
        }
    }
    if (st == 0)
        close_table(&x);
    else if (x.open) {
        BSheet *s = &b->sheets[b->nsheets - 1];
        book_finish_sheet(&x.sb, s);
    }
    free(x.rowpage);
    arena_free(&x.a);
    return st;
}
