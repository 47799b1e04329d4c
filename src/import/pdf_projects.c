/*
 * pdf_projects.c — the 绩效目标表 of a PDF (pdf_impl.h): one table a
 * project, as budc's PDF prints it (emit/latex_extra.c) and as published
 * ones do: a title (1、文化惠民演出绩效目标表), the rows 项目名称, 预算单位,
 * 预算资金（万元） and 绩效目标, each a label and its text (wrapped over
 * lines), the column titles 一级指标 … 指标值确定依据, then the indicator
 * rows.  A row starts at a line with words under 三级指标, 绩效指标描述 and
 * 指标值 at once; a line with words under fewer columns continues the
 * cells it has words in (a wrapped name).  一级 and 二级 printed once over
 * the rows sharing them (merged cells) are carried down.  A table goes on
 * over a page break after the title with （续） and the column titles
 * printed again.
 *
 * The 政府采购 table (部门政府采购预算) is read too: a purchase line starts
 * at a line with a 目录代码 (C06990000), the lines below it without one
 * continue its cells; 合计 and each unit's 小计 are left out.
 *
 * The projects become the sheets of a workbook's (emit/xlsx_extra.c):
 * 项目绩效目标表, 绩效指标 and 政府采购表, which import_projects.c writes as
 * `project` blocks.  Every label and title is a word of the vocabulary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import_impl.h"
#include "import/pdf_impl.h"

enum { PJ_COLS = 6, PU_COLS = 12 };

/* The columns of the 政府采购表 sheet, as the workbook has them. */
static const char *const pu_keys[PU_COLS] = {
    "serial",       "project_name",  "project_amount", "item_name",   "catalog_code", "measure_head",
    "quantity_head", "price_head",   "amount_head",    "source_head", "method_head",  "sme_share"};

typedef struct Sheet {
    BSheetBuilder sb;
    int rows;
    int *page;
    int cap;
} Sheet;

typedef struct PCtx {
    const PDoc *d;
    Book *b;
    const Vocab *v;
    bool **used;
    Arena a;
    char *err;
    size_t errn;
    Sheet proj, ind, pur;
    int nproj, npur;
    /* the indicator table being read */
    double mid[PU_COLS - 1]; /* the boundaries between the columns */
    double left[PU_COLS];    /* their left edges (left_edges) */
    double centre[PU_COLS];  /* the centres of their titles */
    double h;                /* the height of its characters */
    int pcol[PU_COLS], npcol; /* the procurement table's: the sheet column of each */
    const char *cell[PJ_COLS];
    const char *pcell[PU_COLS]; /* a purchase line's */
    bool open;               /* a row is being read */
    int rowpage;
    const char *l1, *l2;     /* carried down */
    const char *name;        /* the project's */
} PCtx;

static const char *label(const PCtx *x, const char *key)
{
    return vocab_label(x->v, key);
}

static void put(PCtx *x, Sheet *s, int c, const char *text, int page)
{
    if (text && *text)
        book_put(&s->sb, s->rows, c, BC_TEXT, text, strlen(text));
    if (s->rows >= s->cap) {
        s->cap = s->cap ? 2 * s->cap : 64;
        s->page = xrealloc(s->page, (size_t)s->cap * sizeof *s->page);
    }
    s->page[s->rows] = page;
    (void)x;
}

/* A sheet named NAME of the rows of S, added to the book. */
static void add_sheet(PCtx *x, Sheet *s, const char *name)
{
    BSheet *o = book_add_sheet(x->b, name);
    book_finish_sheet(&s->sb, o);
    o->page = s->rows > 1 ? s->page[1] : 1;
    o->rowpage = xmalloc((size_t)(o->nrows + 1) * sizeof *o->rowpage);
    for (int r = 0; r < o->nrows; r++)
        o->rowpage[r] = r < s->rows ? s->page[r] : o->page;
}

/* The cells of a sheet not added to the book. */
static void free_builder(BSheetBuilder *sb)
{
    BSheet tmp = {0};
    book_finish_sheet(sb, &tmp);
    book_free_sheet(&tmp);
}

