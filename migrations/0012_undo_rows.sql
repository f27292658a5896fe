-- Undo records rows, not SQL (issue 11 point 17, issue 15): for each step
-- and each row it changed, one row here holds the row as it was before the
-- step (`old`, a JSON object of its columns) or NULL when the step added it.
-- Only the first change of a row in a step is kept (the primary key makes a
-- later one an ignored duplicate), so `net undo` reverts a step with two
-- set statements per table (delete what it added, put back what it changed
-- or deleted) instead of replaying one parsed statement per row change.
--
-- Steps recorded before this upgrade stay in `undo_log` as SQL text and are
-- undone as they were.
CREATE TABLE undo_rows (
    op  INTEGER NOT NULL REFERENCES journal (id) ON DELETE CASCADE,
    tbl TEXT NOT NULL,
    key TEXT NOT NULL,   -- the primary key, as a JSON array
    old TEXT,            -- the row before the step, as a JSON object; NULL: the step added it
    PRIMARY KEY (op, tbl, key)
) STRICT, WITHOUT ROWID;
