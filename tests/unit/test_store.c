/*
 * test_store.c: libstore against a real SQLite file in a temporary directory: migrations,
 * ingest and read-back, duplicates, entities shared across articles, delete, keyset
 * pagination, FTS errors. Documents are built with ex_extract_text and, where a test needs
 * entities or statements of a known shape, completed by hand in the document's arena so the
 * store is tested independently of extraction quality.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "extract/arena.h"
#include "store/internal.h"
#include "store/store.h"

#include <sqlite3.h>

static char dir[64];
static char path[128];

static void setup(void)
{
    strcpy(dir, "/tmp/ng-store-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/t.db", dir);
}

static void teardown(void)
{
    char cmd[160];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
}

TestSuite(store, .init = setup, .fini = teardown);

static struct ex_doc *doc_of(const char *text)
{
    struct ex_doc *d = NULL;
    cr_assert_eq(ex_extract_text(text, strlen(text), "2022-01-08", &d, NULL), 0);
    return d;
}

/* Replaces the document's entities with one person: name, one alias, mentions at every
 * occurrence of each surface form in the body. */
static void set_person(struct ex_doc *d, const char *name, const char *alias)
{
    struct ex_entity *e = ex__arena_alloc(d->arena, sizeof(*e));
    e->id = 0;
    e->kind = EX_PERSON;
    e->name = name;
    e->link = -1;
    e->salience = 0.5;
    if (alias) {
        e->aliases = ex__arena_alloc(d->arena, sizeof(char *));
        e->aliases[0] = alias;
        e->n_aliases = 1;
    }
    e->mentions = ex__arena_alloc(d->arena, 16 * sizeof(*e->mentions));
    const char *forms[2] = {name, alias};
    for (int f = 0; f < 2; f++) {
        if (!forms[f]) continue;
        for (const char *p = d->body; (p = strstr(p, forms[f])) && e->n_mentions < 16; p++) {
            int inside = 0; /* "Roe" inside "Jane Roe" is not a mention of its own */
            for (size_t k = 0; k < e->n_mentions; k++)
                inside |= (uint32_t)(p - d->body) >= e->mentions[k].span.start &&
                          (uint32_t)(p - d->body) < e->mentions[k].span.end;
            if (inside) continue;
            e->mentions[e->n_mentions].span.start = (uint32_t)(p - d->body);
            e->mentions[e->n_mentions].span.end = (uint32_t)(p - d->body + strlen(forms[f]));
            e->n_mentions++;
            p += strlen(forms[f]) - 1;
        }
    }
    d->entities = e;
    d->n_entities = 1;
}

/* One direct statement by entity 0, quoting the text between the first pair of “ ”. */
static void set_quote(struct ex_doc *d)
{
    const char *o = strstr(d->body, "\xe2\x80\x9c"), *c = strstr(d->body, "\xe2\x80\x9d");
    cr_assert(o && c && c > o);
    struct ex_statement *s = ex__arena_alloc(d->arena, sizeof(*s));
    s->kind = EX_DIRECT;
    s->speaker.entity_id = 0;
    s->content.start = s->quote.start = (uint32_t)(o + 3 - d->body);
    s->content.end = s->quote.end = (uint32_t)(c - d->body);
    s->span.start = (uint32_t)(o - d->body);
    s->span.end = (uint32_t)(c + 3 - d->body);
    d->statements = s;
    d->n_statements = 1;
}

static int64_t count_articles(struct st_db *db)
{
    struct st_stats st;
    cr_assert_eq(st_stats(db, &st), 0);
    return st.articles;
}

Test(store, migrations_are_idempotent)
{
    struct st_db *db = NULL;
    int applied = 0, known = 0;
    cr_assert_eq(st_open(path, &db), 0);
    cr_assert_eq(st_schema_version(db, &applied, &known), 0);
    cr_expect_gt(known, 0);
    cr_expect_eq(applied, known);
    st_close(db);
    cr_assert_eq(st_open(path, &db), 0, "reopening applies nothing twice");
    cr_assert_eq(st_schema_version(db, &applied, &known), 0);
    cr_expect_eq(applied, known);
    cr_expect_eq(st_ping(db), 0);
    st_close(db);
}

Test(store, open_rejects_bad_paths)
{
    struct st_db *db = (struct st_db *)1;
    cr_expect_eq(st_open("", &db), ST_EINVAL);
    cr_expect_null(db);
    cr_expect_lt(st_open("/nonexistent-dir/x/y.db", &db), 0);
    cr_expect_null(db);
}

Test(store, ingest_roundtrip_and_duplicate)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    struct ex_doc *d = doc_of("Title here\n\nJane Roe said “we will win” in Almaty. Roe left.");
    set_person(d, "Jane Roe", "Roe");
    set_quote(d);
    int64_t id = 0, id2 = 0;
    int created = 0;
    int64_t v0 = st_data_version(db);
    cr_assert_eq(st_ingest(db, d, &id, &created), 0);
    cr_expect_eq(created, 1);
    cr_expect_gt(id, 0);
    cr_expect_neq(st_data_version(db), v0, "a write changes the data version");

    cr_assert_eq(st_ingest(db, d, &id2, &created), 0);
    cr_expect_eq(created, 0, "same body: no second copy");
    cr_expect_eq(id2, id);
    cr_expect_eq(count_articles(db), 1);

    struct st_articles *a = NULL;
    cr_assert_eq(st_article_get(db, id, &a), 0);
    cr_assert_eq(a->n, 1);
    cr_expect_str_eq(a->items[0].title, "Title here");
    cr_expect_str_eq(a->items[0].body, d->body);
    cr_expect_eq(strlen(a->items[0].sha256), 64);
    cr_expect_eq(a->items[0].n_entities, 1);
    cr_expect_eq(a->items[0].n_mentions, 2);
    cr_expect_eq(a->items[0].n_statements, 1);
    st_articles_free(a);

    struct st_entities *es = NULL;
    cr_assert_eq(st_article_entities(db, id, &es), 0);
    cr_assert_eq(es->n, 1);
    cr_expect_str_eq(es->items[0].name, "Jane Roe");
    cr_assert_eq(es->items[0].n_aliases, 1);
    cr_expect_str_eq(es->items[0].aliases[0], "Roe");
    cr_assert_eq(es->items[0].n_mention_items, 2);
    cr_expect_str_eq(es->items[0].mentions[0].text, "Jane Roe");
    /* "Jane Roe said “" : the quote mark is one code point but three bytes */
    struct st_statements *ss = NULL;
    struct st_statement_query sq = {.article_id = id, .limit = 10};
    cr_assert_eq(st_statements_list(db, &sq, &ss), 0);
    cr_assert_eq(ss->n, 1);
    cr_expect_str_eq(ss->items[0].content, "we will win");
    cr_expect_str_eq(ss->items[0].speaker_name, "Jane Roe");
    cr_expect_eq(ss->items[0].speaker_entity_id, es->items[0].id);
    cr_expect_eq(ss->items[0].span.start[EX_UNIT_UTF8] - ss->items[0].span.start[EX_UNIT_CODEPOINT],
                 0);
    cr_expect_eq(ss->items[0].quote_span.start[EX_UNIT_UTF8] -
                     ss->items[0].quote_span.start[EX_UNIT_CODEPOINT],
                 2, "the opening mark is 3 bytes, 1 code point");
    st_statements_free(ss);
    st_entities_free(es);
    ex_doc_free(d);
    st_close(db);
}

Test(store, entities_meet_across_articles_by_alias)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    struct ex_doc *d1 = doc_of("One\n\nPresident Jane Roe spoke. Roe left.");
    set_person(d1, "Jane Roe", "Roe");
    struct ex_doc *d2 = doc_of("Two\n\nRoe returned on Monday.");
    set_person(d2, "Roe", NULL);
    int64_t a1, a2;
    int c;
    cr_assert_eq(st_ingest(db, d1, &a1, &c), 0);
    cr_assert_eq(st_ingest(db, d2, &a2, &c), 0);
    struct st_entities *l = NULL;
    struct st_entity_query q = {.kind = "person", .limit = 10};
    cr_assert_eq(st_entities_list(db, &q, &l), 0);
    cr_assert_eq(l->n, 1, "\"Roe\" found the stored \"Jane Roe\"");
    cr_expect_str_eq(l->items[0].name, "Jane Roe", "the fullest form stays canonical");
    cr_expect_eq(l->items[0].n_articles, 2);
    cr_expect_eq(l->items[0].n_mentions, 3);
    st_entities_free(l);

    /* deleting the first article keeps the entity (still named in the second) */
    cr_assert_eq(st_article_delete(db, a1), 0);
    cr_assert_eq(st_entities_list(db, &q, &l), 0);
    cr_assert_eq(l->n, 1);
    cr_expect_eq(l->items[0].n_articles, 1);
    cr_expect_eq(l->items[0].n_mentions, 1);
    st_entities_free(l);
    /* deleting the second removes the orphan */
    cr_assert_eq(st_article_delete(db, a2), 0);
    cr_assert_eq(st_entities_list(db, &q, &l), 0);
    cr_expect_eq(l->n, 0);
    st_entities_free(l);
    cr_expect_eq(st_article_delete(db, a2), ST_ENOTFOUND);
    ex_doc_free(d1);
    ex_doc_free(d2);
    st_close(db);
}

Test(store, pagination_is_stable_under_inserts)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    char text[64];
    int64_t id;
    int c;
    for (int i = 0; i < 5; i++) {
        snprintf(text, sizeof(text), "T%d\n\nBody number %d.", i, i);
        struct ex_doc *d = doc_of(text);
        cr_assert_eq(st_ingest(db, d, &id, &c), 0);
        ex_doc_free(d);
    }
    struct st_article_query q = {.limit = 2};
    struct st_articles *p1 = NULL, *p2 = NULL;
    cr_assert_eq(st_articles_list(db, &q, &p1), 0);
    cr_assert_eq(p1->n, 2);
    cr_expect(p1->more);
    cr_expect_gt(p1->items[0].id, p1->items[1].id, "newest first");
    /* a new article between two pages must not shift the second page */
    struct ex_doc *d = doc_of("Late\n\nA late body.");
    cr_assert_eq(st_ingest(db, d, &id, &c), 0);
    ex_doc_free(d);
    q.after = p1->next;
    cr_assert_eq(st_articles_list(db, &q, &p2), 0);
    cr_assert_eq(p2->n, 2);
    cr_expect_eq(p2->items[0].id, p1->items[1].id - 1);
    cr_expect_null(p2->items[0].body, "lists carry no body");
    st_articles_free(p1);
    st_articles_free(p2);
    q.after.id = 2;
    cr_assert_eq(st_articles_list(db, &q, &p1), 0);
    cr_expect_eq(p1->n, 1);
    cr_expect_not(p1->more);
    st_articles_free(p1);
    st_close(db);
}

Test(store, bad_fts_query_is_a_query_error)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    struct st_statements *l = NULL;
    struct st_statement_query q = {.q = "\"unbalanced AND (", .limit = 5};
    cr_expect_eq(st_statements_list(db, &q, &l), ST_EQUERY);
    cr_expect_null(l);
    q.q = "kill";
    cr_assert_eq(st_statements_list(db, &q, &l), 0);
    cr_expect_eq(l->n, 0);
    st_statements_free(l);
    st_close(db);
}

/* A malformed full-text query is ST_EQUERY on every list that takes one, whichever
 * statement serves it (led by the index, which parses it at its first step, or filtered per
 * row, which may never reach it), with rows stored or not. */
