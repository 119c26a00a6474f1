/*
 * query.c: the read side of the store. Every function borrows a read connection from the
 * pool, steps one cached prepared statement (plus small per-row ones for aliases and
 * mentions) and copies what it reads into one arena that the returned list owns, so the
 * connection goes back to the pool before the caller renders anything.
 *
 * Pagination is keyset: each list asks for limit + 1 rows after the caller's cursor; the
 * extra row only says that a further page exists. Rows inserted between two pages cannot
 * shift what the next page starts with, as an OFFSET would.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/arena.h"
#include "internal.h"

/* What every list function carries around: the connection, the arena of the result. */
struct reader {
    struct st_db *db;
    struct st__conn *c;
    struct ex_arena *a;
    int rc;
};

/* Callers jump to their cleanup and return r->rc, so every failure is recorded there.
 * Everything a call reads is one read transaction (BEGIN here, COMMIT in reader_close; the
 * snapshot starts at the first statement's first step): outside one, every statement run
 * begins and ends its own, taking the WAL read lock and checking the WAL index each time,
 * which cost about as much as the row an entity's names or a candidate's row read. The
 * rows of a list and their details also come from one snapshot. */
static int reader_open(struct reader *r, struct st_db *db)
{
    memset(r, 0, sizeof(*r));
    if (!db) return r->rc = ST_EINVAL;
    r->db = db;
    r->c = st__acquire(db, &r->rc);
    if (!r->c) return r->rc ? r->rc : (r->rc = ST_EIO);
    sqlite3_stmt *begin = st__stmt(r->c, Q_READ_BEGIN);
    int step = begin ? sqlite3_step(begin) : SQLITE_ERROR;
    if (begin) sqlite3_reset(begin);
    if (step != SQLITE_DONE) return r->rc = ST_EIO;
    r->a = ex__arena_new();
    if (!r->a) return r->rc = ST_ENOMEM;
    return 0;
}

static void reader_close(struct reader *r)
{
    if (r->c && !sqlite3_get_autocommit(r->c->db)) {
        sqlite3_stmt *end = st__stmt(r->c, Q_READ_END);
        if (end) {
            sqlite3_step(end);
            sqlite3_reset(end);
        }
    }
    st__release(r->db, r->c); /* which ends a transaction COMMIT could not */
    ex__arena_free(r->a);     /* NULL once the result took it */
}

static sqlite3_stmt *prepare(struct reader *r, enum st_query q)
{
    sqlite3_stmt *s = st__stmt(r->c, q);
    if (!s) { /* preparing reads the schema: it can time out too */
        r->rc = st__error(r->c->db, sqlite3_errcode(r->c->db));
        if (!r->rc || r->rc == ST_EQUERY) r->rc = ST_EIO;
    }
    return s;
}

static void finish(sqlite3_stmt *s)
{
    if (!s) return;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
}

static const char *const lead_sql[ST__LEAD_COUNT];

/* A led list statement (enum st__lead; its SQL below), prepared on the connection's first
 * use and kept like the ST_QUERIES ones; reset with finish(). NULL with r->rc set. */
static sqlite3_stmt *prepare_lead(struct reader *r, enum st__lead q)
{
    sqlite3_stmt **s = &r->c->leads[q];
    int rc = *s ? SQLITE_OK
                : sqlite3_prepare_v3(r->c->db, lead_sql[q], -1, SQLITE_PREPARE_PERSISTENT, s, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(*s);
        *s = NULL;
        r->rc = st__error(r->c->db, rc);
        if (!r->rc || r->rc == ST_EQUERY) r->rc = ST_EIO;
    }
    return *s;
}

/* Column text copied into the arena; NULL for SQL NULL. Sets r->rc on allocation failure. */
static const char *col_str(struct reader *r, sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    if (!t) return NULL;
    char *d = ex__arena_strndup(r->a, (const char *)t, (size_t)sqlite3_column_bytes(s, i));
    if (!d) r->rc = ST_ENOMEM;
    return d;
}

static void col_span(sqlite3_stmt *s, int i, struct st_span *sp)
{
    for (int u = 0; u < 3; u++) {
        /* columns come as (b, b), (c, c), (u, u); ex_unit is (codepoint, utf16, utf8) */
        static const int col[3] = {2, 4, 0};
        sp->start[u] = sqlite3_column_type(s, i + col[u]) == SQLITE_NULL
                           ? -1
                           : sqlite3_column_int64(s, i + col[u]);
        sp->end[u] = sqlite3_column_type(s, i + col[u] + 1) == SQLITE_NULL
                         ? -1
                         : sqlite3_column_int64(s, i + col[u] + 1);
    }
}

/* Steps s, calling row() for each row up to cap rows; returns the number of rows seen (up
 * to cap + 1, so the caller knows whether more exist) or -1 on error (r->rc set). */
typedef int (*row_fn)(struct reader *r, sqlite3_stmt *s, void *item);

static long step_rows(struct reader *r, sqlite3_stmt *s, void *items, size_t item_size, size_t cap,
                      row_fn row)
{
    long n = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if ((size_t)n == cap) {
            n++;
            break;
        }
        if (row(r, s, (char *)items + (size_t)n * item_size) || r->rc) return -1;
        n++;
    }
    if (step != SQLITE_ROW && step != SQLITE_DONE) {
        r->rc = st__error(r->c->db, step);
        return -1;
    }
    return n;
}

/* ------------------------------------------------------------------ articles */

static int article_row(struct reader *r, sqlite3_stmt *s, void *item)
{
    struct st_article *a = item;
    a->id = sqlite3_column_int64(s, 0);
    a->sha256 = col_str(r, s, 1);
    a->title = col_str(r, s, 2);
    a->author = col_str(r, s, 3);
    a->source = col_str(r, s, 4);
    a->url = col_str(r, s, 5);
    a->published_at = col_str(r, s, 6);
    a->language = col_str(r, s, 7);
    a->created_at = col_str(r, s, 8);
    a->body = col_str(r, s, 9);
    a->body_chars = sqlite3_column_int64(s, 10);
    a->n_entities = sqlite3_column_int64(s, 11);
    a->n_mentions = sqlite3_column_int64(s, 12);
    a->n_statements = sqlite3_column_int64(s, 13);
    return r->rc;
}

/* A malformed FTS5 query must fail even when no row would reach the full-text test: the
 * check query's only way to fail with SQLITE_ERROR is the query text itself ("unterminated
 * string", "fts5: syntax error near ...", "no such column"). A list led by the full-text
 * index parses the text at its first step, before any row, so it needs the check only to
 * tell what its failure was (fts_failed); the others run it first. */
