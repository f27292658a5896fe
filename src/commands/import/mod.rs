//! `net import …`: dispatch, and `net import json` into an empty database.
//! The other formats (`import_vcard.rs`, `import_csv.rs`) and json `--merge`
//! (`import_json.rs`) match contacts already there (`import_contacts.rs`).

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod csv;
mod json;
mod upsert;
mod vcard;

use super::Ctx;
use crate::cli::ImportCommand;
use crate::formats::json::Checked;

pub fn run(ctx: &mut Ctx, command: ImportCommand) -> Result<ExitCode> {
    match command {
        ImportCommand::Json {
            file, merge: false, ..
        } => into_empty(ctx, file),
        ImportCommand::Json { file, dry_run, .. } => json::merge(ctx, &file, dry_run),
        ImportCommand::Vcard { paths, dry_run } => vcard::run(ctx, &paths, dry_run),
        ImportCommand::Linkedin { file, dry_run } => csv::linkedin(ctx, &file, dry_run),
        ImportCommand::Google { file, dry_run } => csv::google(ctx, &file, dry_run),
    }
}

/// The bytes of a file, or of standard input for `-`, at most
/// [`crate::files::IMPORT_LIMIT`]; a device or folder is refused.
pub fn read_bytes(file: &Path) -> Result<Vec<u8>> {
    use crate::files::{read_at_most, read_bounded, IMPORT_LIMIT};
    if file.as_os_str() == "-" {
        return read_at_most(std::io::stdin(), IMPORT_LIMIT)
            .map_err(|e| crate::error::user(format!("reading standard input: {e}")));
    }
    read_bounded(file, IMPORT_LIMIT).map_err(|e| match e.kind() {
        std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData => {
            crate::error::user(format!("cannot import {}: {e}", file.display()))
        }
        _ => anyhow::Error::new(e).context(format!("reading {}", file.display())),
    })
}

/// Reads and checks a whole net/1 document before anything is written.
pub fn checked_document(file: &Path, today: chrono::NaiveDate) -> Result<Checked> {
    let bytes = read_bytes(file)?;
    let doc = crate::formats::json::parse(&bytes)
        .with_context(|| format!("{} is not a net/1 document", file.display()))?;
    // The text is not needed once parsed: a large backup is held twice, not three times.
    drop(bytes);
    doc.check(today)
        .with_context(|| format!("{} cannot be imported", file.display()))
}

fn into_empty(ctx: &mut Ctx, file: PathBuf) -> Result<ExitCode> {
    let checked = checked_document(&file, ctx.today)?;

    load(ctx, &checked, format!("import json {}", file.display()))?;
    let count = crate::render::count;
    ctx.say(format!(
        "Imported {}, {}, {}, {}, {} and {} from {}.",
        count(checked.contacts.len(), "contact"),
        count(checked.interactions.len(), "interaction"),
        count(checked.rules.len(), "rule"),
        count(checked.notes.len(), "note"),
        count(checked.followups.len(), "promise"),
        count(checked.assessments.len(), "assessment"),
        file.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Writes a checked document into the (empty) database as one undoable step.
pub(super) fn load(ctx: &mut Ctx, checked: &Checked, what: String) -> Result<()> {
    // Into an empty database, the reverse of an import is "empty it again":
    // recorded as one statement instead of a row-by-row undo log.
    ctx.store.write_bulk(what, crate::store::CLEAR_ALL, |db| {
        if db.contact_count()? > 0 || db.interaction_count()? > 0 {
            bail!(
                "the database already holds contacts: add --merge to import into it, or import into an empty one (NET_DB=new.db net import json FILE)"
            );
        }
        // Rules already there come back when the import is undone.
        db.undo_keeps_rules()?;
        // Who introduced whom is set once every contact exists: a reference
        // to a later contact, or a cycle, is fine in a backup.
        for c in &checked.contacts {
            db.insert_contact(&crate::model::Contact {
                introduced_by: None,
                ..c.clone()
            })
            .with_context(|| format!("contact {} of the file", c.id))?;
        }
        for c in &checked.contacts {
            if let Some(by) = c.introduced_by {
                db.set_introduced_by(c.id, by)?;
            }
        }
        let mut capture_ids = checked.capture_ids();
        for (n, i) in checked.interactions.iter().enumerate() {
            let id = db.insert_interaction(i)?;
            for c in capture_ids(n) {
                db.mark_captured(c, Some(id))?;
            }
        }
        for (tag, every) in &checked.rules {
            db.set_rule(tag, *every)?;
        }
        for n in &checked.notes {
            db.add_note(n)?;
        }
        for f in &checked.followups {
            db.add_followup(f)?;
        }
        for a in &checked.assessments {
            db.add_assessment(a)?;
        }
        Ok(())
    })?;
    Ok(())
}
