/*
 * model_tables.c — the nine tables of the disclosure, derived from the facts
 * (see model.h).  Every cell is a sum of facts; the 类 and 款 rows of a
 * function or economic code are sums of the 项 and 款 below them, which come
 * from the code itself (2070699 → 20706 → 207), never from where a line is
 * written.  model_contributors answers the reverse question: which facts make
 * up a cell, for the notes of a broken identity.
 */
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

static const char *const cols_sz[] = {"预算数"};
static const char *const cols_sr[] = {"合计",   "本年收入小计", "财政拨款收入", "财政专户管理资金收入",
                                      "事业收入", "事业单位经营收入", "上级补助收入",
                                      "附属单位上缴收入", "其他收入", "上年结转"};
static const char *const cols_zc[] = {"合计",     "基本支出",       "项目支出",
                                      "经营支出", "上缴上级支出", "对附属单位补助支出"};
static const char *const cols_cz[] = {"合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"};
static const char *const cols_gp[] = {"合计", "基本支出", "项目支出"};
static const char *const cols_basic[] = {"合计", "人员经费", "公用经费"};

static const char *const keys_sz[] = {"amount"};
static const char *const keys_sr[] = {"total", "subtotal", "fiscal", "special_account", "shiye",
                                      "operating", "higher", "affiliate", "other", "carryover"};
static const char *const keys_zc[] = {"total", "basic", "project", "operating", "upper", "subsidy"};
static const char *const keys_cz[] = {"total", "general_public", "government_fund",
                                      "state_capital"};
static const char *const keys_gp[] = {"total", "basic", "project"};
static const char *const keys_basic[] = {"total", "personnel", "public"};

static const char *const table_keys[T__COUNT] = {
    "summary",         "income",         "expenditure",     "fiscal_summary", "general_public",
    "general_public_basic", "government_fund", "state_capital", "three_public",
};

const char *table_key(TableId t) { return table_keys[t]; }

/* The column identifiers that go with a table's column titles. */
static const char *const *col_keys_of(const char *const *cols)
{
    if (cols == cols_sz) return keys_sz;
    if (cols == cols_sr) return keys_sr;
    if (cols == cols_zc) return keys_zc;
    if (cols == cols_cz) return keys_cz;
    if (cols == cols_gp) return keys_gp;
    return keys_basic;
}

/* The rows of table 9, in printed order, and their parent row (-1: none). */
static const char *const sg_rows[] = {"合计",
                                      "三公小计",
                                      "因公出国费",
                                      "教学科研人员因公出国费",
                                      "其他因公出国费",
                                      "公务用车购置及运维费",
                                      "公务用车购置费",
                                      "公务用车运行维护费",
                                      "公务接待费"};
/* For each SgItem: the rows of table 9 it adds to. */
static const int sg_item_rows[SG__COUNT][4] = {
    [SG_ABROAD_EDU] = {0, 1, 2, 3},   [SG_ABROAD_OTHER] = {0, 1, 2, 4},
    [SG_CAR_BUY] = {0, 1, 5, 6},      [SG_CAR_RUN] = {0, 1, 5, 7},
    [SG_RECEPTION] = {0, 1, 8, -1},
};

static unsigned key_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* (Re)builds T's row index; tables are small and change only while derived. */
static void index_rows(Table *t)
{
    int n = 16;
    while (n < t->nrows * 2)
        n *= 2;
    t->slots = arena_alloc(t->arena, (size_t)n * sizeof *t->slots);
    for (int i = 0; i < n; i++)
        t->slots[i] = -1;
    for (int r = 0; r < t->nrows; r++) {
        unsigned i = key_hash(t->rows[r].key) & (unsigned)(n - 1);
        while (t->slots[i] >= 0)
            i = (i + 1) & (unsigned)(n - 1);
        t->slots[i] = r;
    }
    t->nslots = n;
    t->indexed = t->nrows;
}

