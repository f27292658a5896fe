-- Undo (net undo): every write command is one row in `journal`; triggers on
-- every table write the SQL that reverses each change into `undo_log`, in the
-- same transaction as the change. Undo replays an operation's log backwards.
-- The triggers only record while undo_state.op names the running operation.

CREATE TABLE journal (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    command TEXT NOT NULL,
    -- extra SQL that reverses a bulk operation recorded without row triggers
    reverse TEXT
) STRICT;

CREATE TABLE undo_log (
    seq INTEGER PRIMARY KEY,
    op  INTEGER NOT NULL REFERENCES journal (id) ON DELETE CASCADE,
    sql TEXT NOT NULL
) STRICT;

CREATE INDEX undo_log_by_op ON undo_log (op, seq);

CREATE TABLE undo_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    op INTEGER
) STRICT;

INSERT INTO undo_state (id, op) VALUES (1, NULL);

CREATE TRIGGER undo_contacts_insert AFTER INSERT ON contacts WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'DELETE FROM contacts WHERE ' || 'id=' || quote(new.id));
END;

CREATE TRIGGER undo_contacts_update AFTER UPDATE ON contacts WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'UPDATE contacts SET ' || 'id=' || quote(old.id) || ',' || 'name=' || quote(old.name) || ',' || 'search_key=' || quote(old.search_key) || ',' || 'org=' || quote(old.org) || ',' || 'role=' || quote(old.role) || ',' || 'why=' || quote(old.why) || ',' || 'met=' || quote(old.met) || ',' || 'birthday=' || quote(old.birthday) || ',' || 'notes=' || quote(old.notes) || ',' || 'every=' || quote(old.every) || ',' || 'known_minutes=' || quote(old.known_minutes) || ',' || 'status=' || quote(old.status) || ',' || 'snoozed_until=' || quote(old.snoozed_until) || ',' || 'added_on=' || quote(old.added_on) || ',' || 'uid=' || quote(old.uid) || ',' || 'introduced_by=' || quote(old.introduced_by) || ',' || 'last_touch=' || quote(old.last_touch) || ',' || 'soon_on=' || quote(old.soon_on) || ',' || 'due_on=' || quote(old.due_on) || ',' || 'depth_minutes=' || quote(old.depth_minutes) || ',' || 'usual_minutes=' || quote(old.usual_minutes) || ',' || 'gave_count=' || quote(old.gave_count) || ',' || 'got_count=' || quote(old.got_count) || ',' || 'search_text=' || quote(old.search_text) || ' WHERE ' || 'id=' || quote(new.id));
END;

CREATE TRIGGER undo_contacts_delete BEFORE DELETE ON contacts WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'INSERT INTO contacts (id,name,search_key,org,role,why,met,birthday,notes,every,known_minutes,status,snoozed_until,added_on,uid,introduced_by,last_touch,soon_on,due_on,depth_minutes,usual_minutes,gave_count,got_count,search_text) VALUES (' || quote(old.id) || ',' || quote(old.name) || ',' || quote(old.search_key) || ',' || quote(old.org) || ',' || quote(old.role) || ',' || quote(old.why) || ',' || quote(old.met) || ',' || quote(old.birthday) || ',' || quote(old.notes) || ',' || quote(old.every) || ',' || quote(old.known_minutes) || ',' || quote(old.status) || ',' || quote(old.snoozed_until) || ',' || quote(old.added_on) || ',' || quote(old.uid) || ',' || quote(old.introduced_by) || ',' || quote(old.last_touch) || ',' || quote(old.soon_on) || ',' || quote(old.due_on) || ',' || quote(old.depth_minutes) || ',' || quote(old.usual_minutes) || ',' || quote(old.gave_count) || ',' || quote(old.got_count) || ',' || quote(old.search_text) || ')');
END;

CREATE TRIGGER undo_aliases_insert AFTER INSERT ON aliases WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'DELETE FROM aliases WHERE ' || 'contact_id=' || quote(new.contact_id) || ' AND ' || 'alias=' || quote(new.alias));
END;

CREATE TRIGGER undo_aliases_update AFTER UPDATE ON aliases WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'UPDATE aliases SET ' || 'contact_id=' || quote(old.contact_id) || ',' || 'alias=' || quote(old.alias) || ' WHERE ' || 'contact_id=' || quote(new.contact_id) || ' AND ' || 'alias=' || quote(new.alias));
END;

CREATE TRIGGER undo_aliases_delete BEFORE DELETE ON aliases WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'INSERT INTO aliases (contact_id,alias) VALUES (' || quote(old.contact_id) || ',' || quote(old.alias) || ')');
END;

