/*
 * internal.h: the shapes the dispatcher hands to handlers and gets back, shared by the files
 * of libserver only. A request arrives already parsed (method, path parameters, query
 * parameters, body) and a handler answers by filling a response; neither side sees
 * libmicrohttpd, which stays inside dispatch.c.
 */
#ifndef NEWSGRAPH_SERVER_INTERNAL_H
#define NEWSGRAPH_SERVER_INTERNAL_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "embed.h"
#include "server.h"

#define SRV_MAX_QUERY 32 /* query parameters accepted per request; more is a 400 */

struct srv_kv {
    const char *key;
    const char *value;
};

struct srv__waiter;
struct srv_resp;

struct srv_req {
    const char *method; /* "GET", "POST", ... (HEAD arrives as GET) */
    const char *path;
    const char *content_type; /* may be NULL */
    const char *body;         /* NUL-terminated copy of the body; "" when none */
    size_t body_len;
    struct srv_kv query[SRV_MAX_QUERY];
    size_t n_query;
    const char *param;  /* the {id} path segment, or NULL */
    const char *param2; /* a second path segment ({file}), or NULL */
    struct st_db *db;
    const struct srv_config *cfg;
    struct srv *srv;
    /* POST only: what lets the handler's answer wait without holding a thread (srv_later);
     * NULL otherwise */
    struct srv__waiter *waiter;
};

/* An answer that waits for work done elsewhere (a durable commit by the store's writer
 * thread) without holding a thread of the pool. A handler returns 0 with rs->later.finish
 * set instead of an answer and arranges for srv__wake(rq->waiter) to be called exactly once,
 * from any thread, when the work is done. The dispatcher suspends the connection meanwhile
 * (its thread serves other connections), and after the wake-up runs finish(rq, rs, state)
 * on a thread of the pool to answer as a handler would; finish frees state. When the
 * connection is gone before finish can run, state is freed by release(state) if the wake-up
 * had come, or else by the waker: srv__wake returns 1 to say so. */
struct srv_later {
    int (*finish)(const struct srv_req *rq, struct srv_resp *rs, void *state);
    void (*release)(void *state);
    void *state;
};

/* Wakes the request that waits on w (see srv_later); 1 when its connection is gone and the
 * caller must free the state itself, else 0. */
int srv__wake(struct srv__waiter *w);

/* Ingest back-pressure (dispatch.c). An article holds one of cfg->ingest_backlog places
 * from before its extraction until the store's writer has answered it (committed or
 * failed), so the documents waiting for the writer, and the memory they hold, are bounded
 * however many POSTs are suspended. srv__backlog_take takes a place: when none is free it
 * returns SRV_EBACKLOG at once (wait 0), or waits for one (wait 1). Waiting cannot deadlock
 * as long as every place taken is given back without the help of a thread that may wait:
 * by the writer's callback (st_ingest_submit's done), or by the taker before it submits.
 * srv__backlog_give returns a place, from any thread. s may be NULL (no server, no bound). */
int srv__backlog_take(struct srv *s, int wait);
void srv__backlog_give(struct srv *s);

/* A body made while it is sent (GET /v1/export): read() fills buf with up to max bytes and
 * returns how many, 0 at the end, or -1 on a failure, which cuts the connection so that no
 * client takes a partial body for a whole one; release() frees state, also when the body is
 * never read (HEAD, a closed connection). */
struct srv_stream {
    long (*read)(void *state, char *buf, size_t max);
    void (*release)(void *state);
    void *state;
};

struct srv_resp {
    int status;
    char *body; /* malloc'd, owned by the response; NULL = empty */
    size_t len;
    const char *content_type; /* static string */
    int free_body;            /* body is malloc'd (else static) */
    char location[96];        /* Location header when not empty */
    char *link;               /* Link header (malloc'd) or NULL */
    const char *cache;        /* Cache-Control value, or NULL for the default */
    char detail[320];         /* problem detail when a handler returns an error */
    long long offset;         /* problem "offset" (invalid UTF-8 / NUL), or -1 */
    char etag[24];            /* set by the cache (computed once per entry), else empty */
    int shared;               /* body is a cached blob: release with srv__blob_release */
    struct srv_stream stream; /* when read is set, the body (never cached, no ETag) */
    struct srv_later later;   /* when finish is set, the answer comes later (srv_later) */
    unsigned retry_after;     /* Retry-After header in seconds when not 0 */
};

