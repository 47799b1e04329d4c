/*
 * module.h — the boundary of budc-io.so, the module that holds the code
 * needing the heavy libraries: the readers of a workbook (import/: libzip,
 * expat) and of a PDF (import/pdf_*.c: poppler-glib), the Excel writer (emit/xlsx*.c: libxlsxwriter) and the SQLite
 * database (emit/sqlite.c: libsqlite3).  The executable does not link those
 * libraries, so that `budc check` and every other command starts without
 * loading them; the commands that need them (xlsx, build, sqlite, import)
 * load the module (driver/iomod.c), which calls back into the executable
 * for everything else (the model, the views, the arenas).
 *
 * The module defines one symbol, budc_io_module: a table of the functions
 * the driver calls, each declared in emit/emit.h or import/import.h.
 */
#ifndef BUDC_IMPORT_MODULE_H
#define BUDC_IMPORT_MODULE_H

#include <stddef.h>

#include "emit/emit.h"
#include "import/import.h"

/* Changed whenever the table or what its functions take changes: a module
 * of another build is refused rather than called wrongly. */
#define BUDC_IO_ABI 2

typedef struct IoModule {
    int abi;     /* BUDC_IO_ABI */
    size_t size; /* sizeof(IoModule) */
    /* emit/emit.h */
    int (*emit_xlsx)(const Model *m, int unit, const char *path, char *err, size_t errn);
    SqlDb *(*sqldb_open)(char *err, size_t n);
    int (*sqldb_add)(SqlDb *s, const Model *m, const char *file, char *err, size_t n);
    int (*sqldb_write)(SqlDb *s, FILE *out, char *err, size_t n);
    void (*sqldb_close)(SqlDb *s);
    /* import/book.h, import/import.h */
    int (*book_read_xlsx)(Book *b, const char *path, char *err, size_t errn);
    int (*book_read_csv)(Book *b, const char *path, char *err, size_t errn);
    void (*book_free)(Book *b);
    int (*import_read_pdf)(Book *b, const char *path, const Defs *defs, char *err, size_t errn);
    int (*import_year)(const Book *b, const Vocab *v);
    int (*import_write)(const Book *b, const Defs *defs, const ImportOptions *o, FILE *out,
                        char *err, size_t errn);
} IoModule;

/* The name the driver looks the table up by (dlsym). */
#define BUDC_IO_SYMBOL "budc_io_module"

extern const IoModule budc_io_module;

#endif
