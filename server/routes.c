/*
 * routes.c: the route table and its handlers. A handler validates what the request says
 * (ids, limits, cursors, offsets units, bodies), calls the store or the extractor, and
 * renders a view; it returns 0 with rs filled, or an SRV_* code with rs->detail saying what
 * was wrong so the dispatcher can answer problem+json. Nothing here touches SQL or
 * libmicrohttpd, and nothing is written unless the whole input was valid.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embed.h"
#include "internal.h"

/* Grows buf to at least need bytes (doubling); frees it and returns NULL on failure. */
static char *realloc_or_free(char *buf, size_t *cap, size_t need)
{
    size_t ncap = *cap;
    while (ncap < need)
        ncap *= 2;
    char *nb = realloc(buf, ncap);
    if (!nb) {
        free(buf);
        return NULL;
    }
    *cap = ncap;
    return nb;
}

/* ------------------------------------------------------------------ parameters */

/* Only the listed query parameters are accepted: a typo ("limt") gets a 400 naming it
 * instead of silently returning the default page. */
int srv__allow_params(const struct srv_req *rq, struct srv_resp *rs, const char *const *ok)
{
    for (size_t i = 0; i < rq->n_query; i++) {
        const char *const *k = ok;
        while (*k && strcmp(*k, rq->query[i].key) != 0)
            k++;
        if (!*k)
            return srv__fail(rs, SRV_EBADREQ, "unknown query parameter '%.64s'", rq->query[i].key);
    }
    return 0;
}

int srv__parse_int(const char *s, int64_t *v)
{
    char *end;
    /* strtoll would skip leading white space ("\t5", "\n5") and take a '+': only the spelling
     * the API documents starts with '-' or a digit */
    if (!s || !(*s == '-' || (*s >= '0' && *s <= '9'))) return -1;
    errno = 0;
    long long x = strtoll(s, &end, 10);
    if (errno || *end) return -1;
    *v = x;
    return 0;
}

int srv__parse_id(const char *s, struct srv_resp *rs, const char *what, int64_t *id)
{
    if (srv__parse_int(s, id) || *id <= 0)
        return srv__fail(rs, SRV_EBADREQ, "%s id must be a positive integer, got '%.32s'", what,
                         s ? s : "");
    return 0;
}

int srv__parse_unit(const struct srv_req *rq, struct srv_resp *rs, enum ex_unit *unit)
{
    const char *v = srv__query(rq, "offsets");
    *unit = EX_UNIT_CODEPOINT;
    if (!v) return 0;
    int u = ex_unit_parse(v);
    if (u < 0)
        return srv__fail(rs, SRV_EBADREQ, "offsets must be codepoint, utf16 or utf8, got '%.32s'",
                         v);
    *unit = (enum ex_unit)u;
    return 0;
}

/* limit and cursor. sort is the letter of the list's order (0 for lists with one order):
 * a cursor issued under another order would start the page at a wrong place, so it is a
 * 400. An untagged cursor is still taken as sort 'm' (entities by mentions), the only
 * entity order before sort existed, so links issued then keep working. On success the
 * caller releases after with srv__cursor_clear. */
int srv__parse_page(const struct srv_req *rq, struct srv_resp *rs, size_t *limit,
                    struct st_cursor *after, char sort)
{
    const char *l = srv__query(rq, "limit"), *c = srv__query(rq, "cursor");
    int64_t v = SRV_DEFAULT_LIMIT;
    char got = 0;
    memset(after, 0, sizeof(*after));
    if (l && (srv__parse_int(l, &v) || v < 1 || v > SRV_MAX_LIMIT))
        return srv__fail(rs, SRV_EBADREQ, "limit must be an integer from 1 to %d, got '%.32s'",
                         SRV_MAX_LIMIT, l);
    *limit = (size_t)v;
    if (c && srv__cursor_decode(c, &got, after))
        return srv__fail(rs, SRV_EBADREQ, "cursor is not one this server issued");
    if (c && got != sort && !(got == 0 && sort == 'm')) {
        srv__cursor_clear(after);
        return srv__fail(rs, SRV_EBADREQ,
                         "cursor belongs to another sort order; page with the sort that issued it");
    }
    return 0;
}

/* "2022", "2022-01", "2022-01-07" or a date-time starting like that. */
int srv__iso_date(const char *s)
{
    size_t n = strlen(s);
    if (n < 4 || n > 32) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int digit_place = i < 4 || i == 5 || i == 6 || i == 8 || i == 9;
        if (i >= 10) break;
        if (digit_place ? (c < '0' || c > '9') : c != '-') return 0;
    }
    if (n != 4 && n != 7 && n < 10) return 0;
    /* a calendar month and day: "2022-13-99" would compare as text and match nothing */
    int month = n >= 7 ? (s[5] - '0') * 10 + (s[6] - '0') : 1;
    int day = n >= 10 ? (s[8] - '0') * 10 + (s[9] - '0') : 1;
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static int store_error(struct srv_resp *rs, int rc, const char *what)
{
    switch (rc) {
    case ST_ENOTFOUND:
        return srv__fail(rs, SRV_ENOTFOUND, "no such %s", what);
    case ST_EQUERY:
        return srv__fail(rs, SRV_EBADREQ, "invalid full-text query (FTS5 syntax)");
    case ST_EBUSY:
        return srv__fail(rs, SRV_EUNAVAIL, "the database is busy; retry");
    case ST_ETIMEOUT:
        return srv__fail(rs, SRV_EUNAVAIL, "the query took longer than its time budget; narrow it");
    case ST_ENOMEM:
        return SRV_ENOMEM;
    default:
        return srv__fail(rs, SRV_EINTERNAL, "%s", st_strerror(rc));
    }
}

/* Appends s to buf at *n percent-encoded (unreserved characters and ',' stay as they are);
 * buf has room for 3 bytes per byte of s. */
static void url_escape(char *buf, size_t *n, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-_.~,", *p)) {
            buf[(*n)++] = (char)*p;
        } else {
            buf[(*n)++] = '%';
            buf[(*n)++] = hex[*p >> 4];
            buf[(*n)++] = hex[*p & 15];
        }
    }
}

/* The next page's URL: the request's own parameters (repeated ones included) with the new
 * cursor. Sized from its parts, not a fixed buffer, because a name cursor is as long as the
 * name and a cut URL would lose parameters. malloc'd, NULL on OOM. */
static char *next_url(const struct srv_req *rq, const char *cursor)
{
    size_t cap = strlen(rq->path) + strlen(cursor) + 16;
    for (size_t i = 0; i < rq->n_query; i++)
        cap += 3 * (strlen(rq->query[i].key) + strlen(rq->query[i].value)) + 2;
    char *url = malloc(cap);
    if (!url) return NULL;
    size_t n = strlen(rq->path);
    memcpy(url, rq->path, n);
    url[n++] = '?';
    for (size_t i = 0; i < rq->n_query; i++) {
        if (strcmp(rq->query[i].key, "cursor") == 0) continue;
        url_escape(url, &n, rq->query[i].key);
        url[n++] = '=';
        url_escape(url, &n, rq->query[i].value);
        url[n++] = '&';
    }
    snprintf(url + n, cap - n, "cursor=%s", cursor);
    return url;
}

