-- What a contact's derived columns need of its history (issue 15), kept in
-- its row so that a write logging one interaction updates it from that
-- interaction alone instead of reading the whole history again: the shared
-- minutes, give/take counts, the newest one-to-one touches and the places,
-- as JSON (model::derive::HistoryAgg). Filled by the re-derivation every
-- database gets on its first open after this migration (the fingerprint of
-- derive changed with it); `net doctor` checks it against the history.
ALTER TABLE contacts ADD COLUMN history_agg TEXT NOT NULL DEFAULT '{}';
