-- 0004_fts_by_store.sql: new rows reach the full-text indexes from the store, once per write
-- transaction (one INSERT ... SELECT over the rows the transaction added, just before its
-- COMMIT), instead of from a trigger per row. SQLite opens a statement journal for an INSERT
-- that fires a trigger, and FTS5 flushes its pending terms to a new segment at every such
-- savepoint: a trigger per row wrote one segment per statement of every article, and merging
-- them was most of an ingest's time. The index is still written in the same transaction as
-- the rows, so it never lags them; deletes keep their triggers.
DROP TRIGGER articles_ai;
DROP TRIGGER statements_ai;
