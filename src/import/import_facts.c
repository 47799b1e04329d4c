/*
 * import_facts.c — the units of an imported budget and their facts.
 *
 * budc's own workbook has a sheet `facts` (emit/xlsx_extra.c): every fact
 * of every unit, one a row (unit, fact, source, code, word, amount), and
 * last year's figures (fact "prior"); from it the units are written back
 * exactly.  A workbook without one (made by hand, or the CSV files) and a
 * PDF get one unit, named as the department: its economic lines and last
 * year's figures are the cells of a code row (of the lowest level printed)
 * or of a `rows`/`row` row whose row and column select facts of one kind,
 * one fund source and one class; its income, spending, 三公 and
 * carry-overs are solved from every table together (import_solve.c).  The
 * units' 性质, 规格 and 经费保障形式 come from the 机构设置表 sheet when
 * there is one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import_impl.h"
#include "import/import_solve.h"
#include "model/facts.h"

typedef struct IFact {
    const char *unit, *fact, *source, *code, *word;
    Dec amount;
    bool inferred; /* one of several splits the tables allow (import_solve.c) */
} IFact;

typedef struct IUnit {
    const char *id, *name, *nature, *rank, *funding;
} IUnit;

typedef struct Facts {
    IFact *f;
    int n, cap;
    IUnit *u;
    int nu, capu;
} Facts;

static const BSheet *find_sheet(const Imp *im, const char *name)
{
    for (int i = 0; i < im->b->nsheets; i++)
        if (strcmp(im->b->sheets[i].name, name) == 0)
            return &im->b->sheets[i];
    return NULL;
}

/* ---- the facts sheet ---------------------------------------------------------------- */

static int read_facts(Imp *im, const BSheet *s, Facts *fs)
{
    for (int r = 1; r < s->nrows; r++) {
        const char *unit = imp_trim(im, book_text(s, r, 0)), *fact = imp_trim(im, book_text(s, r, 1));
        if (!*fact)
            continue;
        if (strcmp(fact, "unit") == 0) {
            IUnit *u = ARENA_PUSH(&im->a, fs->u, fs->nu, fs->capu);
            u->id = unit;
            u->name = imp_trim(im, book_text(s, r, 4));
            continue;
        }
        IFact *f = ARENA_PUSH(&im->a, fs->f, fs->n, fs->cap);
        f->unit = unit;
        f->fact = fact;
        f->source = imp_trim(im, book_text(s, r, 2));
        f->code = imp_trim(im, book_text(s, r, 3));
        f->word = imp_trim(im, book_text(s, r, 4));
        int k = imp_amount(im, s, r, 5, NULL, &f->amount);
        if (k < 0)
            return -1;
        if (k == 0) {
            char ref[16];
            snprintf(im->err, im->errn, "%s: sheet '%s', cell %s: a fact without an amount",
                     im->b->path, s->name, book_ref(r, 5, ref, sizeof ref));
            return -1;
        }
    }
    return 0;
}

/* ---- facts from the tables ---------------------------------------------------------- */

/* The one word of dimension D that F allows, or -1.  Fund sources: a
 * budget and its carry-over (支出.一般公共预算 with 一般公共预算结转) count
 * as the budget. */
static int one_word(const Imp *im, const Filter *f, Dim d)
{
    int w = -1, budget = -2;
    bool many = false;
    for (int i = 0; i < im->v->dim[d].n; i++)
        if (f->allow[d] & ((WordSet)1 << i)) {
            if (d == DIM_SOURCE) {
                int b = vocab_budget(im->v, i);
                if (budget == -2)
                    budget = b;
                else if (budget != b)
                    budget = -1;
            }
            many |= w >= 0;
            w = w < 0 ? i : w;
        }
    if (!many)
        return w;
    return d == DIM_SOURCE && budget >= 0 && (f->allow[d] & ((WordSet)1 << budget)) ? budget : -1;
}

/* The filter of printed row R of T, or false. */
static bool row_filter(const Imp *im, const ITable *t, const IRow *r, Filter *out)
{
    const TableDef *def = t->def;
    for (int i = 0; i < def->nrows; i++) {
        const RowDef *d = &def->rows[i];
        if (d->side != r->side || d->sums.n == 0)
            continue;
        if (r->code && d->what == RD_CODES) {
            *out = d->sums.f[0];
            out->code = r->key;
            return true;
        }
        if (!r->code && d->key && strcmp(d->key, r->key) == 0) {
            *out = d->sums.f[0];
            return true;
        }
        if (!r->code && d->what == RD_ROWS) {
            int w = vocab_word(im->v, d->dim, r->key);
            if (w >= 0 && (d->words & ((WordSet)1 << w))) {
                *out = d->sums.f[0];
                out->allow[d->dim] &= (WordSet)1 << w;
                return true;
            }
        }
    }
    return false;
}

