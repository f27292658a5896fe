//! Loading a whole network into an empty database (`net import json`, `net
//! demo`): the secondary indexes and the search indexes' insert triggers are
//! set aside while the rows go in, and built once at the end from sorted
//! rows (issue 15: updating them row by row, in random order, inside one
//! large transaction thrashed the page cache). All of it happens inside the
//! import's one transaction: an import that fails or is killed leaves the
//! schema as it was.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rusqlite::params;

use std::collections::HashMap;

use super::contacts::{read_touch, TOUCH_COLS};
use super::Db;
use crate::model::derive::{HistoryAgg, Touch};
use crate::model::Policy;
use crate::model::{Identity, Interaction};

/// The tables a load fills, whose secondary indexes it sets aside.
const LOADED: &[&str] = &[
    "contacts",
    "aliases",
    "tags",
    "contact_info",
    "interactions",
    "participants",
    "introductions",
    "contact_notes",
    "followups",
    "assessments",
    "capture_seen",
];

/// The search indexes' triggers on new interactions and participants
/// (migration 0016): set aside during a load, the indexes built after it.
const SEARCH_TRIGGERS: &[&str] = &["local_search_insert", "local_search_people_insert"];

/// The aggregates of every loaded contact's history, folded as the load
/// writes its interactions ([`HistoryAgg::add`] is exact in any order): no
/// second pass over a million rows at commit.
pub(super) struct Folding {
    policy: Policy,
    pub(super) aggs: HashMap<i64, HistoryAgg>,
}

/// What a load set aside, to put back with [`Db::end_load`].
#[must_use]
pub struct SetAside {
    /// `CREATE INDEX …` of each index dropped.
    indexes: Vec<String>,
    /// `CREATE TRIGGER …` of the search triggers that were there.
    triggers: Vec<String>,
}

impl Db<'_> {
    /// Drops the secondary indexes of the loaded tables and the search
    /// trigger, for a load into an empty database; [`Db::end_load`] builds
    /// them again; the interactions it adds are folded into their contacts'
    /// aggregates with `policy` as they come. Only inside a write transaction.
    pub fn begin_load(&self, policy: &Policy) -> Result<SetAside> {
        *self.folding.borrow_mut() = Some(Folding {
            policy: policy.clone(),
            aggs: HashMap::new(),
        });
        // Rows are appended and indexes built from sorted runs: a smaller
        // page cache than other bulk writes get is enough (it is most of
        // the peak memory of an import).
        self.conn.execute_batch("PRAGMA cache_size = -65536")?;
        let tables = serde_json::to_string(LOADED)?;
        let mut stmt = self.conn.prepare(
            "SELECT name, sql FROM sqlite_schema
             WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?1))
             ORDER BY name",
        )?;
        let indexes: Vec<(String, String)> = stmt
            .query_map([tables], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut triggers = Vec::new();
        for name in SEARCH_TRIGGERS {
            let sql: Option<String> = self
                .conn
                .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1")?
                .query_row([name], |r| r.get(0))
                .ok();
            if let Some(sql) = sql {
                self.conn.execute_batch(&format!("DROP TRIGGER {name}"))?;
                triggers.push(sql);
            }
        }
        for (name, _) in &indexes {
            self.conn
                .execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
        }
        Ok(SetAside {
            indexes: indexes.into_iter().map(|(_, sql)| sql).collect(),
            triggers,
        })
    }

    /// Builds what [`Db::begin_load`] set aside, from the rows now loaded:
    /// each index in one sorted pass, the search index in one statement
    /// (the rows its trigger would have added, one by one).
    pub fn end_load(&self, aside: SetAside) -> Result<()> {
        // Derived at commit, every history folded in one pass.
        self.touch_loaded(self.all_ids()?);
        for sql in &aside.indexes {
            self.conn
                .execute_batch(sql)
                .with_context(|| format!("building the index {sql}"))?;
        }
        if !aside.triggers.is_empty() {
            self.conn.execute_batch(super::search::REBUILD)?;
            for sql in &aside.triggers {
                self.conn.execute_batch(sql)?;
            }
        }
        Ok(())
    }

    /// The aggregates of every contact's history, in one pass over the
    /// interactions in the order they are stored (and their participants,
    /// stored beside them): no look-up per contact.
    pub(super) fn fold_all(&self, policy: &Policy) -> Result<HashMap<i64, HistoryAgg>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {TOUCH_COLS}, p.contact_id
             FROM interactions i CROSS JOIN participants p ON p.interaction_id = i.id"
        ))?;
        let mut rows = stmt.query([])?;
        let mut folded: HashMap<i64, HistoryAgg> = HashMap::new();
        while let Some(row) = rows.next()? {
            let touch = read_touch(row)?;
            let contact: i64 = row.get(8)?;
            folded.entry(contact).or_default().add(&touch, policy);
        }
        Ok(folded)
    }

    /// Adds an interaction of a load: its rows (indexes come at
    /// [`Db::end_load`]), and its touch to each participant's aggregates.
    pub fn load_interaction(&self, i: &Interaction, given: &Identity) -> Result<i64> {
        let id = self.insert_interaction_rows(i, given)?;
        if let Some(f) = self.folding.borrow_mut().as_mut() {
            // As stored: a contact named twice takes part once.
            let mut people = i.contacts.clone();
            people.sort_unstable();
            people.dedup();
            let touch = Touch::of(i, id, people.len() as u32);
            for c in people {
                f.aggs.entry(c).or_default().add(&touch, &f.policy);
            }
        }
        Ok(id)
    }

    /// The day a contact of a load counts as added, known once its whole
    /// file is read (its first interaction there); with `cadence`, its
    /// cadence starts that day too.
    pub fn set_added_on(&self, id: i64, day: NaiveDate, cadence: bool) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE contacts SET added_on = ?2,
                     cadence_since = CASE WHEN ?3 THEN ?2 ELSE cadence_since END
                 WHERE id = ?1",
            )?
            .execute(params![id, day, cadence])?;
        self.touch_fields([id]);
        Ok(())
    }
}
