-- 0011_packed_bodies.sql: an article's body is stored deflated (issue 5, "Database size at
-- most 3x the raw text size"; bench/README.md, "Scale: what misses its bar, and why"). The
-- text was a third of the database, and a row of ~3 KB filled a 4 KiB page alone, leaving a
-- fifth of it empty; deflated (about half the bytes), two or three rows share a page.
--
-- The table is now article_rows, its body TEXT (as written before this migration, or a body
-- that deflate does not shrink) or a packed BLOB (format: store/pack.c), and `articles` is a
-- view that gives every reader the text through ng_body(), so no read changes and none can
-- see the packed bytes by mistake. ng_body and ng_pack are functions the store registers on
-- its connections: this migration, the view and the delete trigger work only through
-- newsgraph (the sqlite3 shell still reads every other table, and article_rows).
--
-- Renaming the table carries the foreign keys of article_entities and statements, the
-- indexes (articles_published, articles_source, the sha256 key) and the delete trigger and
-- the view statements_text with it; the trigger and the view are then written again to read
-- the text. No row is added or removed: every body is packed in place.
--
-- articles_fts indexes the view's text by its id (a view has no rowid), so it is created
-- again and rebuilt once here; columnsize=0 drops its per-article size rows, which only
-- bm25() and the other ranking functions read, and no query ranks (every list is newest
-- first, openapi.yaml). Its terms and positions are the same, so every MATCH, phrase, NEAR
-- and column filter answers as before.
ALTER TABLE articles RENAME TO article_rows;
DROP TRIGGER articles_ad;
DROP VIEW statements_text;
DROP TABLE articles_fts;

UPDATE article_rows SET body = ng_pack(body);

CREATE VIEW articles(id, sha256, title, author, source, url, published_at, language, body,
                     body_chars, created_at) AS
    SELECT id, sha256, title, author, source, url, published_at, language, ng_body(body),
           body_chars, created_at
    FROM article_rows;

CREATE VIEW statements_text(id, content, quote) AS
    SELECT s.id,
           coalesce(s.content,
                    CAST(substr(CAST(a.body AS BLOB), s.cstart_b + 1, s.cend_b - s.cstart_b)
                         AS TEXT)),
           coalesce(s.quote,
                    CAST(substr(CAST(a.body AS BLOB), s.qstart_b + 1, s.qend_b - s.qstart_b)
                         AS TEXT))
    FROM statements AS s JOIN articles AS a ON a.id = s.article_id;

CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='articles', content_rowid='id',
                                             tokenize='unicode61', columnsize=0);
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');

CREATE TRIGGER articles_ad AFTER DELETE ON article_rows BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, ng_body(old.body));
END;
