/*
 * cache.c: rendered GET responses, reused until the data changes.
 *
 * Most reads repeat: a front end asks for the same article, the same entity list, again and
 * again. An entry is the rendered body of one URL (path and query as sent) together with the
 * store's data version when the handler started; it is served only while st_data_version()
 * still says the same, and every write (here or in another process) moves the version, so a
 * cached read is never older than the last commit. Entries live in a fixed table of slots
 * hashed by URL (a collision simply replaces), each guarded by one of a few striped locks,
 * and bodies above a size limit are not kept, so the memory it can take is bounded:
 * SLOTS x MAX_BODY.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define SLOTS 1024
#define STRIPES 64
#define MAX_BODY (64 * 1024)

/* A cached body, shared by the cache slot and every response being sent from it; the last
 * one to let go frees it (libmicrohttpd calls srv__blob_release when a response is done). */
struct blob {
    atomic_int refs;
    size_t len;
    char data[];
};

void srv__blob_release(void *data)
{
    if (!data) return;
    struct blob *b = (struct blob *)(void *)((char *)data - offsetof(struct blob, data));
    if (atomic_fetch_sub(&b->refs, 1) == 1) free(b);
}

struct slot {
    char *key;
    size_t key_len;
    int64_t version;
    struct blob *body;
    size_t len;
    const char *content_type;
    char *link;
    char etag[24];
};

struct srv__cache {
    struct slot slots[SLOTS];
    pthread_mutex_t locks[STRIPES];
};

struct srv__cache *srv__cache_new(void)
{
    struct srv__cache *c = calloc(1, sizeof(*c));
    if (!c) return NULL;
    for (int i = 0; i < STRIPES; i++)
        pthread_mutex_init(&c->locks[i], NULL);
    return c;
}

static void slot_clear(struct slot *s)
{
    free(s->key);
    if (s->body) srv__blob_release(s->body->data);
    free(s->link);
    memset(s, 0, sizeof(*s));
}

void srv__cache_free(struct srv__cache *c)
{
    if (!c) return;
    for (int i = 0; i < SLOTS; i++)
        slot_clear(&c->slots[i]);
    for (int i = 0; i < STRIPES; i++)
        pthread_mutex_destroy(&c->locks[i]);
    free(c);
}

static size_t slot_of(const char *key, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)key[i]) * 1099511628211ULL;
    return (size_t)(h % SLOTS);
}

int srv__cache_get(struct srv__cache *c, const char *key, size_t n, int64_t version,
                   struct srv_resp *rs)
{
    if (!c) return 0;
    size_t i = slot_of(key, n);
    struct slot *s = &c->slots[i];
    int hit = 0;
    pthread_mutex_lock(&c->locks[i % STRIPES]);
    if (s->key && s->version == version && s->key_len == n && !memcmp(s->key, key, n)) {
        char *link = s->link ? strdup(s->link) : NULL;
        if (!s->link || link) {
            atomic_fetch_add(&s->body->refs, 1); /* the response's reference */
            rs->status = 200;
            rs->body = s->body->data;
            rs->len = s->len;
            rs->free_body = 0;
            rs->shared = 1;
            rs->content_type = s->content_type;
            rs->link = link;
            memcpy(rs->etag, s->etag, sizeof(rs->etag));
            hit = 1;
        }
    }
    pthread_mutex_unlock(&c->locks[i % STRIPES]);
    return hit;
}

void srv__cache_put(struct srv__cache *c, const char *key, size_t n, int64_t version,
                    const struct srv_resp *rs)
{
    if (!c || rs->len > MAX_BODY || !rs->body) return;
    char *k = malloc(n + 1), *link = rs->link ? strdup(rs->link) : NULL;
    struct blob *body = malloc(sizeof(*body) + rs->len + 1);
    if (!k || !body || (rs->link && !link)) {
        free(k);
        free(body);
        free(link);
        return;
    }
    memcpy(k, key, n);
    k[n] = '\0';
    atomic_init(&body->refs, 1); /* the slot's reference */
    body->len = rs->len;
    memcpy(body->data, rs->body, rs->len);
    size_t i = slot_of(key, n);
    pthread_mutex_lock(&c->locks[i % STRIPES]);
    struct slot *s = &c->slots[i];
    slot_clear(s);
    *s = (struct slot){k, n, version, body, rs->len, rs->content_type, link, {0}};
    memcpy(s->etag, rs->etag, sizeof(s->etag));
    pthread_mutex_unlock(&c->locks[i % STRIPES]);
}
