/*
 * store.h: the contract of libstore, newsgraph's persistence.
 *
 * The store keeps articles, the entities named in them (shared across articles: "Toqaev" in
 * two articles is one entity), their mentions and the statements made, and answers the
 * queries the HTTP API serves. This header names no SQLite type, so that a second backend
 * (PostgreSQL, for replicas) can implement the same contract.
 *
 * Threads: one st_db may be used from any number of threads at once. Writes are serialized
 * on one writer connection (ingests by a writer thread the store starts on the first one);
 * reads use a read connection per calling thread (WAL lets them run beside the writer).
 *
 * Results: every query returns a list object owning all its strings (one arena); free it with
 * its _free function. Strings inside are NUL-terminated and never NULL unless said so.
 * Offsets are stored in all three units (ex_unit from extract.h) so reads never rescan text.
 *
 * Pagination is keyset: a list query takes the cursor of the last row the caller saw
 * (st_cursor, zeroed for the first page) and returns up to limit rows plus `more` and the
 * cursor of the last row returned. The server encodes cursors opaquely.
 */
#ifndef NEWSGRAPH_STORE_STORE_H
#define NEWSGRAPH_STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "extract/extract.h"

#define ST_ERRORS(X)                                                                               \
    X(ST_EINVAL, -1, "invalid argument")                                                           \
    X(ST_ENOMEM, -2, "out of memory")                                                              \
    X(ST_ENOTFOUND, -3, "not found")                                                               \
    X(ST_EIO, -4, "database error")                                                                \
    X(ST_EBUSY, -5, "database is busy")                                                            \
    X(ST_EMIGRATE, -6, "database migration failed")                                                \
    X(ST_EQUERY, -7, "invalid search query")                                                       \
    X(ST_ECONFLICT, -8, "conflicting request")                                                     \
    X(ST_ESCHEMA, -9, "database was written by a newer newsgraph")                                 \
    X(ST_ETIMEOUT, -10, "query took longer than its time budget")

enum st_error_code {
#define X(sym, val, msg) sym = val,
    ST_ERRORS(X)
#undef X
};

/* Message for an error code; static storage, never NULL. */
const char *st_strerror(int code);

struct st_db;

/* Opens (creating if needed) the database at path, sets WAL, foreign keys and a busy
 * timeout, and applies pending migrations from schema/ in order, each in a transaction.
 * Returns 0 and a new handle in *out (free with st_close), or a negative ST_* code. */
int st_open(const char *path, struct st_db **out);

/* Closes every connection (checkpointing the WAL). NULL-safe. */
void st_close(struct st_db *db);

/* Number of migrations applied / known to this binary. */
int st_schema_version(struct st_db *db, int *applied, int *known);

/* 0 when the database answers a trivial query (for /readyz). */
int st_ping(struct st_db *db);

/* A counter that changes whenever any write commits (for response caches and ETags). */
int64_t st_data_version(struct st_db *db);

/* Time budget of every read query, in milliseconds (default 2000): a query still running
 * after it is interrupted and its caller gets ST_ETIMEOUT, so a pathological search cannot
 * hold a thread. 0 interrupts at once (for tests). */
void st_set_query_budget(struct st_db *db, unsigned ms);

/* ------------------------------------------------------------------ writes */

/* Stores a document in ONE transaction: the article, its entities (merged with existing
 * entities of the same kind and key), mentions and statements. When an article with the same
 * normalized body (sha256) exists, nothing is written: *created = 0 and *article_id is the
 * existing id. Otherwise *created = 1. Returns 0 or a negative ST_* code (nothing written).
 * Concurrent calls may share one transaction and its commit (group commit, as
 * st_ingest_batch); each still succeeds or fails on its own, and returns once committed. */
int st_ingest(struct st_db *db, const struct ex_doc *doc, int64_t *article_id, int *created);

/* One document of a batch: doc in (NULL: no document, the item is left alone), the outcome
 * out, as st_ingest would give it: rc 0 or a negative ST_* code, article_id, created. */
struct st_batch_item {
    const struct ex_doc *doc;
    int rc;
    int created;
    int64_t article_id;
};

/* Stores the documents of items[0..n) in ONE transaction, each inside a SAVEPOINT of its
 * own: an item that fails alone (a constraint, memory) is rolled back alone with its rc and
 * the others still commit. Duplicates are found per item as st_ingest finds them, among the
 * items too: the second of two equal bodies answers created = 0 and the first one's id.
 * When the transaction itself fails (begin, commit, a database error), every item without an
 * error of its own gets that code, and the function returns it; 0 otherwise. When it
 * returns, every item with rc 0 is durable (committed with synchronous=FULL).
 * Group commit: every ingest (this, st_ingest, st_ingest_submit) is written by one writer
 * thread, which takes everything queued while it wrote the previous group into the next
 * transaction (up to 1024 items), so concurrent ingests share one COMMIT. Callers bound n:
 * the write lock is held while it is written. */
