//! `net import …`: dispatch, and `net import json` into an empty database.
//! The other formats (`import_vcard.rs`, `import_csv.rs`) and json `--merge`
//! (`import_json.rs`) match contacts already there (`import_contacts.rs`).

use anyhow::Result;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod csv;
mod json;
mod load;
mod upsert;
mod vcard;

use super::Ctx;
use crate::cli::ImportCommand;
use crate::formats::json_check::Checked;

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
    read_bounded(file, IMPORT_LIMIT).map_err(|e| unreadable(file, e))
}

/// Why `file` could not be read, in the user's words where it is theirs
/// to fix (a folder, a device, too large).
fn unreadable(file: &Path, e: std::io::Error) -> anyhow::Error {
    match e.kind() {
        std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData => {
            crate::error::user(format!("cannot import {}: {e}", file.display()))
        }
        _ => anyhow::Error::new(e).context(format!("reading {}", file.display())),
    }
}

/// Reads and checks a whole net/1 document before anything is written.
pub fn checked_document(file: &Path, today: chrono::NaiveDate) -> Result<Checked> {
    let mut checked = Checked::default();
    load::read(file, today, &mut checked)?;
    Ok(checked)
}

/// A net/1 document into an empty database, as it streams.
fn into_empty(ctx: &mut Ctx, file: PathBuf) -> Result<ExitCode> {
    let today = ctx.today;
    let what = format!("import json {}", file.display());
    let counts = load::load(ctx, what, |sink| load::read(&file, today, sink))?;
    let count = crate::render::count;
    ctx.say(format!(
        "Imported {}, {}, {}, {}, {} and {} from {}.",
        count(counts.contacts, "contact"),
        count(counts.interactions, "interaction"),
        count(counts.rules, "rule"),
        count(counts.notes, "note"),
        count(counts.followups, "promise"),
        count(counts.assessments, "assessment"),
        file.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Writes a document checked in memory into the (empty) database as one
/// undoable step.
pub(super) fn load(ctx: &mut Ctx, checked: &Checked, what: String) -> Result<()> {
    load::load(ctx, what, |sink| load::replay(checked, sink))
}
