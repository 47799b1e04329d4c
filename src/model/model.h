/*
 * model.h — the one model of a budget that every check and back end reads.
 *
 * model_build walks the checked syntax trees of a program once and collects
 * the facts (income, spending, basic expenditure, 三公: facts.h; projects
 * with their indicators and purchases, prior-year figures, assets,
 * narrative, rules) with the source range of every value.  The words
 * written in the source (fund sources, kinds, 三公 items) are resolved
 * against the vocabulary (vocab.h) here; a word that is not one of them is
 * reported (E-SOURCE, E-KIND, E-SANGONG-ITEM) and the fact left out, so
 * later checks never see an unresolved word.
 *
 * model_finish then derives every table of the budget's disclosure
 * (tabledef.h) for the department and for each unit (tables.c), and renders
 * the narrative's text.  From then on the model is read only: checks and
 * back ends take it const.  Every sum goes through query.h.
 *
 * Everything lives in the model's arena; the model refers to the program's
 * syntax trees and source files and to its Defs, which must outlive it.
 */
#ifndef BUDC_MODEL_H
#define BUDC_MODEL_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/decimal.h"
#include "base/diag.h"
#include "front/ast.h"
#include "front/load.h"
#include "model/defs.h"
#include "model/facts.h"

/* ---- facts ------------------------------------------------------------------ */

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

/* The text of V as written; for a number the source could not give, its
 * operator, number and measure ("≤72万元") into BUF. */
const char *indvalue_text(const IndValue *v, char *buf, size_t n);

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
    int src;             /* a source word; default the one tagged general */
    int method;          /* 采购方式: a word of the method vocabulary, or -1 */
    Loc loc, pcode_loc, name_loc, measure_loc, quantity_loc, price_loc, amount_loc, sme_loc;
} Purchase;

/* 绩效自评 (a 决算's): what one indicator of the budget's project achieved. */
typedef struct Achieved {
    const char *name;    /* the indicator's 三级指标, as in the budget */
    IndValue value;
    bool has_points;     /* 分值 and 得分 written (the 项目支出绩效自评表) */
    Dec weight, points;  /* 分值, 得分 */
    const char *reason;  /* 偏差原因及改进措施, or NULL */
    Loc loc, name_loc, weight_loc, points_loc;
} Achieved;

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
    /* result SCORE GRADE { … } (a 决算's 绩效自评): the score, the grade,
     * and what its indicators achieved */
    bool has_result;
    Dec score;
    const char *grade;
    Achieved *ach;
    int nach;
    Loc result_loc, score_loc, grade_loc;
    /* a 决算's 绩效跟踪 (`tracked`) and the problems its 绩效自评 found and
     * how many of them are fixed (`problems FOUND FIXED`) */
    bool tracked, has_problems;
    Dec found, fixed;
    Loc tracked_loc, found_loc, fixed_loc;
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

/* ---- narrative -------------------------------------------------------------- */

typedef enum ParaKind { PARA_TEXT, PARA_HEADING, PARA_INSERT } ParaKind;

typedef struct Para {
    ParaKind kind;
    int section;          /* index into its Narrative's sections, or -1 before any */
    const TextPart *parts; /* PARA_TEXT, PARA_HEADING */
    const char *insert;   /* PARA_INSERT: the table word */
    Loc loc;
} Para;

typedef struct Section {
    const char *word;  /* 预算安排总体情况 … */
    const char *title; /* as printed, or NULL */
    Loc loc, word_loc;
} Section;

/* A 说明: the department's (`narrative` at the top level of a file) or a
 * unit's own (`narrative` inside its `unit` block, the text of the unit's
 * 单位预算).  Its quotes show the figures of whose it is: every unit's, or
 * the unit's alone (model_narrative). */
typedef struct Narrative {
    bool present;          /* some `narrative` block was written */
    Loc loc;               /* the first one */
    Section *sections;     /* Para.section indexes these */
    int nsections;
    Para *paras;
    int nparas;
    const char **rendered; /* by model_finish: [nparas], model_text */
} Narrative;

/* ---- units ------------------------------------------------------------------ */

typedef struct Unit {
    const char *id;     /* 本级 */
    const char *name;   /* the full name */
    const char *nature; /* 行政, 事业, 参公事业 … or NULL */
    const char *rank, *funding;
    Loc loc;            /* the unit's head line */
    Loc nature_loc;
    bool admin;         /* a 行政单位 or 参公事业单位 (unit_is_admin) */
    int nerrors;        /* errors in its facts (their balance is not checked) */
    /* Its facts: of each kind, one run of the model's array (a unit is
     * written in one block), from fact_first, fact_count of them. */
    int fact_first[F__COUNT], fact_count[F__COUNT];
    /* Its own disclosure's text (a `narrative` block inside the unit) and
     * last year's figures it quotes (a `prior` block inside the unit). */
    Narrative narrative;
    PriorFact *prior;
    int nprior;
} Unit;

