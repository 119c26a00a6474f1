-- 0013_article_counts.sql: an article's counts (the "counts" of every article the API lists:
-- entities, mentions, statements) are stored when it is written instead of counted for each
-- answer (bench/README.md, "Scale: what misses its bar, and why"). Counting them read every
-- article_entities row of the article (with its list of mentions) twice and the article's
-- statement index entries: for a page of 50 articles that was 60% of the request's CPU. A
-- row here is four integers, found by the article's id (the list queries join it).
--
-- The store writes the rows of a transaction's new articles before its COMMIT, next to the
-- full-text index (one INSERT ... SELECT over the ids it added), recounts the entities of
-- the articles of an entity that absorbs another (merge: two rows of one article become
-- one; mentions and statements do not change), and a deleted article's row goes with it
-- (the foreign key). A reader still counts an article that has no row, so an answer is right
-- even then.
CREATE TABLE article_counts (
    article_id INTEGER PRIMARY KEY REFERENCES article_rows(id) ON DELETE CASCADE,
    n_entities INTEGER NOT NULL,
    n_mentions INTEGER NOT NULL,
    n_statements INTEGER NOT NULL
);
INSERT INTO article_counts(article_id, n_entities, n_mentions, n_statements)
    SELECT a.id,
           (SELECT count(*) FROM article_entities AS ae WHERE ae.article_id = a.id),
           (SELECT coalesce(sum(ae.mentions), 0) FROM article_entities AS ae
            WHERE ae.article_id = a.id),
           (SELECT count(*) FROM statements AS s WHERE s.article_id = a.id)
    FROM article_rows AS a ORDER BY a.id;
