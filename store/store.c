/*
 * store.c: opening the database, migrations, connections, and the two writes (ingest and
 * delete).
 *
 * Concurrency. SQLite in WAL mode lets any number of readers run beside one writer, so the
 * store keeps exactly one writer connection behind a mutex and a pool of read connections
 * that grows to the number of threads that read at once (the server's thread pool). Each
 * connection caches its prepared statements for its whole life: parsing SQL per request
 * would cost more than most of the queries themselves.
 *
 * Durability. synchronous=FULL in WAL mode: when st_ingest returns 0 the transaction is in
 * the WAL on disk (fsync'd), so a crash or kill -9 right after the 201 loses nothing; a
 * crash during the transaction leaves no trace of it. A write is one transaction: an article
 * is stored with all its entities, mentions and statements, or not at all.
 *
 * Entities are shared across articles. An entity is found again by its kind and the key of
 * its surface forms (entity_keys): the normalized canonical name and every alias, so
 * "Toqaev" in a new article meets "Qasym-Zhomart Toqaev" stored before; a canonical name
 * must be on one side of the match, so aliases shared by two entities never join them
 * (resolve_entity). Dates and quantities are keyed by their normalized value when they have
 * one ("2022-01-07"), so "January 7" and "Jan. 7" meet too.
 */
#define _GNU_SOURCE /* pthread_setname_np */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

#include "embed.h"
#include "extract/arena.h"
#include "internal.h"
#include "sha256.h"

extern const struct embed_file st__migrations[];

static const char *const messages[] = {
#define X(sym, val, msg) [-(val)] = msg,
    ST_ERRORS(X)
#undef X
};

const char *st_strerror(int code)
{
    if (code == 0) return "ok";
    if (code < 0 && (size_t)-code < sizeof(messages) / sizeof(*messages) && messages[-code])
        return messages[-code];
    return "unknown store error";
}

int st__error(sqlite3 *db, int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW:
        return 0;
    case SQLITE_NOMEM:
        return ST_ENOMEM;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return ST_EBUSY;
    case SQLITE_CONSTRAINT:
        return ST_ECONFLICT;
    case SQLITE_INTERRUPT:
        return ST_ETIMEOUT;
    case SQLITE_ERROR:
        /* a malformed FTS5 query is the caller's mistake, not a broken database */
        if (db && strstr(sqlite3_errmsg(db), "fts5")) return ST_EQUERY;
        return ST_EIO;
    default:
        return ST_EIO;
    }
}

static const char *const query_sql[] = {
#define X(sym, sql) [sym] = sql,
    ST_QUERIES(X)
#undef X
};

sqlite3_stmt *st__stmt(struct st__conn *c, enum st_query q)
{
    if (!c->stmts[q] && sqlite3_prepare_v3(c->db, query_sql[q], -1, SQLITE_PREPARE_PERSISTENT,
                                           &c->stmts[q], NULL) != SQLITE_OK)
        return NULL;
    return c->stmts[q];
}

static void conn_close(struct st__conn *c)
{
    if (!c) return;
    for (int i = 0; i < ST_QUERY_COUNT; i++)
        sqlite3_finalize(c->stmts[i]);
    for (int i = 0; i < ST__LEAD_COUNT; i++)
        sqlite3_finalize(c->leads[i]);
    sqlite3_close(c->db);
    free(c);
}

static int exec(sqlite3 *db, const char *sql)
{
    return st__error(db, sqlite3_exec(db, sql, NULL, NULL, NULL));
}

/* What the writer connection sets. page_size only takes effect on a file with nothing in
 * it yet (before journal_mode=WAL writes the first page): a new database gets 8 KiB pages,
 * an existing one keeps its own. An article row (its body deflated, ~1.9 KB with its other
 * columns) is appended to the rightmost leaf, and a row that does not fit starts a new page:
 * with 4 KiB pages 27% of article_rows was the space rows left behind (7.1 of 26.6 MB at
 * 10k articles), with 8 KiB 13% (2.9 of 22.4 MB); nothing else changed by more than 2%.
 * 16 KiB pages saved 1.2 MB more and made single POSTs a fifth slower: each random page a
 * commit touches is written whole to the WAL (bench/README.md, "Scale: what misses its
 * bar, and why"). */
static const char writer_pragmas[] =
    "PRAGMA page_size=8192; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
    " PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=ON;";

/* The WAL is checkpointed when it reaches this many bytes, whatever the page size of the
 * file: the default (1,000 pages) ran a checkpoint inside every fifth single-article COMMIT
 * (bench/README.md, "Where the time goes (ingest)"). */
#define WAL_CHECKPOINT_BYTES (10000 * 4096)

static int wal_autocheckpoint(sqlite3 *db)
{
    sqlite3_stmt *st = NULL;
    int r = sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &st, NULL);
    if (r == SQLITE_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
        int page = sqlite3_column_int(st, 0);
        r = sqlite3_wal_autocheckpoint(db, WAL_CHECKPOINT_BYTES / (page > 0 ? page : 4096));
    }
    sqlite3_finalize(st);
    return st__error(db, r);
}

static struct st__conn *conn_open(const char *path, int readonly, int *rc)
{
    struct st__conn *c = calloc(1, sizeof(*c));
    if (!c) {
        *rc = ST_ENOMEM;
        return NULL;
    }
    int flags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                SQLITE_OPEN_NOMUTEX;
    int src = sqlite3_open_v2(path, &c->db, flags, NULL);
    if (src != SQLITE_OK) {
        *rc = c->db ? st__error(c->db, src) : ST_ENOMEM;
        if (*rc == ST_EQUERY) *rc = ST_EIO;
        conn_close(c);
        return NULL;
    }
    sqlite3_busy_timeout(c->db, 5000);
    /* A statement whose WHERE has "x LIKE ?n" (the alias and speaker filters) is otherwise
     * marked to be compiled again whenever ?n is bound or the bindings are cleared, in case
     * the pattern allowed an index range: every use of it was a compile (a fifth of an entity
     * list, one per candidate of entities?q=). Their patterns start with '%', which no index
     * serves, and no sqlite_stat4 exists, so the plans do not depend on bound values. */
    if (readonly) sqlite3_db_config(c->db, SQLITE_DBCONFIG_ENABLE_QPSG, 1, (int *)NULL);
    *rc = exec(c->db, readonly ? "PRAGMA foreign_keys=ON;" : writer_pragmas);
    if (!*rc && !readonly) *rc = wal_autocheckpoint(c->db);
    if (!*rc && !readonly) *rc = st__spans_register(c->db); /* the migration and merge */
    if (!*rc) *rc = st__pack_register(c->db);               /* the view articles */
    if (*rc) {
        conn_close(c);
        return NULL;
    }
    return c;
}

/* Called by SQLite every few hundred virtual machine steps of a read: non-zero interrupts
 * the statement (SQLITE_INTERRUPT), which the reader reports as ST_ETIMEOUT. */
static int past_deadline(void *arg)
{
    const struct st__conn *c = arg;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > c->deadline.tv_sec ||
           (now.tv_sec == c->deadline.tv_sec && now.tv_nsec >= c->deadline.tv_nsec);
}

struct st__conn *st__acquire(struct st_db *db, int *rc)
{
    pthread_mutex_lock(&db->pool_lock);
    struct st__conn *c = db->idle;
    if (c) db->idle = c->next;
    pthread_mutex_unlock(&db->pool_lock);
    *rc = 0;
    if (!c && (c = conn_open(db->path, 1, rc)))
        sqlite3_progress_handler(c->db, 100, past_deadline, c);
    if (c) { /* this borrowing's budget */
        unsigned ms = atomic_load(&db->budget_ms);
        clock_gettime(CLOCK_MONOTONIC, &c->deadline);
        c->deadline.tv_sec += ms / 1000;
        c->deadline.tv_nsec += (long)(ms % 1000) * 1000000L;
        if (c->deadline.tv_nsec >= 1000000000L) {
            c->deadline.tv_sec++;
            c->deadline.tv_nsec -= 1000000000L;
        }
    }
    return c;
}

void st_set_query_budget(struct st_db *db, unsigned ms)
{
    if (db) atomic_store(&db->budget_ms, ms);
}

void st__release(struct st_db *db, struct st__conn *c)
{
    if (!c) return;
    /* a connection left in a transaction would keep its snapshot into the next borrowing,
     * and the WAL from being checkpointed past it: end it, or close the connection */
    if (!sqlite3_get_autocommit(c->db)) {
        sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
        if (!sqlite3_get_autocommit(c->db)) {
            conn_close(c);
            return;
        }
    }
    pthread_mutex_lock(&db->pool_lock);
    c->next = db->idle;
    db->idle = c;
    pthread_mutex_unlock(&db->pool_lock);
}

/* The first line of a migration that rebuilds a table other tables' foreign keys point at:
 * SQLite changes a table's constraints only by copying it and dropping the old one, and a
 * DROP TABLE with foreign keys enforced first deletes every row, cascading to the children. */
#define MIGRATION_FK_OFF "-- newsgraph: foreign keys off\n"

/* Runs one migration's SQL inside the open transaction; a MIGRATION_FK_OFF file with
 * foreign keys off (the caller turned them off before BEGIN: the pragma is a no-op inside a
 * transaction), then every foreign key checked, so that it commits only a consistent file. */
static int migration_run(sqlite3 *w, const char *sql, int fk_off)
{
    if (exec(w, sql)) return ST_EMIGRATE;
    if (!fk_off) return 0;
    sqlite3_stmt *check = NULL;
    int r = sqlite3_prepare_v2(w, "PRAGMA foreign_key_check", -1, &check, NULL) == SQLITE_OK
                ? sqlite3_step(check)
                : SQLITE_ERROR;
    sqlite3_finalize(check);
    return r == SQLITE_DONE ? 0 : ST_EMIGRATE; /* a row is a broken reference */
}

/* Applies the embedded migrations that schema_migrations does not list yet, in name order
 * (the embed table is sorted), each in its own transaction. */
