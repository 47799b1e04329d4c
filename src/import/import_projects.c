/*
 * import_projects.c — the projects of an imported budget: the sheets
 * 项目绩效目标表 (one row a project: 项目名称, 预算单位, 科目编码, 预算资金,
 * 绩效目标), 绩效指标 (one row an indicator: 项目名称, 一级/二级/三级指标,
 * 绩效指标描述, 指标值, 指标值确定依据) and 政府采购表 (one row a purchase
 * line, then 合计) that `budc xlsx` writes (emit/xlsx_extra.c), or that the
 * PDF reader rebuilds from the 绩效目标表 pages (pdf_projects.c), become
 * the `project` blocks of the units, with their `indicators` and
 * `purchase` lines, in the canonical layout (docs/xlsx.md).
 *
 * The sheets are found by the words of the `insert` vocabulary (the
 * indicators' by the label `indicator`), their columns by the labels of
 * their heads, wherever they stand.  What cannot be mapped is an error
 * naming the sheet and the cell (or the page), never a guess: a project
 * whose 预算单位 is no unit of the budget, whose 科目编码 is not a code of
 * the function catalogue; an indicator or a purchase line whose 项目名称
 * is no project of the 项目绩效目标表.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/lex.h"
#include "import/import_impl.h"
#include "model/catalog.h"

typedef struct IInd {
    const char *l1, *l2, *name, *desc, *value, *basis;
    int row;
} IInd;

typedef struct IPur {
    const char *pcode, *name, *measure, *source, *method;
    int page; /* a PDF's: the page the line is printed on, else 0 */
    bool hq, hp, ha, hs;
    Dec q, price, amount, sme;
} IPur;

typedef struct IProj {
    const char *name, *unit, *code, *goal;
    bool has_amount, written;
    Dec amount;
    int row;
    IInd *ind;
    int nind, capi;
    IPur *pur;
    int npur, capp;
} IProj;

struct IProjects {
    const BSheet *sheet; /* the 项目绩效目标表 */
    int unit_col;
    IProj *p;
    int n, cap;
};

/* ---- the sheets ----------------------------------------------------------------- */

/* The sheet NAME, or the CSV file NAME.csv. */
static const BSheet *sheet_named(const Imp *im, const char *name)
{
    size_t n = name ? strlen(name) : 0;
    for (int i = 0; n && i < im->b->nsheets; i++) {
        const char *s = im->b->sheets[i].name;
        if (strncmp(s, name, n) == 0 && (!s[n] || (im->b->csv && strcmp(s + n, ".csv") == 0)))
            return &im->b->sheets[i];
    }
    return NULL;
}

static const BSheet *block_sheet(const Imp *im, unsigned tag)
{
    int w = vocab_tagged(im->v, DIM_INSERT, tag);
    return w >= 0 ? sheet_named(im, im->v->dim[DIM_INSERT].words[w].name) : NULL;
}

/* Where sheet S is, for a message: "sheet '绩效指标', cell C5", or a PDF's
 * "page 12, table 绩效指标" (its row's page). */
static const char *where(Imp *im, const BSheet *s, int r, int c)
{
    char buf[512], ref[16];
    if (s->page > 0)
        snprintf(buf, sizeof buf, "page %d, table %s",
                 s->rowpage && r >= 0 && r < s->nrows ? s->rowpage[r] : s->page, s->name);
    else
        snprintf(buf, sizeof buf, "sheet '%s', cell %s", s->name, book_ref(r, c, ref, sizeof ref));
    return arena_strdup(&im->a, buf);
}

/* The head of S: the first row holding the label project_name; the
 * columns of labels KEYS[0..N) into COL (-1 for a label it has not).
 * The row, or -1. */
static int head(Imp *im, const BSheet *s, const char *const *keys, int n, int *col)
{
    const char *pn = vocab_label(im->v, "project_name");
    for (int r = 0; r < s->nrows && r < 8; r++) {
        bool found = false;
        for (int c = 0; c < s->ncols && !found; c++)
            found = strcmp(imp_trim(im, book_text(s, r, c)), pn) == 0;
        if (!found)
            continue;
        for (int k = 0; k < n; k++) {
            col[k] = -1;
            for (int c = 0; c < s->ncols && col[k] < 0; c++)
                if (strcmp(imp_trim(im, book_text(s, r, c)), vocab_label(im->v, keys[k])) == 0)
                    col[k] = c;
        }
        return r;
    }
    return -1;
}

