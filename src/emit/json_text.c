/*
 * json_text.c — the text of the disclosure and what the checker said:
 * the narrative (说明) as rendered text, the glossary, the rules, and the
 * warnings recorded while checking, each with its notes.
 *
 * File names of warnings are made independent of the working directory:
 * relative to the directory of the budget's entry file, and std/… for the
 * standard library, as diagnostics already name it.
 */
#include <string.h>

#include "emit/json.h"

/* ---- narrative ------------------------------------------------------------------ */

/* The position of the file F in the program's load order. */
static int module_index(const Model *m, const SrcFile *f)
{
    int i = 0;
    for (const Module *k = m->program ? m->program->modules : NULL; k; k = k->next, i++)
        if (k->file == f)
            return i;
    return i;
}

/* Whether A is written before B, files taken in load order (the order in
 * which the model collected sections and paragraphs). */
static bool loc_before(const Model *m, Loc a, Loc b)
{
    int ma = module_index(m, a.file), mb = module_index(m, b.file);
    if (ma != mb)
        return ma < mb;
    return a.line < b.line || (a.line == b.line && a.col < b.col);
}

/* Sections are written in order; paragraphs outside any section become
 * untitled sections (word and title null) where they stand. */
typedef struct NB {
    JB *b;
    const Narrative *nr; /* the document's */
    cJSON *sections; /* the array of sections */
    cJSON *cur;      /* the paragraphs of the section being filled */
    int cur_sec;     /* its index in nr->sections, -1 untitled, -2 none yet */
    int next_sec;    /* the next section to open */
} NB;

static void open_section(NB *n, const char *word, const char *title, int index)
{
    cJSON *o = jb_object(n->b, n->sections, NULL);
    jb_str(n->b, o, "word", word);
    jb_str(n->b, o, "title", title);
    n->cur = jb_array(n->b, o, "paragraphs");
    n->cur_sec = index;
}

/* Opens the sections written before paragraph P (all, when P is NULL). */
static void open_sections_before(NB *n, const Para *p)
{
    const Model *m = n->b->m;
    const Narrative *nr = n->nr;
    while (n->next_sec < nr->nsections &&
           (!p || n->next_sec <= p->section || loc_before(m, nr->sections[n->next_sec].loc, p->loc))) {
        const Section *s = &nr->sections[n->next_sec];
        open_section(n, s->word, s->title, n->next_sec);
        n->next_sec++;
    }
}

static void para_json(JB *b, cJSON *arr, const Narrative *nr, const Para *p)
{
    cJSON *o = jb_object(b, arr, NULL);
    if (p->kind == PARA_INSERT) {
        jb_str(b, o, "kind", "insert");
        jb_str(b, o, "table", p->insert);
        return;
    }
    jb_str(b, o, "kind", p->kind == PARA_HEADING ? "heading" : "text");
    jb_str(b, o, "text", model_text(nr, (int)(p - nr->paras)));
}

/* The document's narrative: the department's, or the unit's own. */
void json_narrative(JB *b, cJSON *root)
{
    const Narrative *nr = model_narrative(b->m, b->unit);
    if (!nr->present) {
        jb_null(b, root, "narrative");
        return;
    }
    cJSON *o = jb_object(b, root, "narrative");
    NB n = {b, nr, jb_array(b, o, "sections"), NULL, -2, 0};
    for (int i = 0; i < nr->nparas; i++) {
        const Para *p = &nr->paras[i];
        open_sections_before(&n, p);
        if (p->section < 0 && n.cur_sec != -1)
            open_section(&n, NULL, NULL, -1);
        para_json(b, n.cur, nr, p);
    }
    open_sections_before(&n, NULL);
}

/* ---- glossary and rules ------------------------------------------------------------ */

void json_glossary(JB *b, cJSON *root)
{
    cJSON *arr = jb_array(b, root, "glossary");
    for (int i = 0; i < b->m->nglossary; i++) {
        cJSON *o = jb_object(b, arr, NULL);
        jb_str(b, o, "term", b->m->glossary[i].term);
        jb_str(b, o, "definition", b->m->glossary[i].definition);
    }
}

void json_rules(JB *b, cJSON *root)
{
    cJSON *arr = jb_array(b, root, "rules");
    for (int i = 0; i < b->m->nrules; i++) {
        const Rule *r = &b->m->rules[i];
        cJSON *o = jb_object(b, arr, NULL);
        jb_str(b, o, "name", r->name);
        jb_str(b, o, "severity", r->is_error ? "error" : "warning");
        jb_str(b, o, "message", r->message);
    }
}

/* ---- warnings ------------------------------------------------------------------ */

/* PATH without its leading "./" parts. */
static const char *skip_dot(const char *path)
{
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    return path;
}

/* NAME as the JSON shows it: relative to the entry file's directory, or as
 * it is for a standard library file (std/…). */
static const char *shown_file(const Model *m, const char *name)
{
    const Module *entry = m->program ? m->program->modules : NULL;
    for (const Module *k = entry; k; k = k->next)
        if (k->is_std && k->file && strcmp(k->file->name, name) == 0)
            return name;
    if (!entry || !entry->file)
        return name;
    const char *e = skip_dot(entry->file->name), *slash = strrchr(e, '/');
    const char *s = skip_dot(name);
    size_t n = slash ? (size_t)(slash - e) + 1 : 0; /* the directory with its '/' */
    return strncmp(s, e, n) == 0 ? skip_dot(s + n) : s;
}

/* The location members of a warning or note. */
static void where_json(JB *b, cJSON *o, const DiagRecord *r)
{
    if (!r->file) {
        jb_null(b, o, "file");
        jb_null(b, o, "line");
        jb_null(b, o, "column");
        return;
    }
    jb_str(b, o, "file", shown_file(b->m, r->file));
    jb_int(b, o, "line", r->line);
    jb_int(b, o, "column", r->col);
}

void json_warnings(JB *b, cJSON *root, const DiagCtx *d)
{
    cJSON *arr = jb_array(b, root, "warnings");
    cJSON *notes = NULL; /* the notes of the last warning */
    for (size_t i = 0; d && i < d->nrecs; i++) {
        const DiagRecord *r = &d->recs[i];
        if (r->level == DIAG_WARNING) {
            cJSON *o = jb_object(b, arr, NULL);
            jb_str(b, o, "code", r->code);
            jb_str(b, o, "message", r->message);
            where_json(b, o, r);
            notes = jb_array(b, o, "notes");
        } else if (r->level == DIAG_NOTE && notes) {
            cJSON *o = jb_object(b, notes, NULL);
            jb_str(b, o, "message", r->message);
            where_json(b, o, r);
        } else {
            notes = NULL; /* an error's notes are not a warning's */
        }
    }
}
