/*
 * xlsx_read.c — reads an .xlsx (Office Open XML) into a Book (book.h): the
 * zip through libzip, the XML through expat.  What it reads: the sheets of
 * xl/workbook.xml in order and where xl/_rels/workbook.xml.rels puts them,
 * the shared strings (their runs joined, phonetic guides left out), and of
 * each sheet its cells (shared and inline strings, numbers, a formula's
 * cached value) and merged ranges.  A formula without a cached value is
 * kept as such (BC_NOVALUE): the importer reports it where it needs it.
 */
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/arena.h"
#include "import/book.h"

/* The largest part of a workbook read: beyond, it is not a budget's. */
#define MAX_PART (64u << 20)

/* ---- the zip ---------------------------------------------------------------------- */

/* The bytes of entry NAME of Z (NUL-terminated), or NULL. */
static char *read_part(zip_t *z, const char *name, size_t *len)
{
    zip_stat_t st;
    if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || st.size > MAX_PART)
        return NULL;
    zip_file_t *f = zip_fopen(z, name, 0);
    if (!f)
        return NULL;
    char *buf = xmalloc((size_t)st.size + 1);
    zip_int64_t n = zip_fread(f, buf, st.size);
    zip_fclose(f);
    if (n < 0 || (zip_uint64_t)n != st.size) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

/* ---- the XML ---------------------------------------------------------------------- */

