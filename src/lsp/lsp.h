/*
 * lsp.h — budc lsp: the language server (docs/lsp.md).
 */
#ifndef BUDC_LSP_H
#define BUDC_LSP_H

/* Runs `budc lsp` on standard input and output; returns the exit status
 * (0 after shutdown and exit, 1 when the input ends or exit comes first). */
int cmd_lsp(int argc, char **argv, const char *argv0);

/* Its `budc help lsp` text. */
extern const char *const lsp_help;

#endif