TRow *table_row(const Table *ct, const char *key)
{
    Table *t = (Table *)ct; /* the index is a cache, not part of the value */
    if (t->nrows < 8 || !t->arena) {
        for (int i = 0; i < t->nrows; i++)
            if (strcmp(t->rows[i].key, key) == 0)
                return &t->rows[i];
        return NULL;
    }
    if (!t->slots || t->indexed != t->nrows)
        index_rows(t);
    unsigned i = key_hash(key) & (unsigned)(t->nslots - 1);
    for (; t->slots[i] >= 0; i = (i + 1) & (unsigned)(t->nslots - 1))
        if (strcmp(t->rows[t->slots[i]].key, key) == 0)
            return &t->rows[t->slots[i]];
    return NULL;
}


typedef struct TB {
    Model *m;
    Table *t;
    int cap;
} TB;

static TRow *add_row(TB *b, RowKind kind, const char *key, const char *name, int level, int section)
{
    if (b->t->nrows == b->cap) {
        int cap = b->cap ? b->cap * 2 : 16;
        TRow *r = arena_alloc(&b->m->arena, (size_t)cap * sizeof *r);
        if (b->t->nrows)
            memcpy(r, b->t->rows, (size_t)b->t->nrows * sizeof *r);
        b->t->rows = r;
        b->cap = cap;
    }
    TRow *r = &b->t->rows[b->t->nrows++];
    r->kind = kind;
    r->key = key;
    r->name = name;
    r->level = level;
    r->section = section;
    r->cells = arena_alloc(&b->m->arena, (size_t)b->t->ncols * sizeof *r->cells);
    memset(r->cells, 0, (size_t)b->t->ncols * sizeof *r->cells);
    for (int i = 0; i < b->t->ncols; i++)
        r->cells[i].v = dec_zero();
    return r;
}

static void add(TRow *r, int col, Dec v)
{
    if (!r)
        return;
    r->cells[col].set = true;
    /* Amounts have at most 2 decimals and at most 18 digits, so a department
     * cannot overflow the 64-bit sum (9.2e16 分); a corrupt input that did
     * would be caught by the fact-level checks. */
    dec_acc(&r->cells[col].v, v);
}

/* The rows of a code table: every code used and its ancestors, in code order. */
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void code_rows(TB *b, const char **codes, int n, const Catalog *cat, bool top_only)
{
    int cap = n * 3 + 1, k = 0;
    const char **all = xmalloc((size_t)cap * sizeof *all);
    for (int i = 0; i < n; i++) {
        size_t len = strlen(codes[i]);
        for (size_t l = 3; l <= len; l += 2) {
            if (top_only && l > 3)
                break;
            all[k++] = arena_strndup(&b->m->arena, codes[i], l);
        }
    }
    qsort(all, (size_t)k, sizeof *all, cmp_str);
    for (int i = 0; i < k; i++) {
        if (i && strcmp(all[i], all[i - 1]) == 0)
            continue;
        const CatEntry *e = cat_find(cat, all[i]);
        int level = (int)(strlen(all[i]) - 1) / 2;
        add_row(b, ROW_CODE, all[i], e ? e->name : "", level, 1);
    }
    free(all);
}

static bool in_scope(int fact_unit, int unit)
{
    return unit < 0 || fact_unit == unit;
}

/* Adds V to the row of CODE and of its ancestors, and to the 合计 row. */
static void add_code(Table *t, TRow *total, const char *code, int col, Dec v, bool top_only)
{
    char key[16];
    size_t len = strlen(code);
    for (size_t l = 3; l <= len && l < sizeof key; l += 2) {
        if (top_only && l > 3)
            break;
        memcpy(key, code, l);
        key[l] = '\0';
        add(table_row(t, key), col, v);
    }
    add(total, col, v);
}

static Table *new_table(Model *m, TableId id, int ncols, const char *const *cols)
{
    Table *t = arena_alloc(&m->arena, sizeof *t);
    memset(t, 0, sizeof *t);
    t->id = id;
    t->ncols = ncols;
    t->cols = cols;
    t->col_keys = col_keys_of(cols);
    t->arena = &m->arena;
    return t;
}

