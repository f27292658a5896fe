-- The trigram index of the contacts' words (0016) removed a changed row's
-- trigrams at once (secure-delete): one seek per trigram, ~9.5 M of the
-- ~19.5 M instructions of an `edit --tag` on a small network, and as much
-- again for its undo. Changed words now leave delete markers that FTS5's
-- merges fold away, as FTS5 does by default; `net forget` turns secure-delete
-- on for its own delete, so a forgotten contact's words still leave the
-- index at once (store/contacts.rs, Db::forget).
INSERT INTO local_contact_words (local_contact_words, rank) VALUES ('secure-delete', 0);
