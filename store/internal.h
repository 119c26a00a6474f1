/*
 * internal.h: what the files of libstore share and nobody else sees: the connection type
 * with its cache of prepared statements, the table of every SQL statement the store runs,
 * and the pool that hands a read connection to whichever thread asks.
 */
#ifndef NEWSGRAPH_STORE_INTERNAL_H
#define NEWSGRAPH_STORE_INTERNAL_H

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <time.h>

#include "store.h"

/* An entity list is its columns, one of five leads (where its rows come from), the filters
 * every list shares and its sort's keyset condition and order. Parameters: ?1 kind, ?2 the
 * alias LIKE pattern of a q of three characters or more, ?3 article, ?4 the cursor's id, ?5
 * its count, ?7 its name, ?6 the row limit, ?8 and ?9 the name range of a q of one or two
 * characters (?8 <= name < ?9 under NOCASE), ?10 the trigram query (FTS_WALK only). The
 * leads: the sort's own index walked in order, each row tested (WALK); the same walk keeping
 * only the entities whose names hold every trigram of q, tested on the index entry before
 * the row is read (FTS_WALK); the entities of one article (ARTICLE); a range of the name
 * index (PREFIX). The last two sort what they find, which the store chooses only when that
 * is little (store/query.c); so does its FTS lead, which has no statement here: it reads
 * the rows of the ids Q_ENT_FTS_IDS found and sorts them itself. */
#define ST__ENT_COLS                                                                               \
    "SELECT e.id, e.kind, e.name, e.value, e.qualifier, e.mention_count, e.article_count, 0.0"
#define ST__ENT_WALK " FROM entities AS e WHERE 1"
#define ST__ENT_FTS_WALK                                                                           \
    " FROM entities AS e WHERE +e.id IN (SELECT rowid FROM entity_names_fts"                       \
    " WHERE entity_names_fts MATCH ?10)"
#define ST__ENT_ARTICLE                                                                            \
    " FROM article_entities AS lead CROSS JOIN entities AS e ON e.id = lead.entity_id"             \
    " WHERE lead.article_id = ?3"
#define ST__ENT_PREFIX                                                                             \
    " FROM entities AS e INDEXED BY entities_by_name"                                              \
    " WHERE e.name COLLATE NOCASE >= ?8 AND e.name COLLATE NOCASE < ?9"
#define ST__ENT_FILTERS                                                                            \
    " AND (?1 IS NULL OR e.kind = ?1)"                                                             \
    " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM entity_aliases AS a WHERE a.entity_id = e.id"       \
    " AND a.alias LIKE ?2 ESCAPE '\\'))"                                                           \
    " AND (?3 = 0 OR EXISTS (SELECT 1 FROM article_entities AS ae WHERE ae.entity_id = e.id"       \
    " AND ae.article_id = ?3))"                                                                    \
    " AND (?8 IS NULL OR (e.name COLLATE NOCASE >= ?8 AND e.name COLLATE NOCASE < ?9))"
#define ST__ENT_BY_MENTIONS                                                                        \
    " AND (?4 = 0 OR e.mention_count < ?5 OR (e.mention_count = ?5 AND e.id < ?4))"                \
    " ORDER BY e.mention_count DESC, e.id DESC LIMIT ?6"
#define ST__ENT_BY_ARTICLES                                                                        \
    " AND (?4 = 0 OR e.article_count < ?5 OR (e.article_count = ?5 AND e.id < ?4))"                \
    " ORDER BY e.article_count DESC, e.id DESC LIMIT ?6"
#define ST__ENT_BY_NAME                                                                            \
    " AND (?4 = 0 OR e.name COLLATE NOCASE > ?7 OR (e.name COLLATE NOCASE = ?7 AND e.id > ?4))"    \
    " ORDER BY e.name COLLATE NOCASE, e.id LIMIT ?6"
