/*
 * diff_text.c — budc diff's text format, printed from the document the
 * comparison built (docs/diff.md), so that it says exactly what the JSON
 * says.
 *
 * A header per area that has changes ("支出总表 (expenditure)"), then one
 * line per change.  A line starts with "+ " for an item added, "- " for one
 * removed and two spaces for a change; it names the item (a row, a fact
 * with its unit, a project and its indicator …), the field or column, and
 * the values: "old → new", with "(+difference, +percentage)" for an amount.
 * A blank or absent value is "-", a percentage of a change from 0 is "—".
 * Long texts (a goal, a paragraph) are cut to a window around the first
 * character that differs.  Total rows are listed once, in the totals area
 * at the top, not again under their table.
 */
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "tools/diff.h"
#include "tools/diff_impl.h"

enum { CONTEXT = 10, WINDOW = 30, LONG_TEXT = 40 };

/* ---- values ---------------------------------------------------------------------------- */

/* Member KEY of O as text: a string or number as written, NULL for null. */
static const char *get(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsString(v) || cJSON_IsRaw(v))
        return v->valuestring;
    if (cJSON_IsBool(v))
        return cJSON_IsTrue(v) ? "true" : "false";
    return NULL;
}

static const char *or_dash(const char *s)
{
    return s ? s : "-";
}

/* The line's mark for the entry O: "+ ", "- " or two spaces. */
static const char *mark(const cJSON *o)
{
    const char *c = get(o, "change");
    return !c ? "  " : strcmp(c, "added") == 0 ? "+ " : strcmp(c, "removed") == 0 ? "- " : "  ";
}

/* The length in bytes of the first N characters of S (or all of it). */
static size_t chars_bytes(const char *s, long n)
{
    const char *p = s;
    for (long k = 0; *p && k <= n; p++)
        if (((unsigned char)*p & 0xC0) != 0x80 && k++ == n)
            break;
    return (size_t)(p - s);
}

/* WINDOW characters of S from CONTEXT before character OFF, with "…"
 * where it is cut. */
static void put_window(FILE *out, const char *s, long off)
{
    long from = off > CONTEXT ? off - CONTEXT : 0;
    const char *p = s + chars_bytes(s, from);
    size_t n = chars_bytes(p, WINDOW);
    fprintf(out, "%s%.*s%s", from > 0 ? "…" : "", (int)n, p, p[n] ? "…" : "");
}

/* The number of characters of S. */
static long chars(const char *s)
{
    long n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

/* Text S (or "-"), a long one as the window around character OFF. */
static void put_text(FILE *out, const char *s, long off)
{
    if (!s)
        fputs("-", out);
    else if (chars(s) > LONG_TEXT)
        put_window(out, s, off);
    else
        fputs(s, out);
}

/* "OLD → NEW" of two texts, long ones cut around their first difference. */
static void put_texts(FILE *out, const char *a, const char *b)
{
    long off = a && b ? diff_offset(a, b) : 0;
    put_text(out, a, off);
    fputs(" → ", out);
    put_text(out, b, off);
}

/* "OLD → NEW  (+DIFF, +PCT%)" of the amounts of entry O. */
static void put_amounts(FILE *out, const cJSON *o)
{
    const char *diff = get(o, "difference"), *pct = get(o, "percent");
    fprintf(out, "%s → %s  (%s%s, ", or_dash(get(o, "old")), or_dash(get(o, "new")),
            diff && diff[0] != '-' ? "+" : "", or_dash(diff));
    if (pct)
        fprintf(out, "%s%s%%)", pct[0] != '-' ? "+" : "", pct);
    else
        fputs("—)", out);
}

/* Whether entry O records amounts (it has a difference). */
static bool has_amounts(const cJSON *o)
{
    return cJSON_GetObjectItemCaseSensitive(o, "difference") != NULL;
}

/* The values of entry O: amounts, or two texts. */
static void put_values(FILE *out, const cJSON *o)
{
    if (has_amounts(o))
        put_amounts(out, o);
    else
        put_texts(out, get(o, "old"), get(o, "new"));
}

/* ---- fields ------------------------------------------------------------------------------ */

/* The Chinese label of a field key. */
static const char *field_label(const char *key)
{
    static const char *const labels[][2] = {
        {"code", "编码"},           {"name", "名称"},        {"year", "年度"},
        {"money", "金额单位"},      {"nature", "单位性质"},  {"rank", "单位规格"},
        {"funding", "经费保障形式"}, {"unit", "单位"},        {"amount", "金额"},
        {"goal", "绩效目标"},       {"level1", "一级指标"},  {"description", "指标描述"},
        {"value", "指标值"},        {"basis", "指标值确定依据"}, {"measure", "计量单位"},
        {"quantity", "数量"},       {"price", "单价"},       {"sme", "中小微企业份额"},
        {"source", "资金来源"},     {"date", "日期"},        {"planned", "拟购置"},
    };
    for (size_t i = 0; key && i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i][0], key) == 0)
            return labels[i][1];
    return key ? key : "";
}

