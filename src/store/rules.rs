//! Cadence rules per tag.

use anyhow::Result;
use rusqlite::params;

use super::Db;
use crate::model::Interval;
use crate::parse;

impl Db<'_> {
    /// Every rule, by tag. A stored value that no longer parses is skipped.
    pub fn rules(&self) -> Result<Vec<(String, Interval)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT tag, every FROM rules ORDER BY tag")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (tag, every) = row?;
            if let Ok(interval) = parse::interval(&every) {
                out.push((tag, interval));
            }
        }
        Ok(out)
    }

    /// Sets the rule of a tag (replacing an earlier one).
    pub fn set_rule(&self, tag: &str, every: Interval) -> Result<()> {
        self.conn
            .prepare_cached("INSERT INTO rules (tag, every) VALUES (?1, ?2) ON CONFLICT (tag) DO UPDATE SET every = excluded.every")?
            .execute(params![tag, every.short()])?;
        self.touch_fields(self.tagged(tag)?);
        Ok(())
    }

    /// Removes the rule of a tag; false when there was none.
    pub fn remove_rule(&self, tag: &str) -> Result<bool> {
        let removed = self
            .conn
            .prepare_cached("DELETE FROM rules WHERE tag = ?1")?
            .execute([tag])?
            > 0;
        self.touch_fields(self.tagged(tag)?);
        Ok(removed)
    }

    /// Ids of the contacts that carry a tag.
    pub fn tagged(&self, tag: &str) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT contact_id FROM tags WHERE tag = ?1")?;
        let rows = stmt.query_map([tag], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