/* {"data": [...], "next": URL|null[, "offsets": unit]} plus a Link header: o holds
 * {"data":[...] already (list_open, then the items), and is taken or freed here. sort is
 * the letter the next cursor is issued under (see parse_page). */
static int list_response(const struct srv_req *rq, struct srv_resp *rs, struct srv__out *o,
                         int more, const struct st_cursor *next, char sort, int with_unit,
                         enum ex_unit unit)
{
    srv__out_lit(o, "],\"next\":");
    if (more) {
        char *cur = srv__cursor_encode(sort, next);
        char *url = cur ? next_url(rq, cur) : NULL;
        free(cur);
        if (!url) {
            free(o->buf);
            return SRV_ENOMEM;
        }
        srv__out_str(o, url);
        size_t ll = strlen(url) + 16;
        rs->link = malloc(ll);
        if (rs->link) snprintf(rs->link, ll, "<%s>; rel=\"next\"", url);
        free(url);
    } else {
        srv__out_lit(o, "null");
    }
    if (with_unit) {
        srv__out_lit(o, ",\"offsets\":");
        srv__out_str(o, ex_unit_name(unit));
    }
    srv__out_lit(o, "}");
    return srv__out_take(o, rs, 200);
}

/* The start of a list's body, before its first item. */
static void list_open(struct srv__out *o)
{
    srv__out_lit(o, "{\"data\":[");
}

/* The separator before item i of a list. */
static void list_item(struct srv__out *o, size_t i)
{
    if (i) srv__out_lit(o, ",");
}

/* ------------------------------------------------------------------ operations */

static int h_healthz(const struct srv_req *rq, struct srv_resp *rs)
{
    (void)rq;
    rs->cache = "no-store";
    return srv__json(rs, 200, json_pack("{s:s}", "status", "ok"));
}

static int h_readyz(const struct srv_req *rq, struct srv_resp *rs)
{
    int applied = 0, known = 0;
    rs->cache = "no-store";
    if (st_ping(rq->db) || st_schema_version(rq->db, &applied, &known) || applied != known)
        return srv__fail(rs, SRV_EUNAVAIL, "the database does not answer");
    return srv__json(rs, 200,
                     json_pack("{s:s, s:i}", "status", "ready", "schema_version", applied));
}

static int h_metrics(const struct srv_req *rq, struct srv_resp *rs)
{
    rs->body = srv__metrics_text(rq->srv, &rs->len);
    if (!rs->body) return SRV_ENOMEM;
    rs->free_body = 1;
    rs->status = 200;
    rs->content_type = "text/plain; version=0.0.4; charset=utf-8";
    rs->cache = "no-store";
    return 0;
}

static int serve_embedded(struct srv_resp *rs, const struct embed_file *files, const char *name,
                          const char *type)
{
    for (const struct embed_file *f = files; f->name; f++)
        if (strcmp(f->name, name) == 0) {
            rs->status = 200;
            rs->body = (char *)f->data;
            rs->len = f->len;
            rs->free_body = 0;
            rs->content_type = type;
            return 0;
        }
    return srv__fail(rs, SRV_ENOTFOUND, "no such file");
}

static int h_openapi(const struct srv_req *rq, struct srv_resp *rs)
{
    (void)rq;
    return serve_embedded(rs, srv__spec_files, "openapi.yaml", "application/yaml");
}

static const char *mime(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot) return "application/octet-stream";
    if (!strcmp(dot, ".html")) return "text/html; charset=utf-8";
    if (!strcmp(dot, ".css")) return "text/css; charset=utf-8";
    if (!strcmp(dot, ".js")) return "text/javascript; charset=utf-8";
    if (!strcmp(dot, ".svg")) return "image/svg+xml";
    return "application/octet-stream";
}

/* The web front end, embedded at build time: only names in the table exist, so no path
 * can reach outside it ("..", encoded slashes and the like simply match nothing). */
static int h_web(const struct srv_req *rq, struct srv_resp *rs)
{
    const char *name = rq->param ? rq->param : "index.html";
    return serve_embedded(rs, srv__web_files, name, mime(name));
}

/* A JSON article: only known fields, each a string (or null), body required. */
int srv__json_article(const char *body, size_t len, struct srv_resp *rs, json_t **root,
                      struct ex_input *in)
{
    static const char *const names[] = {"title", "body", "url", "source", "author", "published_at"};
    const char **dst[] = {&in->title,  &in->body,   &in->url,
                          &in->source, &in->author, &in->published_at};
    size_t *lens[] = {&in->title_len,  &in->body_len,   &in->url_len,
                      &in->source_len, &in->author_len, &in->published_at_len};
    json_error_t err;
    const char *key;
    json_t *v;

    *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &err);
    if (!*root)
        return srv__fail(rs, SRV_EBADREQ, "malformed JSON at line %d column %d: %s", err.line,
                         err.column, err.text);
    if (!json_is_object(*root)) return srv__fail(rs, SRV_EBADREQ, "the body must be a JSON object");
    json_object_foreach(*root, key, v)
    {
        size_t i = 0;
        while (i < 6 && strcmp(key, names[i]) != 0)
            i++;
        if (i == 6)
            return srv__fail(rs, SRV_EBADREQ,
                             "unknown field '%.64s' (known: title, body, url, source, author,"
                             " published_at)",
                             key);
        if (json_is_null(v) && i != 1) continue;
        if (!json_is_string(v))
            return srv__fail(rs, SRV_EBADREQ, "field '%s' must be a string", names[i]);
        *dst[i] = json_string_value(v);
        *lens[i] = json_string_length(v);
    }
    if (!in->body) return srv__fail(rs, SRV_EBADREQ, "field 'body' is required");
    return 0;
}