/* One lead's statements, one per sort (in enum st_entity_sort order). */
#define ST__ENT_LISTS(X, name, lead)                                                               \
    X(name##_M, ST__ENT_COLS lead ST__ENT_FILTERS ST__ENT_BY_MENTIONS)                             \
    X(name##_A, ST__ENT_COLS lead ST__ENT_FILTERS ST__ENT_BY_ARTICLES)                             \
    X(name##_N, ST__ENT_COLS lead ST__ENT_FILTERS ST__ENT_BY_NAME)

/* An article list's condition that the article names the entity bound to ?n (0 = no
 * condition). The list has one per entity it can require (ST_MAX_ENTITY_FILTER), each bound
 * on its own: a fixed statement with one parameter per value, never SQL built from input. */
#define ST__NAMES(n)                                                                               \
    " AND (?" #n " = 0 OR id IN (SELECT article_id FROM article_entities WHERE entity_id = ?" #n   \
    "))"

/* A multi-row INSERT in six statements of 32, 16, 8, 4, 2 and 1 rows (name##_32 ..
 * name##_1, in that order in the enum): the writer inserts an article's mentions,
 * article_entities rows and statements with as few statements as the binary digits of
 * their count (insert_rows in store.c), since each statement executed costs about as much as the
 * row it writes. head is "INSERT INTO t(cols) VALUES", row "(?,?,...)" with one ? per column. */
/* (clang-format does not format these the same way twice) */
/* clang-format off */
#define ST__R2(r) r "," r
#define ST__R4(r) ST__R2(r) "," ST__R2(r)
#define ST__R8(r) ST__R4(r) "," ST__R4(r)
#define ST__R16(r) ST__R8(r) "," ST__R8(r)
#define ST__R32(r) ST__R16(r) "," ST__R16(r)
#define ST__ROWS(X, name, head, row)                                                               \
    X(name##_32, head ST__R32(row))                                                                \
    X(name##_16, head ST__R16(row))                                                                \
    X(name##_8, head ST__R8(row))                                                                  \
    X(name##_4, head ST__R4(row))                                                                  \
    X(name##_2, head ST__R2(row))                                                                  \
    X(name##_1, head row)
/* clang-format on */

/* A statement's content and quotation, cut out of its article's body (the row of
 * article_rows joined as sa by ST__STM_BODY) at their byte spans by ng_cut (store/pack.c),
 * which inflates a packed body only as far as the cut's end, unless the row holds its own
 * text (a statement whose text was not the body's: schema/0009_statement_spans.sql). */
#define ST__STM_CUT(text, from, to) "coalesce(s." text ", ng_cut(sa.body, s." from ", s." to "))"
#define ST__STM_TEXT                                                                               \
    ST__STM_CUT("content", "cstart_b", "cend_b") ", " ST__STM_CUT("quote", "qstart_b", "qend_b")
#define ST__STM_BODY " LEFT JOIN article_rows AS sa ON sa.id = s.article_id"

/* An article's counts as the last three columns of an article list (the article is a): its
 * row of article_counts (schema/0013_article_counts.sql), joined by ST__ART_COUNTS_JOIN, or
 * counted when it has none. */
#define ST__ART_COUNTS                                                                             \
    ", coalesce(k.n_entities, (SELECT count(*) FROM article_entities AS ae0"                       \
    " WHERE ae0.article_id = a.id)), coalesce(k.n_mentions, (SELECT coalesce(sum(ae0.mentions),"   \
    " 0) FROM article_entities AS ae0 WHERE ae0.article_id = a.id)), coalesce(k.n_statements,"     \
    " (SELECT count(*) FROM statements AS s0 WHERE s0.article_id = a.id))"
#define ST__ART_COUNTS_JOIN " LEFT JOIN article_counts AS k ON k.article_id = a.id"
/* Every statement the store prepares, by name. Prepared once per connection on first use
 * (SQLITE_PREPARE_PERSISTENT) and reset after each use. */
#define ST_QUERIES(X)                                                                              \
    X(Q_ARTICLE_BY_SHA, "SELECT id FROM article_rows WHERE sha256 = ?1")                           \
    X(Q_ARTICLE_INSERT,                                                                            \
      "INSERT INTO article_rows(sha256, title, author, source, url, published_at, language, body," \
      " body_chars, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"                       \
      " strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))")                                                   \
    X(Q_KEY_LOOKUP, "SELECT entity_id, is_name FROM entity_keys WHERE kind = ?1 AND key = ?2")     \
    X(Q_KEY_INSERT,                                                                                \
      "INSERT INTO entity_keys(kind, key, entity_id, is_name) VALUES (?1, ?2, ?3, ?4)"             \
      " ON CONFLICT(kind, key) DO UPDATE SET is_name = 1"                                          \
      " WHERE excluded.is_name = 1 AND entity_id = excluded.entity_id")                            \
    X(Q_KEY_DEMOTE, "UPDATE entity_keys SET is_name = 0 WHERE entity_id = ?1 AND is_name = 1"      \
                    " AND key <> ?2 RETURNING key")                                                \
    X(Q_KEY_UNNAME, "UPDATE entity_keys SET is_name = 0 WHERE kind = ?1 AND key = ?2")             \
    X(Q_ENTITY_CANDIDATE, "SELECT name, mention_count FROM entities WHERE id = ?1")                \
    X(Q_ENTITY_INSERT, "INSERT INTO entities(kind, name, key, value, qualifier, mention_count,"    \
                       " article_count) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)")                       \
    X(Q_ENTITY_RENAME,                                                                             \
      "UPDATE entities SET name = ?2 WHERE id = ?1 AND length(name) < length(?2)")                 \
    X(Q_ENTITY_COUNT_ADD, "UPDATE entities SET mention_count = mention_count + ?2,"                \
                          " article_count = article_count + ?3 WHERE id = ?1")                     \
    X(Q_ALIAS_INSERT, "INSERT OR IGNORE INTO entity_aliases(entity_id, alias) VALUES (?1, ?2)")    \
    X(Q_TITLE_INSERT, "INSERT OR IGNORE INTO entity_titles(entity_id, title) VALUES (?1, ?2)")     \
    ST__ROWS(X, Q_ARTICLE_ENTITIES_INSERT,                                                         \
             "INSERT INTO article_entities(article_id, entity_id, salience, mentions, spans)"      \
             " VALUES",                                                                            \
             "(?,?,?,?,?)")                                                                        \
    ST__ROWS(X, Q_STATEMENT_ENTITIES_INSERT,                                                       \
             "INSERT INTO statement_entities(entity_id, statement_id) VALUES", "(?,?)")            \
    ST__ROWS(                                                                                      \
        X, Q_STATEMENTS_INSERT,                                                                    \
        "INSERT INTO statements(article_id, speaker_entity_id, speaker_text, kind, cue,"           \
        " cstart_b, cend_b, start_b, end_b, start_c, end_c, start_u, end_u, qstart_b, qend_b,"     \
        " qstart_c, qend_c, qstart_u, qend_u) VALUES",                                             \
        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")                                                 \
    X(Q_SAVEPOINT, "SAVEPOINT item")                                                               \
    X(Q_RELEASE, "RELEASE item")                                                                   \
    X(Q_ROLLBACK_TO, "ROLLBACK TO item")                                                           \
    X(Q_ENTITY_MAX_ID, "SELECT coalesce(max(id), 0) FROM entities")                                \
    X(Q_FTS_ARTICLE_ROW, "INSERT INTO articles_fts(rowid, title, body) VALUES (?1, ?2, ?3)")       \
    X(Q_FTS_STATEMENT_ROW, "INSERT INTO statements_fts(rowid, content) VALUES (?1, ?2)")           \
    X(Q_COUNTS_ADD, "INSERT INTO article_counts(article_id, n_entities, n_mentions,"               \
                    " n_statements) VALUES (?1, ?2, ?3, ?4)")                                      \
    X(Q_NAMES_DIRTY_ANY, "SELECT EXISTS (SELECT 1 FROM entity_names_dirty)")                       \
    X(Q_NAMES_DIRTY_MARK, "INSERT OR IGNORE INTO entity_names_dirty(entity_id) VALUES (?1)")       \
    X(Q_NAMES_FTS_DROP, "DELETE FROM entity_names_fts"                                             \
                        " WHERE rowid IN (SELECT entity_id FROM entity_names_dirty)")              \
    X(Q_NAMES_FTS_ADD,                                                                             \
      "INSERT INTO entity_names_fts(rowid, names) SELECT entity_id, group_concat(alias, char(10))" \
      " FROM entity_aliases WHERE entity_id IN (SELECT entity_id FROM entity_names_dirty)"         \
      " GROUP BY entity_id")                                                                       \
    X(Q_NAMES_FTS_ADD_NEW,                                                                         \
      "INSERT INTO entity_names_fts(rowid, names) SELECT entity_id, group_concat(alias, char(10))" \
      " FROM entity_aliases WHERE entity_id > ?1 GROUP BY entity_id")                              \
    X(Q_NAMES_DIRTY_CLEAR, "DELETE FROM entity_names_dirty")                                       \
    X(Q_ARTICLE_EXISTS, "SELECT 1 FROM articles WHERE id = ?1")                                    \
    X(Q_ARTICLE_STATEMENT_ENTITIES_DELETE,                                                         \
      "DELETE FROM statement_entities"                                                             \
      " WHERE entity_id IN (SELECT entity_id FROM article_entities WHERE article_id = ?1)"         \
      " AND statement_id IN (SELECT id FROM statements WHERE article_id = ?1)")                    \
    X(Q_ARTICLE_UNCOUNT, "UPDATE entities SET mention_count = mention_count - ae.mentions,"        \
                         " article_count = article_count - 1 FROM article_entities AS ae"          \
                         " WHERE ae.article_id = ?1 AND entities.id = ae.entity_id")               \
    X(Q_ARTICLE_STATEMENTS_FTS_DELETE,                                                             \
      "INSERT INTO statements_fts(statements_fts, rowid, content) SELECT 'delete', "               \
      "s.id, " ST__STM_CUT("content", "cstart_b",                                                  \
                           "cend_b") " FROM statements AS s JOIN article_rows AS sa ON sa.id = "   \
                                     "s.article_id WHERE s.article_id = ?1")                       \
    X(Q_ARTICLE_DELETE, "DELETE FROM article_rows WHERE id = ?1")                                  \
    X(Q_ORPHANS_DELETE, "DELETE FROM entities WHERE article_count <= 0")                           \
    X(Q_ARTICLES_PAGE,                                                                             \
      "SELECT id, sha256, title, author, source, url, published_at, language, created_at,"         \
      " NULL, body_chars" ST__ART_COUNTS " FROM articles AS a" ST__ART_COUNTS_JOIN                 \
      " WHERE (?1 = 0 OR id < ?1)" ST__NAMES(3) ST__NAMES(8) ST__NAMES(9) ST__NAMES(10)            \
          ST__NAMES(11) ST__NAMES(12) ST__NAMES(13) ST__NAMES(                                     \
              14) " AND (?4 IS NULL OR id IN (SELECT rowid FROM articles_fts WHERE articles_fts "  \
                  "MATCH ?4))"                                                                     \
                  " AND (?5 IS NULL OR source = ?5) AND (?6 IS NULL OR published_at >= ?6)"        \
                  " AND (?7 IS NULL OR published_at < ?7)"                                         \
                  " ORDER BY id DESC LIMIT ?2")                                                    \
    X(Q_FTS_CHECK_ARTICLES,                                                                        \
      "SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1"           \
      " LIMIT 1)")                                                                                 \
    X(Q_ARTICLE_ONE,                                                                               \
      "SELECT id, sha256, title, author, source, url, published_at, language, created_at,"         \
      " body, body_chars" ST__ART_COUNTS " FROM articles AS a" ST__ART_COUNTS_JOIN                 \
      " WHERE id = ?1")                                                                            \
    X(Q_ARTICLE_BODY, "SELECT body FROM articles WHERE id = ?1")                                   \
    X(Q_ARTICLE_ENTITIES,                                                                          \
      "SELECT e.id, e.kind, e.name, e.value, e.qualifier, ae.mentions, e.article_count,"           \
      " ae.salience FROM article_entities AS ae JOIN entities AS e ON e.id = ae.entity_id"         \
      " WHERE ae.article_id = ?1 ORDER BY ae.salience DESC, e.id")                                 \
    X(Q_ARTICLE_MENTIONS,                                                                          \
      "SELECT spans FROM article_entities WHERE article_id = ?1 AND entity_id = ?2")               \
    X(Q_ENTITY_NAMES, "SELECT 0, alias FROM entity_aliases WHERE entity_id = ?1 AND alias <> ?2"   \
                      " UNION ALL SELECT 1, title FROM entity_titles WHERE entity_id = ?1")        \
    ST__ENT_LISTS(X, Q_ENT_WALK, ST__ENT_WALK)                                                     \
    ST__ENT_LISTS(X, Q_ENT_FTS_WALK, ST__ENT_FTS_WALK)                                             \
    ST__ENT_LISTS(X, Q_ENT_ARTICLE, ST__ENT_ARTICLE)                                               \
    ST__ENT_LISTS(X, Q_ENT_PREFIX, ST__ENT_PREFIX)                                                 \
    X(Q_ENT_FTS_IDS, "SELECT rowid FROM entity_names_fts WHERE entity_names_fts MATCH ?1"          \
                     " LIMIT ?2")                                                                  \
    X(Q_ENT_PREFIX_COUNT, "SELECT count(*) FROM (SELECT 1 FROM entities INDEXED BY"                \
                          " entities_by_name WHERE name COLLATE NOCASE >= ?1"                      \
                          " AND name COLLATE NOCASE < ?2 LIMIT ?3)")                               \
    X(Q_ENT_ALIAS_LIKE, "SELECT 1 FROM entity_aliases WHERE entity_id = ?1"                        \
                        " AND alias LIKE ?2 ESCAPE '\\' LIMIT 1")                                  \
    X(Q_ENTITY_ONE,                                                                                \
      "SELECT e.id, e.kind, e.name, e.value, e.qualifier, e.mention_count, e.article_count,"       \
      " 0.0 FROM entities AS e WHERE e.id = ?1")                                                   \
    X(Q_ENTITY_ARTICLES, "SELECT a.id, a.title, a.published_at, ae.mentions"                       \
                         " FROM article_entities AS ae INDEXED BY article_entities_entity"         \
                         " JOIN articles AS a ON a.id = ae.article_id WHERE ae.entity_id = ?1"     \
                         " ORDER BY ae.article_id DESC LIMIT ?2")                                  \
    X(Q_ENTITY_NEIGHBOURS,                                                                         \
      "SELECT other.entity_id FROM (SELECT article_id FROM article_entities INDEXED BY"            \
      " article_entities_entity WHERE entity_id = ?1 ORDER BY article_id DESC LIMIT ?2) AS mine"   \
      " JOIN article_entities AS other ON other.article_id = mine.article_id"                      \
      " WHERE other.entity_id <> ?1")                                                              \
    X(Q_ENTITY_KIND_NAME, "SELECT id, kind, name FROM entities WHERE id = ?1")                     \
    X(Q_ENTITY_ARTICLES_UPTO,                                                                      \
      "SELECT count(*) FROM (SELECT 1 FROM article_entities INDEXED BY article_entities_entity"    \
      " WHERE entity_id = ?1 LIMIT ?2)")                                                           \
    X(Q_STATEMENTS_PAGE,                                                                           \
      "SELECT s.id, s.article_id, s.kind, s.cue, s.speaker_entity_id, e.name, s.speaker_text,"     \
      " " ST__STM_TEXT ", s.start_b, s.end_b, s.start_c, s.end_c, s.start_u, s.end_u,"             \
      " s.qstart_b, s.qend_b, s.qstart_c, s.qend_c, s.qstart_u, s.qend_u"                          \
      " FROM statements AS s INDEXED BY statements_article"                                        \
      " LEFT JOIN entities AS e ON e.id = s.speaker_entity_id" ST__STM_BODY                        \
      " WHERE s.article_id = ?1 AND (?2 = 0 OR s.speaker_entity_id = ?2)"                          \
      " AND (?3 IS NULL OR e.name LIKE ?3 ESCAPE '\\' OR s.speaker_text LIKE ?3 ESCAPE '\\')"      \
      " AND (?4 IS NULL OR s.kind = ?4)"                                                           \
      " AND (?9 = 0 OR EXISTS (SELECT 1 FROM statement_entities AS se WHERE se.entity_id = ?9"     \
      " AND se.statement_id = s.id))"                                                              \
      " AND (?5 IS NULL OR +s.id IN (SELECT rowid FROM statements_fts"                             \
      " WHERE statements_fts MATCH ?5))"                                                           \
      " AND (?6 = 0 OR s.start_b > ?7 OR (s.start_b = ?7 AND s.id > ?6))"                          \
      " ORDER BY s.start_b, s.id LIMIT ?8")                                                        \
    X(Q_STATS, "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM entities),"          \
               " (SELECT coalesce(sum(mentions), 0) FROM article_entities),"                       \
               " (SELECT count(*) FROM statements)")                                               \
    X(Q_FTS_CHECK,                                                                                 \
      "SELECT count(*) FROM (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?1"       \
      " LIMIT 1)")                                                                                 \
    X(Q_ENTITY_KIND, "SELECT kind FROM entities WHERE id = ?1")                                    \
    X(Q_MERGE_SPEAKERS,                                                                            \
      "UPDATE statements SET speaker_entity_id = ?1 WHERE speaker_entity_id = ?2")                 \
    X(Q_MERGE_ARTICLES,                                                                            \
      "INSERT INTO article_entities(article_id, entity_id, salience, mentions, spans)"             \
      " SELECT article_id, ?1, salience, mentions, spans FROM article_entities"                    \
      " WHERE entity_id = ?2 ON CONFLICT(article_id, entity_id) DO UPDATE SET"                     \
      " salience = max(salience, excluded.salience), mentions = mentions + excluded.mentions,"     \
      " spans = ng_spans_merge(spans, excluded.spans)")                                            \
    X(Q_MERGE_ARTICLES_DROP, "DELETE FROM article_entities WHERE entity_id = ?2 AND ?1 = ?1")      \
    X(Q_MERGE_ARTICLE_COUNTS,                                                                      \
      "UPDATE article_counts SET n_entities = (SELECT count(*) FROM article_entities AS ae"        \
      " WHERE ae.article_id = article_counts.article_id) WHERE article_id IN"                      \
      " (SELECT article_id FROM article_entities WHERE entity_id = ?1) AND ?2 = ?2")               \
    X(Q_MERGE_KEYS,                                                                                \
      "UPDATE OR IGNORE entity_keys SET entity_id = ?1, is_name = 0 WHERE entity_id = ?2")         \
    X(Q_MERGE_ALIASES, "INSERT OR IGNORE INTO entity_aliases(entity_id, alias) SELECT ?1, alias"   \
                       " FROM entity_aliases WHERE entity_id = ?2 UNION SELECT ?1, name FROM "     \
                       "entities WHERE id = ?2")                                                   \
    X(Q_MERGE_STATEMENT_ENTITIES,                                                                  \
      "INSERT OR IGNORE INTO statement_entities(entity_id, statement_id)"                          \
      " SELECT ?1, statement_id FROM statement_entities WHERE entity_id = ?2")                     \
    X(Q_MERGE_NAMES_DIRTY,                                                                         \
      "INSERT OR IGNORE INTO entity_names_dirty(entity_id) SELECT ?1 WHERE ?2 = ?2")               \
    X(Q_MERGE_TITLES, "INSERT OR IGNORE INTO entity_titles(entity_id, title) SELECT ?1, title"     \
                      " FROM entity_titles WHERE entity_id = ?2")                                  \
    X(Q_MERGE_COUNTS,                                                                              \
      "UPDATE entities SET mention_count = (SELECT coalesce(sum(mentions), 0)"                     \
      " FROM article_entities WHERE entity_id = ?1),"                                              \
      " article_count = (SELECT count(*) FROM article_entities WHERE entity_id = ?1)"              \
      " WHERE id = ?1 AND ?2 = ?2")                                                                \
    X(Q_MERGE_REDIRECTS, "UPDATE entity_redirects SET new_id = ?1 WHERE new_id = ?2")              \
    X(Q_MERGE_REDIRECT_ADD,                                                                        \
      "INSERT OR REPLACE INTO entity_redirects(old_id, new_id) VALUES (?2, ?1)")                   \
    X(Q_MERGE_DELETE, "DELETE FROM entities WHERE id = ?2 AND ?1 = ?1")                            \
    X(Q_REDIRECT, "SELECT new_id FROM entity_redirects WHERE old_id = ?1")                         \
    X(Q_DATA_VERSION, "PRAGMA data_version")                                                       \
    X(Q_PING, "SELECT 1")                                                                          \
    X(Q_READ_BEGIN, "BEGIN")                                                                       \
    X(Q_READ_END, "COMMIT")

enum st_query {
#define X(sym, sql) sym,
    ST_QUERIES(X)
#undef X
        ST_QUERY_COUNT
};

/* The list statements of query.c led by one filter's index (their SQL is there, beside the
 * code that picks one), cached per connection like ST_QUERIES: compiling one cost as much
 * as the rest of a small page's request. */
enum st__lead {
    ST__LEAD_ART_FTS,
    ST__LEAD_ART_ENTITY,
    ST__LEAD_ART_SOURCE,
    ST__LEAD_ART_DATES,
    ST__LEAD_STM_FTS,
    ST__LEAD_STM_SPEAKER,
    ST__LEAD_STM_ABOUT,
    ST__LEAD_STM_NEWEST,
    ST__LEAD_COUNT
};

struct st__ingest;

/* A SQLite connection with its statement cache. */
struct st__conn {
    sqlite3 *db;
    struct timespec deadline; /* reads: interrupted past this (progress handler) */
    sqlite3_stmt *stmts[ST_QUERY_COUNT];
    sqlite3_stmt *leads[ST__LEAD_COUNT]; /* query.c's, prepared on first use */
    struct st__conn *next;               /* in the idle pool */
    long long dv_seen;                   /* the last PRAGMA data_version this connection reported */
    int dv_known;                        /* dv_seen is set */
};

struct st__memo;

struct st_db {
    char *path;
    char *wal_path; /* the writer's -wal file, which st_settle looks at without the connection */
    struct st__conn *writer;
    pthread_mutex_t write_lock;
    struct st__memo *memo; /* the writer's memory of stored keys (memo.c), under write_lock */
    long long memo_dv;     /* the writer's PRAGMA data_version when memo was last valid */
    /* group commit (store.c): ingests waiting for a transaction, written by the writer
     * thread (started on the first ingest) one group at a time */
    pthread_mutex_t queue_lock;
    pthread_cond_t queue_ready; /* the queue has work, or the thread must stop */
    pthread_cond_t queue_done;  /* a group was written */
    struct st__ingest *queue, **queue_tail;
    pthread_t writer_thread;
    int writer_started, stopping;
    struct st__conn *idle; /* read connections not in use */
    pthread_mutex_t pool_lock;
    atomic_llong version;
    const unsigned char *shm; /* the WAL-index header, mapped read-only; NULL: ask SQLite */
    atomic_uint budget_ms;    /* read query time budget */
    int applied, known;
};

/* The prepared statement q on c, reset and unbound, or NULL (error in the connection). */
sqlite3_stmt *st__stmt(struct st__conn *c, enum st_query q);
/* A read connection for this call (from the pool or new); give it back with st__release. */
struct st__conn *st__acquire(struct st_db *db, int *rc);
void st__release(struct st_db *db, struct st__conn *c);
/* The writer's memory (memo.c): facts keyed by a tag, an id and a text ('k': kind, key ->
 * 2 * entity id, + 1 when it is the entity's name key; 'a': entity, alias; 't': entity,
 * title; 'n': entity -> a lower bound of its name's length). get returns 1 and *val when
 * known, else 0; put returns 0 or ST_ENOMEM (the fact is then not remembered, which is
 * harmless); clear forgets everything. A NULL memo knows nothing. */
struct st__memo *st__memo_new(void);
void st__memo_free(struct st__memo *m);
void st__memo_clear(struct st__memo *m);
int st__memo_get(struct st__memo *m, char tag, int64_t id, const char *text, int64_t *val);
int st__memo_put(struct st__memo *m, char tag, int64_t id, const char *text, int64_t val);

/* A mention's offsets as article_entities.spans holds them (spans.c; the lags of
 * schema/0006_compact_storage.sql). */
struct st__mspan {
    int64_t start_b, end_b, c_lag, c_lag_end, u_lag, u_lag_end;
};
/* The most bytes n mentions take encoded. */
size_t st__spans_bound(size_t n);
/* Sorts m[0..n) by start_b and encodes it into out (st__spans_bound(n) bytes): its length,
 * or ST_ECONFLICT when two mentions start at the same byte. */
long st__spans_encode(struct st__mspan *m, size_t n, unsigned char *out);
/* Decodes at most max mentions into m: how many, or -1 for a malformed list. */
long st__spans_decode(const void *blob, size_t len, struct st__mspan *m, size_t max);
/* Registers ng_spans() and ng_spans_merge() on a writer connection (spans.c). */
int st__spans_register(sqlite3 *db);
/* An article's body as article_rows stores it (pack.c): *out a malloc'd packed form of
 * *out_len bytes, or NULL when packing would not make it smaller (it is then stored as
 * text); 0 or ST_ENOMEM. */
int st__pack(const char *text, size_t len, unsigned char **out, size_t *out_len);
/* Registers ng_body() and ng_pack() on a connection (pack.c; every connection: the view
 * articles calls ng_body). */
int st__pack_register(sqlite3 *db);

/* Maps an SQLite result code (and the connection's message) to an ST_* code. */
int st__error(sqlite3 *db, int sqlite_rc);

#endif
