/*
 * json.h — writing JSON text: a string, escaped as JSON requires, and a
 * cJSON tree in budc's layout (one member or element a line, two spaces of
 * indent, UTF-8 as it is, numbers as the raw text they were built with).
 * The JSON back end, budc diff and the JSON diagnostics write through here.
 */
#ifndef BUDC_JSON_H
#define BUDC_JSON_H

#include <cjson/cJSON.h>
#include <stdio.h>

/* S as a JSON string: quotes, backslashes and control characters escaped,
 * other characters as they are (UTF-8).  A byte that is not valid UTF-8 (a
 * message cut in the middle of a character) becomes U+FFFD. */
void json_put_string(FILE *f, const char *s);

/* Writes the tree ROOT to OUT with a final newline; 0, or -1 when writing
 * failed. */
int json_write(const cJSON *root, FILE *out);

#endif
