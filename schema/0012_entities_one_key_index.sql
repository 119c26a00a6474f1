-- newsgraph: foreign keys off
-- 0012_entities_one_key_index.sql: entities lose their UNIQUE (kind, key) (issue 6, pages
-- written per article; issue 5, database size: bench/README.md "Where the time goes
-- (ingest)"). Every entity is found through entity_keys, whose primary key (kind, key) holds
-- the key each entity was created with (and every other surface form's); no statement looks
-- an entity up by entities.key, which only records that first key. The constraint's index
-- was one more B-tree written at a random place for every entity created (19 of the 177
-- pages a single-article commit wrote, when it was last counted) and 14 MB at 100,000
-- articles.
--
-- SQLite drops a constraint only by rebuilding the table. entities is the parent of six
-- foreign keys, and dropping it with them enforced would first delete every row and cascade
-- to every article's entities, keys, aliases and titles; so the store runs this file with
-- foreign keys off (the first line above: store.c, migrate), checks them all with
-- PRAGMA foreign_key_check before it commits, and turns them on again. Every row keeps its id
-- and every column; the three read indexes are built again.
CREATE TABLE entities_rebuilt (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT,
    qualifier TEXT,
    mention_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0
);
INSERT INTO entities_rebuilt(id, kind, name, key, value, qualifier, mention_count,
                             article_count)
    SELECT id, kind, name, key, value, qualifier, mention_count, article_count FROM entities
    ORDER BY id;
DROP TABLE entities;
ALTER TABLE entities_rebuilt RENAME TO entities;
CREATE INDEX entities_by_mentions ON entities(mention_count DESC, id DESC);
CREATE INDEX entities_by_articles ON entities(article_count DESC, id DESC);
CREATE INDEX entities_by_name ON entities(name COLLATE NOCASE, id);
