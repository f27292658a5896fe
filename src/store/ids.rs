//! The ids a command takes, for shell completion: the newest first, each with
//! what tells it apart (its date, kind and people).

use anyhow::Result;
use rusqlite::params;

use super::Db;

/// Which ids: those of `net log edit|rm`, `net note edit|rm`, `net todo edit`
/// and `net done`, or `net inbox accept|drop`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdsOf {
    Interactions,
    Notes,
    Promises,
    Proposals,
}

/// One candidate: the id, a date, a kind (or topic) and who.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdCandidate {
    pub id: i64,
    pub date: String,
    pub kind: String,
    pub people: String,
}

impl Db<'_> {
    /// Up to `limit` ids whose digits start with `prefix` (all with ""), newest first.
    pub fn id_candidates(&self, of: IdsOf, prefix: &str, limit: usize) -> Result<Vec<IdCandidate>> {
        let sql = match of {
            IdsOf::Interactions => {
                "SELECT i.id, i.date, i.kind,
                        (SELECT group_concat(c.name, ', ') FROM participants p
                         JOIN contacts c ON c.id = p.contact_id WHERE p.interaction_id = i.id)
                 FROM interactions i WHERE CAST(i.id AS TEXT) LIKE ?1 || '%'
                 ORDER BY i.date DESC, i.id DESC LIMIT ?2"
            }
            IdsOf::Notes => {
                "SELECT n.id, n.created_on, n.topic, c.name FROM contact_notes n
                 JOIN contacts c ON c.id = n.contact_id WHERE CAST(n.id AS TEXT) LIKE ?1 || '%'
                 ORDER BY n.id DESC LIMIT ?2"
            }
            IdsOf::Promises => {
                "SELECT f.id, coalesce(f.due, f.created_on), f.text, c.name FROM followups f
                 JOIN contacts c ON c.id = f.contact_id
                 WHERE f.done_on IS NULL AND CAST(f.id AS TEXT) LIKE ?1 || '%'
                 ORDER BY f.id DESC LIMIT ?2"
            }
            IdsOf::Proposals => {
                "SELECT b.id, b.date, b.kind,
                        (SELECT group_concat(c.name, ', ') FROM capture_inbox_people p
                         JOIN contacts c ON c.id = p.contact_id WHERE p.inbox_id = b.id)
                 FROM capture_inbox b WHERE CAST(b.id AS TEXT) LIKE ?1 || '%'
                 ORDER BY b.date DESC, b.id DESC LIMIT ?2"
            }
        };
        // Digits only: a `%` or `_` typed at the prompt is no pattern.
        let prefix: String = prefix.chars().filter(char::is_ascii_digit).collect();
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params![prefix, limit as i64], |r| {
            Ok(IdCandidate {
                id: r.get(0)?,
                date: r.get(1)?,
                kind: r.get(2)?,
                people: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
