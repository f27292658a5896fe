-- When each synced record last changed here (issue 13: "the later
-- REV/LAST-MODIFIED wins"), as UTC `20261122T091405Z`: written as the
-- card's REV and the item's LAST-MODIFIED, and compared with the server's
-- when both sides changed one field. The store sets it at the commit of
-- every write that changed the record's own fields (not its derived
-- columns); a sync sets it to the time of the version it saved. Rows from
-- before this upgrade date from the day they were added (their last change
-- is not known, and is no later than now: any change made here or on a
-- phone from now on is later).
ALTER TABLE contacts ADD COLUMN modified TEXT;
UPDATE contacts SET modified = replace(added_on, '-', '') || 'T000000Z';
ALTER TABLE interactions ADD COLUMN modified TEXT;
UPDATE interactions SET modified = replace(date, '-', '') || 'T000000Z';
ALTER TABLE followups ADD COLUMN modified TEXT;
UPDATE followups SET modified = replace(coalesce(done_on, created_on), '-', '') || 'T000000Z';
-- The UUIDs of the contacts merged into this one (`net merge`), a JSON
-- array: the card carries them as X-NET-MERGED, so another device merges
-- the same two contacts instead of seeing a deletion and a duplicate.
ALTER TABLE contacts ADD COLUMN merged TEXT NOT NULL DEFAULT '[]';
