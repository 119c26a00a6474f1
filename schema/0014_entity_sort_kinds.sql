-- 0014_entity_sort_kinds.sql: the indexes that GET /v1/entities pages through hold each
-- entity's kind, so that a list of one kind (kind=person, the front end's people list) tests
-- the kind on the index entry and reads the entity's row only for the entities it lists
-- (bench/README.md, "Scale: what misses its bar, and why"). The kind filter is a per-row test
-- ("?1 IS NULL OR e.kind = ?1", one statement for every kind or none); SQLite evaluates it from
-- the index when the index has the column, and seeks the row only once the entry passes. Before,
-- every entry walked cost a row read: two thirds of them for nothing in a list of people.
-- Same keys in the same order, so the same plans and the same pages; a few bytes more per
-- entry.
DROP INDEX entities_by_mentions;
CREATE INDEX entities_by_mentions ON entities(mention_count DESC, id DESC, kind);
DROP INDEX entities_by_articles;
CREATE INDEX entities_by_articles ON entities(article_count DESC, id DESC, kind);
DROP INDEX entities_by_name;
CREATE INDEX entities_by_name ON entities(name COLLATE NOCASE, id, kind);
