/*
 * import_impl.h — what the files of the importer share: the workbook read
 * as the tables of a disclosure (import.c), the facts and the other blocks
 * (import_facts.c).
 */
#ifndef BUDC_IMPORT_IMPL_H
#define BUDC_IMPORT_IMPL_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/decimal.h"
#include "import/import.h"
#include "model/tabledef.h"

enum { IMP_MAX_CELLS = 32 };

/* A row of a table as printed: its key (a code, or the definition's row),
 * the printed name after a code, its amounts (blank where none). */
typedef struct IRow {
    const char *key;
    const char *name; /* a code row's, or NULL */
    bool code;
    int side;         /* two-sided tables: 0 income, 1 expenditure */
    Dec cells[IMP_MAX_CELLS];
    bool set[IMP_MAX_CELLS];
    int ncells;
} IRow;

typedef struct ITable {
    const TableDef *def;
    int sheet;        /* index into the book's sheets, or -1: not in the workbook */
    IRow *rows;
    int nrows, cap;
    const char *note;
} ITable;

typedef struct Imp {
    const Book *b;
    const Defs *defs;
    const Vocab *v;
    const ImportOptions *o;
    const Disclosure *ds;
    Arena a;
    char *err;
    size_t errn;
    /* the department, from the 编制单位 / 预算年度 / 单位 lines */
    const char *code, *name, *money;
    int year;
    ITable *tables; /* [ds->ntables] */
    FILE *out;
    bool fresh;     /* a block was just opened: no blank line before its first */
    bool assets;    /* an assets block was written (import_text.c) */
    bool merged;    /* one unit stands for several the 机构设置表 lists (import_facts.c) */
    struct IProjects *projects; /* the projects read (import_projects.c), or NULL */
} Imp;

/* Text helpers (amount.c). */
size_t imp_space_at(const char *p);
const char *imp_trim(Imp *im, const char *s);
bool imp_starts(const char *s, const char *prefix);
/* S past the Chinese numerals it starts with (一 … 十: the ordinal of
 * 一、 or 十二、), or S itself. */
const char *imp_cn_numerals(const char *s);
/* The money unit sheet S declares in its first rows (单位：元, not
 * 编制单位：), or NULL. */
const char *imp_sheet_money(Imp *im, const BSheet *s);
/* The amount in cell R, C of sheet S, converted from the sheet's money
 * unit FROM to the budget's; false (*SET false) for a blank cell; -1 after
 * an error (in im->err). */
int imp_amount(Imp *im, const BSheet *s, int r, int c, const char *from, Dec *out);
/* The decimal a number cell's text stands for (rounded to the 15
 * significant digits a spreadsheet's double holds); false if none. */
bool imp_number(const char *text, Dec *out);
/* The amount a text cell prints (12,066,500.00, 1 206.65): imp_number
 * without its spaces and thousands separators (, and ，), exact as written;
 * false if none. */
bool imp_text_number(const char *text, Dec *out);
/* V, an amount in FROM (元 or 万元; NULL: the budget's), in the budget's
 * money, exactly; false if it cannot be. */
bool imp_convert(Imp *im, const char *from, Dec *v);
/* The money unit sheet S declares in its first rows (单位：元), or NULL. */
const char *imp_sheet_money(Imp *im, const BSheet *s);
/* A string literal of the .bud language. */
void imp_string(FILE *out, const char *s);
void imp_dec(FILE *out, Dec v);

/* import_facts.c: the units and their facts — from the workbook's `facts`
 * sheet when it has one (budc's own), else what the tables pin down — and
 * the units' descriptions; 0 or -1 after an error. */
int imp_units(Imp *im);

/* import_text.c: a PDF's 说明 (the Book's paragraphs) as the budget's
 * narrative, its figures quoted; nothing for a workbook. */
void imp_narrative(Imp *im);
/* The 国有资产 printed in a PDF's 说明 (its sheet 国有资产表) as the
 * `assets` block. */
void imp_assets(Imp *im);

/* import_projects.c: the sheets of the projects, their indicators and
 * purchase lines read (0, or -1 after an error naming the sheet and the
 * cell); the projects of the unit named UNIT written inside its block
 * (SOLE: the one unit standing for the whole department, which takes the
 * projects of the department's own name too); then -1 when a project was
 * left for no unit. */
int imp_projects_read(Imp *im);
int imp_projects_write(Imp *im, const char *unit, bool sole);
int imp_projects_done(Imp *im);
/* Whether purchase lines were read (the 说明's 政府采购预算 is then quoted). */
bool imp_has_purchases(const Imp *im);

#endif
