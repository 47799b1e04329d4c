/*
 * build_shared.c — the blocks both the department and a unit may hold
 * (build_impl.h): a `narrative` (the 说明: its sections and paragraphs) and
 * a `prior` block (last year's figures), each into the department's part of
 * the model or into the unit's own.
 */
#include <string.h>

#include "model/build_impl.h"

/* A `prior` block of the department, or (inside a `unit` block, b->unit
 * set) of that unit; `prior "FILE"` names last year's whole budget. */
void build_prior(B *b, const Stmt *s)
{
    Model *m = b->m;
    if (!s->has_block) { /* prior "2022.bud": last year's whole budget */
        if (m->prior_file) {
            build_err(b, s->kw_loc, "E-DUPLICATE", "last year's budget is named twice");
            diag_note(b->d, m->prior_loc, "first named here");
            return;
        }
        m->prior_file = s->args->text;
        m->prior_from = s->loc.file;
        m->prior_loc = s->args->loc;
        return;
    }
    Unit *u = b->unit >= 0 ? &m->units[b->unit] : NULL;
    PriorFact **arr = u ? &u->prior : &m->prior;
    int *n = u ? &u->nprior : &m->nprior;
    int *cap = u ? &b->cap_unit_prior : &b->cap_prior;
    for (const Stmt *r = s->body; r; r = r->next) {
        if (r->kind != S_ROW || !r->args || !r->args->next)
            continue;
        char text[256];
        path_text(m->vocab, r->args->path, text, sizeof text);
        if (!build_amount_ok(b, r->args->next, "last year's amount"))
            continue;
        bool dup = false;
        for (int i = 0; i < *n && !dup; i++)
            if (strcmp((*arr)[i].path, text) == 0) {
                if (u)
                    build_err(b, r->args->loc, "E-DUPLICATE",
                        "last year's %s of unit %s is given twice", text, u->id);
                else
                    build_err(b, r->args->loc, "E-DUPLICATE", "last year's %s is given twice", text);
                diag_note(b->d, (*arr)[i].loc, "first given here");
                dup = true;
            }
        if (dup)
            continue;
        PriorFact *p = PUSH(m, *arr, *n, *cap);
        p->path = arena_strdup(&m->arena, text);
        p->segs = r->args->path;
        p->amount = r->args->next->num;
        p->loc = r->loc;
        p->path_loc = r->args->loc;
        p->amount_loc = r->args->next->loc;
    }
}

/* The characters a paragraph of the 说明 may have (its text as written,
 * quotes aside): TeX sets 20,000 in seconds, takes 40 s over 60,000 and
 * runs out of memory near 180,000 (docs/checks.md, E-PARAGRAPH-LONG). */
enum { MAX_PARA_CHARS = 20000 };

static void add_para(B *b, Narrative *n, int *cap, ParaKind k, int section, const Atom *text,
                     const char *insert, Loc loc)
{
    long chars = 0;
    for (const TextPart *t = atom_parts(text); t; t = t->next)
        if (t->text)
            chars += src_count_chars(t->text, strlen(t->text));
    if (chars > MAX_PARA_CHARS)
        build_err(b, text->loc, "E-PARAGRAPH-LONG",
                  "this paragraph has %ld characters; a paragraph of the 说明 has at most %d, "
                  "for TeX cannot set a longer one in reasonable time: split it into paragraphs",
                  chars, MAX_PARA_CHARS);
    Para *p = PUSH(b->m, n->paras, n->nparas, *cap);
    p->kind = k;
    p->section = section;
    p->parts = atom_parts(text);
    p->insert = insert;
    p->loc = loc;
}

void build_narrative(B *b, const Stmt *s, Narrative *n, NarrativeCaps *cap)
{
    Model *m = b->m;
    if (!n->present)
        n->loc = s->loc;
    n->present = true;
    for (const Stmt *t = s->body; t; t = t->next) {
        if (t->kind == S_ROW && t->args) {
            add_para(b, n, &cap->paras, PARA_TEXT, -1, t->args, NULL, t->loc);
        } else if (t->kind == S_SECTION) {
            Section *sec = PUSH(m, n->sections, n->nsections, cap->sections);
            sec->word = t->args->text;
            sec->word_loc = t->args->loc;
            sec->title = t->args->next ? t->args->next->text : NULL;
            sec->loc = t->loc;
            int si = n->nsections - 1;
            for (const Stmt *u = t->body; u; u = u->next) {
                if (u->kind == S_ROW && u->args)
                    add_para(b, n, &cap->paras, PARA_TEXT, si, u->args, NULL, u->loc);
                else if (u->kind == S_HEADING)
                    add_para(b, n, &cap->paras, PARA_HEADING, si, u->args, NULL, u->loc);
                else if (u->kind == S_INSERT)
                    add_para(b, n, &cap->paras, PARA_INSERT, si, NULL, u->args->text, u->loc);
            }
        }
    }
}
