/*
 * sqlite.c — many budgets in one SQLite database (docs/sqlite.md).
 *
 * The database is built in memory, one department after another, in one
 * transaction, and written out whole at the end (sqlite3_serialize) to a
 * stream that output.c renames into place: a failed or interrupted run
 * leaves no half-built file.
 *
 * Its table `facts` is the long CSV (emit_csv_long), one row a line, with
 * the CSV's columns (read back through long_rows.h, so the two cannot
 * differ), the department's id in front and the amount in 分 after: every
 * amount is kept as the decimal text of the CSV (`value`) and as an exact
 * INTEGER number of 分 (`amount_fen`), never as a REAL.  Beside it the
 * departments, units, projects, indicators and procurement lines.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "check/report.h"
#include "emit/emit.h"
#include "emit/long_rows.h"

struct SqlDb {
    sqlite3 *db;
    sqlite3_stmt *dept, *unit, *proj, *ind, *pur, *fact;
    int ndepts;
    int fact_cols; /* the columns of the long CSV (facts created by the first) */
};

static const char schema[] =
    "CREATE TABLE departments (\n"
    "  department_id INTEGER PRIMARY KEY,\n"
    "  file TEXT NOT NULL, code TEXT, name TEXT NOT NULL, year INTEGER NOT NULL,\n"
    "  kind TEXT NOT NULL, money TEXT NOT NULL, fen_per_unit INTEGER NOT NULL);\n"
    "CREATE TABLE units (\n"
    "  department_id INTEGER NOT NULL REFERENCES departments, unit TEXT NOT NULL,\n"
    "  name TEXT NOT NULL, nature TEXT, rank TEXT, funding TEXT, admin INTEGER NOT NULL,\n"
    "  PRIMARY KEY (department_id, unit));\n"
    "CREATE TABLE projects (\n"
    "  department_id INTEGER NOT NULL REFERENCES departments, project_id INTEGER NOT NULL,\n"
    "  unit TEXT NOT NULL, name TEXT NOT NULL, code TEXT, amount TEXT, amount_fen INTEGER,\n"
    "  goal TEXT, PRIMARY KEY (department_id, project_id));\n"
    "CREATE TABLE indicators (\n"
    "  department_id INTEGER NOT NULL REFERENCES departments, project_id INTEGER NOT NULL,\n"
    "  seq INTEGER NOT NULL, level1 TEXT, level2 TEXT, level3 TEXT NOT NULL,\n"
    "  description TEXT, value TEXT, basis TEXT,\n"
    "  PRIMARY KEY (department_id, project_id, seq));\n"
    "CREATE TABLE procurement (\n"
    "  department_id INTEGER NOT NULL REFERENCES departments, project_id INTEGER NOT NULL,\n"
    "  seq INTEGER NOT NULL, catalog_code TEXT NOT NULL, item TEXT, measure TEXT,\n"
    "  quantity TEXT, price TEXT, price_fen INTEGER, amount TEXT, amount_fen INTEGER,\n"
    "  source TEXT, method TEXT, sme TEXT, sme_fen INTEGER,\n"
    "  PRIMARY KEY (department_id, project_id, seq));\n";

static int fail(SqlDb *s, char *err, size_t n, const char *what)
{
    snprintf(err, n, "SQLite: %s: %s", what, sqlite3_errmsg(s->db));
    return -1;
}

static int prepare(SqlDb *s, const char *sql, sqlite3_stmt **st, char *err, size_t n)
{
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
        return fail(s, err, n, "cannot prepare a statement");
    return 0;
}