static int is_type(const char *ct, const char *want)
{
    size_t n = strlen(want);
    if (!ct) return 0;
    while (*ct == ' ')
        ct++;
    return strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* An extraction error as the server's error, with the byte offset for invalid UTF-8 and
 * NUL (err->offset (size_t)-1: none to report). */
static int extract_error(struct srv_resp *rs, int rc, const struct ex_error *err)
{
    switch (rc) {
    case 0:
        return 0;
    case EX_EEMPTY:
    case EX_EUTF8:
    case EX_ENUL:
        if (rc != EX_EEMPTY && err->offset != (size_t)-1) rs->offset = (long long)err->offset;
        return srv__fail(rs, SRV_EUNPROC, "%s", ex_strerror(rc));
    case EX_ETOOBIG:
        return srv__fail(rs, SRV_ETOOBIG, "%s", ex_strerror(rc));
    case EX_ENOMEM:
        return SRV_ENOMEM;
    default:
        return srv__fail(rs, SRV_EBADREQ, "%s", ex_strerror(rc));
    }
}

/* Extracts the request body (text/plain or JSON) into *doc. */
static int extract_body(const struct srv_req *rq, struct srv_resp *rs, struct ex_doc **doc)
{
    struct ex_error err = {0, 0};
    json_t *root = NULL;
    int rc;

    if (is_type(rq->content_type, "application/json")) {
        struct ex_input in = {0};
        if ((rc = srv__json_article(rq->body, rq->body_len, rs, &root, &in))) goto out;
        rc = ex_extract(&in, doc, &err);
        if (rc == EX_EUTF8 || rc == EX_ENUL) err.offset = (size_t)-1; /* no offset in JSON */
    } else if (is_type(rq->content_type, "text/plain")) {
        rc = ex_extract_text(rq->body, rq->body_len, srv__query(rq, "published_at"), doc, &err);
    } else {
        rc = srv__fail(rs, SRV_EMEDIA, "send text/plain or application/json, not '%.64s'",
                       rq->content_type ? rq->content_type : "(none)");
        goto out;
    }
    rc = extract_error(rs, rc, &err);
out:
    json_decref(root);
    return rc;
}

static int h_extract(const struct srv_req *rq, struct srv_resp *rs)
{
    static const char *const ok[] = {"offsets", "published_at", NULL};
    struct ex_doc *doc = NULL;
    enum ex_unit unit;
    int rc;
    if ((rc = srv__allow_params(rq, rs, ok)) || (rc = srv__parse_unit(rq, rs, &unit))) return rc;
    if ((rc = extract_body(rq, rs, &doc))) return rc;
    char *s = srv_render_doc(doc, unit, 0);
    ex_doc_free(doc);
    if (!s) return SRV_ENOMEM;
    rs->status = 200;
    rs->body = s;
    rs->len = strlen(s);
    rs->free_body = 1;
    rs->content_type = "application/json";
    return 0;
}

/* The answer of a stored article: 201 (or 200 for a body stored before) with the article. */
static int article_created(const struct srv_req *rq, struct srv_resp *rs, int64_t id, int created)
{
    struct st_articles *a = NULL;
    int rc = st_article_get(rq->db, id, &a);
    if (rc) {
        rc = store_error(rs, rc, "article");
        goto out;
    }
    snprintf(rs->location, sizeof(rs->location), "/v1/articles/%lld", (long long)id);
    struct srv__out o = {0};
    if (created)
        srv__out_lit(&o, "{\"created\":true,\"article\":");
    else
        srv__out_lit(&o, "{\"created\":false,\"article\":");
    srv__view_article(&o, &a->items[0], 1, 1);
    srv__out_lit(&o, "}");
    rc = srv__out_take(&o, rs, created ? 201 : 200);
out:
    st_articles_free(a);
    return rc;
}

/* A POST /v1/articles waiting for its commit (srv_later): the document until the store is
 * done with it, then the store's outcome. */
struct create_wait {
    struct ex_doc *doc;
    struct srv__waiter *waiter;
    struct srv *srv; /* whose backlog place the article holds until the store answers */
    int rc, created;
    int64_t id;
};

static void create_release(void *state)
{
    struct create_wait *cw = state;
    ex_doc_free(cw->doc);
    free(cw);
}

/* On the store's writer thread, once the article is durable (or failed). The document and
 * its backlog place are given back here, not when the answer is made: the answer needs a
 * thread of the pool, which may all be waiting for room in the backlog. */
static void create_stored(void *arg, int rc, int64_t id, int created)
{
    struct create_wait *cw = arg;
    cw->rc = rc;
    cw->id = id;
    cw->created = created;
    ex_doc_free(cw->doc);
    cw->doc = NULL;
    srv__backlog_give(cw->srv);
    if (srv__wake(cw->waiter)) create_release(cw); /* the client is gone */
}

static int create_finish(const struct srv_req *rq, struct srv_resp *rs, void *state)
{
    struct create_wait *cw = state;
    int rc =
        cw->rc ? store_error(rs, cw->rc, "article") : article_created(rq, rs, cw->id, cw->created);
    create_release(cw);
    return rc;
}

/* Extracts here, then hands the document to the store's writer and lets the connection
 * wait for the commit without its thread (srv_later): concurrent POSTs share one commit
 * however few threads serve them. Without a waiter, it waits here. */
static int h_article_create(const struct srv_req *rq, struct srv_resp *rs)
{
    static const char *const ok[] = {"published_at", NULL};
    struct ex_doc *doc = NULL;
    struct create_wait *cw = NULL;
    int64_t id = 0;
    int created = 0, rc;

    if ((rc = srv__allow_params(rq, rs, ok))) return rc;
    /* refused before anything is extracted: the flood costs no memory and no CPU */
    if (srv__backlog_take(rq->srv, 0)) {
        rs->retry_after = 1; /* the writer commits a group in milliseconds */
        return srv__fail(rs, SRV_EBACKLOG,
                         "%u articles are being extracted or waiting for their commit"
                         " (--ingest-backlog); retry later",
                         rq->cfg->ingest_backlog);
    }
    if ((rc = extract_body(rq, rs, &doc))) goto out;
    if (rq->waiter && (cw = calloc(1, sizeof(*cw)))) {
        cw->doc = doc;
        cw->waiter = rq->waiter;
        cw->srv = rq->srv;
        if (st_ingest_submit(rq->db, doc, create_stored, cw) == 0) {
            rs->later = (struct srv_later){create_finish, create_release, cw};
            return 0; /* cw, doc and the backlog place are the wait's now */
        }
        free(cw);
    }
    if ((rc = st_ingest(rq->db, doc, &id, &created))) {
        rc = store_error(rs, rc, "article");
        goto out;
    }
    rc = article_created(rq, rs, id, created);
out:
    ex_doc_free(doc);
    srv__backlog_give(rq->srv);
    return rc;
}

/* The filters GET /v1/articles and GET /v1/export share: q, entity (repeatable), source,
 * since and until. q's strings are borrowed from rq. */
int srv__parse_article_filters(const struct srv_req *rq, struct srv_resp *rs,
                               struct st_article_query *q)
{
    int rc;
    const char *text = srv__query(rq, "q"), *ents[ST_MAX_ENTITY_FILTER];
    if (text && *text) q->q = text;
    /* entity may repeat: articles naming all of them */
    q->n_entity_ids = srv__query_all(rq, "entity", ents, ST_MAX_ENTITY_FILTER);
    if (q->n_entity_ids > ST_MAX_ENTITY_FILTER)
        return srv__fail(rs, SRV_EBADREQ, "entity is given %zu times; at most %d entities at once",
                         q->n_entity_ids, ST_MAX_ENTITY_FILTER);
    for (size_t i = 0; i < q->n_entity_ids; i++)
        if ((rc = srv__parse_id(ents[i], rs, "entity", &q->entity_ids[i]))) return rc;
    q->source = srv__query(rq, "source");
    q->since = srv__query(rq, "since");
    q->until = srv__query(rq, "until");
    if ((q->since && !srv__iso_date(q->since)) || (q->until && !srv__iso_date(q->until)))
        return srv__fail(rs, SRV_EBADREQ, "since and until are dates like 2022-01-07");
    return 0;
}

static int h_articles(const struct srv_req *rq, struct srv_resp *rs)
{
    static const char *const ok[] = {"limit",  "cursor", "q",     "entity",
                                     "source", "since",  "until", NULL};
    struct st_article_query q = {0};
    struct st_articles *l = NULL;
    int rc;
    if ((rc = srv__allow_params(rq, rs, ok)) ||
        (rc = srv__parse_page(rq, rs, &q.limit, &q.after, 0)) ||
        (rc = srv__parse_article_filters(rq, rs, &q)))
        return rc;
    if ((rc = st_articles_list(rq->db, &q, &l))) return store_error(rs, rc, "article");
    struct srv__out o = {0};
    list_open(&o);
    for (size_t i = 0; i < l->n; i++) {
        list_item(&o, i);
        srv__view_article(&o, &l->items[i], 0, 1);
    }
    rc = list_response(rq, rs, &o, l->more, &l->next, 0, 0, EX_UNIT_CODEPOINT);
    st_articles_free(l);
    return rc;
}

/* One article with its body and, when asked, its entities and statements, appended to o:
 * the "article" of GET /v1/articles/{id} and a line of GET /v1/export. 0, or a store code
 * (ST_ENOMEM when rendering failed), o then holding a part to be thrown away. */
static int article_full(struct st_db *db, int64_t id, int want_e, int want_s, enum ex_unit unit,
                        struct srv__out *o)
{
    struct st_articles *a = NULL;
    struct st_entities *es = NULL;
    struct st_statements *ss = NULL;
    int rc;
    if ((rc = st_article_get(db, id, &a))) goto out;
    srv__view_article(o, &a->items[0], 1, 0);
    if (want_e && !(rc = st_article_entities(db, id, &es))) {
        srv__out_lit(o, ",\"entities\":[");
        for (size_t i = 0; i < es->n; i++) {
            list_item(o, i);
            srv__view_entity(o, &es->items[i], unit, 1);
        }
        srv__out_lit(o, "]");
    }
    struct st_statement_query sq = {.article_id = id, .limit = 100000};
    if (!rc && want_s && !(rc = st_statements_list(db, &sq, &ss))) {
        srv__out_lit(o, ",\"statements\":[");
        for (size_t i = 0; i < ss->n; i++) {
            list_item(o, i);
            srv__view_statement(o, &ss->items[i], unit);
        }
        srv__out_lit(o, "]");
    }
    srv__out_lit(o, "}");
    if (!rc && o->failed) rc = ST_ENOMEM;
out:
    st_articles_free(a);
    st_entities_free(es);
    st_statements_free(ss);
    return rc;
}

int srv__parse_include(const char *inc, struct srv_resp *rs, int *want_entities,
                       int *want_statements)
{
    *want_entities = *want_statements = 0;
    for (const char *p = inc; p && *p;) {
        size_t n = strcspn(p, ",");
        if (n == 8 && !strncmp(p, "entities", 8))
            *want_entities = 1;
        else if (n == 10 && !strncmp(p, "statements", 10))
            *want_statements = 1;
        else
            return srv__fail(rs, SRV_EBADREQ, "include takes entities and/or statements");
        p += n + (p[n] == ',');
    }
    return 0;
}

static int h_article(const struct srv_req *rq, struct srv_resp *rs)
{
    static const char *const ok[] = {"include", "offsets", NULL};
    enum ex_unit unit;
    int64_t id = 0;
    int rc, want_e = 0, want_s = 0;

    if ((rc = srv__allow_params(rq, rs, ok)) || (rc = srv__parse_unit(rq, rs, &unit)) ||
        (rc = srv__parse_id(rq->param, rs, "article", &id)) ||
        (rc = srv__parse_include(srv__query(rq, "include"), rs, &want_e, &want_s)))
        return rc;
    struct srv__out o = {0};
    srv__out_lit(&o, "{\"article\":");
    if ((rc = article_full(rq->db, id, want_e, want_s, unit, &o))) {
        free(o.buf);
        return store_error(rs, rc, "article");
    }
    srv__out_lit(&o, ",\"offsets\":");
    srv__out_str(&o, ex_unit_name(unit));
    srv__out_lit(&o, "}");
    return srv__out_take(&o, rs, 200);
}

/* ------------------------------------------------------------------ export */

/* GET /v1/export: every article the filters of GET /v1/articles select, newest first, as
 * NDJSON, one article per line with its entities and statements. It pages through the store
 * EXPORT_PAGE articles at a time and renders one line at a time, so memory stays flat however
 * large the archive. Each line is consistent (one article's rows, read together); the whole
 * is not a snapshot: an article written during the export appears in it when the export has
 * not passed its place yet, and one deleted is left out. */
#define EXPORT_PAGE 100

struct export
{
    struct st_db *db;
    enum ex_unit unit;
    struct st_article_query q;
    char *text[4]; /* owned copies of q's strings: the request is gone while the body streams */
    struct st_articles *page;
    size_t item;
    char *line; /* the current line, with its newline */
    size_t len, off;
};

static void export_free(void *state)
{
    struct export *x = state;
    if (!x) return;
    st_articles_free(x->page);
    free(x->line);
    for (size_t i = 0; i < 4; i++)
        free(x->text[i]);
    free(x);
}

/* The next line into x->line; 0, 1 at the end, or -1 on a failure. */
static int export_line(struct export *x)
{
    for (;;) {
        if (x->item == x->page->n) {
            if (!x->page->more) return 1;
            struct st_articles *next = NULL;
            x->q.after = x->page->next;
            int rc = st_articles_list(x->db, &x->q, &next);
            memset(&x->q.after, 0, sizeof(x->q.after));
            st_articles_free(x->page);
            x->page = next;
            x->item = 0;
            if (rc) return -1;
            continue;
        }
        struct srv__out o = {0};
        int rc = article_full(x->db, x->page->items[x->item++].id, 1, 1, x->unit, &o);
        srv__out_lit(&o, "\n");
        if (!rc && o.failed) rc = ST_ENOMEM;
        if (rc) free(o.buf);
        if (rc == ST_ENOTFOUND) continue; /* deleted since its page was read */
        if (rc) return -1;
        x->line = o.buf;
        x->len = o.len;
        x->off = 0;
        return 0;
    }
}

static long export_read(void *state, char *buf, size_t max)
{
    struct export *x = state;
    if (x->off == x->len) {
        free(x->line);
        x->line = NULL;
        x->len = x->off = 0;
        int rc = export_line(x);
        if (rc) return rc > 0 ? 0 : -1;
    }
    size_t n = x->len - x->off < max ? x->len - x->off : max;
    memcpy(buf, x->line + x->off, n);
    x->off += n;
    return (long)n;
}

static int h_export(const struct srv_req *rq, struct srv_resp *rs)
{
    static const char *const ok[] = {"format", "offsets", "q",     "entity",
                                     "source", "since",   "until", NULL};
    struct export *x = NULL;
    int rc;
    if ((rc = srv__allow_params(rq, rs, ok))) return rc;
    const char *format = srv__query(rq, "format");
    if (format && strcmp(format, "ndjson"))
        return srv__fail(rs, SRV_EBADREQ, "format must be ndjson, got '%.32s'", format);
    if (!(x = calloc(1, sizeof(*x)))) return SRV_ENOMEM;
    x->db = rq->db;
    if ((rc = srv__parse_unit(rq, rs, &x->unit)) ||
        (rc = srv__parse_article_filters(rq, rs, &x->q)))
        goto out;
    const char **strs[4] = {&x->q.q, &x->q.source, &x->q.since, &x->q.until};
    for (size_t i = 0; i < 4; i++) {
        if (!*strs[i]) continue;
        if (!(x->text[i] = strdup(*strs[i]))) {
            rc = SRV_ENOMEM;
            goto out;
        }
        *strs[i] = x->text[i];
    }
    /* the first page now, so that a bad query is a 4xx and not a cut stream */
    x->q.limit = EXPORT_PAGE;
    if ((rc = st_articles_list(x->db, &x->q, &x->page))) {
        rc = store_error(rs, rc, "article");
        goto out;
    }
    rs->status = 200;
    rs->content_type = "application/x-ndjson";
    rs->cache = "no-store";
    rs->stream = (struct srv_stream){export_read, export_free, x};
    x = NULL;
out:
    export_free(x);
    return rc;
}

static int h_article_delete(const struct srv_req *rq, struct srv_resp *rs)
{
    int64_t id = 0;
    int rc;
    if (rq->n_query) return srv__fail(rs, SRV_EBADREQ, "DELETE takes no query parameters");
    if ((rc = srv__parse_id(rq->param, rs, "article", &id))) return rc;
    if ((rc = st_article_delete(rq->db, id))) return store_error(rs, rc, "article");
    rs->status = 204;
    return 0;
}

static int h_article_entities(const struct srv_req *rq, struct srv_resp *rs)
{
    static const char *const ok[] = {"offsets", NULL};
    struct st_entities *es = NULL;
    enum ex_unit unit;
    int64_t id = 0;
    int rc;
    if ((rc = srv__allow_params(rq, rs, ok)) || (rc = srv__parse_unit(rq, rs, &unit)) ||
        (rc = srv__parse_id(rq->param, rs, "article", &id)))
        return rc;
    if ((rc = st_article_entities(rq->db, id, &es))) return store_error(rs, rc, "article");
    struct srv__out o = {0};
    list_open(&o);
    for (size_t i = 0; i < es->n; i++) {
        list_item(&o, i);
        srv__view_entity(&o, &es->items[i], unit, 1);
    }
    struct st_cursor none = {0};
    rc = list_response(rq, rs, &o, 0, &none, 0, 1, unit);
    st_entities_free(es);
    return rc;
}

/* Every mention of the article in text order, flattened from its entities. */
static int h_article_mentions(const struct srv_req *rq, struct srv_resp *rs)
{
    static const char *const ok[] = {"offsets", NULL};
    struct st_entities *es = NULL;
    enum ex_unit unit;
    int64_t id = 0;
    int rc;
    if ((rc = srv__allow_params(rq, rs, ok)) || (rc = srv__parse_unit(rq, rs, &unit)) ||
        (rc = srv__parse_id(rq->param, rs, "article", &id)))
        return rc;
    if ((rc = st_article_entities(rq->db, id, &es))) return store_error(rs, rc, "article");
    size_t total = 0;
    for (size_t i = 0; i < es->n; i++)
        total += es->items[i].n_mention_items;
    const struct st_mention **all = calloc(total + 1, sizeof(*all));
    const struct st_entity **owner = calloc(total + 1, sizeof(*owner));
    struct srv__out o = {0};
    if (all && owner) {
        list_open(&o);
        size_t n = 0;
        for (size_t i = 0; i < es->n; i++)
            for (size_t k = 0; k < es->items[i].n_mention_items; k++) {
                all[n] = &es->items[i].mentions[k];
                owner[n++] = &es->items[i];
            }
        /* insertion sort by start: mentions of one entity are already in order, and
         * articles have hundreds of mentions, not millions */
        for (size_t i = 1; i < n; i++)
            for (size_t k = i;
                 k > 0 && all[k - 1]->span.start[EX_UNIT_UTF8] > all[k]->span.start[EX_UNIT_UTF8];
                 k--) {
                const struct st_mention *t = all[k];
                all[k] = all[k - 1];
                all[k - 1] = t;
                const struct st_entity *o = owner[k];
                owner[k] = owner[k - 1];
                owner[k - 1] = o;
            }
        for (size_t i = 0; i < n; i++) {
            list_item(&o, i);
            srv__out_lit(&o, "{\"entity_id\":");
            srv__out_int(&o, owner[i]->id);
            srv__out_lit(&o, ",\"kind\":");
            srv__out_str(&o, owner[i]->kind);
            srv__out_lit(&o, ",\"name\":");
            srv__out_str(&o, owner[i]->name);
            srv__out_lit(&o, ",\"start\":");
            srv__out_int(&o, all[i]->span.start[unit]);
            srv__out_lit(&o, ",\"end\":");
            srv__out_int(&o, all[i]->span.end[unit]);
            srv__out_lit(&o, ",\"text\":");
            srv__out_str(&o, all[i]->text);
            srv__out_lit(&o, "}");
        }
    }
    struct st_cursor none = {0};
    rc = all && owner ? list_response(rq, rs, &o, 0, &none, 0, 1, unit) : SRV_ENOMEM;
    free(all);
    free(owner);
    st_entities_free(es);
    return rc;
}

/* A merged entity's old id answers 308 Permanent Redirect to the entity it became (same
 * sub-path), so links and bookmarks keep working. Returns 1 when it answered. */
static int moved(const struct srv_req *rq, struct srv_resp *rs, int64_t id, const char *sub)
{
    int64_t to = 0;
    if (st_entity_redirect(rq->db, id, &to)) return 0;
    snprintf(rs->location, sizeof(rs->location), "/v1/entities/%lld%s", (long long)to, sub);
    srv__json(rs, 308,
              json_pack("{s:I, s:s}", "moved_to", (json_int_t)to, "location", rs->location));
    rs->cache = "no-cache";
    return 1;
}

int srv__parse_statement_filters(const struct srv_req *rq, struct srv_resp *rs,
                                 struct st_statement_query *q)
{
    int rc;
    const char *kind = srv__query(rq, "kind");
    if (kind && ex_statement_kind_parse(kind) < 0)
        return srv__fail(rs, SRV_EBADREQ, "kind must be direct, indirect or mixed");
    q->kind = kind;
    const char *art = srv__query(rq, "article");
    if (art && (rc = srv__parse_id(art, rs, "article", &q->article_id))) return rc;
    const char *sp = srv__query(rq, "speaker");
    if (sp && *sp) {
        if (srv__parse_int(sp, &q->speaker_id) == 0) {
            if (q->speaker_id <= 0) return srv__fail(rs, SRV_EBADREQ, "speaker id must be > 0");
        } else {
            q->speaker = sp;
        }
    }
    const char *text = srv__query(rq, "q");
    if (text && *text) q->q = text;
    const char *about = srv__query(rq, "about");
    if (about && (rc = srv__parse_id(about, rs, "about entity", &q->about_id))) return rc;
    return 0;
}

static int statements_common(const struct srv_req *rq, struct srv_resp *rs,
                             struct st_statement_query *q, const char *const *ok)
{
    enum ex_unit unit;
    struct st_statements *l = NULL;
    int rc;
    if ((rc = srv__allow_params(rq, rs, ok)) || (rc = srv__parse_unit(rq, rs, &unit)) ||
        (rc = srv__parse_page(rq, rs, &q->limit, &q->after, 0)) ||
        (rc = srv__parse_statement_filters(rq, rs, q)))
        return rc;
    if ((rc = st_statements_list(rq->db, q, &l))) return store_error(rs, rc, "statement");
    struct srv__out o = {0};
    list_open(&o);
    for (size_t i = 0; i < l->n; i++) {
        list_item(&o, i);
        srv__view_statement(&o, &l->items[i], unit);
    }
    rc = list_response(rq, rs, &o, l->more, &l->next, 0, 1, unit);
    st_statements_free(l);
    return rc;
}

static int h_article_statements(const struct srv_req *rq, struct srv_resp *rs)
{
    static const char *const ok[] = {"offsets", "limit", "cursor", "kind", NULL};
    struct st_statement_query q = {0};
    struct st_articles *a = NULL;
    int rc;
    if ((rc = srv__parse_id(rq->param, rs, "article", &q.article_id))) return rc;
    if ((rc = st_article_get(rq->db, q.article_id, &a))) return store_error(rs, rc, "article");
    st_articles_free(a);
    return statements_common(rq, rs, &q, ok);
}

static int h_statements(const struct srv_req *rq, struct srv_resp *rs)
{
    static const char *const ok[] = {"offsets", "limit", "cursor", "kind", "article",
                                     "speaker", "q",     "about",  NULL};
    struct st_statement_query q = {0};
    return statements_common(rq, rs, &q, ok);
}

static int h_entity_statements(const struct srv_req *rq, struct srv_resp *rs)
{
    static const char *const ok[] = {"offsets", "limit", "cursor", "kind", "q", NULL};
    struct st_statement_query q = {0};
    struct st_entities *e = NULL;
    int rc;
    if ((rc = srv__parse_id(rq->param, rs, "entity", &q.speaker_id))) return rc;
    if ((rc = st_entity_get(rq->db, q.speaker_id, &e))) {
        if (rc == ST_ENOTFOUND && moved(rq, rs, q.speaker_id, "/statements")) return 0;
        return store_error(rs, rc, "entity");
    }
    st_entities_free(e);
    return statements_common(rq, rs, &q, ok);
}

/* The orders of GET /v1/entities: the sort parameter's value, the store's order and the
 * letter its cursors carry. */
static const struct {
    const char *name;
    enum st_entity_sort sort;
    char letter;
} entity_sorts[] = {
    {"mentions", ST_ENTITIES_BY_MENTIONS, 'm'},
    {"articles", ST_ENTITIES_BY_ARTICLES, 'a'},
    {"name", ST_ENTITIES_BY_NAME, 'n'},
};

int srv__parse_entity_query(const struct srv_req *rq, struct srv_resp *rs,
                            struct st_entity_query *q, char *letter)
{
    size_t k = 0;
    int rc;
    const char *sort = srv__query(rq, "sort");
    if (sort) {
        while (k < sizeof(entity_sorts) / sizeof(entity_sorts[0]) &&
               strcmp(entity_sorts[k].name, sort) != 0)
            k++;
        if (k == sizeof(entity_sorts) / sizeof(entity_sorts[0]))
            return srv__fail(rs, SRV_EBADREQ,
                             "sort must be mentions, articles or name, got '%.32s'", sort);
    }
    q->sort = entity_sorts[k].sort;
    *letter = entity_sorts[k].letter;
    if ((rc = srv__parse_page(rq, rs, &q->limit, &q->after, *letter))) return rc;
    /* the right letter in the wrong form (a count for names, a name for counts) was forged */
    if (q->after.id && (q->sort == ST_ENTITIES_BY_NAME) != (q->after.text != NULL)) {
        rc = srv__fail(rs, SRV_EBADREQ, "cursor is not one this server issued");
        goto out;
    }
    q->kind = srv__query(rq, "kind");
    if (q->kind && ex_entity_kind_parse(q->kind) < 0) {
        rc = srv__fail(rs, SRV_EBADREQ,
                       "kind must be person, organization, location, nationality, date or"
                       " quantity");
        goto out;
    }
    const char *text = srv__query(rq, "q");
    if (text && *text) q->q = text;
    const char *art = srv__query(rq, "article");
    if (art && (rc = srv__parse_id(art, rs, "article", &q->article_id))) goto out;
    return 0;
out:
    /* on failure the caller has nothing to release */
    srv__cursor_clear(&q->after);
    return rc;
}

static int h_entities(const struct srv_req *rq, struct srv_resp *rs)
{
    static const char *const ok[] = {"kind", "q", "article", "sort", "limit", "cursor", NULL};
    struct st_entity_query q = {0};
    struct st_entities *l = NULL;
    char letter = 0;
    int rc;
    if ((rc = srv__allow_params(rq, rs, ok)) || (rc = srv__parse_entity_query(rq, rs, &q, &letter)))
        return rc;
    if ((rc = st_entities_list(rq->db, &q, &l))) {
        rc = store_error(rs, rc, "entity");
        goto out;
    }
    struct srv__out o = {0};
    list_open(&o);
    for (size_t i = 0; i < l->n; i++) {
        list_item(&o, i);
        srv__view_entity(&o, &l->items[i], EX_UNIT_CODEPOINT, 0);
    }
    rc = list_response(rq, rs, &o, l->more, &l->next, letter, 0, EX_UNIT_CODEPOINT);
out:
    st_entities_free(l);
    srv__cursor_clear(&q.after);
    return rc;
}

static int h_entity_merge(const struct srv_req *rq, struct srv_resp *rs)
{
    int64_t into = 0, from = 0;
    json_error_t err;
    struct st_entities *e = NULL;
    int rc;
    if (rq->n_query) return srv__fail(rs, SRV_EBADREQ, "this route takes no query parameters");
    if ((rc = srv__parse_id(rq->param, rs, "entity", &into))) return rc;
    if (!is_type(rq->content_type, "application/json"))
        return srv__fail(rs, SRV_EMEDIA, "send application/json: {\"from\": ENTITY_ID}");
    json_t *root = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &err);
    json_t *f = root ? json_object_get(root, "from") : NULL;
    if (!root || !json_is_object(root) || json_object_size(root) != 1 || !json_is_integer(f) ||
        (from = json_integer_value(f)) <= 0) {
        json_decref(root);
        return srv__fail(rs, SRV_EBADREQ, "the body must be {\"from\": ENTITY_ID}");
    }
    json_decref(root);
    rc = st_entity_merge(rq->db, into, from);
    if (rc == ST_EINVAL) return srv__fail(rs, SRV_EBADREQ, "an entity cannot merge into itself");
    if (rc == ST_ECONFLICT)
        return srv__fail(rs, SRV_ECONFLICT, "entities of different kinds cannot merge");
    if (rc) return store_error(rs, rc, "entity");
    if ((rc = st_entity_get(rq->db, into, &e))) return store_error(rs, rc, "entity");
    struct srv__out o = {0};
    srv__out_lit(&o, "{\"entity\":");
    srv__view_entity(&o, &e->items[0], EX_UNIT_CODEPOINT, 0);
    srv__out_lit(&o, ",\"merged\":");
    srv__out_int(&o, from);
    srv__out_lit(&o, "}");
    rc = srv__out_take(&o, rs, 200);
    st_entities_free(e);
    return rc;
}

