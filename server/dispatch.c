/*
 * dispatch.c: the only code that talks to libmicrohttpd.
 *
 * libmicrohttpd calls the access handler several times per request: once with the headers,
 * then once per chunk of body, then once more with no data. The first call only allocates
 * the request context (queueing a response there would make libmicrohttpd close the
 * connection, losing keep-alive); body chunks are appended up to the configured cap, and
 * past it the rest is read and dropped so the client gets a clean 413 instead of a reset
 * or a truncated article; the last call routes, checks the API key, runs the handler and
 * queues its response with the common headers (ETag, Cache-Control, CORS, Allow,
 * Location, Link).
 *
 * An answer that waits for the store (POST /v1/articles waits for its durable commit: see
 * srv_later in internal.h) suspends its connection instead of holding a thread of the pool,
 * so any number of such requests wait for one commit of the store's writer thread, however
 * few threads the pool has. The waiter below is shared by the connection's context and
 * whoever wakes it, and says under wake_lock who frees what when the client goes first.
 *
 * Back-pressure: since a suspended POST holds no thread, nothing but the backlog below
 * bounds how many wait, each with its extracted document. Past --ingest-backlog articles
 * POST /v1/articles is refused (503, Retry-After) before it extracts anything; a batch
 * waits for room line by line (its thread is the client's anyway).
 *
 * Shutdown: srv_stop first quiesces the daemon (no new connections), waits for requests
 * being handled to finish, then stops the thread pool. srv_run blocks SIGINT/SIGTERM in
 * every thread before starting and waits for them with sigwait, so no handler runs in
 * signal context.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

#define N_BUCKETS 10
static const double bucket_ms[N_BUCKETS] = {0.5, 1, 2.5, 5, 10, 25, 50, 100, 500, 1000};
#define N_ROUTE_SLOTS 32 /* routes plus one slot for "unmatched" */
#define N_CLASSES 5      /* 1xx..5xx */

struct srv {
    struct MHD_Daemon *d;
    struct st_db *db;
    struct srv_config cfg;
    uint16_t port;
    atomic_int in_flight;
    atomic_llong requests[N_ROUTE_SLOTS][N_CLASSES];
    atomic_llong latency_buckets[N_BUCKETS + 1];
    atomic_llong latency_sum_us;
    atomic_llong latency_count;
    atomic_llong cache_hits, cache_misses;
    struct srv__cache *cache;
    pthread_mutex_t backlog_lock;
    pthread_cond_t backlog_room; /* signalled when a place comes back */
    unsigned backlog;            /* places taken (srv__backlog_take) */
    atomic_llong backlog_refused;
};

int srv__backlog_take(struct srv *s, int wait)
{
    int rc = 0;
    if (!s) return 0;
    pthread_mutex_lock(&s->backlog_lock);
    while (s->backlog >= s->cfg.ingest_backlog && wait)
        pthread_cond_wait(&s->backlog_room, &s->backlog_lock);
    if (s->backlog < s->cfg.ingest_backlog)
        s->backlog++;
    else
        rc = SRV_EBACKLOG;
    pthread_mutex_unlock(&s->backlog_lock);
    if (rc) atomic_fetch_add(&s->backlog_refused, 1);
    return rc;
}

void srv__backlog_give(struct srv *s)
{
    if (!s) return;
    pthread_mutex_lock(&s->backlog_lock);
    s->backlog--;
    pthread_cond_broadcast(&s->backlog_room); /* batches, and srv_stop draining */
    pthread_mutex_unlock(&s->backlog_lock);
}

/* A POST's rendezvous with whoever wakes it (srv_later). Two references: the request's
 * context and the wake-up; whichever lets go last frees it. */
struct srv__waiter {
    struct MHD_Connection *con;
    int refs;
    int woken;     /* srv__wake was called */
    int suspended; /* the connection is suspended until the wake-up */
    int gone;      /* the request is over (on_completed): nobody will finish it */
};

/* Guards every waiter: wake-ups are a few per commit, so one lock costs nothing. */
static pthread_mutex_t wake_lock = PTHREAD_MUTEX_INITIALIZER;

