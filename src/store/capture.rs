//! Capture (issue 14): the inbox of proposed interactions, the source ids
//! already captured, and the local marks of what was scanned.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

use super::Db;

/// A proposal waiting in `net inbox`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InboxRow {
    pub id: i64,
    pub source_id: String,
    pub source: String,
    pub date: NaiveDate,
    pub time: Option<String>,
    pub minutes: u32,
    pub kind: String,
    pub subject: String,
    pub initiator: String,
    pub contacts: Vec<i64>,
}

/// Where the last scan of an mbox file ended: (offset, length then).
pub type MboxMark = (u64, u64);

const INBOX_COLS: &str =
    "i.id, i.source_id, i.source, i.date, i.time, i.minutes, i.kind, i.subject, i.initiator,
     (SELECT group_concat(contact_id) FROM capture_inbox_people p WHERE p.inbox_id = i.id)";

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<InboxRow> {
    let ids: Option<String> = r.get(9)?;
    let mut contacts: Vec<i64> = ids
        .unwrap_or_default()
        .split(',')
        .filter_map(|s| s.parse().ok())
        .collect();
    contacts.sort_unstable();
    Ok(InboxRow {
        id: r.get(0)?,
        source_id: r.get(1)?,
        source: r.get(2)?,
        date: r.get(3)?,
        time: r.get(4)?,
        minutes: r.get(5)?,
        kind: r.get(6)?,
        subject: r.get(7)?,
        initiator: r.get(8)?,
        contacts,
    })
}