Test(store, bad_fts_query_fails_every_list)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    const char *bad[] = {"\"unbalanced AND (", "nosuchcolumn: kill", "AND", "kill OR"};
    for (int filled = 0; filled < 2; filled++) {
        if (filled) {
            struct ex_doc *d =
                doc_of("Title\n\nJane Roe said: \xe2\x80\x9cThe order is to kill.\xe2\x80\x9d");
            set_person(d, "Jane Roe", NULL);
            set_quote(d);
            int64_t id = 0;
            int c = 0;
            cr_assert_eq(st_ingest(db, d, &id, &c), 0);
            ex_doc_free(d);
        }
        for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
            struct st_articles *al = NULL;
            struct st_article_query aq = {.q = bad[i], .limit = 5};
            cr_expect_eq(st_articles_list(db, &aq, &al), ST_EQUERY, "articles %s", bad[i]);
            cr_expect_null(al);
            struct st_statements *sl = NULL;
            struct st_statement_query sq = {.q = bad[i], .limit = 5};
            cr_expect_eq(st_statements_list(db, &sq, &sl), ST_EQUERY, "statements %s", bad[i]);
            sq.article_id = 1; /* one article's statements: the text is tested per row */
            cr_expect_eq(st_statements_list(db, &sq, &sl), ST_EQUERY, "article's %s", bad[i]);
            cr_expect_null(sl);
        }
        struct st_articles *al = NULL;
        struct st_article_query aq = {.q = "kill", .limit = 5};
        cr_assert_eq(st_articles_list(db, &aq, &al), 0);
        cr_expect_eq(al->n, (size_t)filled);
        st_articles_free(al);
    }
    st_close(db);
}

Test(store, missing_rows_are_not_found)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    struct st_articles *a = NULL;
    struct st_entities *e = NULL;
    cr_expect_eq(st_article_get(db, 42, &a), ST_ENOTFOUND);
    cr_expect_eq(st_article_get(db, -1, &a), ST_ENOTFOUND);
    cr_expect_eq(st_article_entities(db, 42, &e), ST_ENOTFOUND);
    cr_expect_eq(st_entity_get(db, 42, &e), ST_ENOTFOUND);
    cr_expect_null(a);
    cr_expect_null(e);
    st_close(db);
}

/* A statement whose kind violates the schema's CHECK fails the whole ingest: the article
 * written before it in the same transaction must not survive. */
Test(store, failed_ingest_writes_nothing)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    struct ex_doc *d = doc_of("Title\n\nJane Roe said “no” today.");
    set_person(d, "Jane Roe", NULL);
    set_quote(d);
    d->statements[0].kind = (enum ex_statement_kind)EX_STATEMENT_KIND_COUNT; /* not storable */
    int64_t id = 7;
    int created = 7;
    cr_expect_lt(st_ingest(db, d, &id, &created), 0);
    cr_expect_eq(id, 0);
    cr_expect_eq(created, 0);
    cr_expect_eq(count_articles(db), 0);
    struct st_stats st;
    cr_assert_eq(st_stats(db, &st), 0);
    cr_expect_eq(st.entities + st.mentions + st.statements, 0);
    ex_doc_free(d);
    st_close(db);
}

/* A read past its time budget is interrupted, not left to hold the thread. */
Test(store, query_budget_interrupts_reads)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    struct ex_doc *d =
        doc_of("Title\n\nJane Roe said \xe2\x80\x9cwe will kill the bill\xe2\x80\x9d today.");
    set_person(d, "Jane Roe", NULL);
    set_quote(d);
    int64_t id;
    int c;
    cr_assert_eq(st_ingest(db, d, &id, &c), 0);
    for (int i = 0; i < 40; i++) { /* enough rows that the query runs a while */
        char text[96];
        snprintf(text, sizeof(text), "T%d\n\nJohn Doe%d said \xe2\x80\x9cnothing %d\xe2\x80\x9d.",
                 i, i, i);
        struct ex_doc *e = doc_of(text);
        set_person(e, "John", NULL);
        set_quote(e);
        cr_assert_eq(st_ingest(db, e, &id, &c), 0);
        ex_doc_free(e);
    }
    struct st_statements *l = NULL;
    struct st_statement_query q = {.kind = "direct", .limit = 100};
    st_set_query_budget(db, 0);
    cr_expect_eq(st_statements_list(db, &q, &l), ST_ETIMEOUT);
    cr_expect_null(l);
    st_set_query_budget(db, 2000);
    cr_assert_eq(st_statements_list(db, &q, &l), 0, "the same query within budget");
    cr_expect_eq(l->n, 41);
    st_statements_free(l);
    ex_doc_free(d);
    st_close(db);
}

/* The data version the response cache keys on: stable while nothing commits, changed by a
 * commit through this handle and by one from another connection (another process). */
Test(store, data_version_sees_every_commit)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    int64_t v1 = st_data_version(db);
    cr_expect_eq(st_data_version(db), v1, "no commit, no change");
    struct ex_doc *d = doc_of("Title\n\nJane Roe spoke.");
    int64_t id;
    int c;
    cr_assert_eq(st_ingest(db, d, &id, &c), 0);
    int64_t v2 = st_data_version(db);
    cr_expect_neq(v2, v1, "a commit through the handle");
    sqlite3 *other = NULL;
    cr_assert_eq(sqlite3_open(path, &other), SQLITE_OK);
    sqlite3_busy_timeout(other, 5000); /* the store checkpoints when idle */
    cr_assert_eq(sqlite3_exec(other, "CREATE TABLE outside (x); INSERT INTO outside VALUES (1);",
                              NULL, NULL, NULL),
                 SQLITE_OK);
    int64_t v3 = st_data_version(db);
    cr_expect_neq(v3, v2, "a commit by another connection");
    cr_expect_eq(st_data_version(db), v3);
    cr_assert_eq(sqlite3_exec(other, "INSERT INTO outside VALUES (2);", NULL, NULL, NULL),
                 SQLITE_OK);
    cr_expect_neq(st_data_version(db), v3, "and the next one");
    sqlite3_close(other);
    ex_doc_free(d);
    st_close(db);
}

/* A batch is one transaction with a savepoint per item: the item that cannot be stored (a
 * statement kind the schema refuses) is rolled back alone with its own error, the others
 * commit; a body twice in the batch is stored once, the second answering the first's id;
 * the counts and the full-text index hold exactly what committed. */
Test(store, batch_isolates_a_failing_item)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    struct ex_doc *a = doc_of("One\n\nJane Roe said “we will win” in Almaty.");
    struct ex_doc *b = doc_of("Two\n\nJane Roe said “never” in Oslo.");
    struct ex_doc *c = doc_of("Three\n\nJane Roe said “tomorrow” in Lima.");
    struct ex_doc *again = doc_of("One again\n\nJane Roe said “we will win” in Almaty.");
    set_person(a, "Jane Roe", NULL);
    set_quote(a);
    set_person(b, "Jane Roe", NULL);
    set_quote(b);
    b->statements[0].kind = (enum ex_statement_kind)EX_STATEMENT_KIND_COUNT; /* not storable */
    set_person(c, "Jane Roe", NULL);
    set_quote(c);
    struct st_batch_item it[5] = {
        {.doc = a}, {.doc = b}, {.doc = NULL}, {.doc = c}, {.doc = again}};
    it[2].rc = 99; /* no document: left alone */

    cr_assert_eq(st_ingest_batch(db, it, 5), 0);
    cr_expect_eq(it[0].rc, 0);
    cr_expect_eq(it[0].created, 1);
    cr_expect_eq(it[1].rc, ST_ECONFLICT, "the bad item has its own error");
    cr_expect_eq(it[1].created, 0);
    cr_expect_eq(it[1].article_id, 0);
    cr_expect_eq(it[3].rc, 0);
    cr_expect_eq(it[3].created, 1);
    cr_expect_eq(it[4].rc, 0);
    cr_expect_eq(it[4].created, 0, "the same body within the batch is a duplicate");
    cr_expect_eq(it[4].article_id, it[0].article_id);
    cr_expect_eq(count_articles(db), 2);

    struct st_entities *es = NULL;
    struct st_entity_query eq = {.kind = "person", .limit = 10};
    cr_assert_eq(st_entities_list(db, &eq, &es), 0);
    cr_assert_eq(es->n, 1);
    cr_expect_eq(es->items[0].n_articles, 2, "the rolled back item is not counted");
    cr_expect_eq(es->items[0].n_mentions, 2);
    st_entities_free(es);

    struct st_articles *l = NULL;
    struct st_article_query aq = {.limit = 10, .q = "Lima"};
    cr_assert_eq(st_articles_list(db, &aq, &l), 0);
    cr_assert_eq(l->n, 1, "articles of a batch are searchable");
    cr_expect_eq(l->items[0].id, it[3].article_id);
    st_articles_free(l);
    aq.q = "Oslo";
    cr_assert_eq(st_articles_list(db, &aq, &l), 0);
    cr_expect_eq(l->n, 0, "nothing of the failed item is indexed");
    st_articles_free(l);
    struct st_statements *ss = NULL;
    struct st_statement_query sq = {.limit = 10, .q = "tomorrow OR never OR win"};
    cr_assert_eq(st_statements_list(db, &sq, &ss), 0);
    cr_expect_eq(ss->n, 2, "statements of a batch are searchable");
    st_statements_free(ss);

    ex_doc_free(a);
    ex_doc_free(b);
    ex_doc_free(c);
    ex_doc_free(again);
    st_close(db);
}

/* The names of the entities whose q search finds them (one page of 10). */
static size_t entities_found(struct st_db *db, const char *q, const char *name)
{
    struct st_entities *es = NULL;
    struct st_entity_query eq = {.q = q, .limit = 10};
    cr_assert_eq(st_entities_list(db, &eq, &es), 0);
    size_t n = es->n;
    if (name) {
        cr_assert_eq(n, 1, "q=%s", q);
        cr_expect_str_eq(es->items[0].name, name);
    }
    st_entities_free(es);
    return n;
}

/* A batch is written in one transaction without savepoints first; when an item fails, it is
 * rolled back and written again item by item. The name index must then hold what the
 * replay committed: a new alias of an entity stored before (marked by the writer), an
 * entity created in the batch (written from its aliases), and nothing of the failed item. */
Test(store, batch_replay_keeps_the_name_index)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    struct ex_doc *old = doc_of("Zero\n\nJane Roe spoke in Almaty.");
    set_person(old, "Jane Roe", NULL);
    int64_t id;
    int created;
    cr_assert_eq(st_ingest(db, old, &id, &created), 0);
    struct ex_doc *a = doc_of("One\n\nJane Roe, whom friends call Janey, said “we will win”.");
    struct ex_doc *b = doc_of("Two\n\nKarl Ozbad said “never”.");
    struct ex_doc *c = doc_of("Three\n\nMira Stonefield said “tomorrow”.");
    set_person(a, "Jane Roe", "Janey");
    set_quote(a);
    set_person(b, "Karl Ozbad", NULL);
    set_quote(b);
    b->statements[0].kind = (enum ex_statement_kind)EX_STATEMENT_KIND_COUNT; /* not storable */
    set_person(c, "Mira Stonefield", NULL);
    set_quote(c);
    struct st_batch_item it[3] = {{.doc = a}, {.doc = b}, {.doc = c}};

    cr_assert_eq(st_ingest_batch(db, it, 3), 0);
    cr_expect_eq(it[0].rc, 0);
    cr_expect_eq(it[1].rc, ST_ECONFLICT);
    cr_expect_eq(it[2].rc, 0);
    cr_expect_eq(it[2].created, 1);
    entities_found(db, "aney", "Jane Roe");
    entities_found(db, "tonefie", "Mira Stonefield");
    cr_expect_eq(entities_found(db, "zbad", NULL), 0, "the failed item's entity is gone");
    cr_expect_eq(count_articles(db), 3);

    /* and a batch without a failure, one transaction, does the same */
    struct ex_doc *d = doc_of("Four\n\nJane Roe, or J. Roe, met Olga Quillfeather.");
    set_person(d, "Jane Roe", "J. Roe");
    struct st_batch_item more[1] = {{.doc = d}};
    cr_assert_eq(st_ingest_batch(db, more, 1), 0);
    cr_expect_eq(more[0].rc, 0);
    entities_found(db, "J. R", "Jane Roe");
    entities_found(db, "aney", "Jane Roe");
    ex_doc_free(old);
    ex_doc_free(a);
    ex_doc_free(b);
    ex_doc_free(c);
    ex_doc_free(d);
    st_close(db);
}