static void waiter_unref(struct srv__waiter *w) /* wake_lock held */
{
    if (--w->refs == 0) free(w);
}

int srv__wake(struct srv__waiter *w)
{
    pthread_mutex_lock(&wake_lock);
    w->woken = 1;
    int gone = w->gone;
    if (!gone && w->suspended) MHD_resume_connection(w->con);
    waiter_unref(w);
    pthread_mutex_unlock(&wake_lock);
    return gone;
}

struct ctx {
    char *body;
    size_t len, cap;
    int too_big;
    struct timespec start;
    int counted;
    struct srv__waiter *waiter;    /* POSTs */
    struct srv_later later;        /* set while an answer waits for its wake-up */
    const struct srv_route *route; /* of the waiting answer */
};

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

static int route_slot(const struct srv_route *r)
{
    if (!r) return N_ROUTE_SLOTS - 1;
    int i = (int)(r - srv__routes);
    return i < N_ROUTE_SLOTS - 1 ? i : N_ROUTE_SLOTS - 1;
}

static void record(struct srv *s, const struct srv_route *r, int status, double ms)
{
    int cls = status / 100 - 1;
    if (cls < 0 || cls >= N_CLASSES) cls = N_CLASSES - 1;
    atomic_fetch_add(&s->requests[route_slot(r)][cls], 1);
    int b = 0;
    while (b < N_BUCKETS && ms > bucket_ms[b])
        b++;
    atomic_fetch_add(&s->latency_buckets[b], 1);
    atomic_fetch_add(&s->latency_sum_us, (long long)(ms * 1000));
    atomic_fetch_add(&s->latency_count, 1);
}

char *srv__metrics_text(struct srv *s, size_t *len)
{
    size_t cap = 16384, n = 0;
    char *out = malloc(cap);
    struct st_stats st = {0};
    if (!out) return NULL;
    st_stats(s->db, &st);
#define P(...)                                                                                     \
    do {                                                                                           \
        int w_ = snprintf(out + n, cap - n, __VA_ARGS__);                                          \
        if (w_ > 0) n += (size_t)w_ < cap - n ? (size_t)w_ : cap - n - 1;                          \
    } while (0)
    P("# HELP newsgraph_requests_total HTTP requests by route and status class.\n");
    P("# TYPE newsgraph_requests_total counter\n");
    for (int r = 0; r < N_ROUTE_SLOTS; r++) {
        const char *name = "unmatched";
        if (r < N_ROUTE_SLOTS - 1) {
            if (!srv__routes[r].method) continue;
            name = srv__routes[r].name;
        }
        for (int c = 0; c < N_CLASSES; c++) {
            long long v = atomic_load(&s->requests[r][c]);
            if (v)
                P("newsgraph_requests_total{route=\"%s\",method=\"%s\",status=\"%dxx\"} %lld\n",
                  name, r < N_ROUTE_SLOTS - 1 ? srv__routes[r].method : "any", c + 1, v);
        }
        if (r < N_ROUTE_SLOTS - 1 && !srv__routes[r + 1].method) r = N_ROUTE_SLOTS - 2;
    }
    P("# HELP newsgraph_request_duration_seconds Time from request complete to response.\n");
    P("# TYPE newsgraph_request_duration_seconds histogram\n");
    long long cum = 0;
    for (int b = 0; b < N_BUCKETS; b++) {
        cum += atomic_load(&s->latency_buckets[b]);
        P("newsgraph_request_duration_seconds_bucket{le=\"%g\"} %lld\n", bucket_ms[b] / 1000, cum);
    }
    cum += atomic_load(&s->latency_buckets[N_BUCKETS]);
    P("newsgraph_request_duration_seconds_bucket{le=\"+Inf\"} %lld\n", cum);
    P("newsgraph_request_duration_seconds_sum %.6f\n",
      (double)atomic_load(&s->latency_sum_us) / 1e6);
    P("newsgraph_request_duration_seconds_count %lld\n", atomic_load(&s->latency_count));
    P("# HELP newsgraph_articles Articles stored.\n# TYPE newsgraph_articles gauge\n");
    P("newsgraph_articles %lld\n", (long long)st.articles);
    P("# HELP newsgraph_entities Entities stored.\n# TYPE newsgraph_entities gauge\n");
    P("newsgraph_entities %lld\n", (long long)st.entities);
    P("# HELP newsgraph_statements Statements stored.\n# TYPE newsgraph_statements gauge\n");
    P("newsgraph_statements %lld\n", (long long)st.statements);
    P("# HELP newsgraph_cache_hits_total GET responses served from the response cache.\n");
    P("# TYPE newsgraph_cache_hits_total counter\nnewsgraph_cache_hits_total %lld\n",
      atomic_load(&s->cache_hits));
    P("# HELP newsgraph_cache_misses_total Cacheable GET responses rendered afresh.\n");
    P("# TYPE newsgraph_cache_misses_total counter\nnewsgraph_cache_misses_total %lld\n",
      atomic_load(&s->cache_misses));
    P("# HELP newsgraph_in_flight Requests being handled.\n# TYPE newsgraph_in_flight gauge\n");
    P("newsgraph_in_flight %d\n", atomic_load(&s->in_flight));
    pthread_mutex_lock(&s->backlog_lock);
    unsigned backlog = s->backlog;
    pthread_mutex_unlock(&s->backlog_lock);
    P("# HELP newsgraph_ingest_backlog Articles being extracted or waiting for their commit.\n");
    P("# TYPE newsgraph_ingest_backlog gauge\nnewsgraph_ingest_backlog %u\n", backlog);
    P("# HELP newsgraph_ingest_backlog_limit Most articles the backlog holds "
      "(--ingest-backlog).\n");
    P("# TYPE newsgraph_ingest_backlog_limit gauge\nnewsgraph_ingest_backlog_limit %u\n",
      s->cfg.ingest_backlog);
    P("# HELP newsgraph_ingest_refused_total POST /v1/articles refused with 503: the backlog "
      "was full.\n");
    P("# TYPE newsgraph_ingest_refused_total counter\nnewsgraph_ingest_refused_total %lld\n",
      atomic_load(&s->backlog_refused));
#undef P
    *len = n;
    return out;
}

