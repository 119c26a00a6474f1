-- 0005_read_indexes.sql: what three reads need so that their cost stops growing with the
-- archive (bench/README.md, "Scale: what misses its bar, and why").
--
-- entity_names_fts: GET /v1/entities?q= finds a substring of a name or alias. LIKE '%q%'
-- cannot use a B-tree index, so the list walked every entity; a trigram index answers it
-- for q of three characters or more. One row per entity (rowid = entity id), its aliases
-- (the name is always one of them) joined by newlines. The index only narrows the
-- candidates: the store still tests the aliases with the same LIKE as before, so the
-- answers are unchanged (case folding or a match across two aliases cannot add a row).
-- detail=none keeps no positions (a third of the size); the store asks for every trigram
-- of q (AND), which finds a superset of the phrase, and the LIKE test decides.
--
-- entity_names_dirty: the entities whose aliases changed in the open write transaction,
-- marked by the triggers below on every path that adds or removes an alias (ingest, merge,
-- the cascade of an entity's deletion, and any other writer of the file). The store
-- rewrites their rows of entity_names_fts just before COMMIT, in one statement, and empties
-- it: an FTS5 write per alias would flush a segment at every statement journal (see
-- 0004_fts_by_store.sql).
--
-- statement_entities: GET /v1/statements?about=ENTITY lists the statements whose span holds
-- a mention of the entity. It walked the entity's articles and tested each one's statements
-- against its mentions, all of them for an entity often named and seldom inside a
-- statement. The pairs are now written at ingest (by the store, after the mentions and
-- statements of a transaction), moved by merge, removed with their article, and the list is
-- a walk of this key in the order it is served (statement id descending).

CREATE VIRTUAL TABLE entity_names_fts USING fts5(names, tokenize='trigram', detail='none',
                                                 columnsize=0);

CREATE TABLE entity_names_dirty (entity_id INTEGER PRIMARY KEY);

CREATE TRIGGER entity_aliases_names_ai AFTER INSERT ON entity_aliases BEGIN
    INSERT OR IGNORE INTO entity_names_dirty(entity_id) VALUES (new.entity_id);
END;
CREATE TRIGGER entity_aliases_names_ad AFTER DELETE ON entity_aliases BEGIN
    INSERT OR IGNORE INTO entity_names_dirty(entity_id) VALUES (old.entity_id);
END;
CREATE TRIGGER entity_aliases_names_au AFTER UPDATE ON entity_aliases BEGIN
    INSERT OR IGNORE INTO entity_names_dirty(entity_id) VALUES (old.entity_id);
    INSERT OR IGNORE INTO entity_names_dirty(entity_id) VALUES (new.entity_id);
END;

INSERT INTO entity_names_fts(rowid, names)
    SELECT entity_id, group_concat(alias, char(10)) FROM entity_aliases GROUP BY entity_id;

CREATE TABLE statement_entities (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    statement_id INTEGER NOT NULL,
    PRIMARY KEY (entity_id, statement_id)
) WITHOUT ROWID;

INSERT INTO statement_entities(entity_id, statement_id)
    SELECT DISTINCT m.entity_id, s.id FROM statements AS s
    JOIN mentions AS m ON m.article_id = s.article_id AND m.start_b >= s.start_b
                      AND m.end_b <= s.end_b
    ORDER BY 1, 2;
