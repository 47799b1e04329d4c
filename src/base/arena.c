/*
 * arena.c — the compilation arena: a list of large blocks carved up by a
 * bump pointer.  See arena.h.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MAP_POPULATE */
#include "base/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct ArenaBlock {
    ArenaBlock *next;
    size_t used, cap;
    int own;           /* holds one growing array alone (arena_push) */
    int slab;          /* carved from a slab: kept for reuse, never freed */
    alignas(max_align_t) unsigned char data[];
};

/* Objects are aligned to 8 bytes, which every struct of budc needs at
 * most (pointers, int64_t: no long double or __int128 is allocated here);
 * max_align_t's 16 rounded a 104-byte atom up to 112 and a 120-byte
 * statement to 128 (issue 16, the memory of one huge department). */
enum { OBJ_ALIGN = 8 };

/* An array of push at least this large gets a block of its own, grown in
 * place with realloc: doubling it in the arena left every old copy behind
 * (as much again as the array), and a large block from malloc is mapped
 * pages that the C library moves with mremap, unused room never touched. */
enum { OWN_MIN = 16 * 1024 };

enum { BLOCK_SIZE = 64 * 1024 };

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("budc: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("budc: out of memory\n", stderr);
        abort();
    }
    return q;
}

void arena_init(Arena *a) { a->head = NULL; }

/* Blocks of the standard size freed by arena_free, kept for the next
 * arena: a run over many departments frees one department's arenas and
 * builds the next one's, and giving the blocks back to the C library made
 * it return the memory to the system (brk) and fault it in again, page by
 * page: a third of the time of `budc check DIR` (issue 16).  At most
 * SPARE_MAX blocks are kept, none larger than BLOCK_SIZE; the peak memory
 * is what the largest department needed, as before. */
enum { SPARE_MAX = 256 };
static ArenaBlock *spare;
static int nspare;

/* Gives the pages of a slab block's data back to the system (it cannot be
 * freed alone): a run that checked a huge department keeps its blocks for
 * the next arena, not its memory.  The pages fault in again, zeroed, when
 * the block is used. */
static void release(ArenaBlock *b)
{
    uintptr_t page = 4096, lo = ((uintptr_t)b->data + page - 1) & ~(page - 1),
              hi = ((uintptr_t)b->data + b->cap) & ~(page - 1);
    if (hi > lo)
        madvise((void *)lo, hi - lo, MADV_DONTNEED);
}

void arena_free(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->next;
        if (b->slab || (b->cap == BLOCK_SIZE && nspare < SPARE_MAX)) {
            if (nspare >= SPARE_MAX)
                release(b);
            b->next = spare;
            spare = b;
            nspare++;
        } else {
            free(b);
        }
        b = next;
    }
    a->head = NULL;
}

/* A block of BLOCK_SIZE, carved from a slab of SLAB_BLOCKS mapped with
 * MAP_POPULATE: the kernel gives the slab's pages at once instead of one
 * page fault per 4 KiB on first touch, which a virtual machine makes
 * expensive (the seed's check faulted in some 550 pages of arena). */
enum { SLAB_BLOCKS = 8 };

/* Under AddressSanitizer each block is malloc's: reading past its end is
 * caught (a slab is not watched), and LeakSanitizer sees the pointers a
 * block holds (it does not scan mmap's memory: every allocation reachable
 * only from a slab, the cached standard library's hash tables and files
 * in the fuzz harnesses, was reported as leaked).  gcc says so with
 * __SANITIZE_ADDRESS__, clang with __has_feature. */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_MALLOC_BLOCKS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define ARENA_MALLOC_BLOCKS 1
#endif
#endif
static unsigned char *slab;
static int slab_left;