/* Whether code row R of T has a row below it (a longer code it starts). */
static bool has_child(const ITable *t, const IRow *r)
{
    size_t n = strlen(r->key);
    for (int i = 0; i < t->nrows; i++)
        if (t->rows[i].code && strlen(t->rows[i].key) > n &&
            strncmp(t->rows[i].key, r->key, n) == 0)
            return true;
    return false;
}

static bool same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static IFact *add_fact(Imp *im, Facts *fs, const char *unit, const char *fact,
                       const char *source, const char *code, const char *word, Dec amount)
{
    for (int k = 0; k < fs->n; k++)
        if (same(fs->f[k].fact, fact) && same(fs->f[k].source, source) &&
            same(fs->f[k].code, code) && same(fs->f[k].word, word))
            return &fs->f[k];
    IFact *x = ARENA_PUSH(&im->a, fs->f, fs->n, fs->cap);
    *x = (IFact){unit, fact, source, code ? code : "", word, amount, false};
    return x;
}

/* Last year's figure of a row, from a 上年 column: the row's figure as a
 * path (三公 alone is 三公.合计); a row of several figures (三公 and 会议费)
 * gives no one prior line. */
static void add_prior(Imp *im, Facts *fs, const RowDef *d, Dec amount)
{
    if (!d || !d->figs || !d->figs->path || d->figs->next)
        return;
    char path[256];
    size_t n = 0;
    int segs = 0;
    for (const PathSeg *p = d->figs->path; p && n + 2 < sizeof path; p = p->next, segs++)
        if (p->name)
            n += (size_t)snprintf(path + n, sizeof path - n, "%s%s", segs ? "." : "", p->name);
        else
            return; /* an index: not a figure of a row */
    if (segs == 1)
        snprintf(path + n, sizeof path - n, ".%s", vocab_label(im->v, "total"));
    add_fact(im, fs, "", "prior", "", arena_strdup(&im->a, path), "", amount);
}

/* The RowDef printed row R of T is, or NULL. */
static const RowDef *row_def(const ITable *t, const IRow *r)
{
    for (int i = 0; i < t->def->nrows; i++)
        if (!r->code && t->def->rows[i].key && strcmp(t->def->rows[i].key, r->key) == 0)
            return &t->def->rows[i];
    return NULL;
}

static void derive(Imp *im, Facts *fs, const char *unit)
{
    bool budget = im->ds == &im->defs->disclosures[0]; /* 上年 columns: last year's */
    for (int t = 0; t < im->ds->ntables; t++) {
        const ITable *it = &im->tables[t];
        for (int i = 0; i < it->nrows; i++) {
            const IRow *r = &it->rows[i];
            Filter rf, f;
            if ((r->code && has_child(it, r)) || !row_filter(im, it, r, &rf))
                continue;
            int ncols = it->def->ncols;
            if (it->def->nsides == 2 && r->side == 0)
                ncols = 1;
            for (int j = 0; j < ncols && j < r->ncells; j++) {
                const ColDef *c = &it->def->cols[j];
                if (r->set[j] && c->kind == COL_PRIOR && budget && !r->code)
                    add_prior(im, fs, row_def(it, r), r->cells[j]);
                if (!r->set[j] || c->kind != COL_SUM || c->sums.n == 0 ||
                    !filter_and(&rf, &c->sums.f[0], &f))
                    continue;
                /* income, spending, 三公 and carry-overs: solved from every
                 * table together below */
                if (f.kind == F_INCOME || f.kind == F_SPENDING || f.kind == F_CARRYOVER ||
                    f.kind == F_SANGONG)
                    continue;
                int src = one_word(im, &f, DIM_SOURCE);
                int wd = fact_types[f.kind].word, w = -1;
                if (src < 0)
                    continue;
                if (wd >= 0 && f.kind != F_ECONOMIC && (w = one_word(im, &f, (Dim)wd)) < 0)
                    continue;
                const char *code = f.code;
                if (fact_types[f.kind].catalog >= 0 && (!code || !*code))
                    continue;
                add_fact(im, fs, unit, fact_types[f.kind].key, vocab_name(im->v, DIM_SOURCE, src),
                         code, w >= 0 ? vocab_name(im->v, (Dim)wd, w) : "", r->cells[j]);
            }
        }
    }
    SFact *sf;
    int n = imp_solve(im, &sf);
    for (int i = 0; i < n; i++) {
        int wd = fact_types[sf[i].kind].word;
        add_fact(im, fs, unit, fact_types[sf[i].kind].key, vocab_name(im->v, DIM_SOURCE, sf[i].src),
                 sf[i].code, wd >= 0 && sf[i].word >= 0 ? vocab_name(im->v, (Dim)wd, sf[i].word) : "",
                 sf[i].amount)
            ->inferred = sf[i].inferred;
    }
}