struct racer {
    struct st_db *db;
    int n, created;
};

static void *race(void *arg)
{
    struct racer *r = arg;
    char text[128];
    for (int i = 0; i < 20; i++) {
        snprintf(text, sizeof(text), "Report\n\nJane Roe spoke in Paris to group %d on day %d.",
                 r->n, i);
        struct ex_doc *d = NULL;
        if (ex_extract_text(text, strlen(text), NULL, &d, NULL)) return NULL;
        set_person(d, "Jane Roe", NULL);
        int64_t id = 0;
        int created = 0;
        if (st_ingest(r->db, d, &id, &created) == 0 && created && id > 0) r->created++;
        ex_doc_free(d);
    }
    return NULL;
}

/* Concurrent ingests may share transactions (group commit): each still gets its own id and
 * the entity's counts add up. */
Test(store, concurrent_ingests_all_commit)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    pthread_t t[6];
    struct racer r[6];
    for (int i = 0; i < 6; i++) {
        r[i] = (struct racer){db, i, 0};
        cr_assert_eq(pthread_create(&t[i], NULL, race, &r[i]), 0);
    }
    for (int i = 0; i < 6; i++) {
        pthread_join(t[i], NULL);
        cr_expect_eq(r[i].created, 20);
    }
    cr_expect_eq(count_articles(db), 120);
    struct st_entities *es = NULL;
    struct st_entity_query eq = {.kind = "person", .limit = 10};
    cr_assert_eq(st_entities_list(db, &eq, &es), 0);
    cr_assert_eq(es->n, 1);
    cr_expect_eq(es->items[0].n_articles, 120);
    cr_expect_eq(es->items[0].n_mentions, 120);
    st_entities_free(es);
    st_close(db);
}

/* Replaces the document's entities with people named names[0..n), the i-th with reps[i]
 * mentions (at the first reps[i] occurrences of its name in the body; 1 when reps is NULL). */
static void set_people(struct ex_doc *d, const char *const *names, size_t n, const int *reps)
{
    struct ex_entity *es = ex__arena_alloc(d->arena, n * sizeof(*es));
    for (size_t i = 0; i < n; i++) {
        struct ex_entity *e = &es[i];
        memset(e, 0, sizeof(*e));
        e->id = (int)i;
        e->kind = EX_PERSON;
        e->name = ex__arena_strndup(d->arena, names[i], strlen(names[i]));
        e->link = -1;
        e->salience = 0.5;
        e->n_mentions = reps ? (size_t)reps[i] : 1;
        e->mentions = ex__arena_alloc(d->arena, e->n_mentions * sizeof(*e->mentions));
        const char *p = d->body - 1;
        for (size_t m = 0; m < e->n_mentions; m++) {
            p = strstr(p + 1, names[i]);
            cr_assert_not_null(p, "%s is in the body %zu times", names[i], m + 1);
            e->mentions[m].span.start = (uint32_t)(p - d->body);
            e->mentions[m].span.end = (uint32_t)(p - d->body + strlen(names[i]));
        }
    }
    d->entities = es;
    d->n_entities = n;
}

/* ASCII case-insensitive substring, as SQLite's LIKE. */
static int has_ascii_ci(const char *s, const char *q)
{
    size_t n = strlen(q);
    for (; *s; s++)
        if (strncasecmp(s, q, n) == 0) return 1;
    return 0;
}

/* The entities of a list query, following its cursors, limit rows a page, at most pages
 * pages; ids in *ids and, unless names is NULL, names in names (32 bytes each). */
static size_t all_pages(struct st_db *db, struct st_entity_query q, int64_t *ids, char (*names)[32],
                        size_t cap, int pages)
{
    size_t n = 0;
    char name[64] = "";
    while (pages-- > 0) {
        struct st_entities *l = NULL;
        cr_assert_eq(st_entities_list(db, &q, &l), 0, "q=%s", q.q ? q.q : "");
        for (size_t i = 0; i < l->n; i++) {
            cr_assert_lt(n, cap);
            if (names) snprintf(names[n], 32, "%s", l->items[i].name);
            ids[n++] = l->items[i].id;
        }
        int more = l->more;
        q.after = l->next;
        if (l->next.text) {
            snprintf(name, sizeof(name), "%s", l->next.text);
            q.after.text = name;
        }
        st_entities_free(l);
        if (!more) break;
    }
    return n;
}

/* q takes one of several paths (trigram candidates sorted; the sort's index walked and each
 * row tested against the trigram matches; the name index range of a short q; the walk with
 * the prefix tested per row), chosen by how many entities match: whichever one serves it,
 * every order pages to exactly the entities whose name holds q (from three characters) or
 * starts with it (below three), in that order. 2,600 entities make both sides of the
 * choice (it switches at 2,000 matches) happen. */
Test(store, entity_q_every_path_gives_the_same_rows, .timeout = 60)
{
    enum { DOCS = 26, PER = 100, ALL = DOCS * PER };
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    struct st_batch_item items[DOCS];
    struct ex_doc *docs[DOCS];
    static char names[ALL][32];
    for (int k = 0; k < DOCS; k++) {
        char body[PER * 3 * 16 + 16] = "Names\n\n";
        const char *list[PER];
        int reps[PER];
        for (int i = 0; i < PER; i++) {
            int g = k * PER + i;
            snprintf(names[g], sizeof(names[g]), "Zedra Kol%c%02d", 'a' + k, i);
            list[i] = names[g];
            reps[i] = 1 + g % 3; /* ties in the count orders, broken by id */
            for (int m = 0; m < reps[i]; m++) {
                strcat(body, names[g]);
                strcat(body, ". ");
            }
        }
        docs[k] = doc_of(body);
        set_people(docs[k], list, PER, reps);
        items[k] = (struct st_batch_item){.doc = docs[k]};
    }
    cr_assert_eq(st_ingest_batch(db, items, DOCS), 0);
    for (int k = 0; k < DOCS; k++) {
        cr_assert_eq(items[k].rc, 0, "item %d: %s", k, st_strerror(items[k].rc));
        ex_doc_free(docs[k]);
    }
    /* the first holds every trigram of "abcd", not "abcd": the index finds it, LIKE does not */
    const char *odd[] = {"Bcd Abc", "Abcd Efg"};
    struct ex_doc *od = doc_of("Odd\n\nBcd Abc met Abcd Efg.");
    set_people(od, odd, 2, NULL);
    int64_t oid;
    int oc;
    cr_assert_eq(st_ingest(db, od, &oid, &oc), 0);
    ex_doc_free(od);
    static int64_t every[3][ALL + 8], got[ALL + 8];
    static char every_name[3][ALL + 8][32];
    for (int sort = 0; sort < 3; sort++) { /* the unfiltered orders */
        struct st_entity_query q = {.limit = 500, .sort = sort};
        cr_assert_eq(all_pages(db, q, every[sort], every_name[sort], ALL + 8, 100), ALL + 2);
    }
    /* 2,600 matches: the walks (trigram matches; the prefix tested per row, or the name
     * range in name order); 100 and 10: the sorted trigram candidates (with case folded);
     * none; the trigrams of "abcd" without "abcd" */
    const char *qs[] = {"zedra", "Ze", "kolc", "Kold0", "ol", "K", "xyz", "abcd", "Bcd"};
    for (size_t t = 0; t < sizeof(qs) / sizeof(*qs); t++) {
        for (int sort = 0; sort < 3; sort++) {
            size_t want = 0;
            static int64_t expect[ALL + 2];
            for (size_t i = 0; i < ALL + 2; i++) {
                const char *nm = every_name[sort][i];
                int hit = strlen(qs[t]) >= 3 ? has_ascii_ci(nm, qs[t])
                                             : strncasecmp(nm, qs[t], strlen(qs[t])) == 0;
                if (hit) expect[want++] = every[sort][i];
            }
            /* three pages that end inside runs of equal counts, then one of 500: the lead is
             * chosen again for every page (few enough pages for valgrind) */
            for (size_t limit = 97; limit <= 500; limit += 403) {
                struct st_entity_query q = {.q = qs[t], .limit = limit, .sort = sort};
                int pages = limit == 97 ? 3 : 1;
                size_t n = all_pages(db, q, got, NULL, ALL + 8, pages);
                size_t seen = want < limit * (size_t)pages ? want : limit * (size_t)pages;
                cr_expect_eq(n, seen, "q=%s sort %d limit %zu: %zu rows, want %zu", qs[t], sort,
                             limit, n, seen);
                cr_expect_arr_eq(got, expect, (n < seen ? n : seen) * sizeof(*got), "q=%s sort %d",
                                 qs[t], sort);
            }
        }
    }
    st_close(db);
}

/* The sorted trigram lead reads its candidates' rows and sorts and filters them itself
 * (store/query.c, fts_list), where the other leads leave that to SQL: names that differ only
 * in case, and bytes past ASCII, come in the order of the name index (NOCASE), and a kind
 * filter and every cursor hold as they do in the walk of the same sort without q. */
Test(store, entity_q_sorted_in_c_as_in_sql)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    const char *names[] = {"Zorka Bell", "zorka Adams", "ZORKA Cole", "Zork\xc3\xa1 Li",
                           "Zorkaz",     "Zorka",       "Vel Zorkan", "zorkA Bell Two"};
    const int reps[] = {2, 1, 3, 1, 2, 2, 1, 3};
    char body[512] = "Zork\n\n";
    for (int i = 0; i < 8; i++)
        for (int m = 0; m < reps[i]; m++) {
            strcat(body, names[i]);
            strcat(body, ". ");
        }
    struct ex_doc *d = doc_of(body);
    set_people(d, names, 8, reps);
    for (int i = 4; i < 8; i++)
        d->entities[i].kind = EX_ORGANIZATION;
    int64_t id;
    int created;
    cr_assert_eq(st_ingest(db, d, &id, &created), 0);
    ex_doc_free(d);
    const char *kinds[] = {NULL, "person", "organization"};
    for (int sort = 0; sort < 3; sort++)
        for (int k = 0; k < 3; k++) {
            int64_t all[16], want[16], got[16];
            char all_names[16][32];
            struct st_entity_query q = {.kind = kinds[k], .limit = 50, .sort = sort};
            size_t n_all = all_pages(db, q, all, all_names, 16, 1), n_want = 0;
            for (size_t i = 0; i < n_all; i++)
                if (has_ascii_ci(all_names[i], "zork")) want[n_want++] = all[i];
            cr_assert_eq(n_want, k == 0 ? 8 : 4);
            for (size_t limit = 1; limit <= 3; limit++) { /* pages ending everywhere */
                q = (struct st_entity_query){
                    .kind = kinds[k], .q = "zork", .limit = limit, .sort = sort};
                size_t n = all_pages(db, q, got, NULL, 16, 16);
                cr_expect_eq(n, n_want, "sort %d kind %d limit %zu", sort, k, limit);
                cr_expect_arr_eq(got, want, n_want * sizeof(*got), "sort %d kind %d limit %zu",
                                 sort, k, limit);
            }
        }
    st_close(db);
}

