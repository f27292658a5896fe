//! The `net/1` interchange document: lossless backup, and the way test and
//! benchmark data are made. Written one record per line so large files stream
//! and diff well; export → import → export gives the same bytes.

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::io::Write;

use crate::error::in_file;
use crate::model::{Birthday, Contact, ContactStatus, Initiator, Interaction, Minutes};
use crate::parse;

/// The format tag this build reads and writes.
pub const FORMAT: &str = "net/1";

/// A whole document as read from a file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format: String,
    #[serde(default)]
    pub contacts: Vec<ContactDoc>,
    #[serde(default)]
    pub interactions: Vec<InteractionDoc>,
    #[serde(default)]
    pub rules: Vec<RuleDoc>,
    #[serde(default)]
    pub notes: Vec<NoteDoc>,
    #[serde(default)]
    pub followups: Vec<FollowUpDoc>,
    #[serde(default)]
    pub assessments: Vec<AssessmentDoc>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn is_active(s: &str) -> bool {
    s == "active"
}

fn active() -> String {
    "active".into()
}

fn is_me(s: &str) -> bool {
    s == "me"
}

fn me() -> String {
    "me".into()
}

/// A name's parts as vCard's N has them; each optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamePartsDoc {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub family: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub given: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub additional: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub suffix: String,
}

/// One contact. `id` is local to the file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactDoc {
    pub id: i64,
    pub name: String,
    /// The structured name as it came on import (vCard N), for `export vcard`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_parts: Option<NamePartsDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub met: Option<String>,
    /// `1980-04-15`, or `--04-15` without a year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The simplest cadence form: a whole number of days (`60`, or `"60"`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "days"
    )]
    pub every_days: Option<u32>,
    /// A cadence as an INTERVAL (`2mo`, `quarterly`) or `never`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<String>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub known_minutes: u32,
    #[serde(default = "active", skip_serializing_if = "is_active")]
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snoozed_until: Option<NaiveDate>,
    /// The day the contact was added (silence counts from it until a first
    /// touch). Optional in a file: it defaults to the day of their first
    /// interaction in the file, or to the day of the import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_on: Option<NaiveDate>,
    /// The day its cadence started: a contact never contacted counts from it.
    /// Written only when it differs from `added_on`, which is its default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence_since: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    /// The contact who introduced you (an id in this file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub introduced_by: Option<i64>,
    /// Who the record is on every device (see [`crate::model::Identity`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// When it last changed, `20261122T091405Z` (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
}

/// One interaction with one or more contacts (by file-local id).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InteractionDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    pub kind: String,
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    pub contacts: Vec<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gave: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub got: Option<String>,
    /// `me` (default) or `they` (they reached out).
    #[serde(default = "me", skip_serializing_if = "is_me")]
    pub initiator: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// For an introduction: `[a, b]`, a was introduced to b.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub introduced: Option<[i64; 2]>,
    /// The source ids of what `net capture` made into this interaction or
    /// attached to it (`ics:UID/…`, `mail-thread:…`), so that a capture after
    /// a restore proposes nothing new.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capture_ids: Vec<String>,
    /// Who the record is on every device (see [`crate::model::Identity`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// When it last changed, `20261122T091405Z` (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
}

/// A note about a contact under a topic.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteDoc {
    pub id: i64,
    pub contact: i64,
    pub topic: String,
    pub text: String,
    pub created_on: NaiveDate,
    /// Who the record is on every device (see [`crate::model::Identity`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
}

/// A promise to a contact.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpDoc {
    pub id: i64,
    pub contact: i64,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    pub created_on: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<NaiveDate>,
    /// The interaction it was made in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interaction: Option<i64>,
    /// Who the record is on every device (see [`crate::model::Identity`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// When it last changed, `20261122T091405Z` (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
}

/// One run of the nine questions: the numbers answered yes.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentDoc {
    pub id: i64,
    pub contact: i64,
    pub date: NaiveDate,
    pub answers: Vec<u8>,
    /// Who the record is on every device (see [`crate::model::Identity`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
}

/// A cadence rule for a tag.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDoc {
    pub tag: String,
    pub every: String,
}