/* ---- the units' descriptions -------------------------------------------------------- */

/* From the 机构设置表 (the units block's sheet): nature, rank and funding by
 * the unit's name. */
/* Whether NAME is the row of unit U printed as the department's own: a
 * PDF's one unit, named as the department, is its 本级 (示例县文化和旅游局（本级）). */
static bool own_row(const Facts *fs, int u, const char *name)
{
    size_t n = strlen(fs->u[u].name);
    return fs->nu == 1 && n && strncmp(name, fs->u[u].name, n) == 0 &&
           (strncmp(name + n, "（", 3) == 0 || name[n] == '(');
}

static void describe(Imp *im, Facts *fs)
{
    int w = vocab_tagged(im->v, DIM_INSERT, TAG_UNITS);
    if (w < 0)
        return;
    const BSheet *s = find_sheet(im, im->v->dim[DIM_INSERT].words[w].name);
    if (!s)
        return;
    int head = -1, col[4] = {-1, -1, -1, -1};
    static const char *const keys[] = {"unit_name", "unit_nature", "unit_rank", "unit_funding"};
    for (int r = 0; r < s->nrows && r < 8 && head < 0; r++)
        for (int c = 0; c < s->ncols; c++)
            for (int k = 0; k < 4; k++)
                if (strcmp(imp_trim(im, book_text(s, r, c)), vocab_label(im->v, keys[k])) == 0) {
                    col[k] = c;
                    head = r;
                }
    if (head < 0 || col[0] < 0)
        return;
    /* one unit standing for a department of several takes none's nature */
    int rows = 0;
    for (int r = head + 1; r < s->nrows; r++)
        rows += *imp_trim(im, book_text(s, r, col[0])) != '\0';
    if (fs->nu == 1 && rows > 1) {
        im->merged = true;
        return;
    }
    for (int r = head + 1; r < s->nrows; r++) {
        const char *name = imp_trim(im, book_text(s, r, col[0]));
        for (int u = 0; u < fs->nu; u++)
            if (*name && (strcmp(fs->u[u].name, name) == 0 || own_row(fs, u, name))) {
                fs->u[u].nature = col[1] >= 0 ? imp_trim(im, book_text(s, r, col[1])) : "";
                fs->u[u].rank = col[2] >= 0 ? imp_trim(im, book_text(s, r, col[2])) : "";
                fs->u[u].funding = col[3] >= 0 ? imp_trim(im, book_text(s, r, col[3])) : "";
            }
    }
}

/* ---- writing ------------------------------------------------------------------------ */

static void write_prior(Imp *im, const Facts *fs, const char *unit, const char *indent)
{
    bool any = false;
    for (int i = 0; i < fs->n; i++) {
        const IFact *f = &fs->f[i];
        if (strcmp(f->unit, unit) != 0 || strcmp(f->fact, "prior") != 0)
            continue;
        if (!any)
            fprintf(im->out, "%s%sprior {\n", im->fresh ? "" : "\n", indent);
        im->fresh = false;
        any = true;
        fprintf(im->out, "%s  %s ", indent, f->code);
        imp_dec(im->out, f->amount);
        fputc('\n', im->out);
    }
    if (any)
        fprintf(im->out, "%s}\n", indent);
}