static int64_t count_sql(const char *sql)
{
    sqlite3 *raw = NULL;
    sqlite3_stmt *s = NULL;
    cr_assert_eq(sqlite3_open(path, &raw), SQLITE_OK);
    sqlite3_busy_timeout(raw, 5000); /* the store checkpoints when idle */
    cr_assert_eq(sqlite3_prepare_v2(raw, sql, -1, &s, NULL), SQLITE_OK, "%s", sqlite3_errmsg(raw));
    cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(raw);
    return v;
}

static int64_t ingest_people(struct st_db *db, const char *text, const char *const *names, size_t n)
{
    struct ex_doc *d = doc_of(text);
    set_people(d, names, n, NULL);
    int64_t id = 0;
    int c = 0;
    cr_assert_eq(st_ingest(db, d, &id, &c), 0);
    cr_assert_eq(c, 1);
    ex_doc_free(d);
    return id;
}

static int64_t entity_named(struct st_db *db, const char *name)
{
    struct st_entity_query q = {.q = name, .limit = 50};
    struct st_entities *l = NULL;
    int64_t id = 0;
    cr_assert_eq(st_entities_list(db, &q, &l), 0);
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].name, name) == 0) id = l->items[i].id;
    st_entities_free(l);
    return id;
}

/* The trigram index of names follows every write that adds or removes an alias: ingest
 * (new entities, new aliases of stored ones), merge (the duplicate's names move), delete
 * (orphans go); its rows always equal the aliases (FTS5's integrity check compares the
 * index with its content) and nothing is left marked between transactions. */
Test(store, names_index_follows_every_write)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    const char *two[] = {"Jane Roe", "Ivo Brandt"};
    int64_t a1 = ingest_people(db, "One\n\nJane Roe met Ivo Brandt.", two, 2);
    const char *one[] = {"Janet Rowe"};
    int64_t a2 = ingest_people(db, "Two\n\nJanet Rowe spoke.", one, 1);
    const char *check =
        "SELECT (SELECT count(*) FROM entity_names_fts) = (SELECT count(*) FROM entities)"
        " AND NOT EXISTS (SELECT 1 FROM entity_names_dirty)"
        " AND NOT EXISTS (SELECT 1 FROM entities AS e WHERE (SELECT names FROM entity_names_fts"
        " WHERE rowid = e.id) IS NOT (SELECT group_concat(alias, char(10)) FROM (SELECT alias"
        " FROM entity_aliases WHERE entity_id = e.id)))";
    cr_expect_eq(count_sql(check), 1);
    int64_t roe = entity_named(db, "Jane Roe"), rowe = entity_named(db, "Janet Rowe");
    cr_assert(roe && rowe);
    cr_assert_eq(st_entity_merge(db, roe, rowe), 0);
    cr_expect_eq(count_sql(check), 1, "after merge");
    cr_expect_eq(entity_named(db, "Janet Rowe"), 0, "no entity has that name any more");
    struct st_entity_query q = {.q = "et Row", .limit = 5};
    struct st_entities *l = NULL;
    cr_assert_eq(st_entities_list(db, &q, &l), 0);
    cr_assert_eq(l->n, 1);
    cr_expect_eq(l->items[0].id, roe, "found by the alias the merge brought");
    st_entities_free(l);
    cr_assert_eq(st_article_delete(db, a1), 0);
    cr_expect_eq(count_sql(check), 1, "after delete");
    cr_expect_eq(entity_named(db, "Ivo Brandt"), 0, "the orphan left the index");
    cr_expect_eq(entity_named(db, "Jane Roe"), roe, "still named in the merged article");
    cr_assert_eq(st_article_delete(db, a2), 0);
    cr_expect_eq(count_sql("SELECT count(*) FROM entity_names_fts"), 0);
    cr_expect_eq(count_sql("SELECT count(*) FROM entity_names_dirty"), 0);
    st_close(db);
}

/* The mention list codec (store/spans.c): any int64 offsets and lags come back (sorted by
 * start), two mentions starting at the same byte are refused, and ng_spans_merge() joins
 * two lists in order and refuses such a pair too, as the mentions table's key did. */
Test(store, mention_lists_round_trip)
{
    struct st__mspan in[4] = {
        {900000, 900012, 70000, 70001, 40, 41},
        {3, 7, 0, 0, 0, 0},
        {INT32_MAX, (int64_t)INT32_MAX + 5, 0, -2, 9, 3}, /* lags that fall: not from a body */
        {8, 8, 1, 1, 2, 2},
    };
    unsigned char buf[256];
    cr_assert_leq(st__spans_bound(4), sizeof(buf));
    long len = st__spans_encode(in, 4, buf);
    cr_assert_gt(len, 0);
    struct st__mspan out[5];
    cr_assert_eq(st__spans_decode(buf, (size_t)len, out, 5), 4);
    cr_expect_eq(out[0].start_b, 3);
    cr_expect_eq(out[1].start_b, 8);
    cr_expect_eq(out[2].start_b, 900000);
    for (int i = 0; i < 4; i++)
        cr_expect_eq(memcmp(&out[i], &in[i], sizeof(out[i])), 0, "mention %d", i);
    cr_expect_eq(st__spans_decode(buf, (size_t)len, out, 2), 2, "at most max");
    cr_expect_eq(st__spans_decode(buf, (size_t)len - 1, out, 5), -1, "a cut list");
    struct st__mspan twice[2] = {{5, 9, 0, 0, 0, 0}, {5, 7, 0, 0, 0, 0}};
    cr_expect_eq(st__spans_encode(twice, 2, buf), ST_ECONFLICT);

    sqlite3 *raw = NULL;
    sqlite3_stmt *s = NULL;
    cr_assert_eq(sqlite3_open(":memory:", &raw), SQLITE_OK);
    cr_assert_eq(st__spans_register(raw), 0);
    cr_assert_eq(sqlite3_exec(raw,
                              "CREATE TABLE m(l, a, b); INSERT INTO m VALUES (1, 10, 12),"
                              " (1, 30, 33), (2, 20, 25), (3, 30, 31)",
                              NULL, NULL, NULL),
                 SQLITE_OK);
    cr_assert_eq(
        sqlite3_prepare_v2(raw,
                           "SELECT ng_spans_merge((SELECT ng_spans(a, b, 0, 0, 0, 0) FROM m"
                           " WHERE l = 1), (SELECT ng_spans(a, b, 0, 0, 0, 0) FROM m"
                           " WHERE l = ?1))",
                           -1, &s, NULL),
        SQLITE_OK);
    sqlite3_bind_int(s, 1, 2);
    cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
    cr_assert_eq(
        st__spans_decode(sqlite3_column_blob(s, 0), (size_t)sqlite3_column_bytes(s, 0), out, 5), 3);
    cr_expect(out[0].start_b == 10 && out[1].start_b == 20 && out[2].start_b == 30);
    cr_expect(out[1].end_b == 25 && out[2].end_b == 33);
    sqlite3_reset(s);
    sqlite3_bind_int(s, 1, 3);
    cr_expect_eq(sqlite3_step(s) & 0xff, SQLITE_CONSTRAINT, "two mentions at byte 30");
    sqlite3_finalize(s);
    sqlite3_close(raw);
}

/* An entity's mentions in an article are one list (schema/0010_mention_lists.sql): merge
 * joins the two entities' lists of an article they share in position order, with every
 * offset in every unit (characters of two and four bytes before them make the three units
 * differ). */
/* store/pack.c: a body is stored deflated when that makes it smaller, every reader gets the
 * text back (the view articles, a statement's text cut out of it, the full-text index), and
 * a TEXT body (written before 0011) reads as it is. */
Test(store, bodies_are_stored_packed)
{
    static const char para[] = "Jane Roe said \xe2\x80\x9cwe will win\xe2\x80\x9d in Almaty on "
                               "Monday, and the council met again. ";
    char text[4096] = "Packed\n\n";
    for (int i = 0; i < 30; i++)
        strcat(text, para);
    unsigned char *packed = NULL;
    size_t n = 0;
    cr_assert_eq(st__pack("short text", 10, &packed, &n), 0);
    cr_expect_null(packed, "too short to gain: stored as text");
    cr_assert_eq(st__pack(text, strlen(text), &packed, &n), 0);
    cr_assert_not_null(packed);
    cr_expect_lt(n, strlen(text) / 4, "%zu bytes for %zu", n, strlen(text));
    free(packed);

    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    struct ex_doc *d = doc_of(text);
    set_person(d, "Jane Roe", "Roe");
    set_quote(d);
    int64_t id = 0, id2 = 0;
    int created = 0;
    cr_assert_eq(st_ingest(db, d, &id, &created), 0);
    struct ex_doc *small = doc_of("Small\n\nRoe left.");
    cr_assert_eq(st_ingest(db, small, &id2, &created), 0);
    struct st_articles *a = NULL;
    cr_assert_eq(st_article_get(db, id, &a), 0);
    cr_expect_str_eq(a->items[0].body, d->body);
    st_articles_free(a);
    cr_assert_eq(st_article_get(db, id2, &a), 0);
    cr_expect_str_eq(a->items[0].body, small->body);
    st_articles_free(a);
    struct st_statements *sts = NULL;
    struct st_statement_query sq = {.q = "\"we will win\"", .limit = 10};
    cr_assert_eq(st_statements_list(db, &sq, &sts), 0);
    cr_assert_eq(sts->n, 1);
    cr_expect_str_eq(sts->items[0].content, "we will win");
    st_statements_free(sts);
    struct st_article_query aq = {.q = "NEAR(Almaty Monday, 3)", .limit = 10};
    cr_assert_eq(st_articles_list(db, &aq, &a), 0);
    cr_expect_eq(a->n, 1, "the index holds the text, not the packed bytes");
    st_articles_free(a);
    st_close(db);
    cr_expect_eq(count_sql("SELECT count(*) FROM article_rows WHERE typeof(body) = 'blob'"), 1);
    cr_expect_eq(count_sql("SELECT count(*) FROM article_rows WHERE typeof(body) = 'text'"), 1);
    cr_expect_lt(count_sql("SELECT length(body) FROM article_rows WHERE typeof(body) = 'blob'"),
                 (int64_t)strlen(d->body) / 4);

    /* the functions on their own: TEXT and NULL pass, a packed body round-trips, a damaged
     * one is an error rather than wrong text */
    sqlite3 *raw = NULL;
    sqlite3_stmt *s = NULL;
    cr_assert_eq(sqlite3_open(":memory:", &raw), SQLITE_OK);
    cr_assert_eq(st__pack_register(raw), 0);
    cr_assert_eq(sqlite3_prepare_v2(raw,
                                    "SELECT ng_body(?1), ng_body(ng_pack(?1)),"
                                    " typeof(ng_pack(?1)), ng_body(NULL) IS NULL",
                                    -1, &s, NULL),
                 SQLITE_OK);
    sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
    cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
    cr_expect_str_eq((const char *)sqlite3_column_text(s, 0), text);
    cr_expect_str_eq((const char *)sqlite3_column_text(s, 1), text);
    cr_expect_str_eq((const char *)sqlite3_column_text(s, 2), "blob");
    cr_expect_eq(sqlite3_column_int(s, 3), 1);
    sqlite3_finalize(s);
    cr_assert_eq(
        sqlite3_prepare_v2(raw, "SELECT ng_body(substr(ng_pack(?1), 1, 40))", -1, &s, NULL),
        SQLITE_OK);
    sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
    cr_expect_eq(sqlite3_step(s), SQLITE_ERROR, "a cut stream");
    sqlite3_finalize(s);
    sqlite3_close(raw);
    ex_doc_free(d);
    ex_doc_free(small);
}