/* ------------------------------------------------------------------ requests */

struct collect {
    struct srv_req *rq;
    int too_many;
};

static enum MHD_Result count_length(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
    (void)kind;
    (void)value;
    if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0) ++*(int *)cls;
    return MHD_YES;
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    struct collect *c = cls;
    (void)kind;
    if (c->rq->n_query == SRV_MAX_QUERY) {
        c->too_many = 1;
        return MHD_NO;
    }
    c->rq->query[c->rq->n_query].key = key;
    c->rq->query[c->rq->n_query].value = value ? value : "";
    c->rq->n_query++;
    return MHD_YES;
}

/* Constant-time comparison: the time taken does not depend on where the key differs. */
static int key_equal(const char *given, const char *key)
{
    size_t gl = strlen(given), kl = strlen(key);
    unsigned char diff = (unsigned char)(gl != kl);
    for (size_t i = 0; i < kl; i++)
        diff |= (unsigned char)(given[i < gl ? i : 0] ^ key[i]);
    return diff == 0;
}

/* Whether the request carries "Authorization: Bearer K" for K one of the given keys (NULL
 * keys are skipped); both are compared, so the time taken does not tell which matched. */
static int bearer(struct MHD_Connection *con, const char *k1, const char *k2)
{
    const char *h = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Authorization");
    if (!h || strncmp(h, "Bearer ", 7) != 0) return 0;
    int a = k1 ? key_equal(h + 7, k1) : 0, b = k2 ? key_equal(h + 7, k2) : 0;
    return a | b;
}

static int authorized(struct MHD_Connection *con, const struct srv_config *cfg)
{
    return !cfg->api_key || bearer(con, cfg->api_key, NULL);
}