/* The facts of kind K of UNIT: one block, or one per fund source. */
static void write_kind(Imp *im, const Facts *fs, const char *unit, int k)
{
    FILE *out = im->out;
    const char *key = fact_types[k].key;
    bool by_source = fact_types[k].word >= 0;
    for (int i = 0; i < fs->n; i++) {
        const IFact *f = &fs->f[i];
        if (strcmp(f->unit, unit) != 0 || strcmp(f->fact, key) != 0)
            continue;
        /* the first fact of its block: the block's facts follow */
        bool seen = false;
        for (int j = 0; j < i && !seen; j++)
            seen = strcmp(fs->f[j].unit, unit) == 0 && strcmp(fs->f[j].fact, key) == 0 &&
                   (!by_source || strcmp(fs->f[j].source, f->source) == 0);
        if (seen)
            continue;
        /* a blank line between blocks, none after the unit's opening line */
        if (!im->fresh)
            fputc('\n', out);
        im->fresh = false;
        bool inferred = false;
        for (int j = i; j < fs->n; j++)
            inferred |= fs->f[j].inferred && strcmp(fs->f[j].unit, unit) == 0 &&
                        strcmp(fs->f[j].fact, key) == 0 &&
                        (!by_source || strcmp(fs->f[j].source, f->source) == 0);
        if (inferred)
            fputs("  // inferred: the tables leave open how some of these lines split by source\n"
                  "  // or kind; the split chosen is one that makes each fund balance\n",
                  out);
        if (by_source)
            fprintf(out, "  %s %s {\n", key, f->source);
        else
            fprintf(out, "  %s {\n", key);
        for (int j = i; j < fs->n; j++) {
            const IFact *g = &fs->f[j];
            if (strcmp(g->unit, unit) != 0 || strcmp(g->fact, key) != 0 ||
                (by_source && strcmp(g->source, f->source) != 0))
                continue;
            fputs("   ", out);
            if (!by_source)
                fprintf(out, " %s", g->source);
            if (*g->code)
                fprintf(out, " %s", g->code);
            if (*g->word)
                fprintf(out, " %s", g->word);
            fputc(' ', out);
            imp_dec(out, g->amount);
            fputc('\n', out);
        }
        fputs("  }\n", out);
    }
}

/* ID as a word of the language: ASCII other than letters, digits and _
 * made _, and the label unit_word (单位) before a leading digit (the
 * consolidation's 359/本级 is 单位359_本级). */
static const char *unit_word(Imp *im, const char *id)
{
    const char *pre = *id >= '0' && *id <= '9' ? vocab_label(im->v, "unit_word") : "";
    size_t n = strlen(pre), len = strlen(id);
    char *w = arena_alloc(&im->a, n + len + 1);
    memcpy(w, pre, n);
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)id[i];
        bool ok = ch >= 0x80 || ch == '_' || (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= 'a' && ch <= 'z');
        w[n + i] = ok ? (char)ch : '_';
    }
    w[n + len] = '\0';
    return *w ? w : vocab_label(im->v, "unit_self");
}

int imp_units(Imp *im)
{
    Facts fs = {0};
    const BSheet *s = find_sheet(im, "facts");
    if (s) {
        if (read_facts(im, s, &fs) < 0)
            return -1;
    } else {
        IUnit *u = ARENA_PUSH(&im->a, fs.u, fs.nu, fs.capu);
        u->id = vocab_label(im->v, "unit_self");
        u->name = im->name ? im->name : "";
        derive(im, &fs, u->id);
    }
    describe(im, &fs);
    write_prior(im, &fs, "", "");
    for (int i = 0; i < fs.nu; i++) {
        const IUnit *u = &fs.u[i];
        fprintf(im->out, "\nunit %s ", unit_word(im, u->id));
        imp_string(im->out, u->name);
        fputs(" {\n", im->out);
        im->fresh = !(u->nature && *u->nature) && !(u->rank && *u->rank) &&
                     !(u->funding && *u->funding);
        if (u->nature && *u->nature)
            fprintf(im->out, "  nature %s\n", u->nature);
        if (u->rank && *u->rank) {
            fputs("  rank ", im->out);
            imp_string(im->out, u->rank);
            fputc('\n', im->out);
        }
        if (u->funding && *u->funding) {
            fputs("  funding ", im->out);
            imp_string(im->out, u->funding);
            fputc('\n', im->out);
        }
        for (int k = 0; k < F__COUNT; k++)
            write_kind(im, &fs, u->id, k);
        write_prior(im, &fs, u->id, "  ");
        if (imp_projects_write(im, u->name, !s) < 0)
            return -1;
        im->fresh = false;
        fputs("}\n", im->out);
    }
    return 0;
}
