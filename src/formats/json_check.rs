//! The checks of a net/1 document, record by record: what `Document::check`
//! (a document in memory) and the streaming reader (`json_stream.rs`, a
//! backup of a million interactions) share. Records go in check order
//! (contacts, then interactions, rules, notes, promises, assessments); each
//! checked record goes on to a [`Sink`], and the first problem names its
//! entry (`contacts[3] ("Anna")`, `interactions[7]`).

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

use super::json::{
    AssessmentDoc, ContactDoc, Document, FollowUpDoc, InteractionDoc, NoteDoc, RuleDoc, FORMAT,
};
use crate::error::in_file;
use crate::model::{Assessment, Contact, FollowUp, Identity, Interaction, Interval, Note};
use crate::parse;

/// The largest contact or interaction id a file may give (an import into an
/// empty database keeps them). The search indexes pack a contact id and an
/// interaction id into one rowid (`contact << 32 | interaction`, migration
/// 0016), so both must stay well below 2^31, also for the rows added after
/// the import, which count up from the largest.
pub const MAX_ID: i64 = 1_000_000_000;

/// Where checked records go: collected in memory ([`Checked`]) or written
/// to the database as they come.
pub trait Sink {
    fn contact(&mut self, _: &Contact, _: &Identity) -> Result<()> {
        Ok(())
    }
    /// Who introduced whom (contact, by), once every contact is there.
    fn introductions(&mut self, _: &[(i64, i64)]) -> Result<()> {
        Ok(())
    }
    fn interaction(
        &mut self,
        _: &Interaction,
        _capture_ids: &[String],
        _: &Identity,
    ) -> Result<()> {
        Ok(())
    }
    fn rule(&mut self, _: &str, _: Interval) -> Result<()> {
        Ok(())
    }
    fn note(&mut self, _: &Note, _: &Identity) -> Result<()> {
        Ok(())
    }
    fn followup(&mut self, _: &FollowUp, _: &Identity) -> Result<()> {
        Ok(())
    }
    fn assessment(&mut self, _: &Assessment, _: &Identity) -> Result<()> {
        Ok(())
    }
    /// Contacts without `added_on` count from their first interaction in
    /// the file, known only at its end: (contact, day, whether
    /// `cadence_since` follows it). Until then they were given today.
    fn first_seen(&mut self, _: &[(i64, NaiveDate, bool)]) -> Result<()> {
        Ok(())
    }
}

/// Checks a document without keeping anything.
pub struct Nowhere;

impl Sink for Nowhere {}

/// A document checked as a whole: every reference resolves, every value parses.
#[derive(Debug, Default)]
pub struct Checked {
    pub contacts: Vec<Contact>,
    pub interactions: Vec<Interaction>,
    pub rules: Vec<(String, Interval)>,
    pub notes: Vec<Note>,
    pub followups: Vec<FollowUp>,
    pub assessments: Vec<Assessment>,
    /// The capture ids of the interactions that have some: (index in
    /// `interactions`, ids), in the order of the interactions.
    pub captured: Vec<(usize, Vec<String>)>,
}

impl Checked {
    /// The capture ids of each interaction, by index, in one pass.
    pub fn capture_ids<'a>(&'a self) -> impl FnMut(usize) -> &'a [String] + 'a {
        let mut next = self.captured.iter().peekable();
        move |n| {
            while next.peek().is_some_and(|(i, _)| *i < n) {
                next.next();
            }
            match next.peek() {
                Some((i, ids)) if *i == n => ids,
                _ => &[],
            }
        }
    }
}

/// Kept in memory for `import json --merge` and the demo: a contact keeps
/// its checked `uuid` in the contact itself; the other records they add get
/// identities of their own.
impl Sink for Checked {
    fn contact(&mut self, c: &Contact, _: &Identity) -> Result<()> {
        self.contacts.push(c.clone());
        Ok(())
    }
    fn interaction(&mut self, i: &Interaction, capture_ids: &[String], _: &Identity) -> Result<()> {
        if !capture_ids.is_empty() {
            self.captured
                .push((self.interactions.len(), capture_ids.to_vec()));
        }
        self.interactions.push(i.clone());
        Ok(())
    }
    fn rule(&mut self, tag: &str, every: Interval) -> Result<()> {
        self.rules.push((tag.to_string(), every));
        Ok(())
    }
    fn note(&mut self, n: &Note, _: &Identity) -> Result<()> {
        self.notes.push(n.clone());
        Ok(())
    }
    fn followup(&mut self, f: &FollowUp, _: &Identity) -> Result<()> {
        self.followups.push(f.clone());
        Ok(())
    }
    fn assessment(&mut self, a: &Assessment, _: &Identity) -> Result<()> {
        self.assessments.push(a.clone());
        Ok(())
    }
    fn first_seen(&mut self, days: &[(i64, NaiveDate, bool)]) -> Result<()> {
        let days: HashMap<i64, (NaiveDate, bool)> =
            days.iter().map(|&(id, d, c)| (id, (d, c))).collect();
        for c in &mut self.contacts {
            if let Some(&(day, cadence)) = days.get(&c.id) {
                c.added_on = day;
                if cadence {
                    c.cadence_since = Some(day);
                }
            }
        }
        Ok(())
    }
}