static const char *cell(Imp *im, const BSheet *s, int r, int c)
{
    return c >= 0 ? imp_trim(im, book_text(s, r, c)) : "";
}

/* ---- the projects ---------------------------------------------------------------- */

/* A sheet without its head: the error names the cells it needs, by the
 * labels of vocabulary keys A, B and C (C may be NULL).  Returns -1. */
static int no_head(Imp *im, const BSheet *s, const char *a, const char *b, const char *c)
{
    if (c != NULL)
        snprintf(im->err, im->errn, "%s: %s: no head: no row has the cells '%s', '%s' and '%s'",
                 im->b->path, where(im, s, 0, 0), vocab_label(im->v, a), vocab_label(im->v, b),
                 vocab_label(im->v, c));
    else
        snprintf(im->err, im->errn, "%s: %s: no head: no row has the cells '%s' and '%s'",
                 im->b->path, where(im, s, 0, 0), vocab_label(im->v, a), vocab_label(im->v, b));
    return -1;
}

enum { P_NAME, P_UNIT, P_CODE, P_AMOUNT, P_GOAL, P__N };

static int read_projects(Imp *im, struct IProjects *pj, const BSheet *s)
{
    static const char *const keys[P__N] = {"project_name", "budget_unit", "code_head",
                                           "project_amount", "goal_head"};
    int col[P__N];
    int h = head(im, s, keys, P__N, col);
    if (h < 0 || col[P_UNIT] < 0)
        return no_head(im, s, "project_name", "budget_unit", NULL);
    pj->sheet = s;
    pj->unit_col = col[P_UNIT];
    const Catalog *fc = &im->defs->cat.k[CAT_FUNCTION];
    for (int r = h + 1; r < s->nrows; r++) {
        const char *name = cell(im, s, r, col[P_NAME]);
        if (!*name)
            continue;
        IProj *p = ARENA_PUSH(&im->a, pj->p, pj->n, pj->cap);
        memset(p, 0, sizeof *p);
        p->name = name;
        p->row = r;
        p->unit = cell(im, s, r, col[P_UNIT]);
        p->goal = cell(im, s, r, col[P_GOAL]);
        const char *code = cell(im, s, r, col[P_CODE]);
        const char *dot = strchr(code, '.'); /* a number cell: 2070102.0 */
        if (dot && book_cell(s, r, col[P_CODE])->kind == BC_NUMBER &&
            strspn(dot + 1, "0") == strlen(dot + 1))
            code = arena_strndup(&im->a, code, (size_t)(dot - code));
        if (*code && (!text_all_digits(code) || !cat_find(fc, code))) {
            snprintf(im->err, im->errn,
                     "%s: %s: the %s '%s' of the project '%s' is not a code of the "
                     "function catalogue of %d",
                     im->b->path, where(im, s, r, col[P_CODE]), vocab_label(im->v, "code_head"),
                     code, name, im->year);
            return -1;
        }
        p->code = code;
        if (col[P_AMOUNT] >= 0) {
            int k = imp_amount(im, s, r, col[P_AMOUNT], imp_sheet_money(im, s), &p->amount);
            if (k < 0)
                return -1;
            p->has_amount = k > 0;
        }
    }
    return 0;
}

/* The project named NAME, the first at or after *FROM (the rows of a sheet
 * follow the projects' order: two projects of one name are told apart so),
 * else the first; NULL when none. */
static IProj *project_named(struct IProjects *pj, const char *name, int *from)
{
    for (int pass = 0; pass < 2; pass++)
        for (int i = pass ? 0 : *from; i < pj->n; i++)
            if (strcmp(pj->p[i].name, name) == 0) {
                *from = i;
                return &pj->p[i];
            }
    return NULL;
}