static int migrate(struct st_db *db)
{
    sqlite3 *w = db->writer->db;
    sqlite3_stmt *has = NULL, *add = NULL;
    int fk_off = 0;
    int rc = exec(w, "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY,"
                     " applied_at TEXT NOT NULL)");
    if (rc) goto out;
    if (sqlite3_prepare_v2(w, "SELECT 1 FROM schema_migrations WHERE name = ?1", -1, &has, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(w,
                           "INSERT INTO schema_migrations(name, applied_at) VALUES (?1,"
                           " strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                           -1, &add, NULL) != SQLITE_OK) {
        rc = ST_EIO;
        goto out;
    }
    db->known = db->applied = 0;
    for (const struct embed_file *f = st__migrations; f->name; f++) {
        db->known++;
        sqlite3_reset(has);
        sqlite3_bind_text(has, 1, f->name, -1, SQLITE_STATIC);
        int step = sqlite3_step(has);
        if (step == SQLITE_ROW) {
            db->applied++;
            continue;
        }
        if (step != SQLITE_DONE) {
            rc = st__error(w, step);
            goto out;
        }
        fk_off = strncmp(f->data, MIGRATION_FK_OFF, strlen(MIGRATION_FK_OFF)) == 0;
        if ((fk_off && exec(w, "PRAGMA foreign_keys=OFF")) || exec(w, "BEGIN IMMEDIATE")) {
            rc = ST_EBUSY;
            goto out;
        }
        sqlite3_reset(add);
        sqlite3_bind_text(add, 1, f->name, -1, SQLITE_STATIC);
        if (migration_run(w, f->data, fk_off) || sqlite3_step(add) != SQLITE_DONE) {
            exec(w, "ROLLBACK");
            rc = ST_EMIGRATE;
            goto out;
        }
        if (exec(w, "COMMIT")) {
            exec(w, "ROLLBACK");
            rc = ST_EMIGRATE;
            goto out;
        }
        if (fk_off && exec(w, "PRAGMA foreign_keys=ON")) {
            rc = ST_EIO;
            goto out;
        }
        fk_off = 0;
        db->applied++;
    }
    /* a migration this binary does not know means a newer newsgraph wrote the file */
    sqlite3_stmt *count = NULL;
    if (sqlite3_prepare_v2(w, "SELECT count(*) FROM schema_migrations", -1, &count, NULL) ==
            SQLITE_OK &&
        sqlite3_step(count) == SQLITE_ROW && sqlite3_column_int(count, 0) > db->known)
        rc = ST_ESCHEMA;
    sqlite3_finalize(count);
out:
    if (fk_off) exec(w, "PRAGMA foreign_keys=ON");
    sqlite3_finalize(has);
    sqlite3_finalize(add);
    return rc;
}

/* The WAL-index header (https://www.sqlite.org/walformat.html, unix VFS): two copies of 48
 * bytes at the start of the -shm file that every commit rewrites (mxFrame, iChange, the
 * checksums) and every WAL restart too (the salts). SQLite's own readers take the snapshot
 * they will read from this header, so a commit that finished before this call is in these
 * bytes. Reading them from a shared read-only mapping costs no system call and no lock,
 * where PRAGMA data_version costs a read transaction (fcntl locks, a stat of the -wal file)
 * per request. The file stays at least this long while this handle's writer connection is
 * open (SQLite truncates it only when the first connection of all opens it). */
#define SHM_HEADER 96

static void map_shm(struct st_db *db)
{
    char *p = malloc(strlen(db->path) + 5);
    if (!p) return;
    sprintf(p, "%s-shm", db->path);
    int fd = open(p, O_RDONLY | O_CLOEXEC);
    free(p);
    if (fd < 0) return;
    struct stat st;
    if (fstat(fd, &st) == 0 && st.st_size >= SHM_HEADER) {
        void *m = mmap(NULL, SHM_HEADER, PROT_READ, MAP_SHARED, fd, 0);
        if (m != MAP_FAILED) db->shm = m;
    }
    close(fd);
}

/* The in-process counter mixed with a hash of the header's fields that a commit changes
 * (iChange, the database size in pages, the checksum of the last frame: bytes 8-11 and
 * 20-31 of each copy) and a checkpoint does not: a checkpoint that restarts or truncates the
 * WAL (writer_main's idle checkpoint) rewrites mxFrame, the salts and the header checksum,
 * but no data, so it must not change the version and every ETag with it. A header caught
 * mid-rewrite hashes to a value never seen again: a miss. */
static int64_t version_from_shm(struct st_db *db)
{
    unsigned char h[SHM_HEADER];
    atomic_thread_fence(memory_order_acquire);
    memcpy(h, db->shm, sizeof(h));
    uint64_t x = 1469598103934665603ULL ^ (uint64_t)atomic_load(&db->version);
    for (size_t copy = 0; copy < SHM_HEADER; copy += SHM_HEADER / 2)
        for (size_t i = copy; i < copy + 32; i++)
            if ((i - copy >= 8 && i - copy < 12) || i - copy >= 20)
                x = (x ^ h[i]) * 1099511628211ULL;
    return (int64_t)(x >> 1);
}

/* SQLite counts every allocation it makes in process-wide statistics (sqlite3_memory_used
 * and the soft heap limit, which the store never reads), under one global mutex that every
 * connection of every thread takes twice per allocation. Off: 3% of the writer's
 * instructions (bench/README.md, "Where the time goes (ingest)"), and one lock less that the
 * readers and the writer share. Only possible before SQLite initializes, so before the
 * process's first connection; if something opened one earlier, it stays on (harmless). */
static void sqlite_setup(void)
{
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int st_open(const char *path, struct st_db **out)
{
    static pthread_once_t setup = PTHREAD_ONCE_INIT;
    struct st_db *db = NULL;
    int rc = 0;

    if (out) *out = NULL;
    if (!path || !*path || !out) return ST_EINVAL;
    pthread_once(&setup, sqlite_setup);
    db = calloc(1, sizeof(*db));
    if (!db || !(db->path = strdup(path))) {
        rc = ST_ENOMEM;
        goto out;
    }
    pthread_mutex_init(&db->write_lock, NULL);
    pthread_mutex_init(&db->queue_lock, NULL);
    pthread_cond_init(&db->queue_done, NULL);
    /* the writer's idle wait is timed (writer_main): on the monotonic clock */
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&db->queue_ready, &ca);
    pthread_condattr_destroy(&ca);
    db->queue_tail = &db->queue;
    atomic_init(&db->budget_ms, 2000);
    pthread_mutex_init(&db->pool_lock, NULL);
    /* ETags are built from the version: start from the clock so a restarted server never
     * hands out a version an earlier process used for other data */
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    atomic_init(&db->version, (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000);
    db->writer = conn_open(path, 0, &rc);
    if (!db->writer) goto out;
    const char *wal = sqlite3_filename_wal(sqlite3_db_filename(db->writer->db, "main"));
    if (!wal || !(db->wal_path = strdup(wal))) {
        rc = ST_ENOMEM;
        goto out;
    }
    if (!(db->memo = st__memo_new())) {
        rc = ST_ENOMEM;
        goto out;
    }
    rc = migrate(db);
    if (rc) goto out;
    map_shm(db);
    *out = db;
    db = NULL;
out:
    st_close(db);
    return rc;
}

void st_close(struct st_db *db)
{
    if (!db) return;
    if (db->writer_started) { /* it writes what is queued still, then leaves */
        pthread_mutex_lock(&db->queue_lock);
        db->stopping = 1;
        pthread_cond_signal(&db->queue_ready);
        pthread_mutex_unlock(&db->queue_lock);
        pthread_join(db->writer_thread, NULL);
    }
    st__memo_free(db->memo);
    if (db->shm) munmap((void *)db->shm, SHM_HEADER);
    while (db->idle) {
        struct st__conn *c = db->idle;
        db->idle = c->next;
        conn_close(c);
    }
    if (db->writer) exec(db->writer->db, "PRAGMA wal_checkpoint(TRUNCATE)");
    conn_close(db->writer);
    pthread_mutex_destroy(&db->write_lock);
    pthread_mutex_destroy(&db->queue_lock);
    pthread_cond_destroy(&db->queue_done);
    pthread_cond_destroy(&db->queue_ready);
    pthread_mutex_destroy(&db->pool_lock);
    free(db->wal_path);
    free(db->path);
    free(db);
}

int st_schema_version(struct st_db *db, int *applied, int *known)
{
    if (!db) return ST_EINVAL;
    if (applied) *applied = db->applied;
    if (known) *known = db->known;
    return 0;
}

/* Writes through this handle bump the counter themselves; a commit by another process
 * (`newsgraph ingest` beside a running server) shows as a change of PRAGMA data_version,
 * which bumps the counter too. PRAGMA data_version is per connection (it changes when any
 * other connection committed since this one last asked), so each pooled read connection
 * remembers its own last value: whichever one a caller borrows, a commit made before the
 * call is seen, either by this connection now or by an earlier asker that bumped the
 * counter. Borrowing from the pool instead of sharing one connection under a mutex keeps
 * concurrent requests from queueing here. So a cache keyed on this value never serves a read
 * older than the last commit, whoever made it; a spurious bump only costs a cache miss. */
int64_t st_data_version(struct st_db *db)
{
    if (!db) return 0;
    if (db->shm) return version_from_shm(db);
    int rc;
    struct st__conn *c = st__acquire(db, &rc);
    sqlite3_stmt *s = c ? st__stmt(c, Q_DATA_VERSION) : NULL;
    if (s && sqlite3_step(s) == SQLITE_ROW) {
        long long v = sqlite3_column_int64(s, 0);
        if (!c->dv_known || v != c->dv_seen) atomic_fetch_add(&db->version, 1);
        c->dv_seen = v;
        c->dv_known = 1;
    } else {
        atomic_fetch_add(&db->version, 1); /* unknown: never risk a stale hit */
    }
    if (s) sqlite3_reset(s);
    st__release(db, c);
    return (int64_t)atomic_load(&db->version);
}

int st_ping(struct st_db *db)
{
    int rc;
    struct st__conn *c = db ? st__acquire(db, &rc) : NULL;
    if (!c) return db ? rc : ST_EINVAL;
    sqlite3_stmt *s = st__stmt(c, Q_PING);
    rc = s && sqlite3_step(s) == SQLITE_ROW ? 0 : ST_EIO;
    if (s) sqlite3_reset(s);
    st__release(db, c);
    return rc;
}

/* ------------------------------------------------------------------ keys */

/* The key of a surface form: NFKC, case-folded, marks stripped, curly quotes made straight,
 * a possessive 's and a leading "the " dropped, runs of spaces made one. malloc'd or NULL. */
static char *name_key(const char *name)
{
    utf8proc_uint8_t *m = NULL;
    if (utf8proc_map((const utf8proc_uint8_t *)name, 0, &m,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                         UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK) < 0)
        return NULL;
    char *s = (char *)m;
    size_t n = 0;
    for (size_t i = 0; s[i];) {
        /* U+2018/2019 (e2 80 98/99) -> ' ; U+201C/201D -> " */
        if ((unsigned char)s[i] == 0xe2 && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] >= 0x98 && (unsigned char)s[i + 2] <= 0x9d)) {
            s[n++] = (unsigned char)s[i + 2] <= 0x9b ? '\'' : '"';
            i += 3;
        } else if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
            if (n && s[n - 1] != ' ') s[n++] = ' ';
            i++;
        } else {
            s[n++] = s[i++];
        }
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '.' || s[n - 1] == '"'))
        n--;
    if (n >= 2 && s[n - 2] == '\'' && s[n - 1] == 's') n -= 2;
    s[n] = '\0';
    if (strncmp(s, "the ", 4) == 0) memmove(s, s + 4, n - 3);
    return s;
}