impl Document {
    /// Checks everything before anything is written; errors name the entry.
    /// `today` is the day a contact without `added_on` and without an
    /// interaction in the file counts as added.
    pub fn check(self, today: NaiveDate) -> Result<Checked> {
        if self.format != FORMAT {
            bail!("format is {:?}, this net reads {FORMAT:?}", self.format);
        }
        let mut out = Checked::default();
        let mut checker = Checker::new(today);
        for (n, c) in self.contacts.iter().enumerate() {
            let (c, id) = checker.contact(n, c)?;
            out.contact(&c, &id)?;
        }
        checker.end_contacts()?;
        for (n, i) in self.interactions.into_iter().enumerate() {
            let (i, ids, id) = checker.interaction(n, i)?;
            out.interaction(&i, &ids, &id)?;
        }
        for (n, r) in self.rules.iter().enumerate() {
            let (tag, every) = checker.rule(n, r)?;
            out.rule(&tag, every)?;
        }
        for (n, d) in self.notes.into_iter().enumerate() {
            let (note, id) = checker.note(n, d)?;
            out.note(&note, &id)?;
        }
        for (n, d) in self.followups.into_iter().enumerate() {
            let (f, id) = checker.followup(n, d)?;
            out.followup(&f, &id)?;
        }
        for (n, d) in self.assessments.into_iter().enumerate() {
            let (a, id) = checker.assessment(n, d)?;
            out.assessment(&a, &id)?;
        }
        out.first_seen(&checker.finish()?)?;
        Ok(out)
    }
}

/// A set of ids, small for the dense ids a backup has (a bit each).
#[derive(Default)]
struct IdSet {
    bits: Vec<u64>,
    others: HashSet<i64>,
}

impl IdSet {
    /// Ids below this are bits (8 MiB at most); others are hashed.
    const DENSE: i64 = 1 << 26;

    /// Adds `id`; false when it was there.
    fn insert(&mut self, id: i64) -> bool {
        if !(0..Self::DENSE).contains(&id) {
            return self.others.insert(id);
        }
        let (word, bit) = ((id / 64) as usize, id % 64);
        if word >= self.bits.len() {
            self.bits.resize((word + 1).next_power_of_two(), 0);
        }
        let had = self.bits[word] & (1 << bit) != 0;
        self.bits[word] |= 1 << bit;
        !had
    }

    fn contains(&self, id: i64) -> bool {
        if !(0..Self::DENSE).contains(&id) {
            return self.others.contains(&id);
        }
        self.bits
            .get((id / 64) as usize)
            .is_some_and(|w| w & (1 << (id % 64)) != 0)
    }
}

/// What has been checked so far, to check the next record against.
pub struct Checker {
    today: NaiveDate,
    ids: HashSet<i64>,
    uids: HashMap<String, (usize, String)>,
    /// Contacts with an introducer: (index, name, id, by).
    introduced: Vec<(usize, String, i64, i64)>,
    /// Contacts without `added_on`: id → whether `cadence_since` was left out too.
    undated: HashMap<i64, bool>,
    first_seen: HashMap<i64, NaiveDate>,
    interaction_ids: IdSet,
    rules: HashSet<String>,
    /// Every UUID of the file (as a number) and the section it is in, to
    /// find one given twice at the end: 16 bytes a record.
    uuids: Vec<(u128, &'static str)>,
}

impl Checker {
    /// `today` is the day a contact without `added_on` and without an
    /// interaction in the file counts as added.
    pub fn new(today: NaiveDate) -> Self {
        Checker {
            today,
            ids: HashSet::new(),
            uids: HashMap::new(),
            introduced: Vec::new(),
            undated: HashMap::new(),
            first_seen: HashMap::new(),
            interaction_ids: IdSet::default(),
            rules: HashSet::new(),
            uuids: Vec::new(),
        }
    }

