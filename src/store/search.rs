//! Full-text search over what was logged (migrations 0009 and 0016: FTS5
//! indexes of interactions' notes, gave/got and places, kept by triggers,
//! whose rowids carry each match's date and people).

use anyhow::Result;
use chrono::NaiveDate;

use super::Db;
use crate::model::ContactStatus;

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

/// What `net who` compares its words with, of one contact: its fields and
/// lists, without the details, dates and derived values of a whole
/// [`crate::model::Contact`] (a fifth of the reads).
#[derive(Clone, Debug)]
pub struct Searched {
    pub id: i64,
    pub name: String,
    pub aliases: Vec<String>,
    pub org: Option<String>,
    pub role: Option<String>,
    pub tags: Vec<String>,
    pub why: Option<String>,
    pub met: Option<String>,
    pub notes: Option<String>,
    pub status: ContactStatus,
}

/// The words of `text` as an FTS5 query: every word, as a prefix, must occur
/// (`augs` finds Augsburg); a word for which `whole` says so is asked for as
/// a whole term instead. Quotes keep FTS5 syntax out of the user's text.
fn fts_query_with(text: &str, mut whole: impl FnMut(&str) -> bool) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| match whole(w) {
            true => format!("\"{w}\""),
            false => format!("\"{w}\"*"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `net who`'s text as a query of the logged-text indexes ([`Db::logged_query`]):
/// made once, asked of both.
pub struct LoggedQuery(String);

/// The terms of the logged-text index (FTS5's own vocabulary), for
/// [`Db::logged_query`]: a table of the connection's temporary schema, made
/// when first asked for, nothing stored. One row per occurrence, read one
/// at a time (the `row` kind counts each term's whole doclist first).
const TERMS: &str = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.local_search_terms
    USING fts5vocab(main, local_search, instance)";

/// Empties and refills both indexes from interactions and participants (the
/// last statements of migrations/0016_search_people.sql): after an undo that
/// ran without triggers, and after a load. Contentless indexes have no
/// `'rebuild'`. The people index reads the interactions in storage order and
/// sorts its rows by rowid (FTS5 flushes its buffer whenever a rowid comes
/// out of order): read by contact instead, one seek into the interactions
/// per participant, it took 3.4 s at 1M interactions, 1.1 s this way.
pub const REBUILD: &str = "INSERT INTO local_search (local_search) VALUES ('delete-all');
    INSERT INTO local_search_people (local_search_people) VALUES ('delete-all');
    INSERT INTO local_search (rowid, note, gave, got, place)
    SELECT (CAST(julianday(date) AS INTEGER) << 32) | id, note, gave, got, place
    FROM interactions WHERE coalesce(note, gave, got, place) IS NOT NULL;
    INSERT INTO local_search_people (rowid, note, gave, got, place)
    SELECT (p.contact_id << 32) | i.id, i.note, i.gave, i.got, i.place
    FROM interactions i CROSS JOIN participants p ON p.interaction_id = i.id
    WHERE coalesce(i.note, i.gave, i.got, i.place) IS NOT NULL ORDER BY 1;";

/// The low 32 bits of an index rowid: the interaction id.
const LOW: i64 = 0xffff_ffff;

/// The date of a `local_search` rowid's day (the integer part of its julianday).
fn day_date(day: i64) -> Option<NaiveDate> {
    // julianday('0001-01-01') is 1721425.5: its integer part is day 1 of the era.
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day - 1_721_424).ok()?)
}