/* ng_cut (a statement's content cut from its article's body, inflating only up to the cut's
 * end and going on from there for a later cut of the same body) gives what the SQL it
 * replaced gave, CAST(substr(CAST(body AS BLOB), start + 1, end - start) AS TEXT), for
 * every range inside, across and outside the body, for packed and text bodies, whatever
 * the order of the cuts; a whole ng_body between them changes nothing. */
Test(store, body_cuts_equal_substr)
{
    char text[4096] = "";
    for (int i = 0; strlen(text) < 3000; i++)
        snprintf(text + strlen(text), sizeof(text) - strlen(text),
                 "Line %d of the body, \xc3\xa9t\xc3\xa9 %d. ", i, i * 7919 % 1000);
    const char other[] = "A second body, long enough to be packed: one two three four five six "
                         "seven eight nine ten eleven twelve.";
    sqlite3 *raw = NULL;
    sqlite3_stmt *pack = NULL, *cut = NULL, *want = NULL, *whole = NULL;
    cr_assert_eq(sqlite3_open(":memory:", &raw), SQLITE_OK);
    cr_assert_eq(st__pack_register(raw), 0);
    cr_assert_eq(sqlite3_prepare_v2(raw, "SELECT ng_pack(?1), ng_pack(?2)", -1, &pack, NULL),
                 SQLITE_OK);
    sqlite3_bind_text(pack, 1, text, -1, SQLITE_STATIC);
    sqlite3_bind_text(pack, 2, other, -1, SQLITE_STATIC);
    cr_assert_eq(sqlite3_step(pack), SQLITE_ROW);
    cr_assert_eq(sqlite3_column_type(pack, 0), SQLITE_BLOB);
    cr_assert_eq(sqlite3_column_type(pack, 1), SQLITE_BLOB);
    cr_assert_eq(sqlite3_prepare_v2(raw, "SELECT ng_cut(?1, ?2, ?3)", -1, &cut, NULL), SQLITE_OK);
    cr_assert_eq(
        sqlite3_prepare_v2(raw, "SELECT CAST(substr(CAST(?1 AS BLOB), ?2 + 1, ?3 - ?2) AS TEXT)",
                           -1, &want, NULL),
        SQLITE_OK);
    cr_assert_eq(sqlite3_prepare_v2(raw, "SELECT ng_body(?1)", -1, &whole, NULL), SQLITE_OK);
    int len = (int)strlen(text);
    const int at[] = {-9, -1, 0, 1, 17, 1500, 1499, 40, len - 3, len, len + 5, 2999, 3, 2000};
    int n_at = (int)(sizeof(at) / sizeof(*at));
    for (int round = 0; round < 4; round++)
        for (int i = 0; i < n_at; i++)
            for (int j = 0; j < n_at; j++) {
                /* round 0: the packed body; 1: its text; 2: packed, a whole ng_body and a cut of
                 * another body between the cuts; 3: a NULL end */
                if (round == 2 && j % 5 == 0) {
                    sqlite3_bind_value(whole, 1, sqlite3_column_value(pack, j % 2));
                    cr_assert_eq(sqlite3_step(whole), SQLITE_ROW);
                    sqlite3_reset(whole);
                }
                if (round == 1)
                    sqlite3_bind_text(cut, 1, text, -1, SQLITE_STATIC);
                else
                    sqlite3_bind_value(cut, 1, sqlite3_column_value(pack, 0));
                sqlite3_bind_text(want, 1, text, -1, SQLITE_STATIC);
                sqlite3_bind_int(cut, 2, at[i]);
                sqlite3_bind_int(want, 2, at[i]);
                if (round == 3) {
                    sqlite3_bind_null(cut, 3);
                    sqlite3_bind_null(want, 3);
                } else {
                    sqlite3_bind_int(cut, 3, at[j]);
                    sqlite3_bind_int(want, 3, at[j]);
                }
                cr_assert_eq(sqlite3_step(cut), SQLITE_ROW, "%s", sqlite3_errmsg(raw));
                cr_assert_eq(sqlite3_step(want), SQLITE_ROW);
                int type = sqlite3_column_type(want, 0);
                cr_expect_eq(sqlite3_column_type(cut, 0), type, "round %d [%d, %d)", round, at[i],
                             at[j]);
                if (type == SQLITE_TEXT) { /* compared as bytes; an empty one has no pointer */
                    int nw = sqlite3_column_bytes(want, 0);
                    cr_expect_eq(sqlite3_column_bytes(cut, 0), nw, "round %d [%d, %d)", round,
                                 at[i], at[j]);
                    if (nw > 0)
                        cr_expect_arr_eq(sqlite3_column_blob(cut, 0), sqlite3_column_blob(want, 0),
                                         (size_t)nw, "round %d [%d, %d)", round, at[i], at[j]);
                }
                sqlite3_reset(cut);
                sqlite3_reset(want);
            }
    /* an empty body is NULL either way, as substr of an empty BLOB is */
    sqlite3_bind_text(cut, 1, "", 0, SQLITE_STATIC);
    sqlite3_bind_int(cut, 2, 0);
    sqlite3_bind_int(cut, 3, 0);
    cr_assert_eq(sqlite3_step(cut), SQLITE_ROW);
    cr_expect_eq(sqlite3_column_type(cut, 0), SQLITE_NULL);
    sqlite3_reset(cut);
    /* a damaged stream is an error, not wrong text */
    const unsigned char *p = sqlite3_column_blob(pack, 0);
    int np = sqlite3_column_bytes(pack, 0);
    unsigned char *bad = malloc((size_t)np);
    memcpy(bad, p, (size_t)np);
    memset(bad + 5, 0xff, 16);
    sqlite3_bind_blob(cut, 1, bad, np, SQLITE_STATIC);
    sqlite3_bind_int(cut, 2, 0);
    sqlite3_bind_int(cut, 3, 10);
    cr_expect_eq(sqlite3_step(cut), SQLITE_ERROR);
    sqlite3_reset(cut);
    free(bad);
    sqlite3_finalize(pack);
    sqlite3_finalize(cut);
    sqlite3_finalize(want);
    sqlite3_finalize(whole);
    sqlite3_close(raw);
}

/* A new database gets 8 KiB pages (an article row leaves less of a page behind); a file that
 * already has pages keeps its own size, and its checkpoints still come every ~40 MB. */
