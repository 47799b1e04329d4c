/*
 * explain.h — the documentation of every diagnostic code, for `budc explain`.
 *
 * The table is generated at build time (scripts/gen-explain.sh) from the
 * sections "### CODE — title" of docs/diagnostics.md (the front end's codes)
 * and docs/checks.md (the checker's), in the order they appear there; the
 * documents are the only source of this text.  A body is the section's
 * markdown as written, fences and backticks included, each line ending in
 * '\n', ready to print to a terminal.
 */
#ifndef BUDC_EXPLAIN_H
#define BUDC_EXPLAIN_H

typedef struct ExplainEntry {
    const char *code;   /* "E-SYNTAX" */
    const char *title;  /* the one-line title after the em dash */
    const char *body;   /* the prose and examples under the heading */
} ExplainEntry;

extern const ExplainEntry explain_entries[];
extern const int explain_count;

/* The Chinese versions of some entries (docs/zh/explain.zh.md), printed when the
 * messages are Chinese (base/i18n.h); a code without one is shown in English. */
extern const ExplainEntry explain_zh_entries[];
extern const int explain_zh_count;

/* Runs `budc explain [CODE]` (explain.c); returns the exit status. */
int cmd_explain(int argc, char **argv);

#endif
