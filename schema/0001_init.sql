-- placeholder; replaced by the store's first migration
CREATE TABLE IF NOT EXISTS placeholder (id INTEGER);