/* Reads of the data (/v1/...) need the read key, or the API key, when a read key is set. */
static int may_read(struct MHD_Connection *con, const struct srv_config *cfg,
                    const struct srv_route *r)
{
    return !cfg->read_key || strncmp(r->pattern, "/v1/", 4) != 0 ||
           bearer(con, cfg->read_key, cfg->api_key);
}

/* FNV-1a over the body: a strong validator for the exact bytes sent. */
static void etag_of(const char *body, size_t len, char out[24])
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)body[i];
        h *= 1099511628211ULL;
    }
    snprintf(out, 24, "\"%016llx\"", (unsigned long long)h);
}

static int etag_matches(const char *inm, const char *etag)
{
    if (!inm) return 0;
    if (strcmp(inm, "*") == 0) return 1;
    return strstr(inm, etag) != NULL;
}

/* Appends s as the body of a JSON string (escaped) to buf at *n, within size. */
static void json_escape(char *buf, size_t *n, size_t size, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    for (; *s && *n + 7 < size; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            buf[(*n)++] = '\\';
            buf[(*n)++] = (char)c;
        } else if (c < 0x20 || c == 0x7f) {
            buf[(*n)++] = '\\';
            buf[(*n)++] = 'u';
            buf[(*n)++] = '0';
            buf[(*n)++] = '0';
            buf[(*n)++] = hex[c >> 4];
            buf[(*n)++] = hex[c & 15];
        } else {
            buf[(*n)++] = (char)c; /* UTF-8 passes through; the path was checked by MHD */
        }
    }
}

/* One JSON line per request, written with one write(2): formatted by hand because this runs
 * for every request and a JSON library's allocations would cost more than the request. */
static void access_log(const struct srv *s, const char *method, const char *url, int status,
                       size_t bytes, double ms)
{
    if (s->cfg.quiet) return;
    char line[1024];
    size_t n = 0;
    n += (size_t)snprintf(line, sizeof(line), "{\"event\":\"request\",\"method\":\"");
    json_escape(line, &n, sizeof(line) - 96, method);
    memcpy(line + n, "\",\"path\":\"", 10);
    n += 10;
    json_escape(line, &n, sizeof(line) - 96, url);
    n += (size_t)snprintf(line + n, sizeof(line) - n,
                          "\",\"status\":%d,\"bytes\":%zu,\"duration_ms\":%.3f}\n", status, bytes,
                          ms);
    if (n >= sizeof(line)) n = sizeof(line) - 1;
    if (fwrite(line, 1, n, stderr) != n) { /* a full disk must not take requests down */
    }
}

/* The cache key of a request: its path and query parameters as sent (decoded), or 0 when
 * it does not fit the buffer (such requests are not cached). */
static size_t cache_key(const struct srv_req *rq, char *buf, size_t size)
{
    size_t n = strlen(rq->path);
    if (n + 1 >= size) return 0;
    memcpy(buf, rq->path, n);
    for (size_t i = 0; i < rq->n_query; i++) {
        size_t kl = strlen(rq->query[i].key), vl = strlen(rq->query[i].value);
        if (n + kl + vl + 3 >= size) return 0;
        buf[n++] = i ? '&' : '?';
        memcpy(buf + n, rq->query[i].key, kl);
        n += kl;
        buf[n++] = '\0'; /* keys and values may hold '=' and '&': separate them unambiguously */
        memcpy(buf + n, rq->query[i].value, vl);
        n += vl;
    }
    return n;
}

/* A streamed body goes out chunked (HTTP/1.1) as the handler's reader makes it. The stream
 * is copied to the heap: the response outlives this request's stack. */
static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)pos;
    const struct srv_stream *st = cls;
    long n = st->read(st->state, buf, max);
    return n > 0    ? (ssize_t)n
           : n == 0 ? MHD_CONTENT_READER_END_OF_STREAM
                    : MHD_CONTENT_READER_END_WITH_ERROR;
}

static void stream_free(void *cls)
{
    struct srv_stream *st = cls;
    st->release(st->state);
    free(st);
}

