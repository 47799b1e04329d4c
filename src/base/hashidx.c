/*
 * hashidx.c — an index from 64-bit hashes to ints (see hashidx.h): open
 * addressing, linear probing, at most half full.
 */
#include "base/hashidx.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ull;
    return h;
}

uint64_t hash_str(uint64_t h, const char *s)
{
    if (s == NULL)
        return (h ^ 0x9e3779b97f4a7c15ull) * 1099511628211ull;
    return hash_bytes(h, s, strlen(s) + 1); /* the NUL: "" differs from NULL */
}

void hidx_init(HashIdx *x) { memset(x, 0, sizeof *x); }

void hidx_free(HashIdx *x)
{
    free(x->keys);
    free(x->vals);
    hidx_init(x);
}

static size_t home(const HashIdx *x, uint64_t key)
{
    return (size_t)((key ^ (key >> 29)) & (x->cap - 1));
}

static void grow(HashIdx *x)
{
    HashIdx old = *x;
    x->cap = old.cap ? old.cap * 2 : 64;
    x->keys = xmalloc(x->cap * sizeof *x->keys);
    x->vals = xmalloc(x->cap * sizeof *x->vals);
    for (size_t i = 0; i < x->cap; i++)
        x->vals[i] = -1;
    for (size_t i = 0; i < old.cap; i++) {
        if (old.vals[i] < 0)
            continue;
        size_t j = home(x, old.keys[i]);
        while (x->vals[j] >= 0)
            j = (j + 1) & (x->cap - 1);
        x->keys[j] = old.keys[i];
        x->vals[j] = old.vals[i];
    }
    free(old.keys);
    free(old.vals);
}

int *hidx_slot(HashIdx *x, uint64_t key)
{
    if ((x->n + 1) * 2 > x->cap)
        grow(x);
    size_t j = home(x, key);
    while (x->vals[j] >= 0) {
        if (x->keys[j] == key)
            return &x->vals[j];
        j = (j + 1) & (x->cap - 1);
    }
    /* a new key: the caller stores its value (>= 0) at once */
    x->keys[j] = key;
    x->vals[j] = -1;
    x->n++;
    return &x->vals[j];
}

int hidx_get(const HashIdx *x, uint64_t key)
{
    if (x->cap == 0)
        return -1;
    size_t j = home(x, key);
    while (x->vals[j] >= 0) {
        if (x->keys[j] == key)
            return x->vals[j];
        j = (j + 1) & (x->cap - 1);
    }
    return -1;
}
