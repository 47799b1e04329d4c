/*
 * diff.h — what changed in meaning between two budgets (diff.c and the
 * areas of diff_impl.h; the command is driver/diff_cmd.c).
 */
#ifndef BUDC_DIFF_H
#define BUDC_DIFF_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "model/model.h"

/* The document comparing OLD with NEW (docs/diff.md), whose files are named
 * OLD_NAME and NEW_NAME, or NULL when memory ran out; *CHANGES receives the
 * number of changes.  Free it with cJSON_Delete. */
cJSON *diff_compare(const Model *old, const Model *new, const char *old_name, const char *new_name,
                    int *changes);

/* Prints the document DOC in the text format (diff_text.c); 0, or -1 when
 * writing failed. */
int diff_print_text(const cJSON *doc, FILE *out);

#endif