static int fts_check(struct reader *r, enum st_query check, const char *q)
{
    sqlite3_stmt *s = prepare(r, check);
    if (!s) return r->rc;
    sqlite3_bind_text(s, 1, q, -1, SQLITE_STATIC);
    int step = sqlite3_step(s);
    if (step != SQLITE_ROW)
        r->rc = (step & 0xff) == SQLITE_ERROR ? ST_EQUERY : st__error(r->c->db, step);
    finish(s);
    return r->rc;
}

/* After a list led by the full-text index failed: ST_EQUERY when the query text is malformed
 * (as fts_check would have said before it ran), else the failure's own code. */
static void fts_failed(struct reader *r, enum st_query check, const char *q)
{
    int rc = r->rc;
    if (rc != ST_EIO && rc != ST_EQUERY) return; /* an interrupt, memory: not the text */
    r->rc = 0;
    if (!fts_check(r, check, q)) r->rc = rc;
}

/* Article lists led by an index. Q_ARTICLES_PAGE puts every filter in the form "(?n IS NULL
 * OR column = ?n)", which no index can serve: SQLite walks the whole table newest first and
 * tests each row, so a page costs as many rows as lie above its last match, and an FTS or
 * entity condition first collects every matching id. The statements below take the same
 * parameters (?1 cursor id, ?2 limit, ?3 and ?8..?14 entities, ?4 FTS query, ?5 source,
 * ?6 since, ?7 until) but let one filter lead, in id order from its index, so LIMIT stops
 * the walk; the other filters stay as they are in Q_ARTICLES_PAGE. ?1 is bound to INT64_MAX
 * on a first page. The first filter present in this order leads: q (the FTS index walked by
 * descending rowid), the first entity (article_entities_entity), source (articles_source),
 * since with until (articles_published: the window's ids, sorted). A list with none of them,
 * or with only since or only until, uses Q_ARTICLES_PAGE. An index is named on the table,
 * article_rows: the view articles (schema/0011_packed_bodies.sql) takes no INDEXED BY. */
#define ART__COLS                                                                                  \
    "SELECT a.id, a.sha256, a.title, a.author, a.source, a.url, a.published_at, a.language,"       \
    " a.created_at, NULL, a.body_chars" ST__ART_COUNTS
#define ART__MORE_NAMES                                                                            \
    ST__NAMES(8) ST__NAMES(9) ST__NAMES(10) ST__NAMES(11) ST__NAMES(12) ST__NAMES(13) ST__NAMES(14)
#define ART__SOURCE " AND (?5 IS NULL OR a.source = ?5)"
#define ART__DATES                                                                                 \
    " AND (?6 IS NULL OR a.published_at >= ?6) AND (?7 IS NULL OR a.published_at < ?7)"
#define ART__TAIL " LIMIT ?2"

static const char ARTICLES_BY_FTS[] = ART__COLS
    " FROM articles_fts JOIN articles AS a ON a.id = articles_fts.rowid" ST__ART_COUNTS_JOIN
    " WHERE articles_fts MATCH ?4 AND articles_fts.rowid < ?1" ST__NAMES(3)
        ART__MORE_NAMES ART__SOURCE ART__DATES " ORDER BY articles_fts.rowid DESC" ART__TAIL;
static const char ARTICLES_BY_ENTITY[] = ART__COLS
    " FROM article_entities AS ae INDEXED BY article_entities_entity"
    " JOIN articles AS a ON a.id = ae.article_id" ST__ART_COUNTS_JOIN
    " WHERE ae.entity_id = ?3 AND ae.article_id < ?1" ART__MORE_NAMES ART__SOURCE ART__DATES
    " ORDER BY ae.article_id DESC" ART__TAIL;
static const char ARTICLES_BY_SOURCE[] =
    ART__COLS " FROM article_rows AS a INDEXED BY articles_source" ST__ART_COUNTS_JOIN
              " WHERE a.source = ?5 AND a.id < ?1" ART__DATES " ORDER BY a.id DESC" ART__TAIL;
/* the window's ids are sorted from the index alone (it holds published_at and id), and only
 * the page's rows are read: a row carries its body, so reading every row of a wide window
 * to sort it would cost a page per article */
static const char ARTICLES_BY_DATES[] =
    ART__COLS " FROM articles AS a" ST__ART_COUNTS_JOIN
              " WHERE a.id IN (SELECT id FROM article_rows INDEXED BY"
              " articles_published WHERE published_at >= ?6 AND published_at < ?7 AND id < ?1"
              " ORDER BY id DESC LIMIT ?2) ORDER BY a.id DESC" ART__TAIL;

/* The lead of an article list, or -1 for Q_ARTICLES_PAGE. */
static int articles_led(const struct st_article_query *f)
{
    if (!f) return -1;
    if (f->q) return ST__LEAD_ART_FTS;
    if (f->n_entity_ids) return ST__LEAD_ART_ENTITY;
    if (f->source) return ST__LEAD_ART_SOURCE;
    if (f->since && f->until) return ST__LEAD_ART_DATES;
    return -1;
}