/* One line per field of FIELDS: "MARK WHO  LABEL  OLD → NEW". */
static void put_fields(FILE *out, const char *mk, const char *who, const cJSON *fields)
{
    const cJSON *f;
    cJSON_ArrayForEach(f, fields)
    {
        fprintf(out, "%s%s%s%s  ", mk, who, *who ? "  " : "", field_label(get(f, "field")));
        put_values(out, f);
        fputc('\n', out);
    }
}

/* An added or removed item on one line: "MARK WHO  LABEL VALUE, …" with
 * the fields named in SHOW, from the side the item has. */
static void put_summary(FILE *out, const cJSON *o, const char *who, const char *const *show)
{
    bool added = strcmp(get(o, "change"), "added") == 0;
    fprintf(out, "%s%s", mark(o), who);
    const char *sep = "  ";
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(o, "fields"))
    {
        const char *key = get(f, "field"), *v = get(f, added ? "new" : "old");
        bool wanted = false;
        for (int k = 0; show[k]; k++)
            wanted |= strcmp(show[k], key) == 0;
        if (!wanted || !v)
            continue;
        fprintf(out, "%s%s ", sep, field_label(key));
        put_window(out, v, 0);
        sep = ", ";
    }
    fputc('\n', out);
}

/* An item with fields: one summary line when added or removed, else a line
 * per field. */
static void put_item(FILE *out, const cJSON *o, const char *who, const char *const *show)
{
    if (strcmp(get(o, "change"), "changed") != 0)
        put_summary(out, o, who, show);
    else
        put_fields(out, "  ", who, cJSON_GetObjectItemCaseSensitive(o, "fields"));
}

/* ---- the areas ---------------------------------------------------------------------------- */

static const cJSON *area(const cJSON *doc, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(doc, key);
}

static bool header(FILE *out, const cJSON *arr, const char *title, const char *key)
{
    if (!arr || !arr->child)
        return false;
    fprintf(out, "%s (%s)\n", title, key);
    return true;
}

/* A row's label: "CODE NAME" for a code, the name otherwise. */
static void put_row(FILE *out, const cJSON *r)
{
    if (strcmp(or_dash(get(r, "kind")), "code") == 0)
        fprintf(out, "%s %s", get(r, "key"), or_dash(get(r, "name")));
    else
        fputs(or_dash(get(r, "name")), out);
}

static void put_totals(FILE *out, const cJSON *doc)
{
    const cJSON *arr = area(doc, "totals"), *t;
    if (!header(out, arr, "变动的合计", "totals"))
        return;
    cJSON_ArrayForEach(t, arr)
    {
        fprintf(out, "  %s  %s  %s  ", get(t, "word"), or_dash(get(t, "name")), get(t, "title"));
        put_amounts(out, t);
        fputc('\n', out);
    }
}

/* The rows of table T that are not totals. */
static int plain_rows(const cJSON *t)
{
    int n = 0;
    const cJSON *r;
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(t, "rows"))
        n += !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "total"));
    return n;
}

static void put_tables(FILE *out, const cJSON *doc)
{
    const cJSON *t, *r, *c;
    cJSON_ArrayForEach(t, area(doc, "tables"))
    {
        if (plain_rows(t) == 0)
            continue;
        fprintf(out, "%s (%s)\n", get(t, "word"), get(t, "key"));
        cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(t, "rows"))
        {
            if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "total")))
                continue;
            cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(r, "cells"))
            {
                fputs(mark(r), out);
                put_row(out, r);
                fprintf(out, "  %s  ", get(c, "title"));
                put_amounts(out, c);
                fputc('\n', out);
            }
        }
    }
}

