/*
 * model.h — the one model of a budget that every check and back end reads.
 *
 * model_build walks the checked syntax trees of a program once and collects
 * the facts (income, spending, basic expenditure, 三公, projects with their
 * indicators and purchases, prior-year figures, assets, narrative, rules)
 * with the source range of every value.  Names written in the source
 * (fund sources, kinds, 三公 items) are resolved to enums here; a name that
 * is not one of them is reported (E-SOURCE, E-KIND, E-SANGONG-ITEM) and the
 * fact is left out, so later checks never see an unresolved name.
 *
 * model_tables derives the nine tables of the disclosure (domain.md) from the
 * facts, for one unit or for the department (the sum over its units).  The
 * tables satisfy every intra-table identity of rules.md section C by
 * construction; the checks compare what an author states with them.
 *
 * model_value evaluates a path (支出.合计, 基本支出[30201], 上年.三公.合计 …)
 * for narrative quotes and rules.
 *
 * Everything lives in the model's arena; the model refers to the program's
 * syntax trees and source files, which must outlive it.
 */
#ifndef BUDC_MODEL_H
#define BUDC_MODEL_H

#include <stdbool.h>

#include "base/arena.h"
#include "front/ast.h"
#include "model/catalog.h"
#include "base/decimal.h"
#include "base/diag.h"
#include "front/load.h"

/* ---- closed sets ------------------------------------------------------------ */

/* Fund sources: the income columns of 收入总表, in printed order. */
typedef enum Source {
    SRC_GP,        /* 一般公共预算 (拨款收入) */
    SRC_FUND,      /* 政府性基金 (预算拨款收入) */
    SRC_SOE,       /* 国有资本经营 (预算拨款收入) */
    SRC_SPECIAL,   /* 财政专户 (管理资金收入) */
    SRC_SHIYE,     /* 事业收入 */
    SRC_OPERATING, /* 经营收入 (事业单位经营收入) */
    SRC_HIGHER,    /* 上级补助 (收入) */
    SRC_AFFILIATE, /* 附属单位上缴 (收入) */
    SRC_OTHER,     /* 其他收入 */
    SRC_CARRY,     /* 上年结转 (结余) */
    SRC__COUNT
} Source;

/* The three 财政拨款 sources are the first three. */
#define SRC_IS_FISCAL(s) ((s) <= SRC_SOE)

/* Kinds of expenditure: the columns of 支出总表 after 合计. */
typedef enum Kind { KIND_BASIC, KIND_PROJECT, KIND_OPERATING, KIND_UPPER, KIND_SUBSIDY, KIND__COUNT } Kind;

typedef enum EconClass { EC_PERSONNEL, EC_PUBLIC } EconClass; /* 人员经费, 公用经费 */

/* 三公 items as written in `sangong` blocks. */
typedef enum SgItem {
    SG_ABROAD_EDU,   /* 教学科研人员因公出国费 */
    SG_ABROAD_OTHER, /* 其他因公出国费 */
    SG_CAR_BUY,      /* 公务用车购置费 */
    SG_CAR_RUN,      /* 公务用车运行维护费 */
    SG_RECEPTION,    /* 公务接待费 */
    SG__COUNT
} SgItem;

const char *source_name(Source s);    /* 一般公共预算 … */
const char *source_title(Source s);   /* 一般公共预算拨款收入 … (as printed in table 1) */
int source_lookup(const char *word);  /* Source, or -1; accepts the long forms */
const char *kind_name(Kind k);        /* 基本 … */
const char *kind_title(Kind k);       /* 基本支出 … */
int kind_lookup(const char *word);    /* Kind, or -1; accepts the 支出 suffix */
const char *sg_item_name(SgItem i);   /* 公务接待费 … */
int sg_item_lookup(const char *word);
const char *econ_class_name(EconClass c); /* 人员经费, 公用经费 */

/* ---- facts ------------------------------------------------------------------ */

typedef struct Unit {
    const char *id;     /* 本级 */
    const char *name;   /* the full name */
    const char *nature; /* 行政, 事业, 参公事业 … or NULL */
    const char *rank, *funding;
    Loc loc;            /* the unit's head line */
    Loc nature_loc;
    int nerrors;        /* errors in its facts (their balance is not checked) */
} Unit;

/* Facts share these fields: the unit (index into Model.units), the whole
 * line and the amount's range. */
