/*
 * main.c — the command line: budc check / parse / help.
 *
 * Exit status: 0 when the input has no error, 1 when it has errors, 2 for
 * a usage or I/O problem (a file that cannot be read, an unknown option).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "frontend.h"

#define BUDC_VERSION "0.1.0"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };
enum { DEFAULT_MAX_ERRORS = 50 };

static const char usage_text[] =
    "usage: budc COMMAND [OPTIONS] FILE...\n"
    "\n"
    "budc compiles department budgets written in the .bud language.\n"
    "\n"
    "commands:\n"
    "  check FILE...     read and check budgets; report every error\n"
    "  parse FILE        print the syntax tree of a file (for debugging)\n"
    "  help [COMMAND]    show this help, or a command's help\n"
    "\n"
    "options:\n"
    "  -fmax-errors=N    print at most N errors and warnings (default 50; 0 = all)\n"
    "  --help            show this help\n"
    "  --version         show the version\n"
    "\n"
    "exit status: 0 no errors, 1 errors in the input, 2 usage or I/O problem\n"
    "environment: BUDC_STDLIB  directory of the standard library (import \"std/...\")\n";

static const struct {
    const char *name, *help;
} command_help[] = {
    {"check",
     "usage: budc check [-fmax-errors=N] FILE...\n"
     "\n"
     "Reads each FILE and the files it imports, and reports every error and\n"
     "warning as FILE:LINE:COLUMN: error: MESSAGE [CODE], with the source line\n"
     "and the range underlined.  Exits 0 when no file has an error, 1 when one\n"
     "has, 2 when a file cannot be read.\n"},
    {"parse",
     "usage: budc parse FILE\n"
     "\n"
     "Prints the syntax tree of FILE (not of its imports), one node a line, with\n"
     "its line and column.  Meant for debugging budc and for its tests.\n"},
    {"help", "usage: budc help [COMMAND]\n"},
};

__attribute__((format(printf, 1, 2))) static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("budc: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'budc --help'.\n", stderr);
    return EXIT_USAGE;
}

static int cmd_help(int argc, char **argv)
{
    if (argc < 1) {
        fputs(usage_text, stdout);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof command_help / sizeof command_help[0]; i++)
        if (strcmp(argv[0], command_help[i].name) == 0) {
            fputs(command_help[i].help, stdout);
            return EXIT_OK;
        }
    return usage_error("unknown command '%s'", argv[0]);
}

typedef struct Options {
    int max_errors;
    char **files;
    int nfiles;
} Options;

/* Parses options and file names; returns -1 after reporting a usage error. */
static int parse_options(int argc, char **argv, Options *o)
{
    o->max_errors = DEFAULT_MAX_ERRORS;
    o->files = argv;
    o->nfiles = 0;
    bool only_files = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!only_files && strcmp(a, "--") == 0) {
            only_files = true;
        } else if (!only_files && strncmp(a, "-fmax-errors=", 13) == 0) {
            char *end;
            long n = strtol(a + 13, &end, 10);
            if (*end || end == a + 13 || n < 0 || n > 1000000) {
                usage_error("bad value in '%s': expected a whole number of errors", a);
                return -1;
            }
            o->max_errors = (int)n;
        } else if (!only_files && a[0] == '-' && a[1]) {
            usage_error("unknown option '%s'", a);
            return -1;
        } else {
            o->files[o->nfiles++] = argv[i];
        }
    }
    return 0;
}

static int cmd_check(int argc, char **argv, const char *argv0, bool dump)
{
    Options o;
    if (parse_options(argc, argv, &o) < 0)
        return EXIT_USAGE;
    if (o.nfiles == 0)
        return usage_error("%s: no input files", dump ? "parse" : "check");
    if (dump && o.nfiles != 1)
        return usage_error("%s: give exactly one file", "parse");
    DiagCtx d;
    diag_init(&d, stderr);
    d.max_errors = o.max_errors;
    const char *std = frontend_stdlib_dir(argv0);
    bool io_error = false;
    for (int i = 0; i < o.nfiles; i++) {
        Program p;
        program_init(&p, &d, std);
        if (program_load(&p, o.files[i]) < 0)
            io_error = true;
        else if (dump)
            ast_dump(stdout, p.modules->stmts, 0);
        program_free(&p);
    }
    diag_finish(&d);
    if (io_error)
        return EXIT_USAGE;
    return d.nerrors ? EXIT_INPUT : EXIT_OK;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0)
        return cmd_help(0, NULL);
    if (strcmp(cmd, "--version") == 0) {
        printf("budc %s\n", BUDC_VERSION);
        return EXIT_OK;
    }
    if (strcmp(cmd, "help") == 0)
        return cmd_help(argc - 2, argv + 2);
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0)
            return cmd_help(1, &argv[1]);
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 2, argv + 2, argv[0], false);
    if (strcmp(cmd, "parse") == 0)
        return cmd_check(argc - 2, argv + 2, argv[0], true);
    return usage_error("unknown command '%s'", cmd);
}