static ArenaBlock *standard_block(void)
{
    size_t one = sizeof(ArenaBlock) + BLOCK_SIZE;
#ifdef ARENA_MALLOC_BLOCKS
    ArenaBlock *own = xmalloc(one);
    own->slab = 0;
    return own;
#endif
    if (!slab_left) {
        void *p = mmap(NULL, SLAB_BLOCKS * one, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (p == MAP_FAILED) {
            ArenaBlock *b = xmalloc(one);
            b->slab = 0;
            return b;
        }
        slab = p;
        slab_left = SLAB_BLOCKS;
    }
    ArenaBlock *b = (ArenaBlock *)slab;
    slab += one;
    slab_left--;
    b->slab = 1;
    return b;
}

/* N bytes of A aligned to ALIGN (a power of two), not cleared.  A string
 * asks for alignment 1, so that it takes its own length and no padding (a
 * budget is mostly short strings: issue 16, the memory of one huge
 * department). */
static void *bump_align(Arena *a, size_t n, size_t align)
{
    ArenaBlock *b = a->head;
    size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (b && n > BLOCK_SIZE / 4 && (at > b->cap || b->cap - at < n)) {
        /* a large object gets a block of its own behind the current one,
         * whose free room stays in use */
        ArenaBlock *o = xmalloc(sizeof *o + n);
        o->used = o->cap = n;
        o->own = o->slab = 0;
        o->next = b->next;
        b->next = o;
        return o->data;
    }
    if (!b || at > b->cap || b->cap - at < n) {
        size_t cap = n > BLOCK_SIZE ? n : BLOCK_SIZE;
        if (cap == BLOCK_SIZE && spare) {
            b = spare;
            spare = spare->next;
            nspare--;
        } else if (cap == BLOCK_SIZE) {
            b = standard_block();
        } else {
            b = xmalloc(sizeof *b + cap);
            b->slab = 0;
        }
        b->used = 0;
        b->cap = cap;
        b->own = 0;
        b->next = a->head;
        a->head = b;
        at = 0;
    }
    b->used = at + n;
    return b->data + at;
}

static void *bump(Arena *a, size_t n) { return bump_align(a, n, OBJ_ALIGN); }

void *arena_alloc_uncleared(Arena *a, size_t n) { return bump(a, n); }

void *arena_alloc(Arena *a, size_t n)
{
    void *p = bump(a, n);
    memset(p, 0, n);
    return p;
}

char *arena_bytes(Arena *a, size_t n) { return bump_align(a, n ? n : 1, 1); }

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *p = arena_bytes(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(Arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

/* The block of its own that holds ARR, or NULL; *PREV is where it is linked. */
static ArenaBlock **own_block(Arena *a, void *arr)
{
    for (ArenaBlock **pb = &a->head; *pb; pb = &(*pb)->next)
        if ((*pb)->own && (*pb)->data == arr)
            return pb;
    return NULL;
}

void *arena_push(Arena *a, void **arr, int *n, int *cap, size_t size)
{
    if (*n == *cap) {
        int nc = *cap ? *cap * 2 : 16;
        size_t bytes = (size_t)nc * size;
        ArenaBlock **pb = bytes >= OWN_MIN && *cap ? own_block(a, *arr) : NULL;
        if (pb) {
            ArenaBlock *o = xrealloc(*pb, sizeof *o + bytes);
            o->used = o->cap = bytes;
            *pb = o;
            *arr = o->data;
        } else if (bytes >= OWN_MIN) {
            ArenaBlock *o = xmalloc(sizeof *o + bytes);
            o->used = o->cap = bytes;
            o->own = 1;
            o->slab = 0;
            if (a->head) {
                o->next = a->head->next;
                a->head->next = o;
            } else {
                o->next = NULL;
                a->head = o;
            }
            if (*n)
                memcpy(o->data, *arr, (size_t)*n * size);
            *arr = o->data;
        } else {
            void *p = bump(a, bytes); /* each element is cleared as pushed */
            if (*n)
                memcpy(p, *arr, (size_t)*n * size);
            *arr = p;
        }
        *cap = nc;
    }
    void *e = (char *)*arr + (size_t)(*n)++ * size;
    memset(e, 0, size);
    return e;
}