static int no_project(Imp *im, const BSheet *s, int r, int c, const char *name, const char *what)
{
    snprintf(im->err, im->errn,
             "%s: %s: the %s names the project '%s', which is not in the sheet '%s'",
             im->b->path, where(im, s, r, c), what, name,
             im->projects && im->projects->sheet ? im->projects->sheet->name : "");
    return -1;
}

enum { I_NAME, I_L1, I_L2, I_L3, I_DESC, I_VALUE, I_BASIS, I__N };

static int read_indicators(Imp *im, struct IProjects *pj, const BSheet *s)
{
    static const char *const keys[I__N] = {"project_name",   "level1",          "level2", "level3",
                                           "indicator_desc", "indicator_value", "indicator_basis"};
    int col[I__N];
    int h = head(im, s, keys, I__N, col);
    if (h < 0 || col[I_L3] < 0 || col[I_VALUE] < 0)
        return no_head(im, s, "project_name", "level3", "indicator_value");
    int from = 0;
    for (int r = h + 1; r < s->nrows; r++) {
        const char *name = cell(im, s, r, col[I_NAME]), *l3 = cell(im, s, r, col[I_L3]);
        if (!*name && !*l3)
            continue;
        IProj *p = project_named(pj, name, &from);
        if (!p)
            return no_project(im, s, r, col[I_NAME], name, "indicator");
        IInd *in = ARENA_PUSH(&im->a, p->ind, p->nind, p->capi);
        in->row = r;
        in->l1 = cell(im, s, r, col[I_L1]);
        in->l2 = cell(im, s, r, col[I_L2]);
        in->name = l3;
        in->desc = cell(im, s, r, col[I_DESC]);
        in->value = cell(im, s, r, col[I_VALUE]);
        in->basis = cell(im, s, r, col[I_BASIS]);
        const char *missing = !*in->l2 ? "level2" : !*l3 ? "level3" : !*in->value ? "indicator_value" : NULL;
        if (missing) {
            int c = col[!*in->l2 ? I_L2 : !*l3 ? I_L3 : I_VALUE];
            snprintf(im->err, im->errn, "%s: %s: the indicator of the project '%s' has no %s",
                     im->b->path, where(im, s, r, c), name, vocab_label(im->v, missing));
            return -1;
        }
    }
    return 0;
}

enum { U_NAME, U_ITEM, U_PCODE, U_MEASURE, U_QTY, U_PRICE, U_AMOUNT, U_SOURCE, U_METHOD, U_SME, U__N };

static int read_purchases(Imp *im, struct IProjects *pj, const BSheet *s)
{
    static const char *const keys[U__N] = {"project_name",  "item_name",  "catalog_code",
                                           "measure_head",  "quantity_head", "price_head",
                                           "amount_head",   "source_head", "method_head",
                                           "sme_share"};
    int col[U__N];
    int h = head(im, s, keys, U__N, col);
    if (h < 0 || col[U_PCODE] < 0)
        return no_head(im, s, "project_name", "catalog_code", NULL);
    const char *money = imp_sheet_money(im, s);
    int from = 0;
    for (int r = h + 1; r < s->nrows; r++) {
        const char *name = cell(im, s, r, col[U_NAME]), *pcode = cell(im, s, r, col[U_PCODE]);
        if (!*pcode) /* 合计, a blank row */
            continue;
        IProj *p = project_named(pj, name, &from);
        if (!p)
            return no_project(im, s, r, col[U_NAME], name, "purchase line");
        IPur *u = ARENA_PUSH(&im->a, p->pur, p->npur, p->capp);
        memset(u, 0, sizeof *u);
        u->pcode = pcode;
        u->page = s->page > 0 ? (s->rowpage && r < s->nrows ? s->rowpage[r] : s->page) : 0;
        u->name = cell(im, s, r, col[U_ITEM]);
        u->measure = cell(im, s, r, col[U_MEASURE]);
        u->source = cell(im, s, r, col[U_SOURCE]);
        u->method = cell(im, s, r, col[U_METHOD]);
        const char *q = cell(im, s, r, col[U_QTY]);
        if (*q && !(u->hq = imp_number(q, &u->q))) {
            snprintf(im->err, im->errn, "%s: %s: '%s' is not a quantity", im->b->path,
                     where(im, s, r, col[U_QTY]), q);
            return -1;
        }
        struct { int c; bool *has; Dec *v; } am[] = {{col[U_PRICE], &u->hp, &u->price},
                                                     {col[U_AMOUNT], &u->ha, &u->amount},
                                                     {col[U_SME], &u->hs, &u->sme}};
        for (size_t i = 0; i < sizeof am / sizeof am[0]; i++) {
            if (am[i].c < 0)
                continue;
            int k = imp_amount(im, s, r, am[i].c, money, am[i].v);
            if (k < 0)
                return -1;
            *am[i].has = k > 0;
        }
    }
    return 0;
}

