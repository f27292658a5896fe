//! Full-text search over what was logged (migration 0009: an FTS5 index of
//! interactions' notes, gave/got and places, kept by triggers).

use anyhow::Result;
use chrono::NaiveDate;

use super::Db;

/// An interaction whose text matched, and one person who took part.
#[derive(Clone, Debug)]
pub struct LoggedHit {
    pub contact: i64,
    pub interaction: i64,
    pub date: NaiveDate,
    pub note: Option<String>,
    pub gave: Option<String>,
    pub got: Option<String>,
    pub place: Option<String>,
}

/// The words of `text` as an FTS5 query: every word, as a prefix, must occur
/// (`augs` finds Augsburg). Quotes keep FTS5 syntax out of the user's text.
fn fts_query(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Db<'_> {
    /// For every contact with an interaction whose note, gave, got or place
    /// holds every word of `text` (case and accents do not matter): the
    /// latest such interaction. Latest first.
    pub fn search_logged(&self, text: &str) -> Result<Vec<LoggedHit>> {
        let query = fts_query(text);
        if query.is_empty() {
            return Ok(Vec::new());
        }
        // SQLite gives the bare columns of the row that holds max().
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.contact_id, i.id, max(i.date || printf('%012d', i.id)), i.date,
                    i.note, i.gave, i.got, i.place
             FROM local_search s JOIN interactions i ON i.id = s.rowid
             JOIN participants p ON p.interaction_id = i.id
             WHERE local_search MATCH ?1 GROUP BY p.contact_id",
        )?;
        let rows = stmt.query_map([query], |r| {
            Ok(LoggedHit {
                contact: r.get(0)?,
                interaction: r.get(1)?,
                date: r.get(3)?,
                note: r.get(4)?,
                gave: r.get(5)?,
                got: r.get(6)?,
                place: r.get(7)?,
            })
        })?;
        let mut out: Vec<LoggedHit> = rows.collect::<rusqlite::Result<_>>()?;
        out.sort_by_key(|h| std::cmp::Reverse((h.date, h.interaction)));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn user_text_becomes_quoted_prefixes() {
        assert_eq!(fts_query("Augsburg"), "\"Augsburg\"*");
        assert_eq!(
            fts_query("heat-pump \"OR\" x*"),
            "\"heat\"* \"pump\"* \"OR\"* \"x\"*"
        );
        assert_eq!(fts_query(" -- "), "");
    }
}
