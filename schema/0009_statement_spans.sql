-- 0009_statement_spans.sql: a statement's content and quotation are read from the article's
-- body instead of being stored twice (bench/README.md, "Where the time goes (ingest)" and
-- "Scale: what misses its bar, and why"). Both are spans of the body: the quotation's is
-- stored already (qstart_b, qend_b), the content's is now (cstart_b, cend_b: bytes), and
-- readers cut them out of the body (substr of the body as a BLOB counts bytes). The text
-- columns stay for a row whose text is not the body's bytes at such a span (none written by
-- newsgraph; kept so that this migration can lose nothing): a reader takes the column when
-- it is not NULL. A fifth of the database at 10k articles was this text.
--
-- statements_fts indexes the same text, now from the view statements_text (an external
-- content table may be a view): the index is rebuilt once here. Its delete trigger is gone:
-- the text of a deleted statement is cut out of its article's body, which a cascade from the
-- article has removed by then, so the store deletes an article's statements from the index
-- itself, before the article (st_article_delete), and the cascade removes the rows.
CREATE TABLE statements_spans (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    speaker_entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
    speaker_text TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
    cue TEXT,
    cstart_b INTEGER NOT NULL, cend_b INTEGER NOT NULL,
    content TEXT,
    quote TEXT,
    start_b INTEGER NOT NULL, end_b INTEGER NOT NULL,
    start_c INTEGER NOT NULL, end_c INTEGER NOT NULL,
    start_u INTEGER NOT NULL, end_u INTEGER NOT NULL,
    qstart_b INTEGER, qend_b INTEGER,
    qstart_c INTEGER, qend_c INTEGER,
    qstart_u INTEGER, qend_u INTEGER
);
-- the content's first place in the body, if its bytes are there at all (any place with the
-- same bytes serves the same text); the quotation where its span says (the store always
-- wrote a quotation and its span from the same span of the body, both NULL when empty)
INSERT INTO statements_spans(id, article_id, speaker_entity_id, speaker_text, kind, cue,
                             cstart_b, cend_b, content, quote, start_b, end_b, start_c, end_c,
                             start_u, end_u, qstart_b, qend_b, qstart_c, qend_c, qstart_u,
                             qend_u)
    SELECT id, article_id, speaker_entity_id, speaker_text, kind, cue,
           CASE WHEN at > 0 THEN at - 1 ELSE 0 END,
           CASE WHEN at > 0 THEN at - 1 + length(CAST(content AS BLOB)) ELSE 0 END,
           CASE WHEN at > 0 THEN NULL ELSE content END,
           CASE WHEN quote IS NULL THEN NULL
                WHEN qstart_b IS NOT NULL AND qend_b IS NOT NULL
                     AND substr(body, qstart_b + 1, qend_b - qstart_b) = CAST(quote AS BLOB)
                     THEN NULL
                ELSE quote END,
           start_b, end_b, start_c, end_c, start_u, end_u, qstart_b, qend_b, qstart_c, qend_c,
           qstart_u, qend_u
    FROM (SELECT s.*, CAST(a.body AS BLOB) AS body,
                 instr(CAST(a.body AS BLOB), CAST(s.content AS BLOB)) AS at
          FROM statements AS s JOIN articles AS a ON a.id = s.article_id)
    ORDER BY id;
DROP TABLE statements_fts;
DROP TABLE statements;
ALTER TABLE statements_spans RENAME TO statements;
CREATE INDEX statements_article ON statements(article_id, start_b);
CREATE INDEX statements_speaker ON statements(speaker_entity_id, id);

CREATE VIEW statements_text(id, content, quote) AS
    SELECT s.id,
           coalesce(s.content,
                    CAST(substr(CAST(a.body AS BLOB), s.cstart_b + 1, s.cend_b - s.cstart_b)
                         AS TEXT)),
           coalesce(s.quote,
                    CAST(substr(CAST(a.body AS BLOB), s.qstart_b + 1, s.qend_b - s.qstart_b)
                         AS TEXT))
    FROM statements AS s JOIN articles AS a ON a.id = s.article_id;

CREATE VIRTUAL TABLE statements_fts USING fts5(content, content='statements_text',
                                               content_rowid='id', tokenize='unicode61');
INSERT INTO statements_fts(statements_fts) VALUES ('rebuild');
