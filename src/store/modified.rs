//! When each synced record (contact, interaction, promise) last changed
//! here: its `modified` column, UTC as `20261122T091405Z`, the REV or
//! LAST-MODIFIED `net sync` writes and compares (the later change of a field
//! both sides changed wins). Kept at the commit of every write from what
//! undo recorded of it: a record whose own fields (or a contact's aliases,
//! tags, e-mails, phones, links) the write changed gets the write's
//! time, one whose derived columns alone changed does not, and one whose
//! time the write set itself ([`Db::set_modified`]: a sync saving a
//! server's version) keeps that. A row is stamped when it is inserted.
//! Also the UUIDs merged into a contact (`merged`, see [`Db::merged`]).

use anyhow::Result;
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

use super::Db;
use crate::model::Identity;

/// A table whose rows carry `modified`: its own columns (a change stamps
/// the row) and the tables of its lists, whose key starts with its id.
struct Stamped {
    table: &'static str,
    own: &'static [&'static str],
    lists: &'static [&'static str],
}

const STAMPED: &[Stamped] = &[
    Stamped {
        table: "contacts",
        own: &[
            "name",
            "name_parts",
            "org",
            "role",
            "why",
            "met",
            "birthday",
            "notes",
            "every",
            "known_minutes",
            "status",
            "snoozed_until",
            "added_on",
            "uid",
            "introduced_by",
            "uuid",
            "merged",
        ],
        lists: &["aliases", "tags", "contact_info"],
    },
    Stamped {
        table: "interactions",
        own: &[
            "kind",
            "date",
            "time",
            "minutes",
            "note",
            "gave",
            "got",
            "initiator",
            "place",
            "uuid",
        ],
        // Its people are a set, merged without times: a change to them alone
        // stamps nothing (else a merge or forget of a contact with 200k
        // interactions would rewrite every one of them).
        lists: &[],
    },
    Stamped {
        table: "followups",
        own: &[
            "contact_id",
            "interaction_id",
            "text",
            "due",
            "created_on",
            "done_on",
            "uuid",
        ],
        lists: &[],
    },
];

/// The kinds of record that carry a modification time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modified {
    Contact,
    Interaction,
    Promise,
}

impl Modified {
    fn table(self) -> &'static str {
        match self {
            Modified::Contact => "contacts",
            Modified::Interaction => "interactions",
            Modified::Promise => "followups",
        }
    }
}

/// The statement that stamps the rows of `s` write `op` changed with `at`.
fn stamp_sql(s: &Stamped) -> String {
    let t = s.table;
    let differs: Vec<String> = s
        .own
        .iter()
        .map(|c| format!("json_extract(u.old, '$.{c}') IS NOT r.{c}"))
        .collect();
    let mut changed = format!(
        "SELECT r.id FROM undo_rows u JOIN {t} r ON r.id = json_extract(u.key, '$[0]')
         WHERE u.op = ?1 AND u.tbl = '{t}' AND u.old IS NOT NULL AND ({})",
        differs.join(" OR ")
    );
    for list in s.lists {
        changed.push_str(&format!(
            " UNION SELECT json_extract(key, '$[0]') FROM undo_rows WHERE op = ?1 AND tbl = '{list}'"
        ));
    }
    format!("UPDATE {t} SET modified = ?2 WHERE id IN ({changed})")
}

