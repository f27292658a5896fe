//! Interactions and who took part in them.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rusqlite::{params, Row};

use super::Db;
use crate::model::{GiveTake, Identity, Initiator, Interaction, Minutes, TimeRow};

pub(super) const COLS: &str =
    "i.id, i.kind, i.date, i.time, i.minutes, i.note, i.gave, i.got, i.initiator, i.place";

pub(super) fn read_interaction(row: &Row<'_>) -> rusqlite::Result<Interaction> {
    let initiator: String = row.get(8)?;
    Ok(Interaction {
        id: row.get(0)?,
        kind: row.get(1)?,
        date: row.get(2)?,
        time: row.get(3)?,
        minutes: row.get::<_, Option<u32>>(4)?.map(Minutes),
        note: row.get(5)?,
        gave: row.get(6)?,
        got: row.get(7)?,
        initiator: Initiator::parse(&initiator).unwrap_or(Initiator::Me),
        place: row.get(9)?,
        contacts: Vec::new(),
        intro: None,
    })
}

impl Db<'_> {
    /// Time per day and kind between two dates (inclusive), for budgets and stats.
    pub fn time_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<TimeRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT date, kind, coalesce(sum(minutes), 0), sum(minutes IS NULL), count(*) FROM interactions
             WHERE date BETWEEN ?1 AND ?2 GROUP BY date, kind ORDER BY date, kind",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            Ok(TimeRow {
                date: r.get(0)?,
                kind: r.get(1)?,
                logged: r.get(2)?,
                unlogged: r.get(3)?,
                count: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Totals over all time: interactions, with something given, with something got, they started.
    pub fn give_take_totals(&self) -> Result<(i64, i64, i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT count(*), count(gave), count(got), coalesce(sum(initiator = 'they'), 0) FROM interactions",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?)
    }

    /// Records an interaction with its participants (id 0: a new id) and
    /// returns its id. Its participants are derived again at commit.
    pub fn insert_interaction(&self, i: &Interaction) -> Result<i64> {
        let id = self.insert_interaction_rows(i, &Identity::default())?;
        self.touch_added(i.contacts.iter().copied(), id);
        Ok(id)
    }

    /// The rows of [`Db::insert_interaction`], with no contact marked for
    /// derivation (a load derives every contact once at its end).
    pub(super) fn insert_interaction_rows(&self, i: &Interaction, given: &Identity) -> Result<i64> {
        let id: Option<i64> = (i.id != 0).then_some(i.id);
        // One text for both tables (chrono's ToSql formats on every bind).
        let date = i.date.to_string();
        let id: i64 = self
            .conn
            .prepare_cached(
                "INSERT INTO interactions (id, kind, date, time, minutes, note, gave, got, initiator, place, uuid, modified)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
            )?
            .query_row(
                params![
                    id,
                    i.kind,
                    date,
                    i.time,
                    i.minutes.map(|m| m.0),
                    i.note,
                    i.gave,
                    i.got,
                    i.initiator.as_str(),
                    i.place,
                    super::uuid_of(given)?,
                    self.modified_of(given)
                ],
                |r| r.get(0),
            )
            .context("recording the interaction")?;
        let mut part = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO participants (interaction_id, contact_id, date) VALUES (?1, ?2, ?3)",
        )?;
        for contact in &i.contacts {
            part.execute(params![id, contact, date])?;
        }
        if let Some((a, b)) = i.intro {
            self.add_introduction(id, a, b)?;
        }
        Ok(id)
    }

    /// The latest interactions of a contact, newest first.
    pub fn history(&self, contact: i64, limit: usize) -> Result<Vec<Interaction>> {
        let sql = format!(
            "SELECT {COLS} FROM participants p JOIN interactions i ON i.id = p.interaction_id
             WHERE p.contact_id = ?1 ORDER BY p.date DESC, i.id DESC LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![contact, limit as i64], read_interaction)?;
        let mut out: Vec<Interaction> = rows.collect::<rusqlite::Result<_>>()?;
        for i in &mut out {
            i.contacts = self.participants(i.id)?;
        }
        Ok(out)
    }

    /// What you gave a contact and got from them, newest first.
    pub fn give_take(&self, contact: i64, limit: usize) -> Result<Vec<GiveTake>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.date, i.gave, i.got FROM participants p JOIN interactions i ON i.id = p.interaction_id
             WHERE p.contact_id = ?1 AND (i.gave IS NOT NULL OR i.got IS NOT NULL)
             ORDER BY p.date DESC, i.id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![contact, limit as i64], |r| {
            Ok(GiveTake {
                date: r.get(0)?,
                gave: r.get(1)?,
                got: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The places of a contact's interactions (events logged with `--at`).
    pub fn places(&self, contact: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT i.place FROM participants p JOIN interactions i ON i.id = p.interaction_id
             WHERE p.contact_id = ?1 AND i.place IS NOT NULL ORDER BY i.place LIMIT 50",
        )?;
        let rows = stmt.query_map([contact], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many interactions a contact took part in: kept with the
    /// contact's other totals (derived at every write's commit, checked by
    /// `net doctor`), so `net show` does not count a long history.
    pub fn interaction_total(&self, contact: i64) -> Result<i64> {
        let agg = self.stored_agg(contact)?;
        if agg.count == 0 && agg.last_touch.is_some() {
            // Totals from before they were counted, on a database this net
            // could not derive again (opened read-only): count the rows.
            return Ok(self
                .conn
                .prepare_cached("SELECT count(*) FROM participants WHERE contact_id = ?1")?
                .query_row([contact], |r| r.get(0))?);
        }
        Ok(i64::try_from(agg.count)?)
    }

    fn participants(&self, interaction: i64) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT contact_id FROM participants WHERE interaction_id = ?1 ORDER BY contact_id",
        )?;
        let rows = stmt.query_map([interaction], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Calls `f` with every interaction, oldest first (for export): streamed,
    /// so a million interactions are not held twice in memory.
    pub fn each_interaction(
        &self,
        mut f: impl FnMut(Interaction, Identity) -> Result<()>,
    ) -> Result<()> {
        let sql = format!(
            "SELECT {COLS}, (SELECT group_concat(contact_id) FROM participants p WHERE p.interaction_id = i.id),
                    n.a, n.b, i.uuid, i.modified
             FROM interactions i LEFT JOIN introductions n ON n.interaction_id = i.id ORDER BY i.date, i.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let mut i = read_interaction(row)?;
            let ids: Option<String> = row.get(10)?;
            i.contacts = ids
                .unwrap_or_default()
                .split(',')
                .filter_map(|s| s.parse().ok())
                .collect();
            i.contacts.sort_unstable();
            let (a, b): (Option<i64>, Option<i64>) = (row.get(11)?, row.get(12)?);
            i.intro = a.zip(b);
            let identity = Identity {
                uuid: row.get(13)?,
                modified: row.get(14)?,
            };
            f(i, identity)?;
        }
        Ok(())
    }

    /// Whether some interaction has this kind.
    pub fn kind_in_history(&self, kind: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM interactions WHERE kind = ?1)")?
            .query_row([kind], |r| r.get(0))?)
    }

    /// How many interactions there are.
    pub fn interaction_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM interactions", [], |r| r.get(0))?)
    }
}
