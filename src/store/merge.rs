//! Joining two contacts into one (`net merge`): everything that points at
//! the one that goes is pointed at the one that stays.

use anyhow::{Context, Result};
use rusqlite::params;

use super::Db;

/// What moved from one contact to another.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Moved {
    pub interactions: usize,
    pub notes: usize,
    pub followups: usize,
    pub assessments: usize,
    /// Captured proposals waiting in the inbox.
    pub proposals: usize,
}

impl Db<'_> {
    /// Points the interactions, introductions, notes, promises,
    /// assessments and inbox proposals of `gone` at `keep`, and those it introduced too, then
    /// deletes `gone`. The caller saves the combined fields of `keep` in the
    /// same transaction; `keep` is derived again at commit.
    pub fn merge_into(&self, keep: i64, gone: i64) -> Result<Moved> {
        let run = |sql: &str| -> Result<usize> {
            self.conn
                .prepare_cached(sql)?
                .execute(params![keep, gone])
                .with_context(|| format!("merging contact #{gone} into #{keep}"))
        };
        // The rows of `gone` in a table with a contact_id.
        let rows_of = |table: &str| -> Result<usize> {
            let sql = format!("SELECT count(*) FROM {table} WHERE contact_id = ?1");
            let n: i64 = self.conn.query_row(&sql, [gone], |r| r.get(0))?;
            Ok(n as usize)
        };
        let interactions = rows_of("participants")?;
        // An interaction both took part in loses a person: the shares of
        // its other people grow.
        let others: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT o.contact_id FROM participants g
                 JOIN participants k ON k.interaction_id = g.interaction_id AND k.contact_id = ?1
                 JOIN participants o ON o.interaction_id = g.interaction_id
                 WHERE g.contact_id = ?2 AND o.contact_id NOT IN (?1, ?2)",
            )?
            .query_map(params![keep, gone], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        self.touch(others);
        // An interaction both took part in keeps one participant row.
        run(
            "INSERT OR IGNORE INTO participants (interaction_id, contact_id, date)
             SELECT interaction_id, ?1, date FROM participants WHERE contact_id = ?2",
        )?;
        run("UPDATE introductions SET a = ?1 WHERE a = ?2")?;
        run("UPDATE introductions SET b = ?1 WHERE b = ?2")?;
        // Introducing someone to themselves means nothing.
        self.conn
            .prepare_cached("DELETE FROM introductions WHERE a = ?1 AND b = ?1")?
            .execute([keep])?;
        let notes = run("UPDATE contact_notes SET contact_id = ?1 WHERE contact_id = ?2")?;
        let followups = run("UPDATE followups SET contact_id = ?1 WHERE contact_id = ?2")?;
        let assessments = run("UPDATE assessments SET contact_id = ?1 WHERE contact_id = ?2")?;
        run("UPDATE contacts SET introduced_by = ?1 WHERE introduced_by = ?2 AND id <> ?1")?;
        // Captured proposals waiting in the inbox: one person, once each.
        let proposals = rows_of("capture_inbox_people")?;
        run(
            "INSERT OR IGNORE INTO capture_inbox_people (inbox_id, contact_id)
             SELECT inbox_id, ?1 FROM capture_inbox_people WHERE contact_id = ?2",
        )?;
        // The kept card lists every UUID merged into it (X-NET-MERGED), so
        // another device merges the same two contacts.
        let mut merged = self.merged(keep)?;
        merged.extend(self.merged(gone)?);
        let gone_uuid: Option<String> = self
            .conn
            .prepare_cached("SELECT uuid FROM contacts WHERE id = ?1")?
            .query_row([gone], |r| r.get(0))?;
        merged.extend(gone_uuid);
        self.set_merged(keep, &merged)?;
        // Deleting the contact deletes its remaining participant rows.
        self.conn
            .prepare_cached("DELETE FROM contacts WHERE id = ?1")?
            .execute([gone])
            .with_context(|| format!("deleting contact #{gone} after the merge"))?;
        self.touch([keep]);
        Ok(Moved {
            interactions,
            notes,
            followups,
            assessments,
            proposals,
        })
    }
}
