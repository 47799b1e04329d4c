/*
 * words.c — the model's words from the vocabulary (vocab.h): the rows of
 * the asset table and the natures of units by their tags, and the
 * canonical spelling of a path, which `prior` lines and the paths that
 * read them share.
 */
#include <stdio.h>
#include <string.h>

#include "model/model.h"

/* The tag of each row of the asset table in the `asset` vocabulary. */
static const unsigned asset_tags[AS__COUNT] = {
    [AS_TOTAL] = TAG_TOTAL,         [AS_BUILDINGS] = TAG_BUILDINGS, [AS_OFFICES] = TAG_OFFICES,
    [AS_VEHICLES] = TAG_VEHICLES,   [AS_EQUIPMENT] = TAG_EQUIPMENT, [AS_OTHER] = TAG_OTHER,
};

static const Word *asset_word(const Vocab *v, AssetRow r)
{
    int i = vocab_tagged(v, DIM_ASSET, asset_tags[r]);
    return i < 0 ? NULL : &v->dim[DIM_ASSET].words[i];
}

const char *asset_row_name(const Model *m, AssetRow r)
{
    const Word *w = asset_word(m->vocab, r);
    return w ? w->name : "?";
}

const char *asset_row_title(const Model *m, AssetRow r)
{
    const Word *w = asset_word(m->vocab, r);
    return w ? w->title : "?";
}

int asset_row_of(const Model *m, const char *word)
{
    int i = vocab_word(m->vocab, DIM_ASSET, word);
    if (i >= 0 && (m->vocab->dim[DIM_ASSET].words[i].tags & TAG_PART))
        return -1;
    for (int r = 0; i >= 0 && r < AS__COUNT; r++)
        if (m->vocab->dim[DIM_ASSET].words[i].tags & asset_tags[r])
            return r;
    return -1;
}

int asset_part_of(const Model *m, const char *word, AssetRow *of)
{
    int i = vocab_word(m->vocab, DIM_ASSET, word);
    if (i < 0 || !(m->vocab->dim[DIM_ASSET].words[i].tags & TAG_PART))
        return -1;
    for (int r = 0; r < AS__COUNT; r++)
        if (m->vocab->dim[DIM_ASSET].words[i].tags & asset_tags[r]) {
            *of = (AssetRow)r;
            return i;
        }
    return -1;
}

int procured_whole(const Model *m, int r)
{
    const Word *w = &m->vocab->dim[DIM_PROCURED].words[r];
    for (int i = 0; i < w->nrefs; i++) {
        int k = vocab_word(m->vocab, DIM_PROCURED, w->refs[i]);
        if (k >= 0 && k != r)
            return k;
    }
    return -1;
}

bool unit_is_admin(const Vocab *v, const Unit *u)
{
    int w = u->nature ? vocab_word(v, DIM_NATURE, u->nature) : -1;
    return w >= 0 && (v->dim[DIM_NATURE].words[w].tags & TAG_ADMIN);
}

/* The canonical spelling of a path segment: printed variants of a word
 * (三公经费, 因公出国（境）费, 一般公共预算拨款收入, 基本支出 after 支出) are
 * written one way (vocab_canonical), so that `prior` and the paths that
 * read it agree; a word for every 三公 item (三公小计) is written 合计.  A
 * word of two dimensions is read in the order figure_filter reads it. */
static const char *canon_seg(const Vocab *v, const PathSeg *root, const PathSeg *s)
{
    if (strcmp(s->name, "三公经费") == 0)
        return "三公";
    if (s == root || !root->name)
        return s->name;
    bool sangong = strcmp(root->name, "三公") == 0 || strcmp(root->name, "三公经费") == 0;
    if (sangong) {
        WordSet set;
        const Vocab1 *items = &v->dim[DIM_ITEM];
        if (vocab_set(v, DIM_ITEM, s->name, &set) && items->n > 0 &&
            set == (WordSet)(((uint64_t)1 << items->n) - 1))
            return "合计";
        if (vocab_set(v, DIM_ITEM, s->name, &set))
            return vocab_canonical(v, DIM_ITEM, s->name);
    }
    if (sangong || strcmp(root->name, "收入") == 0 || strcmp(root->name, "支出") == 0) {
        WordSet set;
        /* after 支出 a kind comes before a source, as figure_filter reads
         * them: 经营 is the kind 经营支出 and a spelling of 经营收入 */
        if (strcmp(root->name, "支出") == 0 && vocab_set(v, DIM_KIND, s->name, &set))
            return vocab_canonical(v, DIM_KIND, s->name);
        if (vocab_set(v, DIM_SOURCE, s->name, &set))
            return vocab_canonical(v, DIM_SOURCE, s->name);
        if (!sangong && vocab_set(v, DIM_KIND, s->name, &set))
            return vocab_canonical(v, DIM_KIND, s->name);
    }
    return s->name;
}

/* Appends the strings of PARTS (up to a NULL) to BUF of size N at *O,
 * truncating at the end of BUF; *O counts what did not fit too. */
static void append(char *buf, size_t n, size_t *o, const char *const *parts)
{
    for (; *parts; parts++) {
        size_t l = strlen(*parts);
        if (*o + 1 < n) {
            size_t room = n - 1 - *o;
            memcpy(buf + *o, *parts, l < room ? l : room);
            buf[*o + (l < room ? l : room)] = '\0';
        }
        *o += l;
    }
}

void path_text(const Vocab *v, const PathSeg *path, char *buf, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    const PathSeg *root = path;
    for (const PathSeg *s = path; s && o < n; s = s->next) {
        if (s == path && s->name && strcmp(s->name, "上年") == 0 && s->next)
            root = s->next;
        if (s->name)
            append(buf, n, &o, (const char *[]){s == path ? "" : ".", canon_seg(v, root, s), NULL});
        else if (s->index->kind == A_STRING)
            append(buf, n, &o, (const char *[]){"[\"", s->index->text, "\"]", NULL});
        else
            append(buf, n, &o, (const char *[]){"[", s->index->text, "]", NULL});
    }
}

const char *model_label(const Model *m, const char *key)
{
    if (m->final) {
        char k[64];
        snprintf(k, sizeof k, "%s_final", key);
        const char *t = vocab_label(m->vocab, k);
        if (t != k) /* found: vocab_label gives the key itself when not */
            return t;
    }
    return vocab_label(m->vocab, key);
}
