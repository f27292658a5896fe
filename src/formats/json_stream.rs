//! Reads a net/1 document as it streams: each record is checked
//! ([`Checker`]) and handed to a [`Sink`] as soon as it is read, so a backup
//! of a million interactions is never held in memory (issue 15: the file's
//! bytes, the parsed document and a checked copy took 700 MB).
//!
//! The errors are those of reading the whole document first: a syntax error
//! anywhere (or a wrong `format`) wins over a record that fails its check,
//! which wins over a failed write. After a record fails, the rest is still
//! read (to find a syntax error) but handed to nobody. A section that comes
//! before the ones it refers to (interactions before contacts) waits in
//! memory until they are read.

use anyhow::{anyhow, Result};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

use super::json::{
    AssessmentDoc, ContactDoc, FollowUpDoc, InteractionDoc, NoteDoc, RuleDoc, FORMAT,
};
use super::json_check::{Checker, Sink};

/// Why a document was not read to its end.
#[derive(Debug)]
pub enum Failure {
    /// Not JSON, or not a net/1 document's shape (an unknown field, a
    /// missing one), or the reader failed; serde's error has the line.
    Syntax(serde_json::Error),
    /// The `format` is not net/1.
    Format(anyhow::Error),
    /// A record failed its check; the error names it.
    Check(anyhow::Error),
    /// The sink could not take a record.
    Write(anyhow::Error),
}

/// How many records of each section were read.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub contacts: usize,
    pub interactions: usize,
    pub rules: usize,
    pub notes: usize,
    pub followups: usize,
    pub assessments: usize,
}

/// Reads a whole document from `de` into `sink`.
pub fn read<'de, R: serde_json::de::Read<'de>>(
    de: &mut serde_json::Deserializer<R>,
    today: chrono::NaiveDate,
    sink: &mut dyn Sink,
) -> Result<Counts, Failure> {
    let mut state = State {
        checker: Checker::new(today),
        sink,
        counts: Counts::default(),
        format: None,
        failed: None,
        contacts_done: false,
        interactions_read: false,
        introduced: false,
        waiting: Waiting::default(),
    };
    let parsed = (&mut *de)
        .deserialize_struct("Document", FIELDS, Doc(&mut state))
        .and_then(|()| de.end());
    if let Err(e) = parsed {
        return Err(Failure::Syntax(e));
    }
    if let Some(e) = state.format.take() {
        return Err(Failure::Format(e));
    }
    state.flush();
    match state.failed.take() {
        Some(failure) => Err(failure),
        None => Ok(state.counts),
    }
}

const FIELDS: &[&str] = &[
    "format",
    "contacts",
    "interactions",
    "rules",
    "notes",
    "followups",
    "assessments",
];

/// Records read before the sections they refer to.
#[derive(Default)]
struct Waiting {
    interactions: Vec<InteractionDoc>,
    notes: Vec<NoteDoc>,
    followups: Vec<FollowUpDoc>,
    assessments: Vec<AssessmentDoc>,
}

struct State<'s> {
    checker: Checker,
    sink: &'s mut dyn Sink,
    counts: Counts,
    format: Option<anyhow::Error>,
    failed: Option<Failure>,
    contacts_done: bool,
    interactions_read: bool,
    introduced: bool,
    waiting: Waiting,
}