/* Takes the stream: released here on failure, by libmicrohttpd after the response. */
static struct MHD_Response *stream_response(struct srv_stream *stream)
{
    struct srv_stream *st = malloc(sizeof(*st));
    struct MHD_Response *r = NULL;
    if (st) {
        *st = *stream;
        r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024, stream_read, st,
                                              stream_free);
    }
    if (!r) {
        stream->release(stream->state);
        free(st);
    }
    memset(stream, 0, sizeof(*stream));
    return r;
}

static enum MHD_Result handle(struct srv *s, struct MHD_Connection *con, const char *url,
                              const char *method, struct ctx *c)
{
    struct srv_req rq = {0};
    struct srv_resp rs = {0};
    const struct srv_route *route = NULL;
    int head = strcmp(method, "HEAD") == 0, options = strcmp(method, "OPTIONS") == 0;
    char allow[128] = "", params[256];
    int rc = 0, known = 0, n_length = 0, close_after = 0;

    rs.offset = -1;
    rq.method = head ? "GET" : method;
    rq.path = url;
    rq.body = c->body ? c->body : "";
    rq.body_len = c->len;
    rq.db = s->db;
    rq.cfg = &s->cfg;
    rq.srv = s;
    rq.content_type = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Type");
    struct collect col = {&rq, 0};
    MHD_get_connection_values(con, MHD_GET_ARGUMENT_KIND, collect_arg, &col);
    rq.waiter = c->waiter;

    if (c->later.finish) {              /* woken up: the waiting answer is ready to be made */
        pthread_mutex_lock(&wake_lock); /* what the waker wrote is seen after this */
        pthread_mutex_unlock(&wake_lock);
        route = c->route;
        goto finish;
    }
    if (!options)
        route = srv__route(rq.method, url, &rq.param, &rq.param2, params, sizeof(params), &known,
                           allow, sizeof(allow));
    if (options) {
        /* a CORS preflight or a capability probe: say what the path allows */
        srv__route("OPTIONS", url, &rq.param, &rq.param2, params, sizeof(params), &known, allow,
                   sizeof(allow));
        if (known) {
            rs.status = 204;
            goto send;
        }
        rc = srv__fail(&rs, SRV_ENOTFOUND, "no route %.200s", url);
    } else if (MHD_get_connection_values(con, MHD_HEADER_KIND, count_length, &n_length) >= 0 &&
               n_length > 1) {
        /* two lengths mean two parsers could disagree on where the request ends */
        rc = srv__fail(&rs, SRV_EBADREQ, "more than one Content-Length header");
        close_after = 1;
    } else if (c->too_big) {
        rc = srv__fail(&rs, SRV_ETOOBIG, "the body is larger than %zu bytes", s->cfg.max_body);
    } else if (col.too_many) {
        rc = srv__fail(&rs, SRV_EBADREQ, "more than %d query parameters", SRV_MAX_QUERY);
    } else if (!route) {
        rc = known
                 ? srv__fail(&rs, SRV_EMETHOD, "%s is not allowed here; allowed: %s", method, allow)
                 : srv__fail(&rs, SRV_ENOTFOUND, "no route %.200s", url);
    } else if ((!strcmp(rq.method, "POST") || !strcmp(rq.method, "DELETE")) &&
               !authorized(con, &s->cfg)) {
        rc = srv__fail(&rs, SRV_EAUTH, "send Authorization: Bearer <API key>");
    } else if (!strcmp(rq.method, "GET") && !may_read(con, &s->cfg, route)) {
        rc = srv__fail(&rs, SRV_EAUTH, "send Authorization: Bearer <read key>");
    } else if (!strcmp(rq.method, "GET") && strcmp(route->name, "metrics") &&
               strcmp(route->name, "healthz") && strcmp(route->name, "readyz")) {
        /* reads: from the cache while the data has not changed since it was rendered */
        char key[2048];
        size_t kn = cache_key(&rq, key, sizeof(key));
        int64_t version = st_data_version(s->db);
        if (kn && srv__cache_get(s->cache, key, kn, version, &rs)) {
            atomic_fetch_add(&s->cache_hits, 1);
        } else {
            rc = route->handler(&rq, &rs);
            if (!rc && rs.status == 200 && !rs.cache && !rs.stream.read && kn) {
                etag_of(rs.body ? rs.body : "", rs.len, rs.etag);
                srv__cache_put(s->cache, key, kn, version, &rs);
                atomic_fetch_add(&s->cache_misses, 1);
            }
        }
    } else {
        rc = route->handler(&rq, &rs);
        if (!rc && rs.later.finish) {
            c->later = rs.later;
            c->route = route;
            pthread_mutex_lock(&wake_lock);
            int ready = c->waiter->woken;
            if (!ready) {
                c->waiter->suspended = 1;
                MHD_suspend_connection(con);
            }
            pthread_mutex_unlock(&wake_lock);
            if (!ready) return MHD_YES; /* called again once resumed */
            goto finish;
        }
    }
    if (c->waiter && !c->later.finish) { /* answered now: nobody else will hold it */
        free(c->waiter);
        c->waiter = NULL;
    }
    if (0) {
    finish:
        memset(&rs, 0, sizeof(rs));
        rs.offset = -1;
        rc = c->later.finish(&rq, &rs, c->later.state);
        memset(&c->later, 0, sizeof(c->later)); /* finish freed the state */
    }
    if (rc) srv__problem(&rs, rc);

send:;
    char etag[24] = "";
    int status = rs.status ? rs.status : 500;
    if (!rc && status == 200 && !strcmp(rq.method, "GET") && !rs.stream.read) {
        if (rs.etag[0])
            memcpy(etag, rs.etag, sizeof(etag));
        else
            etag_of(rs.body ? rs.body : "", rs.len, etag);
        if (etag_matches(MHD_lookup_connection_value(con, MHD_HEADER_KIND, "If-None-Match"), etag))
            status = 304;
    }
    /* libmicrohttpd sends HEAD responses' headers (Content-Length included) without the body */
    int empty = status == 304 || status == 204;
    /* a malloc'd body is handed over to libmicrohttpd, which frees it, and a cached one is
     * lent with a reference: no second copy either way */
    int hand_over = rs.free_body && !empty && rs.body;
    int lend = rs.shared && !empty && rs.body;
    /* libmicrohttpd 0.9.75 writes a chunked body's terminating "0\r\n\r\n" even after the
     * headers of a HEAD response, which the next response on the connection would follow:
     * a HEAD of a stream closes the connection instead */
    if (head && rs.stream.read) close_after = 1;
    struct MHD_Response *resp =
        rs.stream.read ? stream_response(&rs.stream)
        : lend
            ? MHD_create_response_from_buffer_with_free_callback(rs.len, rs.body, srv__blob_release)
            : MHD_create_response_from_buffer(empty ? 0 : rs.len,
                                              empty     ? (void *)""
                                              : rs.body ? rs.body
                                                        : (void *)"",
                                              hand_over ? MHD_RESPMEM_MUST_FREE
                                                        : MHD_RESPMEM_MUST_COPY);
    if (rs.free_body && !(hand_over && resp)) free(rs.body);
    if (rs.shared && !(lend && resp)) srv__blob_release(rs.body);
    if (!resp) {
        free(rs.link);
        return MHD_NO;
    }
    if (rs.content_type && status != 204 && status != 304)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, rs.content_type);
    if (etag[0]) {
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, etag);
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
                                rs.cache ? rs.cache : "no-cache");
    } else if (rs.cache) {
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, rs.cache);
    }
    if (rs.location[0]) MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, rs.location);
    if (rs.link) MHD_add_response_header(resp, "Link", rs.link);
    if (allow[0] && (status == 405 || options))
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, allow);
    if (status == 401)
        MHD_add_response_header(resp, "WWW-Authenticate", "Bearer realm=\"newsgraph\"");
    if (rs.retry_after) {
        char secs[16];
        snprintf(secs, sizeof(secs), "%u", rs.retry_after);
        MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, secs);
    }
    if (s->cfg.cors_origin) {
        MHD_add_response_header(resp, "Access-Control-Allow-Origin", s->cfg.cors_origin);
        MHD_add_response_header(resp, "Vary", "Origin");
        if (options) {
            MHD_add_response_header(resp, "Access-Control-Allow-Methods",
                                    allow[0] ? allow : "GET, POST, DELETE, OPTIONS");
            MHD_add_response_header(resp, "Access-Control-Allow-Headers",
                                    "Authorization, Content-Type, If-None-Match");
            MHD_add_response_header(resp, "Access-Control-Max-Age", "600");
        } else {
            MHD_add_response_header(resp, "Access-Control-Expose-Headers", "ETag, Link, Location");
        }
    }
    if (close_after) MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
    free(rs.link);
    enum MHD_Result r = MHD_queue_response(con, (unsigned)status, resp);
    MHD_destroy_response(resp);
    double ms = ms_since(&c->start);
    record(s, route, status, ms);
    access_log(s, method, url, status, empty ? 0 : rs.len, ms);
    return r;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **con_cls)
{
    struct srv *s = cls;
    struct ctx *c = *con_cls;
    (void)version;

    if (!c) {
        c = calloc(1, sizeof(*c));
        if (!c) return MHD_NO;
        clock_gettime(CLOCK_MONOTONIC, &c->start);
        atomic_fetch_add(&s->in_flight, 1);
        c->counted = 1;
        *con_cls = c;
        return MHD_YES;
    }
    if (*upload_size) {
        size_t n = *upload_size;
        *upload_size = 0;
        if (c->too_big || c->len + n > s->cfg.max_body) {
            c->too_big = 1; /* keep reading, drop the bytes, answer 413 at the end */
            free(c->body);
            c->body = NULL;
            c->len = c->cap = 0;
            return MHD_YES;
        }
        if (c->len + n + 1 > c->cap) {
            size_t ncap = c->cap ? c->cap : 4096;
            while (ncap < c->len + n + 1)
                ncap *= 2;
            char *nb = realloc(c->body, ncap);
            if (!nb) return MHD_NO;
            c->body = nb;
            c->cap = ncap;
        }
        memcpy(c->body + c->len, upload_data, n);
        c->len += n;
        c->body[c->len] = '\0';
        return MHD_YES;
    }
    if (!c->waiter && !c->later.finish && strcmp(method, "POST") == 0) {
        c->waiter = calloc(1, sizeof(*c->waiter));
        if (!c->waiter) return MHD_NO;
        c->waiter->con = con;
        c->waiter->refs = 2; /* the context and the wake-up */
    }
    return handle(s, con, url, method, c);
}