impl Db<'_> {
    /// Stamps what write `op` changed with its time (see the module; what
    /// it added was stamped on insert, [`Db::stamp`]).
    pub(super) fn stamp_modified(
        &self,
        op: i64,
        explicit: Vec<(Modified, String, String)>,
    ) -> Result<()> {
        let at = self.stamp();
        let Some(at) = at.as_deref() else {
            return Ok(());
        };
        // Only the tables the step wrote: each statement is long to prepare,
        // and a small step touches one or two of them.
        let wrote: Vec<String> = self
            .conn
            .prepare_cached("SELECT DISTINCT tbl FROM undo_rows WHERE op = ?1")?
            .query_map([op], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let wrote = |t: &str| wrote.iter().any(|w| w == t);
        for s in STAMPED {
            if wrote(s.table) || s.lists.iter().any(|l| wrote(l)) {
                self.conn
                    .prepare_cached(&stamp_sql(s))?
                    .execute(params![op, at])?;
            }
        }
        for (kind, uuid, at) in explicit {
            self.write_modified(kind, &uuid, &at)?;
        }
        Ok(())
    }

    /// The time of this write, for the `modified` of the rows it inserts
    /// (None outside a write).
    pub(super) fn stamp(&self) -> Option<String> {
        Some(self.stamp.borrow().clone()).filter(|s| !s.is_empty())
    }

    /// When each record of a kind last changed, by UUID.
    pub fn modified_all(&self, kind: Modified) -> Result<HashMap<String, String>> {
        let sql = format!(
            "SELECT uuid, modified FROM {} WHERE uuid IS NOT NULL AND modified IS NOT NULL",
            kind.table()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The identity of every row of a table of records (`contacts`,
    /// `contact_notes`, `followups`, `assessments`), by id, for a backup;
    /// notes and assessments carry no modification time.
    pub fn identities(&self, table: &'static str) -> Result<HashMap<i64, Identity>> {
        let modified = match table {
            "contacts" | "followups" => "modified",
            "contact_notes" | "assessments" => "NULL",
            other => anyhow::bail!("{other} is not a table of records"),
        };
        let sql = format!("SELECT id, uuid, {modified} FROM {table}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                Identity {
                    uuid: r.get(1)?,
                    modified: r.get(2)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// When one record last changed.
    pub fn modified(&self, kind: Modified, uuid: &str) -> Result<Option<String>> {
        let sql = format!("SELECT modified FROM {} WHERE uuid = ?1", kind.table());
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([uuid], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// Sets when a record last changed (a sync saving a version made
    /// elsewhere): the commit then leaves it as set.
    pub fn set_modified(&self, kind: Modified, uuid: &str, at: &str) -> Result<()> {
        self.modified
            .borrow_mut()
            .push((kind, uuid.to_string(), at.to_string()));
        self.write_modified(kind, uuid, at)
    }

    fn write_modified(&self, kind: Modified, uuid: &str, at: &str) -> Result<()> {
        let sql = format!("UPDATE {} SET modified = ?2 WHERE uuid = ?1", kind.table());
        self.conn.prepare_cached(&sql)?.execute([uuid, at])?;
        Ok(())
    }

    /// The UUIDs merged into each contact that has some, by its UUID.
    pub fn merged_all(&self) -> Result<HashMap<String, Vec<String>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT uuid, merged FROM contacts WHERE uuid IS NOT NULL AND merged <> '[]'",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = HashMap::new();
        for row in rows {
            let (uuid, merged) = row?;
            out.insert(uuid, serde_json::from_str(&merged).unwrap_or_default());
        }
        Ok(out)
    }

    /// The UUIDs merged into one contact.
    pub fn merged(&self, id: i64) -> Result<Vec<String>> {
        let merged: Option<String> = self
            .conn
            .prepare_cached("SELECT merged FROM contacts WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        Ok(merged
            .and_then(|m| serde_json::from_str(&m).ok())
            .unwrap_or_default())
    }

    /// Sets the UUIDs merged into a contact (sorted, once each).
    pub fn set_merged(&self, id: i64, uuids: &[String]) -> Result<()> {
        let mut uuids = uuids.to_vec();
        uuids.sort();
        uuids.dedup();
        self.conn
            .prepare_cached("UPDATE contacts SET merged = ?2 WHERE id = ?1")?
            .execute(params![id, serde_json::to_string(&uuids)?])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Contact;
    use crate::store::Store;

    fn open(dir: &tempfile::TempDir, stamp: &str) -> Store {
        let mut store = Store::open(&dir.path().join("net.db")).unwrap();
        store.set_journal("2026-11-22 09:00".into(), 20);
        store.set_stamp(stamp.into());
        store
    }

    fn modified(store: &Store) -> Option<String> {
        let db = store.read();
        let uuid = db.all_contacts().unwrap()[0].uuid.clone().unwrap();
        db.modified(Modified::Contact, &uuid).unwrap()
    }

    #[test]
    fn a_write_stamps_what_it_changed_and_only_that() {
        let dir = tempfile::tempdir().unwrap();
        let day = "2026-11-01".parse().unwrap();
        let mut store = open(&dir, "20261101T100000Z");
        let id = store
            .write("add", |db| db.insert_contact(&Contact::new("Ana", day)))
            .unwrap();
        assert_eq!(modified(&store).as_deref(), Some("20261101T100000Z"));
        // A tag (a list of the contact) is a change of the contact.
        let mut store = open(&dir, "20261102T100000Z");
        store
            .write("tag", |db| {
                let before = db.contact(id)?;
                let mut after = before.clone();
                after.tags.push("golf".into());
                db.update_contact(&before, &after)
            })
            .unwrap();
        assert_eq!(modified(&store).as_deref(), Some("20261102T100000Z"));
        // An interaction changes the contact's derived columns only.
        let mut store = open(&dir, "20261103T100000Z");
        store
            .write("log", |db| {
                db.insert_interaction(&crate::model::Interaction {
                    id: 0,
                    kind: "coffee".into(),
                    date: day,
                    time: None,
                    minutes: None,
                    note: None,
                    gave: None,
                    got: None,
                    initiator: crate::model::Initiator::Me,
                    place: None,
                    contacts: vec![id],
                    intro: None,
                })
            })
            .unwrap();
        assert_eq!(modified(&store).as_deref(), Some("20261102T100000Z"));
        // A time set by the write itself (a sync) stands, even when it is
        // the one the record had.
        for org in ["X", "Y"] {
            let mut store = open(&dir, "20261104T100000Z");
            store
                .write("sync", |db| {
                    let before = db.contact(id)?;
                    let mut after = before.clone();
                    after.org = Some(org.into());
                    db.update_contact(&before, &after)?;
                    let uuid = before.uuid.unwrap_or_default();
                    db.set_modified(Modified::Contact, &uuid, "20261020T000000Z")
                })
                .unwrap();
            assert_eq!(modified(&store).as_deref(), Some("20261020T000000Z"));
        }
    }
}