static int articles_query(struct st_db *db, enum st_query q, int64_t a1, size_t limit,
                          const struct st_article_query *filter, struct st_articles **out)
{
    struct reader r;
    struct st_articles *list = NULL;
    sqlite3_stmt *s = NULL;

    *out = NULL;
    if (reader_open(&r, db)) goto out;
    list = ex__arena_alloc(r.a, sizeof(*list));
    if (list) list->items = ex__arena_alloc(r.a, (limit + 1) * sizeof(*list->items));
    if (!list || !list->items) {
        r.rc = ST_ENOMEM;
        goto out;
    }
    int led = q == Q_ARTICLES_PAGE ? articles_led(filter) : -1;
    if (filter && filter->q && led != ST__LEAD_ART_FTS &&
        fts_check(&r, Q_FTS_CHECK_ARTICLES, filter->q))
        goto out;
    if (!(s = led >= 0 ? prepare_lead(&r, (enum st__lead)led) : prepare(&r, q))) goto out;
    sqlite3_bind_int64(s, 1, led >= 0 && !a1 ? INT64_MAX : a1);
    if (q == Q_ARTICLES_PAGE) {
        sqlite3_bind_int64(s, 2, (int64_t)limit + 1);
        /* the first entity goes to ?3, the others to ?8..?14 (see ST__NAMES); an unused
         * slot must be 0, as an unbound one reads NULL and would match nothing */
        for (size_t i = 0; i < ST_MAX_ENTITY_FILTER; i++)
            sqlite3_bind_int64(s, i ? 7 + (int)i : 3,
                               filter && i < filter->n_entity_ids ? filter->entity_ids[i] : 0);
        if (filter && filter->q)
            sqlite3_bind_text(s, 4, filter->q, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(s, 4);
        const char *texts[3] = {filter ? filter->source : NULL, filter ? filter->since : NULL,
                                filter ? filter->until : NULL};
        for (int t = 0; t < 3; t++)
            if (texts[t])
                sqlite3_bind_text(s, 5 + t, texts[t], -1, SQLITE_STATIC);
            else
                sqlite3_bind_null(s, 5 + t);
    }
    long n = step_rows(&r, s, list->items, sizeof(*list->items), limit, article_row);
    finish(s);
    if (n < 0 && led == ST__LEAD_ART_FTS) fts_failed(&r, Q_FTS_CHECK_ARTICLES, filter->q);
    if (n < 0) goto out;
    list->more = (size_t)n > limit;
    list->n = list->more ? limit : (size_t)n;
    if (list->n) list->next.id = list->items[list->n - 1].id;
    if (q == Q_ARTICLE_ONE && list->n == 0) {
        r.rc = ST_ENOTFOUND;
        goto out;
    }
    list->arena = r.a;
    r.a = NULL;
    *out = list;
out:
    reader_close(&r);
    return r.rc;
}

int st_articles_list(struct st_db *db, const struct st_article_query *q, struct st_articles **out)
{
    if (!out) return ST_EINVAL;
    *out = NULL;
    if (!q || q->limit == 0 || q->n_entity_ids > ST_MAX_ENTITY_FILTER) return ST_EINVAL;
    for (size_t i = 0; i < q->n_entity_ids; i++)
        if (q->entity_ids[i] <= 0) return ST_EINVAL; /* 0 would mean "no condition" */
    return articles_query(db, Q_ARTICLES_PAGE, q->after.id, q->limit, q, out);
}

int st_article_get(struct st_db *db, int64_t id, struct st_articles **out)
{
    if (!out) return ST_EINVAL;
    *out = NULL;
    if (id <= 0) return ST_ENOTFOUND;
    return articles_query(db, Q_ARTICLE_ONE, id, 1, NULL, out);
}

void st_articles_free(struct st_articles *list)
{
    if (list) ex__arena_free(list->arena);
}

/* ------------------------------------------------------------------ entities */

static int entity_row(struct reader *r, sqlite3_stmt *s, void *item)
{
    struct st_entity *e = item;
    e->id = sqlite3_column_int64(s, 0);
    e->kind = col_str(r, s, 1);
    e->name = col_str(r, s, 2);
    e->value = col_str(r, s, 3);
    e->qualifier = col_str(r, s, 4);
    e->n_mentions = sqlite3_column_int64(s, 5);
    e->n_articles = sqlite3_column_int64(s, 6);
    e->salience = sqlite3_column_double(s, 7);
    return r->rc;
}

/* An entity's aliases (its name left out) and titles, each in byte order, from one statement
 * (Q_ENTITY_NAMES: the aliases, then the titles, each part a walk of its primary key for the
 * entity, so in byte order without an ORDER BY, which would sort each part in a temp B-tree):
 * a list of 50 entities ran 100 statements for them, and each run of a statement costs
 * more than the few rows it reads. */
static int entity_details(struct reader *r, struct st_entity *e)
{
    sqlite3_stmt *s = prepare(r, Q_ENTITY_NAMES);
    const char **v[2] = {NULL, NULL};
    size_t n[2] = {0, 0}, cap[2] = {0, 0};
    int step;
    if (!s) return r->rc;
    sqlite3_bind_int64(s, 1, e->id);
    sqlite3_bind_text(s, 2, e->name ? e->name : "", -1, SQLITE_STATIC);
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        int k = sqlite3_column_int(s, 0) != 0;
        if (n[k] == cap[k]) {
            size_t nc = cap[k] ? 2 * cap[k] : 8;
            const char **nv = ex__arena_alloc(r->a, nc * sizeof(*nv));
            if (!nv) {
                r->rc = ST_ENOMEM;
                break;
            }
            if (n[k]) memcpy(nv, v[k], n[k] * sizeof(*nv));
            v[k] = nv;
            cap[k] = nc;
        }
        v[k][n[k]++] = col_str(r, s, 1);
        if (r->rc) break;
    }
    if (!r->rc && step != SQLITE_DONE) r->rc = st__error(r->c->db, step);
    finish(s);
    e->aliases = v[0];
    e->n_aliases = n[0];
    e->titles = v[1];
    e->n_titles = n[1];
    return r->rc;
}

static struct st_entities *new_entities(struct reader *r, size_t cap)
{
    struct st_entities *list = ex__arena_alloc(r->a, sizeof(*list));
    if (list) list->items = ex__arena_alloc(r->a, (cap + 1) * sizeof(*list->items));
    if (!list || !list->items) {
        r->rc = ST_ENOMEM;
        return NULL;
    }
    return list;
}

/* The mentions of entity e in one article (the list on its article_entities row: spans.c),
 * in position order, with their text cut from the body. */
static int entity_mentions(struct reader *r, struct st_entity *e, int64_t article_id,
                           const char *body, size_t body_len)
{
    sqlite3_stmt *s = prepare(r, Q_ARTICLE_MENTIONS);
    if (!s) return r->rc;
    size_t max = e->n_mentions > 0 ? (size_t)e->n_mentions : 0;
    e->mentions = ex__arena_alloc(r->a, (max + 1) * sizeof(*e->mentions));
    struct st__mspan *m = malloc((max + 1) * sizeof(*m));
    if (!e->mentions || !m) {
        free(m);
        finish(s);
        return r->rc = ST_ENOMEM;
    }
    sqlite3_bind_int64(s, 1, article_id);
    sqlite3_bind_int64(s, 2, e->id);
    int step = sqlite3_step(s);
    long n = 0;
    if (step == SQLITE_ROW)
        n = st__spans_decode(sqlite3_column_blob(s, 0), (size_t)sqlite3_column_bytes(s, 0), m, max);
    else if (step != SQLITE_DONE)
        r->rc = st__error(r->c->db, step);
    if (n < 0) r->rc = ST_EIO; /* a malformed list */
    for (long i = 0; i < n && !r->rc; i++) {
        struct st_mention *x = &e->mentions[i];
        x->article_id = article_id;
        x->entity_id = e->id;
        x->span.start[EX_UNIT_UTF8] = m[i].start_b;
        x->span.end[EX_UNIT_UTF8] = m[i].end_b;
        x->span.start[EX_UNIT_CODEPOINT] = m[i].start_b - m[i].c_lag;
        x->span.end[EX_UNIT_CODEPOINT] = m[i].end_b - m[i].c_lag_end;
        x->span.start[EX_UNIT_UTF16] = m[i].start_b - m[i].u_lag;
        x->span.end[EX_UNIT_UTF16] = m[i].end_b - m[i].u_lag_end;
        int64_t b = m[i].start_b, en = m[i].end_b;
        if (b < 0 || en < b || (size_t)en > body_len) b = en = 0; /* never cut outside */
        x->text = ex__arena_strndup(r->a, body + b, (size_t)(en - b));
        if (!x->text) r->rc = ST_ENOMEM;
    }
    free(m);
    finish(s);
    e->n_mention_items = n > 0 ? (size_t)n : 0;
    return r->rc;
}