/* Which columns of table ID a spending fact adds to; returns how many. */
static int spend_cols(TableId id, const Spend *s, int *cols)
{
    switch (id) {
    case T_SZ:
        cols[0] = 0;
        return 1;
    case T_SR: {
        int n = 0;
        cols[n++] = 0;
        if (s->src != SRC_CARRY)
            cols[n++] = 1;
        cols[n++] = SRC_IS_FISCAL(s->src) ? 2 : (int)s->src; /* 财政专户 = 3 … 上年结转 = 9 */
        return n;
    }
    case T_ZC:
        cols[0] = 0;
        cols[1] = 1 + (int)s->kind;
        return 2;
    case T_CZ:
        if (!SRC_IS_FISCAL(s->src))
            return 0;
        cols[0] = 0;
        cols[1] = 1 + (int)s->src;
        return 2;
    case T_GP:
    case T_FUND:
    case T_SOE: {
        Source want = id == T_GP ? SRC_GP : id == T_FUND ? SRC_FUND : SRC_SOE;
        if (s->src != want)
            return 0;
        cols[0] = 0;
        cols[1] = 1 + (int)s->kind;
        return 2;
    }
    default:
        return 0;
    }
}

static Table *function_table(Model *m, TableId id, int unit, int ncols, const char *const *cols)
{
    TB b = {m, new_table(m, id, ncols, cols), 0};
    bool top_only = id == T_SZ || id == T_CZ;
    const Catalog *cat = &m->cat.k[CAT_FUNCTION];
    TRow *total = NULL;
    if (!top_only)
        total = add_row(&b, ROW_TOTAL, "合计", "合计", 0, 1);
    if (top_only) {
        /* Tables 1 and 4 list every 类 of the catalogue, empty ones too. */
        for (int i = 0; i < cat->n; i++)
            if (strlen(cat->entries[i].code) == 3)
                add_row(&b, ROW_CODE, cat->entries[i].code, cat->entries[i].name, 1, 1);
    }
    const char **codes = xmalloc((size_t)(m->nspend + 1) * sizeof *codes);
    int n = 0, c[4];
    for (int i = 0; i < m->nspend; i++)
        if (in_scope(m->spend[i].unit, unit) && spend_cols(id, &m->spend[i], c) > 0)
            if (!top_only || !table_row(b.t, arena_strndup(&m->arena, m->spend[i].code, 3)))
                codes[n++] = m->spend[i].code;
    if (top_only) { /* codes missing from the catalogue still get a row */
        TB extra = b;
        code_rows(&extra, codes, n, cat, true);
        b = extra;
    } else {
        code_rows(&b, codes, n, cat, false);
    }
    free(codes);
    if (top_only)
        total = add_row(&b, ROW_LABEL, "本年支出合计", "本年支出合计", 0, 1);
    for (int i = 0; i < m->nspend; i++) {
        const Spend *s = &m->spend[i];
        if (!in_scope(s->unit, unit))
            continue;
        int k = spend_cols(id, s, c);
        for (int j = 0; j < k; j++)
            add_code(b.t, total, s->code, c[j], s->amount, top_only);
    }
    if (top_only) {
        /* Budgets plan no carry-over to next year: 年终结转结余 is blank. */
        add_row(&b, ROW_LABEL, id == T_SZ ? "年终结转结余" : "年末结转结余",
                id == T_SZ ? "年终结转结余" : "年末结转结余", 0, 1);
        TRow *all = add_row(&b, ROW_LABEL, "支出总计", "支出总计", 0, 1);
        total = table_row(b.t, "本年支出合计");
        for (int j = 0; j < ncols; j++)
            if (total->cells[j].set)
                add(all, j, total->cells[j].v);
    }
    return b.t;
}

