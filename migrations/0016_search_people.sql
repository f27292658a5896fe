-- `net who TEXT` without a join per match (issue 12): the index of 0009 gave
-- interaction ids, and every match was looked up in participants for its
-- people and date (2/3 of `net who hamburg` at 10k contacts / 1M interactions).
-- Two contentless indexes of the same text (notes, gave/got, places) instead,
-- whose rowids carry what `who` needs, so a match is read from the index alone:
--
-- * local_search: one row per interaction with text, rowid =
--   (day << 32) | interaction id, day = the integer part of julianday(date):
--   the date of every match, and rowid order is (date, id) order.
-- * local_search_people: one row per participant of such an interaction,
--   rowid = (contact id << 32) | interaction id: who took part.
--
-- Interaction ids stay below 2^32 (SQLite counts them up from 1). Contentless
-- (contentless_delete): nothing is stored twice, and a row is deleted by its
-- rowid alone, so a delete that cascades (interaction -> participants) or
-- comes twice is harmless. Kept by the triggers below in the same transaction
-- as every change, `net undo` included; named local_* as derived (undo does
-- not record them). secure-delete removes a deleted row's words at once.
DROP TRIGGER local_search_insert;
DROP TRIGGER local_search_delete;
DROP TRIGGER local_search_update;
DROP TABLE local_search;

CREATE VIRTUAL TABLE local_search USING fts5 (
    note, gave, got, place,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO local_search (local_search, rank) VALUES ('secure-delete', 1);
CREATE VIRTUAL TABLE local_search_people USING fts5 (
    note, gave, got, place,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO local_search_people (local_search_people, rank) VALUES ('secure-delete', 1);

CREATE TRIGGER local_search_insert AFTER INSERT ON interactions
WHEN coalesce(new.note, new.gave, new.got, new.place) IS NOT NULL
BEGIN
    INSERT INTO local_search (rowid, note, gave, got, place)
    VALUES ((CAST(julianday(new.date) AS INTEGER) << 32) | new.id,
            new.note, new.gave, new.got, new.place);
    -- Participants restored before their interaction (undo replays children first).
    INSERT INTO local_search_people (rowid, note, gave, got, place)
    SELECT (contact_id << 32) | new.id, new.note, new.gave, new.got, new.place
    FROM participants WHERE interaction_id = new.id;
END;

CREATE TRIGGER local_search_delete AFTER DELETE ON interactions
BEGIN
    DELETE FROM local_search WHERE rowid = (CAST(julianday(old.date) AS INTEGER) << 32) | old.id;
    DELETE FROM local_search_people WHERE rowid IN
        (SELECT (contact_id << 32) | old.id FROM participants WHERE interaction_id = old.id);
END;

-- One trigger, so the old words leave before the new ones come.
CREATE TRIGGER local_search_update AFTER UPDATE OF id, date, note, gave, got, place ON interactions
BEGIN
    DELETE FROM local_search WHERE rowid = (CAST(julianday(old.date) AS INTEGER) << 32) | old.id;
    INSERT INTO local_search (rowid, note, gave, got, place)
    SELECT (CAST(julianday(new.date) AS INTEGER) << 32) | new.id,
           new.note, new.gave, new.got, new.place
    WHERE coalesce(new.note, new.gave, new.got, new.place) IS NOT NULL;
    DELETE FROM local_search_people WHERE rowid IN
        (SELECT (contact_id << 32) | old.id FROM participants WHERE interaction_id = old.id);
    INSERT INTO local_search_people (rowid, note, gave, got, place)
    SELECT (contact_id << 32) | new.id, new.note, new.gave, new.got, new.place
    FROM participants
    WHERE interaction_id = new.id AND coalesce(new.note, new.gave, new.got, new.place) IS NOT NULL;
END;

CREATE TRIGGER local_search_people_insert AFTER INSERT ON participants
BEGIN
    INSERT INTO local_search_people (rowid, note, gave, got, place)
    SELECT (new.contact_id << 32) | i.id, i.note, i.gave, i.got, i.place
    FROM interactions i
    WHERE i.id = new.interaction_id AND coalesce(i.note, i.gave, i.got, i.place) IS NOT NULL;
END;

CREATE TRIGGER local_search_people_delete AFTER DELETE ON participants
BEGIN
    DELETE FROM local_search_people WHERE rowid = (old.contact_id << 32) | old.interaction_id;
END;

CREATE TRIGGER local_search_people_update AFTER UPDATE OF interaction_id, contact_id ON participants
BEGIN
    DELETE FROM local_search_people WHERE rowid = (old.contact_id << 32) | old.interaction_id;
    INSERT INTO local_search_people (rowid, note, gave, got, place)
    SELECT (new.contact_id << 32) | i.id, i.note, i.gave, i.got, i.place
    FROM interactions i
    WHERE i.id = new.interaction_id AND coalesce(i.note, i.gave, i.got, i.place) IS NOT NULL;
END;

-- What was logged before this upgrade (the same statements as
-- store::search::REBUILD, which an undo of an import runs).
INSERT INTO local_search (rowid, note, gave, got, place)
SELECT (CAST(julianday(date) AS INTEGER) << 32) | id, note, gave, got, place
FROM interactions WHERE coalesce(note, gave, got, place) IS NOT NULL;
INSERT INTO local_search_people (rowid, note, gave, got, place)
SELECT (p.contact_id << 32) | i.id, i.note, i.gave, i.got, i.place
FROM participants p JOIN interactions i ON i.id = p.interaction_id
WHERE coalesce(i.note, i.gave, i.got, i.place) IS NOT NULL;

-- `who` compares every contact's folded words (search_text) in Rust: read
-- from this narrow index (about 80 bytes a contact) instead of the wide rows
-- (about 1 KB with history_agg), 10.9 M -> a few M instructions at 10k.
CREATE INDEX contacts_search_text ON contacts (search_text);

-- And for names, orgs and the other contact fields: a trigram index of the
-- same folded words, whose MATCH of a quoted needle of 3 or more characters
-- is exactly "holds it as a substring" (case_sensitive: the words are folded
-- already, and a needle is compared as it is). Shorter needles still read
-- every contact. External content (the words stay in contacts alone); a
-- forgotten contact's words leave the index at once (secure-delete).
CREATE VIRTUAL TABLE local_contact_words USING fts5 (
    search_text,
    content = 'contacts', content_rowid = 'id',
    tokenize = 'trigram case_sensitive 1'
);
INSERT INTO local_contact_words (local_contact_words, rank) VALUES ('secure-delete', 1);
INSERT INTO local_contact_words (local_contact_words) VALUES ('rebuild');

CREATE TRIGGER local_contact_words_insert AFTER INSERT ON contacts
BEGIN
    INSERT INTO local_contact_words (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TRIGGER local_contact_words_delete AFTER DELETE ON contacts
BEGIN
    INSERT INTO local_contact_words (local_contact_words, rowid, search_text)
    VALUES ('delete', old.id, old.search_text);
END;

-- A write re-derives a contact's words on every log: only a change counts.
CREATE TRIGGER local_contact_words_update AFTER UPDATE OF id, search_text ON contacts
WHEN old.id IS NOT new.id OR old.search_text IS NOT new.search_text
BEGIN
    INSERT INTO local_contact_words (local_contact_words, rowid, search_text)
    VALUES ('delete', old.id, old.search_text);
    INSERT INTO local_contact_words (rowid, search_text) VALUES (new.id, new.search_text);
END;
