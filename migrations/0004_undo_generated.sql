-- Undo triggers are generated from here on, not written by hand
-- (src/store/journal.rs): a connection builds them from the schema
-- (pragma_table_xinfo) as TEMP triggers at its first recorded write, so no
-- migration writes undo SQL again and a read parses no trigger. These are the
-- hand-written ones of 0002 and 0003.
--
-- The journal and undo_log are kept: the recorded steps name their columns
-- and apply to this schema as they did to the last one.
DROP TRIGGER IF EXISTS undo_contacts_insert;
DROP TRIGGER IF EXISTS undo_contacts_update;
DROP TRIGGER IF EXISTS undo_contacts_delete;
DROP TRIGGER IF EXISTS undo_aliases_insert;
DROP TRIGGER IF EXISTS undo_aliases_update;
DROP TRIGGER IF EXISTS undo_aliases_delete;
DROP TRIGGER IF EXISTS undo_tags_insert;
DROP TRIGGER IF EXISTS undo_tags_update;
DROP TRIGGER IF EXISTS undo_tags_delete;
DROP TRIGGER IF EXISTS undo_contact_info_insert;
DROP TRIGGER IF EXISTS undo_contact_info_update;
DROP TRIGGER IF EXISTS undo_contact_info_delete;
DROP TRIGGER IF EXISTS undo_interactions_insert;
DROP TRIGGER IF EXISTS undo_interactions_update;
DROP TRIGGER IF EXISTS undo_interactions_delete;
DROP TRIGGER IF EXISTS undo_participants_insert;
DROP TRIGGER IF EXISTS undo_participants_update;
DROP TRIGGER IF EXISTS undo_participants_delete;
DROP TRIGGER IF EXISTS undo_rules_insert;
DROP TRIGGER IF EXISTS undo_rules_update;
DROP TRIGGER IF EXISTS undo_rules_delete;
DROP TRIGGER IF EXISTS undo_followups_insert;
DROP TRIGGER IF EXISTS undo_followups_update;
DROP TRIGGER IF EXISTS undo_followups_delete;
DROP TRIGGER IF EXISTS undo_introductions_insert;
DROP TRIGGER IF EXISTS undo_introductions_update;
DROP TRIGGER IF EXISTS undo_introductions_delete;
DROP TRIGGER IF EXISTS undo_contact_notes_insert;
DROP TRIGGER IF EXISTS undo_contact_notes_update;
DROP TRIGGER IF EXISTS undo_contact_notes_delete;
DROP TRIGGER IF EXISTS undo_assessments_insert;
DROP TRIGGER IF EXISTS undo_assessments_update;
DROP TRIGGER IF EXISTS undo_assessments_delete;
