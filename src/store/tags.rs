//! Tags across contacts: counts, and renaming one everywhere (its rule too).

use anyhow::Result;
use rusqlite::params;

use super::Db;

impl Db<'_> {
    /// Every tag with the number of contacts (active and archived) carrying it, by tag.
    pub fn tag_counts(&self) -> Result<Vec<(String, i64)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT tag, count(*) FROM tags GROUP BY tag ORDER BY tag")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Renames a tag on every contact (a contact with both keeps one) and
    /// moves its rule. Returns how many contacts carried it. Refuses when
    /// both tags have a rule: which cadence wins is for the user to say.
    pub fn rename_tag(&self, old: &str, new: &str) -> Result<usize> {
        let ids: Vec<i64> = self
            .conn
            .prepare_cached("SELECT contact_id FROM tags WHERE tag = ?1")?
            .query_map([old], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let has_rule = |tag: &str| -> Result<bool> {
            Ok(self
                .conn
                .prepare_cached("SELECT count(*) FROM rules WHERE tag = ?1")?
                .query_row([tag], |r| r.get::<_, i64>(0))?
                > 0)
        };
        if has_rule(old)? && has_rule(new)? {
            return Err(crate::error::user(format!(
                "both {old} and {new} have a cadence rule: remove one first (net rule rm {old})"
            )));
        }
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO tags (contact_id, tag) SELECT contact_id, ?2 FROM tags WHERE tag = ?1")?
            .execute(params![old, new])?;
        self.conn
            .prepare_cached("DELETE FROM tags WHERE tag = ?1")?
            .execute([old])?;
        self.conn
            .prepare_cached("UPDATE rules SET tag = ?2 WHERE tag = ?1")?
            .execute(params![old, new])?;
        // The cadence of everyone with a rule on the new tag may change too.
        let with_new: Vec<i64> = self
            .conn
            .prepare_cached("SELECT contact_id FROM tags WHERE tag = ?1")?
            .query_map([new], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        self.touch_fields(ids.iter().copied());
        self.touch_fields(with_new);
        Ok(ids.len())
    }
}
