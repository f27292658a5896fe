//! Notes by topic, introductions and assessments: what the brief shows.

use anyhow::Result;
use rusqlite::params;

use super::Db;
use crate::model::{Assessment, Identity, Introduction, Note};

impl Db<'_> {
    /// Adds a note (id 0: a new id).
    pub fn add_note(&self, n: &Note) -> Result<i64> {
        self.add_note_as(n, &Identity::default())
    }

    /// [`Db::add_note`] with the UUID a backup gave it.
    pub fn add_note_as(&self, n: &Note, given: &Identity) -> Result<i64> {
        let id: Option<i64> = (n.id != 0).then_some(n.id);
        self.touch_fields([n.contact]);
        Ok(self
            .conn
            .prepare_cached(
                "INSERT INTO contact_notes (id, contact_id, topic, text, created_on, uuid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
            )?
            .query_row(
                params![
                    id,
                    n.contact,
                    n.topic,
                    n.text,
                    n.created_on,
                    super::uuid_of(given)?
                ],
                |r| r.get(0),
            )?)
    }

    /// Notes of a contact (all contacts with None), by topic then age.
    pub fn notes(&self, contact: Option<i64>) -> Result<Vec<Note>> {
        let sql = format!(
            "SELECT id, contact_id, topic, text, created_on FROM contact_notes
             WHERE {} ORDER BY contact_id, topic, id",
            super::of_contact(contact, "contact_id = ?1")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([contact], |r| {
            Ok(Note {
                id: r.get(0)?,
                contact: r.get(1)?,
                topic: r.get(2)?,
                text: r.get(3)?,
                created_on: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Remembers that an interaction introduced `a` to `b`.
    pub fn add_introduction(&self, interaction: i64, a: i64, b: i64) -> Result<()> {
        self.conn
            .prepare_cached("INSERT INTO introductions (interaction_id, a, b) VALUES (?1, ?2, ?3)")?
            .execute(params![interaction, a, b])?;
        Ok(())
    }

    /// Introductions involving a contact (all with None), newest first.
    pub fn introductions(&self, contact: Option<i64>) -> Result<Vec<Introduction>> {
        let sql = format!(
            "SELECT n.interaction_id, i.date, n.a, ca.name, n.b, cb.name FROM introductions n
             JOIN interactions i ON i.id = n.interaction_id
             JOIN contacts ca ON ca.id = n.a JOIN contacts cb ON cb.id = n.b
             WHERE {} ORDER BY i.date DESC, n.interaction_id DESC",
            super::of_contact(contact, "(n.a = ?1 OR n.b = ?1)")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([contact], |r| {
            Ok(Introduction {
                interaction: r.get(0)?,
                date: r.get(1)?,
                a: r.get(2)?,
                a_name: r.get(3)?,
                b: r.get(4)?,
                b_name: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Stores an assessment (id 0: a new id).
    pub fn add_assessment(&self, a: &Assessment) -> Result<i64> {
        self.add_assessment_as(a, &Identity::default())
    }

    /// [`Db::add_assessment`] with the UUID a backup gave it.
    pub fn add_assessment_as(&self, a: &Assessment, given: &Identity) -> Result<i64> {
        let id: Option<i64> = (a.id != 0).then_some(a.id);
        let answers = a
            .answers
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(",");
        Ok(self
            .conn
            .prepare_cached(
                "INSERT INTO assessments (id, contact_id, date, answers, score, uuid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
            )?
            .query_row(
                params![
                    id,
                    a.contact,
                    a.date,
                    answers,
                    a.score,
                    super::uuid_of(given)?
                ],
                |r| r.get(0),
            )?)
    }

    /// Assessments of a contact (all with None), oldest first.
    pub fn assessments(&self, contact: Option<i64>) -> Result<Vec<Assessment>> {
        let sql = format!(
            "SELECT id, contact_id, date, answers, score FROM assessments WHERE {} ORDER BY date, id",
            super::of_contact(contact, "contact_id = ?1")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([contact], |r| {
            let answers: String = r.get(3)?;
            Ok(Assessment {
                id: r.get(0)?,
                contact: r.get(1)?,
                date: r.get(2)?,
                answers: answers.split(',').filter_map(|n| n.parse().ok()).collect(),
                score: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