static void on_completed(void *cls, struct MHD_Connection *con, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct srv *s = cls;
    struct ctx *c = *con_cls;
    (void)con;
    (void)toe;
    if (!c) return;
    if (c->counted) atomic_fetch_sub(&s->in_flight, 1);
    if (c->waiter) {
        pthread_mutex_lock(&wake_lock);
        int woken = c->waiter->woken;
        c->waiter->gone = 1;
        /* a wake-up that comes later frees the state (srv__wake returns 1) */
        if (woken && c->later.release) c->later.release(c->later.state);
        waiter_unref(c->waiter);
        pthread_mutex_unlock(&wake_lock);
    }
    free(c->body);
    free(c);
    *con_cls = NULL;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    size_t n = strlen(msg);
    while (n && msg[n - 1] == '\n')
        msg[--n] = '\0';
    json_t *line = json_pack("{s:s, s:s}", "event", "httpd", "message", msg);
    char *txt =
        line ? json_dumps(line, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4)) : NULL;
    if (txt) fprintf(stderr, "%s\n", txt);
    free(txt);
    json_decref(line);
}

int srv_start(const struct srv_config *cfg, struct st_db *db, struct srv **out)
{
    struct srv *s = NULL;
    struct sockaddr_in addr = {0};

    if (out) *out = NULL;
    if (!cfg || !db || !out) return SRV_EINVAL;
    s = calloc(1, sizeof(*s));
    if (!s) return SRV_ENOMEM;
    s->cfg = *cfg;
    s->db = db;
    s->cache = srv__cache_new();
    if (!s->cache) {
        free(s);
        return SRV_ENOMEM;
    }
    if (!s->cfg.max_body) s->cfg.max_body = (size_t)1 << 20;
    if (!s->cfg.timeout_s) s->cfg.timeout_s = 30;
    if (!s->cfg.max_connections) s->cfg.max_connections = 1024;
    if (!s->cfg.ingest_backlog) s->cfg.ingest_backlog = 512;
    pthread_mutex_init(&s->backlog_lock, NULL);
    pthread_cond_init(&s->backlog_room, NULL);
    if (!s->cfg.threads) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        s->cfg.threads = n > 0 ? (unsigned)n : 2;
    }
    addr.sin_family = AF_INET;
    addr.sin_port = htons(cfg->port);
    if (inet_pton(AF_INET, cfg->host ? cfg->host : "127.0.0.1", &addr.sin_addr) != 1) {
        srv__cache_free(s->cache);
        free(s);
        return SRV_ELISTEN;
    }
    s->d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG |
            MHD_ALLOW_SUSPEND_RESUME,
        cfg->port, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE, s->cfg.threads,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_CONNECTION_TIMEOUT,
        s->cfg.timeout_s, MHD_OPTION_CONNECTION_LIMIT, s->cfg.max_connections,
        /* libmicrohttpd zeroes a connection's memory pool for every request on it: 16 KiB
         * (half the default) still holds any sane request head, bodies are copied out as
         * they arrive, and small reads stop paying for a 32 KiB memset */
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)16384, MHD_OPTION_END);
    if (!s->d) {
        srv__cache_free(s->cache);
        free(s);
        return SRV_ELISTEN;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : cfg->port;
    if (!cfg->api_key)
        fprintf(stderr, "{\"event\":\"warning\",\"message\":\"no API key: writes (POST, DELETE)"
                        " are open to anyone who can reach the port\"}\n");
    *out = s;
    return 0;
}