static void head_row(PCtx *x, Sheet *s, const char *const *keys, int n)
{
    for (int c = 0; c < n; c++)
        put(x, s, c, label(x, keys[c]), 0);
    s->rows++;
}

/* TEXT appended to *CELL, a space only between two ASCII letters or digits
 * (as pdf_join joins the words of a line). */
static void append(PCtx *x, const char **cell, const char *text)
{
    const char *old = *cell ? *cell : "";
    size_t n = strlen(old), k = strlen(text);
    char *s = arena_alloc(&x->a, n + k + 2), *p = s;
    memcpy(p, old, n);
    p += n;
#define ALNUM(ch) (((ch) >= '0' && (ch) <= '9') || ((ch) >= 'A' && (ch) <= 'Z') || ((ch) >= 'a' && (ch) <= 'z'))
    if (n && k && ALNUM((unsigned char)old[n - 1]) && ALNUM((unsigned char)text[0]))
        *p++ = ' ';
#undef ALNUM
    memcpy(p, text, k + 1);
    *cell = s;
}

static bool ends_with(PCtx *x, const char *s, const char *t)
{
    return pdf_ends_with(pdf_norm(&x->a, s), pdf_norm(&x->a, t));
}

/* Whether line L is a project's title (its 绩效目标表), continued or not. */
static bool title_line(PCtx *x, const PLine *l, bool *cont)
{
    char cont_title[256];
    snprintf(cont_title, sizeof cont_title, "%s%s", label(x, "goal_table"), label(x, "continued"));
    *cont = ends_with(x, l->text, cont_title);
    return *cont || ends_with(x, l->text, label(x, "goal_table"));
}

/* The label key line L starts with (project_name, budget_unit,
 * project_amount, goal_head), or NULL. */
static const char *label_line(PCtx *x, const PLine *l)
{
    static const char *const keys[] = {"project_name", "budget_unit", "project_amount", "goal_head"};
    if (l->n < 1)
        return NULL;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        const char *w = label(x, keys[k]);
        if (strncmp(l->w[0].text, w, strlen(w)) == 0)
            return keys[k];
    }
    return NULL;
}

/* Whether line L is the column titles; their boundaries into x->mid. */
static bool head_line(PCtx *x, const PLine *l)
{
    static const char *const keys[PJ_COLS] = {"level1",         "level2",          "level3",
                                              "indicator_desc", "indicator_value", "indicator_basis"};
    double centre[PJ_COLS];
    int found = 0;
    for (int c = 0; c < PJ_COLS; c++)
        for (int i = 0; i < l->n; i++)
            if (strcmp(l->w[i].text, label(x, keys[c])) == 0) {
                centre[c] = (l->w[i].x1 + l->w[i].x2) / 2;
                found++;
                break;
            }
    if (found != PJ_COLS)
        return false;
    for (int c = 0; c + 1 < PJ_COLS; c++)
        x->mid[c] = (centre[c] + centre[c + 1]) / 2;
    memcpy(x->centre, centre, sizeof centre);
    x->h = l->h;
    return true;
}

/* The lines of a table, in order; a page break (J -1) between them. */
typedef struct LRef {
    int q, j;
} LRef;

typedef struct Lines {
    LRef *l;
    int n, cap;
} Lines;

static void add_line(PCtx *x, Lines *ls, int q, int j)
{
    LRef *r = ARENA_PUSH(&x->a, ls->l, ls->n, ls->cap);
    r->q = q;
    r->j = j;
}

/* The column of word W among N by its centre and the boundaries x->mid. */
static int centre_col(const PCtx *x, const PWord *w, int n)
{
    double m = (w->x1 + w->x2) / 2;
    int c = 0;
    while (c < n - 1 && m > x->mid[c])
        c++;
    return c;
}

/* The left edge of each column of the table's lines LS: the leftmost start
 * of its words at least 15 points wide and over no other column's title
 * (a narrow word, "1" at the start of a wrapped line, may have its centre
 * left of the middle between two columns' titles). */