typedef int (*srv_handler)(const struct srv_req *rq, struct srv_resp *rs);

struct srv_route {
    const char *method;
    const char *pattern; /* "/v1/articles/{id}"; {x} matches one segment */
    srv_handler handler;
    const char *name; /* label for metrics */
};

/* The route table (routes.c), ended by a NULL method. */
extern const struct srv_route srv__routes[];

/* Finds the route for method and path. Returns it and sets the path parameters, or NULL
 * with *path_known set when another method would match (for 405 and Allow, written into
 * allow, a buffer of allow_size bytes). */
const struct srv_route *srv__route(const char *method, const char *path, const char **param,
                                   const char **param2, char *param_buf, size_t buf_size,
                                   int *path_known, char *allow, size_t allow_size);

/* Value of query parameter key, or NULL. */
const char *srv__query(const struct srv_req *rq, const char *key);
/* Values of a repeated query parameter, in request order: the first max go into values;
 * returns how many there are, which may be more than max (the caller decides on a 400). */
size_t srv__query_all(const struct srv_req *rq, const char *key, const char **values, size_t max);

/* Sets rs to a JSON body, taking ownership of root (decref'd here). 0 or SRV_ENOMEM. */
int srv__json(struct srv_resp *rs, int status, json_t *root);
/* Error return with a formatted detail: `return srv__fail(rs, SRV_EBADREQ, "...", ...);` */
int srv__fail(struct srv_resp *rs, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Fills rs with the problem+json body of code (status from the error table). */
void srv__problem(struct srv_resp *rs, int code);

/* Opaque cursors: base64url of "key.id" (lists with one order), or of "S.key.id" / "S:id:text"
 * where S is the letter of the sort order that issued it, so a cursor can be refused by any
 * other order. Decoding sets *sort (0 when untagged) and c, whose text the caller releases
 * with srv__cursor_clear; 0 or SRV_EBADREQ for anything not spelled exactly as we encode. */
int srv__cursor_decode(const char *s, char *sort, struct st_cursor *c);
/* The cursor as a malloc'd string, or NULL on OOM. */
char *srv__cursor_encode(char sort, const struct st_cursor *c);
/* Frees a decoded cursor's text and zeroes it. */
void srv__cursor_clear(struct st_cursor *c);

/* Query parameters (routes.c). The handlers' parsers, outside the handlers so that
 * fuzz/server_fuzz.c can drive them without a database. Each returns 0, or SRV_EBADREQ
 * with rs->detail naming the parameter; strings set in the outputs are borrowed from rq. */
#define SRV_DEFAULT_LIMIT 50 /* page size when limit is absent */
#define SRV_MAX_LIMIT 500    /* largest limit accepted */

/* Only the parameters listed in ok (NULL-terminated) are accepted: a typo ("limt") gets a
 * 400 naming it instead of silently returning the default page. */
int srv__allow_params(const struct srv_req *rq, struct srv_resp *rs, const char *const *ok);
/* A decimal integer, optional '-', nothing else (no sign '+', no blanks): 0, or -1 with *v
 * untouched. */
int srv__parse_int(const char *s, int64_t *v);
/* A positive id (what names it in the detail); s may be NULL (a 400). */
int srv__parse_id(const char *s, struct srv_resp *rs, const char *what, int64_t *id);
/* offsets=codepoint|utf16|utf8, codepoint when absent. */
int srv__parse_unit(const struct srv_req *rq, struct srv_resp *rs, enum ex_unit *unit);
/* limit (1..SRV_MAX_LIMIT, SRV_DEFAULT_LIMIT when absent) and cursor, which must carry the
 * letter sort of the list's order (0 for lists with one order; an untagged cursor passes for
 * 'm'). On success the caller releases *after with srv__cursor_clear; on failure there is
 * nothing to release. */
int srv__parse_page(const struct srv_req *rq, struct srv_resp *rs, size_t *limit,
                    struct st_cursor *after, char sort);
/* 1 when s is "2022", "2022-01", "2022-01-07" or a date-time (up to 32 bytes) starting so. */
int srv__iso_date(const char *s);
/* q, entity (repeatable, at most ST_MAX_ENTITY_FILTER), source, since and until: the filters
 * of GET /v1/articles and GET /v1/export. */
int srv__parse_article_filters(const struct srv_req *rq, struct srv_resp *rs,
                               struct st_article_query *q);
/* include=entities,statements (either, both, any order; NULL or "" = neither). */
int srv__parse_include(const char *inc, struct srv_resp *rs, int *want_entities,
                       int *want_statements);
/* kind, article, speaker (an id, or a name when not an integer), q and about of the statement
 * lists; limit and cursor are srv__parse_page's. */
int srv__parse_statement_filters(const struct srv_req *rq, struct srv_resp *rs,
                                 struct st_statement_query *q);
/* GET /v1/entities: sort (*letter is its cursors' letter), limit, cursor, kind, q, article.
 * On success the caller releases q->after with srv__cursor_clear. */
int srv__parse_entity_query(const struct srv_req *rq, struct srv_resp *rs,
                            struct st_entity_query *q, char *letter);

/* A JSON article body: an object of known string fields, body required. On success
 * returns 0 with in's pointers borrowed from *root (the caller decrefs it, also on
 * failure); else an SRV_* code with rs->detail. */
int srv__json_article(const char *body, size_t len, struct srv_resp *rs, json_t **root,
                      struct ex_input *in);

/* JSON text written straight into a growing buffer (views.c), byte for byte what jansson's
 * json_dumps(JSON_COMPACT | JSON_PRESERVE_ORDER) writes for the same values. Zero it to
 * start; a failed allocation sets failed, after which writes do nothing and srv__out_take
 * answers SRV_ENOMEM. */
struct srv__out {
    char *buf;
    size_t len, cap;
    int failed;
};
void srv__out_raw(struct srv__out *o, const char *s, size_t n);
/* a string literal only (the "" makes anything else a compile error: sizeof would lie) */
#define srv__out_lit(o, lit) srv__out_raw((o), "" lit, sizeof("" lit) - 1)
/* A JSON string (escaped as jansson does), or null for NULL. */
void srv__out_str(struct srv__out *o, const char *s);
void srv__out_int(struct srv__out *o, int64_t v);
void srv__out_real(struct srv__out *o, double v);
/* Makes the text rs's JSON body (status, content type), the buffer handed over and o zeroed;
 * 0, or SRV_ENOMEM (o freed) when a write failed. */
int srv__out_take(struct srv__out *o, struct srv_resp *rs, int status);

/* Views (views.c): store results as the JSON of docs/api-shapes.md, appended to o. An
 * article is left open (no closing brace) unless close, so that the caller can add fields. */
void srv__view_article(struct srv__out *o, const struct st_article *a, int with_body, int close);
void srv__view_entity(struct srv__out *o, const struct st_entity *e, enum ex_unit unit,
                      int with_mentions);
void srv__view_statement(struct srv__out *o, const struct st_statement *s, enum ex_unit unit);
/* "articles": [...], "cooccurring": [...], "cooccurrence_articles": N, the members (no
 * braces) that an entity's page shows around it. */
void srv__view_entity_links(struct srv__out *o, const struct st_entity_links *l);

/* Embedded files (cmake/embed.h tables generated by server/CMakeLists.txt). */
extern const struct embed_file srv__spec_files[];
extern const struct embed_file srv__web_files[];

/* The response cache (cache.c): rendered GET bodies by URL, valid for one data version. */
struct srv__cache;
struct srv__cache *srv__cache_new(void);
void srv__cache_free(struct srv__cache *c);
/* On a hit fills rs (status 200, a malloc'd copy of the body, content type, Link) and
 * returns 1. */
int srv__cache_get(struct srv__cache *c, const char *key, size_t n, int64_t version,
                   struct srv_resp *rs);
void srv__cache_put(struct srv__cache *c, const char *key, size_t n, int64_t version,
                    const struct srv_resp *rs);
/* Drops a response's reference to a cached body (also libmicrohttpd's free callback). */
void srv__blob_release(void *data);

/* Request counts and latencies for /metrics (dispatch.c); the text written by metrics.c. */
char *srv__metrics_text(struct srv *s, size_t *len);

#endif