typedef struct Income {
    int unit;
    Source src;
    Dec amount;
    Loc loc, amount_loc;
} Income;

typedef struct Spend {
    int unit;
    const char *code; /* 7 digits as written */
    Kind kind;
    Source src;       /* the block's source */
    Dec amount;
    Loc loc, code_loc, amount_loc;
} Spend;

typedef struct Econ {
    int unit;
    const char *code; /* 5 digits as written */
    EconClass cls;
    bool cls_written; /* 人员经费/公用经费 written on the line */
    Source src;
    Dec amount;
    Loc loc, code_loc, amount_loc;
} Econ;

typedef struct Sangong {
    int unit;
    SgItem item;
    Source src;
    Dec amount;
    Loc loc, amount_loc;
} Sangong;

/* An indicator value: a number with operator and measure, or a phrase. */
typedef enum IndValueKind {
    IV_NUMBER, /* [op] number [measure] */
    IV_WORD,   /* a qualitative phrase written as a word: 比上年提升 */
    IV_TEXT    /* free text written as a string */
} IndValueKind;

typedef struct IndValue {
    IndValueKind kind;
    OpKind op;           /* OP_EQ when none is written */
    bool op_written;
    Dec num;
    const char *measure; /* "篇", "兆/秒", "%", or NULL */
    Loc measure_loc;
    const char *text;    /* IV_WORD, IV_TEXT; for IV_NUMBER the value as written */
    Loc loc;             /* the whole value */
} IndValue;

typedef struct Indicator {
    const char *level1;  /* 一级 as written, or NULL */
    const char *level2;  /* 二级 as written */
    const char *name;    /* 三级 */
    const char *desc;    /* the description, or NULL for '-' */
    IndValue value;
    const char *basis;   /* 指标值确定依据, or NULL */
    Loc loc, level1_loc, level2_loc, name_loc, desc_loc, basis_loc;
} Indicator;

typedef struct Purchase {
    const char *pcode;   /* C06010000 */
    const char *name;
    const char *measure; /* 计量单位 as written (a word, string or number), or NULL */
    bool measure_is_number; /* written as a number, or a string of digits */
    bool has_quantity, has_price, has_amount, has_sme;
    Dec quantity, price, amount, sme;
    Source src;          /* default 一般公共预算 */
    Loc loc, pcode_loc, name_loc, measure_loc, quantity_loc, price_loc, amount_loc, sme_loc;
} Purchase;

typedef struct Project {
    int unit;
    const char *name;
    const char *code;    /* function code, or NULL */
    bool has_amount;
    Dec amount;          /* 预算资金 */
    const char *goal;    /* or NULL */
    Indicator *ind;
    int nind;
    Purchase *pur;
    int npur;
    Loc loc, name_loc, code_loc, amount_loc, goal_loc, indicators_loc;
} Project;

/* 部门整体绩效目标: target groups with rows (goal, indicator, value). */
typedef struct TargetRow {
    const char *goal, *indicator;
    IndValue value;
    Loc loc;
} TargetRow;

typedef struct Target {
    const char *name;
    TargetRow *rows;
    int nrows;
    Loc loc;
} Target;

typedef struct PriorFact {
    const char *path; /* canonical text: 三公.合计, 支出[207].基本 */
    const PathSeg *segs;
    Dec amount;
    Loc loc, path_loc, amount_loc;
} PriorFact;

/* ---- tables ----------------------------------------------------------------- */

typedef enum TableId {
    T_SZ,    /* 1 部门收支总表 */
    T_SR,    /* 2 部门收入总表 */
    T_ZC,    /* 3 部门支出总表 */
    T_CZ,    /* 4 财政拨款收支总表 */
    T_GP,    /* 5 一般公共预算财政拨款支出表 */
    T_BASIC, /* 6 一般公共预算财政拨款基本支出表 */
    T_FUND,  /* 7 政府性基金预算财政拨款支出表 */
    T_SOE,   /* 8 国有资本经营预算财政拨款支出表 */
    T_SG,    /* 9 财政拨款"三公"经费支出表 */
    T__COUNT
} TableId;

const char *table_word(TableId t);  /* the word written after `table`: 收支总表 … */
const char *table_key(TableId t);   /* a stable ASCII identifier: summary, income … */
const char *table_title(TableId t); /* the printed title: 部门预算收支总表 … */
int table_lookup(const char *word); /* TableId, or -1 */

