/*
 * prose.h — what the files of W-PROSE-FIGURE share: prose.c (the numbers
 * of the text and the words before them, the warnings), prose_text.c (the
 * text itself) and prose_figs.c (the figures of the budget a number may be,
 * and the words that name them).
 */
#ifndef BUDC_PROSE_H
#define BUDC_PROSE_H

#include <stdbool.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "model/catalog.h"
#include "model/model.h"

#define PATHN 256
#define QMARK '\x01' /* stands for a quote in a paragraph's flat text */
#define REACH 600    /* bytes before a number read for its words (about 200 characters) */

/* A figure of the budget the text may mean. */
typedef struct Fig {
    const char *path; /* canonical: 支出.项目, 项目["name"].预算 */
    int parent;       /* the total it is a part of (for shares), or -1 */
    bool has_now, has_prior;
    Dec now, prior;
    int nfacts;       /* the facts this year's value adds up (a rounded budget's tolerance) */
} Fig;

/* A word of the text that names figures: one (a spelling, a code's name, a
 * project's name) or every figure under some paths (a topic word). */
typedef struct Name {
    const char *word;
    size_t len;
    int *figs;
    int nfigs;
    bool topic;   /* a topic word of the prose catalogue */
} Name;

typedef enum Form { F_NOW, F_PRIOR, F_UP, F_DOWN, F_RATE_UP, F_RATE_DOWN, F_SHARE } Form;

typedef struct P {
    const Model *m;
    DiagCtx *d;
    ValueCtx ctx;         /* whose narrative: the department's (unit -1) or a unit's */
    const Narrative *nr;
    const PriorFact *prior; /* the `prior` lines its quotes read */
    int nprior;
    const Catalog *words; /* the prose catalogue */
    Arena a;
    bool built;
    Fig *figs;
    int nfigs, capfigs;
    Name *names;
    int nnames, capnames;
    char year[16], last_year[16];
    int shown, hidden;    /* the warnings of the paragraph: reported, and past the cap */
} P;

/* ---- prose_text.c: the text ---------------------------------------------------- */

/* Where the last column was found in a literal piece of the text. */
typedef struct Cursor {
    int piece;
    size_t off, byte; /* the offset in the text, the byte of the source line */
    int col;
} Cursor;

/* A paragraph's text with each quote replaced by QMARK. */
typedef struct Flat {
    char *s;
    size_t n;
    const TextPart **tp; /* literal pieces and quotes, with their offsets */
    size_t *off;
    int np;
    Cursor *cur;         /* prose_loc's walk along its line */
    size_t fig_end;      /* the end of the last figure read (a number or a quote) */
    const char *title;   /* the title of its section, or NULL */
    const char *count_path; /* the last count checked, and the start of its sentence */
    size_t count_sent;
} Flat;

/* A number of the text with its unit. */
typedef enum NumKind { N_MONEY, N_PERCENT, N_COUNT } NumKind;

typedef struct Num {
    size_t at, end;      /* the number, and the end of its unit */
    char text[64];       /* the number as a quote writes it: ASCII, no separators */
    Dec written, v;      /* as written; in the budget's money unit */
    NumKind kind;
    const char *unit;    /* as written (the measure), for money and counts */
} Num;


/* Whether S[0..N) starts with W; the last occurrence of W (LEN bytes) in
 * S[A..B), or (size_t)-1. */
bool prose_starts(const char *s, size_t n, const char *w);
size_t prose_last_of(const char *s, size_t a, size_t b, const char *w, size_t len);

/* Paragraph PARA's flat text into F (freed by prose_flat_free). */
void prose_flat_read(const Para *para, Flat *f);
void prose_flat_free(Flat *f);

/* The start of the character before byte I of S. */
size_t prose_prev_char(const char *s, size_t i);

/* Whether S starts with the end of a sentence (。！？), or with CLAUSE of a
 * clause (；too); where the sentence or clause of offset AT starts, looking
 * back REACH bytes at most. */
bool prose_ends_sentence(const char *s, bool clause);
size_t prose_sentence_start(const Flat *f, size_t at, bool clause);

/* The index of the last part of F that starts at or before offset A. */
int prose_part_at(const Flat *f, size_t a);

/* The source range of text [A, B) of F, inside one literal piece, in
 * characters of its line: the string's escapes (\", {{) replayed. */
Loc prose_loc(const Flat *f, size_t a, size_t b);

/* The digit at S (ASCII or full-width): its value, its length in *LEN; or
 * -1. */
int prose_digit(const char *s, size_t *len);

/* Reads the number at offset I of F into NUM (at, text); returns the offset
 * after it. */
size_t prose_read_number(const Flat *f, size_t i, Num *num);

/* Offset I of S past blanks (ASCII and full-width). */
size_t prose_skip_spaces(const char *s, size_t i);

/* Whether the character before offset I makes the number there part of a
 * code, a name, a date or an ordinal (A02, v1.2, 2022-12, 第3). */
bool prose_glued(const Flat *f, size_t i);

/* Whether W follows offset I after blanks; whether the text at S ends a
 * phrase (punctuation, a quote, the end). */
bool prose_word_after(const Flat *f, size_t i, const char *w);
bool prose_phrase_end(const char *s);

/* Marks in MASK (F->n bytes) the bytes of F inside 《…》 or inside the name of
 * one of M's projects that has a digit. */
void prose_mask_names(const Model *m, const Flat *f, bool *mask);

/* ---- prose_figs.c: the figures ------------------------------------------------- */

static inline bool tagged(const CatEntry *e, const char *tag)
{
    return e->extra && strcmp(e->extra, tag) == 0;
}

/* Every figure a number of the text may be, and the words that name them
 * (the vocabulary's, the catalogues', the projects', the prose
 * catalogue's topic words), into P. */
void prose_build(P *p);

/* The path written as TEXT (支出[207].基本, 项目["name"].预算) as segments in
 * P's arena, or NULL. */
PathSeg *prose_path(P *p, const char *text);

/* The value of PATH in P's context (PRIOR: 上年.PATH); false when it has
 * none.  *NFACTS, if not NULL, receives how many facts it adds up. */
bool prose_eval(const P *p, const PathSeg *path, bool prior, Dec *out, int *nfacts);

/* Whether last year's figures can be quoted: `prior` lines or last year's
 * budget. */
bool prose_has_prior(const P *p);

/* The figure whose canonical path is PATH, or -1. */
int prose_find(const P *p, const char *path);

/* The value of F in FORM (*DIV: a quote of it divides, so it is rounded to
 * the printed decimals); false when it has none. */
bool prose_value(const P *p, const Fig *f, Form form, Dec *out, bool *div);

/* The quote's expression for F in FORM into BUF: 支出.项目, 上年.支出.项目,
 * 支出.项目 - 上年.支出.项目, (…) / 上年.支出.项目 * 100, 支出.项目 / 支出.合计 * 100. */
const char *prose_quote(const P *p, const Fig *f, Form form, char *buf, size_t n);

/* Whether F in FORM is N (with SCALE decimals as printed): exactly, or
 * rounded to SCALE for a quote that divides; a change must be more than 0. */
bool prose_matches(const P *p, const Fig *f, Form form, Dec n, int scale);

#endif