uint16_t srv_port(const struct srv *s)
{
    return s ? s->port : 0;
}

void srv_stop(struct srv *s)
{
    if (!s) return;
    MHD_quiesce_daemon(s->d);
    /* let requests being handled finish, up to 10 s */
    for (int i = 0; i < 1000 && atomic_load(&s->in_flight) > 0; i++) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    MHD_stop_daemon(s->d);
    /* the writer gives places back from its own thread, also for clients gone: s must
     * outlive the last one (30 s; a place never given back would be a bug, and leaking s
     * then is better than the writer writing into freed memory) */
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 30;
    pthread_mutex_lock(&s->backlog_lock);
    while (s->backlog > 0 &&
           pthread_cond_timedwait(&s->backlog_room, &s->backlog_lock, &until) == 0) {
    }
    unsigned left = s->backlog;
    pthread_mutex_unlock(&s->backlog_lock);
    if (left) {
        fprintf(stderr,
                "{\"event\":\"warning\",\"message\":\"%u articles still wait for the"
                " store at shutdown\"}\n",
                left);
        return;
    }
    srv__cache_free(s->cache);
    pthread_cond_destroy(&s->backlog_room);
    pthread_mutex_destroy(&s->backlog_lock);
    free(s);
}

int srv_run(const struct srv_config *cfg, struct st_db *db)
{
    sigset_t set;
    struct srv *s = NULL;
    int sig = 0, rc;

    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* inherited by libmicrohttpd's threads */
    signal(SIGPIPE, SIG_IGN);
    if ((rc = srv_start(cfg, db, &s))) return rc;
    fprintf(stderr, "{\"event\":\"listening\",\"address\":\"%s:%u\",\"threads\":%u}\n",
            cfg->host ? cfg->host : "127.0.0.1", (unsigned)srv_port(s), s->cfg.threads);
    sigwait(&set, &sig);
    fprintf(stderr, "{\"event\":\"stopping\",\"signal\":\"%s\"}\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM");
    srv_stop(s);
    return 0;
}
