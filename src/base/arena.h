/*
 * arena.h — one allocation arena per compilation.
 *
 * Everything the front end builds (AST nodes, decoded strings, lists) is
 * allocated here and freed at once with arena_free, as chibicc and most
 * small compilers do: no node is ever freed on its own.  Allocation failure
 * aborts the process with a message (budc has nothing sensible to do then).
 */
#ifndef BUDC_ARENA_H
#define BUDC_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
    ArenaBlock *head;
} Arena;

void arena_init(Arena *a);
/* Frees every block; the arena can be used again afterwards. */
void arena_free(Arena *a);
/* N zeroed bytes, aligned for any object; owned by the arena. */
void *arena_alloc(Arena *a, size_t n);
/* N bytes, aligned for any object, not cleared. */
void *arena_alloc_uncleared(Arena *a, size_t n);
/* A NUL-terminated copy of S[0..N); owned by the arena. */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
/* N bytes for characters: not cleared, not aligned (no padding). */
char *arena_bytes(Arena *a, size_t n);

/* Room for one more element of SIZE bytes in the array *ARR of N elements
 * and capacity *CAP (doubled in A when full, the elements copied); returns
 * the new element, zeroed.  ARENA_PUSH(a, arr, n, cap) does it for an
 * array variable and its counters, counting the element in. */
void *arena_push(Arena *a, void **arr, int *n, int *cap, size_t size);
#define ARENA_PUSH(a, arr, n, cap) \
    ((__typeof__(arr))arena_push((a), (void **)&(arr), &(n), &(cap), sizeof *(arr)))

/* xmalloc/xrealloc: malloc that aborts on failure, for memory outside the arena. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);

#endif
