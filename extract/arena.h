/*
 * arena.h: the bump allocator that owns one document's extraction result (model.h).
 *
 * Extraction makes many small objects whose lifetimes all end together, when the document is
 * freed; an arena makes that one free and keeps the objects close in memory. Internal to
 * libextract (ex__ names) but also used by store/ for its result lists.
 */
#ifndef NEWSGRAPH_EXTRACT_ARENA_H
#define NEWSGRAPH_EXTRACT_ARENA_H

#include <stddef.h>

struct ex_arena;

/* New empty arena, or NULL. Free with ex__arena_free (NULL-safe). */
struct ex_arena *ex__arena_new(void);
void ex__arena_free(struct ex_arena *a);
/* size bytes aligned for any type, zeroed; NULL when out of memory. Owned by the arena. */
void *ex__arena_alloc(struct ex_arena *a, size_t size);
/* ex__arena_alloc without the zeroing, for arrays the caller fills before it reads them
 * (tokens, candidates): zeroing them cost a tenth of extraction's instructions. */
void *ex__arena_alloc_raw(struct ex_arena *a, size_t size);
/* Copies n bytes and a NUL; NULL when out of memory (or s NULL). Owned by the arena. */
char *ex__arena_strndup(struct ex_arena *a, const char *s, size_t n);
/* Bytes handed out so far (for memory accounting in tests and benchmarks). */
size_t ex__arena_used(const struct ex_arena *a);

#endif