SqlDb *sqldb_open(char *err, size_t n)
{
    SqlDb *s = xmalloc(sizeof *s);
    memset(s, 0, sizeof *s);
    if (sqlite3_open(":memory:", &s->db) != SQLITE_OK) {
        snprintf(err, n, "SQLite: cannot open a database in memory");
        sqldb_close(s);
        return NULL;
    }
    if (sqlite3_exec(s->db, schema, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        prepare(s, "INSERT INTO departments VALUES (?,?,?,?,?,?,?,?)", &s->dept, err, n) ||
        prepare(s, "INSERT INTO units VALUES (?,?,?,?,?,?,?)", &s->unit, err, n) ||
        prepare(s, "INSERT INTO projects VALUES (?,?,?,?,?,?,?,?)", &s->proj, err, n) ||
        prepare(s, "INSERT INTO indicators VALUES (?,?,?,?,?,?,?,?,?)", &s->ind, err, n) ||
        prepare(s, "INSERT INTO procurement VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", &s->pur, err,
                n)) {
        if (!err[0])
            fail(s, err, n, "cannot create the tables");
        sqldb_close(s);
        return NULL;
    }
    return s;
}

void sqldb_close(SqlDb *s)
{
    if (!s)
        return;
    sqlite3_stmt *st[] = {s->dept, s->unit, s->proj, s->ind, s->pur, s->fact};
    for (size_t i = 0; i < sizeof st / sizeof st[0]; i++)
        sqlite3_finalize(st[i]);
    sqlite3_close(s->db);
    free(s);
}

/* ---- binding ------------------------------------------------------------------- */

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

/* V as decimal text, at least two decimals (as the CSV). */
static void bind_money_text(sqlite3_stmt *st, int i, bool has, Dec v)
{
    char buf[DEC_FMT_MAX];
    Dec r;
    if (!has) {
        sqlite3_bind_null(st, i);
        return;
    }
    if (v.scale < 2 && dec_rescale(v, 2, &r) == DEC_OK)
        v = r;
    dec_format(v, buf, sizeof buf);
    sqlite3_bind_text(st, i, buf, -1, SQLITE_TRANSIENT);
}

/* V, an amount in the budget's money unit, as a whole number of 分 (SCALE:
 * the decimals of the money unit that make 分); NULL when not exact. */
static void bind_fen(sqlite3_stmt *st, int i, bool has, Dec v, int scale)
{
    Dec r;
    if (has && scale >= 0 && dec_rescale(v, scale, &r) == DEC_OK)
        sqlite3_bind_int64(st, i, r.units);
    else
        sqlite3_bind_null(st, i);
}

static int step(SqlDb *s, sqlite3_stmt *st, char *err, size_t n, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? 0 : fail(s, err, n, what);
}

/* ---- the tables --------------------------------------------------------------- */

/* The table facts, with the columns of the long CSV's header R. */
static int create_facts(SqlDb *s, const LongRows *r, char *err, size_t n)
{
    size_t len = 256;
    for (int c = 0; c < r->ncols; c++)
        len += 2 * strlen(r->cell[c]) + 16;
    char *sql = xmalloc(len), *ins = xmalloc(len);
    size_t o = (size_t)snprintf(sql, len, "CREATE TABLE facts (\n  department_id INTEGER NOT NULL "
                                          "REFERENCES departments");
    size_t q = (size_t)snprintf(ins, len, "INSERT INTO facts VALUES (?");
    for (int c = 0; c < r->ncols; c++) {
        o += (size_t)snprintf(sql + o, len - o, ",\n  \"");
        for (const char *p = r->cell[c]; *p && o + 2 < len; p++) {
            if (*p == '"')
                sql[o++] = '"';
            sql[o++] = *p;
        }
        o += (size_t)snprintf(sql + o, len - o, "\" TEXT");
        q += (size_t)snprintf(ins + q, len - q, ",?");
    }
    snprintf(sql + o, len - o, ",\n  amount_fen INTEGER);\n"
                               "CREATE INDEX facts_by_table ON facts (department_id, \"%s\");",
             r->ncols ? r->cell[0] : "department_id");
    snprintf(ins + q, len - q, ",?)");
    int rc = 0;
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        rc = fail(s, err, n, "cannot create the table facts");
    else
        rc = prepare(s, ins, &s->fact, err, n);
    free(sql);
    free(ins);
    if (rc == 0)
        s->fact_cols = r->ncols;
    return rc;
}

/* The facts of M: the long CSV of the department, line by line. */
static int add_facts(SqlDb *s, const Model *m, int id, int scale, char *err, size_t n)
{
    LongRows r;
    if (long_rows(m, -1, &r) < 0) {
        snprintf(err, n, "cannot make the long form of the tables");
        return -1;
    }
    int rc = 0;
    if (!s->fact && r.ncols && (rc = create_facts(s, &r, err, n)) < 0) {
        long_rows_free(&r);
        return rc;
    }
    if (r.ncols != s->fact_cols) {
        snprintf(err, n, "the long form has %d columns, the table facts %d", r.ncols,
                 s->fact_cols);
        long_rows_free(&r);
        return -1;
    }
    int value = long_rows_col(&r, "value");
    for (int row = 1; row < r.nrows && rc == 0; row++) {
        char **f = &r.cell[row * r.ncols];
        sqlite3_bind_int(s->fact, 1, id);
        for (int c = 0; c < r.ncols; c++)
            sqlite3_bind_text(s->fact, c + 2, f[c], -1, SQLITE_STATIC);
        Dec v = dec_zero();
        bool has = value >= 0 && f[value][0] && long_rows_money(&r, row) &&
                   dec_parse(f[value], strlen(f[value]), &v) == DEC_OK;
        bind_fen(s->fact, r.ncols + 2, has, v, scale);
        rc = step(s, s->fact, err, n, "cannot insert a fact");
    }
    long_rows_free(&r);
    return rc;
}

static int add_project(SqlDb *s, const Model *m, int id, int k, const Project *p, int scale,
                       char *err, size_t n)
{
    sqlite3_stmt *st = s->proj;
    sqlite3_bind_int(st, 1, id);
    sqlite3_bind_int(st, 2, k);
    bind_text(st, 3, m->units[p->unit].id);
    bind_text(st, 4, p->name);
    bind_text(st, 5, p->code);
    bind_money_text(st, 6, p->has_amount, p->amount);
    bind_fen(st, 7, p->has_amount, p->amount, scale);
    bind_text(st, 8, p->goal);
    if (step(s, st, err, n, "cannot insert a project") < 0)
        return -1;
    for (int i = 0; i < p->nind; i++) {
        const Indicator *in = &p->ind[i];
        char buf[256];
        st = s->ind;
        sqlite3_bind_int(st, 1, id);
        sqlite3_bind_int(st, 2, k);
        sqlite3_bind_int(st, 3, i + 1);
        const char *l1 = in->level1; /* not written: the catalogue's for its 二级 */
        const CatEntry *e = l1 ? NULL : cat_find(&m->cat->k[CAT_INDICATOR], in->level2);
        bind_text(st, 4, l1 ? l1 : e ? e->extra : NULL);
        bind_text(st, 5, in->level2);
        bind_text(st, 6, in->name);
        bind_text(st, 7, in->desc);
        bind_text(st, 8, indvalue_text(&in->value, buf, sizeof buf));
        bind_text(st, 9, in->basis);
        if (step(s, st, err, n, "cannot insert an indicator") < 0)
            return -1;
    }
    for (int i = 0; i < p->npur; i++) {
        const Purchase *u = &p->pur[i];
        char q[DEC_FMT_MAX];
        st = s->pur;
        sqlite3_bind_int(st, 1, id);
        sqlite3_bind_int(st, 2, k);
        sqlite3_bind_int(st, 3, i + 1);
        bind_text(st, 4, u->pcode);
        bind_text(st, 5, u->name);
        bind_text(st, 6, u->measure);
        if (u->has_quantity) {
            dec_format(u->quantity, q, sizeof q);
            bind_text(st, 7, q);
        }
        bind_money_text(st, 8, u->has_price, u->price);
        bind_fen(st, 9, u->has_price, u->price, scale);
        bind_money_text(st, 10, u->has_amount, u->amount);
        bind_fen(st, 11, u->has_amount, u->amount, scale);
        bind_text(st, 12, vocab_name(m->vocab, DIM_SOURCE, u->src));
        bind_text(st, 13, u->method >= 0 ? vocab_title(m->vocab, DIM_METHOD, u->method) : NULL);
        bind_money_text(st, 14, u->has_sme, u->sme);
        bind_fen(st, 15, u->has_sme, u->sme, scale);
        if (step(s, st, err, n, "cannot insert a purchase") < 0)
            return -1;
    }
    return 0;
}

int sqldb_add(SqlDb *s, const Model *m, const char *file, char *err, size_t n)
{
    int id = ++s->ndepts;
    /* 分 are 10^(2 + the power of ten of the money unit) of an amount */
    int e = money_exp(m->money), scale = e < 0 ? -1 : e + 2;
    long long per = 1;
    for (int i = 0; i < scale; i++)
        per *= 10;
    sqlite3_stmt *st = s->dept;
    sqlite3_bind_int(st, 1, id);
    bind_text(st, 2, file);
    bind_text(st, 3, m->dept_code);
    bind_text(st, 4, m->dept_name);
    sqlite3_bind_int(st, 5, m->year);
    bind_text(st, 6, m->kind);
    bind_text(st, 7, m->money);
    sqlite3_bind_int64(st, 8, scale < 0 ? 0 : per);
    if (step(s, st, err, n, "cannot insert a department") < 0)
        return -1;
    for (int u = 0; u < m->nunits; u++) {
        const Unit *x = &m->units[u];
        st = s->unit;
        sqlite3_bind_int(st, 1, id);
        bind_text(st, 2, x->id);
        bind_text(st, 3, x->name);
        bind_text(st, 4, x->nature);
        bind_text(st, 5, x->rank);
        bind_text(st, 6, x->funding);
        sqlite3_bind_int(st, 7, x->admin);
        if (step(s, st, err, n, "cannot insert a unit") < 0)
            return -1;
    }
    for (int i = 0; i < m->nprojects; i++)
        if (add_project(s, m, id, i + 1, &m->projects[i], scale, err, n) < 0)
            return -1;
    return add_facts(s, m, id, scale, err, n);
}

int sqldb_write(SqlDb *s, FILE *out, char *err, size_t n)
{
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        return fail(s, err, n, "cannot commit");
    sqlite3_int64 size = 0;
    unsigned char *bytes = sqlite3_serialize(s->db, "main", &size, 0);
    if (!bytes)
        return fail(s, err, n, "cannot serialise the database");
    size_t w = fwrite(bytes, 1, (size_t)size, out);
    sqlite3_free(bytes);
    if (w != (size_t)size || ferror(out)) {
        snprintf(err, n, "cannot write the database");
        return -1;
    }
    return 0;
}
