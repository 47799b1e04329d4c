/*
 * datapackage.c — datapackage.json, the Frictionless data package
 * descriptor (https://specs.frictionlessdata.io/tabular-data-package/) of
 * the long CSV, which open-data portals read to know what facts.csv holds.
 *
 * One resource, facts.csv: its dialect (comma, CRLF, a header line), its
 * encoding (utf-8, or utf-8-sig with --bom), and a schema with a field per
 * column of the CSV's header, read from the CSV itself (long_rows.h) so
 * that the two cannot disagree: `value` of type any (an amount, in the money
 * unit its `unit` names, on the lines of the tables; a count, a score or an
 * indicator's text on the lines after them), every other a string (codes
 * keep their leading zeros).  The
 * output depends on the model only.
 */
#include <ctype.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "base/json.h"
#include "emit/emit.h"
#include "emit/long_rows.h"
#include "emit/view.h"

/* The package's name: lower-case ASCII, digits, - . _ (the spec's pattern):
 * budget-CODE-YEAR, and -unit-N for a unit's document. */
static void package_name(const Model *m, int unit, char *buf, size_t n)
{
    size_t o = (size_t)snprintf(buf, n, "budget");
    if (m->dept_code) {
        o += (size_t)snprintf(buf + o, n - o, "-");
        for (const char *p = m->dept_code; *p && o + 1 < n; p++)
            buf[o++] = isalnum((unsigned char)*p) ? (char)tolower((unsigned char)*p) : '-';
        buf[o] = '\0';
    }
    o += (size_t)snprintf(buf + o, n - o, "-%d", m->year);
    if (unit >= 0)
        snprintf(buf + o, n - o, "-unit-%d", unit + 1);
}

int emit_datapackage(const Model *m, int unit, const CsvOptions *o, FILE *out)
{
    LongRows r;
    if (long_rows(m, unit, &r) < 0)
        return -1;
    char name[128], title[512], label[256];
    package_name(m, unit, name, sizeof name);
    snprintf(title, sizeof title, "%s %d%s", view_name(m, unit), m->year,
             view_label(m, unit, "doc_year", label, sizeof label));
    cJSON *root = cJSON_CreateObject(), *res = cJSON_CreateObject(),
          *dialect = cJSON_CreateObject(), *schema = cJSON_CreateObject(),
          *fields = cJSON_CreateArray(), *list = cJSON_CreateArray();
    bool ok = root && res && dialect && schema && fields && list;
    if (ok) {
        cJSON_AddStringToObject(root, "profile", "tabular-data-package");
        cJSON_AddStringToObject(root, "name", name);
        cJSON_AddStringToObject(root, "title", title);
        cJSON_AddItemToObject(root, "resources", list);
        cJSON_AddItemToArray(list, res);
        cJSON_AddStringToObject(res, "name", "facts");
        cJSON_AddStringToObject(res, "path", "facts.csv");
        cJSON_AddStringToObject(res, "profile", "tabular-data-resource");
        cJSON_AddStringToObject(res, "format", "csv");
        cJSON_AddStringToObject(res, "mediatype", "text/csv");
        cJSON_AddStringToObject(res, "encoding", o && o->bom ? "utf-8-sig" : "utf-8");
        cJSON_AddItemToObject(res, "dialect", dialect);
        cJSON_AddStringToObject(dialect, "delimiter", ",");
        cJSON_AddStringToObject(dialect, "lineTerminator", "\r\n");
        cJSON_AddStringToObject(dialect, "quoteChar", "\"");
        cJSON_AddBoolToObject(dialect, "doubleQuote", true);
        cJSON_AddBoolToObject(dialect, "header", true);
        cJSON_AddItemToObject(res, "schema", schema);
        cJSON_AddItemToObject(schema, "fields", fields);
        for (int c = 0; c < r.ncols; c++) {
            cJSON *f = cJSON_CreateObject();
            if (!f) {
                ok = false;
                break;
            }
            bool value = strcmp(r.cell[c], "value") == 0;
            cJSON_AddStringToObject(f, "name", r.cell[c]);
            /* value: an amount in the money unit, or (the lines after the
             * tables) a count, a score or an indicator's value as written */
            cJSON_AddStringToObject(f, "type", value ? "any" : "string");
            if (value) {
                cJSON_AddStringToObject(f, "unit", m->money ? m->money : "");
                cJSON_AddStringToObject(f, "description",
                    "an amount in the money unit (unit) on the lines of the tables, of "
                    "projects (amount) and of procurement (price, amount, sme); a number "
                    "(quantity, score) or the text of an indicator's value on the others");
            }
            cJSON_AddItemToArray(fields, f);
        }
    } else {
        cJSON_Delete(res);
        cJSON_Delete(dialect);
        cJSON_Delete(schema);
        cJSON_Delete(fields);
        cJSON_Delete(list);
    }
    long_rows_free(&r);
    int st = ok ? json_write(root, out) : -1;
    cJSON_Delete(root);
    return st;
}