/* How much of an entity's surroundings its page shows: the newest articles naming it (its
 * counts give the total; /v1/articles?entity=ID pages them all, in the same order) and the
 * entities most often named beside it in its newest ENTITY_COOCCURRENCE_ARTICLES articles:
 * counting over all of them cost a page read and a group per article, seconds for an
 * entity named in a tenth of a large archive (bench/README.md, "Scale"). */
#define ENTITY_ARTICLES 50
#define ENTITY_COOCCURRING 10
#define ENTITY_COOCCURRENCE_ARTICLES 100

static int h_entity(const struct srv_req *rq, struct srv_resp *rs)
{
    struct st_entities *e = NULL;
    struct st_entity_links *links = NULL;
    int64_t id = 0;
    int rc;
    if (rq->n_query) return srv__fail(rs, SRV_EBADREQ, "this route takes no query parameters");
    if ((rc = srv__parse_id(rq->param, rs, "entity", &id))) return rc;
    if ((rc = st_entity_get(rq->db, id, &e))) {
        if (rc == ST_ENOTFOUND && moved(rq, rs, id, "")) return 0;
        return store_error(rs, rc, "entity");
    }
    if ((rc = st_entity_links(rq->db, id, ENTITY_ARTICLES, ENTITY_COOCCURRING,
                              ENTITY_COOCCURRENCE_ARTICLES, &links))) {
        rc = store_error(rs, rc, "entity");
        goto out;
    }
    struct srv__out o = {0};
    srv__out_lit(&o, "{\"entity\":");
    srv__view_entity(&o, &e->items[0], EX_UNIT_CODEPOINT, 0);
    srv__out_lit(&o, ",");
    srv__view_entity_links(&o, links);
    srv__out_lit(&o, "}");
    rc = srv__out_take(&o, rs, 200);
out:
    st_entities_free(e);
    st_entity_links_free(links);
    return rc;
}