int imp_projects_read(Imp *im)
{
    const BSheet *s = block_sheet(im, TAG_PROJECTS);
    const BSheet *si = sheet_named(im, vocab_label(im->v, "indicator"));
    const BSheet *sp = block_sheet(im, TAG_PURCHASES);
    if (!s && !si && !sp)
        return 0;
    struct IProjects *pj = arena_alloc(&im->a, sizeof *pj);
    memset(pj, 0, sizeof *pj);
    im->projects = pj;
    if (!s) {
        const BSheet *o = si ? si : sp;
        snprintf(im->err, im->errn, "%s: sheet '%s' names projects, but there is no sheet '%s' "
                 "of the projects and their %s",
                 im->b->path, o->name,
                 im->v->dim[DIM_INSERT].words[vocab_tagged(im->v, DIM_INSERT, TAG_PROJECTS)].name,
                 vocab_label(im->v, "budget_unit"));
        return -1;
    }
    if (read_projects(im, pj, s) < 0 || (si && read_indicators(im, pj, si) < 0) ||
        (sp && read_purchases(im, pj, sp) < 0))
        return -1;
    return 0;
}

/* ---- writing ------------------------------------------------------------------------ */

/* Whether S is a word of the language (一个词, km2): letters, _, CJK
 * ideographs, digits after the first, not a keyword. */
static bool is_word(const char *s)
{
    if (!*s || (*s >= '0' && *s <= '9'))
        return false;
    size_t n = 0;
    bool ascii = true;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++, n++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == '_' ||
            (*p >= '0' && *p <= '9'))
            continue;
        /* a CJK ideograph: U+4E00 … U+9FFF, three bytes from E4 to E9 */
        if (*p >= 0xE4 && *p <= 0xE9 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
            p += 2;
            ascii = false;
            continue;
        }
        return false;
    }
    return !ascii || !lex_keyword(s, strlen(s));
}

/* The length of the operator S starts with (≥ ≤ >= <= != == = > <), or 0. */
static size_t op_len(const char *s)
{
    static const char *const ops[] = {"\xE2\x89\xA5", "\xE2\x89\xA4", ">=", "<=", "!=", "==", "=", ">", "<"};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strncmp(s, ops[i], strlen(ops[i])) == 0)
            return strlen(ops[i]);
    return 0;
}

/* Whether S is a measure: %, a word, or word/word. */
static bool is_measure(Imp *im, const char *s)
{
    if (!*s || strcmp(s, "%") == 0)
        return true;
    const char *slash = strchr(s, '/');
    if (!slash)
        return is_word(s);
    return is_word(arena_strndup(&im->a, s, (size_t)(slash - s))) && is_word(slash + 1);
}

/* Whether S is written as the language writes a number value: an operator,
 * a number and a measure (≥60场, ≤7 日, 100%, ≥10兆/秒). */
static bool number_value(Imp *im, const char *s)
{
    const char *p = s + op_len(s);
    while (*p == ' ')
        p++;
    const char *d = p;
    while (*p >= '0' && *p <= '9')
        p++;
    if (p == d)
        return false;
    if (*p == '.') {
        const char *f = ++p;
        while (*p >= '0' && *p <= '9')
            p++;
        if (p == f)
            return false;
    }
    while (*p == ' ')
        p++;
    return is_measure(im, p);
}