/* The income side of tables 1 and 4, inserted before the expenditure rows. */
static void income_rows(Model *m, Table *t, int unit)
{
    bool fiscal_only = t->id == T_CZ;
    int nsrc = fiscal_only ? 3 : SRC__COUNT - 1;
    int n = nsrc + 3; /* sources, 本年收入合计, 上年结转结余, 收入总计 */
    TRow *rows = arena_alloc(&m->arena, (size_t)(t->nrows + n) * sizeof *rows);
    TB b = {m, t, 0};
    Table tmp = *t;
    tmp.rows = NULL;
    tmp.nrows = 0;
    b.t = &tmp;
    for (int s = 0; s < nsrc; s++)
        add_row(&b, ROW_LABEL, source_name((Source)s), source_title((Source)s), 0, 0);
    TRow *sum = add_row(&b, ROW_LABEL, "本年收入合计", "本年收入合计", 0, 0);
    TRow *carry = add_row(&b, ROW_LABEL, fiscal_only ? "年初结转结余" : "上年结转结余",
                          fiscal_only ? "年初财政拨款结转结余" : "上年结转结余", 0, 0);
    TRow *all = add_row(&b, ROW_LABEL, "收入总计", "收入总计", 0, 0);
    for (int i = 0; i < m->nincome; i++) {
        const Income *in = &m->income[i];
        if (!in_scope(in->unit, unit))
            continue;
        if (in->src == SRC_CARRY) {
            if (!fiscal_only) {
                add(carry, 0, in->amount);
                add(all, 0, in->amount);
            }
            continue;
        }
        if ((int)in->src >= nsrc)
            continue;
        add(&tmp.rows[in->src], 0, in->amount);
        add(sum, 0, in->amount);
        add(all, 0, in->amount);
    }
    memcpy(rows, tmp.rows, (size_t)n * sizeof *rows);
    memcpy(rows + n, t->rows, (size_t)t->nrows * sizeof *rows);
    t->rows = rows;
    t->nrows += n;
}

static Table *basic_table(Model *m, int unit)
{
    TB b = {m, new_table(m, T_BASIC, 3, cols_basic), 0};
    TRow *total = add_row(&b, ROW_TOTAL, "合计", "合计", 0, 1);
    const char **codes = xmalloc((size_t)(m->necon + 1) * sizeof *codes);
    int n = 0;
    for (int i = 0; i < m->necon; i++)
        if (in_scope(m->econ[i].unit, unit) && m->econ[i].src == SRC_GP)
            codes[n++] = m->econ[i].code;
    code_rows(&b, codes, n, &m->cat.k[CAT_ECONOMIC], false);
    free(codes);
    for (int i = 0; i < m->necon; i++) {
        const Econ *e = &m->econ[i];
        if (!in_scope(e->unit, unit) || e->src != SRC_GP)
            continue;
        add_code(b.t, total, e->code, 0, e->amount, false);
        add_code(b.t, total, e->code, 1 + (int)e->cls, e->amount, false);
    }
    return b.t;
}

static Table *sangong_table(Model *m, int unit)
{
    TB b = {m, new_table(m, T_SG, 4, cols_cz), 0};
    for (size_t i = 0; i < sizeof sg_rows / sizeof sg_rows[0]; i++)
        add_row(&b, i == 0 ? ROW_TOTAL : ROW_LABEL, sg_rows[i], sg_rows[i], 0, 0);
    for (int i = 0; i < m->nsangong; i++) {
        const Sangong *s = &m->sangong[i];
        if (!in_scope(s->unit, unit))
            continue;
        for (int j = 0; j < 4; j++) {
            int r = sg_item_rows[s->item][j];
            if (r < 0)
                continue;
            add(&b.t->rows[r], 0, s->amount);
            add(&b.t->rows[r], 1 + (int)s->src, s->amount);
        }
    }
    return b.t;
}