static void left_edges(PCtx *x, const Lines *ls, int n)
{
    for (int c = 0; c < n; c++)
        x->left[c] = 1e9;
    for (int i = 0; i < ls->n; i++) {
        if (ls->l[i].j < 0)
            continue;
        const PLine *l = &x->d->pages[ls->l[i].q].lines[ls->l[i].j];
        for (int k = 0; k < l->n; k++) {
            const PWord *w = &l->w[k];
            int c = centre_col(x, w, n);
            bool spans = false; /* over another column's title: 某单位小计 */
            for (int o = 0; o < n; o++)
                spans |= o != c && w->x1 < x->centre[o] && x->centre[o] < w->x2;
            if (!spans && w->x2 - w->x1 >= 15 && w->x1 < x->left[c])
                x->left[c] = w->x1;
        }
    }
}

/* The column of word W: by its centre, or a later one whose left edge it
 * starts at or beyond. */
static int col_of(const PCtx *x, const PWord *w, int n)
{
    int c = centre_col(x, w, n);
    for (int k = n - 1; k > c; k--)
        if (x->left[k] < 1e8 && w->x1 >= x->left[k] - 1)
            return k;
    return c;
}

static void flush(PCtx *x)
{
    if (!x->open)
        return;
    x->open = false;
    if (x->cell[0])
        x->l1 = x->cell[0];
    if (x->cell[1])
        x->l2 = x->cell[1];
    Sheet *s = &x->ind;
    char no[16];
    snprintf(no, sizeof no, "%d", s->rows);
    const char *cells[] = {no, x->name, x->l1, x->l2, x->cell[2], x->cell[3], x->cell[4], x->cell[5]};
    for (int c = 0; c < 8; c++)
        put(x, s, c, cells[c], x->rowpage);
    s->rows++;
}

/* A line of the indicator rows. */
static void body_line(PCtx *x, const PLine *l, int page)
{
    const char *part[PJ_COLS] = {0};
    for (int i = 0; i < l->n; i++)
        append(x, &part[col_of(x, &l->w[i], PJ_COLS)], l->w[i].text);
    if (!x->open || (part[2] && part[3] && part[4])) {
        flush(x);
        memset(x->cell, 0, sizeof x->cell);
        x->open = true;
        x->rowpage = page;
    }
    for (int c = 0; c < PJ_COLS; c++)
        if (part[c])
            append(x, &x->cell[c], part[c]);
}

/* The line after line *I of page *P not used by another reader, over a page
 * break; false at the end of the document. */
static bool next_line(PCtx *x, int *p, int *i)
{
    for (;;) {
        if (++*i >= x->d->pages[*p].n) {
            if (++*p >= x->d->n)
                return false;
            *i = -1;
            continue;
        }
        if (!x->used[*p][*i])
            return true;
    }
}

/* How a table goes on over page breaks: on each new page, under its title
 * with （续） (CONT) and its column titles again (HEAD, which sets the
 * columns' boundaries); ENDS, if not NULL, ends it at a line of the same
 * page. */
typedef struct TableOn {
    bool (*cont)(PCtx *x, const PLine *l);
    bool (*head)(PCtx *x, const PLine *l);
    bool (*ends)(PCtx *x, const PLine *l);
} TableOn;

/* The lines of the table whose column titles are line J of page P, each
 * marked used, up to a line of another height than the titles' (or one
 * that ends it), with a page break (j -1) where it went on over one: a row
 * does not break over pages. */
static Lines table_lines(PCtx *x, int p, int j, const TableOn *on)
{
    Lines ls = {0};
    int q = p;
    while (next_line(x, &q, &j)) {
        const PLine *l = &x->d->pages[q].lines[j];
        if (q != p) {
            int q2 = q, j2 = j;
            if (!on->cont(x, l) || !next_line(x, &q2, &j2) || q2 != q ||
                !on->head(x, &x->d->pages[q2].lines[j2]))
                break;
            x->used[q][j] = x->used[q2][j2] = true;
            p = q;
            j = j2;
            add_line(x, &ls, q, -1);
            continue;
        }
        if (l->h < x->h - 0.5 || l->h > x->h + 0.5 || (on->ends && on->ends(x, l)))
            break;
        x->used[q][j] = true;
        add_line(x, &ls, q, j);
    }
    return ls;
}