Test(store, new_databases_get_8k_pages)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    st_close(db);
    sqlite3 *raw = NULL;
    sqlite3_stmt *ps = NULL;
    cr_assert_eq(sqlite3_open(path, &raw), SQLITE_OK);
    cr_assert_eq(sqlite3_prepare_v2(raw, "PRAGMA page_size", -1, &ps, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_step(ps), SQLITE_ROW);
    cr_expect_eq(sqlite3_column_int(ps, 0), 8192);
    sqlite3_finalize(ps);
    sqlite3_close(raw);

    char old[160];
    snprintf(old, sizeof(old), "%s/old.db", dir);
    cr_assert_eq(sqlite3_open(old, &raw), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(raw, "PRAGMA page_size=4096; CREATE TABLE t(x);", NULL, NULL, NULL),
                 SQLITE_OK);
    sqlite3_close(raw);
    cr_assert_eq(st_open(old, &db), 0);
    struct ex_doc *d = doc_of("Title here\n\nJane Roe said \xe2\x80\x9cwe will win\xe2\x80\x9d.");
    int64_t id = 0;
    int created = 0;
    cr_expect_eq(st_ingest(db, d, &id, &created), 0);
    st_close(db);
    ex_doc_free(d);
    cr_assert_eq(sqlite3_open(old, &raw), SQLITE_OK);
    cr_assert_eq(sqlite3_prepare_v2(raw, "PRAGMA page_size", -1, &ps, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_step(ps), SQLITE_ROW);
    cr_expect_eq(sqlite3_column_int(ps, 0), 4096, "an existing file keeps its page size");
    sqlite3_finalize(ps);
    sqlite3_close(raw);
}

/* st_settle: a WAL of a few MiB is folded into the database and truncated at once (the end
 * of a bulk load), the data stays, and no data version changes; a small one is left to the
 * idle checkpoint. */
Test(store, settle_truncates_a_grown_wal)
{
    char wal[160];
    struct stat st;
    snprintf(wal, sizeof(wal), "%s-wal", path);
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    /* the WAL grown by another connection that does not checkpoint: 6 MiB of one row */
    sqlite3 *raw = NULL;
    cr_assert_eq(sqlite3_open(path, &raw), SQLITE_OK);
    sqlite3_busy_timeout(raw, 5000);
    cr_assert_eq(sqlite3_exec(raw,
                              "PRAGMA wal_autocheckpoint=0; CREATE TABLE scratch(x);"
                              " INSERT INTO scratch VALUES (zeroblob(6 << 20));",
                              NULL, NULL, NULL),
                 SQLITE_OK);
    cr_assert_eq(stat(wal, &st), 0);
    cr_assert_geq(st.st_size, 6 << 20);
    int64_t v = st_data_version(db);
    cr_expect_eq(st_settle(db), 0);
    cr_assert_eq(stat(wal, &st), 0);
    cr_expect_eq(st.st_size, 0, "the WAL is truncated before st_settle returns");
    cr_expect_eq(st_data_version(db), v, "a checkpoint is no new data");
    sqlite3_stmt *ps = NULL;
    cr_assert_eq(sqlite3_prepare_v2(raw, "SELECT length(x) FROM scratch", -1, &ps, NULL),
                 SQLITE_OK);
    cr_assert_eq(sqlite3_step(ps), SQLITE_ROW);
    cr_expect_eq(sqlite3_column_int(ps, 0), 6 << 20);
    sqlite3_finalize(ps);
    /* a small WAL stays until the writer has been idle for a moment */
    cr_assert_eq(sqlite3_exec(raw, "INSERT INTO scratch VALUES (1);", NULL, NULL, NULL), SQLITE_OK);
    cr_expect_eq(st_settle(db), 0);
    cr_assert_eq(stat(wal, &st), 0);
    cr_expect_gt(st.st_size, 0, "a WAL under a few MiB is not worth a checkpoint here");
    sqlite3_close(raw);
    st_close(db);
}

/* writer_main: once the writer has had nothing to do for a moment, the WAL is copied into
 * the database and truncated (it kept the size of the busiest moment before), and that
 * changes no data version: an ETag taken before still answers 304. */
Test(store, idle_writer_truncates_the_wal)
{
    char wal[160];
    struct stat st;
    snprintf(wal, sizeof(wal), "%s-wal", path);
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    struct ex_doc *d = doc_of("Title here\n\nJane Roe said \xe2\x80\x9cwe will win\xe2\x80\x9d.");
    set_person(d, "Jane Roe", "Roe");
    int64_t id = 0;
    int created = 0;
    cr_assert_eq(st_ingest(db, d, &id, &created), 0);
    int64_t v = st_data_version(db);
    for (int i = 0; i < 100 && stat(wal, &st) == 0 && st.st_size > 0; i++)
        usleep(20000);
    cr_expect_eq(st.st_size, 0, "the WAL is truncated within 2 s of the last write");
    cr_expect_eq(st_data_version(db), v, "a checkpoint is no new data");
    struct st_articles *a = NULL;
    cr_assert_eq(st_article_get(db, id, &a), 0);
    cr_expect_str_eq(a->items[0].body, d->body);
    st_articles_free(a);
    struct ex_doc *d2 = doc_of("Another\n\nRoe left on Monday.");
    cr_assert_eq(st_ingest(db, d2, &id, &created), 0);
    cr_expect_neq(st_data_version(db), v, "a commit after it is");
    st_close(db);
    ex_doc_free(d);
    ex_doc_free(d2);
}

/* The writer indexes an article's title and body and its statements' content from the
 * document in memory (store.c fts_rows): the index must hold what the views it is declared
 * over give, term for term and position for position, as a 'rebuild' from them makes it;
 * a statement without content is indexed as the empty text. */
Test(store, full_text_rows_equal_a_rebuild)
{
    static const char *const texts[] = {
        "First\n\nJane Roe said \xe2\x80\x9cwe will win the vote\xe2\x80\x9d in Almaty.",
        "Second\n\nJane Roe said \xe2\x80\x9c\xc3\x9c"
        "ber caf\xc3\xa9s\xe2\x80\x9d on Monday.",
        "Third\n\nNo statement, only Jane Roe in Astana.",
    };
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    struct st_batch_item it[3] = {{0}};
    for (int i = 0; i < 3; i++) {
        it[i].doc = doc_of(texts[i]);
        set_person((struct ex_doc *)it[i].doc, "Jane Roe", "Roe");
        if (i < 2) set_quote((struct ex_doc *)it[i].doc);
    }
    /* the second statement with no content: its row holds the empty text */
    struct ex_doc *d1 = (struct ex_doc *)it[1].doc;
    d1->statements[0].content.end = d1->statements[0].content.start;
    cr_assert_eq(st_ingest_batch(db, it, 3), 0);
    st_close(db);

    sqlite3 *raw = NULL;
    cr_assert_eq(sqlite3_open(path, &raw), SQLITE_OK);
    sqlite3_busy_timeout(raw, 5000); /* the store checkpoints when idle */
    cr_assert_eq(st__pack_register(raw), 0);
    char *before[2] = {NULL, NULL};
    static const char *const sql =
        "SELECT group_concat(term || ':' || doc || ':' || coalesce(col, '') || ':' || offset,"
        " ' ') FROM (SELECT * FROM temp.v ORDER BY term, doc, col, offset)";
    for (int round = 0; round < 2; round++) {
        for (int t = 0; t < 2; t++) {
            const char *table = t ? "statements_fts" : "articles_fts";
            char q[256];
            snprintf(q, sizeof(q),
                     "DROP TABLE IF EXISTS temp.v;"
                     " CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, %s, instance)",
                     table);
            cr_assert_eq(sqlite3_exec(raw, q, NULL, NULL, NULL), SQLITE_OK, "%s",
                         sqlite3_errmsg(raw));
            sqlite3_stmt *s = NULL;
            cr_assert_eq(sqlite3_prepare_v2(raw, sql, -1, &s, NULL), SQLITE_OK);
            cr_assert_eq(sqlite3_step(s), SQLITE_ROW);
            const char *got = (const char *)sqlite3_column_text(s, 0);
            cr_assert_not_null(got);
            if (round == 0)
                before[t] = strdup(got);
            else
                cr_expect_str_eq(got, before[t], "%s as the writer made it and rebuilt", table);
            sqlite3_finalize(s);
            if (round == 0) {
                snprintf(q, sizeof(q), "INSERT INTO %s(%s) VALUES ('rebuild')", table, table);
                cr_assert_eq(sqlite3_exec(raw, q, NULL, NULL, NULL), SQLITE_OK, "%s",
                             sqlite3_errmsg(raw));
            }
        }
    }
    cr_expect(strstr(before[0], "almaty:1:") != NULL, "%s", before[0]);
    cr_expect(strstr(before[1], "vote:") != NULL, "%s", before[1]);
    cr_expect(strstr(before[1], "caf") == NULL, "the empty content has no terms");
    cr_expect(strstr(before[0], "cafes:2:") != NULL, "%s", before[0]);
    free(before[0]);
    free(before[1]);
    sqlite3_close(raw);
    for (int i = 0; i < 3; i++)
        ex_doc_free((struct ex_doc *)it[i].doc);
}

Test(store, merge_joins_mention_lists_in_order)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    const char *two[] = {"Jane Roe", "Ivo Brandt"};
    const char *text =
        "Title\n\nCaf\xc3\xa9 \xf0\x9f\x9a\xa2 Jane Roe met Ivo Brandt, then Jane Roe left.";
    struct ex_doc *d = doc_of(text);
    const int reps[] = {2, 1};
    set_people(d, two, 2, reps);
    int64_t a = 0;
    int created = 0;
    cr_assert_eq(st_ingest(db, d, &a, &created), 0);
    ex_doc_free(d);
    int64_t roe = entity_named(db, "Jane Roe"), ivo = entity_named(db, "Ivo Brandt");
    cr_assert(roe && ivo);
    cr_assert_eq(st_entity_merge(db, roe, ivo), 0);
    struct st_entities *es = NULL;
    cr_assert_eq(st_article_entities(db, a, &es), 0);
    cr_assert_eq(es->n, 1);
    const struct st_entity *e = &es->items[0];
    cr_assert_eq(e->n_mention_items, 3);
    cr_expect_eq(e->n_mentions, 3);
    const char *want[] = {"Jane Roe", "Ivo Brandt", "Jane Roe"};
    const char *body = strstr(text, "\n\n") + 2;
    for (size_t i = 0; i < 3; i++) {
        const struct st_mention *m = &e->mentions[i];
        cr_expect_str_eq(m->text, want[i]);
        if (i)
            cr_expect_gt(m->span.start[EX_UNIT_UTF8], e->mentions[i - 1].span.start[EX_UNIT_UTF8]);
        int64_t b = m->span.start[EX_UNIT_UTF8];
        cr_expect_eq(strncmp(body + b, want[i], strlen(want[i])), 0);
        cr_expect_eq(m->span.end[EX_UNIT_UTF8] - b, (int64_t)strlen(want[i]));
        /* é is 2 bytes, 1 code point, 1 UTF-16 unit; the ship 4, 1 and 2 */
        cr_expect_eq(m->span.start[EX_UNIT_CODEPOINT], b - 4);
        cr_expect_eq(m->span.end[EX_UNIT_CODEPOINT], m->span.end[EX_UNIT_UTF8] - 4);
        cr_expect_eq(m->span.start[EX_UNIT_UTF16], b - 3);
        cr_expect_eq(m->span.end[EX_UNIT_UTF16], m->span.end[EX_UNIT_UTF8] - 3);
    }
    st_entities_free(es);
    st_close(db);
}

/* An article's counts are stored when it is written (article_counts, which the lists read):
 * a merge of two entities named in one article leaves it one entity with all the mentions,
 * and a deleted article's row goes with it. */
Test(store, article_counts_follow_ingest_merge_and_delete)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    const char *two[] = {"Jane Roe", "Ivo Brandt"};
    int64_t a1 = ingest_people(db, "One\n\nJane Roe met Ivo Brandt.", two, 2);
    int64_t a2 = ingest_people(db, "Two\n\nIvo Brandt met Jane Roe again.", two, 2);
    cr_assert_eq(count_sql("SELECT count(*) FROM article_counts WHERE n_entities = 2"
                           " AND n_mentions = 2 AND n_statements = 0"),
                 2);
    int64_t roe = entity_named(db, "Jane Roe"), ivo = entity_named(db, "Ivo Brandt");
    cr_assert(roe && ivo);
    cr_assert_eq(st_entity_merge(db, roe, ivo), 0);
    struct st_article_query q = {.limit = 10};
    struct st_articles *l = NULL;
    cr_assert_eq(st_articles_list(db, &q, &l), 0);
    cr_assert_eq(l->n, 2);
    for (size_t i = 0; i < 2; i++) {
        cr_expect_eq(l->items[i].n_entities, 1, "article %lld", (long long)l->items[i].id);
        cr_expect_eq(l->items[i].n_mentions, 2);
    }
    st_articles_free(l);
    cr_assert_eq(count_sql("SELECT count(*) FROM article_counts WHERE n_entities = 1"), 2);
    cr_assert_eq(st_article_delete(db, a1), 0);
    cr_assert_eq(count_sql("SELECT count(*) FROM article_counts"), 1);
    cr_assert_eq(st_article_get(db, a2, &l), 0);
    cr_expect_eq(l->items[0].n_entities, 1);
    st_articles_free(l);
    st_close(db);
}

/* statements?about= reads the (entity, statement) pairs the store writes at ingest: an
 * entity with a mention inside the statement's span, not one named elsewhere in the
 * article; merge moves the pairs, delete removes them. */
Test(store, statement_entities_follow_every_write)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    struct ex_doc *d =
        doc_of("One\n\nIvo Brandt said \xe2\x80\x9cJane Roe will win\xe2\x80\x9d. Ola Berg came.");
    const char *names[] = {"Ivo Brandt", "Jane Roe", "Ola Berg"};
    set_people(d, names, 3, NULL);
    set_quote(d);
    int64_t a1, a2;
    int c;
    cr_assert_eq(st_ingest(db, d, &a1, &c), 0);
    ex_doc_free(d);
    d = doc_of("Two\n\nIvo Brandt said \xe2\x80\x9cJ. Roe is late\xe2\x80\x9d today.");
    const char *names2[] = {"Ivo Brandt", "J. Roe"};
    set_people(d, names2, 2, NULL);
    set_quote(d);
    cr_assert_eq(st_ingest(db, d, &a2, &c), 0);
    ex_doc_free(d);
    int64_t roe = entity_named(db, "Jane Roe"), jroe = entity_named(db, "J. Roe"),
            berg = entity_named(db, "Ola Berg"), brandt = entity_named(db, "Ivo Brandt");
    cr_assert(roe && jroe && berg && brandt && roe != jroe);
    struct st_statements *l = NULL;
    struct st_statement_query sq = {.limit = 10, .about_id = roe};
    cr_assert_eq(st_statements_list(db, &sq, &l), 0);
    cr_assert_eq(l->n, 1);
    cr_expect_eq(l->items[0].article_id, a1);
    st_statements_free(l);
    sq.about_id = berg;
    cr_assert_eq(st_statements_list(db, &sq, &l), 0);
    cr_expect_eq(l->n, 0, "named in the article, outside the statement");
    st_statements_free(l);
    sq.about_id = brandt;
    cr_assert_eq(st_statements_list(db, &sq, &l), 0);
    cr_expect_eq(l->n, 0, "the speaker's name is outside the quotation's span");
    st_statements_free(l);
    cr_expect_eq(count_sql("SELECT count(*) FROM statement_entities"), 2);

    cr_assert_eq(st_entity_merge(db, roe, jroe), 0);
    sq.about_id = roe;
    cr_assert_eq(st_statements_list(db, &sq, &l), 0);
    cr_assert_eq(l->n, 2, "the duplicate's statement moved");
    cr_expect_eq(l->items[0].article_id, a2, "newest first");
    cr_expect_eq(l->items[1].article_id, a1);
    st_statements_free(l);
    sq.limit = 1; /* and pages */
    cr_assert_eq(st_statements_list(db, &sq, &l), 0);
    cr_assert_eq(l->n, 1);
    cr_expect(l->more);
    sq.after = l->next;
    st_statements_free(l);
    cr_assert_eq(st_statements_list(db, &sq, &l), 0);
    cr_assert_eq(l->n, 1);
    cr_expect_eq(l->items[0].article_id, a1);
    cr_expect_not(l->more);
    st_statements_free(l);

    cr_assert_eq(st_article_delete(db, a2), 0);
    cr_expect_eq(count_sql("SELECT count(*) FROM statement_entities"), 1, "a2's pair went");
    cr_assert_eq(st_article_delete(db, a1), 0);
    cr_expect_eq(count_sql("SELECT count(*) FROM statement_entities"), 0);
    st_close(db);
}