int st_article_entities(struct st_db *db, int64_t article_id, struct st_entities **out)
{
    struct reader r;
    struct st_entities *list = NULL;
    sqlite3_stmt *s = NULL;
    const char *body = NULL;
    size_t body_len = 0, cap = 64;

    if (!out) return ST_EINVAL;
    *out = NULL;
    if (reader_open(&r, db)) goto out;
    /* the body, for the mentions' text; its absence means no such article */
    if (!(s = prepare(&r, Q_ARTICLE_BODY))) goto out;
    sqlite3_bind_int64(s, 1, article_id);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        body_len = (size_t)sqlite3_column_bytes(s, 0);
        body = col_str(&r, s, 0);
    } else {
        r.rc = step == SQLITE_DONE ? ST_ENOTFOUND : st__error(r.c->db, step);
    }
    finish(s);
    if (r.rc || !body) goto out;
    if (!(s = prepare(&r, Q_ARTICLE_ENTITIES))) goto out;
    sqlite3_bind_int64(s, 1, article_id);
    /* the number of entities is unknown up front: grow the array while stepping */
    list = new_entities(&r, cap);
    long n = 0;
    while (list && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if ((size_t)n == cap) {
            struct st_entity *ni = ex__arena_alloc(r.a, (2 * cap + 1) * sizeof(*ni));
            if (!ni) {
                r.rc = ST_ENOMEM;
                break;
            }
            memcpy(ni, list->items, cap * sizeof(*ni));
            list->items = ni;
            cap *= 2;
        }
        if (entity_row(&r, s, &list->items[n])) break;
        n++;
    }
    if (list && step != SQLITE_DONE && !r.rc) r.rc = st__error(r.c->db, step);
    finish(s);
    if (!list || r.rc) goto out;
    list->n = (size_t)n;
    for (size_t i = 0; i < list->n; i++)
        if (entity_details(&r, &list->items[i]) ||
            entity_mentions(&r, &list->items[i], article_id, body, body_len))
            goto out;
    list->arena = r.a;
    r.a = NULL;
    *out = list;
out:
    reader_close(&r);
    return r.rc;
}

/* "%text%" for LIKE with the pattern characters escaped; arena string or NULL. */
static const char *like_pattern(struct reader *r, const char *text)
{
    size_t n = strlen(text);
    char *p = ex__arena_alloc(r->a, 2 * n + 3);
    if (!p) {
        r->rc = ST_ENOMEM;
        return NULL;
    }
    size_t k = 0;
    p[k++] = '%';
    for (size_t i = 0; i < n; i++) {
        if (text[i] == '%' || text[i] == '_' || text[i] == '\\') p[k++] = '\\';
        p[k++] = text[i];
    }
    p[k++] = '%';
    p[k] = '\0';
    return p;
}

/* Where an entity list's rows come from (see ST__ENT_LISTS in internal.h). */
enum entity_lead { LEAD_WALK, LEAD_FTS, LEAD_FTS_WALK, LEAD_ARTICLE, LEAD_PREFIX };

/* LEAD_FTS has no statement: the store sorts its few rows itself (fts_list). */
static const enum st_query entity_lists[5][3] = {
    [LEAD_WALK] = {Q_ENT_WALK_M, Q_ENT_WALK_A, Q_ENT_WALK_N},
    [LEAD_FTS_WALK] = {Q_ENT_FTS_WALK_M, Q_ENT_FTS_WALK_A, Q_ENT_FTS_WALK_N},
    [LEAD_ARTICLE] = {Q_ENT_ARTICLE_M, Q_ENT_ARTICLE_A, Q_ENT_ARTICLE_N},
    [LEAD_PREFIX] = {Q_ENT_PREFIX_M, Q_ENT_PREFIX_A, Q_ENT_PREFIX_N},
};

/* A lead that sorts what it finds is taken when it finds fewer rows than this (a row read
 * each); otherwise q matches so many entities that walking the sort's index finds a page
 * sooner (about limit * entities / matches index entries). Counting stops here, so deciding
 * costs at most this many index entries. */
#define ENTITY_LEAD_MAX 2000

/* Code points of a UTF-8 string (bytes that do not continue a sequence). */
static size_t code_points(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

/* Every trigram of text (by code point) as an FTS5 string, joined by AND: the entities whose
 * names hold them all include every one holding text (the trigram index keeps no positions,
 * so this is what it can answer; the LIKE test then decides). Arena string or NULL. */
static const char *trigram_query(struct reader *r, const char *text)
{
    size_t n = strlen(text);
    /* a trigram per code point at most, of its three code points' bytes (each byte in three
     * trigrams, a quote mark doubled), two quote marks and " AND " */
    char *p = ex__arena_alloc(r->a, 6 * n + 7 * n + 1);
    if (!p) {
        r->rc = ST_ENOMEM;
        return NULL;
    }
    size_t k = 0;
    for (const char *t = text; *t; t++) {
        if (((unsigned char)*t & 0xc0) == 0x80) continue; /* trigrams start on a code point */
        const char *e = t;
        int cp = 0;
        for (; cp < 3 && *e; cp++)
            do
                e++;
            while (((unsigned char)*e & 0xc0) == 0x80);
        if (cp < 3) break;
        if (k) {
            memcpy(p + k, " AND ", 5);
            k += 5;
        }
        p[k++] = '"';
        for (const char *c = t; c < e; c++) {
            if (*c == '"') p[k++] = '"';
            p[k++] = *c;
        }
        p[k++] = '"';
    }
    p[k] = '\0';
    return p;
}

/* How many rows count query q finds, stopping at max: its text parameters t1 (?1) and t2
 * (?2, n2 bytes), max the one after them. -1 on error (r->rc set). */
static long count_upto(struct reader *r, enum st_query q, const char *t1, const char *t2, size_t n2,
                       long max)
{
    sqlite3_stmt *s = prepare(r, q);
    if (!s) return -1;
    sqlite3_bind_text(s, 1, t1, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, t2, (int)n2, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, max);
    int step = sqlite3_step(s);
    long n = step == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : -1;
    if (n < 0) r->rc = st__error(r->c->db, step);
    finish(s);
    return n;
}

/* The ids of the entities whose names hold every trigram of q (the trigram query), up to
 * max, in *ids (arena). The same single match of the index decides the lead (under max) and
 * is that lead's rows: matching it a second time for the list cost as much as the first.
 * Returns the count, or -1 (r->rc set). */
static long fts_candidates(struct reader *r, const char *trigrams, long max, int64_t **ids)
{
    sqlite3_stmt *s = prepare(r, Q_ENT_FTS_IDS);
    long n = 0;
    int step;
    if (!s) return -1;
    if (!(*ids = ex__arena_alloc(r->a, (size_t)max * sizeof(**ids)))) {
        finish(s);
        r->rc = ST_ENOMEM;
        return -1;
    }
    sqlite3_bind_text(s, 1, trigrams, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, max);
    while ((step = sqlite3_step(s)) == SQLITE_ROW && n < max)
        (*ids)[n++] = sqlite3_column_int64(s, 0);
    if (step != SQLITE_ROW && step != SQLITE_DONE) {
        r->rc = st__error(r->c->db, step);
        n = -1;
    }
    finish(s);
    return n;
}

/* SQLite's NOCASE collation (ASCII letters folded, bytes compared unsigned, then the
 * shorter first), so that the rows sorted here come in the order the name index gives. */
static int nocase_cmp(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), n = na < nb ? na : nb;
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    for (; n; n--, x++, y++) {
        int cx = *x >= 'A' && *x <= 'Z' ? *x + 32 : *x, cy = *y >= 'A' && *y <= 'Z' ? *y + 32 : *y;
        if (cx != cy) return cx - cy;
    }
    return na < nb ? -1 : na > nb;
}