impl Db<'_> {
    /// For every contact with an interaction whose note, gave, got or place
    /// holds every word of `text` (case and accents do not matter): the
    /// latest such interaction (by date, then id). Latest first.
    pub fn search_logged(&self, query: &LoggedQuery) -> Result<Vec<LoggedHit>> {
        let query = &query.0;
        if query.is_empty() {
            return Ok(Vec::new());
        }
        // Both answers come from the indexes' rowids alone (migration 0016):
        // every matching interaction's day, then every participant of one.
        let mut days: Vec<(i64, i64)> = Vec::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT rowid FROM local_search WHERE local_search MATCH ?1")?;
        let mut rows = stmt.query([&query])?;
        while let Some(r) = rows.next()? {
            let key: i64 = r.get(0)?;
            days.push((key & LOW, key >> 32));
        }
        days.sort_unstable();
        // Participants come by contact, then interaction id.
        let mut latest: Vec<(i64, (i64, i64))> = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid FROM local_search_people WHERE local_search_people MATCH ?1 ORDER BY rowid",
        )?;
        let mut rows = stmt.query([&query])?;
        while let Some(r) = rows.next()? {
            let key: i64 = r.get(0)?;
            let (contact, interaction) = (key >> 32, key & LOW);
            let Ok(at) = days.binary_search_by_key(&interaction, |d| d.0) else {
                continue;
            };
            let hit = (days[at].1, interaction);
            match latest.last_mut() {
                Some((c, best)) if *c == contact => *best = (*best).max(hit),
                _ => latest.push((contact, hit)),
            }
        }
        let mut out: Vec<LoggedHit> = latest
            .into_iter()
            .filter_map(|(contact, (day, interaction))| {
                Some(LoggedHit {
                    contact,
                    interaction,
                    date: day_date(day)?,
                    note: None,
                    gave: None,
                    got: None,
                    place: None,
                })
            })
            .collect();
        // Contacts of one interaction stay in id order.
        out.sort_unstable_by_key(|h| (std::cmp::Reverse((h.date, h.interaction)), h.contact));
        Ok(out)
    }

    /// The contacts whose folded words (`contacts.search_text`, as `net
    /// list TEXT` looks in them) hold one of `needles`, by id, in no order:
    /// from the trigram index of migration 0016 when every needle has 3
    /// characters or more, else compared here rather than by SQL `instr`
    /// (a third of the instructions) over the narrow index of search_text.
    pub fn contacts_containing(&self, needles: &[String]) -> Result<Vec<i64>> {
        if needles.iter().all(|n| n.chars().count() >= 3) {
            let query = needles
                .iter()
                .map(|n| format!("\"{}\"", n.replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(" OR ");
            let mut stmt = self.conn.prepare_cached(
                "SELECT rowid FROM local_contact_words WHERE local_contact_words MATCH ?1",
            )?;
            let rows = stmt.query_map([query], |r| r.get(0))?;
            return Ok(rows.collect::<rusqlite::Result<_>>()?);
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, search_text FROM contacts")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let text = r.get_ref(1)?.as_str()?;
            if needles.iter().any(|n| text.contains(n.as_str())) {
                out.push(r.get(0)?);
            }
        }
        Ok(out)
    }

    /// The FTS5 query of `text` for the logged text, where a word that no longer term
    /// of the index starts with is asked for as a whole term: the same
    /// matches, without FTS5 merging the doclists of every term with that
    /// prefix (a fifth of `net who hamburg` at 1M interactions). Only for
    /// plain ASCII words, whose terms are their lowercase letters whatever
    /// the tokenizer folds; the people index holds a subset of these terms.
    pub fn logged_query(&self, text: &str) -> Result<LoggedQuery> {
        let mut terms = None;
        let query = fts_query_with(text, |w| {
            if !w.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return false;
            }
            // Made once, at the first word that asks. A look-up that fails
            // leaves the prefix, which finds the same rows.
            let ready = terms.get_or_insert_with(|| self.conn.execute_batch(TERMS));
            ready.is_ok() && self.only_term(&w.to_ascii_lowercase()).unwrap_or(false)
        });
        match terms {
            Some(Err(e)) => Err(e.into()),
            _ => Ok(LoggedQuery(query)),
        }
    }

    /// Whether no term of the logged-text index but `term` itself starts
    /// with `term` (lowercase ASCII letters and digits): the first
    /// occurrence of a term after it, if any, tells.
    fn only_term(&self, term: &str) -> Result<bool> {
        let mut end = term.as_bytes().to_vec();
        if let Some(last) = end.last_mut() {
            // An ASCII letter or digit: the next byte is still ASCII.
            *last += 1;
        }
        let end = String::from_utf8(end)?;
        // The least text after `term` and every longer term: FTS5 seeks to
        // it (with `term > ?` it would read every occurrence of `term`).
        let after = format!("{term}\u{1}");
        let mut stmt = self.conn.prepare_cached(
            "SELECT 1 FROM temp.local_search_terms WHERE term >= ?1 AND term < ?2 LIMIT 1",
        )?;
        Ok(!stmt.exists([&after, &end])?)
    }

    /// The contacts with an interaction whose place holds every word of
    /// `text` as a word prefix, from the index alone: `who` asks this once
    /// instead of reading each found contact's whole history.
    pub fn placed_contacts(&self, query: &LoggedQuery) -> Result<std::collections::HashSet<i64>> {
        let query = &query.0;
        if query.is_empty() {
            return Ok(Default::default());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid >> 32 FROM local_search_people WHERE local_search_people MATCH ?1",
        )?;
        let rows = stmt.query_map([format!("{{place}} : ({query})")], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The searched fields of contact `id`.
    pub fn searched(&self, id: i64) -> Result<Searched> {
        let mut c = self
            .conn
            .prepare_cached(
                "SELECT name, org, role, why, met, notes, status FROM contacts WHERE id = ?1",
            )?
            .query_row([id], |r| {
                let status: String = r.get(6)?;
                Ok(Searched {
                    id,
                    name: r.get(0)?,
                    aliases: Vec::new(),
                    org: r.get(1)?,
                    role: r.get(2)?,
                    tags: Vec::new(),
                    why: r.get(3)?,
                    met: r.get(4)?,
                    notes: r.get(5)?,
                    status: ContactStatus::parse(&status).unwrap_or(ContactStatus::Active),
                })
            })?;
        c.aliases = self.strings("SELECT alias FROM aliases WHERE contact_id = ?1", id)?;
        c.tags = self.strings("SELECT tag FROM tags WHERE contact_id = ?1", id)?;
        Ok(c)
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
    use super::{day_date, fts_query_with};

    fn fts_query(text: &str) -> String {
        fts_query_with(text, |_| false)
    }

    #[test]
    fn an_index_day_is_its_date() {
        let on = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // CAST(julianday(d) AS INTEGER), as SQLite computes it.
        assert_eq!(day_date(2_461_001), Some(on("2025-11-22")));
        assert_eq!(day_date(1_721_425), Some(on("0001-01-01")));
        assert_eq!(day_date(2_440_587), Some(on("1970-01-01")));
    }

    #[test]
    fn user_text_becomes_quoted_prefixes() {
        assert_eq!(fts_query("Augsburg"), "\"Augsburg\"*");
        assert_eq!(
            fts_query("heat-pump \"OR\" x*"),
            "\"heat\"* \"pump\"* \"OR\"* \"x\"*"
        );
        assert_eq!(fts_query(" -- "), "");
        assert_eq!(
            fts_query_with("Hamburg heat", |w| w == "Hamburg"),
            "\"Hamburg\" \"heat\"*"
        );
    }
}

#[cfg(test)]
mod forget_tests {
    use crate::model::Contact;
    use crate::store::Store;

    /// The bytes of the contacts' trigram index as stored: a delete marker
    /// adds to them, a secure delete takes the row's trigrams out.
    fn index_bytes(store: &Store) -> i64 {
        store
            .read()
            .conn
            .query_row(
                "SELECT sum(length(block)) FROM local_contact_words_data",
                [],
                |r| r.get(0),
            )
            .unwrap()
    }

    #[test]
    fn a_forgotten_contacts_words_leave_the_trigram_index_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("net.db")).unwrap();
        store.set_journal("2026-11-22 09:00".into(), 20);
        let day = "2026-11-01".parse().unwrap();
        let (ana, bob) = store
            .write("add", |db| {
                Ok((
                    db.insert_contact(&Contact::new("Ana Qzyx Wolfsburger", day))?,
                    db.insert_contact(&Contact::new("Bob Qvwk Hamburger", day))?,
                ))
            })
            .unwrap();
        // A rename leaves a delete marker beside the old words (cheap).
        let before = index_bytes(&store);
        store
            .write("edit", |db| {
                let old = db.contact(bob)?;
                let mut new = old.clone();
                new.name = "Bob Qvwk Hamburgerin".into();
                db.update_contact(&old, &new)
            })
            .unwrap();
        assert!(index_bytes(&store) > before);
        // A forget takes the words out at once: the index shrinks.
        let before = index_bytes(&store);
        store.write("forget", |db| db.forget(ana)).unwrap();
        assert!(
            index_bytes(&store) < before,
            "a forgotten name left in the index"
        );
    }
}
