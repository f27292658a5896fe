//! A net/1 document into an empty database (`net import json`, `net demo`),
//! as it streams: each checked record is written as soon as it is read, the
//! indexes are built once at the end, and the derived values are computed
//! once per contact at commit. One transaction: a bad record anywhere, or a
//! kill, leaves the database as it was.

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use std::path::Path;

use super::Ctx;
use crate::formats::json;
use crate::formats::json_check::{Checked, Nowhere, Sink};
use crate::formats::json_stream::{self, Counts, Failure};
use crate::model::{Assessment, Contact, FollowUp, Identity, Interaction, Interval, Note};
use crate::store::Db;

/// Runs `feed` (which hands a document's records to a sink) into the
/// empty database as one undoable step.
pub(super) fn load<T>(
    ctx: &mut Ctx,
    what: String,
    feed: impl FnOnce(&mut dyn Sink) -> Result<T>,
) -> Result<T> {
    // Into an empty database, the reverse of an import is "empty it again":
    // recorded as one statement instead of a row-by-row undo log.
    let policy = ctx.policy()?;
    ctx.store.write_bulk(what, crate::store::CLEAR_ALL, |db| {
        if db.contact_count()? > 0 || db.interaction_count()? > 0 {
            // The document's own problems are named first, as before.
            feed(&mut Nowhere)?;
            bail!(
                "the database already holds contacts: add --merge to import into it, or import into an empty one (NET_DB=new.db net import json FILE)"
            );
        }
        // Rules already there come back when the import is undone.
        db.undo_keeps_rules()?;
        let aside = db.begin_load(&policy)?;
        let out = feed(&mut Rows(db))?;
        db.end_load(aside)?;
        Ok(out)
    })
}

/// Reads the document in `file` (`-`: standard input) into `sink`; errors
/// name the file and, for a syntax error, the line.
pub(super) fn read(file: &Path, today: NaiveDate, sink: &mut dyn Sink) -> Result<Counts> {
    use std::io::BufRead;
    let not_a_document = || format!("{} is not a net/1 document", file.display());
    // A pipe cannot be read again to show the line of a syntax error.
    if file.as_os_str() == "-" || !crate::files::is_regular(file) {
        let bytes = super::read_bytes(file)?;
        let bytes = json::without_bom(&bytes);
        let mut de = serde_json::Deserializer::from_slice(bytes);
        return match json_stream::read(&mut de, today, sink) {
            Err(Failure::Syntax(e)) => {
                Err(json::located(&mut &bytes[..], &e)).with_context(not_a_document)
            }
            other => named(file, other),
        };
    }
    let opened = crate::files::open_bounded(file, crate::files::IMPORT_LIMIT)
        .map_err(|e| super::unreadable(file, e))?;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, opened);
    let bom = reader.fill_buf().is_ok_and(|b| b.starts_with(json::BOM));
    if bom {
        reader.consume(json::BOM.len());
    }
    let mut de = serde_json::Deserializer::from_reader(reader);
    match json_stream::read(&mut de, today, sink) {
        Err(Failure::Syntax(e)) if e.is_io() => Err(super::unreadable(file, e.into())),
        Err(Failure::Syntax(e)) => {
            let mut again = std::io::BufReader::new(std::fs::File::open(file)?);
            if bom {
                again.consume(json::BOM.len());
            }
            Err(json::located(&mut again, &e)).with_context(not_a_document)
        }
        other => named(file, other),
    }
}

/// The other outcomes of reading `file`, its problems named as the file's.
fn named(file: &Path, read: Result<Counts, Failure>) -> Result<Counts> {
    match read {
        Ok(counts) => Ok(counts),
        Err(Failure::Syntax(e)) => Err(e.into()),
        Err(Failure::Format(e)) => {
            Err(e).with_context(|| format!("{} is not a net/1 document", file.display()))
        }
        Err(Failure::Check(e)) => {
            Err(e).with_context(|| format!("{} cannot be imported", file.display()))
        }
        Err(Failure::Write(e)) => Err(e),
    }
}

/// Hands a document checked in memory (the demo) to a sink.
pub(super) fn replay(checked: &Checked, sink: &mut dyn Sink) -> Result<()> {
    let none = Identity::default();
    for c in &checked.contacts {
        sink.contact(c, &none)?;
    }
    let pairs: Vec<(i64, i64)> = checked
        .contacts
        .iter()
        .filter_map(|c| Some((c.id, c.introduced_by?)))
        .collect();
    sink.introductions(&pairs)?;
    let mut capture_ids = checked.capture_ids();
    for (n, i) in checked.interactions.iter().enumerate() {
        sink.interaction(i, capture_ids(n), &none)?;
    }
    for (tag, every) in &checked.rules {
        sink.rule(tag, *every)?;
    }
    for n in &checked.notes {
        sink.note(n, &none)?;
    }
    for f in &checked.followups {
        sink.followup(f, &none)?;
    }
    for a in &checked.assessments {
        sink.assessment(a, &none)?;
    }
    Ok(())
}

/// Writes each record into the database as it comes.
struct Rows<'a, 'b>(&'a Db<'b>);

impl Sink for Rows<'_, '_> {
    fn contact(&mut self, c: &Contact, given: &Identity) -> Result<()> {
        // Who introduced whom is set once every contact exists: a reference
        // to a later contact, or a cycle, is fine in a backup.
        let contact = Contact {
            introduced_by: None,
            ..c.clone()
        };
        self.0
            .insert_contact_as(&contact, given)
            .with_context(|| format!("contact {} of the file", c.id))?;
        Ok(())
    }
    fn introductions(&mut self, pairs: &[(i64, i64)]) -> Result<()> {
        for &(id, by) in pairs {
            self.0.set_introduced_by(id, by)?;
        }
        Ok(())
    }
    fn interaction(
        &mut self,
        i: &Interaction,
        capture_ids: &[String],
        given: &Identity,
    ) -> Result<()> {
        let id = self.0.load_interaction(i, given)?;
        for c in capture_ids {
            self.0.mark_captured(c, Some(id))?;
        }
        Ok(())
    }
    fn rule(&mut self, tag: &str, every: Interval) -> Result<()> {
        self.0.set_rule(tag, every)
    }
    fn note(&mut self, n: &Note, given: &Identity) -> Result<()> {
        self.0.add_note_as(n, given).map(drop)
    }
    fn followup(&mut self, f: &FollowUp, given: &Identity) -> Result<()> {
        self.0.add_followup_as(f, given).map(drop)
    }
    fn assessment(&mut self, a: &Assessment, given: &Identity) -> Result<()> {
        self.0.add_assessment_as(a, given).map(drop)
    }
    fn first_seen(&mut self, days: &[(i64, NaiveDate, bool)]) -> Result<()> {
        for &(id, day, cadence) in days {
            self.0.set_added_on(id, day, cadence)?;
        }
        Ok(())
    }
}