/* An indicator's value: as written when it is a number; a qualitative
 * phrase of the catalogue (or one near it: 提上年提升, which budc check
 * then names) as a word; free text as a string. */
static void write_value(Imp *im, const char *v)
{
    const Catalog *pc = &im->defs->cat.k[CAT_PHRASE];
    if (number_value(im, v))
        fputs(v, im->out);
    else if (is_word(v) && (cat_find(pc, v) || cat_nearest_word(pc, v)))
        fputs(v, im->out);
    else
        imp_string(im->out, v);
}

/* The 一级 the catalogue gives 二级 L2, or "". */
static const char *level1_of(const Imp *im, const char *l2)
{
    const CatEntry *e = cat_find(&im->defs->cat.k[CAT_INDICATOR], l2);
    return e && e->extra ? e->extra : "";
}

static int write_indicators(Imp *im, const IProj *p)
{
    const BSheet *s = sheet_named(im, vocab_label(im->v, "indicator"));
    FILE *out = im->out;
    fputs("    indicators {\n", out);
    const char *prev = NULL;
    for (int i = 0; i < p->nind; i++) {
        const IInd *in = &p->ind[i];
        if (!is_word(in->l2) || (*in->l1 && !is_word(in->l1))) {
            snprintf(im->err, im->errn, "%s: %s: '%s' is not a word of the indicator catalogue",
                     im->b->path, where(im, s, in->row, 0), is_word(in->l2) ? in->l1 : in->l2);
            return -1;
        }
        fputs("      ", out);
        /* the 一级 where it starts, or where it is not the catalogue's */
        if (*in->l1 && (!prev || strcmp(prev, in->l1) != 0 || strcmp(level1_of(im, in->l2), in->l1) != 0))
            fprintf(out, "%s ", in->l1);
        prev = *in->l1 ? in->l1 : level1_of(im, in->l2);
        fprintf(out, "%s ", in->l2);
        imp_string(out, in->name);
        fputc(' ', out);
        if (!*in->desc || strcmp(in->desc, in->name) == 0)
            fputc('-', out);
        else
            imp_string(out, in->desc);
        fputc(' ', out);
        write_value(im, in->value);
        if (*in->basis) {
            fputc(' ', out);
            imp_string(out, in->basis);
        }
        fputc('\n', out);
    }
    fputs("    }\n", out);
    return 0;
}

/* A purchase line; after a comment naming its page when a PDF printed it
 * on another page than what precedes (*PAGE: the page named last). */
static void write_purchase(Imp *im, const IPur *u, int *page)
{
    FILE *out = im->out;
    if (u->page > 0 && u->page != *page)
        fprintf(out, "    // 第%d页\n", *page = u->page);
    fprintf(out, "    purchase %s ", u->pcode);
    imp_string(out, u->name);
    if (*u->measure) {
        fputs(" measure ", out);
        if (is_word(u->measure))
            fputs(u->measure, out);
        else
            imp_string(out, u->measure);
    }
    struct { bool has; const char *kw; Dec v; } f[] = {
        {u->hq, "quantity", u->q}, {u->hp, "price", u->price}, {u->ha, "amount", u->amount},
        {u->hs, "sme", u->sme}};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        if (f[i].has) {
            fprintf(out, " %s ", f[i].kw);
            if (i == 0) { /* a count: 12, not 12.00 */
                char q[DEC_FMT_MAX];
                dec_format(f[i].v, q, sizeof q);
                size_t n = strlen(q);
                while (strchr(q, '.') && (q[n - 1] == '0' || q[n - 1] == '.'))
                    if (q[--n] == '.') {
                        q[n] = '\0';
                        break;
                    } else
                        q[n] = '\0';
                fputs(q, out);
            } else {
                imp_dec(out, f[i].v);
            }
        }
    int src = *u->source ? vocab_word(im->v, DIM_SOURCE, u->source) : -1;
    if (*u->source && src != im->defs->src_general)
        fprintf(out, " source %s", src >= 0 ? vocab_name(im->v, DIM_SOURCE, src) : u->source);
    if (*u->method) {
        int m = vocab_word(im->v, DIM_METHOD, u->method);
        fputs(" method ", out);
        if (m >= 0)
            fputs(vocab_name(im->v, DIM_METHOD, m), out);
        else
            imp_string(out, u->method);
    }
    fputc('\n', out);
}