struct submitted {
    pthread_mutex_t mu;
    int calls, failures;
    int64_t ids[16];
};

static void on_stored(void *arg, int rc, int64_t id, int created)
{
    struct submitted *s = arg;
    pthread_mutex_lock(&s->mu);
    if (rc || !created || id <= 0 || s->calls >= 16)
        s->failures++;
    else
        s->ids[s->calls] = id;
    s->calls++;
    pthread_mutex_unlock(&s->mu);
}

/* st_ingest_submit answers each document once, on the writer thread, after its commit; the
 * documents queued when the handle closes are still written and answered. */
Test(store, submit_answers_each_document_once)
{
    struct st_db *db = NULL;
    struct submitted s = {.mu = PTHREAD_MUTEX_INITIALIZER};
    struct ex_doc *d[16];
    char text[96];
    cr_assert_eq(st_open(path, &db), 0);
    for (int i = 0; i < 16; i++) {
        snprintf(text, sizeof(text), "Note %d\n\nJane Roe spoke in Oslo on day %d.", i, i);
        d[i] = doc_of(text);
        set_person(d[i], "Jane Roe", NULL);
        cr_assert_eq(st_ingest_submit(db, d[i], on_stored, &s), 0);
    }
    cr_expect_eq(st_ingest_submit(db, NULL, on_stored, &s), ST_EINVAL);
    st_close(db); /* waits for the queue */
    cr_expect_eq(s.calls, 16, "every document is answered exactly once");
    cr_expect_eq(s.failures, 0);
    for (int i = 0; i < 16; i++)
        ex_doc_free(d[i]);

    cr_assert_eq(st_open(path, &db), 0);
    cr_expect_eq(count_articles(db), 16, "what was answered is stored");
    for (int i = 0; i < 16; i++) {
        struct st_articles *a = NULL;
        cr_expect_eq(st_article_get(db, s.ids[i], &a), 0);
        st_articles_free(a);
    }
    st_close(db);
}

static int64_t ingest_person(struct st_db *db, const char *text, const char *name,
                             const char *alias)
{
    struct ex_doc *d = doc_of(text);
    int64_t id = 0;
    int created = 0;
    set_person(d, name, alias);
    cr_assert_eq(st_ingest(db, d, &id, &created), 0, "ingest of '%s'", text);
    cr_expect_eq(created, 1);
    ex_doc_free(d);
    return id;
}

static const struct st_entity *person(struct st_entities *es, const char *name)
{
    for (size_t i = 0; i < es->n; i++)
        if (!strcmp(es->items[i].name, name)) return &es->items[i];
    return NULL;
}

/* The writer remembers which entity a name leads to; a merge and a delete change that, and
 * an ingest after them must follow the database, not the memory. */
Test(store, ingest_after_merge_and_delete_follows_the_database)
{
    struct st_db *db = NULL;
    struct st_entities *es = NULL;
    struct st_entity_query eq = {.kind = "person", .limit = 10};
    cr_assert_eq(st_open(path, &db), 0);
    ingest_person(db, "A\n\nJane Roe spoke.", "Jane Roe", NULL);
    ingest_person(db, "B\n\nJohn Smith spoke.", "John Smith", NULL);
    cr_assert_eq(st_entities_list(db, &eq, &es), 0);
    int64_t roe = person(es, "Jane Roe")->id, smith = person(es, "John Smith")->id;
    st_entities_free(es);
    cr_assert_eq(st_entity_merge(db, roe, smith), 0);
    ingest_person(db, "C\n\nJohn Smith spoke again.", "John Smith", NULL);
    cr_assert_eq(st_entities_list(db, &eq, &es), 0);
    cr_expect_eq(es->n, 1, "the merged name leads to the entity it was merged into");
    cr_expect_eq(es->items[0].id, roe);
    cr_expect_eq(es->items[0].n_articles, 3);
    st_entities_free(es);

    int64_t lee = ingest_person(db, "D\n\nAnn Lee spoke.", "Ann Lee", NULL);
    cr_assert_eq(st_article_delete(db, lee), 0);
    ingest_person(db, "E\n\nAnn Lee spoke again.", "Ann Lee", NULL);
    cr_assert_eq(st_entities_list(db, &eq, &es), 0);
    cr_expect_eq(es->n, 2);
    const struct st_entity *ann = person(es, "Ann Lee");
    cr_assert_not_null(ann, "the deleted entity is made again");
    cr_expect_eq(ann->n_articles, 1);
    cr_expect_eq(ann->n_mentions, 1);
    st_entities_free(es);
    st_close(db);
}

/* Another writer of the file (`newsgraph ingest` beside a server) may delete what this
 * handle's writer remembers. */
Test(store, ingest_after_another_connection_deleted_follows_the_database)
{
    struct st_db *db = NULL, *other = NULL;
    struct st_entities *es = NULL;
    struct st_entity_query eq = {.kind = "person", .limit = 10};
    cr_assert_eq(st_open(path, &db), 0);
    cr_assert_eq(st_open(path, &other), 0);
    int64_t a = ingest_person(db, "A\n\nAnn Lee spoke.", "Ann Lee", "Lee");
    cr_assert_eq(st_article_delete(other, a), 0);
    ingest_person(db, "B\n\nAnn Lee spoke again, Lee said.", "Ann Lee", "Lee");
    cr_assert_eq(st_entities_list(db, &eq, &es), 0);
    cr_assert_eq(es->n, 1);
    cr_expect_eq(es->items[0].n_articles, 1);
    cr_expect_eq(es->items[0].n_aliases, 1, "the alias is stored again");
    st_entities_free(es);
    st_close(other);
    st_close(db);
}

/* The entity page's co-occurrences are counted over the entity's newest articles only, as
 * many as asked; its articles come newest first. */
Test(store, entity_links_count_over_the_newest_articles)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    const char *ab[] = {"Jane Roe", "Ivo Brandt"}, *ac[] = {"Jane Roe", "Ola Berg"};
    int64_t a1 = ingest_people(db, "One\n\nJane Roe met Ivo Brandt.", ab, 2);
    int64_t a2 = ingest_people(db, "Two\n\nJane Roe met Ivo Brandt again.", ab, 2);
    int64_t a3 = ingest_people(db, "Three\n\nJane Roe met Ola Berg.", ac, 2);
    int64_t roe = entity_named(db, "Jane Roe"), berg = entity_named(db, "Ola Berg");
    struct st_entity_links *l = NULL;
    cr_assert_eq(st_entity_links(db, roe, 50, 10, 100, &l), 0);
    cr_expect_eq(l->n_counted, 3);
    cr_assert_eq(l->n_articles, 3);
    cr_expect_eq(l->articles[0].id, a3);
    cr_expect_eq(l->articles[1].id, a2);
    cr_expect_eq(l->articles[2].id, a1);
    cr_assert_eq(l->n_cooccurring, 2);
    cr_expect_str_eq(l->cooccurring[0].name, "Ivo Brandt");
    cr_expect_eq(l->cooccurring[0].n_shared, 2);
    st_entity_links_free(l);
    cr_assert_eq(st_entity_links(db, roe, 1, 10, 2, &l), 0);
    cr_expect_eq(l->n_counted, 2, "the newest two");
    cr_assert_eq(l->n_articles, 1);
    cr_expect_eq(l->articles[0].id, a3);
    cr_assert_eq(l->n_cooccurring, 2);
    cr_expect_lt(l->cooccurring[0].id, l->cooccurring[1].id, "ties by id");
    cr_expect_eq(l->cooccurring[0].n_shared + l->cooccurring[1].n_shared, 2, "one each");
    st_entity_links_free(l);
    cr_assert_eq(st_entity_links(db, berg, 50, 10, 1, &l), 0);
    cr_expect_eq(l->n_counted, 1);
    st_entity_links_free(l);
    cr_expect_eq(st_entity_links(db, roe, 50, 10, 0, &l), ST_EINVAL);
    cr_assert_eq(st_entity_links(db, 424242, 50, 10, 5, &l), 0);
    cr_expect_eq(l->n_articles + l->n_cooccurring + l->n_counted, 0);
    st_entity_links_free(l);
    st_close(db);
}

/* ------------------------------------------------------------ cross-article resolution */

/* Ingests a document with one entity of the given kind: its name and the NULL-terminated
 * aliases, mentioned at every occurrence of each form in the text. The stored entity's id. */
static int64_t ingest_one_entity(struct st_db *db, enum ex_entity_kind kind, const char *text,
                                 const char *name, const char *const *aliases)
{
    struct ex_doc *d = doc_of(text);
    set_person(d, name, NULL);
    struct ex_entity *e = &d->entities[0];
    e->kind = kind;
    size_t n = 0;
    while (aliases && aliases[n])
        n++;
    e->aliases = ex__arena_alloc(d->arena, (n + 1) * sizeof(char *));
    e->n_aliases = n;
    for (size_t i = 0; i < n; i++) {
        e->aliases[i] = aliases[i];
        const char *p = d->body;
        while ((p = strstr(p, aliases[i])) && e->n_mentions < 16) {
            uint32_t at = (uint32_t)(p - d->body);
            int inside = 0;
            for (size_t k = 0; k < e->n_mentions; k++)
                inside |= at >= e->mentions[k].span.start && at < e->mentions[k].span.end;
            if (!inside) {
                e->mentions[e->n_mentions].span.start = at;
                e->mentions[e->n_mentions].span.end = at + (uint32_t)strlen(aliases[i]);
                e->n_mentions++;
            }
            p += strlen(aliases[i]);
        }
    }
    int64_t article = 0;
    int created = 0;
    cr_assert_eq(st_ingest(db, d, &article, &created), 0, "ingest of '%s'", text);
    cr_assert_eq(created, 1);
    ex_doc_free(d);
    struct st_entities *es = NULL;
    cr_assert_eq(st_article_entities(db, article, &es), 0);
    cr_assert_eq(es->n, 1);
    int64_t id = es->items[0].id;
    st_entities_free(es);
    return id;
}

/* The stored entity id: its name, aliases other than the name (joined by '|', in name
 * order) and article count. */
