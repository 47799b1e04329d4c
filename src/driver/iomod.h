/*
 * iomod.h — loading budc-io.so (import/module.h), the module of the
 * commands that need libxlsxwriter, libzip, expat or SQLite (iomod.c).
 */
#ifndef BUDC_IOMOD_H
#define BUDC_IOMOD_H

#include "import/module.h"

/* The file name of the module, beside the executable (build/budc-io.so)
 * or installed in LIBDIR/budc/. */
#define BUDC_IO_FILE "budc-io.so"

/* The module, loaded on the first call (the same table after it); NULL
 * after saying on stderr why it cannot be loaded (CMD: the command that
 * needs it) — exit EXIT_USAGE then. */
const IoModule *io_module(const char *cmd);

#endif
