-- 0008_name_keys.sql: a key records whether it is its entity's canonical name key or only an
-- alias key, so that two articles' entities meet only through a canonical name (issue 5).
--
-- Before, an incoming entity joined a stored one when any of its surface forms' keys (name
-- or alias) equalled any key of the stored entity, and then brought every one of its aliases'
-- keys along: entities chained through shared aliases and generic words (in a generated
-- archive of 100,000 articles one organization had gathered 1,683 names). The store now joins
-- an incoming entity to a stored one only when a canonical name is on one side of the match:
-- the incoming name's key equals a stored key (name or alias: "Toqaev" alone meets
-- "Qasym-Zhomart Toqaev"), or an incoming alias's key equals a stored entity's name key ("CSTO"
-- stored alone meets "Collective Security Treaty Organization", alias "CSTO"). Two aliases
-- that happen to be equal never join two entities (store/store.c, resolve_entity).
--
-- is_name = 1 marks the key of the entity's current name: each entity has one at most. When a
-- longer name renames an entity its old name key becomes an alias key, so "Toqaev" stored
-- alone and then renamed "Qasym-Zhomart Toqaev" no longer draws in "Nurlan Toqaev" (alias
-- "Toqaev"). Keys moved by a merge become alias keys of the entity they join. Dates and
-- quantities keep their one key, their value's or name's, as their name key.
--
-- Existing rows: an entity's name key is the key equal to lower(name) when it has one (an
-- ASCII name renamed since its creation: the store's key folds case the same way there), else
-- the key it was created with (entities.key). No row is added or removed; the keys of entities
-- already chained stay theirs (only a merge or delete can undo a chain).
ALTER TABLE entity_keys ADD COLUMN is_name INTEGER NOT NULL DEFAULT 0;

UPDATE entity_keys SET is_name = 1
WHERE key = (SELECT lower(e.name) FROM entities AS e WHERE e.id = entity_keys.entity_id);

UPDATE entity_keys SET is_name = 1
WHERE key = (SELECT e.key FROM entities AS e WHERE e.id = entity_keys.entity_id)
  AND NOT EXISTS (SELECT 1 FROM entity_keys AS k WHERE k.entity_id = entity_keys.entity_id
                  AND k.is_name = 1);
