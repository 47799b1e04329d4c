/*
 * figure.h — the figures a path names that are sums of facts: 收入…, 支出…,
 * 基本支出…, 机关运行经费 and 三公… (docs/language.md, "Paths").  A path of
 * one of these roots becomes a Filter (facts.h): its root gives the kind of
 * fact, an index the code (支出[207]), and each word after it the words
 * allowed in the dimension it belongs to (支出.一般公共预算.基本).  Table
 * definitions name their rows and columns with the same paths.
 *
 * The other roots of the path language (采购, 资产, 项目, 上年, 增减 …)
 * are not sums of facts: value.c answers them.
 */
#ifndef BUDC_FIGURE_H
#define BUDC_FIGURE_H

#include <stdbool.h>
#include <stddef.h>

#include "front/ast.h"
#include "model/facts.h"
#include "model/vocab.h"

typedef enum FigureStatus {
    FIG_OK,
    FIG_OTHER, /* not a root of facts: 采购, 资产, 项目 … */
    FIG_BAD    /* a root of facts, wrongly named: MSG says why */
} FigureStatus;

/* Reads PATH into *OUT.  BARE: a root alone (支出) names all its facts, as
 * in a table definition; in a quote it must say which (支出.合计).  The
 * root 基本支出 is the economic lines of the 一般公共预算 (GENERAL, the
 * source tagged general), 机关运行经费 their 公用经费 of 行政 and 参公事业
 * units (all units when ADMIN_UNITS is false: the department has none). */
FigureStatus figure_filter(const Vocab *v, const PathSeg *path, bool bare, bool admin_units,
                           Filter *out, char *msg, size_t msgn);

/* Whether ROOT (a path's first word) is a root of facts; its kind. */
bool figure_root(const char *root, FactKind *kind);

/* Whether S is the path segment W. */
bool path_is(const PathSeg *s, const char *w);

/* Whether PATH starts with 上年. */
bool path_is_prior(const PathSeg *path);

/* Calls FN for every path of E, left to right. */
typedef void PathFn(const PathSeg *path, Loc at, void *ctx);
void walk_paths(const Expr *e, PathFn *fn, void *ctx);

#endif
