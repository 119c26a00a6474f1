-- 0010_mention_lists.sql: an entity's mentions in an article are one BLOB on its
-- article_entities row instead of a row each in mentions (bench/README.md, "Where the time
-- goes (ingest)" and "Scale: what misses its bar, and why"). Every reader asked for the
-- mentions of one (article, entity) pair, in position order, or for their number, which
-- article_entities.mentions holds already; the statements' entity pairs are computed by the
-- store from the document at ingest. A mention was a 24-byte row of a B-tree written per
-- mention; in the list it is six small numbers, 6-7 bytes (format: store/spans.c). The
-- list is encoded by ng_spans(), an aggregate the store registers on its writer
-- connection, so this migration runs only through newsgraph.
--
-- A mention whose (article, entity) has no article_entities row would be lost: the check
-- below fails the migration instead (none is written by newsgraph), as would two mentions
-- of one entity starting at the same byte (the old key forbade them too).
CREATE TEMP TABLE mention_lists_check (lost INTEGER NOT NULL CHECK (lost = 0));
INSERT INTO mention_lists_check
    SELECT count(*) FROM mentions AS m WHERE NOT EXISTS
        (SELECT 1 FROM article_entities AS ae WHERE ae.article_id = m.article_id
                                                AND ae.entity_id = m.entity_id);
DROP TABLE mention_lists_check;

CREATE TABLE article_entities_lists (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    salience REAL NOT NULL,
    mentions INTEGER NOT NULL,
    spans BLOB NOT NULL,
    PRIMARY KEY (article_id, entity_id)
) WITHOUT ROWID;
INSERT INTO article_entities_lists(article_id, entity_id, salience, mentions, spans)
    SELECT ae.article_id, ae.entity_id, ae.salience, ae.mentions,
           (SELECT ng_spans(m.start_b, m.end_b, m.c_lag, m.c_lag_end, m.u_lag, m.u_lag_end)
            FROM mentions AS m WHERE m.article_id = ae.article_id AND m.entity_id = ae.entity_id)
    FROM article_entities AS ae ORDER BY ae.article_id, ae.entity_id;
DROP TABLE article_entities;
DROP TABLE mentions;
ALTER TABLE article_entities_lists RENAME TO article_entities;
CREATE INDEX article_entities_entity ON article_entities(entity_id, article_id);