impl State<'_> {
    /// Whether records still go on (nothing failed).
    fn going(&self) -> bool {
        self.failed.is_none() && self.format.is_none()
    }

    /// Runs one record's check and hand-over, keeping the first failure.
    fn step(&mut self, f: impl FnOnce(&mut Checker, &mut dyn Sink) -> Result<Result<()>>) {
        if !self.going() {
            return;
        }
        match f(&mut self.checker, &mut *self.sink) {
            Err(e) => self.failed = Some(Failure::Check(e)),
            Ok(Err(e)) => self.failed = Some(Failure::Write(e)),
            Ok(Ok(())) => {}
        }
    }

    fn contact(&mut self, n: usize, c: ContactDoc) {
        self.counts.contacts += 1;
        self.step(|ch, sink| {
            let (c, id) = ch.contact(n, &c)?;
            Ok(sink.contact(&c, &id))
        });
    }

    fn interaction(&mut self, n: usize, i: InteractionDoc) {
        self.counts.interactions += 1;
        match self.contacts_done {
            true => self.check_interaction(n, i),
            false => self.waiting.interactions.push(i),
        }
    }

    fn check_interaction(&mut self, n: usize, i: InteractionDoc) {
        self.step(|ch, sink| {
            let (i, ids, id) = ch.interaction(n, i)?;
            Ok(sink.interaction(&i, &ids, &id))
        });
    }

    fn rule(&mut self, n: usize, r: RuleDoc) {
        self.counts.rules += 1;
        self.step(|ch, sink| {
            let (tag, every) = ch.rule(n, &r)?;
            Ok(sink.rule(&tag, every))
        });
    }

    fn note(&mut self, n: usize, d: NoteDoc) {
        self.counts.notes += 1;
        match self.contacts_done {
            true => self.check_note(n, d),
            false => self.waiting.notes.push(d),
        }
    }

    fn check_note(&mut self, n: usize, d: NoteDoc) {
        self.step(|ch, sink| {
            let (record, id) = ch.note(n, d)?;
            Ok(sink.note(&record, &id))
        });
    }

    fn followup(&mut self, n: usize, d: FollowUpDoc) {
        self.counts.followups += 1;
        match self.contacts_done && self.interactions_read {
            true => self.check_followup(n, d),
            false => self.waiting.followups.push(d),
        }
    }

    fn check_followup(&mut self, n: usize, d: FollowUpDoc) {
        self.step(|ch, sink| {
            let (record, id) = ch.followup(n, d)?;
            Ok(sink.followup(&record, &id))
        });
    }

    fn assessment(&mut self, n: usize, d: AssessmentDoc) {
        self.counts.assessments += 1;
        match self.contacts_done {
            true => self.check_assessment(n, d),
            false => self.waiting.assessments.push(d),
        }
    }

    fn check_assessment(&mut self, n: usize, d: AssessmentDoc) {
        self.step(|ch, sink| {
            let (record, id) = ch.assessment(n, d)?;
            Ok(sink.assessment(&record, &id))
        });
    }

    /// At the end of a section: what waited for it goes on.
    fn section_done(&mut self, field: Field) {
        match field {
            Field::Contacts => self.contacts_done = true,
            Field::Interactions => self.interactions_read = true,
            _ => return,
        }
        self.release();
    }

    /// Checks and hands over the records that waited and may go now, in
    /// check order.
    fn release(&mut self) {
        if !self.contacts_done {
            return;
        }
        if !self.introduced {
            self.introduced = true;
            self.step(|ch, sink| Ok(sink.introductions(&ch.end_contacts()?)));
        }
        let waiting = &mut self.waiting;
        let (interactions, notes, assessments) = (
            std::mem::take(&mut waiting.interactions),
            std::mem::take(&mut waiting.notes),
            std::mem::take(&mut waiting.assessments),
        );
        for (n, i) in interactions.into_iter().enumerate() {
            self.check_interaction(n, i);
        }
        for (n, d) in notes.into_iter().enumerate() {
            self.check_note(n, d);
        }
        if self.interactions_read {
            for (n, d) in std::mem::take(&mut self.waiting.followups)
                .into_iter()
                .enumerate()
            {
                self.check_followup(n, d);
            }
        }
        for (n, d) in assessments.into_iter().enumerate() {
            self.check_assessment(n, d);
        }
    }

    /// At the end of the document: everything that still waits, then the
    /// days of contacts that had none.
    fn flush(&mut self) {
        self.contacts_done = true;
        self.interactions_read = true;
        self.release();
        if self.going() {
            let checker = std::mem::replace(&mut self.checker, Checker::new(Default::default()));
            match checker.finish() {
                Err(e) => self.failed = Some(Failure::Check(e)),
                Ok(days) => {
                    if let Err(e) = self.sink.first_seen(&days) {
                        self.failed = Some(Failure::Write(e));
                    }
                }
            }
        }
    }
}

/// A top-level key, as `#[serde(deny_unknown_fields)]` names it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Format,
    Contacts,
    Interactions,
    Rules,
    Notes,
    Followups,
    Assessments,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Names;
        impl Visitor<'_> for Names {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("field identifier")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
                Ok(match v {
                    "format" => Field::Format,
                    "contacts" => Field::Contacts,
                    "interactions" => Field::Interactions,
                    "rules" => Field::Rules,
                    "notes" => Field::Notes,
                    "followups" => Field::Followups,
                    "assessments" => Field::Assessments,
                    _ => return Err(E::unknown_field(v, FIELDS)),
                })
            }
        }
        d.deserialize_identifier(Names)
    }
}

/// The document object: its keys in whatever order they come.
struct Doc<'a, 's>(&'a mut State<'s>);

impl<'de> Visitor<'de> for Doc<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("struct Document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let state = self.0;
        let mut seen = Vec::new();
        while let Some(field) = map.next_key::<Field>()? {
            if seen.contains(&field) {
                return Err(de::Error::duplicate_field(FIELDS[field as usize]));
            }
            seen.push(field);
            match field {
                Field::Format => {
                    let format: String = map.next_value()?;
                    if format != FORMAT && state.format.is_none() {
                        state.format =
                            Some(anyhow!("format is {format:?}, this net reads {FORMAT:?}"));
                    }
                }
                Field::Contacts => map.next_value_seed(Section(state, State::contact))?,
                Field::Interactions => map.next_value_seed(Section(state, State::interaction))?,
                Field::Rules => map.next_value_seed(Section(state, State::rule))?,
                Field::Notes => map.next_value_seed(Section(state, State::note))?,
                Field::Followups => map.next_value_seed(Section(state, State::followup))?,
                Field::Assessments => map.next_value_seed(Section(state, State::assessment))?,
            }
            state.section_done(field);
        }
        if !seen.contains(&Field::Format) {
            return Err(de::Error::missing_field("format"));
        }
        Ok(())
    }
}

/// One section's array: each record goes to `each` as it is read.
struct Section<'a, 's, T>(&'a mut State<'s>, fn(&mut State<'s>, usize, T));

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Section<'_, '_, T> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Section<'_, '_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut n = 0;
        while let Some(record) = seq.next_element::<T>()? {
            (self.1)(self.0, n, record);
            n += 1;
        }
        Ok(())
    }
}
