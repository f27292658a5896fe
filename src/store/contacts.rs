//! Contacts, their aliases, tags and contact details, and the derived
//! last-touch / soon / due columns.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};

use super::columns::{day, day_opt};
use super::Change;
use super::Db;
use crate::model::derive::{derive, HistoryAgg, Touch};

/// The columns of an interaction `i` seen by its participant `p` that
/// [`read_touch`] reads.
pub(super) const TOUCH_COLS: &str =
    "i.id, p.date, i.kind, i.minutes, i.gave IS NOT NULL, i.got IS NOT NULL, i.place,
     (SELECT count(*) FROM participants q WHERE q.interaction_id = i.id)";

pub(super) fn read_touch(r: &Row<'_>) -> rusqlite::Result<Touch> {
    Ok(Touch {
        id: r.get(0)?,
        date: day(r, 1)?,
        kind: r.get(2)?,
        minutes: r.get(3)?,
        gave: r.get(4)?,
        got: r.get(5)?,
        place: r.get(6)?,
        people: r.get(7)?,
    })
}
use crate::model::{
    Birthday, Cadence, Contact, ContactStatus, Derived, Identity, NameParts, Policy,
};
use crate::names::{self, Candidate};
use crate::parse;

const COLS: &str = "id, name, org, role, why, met, birthday, notes, every, known_minutes, \
                    status, snoozed_until, added_on, uid, last_touch, introduced_by, \
                    depth_minutes, usual_minutes, gave_count, got_count, uuid, cadence_since, \
                    name_parts";

/// Who a command means: the id a NAME resolved to before the write lock was
/// taken, and the name it had then (for the message when it is gone since).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picked {
    pub id: i64,
    pub name: String,
}

impl Picked {
    /// The error for a contact that another net removed while this one waited.
    pub fn gone(&self) -> anyhow::Error {
        crate::error::user(format!(
            "{} (#{}) was removed by another net just now: nothing was saved",
            self.name, self.id
        ))
    }
}

/// A constraint SQLite refused, said in the words of the contact.
fn constraint(e: rusqlite::Error, c: &Contact) -> anyhow::Error {
    let text = e.to_string();
    if text.contains("contacts.uid") {
        return crate::error::user(format!(
            "{}: its uid {:?} is already another contact's",
            c.name,
            c.uid.as_deref().unwrap_or_default()
        ));
    }
    if text.contains("contacts.id") {
        return crate::error::user(format!("{}: id {} is used twice", c.name, c.id));
    }
    if text.contains("FOREIGN KEY") {
        return crate::error::user(format!(
            "{}: introduced_by names a contact that does not exist",
            c.name
        ));
    }
    anyhow::Error::new(e).context(format!("saving {}", c.name))
}

/// A contact as `list` and `due` need it: no contact details, tags included.
#[derive(Clone, Debug)]
pub struct ContactSummary {
    pub id: i64,
    pub name: String,
    pub org: Option<String>,
    pub why: Option<String>,
    pub every: Option<Cadence>,
    pub tags: Vec<String>,
    pub status: ContactStatus,
    pub snoozed_until: Option<NaiveDate>,
    pub added_on: NaiveDate,
    pub last_touch: Option<NaiveDate>,
    pub cadence_since: Option<NaiveDate>,
    pub derived: Derived,
}

/// A row for `net due` (same fields as a summary).
pub type DueRow = ContactSummary;

impl ContactSummary {
    /// What the scheduler needs of this contact.
    pub fn facts(&self) -> crate::model::Facts<'_> {
        crate::model::Facts {
            id: self.id,
            every: self.every,
            tags: &self.tags,
            why: self.why.as_deref(),
            last_touch: self.last_touch,
            added_on: self.added_on,
            cadence_since: self.cadence_since,
            snoozed_until: self.snoozed_until,
        }
    }
}

/// Which contacts `net list` shows.
#[derive(Clone, Debug, Default)]
pub struct ContactFilter {
    pub tag: Option<String>,
    /// None: active only; Some(None): every status; Some(Some(s)): that status.
    pub status: Option<Option<ContactStatus>>,
    /// Name, alias, org, role, tag, why, how-met or note text (folded).
    pub text: Option<String>,
    /// Depth in minutes: at least / below.
    pub depth: Option<(u64, Option<u64>)>,
}