/* Whether surface forms other than the name may identify the entity across articles:
 * a bare surname or acronym names a person or organization, not a date. */
static int keyed_by_aliases(enum ex_entity_kind k)
{
    return k == EX_PERSON || k == EX_ORGANIZATION || k == EX_LOCATION || k == EX_NATIONALITY;
}

/* What resolve_entity needs of a document entity that asks nothing of the database: the keys
 * of its surface forms and its name's length, computed by prep_doc on the thread that
 * extracted the article, beside the writer (the Unicode normalization was a twentieth of the
 * writer's instructions). */
struct ent_keys {
    char **keys;      /* [0] the name's (a dated or counted entity's value's), then each
                       * alias's when the kind is keyed by aliases; malloc'd */
    size_t n;         /* of keys */
    int64_t name_len; /* the name's length in code points, as SQLite's length() counts; -1
                       * when it is not UTF-8 (then left to SQLite) */
};

static void ent_keys_free(struct ent_keys *k)
{
    for (size_t i = 0; k->keys && i < k->n; i++)
        free(k->keys[i]);
    free(k->keys);
    k->keys = NULL;
    k->n = 0;
}

static int ent_keys_make(const struct ex_entity *e, struct ent_keys *k)
{
    int by_alias = keyed_by_aliases(e->kind);
    const char *base = !by_alias && e->value ? e->value : e->name;
    k->n = by_alias ? e->n_aliases + 1 : 1;
    k->name_len = (int64_t)utf8proc_decompose((const utf8proc_uint8_t *)(e->name ? e->name : ""), 0,
                                              NULL, 0, UTF8PROC_NULLTERM);
    if (!(k->keys = calloc(k->n, sizeof(*k->keys)))) {
        k->n = 0;
        return ST_ENOMEM;
    }
    for (size_t i = 0; i < k->n; i++)
        if (!(k->keys[i] = name_key(i == 0 ? (base ? base : "") : e->aliases[i - 1]))) {
            ent_keys_free(k);
            return ST_ENOMEM;
        }
    return 0;
}

/* ------------------------------------------------------------------ writes */

