/*
 * vocab.h — the words of a budget, read from `vocabulary` statements of the
 * standard library (stdlib/YEAR/vocabulary.bud) and of the budget itself.
 *
 * budc knows no fund source, kind of expenditure, class of basic
 * expenditure or "三公" item by name: each is a Word of a dimension of the
 * facts (Dim), read from data, and what budc must know of one (that it is
 * 财政拨款, that it is 基本支出 …) is a tag on it (WordTag).  A vocabulary
 * also has groups and other spellings (`WORD = WORD…`): a name for a set of
 * its words.  The `label` vocabulary holds the fixed words the back ends
 * print (序号, 栏次 …), looked up by an ASCII key.
 */
#ifndef BUDC_VOCAB_H
#define BUDC_VOCAB_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "front/load.h"

/* The vocabularies: first the dimensions of facts whose values are words,
 * then the other closed sets of words a budget is written with. */
typedef enum Dim {
    DIM_SOURCE, /* 资金来源: 一般公共预算 … */
    DIM_KIND,   /* 支出类型: 基本 … (spending) */
    DIM_CLASS,  /* 基本支出分类: 人员经费, 公用经费 (economic) */
    DIM_ITEM,   /* "三公" items (sangong) */
    DIM_FACTS,  /* (the dimensions of facts end here) */
    DIM_SECTION = DIM_FACTS, /* the sections of the 说明 */
    DIM_INSERT,              /* the blocks a narrative can insert besides tables */
    DIM_ASSET,               /* the rows of the asset table */
    DIM_NATURE,              /* 单位性质 */
    DIM_METHOD,              /* 采购方式: 公开招标 … */
    DIM_DIRECTION,           /* words of a change from last year: 增加, 减少 … */
    DIM_REASON,              /* words that give a change its reason: 主要, 由于 … */
    DIM_GRADE,               /* 绩效评级 of a 绩效自评: 优 …, each with the lowest score */
    DIM_PROCURED,            /* the rows of a 决算's 政府采购 actuals (`procurement`) */
    DIM__COUNT
} Dim;

/* What budc must know of a word (its tags in the vocabulary). */
enum WordTag {
    TAG_GENERAL = 1u << 0, /* source: 一般公共预算 (table 6, 机关运行经费, purchases) */
    TAG_FISCAL = 1u << 1,  /* source: 财政拨款; kind: one 财政拨款 may pay */
    TAG_CARRY = 1u << 2,   /* source: last year's money */
    TAG_BASIC = 1u << 3,   /* kind: 基本支出 */
    TAG_PROJECT = 1u << 4, /* kind: 项目支出 */
    TAG_DEFAULT = 1u << 5, /* class: of every economic 类 no other class names */
    TAG_UPKEEP = 1u << 6,  /* item: the upkeep of vehicles (F9: vehicles need it) */
    TAG_ADMIN = 1u << 7,   /* nature: 行政 or 参公事业 (机关运行经费 covers them);
                              section: the one that reports 机关运行经费 */
    TAG_SANGONG = 1u << 8, /* section: the one that reports 三公经费 */
    TAG_UP = 1u << 9,      /* direction: an increase */
    TAG_DOWN = 1u << 10,   /* direction: a decrease */
    TAG_SAME = 1u << 11,   /* direction: no change */
    /* insert: which block; asset: which row */
    TAG_UNITS = 1u << 12, TAG_PERFORMANCE = 1u << 13, TAG_PROJECTS = 1u << 14,
    TAG_PURCHASES = 1u << 15, TAG_ASSETS = 1u << 16, TAG_GLOSSARY = 1u << 17,
    TAG_TOTAL = 1u << 18, TAG_BUILDINGS = 1u << 19, TAG_OFFICES = 1u << 20,
    TAG_VEHICLES = 1u << 21, TAG_EQUIPMENT = 1u << 22, TAG_OTHER = 1u << 23,
    /* source: a 决算's only (final); written in `income` only (inflow:
     * 使用非财政拨款结余) or in `carryover` only (outflow: 结余分配) */
    TAG_FINAL = 1u << 24, TAG_INFLOW = 1u << 25, TAG_OUTFLOW = 1u << 26,
    TAG_PLAN = 1u << 27, /* section: a budget's only (final: a 决算's only) */
    TAG_PART = 1u << 28, /* asset: a part of the row of its other tag (其中) */
    TAG_SELFEVAL = 1u << 30, /* insert: the 项目支出绩效自评表 of a 决算 */
    TAG_COMPLETE = 1u << 29, /* asset: a part of a set that covers its row (车辆 by use);
                                procured: a part of a set that covers its whole (货物, 工程,
                                服务 of 合计); procured's whole is the row its tag names */
};

enum { VOCAB_MAX_WORDS = 32 }; /* per dimension: a set of words is a bit mask */

typedef uint32_t WordSet;
#define WORDSET_ALL ((WordSet)0xFFFFFFFFu)