impl From<&Contact> for ContactDoc {
    fn from(c: &Contact) -> Self {
        ContactDoc {
            id: c.id,
            name: c.name.clone(),
            name_parts: c.name_parts.as_ref().map(|p| NamePartsDoc {
                family: p.family.clone(),
                given: p.given.clone(),
                additional: p.additional.clone(),
                prefix: p.prefix.clone(),
                suffix: p.suffix.clone(),
            }),
            aliases: c.aliases.clone(),
            org: c.org.clone(),
            role: c.role.clone(),
            emails: c.emails.clone(),
            phones: c.phones.clone(),
            links: c.links.clone(),
            tags: c.tags.clone(),
            why: c.why.clone(),
            met: c.met.clone(),
            birthday: c.birthday.map(|b| b.to_iso()),
            notes: c.notes.clone(),
            every_days: None,
            every: c.every.map(|e| e.short()),
            known_minutes: c.known_minutes,
            status: c.status.as_str().into(),
            snoozed_until: c.snoozed_until,
            added_on: Some(c.added_on),
            cadence_since: c.cadence_since.filter(|d| *d != c.added_on),
            uid: c.uid.clone(),
            introduced_by: c.introduced_by,
            // A backup's alone (`export json` sets them).
            uuid: None,
            modified: None,
        }
    }
}

impl From<&Interaction> for InteractionDoc {
    fn from(i: &Interaction) -> Self {
        InteractionDoc {
            id: Some(i.id),
            kind: i.kind.clone(),
            date: i.date,
            time: i.time.clone(),
            minutes: i.minutes.map(|m| m.0),
            contacts: i.contacts.clone(),
            note: i.note.clone(),
            gave: i.gave.clone(),
            got: i.got.clone(),
            initiator: i.initiator.as_str().into(),
            place: i.place.clone(),
            introduced: i.intro.map(|(a, b)| [a, b]),
            capture_ids: Vec::new(),
            uuid: None,
            modified: None,
        }
    }
}

impl ContactDoc {
    /// The contact this entry describes, checked; `added_on` is used when
    /// the entry has none.
    pub fn to_contact(&self, added_on: NaiveDate) -> Result<Contact> {
        if self.name.trim().is_empty() {
            bail!("the name is empty");
        }
        let mut c = Contact::new(self.name.clone(), self.added_on.unwrap_or(added_on));
        c.id = self.id;
        c.aliases = self.aliases.clone();
        c.org = self.org.clone();
        c.role = self.role.clone();
        c.name_parts = self.name_parts.as_ref().and_then(|p| {
            crate::model::NameParts::from_parts(&[
                &p.family,
                &p.given,
                &p.additional,
                &p.prefix,
                &p.suffix,
            ])
        });
        c.emails = self.emails.clone();
        c.phones = self.phones.clone();
        c.links = self.links.clone();
        c.tags = Vec::new();
        for t in &self.tags {
            let tag = crate::model::tag(t)
                .with_context(|| format!("tag {t:?} is not one word such as client or referrer"))?;
            if !c.tags.contains(&tag) {
                c.tags.push(tag);
            }
        }
        c.tags.sort();
        c.why = self.why.clone();
        c.met = self.met.clone();
        c.notes = self.notes.clone();
        c.known_minutes = self.known_minutes;
        c.snoozed_until = self.snoozed_until;
        // A restore keeps the cadence clock; without the field it ran from added_on.
        c.cadence_since = Some(self.cadence_since.unwrap_or(c.added_on));
        c.uid = self.uid.clone();
        c.introduced_by = self.introduced_by;
        c.status = ContactStatus::parse(&self.status)
            .with_context(|| format!("status {:?} is neither active nor archived", self.status))?;
        if let Some(b) = &self.birthday {
            c.birthday = Some(
                Birthday::from_iso(b)
                    .with_context(|| format!("birthday {b:?} is not YYYY-MM-DD or --MM-DD"))?,
            );
        }
        c.every = match (&self.every, self.every_days) {
            (Some(_), Some(_)) => bail!("give either every or every_days, not both"),
            (Some(e), None) => Some(parse::cadence(e).map_err(in_file)?),
            // Through the parser, so the same bounds hold as for typed intervals.
            (None, Some(d)) => Some(
                parse::cadence(&format!("{d}d"))
                    .map_err(in_file)
                    .context("every_days")?,
            ),
            (None, None) => None,
        };
        Ok(c)
    }
}

