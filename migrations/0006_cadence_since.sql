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

-- Undo needs nothing here: its triggers are generated from the schema (0004),
-- and the steps recorded before keep naming only the columns they had.