    /// The identity a record of `section` carries, checked.
    fn identity(
        &mut self,
        section: &'static str,
        uuid: Option<&str>,
        modified: Option<&str>,
    ) -> Result<Identity> {
        let uuid = match uuid {
            None => None,
            Some(text) => {
                let Some(uuid) = Identity::uuid(text) else {
                    bail!("uuid {text:?} is not a UUID (8-4-4-4-12 hexadecimal digits): correct it, or leave it out and net gives one");
                };
                let number = u128::from_str_radix(&uuid.replace('-', ""), 16)?;
                self.uuids.push((number, section));
                Some(uuid)
            }
        };
        if let Some(text) = modified.filter(|t| !Identity::is_time(t)) {
            bail!("modified {text:?} is not a time such as 20261122T091405Z: correct it, or leave it out");
        }
        Ok(Identity {
            uuid,
            modified: modified.map(str::to_string),
        })
    }

    pub fn contact(&mut self, n: usize, c: &ContactDoc) -> Result<(Contact, Identity)> {
        for (what, date) in [
            ("added_on", c.added_on),
            ("snoozed_until", c.snoozed_until),
            ("cadence_since", c.cadence_since),
        ] {
            if let Some(date) = date {
                in_years(what, date).with_context(|| format!("contacts[{n}] ({:?})", c.name))?;
            }
        }
        let mut contact = c
            .to_contact(self.today)
            .with_context(|| format!("contacts[{n}] ({:?})", c.name))?;
        let identity = self
            .identity("contacts", c.uuid.as_deref(), c.modified.as_deref())
            .with_context(|| format!("contacts[{n}] ({:?})", c.name))?;
        contact.uuid = identity.uuid.clone();
        if c.id < 1 || c.id > MAX_ID || !self.ids.insert(c.id) {
            bail!(
                "contacts[{n}] ({:?}): id {} is not a number from 1 to {MAX_ID} used once",
                c.name,
                c.id
            );
        }
        if let Some(year) = contact.birthday.and_then(|b| b.year) {
            if !parse::DATE_YEARS.contains(&year) {
                bail!(
                    "contacts[{n}] ({:?}): birthday year {year} is not from 1900 to 2200",
                    c.name
                );
            }
        }
        if let Some(uid) = contact.uid.as_deref() {
            if let Some((first, name)) = self.uids.get(uid) {
                bail!(
                    "contacts[{n}] ({:?}): uid {uid:?} is already the uid of contacts[{first}] ({name:?}): give each contact its own uid, or leave it out",
                    c.name,
                );
            }
            self.uids.insert(uid.to_string(), (n, c.name.clone()));
        }
        if let Some(by) = c.introduced_by {
            self.introduced.push((n, c.name.clone(), c.id, by));
        }
        if c.added_on.is_none() {
            self.undated.insert(c.id, c.cadence_since.is_none());
        }
        Ok((contact, identity))
    }

    /// After the last contact: every introducer is one of them; the pairs
    /// (contact, by).
    pub fn end_contacts(&mut self) -> Result<Vec<(i64, i64)>> {
        let mut pairs = Vec::new();
        for (n, name, id, by) in std::mem::take(&mut self.introduced) {
            if !self.ids.contains(&by) {
                bail!("contacts[{n}] ({name:?}): introduced_by {by} is not in the file's contacts");
            }
            pairs.push((id, by));
        }
        Ok(pairs)
    }

    /// The interaction, its capture ids and its identity.
    pub fn interaction(
        &mut self,
        n: usize,
        i: InteractionDoc,
    ) -> Result<(Interaction, Vec<String>, Identity)> {
        in_years("date", i.date).with_context(|| format!("interactions[{n}]"))?;
        let identity = self
            .identity("interactions", i.uuid.as_deref(), i.modified.as_deref())
            .with_context(|| format!("interactions[{n}]"))?;
        let interaction = i
            .to_interaction(&self.ids)
            .with_context(|| format!("interactions[{n}]"))?;
        if interaction.id < 0
            || interaction.id > MAX_ID
            || (interaction.id != 0 && !self.interaction_ids.insert(interaction.id))
        {
            bail!(
                "interactions[{n}]: id {} is not a number from 1 to {MAX_ID} used once",
                interaction.id
            );
        }
        if i.capture_ids.iter().any(|c| c.trim().is_empty()) {
            bail!("interactions[{n}]: a capture id is empty");
        }
        if !self.undated.is_empty() {
            for c in &i.contacts {
                if self.undated.contains_key(c) {
                    let day = self.first_seen.entry(*c).or_insert(i.date);
                    *day = (*day).min(i.date);
                }
            }
        }
        Ok((interaction, i.capture_ids, identity))
    }