/* Lines of a batch extracted and not yet answered by the store. Each extracted line is
 * handed to the store's writer thread at once (st_ingest_submit), which takes whatever has
 * queued into its next transaction while this thread extracts the following lines: the two
 * cores extract and write at the same time, and no more than this many documents are held.
 * (512 gave the writer larger groups, 17-27 instead of 35-61 for the two 1,000-line requests
 * of bench/ingest_bench.sh, and 7% less writer CPU, but no rate above the noise and a peak
 * RSS of 180-233 MiB instead of 97-127: bench/README.md, "Where the time goes (ingest)".) */
#define BATCH_WINDOW 128

/* What the writer thread's answers and this handler share. */
struct batch_wait {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct srv *srv; /* whose backlog each line holds a place of, from parse to answer */
};

struct batch_line {
    size_t no;               /* line number in the request, from 1 */
    int rc;                  /* 0, or the SRV_* code of the line's failure, detail in lrs */
    struct srv_resp lrs;     /* the line's problem */
    struct ex_doc *doc;      /* extracted, until the store has answered */
    struct batch_wait *w;    /* the handler's */
    int done;                /* answered (under w->mu) */
    struct st_batch_item it; /* the store's outcome */
};

/* Parses and extracts one line: its document in l->doc, or its failure in l->rc. */
static void batch_parse(const char *line, size_t len, struct batch_line *l)
{
    struct ex_input in = {0};
    struct ex_error err = {0, 0};
    json_t *root = NULL;

    l->lrs.offset = -1;
    l->rc = srv__json_article(line, len, &l->lrs, &root, &in);
    if (!l->rc) {
        int rc = ex_extract(&in, &l->doc, &err);
        err.offset = (size_t)-1; /* no offset in JSON */
        l->rc = extract_error(&l->lrs, rc, &err);
    }
    json_decref(root); /* the document holds copies of what it needs */
    if (l->rc) {
        ex_doc_free(l->doc);
        l->doc = NULL;
    }
}

