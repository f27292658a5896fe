//! Reading and correcting what was logged: a contact's whole history, the
//! journal across everyone, and editing or deleting interactions, notes and
//! promises. Every change touches the contacts whose derived values depend on
//! it (old and new participants alike), so the write derives them at commit.

use anyhow::{bail, Result};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::interactions::{read_interaction, COLS};
use super::Db;
use crate::model::{FollowUp, Interaction, Note};

/// What `net history` asks for.
#[derive(Debug, Default, Clone)]
pub struct HistoryFilter {
    pub kind: Option<String>,
    pub since: Option<NaiveDate>,
    pub limit: Option<usize>,
}

impl Db<'_> {
    /// A contact's interactions, newest first, with their participants.
    pub fn history_of(&self, contact: i64, filter: &HistoryFilter) -> Result<Vec<Interaction>> {
        let sql = format!(
            "SELECT {COLS} FROM participants p JOIN interactions i ON i.id = p.interaction_id
             WHERE p.contact_id = ?1 AND p.date >= coalesce(?2, '') AND (?3 IS NULL OR i.kind = ?3)
             ORDER BY p.date DESC, i.id DESC LIMIT ?4"
        );
        let limit = filter.limit.map(|l| l as i64).unwrap_or(-1);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![contact, filter.since, filter.kind, limit],
            read_interaction,
        )?;
        let mut out: Vec<Interaction> = rows.collect::<rusqlite::Result<_>>()?;
        self.fill_participants(&mut out)?;
        Ok(out)
    }

    /// Every interaction between two dates (inclusive), newest first.
    pub fn interactions_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Interaction>> {
        let sql = format!(
            "SELECT {COLS} FROM interactions i WHERE i.date BETWEEN ?1 AND ?2
             ORDER BY i.date DESC, i.id DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![from, to], read_interaction)?;
        let mut out: Vec<Interaction> = rows.collect::<rusqlite::Result<_>>()?;
        self.fill_participants(&mut out)?;
        Ok(out)
    }

    fn fill_participants(&self, list: &mut [Interaction]) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT contact_id FROM participants WHERE interaction_id = ?1 ORDER BY contact_id",
        )?;
        let mut intro = self
            .conn
            .prepare_cached("SELECT a, b FROM introductions WHERE interaction_id = ?1")?;
        for i in list {
            i.contacts = stmt
                .query_map([i.id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            i.intro = intro
                .query_row([i.id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
        }
        Ok(())
    }

    /// One interaction by id, with its participants.
    pub fn interaction(&self, id: i64) -> Result<Option<Interaction>> {
        let sql = format!("SELECT {COLS} FROM interactions i WHERE i.id = ?1");
        let found = self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], read_interaction)
            .optional()?;
        let Some(i) = found else { return Ok(None) };
        let mut list = [i];
        self.fill_participants(&mut list)?;
        let [i] = list;
        Ok(Some(i))
    }

    /// Replaces an interaction's fields and participants with `i`'s (same id).
    /// The participants before and after are both derived again.
    pub fn update_interaction(&self, i: &Interaction) -> Result<()> {
        if i.contacts.is_empty() {
            bail!("an interaction needs at least one person");
        }
        let before: Vec<i64> = self
            .conn
            .prepare_cached("SELECT contact_id FROM participants WHERE interaction_id = ?1")?
            .query_map([i.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        self.touch(before.iter().copied());
        self.touch(i.contacts.iter().copied());
        self.conn
            .prepare_cached(
                "UPDATE interactions SET kind = ?2, date = ?3, time = ?4, minutes = ?5, note = ?6,
                     gave = ?7, got = ?8, initiator = ?9, place = ?10 WHERE id = ?1",
            )?
            .execute(params![
                i.id,
                i.kind,
                i.date,
                i.time,
                i.minutes.map(|m| m.0),
                i.note,
                i.gave,
                i.got,
                i.initiator.as_str(),
                i.place
            ])?;
        // Only the rows that change, so undo records just those.
        for gone in before.iter().filter(|c| !i.contacts.contains(c)) {
            self.conn
                .prepare_cached(
                    "DELETE FROM participants WHERE interaction_id = ?1 AND contact_id = ?2",
                )?
                .execute(params![i.id, gone])?;
        }
        self.conn
            .prepare_cached(
                "UPDATE participants SET date = ?2 WHERE interaction_id = ?1 AND date <> ?2",
            )?
            .execute(params![i.id, i.date])?;
        for new in i.contacts.iter().filter(|c| !before.contains(c)) {
            self.conn
                .prepare_cached(
                    "INSERT INTO participants (interaction_id, contact_id, date) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![i.id, new, i.date])?;
        }
        Ok(())
    }

    /// Deletes an interaction (its participants and introduction go with it;
    /// a promise made in it stays, unlinked).
    pub fn delete_interaction(&self, id: i64) -> Result<bool> {
        let people: Vec<i64> = self
            .conn
            .prepare_cached("SELECT contact_id FROM participants WHERE interaction_id = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        self.touch(people);
        Ok(self
            .conn
            .prepare_cached("DELETE FROM interactions WHERE id = ?1")?
            .execute([id])?
            > 0)
    }

    /// One note by id.
    pub fn note(&self, id: i64) -> Result<Option<Note>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id, contact_id, topic, text, created_on FROM contact_notes WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok(Note {
                    id: r.get(0)?,
                    contact: r.get(1)?,
                    topic: r.get(2)?,
                    text: r.get(3)?,
                    created_on: r.get(4)?,
                })
            })
            .optional()?)
    }

    /// Replaces a note's text.
    pub fn set_note_text(&self, id: i64, text: &str) -> Result<()> {
        if let Some(n) = self.note(id)? {
            self.touch_fields([n.contact]);
        }
        self.conn
            .prepare_cached("UPDATE contact_notes SET text = ?2 WHERE id = ?1")?
            .execute(params![id, text])?;
        Ok(())
    }

    /// Deletes a note.
    pub fn delete_note(&self, id: i64) -> Result<()> {
        if let Some(n) = self.note(id)? {
            self.touch_fields([n.contact]);
        }
        self.conn
            .prepare_cached("DELETE FROM contact_notes WHERE id = ?1")?
            .execute([id])?;
        Ok(())
    }

    /// Replaces a promise's text and date.
    pub fn update_followup(&self, id: i64, text: &str, due: Option<NaiveDate>) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE followups SET text = ?2, due = ?3 WHERE id = ?1")?
            .execute(params![id, text, due])?;
        Ok(())
    }

    /// Kept promises (of one contact, or all), latest kept first.
    pub fn kept_followups(&self, contact: Option<i64>) -> Result<Vec<FollowUp>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.id, f.contact_id, c.name, f.text, f.due, f.created_on, f.done_on, f.interaction_id
             FROM followups f JOIN contacts c ON c.id = f.contact_id
             WHERE f.done_on IS NOT NULL AND (?1 IS NULL OR f.contact_id = ?1)
             ORDER BY f.done_on DESC, f.id DESC",
        )?;
        let rows = stmt.query_map([contact], |row| {
            Ok(FollowUp {
                id: row.get(0)?,
                contact: row.get(1)?,
                contact_name: row.get(2)?,
                text: row.get(3)?,
                due: row.get(4)?,
                created_on: row.get(5)?,
                done_on: row.get(6)?,
                interaction: row.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