CREATE TRIGGER undo_tags_insert AFTER INSERT ON tags WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'DELETE FROM tags WHERE ' || 'contact_id=' || quote(new.contact_id) || ' AND ' || 'tag=' || quote(new.tag));
END;

CREATE TRIGGER undo_tags_update AFTER UPDATE ON tags WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'UPDATE tags SET ' || 'contact_id=' || quote(old.contact_id) || ',' || 'tag=' || quote(old.tag) || ' WHERE ' || 'contact_id=' || quote(new.contact_id) || ' AND ' || 'tag=' || quote(new.tag));
END;

CREATE TRIGGER undo_tags_delete BEFORE DELETE ON tags WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'INSERT INTO tags (contact_id,tag) VALUES (' || quote(old.contact_id) || ',' || quote(old.tag) || ')');
END;

CREATE TRIGGER undo_contact_info_insert AFTER INSERT ON contact_info WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'DELETE FROM contact_info WHERE ' || 'contact_id=' || quote(new.contact_id) || ' AND ' || 'kind=' || quote(new.kind) || ' AND ' || 'position=' || quote(new.position));
END;

CREATE TRIGGER undo_contact_info_update AFTER UPDATE ON contact_info WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'UPDATE contact_info SET ' || 'contact_id=' || quote(old.contact_id) || ',' || 'kind=' || quote(old.kind) || ',' || 'position=' || quote(old.position) || ',' || 'value=' || quote(old.value) || ',' || 'label=' || quote(old.label) || ' WHERE ' || 'contact_id=' || quote(new.contact_id) || ' AND ' || 'kind=' || quote(new.kind) || ' AND ' || 'position=' || quote(new.position));
END;

CREATE TRIGGER undo_contact_info_delete BEFORE DELETE ON contact_info WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'INSERT INTO contact_info (contact_id,kind,position,value,label) VALUES (' || quote(old.contact_id) || ',' || quote(old.kind) || ',' || quote(old.position) || ',' || quote(old.value) || ',' || quote(old.label) || ')');
END;

CREATE TRIGGER undo_interactions_insert AFTER INSERT ON interactions WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'DELETE FROM interactions WHERE ' || 'id=' || quote(new.id));
END;

CREATE TRIGGER undo_interactions_update AFTER UPDATE ON interactions WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'UPDATE interactions SET ' || 'id=' || quote(old.id) || ',' || 'kind=' || quote(old.kind) || ',' || 'date=' || quote(old.date) || ',' || 'time=' || quote(old.time) || ',' || 'minutes=' || quote(old.minutes) || ',' || 'note=' || quote(old.note) || ',' || 'gave=' || quote(old.gave) || ',' || 'got=' || quote(old.got) || ',' || 'initiator=' || quote(old.initiator) || ',' || 'place=' || quote(old.place) || ' WHERE ' || 'id=' || quote(new.id));
END;

CREATE TRIGGER undo_interactions_delete BEFORE DELETE ON interactions WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'INSERT INTO interactions (id,kind,date,time,minutes,note,gave,got,initiator,place) VALUES (' || quote(old.id) || ',' || quote(old.kind) || ',' || quote(old.date) || ',' || quote(old.time) || ',' || quote(old.minutes) || ',' || quote(old.note) || ',' || quote(old.gave) || ',' || quote(old.got) || ',' || quote(old.initiator) || ',' || quote(old.place) || ')');
END;

CREATE TRIGGER undo_participants_insert AFTER INSERT ON participants WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'DELETE FROM participants WHERE ' || 'interaction_id=' || quote(new.interaction_id) || ' AND ' || 'contact_id=' || quote(new.contact_id));
END;

CREATE TRIGGER undo_participants_update AFTER UPDATE ON participants WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'UPDATE participants SET ' || 'interaction_id=' || quote(old.interaction_id) || ',' || 'contact_id=' || quote(old.contact_id) || ',' || 'date=' || quote(old.date) || ' WHERE ' || 'interaction_id=' || quote(new.interaction_id) || ' AND ' || 'contact_id=' || quote(new.contact_id));
END;

CREATE TRIGGER undo_participants_delete BEFORE DELETE ON participants WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'INSERT INTO participants (interaction_id,contact_id,date) VALUES (' || quote(old.interaction_id) || ',' || quote(old.contact_id) || ',' || quote(old.date) || ')');
END;

CREATE TRIGGER undo_rules_insert AFTER INSERT ON rules WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'DELETE FROM rules WHERE ' || 'tag=' || quote(new.tag));
END;