/* ---- tables ----------------------------------------------------------------- */

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
    const char *key;   /* code, label, or 合计 */
    const char *name;  /* catalogue name of a code; the definition's name otherwise */
    const char *label; /* as printed in the PDF (tabledef.h) */
    int level;         /* ROW_CODE: 1, 2, 3; otherwise 0 */
    int section;       /* its side (TableDef.sides), 0 in a one-sided table */
    bool foot;         /* a two-sided table's foot row */
    const RowDef *def; /* the definition's row it comes from */
    int word;          /* a `rows` row: its word of def->dim; -1 otherwise */
    Cell *cells;       /* ncols */
} TRow;

typedef struct Table {
    const TableDef *def; /* its columns are def->cols */
    int ncols;
    TRow *rows;
    int nrows;
    int *slots;          /* hash index of rows by key */
    int nslots;
} Table;

/* The row with KEY, or NULL. */
const TRow *table_row(const Table *t, const char *key);

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
    int table;        /* index into the disclosure's tables */
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



/* A row of the asset table that is a part of another (a word of the asset
 * vocabulary tagged `part`): 执法执勤用车 of 车辆, 单价100万元以上设备 of
 * 大型设备. */
typedef struct AssetPart {
    int word;        /* in the asset vocabulary */
    AssetRow of;     /* the row it is a part of */
    StatedCell qty, value;
    Loc loc;
} AssetPart;

typedef struct Assets {
    bool present;
    const char *date;
    StatedCell qty[AS__COUNT], value[AS__COUNT]; /* blank when not written */
    bool row_written[AS__COUNT];
    Loc row_loc[AS__COUNT];
    AssetPart *parts; /* in the order written */
    int nparts;
    bool has_planned;
    Dec planned;
    Loc loc, planned_loc;
} Assets;

/* A 决算's 政府采购 actuals (`procurement { ROW AMOUNT }`): the amounts by
 * row of the procured vocabulary (合计, 货物 … 中小企业 …), the
 * department's. */
typedef struct Procured {
    bool present;
    bool written[VOCAB_MAX_WORDS];
    Dec amount[VOCAB_MAX_WORDS];
    Loc row_loc[VOCAB_MAX_WORDS], amount_loc[VOCAB_MAX_WORDS];
    Loc loc;
} Procured;

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
    const Defs *defs;       /* catalogues, vocabulary, tables (not owned) */
    const Catalogs *cat;    /* &defs->cat */
    const Vocab *vocab;     /* &defs->vocab */
    const Disclosure *disclosure; /* the tables of this budget's kind */
    const char *kind;       /* 预算 (the default) or 决算: `kind` in the department */
    bool final;             /* a 决算 (final accounts): execution, not plans */
    Loc kind_loc;

    bool has_department;
    const char *dept_code, *dept_name;
    int year;
    const char *money;     /* 万元 or 元 */
    int money_scale;       /* decimals an amount may have: 2 for 万元 … */
    bool rounded;          /* money 万元 from 元: every amount is rounded to 0.01 */
    Loc money_loc;         /* the money statement */
    Loc dept_loc;

    Unit *units;       int nunits;
    Fact *facts[F__COUNT]; int nfacts[F__COUNT];
    Project *projects; int nprojects;
    Target *targets;   int ntargets;
    const char **perf_goals; int nperf_goals;
    Loc perf_loc;
    PriorFact *prior;  int nprior; /* the department's (a unit's own: Unit.prior) */
    /* prior "FILE": last year's budget, compiled by the compilation; its
     * figures answer 上年.… paths that no `prior` line states. */
    const char *prior_file;  /* as written, relative to its file */
    const SrcFile *prior_from;
    Loc prior_loc;
    const struct Model *prior_model; /* owned by the compilation */
    /* budget "FILE" (a 决算): the same year's budget, compiled by the
     * compilation; its figures answer 预算.… paths (年初预算). */
    const char *budget_file;
    const SrcFile *budget_from;
    Loc budget_loc;
    const struct Model *budget_model; /* owned by the compilation */
    StatedTable *stated; int nstated;
    Assets assets;
    Procured procured;     /* a 决算's 政府采购 actuals */
    Narrative narrative;   /* the department's 说明 */
    Glossary *glossary; int nglossary;
    Rule *rules;       int nrules;

    /* By model_finish: every table of the disclosure, the department's
     * (unit -1) and each unit's; the text of every paragraph of each
     * narrative. */
    Table *tables;           /* [(nunits + 1) * ntables] */
    bool finished;
    int nerrors;             /* errors reported while building */
    bool overflow;           /* some sum exceeds the decimal type: nothing is derived */
} Model;

/* Whose figures a value is: the department's (every unit's) or one
 * unit's; a rule's 项目.… paths are of one project at a time. */
typedef struct ValueCtx {
    int unit;         /* -1: the department */
    int project;      /* for 项目.… paths: index into m->projects, or -1 */
} ValueCtx;

/* Builds the model of program P (which must have loaded without errors in
 * the files that matter; statements with errors are skipped) with the
 * catalogues, words and tables of DEFS.  Reports name resolution errors to
 * D.  Returns the number of errors. */