/* A cell: its value, and whether any fact contributes (blank vs 0.00). */
typedef struct Cell {
    Dec v;
    bool set;
} Cell;

typedef enum RowKind {
    ROW_TOTAL,  /* 合计 */
    ROW_CODE,   /* a classification code: level 1 (类), 2 (款), 3 (项) */
    ROW_LABEL   /* a fixed label: 一般公共预算, 本年收入合计, 三公小计 … */
} RowKind;

typedef struct TRow {
    RowKind kind;
    const char *key;  /* code, label, or 合计 */
    const char *name; /* catalogue name of a code; the label itself otherwise */
    int level;        /* ROW_CODE: 1, 2, 3; otherwise 0 */
    int section;      /* T_SZ and T_CZ: 0 = income side, 1 = expenditure side */
    Cell *cells;      /* ncols */
} TRow;

typedef struct Table {
    TableId id;
    int ncols;
    const char *const *cols;     /* column titles, as printed */
    const char *const *col_keys; /* stable column identifiers: total, basic … */
    TRow *rows;
    int nrows;
    int *slots;       /* hash index of rows by key (table_row builds it) */
    int nslots, indexed;
    Arena *arena;     /* the model's, where the index lives */
} Table;

/* The row with KEY, or NULL. */
TRow *table_row(const Table *t, const char *key);

/* ---- stated tables (as printed) --------------------------------------------- */

typedef struct StatedCell {
    bool blank; /* '-' */
    Dec v;
    Loc loc;
} StatedCell;

typedef struct StatedRow {
    const char *key;  /* as written: a code, a label, or 合计 */
    bool key_is_code;
    const char *name; /* the printed name, or NULL */
    StatedCell *cells;
    int ncells;
    Loc loc, key_loc, name_loc;
} StatedRow;

typedef struct StatedTable {
    TableId id;
    StatedRow *rows;
    int nrows;
    const char *note; /* or NULL */
    Loc loc, note_loc;
    Loc head_loc;     /* `table NAME` */
} StatedTable;

/* ---- assets ----------------------------------------------------------------- */

typedef enum AssetRow {
    AS_TOTAL,     /* 资产总额 */
    AS_BUILDINGS, /* 房屋 */
    AS_OFFICES,   /* 办公用房 (of which) */
    AS_VEHICLES,  /* 车辆 */
    AS_EQUIPMENT, /* 大型设备 */
    AS_OTHER,     /* 其他固定资产 */
    AS__COUNT
} AssetRow;

const char *asset_row_name(AssetRow r);

typedef struct Assets {
    bool present;
    const char *date;
    StatedCell qty[AS__COUNT], value[AS__COUNT]; /* blank when not written */
    bool row_written[AS__COUNT];
    Loc row_loc[AS__COUNT];
    bool has_planned;
    Dec planned;
    Loc loc, planned_loc;
} Assets;

/* ---- narrative -------------------------------------------------------------- */

typedef enum ParaKind { PARA_TEXT, PARA_HEADING, PARA_INSERT } ParaKind;

typedef struct Para {
    ParaKind kind;
    int section;          /* index into Model.sections, or -1 before any */
    const TextPart *parts; /* PARA_TEXT, PARA_HEADING */
    const char *insert;   /* PARA_INSERT: the table word */
    Loc loc;
} Para;

typedef struct Section {
    const char *word;  /* 预算安排总体情况 … */
    const char *title; /* as printed, or NULL */
    Loc loc, word_loc;
} Section;

typedef struct Glossary {
    const char *term, *definition;
    Loc loc;
} Glossary;

typedef struct Rule {
    const char *name;
    bool is_error;
    const char *message;
    const Expr *cond;
    Loc loc, name_loc;
} Rule;

/* ---- the model -------------------------------------------------------------- */