/* A fact's label: "支出 一般公共预算 2070109 群众文化 项目" … */
static void put_fact(FILE *out, const cJSON *f)
{
    const char *fact = get(f, "fact");
    const char *what = strcmp(fact, "income") == 0     ? "收入"
                       : strcmp(fact, "spending") == 0 ? "支出"
                       : strcmp(fact, "economic") == 0 ? "基本支出"
                                                       : "三公";
    fprintf(out, "%s  %s %s", get(f, "unit"), what, get(f, "source"));
    if (get(f, "code"))
        fprintf(out, " %s%s%s", get(f, "code"), get(f, "name") ? " " : "",
                get(f, "name") ? get(f, "name") : "");
    const char *tail = get(f, "kind") ? get(f, "kind") : get(f, "class") ? get(f, "class")
                                                                          : get(f, "item");
    if (tail)
        fprintf(out, " %s", tail);
}

static void put_facts(FILE *out, const cJSON *doc)
{
    const cJSON *arr = area(doc, "facts"), *f;
    if (!header(out, arr, "事实", "facts"))
        return;
    cJSON_ArrayForEach(f, arr)
    {
        fputs(mark(f), out);
        put_fact(out, f);
        fputs("  ", out);
        put_amounts(out, f);
        fputc('\n', out);
    }
}

static void put_department(FILE *out, const cJSON *doc)
{
    const cJSON *arr = area(doc, "department");
    if (header(out, arr, "部门", "department"))
        put_fields(out, "  ", "", arr);
}

static void put_units(FILE *out, const cJSON *doc)
{
    static const char *const show[] = {"name", "nature", NULL};
    const cJSON *arr = area(doc, "units"), *u;
    if (!header(out, arr, "单位", "units"))
        return;
    cJSON_ArrayForEach(u, arr)
        put_item(out, u, get(u, "id"), show);
}

/* The indicators and purchases of a changed project P, named WHO. */
static void put_project_parts(FILE *out, const cJSON *p, const char *who)
{
    static const char *const ind_show[] = {"value", NULL};
    static const char *const pur_show[] = {"amount", NULL};
    const cJSON *x;
    char buf[1024];
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(p, "indicators"))
    {
        snprintf(buf, sizeof buf, "%s  指标 %s/%s", who, or_dash(get(x, "level2")),
                 or_dash(get(x, "name")));
        put_item(out, x, buf, ind_show);
    }
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(p, "purchases"))
    {
        snprintf(buf, sizeof buf, "%s  采购 %s %s", who, or_dash(get(x, "code")),
                 or_dash(get(x, "name")));
        put_item(out, x, buf, pur_show);
    }
}

static void put_projects(FILE *out, const cJSON *doc)
{
    static const char *const show[] = {"unit", "code", "amount", NULL};
    const cJSON *arr = area(doc, "projects"), *p;
    if (!header(out, arr, "项目", "projects"))
        return;
    cJSON_ArrayForEach(p, arr)
    {
        put_item(out, p, get(p, "name"), show);
        put_project_parts(out, p, get(p, "name"));
    }
}

static void put_prior(FILE *out, const cJSON *doc)
{
    const cJSON *arr = area(doc, "prior"), *p;
    if (!header(out, arr, "上年", "prior"))
        return;
    cJSON_ArrayForEach(p, arr)
    {
        fprintf(out, "%s%s  ", mark(p), get(p, "path"));
        put_amounts(out, p);
        fputc('\n', out);
    }
}

static void put_assets(FILE *out, const cJSON *doc)
{
    const cJSON *arr = area(doc, "assets"), *a;
    if (!header(out, arr, "资产", "assets"))
        return;
    cJSON_ArrayForEach(a, arr)
    {
        const char *row = get(a, "row"), *field = get(a, "field");
        /* an asset's value is its 金额, not an indicator's 指标值 */
        const char *label = strcmp(field, "value") == 0 ? "金额" : field_label(field);
        fprintf(out, "  %s%s%s  ", row ? row : "", row ? " " : "", label);
        put_values(out, a);
        fputc('\n', out);
    }
}

/* A changed text around its first difference, or the start of an added
 * or removed one.  PA and PB prefix the old and the new text. */
static void put_text_change(FILE *out, const char *pa, const char *a, const char *pb,
                            const char *b)
{
    long off = a && b ? diff_offset(a, b) : 0;
    if (a) {
        fputs(pa, out);
        put_window(out, a, off);
    }
    if (a && b)
        fputs(" → ", out);
    if (b) {
        fputs(pb, out);
        put_window(out, b, off);
    }
}