int model_build(Model *m, const Program *p, const Defs *defs, DiagCtx *d);

/* Derives the tables and renders the text; after it the model is read
 * only.  Not for a model whose sums overflow (m->overflow). */
void model_finish(Model *m);

void model_free(Model *m);

/* The parts of model_finish (tables.c, value.c): the tables, and the text
 * of PARTS with each quote's value for CTX. */
void model_derive_tables(Model *m);
const char *model_render(Model *m, ValueCtx ctx, const TextPart *parts);

/* The 说明 of UNIT (index into m->units), or the department's when UNIT is
 * -1. */
const Narrative *model_narrative(const Model *m, int unit);

/* The label KEY of the `label` vocabulary, as the outputs print it: in a
 * 决算, KEY_final when the vocabulary has it (收入决算数 for 收入预算数). */
const char *model_label(const Model *m, const char *key);

/* The number of tables of the budget's disclosure, and table T for UNIT
 * (index into m->units), or for the department when UNIT is -1. */
int model_ntables(const Model *m);
const Table *model_table(const Model *m, int t, int unit);

/* The table a printed table's WORD names (its word, title or another word),
 * or -1. */
int model_table_find(const Model *m, const char *word);

/* ---- values ----------------------------------------------------------------- */

typedef enum ValueStatus {
    VAL_OK,
    VAL_UNKNOWN_PATH, /* no such figure: the message says why */
    VAL_NO_PRIOR,     /* 上年.… with no prior fact */
    VAL_NO_VALUE,     /* the figure does not apply (a project without amount) */
    VAL_ARITH         /* overflow or division by zero */
} ValueStatus;


/* Where the facts a value adds up are written: the first MAX in LOCS, and
 * how many there are in TOTAL. */
typedef struct Trace {
    Loc *locs;
    int max, n, total;
} Trace;

/* Evaluates PATH.  On VAL_OK *out holds the value and *where (if not NULL)
 * the first fact that contributes (or the department line when none does);
 * TRACE (if not NULL) receives where the facts are.  Otherwise MSG receives
 * a one-line explanation (with a suggestion where one exists). */
ValueStatus model_value(const Model *m, const PathSeg *path, ValueCtx ctx, Dec *out, Loc *where,
                        Trace *trace, char *msg, size_t msgn);

/* Evaluates an expression of paths and numbers.  Comparisons give 1 or 0.
 * *has_div is set when a division was done (the result is then rounded to
 * 6 decimals, and a quote compares it rounded to the decimals written). */
ValueStatus model_eval(const Model *m, const Expr *e, ValueCtx ctx, Dec *out, Loc *where,
                       bool *has_div, char *msg, size_t msgn);

/* The value a narrative quote shows for CTX: {figure = printed} with the
 * printed number's decimals, {figure} as computed (2 decimals after a
 * division).  False when it cannot be computed (the checker has reported
 * why). */
bool model_quote_value(const Model *m, const Expr *e, ValueCtx ctx, Dec *out);

/* The text of paragraph I of narrative N with each quote replaced by its
 * value (rendered by model_finish, with the figures of whose N is). */
const char *model_text(const Narrative *n, int i);

/* The canonical text of PATH (三公.合计, 支出[207].基本) into BUF: words
 * written in their canonical spelling (vocab_canonical). */
void path_text(const Vocab *v, const PathSeg *path, char *buf, size_t n);

/* The roots of paths (收入, 支出 …, 上年 …), N of them. */
const char *const *model_path_roots(int *n);

/* Every word that may follow a root in a path (合计, the words and groups
 * of the facts' vocabularies in V, the asset rows, the path language's own
 * words, the grades of a 绩效自评) into WORDS, which has room for
 * MODEL_PATH_WORDS_MAX; returns how many.  Not every one fits every root:
 * model_value says which do. */
#define MODEL_PATH_WORDS_MAX (DIM_FACTS * 3 * VOCAB_MAX_WORDS + 4 * VOCAB_MAX_WORDS + 32)
int model_path_words(const Vocab *v, const char **words);

/* Whether U is a 行政单位 or a 参公事业单位 (机关运行经费 covers those), and
 * whether the department has one. */
bool unit_is_admin(const Vocab *v, const Unit *u);

/* Row R's word (资产总额 …) and its printed name, from the `asset`
 * vocabulary by its tag; the row WORD names, or -1. */
const char *asset_row_name(const Model *m, AssetRow r);
const char *asset_row_title(const Model *m, AssetRow r);
int asset_row_of(const Model *m, const char *word);
/* The asset vocabulary's word WORD when it is a part of a row (tagged
 * `part`), its row in *OF; else -1. */
int asset_part_of(const Model *m, const char *word, AssetRow *of);
/* The row of the procured vocabulary that row R is a part of (its tag
 * that is a word of the vocabulary), or -1. */
int procured_whole(const Model *m, int r);
bool model_has_admin_unit(const Model *m);


#endif
