-- Full-text search over what was logged (`net who TEXT` finds "Augsburg" in a
-- note): the notes, gave/got and places of interactions, one row per
-- interaction (rowid = interactions.id), read from interactions itself
-- (external content: no second copy of the text).
--
-- Kept current by the triggers below in the same transaction as every change
-- to interactions, `net undo` included: undo replays row changes on
-- interactions, and these triggers follow them. It is named local_* because it
-- is derived: undo must not record its shadow tables (the triggers rebuild it).
-- secure-delete removes a deleted row's words from the index at once
-- (`net forget`, `net log rm`), instead of at the next merge.
CREATE VIRTUAL TABLE local_search USING fts5 (
    note, gave, got, place,
    content = 'interactions', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO local_search (local_search, rank) VALUES ('secure-delete', 1);

CREATE TRIGGER local_search_insert AFTER INSERT ON interactions
WHEN coalesce(new.note, new.gave, new.got, new.place) IS NOT NULL
BEGIN
    INSERT INTO local_search (rowid, note, gave, got, place)
    VALUES (new.id, new.note, new.gave, new.got, new.place);
END;

CREATE TRIGGER local_search_delete AFTER DELETE ON interactions
WHEN coalesce(old.note, old.gave, old.got, old.place) IS NOT NULL
BEGIN
    INSERT INTO local_search (local_search, rowid, note, gave, got, place)
    VALUES ('delete', old.id, old.note, old.gave, old.got, old.place);
END;

-- One trigger, so the old words leave before the new ones come.
CREATE TRIGGER local_search_update AFTER UPDATE OF id, note, gave, got, place ON interactions
BEGIN
    INSERT INTO local_search (local_search, rowid, note, gave, got, place)
    SELECT 'delete', old.id, old.note, old.gave, old.got, old.place
    WHERE coalesce(old.note, old.gave, old.got, old.place) IS NOT NULL;
    INSERT INTO local_search (rowid, note, gave, got, place)
    SELECT new.id, new.note, new.gave, new.got, new.place
    WHERE coalesce(new.note, new.gave, new.got, new.place) IS NOT NULL;
END;

-- What was logged before this upgrade.
INSERT INTO local_search (local_search) VALUES ('rebuild');
