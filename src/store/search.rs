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
        // Only the index and participants (which repeat the date) are read for
        // every match; the interaction itself only for each contact's latest.
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.contact_id, max(p.date || printf('%012d', p.interaction_id))
             FROM local_search s JOIN participants p ON p.interaction_id = s.rowid
             WHERE local_search MATCH ?1 GROUP BY p.contact_id",
        )?;
        let latest: Vec<(i64, String)> = stmt
            .query_map([query], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(latest.len());
        for (contact, key) in latest {
            let (date, id) = key.split_at(key.len().saturating_sub(12));
            let Ok(interaction) = id.parse::<i64>() else {
                continue;
            };
            let Ok(date) = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") else {
                continue;
            };
            out.push((contact, interaction, date));
        }
        out.sort_by_key(|(_, i, d)| std::cmp::Reverse((*d, *i)));
        Ok(out
            .into_iter()
            .map(|(contact, interaction, date)| LoggedHit {
                contact,
                interaction,
                date,
                note: None,
                gave: None,
                got: None,
                place: None,
            })
            .collect())
    }

    /// The contacts with an interaction whose place holds every word of
    /// `text` as a word prefix, from the index alone: `who` asks this once
    /// instead of reading each found contact's whole history.
    pub fn placed_contacts(&self, text: &str) -> Result<std::collections::HashSet<i64>> {
        let query = fts_query(text);
        if query.is_empty() {
            return Ok(Default::default());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT p.contact_id FROM local_search s
             JOIN participants p ON p.interaction_id = s.rowid
             WHERE local_search MATCH ?1",
        )?;
        let rows = stmt.query_map([format!("{{place}} : ({query})")], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Fills in the text of a hit from [`Db::search_logged`] (read only for the ones shown).
    pub fn fill_logged(&self, hit: &mut LoggedHit) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT note, gave, got, place FROM interactions WHERE id = ?1")?;
        let (note, gave, got, place) = stmt.query_row([hit.interaction], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        (hit.note, hit.gave, hit.got, hit.place) = (note, gave, got, place);
        Ok(())
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
