-- 0006_compact_storage.sql: less to write per article and less to store (bench/README.md,
-- "Where the time goes (ingest)" and "Scale: what misses its bar, and why").
--
-- mentions: a WITHOUT ROWID table keyed (article_id, entity_id, start_b), the order every
-- reader asks for (an article's mentions of an entity by position; the mentions of an
-- article inside a statement's span), so the table is its own index: mentions_article
-- (the same key, pointing at a rowid table) disappears, and so does mentions_entity, which
-- only merge read: merge now finds an entity's mentions through its articles
-- (article_entities_entity), and its mention count from article_entities.mentions, which
-- ingest and merge keep equal to the number of its mention rows. One B-tree written per
-- mention instead of three. entity_id keeps no foreign key: an entity is deleted only when
-- no article names it any more (its mentions went with their articles) or by merge (its
-- mentions moved first), and a cascade on entity_id would scan every mention for each
-- entity deleted, as no index leads with it. Two mentions of one entity never start at the
-- same byte of an article (extraction gives each span to one entity); a database where
-- they did would fail this migration rather than lose a row.
--
-- Its offsets in code points and UTF-16 units are stored as lags behind the byte offsets
-- (c_lag = start_b - start_c, c_lag_end = end_b - end_c, u_lag and u_lag_end the same for
-- UTF-16), which readers subtract again: the same numbers, but a lag is 0 until the first
-- non-ASCII character of the article and small after it, which SQLite stores in no byte or
-- one (an offset takes two or three), and no body is scanned to read them.
--
-- statements_kind and entities_kind_mentions: no query's plan uses them (every kind filter
-- is a per-row test, "(?n IS NULL OR kind = ?n)"), and every statement insert and every
-- entity count update paid for them.
CREATE TABLE mentions_compact (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL,
    start_b INTEGER NOT NULL, end_b INTEGER NOT NULL,
    c_lag INTEGER NOT NULL, c_lag_end INTEGER NOT NULL,
    u_lag INTEGER NOT NULL, u_lag_end INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_id, start_b)
) WITHOUT ROWID;
INSERT INTO mentions_compact(article_id, entity_id, start_b, end_b, c_lag, c_lag_end, u_lag,
                             u_lag_end)
    SELECT article_id, entity_id, start_b, end_b, start_b - start_c, end_b - end_c,
           start_b - start_u, end_b - end_u FROM mentions
    ORDER BY article_id, entity_id, start_b;
DROP TABLE mentions;
ALTER TABLE mentions_compact RENAME TO mentions;

DROP INDEX statements_kind;
DROP INDEX entities_kind_mentions;
