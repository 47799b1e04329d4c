/* emit_csv.c — placeholder (see emit.h). */
#include "emit.h"

const char *csv_file_name(TableId id)
{
    static const char *const names[T__COUNT] = {
        "01-summary.csv",        "02-income.csv",        "03-expenditure.csv",
        "04-fiscal_summary.csv", "05-general_public.csv", "06-general_public_basic.csv",
        "07-government_fund.csv", "08-state_capital.csv", "09-three_public.csv",
    };
    return names[id];
}

int emit_csv_table(Model *m, TableId id, const CsvOptions *o, FILE *out)
{
    (void)m;
    (void)id;
    (void)o;
    return ferror(out) ? -1 : 0;
}

int emit_csv_long(Model *m, const CsvOptions *o, FILE *out)
{
    (void)m;
    (void)o;
    return ferror(out) ? -1 : 0;
}
