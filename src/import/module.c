/*
 * module.c — the table of budc-io.so (module.h): what the driver calls of
 * the code built into the module.
 */
#include "import/module.h"

const IoModule budc_io_module = {
    .abi = BUDC_IO_ABI,
    .size = sizeof(IoModule),
    .emit_xlsx = emit_xlsx,
    .sqldb_open = sqldb_open,
    .sqldb_add = sqldb_add,
    .sqldb_write = sqldb_write,
    .sqldb_close = sqldb_close,
    .book_read_xlsx = book_read_xlsx,
    .book_read_csv = book_read_csv,
    .book_free = book_free,
    .import_read_pdf = import_read_pdf,
    .import_year = import_year,
    .import_write = import_write,
};
