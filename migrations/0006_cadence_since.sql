-- The cadence clock (issue 10.3): a contact never contacted counts from the
-- day it got its cadence (its own, the default, or a tag rule's), not from the
-- day it was added, which for an import is an old connection date.
ALTER TABLE contacts ADD COLUMN cadence_since TEXT;

-- Backfill: until now every clock ran from added_on, so that is the day the
-- cadence of each contact that has one is taken to have started; nothing on
-- an existing list moves. Contacts without a cadence start theirs when they
-- get one.
UPDATE contacts SET cadence_since = added_on
WHERE every IS NOT NULL AND every <> 'never'
   OR EXISTS (SELECT 1 FROM tags t JOIN rules r ON r.tag = t.tag WHERE t.contact_id = contacts.id)
   OR soon_on IS NOT NULL;

-- The undo triggers of contacts must name the new column (as in 0003).
DROP TRIGGER undo_contacts_update;
DROP TRIGGER undo_contacts_delete;

CREATE TRIGGER undo_contacts_update AFTER UPDATE ON contacts
WHEN (SELECT op FROM undo_state) IS NOT NULL AND (old.id IS NOT new.id OR old.name IS NOT new.name OR old.search_key IS NOT new.search_key OR old.org IS NOT new.org OR old.role IS NOT new.role OR old.why IS NOT new.why OR old.met IS NOT new.met OR old.birthday IS NOT new.birthday OR old.notes IS NOT new.notes OR old.every IS NOT new.every OR old.known_minutes IS NOT new.known_minutes OR old.status IS NOT new.status OR old.snoozed_until IS NOT new.snoozed_until OR old.added_on IS NOT new.added_on OR old.uid IS NOT new.uid OR old.introduced_by IS NOT new.introduced_by OR old.last_touch IS NOT new.last_touch OR old.soon_on IS NOT new.soon_on OR old.due_on IS NOT new.due_on OR old.depth_minutes IS NOT new.depth_minutes OR old.usual_minutes IS NOT new.usual_minutes OR old.gave_count IS NOT new.gave_count OR old.got_count IS NOT new.got_count OR old.search_text IS NOT new.search_text OR old.nurtured IS NOT new.nurtured OR old.cadence_since IS NOT new.cadence_since)
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'UPDATE contacts SET ' || 'id=' || quote(old.id) || ',' || 'name=' || quote(old.name) || ',' || 'search_key=' || quote(old.search_key) || ',' || 'org=' || quote(old.org) || ',' || 'role=' || quote(old.role) || ',' || 'why=' || quote(old.why) || ',' || 'met=' || quote(old.met) || ',' || 'birthday=' || quote(old.birthday) || ',' || 'notes=' || quote(old.notes) || ',' || 'every=' || quote(old.every) || ',' || 'known_minutes=' || quote(old.known_minutes) || ',' || 'status=' || quote(old.status) || ',' || 'snoozed_until=' || quote(old.snoozed_until) || ',' || 'added_on=' || quote(old.added_on) || ',' || 'uid=' || quote(old.uid) || ',' || 'introduced_by=' || quote(old.introduced_by) || ',' || 'last_touch=' || quote(old.last_touch) || ',' || 'soon_on=' || quote(old.soon_on) || ',' || 'due_on=' || quote(old.due_on) || ',' || 'depth_minutes=' || quote(old.depth_minutes) || ',' || 'usual_minutes=' || quote(old.usual_minutes) || ',' || 'gave_count=' || quote(old.gave_count) || ',' || 'got_count=' || quote(old.got_count) || ',' || 'search_text=' || quote(old.search_text) || ',' || 'nurtured=' || quote(old.nurtured) || ',' || 'cadence_since=' || quote(old.cadence_since) || ' WHERE ' || 'id=' || quote(new.id));
END;

CREATE TRIGGER undo_contacts_delete BEFORE DELETE ON contacts WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'INSERT INTO contacts (id,name,search_key,org,role,why,met,birthday,notes,every,known_minutes,status,snoozed_until,added_on,uid,introduced_by,last_touch,soon_on,due_on,depth_minutes,usual_minutes,gave_count,got_count,search_text,nurtured,cadence_since) VALUES (' || quote(old.id) || ',' || quote(old.name) || ',' || quote(old.search_key) || ',' || quote(old.org) || ',' || quote(old.role) || ',' || quote(old.why) || ',' || quote(old.met) || ',' || quote(old.birthday) || ',' || quote(old.notes) || ',' || quote(old.every) || ',' || quote(old.known_minutes) || ',' || quote(old.status) || ',' || quote(old.snoozed_until) || ',' || quote(old.added_on) || ',' || quote(old.uid) || ',' || quote(old.introduced_by) || ',' || quote(old.last_touch) || ',' || quote(old.soon_on) || ',' || quote(old.due_on) || ',' || quote(old.depth_minutes) || ',' || quote(old.usual_minutes) || ',' || quote(old.gave_count) || ',' || quote(old.got_count) || ',' || quote(old.search_text) || ',' || quote(old.nurtured) || ',' || quote(old.cadence_since) || ')');
END;

-- Undo steps were recorded as SQL for the schema before this one; replayed
-- now they could miss the new column. An upgrade starts a fresh undo history.
DELETE FROM journal;