/* The local name of an expat name "namespace|local". */
static const char *local(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (int i = 0; atts[i]; i += 2)
        if (strcmp(local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

/* A growing text. */
typedef struct Buf {
    char *s;
    size_t n, cap;
} Buf;

static void buf_add(Buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

/* Parses the XML TEXT with the handlers and USER; false (and ERR) when it is
 * not well-formed. */
static bool parse_xml(const char *text, size_t len, void *user, XML_StartElementHandler start,
                      XML_EndElementHandler end, XML_CharacterDataHandler chars, const char *part,
                      char *err, size_t errn)
{
    XML_Parser p = XML_ParserCreateNS("UTF-8", '|');
    if (!p) {
        snprintf(err, errn, "out of memory");
        return false;
    }
    XML_SetUserData(p, user);
    XML_SetElementHandler(p, start, end);
    if (chars)
        XML_SetCharacterDataHandler(p, chars);
    bool ok = XML_Parse(p, text, (int)len, 1) == XML_STATUS_OK;
    if (!ok)
        snprintf(err, errn, "%s, line %lu: %s", part, (unsigned long)XML_GetCurrentLineNumber(p),
                 XML_ErrorString(XML_GetErrorCode(p)));
    XML_ParserFree(p);
    return ok;
}

/* ---- workbook.xml and its relationships ---------------------------------------------- */

typedef struct SheetRef {
    char *name, *rid, *target;
} SheetRef;

typedef struct WbState {
    SheetRef *refs;
    int n, cap;
    bool rels; /* reading the relationships */
} WbState;

static char *xstrdup(const char *s)
{
    size_t n = strlen(s);
    char *d = xmalloc(n + 1);
    memcpy(d, s, n + 1);
    return d;
}

static void XMLCALL wb_start(void *u, const char *name, const char **atts)
{
    WbState *w = u;
    const char *l = local(name);
    if (!w->rels && strcmp(l, "sheet") == 0) {
        const char *n = attr(atts, "name"), *id = attr(atts, "id");
        if (!n || !id)
            return;
        if (w->n == w->cap) {
            w->cap = w->cap ? 2 * w->cap : 16;
            w->refs = xrealloc(w->refs, (size_t)w->cap * sizeof *w->refs);
        }
        w->refs[w->n++] = (SheetRef){xstrdup(n), xstrdup(id), NULL};
    } else if (w->rels && strcmp(l, "Relationship") == 0) {
        const char *id = attr(atts, "Id"), *t = attr(atts, "Target");
        for (int i = 0; id && t && i < w->n; i++)
            if (strcmp(w->refs[i].rid, id) == 0 && !w->refs[i].target) {
                /* relative to xl/, or absolute from the package's root */
                size_t n = strlen(t) + 4;
                w->refs[i].target = xmalloc(n);
                if (t[0] == '/')
                    snprintf(w->refs[i].target, n, "%s", t + 1);
                else
                    snprintf(w->refs[i].target, n, "xl/%s", t);
            }
    }
}

static void XMLCALL no_end(void *u, const char *name)
{
    (void)u;
    (void)name;
}

/* ---- the shared strings ----------------------------------------------------------- */

typedef struct SstState {
    char **s;
    int n, cap;
    Buf cur;
    int in_t;   /* inside a <t> */
    int in_rph; /* inside a phonetic guide */
} SstState;

static void XMLCALL sst_start(void *u, const char *name, const char **atts)
{
    (void)atts;
    SstState *st = u;
    const char *l = local(name);
    if (strcmp(l, "si") == 0)
        st->cur.n = 0;
    else if (strcmp(l, "t") == 0)
        st->in_t++;
    else if (strcmp(l, "rPh") == 0)
        st->in_rph++;
}

static void XMLCALL sst_end(void *u, const char *name)
{
    SstState *st = u;
    const char *l = local(name);
    if (strcmp(l, "t") == 0)
        st->in_t--;
    else if (strcmp(l, "rPh") == 0)
        st->in_rph--;
    else if (strcmp(l, "si") == 0) {
        if (st->n == st->cap) {
            st->cap = st->cap ? 2 * st->cap : 256;
            st->s = xrealloc(st->s, (size_t)st->cap * sizeof *st->s);
        }
        st->s[st->n++] = xstrdup(st->cur.s ? (st->cur.s[st->cur.n] = '\0', st->cur.s) : "");
        st->cur.n = 0;
    }
}

static void XMLCALL sst_chars(void *u, const char *s, int len)
{
    SstState *st = u;
    if (st->in_t > 0 && st->in_rph == 0)
        buf_add(&st->cur, s, (size_t)len);
}

/* ---- a sheet ---------------------------------------------------------------------- */

typedef struct SheetState {
    BSheetBuilder sb;
    BMerge *merges;
    int nmerges, capm;
    const SstState *sst;
    int row, col;        /* the current cell */
    char type[16];       /* its t attribute */
    bool has_f, has_v;
    Buf v, is;           /* its <v>, its inline string */
    int in;              /* 1 in <v>, 2 in <is><t>, 0 elsewhere */
    int in_is;
} SheetState;

/* Parses a reference "D7" into row and column (from 0); false if it is not one. */
static bool parse_ref(const char *ref, int *r, int *c)
{
    int col = 0, row = 0;
    const char *p = ref;
    while (*p >= 'A' && *p <= 'Z' && col < 100000)
        col = col * 26 + (*p++ - 'A' + 1);
    while (*p >= '0' && *p <= '9' && row < 10000000)
        row = row * 10 + (*p++ - '0');
    if (*p || col == 0 || row == 0)
        return false;
    *r = row - 1;
    *c = col - 1;
    return true;
}

static void XMLCALL sheet_start(void *u, const char *name, const char **atts)
{
    SheetState *st = u;
    const char *l = local(name);
    if (strcmp(l, "row") == 0) {
        const char *r = attr(atts, "r");
        st->row = r ? atoi(r) - 1 : st->row + 1;
        st->col = -1;
    } else if (strcmp(l, "c") == 0) {
        const char *r = attr(atts, "r"), *t = attr(atts, "t");
        int rr, cc;
        if (r && parse_ref(r, &rr, &cc)) {
            st->row = rr;
            st->col = cc;
        } else {
            st->col++;
        }
        snprintf(st->type, sizeof st->type, "%s", t ? t : "n");
        st->has_f = st->has_v = false;
        st->v.n = st->is.n = 0;
    } else if (strcmp(l, "f") == 0) {
        st->has_f = true;
    } else if (strcmp(l, "v") == 0) {
        st->has_v = true;
        st->in = 1;
    } else if (strcmp(l, "is") == 0) {
        st->in_is = 1;
    } else if (strcmp(l, "t") == 0 && st->in_is) {
        st->in = 2;
    } else if (strcmp(l, "mergeCell") == 0) {
        const char *ref = attr(atts, "ref");
        char a[32], b[32];
        const char *colon = ref ? strchr(ref, ':') : NULL;
        BMerge m;
        if (colon && (size_t)(colon - ref) < sizeof a && strlen(colon + 1) < sizeof b) {
            snprintf(a, sizeof a, "%.*s", (int)(colon - ref), ref);
            snprintf(b, sizeof b, "%s", colon + 1);
            if (parse_ref(a, &m.r1, &m.c1) && parse_ref(b, &m.r2, &m.c2)) {
                if (st->nmerges == st->capm) {
                    st->capm = st->capm ? 2 * st->capm : 16;
                    st->merges = xrealloc(st->merges, (size_t)st->capm * sizeof *st->merges);
                }
                st->merges[st->nmerges++] = m;
            }
        }
    }
}

static void XMLCALL sheet_end(void *u, const char *name)
{
    SheetState *st = u;
    const char *l = local(name);
    if (strcmp(l, "v") == 0 || (strcmp(l, "t") == 0 && st->in == 2)) {
        st->in = 0;
    } else if (strcmp(l, "is") == 0) {
        st->in_is = 0;
    } else if (strcmp(l, "c") == 0) {
        const char *v = st->v.s && st->v.n ? (st->v.s[st->v.n] = '\0', st->v.s) : "";
        if (strcmp(st->type, "inlineStr") == 0) {
            if (st->is.n)
                book_put(&st->sb, st->row, st->col, BC_TEXT, st->is.s, st->is.n);
        } else if (st->has_f && !*v) {
            book_put(&st->sb, st->row, st->col, BC_NOVALUE, NULL, 0);
        } else if (!*v) {
            /* a styled empty cell */
        } else if (strcmp(st->type, "s") == 0) {
            long i = strtol(v, NULL, 10);
            const char *s = i >= 0 && i < st->sst->n ? st->sst->s[i] : "";
            book_put(&st->sb, st->row, st->col, BC_TEXT, s, strlen(s));
        } else if (strcmp(st->type, "str") == 0 || strcmp(st->type, "e") == 0 ||
                   strcmp(st->type, "b") == 0) {
            book_put(&st->sb, st->row, st->col, BC_TEXT, v, strlen(v));
        } else {
            book_put(&st->sb, st->row, st->col, BC_NUMBER, v, strlen(v));
        }
    }
}

static void XMLCALL sheet_chars(void *u, const char *s, int len)
{
    SheetState *st = u;
    if (st->in == 1)
        buf_add(&st->v, s, (size_t)len);
    else if (st->in == 2)
        buf_add(&st->is, s, (size_t)len);
}

/* ---- the book --------------------------------------------------------------------- */

int book_read_xlsx(Book *b, const char *path, char *err, size_t errn)
{
    memset(b, 0, sizeof *b);
    b->path = xstrdup(path);
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        if (zerr == ZIP_ER_NOENT || zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ)
            snprintf(err, errn, "cannot read '%s': %s", path, zip_error_strerror(&ze));
        else
            snprintf(err, errn, "%s: not an Excel workbook (.xlsx): %s", path,
                     zerr == ZIP_ER_NOZIP ? "it is not a zip archive" : zip_error_strerror(&ze));
        zip_error_fini(&ze);
        book_free(b);
        return -1;
    }
    int st = -1;
    size_t len;
    char xmlerr[512];
    WbState w = {0};
    SstState sst = {0};
    char *text = read_part(z, "xl/workbook.xml", &len);
    if (!text) {
        /* what else a zip in an office may be, and what budc reads instead */
        if (zip_name_locate(z, "word/document.xml", 0) >= 0)
            snprintf(err, errn, "%s: a Word document (.docx), not an Excel workbook: budc reads "
                     "the disclosure's published PDF (or save the document as PDF)", path);
        else if (zip_name_locate(z, "content.xml", 0) >= 0)
            snprintf(err, errn, "%s: an OpenDocument file, not an Excel workbook (.xlsx): save "
                     "a spreadsheet as .xlsx (LibreOffice: soffice --headless --convert-to xlsx "
                     "FILE), a text document as PDF", path);
        else
            snprintf(err, errn, "%s: not an Excel workbook (.xlsx): it has no xl/workbook.xml",
                     path);
        goto done;
    }
    bool ok = parse_xml(text, len, &w, wb_start, no_end, NULL, "xl/workbook.xml", xmlerr, sizeof xmlerr);
    free(text);
    if (!ok) {
        snprintf(err, errn, "%s: %s", path, xmlerr);
        goto done;
    }
    w.rels = true;
    text = read_part(z, "xl/_rels/workbook.xml.rels", &len);
    if (text) {
        ok = parse_xml(text, len, &w, wb_start, no_end, NULL, "xl/_rels/workbook.xml.rels", xmlerr,
                       sizeof xmlerr);
        free(text);
        if (!ok) {
            snprintf(err, errn, "%s: %s", path, xmlerr);
            goto done;
        }
    }
    text = read_part(z, "xl/sharedStrings.xml", &len);
    if (text) {
        ok = parse_xml(text, len, &sst, sst_start, sst_end, sst_chars, "xl/sharedStrings.xml",
                       xmlerr, sizeof xmlerr);
        free(text);
        if (!ok) {
            snprintf(err, errn, "%s: %s", path, xmlerr);
            goto done;
        }
    }
    b->sheets = xmalloc(((size_t)w.n + 1) * sizeof *b->sheets);
    for (int i = 0; i < w.n; i++) {
        const SheetRef *r = &w.refs[i];
        text = r->target ? read_part(z, r->target, &len) : NULL;
        if (!text) {
            snprintf(err, errn, "%s: sheet '%s': its part %s is missing from the workbook", path,
                     r->name, r->target ? r->target : "(no relationship)");
            goto done;
        }
        SheetState ss = {.sst = &sst, .row = -1};
        ok = parse_xml(text, len, &ss, sheet_start, sheet_end, sheet_chars, r->target, xmlerr,
                       sizeof xmlerr);
        free(text);
        free(ss.v.s);
        free(ss.is.s);
        BSheet *s = &b->sheets[b->nsheets++];
        memset(s, 0, sizeof *s);
        s->name = xstrdup(r->name);
        book_finish_sheet(&ss.sb, s);
        s->merges = ss.merges;
        s->nmerges = ss.nmerges;
        if (!ok) {
            snprintf(err, errn, "%s: sheet '%s': %s", path, r->name, xmlerr);
            goto done;
        }
    }
    st = 0;
done:
    for (int i = 0; i < w.n; i++) {
        free(w.refs[i].name);
        free(w.refs[i].rid);
        free(w.refs[i].target);
    }
    free(w.refs);
    for (int i = 0; i < sst.n; i++)
        free(sst.s[i]);
    free(sst.s);
    free(sst.cur.s);
    zip_discard(z);
    if (st < 0)
        book_free(b);
    return st;
}