fn cadence_column(text: Option<String>) -> Option<Cadence> {
    // Values are written by net itself; an unreadable one is treated as unset
    // rather than making the whole contact unreadable (doctor reports it).
    text.and_then(|t| parse::cadence(&t).ok())
}

/// The cadences a long read has met, by their stored text: a network has a
/// handful of distinct ones, and parsing each of 10,000 is most of reading
/// a contact's summary.
#[derive(Default)]
struct Cadences(Vec<(String, Option<Cadence>)>);

impl Cadences {
    fn read(&mut self, row: &Row<'_>, i: usize) -> rusqlite::Result<Option<Cadence>> {
        let Some(text) = row.get_ref(i)?.as_str_or_null()? else {
            return Ok(None);
        };
        if let Some((_, c)) = self.0.iter().find(|(t, _)| t == text) {
            return Ok(*c);
        }
        let c = cadence_column(Some(text.to_string()));
        if self.0.len() < 32 {
            self.0.push((text.to_string(), c));
        }
        Ok(c)
    }
}

fn read_contact(row: &Row<'_>) -> rusqlite::Result<Contact> {
    let birthday: Option<String> = row.get(6)?;
    let status: String = row.get(10)?;
    Ok(Contact {
        id: row.get(0)?,
        name: row.get(1)?,
        name_parts: row
            .get::<_, Option<String>>(22)?
            .as_deref()
            .and_then(NameParts::from_text),
        org: row.get(2)?,
        role: row.get(3)?,
        why: row.get(4)?,
        met: row.get(5)?,
        birthday: birthday.as_deref().and_then(Birthday::from_iso),
        notes: row.get(7)?,
        every: cadence_column(row.get(8)?),
        known_minutes: row.get(9)?,
        status: ContactStatus::parse(&status).unwrap_or(ContactStatus::Active),
        snoozed_until: row.get(11)?,
        added_on: row.get(12)?,
        uid: row.get(13)?,
        last_touch: row.get(14)?,
        introduced_by: row.get(15)?,
        cadence_since: row.get(21)?,
        derived: Derived {
            depth_minutes: row.get::<_, i64>(16)?.max(0) as u64,
            usual_minutes: row.get(17)?,
            gave_count: row.get(18)?,
            got_count: row.get(19)?,
        },
        uuid: row.get(20)?,
        aliases: Vec::new(),
        tags: Vec::new(),
        emails: Vec::new(),
        phones: Vec::new(),
        links: Vec::new(),
    })
}

const SUMMARY_SELECT: &str =
    "SELECT c.id, c.name, c.org, c.why, c.every, c.status, c.snoozed_until, \
     c.added_on, c.last_touch, NULL, \
     c.depth_minutes, c.usual_minutes, c.gave_count, c.got_count, c.cadence_since \
     FROM contacts c";

fn read_summary(row: &Row<'_>, cadences: &mut Cadences) -> rusqlite::Result<ContactSummary> {
    let status: String = row.get(5)?;
    Ok(ContactSummary {
        id: row.get(0)?,
        name: row.get(1)?,
        org: row.get(2)?,
        why: row.get(3)?,
        every: cadences.read(row, 4)?,
        status: ContactStatus::parse(&status).unwrap_or(ContactStatus::Active),
        snoozed_until: day_opt(row, 6)?,
        added_on: day(row, 7)?,
        last_touch: day_opt(row, 8)?,
        cadence_since: day_opt(row, 14)?,
        // Filled in by `Db::summaries_of` for all rows at once.
        tags: Vec::new(),
        derived: Derived {
            depth_minutes: row.get::<_, i64>(10)?.max(0) as u64,
            usual_minutes: row.get(11)?,
            gave_count: row.get(12)?,
            got_count: row.get(13)?,
        },
    })
}

/// A reader of [`SUMMARY_SELECT`] rows for one query.
fn summaries() -> impl FnMut(&Row<'_>) -> rusqlite::Result<ContactSummary> {
    let mut cadences = Cadences::default();
    move |row| read_summary(row, &mut cadences)
}