/* What marks a paragraph of KIND before its text: a heading, an insert. */
static const char *kind_prefix(const char *kind)
{
    if (kind && strcmp(kind, "heading") == 0)
        return "[小标题] ";
    if (kind && strcmp(kind, "insert") == 0)
        return "[插入] ";
    return "";
}

static void put_narrative(FILE *out, const cJSON *doc)
{
    const cJSON *arr = area(doc, "narrative"), *e;
    if (!header(out, arr, "说明", "narrative"))
        return;
    cJSON_ArrayForEach(e, arr)
    {
        const char *sec = get(e, "section"), *para = get(e, "paragraph");
        const cJSON *a = cJSON_GetObjectItemCaseSensitive(e, "old");
        const cJSON *b = cJSON_GetObjectItemCaseSensitive(e, "new");
        fprintf(out, "%s%s ", mark(e), sec ? sec : "(节外)");
        if (para)
            fprintf(out, "¶%s  ", para);
        else
            fputs("标题  ", out);
        put_text_change(out, kind_prefix(get(a, "kind")), get(a, "text"),
                        kind_prefix(get(b, "kind")), get(b, "text"));
        fputc('\n', out);
        /* every further stretch that changed, in its own context */
        const cJSON *spans = cJSON_GetObjectItemCaseSensitive(e, "spans"), *s;
        int k = 0;
        cJSON_ArrayForEach(s, spans)
        {
            if (k++ == 0)
                continue; /* the line above shows the first */
            const char *ao = get(s, "old_offset"), *bo = get(s, "new_offset");
            fputs("      ", out);
            put_window(out, get(a, "text"), ao ? strtol(ao, NULL, 10) : 0);
            fputs(" → ", out);
            put_window(out, get(b, "text"), bo ? strtol(bo, NULL, 10) : 0);
            fputc('\n', out);
        }
    }
}

static void put_glossary(FILE *out, const cJSON *doc)
{
    const cJSON *arr = area(doc, "glossary"), *e;
    if (!header(out, arr, "名词解释", "glossary"))
        return;
    cJSON_ArrayForEach(e, arr)
    {
        fprintf(out, "%s%s  ", mark(e), get(e, "term"));
        put_text_change(out, "", get(e, "old"), "", get(e, "new"));
        fputc('\n', out);
    }
}

/* A budget against its 决算: one line per row, "预算 → 决算 (rate%)". */
static void put_execution(FILE *out, const cJSON *doc)
{
    const cJSON *arr = area(doc, "execution"), *e;
    if (!header(out, arr, "预算执行", "execution"))
        return;
    cJSON_ArrayForEach(e, arr)
    {
        const char *code = get(e, "code"), *rate = get(e, "rate");
        const char *lv = get(e, "level");
        int indent = lv ? (int)strtol(lv, NULL, 10) : 0;
        fprintf(out, "  %*s%s%s%s  %s → %s", 2 * (indent > 0 ? indent - 1 : 0), "",
                code ? code : "", code ? " " : "", or_dash(get(e, "name")),
                or_dash(get(e, "budget")), or_dash(get(e, "final")));
        if (rate)
            fprintf(out, " (%s%%)", rate);
        fputc('\n', out);
    }
}

/* Every string of the document (names, goals, paragraphs: user text)
 * escaped for the terminal (text.h), so that the text format says it
 * visibly: a newline in a name cannot forge a line of the diff. */
static void escape_strings(cJSON *o)
{
    for (cJSON *c = o; c; c = c->next) {
        if (cJSON_IsString(c) && c->valuestring) {
            char *e = text_escaped(c->valuestring, strlen(c->valuestring), 0, 0);
            if (strcmp(e, c->valuestring) != 0) {
                cJSON_free(c->valuestring);
                c->valuestring = cJSON_malloc(strlen(e) + 1);
                if (c->valuestring)
                    memcpy(c->valuestring, e, strlen(e) + 1);
            }
            free(e);
        }
        if (c->child)
            escape_strings(c->child);
    }
}

int diff_print_text(const cJSON *doc_in, FILE *out)
{
    cJSON *doc = cJSON_Duplicate(doc_in, 1);
    if (!doc)
        return -1;
    escape_strings(doc);
    put_execution(out, doc);
    put_totals(out, doc);
    put_department(out, doc);
    put_units(out, doc);
    put_tables(out, doc);
    put_facts(out, doc);
    put_projects(out, doc);
    put_prior(out, doc);
    put_assets(out, doc);
    put_narrative(out, doc);
    put_glossary(out, doc);
    cJSON_Delete(doc);
    return ferror(out) ? -1 : 0;
}