/* On the store's writer thread, once the line's transaction committed or failed: the
 * document and the line's backlog place are given back here (the handler may be waiting
 * for room, see srv__backlog_take), then the handler learns the outcome. */
static void batch_stored(void *arg, int rc, int64_t id, int created)
{
    struct batch_line *l = arg;
    ex_doc_free(l->doc); /* the handler reads l->doc no more until done */
    l->doc = NULL;
    srv__backlog_give(l->w->srv);
    pthread_mutex_lock(&l->w->mu);
    l->it.rc = rc;
    l->it.article_id = id;
    l->it.created = created;
    l->done = 1;
    pthread_cond_broadcast(&l->w->cv);
    pthread_mutex_unlock(&l->w->mu);
}

/* The result line of one article line: its outcome, or its problem. */
static json_t *batch_result(struct batch_line *l)
{
    json_t *out;
    if (!l->rc && l->it.rc) l->rc = store_error(&l->lrs, l->it.rc, "article");
    if (l->rc) {
        srv__problem(&l->lrs, l->rc);
        json_t *problem = json_loadb(l->lrs.body, l->lrs.len, 0, NULL);
        out = json_pack("{s:I, s:i, s:o}", "line", (json_int_t)l->no, "status", l->lrs.status,
                        "problem", problem ? problem : json_null());
        if (l->lrs.free_body) free(l->lrs.body);
        l->lrs.body = NULL;
        l->lrs.free_body = 0;
    } else {
        out = json_pack("{s:I, s:i, s:b, s:I}", "line", (json_int_t)l->no, "status",
                        l->it.created ? 201 : 200, "created", l->it.created, "id",
                        (json_int_t)l->it.article_id);
    }
    return out;
}