static int cmp_i64(int64_t a, int64_t b)
{
    return a < b ? -1 : a > b;
}

/* qsort orders of entity rows, one per enum st_entity_sort (ST__ENT_BY_*'s ORDER BY). */
static int by_mentions(const void *pa, const void *pb)
{
    const struct st_entity *a = pa, *b = pb;
    int c = cmp_i64(b->n_mentions, a->n_mentions);
    return c ? c : cmp_i64(b->id, a->id);
}

static int by_articles(const void *pa, const void *pb)
{
    const struct st_entity *a = pa, *b = pb;
    int c = cmp_i64(b->n_articles, a->n_articles);
    return c ? c : cmp_i64(b->id, a->id);
}

static int by_name(const void *pa, const void *pb)
{
    const struct st_entity *a = pa, *b = pb;
    int c = nocase_cmp(a->name, b->name);
    return c ? c : cmp_i64(a->id, b->id);
}

/* Whether row e passes q's kind filter and comes after its cursor (ST__ENT_FILTERS and the
 * keyset conditions of ST__ENT_BY_*, for the rows that fts_list sorts itself). */
static int entity_wanted(const struct st_entity *e, const struct st_entity_query *q)
{
    if (q->kind && strcmp(e->kind, q->kind) != 0) return 0;
    if (!q->after.id) return 1;
    switch (q->sort) {
    case ST_ENTITIES_BY_MENTIONS:
        return by_mentions(e, &(struct st_entity){.n_mentions = q->after.key, .id = q->after.id}) >
               0;
    case ST_ENTITIES_BY_ARTICLES:
        return by_articles(e, &(struct st_entity){.n_articles = q->after.key, .id = q->after.id}) >
               0;
    default:
        return by_name(e, &(struct st_entity){.name = q->after.text, .id = q->after.id}) > 0;
    }
}

/* LEAD_FTS: the n candidates' rows (read by id: the ids come from the trigram index in id
 * order, and a join would match that index again), those wanted sorted here (what a temp
 * B-tree did in SQL), then the alias LIKE pattern tested on them in that order until the
 * page is full, so the test runs for about limit rows, not for every candidate. Returns the
 * rows put in items, up to limit + 1, or -1 (r->rc set). */
static long fts_list(struct reader *r, const struct st_entity_query *q, const int64_t *ids, long n,
                     const char *pattern, struct st_entity *items)
{
    static int (*const order[3])(const void *, const void *) = {by_mentions, by_articles, by_name};
    struct st_entity *rows = ex__arena_alloc(r->a, ((size_t)n + 1) * sizeof(*rows));
    sqlite3_stmt *s = prepare(r, Q_ENTITY_ONE), *like = NULL;
    long k = 0, out = 0;
    if (!s) return -1;
    if (!rows) {
        r->rc = ST_ENOMEM;
        return -1;
    }
    for (long i = 0; i < n; i++) {
        sqlite3_bind_int64(s, 1, ids[i]);
        int step = sqlite3_step(s);
        if (step == SQLITE_ROW) {
            if (entity_row(r, s, &rows[k])) break;
            if (entity_wanted(&rows[k], q)) k++;
        } else if (step != SQLITE_DONE) { /* no row: an entity deleted since its index row */
            r->rc = st__error(r->c->db, step);
        }
        sqlite3_reset(s);
        if (r->rc) break;
    }
    finish(s);
    if (r->rc || !(like = prepare(r, Q_ENT_ALIAS_LIKE))) return -1;
    qsort(rows, (size_t)k, sizeof(*rows), order[q->sort]);
    for (long i = 0; i < k && (size_t)out <= q->limit; i++) {
        sqlite3_bind_int64(like, 1, rows[i].id);
        sqlite3_bind_text(like, 2, pattern, -1, SQLITE_STATIC);
        int found = sqlite3_step(like);
        finish(like);
        if (found == SQLITE_DONE) continue;
        if (found != SQLITE_ROW) {
            r->rc = st__error(r->c->db, found);
            return -1;
        }
        if ((size_t)out < q->limit) items[out] = rows[i];
        out++;
    }
    return out;
}