typedef struct Word {
    const char *name;       /* 一般公共预算 */
    const char *title;      /* as printed: 一般公共预算拨款收入 (the name when none is written) */
    const char *note;       /* a second printed text (an insert's empty note), or NULL */
    unsigned tags;          /* WordTag */
    const char **prefixes;  /* class: the economic 类 it covers ("301") */
    int nprefixes;
    const char **refs;      /* tags that are words of a vocabulary: a carry-over's
                               budget (一般公共预算), the natures of unit a source
                               is reserved to (事业), the natures a nature counts
                               as (参公事业: 行政 事业) */
    int nrefs;
    Loc loc;
} Word;

typedef struct WordName {   /* a group, or another spelling */
    const char *name;
    const char *title;      /* as printed (the name when none is written) */
    WordSet set;
    Loc loc;
} WordName;

/* An entry of a vocabulary's index: a spelling, the words it names and
 * their canonical spelling. */
typedef struct VocabKey {
    const char *key;
    WordSet set;
    const char *canon;
} VocabKey;

typedef struct Vocab1 {
    Word words[VOCAB_MAX_WORDS];
    int n;
    WordName *names;
    int nnames;
    bool present;
    VocabKey *slots; /* every spelling, hashed (built when the vocabulary is read) */
    int nslots;
} Vocab1;

typedef struct Label {
    const char *key, *text;
} Label;

typedef struct Vocab {
    Vocab1 dim[DIM__COUNT];
    Label *labels;
    int nlabels;
} Vocab;

/* Reads the `vocabulary` statements of P into V (in A).  Reports malformed
 * vocabularies (E-DEFINITION); returns the number of errors. */
int vocab_load(Vocab *v, const struct Program *p, Arena *a, DiagCtx *d);

/* The word of dimension D that WORD names by itself (its name, its printed
 * name, or another spelling of it), or -1. */
int vocab_word(const Vocab *v, Dim d, const char *word);

/* Whether WORD names words of dimension D (a word or a group); *SET
 * receives them. */
bool vocab_set(const Vocab *v, Dim d, const char *word, WordSet *set);

/* The dimension whose words WORD names, the first of DIMS[0..N) that has
 * it, or -1. */
int vocab_dim_of(const Vocab *v, const Dim *dims, int n, const char *word, WordSet *set);

/* The budget (the fund source tagged fiscal) source S belongs to: S
 * itself when it is one, else the one its tags name (a carry-over of it);
 * -1 when none (事业收入 …). */
int vocab_budget(const Vocab *v, int s);

/* The sources whose budget is B (vocab_budget). */
WordSet vocab_of_budget(const Vocab *v, int b);

/* Whether word W of dimension D names, by a tag, word R of dimension RD. */
bool vocab_refers(const Vocab *v, Dim d, int w, Dim rd, int r);

/* The first word of dimension RD that word W of D names by a tag, or -1. */
int vocab_ref(const Vocab *v, Dim d, int w, Dim rd);

/* Whether a unit of nature N may use what is reserved to nature R: N is R,
 * or its tags name R (参公事业 counts as 行政 and 事业). */
bool vocab_nature_allows(const Vocab *v, int n, int r);

/* The first word of D with TAG, or -1. */
int vocab_tagged(const Vocab *v, Dim d, unsigned tag);

/* The words of D with TAG, as a set. */
WordSet vocab_with(const Vocab *v, Dim d, unsigned tag);

/* The canonical spelling of WORD in D: the name of the word or group it
 * names when it is another spelling of one, else WORD itself.  A group of
 * every word of D is written 合计's way by the caller. */
const char *vocab_canonical(const Vocab *v, Dim d, const char *word);

/* The class of basic expenditure economic CODE belongs to by convention:
 * the class whose 类 it is under, else the one tagged default; -1 when the
 * vocabulary has neither. */
int vocab_class_of(const Vocab *v, const char *code);

/* The parts of SET (words of D): each group of the vocabulary inside SET
 * that no larger such group holds (the first spelling of it), then each
 * word of SET in none, into PARTS; GROUP[i] is the group's index into
 * v->dim[d].names, or -1 for a word.  Returns how many (at most
 * VOCAB_MAX_WORDS).  三公.合计's parts: 因公出国费, 公务用车购置及运维费,
 * 公务接待费. */
int vocab_parts(const Vocab *v, Dim d, WordSet set, WordSet *parts, int *group);

/* Every word of D, as a set. */
WordSet vocab_all(const Vocab *v, Dim d);

/* The name of word I of D. */
const char *vocab_name(const Vocab *v, Dim d, int i);
const char *vocab_title(const Vocab *v, Dim d, int i);

/* "一般公共预算, 政府性基金, …": the names of D into BUF. */
void vocab_list(const Vocab *v, Dim d, char *buf, size_t n);

/* The label KEY (序号 for "serial"); KEY itself when the vocabulary has
 * none (vocab_load reports the labels budc needs that are missing). */
const char *vocab_label(const Vocab *v, const char *key);

/* The dimension's word for vocabulary statements: "source" … */
const char *dim_word(Dim d);

#endif