int st_ingest_batch(struct st_db *db, struct st_batch_item *items, size_t n);

/* st_ingest without waiting: queues doc for the writer thread's next group transaction and
 * returns 0 at once; done(arg, rc, article_id, created) is then called exactly once, on the
 * store's writer thread, when that transaction has committed (rc 0: durable, as when
 * st_ingest returns 0) or failed (rc < 0, nothing of doc written). doc stays the caller's and
 * must stay valid until done is called. done must be quick and must not wait for the store's
 * writes (no st_ingest*, merge or delete: they would wait for the very thread running it);
 * reads are fine. Returns 0, or a negative ST_* code when doc cannot be queued (done is then
 * never called). st_close writes what is queued before it returns. */
int st_ingest_submit(struct st_db *db, const struct ex_doc *doc,
                     void (*done)(void *arg, int rc, int64_t article_id, int created), void *arg);

/* Folds the WAL into the database file and truncates it, now rather than when the writer has
 * been idle for a moment, if no ingest is queued and the WAL has grown to a few MiB: the end
 * of a bulk load (POST /v1/articles:batch) calls it before answering, so that a load leaves
 * its data in the database file and no WAL beside it (that of a 100,000-article load was
 * 65-77 MB, 7% of the database, until the idle checkpoint). Waits for the write lock (a
 * group being written). Returns 0 (also when there was nothing to do), or ST_EBUSY when a
 * reader's snapshot kept the WAL from being emptied (the idle checkpoint tries again). */
int st_settle(struct st_db *db);

/* Folds entity `from` into entity `into` (same kind) in one transaction: mentions,
 * statements, articles, aliases (its name included), titles and keys move; counts are
 * recomputed; `from` is deleted and remembered as a redirect to `into`. ST_ENOTFOUND when
 * either is missing, ST_EINVAL when they are the same, ST_ECONFLICT when kinds differ. */
int st_entity_merge(struct st_db *db, int64_t into, int64_t from);

/* The entity an id was merged into (following chains), in *to; ST_ENOTFOUND when the id was
 * never merged. */
int st_entity_redirect(struct st_db *db, int64_t id, int64_t *to);

/* Deletes an article with its mentions and statements; entities left without any mention
 * are deleted too. ST_ENOTFOUND when there is no such article. */
int st_article_delete(struct st_db *db, int64_t id);

/* ------------------------------------------------------------------ reads */

struct st_cursor {
    int64_t key;      /* sort key of the last row seen (e.g. a count), when the sort needs one */
    int64_t id;       /* id of the last row seen; 0 = first page */
    const char *text; /* the sort key when it is text (a name); NULL otherwise */
};

/* Offsets of a span in the three units, indexed by enum ex_unit. */
struct st_span {
    int64_t start[3];
    int64_t end[3];
};

struct st_article {
    int64_t id;
    const char *sha256;
    const char *title;        /* may be NULL */
    const char *author;       /* may be NULL */
    const char *source;       /* may be NULL */
    const char *url;          /* may be NULL */
    const char *published_at; /* may be NULL */
    const char *language;
    const char *created_at; /* ISO 8601 UTC */
    const char *body;       /* NULL in list results */
    int64_t body_chars;     /* length in code points */
    int64_t n_entities, n_mentions, n_statements;
};

struct st_articles {
    struct st_article *items;
    size_t n;
    int more;              /* a further page exists */
    struct st_cursor next; /* cursor of the last item */
    void *arena;
};
void st_articles_free(struct st_articles *list);

#define ST_MAX_ENTITY_FILTER 8 /* entities an article list can require at once */

struct st_article_query {
    size_t limit; /* 1..500 (the server validates) */
    struct st_cursor after;
    /* only articles that name every one of these entities (none = any; ST_EINVAL past
     * ST_MAX_ENTITY_FILTER) */
    int64_t entity_ids[ST_MAX_ENTITY_FILTER];
    size_t n_entity_ids;
    const char *q;      /* FTS5 query over title and body; NULL = any */
    const char *source; /* exact source; NULL = any */
    const char *since;  /* published_at >= since (ISO 8601 text order); NULL = any */
    const char *until;  /* published_at < until; NULL = any */
};

/* Newest first. */
int st_articles_list(struct st_db *db, const struct st_article_query *q, struct st_articles **out);
/* One article with its body; ST_ENOTFOUND. *out is a list of one. */
int st_article_get(struct st_db *db, int64_t id, struct st_articles **out);

struct st_mention {
    int64_t article_id;
    int64_t entity_id;
    struct st_span span;
    const char *text;
};