int st_entities_list(struct st_db *db, const struct st_entity_query *q, struct st_entities **out)
{
    struct reader r;
    struct st_entities *list = NULL;
    sqlite3_stmt *s = NULL;
    const char *pattern = NULL, *trigrams = NULL;
    char *lo = NULL, *hi = NULL;
    size_t hi_len = 0;
    enum entity_lead lead = LEAD_WALK;
    int64_t *ids = NULL;
    long n_ids = 0, n;

    if (!out) return ST_EINVAL;
    *out = NULL;
    if (!q || q->limit == 0) return ST_EINVAL;
    if ((unsigned)q->sort > ST_ENTITIES_BY_NAME) return ST_EINVAL;
    /* a name cursor without its name cannot say where the page starts */
    if (q->sort == ST_ENTITIES_BY_NAME && q->after.id && !q->after.text) return ST_EINVAL;
    if (reader_open(&r, db)) goto out;
    if (!(list = new_entities(&r, q->limit))) goto out;
    if (q->q && *q->q && code_points(q->q) >= 3) {
        /* a substring of a name or alias: the trigram index finds the candidates, the LIKE
         * test of their aliases decides; few, they are sorted, many, the sort's index is
         * walked keeping them */
        if (!(pattern = like_pattern(&r, q->q)) || !(trigrams = trigram_query(&r, q->q))) goto out;
        if (!q->article_id) {
            n_ids = fts_candidates(&r, trigrams, ENTITY_LEAD_MAX, &ids);
            if (n_ids < 0) goto out;
            lead = n_ids < ENTITY_LEAD_MAX ? LEAD_FTS : LEAD_FTS_WALK;
        }
    } else if (q->q && *q->q) {
        /* too short for trigrams: the start of the name, a range of the name index (NOCASE
         * folds ASCII letters only, so this is its order: [q, q + 0xff), no UTF-8 byte being
         * 0xff) */
        size_t n = strlen(q->q);
        lo = ex__arena_alloc(r.a, n + 1);
        hi = ex__arena_alloc(r.a, n + 2);
        if (!lo || !hi) {
            r.rc = ST_ENOMEM;
            goto out;
        }
        for (size_t i = 0; i <= n; i++)
            lo[i] = hi[i] = q->q[i] >= 'A' && q->q[i] <= 'Z' ? (char)(q->q[i] + 32) : q->q[i];
        hi[n] = (char)0xff;
        hi[n + 1] = '\0';
        hi_len = n + 1;
        if (!q->article_id) {
            long k = q->sort == ST_ENTITIES_BY_NAME
                         ? 0 /* the range is walked in the list's order */
                         : count_upto(&r, Q_ENT_PREFIX_COUNT, lo, hi, hi_len, ENTITY_LEAD_MAX);
            if (k < 0) goto out;
            if (k < ENTITY_LEAD_MAX) lead = LEAD_PREFIX;
        }
    }
    if (q->article_id) lead = LEAD_ARTICLE; /* an article names a few dozen entities */
    if (lead == LEAD_FTS) {
        n = fts_list(&r, q, ids, n_ids, pattern, list->items);
        goto listed;
    }
    if (!(s = prepare(&r, entity_lists[lead][q->sort]))) goto out;
    if (q->kind)
        sqlite3_bind_text(s, 1, q->kind, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, 1);
    if (pattern)
        sqlite3_bind_text(s, 2, pattern, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, 2);
    sqlite3_bind_int64(s, 3, q->article_id);
    sqlite3_bind_int64(s, 4, q->after.id);
    sqlite3_bind_int64(s, 5, q->after.key);
    sqlite3_bind_int64(s, 6, (int64_t)q->limit + 1);
    if (q->sort == ST_ENTITIES_BY_NAME && q->after.text)
        sqlite3_bind_text(s, 7, q->after.text, -1, SQLITE_STATIC);
    if (lo) {
        sqlite3_bind_text(s, 8, lo, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 9, hi, (int)hi_len, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(s, 8);
        sqlite3_bind_null(s, 9);
    }
    if (lead == LEAD_FTS_WALK) sqlite3_bind_text(s, 10, trigrams, -1, SQLITE_STATIC);
    n = step_rows(&r, s, list->items, sizeof(*list->items), q->limit, entity_row);
    finish(s);
listed:
    if (n < 0) goto out;
    list->more = (size_t)n > q->limit;
    list->n = list->more ? q->limit : (size_t)n;
    for (size_t i = 0; i < list->n; i++)
        if (entity_details(&r, &list->items[i])) goto out;
    if (list->n) {
        const struct st_entity *last = &list->items[list->n - 1];
        list->next.id = last->id;
        if (q->sort == ST_ENTITIES_BY_NAME)
            list->next.text = last->name;
        else
            list->next.key =
                q->sort == ST_ENTITIES_BY_ARTICLES ? last->n_articles : last->n_mentions;
    }
    list->arena = r.a;
    r.a = NULL;
    *out = list;
out:
    reader_close(&r);
    return r.rc;
}

int st_entity_get(struct st_db *db, int64_t id, struct st_entities **out)
{
    struct reader r;
    struct st_entities *list = NULL;
    sqlite3_stmt *s = NULL;

    if (!out) return ST_EINVAL;
    *out = NULL;
    if (reader_open(&r, db)) goto out;
    if (!(list = new_entities(&r, 1)) || !(s = prepare(&r, Q_ENTITY_ONE))) goto out;
    sqlite3_bind_int64(s, 1, id);
    long n = step_rows(&r, s, list->items, sizeof(*list->items), 1, entity_row);
    finish(s);
    if (n < 0) goto out;
    if (n == 0) {
        r.rc = ST_ENOTFOUND;
        goto out;
    }
    list->n = 1;
    if (entity_details(&r, &list->items[0])) goto out;
    list->arena = r.a;
    r.a = NULL;
    *out = list;
out:
    reader_close(&r);
    return r.rc;
}

void st_entities_free(struct st_entities *list)
{
    if (list) ex__arena_free(list->arena);
}

static int entity_article_row(struct reader *r, sqlite3_stmt *s, void *item)
{
    struct st_entity_article *a = item;
    a->id = sqlite3_column_int64(s, 0);
    a->title = col_str(r, s, 1);
    a->published_at = col_str(r, s, 2);
    a->n_mentions = sqlite3_column_int64(s, 3);
    return r->rc;
}

/* Whether co-occurrence a ranks before b: more shared articles, then the lower id. */
static int ranks_before(const struct st_cooccurrence *a, const struct st_cooccurrence *b)
{
    return a->n_shared > b->n_shared || (a->n_shared == b->n_shared && a->id < b->id);
}

/* A slot of cooccurring's count table: an entity id (0: free; ids start at 1), its count. */
struct id_count {
    int64_t id, n;
};

static size_t id_slot(const struct id_count *t, size_t mask, int64_t id)
{
    size_t h = (size_t)((uint64_t)id * 0x9e3779b97f4a7c15ULL >> 32) & mask;
    while (t[h].id && t[h].id != id)
        h = (h + 1) & mask;
    return h;
}

/* The max entities named most often beside entity id in its newest over articles, into
 * links->cooccurring. SQLite's GROUP BY and ORDER BY would sort the ~40 neighbours of each
 * article through two temporary B-trees, four times the cost of reading them; here the ids
 * are read and counted in an open-addressing table (sorting the ~4,000 ids of 100 articles
 * to count them cost a fifth of the request), the best kept in C, and only those are looked
 * up. */
static int cooccurring(struct reader *r, int64_t id, size_t max, size_t over,
                       struct st_entity_links *links)
{
    size_t distinct = 0, mask = 255, top = 0; /* grown as needed: most have few */
    struct id_count *t = calloc(mask + 1, sizeof(*t));
    struct st_cooccurrence *best = ex__arena_alloc(r->a, (max + 1) * sizeof(*best));
    sqlite3_stmt *s = prepare(r, Q_ENTITY_NEIGHBOURS);
    int step;

    if (!best || !t) r->rc = ST_ENOMEM;
    if (r->rc || !s) goto out;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, (int64_t)over);
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (2 * (distinct + 1) > mask + 1) { /* kept at most half full */
            size_t bmask = 2 * mask + 1;
            struct id_count *big = calloc(bmask + 1, sizeof(*big));
            if (!big) {
                r->rc = ST_ENOMEM;
                goto out;
            }
            for (size_t i = 0; i <= mask; i++)
                if (t[i].id) big[id_slot(big, bmask, t[i].id)] = t[i];
            free(t);
            t = big;
            mask = bmask;
        }
        int64_t other = sqlite3_column_int64(s, 0);
        size_t h = id_slot(t, mask, other);
        if (!t[h].id) {
            t[h].id = other;
            distinct++;
        }
        t[h].n++;
    }
    if (step != SQLITE_DONE) {
        r->rc = st__error(r->c->db, step);
        goto out;
    }
    finish(s);
    s = NULL;
    for (size_t i = 0; i <= mask; i++) { /* each id counted, kept if it ranks in the best max */
        if (!t[i].id) continue;
        struct st_cooccurrence c = {.id = t[i].id, .n_shared = t[i].n};
        size_t k = top < max ? top++ : max;
        for (; k > 0 && ranks_before(&c, &best[k - 1]); k--)
            if (k < max) best[k] = best[k - 1];
        if (k < max) best[k] = c;
    }
    if (!(s = prepare(r, Q_ENTITY_KIND_NAME))) goto out;
    for (size_t i = 0; i < top; i++) {
        sqlite3_bind_int64(s, 1, best[i].id);
        if ((step = sqlite3_step(s)) == SQLITE_ROW) {
            best[i].kind = col_str(r, s, 1);
            best[i].name = col_str(r, s, 2);
        } else {
            r->rc = st__error(r->c->db, step);
            if (!r->rc) r->rc = ST_EIO; /* a neighbour without its row: the join kept none */
        }
        finish(s);
        if (r->rc) goto out;
    }
    links->cooccurring = best;
    links->n_cooccurring = top;
