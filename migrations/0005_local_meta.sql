-- State of this database file that is not part of the network: never undone,
-- never exported, never synced. Tables named local_* stay outside undo.
CREATE TABLE local_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- The contacts a write touched (a JSON array of ids): undo derives them again,
-- since the policy may have changed between the write and its undo.
ALTER TABLE journal ADD COLUMN touched TEXT;
