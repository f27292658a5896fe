-- The first schema of net. Append-only: never edit this file once it has landed;
-- add 0002_….sql instead.

CREATE TABLE contacts (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (name <> ''),
    -- every folded form of name and aliases, '|'-separated, for a LIKE prefilter
    search_key    TEXT NOT NULL,
    org           TEXT,
    role          TEXT,
    why           TEXT,
    met           TEXT,
    birthday      TEXT,            -- 1980-04-15 or --04-15
    notes         TEXT,
    every         TEXT,            -- own cadence: '2mo', 'never', or NULL (tag rules decide)
    known_minutes INTEGER NOT NULL DEFAULT 0 CHECK (known_minutes >= 0),
    status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
    snoozed_until TEXT,
    added_on      TEXT NOT NULL,
    uid           TEXT UNIQUE,
    introduced_by INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
    -- Derived, kept in the same transaction as every write that changes them,
    -- so `net due` reads one indexed range instead of the history:
    last_touch    TEXT,            -- date of the latest interaction
    soon_on       TEXT,            -- the day the contact turns "soon" (NULL: no cadence)
    due_on        TEXT,            -- the day the cadence runs out (NULL: no cadence)
    depth_minutes INTEGER NOT NULL DEFAULT 0,  -- time together, estimates included
    usual_minutes INTEGER,         -- median length of their interactions
    gave_count    INTEGER NOT NULL DEFAULT 0,
    got_count     INTEGER NOT NULL DEFAULT 0,
    search_text   TEXT NOT NULL DEFAULT '',    -- folded name, org, role, tags, why, met, notes
    birthday_md   TEXT GENERATED ALWAYS AS (substr(birthday, -5)) VIRTUAL
) STRICT;

CREATE INDEX contacts_soon ON contacts (soon_on) WHERE status = 'active' AND soon_on IS NOT NULL;
CREATE INDEX contacts_birthday ON contacts (birthday_md) WHERE birthday IS NOT NULL;

CREATE TABLE aliases (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    alias      TEXT NOT NULL CHECK (alias <> ''),
    PRIMARY KEY (contact_id, alias)
) STRICT, WITHOUT ROWID;

CREATE TABLE tags (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    tag        TEXT NOT NULL CHECK (tag <> ''),
    PRIMARY KEY (contact_id, tag)
) STRICT, WITHOUT ROWID;

CREATE INDEX tags_by_tag ON tags (tag, contact_id);

-- emails, phones and links, in the order they were given
CREATE TABLE contact_info (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('email', 'phone', 'link')),
    position   INTEGER NOT NULL,
    value      TEXT NOT NULL,
    label      TEXT,
    PRIMARY KEY (contact_id, kind, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE interactions (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind <> ''),
    date         TEXT NOT NULL,
    time         TEXT,
    minutes      INTEGER CHECK (minutes IS NULL OR minutes >= 0),  -- NULL: not given
    note         TEXT,
    gave         TEXT,
    got          TEXT,
    initiator    TEXT NOT NULL DEFAULT 'me' CHECK (initiator IN ('me', 'they')),
    place        TEXT
) STRICT;

-- One interaction, many people. The date is repeated here so that a contact's
-- history and its latest touch are one index range.
CREATE TABLE participants (
    interaction_id INTEGER NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    contact_id     INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    date           TEXT NOT NULL,
    PRIMARY KEY (interaction_id, contact_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX participants_by_contact ON participants (contact_id, date);
CREATE INDEX interactions_by_date ON interactions (date);

-- `net intro A B`: the interaction of kind intro in which A was introduced to B.
CREATE TABLE introductions (
    interaction_id INTEGER PRIMARY KEY REFERENCES interactions (id) ON DELETE CASCADE,
    a              INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    b              INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE
) STRICT;

-- `net note NAME TEXT --about TOPIC`: what you know, by topic (family, offer, anchor, …).
CREATE TABLE contact_notes (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    topic      TEXT NOT NULL DEFAULT 'general' CHECK (topic <> ''),
    text       TEXT NOT NULL CHECK (text <> ''),
    created_on TEXT NOT NULL
) STRICT;

CREATE INDEX contact_notes_by_contact ON contact_notes (contact_id);

-- `net assess NAME`: the nine questions; answers holds the numbers answered yes.
CREATE TABLE assessments (
    id         INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    answers    TEXT NOT NULL,
    score      INTEGER NOT NULL CHECK (score BETWEEN 0 AND 9)
) STRICT;

CREATE INDEX assessments_by_contact ON assessments (contact_id, date);

CREATE TABLE rules (
    tag   TEXT PRIMARY KEY CHECK (tag <> ''),
    every TEXT NOT NULL
) STRICT;

CREATE TABLE followups (
    id             INTEGER PRIMARY KEY,
    contact_id     INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    interaction_id INTEGER REFERENCES interactions (id) ON DELETE SET NULL,
    text           TEXT NOT NULL CHECK (text <> ''),
    due            TEXT,
    created_on     TEXT NOT NULL,
    done_on        TEXT
) STRICT;

CREATE INDEX followups_open ON followups (contact_id) WHERE done_on IS NULL;
CREATE INDEX followups_by_contact ON followups (contact_id);