/* A project's indicator table: continued under its title with （续）, ended
 * by another project's title or a labelled row. */
static bool pj_cont(PCtx *x, const PLine *l)
{
    bool cont;
    return title_line(x, l, &cont) && cont;
}

static bool pj_ends(PCtx *x, const PLine *l)
{
    bool cont;
    return title_line(x, l, &cont) || label_line(x, l);
}

/* The table of the project whose title is line I of page P: its rows into
 * the sheets, its lines marked used.  0, or -1 after an error. */
static int project(PCtx *x, int p, int i)
{
    const PPage *pg = &x->d->pages[p];
    const char *name = NULL, *unit = "", *amount = "", *goal = "", *money = "";
    const char **field = NULL;
    double value_x = 0;
    int q = p, j = i, page = pg->no;
    /* the labelled rows down to the column titles */
    bool head = false;
    while (next_line(x, &q, &j) && q == p) {
        const PLine *l = &x->d->pages[q].lines[j];
        if (head_line(x, l)) {
            x->used[q][j] = true;
            head = true;
            break;
        }
        const char *key = label_line(x, l);
        if (!key && !name)
            return 0; /* a line of text that ends so, not a table's title */
        if (key) {
            /* the label, then its text */
            const char *t = pdf_join(&x->a, l->w + 1, l->n - 1, false);
            value_x = l->n > 1 ? l->w[1].x1 : 0;
            if (strcmp(key, "project_name") == 0)
                name = t, field = &name;
            else if (strcmp(key, "budget_unit") == 0)
                unit = t, field = &unit;
            else if (strcmp(key, "goal_head") == 0)
                goal = t, field = &goal;
            else {
                amount = t, field = NULL;
                /* 预算资金（万元）: the money its amount is in */
                const char *open = strstr(l->w[0].text, "\xEF\xBC\x88"), *close = open ? strstr(open, "\xEF\xBC\x89") : NULL;
                if (open && close)
                    money = arena_strndup(&x->a, open + 3, (size_t)(close - open - 3));
            }
        } else if (field && l->n && l->w[0].x1 >= value_x - 1) {
            append(x, field, l->text); /* a wrapped text */
        } else {
            break;
        }
        x->used[q][j] = true;
    }
    if (!name || !head) {
        snprintf(x->err, x->errn,
                 "%s: page %d: the %s '%s' has no %s row or no column titles (%s … %s)",
                 x->d->path, page, label(x, "goal_table"), x->d->pages[p].lines[i].text,
                 label(x, "project_name"), label(x, "level1"), label(x, "indicator_basis"));
        return -1;
    }
    x->used[p][i] = true;
    /* the project */
    Sheet *s = &x->proj;
    char no[16], m[64];
    snprintf(no, sizeof no, "%d", ++x->nproj);
    const char *cells[] = {no, name, unit, "", amount, goal};
    for (int c = 0; c < 6; c++)
        put(x, s, c, cells[c], page);
    s->rows++;
    if (*money && s->rows == 2) { /* its money, where a workbook says 单位：万元 */
        snprintf(m, sizeof m, "%s%s", label(x, "money_label"), money);
        book_put(&s->sb, 0, 6, BC_TEXT, m, strlen(m));
    }
    /* its indicators, over page breaks */
    x->name = name;
    x->l1 = x->l2 = "";
    x->open = false;
    static const TableOn indicators = {pj_cont, head_line, pj_ends};
    Lines ls = table_lines(x, q, j, &indicators);
    left_edges(x, &ls, PJ_COLS);
    for (int k = 0; k < ls.n; k++)
        if (ls.l[k].j < 0)
            flush(x);
        else
            body_line(x, &x->d->pages[ls.l[k].q].lines[ls.l[k].j], x->d->pages[ls.l[k].q].no);
    flush(x);
    return 0;
}

