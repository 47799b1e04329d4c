/*
 * value_impl.h — what value.c and value_final.c share: the state of one
 * figure's computation (V) and its helpers.  Internal to src/model.
 */
#ifndef BUDC_VALUE_IMPL_H
#define BUDC_VALUE_IMPL_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "model/figure.h"
#include "model/query.h"

typedef struct V {
    const Model *m;
    ValueCtx ctx;
    Trace *trace;
    Dec sum;
    Loc where;
    bool found;
    char *msg;
    size_t msgn;
} V;

__attribute__((format(printf, 2, 3))) static inline ValueStatus fail(V *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->msg, v->msgn, _(fmt), ap);
    va_end(ap);
    return VAL_UNKNOWN_PATH;
}

static inline bool scope(const V *v, int unit)
{
    return v->ctx.unit < 0 || v->ctx.unit == unit;
}

static inline const char *seg_name(const PathSeg *s)
{
    return s && s->name ? s->name : NULL;
}

/* X (where written: AT) added to the figure, when UNIT_OK. */
void value_take(V *v, bool unit_ok, Dec x, Loc at);
/* A count (项目.数量, 单位.数量): N, where the first of them is written. */
ValueStatus value_count(V *v, int n, Loc first);
/* One more thing counted, written at AT (for the trace). */
void value_counted(V *v, int *n, Loc *first, Loc at);
/* The unit of model P with U's id, or -1. */
int value_prior_unit(const Model *p, const Unit *u);

/* value_final.c: a 决算's own figures — 采购.合同.… (its 政府采购 actuals)
 * and 自评.… (its 绩效自评, 绩效跟踪 and problems). */
ValueStatus value_actuals(V *v, const PathSeg *s);
ValueStatus value_evaluations(V *v, const PathSeg *s);

#endif