impl Db<'_> {
    /// Every e-mail address of every active contact, lower case, with the
    /// contacts that have it.
    pub fn email_index(&self) -> Result<HashMap<String, Vec<i64>>> {
        self.grouped(
            "SELECT DISTINCT lower(trim(ci.value)), ci.contact_id FROM contact_info ci
             JOIN contacts c ON c.id = ci.contact_id
             WHERE ci.kind = 'email' AND c.status = 'active' ORDER BY 1, 2",
        )
    }

    /// The rows of a query of two columns, the second gathered by the first.
    fn grouped<K, V>(&self, sql: &str) -> Result<HashMap<K, Vec<V>>>
    where
        K: rusqlite::types::FromSql + std::hash::Hash + Eq,
        V: rusqlite::types::FromSql,
    {
        let mut stmt = self.conn.prepare(sql)?;
        let mut out: HashMap<K, Vec<V>> = HashMap::new();
        let rows = stmt.query_map([], |r| Ok((r.get::<_, K>(0)?, r.get::<_, V>(1)?)))?;
        for row in rows {
            let (k, v) = row?;
            out.entry(k).or_default().push(v);
        }
        Ok(out)
    }

    /// Whether a proposal or item id was captured before.
    pub fn captured(&self, id: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM capture_seen WHERE id = ?1")?
            .query_row([id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// The captured ids of each interaction that has some, sorted.
    pub fn capture_ids_by_interaction(&self) -> Result<HashMap<i64, Vec<String>>> {
        self.grouped(
            "SELECT interaction_id, id FROM capture_seen
             WHERE interaction_id IS NOT NULL ORDER BY interaction_id, id",
        )
    }

    /// Remembers a captured id, with the interaction it became (kept when
    /// already known).
    pub fn mark_captured(&self, id: &str, interaction: Option<i64>) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO capture_seen (id, interaction_id) VALUES (?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET interaction_id = excluded.interaction_id
                 WHERE excluded.interaction_id IS NOT NULL",
            )?
            .execute(params![id, interaction])?;
        Ok(())
    }

    /// An interaction on `date` with every one of `contacts` that was logged
    /// by hand (not made from a capture), if there is one.
    pub fn manual_interaction_on(&self, date: NaiveDate, contacts: &[i64]) -> Result<Option<i64>> {
        if contacts.is_empty() {
            return Ok(None);
        }
        let ids = serde_json::to_string(contacts)?;
        Ok(self
            .conn
            .prepare_cached(
                "SELECT p.interaction_id FROM participants p
                 WHERE p.date = ?1 AND p.contact_id IN (SELECT value FROM json_each(?2))
                   AND NOT EXISTS (SELECT 1 FROM capture_seen s WHERE s.interaction_id = p.interaction_id)
                 GROUP BY p.interaction_id HAVING count(*) = ?3
                 ORDER BY p.interaction_id LIMIT 1",
            )?
            .query_row(params![date, ids, contacts.len() as i64], |r| r.get(0))
            .optional()?)
    }

    /// Puts a proposal into the inbox and returns its number.
    pub fn add_to_inbox(&self, p: &InboxRow) -> Result<i64> {
        let id: i64 = self
            .conn
            .prepare_cached(
                "INSERT INTO capture_inbox (source_id, source, date, time, minutes, kind, subject, initiator)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
            )?
            .query_row(
                params![
                    p.source_id,
                    p.source,
                    p.date,
                    p.time,
                    p.minutes,
                    p.kind,
                    p.subject,
                    p.initiator
                ],
                |r| r.get(0),
            )?;
        let mut people = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO capture_inbox_people (inbox_id, contact_id) VALUES (?1, ?2)",
        )?;
        for c in &p.contacts {
            people.execute(params![id, c])?;
        }
        Ok(id)
    }

    /// The proposals waiting, by date and number (those whose people have
    /// all been forgotten are left out).
    pub fn inbox(&self) -> Result<Vec<InboxRow>> {
        let sql = format!(
            "SELECT {INBOX_COLS} FROM capture_inbox i
             WHERE EXISTS (SELECT 1 FROM capture_inbox_people p WHERE p.inbox_id = i.id)
             ORDER BY i.date, i.time, i.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], read_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Takes a proposal out of the inbox (accepted or dropped).
    pub fn remove_from_inbox(&self, id: i64) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM capture_inbox WHERE id = ?1")?
            .execute([id])?;
        Ok(())
    }

    /// The keys of the files of a Maildir already read on this machine, by folder.
    pub fn maildir_read(&self, root: &str) -> Result<HashSet<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT folder, key FROM local_capture_maildir WHERE root = ?1")?;
        let rows = stmt.query_map([root], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Remembers that a file of a Maildir was read.
    pub fn mark_maildir_read(&self, root: &str, folder: &str, key: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT OR IGNORE INTO local_capture_maildir (root, folder, key) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![root, folder, key])?;
        Ok(())
    }

    /// Where the last scan of an mbox file ended.
    pub fn mbox_mark(&self, path: &str) -> Result<Option<MboxMark>> {
        Ok(self
            .conn
            .query_row(
                "SELECT offset, len FROM local_capture_mbox WHERE path = ?1",
                [path],
                |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64)),
            )
            .optional()?)
    }

    pub fn set_mbox_mark(&self, path: &str, mark: MboxMark) -> Result<()> {
        self.conn.execute(
            "INSERT INTO local_capture_mbox (path, offset, len) VALUES (?1, ?2, ?3)
             ON CONFLICT (path) DO UPDATE SET offset = excluded.offset, len = excluded.len",
            params![path, mark.0 as i64, mark.1 as i64],
        )?;
        Ok(())
    }

    /// The day a source ("ics:PATH", "mail:PATH") was last captured.
    pub fn last_capture(&self, source: &str) -> Result<Option<NaiveDate>> {
        Ok(self
            .conn
            .query_row(
                "SELECT last_day FROM local_capture_runs WHERE source = ?1",
                [source],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn set_last_capture(&self, source: &str, day: NaiveDate) -> Result<()> {
        self.conn.execute(
            "INSERT INTO local_capture_runs (source, last_day) VALUES (?1, ?2)
             ON CONFLICT (source) DO UPDATE SET last_day = excluded.last_day",
            params![source, day],
        )?;
        Ok(())
    }
}

/// What the last capture of a CalDAV calendar left: its sync token and the
/// events to read again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CalendarMark {
    pub token: Option<String>,
    pub pending: Vec<String>,
}

impl Db<'_> {
    /// The mark of a calendar ("URL PATH"); the default when never captured.
    pub fn calendar_mark(&self, calendar: &str) -> Result<CalendarMark> {
        let token: Option<String> = self
            .conn
            .query_row(
                "SELECT token FROM local_capture_calendars WHERE calendar = ?1",
                [calendar],
                |r| r.get(0),
            )
            .optional()?;
        let mut stmt = self.conn.prepare(
            "SELECT href FROM local_capture_calendar_pending WHERE calendar = ?1 ORDER BY href",
        )?;
        let pending = stmt
            .query_map([calendar], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(CalendarMark { token, pending })
    }

    /// Replaces the mark of a calendar.
    pub fn set_calendar_mark(&self, calendar: &str, mark: &CalendarMark) -> Result<()> {
        for table in ["local_capture_calendar_pending", "local_capture_calendars"] {
            self.conn.execute(
                &format!("DELETE FROM {table} WHERE calendar = ?1"),
                [calendar],
            )?;
        }
        let Some(token) = &mark.token else {
            return Ok(());
        };
        self.conn.execute(
            "INSERT INTO local_capture_calendars (calendar, token) VALUES (?1, ?2)",
            params![calendar, token],
        )?;
        let mut stmt = self.conn.prepare_cached(
            "INSERT OR IGNORE INTO local_capture_calendar_pending (calendar, href) VALUES (?1, ?2)",
        )?;
        for href in &mark.pending {
            stmt.execute(params![calendar, href])?;
        }
        Ok(())
    }
}
