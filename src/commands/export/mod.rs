//! `net export json`: the whole network as a net/1 document; dispatch of
//! the other formats (`export_vcard.rs`, `export_ics.rs`).

use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

mod ics;
mod vcard;

use super::Ctx;
use crate::cli::ExportCommand;
use crate::formats::json::{
    self, AssessmentDoc, ContactDoc, FollowUpDoc, InteractionDoc, NoteDoc, RuleDoc,
};

pub fn run(ctx: &mut Ctx, command: ExportCommand) -> Result<ExitCode> {
    let out = match command {
        ExportCommand::Json { out } => out,
        ExportCommand::Vcard { out, dir, version } => return vcard::run(ctx, out, dir, version),
        ExportCommand::Ics { months, out } => return ics::run(ctx, months, out),
    };
    match out {
        Some(path) => {
            let counts = save(&path, |w| write(ctx, w))?;
            ctx.say(format!(
                "Wrote {} and {} to {}.",
                crate::render::count(counts.0, "contact"),
                crate::render::count(counts.1, "interaction"),
                path.display()
            ))?;
        }
        None => {
            let mut out = std::mem::replace(&mut ctx.out, Box::new(std::io::sink()));
            let result = write(ctx, &mut out);
            ctx.out = out;
            result?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes a file beside the target and renames it, so that a failed export
/// never leaves half a file under the real name. The temporary file has a
/// unique name (two exports at once do not share it) and is private (0600)
/// from its first byte; the file keeps the stricter mode of the one it
/// replaces, and is never more open than 0600: a backup holds your network.
pub fn save<T>(path: &Path, f: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(path.file_name().unwrap_or_default());
    prefix.push(".");
    let tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".partial")
        .tempfile_in(dir)
        .with_context(|| format!("creating a file in {}", dir.display()))?;
    let mut w = std::io::BufWriter::new(tmp);
    // A failure drops the temporary file, which removes it.
    let value = f(&mut w)?;
    let tmp = w
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| format!("writing {}", path.display()))?;
    tmp.as_file()
        .sync_all()
        .with_context(|| format!("writing {}", path.display()))?;
    #[cfg(unix)]
    if let Ok(old) = std::fs::metadata(path) {
        use std::os::unix::fs::PermissionsExt;
        let mode = old.permissions().mode() & 0o600;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .with_context(|| format!("keeping the mode of {}", path.display()))?;
    }
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("saving {}", path.display()))?;
    Ok(value)
}

fn write(ctx: &Ctx, out: &mut dyn Write) -> Result<(usize, usize)> {
    let db = ctx.store.read();
    let mut w = json::Writer::new(out)?;
    let contacts = db.all_contacts()?;
    if contacts.is_empty() {
        w.empty("contacts")?;
    }
    // Each record keeps its UUID and modification time: a restore is the
    // same network to a sync server and to a phone that imported the cards.
    let mut identity = db.identities("contacts")?;
    for c in &contacts {
        let mut doc = ContactDoc::from(c);
        doc.uuid = c.uuid.clone();
        doc.modified = identity.remove(&c.id).and_then(|i| i.modified);
        w.record("contacts", &doc)?;
    }
    // An interaction logged without --for counts as its kind's usual length
    // in the config of this machine: the backup carries that number, so a
    // restore anywhere (without this config) gives the same depth and budget.
    // (A kind that counts 0 minutes here is written without minutes.)
    let policy = ctx.store.policy()?;
    let mut captured = db.capture_ids_by_interaction()?;
    let mut n = 0;
    db.each_interaction(|i, identity| {
        n += 1;
        let mut doc = InteractionDoc::from(&i);
        doc.uuid = identity.uuid;
        doc.modified = identity.modified;
        doc.capture_ids = captured.remove(&i.id).unwrap_or_default();
        doc.minutes = doc
            .minutes
            .or(Some(policy.minutes_of(&i.kind, None)).filter(|&m| m > 0));
        w.record("interactions", &doc)
    })?;
    if n == 0 {
        w.empty("interactions")?;
    }
    for (tag, every) in db.rules()? {
        w.record(
            "rules",
            &RuleDoc {
                tag,
                every: every.short(),
            },
        )?;
    }
    let mut identity = db.identities("contact_notes")?;
    for note in db.notes(None)? {
        let doc = NoteDoc {
            uuid: identity.remove(&note.id).and_then(|i| i.uuid),
            id: note.id,
            contact: note.contact,
            topic: note.topic,
            text: note.text,
            created_on: note.created_on,
        };
        w.record("notes", &doc)?;
    }
    let mut identity = db.identities("followups")?;
    for f in db.all_followups()? {
        let given = identity.remove(&f.id).unwrap_or_default();
        let doc = FollowUpDoc {
            uuid: given.uuid,
            modified: given.modified,
            id: f.id,
            contact: f.contact,
            text: f.text,
            due: f.due,
            created_on: f.created_on,
            done_on: f.done_on,
            interaction: f.interaction,
        };
        w.record("followups", &doc)?;
    }
    let mut identity = db.identities("assessments")?;
    for a in db.assessments(None)? {
        w.record(
            "assessments",
            &AssessmentDoc {
                uuid: identity.remove(&a.id).and_then(|i| i.uuid),
                id: a.id,
                contact: a.contact,
                date: a.date,
                answers: a.answers,
            },
        )?;
    }
    w.finish()?;
    Ok((contacts.len(), n))
}