/* Appends one result (taking it) to the response as a line; 0 or SRV_ENOMEM. */
static int batch_append(char **buf, size_t *cap, size_t *n, json_t *res)
{
    char *txt = res ? json_dumps(res, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(res);
    size_t tl = txt ? strlen(txt) : 0;
    if (!txt || (*n + tl + 2 > *cap && !(*buf = realloc_or_free(*buf, cap, *n + tl + 2)))) {
        free(txt);
        return SRV_ENOMEM;
    }
    memcpy(*buf + *n, txt, tl);
    *n += tl;
    (*buf)[(*n)++] = '\n';
    free(txt);
    return 0;
}

/* Waits for the store's answer of line l, appends its result (unless an earlier append
 * failed: *rc) and frees what it held. */
static void batch_answer(struct batch_line *l, char **buf, size_t *cap, size_t *n, int *rc)
{
    pthread_mutex_lock(&l->w->mu);
    while (!l->done)
        pthread_cond_wait(&l->w->cv, &l->w->mu);
    pthread_mutex_unlock(&l->w->mu);
    if (!*rc) *rc = batch_append(buf, cap, n, batch_result(l));
    if (l->lrs.free_body) free(l->lrs.body);
    ex_doc_free(l->doc);
    memset(l, 0, sizeof(*l));
}

/* POST /v1/articles:batch: NDJSON in (one JSON article per line), NDJSON out (one result
 * per non-blank line, in order). Each line is parsed, extracted and handed to the store's
 * writer thread, which stores it inside a savepoint of its own in its next group
 * transaction: a bad line gets its own problem and the others commit. The answer is sent
 * once every line is answered: every 201/200 is durable. A line waits for a place in the
 * server's ingest backlog before it is extracted, rather than being refused: a batch
 * slows down while the writer is behind but loses no line (the places it holds come back
 * from the writer's thread, so the wait ends). */
static int h_batch(const struct srv_req *rq, struct srv_resp *rs)
{
    if (rq->n_query) return srv__fail(rs, SRV_EBADREQ, "this route takes no query parameters");
    if (!is_type(rq->content_type, "application/x-ndjson") &&
        !is_type(rq->content_type, "application/jsonl"))
        return srv__fail(rs, SRV_EMEDIA, "send application/x-ndjson, one JSON article per line");
    size_t cap = 4096, n = 0, lines = 0, head = 0;
    struct batch_wait w = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, rq->srv};
    struct batch_line *l = calloc(BATCH_WINDOW, sizeof(*l));
    char *buf = malloc(cap);
    int rc = 0;
    if (!buf || !l) {
        rc = SRV_ENOMEM;
        goto out;
    }
    for (size_t i = 0, no = 1; i < rq->body_len; no++) {
        size_t e = i;
        while (e < rq->body_len && rq->body[e] != '\n')
            e++;
        size_t a = i, b = e;
        while (a < b && (rq->body[a] == ' ' || rq->body[a] == '\t' || rq->body[a] == '\r'))
            a++;
        i = e + 1;
        if (a == b) continue; /* blank lines separate nothing */
        if (lines - head == BATCH_WINDOW)
            batch_answer(&l[head++ % BATCH_WINDOW], &buf, &cap, &n, &rc);
        struct batch_line *cur = &l[lines++ % BATCH_WINDOW];
        cur->no = no;
        cur->w = &w;
        (void)srv__backlog_take(rq->srv, 1); /* waits: never refuses */
        batch_parse(rq->body + a, b - a, cur);
        if (!cur->rc) {
            int src = st_ingest_submit(rq->db, cur->doc, batch_stored, cur);
            if (!src) continue; /* answered by batch_stored, which gives the place back */
            cur->rc = store_error(&cur->lrs, src, "article");
        }
        srv__backlog_give(rq->srv);
        cur->done = 1;
    }
    while (head < lines) /* every line submitted is answered before anything is freed */
        batch_answer(&l[head++ % BATCH_WINDOW], &buf, &cap, &n, &rc);
    if (rc) goto out;
    /* a bulk load ends with its WAL folded into the database (a reader's snapshot may keep
     * it: the idle checkpoint then tries again) */
    (void)st_settle(rq->db);
    if (!lines) {
        rc = srv__fail(rs, SRV_EUNPROC, "the batch holds no article");
        goto out;
    }
    rs->status = 200;
    rs->body = buf;
    rs->len = n;
    rs->free_body = 1;
    rs->content_type = "application/x-ndjson";
    buf = NULL;
out:
    free(buf);
    free(l);
    return rc;
}

