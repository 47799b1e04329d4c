/*
 * view.h — whose document a back end writes: the department's disclosure
 * (部门预算, unit -1: every unit's figures) or one unit's own (单位预算:
 * that unit's tables, projects, purchases and narrative).  What the back
 * ends share about it: which projects belong, the name of the 编制单位,
 * and the words a unit's document prints where the department's prints
 * 部门.
 */
#ifndef BUDC_EMIT_VIEW_H
#define BUDC_EMIT_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"

/* S as the document of UNIT prints it: for a unit, with its first 部门 (the
 * label dept_word) made 单位 (the label unit_word), into BUF, so that
 * a title 部门预算… reads 单位预算… and a note 本部门无… 本单位无…; otherwise S
 * itself (also when BUF is too small: titles and notes are short). */
const char *view_words(const Model *m, int unit, const char *s, char *buf, size_t n);

/* Label KEY of the vocabulary as the document of UNIT prints it
 * (view_words). */
const char *view_label(const Model *m, int unit, const char *key, char *buf, size_t n);

/* Whether project P is in the document of UNIT (every project is in the
 * department's). */
bool view_has_project(int unit, const Project *p);

/* Whether the document of UNIT buys anything (a purchase line of one of
 * its projects). */
bool view_has_purchases(const Model *m, int unit);

/* The 编制单位 of the document: the department's name, or the unit's. */
const char *view_name(const Model *m, int unit);

/* What every back end prints of a derived table: the note the budget states
 * under table ID (`table … { note "…" }`, 空表列示 …) or NULL; whether no
 * cell of TB has a figure; a row's name as printed (its label, or its code
 * when the catalogue lacks it). */
const char *view_stated_note(const Model *m, int id);
bool view_table_empty(const Table *tb);
const char *view_row_name(const TRow *r);

#endif