impl Db<'_> {
    /// Summaries with their tags (sorted): one lookup per contact for a few,
    /// one pass over all tags for many (a correlated subquery per row was a
    /// quarter of reading `net due --all` at 10k contacts).
    fn with_tags(&self, mut rows: Vec<ContactSummary>) -> Result<Vec<ContactSummary>> {
        if rows.len() <= 64 {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT tag FROM tags WHERE contact_id = ?1 ORDER BY tag")?;
            for row in &mut rows {
                row.tags = stmt
                    .query_map([row.id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
            }
            return Ok(rows);
        }
        let at: std::collections::HashMap<i64, usize> =
            rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        // The primary key's order: by contact, then tag.
        let mut stmt = self
            .conn
            .prepare_cached("SELECT contact_id, tag FROM tags ORDER BY contact_id, tag")?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            if let Some(&i) = at.get(&r.get::<_, i64>(0)?) {
                rows[i].tags.push(r.get(1)?);
            }
        }
        Ok(rows)
    }

    /// One contact with everything attached.
    pub fn contact(&self, id: i64) -> Result<Contact> {
        let sql = format!("SELECT {COLS} FROM contacts WHERE id = ?1");
        let mut contact = self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], read_contact)
            .optional()
            .context("reading a contact")?
            .ok_or_else(|| anyhow::anyhow!("there is no contact #{id}"))?;
        contact.aliases = self.strings(
            "SELECT alias FROM aliases WHERE contact_id = ?1 ORDER BY alias",
            id,
        )?;
        contact.tags = self.strings(
            "SELECT tag FROM tags WHERE contact_id = ?1 ORDER BY tag",
            id,
        )?;
        let info =
            "SELECT value FROM contact_info WHERE contact_id = ?1 AND kind = ?2 ORDER BY position";
        let mut stmt = self.conn.prepare_cached(info)?;
        for (kind, list) in [
            ("email", &mut contact.emails),
            ("phone", &mut contact.phones),
            ("link", &mut contact.links),
        ] {
            *list = stmt
                .query_map(params![id, kind], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(contact)
    }

    pub(super) fn strings(&self, sql: &str, id: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One contact with everything attached, or None when there is no such id.
    pub fn find_contact(&self, id: i64) -> Result<Option<Contact>> {
        if self.name_of(id)?.is_none() {
            return Ok(None);
        }
        self.contact(id).map(Some)
    }

    /// The contact a command resolved before it took the write lock, read
    /// again inside it: the fresh row to apply the command's changes to, or a
    /// clean error when another net removed (forgot, merged away) it meanwhile.
    pub fn require(&self, who: &Picked) -> Result<Contact> {
        self.find_contact(who.id)?.ok_or_else(|| who.gone())
    }

    /// Inserts a new contact (id 0, or an id not yet used, as in an import)
    /// with its aliases, tags and details, and returns its id. There is no
    /// "save the whole row" for a contact that exists: a change goes through
    /// [`Db::update_contact`] with the row as read inside the same write, so
    /// a copy read before the lock can never overwrite what another net wrote.
    pub fn insert_contact(&self, c: &Contact) -> Result<i64> {
        self.insert_contact_as(c, &Identity::default())
    }

    /// [`Db::insert_contact`] with the identity a backup gave it (its
    /// `uuid` wins over the contact's own).
    pub fn insert_contact_as(&self, c: &Contact, given: &Identity) -> Result<i64> {
        let key = names::search_key(&c.name, &c.aliases);
        let id: Option<i64> = (c.id != 0).then_some(c.id);
        let id: i64 = self
            .conn
            .prepare_cached(
                "INSERT INTO contacts (id, name, search_key, org, role, why, met, birthday, notes, every,
                     known_minutes, status, snoozed_until, added_on, uid, introduced_by, uuid,
                     cadence_since, name_parts, modified)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                     coalesce(?17, ?18), ?19, ?20, ?21)
                 RETURNING id",
            )?
            .query_row(
                params![
                    id,
                    c.name,
                    key,
                    c.org,
                    c.role,
                    c.why,
                    c.met,
                    c.birthday.map(|b| b.to_iso()),
                    c.notes,
                    c.every.map(|e| e.short()),
                    c.known_minutes,
                    c.status.as_str(),
                    c.snoozed_until,
                    c.added_on,
                    c.uid,
                    c.introduced_by,
                    given.uuid.as_ref().or(c.uuid.as_ref()),
                    super::new_uuid()?,
                    c.cadence_since,
                    c.name_parts.as_ref().map(NameParts::to_text),
                    self.modified_of(given),
                ],
                |r| r.get(0),
            )
            .map_err(|e| constraint(e, c))?;
        self.touch_fields([id]);
        let mut alias = self
            .conn
            .prepare_cached("INSERT OR IGNORE INTO aliases (contact_id, alias) VALUES (?1, ?2)")?;
        for a in &c.aliases {
            alias.execute(params![id, a])?;
        }
        let mut tag = self
            .conn
            .prepare_cached("INSERT OR IGNORE INTO tags (contact_id, tag) VALUES (?1, ?2)")?;
        for t in &c.tags {
            tag.execute(params![id, t])?;
        }
        for (kind, list) in [
            ("email", &c.emails),
            ("phone", &c.phones),
            ("link", &c.links),
        ] {
            self.write_info(id, kind, 0, list)?;
        }
        Ok(id)
    }

    fn write_info(&self, id: i64, kind: &str, from: usize, list: &[String]) -> Result<()> {
        let mut info = self.conn.prepare_cached(
            "INSERT INTO contact_info (contact_id, kind, position, value) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (pos, value) in list.iter().enumerate().skip(from) {
            info.execute(params![id, kind, pos as i64, value])?;
        }
        Ok(())
    }

    /// Writes what differs between `before` (the row as read inside this
    /// write, see [`Db::require`]) and `after`: only the changed columns,
    /// only the added and removed tags and aliases, only the changed tail of
    /// a list of details. Returns whether anything changed.
    pub fn update_contact(&self, before: &Contact, after: &Contact) -> Result<bool> {
        let id = before.id;
        anyhow::ensure!(after.id == id, "update_contact: two different contacts");
        let mut sets: Vec<(&str, Box<dyn rusqlite::ToSql>)> = Vec::new();
        macro_rules! column {
            ($name:literal, $field:ident) => {
                if before.$field != after.$field {
                    sets.push(($name, Box::new(after.$field.clone())));
                }
            };
        }
        column!("name", name);
        column!("org", org);
        column!("role", role);
        column!("why", why);
        column!("met", met);
        column!("notes", notes);
        column!("known_minutes", known_minutes);
        column!("snoozed_until", snoozed_until);
        column!("added_on", added_on);
        column!("uid", uid);
        column!("uuid", uuid);
        column!("introduced_by", introduced_by);
        if before.birthday != after.birthday {
            sets.push(("birthday", Box::new(after.birthday.map(|b| b.to_iso()))));
        }
        if before.name_parts != after.name_parts {
            let text = after.name_parts.as_ref().map(NameParts::to_text);
            sets.push(("name_parts", Box::new(text)));
        }
        if before.every != after.every {
            sets.push(("every", Box::new(after.every.map(|e| e.short()))));
        }
        if before.status != after.status {
            sets.push(("status", Box::new(after.status.as_str())));
        }
        if before.name != after.name || before.aliases != after.aliases {
            sets.push((
                "search_key",
                Box::new(names::search_key(&after.name, &after.aliases)),
            ));
        }
        let mut changed = !sets.is_empty();
        if !sets.is_empty() {
            let assignments: Vec<String> = sets
                .iter()
                .enumerate()
                .map(|(n, (col, _))| format!("{col} = ?{}", n + 2))
                .collect();
            let sql = format!(
                "UPDATE contacts SET {} WHERE id = ?1",
                assignments.join(", ")
            );
            let mut args: Vec<&dyn rusqlite::ToSql> = vec![&id];
            args.extend(sets.iter().map(|(_, v)| v.as_ref()));
            self.conn
                .prepare(&sql)?
                .execute(args.as_slice())
                .map_err(|e| constraint(e, after))?;
        }
        for (table, column, old, new) in [
            ("aliases", "alias", &before.aliases, &after.aliases),
            ("tags", "tag", &before.tags, &after.tags),
        ] {
            for gone in old.iter().filter(|v| !new.contains(v)) {
                self.conn
                    .prepare_cached(&format!(
                        "DELETE FROM {table} WHERE contact_id = ?1 AND {column} = ?2"
                    ))?
                    .execute(params![id, gone])?;
                changed = true;
            }
            for added in new.iter().filter(|v| !old.contains(v)) {
                self.conn
                    .prepare_cached(&format!(
                        "INSERT OR IGNORE INTO {table} (contact_id, {column}) VALUES (?1, ?2)"
                    ))?
                    .execute(params![id, added])?;
                changed = true;
            }
        }
        for (kind, old, new) in [
            ("email", &before.emails, &after.emails),
            ("phone", &before.phones, &after.phones),
            ("link", &before.links, &after.links),
        ] {
            if old == new {
                continue;
            }
            // The common start stays as it is (with its labels); the rest is written anew.
            let same = old.iter().zip(new).take_while(|(a, b)| a == b).count();
            self.conn
                .prepare_cached(
                    "DELETE FROM contact_info WHERE contact_id = ?1 AND kind = ?2 AND position >= ?3",
                )?
                .execute(params![id, kind, same as i64])?;
            self.write_info(id, kind, same, new)?;
            changed = true;
        }
        if changed {
            self.touch_fields([id]);
        }
        Ok(changed)
    }

    /// Contacts whose names or aliases contain one of the folded needles.
    pub fn candidates(&self, needles: &[String], include_archived: bool) -> Result<Vec<Candidate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name FROM contacts WHERE search_key LIKE '%' || ?1 || '%' ESCAPE '\\'
               AND (?2 OR status = 'active')",
        )?;
        let mut out: Vec<Candidate> = Vec::new();
        for needle in needles {
            let escaped = needle
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            let rows = stmt.query_map(params![escaped, include_archived], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
            for row in rows {
                let (id, name): (i64, String) = row?;
                if !out.iter().any(|c| c.id == id) {
                    out.push(Candidate {
                        id,
                        name,
                        aliases: Vec::new(),
                    });
                }
            }
        }
        for c in &mut out {
            c.aliases = self.strings("SELECT alias FROM aliases WHERE contact_id = ?1", c.id)?;
        }
        Ok(out)
    }

    /// Every contact as a match candidate (for suggestions and pickers).
    pub fn all_candidates(&self, include_archived: bool) -> Result<Vec<Candidate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.name, (SELECT group_concat(alias, char(31)) FROM aliases a WHERE a.contact_id = c.id)
             FROM contacts c WHERE ?1 OR c.status = 'active' ORDER BY c.name",
        )?;
        let rows = stmt.query_map([include_archived], |r| {
            let aliases: Option<String> = r.get(2)?;
            Ok(Candidate {
                id: r.get(0)?,
                name: r.get(1)?,
                aliases: aliases
                    .map(|a| a.split('\u{1f}').map(String::from).collect())
                    .unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The name and status of a contact id, if it exists.
    pub fn name_of(&self, id: i64) -> Result<Option<(String, ContactStatus)>> {
        let row: Option<(String, String)> = self
            .conn
            .prepare_cached("SELECT name, status FROM contacts WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(row.map(|(n, s)| (n, ContactStatus::parse(&s).unwrap_or(ContactStatus::Active))))
    }

    /// Contacts for `net list`, by name.
    pub fn list(&self, filter: &ContactFilter) -> Result<Vec<ContactSummary>> {
        let mut sql = format!("{SUMMARY_SELECT} WHERE 1");
        let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        match filter.status {
            None => sql.push_str(" AND c.status = 'active'"),
            Some(None) => {}
            Some(Some(s)) => {
                args.push(Box::new(s.as_str()));
                sql.push_str(&format!(" AND c.status = ?{}", args.len()));
            }
        }
        if let Some(tag) = &filter.tag {
            args.push(Box::new(tag.clone()));
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM tags t WHERE t.contact_id = c.id AND t.tag = ?{})",
                args.len()
            ));
        }
        if let Some(text) = &filter.text {
            let mut any = Vec::new();
            for needle in names::needles(text) {
                args.push(Box::new(needle));
                any.push(format!("instr(c.search_text, ?{}) > 0", args.len()));
            }
            if any.is_empty() {
                any.push("0".into());
            }
            sql.push_str(&format!(" AND ({})", any.join(" OR ")));
        }
        if let Some((min, max)) = filter.depth {
            args.push(Box::new(min as i64));
            sql.push_str(&format!(" AND c.depth_minutes >= ?{}", args.len()));
            if let Some(max) = max {
                args.push(Box::new(max as i64));
                sql.push_str(&format!(" AND c.depth_minutes < ?{}", args.len()));
            }
        }
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), summaries())?;
        let mut rows: Vec<ContactSummary> = rows.collect::<rusqlite::Result<_>>()?;
        // By name as `ORDER BY name COLLATE NOCASE, id` sorts (ASCII letters
        // folded, all else by byte), here rather than in SQLite's sorter,
        // which copied every row (a quarter of `net list` at 10k contacts).
        // Each key made once: folding bytes inside the comparison was a
        // third of `net list` at 10k contacts.
        rows.sort_by_cached_key(|r| (r.name.to_ascii_lowercase().into_bytes(), r.id));
        self.with_tags(rows)
    }

    /// Active contacts that have a plan and turn "soon" on or before `on`
    /// (every planned one with `all`): one range of an index, never the history.
    pub fn due_rows(&self, on: NaiveDate, all: bool) -> Result<Vec<DueRow>> {
        // Two statements rather than `(?2 OR soon_on <= ?1)`, which would keep
        // SQLite from using the partial index on soon_on.
        let range = if all { "" } else { " AND c.soon_on <= ?1" };
        let sql =
            format!("{SUMMARY_SELECT} WHERE c.status = 'active' AND c.soon_on IS NOT NULL{range}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = if all {
            stmt.query_map([], summaries())?
        } else {
            stmt.query_map([on], summaries())?
        };
        self.with_tags(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Active contacts whose birthday falls on one of these `MM-DD` days.
    /// Active contacts whose birthday falls on one of these `MM-DD` days:
    /// (id, name, birthday).
    pub fn birthdays_on(&self, days: &[String]) -> Result<Vec<(i64, String, Birthday)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, birthday FROM contacts
             WHERE birthday IS NOT NULL AND birthday_md = ?1 AND status = 'active'",
        )?;
        let mut out = Vec::new();
        for day in days {
            let rows = stmt.query_map([day], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?;
            for row in rows {
                let (id, name, text) = row?;
                if let Some(b) = Birthday::from_iso(&text) {
                    out.push((id, name, b));
                }
            }
        }
        Ok(out)
    }

    /// Active contacts silent since `cutoff` or before, with less depth than
    /// `max_depth` minutes and no open promise: candidates for `net prune`.
    pub fn dormant(&self, cutoff: NaiveDate, max_depth: u64) -> Result<Vec<ContactSummary>> {
        let sql = format!(
            "{SUMMARY_SELECT} WHERE c.status = 'active' AND coalesce(c.last_touch, c.added_on) <= ?1
               AND c.depth_minutes < ?2
               AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.contact_id = c.id AND f.done_on IS NULL)
             ORDER BY coalesce(c.last_touch, c.added_on), c.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![cutoff, max_depth as i64], summaries())?;
        self.with_tags(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Counts of active contacts per depth band (minutes at which each band starts).
    pub fn depth_counts(&self, starts: &[u64]) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT count(*) FROM contacts WHERE status = 'active' AND depth_minutes >= ?1 AND depth_minutes < ?2",
        )?;
        let mut out = Vec::new();
        for (i, start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(i64::MAX as u64);
            out.push(stmt.query_row(params![*start as i64, end as i64], |r| r.get(0))?);
        }
        Ok(out)
    }

    /// Counts of contacts by status (active, archived).
    pub fn status_counts(&self) -> Result<(i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT coalesce(sum(status = 'active'), 0), coalesce(sum(status = 'archived'), 0) FROM contacts",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// Ids of the active contacts, of those with `tag` when given.
    pub fn active_ids(&self, tag: Option<&str>) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM contacts c WHERE status = 'active'
               AND (?1 IS NULL OR EXISTS (SELECT 1 FROM tags t WHERE t.contact_id = c.id AND t.tag = ?1))
             ORDER BY id",
        )?;
        let rows = stmt.query_map([tag], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets or clears a contact's own cadence without touching anything else.
    #[allow(dead_code)] // for the field-level writes of commands that change only the cadence
    pub fn set_every(&self, id: i64, every: Option<Cadence>) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE contacts SET every = ?2 WHERE id = ?1")?
            .execute(params![id, every.map(|e| e.short())])?;
        self.touch_fields([id]);
        Ok(())
    }

    /// Sets who introduced a contact (a second pass of an import, once every contact exists).
    pub fn set_introduced_by(&self, id: i64, by: i64) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE contacts SET introduced_by = ?2 WHERE id = ?1")?
            .execute(params![id, by])?;
        Ok(())
    }

    /// The contacts this one introduced you to (their `introduced_by`), by name.
    pub fn introduced_through(&self, id: i64) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name FROM contacts WHERE introduced_by = ?1 ORDER BY name")?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The active contact that turns "soon" next after `on`: its name, that
    /// day, and the day it is due.
    pub fn next_up(&self, on: NaiveDate) -> Result<Option<(String, NaiveDate, Option<NaiveDate>)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT name, soon_on, due_on FROM contacts WHERE status = 'active' AND soon_on > ?1
                 ORDER BY soon_on, id LIMIT 1",
            )?
            .query_row([on], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?)
    }

    /// How many active contacts have a plan (the Dunbar count).
    pub fn nurtured_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            // Without INDEXED BY the planner takes contacts_soon and looks
            // up every row (issue 15: 15% of `net due` on shape a).
            "SELECT count(*) FROM contacts INDEXED BY contacts_nurtured
             WHERE status = 'active' AND soon_on IS NOT NULL AND nurtured = 1",
            [],
            |r| r.get(0),
        )?)
    }

    /// How many contacts there are at all.
    pub fn contact_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))?)
    }

    /// Archives or revives.
    pub fn set_status(&self, id: i64, status: ContactStatus) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE contacts SET status = ?2 WHERE id = ?1")?
            .execute(params![id, status.as_str()])?;
        Ok(())
    }

    /// Snoozes until a day (None: wake up).
    pub fn set_snooze(&self, id: i64, until: Option<NaiveDate>) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE contacts SET snoozed_until = ?2 WHERE id = ?1")?
            .execute(params![id, until])?;
        Ok(())
    }

    /// Deletes a contact, the interactions only they took part in, and
    /// everything attached. Returns how many interactions went with them.
    pub fn forget(&self, id: i64) -> Result<usize> {
        // The interactions they shared lose a person: the others' shares grow.
        let others = self.sharing(id)?;
        self.touch(others);
        // Set by set, children first: the interactions' cascade then finds
        // no participant rows left to delete one by one (a contact with 200k
        // interactions: 3.6 s -> 2.7 s of plain SQLite work).
        self.conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS forget_solo (id INTEGER PRIMARY KEY);
             DELETE FROM temp.forget_solo;",
        )?;
        let solo = self.conn.execute(
            "INSERT INTO temp.forget_solo (id)
             SELECT p.interaction_id FROM participants p WHERE p.contact_id = ?1
               AND NOT EXISTS (SELECT 1 FROM participants o
                               WHERE o.interaction_id = p.interaction_id AND o.contact_id <> ?1)",
            [id],
        )?;
        // Their history is recorded for undo set by set, not row by row.
        super::journal::delete_recorded(
            self.conn,
            self.recording,
            "participants",
            &format!("contact_id = {id}"),
        )?;
        super::journal::delete_recorded(
            self.conn,
            self.recording,
            "interactions",
            "id IN (SELECT id FROM temp.forget_solo)",
        )?;
        // Their words leave the trigram index at once, not as a delete
        // marker beside them (migration 0018).
        self.conn.execute_batch(
            "INSERT INTO local_contact_words (local_contact_words, rank) VALUES ('secure-delete', 1)",
        )?;
        self.conn
            .execute("DELETE FROM contacts WHERE id = ?1", [id])?;
        // A savepoint flushes FTS5's pending delete while secure-delete is on.
        self.conn.execute_batch(
            "SAVEPOINT forget_words; RELEASE forget_words;
             INSERT INTO local_contact_words (local_contact_words, rank) VALUES ('secure-delete', 0);",
        )?;
        self.conn.execute("DELETE FROM temp.forget_solo", [])?;
        Ok(solo)
    }

    /// Writes the derived columns of these contacts from their whole history,
    /// notes and the policy (see [`crate::model::derive`]): for a change of
    /// policy, undo and `net doctor`. A contact that no longer exists is skipped.
    pub(super) fn derive(&self, ids: impl IntoIterator<Item = i64>, policy: &Policy) -> Result<()> {
        self.derive_changed(ids.into_iter().map(|id| (id, Change::Full)), policy)
    }

    /// Writes the derived columns of the contacts a write touched, just
    /// before it commits. Their history's aggregates are the stored ones
    /// plus the interactions added ([`Change::Added`]), read one by one, or
    /// folded again from the whole history ([`Change::Full`]).
    pub(super) fn derive_changed(
        &self,
        ids: impl IntoIterator<Item = (i64, Change)>,
        policy: &Policy,
    ) -> Result<()> {
        let mut notes = self
            .conn
            .prepare_cached("SELECT text FROM contact_notes WHERE contact_id = ?1 ORDER BY id")?;
        let mut write = self.conn.prepare_cached(
            "UPDATE contacts SET last_touch = ?2, soon_on = ?3, due_on = ?4, depth_minutes = ?5,
                 usual_minutes = ?6, gave_count = ?7, got_count = ?8, search_text = ?9, nurtured = ?10,
                 cadence_since = ?11, history_agg = ?12
             WHERE id = ?1",
        )?;
        let mut folded = None;
        for (id, change) in ids {
            let Ok(c) = self.contact(id) else { continue };
            let agg = match change {
                Change::Full => HistoryAgg::of(&self.touches(id)?, policy),
                Change::Loaded => {
                    if folded.is_none() {
                        // Folded as the load went in, or else now in one pass.
                        let during = self.folding.take().map(|f| f.aggs);
                        folded = Some(match during {
                            Some(aggs) => aggs,
                            None => self.fold_all(policy)?,
                        });
                    }
                    folded
                        .as_mut()
                        .and_then(|f: &mut std::collections::HashMap<i64, HistoryAgg>| {
                            f.remove(&id)
                        })
                        .unwrap_or_default()
                }
                Change::Fields => self.stored_agg(id)?,
                Change::Added(added) => {
                    let mut agg = self.stored_agg(id)?;
                    for interaction in added {
                        if let Some(t) = self.touch_of(interaction)? {
                            agg.add(&t, policy);
                        }
                    }
                    agg
                }
            };
            let texts: Vec<String> = notes
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            // A contact that just got a cadence starts its clock today.
            let today = self.today.get().unwrap_or(c.added_on);
            let row = derive(&c, &agg, &texts, policy, today);
            write.execute(params![
                id,
                row.last_touch,
                row.soon_on,
                row.due_on,
                row.derived.depth_minutes as i64,
                row.derived.usual_minutes,
                row.derived.gave_count,
                row.derived.got_count,
                row.search_text,
                row.nurtured,
                row.cadence_since,
                serde_json::to_string(&agg)?
            ])?;
        }
        Ok(())
    }

    /// A contact's whole history as the derivation reads it.
    fn touches(&self, id: i64) -> Result<Vec<Touch>> {
        let mut history = self.conn.prepare_cached(&format!(
            "SELECT {TOUCH_COLS} FROM participants p JOIN interactions i ON i.id = p.interaction_id
             WHERE p.contact_id = ?1"
        ))?;
        let rows = history.query_map([id], read_touch)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One interaction as the derivation reads it (None: it is gone).
    fn touch_of(&self, interaction: i64) -> Result<Option<Touch>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {TOUCH_COLS} FROM interactions i JOIN participants p ON p.interaction_id = i.id
             WHERE i.id = ?1 LIMIT 1"
        ))?;
        Ok(stmt.query_row([interaction], read_touch).optional()?)
    }

    /// The aggregates stored with the contact at its last derivation.
    pub(super) fn stored_agg(&self, id: i64) -> Result<HistoryAgg> {
        let text: String = self
            .conn
            .prepare_cached("SELECT history_agg FROM contacts WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?;
        serde_json::from_str(&text).with_context(|| format!("reading the totals of contact #{id}"))
    }

    /// The other participants of the interactions `id` took part in.
    fn sharing(&self, id: i64) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT o.contact_id FROM participants p
             JOIN participants o ON o.interaction_id = p.interaction_id AND o.contact_id <> p.contact_id
             WHERE p.contact_id = ?1",
        )?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Ids of every contact (for a refresh after the policy changed).
    pub fn all_ids(&self) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM contacts ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every contact in full, by id (for export).
    pub fn all_contacts(&self) -> Result<Vec<Contact>> {
        self.all_ids()?
            .into_iter()
            .map(|id| self.contact(id))
            .collect()
    }
}