CREATE TRIGGER undo_rules_update AFTER UPDATE ON rules WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'UPDATE rules SET ' || 'tag=' || quote(old.tag) || ',' || 'every=' || quote(old.every) || ' WHERE ' || 'tag=' || quote(new.tag));
END;

CREATE TRIGGER undo_rules_delete BEFORE DELETE ON rules WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'INSERT INTO rules (tag,every) VALUES (' || quote(old.tag) || ',' || quote(old.every) || ')');
END;

CREATE TRIGGER undo_followups_insert AFTER INSERT ON followups WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'DELETE FROM followups WHERE ' || 'id=' || quote(new.id));
END;

CREATE TRIGGER undo_followups_update AFTER UPDATE ON followups WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'UPDATE followups SET ' || 'id=' || quote(old.id) || ',' || 'contact_id=' || quote(old.contact_id) || ',' || 'interaction_id=' || quote(old.interaction_id) || ',' || 'text=' || quote(old.text) || ',' || 'due=' || quote(old.due) || ',' || 'created_on=' || quote(old.created_on) || ',' || 'done_on=' || quote(old.done_on) || ' WHERE ' || 'id=' || quote(new.id));
END;

CREATE TRIGGER undo_followups_delete BEFORE DELETE ON followups WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'INSERT INTO followups (id,contact_id,interaction_id,text,due,created_on,done_on) VALUES (' || quote(old.id) || ',' || quote(old.contact_id) || ',' || quote(old.interaction_id) || ',' || quote(old.text) || ',' || quote(old.due) || ',' || quote(old.created_on) || ',' || quote(old.done_on) || ')');
END;

CREATE TRIGGER undo_introductions_insert AFTER INSERT ON introductions WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'DELETE FROM introductions WHERE ' || 'interaction_id=' || quote(new.interaction_id));
END;

CREATE TRIGGER undo_introductions_update AFTER UPDATE ON introductions WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'UPDATE introductions SET ' || 'interaction_id=' || quote(old.interaction_id) || ',' || 'a=' || quote(old.a) || ',' || 'b=' || quote(old.b) || ' WHERE ' || 'interaction_id=' || quote(new.interaction_id));
END;

CREATE TRIGGER undo_introductions_delete BEFORE DELETE ON introductions WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'INSERT INTO introductions (interaction_id,a,b) VALUES (' || quote(old.interaction_id) || ',' || quote(old.a) || ',' || quote(old.b) || ')');
END;

CREATE TRIGGER undo_contact_notes_insert AFTER INSERT ON contact_notes WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'DELETE FROM contact_notes WHERE ' || 'id=' || quote(new.id));
END;

CREATE TRIGGER undo_contact_notes_update AFTER UPDATE ON contact_notes WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'UPDATE contact_notes SET ' || 'id=' || quote(old.id) || ',' || 'contact_id=' || quote(old.contact_id) || ',' || 'topic=' || quote(old.topic) || ',' || 'text=' || quote(old.text) || ',' || 'created_on=' || quote(old.created_on) || ' WHERE ' || 'id=' || quote(new.id));
END;

CREATE TRIGGER undo_contact_notes_delete BEFORE DELETE ON contact_notes WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'INSERT INTO contact_notes (id,contact_id,topic,text,created_on) VALUES (' || quote(old.id) || ',' || quote(old.contact_id) || ',' || quote(old.topic) || ',' || quote(old.text) || ',' || quote(old.created_on) || ')');
END;

CREATE TRIGGER undo_assessments_insert AFTER INSERT ON assessments WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'DELETE FROM assessments WHERE ' || 'id=' || quote(new.id));
END;

CREATE TRIGGER undo_assessments_update AFTER UPDATE ON assessments WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'UPDATE assessments SET ' || 'id=' || quote(old.id) || ',' || 'contact_id=' || quote(old.contact_id) || ',' || 'date=' || quote(old.date) || ',' || 'answers=' || quote(old.answers) || ',' || 'score=' || quote(old.score) || ' WHERE ' || 'id=' || quote(new.id));
END;

CREATE TRIGGER undo_assessments_delete BEFORE DELETE ON assessments WHEN (SELECT op FROM undo_state) IS NOT NULL
BEGIN
    INSERT INTO undo_log (op, sql) VALUES ((SELECT op FROM undo_state), 'INSERT INTO assessments (id,contact_id,date,answers,score) VALUES (' || quote(old.id) || ',' || quote(old.contact_id) || ',' || quote(old.date) || ',' || quote(old.answers) || ',' || quote(old.score) || ')');
END;