typedef struct Model {
    Arena arena;
    const Program *program;
    Catalogs cat;
    bool cat_shared;   /* cat belongs to the program's StdCache */

    bool has_department;
    const char *dept_code, *dept_name;
    int year;
    const char *money;     /* 万元 or 元 */
    int money_scale;       /* decimals an amount may have: 2 for 万元 … */
    Loc dept_loc;

    Unit *units;       int nunits;
    Income *income;    int nincome;
    Spend *spend;      int nspend;
    Econ *econ;        int necon;
    Sangong *sangong;  int nsangong;
    Project *projects; int nprojects;
    Target *targets;   int ntargets;
    const char **perf_goals; int nperf_goals;
    Loc perf_loc;
    PriorFact *prior;  int nprior;
    /* prior "FILE": last year's budget, compiled by the compilation; its
     * figures answer 上年.… paths that no `prior` line states. */
    const char *prior_file;  /* as written, relative to its file */
    const SrcFile *prior_from;
    Loc prior_loc;
    struct Model *prior_model; /* owned by the compilation */
    StatedTable *stated; int nstated;
    Assets assets;
    Section *sections; int nsections;
    Para *paras;       int nparas;
    bool has_narrative;
    Loc narrative_loc;
    Glossary *glossary; int nglossary;
    Rule *rules;       int nrules;

    Table *tables[T__COUNT]; /* department tables, built by model_tables */
    /* When trace is set, model_value records where the facts it adds up are
     * written: the first trace_max in trace[], and how many in trace_total. */
    Loc *trace;
    int trace_max, ntrace, trace_total;
    int nerrors;             /* errors reported while building */
    bool overflow;           /* some sum exceeds the decimal type: nothing is derived */
} Model;

/* Builds the model of program P (which must have loaded without errors in
 * the files that matter; statements with errors are skipped).  Reports name
 * resolution errors to D.  Returns the number of errors. */
int model_build(Model *m, const Program *p, DiagCtx *d);
void model_free(Model *m);

/* The nine tables for UNIT (index into m->units), or for the whole
 * department when UNIT is -1.  Department tables are cached in m->tables;
 * unit tables are built on each call in the model's arena. */
Table *model_table(Model *m, TableId id, int unit);

/* Source ranges of the facts that contribute to cell (ROW, COL) of table ID
 * of the department: up to MAX locations into OUT; returns how many there
 * are in all (may exceed MAX). */
int model_contributors(const Model *m, TableId id, const char *row, int col, Loc *out, int max);

/* ---- values ----------------------------------------------------------------- */

typedef enum ValueStatus {
    VAL_OK,
    VAL_UNKNOWN_PATH, /* no such figure: the message says why */
    VAL_NO_PRIOR,     /* 上年.… with no prior fact */
    VAL_NO_VALUE,     /* the figure does not apply (a project without amount) */
    VAL_ARITH         /* overflow or division by zero */
} ValueStatus;

typedef struct ValueCtx {
    int unit;         /* -1: the department */
    int project;      /* for 项目.… paths: index into m->projects, or -1 */
} ValueCtx;

/* Evaluates PATH.  On VAL_OK *out holds the value and *where (if not NULL)
 * the first fact that contributes (or the department line when none does).
 * Otherwise MSG receives a one-line explanation (with a suggestion where one
 * exists). */
ValueStatus model_value(Model *m, const PathSeg *path, ValueCtx ctx, Dec *out, Loc *where,
                        char *msg, size_t msgn);

/* Evaluates an expression of paths and numbers.  Comparisons give 1 or 0.
 * *has_div is set when a division was done (the result is then rounded to
 * 6 decimals, and a quote compares it rounded to the decimals written). */
ValueStatus model_eval(Model *m, const Expr *e, ValueCtx ctx, Dec *out, Loc *where, bool *has_div,
                       char *msg, size_t msgn);

/* The value a narrative quote shows: {figure = printed} with the printed
 * number's decimals, {figure} as computed (2 decimals after a division).
 * False when it cannot be computed (the checker has reported why). */
bool model_quote_value(Model *m, const Expr *e, Dec *out);

/* The text of PARTS with each quote replaced by its value (in the arena). */
const char *model_render(Model *m, const TextPart *parts);

/* The canonical text of PATH (三公.合计, 支出[207].基本) into BUF. */
void path_text(const PathSeg *path, char *buf, size_t n);

/* Whether U is a 行政单位 or a 参公事业单位 (机关运行经费 covers those), and
 * whether the department has one. */
bool unit_is_admin(const Unit *u);
bool model_has_admin_unit(const Model *m);

/* Sums into *acc, reporting overflow as a failed status. */
bool dec_acc(Dec *acc, Dec x);

#endif
