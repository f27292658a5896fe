-- Capture (issue 14): interactions proposed from a calendar or a mailbox.
--
-- Part of the network (undone with the capture that wrote them):
-- capture_inbox holds the proposals waiting in `net inbox`, with their people;
-- capture_seen holds the source id of every proposal and of every item
-- (event occurrence, mail) ever captured, so that nothing is proposed twice,
-- and the interaction a proposal became or was attached to.
CREATE TABLE capture_inbox (
    id        INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL UNIQUE,
    source    TEXT NOT NULL CHECK (source IN ('ics', 'mail')),
    date      TEXT NOT NULL,
    time      TEXT,
    minutes   INTEGER NOT NULL CHECK (minutes >= 0),
    kind      TEXT NOT NULL CHECK (kind <> ''),
    subject   TEXT NOT NULL,
    initiator TEXT NOT NULL CHECK (initiator IN ('me', 'they'))
) STRICT;

CREATE TABLE capture_inbox_people (
    inbox_id   INTEGER NOT NULL REFERENCES capture_inbox (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (inbox_id, contact_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX capture_inbox_people_by_contact ON capture_inbox_people (contact_id);

CREATE TABLE capture_seen (
    id             TEXT PRIMARY KEY,
    interaction_id INTEGER REFERENCES interactions (id) ON DELETE SET NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX capture_seen_by_interaction ON capture_seen (interaction_id) WHERE interaction_id IS NOT NULL;

-- Local to this machine (outside undo, never exported): what was scanned.
-- The Maildir files already read, per root and folder, by the part of their
-- name that stays when flags change.
CREATE TABLE local_capture_maildir (
    root   TEXT NOT NULL,
    folder TEXT NOT NULL,
    key    TEXT NOT NULL,
    PRIMARY KEY (root, folder, key)
) STRICT, WITHOUT ROWID;

-- Where the last scan of an mbox file ended.
CREATE TABLE local_capture_mbox (
    path   TEXT PRIMARY KEY,
    offset INTEGER NOT NULL,
    len    INTEGER NOT NULL
) STRICT;

-- The day of the last capture of each source ("ics:PATH", "mail:PATH"): the
-- next one starts there unless --since says otherwise.
CREATE TABLE local_capture_runs (
    source   TEXT PRIMARY KEY,
    last_day TEXT NOT NULL
) STRICT;
