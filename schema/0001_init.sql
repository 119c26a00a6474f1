-- 0001_init.sql: the first schema of newsgraph (DESIGN.md "Store").
-- Articles own their mentions and statements (ON DELETE CASCADE); entities are shared by
-- every article that names them and are found again by (kind, key), key being the
-- normalized name. Offsets are stored in all three units (utf8 bytes, code points, UTF-16
-- units: columns *_b, *_c, *_u) so reads never rescan a body.

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    title TEXT,
    author TEXT,
    source TEXT,
    url TEXT,
    published_at TEXT,
    language TEXT NOT NULL DEFAULT 'en',
    body TEXT NOT NULL,
    body_chars INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published_at, id);
CREATE INDEX articles_source ON articles(source, id);

CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT,
    qualifier TEXT,
    -- kept up to date by ingest and delete, so lists sort by them through an index
    mention_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (kind, key)
);
CREATE INDEX entities_by_mentions ON entities(mention_count DESC, id DESC);
CREATE INDEX entities_kind_mentions ON entities(kind, mention_count DESC, id DESC);

-- Every normalized surface form that leads to an entity (its name's key included), so
-- "Toqaev" in a later article finds "Qasym-Zhomart Toqaev".
CREATE TABLE entity_keys (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE INDEX entity_keys_entity ON entity_keys(entity_id);

CREATE TABLE entity_aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;

CREATE TABLE entity_titles (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    PRIMARY KEY (entity_id, title)
) WITHOUT ROWID;

-- One row per (article, entity): the entity's salience in that article.
CREATE TABLE article_entities (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    salience REAL NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX article_entities_entity ON article_entities(entity_id, article_id);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    start_b INTEGER NOT NULL, end_b INTEGER NOT NULL,
    start_c INTEGER NOT NULL, end_c INTEGER NOT NULL,
    start_u INTEGER NOT NULL, end_u INTEGER NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id, entity_id, start_b);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE statements (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    speaker_entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
    speaker_text TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
    cue TEXT,
    content TEXT NOT NULL,
    quote TEXT,
    start_b INTEGER NOT NULL, end_b INTEGER NOT NULL,
    start_c INTEGER NOT NULL, end_c INTEGER NOT NULL,
    start_u INTEGER NOT NULL, end_u INTEGER NOT NULL,
    qstart_b INTEGER, qend_b INTEGER,
    qstart_c INTEGER, qend_c INTEGER,
    qstart_u INTEGER, qend_u INTEGER
);
CREATE INDEX statements_article ON statements(article_id, start_b);
CREATE INDEX statements_speaker ON statements(speaker_entity_id, id);
CREATE INDEX statements_kind ON statements(kind, id);

-- Full text: external-content FTS5 tables kept in sync by triggers, so a write can never
-- leave the index behind the rows.
CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='articles',
                                             content_rowid='id', tokenize='unicode61');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
END;

CREATE VIRTUAL TABLE statements_fts USING fts5(content, content='statements',
                                               content_rowid='id', tokenize='unicode61');
CREATE TRIGGER statements_ai AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts(rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER statements_ad AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts(statements_fts, rowid, content)
    VALUES ('delete', old.id, old.content);
END;
