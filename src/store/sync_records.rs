//! What `net sync` reads and writes of topic notes and assessments (the
//! tag rules are in rules.rs), by the UUIDs they share across devices.

use anyhow::Result;
use rusqlite::{params, OptionalExtension};

use super::{Change, Db};
use crate::model::{Assessment, Note, Policy};

/// A note or an assessment as sync sees it: its UUID, the record, and its
/// contact's UUID.
pub type Synced<T> = (String, T, Option<String>);

impl Db<'_> {
    /// Every topic note with its UUID and its contact's UUID.
    pub fn sync_notes(&self) -> Result<Vec<Synced<Note>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT n.uuid, n.id, n.contact_id, n.topic, n.text, n.created_on, c.uuid
             FROM contact_notes n JOIN contacts c ON c.id = n.contact_id
             WHERE n.uuid IS NOT NULL ORDER BY n.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                Note {
                    id: r.get(1)?,
                    contact: r.get(2)?,
                    topic: r.get(3)?,
                    text: r.get(4)?,
                    created_on: r.get(5)?,
                },
                r.get(6)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every assessment with its UUID and its contact's UUID.
    pub fn sync_assessments(&self) -> Result<Vec<Synced<Assessment>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.uuid, a.id, a.contact_id, a.date, a.answers, a.score, c.uuid
             FROM assessments a JOIN contacts c ON c.id = a.contact_id
             WHERE a.uuid IS NOT NULL ORDER BY a.id",
        )?;
        let rows = stmt.query_map([], |r| {
            let answers: String = r.get(4)?;
            Ok((
                r.get(0)?,
                Assessment {
                    id: r.get(1)?,
                    contact: r.get(2)?,
                    date: r.get(3)?,
                    answers: answers.split(',').filter_map(|n| n.parse().ok()).collect(),
                    score: r.get(5)?,
                },
                r.get(6)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The note with this UUID.
    pub fn note_by_uuid(&self, uuid: &str) -> Result<Option<i64>> {
        self.id_by_uuid("contact_notes", uuid)
    }

    /// The assessment with this UUID.
    pub fn assessment_by_uuid(&self, uuid: &str) -> Result<Option<i64>> {
        self.id_by_uuid("assessments", uuid)
    }

    fn id_by_uuid(&self, table: &str, uuid: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT id FROM {table} WHERE uuid = ?1"))?
            .query_row([uuid], |r| r.get(0))
            .optional()?)
    }

    /// Gives a note (`contact_notes`) or an assessment (`assessments`) the
    /// UUID another device knows it by, when no other row has it.
    pub fn adopt_uuid(&self, table: &str, id: i64, uuid: &str) -> Result<()> {
        if self.id_by_uuid(table, uuid)?.is_none() {
            self.conn
                .prepare_cached(&format!("UPDATE {table} SET uuid = ?2 WHERE id = ?1"))?
                .execute(params![id, uuid])?;
        }
        Ok(())
    }

    /// Replaces a note's contact, topic, text and day.
    pub fn replace_note(&self, n: &Note) -> Result<()> {
        if let Some(old) = self.note(n.id)? {
            self.touch_fields([old.contact]);
        }
        self.touch_fields([n.contact]);
        self.conn
            .prepare_cached(
                "UPDATE contact_notes SET contact_id = ?2, topic = ?3, text = ?4, created_on = ?5
                 WHERE id = ?1",
            )?
            .execute(params![n.id, n.contact, n.topic, n.text, n.created_on])?;
        Ok(())
    }

    /// Replaces an assessment's contact, day and answers (the score is
    /// counted from them).
    pub fn replace_assessment(&self, a: &Assessment) -> Result<()> {
        let answers: Vec<String> = a.answers.iter().map(u8::to_string).collect();
        self.conn
            .prepare_cached(
                "UPDATE assessments SET contact_id = ?2, date = ?3, answers = ?4, score = ?5
                 WHERE id = ?1",
            )?
            .execute(params![
                a.id,
                a.contact,
                a.date,
                answers.join(","),
                a.answers.len() as u8
            ])?;
        Ok(())
    }

    /// Deletes an assessment.
    pub fn delete_assessment(&self, id: i64) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM assessments WHERE id = ?1")?
            .execute([id])?;
        Ok(())
    }

    /// Brings the derived columns (last touch, due day) of the contacts this
    /// write touched up to date now, for what is read later in the same
    /// write (the check-ins of a sync, after its interactions came in). They
    /// stay marked, so the write still records them.
    pub fn derive_pending(&self, base: &Policy) -> Result<()> {
        let ids = std::mem::take(&mut *self.touched.borrow_mut());
        if ids.is_empty() {
            return Ok(());
        }
        let keys: Vec<i64> = ids.keys().copied().collect();
        let policy = Policy {
            rules: self.rules()?,
            ..base.clone()
        };
        self.derive_changed(ids, &policy)?;
        let mut touched = self.touched.borrow_mut();
        for k in keys {
            touched.entry(k).or_insert(Change::Fields);
        }
        Ok(())
    }
}

impl Db<'_> {
    /// The UUID of a note (`contact_notes`) or an assessment (`assessments`).
    pub fn uuid_of(&self, table: &str, id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT uuid FROM {table} WHERE id = ?1"))?
            .query_row([id], |r| r.get(0))
            .optional()?
            .flatten())
    }
}