impl InteractionDoc {
    /// The interaction this entry describes, checked against the known contact ids.
    pub fn to_interaction(&self, known: &HashSet<i64>) -> Result<Interaction> {
        let kind = crate::model::kind(&self.kind).with_context(|| {
            format!(
                "kind {:?} is not one word such as coffee or call",
                self.kind
            )
        })?;
        if self.contacts.is_empty() {
            bail!("it names no contacts");
        }
        if let Some(missing) = self.contacts.iter().find(|id| !known.contains(id)) {
            bail!("contact {missing} is not in the file's contacts");
        }
        if let Some([a, b]) = self.introduced {
            if a == b || !self.contacts.contains(&a) || !self.contacts.contains(&b) {
                bail!("introduced must name two different contacts of the interaction");
            }
        }
        let initiator = Initiator::parse(&self.initiator)
            .with_context(|| format!("initiator {:?} is neither me nor they", self.initiator))?;
        Ok(Interaction {
            id: self.id.unwrap_or(0),
            kind,
            date: self.date,
            time: self.time.clone(),
            minutes: self.minutes.map(Minutes),
            note: self.note.clone(),
            gave: self.gave.clone(),
            got: self.got.clone(),
            initiator,
            place: self.place.clone(),
            contacts: self.contacts.clone(),
            intro: self.introduced.map(|[a, b]| (a, b)),
        })
    }
}

/// `every_days` as a number or as a string of digits.
fn days<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Days {
        Number(u32),
        Text(String),
    }
    match Option::<Days>::deserialize(d)? {
        None => Ok(None),
        Some(Days::Number(n)) => Ok(Some(n)),
        Some(Days::Text(t)) => t.trim().parse().map(Some).map_err(|_| {
            serde::de::Error::custom(format!("every_days {t:?} is not a whole number of days"))
        }),
    }
}

/// Parses a document, naming the line and column of a syntax error (a
/// document in memory; an import reads as it streams, `json_stream.rs`).
#[cfg(test)]
pub fn parse(bytes: &[u8]) -> Result<Document> {
    let bytes = without_bom(bytes);
    let doc: Document = serde_json::from_slice(bytes).map_err(|e| located(&mut &bytes[..], &e))?;
    if doc.format != FORMAT {
        bail!("format is {:?}, this net reads {FORMAT:?}", doc.format);
    }
    Ok(doc)
}

/// The bytes after a UTF-8 byte order mark, if they start with one.
pub fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

/// The UTF-8 byte order mark some editors put first.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A JSON error with what stands just before it on its line, so that
/// "input is out of range at line 6 column 40" also shows the value.
/// `text` is the document from its start (after a byte order mark); only
/// the lines up to the error are read.
pub fn located(text: &mut dyn std::io::BufRead, e: &serde_json::Error) -> anyhow::Error {
    let near = line_upto(text, e.line(), e.column())
        .map(|line| {
            let tail: Vec<char> = line.trim().chars().rev().take(40).collect();
            tail.into_iter().rev().collect::<String>()
        })
        .filter(|s| !s.is_empty());
    match near {
        Some(near) => anyhow::anyhow!("{e} (near `{near}`)"),
        None => anyhow::anyhow!("{e}"),
    }
}

/// The first `column` characters of line `line` (from 1) of `text`.
fn line_upto(text: &mut dyn std::io::BufRead, line: usize, column: usize) -> Option<String> {
    use std::io::{BufRead, Read};
    for _ in 1..line {
        text.skip_until(b'\n').ok().filter(|&n| n > 0)?;
    }
    let mut bytes = Vec::new();
    // A character is at most 4 bytes: enough of a very long line.
    let mut head: std::io::Take<&mut dyn std::io::BufRead> = text.take(4 * column as u64 + 4);
    head.read_until(b'\n', &mut bytes).ok().filter(|&n| n > 0)?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.trim_end_matches('\n').trim_end_matches('\r');
    Some(text.chars().take(column).collect())
}

/// Streams a document: the header, then one record per line.
pub struct Writer<'a> {
    out: &'a mut dyn Write,
    section: Option<&'static str>,
    first: bool,
}

