//! Follow-ups: promises, with an optional date.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use super::Db;
use crate::model::{FollowUp, Identity};

const SELECT: &str =
    "SELECT f.id, f.contact_id, c.name, f.text, f.due, f.created_on, f.done_on, f.interaction_id
     FROM followups f JOIN contacts c ON c.id = f.contact_id";

fn read(row: &rusqlite::Row<'_>) -> rusqlite::Result<FollowUp> {
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
}

impl Db<'_> {
    /// Records a promise (id 0: a new id) and returns its id.
    pub fn add_followup(&self, f: &FollowUp) -> Result<i64> {
        self.add_followup_as(f, &Identity::default())
    }

    /// [`Db::add_followup`] with the identity a backup gave it.
    pub fn add_followup_as(&self, f: &FollowUp, given: &Identity) -> Result<i64> {
        let id: Option<i64> = (f.id != 0).then_some(f.id);
        Ok(self
            .conn
            .prepare_cached(
                "INSERT INTO followups (id, contact_id, interaction_id, text, due, created_on, done_on, uuid, modified)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
            )?
            .query_row(
                params![
                    id,
                    f.contact,
                    f.interaction,
                    f.text,
                    f.due,
                    f.created_on,
                    f.done_on,
                    super::uuid_of(given)?,
                    self.modified_of(given)
                ],
                |r| r.get(0),
            )?)
    }

    /// Open promises (of one contact, or all), overdue and dated first.
    pub fn open_followups(&self, contact: Option<i64>) -> Result<Vec<FollowUp>> {
        let sql = format!(
            "{SELECT} WHERE f.done_on IS NULL AND {}
             ORDER BY f.due IS NULL, f.due, f.id",
            // All promises: those to active contacts; one contact's: all of them.
            match contact {
                Some(_) => "f.contact_id = ?1",
                None => "?1 IS NULL AND c.status = 'active'",
            }
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([contact], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every promise, for export.
    pub fn all_followups(&self) -> Result<Vec<FollowUp>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT} ORDER BY f.id"))?;
        let rows = stmt.query_map([], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One promise by id.
    pub fn followup(&self, id: i64) -> Result<Option<FollowUp>> {
        Ok(self
            .conn
            .prepare_cached(&format!("{SELECT} WHERE f.id = ?1"))?
            .query_row([id], read)
            .optional()?)
    }

    /// Marks a promise kept.
    pub fn finish_followup(&self, id: i64, on: NaiveDate) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE followups SET done_on = ?2 WHERE id = ?1")?
            .execute(params![id, on])?;
        Ok(())
    }
}
