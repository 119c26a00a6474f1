-- 0003_entity_sorts.sql: GET /v1/entities?sort=articles|name pages through these indexes
-- (the keyset condition and the order match them), so a page costs its rows, not a sort of
-- every entity. sort=mentions has had entities_by_mentions since 0001.
CREATE INDEX entities_by_articles ON entities(article_count DESC, id DESC);
CREATE INDEX entities_by_name ON entities(name COLLATE NOCASE, id);
