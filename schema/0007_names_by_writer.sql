-- 0007_names_by_writer.sql: the store marks the entities whose name index rows must be
-- rewritten itself, instead of a trigger per alias insert (bench/README.md, "Where the time
-- goes (ingest)"). The trigger ran a sub-program for every alias of every new entity, and
-- made each alias INSERT open a statement journal, for rows that need no mark: the store
-- writes the name index rows of the entities a transaction creates from their aliases (ids
-- above the largest before it), and marks in entity_names_dirty only an older entity that
-- gains an alias (ingest, merge). Alias deletions (an entity's deletion cascading to its
-- aliases) keep their trigger: they come from cascades the store does not walk itself.
DROP TRIGGER entity_aliases_names_ai;