out:
    finish(s);
    free(t);
    return r->rc;
}

/* Up to cap rows of query q for entity id (?1, cap in ?2), into a new arena array of
 * item_size items. */
static long entity_rows(struct reader *r, enum st_query q, int64_t id, size_t cap, size_t item_size,
                        row_fn row, void **items)
{
    sqlite3_stmt *s = NULL;
    /* one spare item: step_rows looks one row past cap (the LIMIT keeps it from coming) */
    if (!(*items = ex__arena_alloc(r->a, (cap + 1) * item_size))) {
        r->rc = ST_ENOMEM;
        return -1;
    }
    if (!(s = prepare(r, q))) return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, (int64_t)cap);
    long n = step_rows(r, s, *items, item_size, cap, row);
    finish(s);
    return n > (long)cap ? (long)cap : n;
}

int st_entity_links(struct st_db *db, int64_t id, size_t max_articles, size_t max_cooccurring,
                    size_t over_articles, struct st_entity_links **out)
{
    struct reader r;
    struct st_entity_links *links = NULL;
    void *items = NULL;
    sqlite3_stmt *s = NULL;
    long n;

    if (!out) return ST_EINVAL;
    *out = NULL;
    if (!over_articles) return ST_EINVAL;
    if (reader_open(&r, db)) goto out;
    if (!(links = ex__arena_alloc(r.a, sizeof(*links)))) {
        r.rc = ST_ENOMEM;
        goto out;
    }
    memset(links, 0, sizeof(*links));
    n = entity_rows(&r, Q_ENTITY_ARTICLES, id, max_articles, sizeof(*links->articles),
                    entity_article_row, &items);
    if (n < 0) goto out;
    links->articles = items;
    links->n_articles = (size_t)n;
    if (cooccurring(&r, id, max_cooccurring, over_articles, links)) goto out;
    if (!(s = prepare(&r, Q_ENTITY_ARTICLES_UPTO))) goto out;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, (int64_t)over_articles);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW)
        links->n_counted = (size_t)sqlite3_column_int64(s, 0);
    else
        r.rc = st__error(r.c->db, step);
    finish(s);
    if (r.rc) goto out;
    links->arena = r.a;
    r.a = NULL;
    *out = links;
out:
    reader_close(&r);
    return r.rc;
}

void st_entity_links_free(struct st_entity_links *links)
{
    if (links) ex__arena_free(links->arena);
}

/* ------------------------------------------------------------------ statements */

static int statement_row(struct reader *r, sqlite3_stmt *s, void *item)
{
    struct st_statement *st = item;
    st->id = sqlite3_column_int64(s, 0);
    st->article_id = sqlite3_column_int64(s, 1);
    st->kind = col_str(r, s, 2);
    st->cue = col_str(r, s, 3);
    st->speaker_entity_id = sqlite3_column_int64(s, 4); /* NULL reads as 0 */
    st->speaker_name = col_str(r, s, 5);
    st->speaker_text = col_str(r, s, 6);
    st->content = col_str(r, s, 7);
    st->quote = col_str(r, s, 8);
    col_span(s, 9, &st->span);
    col_span(s, 15, &st->quote_span);
    return r->rc;
}

/* Statement lists across articles (no article given), newest first. Q_STATEMENTS_PAGE serves
 * one article's statements by position, walking statements_article (whose order, article,
 * start and id, is the list's). Those across articles take the same parameters (?2 speaker,
 * ?3 speaker name pattern, ?4 kind, ?5 FTS query, ?6 cursor id, ?8 limit, ?9 entity named
 * inside the statement; ?1 and ?7 unused) and order by id alone, ?6 being INT64_MAX on a first
 * page. One filter leads, the first present of: q (the FTS index by descending rowid), speaker
 * (statements_speaker), about (the entity's statements in statement_entities, newest first);
 * with none, the table is walked newest first. The other filters are tested per row. */
#define STM__COLS                                                                                  \
    "SELECT s.id, s.article_id, s.kind, s.cue, s.speaker_entity_id, e.name, s.speaker_text,"       \
    " " ST__STM_TEXT ", s.start_b, s.end_b, s.start_c, s.end_c, s.start_u, s.end_u,"               \
    " s.qstart_b, s.qend_b, s.qstart_c, s.qend_c, s.qstart_u, s.qend_u"