/* ---- 政府采购 --------------------------------------------------------------------- */

/* Whether T is a 目录代码: a capital letter and eight digits or more. */
static bool pcode(const char *t)
{
    if (!(*t >= 'A' && *t <= 'Z'))
        return false;
    size_t n = strspn(t + 1, "0123456789");
    return n >= 8 && !t[1 + n];
}

/* The column of the sheet head word T names: its label, or the one label
 * it starts (计量 of 计量单位, 数 of 数量: a title wrapped in its column);
 * -1 if none. */
static int pu_key(const PCtx *x, const char *t)
{
    int found = -1, n = 0;
    for (int k = 1; k < PU_COLS; k++) {
        const char *l = label(x, pu_keys[k]);
        if (strcmp(l, t) == 0)
            return k;
        if (*t && strncmp(l, t, strlen(t)) == 0) {
            found = k;
            n++;
        }
    }
    return n == 1 ? found : -1;
}

/* Whether L is the head of the procurement table: then the sheet column of
 * each of its words into x->pcol, their boundaries into x->mid (a line that
 * is not a head changes nothing). */
static bool pu_head(PCtx *x, const PLine *l)
{
    double centre[PU_COLS];
    int col[PU_COLS], n = 0;
    bool name = false, code = false;
    for (int i = 0; i < l->n && n < PU_COLS; i++) {
        int k = pu_key(x, l->w[i].text);
        if (k < 0)
            return false;
        name |= k == 1;
        code |= k == 4;
        col[n] = k;
        centre[n++] = (l->w[i].x1 + l->w[i].x2) / 2;
    }
    if (!name || !code)
        return false;
    for (int c = 0; c + 1 < n; c++)
        x->mid[c] = (centre[c] + centre[c + 1]) / 2;
    memcpy(x->centre, centre, (size_t)n * sizeof *centre);
    memcpy(x->pcol, col, (size_t)n * sizeof *col);
    x->npcol = n;
    x->h = l->h;
    return true;
}

static void pu_flush(PCtx *x)
{
    if (!x->open)
        return;
    x->open = false;
    char no[16];
    snprintf(no, sizeof no, "%d", ++x->npur);
    x->pcell[0] = no;
    for (int c = 0; c < PU_COLS; c++)
        put(x, &x->pur, c, x->pcell[c], x->rowpage);
    x->pur.rows++;
}

/* The procurement table: continued under its title with （续）. */
static bool pu_cont(PCtx *x, const PLine *l)
{
    char cont[256];
    snprintf(cont, sizeof cont, "%s%s",
             x->v->dim[DIM_INSERT].words[vocab_tagged(x->v, DIM_INSERT, TAG_PURCHASES)].title,
             label(x, "continued"));
    return strcmp(pdf_norm(&x->a, l->text), pdf_norm(&x->a, cont)) == 0;
}