static void bind_text_or_null(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

static void bind_span(sqlite3_stmt *s, int i, const char *body, struct ex_span sp)
{
    if (sp.end <= sp.start)
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_text(s, i, body + sp.start, (int)(sp.end - sp.start), SQLITE_TRANSIENT);
}

/* Runs a statement that returns no row; 0 or an ST_* code. */
static int step_done(struct st__conn *c, sqlite3_stmt *s)
{
    int r = sqlite3_step(s);
    int rc = r == SQLITE_DONE || r == SQLITE_ROW ? 0 : st__error(c->db, r);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc;
}

struct offsets {
    uint32_t *cp, *u16;
};

static void bind_offsets(sqlite3_stmt *s, int i, const struct offsets *o, struct ex_span sp,
                         int optional)
{
    if (optional && sp.end <= sp.start) {
        for (int k = 0; k < 6; k++)
            sqlite3_bind_null(s, i + k);
        return;
    }
    sqlite3_bind_int64(s, i, sp.start);
    sqlite3_bind_int64(s, i + 1, sp.end);
    sqlite3_bind_int64(s, i + 2, o->cp[sp.start]);
    sqlite3_bind_int64(s, i + 3, o->cp[sp.end]);
    sqlite3_bind_int64(s, i + 4, o->u16[sp.start]);
    sqlite3_bind_int64(s, i + 5, o->u16[sp.end]);
}

/* The entity a key leads to, from the memo or the database (then remembered); *id 0 when
 * none, else *is_name 1 when the key is that entity's name key, 0 when an alias key. */
static int key_lookup(struct st__conn *w, struct st__memo *memo, enum ex_entity_kind kind,
                      const char *key, int64_t *id, int *is_name)
{
    int64_t v = 0;
    *id = 0;
    *is_name = 0;
    if (st__memo_get(memo, 'k', (int64_t)kind, key, &v)) {
        *id = v / 2;
        *is_name = (int)(v % 2);
        return 0;
    }
    sqlite3_stmt *s = st__stmt(w, Q_KEY_LOOKUP);
    if (!s) return ST_EIO;
    sqlite3_bind_text(s, 1, ex_entity_kind_name(kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
    int r = sqlite3_step(s);
    if (r == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        *is_name = sqlite3_column_int(s, 1) != 0;
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (r != SQLITE_ROW && r != SQLITE_DONE) return st__error(w->db, r);
    if (*id) st__memo_put(memo, 'k', (int64_t)kind, key, 2 * *id + *is_name);
    return 0;
}

/* Makes key lead to entity id unless it leads somewhere already; is_name 1 makes it the
 * entity's name key, also when it was one of its alias keys (an upsert that changes nothing
 * when the key is another entity's). */
static int key_add(struct st__conn *w, struct st__memo *memo, enum ex_entity_kind kind,
                   const char *key, int64_t id, int is_name)
{
    int64_t known;
    if (st__memo_get(memo, 'k', (int64_t)kind, key, &known) &&
        (known / 2 != id || known % 2 >= is_name))
        return 0;
    sqlite3_stmt *s = st__stmt(w, Q_KEY_INSERT);
    if (!s) return ST_EIO;
    sqlite3_bind_text(s, 1, ex_entity_kind_name(kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, id);
    sqlite3_bind_int(s, 4, is_name);
    int rc = step_done(w, s);
    /* nothing changed: the key leads to another entity, which this does not know, or it is
     * this entity's already */
    if (!rc && sqlite3_changes(w->db) == 1)
        st__memo_put(memo, 'k', (int64_t)kind, key, 2 * id + is_name);
    return rc;
}

/* Makes every name key of entity id other than key an alias key (the entity was renamed:
 * key is its new name's), in the database and the memo. */
static int key_demote(struct st__conn *w, struct st__memo *memo, enum ex_entity_kind kind,
                      int64_t id, const char *key)
{
    sqlite3_stmt *s = st__stmt(w, Q_KEY_DEMOTE);
    if (!s) return ST_EIO;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
    int r;
    while ((r = sqlite3_step(s)) == SQLITE_ROW)
        st__memo_put(memo, 'k', (int64_t)kind, (const char *)sqlite3_column_text(s, 0), 2 * id);
    int rc = r == SQLITE_DONE ? 0 : st__error(w->db, r);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc;
}

/* An alias ('a') or title ('t') of an entity, unless the memo knows it is stored. A new
 * alias of an entity older than the transaction (id <= fresh_after) marks the entity's row
 * of the name index for rewriting before COMMIT (names_refresh); the rows of entities created
 * in the transaction are written from their aliases then, unmarked. */
static int label_add(struct st__conn *w, struct st__memo *memo, char tag, int64_t id,
                     const char *text, int64_t fresh_after)
{
    int64_t known;
    if (st__memo_get(memo, tag, id, text, &known)) return 0;
    sqlite3_stmt *s = st__stmt(w, tag == 'a' ? Q_ALIAS_INSERT : Q_TITLE_INSERT);
    if (!s) return ST_EIO;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, text, -1, SQLITE_STATIC);
    int rc = step_done(w, s);
    if (!rc && tag == 'a' && id <= fresh_after && sqlite3_changes(w->db) == 1) {
        if (!(s = st__stmt(w, Q_NAMES_DIRTY_MARK))) return ST_EIO;
        sqlite3_bind_int64(s, 1, id);
        rc = step_done(w, s);
    }
    if (!rc) st__memo_put(memo, tag, id, text, 1); /* inserted or there already */
    return rc;
}

/* Rule 2 of resolve_entity: an alias key of the incoming entity is stored entity id's name
 * key. It counts only while it is the key of the entity's current name (*ok 1; *mentions
 * then the entity's stored count, this transaction's tallies not yet added). A database
 * migrated by 0008_name_keys.sql had the key marked that SQL could tell: lower(name), else
 * the entity's first key, which for a name with accents renamed from a bare surname ("Núñez",
 * then "José Núñez") is the surname's. Such a key is made an alias key here, and the current
 * name's key the name key when it leads to this entity, before it draws in another person of
 * that surname. Rare (a stored name met as an alias), so not remembered. */
static int candidate_check(struct st__conn *w, struct st__memo *memo, enum ex_entity_kind kind,
                           int64_t id, const char *key, int *ok, int64_t *mentions)
{
    sqlite3_stmt *s = st__stmt(w, Q_ENTITY_CANDIDATE);
    char *current = NULL;
    int rc = 0;

    *ok = 0;
    *mentions = 0;
    if (!s) return ST_EIO;
    sqlite3_bind_int64(s, 1, id);
    int r = sqlite3_step(s);
    if (r == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(s, 0);
        *mentions = sqlite3_column_int64(s, 1);
        if (!name || !(current = name_key(name))) rc = ST_ENOMEM;
    } else if (r != SQLITE_DONE) {
        rc = st__error(w->db, r);
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (rc || !current) goto out;
    if ((*ok = strcmp(current, key) == 0)) goto out;
    if (!(s = st__stmt(w, Q_KEY_UNNAME))) {
        rc = ST_EIO;
        goto out;
    }
    sqlite3_bind_text(s, 1, ex_entity_kind_name(kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
    if ((rc = step_done(w, s))) goto out;
    st__memo_put(memo, 'k', (int64_t)kind, key, 2 * id);
    rc = key_add(w, memo, kind, current, id, 1);
out:
    free(current);
    return rc;
}

/* Finds or creates the stored entity of a document entity; its id in *id, *created 1 when
 * it was created here, already counting this article and its mentions (an entity met once
 * in a transaction, most new ones, then needs no count update: see tallies).
 *
 * Which stored entity it joins (issue 5; schema/0008_name_keys.sql). A canonical name must be
 * on one side of the match, so that joins cannot chain through aliases:
 *  1. the key of its name equals a stored key, name or alias: "Toqaev" alone joins
 *     "Qasym-Zhomart Toqaev" (alias "Toqaev"), "CSTO" alone joins "Collective Security
 *     Treaty Organization" (alias "CSTO"), a name stored before joins itself. A key leads to
 *     one entity, so this finds one at most.
 *  2. else the key of one of its aliases equals a stored entity's name key, the key of its
 *     current name (candidate_check): "Qasym-Zhomart Toqaev" (alias "Toqaev") joins
 *     "Toqaev" stored alone, which it renames. When several aliases find different
 *     entities it joins the most mentioned (then the oldest), and never folds them together.
 *  3. else it is a new entity: two entities that only share an alias ("Democratic Choice of
 *     Kazakhstan" and "Democratic Choice of Arartan", both "DVK" in the generated archive)
 *     stay two, and the shared key keeps leading to the first.
 * Its surface forms' keys then lead to the entity unless they lead elsewhere already. The
 * name key is always the key of the entity's current name: when a longer name renames it,
 * the old name key becomes an alias key, so a bare surname stored first and then named in
 * full cannot draw in a second person of that surname through rule 2. */
static int resolve_entity(struct st__conn *w, struct st__memo *memo, const struct ex_entity *e,
                          const struct ent_keys *k, int64_t fresh_after, int64_t *id, int *created)
{
    const char *kind = ex_entity_kind_name(e->kind);
    const char *name = e->name ? e->name : "";
    int by_alias = keyed_by_aliases(e->kind);
    char *const *keys = k->keys;
    size_t n_keys = k->n;
    int rc = 0, is_name = 0, renamed = 0;
    sqlite3_stmt *s;

    *id = 0;
    *created = 0;
    if ((rc = key_lookup(w, memo, e->kind, keys[0], id, &is_name))) return rc;
    int64_t best_n = 0;
    for (size_t i = 1, by_name = *id != 0; !by_name && i < n_keys; i++) {
        int64_t cand, n;
        int ok;
        if ((rc = key_lookup(w, memo, e->kind, keys[i], &cand, &is_name))) return rc;
        if (!cand || !is_name || cand == *id) continue;
        if ((rc = candidate_check(w, memo, e->kind, cand, keys[i], &ok, &n))) return rc;
        /* the most mentioned, then the oldest: the stored rows choose, not the aliases' order */
        if (ok && (!*id || n > best_n || (n == best_n && cand < *id))) {
            *id = cand;
            best_n = n;
        }
    }
    /* the fullest form is canonical: the stored name is at least as long as any tried on
     * it (SQLite's length() counts characters, as utf8proc does here) */
    int64_t name_len = k->name_len, bound = 0;
    int remember = name_len >= 0; /* not UTF-8: leave the length to SQLite every time */
    if (!*id) {
        s = st__stmt(w, Q_ENTITY_INSERT);
        if (!s) return ST_EIO;
        sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, keys[0], -1, SQLITE_STATIC);
        bind_text_or_null(s, 4, e->value);
        bind_text_or_null(s, 5, e->qualifier);
        sqlite3_bind_int64(s, 6, (int64_t)e->n_mentions);
        if ((rc = step_done(w, s))) return rc;
        *id = sqlite3_last_insert_rowid(w->db);
        *created = 1;
        if (remember) st__memo_put(memo, 'n', *id, "", name_len);
    } else if (!remember || !st__memo_get(memo, 'n', *id, "", &bound) || bound < name_len) {
        if (!(s = st__stmt(w, Q_ENTITY_RENAME))) return ST_EIO;
        sqlite3_bind_int64(s, 1, *id);
        sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
        if ((rc = step_done(w, s))) return rc;
        renamed = sqlite3_changes(w->db) == 1;
        if (remember) st__memo_put(memo, 'n', *id, "", name_len);
    }
    /* a dated or counted entity keeps the one key it was created with (its value's) */
    if (renamed && by_alias && (rc = key_demote(w, memo, e->kind, *id, keys[0]))) return rc;
    /* every surface form leads here from now on, and is listed as an alias; the name's key
     * is the name key when the entity is new or now carries this name */
    for (size_t i = 0; i <= e->n_aliases; i++) {
        const char *form = i == 0 ? name : e->aliases[i - 1];
        if (i < n_keys &&
            (rc = key_add(w, memo, e->kind, keys[i], *id, i == 0 && (*created || renamed))))
            return rc;
        if ((rc = label_add(w, memo, 'a', *id, form, fresh_after))) return rc;
    }
    for (size_t i = 0; i < e->n_titles; i++)
        if ((rc = label_add(w, memo, 't', *id, e->titles[i], fresh_after))) return rc;
    return 0;
}

static int64_t body_chars(const struct offsets *o, size_t len)
{
    return o->cp[len];
}

/* Mentions and articles to add to entities' counts, gathered over a write transaction and
 * applied once per entity just before it commits (an entity named in many articles of a
 * batch has its row and its three count indexes rewritten once, not once per article). */
struct tally {
    int64_t id, mentions, articles;
};

struct tallies {
    struct tally *v;
    size_t n, cap;
};

static int tally_add(struct tallies *t, int64_t id, int64_t mentions, int64_t articles)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        struct tally *v = realloc(t->v, cap * sizeof(*v));
        if (!v) return ST_ENOMEM;
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] = (struct tally){id, mentions, articles};
    return 0;
}

static int by_tally_id(const void *a, const void *b)
{
    int64_t x = ((const struct tally *)a)->id, y = ((const struct tally *)b)->id;
    return x < y ? -1 : x > y;
}

/* Adds the tallied counts, one UPDATE per entity (in id order: neighbouring pages). */
static int tallies_apply(struct st__conn *w, struct tallies *t)
{
    int rc = 0;
    if (t->n) qsort(t->v, t->n, sizeof(*t->v), by_tally_id);
    for (size_t i = 0; i < t->n && !rc;) {
        struct tally sum = t->v[i];
        while (++i < t->n && t->v[i].id == sum.id) {
            sum.mentions += t->v[i].mentions;
            sum.articles += t->v[i].articles;
        }
        sqlite3_stmt *s = st__stmt(w, Q_ENTITY_COUNT_ADD);
        if (!s) return ST_EIO;
        sqlite3_bind_int64(s, 1, sum.id);
        sqlite3_bind_int64(s, 2, sum.mentions);
        sqlite3_bind_int64(s, 3, sum.articles);
        rc = step_done(w, s);
    }
    t->n = 0;
    return rc;
}

/* What the rows of one article are bound from. */
struct ae_row {
    int64_t entity_id, mentions;
    double salience;
    struct st__mspan *m;        /* its mentions (mentions of them), in start_b order once encoded */
    const unsigned char *spans; /* and encoded (spans.c) */
    size_t spans_len;
};

/* A row of statement_entities: an entity named inside a statement. */
struct pair {
    int64_t entity_id, statement_id;
};

struct rows {
    const struct ex_doc *doc;
    const struct offsets *o;
    const int64_t *ids; /* the stored entity of each document entity */
    int64_t article_id;
    struct ae_row *ae;  /* the article's article_entities rows */
    struct pair *pairs; /* its statement_entities rows */
};

static int by_ae_entity(const void *a, const void *b)
{
    int64_t x = ((const struct ae_row *)a)->entity_id, y = ((const struct ae_row *)b)->entity_id;
    return x < y ? -1 : x > y;
}

/* statement_entities' key order: entity, then statement */
static int by_pair(const void *a, const void *b)
{
    const struct pair *x = a, *y = b;
    if (x->entity_id != y->entity_id) return x->entity_id < y->entity_id ? -1 : 1;
    return x->statement_id < y->statement_id ? -1 : x->statement_id > y->statement_id;
}

/* Inserts n rows with the multi-row statements of an ST__ROWS family (base is its _32):
 * as many of 32 rows as fit, then one each of 16, 8, 4, 2 and 1 as the rest needs.
 * bind(r, s, at, row) binds row's cols columns from parameter at on. */
static int insert_rows(struct st__conn *w, enum st_query base, size_t n, int cols,
                       void (*bind)(const struct rows *r, sqlite3_stmt *s, int at, size_t row),
                       const struct rows *r)
{
    static const size_t sizes[] = {32, 16, 8, 4, 2, 1};
    size_t row = 0;
    int rc = 0;
    for (size_t k = 0; k < sizeof(sizes) / sizeof(*sizes) && !rc; k++)
        while (!rc && n - row >= sizes[k]) {
            sqlite3_stmt *s = st__stmt(w, (enum st_query)(base + k));
            if (!s) return ST_EIO;
            for (size_t i = 0; i < sizes[k]; i++)
                bind(r, s, 1 + (int)i * cols, row + i);
            /* every parameter is bound each time: no clear_bindings (608 of them) */
            int x = sqlite3_step(s);
            rc = x == SQLITE_DONE ? 0 : st__error(w->db, x);
            sqlite3_reset(s);
            row += sizes[k];
        }
    return rc;
}

static void bind_article_entity(const struct rows *r, sqlite3_stmt *s, int at, size_t row)
{
    sqlite3_bind_int64(s, at, r->article_id);
    sqlite3_bind_int64(s, at + 1, r->ae[row].entity_id);
    sqlite3_bind_double(s, at + 2, r->ae[row].salience);
    sqlite3_bind_int64(s, at + 3, r->ae[row].mentions);
    sqlite3_bind_blob(s, at + 4, r->ae[row].spans, (int)r->ae[row].spans_len, SQLITE_STATIC);
}

static void bind_pair(const struct rows *r, sqlite3_stmt *s, int at, size_t row)
{
    sqlite3_bind_int64(s, at, r->pairs[row].entity_id);
    sqlite3_bind_int64(s, at + 1, r->pairs[row].statement_id);
}

/* The article's mentions by stored entity, encoded into one buffer (buf, freed by the
 * caller): byte offsets, and the code point and UTF-16 offsets as lags behind them
 * (schema/0006_compact_storage.sql). ST_ECONFLICT when two mentions of one stored entity
 * start at the same byte, as the key of the mentions table had it. */
static int encode_mentions(struct rows *r, size_t n_ae, const size_t *slot, size_t n_mentions,
                           struct st__mspan **all, unsigned char **buf)
{
    const struct ex_doc *doc = r->doc;
    size_t *fill = calloc(n_ae + 1, sizeof(*fill));
    *all = malloc((n_mentions + 1) * sizeof(**all));
    *buf = malloc(st__spans_bound(n_mentions) + 1);
    if (!fill || !*all || !*buf) {
        free(fill);
        return ST_ENOMEM;
    }
    size_t at = 0;
    for (size_t k = 0; k < n_ae; k++) { /* each row's mentions are a run of *all */
        r->ae[k].m = *all + at;
        at += (size_t)r->ae[k].mentions;
    }
    for (size_t i = 0; i < doc->n_entities; i++)
        for (size_t j = 0; j < doc->entities[i].n_mentions; j++) {
            struct ex_span sp = doc->entities[i].mentions[j].span;
            r->ae[slot[i]].m[fill[slot[i]]++] = (struct st__mspan){
                sp.start,
                sp.end,
                (int64_t)sp.start - r->o->cp[sp.start],
                (int64_t)sp.end - r->o->cp[sp.end],
                (int64_t)sp.start - r->o->u16[sp.start],
                (int64_t)sp.end - r->o->u16[sp.end],
            };
        }
    free(fill);
    size_t len = 0;
    for (size_t k = 0; k < n_ae; k++) {
        long n = st__spans_encode(r->ae[k].m, (size_t)r->ae[k].mentions, *buf + len);
        if (n < 0) return (int)n;
        r->ae[k].spans = *buf + len;
        r->ae[k].spans_len = (size_t)n;
        len += (size_t)n;
    }
    return 0;
}

/* The statement_entities rows of the article's statements, ids first_id on in document
 * order: every stored entity with a mention inside a statement's span, once (what
 * GET /v1/statements?about= lists; see schema/0005_read_indexes.sql). *n of them. */
static int statement_pairs(struct rows *r, size_t n_ae, int64_t first_id, size_t *n)
{
    const struct ex_doc *doc = r->doc;
    *n = 0;
    if (!doc->n_statements || !n_ae) return 0;
    if (!(r->pairs = malloc(doc->n_statements * n_ae * sizeof(*r->pairs)))) return ST_ENOMEM;
    for (size_t j = 0; j < doc->n_statements; j++) {
        struct ex_span sp = doc->statements[j].span;
        for (size_t k = 0; k < n_ae; k++)
            for (int64_t x = 0; x < r->ae[k].mentions; x++) {
                const struct st__mspan *m = &r->ae[k].m[x];
                if (m->start_b > (int64_t)sp.end) break; /* sorted: none further is inside */
                if (m->start_b >= (int64_t)sp.start && m->end_b <= (int64_t)sp.end) {
                    r->pairs[(*n)++] = (struct pair){r->ae[k].entity_id, first_id + (int64_t)j};
                    break;
                }
            }
    }
    return 0;
}

static void bind_statement(const struct rows *r, sqlite3_stmt *s, int at, size_t row)
{
    const struct ex_doc *doc = r->doc;
    const struct ex_statement *st = &doc->statements[row];
    sqlite3_bind_int64(s, at, r->article_id);
    int sp = st->speaker.entity_id;
    if (sp >= 0 && (size_t)sp < doc->n_entities)
        sqlite3_bind_int64(s, at + 1, r->ids[sp]);
    else
        sqlite3_bind_null(s, at + 1);
    bind_span(s, at + 2, doc->body, st->speaker.text);
    sqlite3_bind_text(s, at + 3, ex_statement_kind_name(st->kind), -1, SQLITE_STATIC);
    bind_span(s, at + 4, doc->body, st->cue);
    /* the content and the quotation are read from the body at their spans (see
     * schema/0009_statement_spans.sql); an empty content is the empty text at 0 */
    int has = st->content.end > st->content.start;
    sqlite3_bind_int64(s, at + 5, has ? (int64_t)st->content.start : 0);
    sqlite3_bind_int64(s, at + 6, has ? (int64_t)st->content.end : 0);
    bind_offsets(s, at + 7, r->o, st->span, 0);
    bind_offsets(s, at + 13, r->o, st->quote, 1);
}

/* The article's rows of the two full-text indexes, from the text in memory: the same text
 * the views articles and statements_text give (the title and body; a statement's content,
 * the body's bytes at its span, empty when it has none), without unpacking the body the
 * writer just packed. One row a statement: a single-row INSERT opens no statement journal.
 * FTS5 writes its pending terms out as a new segment whenever a statement journal opens
 * once it is part of the transaction (schema/0004_fts_by_store.sql), and the multi-row
 * inserts of every article open one, so write_group adds these rows after all of them, just
 * before COMMIT: one segment per index and transaction, replayed groups included. */
static int fts_rows(struct st__conn *w, const struct ex_doc *doc, int64_t article_id,
                    int64_t first_statement)
{
    sqlite3_stmt *s = st__stmt(w, Q_FTS_ARTICLE_ROW);
    int rc;
    if (!s) return ST_EIO;
    sqlite3_bind_int64(s, 1, article_id);
    bind_text_or_null(s, 2, doc->article.title);
    sqlite3_bind_text(s, 3, doc->body, (int)doc->body_len, SQLITE_STATIC);
    if ((rc = step_done(w, s))) return rc;
    for (size_t j = 0; j < doc->n_statements && !rc; j++) {
        struct ex_span c = doc->statements[j].content;
        if (!(s = st__stmt(w, Q_FTS_STATEMENT_ROW))) return ST_EIO;
        sqlite3_bind_int64(s, 1, first_statement + (int64_t)j);
        if (c.end > c.start)
            sqlite3_bind_text(s, 2, doc->body + c.start, (int)(c.end - c.start), SQLITE_STATIC);
        else
            sqlite3_bind_text(s, 2, "", 0, SQLITE_STATIC);
        rc = step_done(w, s);
    }
    return rc;
}

/* What an item needs before the write lock: its hash, offset tables, entity id slots and its
 * body as stored (packed on the caller's thread, beside the writer). */
struct prep {
    char sha[65];
    struct offsets o;
    int64_t *ids;
    struct ent_keys *keys; /* of each document entity */
    size_t n_keys;         /* of keys made */
    unsigned char *packed; /* NULL: stored as text */
    size_t packed_len;
    int64_t first_statement; /* the id of its first statement, once stored */
};

/* One article inside the transaction: its row, entities, mentions and statements; the
 * entities' count changes go to tallies. */
static int ingest_tx(struct st__conn *w, struct st__memo *memo, const struct ex_doc *doc,
                     struct prep *p, int64_t *article_id, struct tallies *tallies,
                     int64_t fresh_after)
{
    const struct ex_article *a = &doc->article;
    const struct offsets *o = &p->o;
    int64_t *ids = p->ids;
    sqlite3_stmt *s = st__stmt(w, Q_ARTICLE_INSERT);
    int rc;

    if (!s) return ST_EIO;
    sqlite3_bind_text(s, 1, p->sha, -1, SQLITE_STATIC);
    bind_text_or_null(s, 2, a->title);
    bind_text_or_null(s, 3, a->author);
    bind_text_or_null(s, 4, a->source);
    bind_text_or_null(s, 5, a->url);
    bind_text_or_null(s, 6, a->published_at);
    sqlite3_bind_text(s, 7, a->language ? a->language : "en", -1, SQLITE_STATIC);
    if (p->packed) /* see pack.c */
        sqlite3_bind_blob(s, 8, p->packed, (int)p->packed_len, SQLITE_STATIC);
    else
        sqlite3_bind_text(s, 8, doc->body, (int)doc->body_len, SQLITE_STATIC);
    sqlite3_bind_int64(s, 9, body_chars(o, doc->body_len));
    if ((rc = step_done(w, s))) return rc;
    *article_id = sqlite3_last_insert_rowid(w->db);

    /* the article's entities, each stored entity once (two entities of one document may
     * meet in one: their salience is the larger, their mentions add up) */
    struct rows r = {.doc = doc, .o = o, .ids = ids, .article_id = *article_id};
    size_t n_ae = 0, n_mentions = 0, n_pairs = 0;
    size_t *slot = calloc(doc->n_entities + 1, sizeof(*slot)); /* row of each entity */
    struct st__mspan *all = NULL;
    unsigned char *buf = NULL;
    if (!slot || !(r.ae = calloc(doc->n_entities + 1, sizeof(*r.ae)))) {
        free(slot);
        return ST_ENOMEM;
    }
    for (size_t i = 0; i < doc->n_entities; i++) {
        const struct ex_entity *e = &doc->entities[i];
        int created = 0;
        if ((rc = resolve_entity(w, memo, e, &p->keys[i], fresh_after, &ids[i], &created)))
            goto out;
        size_t k = 0;
        while (k < n_ae && r.ae[k].entity_id != ids[i])
            k++;
        int fresh = k == n_ae; /* the article counts once per stored entity */
        slot[i] = k;
        if (fresh) {
            r.ae[n_ae++] =
                (struct ae_row){ids[i], (int64_t)e->n_mentions, e->salience, NULL, NULL, 0};
        } else {
            r.ae[k].mentions += (int64_t)e->n_mentions;
            if (e->salience > r.ae[k].salience) r.ae[k].salience = e->salience;
        }
        /* a new entity counts this article already */
        if (!created && (rc = tally_add(tallies, ids[i], (int64_t)e->n_mentions, fresh))) goto out;
        n_mentions += e->n_mentions;
    }
    if ((rc = encode_mentions(&r, n_ae, slot, n_mentions, &all, &buf))) goto out;
    /* in key order: each row's place in both B-trees of article_entities is then at or after
     * the last one's, so the descents share the pages they walk */
    qsort(r.ae, n_ae, sizeof(*r.ae), by_ae_entity);
    if ((rc = insert_rows(w, Q_ARTICLE_ENTITIES_INSERT_32, n_ae, 5, bind_article_entity, &r)) ||
        (rc = insert_rows(w, Q_STATEMENTS_INSERT_32, doc->n_statements, 19, bind_statement, &r)))
        goto out;
    /* a table with an INTEGER PRIMARY KEY gives each new row the largest id plus one, so the
     * statements just inserted, in order, end at the last id inserted */
    int64_t first = sqlite3_last_insert_rowid(w->db) - (int64_t)doc->n_statements + 1;
    p->first_statement = first; /* for fts_rows */
    if ((rc = statement_pairs(&r, n_ae, first, &n_pairs))) goto out;
    if (n_pairs) qsort(r.pairs, n_pairs, sizeof(*r.pairs), by_pair); /* key order, as above */
    if ((rc = insert_rows(w, Q_STATEMENT_ENTITIES_INSERT_32, n_pairs, 2, bind_pair, &r))) goto out;
    /* the counts every article list reads instead of counting (schema/0013_article_counts.sql),
     * known here: its rows, mentions and statements. Written here, before the transaction's
     * first full-text row: once an FTS5 table is part of the transaction, every statement
     * that opens a statement journal (an INSERT ... SELECT as this was, or a table with a
     * foreign key) makes each FTS5 index write its pending terms out as a segment. */
    if (!(s = st__stmt(w, Q_COUNTS_ADD))) {
        rc = ST_EIO;
        goto out;
    }
    sqlite3_bind_int64(s, 1, *article_id);
    sqlite3_bind_int64(s, 2, (int64_t)n_ae);
    sqlite3_bind_int64(s, 3, (int64_t)n_mentions);
    sqlite3_bind_int64(s, 4, (int64_t)doc->n_statements);
    rc = step_done(w, s);
out:
    free(r.pairs);
    free(buf);
    free(all);
    free(slot);
    free(r.ae);
    return rc;
}

static void prep_free(struct prep *p)
{
    for (size_t i = 0; p->keys && i < p->n_keys; i++)
        ent_keys_free(&p->keys[i]);
    free(p->keys);
    free(p->o.cp);
    free(p->o.u16);
    free(p->ids);
    free(p->packed);
    memset(p, 0, sizeof(*p));
}

static int prep_doc(const struct ex_doc *doc, struct prep *p)
{
    int rc = ST_ENOMEM;
    memset(p, 0, sizeof(*p));
    st__sha256_hex(doc->body, doc->body_len, p->sha);
    p->o.cp = ex_offset_table(doc->body, doc->body_len, EX_UNIT_CODEPOINT);
    p->o.u16 = ex_offset_table(doc->body, doc->body_len, EX_UNIT_UTF16);
    p->ids = calloc(doc->n_entities + 1, sizeof(*p->ids));
    p->keys = calloc(doc->n_entities + 1, sizeof(*p->keys));
    if (!p->o.cp || !p->o.u16 || !p->ids || !p->keys ||
        st__pack(doc->body, doc->body_len, &p->packed, &p->packed_len))
        goto out;
    for (; p->n_keys < doc->n_entities; p->n_keys++)
        if (ent_keys_make(&doc->entities[p->n_keys], &p->keys[p->n_keys])) goto out;
    rc = 0;
out:
    if (rc) prep_free(p);
    return rc;
}

/* One document inside the open transaction: the existing id when its body is stored
 * already (*created = 0, nothing written), else the article with everything in it. */
static int ingest_one(struct st__conn *w, struct st__memo *memo, const struct ex_doc *doc,
                      struct prep *p, int64_t *article_id, int *created, struct tallies *tallies,
                      int64_t fresh_after)
{
    sqlite3_stmt *s = st__stmt(w, Q_ARTICLE_BY_SHA);
    int rc = 0;

    *article_id = 0;
    *created = 0;
    if (!s) return ST_EIO;
    sqlite3_bind_text(s, 1, p->sha, -1, SQLITE_STATIC);
    int r = sqlite3_step(s);
    if (r == SQLITE_ROW) *article_id = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (r != SQLITE_ROW && r != SQLITE_DONE) return st__error(w->db, r);
    if (*article_id) return 0; /* the same body is stored already: nothing to write */
    if ((rc = ingest_tx(w, memo, doc, p, article_id, tallies, fresh_after))) {
        *article_id = 0;
        return rc;
    }
    *created = 1;
    return 0;
}

/* Runs a cached statement that takes no parameter (a savepoint command). */
static int run(struct st__conn *w, enum st_query q)
{
    sqlite3_stmt *s = st__stmt(w, q);
    return s ? step_done(w, s) : ST_EIO;
}

/* The largest id of a table (0 when empty), for "the rows this transaction added". */
static int max_id(struct st__conn *w, enum st_query q, int64_t *id)
{
    sqlite3_stmt *s = st__stmt(w, q);
    if (!s) return ST_EIO;
    int r = sqlite3_step(s);
    *id = r == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    return r == SQLITE_ROW ? 0 : st__error(w->db, r);
}

/* Writes the name index rows of the entities created in this transaction (ids above
 * fresh_after; INT64_MAX when the transaction creates none) and rewrites those of the older
 * entities whose aliases changed, listed in entity_names_dirty (by label_add, merge, and the
 * delete trigger of schema/0005_read_indexes.sql): set-wise statements, so FTS5 writes a
 * segment per transaction, not per alias, and a new entity's row costs no delete of a row
 * that cannot exist. Every write transaction that can add or remove an alias runs it just
 * before COMMIT. */
static int names_refresh(struct st__conn *w, int64_t fresh_after)
{
    sqlite3_stmt *s;
    int rc = 0;
    if (fresh_after != INT64_MAX) {
        if (!(s = st__stmt(w, Q_NAMES_FTS_ADD_NEW))) return ST_EIO;
        sqlite3_bind_int64(s, 1, fresh_after);
        if ((rc = step_done(w, s))) return rc;
    }
    if (!(s = st__stmt(w, Q_NAMES_DIRTY_ANY))) return ST_EIO;
    int r = sqlite3_step(s), any = r == SQLITE_ROW && sqlite3_column_int(s, 0);
    sqlite3_reset(s);
    if (r != SQLITE_ROW) return st__error(w->db, r);
    if (!any) return 0;
    static const enum st_query steps[] = {Q_NAMES_FTS_DROP, Q_NAMES_FTS_ADD, Q_NAMES_DIRTY_CLEAR};
    for (size_t i = 0; i < sizeof(steps) / sizeof(*steps) && !rc; i++)
        rc = (s = st__stmt(w, steps[i])) ? step_done(w, s) : ST_EIO;
    return rc;
}

/* Whether the failure of one item is its own (the item is rolled back alone and the others
 * go on), rather than the database's (which fails every item not committed yet). */
static int item_error(int rc)
{
    return rc == ST_ECONFLICT || rc == ST_EINVAL || rc == ST_ENOMEM;
}

/* Work queued for the writer thread: the items of one st_ingest_batch call (whose thread
 * waits for done), or one st_ingest_submit document (done_fn called, then freed here). */
struct st__ingest {
    struct st_batch_item *items;
    struct prep *p;
    size_t n;
    int done, rc;
    void (*done_fn)(void *arg, int rc, int64_t article_id, int created);
    void *arg;
    struct st__ingest *next;
};

/* Items one group transaction takes at most (several queued calls fill it up). */
#define GROUP_MAX_ITEMS 1024

/* The memo remembers rows as this connection last saw them: a commit by another connection
 * (`newsgraph ingest` beside a server) may have merged or deleted them. PRAGMA data_version
 * changes exactly when another connection commits. */
static int memo_check(struct st_db *db)
{
    sqlite3_stmt *s = st__stmt(db->writer, Q_DATA_VERSION);
    if (!s) return ST_EIO;
    int r = sqlite3_step(s);
    long long v = r == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_reset(s);
    if (r != SQLITE_ROW) return st__error(db->writer->db, r);
    if (v != db->memo_dv) st__memo_clear(db->memo);
    db->memo_dv = v;
    return 0;
}

/* Undoes the outcomes a pass of write_group gave before its transaction was rolled back:
 * every item it stored (rc 0) is again to be written, and so is the item that failed. */
static void group_unwind(struct st__ingest *group, const struct st_batch_item *failed)
{
    for (struct st__ingest *g = group; g; g = g->next)
        for (size_t i = 0; i < g->n; i++) {
            struct st_batch_item *it = &g->items[i];
            if (it == failed) it->rc = 0;
            if (!it->doc || it->rc) continue;
            it->article_id = 0;
            it->created = 0;
        }
}

/* One write transaction for a group of calls, under the write lock. With isolate 0 the
 * items are written one after the other with no savepoint: statement journals and
 * savepoints around each article cost about a third of the writer's time, and an item's
 * own failure (a constraint, memory) is rare. When one fails, the pass rolls everything
 * back, undoes the outcomes it gave and sets *replay; the caller then writes the group
 * again with isolate 1, each item inside a savepoint of its own, so the failing item is
 * rolled back alone with its rc and the others still commit. Returns 0 when the
 * transaction committed (or had nothing to commit, or is to be replayed), else the code
 * every item without its own error then carries. */
static int write_group(struct st_db *db, struct st__ingest *group, int isolate, int *replay)
{
    struct st__conn *w = db->writer;
    struct tallies tallies = {0};
    int64_t entities_before = 0;
    int rc = 0, in_tx = 0, wrote = 0;

    *replay = 0;
    if ((rc = exec(w->db, "BEGIN IMMEDIATE"))) goto out;
    in_tx = 1;
    if ((rc = memo_check(db)) || (rc = max_id(w, Q_ENTITY_MAX_ID, &entities_before))) goto out;
    for (struct st__ingest *g = group; g; g = g->next) {
        for (size_t i = 0; i < g->n; i++) {
            struct st_batch_item *it = &g->items[i];
            if (!it->doc || it->rc) continue;
            size_t tallied = tallies.n;
            if (isolate && (rc = run(w, Q_SAVEPOINT))) goto out;
            it->rc = ingest_one(w, db->memo, it->doc, &g->p[i], &it->article_id, &it->created,
                                &tallies, entities_before);
            if (it->rc && (!item_error(it->rc) || sqlite3_get_autocommit(w->db))) {
                rc = it->rc; /* the transaction is lost: nothing of it will commit */
                goto out;
            }
            if (it->rc && !isolate) { /* rolled back at out, written again item by item */
                group_unwind(group, it);
                *replay = 1;
                goto out;
            }
            if (it->rc) {
                tallies.n = tallied;
                st__memo_clear(db->memo); /* it may remember rows of the savepoint */
                rc = run(w, Q_ROLLBACK_TO);
            }
            if (isolate && (rc || (rc = run(w, Q_RELEASE)))) goto out;
            wrote |= it->created;
        }
    }
    if (!wrote) goto out; /* duplicates and failures only: nothing to commit */
    if ((rc = tallies_apply(w, &tallies)) || (rc = names_refresh(w, entities_before))) goto out;
    for (struct st__ingest *g = group; g; g = g->next)
        for (size_t i = 0; i < g->n; i++) {
            const struct st_batch_item *it = &g->items[i];
            if (it->doc && !it->rc && it->created &&
                (rc = fts_rows(w, it->doc, it->article_id, g->p[i].first_statement)))
                goto out;
        }
    if ((rc = exec(w->db, "COMMIT"))) goto out;
    in_tx = 0;
    atomic_fetch_add(&db->version, 1);
out:
    if (in_tx) {
        exec(w->db, "ROLLBACK");
        st__memo_clear(db->memo);
    }
    free(tallies.v);
    return rc;
}

static void ingest_free(struct st__ingest *g)
{
    for (size_t i = 0; g && i < g->n; i++)
        prep_free(&g->p[i]);
    free(g);
}

/* How long the writer waits without work before it checkpoints the WAL into the database
 * and truncates it, and the longest it waits again when readers kept it from that. */
#define IDLE_CHECKPOINT_MS 100
#define IDLE_CHECKPOINT_MAX_MS 10000

/* Copies the WAL into the database and truncates it to nothing, if no reader holds an older
 * snapshot at that moment: the WAL of a busy writer grows to wal_autocheckpoint
 * pages plus its largest transaction (77 MB at the end of loading 100,000 articles) and
 * kept that size on disk however long the server then stayed idle. Done when the writer
 * has had nothing to do for IDLE_CHECKPOINT_MS, so a burst of ingests is never held up by
 * it. Under the write lock. 0, or ST_EBUSY to try again later. */
static int checkpoint_idle(struct st_db *db)
{
    sqlite3 *w = db->writer->db;
    int log = -1, done = -2;
    /* first the copy, which takes no lock a reader or another writer waits for; then, only
     * when it copied everything, the truncation, which needs every lock for a moment: it
     * waits for none (no busy handler), so it never holds them while it waits */
    int r = sqlite3_wal_checkpoint_v2(w, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
    if (r != SQLITE_OK || log != done) return ST_EBUSY;
    sqlite3_busy_timeout(w, 0);
    r = sqlite3_wal_checkpoint_v2(w, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    sqlite3_busy_timeout(w, 5000);
    return r == SQLITE_OK ? 0 : ST_EBUSY;
}

/* A group shorter than GROUP_FILL items waits up to GROUP_WAIT_NS for more. Single POSTs
 * reach the writer one at a time, each when its extraction ends, and a commit writes ~160
 * pages for one article (WAL frames of a single-article commit into a 10k database), many
 * of which the next articles would share (index interior pages, the full-text segment, the
 * entities most often named); with 8 connections a transaction held ~3.7 articles. */
#define GROUP_FILL 8
#define GROUP_WAIT_NS 2000000L

/* The items queued; queue_lock held. */
static size_t queued_items(const struct st_db *db)
{
    size_t n = 0;
    for (const struct st__ingest *g = db->queue; g; g = g->next)
        n += g->n;
    return n;
}

/* Waits, queue_lock held, until GROUP_FILL items are queued, GROUP_WAIT_NS have passed or
 * st_close asks the writer to stop. */
static void group_wait(struct st_db *db)
{
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_nsec += GROUP_WAIT_NS;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    while (queued_items(db) < GROUP_FILL && !db->stopping &&
           pthread_cond_timedwait(&db->queue_ready, &db->queue_lock, &until) != ETIMEDOUT)
        ;
}

/* The writer thread. Group commit: it takes the queue's head (up to GROUP_MAX_ITEMS items,
 * at least one call) and writes it in one transaction while more work queues, then answers
 * each call of the group. Concurrent single ingests thus share one COMMIT (one WAL write of
 * the pages they all touch, one fsync), however many threads or connections they came from.
 * When it has written something and then had nothing to do for IDLE_CHECKPOINT_MS, it
 * truncates the WAL (checkpoint_idle). It leaves when st_close asks and the queue is empty. */
static void *writer_main(void *arg)
{
    struct st_db *db = arg;
    int due = 0; /* written since the last idle checkpoint */
    long wait_ms = IDLE_CHECKPOINT_MS;

    pthread_setname_np(pthread_self(), "ng-writer"); /* for top -H and perf */
    pthread_mutex_lock(&db->queue_lock);
    for (;;) {
        while (!db->queue && !db->stopping) {
            if (!due) {
                pthread_cond_wait(&db->queue_ready, &db->queue_lock);
                continue;
            }
            struct timespec until;
            clock_gettime(CLOCK_MONOTONIC, &until);
            until.tv_sec += wait_ms / 1000;
            until.tv_nsec += (wait_ms % 1000) * 1000000L;
            if (until.tv_nsec >= 1000000000L) {
                until.tv_sec++;
                until.tv_nsec -= 1000000000L;
            }
            if (pthread_cond_timedwait(&db->queue_ready, &db->queue_lock, &until) != ETIMEDOUT ||
                db->queue || db->stopping)
                continue;
            pthread_mutex_unlock(&db->queue_lock);
            pthread_mutex_lock(&db->write_lock);
            int busy = checkpoint_idle(db);
            pthread_mutex_unlock(&db->write_lock);
            pthread_mutex_lock(&db->queue_lock);
            due = busy != 0; /* kept from it: again later, less often */
            wait_ms = !busy                                  ? IDLE_CHECKPOINT_MS
                      : wait_ms * 2 > IDLE_CHECKPOINT_MAX_MS ? IDLE_CHECKPOINT_MAX_MS
                                                             : wait_ms * 2;
        }
        if (!db->queue) break;
        /* fewer than GROUP_FILL items queued: more may be a moment away (group_wait) */
        if (queued_items(db) < GROUP_FILL) group_wait(db);
        struct st__ingest *group = db->queue, *last = group;
        size_t total = last->n;
        while (last->next && total + last->next->n <= GROUP_MAX_ITEMS)
            total += (last = last->next)->n;
        db->queue = last->next;
        if (!db->queue) db->queue_tail = &db->queue;
        last->next = NULL;
        pthread_mutex_unlock(&db->queue_lock);

        pthread_mutex_lock(&db->write_lock);
        int replay = 0, rc = write_group(db, group, 0, &replay);
        if (!rc && replay) rc = write_group(db, group, 1, &replay);
        pthread_mutex_unlock(&db->write_lock);
        due = 1;
        wait_ms = IDLE_CHECKPOINT_MS;

        /* submitted documents are answered here, outside every lock; a batch call's items
         * belong to its waiting thread, which may return as soon as it is marked done */
        struct st__ingest *waiting = NULL;
        for (struct st__ingest *g = group, *next; g; g = next) {
            next = g->next;
            if (!g->done_fn) {
                g->next = waiting;
                waiting = g;
                continue;
            }
            struct st_batch_item *it = &g->items[0];
            if (!it->rc && rc) {
                it->rc = rc;
                it->article_id = 0;
                it->created = 0;
            }
            g->done_fn(g->arg, it->rc, it->article_id, it->created);
            ingest_free(g);
        }
        pthread_mutex_lock(&db->queue_lock);
        for (struct st__ingest *g = waiting, *next; g; g = next) {
            next = g->next; /* g belongs to a waiting thread: read it before it is done */
            g->rc = rc;
            g->done = 1;
        }
        pthread_cond_broadcast(&db->queue_done);
    }
    pthread_mutex_unlock(&db->queue_lock);
    return NULL;
}

/* Queues g for the writer thread, starting the thread on first use; queue_lock held. */
static int enqueue(struct st_db *db, struct st__ingest *g)
{
    if (db->stopping) return ST_EINVAL;
    if (!db->writer_started) {
        if (pthread_create(&db->writer_thread, NULL, writer_main, db)) return ST_ENOMEM;
        db->writer_started = 1;
    }
    g->next = NULL;
    *db->queue_tail = g;
    db->queue_tail = &g->next;
    pthread_cond_signal(&db->queue_ready);
    return 0;
}

/* Queues a batch call and waits until the writer thread has written its group. Returns the
 * transaction's code for this call. */
static int write_queued(struct st_db *db, struct st_batch_item *items, struct prep *p, size_t n)
{
    struct st__ingest me = {items, p, n, 0, 0, NULL, NULL, NULL};

    pthread_mutex_lock(&db->queue_lock);
    int rc = enqueue(db, &me);
    while (!rc && !me.done)
        pthread_cond_wait(&db->queue_done, &db->queue_lock);
    pthread_mutex_unlock(&db->queue_lock);
    return rc ? rc : me.rc;
}

int st_ingest_batch(struct st_db *db, struct st_batch_item *items, size_t n)
{
    struct prep *p = NULL;
    int rc = 0;
    size_t i, todo = 0;

    if (!db || (!items && n)) return ST_EINVAL;
    for (i = 0; i < n; i++) {
        items[i].article_id = 0;
        items[i].created = 0;
        items[i].rc = items[i].doc && !items[i].doc->body ? ST_EINVAL : 0;
    }
    if (!(p = calloc(n + 1, sizeof(*p)))) {
        rc = ST_ENOMEM;
        goto out;
    }
    for (i = 0; i < n; i++)
        if (items[i].doc && !items[i].rc && !(items[i].rc = prep_doc(items[i].doc, &p[i]))) todo++;
    if (todo) rc = write_queued(db, items, p, n);
out:
    if (rc) /* the transaction is lost: every item without an error of its own shares it */
        for (i = 0; i < n; i++)
            if (items[i].doc && !items[i].rc) {
                items[i].rc = rc;
                items[i].article_id = 0;
                items[i].created = 0;
            }
    for (i = 0; p && i < n; i++)
        prep_free(&p[i]);
    free(p);
    return rc;
}

int st_ingest_submit(struct st_db *db, const struct ex_doc *doc,
                     void (*done)(void *arg, int rc, int64_t article_id, int created), void *arg)
{
    struct st__ingest *g = NULL;
    int rc;

    if (!db || !doc || !doc->body || !done) return ST_EINVAL;
    /* one block: the queue entry, its item and what the item needs before the write lock */
    g = calloc(1, sizeof(*g) + sizeof(*g->items) + sizeof(*g->p));
    if (!g) return ST_ENOMEM;
    g->items = (struct st_batch_item *)(g + 1);
    g->p = (struct prep *)(g->items + 1);
    g->n = 1;
    g->items[0].doc = doc;
    g->done_fn = done;
    g->arg = arg;
    if ((rc = prep_doc(doc, &g->p[0]))) {
        free(g);
        return rc;
    }
    pthread_mutex_lock(&db->queue_lock);
    rc = enqueue(db, g);
    pthread_mutex_unlock(&db->queue_lock);
    if (rc) ingest_free(g);
    return rc;
}

/* A WAL smaller than this is left to the idle checkpoint: folding it in costs the caller a
 * checkpoint's fsync for next to nothing on disk. */
#define SETTLE_WAL_BYTES (4 << 20)

/* Whether st_settle has something to do: no ingest queued, and a WAL of SETTLE_WAL_BYTES. */
static int settle_wanted(struct st_db *db)
{
    struct stat st;
    pthread_mutex_lock(&db->queue_lock);
    int idle = !db->queue;
    pthread_mutex_unlock(&db->queue_lock);
    return idle && !stat(db->wal_path, &st) && st.st_size >= SETTLE_WAL_BYTES;
}

int st_settle(struct st_db *db)
{
    int rc = 0;

    if (!db) return ST_EINVAL;
    /* asked first without the write lock, so that a caller never waits for a group being
     * written only to find more work queued behind it (another connection's load) */
    if (!db->wal_path || !settle_wanted(db)) return 0;
    pthread_mutex_lock(&db->write_lock);
    if (settle_wanted(db)) rc = checkpoint_idle(db);
    pthread_mutex_unlock(&db->write_lock);
    return rc;
}

int st_ingest(struct st_db *db, const struct ex_doc *doc, int64_t *article_id, int *created)
{
    struct st_batch_item it = {.doc = doc};

    if (!db || !doc || !doc->body || !article_id || !created) return ST_EINVAL;
    int rc = st_ingest_batch(db, &it, 1);
    *article_id = it.article_id;
    *created = it.created;
    return it.rc ? it.rc : rc;
}

int st_article_delete(struct st_db *db, int64_t id)
{
    int rc = 0, in_tx = 0;
    if (!db || id <= 0) return id <= 0 && db ? ST_ENOTFOUND : ST_EINVAL;
    pthread_mutex_lock(&db->write_lock);
    st__memo_clear(db->memo); /* entities may go, and their keys with them */
    struct st__conn *w = db->writer;
    if ((rc = exec(w->db, "BEGIN IMMEDIATE"))) goto out;
    in_tx = 1;
    sqlite3_stmt *s = st__stmt(w, Q_ARTICLE_EXISTS);
    if (!s) {
        rc = ST_EIO;
        goto out;
    }
    sqlite3_bind_int64(s, 1, id);
    int r = sqlite3_step(s);
    sqlite3_reset(s);
    if (r == SQLITE_DONE) {
        rc = ST_ENOTFOUND;
        goto out;
    }
    if (r != SQLITE_ROW) {
        rc = st__error(w->db, r);
        goto out;
    }
    /* the statements' entity pairs and full-text rows go first: they are found through the
     * article's entities, statements and body, which the article's deletion removes */
    static const enum st_query steps[] = {Q_ARTICLE_UNCOUNT, Q_ARTICLE_STATEMENT_ENTITIES_DELETE,
                                          Q_ARTICLE_STATEMENTS_FTS_DELETE, Q_ARTICLE_DELETE,
                                          Q_ORPHANS_DELETE};
    for (size_t i = 0; i < sizeof(steps) / sizeof(*steps); i++) {
        if (!(s = st__stmt(w, steps[i]))) {
            rc = ST_EIO;
            goto out;
        }
        if (steps[i] != Q_ORPHANS_DELETE) sqlite3_bind_int64(s, 1, id);
        if ((rc = step_done(w, s))) goto out;
    }
    if ((rc = names_refresh(w, INT64_MAX)) || (rc = exec(w->db, "COMMIT"))) goto out;
    in_tx = 0;
    atomic_fetch_add(&db->version, 1);
out:
    if (in_tx) exec(w->db, "ROLLBACK");
    pthread_mutex_unlock(&db->write_lock);
    return rc;
}

/* ------------------------------------------------------------------ merge */

static int entity_kind(struct st__conn *w, int64_t id, char *kind, size_t size)
{
    sqlite3_stmt *s = st__stmt(w, Q_ENTITY_KIND);
    if (!s) return ST_EIO;
    sqlite3_bind_int64(s, 1, id);
    int r = sqlite3_step(s), rc = 0;
    if (r == SQLITE_ROW)
        snprintf(kind, size, "%s", (const char *)sqlite3_column_text(s, 0));
    else
        rc = r == SQLITE_DONE ? ST_ENOTFOUND : st__error(w->db, r);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc;
}

int st_entity_merge(struct st_db *db, int64_t into, int64_t from)
{
    static const enum st_query steps[] = {
        Q_MERGE_SPEAKERS,  Q_MERGE_ARTICLES,     Q_MERGE_ARTICLES_DROP,      Q_MERGE_ARTICLE_COUNTS,
        Q_MERGE_KEYS,      Q_MERGE_ALIASES,      Q_MERGE_NAMES_DIRTY,        Q_MERGE_TITLES,
        Q_MERGE_REDIRECTS, Q_MERGE_REDIRECT_ADD, Q_MERGE_STATEMENT_ENTITIES, Q_MERGE_DELETE,
        Q_MERGE_COUNTS};
    char k1[32], k2[32];
    int rc = 0, in_tx = 0;

    if (!db) return ST_EINVAL;
    if (into == from) return ST_EINVAL;
    pthread_mutex_lock(&db->write_lock);
    st__memo_clear(db->memo); /* keys, aliases and names move to another entity */
    struct st__conn *w = db->writer;
    if ((rc = exec(w->db, "BEGIN IMMEDIATE"))) goto out;
    in_tx = 1;
    if ((rc = entity_kind(w, into, k1, sizeof(k1))) || (rc = entity_kind(w, from, k2, sizeof(k2))))
        goto out;
    if (strcmp(k1, k2) != 0) {
        rc = ST_ECONFLICT;
        goto out;
    }
    for (size_t i = 0; i < sizeof(steps) / sizeof(*steps); i++) {
        sqlite3_stmt *s = st__stmt(w, steps[i]);
        if (!s) {
            rc = ST_EIO;
            goto out;
        }
        sqlite3_bind_int64(s, 1, into);
        sqlite3_bind_int64(s, 2, from);
        if ((rc = step_done(w, s))) goto out;
    }
    if ((rc = names_refresh(w, INT64_MAX)) || (rc = exec(w->db, "COMMIT"))) goto out;
    in_tx = 0;
    atomic_fetch_add(&db->version, 1);
out:
    if (in_tx) exec(w->db, "ROLLBACK");
    pthread_mutex_unlock(&db->write_lock);
    return rc;
}

int st_entity_redirect(struct st_db *db, int64_t id, int64_t *to)
{
    int rc;
    if (!db || !to) return ST_EINVAL;
    struct st__conn *c = st__acquire(db, &rc);
    if (!c) return rc;
    sqlite3_stmt *s = st__stmt(c, Q_REDIRECT);
    rc = ST_ENOTFOUND;
    if (s) {
        sqlite3_bind_int64(s, 1, id);
        int r = sqlite3_step(s);
        if (r == SQLITE_ROW) {
            *to = sqlite3_column_int64(s, 0);
            rc = 0;
        } else if (r != SQLITE_DONE) {
            rc = st__error(c->db, r);
        }
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
    } else {
        rc = ST_EIO;
    }
    st__release(db, c);
    return rc;
}