#define STM__SPEAKER_E " LEFT JOIN entities AS e ON e.id = s.speaker_entity_id" ST__STM_BODY
#define STM__WHO                                                                                   \
    " AND (?2 = 0 OR s.speaker_entity_id = ?2)"                                                    \
    " AND (?3 IS NULL OR e.name LIKE ?3 ESCAPE '\\' OR s.speaker_text LIKE ?3 ESCAPE '\\')"        \
    " AND (?4 IS NULL OR s.kind = ?4)"
/* statement_entities holds the pairs the store wrote at ingest: an entity with a mention
 * inside the statement's span (schema/0005_read_indexes.sql) */
#define STM__ABOUT                                                                                 \
    " AND (?9 = 0 OR EXISTS (SELECT 1 FROM statement_entities AS se WHERE se.entity_id = ?9"       \
    " AND se.statement_id = s.id))"

static const char STATEMENTS_BY_FTS[] = STM__COLS
    " FROM statements_fts JOIN statements AS s ON s.id = statements_fts.rowid" STM__SPEAKER_E
    " WHERE statements_fts MATCH ?5 AND statements_fts.rowid < ?6" STM__WHO STM__ABOUT
    " ORDER BY statements_fts.rowid DESC LIMIT ?8";
static const char STATEMENTS_BY_SPEAKER[] =
    STM__COLS " FROM statements AS s INDEXED BY statements_speaker" STM__SPEAKER_E
              " WHERE s.speaker_entity_id = ?2 AND s.id < ?6" STM__WHO STM__ABOUT
              " ORDER BY s.id DESC LIMIT ?8";
/* The entity's statements newest first, straight from the key of statement_entities. */
static const char STATEMENTS_BY_ABOUT[] = STM__COLS
    " FROM statement_entities AS se JOIN statements AS s ON s.id = se.statement_id" STM__SPEAKER_E
    " WHERE se.entity_id = ?9 AND se.statement_id < ?6" STM__WHO
    " ORDER BY se.statement_id DESC LIMIT ?8";
static const char STATEMENTS_NEWEST[] =
    STM__COLS " FROM statements AS s" STM__SPEAKER_E " WHERE s.id < ?6" STM__WHO
              " ORDER BY s.id DESC LIMIT ?8";

static const char *const lead_sql[ST__LEAD_COUNT] = {
    [ST__LEAD_ART_FTS] = ARTICLES_BY_FTS,       [ST__LEAD_ART_ENTITY] = ARTICLES_BY_ENTITY,
    [ST__LEAD_ART_SOURCE] = ARTICLES_BY_SOURCE, [ST__LEAD_ART_DATES] = ARTICLES_BY_DATES,
    [ST__LEAD_STM_FTS] = STATEMENTS_BY_FTS,     [ST__LEAD_STM_SPEAKER] = STATEMENTS_BY_SPEAKER,
    [ST__LEAD_STM_ABOUT] = STATEMENTS_BY_ABOUT, [ST__LEAD_STM_NEWEST] = STATEMENTS_NEWEST,
};

/* The lead of a statement list, or -1 for Q_STATEMENTS_PAGE. */
static int statements_led(const struct st_statement_query *q)
{
    if (q->article_id) return -1; /* one article's statements: Q_STATEMENTS_PAGE */
    if (q->q) return ST__LEAD_STM_FTS;
    if (q->speaker_id) return ST__LEAD_STM_SPEAKER;
    if (q->about_id) return ST__LEAD_STM_ABOUT;
    return ST__LEAD_STM_NEWEST;
}

int st_statements_list(struct st_db *db, const struct st_statement_query *q,
                       struct st_statements **out)
{
    struct reader r;
    struct st_statements *list = NULL;
    sqlite3_stmt *s = NULL;

    if (!out) return ST_EINVAL;
    *out = NULL;
    if (!q || q->limit == 0) return ST_EINVAL;
    if (reader_open(&r, db)) goto out;
    list = ex__arena_alloc(r.a, sizeof(*list));
    if (list) list->items = ex__arena_alloc(r.a, (q->limit + 1) * sizeof(*list->items));
    if (!list || !list->items) {
        r.rc = ST_ENOMEM;
        goto out;
    }
    int led = statements_led(q);
    if (q->q && led != ST__LEAD_STM_FTS && fts_check(&r, Q_FTS_CHECK, q->q)) goto out;
    const char *speaker = q->speaker ? like_pattern(&r, q->speaker) : NULL;
    if (r.rc ||
        !(s = led >= 0 ? prepare_lead(&r, (enum st__lead)led) : prepare(&r, Q_STATEMENTS_PAGE)))
        goto out;
    sqlite3_bind_int64(s, 1, q->article_id);
    sqlite3_bind_int64(s, 2, q->speaker_id);
    if (speaker)
        sqlite3_bind_text(s, 3, speaker, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, 3);
    if (q->kind)
        sqlite3_bind_text(s, 4, q->kind, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, 4);
    if (q->q)
        sqlite3_bind_text(s, 5, q->q, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, 5);
    sqlite3_bind_int64(s, 6, led >= 0 && !q->after.id ? INT64_MAX : q->after.id);
    if (led < 0) sqlite3_bind_int64(s, 7, q->after.key);
    sqlite3_bind_int64(s, 8, (int64_t)q->limit + 1);
    sqlite3_bind_int64(s, 9, q->about_id);
    long n = step_rows(&r, s, list->items, sizeof(*list->items), q->limit, statement_row);
    finish(s);
    if (n < 0 && led == ST__LEAD_STM_FTS) fts_failed(&r, Q_FTS_CHECK, q->q);
    if (n < 0) goto out;
    list->more = (size_t)n > q->limit;
    list->n = list->more ? q->limit : (size_t)n;
    if (list->n) {
        const struct st_statement *last = &list->items[list->n - 1];
        list->next.id = last->id;
        list->next.key = last->span.start[EX_UNIT_UTF8];
    }
    list->arena = r.a;
    r.a = NULL;
    *out = list;
out:
    reader_close(&r);
    return r.rc;
}

void st_statements_free(struct st_statements *list)
{
    if (list) ex__arena_free(list->arena);
}

int st_stats(struct st_db *db, struct st_stats *out)
{
    struct reader r;
    sqlite3_stmt *s = NULL;

    if (!out) return ST_EINVAL;
    memset(out, 0, sizeof(*out));
    if (reader_open(&r, db)) goto out;
    if (!(s = prepare(&r, Q_STATS))) goto out;
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        out->articles = sqlite3_column_int64(s, 0);
        out->entities = sqlite3_column_int64(s, 1);
        out->mentions = sqlite3_column_int64(s, 2);
        out->statements = sqlite3_column_int64(s, 3);
    } else {
        r.rc = st__error(r.c->db, step);
    }
    finish(s);
out:
    reader_close(&r);
    return r.rc;
}