    pub fn rule(&mut self, n: usize, r: &RuleDoc) -> Result<(String, Interval)> {
        let Some(tag) = crate::model::tag(&r.tag) else {
            bail!("rules[{n}]: {:?} is not a tag", r.tag);
        };
        if self.rules.contains(&tag) {
            bail!("rules[{n}]: a second rule for tag {tag}: keep one");
        }
        let every = parse::interval(&r.every)
            .map_err(in_file)
            .with_context(|| format!("rules[{n}] ({tag})"))?;
        self.rules.insert(tag.clone());
        Ok((tag, every))
    }

    fn known(&self, what: &str, n: usize, id: i64) -> Result<()> {
        if self.ids.contains(&id) {
            Ok(())
        } else {
            bail!("{what}[{n}]: contact {id} is not in the file's contacts")
        }
    }

    pub fn note(&mut self, n: usize, d: NoteDoc) -> Result<(Note, Identity)> {
        self.known("notes", n, d.contact)?;
        let identity = self
            .identity("notes", d.uuid.as_deref(), None)
            .with_context(|| format!("notes[{n}]"))?;
        in_years("created_on", d.created_on).with_context(|| format!("notes[{n}]"))?;
        if d.text.trim().is_empty() || d.topic.trim().is_empty() {
            bail!("notes[{n}]: topic and text must not be empty");
        }
        let note = Note {
            id: d.id,
            contact: d.contact,
            topic: d.topic,
            text: d.text,
            created_on: d.created_on,
        };
        Ok((note, identity))
    }

    pub fn followup(&mut self, n: usize, d: FollowUpDoc) -> Result<(FollowUp, Identity)> {
        self.known("followups", n, d.contact)?;
        let identity = self
            .identity("followups", d.uuid.as_deref(), d.modified.as_deref())
            .with_context(|| format!("followups[{n}]"))?;
        for (what, date) in [
            ("created_on", Some(d.created_on)),
            ("due", d.due),
            ("done_on", d.done_on),
        ] {
            if let Some(date) = date {
                in_years(what, date).with_context(|| format!("followups[{n}]"))?;
            }
        }
        if let Some(i) = d.interaction.filter(|&i| !self.interaction_ids.contains(i)) {
            bail!("followups[{n}]: interaction {i} is not in the file's interactions");
        }
        if d.text.trim().is_empty() {
            bail!("followups[{n}]: the text is empty");
        }
        let promise = FollowUp {
            id: d.id,
            contact: d.contact,
            contact_name: String::new(),
            text: d.text,
            due: d.due,
            created_on: d.created_on,
            done_on: d.done_on,
            interaction: d.interaction,
        };
        Ok((promise, identity))
    }

    pub fn assessment(&mut self, n: usize, d: AssessmentDoc) -> Result<(Assessment, Identity)> {
        self.known("assessments", n, d.contact)?;
        let identity = self
            .identity("assessments", d.uuid.as_deref(), None)
            .with_context(|| format!("assessments[{n}]"))?;
        in_years("date", d.date).with_context(|| format!("assessments[{n}]"))?;
        let mut answers = d.answers.clone();
        answers.sort_unstable();
        answers.dedup();
        if answers.len() != d.answers.len() || answers.iter().any(|a| !(1..=9).contains(a)) {
            bail!("assessments[{n}]: answers are question numbers 1 to 9, each once");
        }
        let assessment = Assessment {
            id: d.id,
            contact: d.contact,
            date: d.date,
            score: answers.len() as u8,
            answers,
        };
        Ok((assessment, identity))
    }

    /// After the last record: no UUID was given twice, and the first days
    /// of the contacts that had none (see [`Sink::first_seen`]).
    pub fn finish(mut self) -> Result<Vec<(i64, NaiveDate, bool)>> {
        self.uuids.sort_unstable();
        if let Some(w) = self.uuids.windows(2).find(|w| w[0].0 == w[1].0) {
            let uuid = format!("{:032x}", w[0].0);
            bail!(
                "uuid {}-{}-{}-{}-{} is given to two records of the file ({} and {}): each record keeps its own, or leave it out",
                &uuid[..8],
                &uuid[8..12],
                &uuid[12..16],
                &uuid[16..20],
                &uuid[20..],
                w[0].1,
                w[1].1
            );
        }
        let mut days: Vec<(i64, NaiveDate, bool)> = self
            .first_seen
            .iter()
            .map(|(&id, &day)| (id, day, self.undated[&id]))
            .collect();
        days.sort_unstable();
        Ok(days)
    }
}

/// A date of the file within [`parse::DATE_YEARS`], or an error naming it.
fn in_years(what: &str, date: NaiveDate) -> Result<()> {
    use chrono::Datelike;
    if parse::DATE_YEARS.contains(&date.year()) {
        return Ok(());
    }
    bail!("{what} {date} is not a date from 1900 to 2200")
}
