/*
 * memo.c: the writer's memory of facts it has read or written, so that ingesting an article
 * whose entities are stored already costs no statement per surface form: which entity a
 * (kind, key) leads to, which aliases and titles an entity has, and a lower bound of the
 * length of its name. Every fact is a row the database holds (or held: see below), so a hit
 * lets the writer skip a lookup or an INSERT OR IGNORE that would have changed nothing.
 *
 * Only the writer connection uses it, under the write lock. It forgets everything when the
 * database may have lost a row it remembers: a rolled-back savepoint or transaction, a merge,
 * a delete, or a commit by another connection (store.c checks PRAGMA data_version). Its size
 * is bounded by two generations of MEMO_GEN entries: when the young one is full the old one
 * is dropped, and a fact found in the old one is copied into the young one, so what is used
 * often stays.
 */
#include <stdlib.h>
#include <string.h>

#include "extract/arena.h"
#include "internal.h"

#define MEMO_GEN 65536 /* entries per generation: two of them take ~12 MiB at most */

struct memo_slot {
    uint64_t hash; /* 0: empty */
    const char *text;
    int64_t id, val;
    char tag;
};

struct memo_gen {
    struct memo_slot *slots; /* 2 * MEMO_GEN, open addressing */
    size_t n;
    struct ex_arena *a; /* the texts */
};

struct st__memo {
    struct memo_gen young, old;
};

static uint64_t memo_hash(char tag, int64_t id, const char *text)
{
    uint64_t h = 1469598103934665603ULL ^ (unsigned char)tag;
    h *= 1099511628211ULL;
    for (int i = 0; i < 8; i++) {
        h = (h ^ (uint64_t)((uint64_t)id >> (8 * i) & 0xff)) * 1099511628211ULL;
    }
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return h ? h : 1;
}

static void gen_free(struct memo_gen *g)
{
    free(g->slots);
    ex__arena_free(g->a);
    memset(g, 0, sizeof(*g));
}

static struct memo_slot *gen_find(const struct memo_gen *g, uint64_t h, char tag, int64_t id,
                                  const char *text)
{
    if (!g->slots) return NULL;
    size_t mask = 2 * MEMO_GEN - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        struct memo_slot *s = &g->slots[i];
        if (!s->hash) return s; /* the empty slot where it would go */
        if (s->hash == h && s->tag == tag && s->id == id && strcmp(s->text, text) == 0) return s;
    }
}

struct st__memo *st__memo_new(void)
{
    return calloc(1, sizeof(struct st__memo));
}

void st__memo_free(struct st__memo *m)
{
    if (!m) return;
    gen_free(&m->young);
    gen_free(&m->old);
    free(m);
}

void st__memo_clear(struct st__memo *m)
{
    if (!m) return;
    gen_free(&m->young);
    gen_free(&m->old);
}

/* Puts into the young generation, rotating first when it is full; 0, or ST_ENOMEM (the fact
 * is then simply not remembered). */
static int gen_put(struct st__memo *m, uint64_t h, char tag, int64_t id, const char *text,
                   int64_t val)
{
    struct memo_gen *g = &m->young;
    if (g->n >= MEMO_GEN) {
        gen_free(&m->old);
        m->old = *g;
        memset(g, 0, sizeof(*g));
    }
    if (!g->slots) {
        g->slots = calloc(2 * MEMO_GEN, sizeof(*g->slots));
        g->a = ex__arena_new();
        if (!g->slots || !g->a) {
            gen_free(g);
            return ST_ENOMEM;
        }
    }
    struct memo_slot *s = gen_find(g, h, tag, id, text);
    if (!s->hash) {
        const char *copy = ex__arena_strndup(g->a, text, strlen(text));
        if (!copy) return ST_ENOMEM;
        *s = (struct memo_slot){h, copy, id, val, tag};
        g->n++;
    } else {
        s->val = val;
    }
    return 0;
}

int st__memo_get(struct st__memo *m, char tag, int64_t id, const char *text, int64_t *val)
{
    if (!m) return 0;
    uint64_t h = memo_hash(tag, id, text);
    struct memo_slot *s = gen_find(&m->young, h, tag, id, text);
    if (s && s->hash) {
        *val = s->val;
        return 1;
    }
    s = gen_find(&m->old, h, tag, id, text);
    if (!s || !s->hash) return 0;
    *val = s->val;
    gen_put(m, h, tag, id, text, *val); /* used again: keep it past the next rotation */
    return 1;
}

int st__memo_put(struct st__memo *m, char tag, int64_t id, const char *text, int64_t val)
{
    if (!m) return 0;
    return gen_put(m, memo_hash(tag, id, text), tag, id, text, val);
}