/* Whether NAME is a unit the 机构设置表 lists (its sheet's 单位名称). */
static bool listed(Imp *im, const char *name)
{
    const BSheet *s = block_sheet(im, TAG_UNITS);
    const char *un = vocab_label(im->v, "unit_name");
    for (int r = 0, col = -1; s && r < s->nrows; r++)
        for (int c = 0; c < s->ncols; c++) {
            const char *t = cell(im, s, r, c);
            if (col < 0 && strcmp(t, un) == 0)
                col = c;
            else if (c == col && strcmp(t, name) == 0)
                return true;
        }
    return false;
}

/* Whether NAME, a project's 预算单位, is the unit named UNIT: its name,
 * or, for the one unit standing for the whole department (SOLE: a
 * workbook without facts, a PDF), the department's own (with or without
 * （本级）), none (a PDF prints no 预算单位 when there is one unit), or a
 * unit the 机构设置表 lists, whose projects the department's are. */
static bool unit_is(Imp *im, const char *name, const char *unit, bool sole)
{
    if (strcmp(name, unit) == 0)
        return true;
    if (!sole)
        return false;
    size_t n = strlen(unit);
    return !*name ||
           (n && strncmp(name, unit, n) == 0 && (strncmp(name + n, "（", 3) == 0 || name[n] == '(')) ||
           (im->name && strcmp(name, im->name) == 0) || listed(im, name);
}

int imp_projects_write(Imp *im, const char *unit, bool sole)
{
    struct IProjects *pj = im->projects;
    for (int i = 0; pj && i < pj->n; i++) {
        IProj *p = &pj->p[i];
        if (p->written || !unit_is(im, p->unit, unit, sole))
            continue;
        p->written = true;
        FILE *out = im->out;
        if (!im->fresh)
            fputc('\n', out);
        im->fresh = false;
        if (pj->sheet->page > 0)
            fprintf(out, "  // 第%d页\n",
                    pj->sheet->rowpage && p->row < pj->sheet->nrows ? pj->sheet->rowpage[p->row]
                                                                   : pj->sheet->page);
        if (sole && *p->unit && strcmp(p->unit, unit) != 0)
            fprintf(out, "  // %s\xEF\xBC\x9A%s\n", vocab_label(im->v, "budget_unit"), p->unit); /* ： */
        fputs("  project ", out);
        imp_string(out, p->name);
        fputs(" {\n", out);
        if (*p->code)
            fprintf(out, "    code %s\n", p->code);
        if (p->has_amount) {
            fputs("    amount ", out);
            imp_dec(out, p->amount);
            fputc('\n', out);
        }
        if (*p->goal) {
            fputs("    goal ", out);
            imp_string(out, p->goal);
            fputc('\n', out);
        }
        if (p->nind && write_indicators(im, p) < 0)
            return -1;
        int page = -1;
        for (int j = 0; j < p->npur; j++)
            write_purchase(im, &p->pur[j], &page);
        fputs("  }\n", out);
    }
    return 0;
}

int imp_projects_done(Imp *im)
{
    struct IProjects *pj = im->projects;
    for (int i = 0; pj && i < pj->n; i++)
        if (!pj->p[i].written) {
            snprintf(im->err, im->errn,
                     "%s: %s: the %s '%s' of the project '%s' is not a unit of the budget%s",
                     im->b->path, where(im, pj->sheet, pj->p[i].row, pj->unit_col),
                     vocab_label(im->v, "budget_unit"), *pj->p[i].unit ? pj->p[i].unit : "",
                     pj->p[i].name, *pj->p[i].unit ? "" : " (it names none, and the budget has several)");
            return -1;
        }
    return 0;
}

bool imp_has_purchases(const Imp *im)
{
    for (int i = 0; im->projects && i < im->projects->n; i++)
        if (im->projects->p[i].npur)
            return true;
    return false;
}