impl<'a> Writer<'a> {
    pub fn new(out: &'a mut dyn Write) -> Result<Self> {
        write!(out, "{{\n  \"format\": \"{FORMAT}\"")?;
        Ok(Writer {
            out,
            section: None,
            first: true,
        })
    }

    /// Writes one record into a section (`contacts`, `interactions`, `rules`),
    /// opening the section on its first record. Sections come in call order.
    pub fn record(&mut self, section: &'static str, value: &impl Serialize) -> Result<()> {
        if self.section != Some(section) {
            self.close_section()?;
            write!(self.out, ",\n  \"{section}\": [")?;
            self.section = Some(section);
            self.first = true;
        }
        let sep = if self.first { "\n    " } else { ",\n    " };
        self.first = false;
        self.out.write_all(sep.as_bytes())?;
        // DEL, C1 controls and bidi/zero-width characters escaped, so that
        // `net export json` on a terminal cannot drive or spoof it.
        let formatter = crate::safe::SafeJson(serde_json::ser::CompactFormatter);
        let mut ser = serde_json::Serializer::with_formatter(&mut *self.out, formatter);
        value.serialize(&mut ser)?;
        Ok(())
    }

    /// Opens an empty section, so the document always has `contacts` and `interactions`.
    pub fn empty(&mut self, section: &'static str) -> Result<()> {
        self.close_section()?;
        write!(self.out, ",\n  \"{section}\": []")?;
        Ok(())
    }

    fn close_section(&mut self) -> Result<()> {
        if self.section.take().is_some() {
            self.out.write_all(b"\n  ]")?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        self.close_section()?;
        self.out.write_all(b"\n}\n")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn every_days_and_every_are_both_cadences() {
        let doc = parse(
            br#"{"format":"net/1","contacts":[
            {"id":1,"name":"A","every_days":60,"added_on":"2026-01-01"},
            {"id":2,"name":"B","every":"2mo","added_on":"2026-01-01"}]}"#,
        )
        .unwrap();
        assert_eq!(
            doc.contacts[0]
                .to_contact(day())
                .unwrap()
                .every
                .unwrap()
                .short(),
            "60d"
        );
        assert_eq!(
            doc.contacts[1]
                .to_contact(day())
                .unwrap()
                .every
                .unwrap()
                .short(),
            "2mo"
        );
    }

    #[test]
    fn unknown_fields_and_formats_are_refused() {
        assert!(parse(br#"{"format":"net/2"}"#).is_err());
        let err = parse(br#"{"format":"net/1","contacts":[{"id":1,"name":"A","added_on":"2026-01-01","nmae":"x"}]}"#)
            .unwrap_err();
        assert!(err.to_string().contains("nmae"), "{err}");
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            if let Ok(doc) = parse(&bytes) {
                let _ = doc.check(day());
            }
        }

        #[test]
        fn arbitrary_values_in_a_valid_shape_never_panic(
            name in ".{0,20}", birthday in ".{0,12}", every in ".{0,8}", days in proptest::prelude::any::<u32>(),
            date in "[0-9]{1,5}-[0-9]{1,2}-[0-9]{1,2}", minutes in proptest::prelude::any::<u32>(),
        ) {
            let doc = serde_json::json!({
                "format": "net/1",
                "contacts": [
                    {"id": 1, "name": name, "birthday": birthday, "every": every, "added_on": "2026-01-01"},
                    {"id": 2, "name": "B", "every_days": days, "added_on": "2026-01-01"}
                ],
                "interactions": [{"kind": "call", "date": date, "minutes": minutes, "contacts": [1, 2]}]
            });
            if let Ok(doc) = parse(doc.to_string().as_bytes()) {
                let _ = doc.check(day());
            }
        }
    }

    #[test]
    fn writer_streams_sections() {
        let mut buf = Vec::new();
        let mut w = Writer::new(&mut buf).unwrap();
        w.record("contacts", &serde_json::json!({"id": 1})).unwrap();
        w.record("contacts", &serde_json::json!({"id": 2})).unwrap();
        w.empty("interactions").unwrap();
        w.finish().unwrap();
        let text = String::from_utf8(buf).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["contacts"][1]["id"], 2);
        assert!(v["interactions"].as_array().unwrap().is_empty());
    }
}
