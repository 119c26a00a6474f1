/*
 * arena.c: a chain of blocks; allocation bumps a pointer in the newest block and opens a new
 * block (doubling, at least the request) when it is full. Memory is returned only all at once.
 */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct block {
    struct block *prev;
    size_t size, used;
    max_align_t data[];
};

struct ex_arena {
    struct block *top;
    size_t total;
};

struct ex_arena *ex__arena_new(void)
{
    return calloc(1, sizeof(struct ex_arena));
}

void ex__arena_free(struct ex_arena *a)
{
    if (!a) return;
    struct block *b = a->top;
    while (b) {
        struct block *prev = b->prev;
        free(b);
        b = prev;
    }
    free(a);
}

void *ex__arena_alloc(struct ex_arena *a, size_t size)
{
    void *p = ex__arena_alloc_raw(a, size);
    if (p) memset(p, 0, size);
    return p;
}

void *ex__arena_alloc_raw(struct ex_arena *a, size_t size)
{
    const size_t align = sizeof(max_align_t);
    if (!a || size > SIZE_MAX / 2) return NULL;
    size = (size + align - 1) / align * align;
    if (size == 0) size = align;
    struct block *b = a->top;
    if (!b || b->size - b->used < size) {
        size_t cap = b ? b->size * 2 : 16384;
        if (cap > ((size_t)1 << 24)) cap = (size_t)1 << 24;
        if (cap < size) cap = size;
        struct block *nb = malloc(sizeof(*nb) + cap);
        if (!nb) return NULL;
        nb->prev = b;
        nb->size = cap;
        nb->used = 0;
        a->top = b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    a->total += size;
    return p;
}

char *ex__arena_strndup(struct ex_arena *a, const char *s, size_t n)
{
    if (!s) return NULL;
    char *p = ex__arena_alloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

size_t ex__arena_used(const struct ex_arena *a)
{
    return a ? a->total : 0;
}