/* The procurement table whose title is line I of page P. */
static void purchases(PCtx *x, int p, int i)
{
    int q = p, j = i;
    bool head = false;
    /* the 编制单位 line (its money), then the head */
    for (int k = 0; k < 3 && !head && next_line(x, &q, &j) && q == p; k++) {
        const PLine *l = &x->d->pages[q].lines[j];
        head = pu_head(x, l);
        for (int w = 0; w < l->n && !head; w++) /* 单位：元, 金额单位：万元 (not 编制单位：) */
            if (imp_starts(l->w[w].text, label(x, "money_unit")) ||
                imp_starts(l->w[w].text, label(x, "money_label")))
                book_put(&x->pur.sb, 0, PU_COLS, BC_TEXT, l->w[w].text, strlen(l->w[w].text));
    }
    if (!head)
        return;
    x->used[p][i] = true;
    for (int r = i + 1; r <= j; r++)
        x->used[p][r] = true;
    x->open = false;
    static const TableOn lines = {pu_cont, pu_head, NULL};
    Lines ls = table_lines(x, q, j, &lines);
    left_edges(x, &ls, x->npcol);
    const char *total = label(x, "total"), *sub = label(x, "subtotal");
    for (int k = 0; k < ls.n; k++) {
        if (ls.l[k].j < 0) {
            pu_flush(x); /* the head's second line follows */
            continue;
        }
        const PLine *l = &x->d->pages[ls.l[k].q].lines[ls.l[k].j];
        const char *first = l->n ? l->w[0].text : "";
        if (strcmp(first, total) == 0 || pdf_ends_with(first, sub)) {
            pu_flush(x); /* 合计, 小计: the sums, not lines */
            continue;
        }
        const char *part[PU_COLS] = {0};
        bool code = false;
        for (int w = 0; w < l->n; w++) {
            int c = x->pcol[col_of(x, &l->w[w], x->npcol)];
            append(x, &part[c], l->w[w].text);
            code |= c == 4 && pcode(l->w[w].text);
        }
        if (code) {
            pu_flush(x);
            memset(x->pcell, 0, sizeof x->pcell);
            x->open = true;
            x->rowpage = x->d->pages[ls.l[k].q].no;
        } else if (!x->open) {
            continue; /* the head's second line (单位, 企业份额) */
        }
        for (int c = 0; c < PU_COLS; c++)
            if (part[c])
                append(x, &x->pcell[c], part[c]);
    }
    pu_flush(x);
}

int pdf_projects(const PDoc *d, Book *b, const Defs *defs, bool **used, char *err, size_t errn)
{
    PCtx x = {.d = d, .b = b, .v = &defs->vocab, .used = used, .err = err, .errn = errn};
    arena_init(&x.a);
    static const char *const pcols[] = {"serial", "project_name", "budget_unit", "code_head",
                                        "project_amount", "goal_head"};
    static const char *const icols[] = {"serial", "project_name", "level1", "level2", "level3",
                                        "indicator_desc", "indicator_value", "indicator_basis"};
    head_row(&x, &x.proj, pcols, 6);
    head_row(&x, &x.ind, icols, 8);
    head_row(&x, &x.pur, pu_keys, PU_COLS);
    int st = 0;
    for (int p = 0; p < d->n && st == 0; p++)
        for (int i = 0; i < d->pages[p].n && st == 0; i++) {
            const PLine *l = &d->pages[p].lines[i];
            bool cont;
            if (used[p][i] || !title_line(&x, l, &cont))
                continue;
            if (cont) { /* continued, but its start was not read */
                snprintf(err, errn, "%s: page %d: '%s' continues a %s whose first page was not read",
                         d->path, d->pages[p].no, l->text, label(&x, "goal_table"));
                st = -1;
                break;
            }
            st = project(&x, p, i);
        }
    int wp = vocab_tagged(x.v, DIM_INSERT, TAG_PURCHASES);
    const char *ptitle = wp >= 0 ? pdf_norm(&x.a, x.v->dim[DIM_INSERT].words[wp].title) : "";
    for (int p = 0; p < d->n && st == 0 && *ptitle && x.nproj; p++)
        for (int i = 0; i < d->pages[p].n; i++)
            if (!used[p][i] && strcmp(pdf_norm(&x.a, d->pages[p].lines[i].text), ptitle) == 0)
                purchases(&x, p, i);
    int w = vocab_tagged(x.v, DIM_INSERT, TAG_PROJECTS);
    if (st == 0 && x.nproj && w >= 0) {
        add_sheet(&x, &x.proj, x.v->dim[DIM_INSERT].words[w].name);
        add_sheet(&x, &x.ind, label(&x, "indicator"));
        if (x.npur && wp >= 0)
            add_sheet(&x, &x.pur, x.v->dim[DIM_INSERT].words[wp].name);
        else
            free_builder(&x.pur.sb);
    } else {
        free_builder(&x.pur.sb);
        free_builder(&x.proj.sb);
        free_builder(&x.ind.sb);
    }
    free(x.proj.page);
    free(x.ind.page);
    free(x.pur.page);
    arena_free(&x.a);
    return st;
}
