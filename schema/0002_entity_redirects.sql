-- 0002_entity_redirects.sql: entities folded into others by POST /v1/entities/{id}/merge.
-- The old id keeps answering with a redirect to the entity it became.
CREATE TABLE entity_redirects (
    old_id INTEGER PRIMARY KEY,
    new_id INTEGER NOT NULL
);
