-- Stable identities for `net sync`: every contact, interaction, note, promise
-- and assessment gets a random (v4) UUID, the same on every device that syncs
-- it. The store gives new rows one on insert; existing rows get one here.
--
-- A contact without a UID of its own is exported and synced as
-- urn:uuid:<uuid> from now on (it was net-<id>-<added>@net.local, which a
-- contact added after a forgotten one the same day shared with it).

ALTER TABLE contacts ADD COLUMN uuid TEXT;
UPDATE contacts SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX contacts_uuid ON contacts (uuid);

ALTER TABLE interactions ADD COLUMN uuid TEXT;
UPDATE interactions SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX interactions_uuid ON interactions (uuid);

ALTER TABLE contact_notes ADD COLUMN uuid TEXT;
UPDATE contact_notes SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX contact_notes_uuid ON contact_notes (uuid);

ALTER TABLE followups ADD COLUMN uuid TEXT;
UPDATE followups SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX followups_uuid ON followups (uuid);

ALTER TABLE assessments ADD COLUMN uuid TEXT;
UPDATE assessments SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
CREATE UNIQUE INDEX assessments_uuid ON assessments (uuid);

-- What `net sync` knows of the server: outside undo (local_*), never exported.
-- One row per collection: its kind (contacts, log, promises, checkins), href,
-- the sync token of the last sync and when that was.
CREATE TABLE local_sync_collections (
    kind      TEXT PRIMARY KEY,
    href      TEXT NOT NULL,
    token     TEXT,
    synced_at TEXT
) STRICT;

-- One row per item on the server: where it is, its ETag when last seen, its
-- UID, the UUID of the local record, and the copy both sides agreed on at the
-- last sync (the base of the three-way merge): a record that differs from it
-- has changed here since; an item whose record is gone was deleted here.
CREATE TABLE local_sync_items (
    kind    TEXT NOT NULL,
    href    TEXT NOT NULL,
    etag    TEXT,
    uid     TEXT NOT NULL,
    uuid    TEXT NOT NULL,
    synced  TEXT NOT NULL,
    PRIMARY KEY (kind, href)
) STRICT;

CREATE INDEX local_sync_items_uuid ON local_sync_items (kind, uuid);
CREATE INDEX local_sync_items_uid ON local_sync_items (kind, uid);
