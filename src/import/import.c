/*
 * import.c — a workbook in the published layout read as the tables of a
 * disclosure, and the budget written from them (import.h, docs/xlsx.md).
 *
 * Where things are is found by the labels of the vocabulary, not by
 * position, so that a hand-made workbook reads too: the department in the
 * cell that starts with 编制单位： (its code when a number leads), the year
 * after 预算年度： (or 决算年度：), the money after 单位： or 金额单位： (a sheet
 * in 元 is converted exactly into the budget's 万元).  A table's sheet is
 * the one named by its word or title, or whose first cell is its title (a
 * CSV file: by its file name).  The head is the rows down to the last one
 * holding a column title or 序号/项目/科目编码/科目名称/栏次 (blank rows and
 * merged cells anywhere); 科目编码 and the 科目名称 or 项目 columns say where
 * the codes, names and amounts are.  Below it every row with an amount is
 * a row of the printed table: a code (text or number) makes a code row,
 * else its name is matched to the definition's rows (printed label, name or
 * key, less an ordinal 一、 or 1.), or to a 类 of the catalogue by name.
 * An amount is a number cell or text (thousands separators, full-width
 * commas and spaces allowed; -, -- and — are blank); anything else is an
 * error naming the sheet and the cell.
 */
#include "import/import_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "model/catalog.h"

/* ---- the department ---------------------------------------------------------------- */

static const char *label(const Imp *im, const char *key)
{
    return vocab_label(im->v, key);
}

int import_year(const Book *b, const Vocab *v)
{
    const char *keys[] = {"budget_year", "budget_year_final"};
    for (int i = 0; i < b->nsheets; i++)
        for (int r = 0; r < 4 && r < b->sheets[i].nrows; r++)
            for (int c = 0; c < b->sheets[i].ncols; c++)
                for (int k = 0; k < 2; k++) {
                    const char *l = vocab_label(v, keys[k]);
                    const char *at = *l ? strstr(book_text(&b->sheets[i], r, c), l) : NULL;
                    if (at) {
                        int y = atoi(at + strlen(l));
                        if (y >= 1900 && y <= 2200)
                            return y;
                    }
                }
    return 0;
}

/* The department from the 编制单位 cell: its code when digits lead. */
static void prepared_by(Imp *im, const char *s)
{
    const char *pb = label(im, "prepared_by");
    const char *at = *pb ? strstr(s, pb) : NULL;
    if (!at || im->name)
        return;
    const char *p = imp_trim(im, at + strlen(pb));
    const char *q = p;
    while (*q >= '0' && *q <= '9')
        q++;
    if (q > p && imp_space_at(q)) {
        im->code = arena_strndup(&im->a, p, (size_t)(q - p));
        p = imp_trim(im, q);
    }
    /* the name ends where the next label or a wide space starts */
    size_t n = 0;
    while (p[n] && !(imp_space_at(p + n) && imp_space_at(p + n + imp_space_at(p + n))) &&
           strncmp(p + n, "\xE3\x80\x80", 3) != 0)
        n++;
    const char *y = label(im, "budget_year");
    const char *cut = *y ? strstr(p, y) : NULL;
    if (cut && (size_t)(cut - p) < n)
        n = (size_t)(cut - p);
    im->name = imp_trim(im, arena_strndup(&im->a, p, n));
}

/* ---- which sheet is which table ---------------------------------------------------- */

/* The first text in the first rows of S, or "". */
static const char *first_text(const BSheet *s)
{
    for (int r = 0; r < 3 && r < s->nrows; r++)
        for (int c = 0; c < s->ncols; c++)
            if (*book_text(s, r, c))
                return book_text(s, r, c);
    return "";
}

/* The table of DS sheet S is (by its name, its file name or its title), or -1. */
static int sheet_table(const Disclosure *ds, const BSheet *s)
{
    for (int t = 0; t < ds->ntables; t++)
        if (ds->tables[t].csv && strcmp(s->name, ds->tables[t].csv) == 0)
            return t;
    int t = tabledef_find(ds, s->name);
    return t >= 0 ? t : tabledef_find(ds, first_text(s));
}

