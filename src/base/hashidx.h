/*
 * hashidx.h — an index from 64-bit hashes to ints, for finding equal things
 * among many in linear time (the checker's copied tables and goals, project
 * names, stems of names in a text) instead of comparing every pair.
 *
 * The index knows only hashes: its user keeps, for each value, a chain of
 * the items with that hash (next[i]) and compares the items themselves, so
 * a collision costs a comparison, never a wrong answer.
 */
#ifndef BUDC_HASHIDX_H
#define BUDC_HASHIDX_H

#include <stddef.h>
#include <stdint.h>

typedef struct HashIdx {
    uint64_t *keys;
    int *vals; /* -1: empty */
    size_t cap, n;
} HashIdx;

/* FNV-1a of P[0..N), continuing from H (start with HASH_SEED). */
#define HASH_SEED 14695981039346656037ull
uint64_t hash_bytes(uint64_t h, const void *p, size_t n);
/* Of a string that may be NULL (NULL and "" hash apart). */
uint64_t hash_str(uint64_t h, const char *s);

void hidx_init(HashIdx *x);
void hidx_free(HashIdx *x);
/* The value of KEY; -1 when new, and then the caller stores a value >= 0
 * there before any other call. */
int *hidx_slot(HashIdx *x, uint64_t key);
/* The value of KEY, or -1. */
int hidx_get(const HashIdx *x, uint64_t key);

#endif