struct st_entity {
    int64_t id;
    const char *kind; /* "person", ... */
    const char *name;
    const char **aliases;
    size_t n_aliases;
    const char **titles;
    size_t n_titles;
    const char *value;     /* may be NULL */
    const char *qualifier; /* may be NULL */
    int64_t n_mentions;    /* in the article when listed per article, else overall */
    int64_t n_articles;
    double salience;             /* per article listings; 0 otherwise */
    struct st_mention *mentions; /* per article listings only */
    size_t n_mention_items;
};

struct st_entities {
    struct st_entity *items;
    size_t n;
    int more;
    struct st_cursor next;
    void *arena;
};
void st_entities_free(struct st_entities *list);

/* Entities of one article with their mentions, by salience. ST_ENOTFOUND for no article. */
int st_article_entities(struct st_db *db, int64_t article_id, struct st_entities **out);

/* Orders of an entity list. Counts sort descending (most first), names ascending (ASCII
 * case-insensitive); ties go by id in the same direction, so every order is total and a
 * cursor (count or name, and id) says exactly where the next page starts. */
enum st_entity_sort {
    ST_ENTITIES_BY_MENTIONS = 0, /* cursor: key = mentions, id */
    ST_ENTITIES_BY_ARTICLES,     /* cursor: key = articles, id */
    ST_ENTITIES_BY_NAME,         /* cursor: text = name, id */
};

struct st_entity_query {
    const char *kind;   /* NULL = any */
    const char *q;      /* name/alias prefix; NULL = any */
    int64_t article_id; /* 0 = any */
    size_t limit;
    struct st_cursor after; /* of a page listed in the same sort */
    enum st_entity_sort sort;
};
/* In q->sort order (ST_EINVAL for an unknown one, or a name cursor without its text). */
int st_entities_list(struct st_db *db, const struct st_entity_query *q, struct st_entities **out);
int st_entity_get(struct st_db *db, int64_t id, struct st_entities **out);

/* An article that names an entity, as the entity's page lists it. */
struct st_entity_article {
    int64_t id;
    const char *title;        /* may be NULL */
    const char *published_at; /* may be NULL */
    int64_t n_mentions;       /* the entity's mentions in this article */
};

/* An entity named in the same articles as another one. */
struct st_cooccurrence {
    int64_t id;
    const char *kind;
    const char *name;
    int64_t n_shared; /* articles that name both */
};

struct st_entity_links {
    struct st_entity_article *articles;
    size_t n_articles;
    struct st_cooccurrence *cooccurring;
    size_t n_cooccurring;
    size_t n_counted; /* the entity's articles the co-occurrences were counted over */
    void *arena;
};
void st_entity_links_free(struct st_entity_links *links);

/* What surrounds entity id: up to max_articles of the articles naming it, newest first (id
 * descending: the order of st_articles_list with the entity, of which this is the first
 * page), and up to max_cooccurring other entities by the number of articles they share with
 * it (descending, then id), counted over its newest over_articles articles only (> 0, else
 * ST_EINVAL), so that the cost is bounded however many articles name it; n_counted says how
 * many were. Both lists are empty for an id that names no entity. */
int st_entity_links(struct st_db *db, int64_t id, size_t max_articles, size_t max_cooccurring,
                    size_t over_articles, struct st_entity_links **out);

struct st_statement {
    int64_t id;
    int64_t article_id;
    const char *kind;          /* "direct", "indirect", "mixed" */
    const char *cue;           /* may be NULL */
    int64_t speaker_entity_id; /* 0 = none */
    const char *speaker_name;  /* the linked entity's name; may be NULL */
    const char *speaker_text;  /* as written; may be NULL */
    const char *content;
    const char *quote; /* may be NULL */
    struct st_span span;
    struct st_span quote_span;
};

struct st_statements {
    struct st_statement *items;
    size_t n;
    int more;
    struct st_cursor next;
    void *arena;
};
void st_statements_free(struct st_statements *list);

struct st_statement_query {
    int64_t article_id;  /* 0 = any */
    int64_t speaker_id;  /* 0 = any */
    const char *speaker; /* speaker name or text (substring); NULL = any */
    const char *kind;    /* NULL = any */
    const char *q;       /* FTS5 query over content; NULL = any */
    size_t limit;
    struct st_cursor after;
    int64_t about_id; /* only statements whose span names this entity; 0 = any */
};
/* Article order, then position, for one article; newest first otherwise. */
int st_statements_list(struct st_db *db, const struct st_statement_query *q,
                       struct st_statements **out);

/* Totals for /metrics. */
struct st_stats {
    int64_t articles, entities, mentions, statements;
};
int st_stats(struct st_db *db, struct st_stats *out);

#endif