const struct srv_route srv__routes[] = {
    {"GET", "/healthz", h_healthz, "healthz"},
    {"GET", "/readyz", h_readyz, "readyz"},
    {"GET", "/metrics", h_metrics, "metrics"},
    {"GET", "/openapi.yaml", h_openapi, "openapi"},
    {"POST", "/v1/extract", h_extract, "extract"},
    {"POST", "/v1/articles", h_article_create, "articles_create"},
    {"POST", "/v1/articles:batch", h_batch, "articles_batch"},
    {"GET", "/v1/articles", h_articles, "articles_list"},
    {"GET", "/v1/articles/{id}", h_article, "article_get"},
    {"DELETE", "/v1/articles/{id}", h_article_delete, "article_delete"},
    {"GET", "/v1/articles/{id}/entities", h_article_entities, "article_entities"},
    {"GET", "/v1/articles/{id}/mentions", h_article_mentions, "article_mentions"},
    {"GET", "/v1/articles/{id}/statements", h_article_statements, "article_statements"},
    {"GET", "/v1/entities", h_entities, "entities_list"},
    {"GET", "/v1/export", h_export, "export"},
    {"GET", "/v1/entities/{id}", h_entity, "entity_get"},
    {"GET", "/v1/entities/{id}/statements", h_entity_statements, "entity_statements"},
    {"POST", "/v1/entities/{id}/merge", h_entity_merge, "entity_merge"},
    {"GET", "/v1/statements", h_statements, "statements_list"},
    {"GET", "/", h_web, "web"},
    {"GET", "/{file}", h_web, "web"},
    {NULL, NULL, NULL, NULL},
};