static void entity_is(struct st_db *db, int64_t id, const char *name, const char *aliases,
                      int64_t articles)
{
    struct st_entities *es = NULL;
    cr_assert_eq(st_entity_get(db, id, &es), 0);
    cr_assert_eq(es->n, 1);
    char got[512] = "";
    for (size_t i = 0; i < es->items[0].n_aliases; i++)
        snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s", i ? "|" : "",
                 es->items[0].aliases[i]);
    cr_expect_str_eq(es->items[0].name, name, "entity %lld", (long long)id);
    cr_expect_str_eq(got, aliases, "aliases of %s", name);
    cr_expect_eq(es->items[0].n_articles, articles, "articles of %s", name);
    st_entities_free(es);
}

static int64_t count_entities(struct st_db *db, const char *kind)
{
    struct st_entity_query q = {.kind = kind, .limit = 500};
    struct st_entities *l = NULL;
    cr_assert_eq(st_entities_list(db, &q, &l), 0);
    int64_t n = (int64_t)l->n;
    st_entities_free(l);
    return n;
}

/* Two entities that only share an alias stay two, and a third sharing another alias with the
 * second does not chain into the first (issue 5: one organization of a generated archive had
 * gathered 1,683 names that way). The shared key keeps leading to its first entity, where an
 * article naming only it goes. */
Test(store, entities_sharing_only_an_alias_stay_apart)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    const char *dvk[] = {"DVK", NULL}, *dvk_ac[] = {"DVK", "Arartan Choice", NULL},
               *ac[] = {"Arartan Choice", NULL}, *toq[] = {"Toqaev", NULL};
    int64_t dck =
        ingest_one_entity(db, EX_ORGANIZATION, "A\n\nDemocratic Choice of Kazakhstan (DVK) met.",
                          "Democratic Choice of Kazakhstan", dvk);
    int64_t dca = ingest_one_entity(
        db, EX_ORGANIZATION, "B\n\nDemocratic Choice of Arartan (DVK), or Arartan Choice, met.",
        "Democratic Choice of Arartan", dvk_ac);
    int64_t pf =
        ingest_one_entity(db, EX_ORGANIZATION, "C\n\nPeople's Front, known as Arartan Choice, met.",
                          "People's Front", ac);
    cr_expect_neq(dca, dck, "a shared alias does not join");
    cr_expect_neq(pf, dca);
    cr_expect_neq(pf, dck, "no chain through the second entity");
    entity_is(db, dck, "Democratic Choice of Kazakhstan", "DVK", 1);
    entity_is(db, dca, "Democratic Choice of Arartan", "Arartan Choice|DVK", 1);
    entity_is(db, pf, "People's Front", "Arartan Choice", 1);
    cr_expect_eq(count_entities(db, "organization"), 3);
    /* an article naming only the shared form meets the entity the key led to first */
    cr_expect_eq(ingest_one_entity(db, EX_ORGANIZATION, "D\n\nDVK met.", "DVK", NULL), dck);
    cr_expect_eq(
        ingest_one_entity(db, EX_ORGANIZATION, "E\n\nArartan Choice met.", "Arartan Choice", NULL),
        dca);
    /* two people of one surname */
    int64_t qzt = ingest_one_entity(db, EX_PERSON, "F\n\nQasym-Zhomart Toqaev spoke. Toqaev left.",
                                    "Qasym-Zhomart Toqaev", toq);
    int64_t nt = ingest_one_entity(db, EX_PERSON, "G\n\nNurlan Toqaev spoke. Toqaev left.",
                                   "Nurlan Toqaev", toq);
    cr_expect_neq(nt, qzt);
    entity_is(db, qzt, "Qasym-Zhomart Toqaev", "Toqaev", 1);
    entity_is(db, nt, "Nurlan Toqaev", "Toqaev", 1);
    st_close(db);
}

/* "Toqaev" alone and "Qasym-Zhomart Toqaev" (alias "Toqaev") meet in either order; the same
 * name in two articles is one entity. A surname stored first and then renamed by the full
 * name is an alias key from then on: a second person of that surname stays apart. */
Test(store, surname_meets_full_name_in_either_order)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    const char *toq[] = {"Toqaev", NULL}, *naz[] = {"Nazarbaev", NULL};
    /* the full name first */
    int64_t qzt = ingest_one_entity(db, EX_PERSON, "A\n\nQasym-Zhomart Toqaev spoke. Toqaev left.",
                                    "Qasym-Zhomart Toqaev", toq);
    cr_expect_eq(ingest_one_entity(db, EX_PERSON, "B\n\nToqaev returned.", "Toqaev", NULL), qzt);
    entity_is(db, qzt, "Qasym-Zhomart Toqaev", "Toqaev", 2);
    /* the surname first */
    int64_t nn = ingest_one_entity(db, EX_PERSON, "C\n\nNazarbaev spoke.", "Nazarbaev", NULL);
    cr_expect_eq(ingest_one_entity(db, EX_PERSON, "D\n\nNursultan Nazarbaev spoke. Nazarbaev left.",
                                   "Nursultan Nazarbaev", naz),
                 nn);
    entity_is(db, nn, "Nursultan Nazarbaev", "Nazarbaev", 2);
    /* another Nazarbaev: the surname is no longer a name key */
    int64_t an = ingest_one_entity(db, EX_PERSON, "E\n\nAliya Nazarbaev spoke. Nazarbaev left.",
                                   "Aliya Nazarbaev", naz);
    cr_expect_neq(an, nn, "a surname shared with a renamed entity does not join it");
    entity_is(db, an, "Aliya Nazarbaev", "Nazarbaev", 1);
    entity_is(db, nn, "Nursultan Nazarbaev", "Nazarbaev", 2);
    /* the same names again */
    cr_expect_eq(ingest_one_entity(db, EX_PERSON, "F\n\nNazarbaev spoke again.", "Nazarbaev", NULL),
                 nn);
    cr_expect_eq(ingest_one_entity(db, EX_PERSON, "G\n\nAliya Nazarbaev spoke again.",
                                   "Aliya Nazarbaev", NULL),
                 an);
    cr_expect_eq(ingest_one_entity(db, EX_PERSON, "H\n\nQasym-Zhomart Toqaev spoke again.",
                                   "Qasym-Zhomart Toqaev", NULL),
                 qzt);
    cr_expect_eq(count_entities(db, "person"), 3);
    st_close(db);
}

/* An acronym and its definition meet when one article defines it, in either order; another
 * organization with the same acronym stays apart. */
Test(store, acronym_meets_its_definition_in_either_order)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    const char *csto[] = {"CSTO", NULL}, *eaeu[] = {"EAEU", NULL};
    int64_t c = ingest_one_entity(db, EX_ORGANIZATION,
                                  "A\n\nThe Collective Security Treaty Organization (CSTO) met.",
                                  "Collective Security Treaty Organization", csto);
    cr_expect_eq(ingest_one_entity(db, EX_ORGANIZATION, "B\n\nThe CSTO sent troops.", "CSTO", NULL),
                 c);
    entity_is(db, c, "Collective Security Treaty Organization", "CSTO", 2);
    int64_t u = ingest_one_entity(db, EX_ORGANIZATION, "C\n\nThe EAEU met.", "EAEU", NULL);
    cr_expect_eq(ingest_one_entity(db, EX_ORGANIZATION,
                                   "D\n\nThe Eurasian Economic Union (EAEU) met.",
                                   "Eurasian Economic Union", eaeu),
                 u);
    entity_is(db, u, "Eurasian Economic Union", "EAEU", 2);
    int64_t other =
        ingest_one_entity(db, EX_ORGANIZATION, "E\n\nThe Civil Service Training Office (CSTO) met.",
                          "Civil Service Training Office", csto);
    cr_expect_neq(other, c, "a shared acronym alone does not join");
    cr_expect_eq(ingest_one_entity(db, EX_ORGANIZATION, "F\n\nThe CSTO met again.", "CSTO", NULL),
                 c);
    cr_expect_eq(count_entities(db, "organization"), 3);
    st_close(db);
}

/* Aliases that find several stored names: the entity joins the most mentioned one, whatever
 * the order of its aliases, and the others are left as they were (never folded together). A
 * manual merge keeps working, and the merged entity's name is an alias key afterwards. */
Test(store, several_candidates_choose_one_and_fold_none)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    int64_t t = ingest_one_entity(db, EX_PERSON, "A\n\nToqaev spoke. Toqaev left. Toqaev won.",
                                  "Toqaev", NULL);
    int64_t q =
        ingest_one_entity(db, EX_PERSON, "B\n\nQasym-Zhomart spoke.", "Qasym-Zhomart", NULL);
    const char *both[] = {"Qasym-Zhomart", "Toqaev", NULL};
    cr_expect_eq(ingest_one_entity(db, EX_PERSON, "C\n\nQasym-Zhomart Toqaev spoke. Toqaev left.",
                                   "Qasym-Zhomart Toqaev", both),
                 t, "the most mentioned candidate");
    entity_is(db, t, "Qasym-Zhomart Toqaev", "Qasym-Zhomart|Toqaev", 2);
    entity_is(db, q, "Qasym-Zhomart", "", 1);
    cr_expect_eq(count_entities(db, "person"), 2);
    /* folding them by hand still works; the old name then leads to the merged entity */
    cr_assert_eq(st_entity_merge(db, t, q), 0);
    cr_expect_eq(
        ingest_one_entity(db, EX_PERSON, "D\n\nQasym-Zhomart spoke again.", "Qasym-Zhomart", NULL),
        t);
    entity_is(db, t, "Qasym-Zhomart Toqaev", "Qasym-Zhomart|Toqaev", 4);
    st_close(db);
}

/* A database migrated by 0008_name_keys.sql may mark an entity's first key as its name key
 * where SQL could not tell the key of its current name: "Núñez" stored alone, then renamed
 * "José Núñez" (lower() leaves accents). Rule 2 checks the key against the current name
 * before it joins, so another Núñez stays apart, and the marks are put right. */
Test(store, a_stale_name_key_from_a_migration_does_not_join)
{
    struct st_db *db = NULL;
    cr_assert_eq(st_open(path, &db), 0);
    const char *nunez[] = {"Núñez", NULL};
    int64_t jose =
        ingest_one_entity(db, EX_PERSON, "A\n\nJosé Núñez spoke. Núñez left.", "José Núñez", nunez);
    sqlite3 *raw = NULL; /* as the migration's fallback marks it: the surname */
    cr_assert_eq(sqlite3_open(path, &raw), SQLITE_OK);
    sqlite3_busy_timeout(raw, 5000); /* the store checkpoints when idle */
    cr_assert_eq(
        sqlite3_exec(raw, "UPDATE entity_keys SET is_name = (key = 'nunez')", NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(raw);
    int64_t pedro = ingest_one_entity(db, EX_PERSON, "B\n\nPedro Núñez spoke. Núñez left.",
                                      "Pedro Núñez", nunez);
    cr_expect_neq(pedro, jose, "the surname is not José Núñez's name");
    entity_is(db, jose, "José Núñez", "Núñez", 1);
    cr_expect_eq(count_sql("SELECT count(*) FROM entity_keys WHERE is_name = 1 AND"
                           " key IN ('jose nunez', 'pedro nunez')"),
                 2, "the current names' keys are the name keys");
    cr_expect_eq(count_sql("SELECT is_name FROM entity_keys WHERE key = 'nunez'"), 0);
    /* the full name again, and the surname alone, meet José as before */
    cr_expect_eq(
        ingest_one_entity(db, EX_PERSON, "C\n\nJosé Núñez spoke again.", "José Núñez", NULL), jose);
    cr_expect_eq(ingest_one_entity(db, EX_PERSON, "D\n\nNúñez spoke again.", "Núñez", NULL), jose);
    st_close(db);
}