static Table *derive(Model *m, TableId id, int unit)
{
    Table *t = NULL;
    switch (id) {
    case T_SZ:
        t = function_table(m, T_SZ, unit, 1, cols_sz);
        income_rows(m, t, unit);
        break;
    case T_SR: t = function_table(m, T_SR, unit, 10, cols_sr); break;
    case T_ZC: t = function_table(m, T_ZC, unit, 6, cols_zc); break;
    case T_CZ:
        t = function_table(m, T_CZ, unit, 4, cols_cz);
        income_rows(m, t, unit);
        break;
    case T_GP:
    case T_FUND:
    case T_SOE: t = function_table(m, id, unit, 3, cols_gp); break;
    case T_BASIC: t = basic_table(m, unit); break;
    case T_SG: t = sangong_table(m, unit); break;
    default: break;
    }
    return t;
}

Table *model_table(Model *m, TableId id, int unit)
{
    if (unit >= 0)
        return derive(m, id, unit);
    if (!m->tables[id])
        m->tables[id] = derive(m, id, -1);
    return m->tables[id];
}

/* ---- contributors ------------------------------------------------------------------ */

static bool code_under(const char *code, const char *row)
{
    size_t n = strlen(row);
    return strncmp(code, row, n) == 0;
}

int model_contributors(const Model *m, TableId id, const char *row, int col, Loc *out, int max)
{
    int n = 0;
#define OUT(l)                                                                                 \
    do {                                                                                       \
        if (n < max)                                                                           \
            out[n] = (l);                                                                      \
        n++;                                                                                   \
    } while (0)
    bool is_code = row[0] >= '0' && row[0] <= '9';
    bool total = strcmp(row, "合计") == 0 || strcmp(row, "本年支出合计") == 0 ||
                 strcmp(row, "支出总计") == 0;
    switch (id) {
    case T_SZ:
    case T_CZ: {
        int s = source_lookup(row);
        bool income_total = strcmp(row, "本年收入合计") == 0 || strcmp(row, "收入总计") == 0;
        bool carry = strcmp(row, "上年结转结余") == 0;
        if (s >= 0 || income_total || carry) {
            for (int i = 0; i < m->nincome; i++) {
                const Income *in = &m->income[i];
                if (id == T_CZ && !SRC_IS_FISCAL(in->src))
                    continue;
                if ((s >= 0 && (int)in->src == s) || (carry && in->src == SRC_CARRY) ||
                    (income_total && (in->src != SRC_CARRY || strcmp(row, "收入总计") == 0)))
                    OUT(in->amount_loc);
            }
            break;
        }
        /* fallthrough: expenditure rows */
    }
    /* fallthrough */
    case T_SR:
    case T_ZC:
    case T_GP:
    case T_FUND:
    case T_SOE:
        if (!is_code && !total)
            break;
        for (int i = 0; i < m->nspend; i++) {
            const Spend *s = &m->spend[i];
            int c[4], k = spend_cols(id, s, c);
            bool in_col = false;
            for (int j = 0; j < k; j++)
                in_col |= c[j] == col;
            if (in_col && (total || code_under(s->code, row)))
                OUT(s->amount_loc);
        }
        break;
    case T_BASIC:
        for (int i = 0; i < m->necon; i++) {
            const Econ *e = &m->econ[i];
            if (e->src != SRC_GP || (col > 0 && (int)e->cls != col - 1))
                continue;
            if (total || code_under(e->code, row))
                OUT(e->amount_loc);
        }
        break;
    case T_SG: {
        int r = -1;
        for (size_t i = 0; i < sizeof sg_rows / sizeof sg_rows[0]; i++)
            if (strcmp(sg_rows[i], row) == 0)
                r = (int)i;
        for (int i = 0; i < m->nsangong && r >= 0; i++) {
            const Sangong *s = &m->sangong[i];
            if (col > 0 && (int)s->src != col - 1)
                continue;
            for (int j = 0; j < 4; j++)
                if (sg_item_rows[s->item][j] == r)
                    OUT(s->amount_loc);
        }
        break;
    }
    default:
        break;
    }
#undef OUT
    return n;
}