/* ---- a table's head ---------------------------------------------------------------- */

typedef struct Head {
    int end;           /* the last row of the head */
    int code;          /* the 科目编码 column, or -1 */
    int names[2];      /* the 科目名称 / 项目 columns (two in a two-sided table) */
    int nnames;
    int code_name;     /* the 科目名称 column, or -1 */
} Head;

static bool is_label(const Imp *im, const char *s, const char *key)
{
    return strcmp(s, label(im, key)) == 0;
}

/* Whether S is a title the head of DEF prints. */
static bool head_text(const Imp *im, const TableDef *def, const char *s)
{
    static const char *const keys[] = {"serial", "item", "code_head", "code_name", "income_item",
                                       "income_amount", "expense_item", "expense_amount",
                                       "column_numbers", "income_amount_final",
                                       "expense_amount_final"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (is_label(im, s, keys[i]))
            return true;
    for (int c = 0; c < def->ncols; c++)
        if (strcmp(s, def->cols[c].title) == 0)
            return true;
    const TableLayout *l = &def->layout;
    if ((l->head && strcmp(s, l->head) == 0) || (l->group && strcmp(s, l->group) == 0))
        return true;
    for (int i = 0; i < def->nsides; i++)
        if ((def->sides[i].title && strcmp(s, def->sides[i].title) == 0) ||
            (def->sides[i].amount_title && strcmp(s, def->sides[i].amount_title) == 0))
            return true;
    return false;
}

/* Whether row R holds an amount: a number cell, or a text with a decimal
 * point or thousands separators that reads as a number (12,066,500.00 of
 * a table in 元: the first row below a head, its 合计 not a title). */
static bool amount_row(const BSheet *s, int r)
{
    for (int c = 0; c < s->ncols; c++) {
        const BCell *x = book_cell(s, r, c);
        Dec v;
        if (x->kind == BC_NUMBER || x->kind == BC_NOVALUE ||
            (x->kind == BC_TEXT && (strchr(x->text, '.') || strchr(x->text, ',')) &&
             imp_text_number(x->text, &v)))
            return true;
    }
    return false;
}

static int find_head(Imp *im, const TableDef *def, const BSheet *s, Head *h)
{
    memset(h, 0, sizeof *h);
    h->end = -1;
    h->code = -1;
    h->code_name = -1;
    for (int r = 0; r < s->nrows && r < 16 && !amount_row(s, r); r++)
        for (int c = 0; c < s->ncols; c++) {
            const char *t = imp_trim(im, book_text(s, r, c));
            if (!head_text(im, def, t))
                continue;
            h->end = r;
            if (is_label(im, t, "code_head"))
                h->code = c;
            if (is_label(im, t, "code_name"))
                h->code_name = c;
            if ((is_label(im, t, "code_name") || is_label(im, t, "item") ||
                 is_label(im, t, "income_item") || is_label(im, t, "expense_item")) &&
                h->nnames < 2 && (h->nnames == 0 || h->names[0] != c))
                h->names[h->nnames++] = c;
        }
    /* a one-sided table's names are under 科目名称 (项目 may stand over it) */
    if (def->nsides != 2 && h->code_name >= 0) {
        h->names[0] = h->code_name;
        h->nnames = 1;
    }
    if (h->nnames == 0 || h->end < 0) {
        snprintf(im->err, im->errn,
                 "%s: sheet '%s': no head: none of its first rows has a cell '%s' or '%s'",
                 im->b->path, s->name, label(im, "code_name"), label(im, "item"));
        return -1;
    }
    return 0;
}

/* ---- a table's rows ---------------------------------------------------------------- */

/* S without an ordinal before it: 一、 1、 1. （一） */
static const char *no_ordinal(const char *s)
{
    const char *p = s;
    if (*p >= '0' && *p <= '9') {
        while (*p >= '0' && *p <= '9')
            p++;
        if (*p == '.')
            return p + 1;
    } else {
        p = imp_cn_numerals(p);
    }
    if (p > s && strncmp(p, "、", strlen("、")) == 0)
        return p + strlen("、");
    return s;
}


/* The key of the row of DEF (side SIDE) printed as NAME; a 类 of the
 * catalogue named so gives its code (*CODE); else NAME itself. */
static const char *row_key(Imp *im, const TableDef *def, int side, const char *name, bool *code)
{
    *code = false;
    /* the rows of its own side first: 总计 is 收入总计 on the left, 支出总计 on the right */
    for (int pass = 0; pass < 4; pass++) {
        const char *n = pass % 2 ? no_ordinal(name) : name;
        for (int i = 0; i < def->nrows; i++) {
            const RowDef *r = &def->rows[i];
            if (pass < 2 && r->side != side)
                continue;
            if (r->key && ((r->label && strcmp(n, r->label) == 0) ||
                           (r->name && strcmp(n, r->name) == 0) || strcmp(n, r->key) == 0))
                return r->key;
            if (r->what == RD_ROWS)
                for (int w = 0; w < im->v->dim[r->dim].n; w++)
                    if ((r->words & ((WordSet)1 << w)) &&
                        (strcmp(n, im->v->dim[r->dim].words[w].name) == 0 ||
                         strcmp(n, im->v->dim[r->dim].words[w].title) == 0))
                        return im->v->dim[r->dim].words[w].name;
        }
    }
    if (def->catalog >= 0) { /* tables 1 and 4 print the 类 by name alone */
        const Catalog *cat = &im->defs->cat.k[def->catalog];
        const char *n = no_ordinal(name);
        for (int i = 0; i < cat->n; i++)
            if (strlen(cat->entries[i].code) == 3 && strcmp(cat->entries[i].name, n) == 0) {
                *code = true;
                return cat->entries[i].code;
            }
    }
    return no_ordinal(name);
}

static IRow *add_row(Imp *im, ITable *t)
{
    IRow *r = ARENA_PUSH(&im->a, t->rows, t->nrows, t->cap);
    return r;
}

/* The amounts of row R from column FIRST, N of them, into X; -1 after an
 * error, 0 when all are blank, 1 otherwise. */
static int amounts(Imp *im, const BSheet *s, int r, int first, int n, const char *money, IRow *x)
{
    int any = 0;
    x->ncells = n;
    for (int j = 0; j < n && j < IMP_MAX_CELLS; j++) {
        int k = imp_amount(im, s, r, first + j, money, &x->cells[j]);
        if (k < 0)
            return -1;
        x->set[j] = k > 0;
        any |= k;
    }
    return any;
}

/* A code as written, or as a number cell: 2070699, 2070699.0 */
static const char *code_text(Imp *im, const BSheet *s, int r, int c)
{
    const char *t = imp_trim(im, book_text(s, r, c));
    if (book_cell(s, r, c)->kind == BC_NUMBER) {
        const char *dot = strchr(t, '.');
        if (dot && strspn(dot + 1, "0") == strlen(dot + 1))
            return arena_strndup(&im->a, t, (size_t)(dot - t));
    }
    return t;
}

static int read_table(Imp *im, ITable *t)
{
    const BSheet *s = &im->b->sheets[t->sheet];
    const TableDef *def = t->def;
    const char *money = imp_sheet_money(im, s);
    Head h;
    if (find_head(im, def, s, &h) < 0)
        return -1;
    bool two = def->nsides == 2;
    if (two && h.nnames < 2) {
        snprintf(im->err, im->errn, "%s: sheet '%s': the head has no '%s' column for its second side",
                 im->b->path, s->name, label(im, "item"));
        return -1;
    }
    const char *mark = label(im, "note_mark");
    for (int r = h.end + 1; r < s->nrows; r++) {
        const char *first = "";
        for (int c = 0; c < s->ncols && !*first; c++)
            first = imp_trim(im, book_text(s, r, c));
        if (!*first || strcmp(first, label(im, "column_numbers")) == 0)
            continue;
        if (imp_starts(first, mark) && !t->note) {
            t->note = imp_trim(im, first + strlen(mark));
            continue;
        }
        for (int side = 0; side < (two ? 2 : 1); side++) {
            int nc = h.names[side], ncells = two && side == 0 ? 1 : def->ncols;
            IRow x = {0};
            x.side = side;
            int k = amounts(im, s, r, nc + 1, ncells, money, &x);
            if (k < 0)
                return -1;
            if (k == 0)
                continue; /* a row blank in every column is left out */
            const char *code = h.code >= 0 && !two ? code_text(im, s, r, h.code) : "";
            const char *name = imp_trim(im, book_text(s, r, nc));
            if (!*name && *code && !text_all_digits(code)) { /* 合计 merged over both columns */
                name = code;
                code = "";
            }
            if (text_all_digits(code)) {
                x.key = code;
                x.code = true;
                x.name = *name ? name : NULL;
            } else {
                x.key = row_key(im, def, side, name, &x.code);
                if (x.code) /* a 类 by its name: 七、 is the table's numbering, not the name */
                    x.name = no_ordinal(name);
            }
            if (!*x.key) {
                char ref[16];
                snprintf(im->err, im->errn, "%s: sheet '%s', cell %s: a row with amounts but no "
                         "name or code", im->b->path, s->name, book_ref(r, nc, ref, sizeof ref));
                return -1;
            }
            *add_row(im, t) = x;
        }
    }
    return 0;
}

/* ---- the budget ------------------------------------------------------------------- */

static void write_table(Imp *im, const ITable *t)
{
    FILE *out = im->out;
    /* where it was printed, which budc audit maps diagnostics back to
     * (docs/audit.md): a PDF's page the table starts on, else the sheet
     * (its control characters made spaces) */
    const BSheet *s = &im->b->sheets[t->sheet];
    if (s->page > 0) {
        fprintf(out, "\n// 第%d页：%s", s->page, t->def->title);
    } else {
        fputs("\n// \xE5\xB7\xA5\xE4\xBD\x9C\xE8\xA1\xA8\xEF\xBC\x9A", out); /* 工作表： */
        for (const char *c = s->name; c && *c; c++)
            fputc((unsigned char)*c < 0x20 || *c == 0x7f ? ' ' : *c, out);
    }
    fprintf(out, "\ntable %s {\n", t->def->word);
    for (int i = 0; i < t->nrows; i++) {
        const IRow *r = &t->rows[i];
        fprintf(out, "  %s", r->key);
        if (r->name) {
            fputc(' ', out);
            imp_string(out, r->name);
        }
        int last = r->ncells;
        while (last > 0 && !r->set[last - 1])
            last--;
        for (int j = 0; j < last; j++) {
            fputc(' ', out);
            if (r->set[j])
                imp_dec(out, r->cells[j]);
            else
                fputc('-', out);
        }
        fputc('\n', out);
    }
    if (t->note) {
        fputs("  note ", out);
        imp_string(out, t->note);
        fputc('\n', out);
    }
    fputs("}\n", out);
}

/* The disclosure whose tables the sheets are: the one most of them match. */
static const Disclosure *which(const Imp *im)
{
    const Disclosure *best = NULL;
    int most = 0;
    for (int d = 0; d < im->defs->ndisclosures; d++) {
        int n = 0;
        for (int i = 0; i < im->b->nsheets; i++)
            n += sheet_table(&im->defs->disclosures[d], &im->b->sheets[i]) >= 0;
        if (n > most) {
            most = n;
            best = &im->defs->disclosures[d];
        }
    }
    return best;
}

int import_write(const Book *b, const Defs *defs, const ImportOptions *o, FILE *out, char *err,
                 size_t errn)
{
    Imp im = {.b = b, .defs = defs, .v = &defs->vocab, .o = o, .err = err, .errn = errn, .out = out};
    arena_init(&im.a);
    int st = -1;
    im.ds = which(&im);
    if (!im.ds) {
        snprintf(err, errn, "%s: no sheet is a table of a disclosure (a sheet is found by its name, "
                 "its title or its CSV file name)", b->path);
        goto done;
    }
    im.tables = arena_alloc(&im.a, (size_t)im.ds->ntables * sizeof *im.tables);
    memset(im.tables, 0, (size_t)im.ds->ntables * sizeof *im.tables);
    for (int t = 0; t < im.ds->ntables; t++) {
        im.tables[t].def = &im.ds->tables[t];
        im.tables[t].sheet = -1;
    }
    for (int i = 0; i < b->nsheets; i++) {
        int t = sheet_table(im.ds, &b->sheets[i]);
        if (t >= 0 && im.tables[t].sheet < 0)
            im.tables[t].sheet = i;
    }
    /* every table must be there, but in a single CSV file */
    bool single = b->csv && b->nsheets == 1;
    for (int t = 0; t < im.ds->ntables && !single; t++)
        if (im.tables[t].sheet < 0) {
            /* a table printed in one line under grouped heads (layout
             * across: the 决算 template's 三公 table) whose head the PDF
             * reader did not find as its definition prints it
             * (pdf_across.c): left out, and the budget written says so */
            if (b->pdf && im.ds->tables[t].layout.across)
                continue;
            snprintf(err, errn, "%s: no sheet for the table %s (%s): a sheet is found by its name, "
                     "its title or its CSV file name (%s)",
                     b->path, im.ds->tables[t].word, im.ds->tables[t].title,
                     im.ds->tables[t].csv ? im.ds->tables[t].csv : "");
            goto done;
        }
    if (o->budget && im.ds == &defs->disclosures[0]) {
        snprintf(im.err, im.errn,
                 "%s: --budget names the budget a 决算 executes, but this is a 预算 (its tables "
                 "are a budget's): leave --budget out",
                 b->path);
        goto done;
    }
    /* the department */
    for (int i = 0; i < b->nsheets && !im.name; i++)
        for (int r = 0; r < 4 && r < b->sheets[i].nrows; r++)
            for (int c = 0; c < b->sheets[i].ncols; c++)
                prepared_by(&im, book_text(&b->sheets[i], r, c));
    im.year = o->year ? o->year : import_year(b, im.v);
    /* the budget is in 万元: a sheet in 元 is converted */
    im.money = "\xE4\xB8\x87\xE5\x85\x83";
    if (o->name)
        im.name = o->name;
    if (o->code)
        im.code = o->code;
    for (int t = 0; t < im.ds->ntables; t++)
        if (im.tables[t].sheet >= 0 && read_table(&im, &im.tables[t]) < 0)
            goto done;
    if (imp_projects_read(&im) < 0)
        goto done;
    fprintf(out, "// Imported by budc import from %s.\n", b->path);
    for (int t = 0; t < im.ds->ntables && !single; t++)
        if (im.tables[t].sheet < 0)
            fprintf(out, "// Not read: table %s (%s), printed in one line under grouped heads\n"
                         "// not found as its definition prints them; its figures are checked against\n"
                         "// the facts only.\n",
                    im.ds->tables[t].word, im.ds->tables[t].title);
    fprintf(out, "import \"std/%d.bud\"\n\n", im.year);
    fprintf(out, "department %s ", im.code ? im.code : "0");
    imp_string(out, im.name ? im.name : "");
    fprintf(out, " {\n  year %d\n", im.year);
    if (im.ds != &defs->disclosures[0])
        fprintf(out, "  kind %s\n", im.ds->kind);
    if (o->budget) {
        fputs("  budget ", out);
        imp_string(out, o->budget);
        fputc('\n', out);
    }
    /* a PDF prints its figures rounded from books kept in 元 (issue 9): a
     * total a cent off the sum of its parts is W-ROUNDING, not an error */
    fprintf(out, "  money %s%s\n}\n", im.money, b->pdf ? " from \xE5\x85\x83" : "");
    if (imp_units(&im) < 0 || imp_projects_done(&im) < 0)
        goto done;
    for (int t = 0; t < im.ds->ntables; t++)
        if (im.tables[t].sheet >= 0 && (im.tables[t].nrows || im.tables[t].note))
            write_table(&im, &im.tables[t]);
    imp_assets(&im);
    imp_narrative(&im);
    st = ferror(out) ? -1 : im.ds != &defs->disclosures[0];
    if (st < 0)
        snprintf(err, errn, "cannot write the budget");
done:
    arena_free(&im.a);
    return st;
}
