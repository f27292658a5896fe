-- Capture from CalDAV (issue 14): what `net capture calendar` read of each
-- calendar of [sync]. Local to this machine (outside undo, never exported),
-- like the marks of the Maildirs and mbox files in 0007.
--
-- The calendar ("URL PATH") and the sync token of its last capture: the next
-- one asks the server only for what changed since.
CREATE TABLE local_capture_calendars (
    calendar TEXT PRIMARY KEY,
    token    TEXT NOT NULL
) STRICT;

-- The events of a calendar to read again next time although they did not
-- change: recurring series and events still to come, whose occurrences enter
-- the window later.
CREATE TABLE local_capture_calendar_pending (
    calendar TEXT NOT NULL REFERENCES local_capture_calendars (calendar) ON DELETE CASCADE,
    href     TEXT NOT NULL,
    PRIMARY KEY (calendar, href)
) STRICT, WITHOUT ROWID;
