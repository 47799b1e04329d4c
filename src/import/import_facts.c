/*
 * import_facts.c — the units of an imported budget and their facts.
 *
 * budc's own workbook has a sheet `facts` (emit/xlsx_extra.c): every fact
 * of every unit, one a row (unit, fact, source, code, word, amount), and
 * last year's figures (fact "prior"); from it the units are written back
 * exactly.  A workbook without one (made by hand, or the CSV files) gets
 * one unit, named as the department, with the facts its tables pin down: a
 * cell of a code row (of the lowest level printed) or of a `rows`/`row` row
 * whose row and column select facts of one kind, one fund source and (for
 * spending and 三公) one kind or item is such a fact (a column that adds up
 * a source and its carry-over counts as the source).  What the tables do
 * not pin down (a 事业收入 split into 基本 and 项目 …) is left out, and
 * `budc check` reports the tables that need it.  The units' 性质, 规格 and
 * 经费保障形式 come from the 机构设置表 sheet when there is one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import_impl.h"
#include "model/facts.h"

typedef struct IFact {
    const char *unit, *fact, *source, *code, *word;
    Dec amount;
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

/* The one word of dimension D that F allows, or -1. */
static int one_word(const Imp *im, const Filter *f, Dim d)
{
    int w = -1;
    for (int i = 0; i < im->v->dim[d].n; i++)
        if (f->allow[d] & ((WordSet)1 << i)) {
            if (w >= 0)
                return -1;
            w = i;
        }
    return w;
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

static void derive(Imp *im, Facts *fs, const char *unit)
{
    for (int t = 0; t < im->ds->ntables; t++) {
        const ITable *it = &im->tables[t];
        for (int i = 0; i < it->nrows; i++) {
            const IRow *r = &it->rows[i];
            Filter rf, f;
            if ((r->code && has_child(it, r)) || !row_filter(im, it, r, &rf))
                continue;
            int first = 0, ncols = it->def->ncols;
            if (it->def->nsides == 2 && r->side == 0)
                ncols = 1;
            for (int j = first; j < ncols && j < r->ncells; j++) {
                const ColDef *c = &it->def->cols[j];
                if (!r->set[j] || c->kind != COL_SUM || c->sums.n == 0 ||
                    !filter_and(&rf, &c->sums.f[0], &f))
                    continue;
                int src = one_word(im, &f, DIM_SOURCE);
                int wd = fact_types[f.kind].word, w = -1;
                if (src < 0)
                    continue;
                if (wd >= 0 && f.kind != F_ECONOMIC && (w = one_word(im, &f, (Dim)wd)) < 0)
                    continue;
                const char *code = f.kind == F_SANGONG || f.kind == F_INCOME ? "" : f.code;
                if (fact_types[f.kind].catalog >= 0 && f.kind != F_INCOME &&
                    (!code || !*code))
                    continue;
                const char *fact = fact_types[f.kind].key, *source = vocab_name(im->v, DIM_SOURCE, src);
                const char *word = w >= 0 ? vocab_name(im->v, (Dim)wd, w) : "";
                bool dup = false;
                for (int k = 0; k < fs->n && !dup; k++)
                    dup = same(fs->f[k].fact, fact) && same(fs->f[k].source, source) &&
                          same(fs->f[k].code, code) && same(fs->f[k].word, word);
                if (dup)
                    continue;
                IFact *x = ARENA_PUSH(&im->a, fs->f, fs->n, fs->cap);
                *x = (IFact){unit, fact, source, code ? code : "", word, r->cells[j]};
            }
        }
    }
}

/* ---- the units' descriptions -------------------------------------------------------- */

/* From the 机构设置表 (the units block's sheet): nature, rank and funding by
 * the unit's name. */
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
    for (int r = head + 1; r < s->nrows; r++) {
        const char *name = imp_trim(im, book_text(s, r, col[0]));
        for (int u = 0; u < fs->nu; u++)
            if (*name && strcmp(fs->u[u].name, name) == 0) {
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
            fprintf(im->out, "\n%sprior {\n", indent);
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
        if (by_source)
            fprintf(out, "\n  %s %s {\n", key, f->source);
        else
            fprintf(out, "\n  %s {\n", key);
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
        if (!*u->id)
            u->id = "main";
        u->name = im->name ? im->name : "";
        derive(im, &fs, u->id);
    }
    describe(im, &fs);
    write_prior(im, &fs, "", "");
    for (int i = 0; i < fs.nu; i++) {
        const IUnit *u = &fs.u[i];
        fprintf(im->out, "\nunit %s ", u->id);
        imp_string(im->out, u->name);
        fputs(" {\n", im->out);
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
        fputs("}\n", im->out);
    }
    return 0;
}
