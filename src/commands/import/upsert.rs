//! What `net import vcard|linkedin|google` do with the contacts they read:
//! match them against the network (UID, e-mail, phone, name) so that a
//! second import updates instead of duplicating, in one transaction.

use anyhow::{bail, Context, Result};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::commands::Ctx;
use crate::formats::{Found, Reading};
use crate::matching::{self, Index, Key};
use crate::model::Contact;
use crate::store::Db;

/// What one file gave.
pub struct Source {
    pub path: PathBuf,
    pub reading: Reading,
}

/// A progress bar on stderr at a terminal; nothing otherwise.
pub fn progress(len: u64, what: &str) -> indicatif::ProgressBar {
    if len < 200 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} {bar:40} {pos}/{len}") {
        bar.set_style(style);
    }
    bar.set_message(what.to_string());
    bar
}

/// What the import did (or would do) with one contact.
pub enum Step {
    Add(i64),
    Update(i64, Key),
    Same(i64, Key),
}

fn where_(source: &Path, line: usize) -> String {
    if line == 0 {
        source.display().to_string()
    } else {
        format!("{}:{line}", source.display())
    }
}

pub fn apply(ctx: &mut Ctx, what: String, sources: Vec<Source>, dry_run: bool) -> Result<ExitCode> {
    let problems: Vec<String> = sources
        .iter()
        .flat_map(|s| {
            s.reading.problems.iter().map(|p| {
                let skipped = if p.skipped { "skipped: " } else { "" };
                format!("{}: {skipped}{}", where_(&s.path, p.line), p.message)
            })
        })
        .collect();
    let skipped: usize = sources.iter().map(|s| s.reading.skipped()).sum();
    let found: Vec<(&Path, &Found)> = sources
        .iter()
        .flat_map(|s| s.reading.found.iter().map(|f| (s.path.as_path(), f)))
        .collect();
    if found.is_empty() {
        let first = problems
            .first()
            .cloned()
            .unwrap_or_else(|| "no contacts in it".into());
        let more = match problems.len() {
            0 | 1 => String::new(),
            n => format!(" (and {} more problems)", n - 1),
        };
        bail!("nothing to import: {first}{more}");
    }
    for p in &problems {
        ctx.say(format!("warning: {p}"))?;
    }

    let bar = progress(found.len() as u64, "importing");
    let work = |db: &Db<'_>| -> Result<Vec<(Step, String)>> {
        let existing = db.all_contacts()?;
        let mut index = Index::new(&existing);
        drop(existing);
        let mut steps = Vec::with_capacity(found.len());
        for (path, f) in &found {
            let step = upsert(db, &mut index, &f.contact)
                .with_context(|| format!("importing {}", where_(path, f.line)))?;
            steps.push((step, f.contact.name.clone()));
            bar.inc(1);
        }
        Ok(steps)
    };
    let steps = if dry_run {
        ctx.store.dry_run(work)?
    } else {
        ctx.store.write(what, work)?
    };
    bar.finish_and_clear();

    let (added, updated, same) = print_steps(ctx, &steps, dry_run)?;
    let mut summary = if dry_run {
        format!("Would add {added}, update {updated}")
    } else {
        format!("Added {added}, updated {updated}")
    };
    if same > 0 {
        summary.push_str(&format!(", {same} unchanged"));
    }
    summary.push_str(&if dry_run {
        format!(", skip {skipped}")
    } else {
        format!(", skipped {skipped}")
    });
    if dry_run {
        summary.push_str(": nothing was changed (without --dry-run it is)");
    }
    ctx.say(format!("{summary}."))?;
    if added > 0 && !dry_run {
        ctx.say(
            "Imported contacts get no cadence, so `net due` does not fill up with them: give the ones that matter one (`net every NAME 2mo`), or a whole tag (`net rule add --tag TAG --every 3mo`).",
        )?;
    }
    // A tag rule may have given imported contacts a cadence.
    crate::commands::dunbar_warning(ctx)?;
    Ok(ExitCode::SUCCESS)
}

/// Lists the steps with --dry-run; returns how many were added, updated, the same.
pub fn print_steps(
    ctx: &mut Ctx,
    steps: &[(Step, String)],
    dry_run: bool,
) -> Result<(usize, usize, usize)> {
    let (mut added, mut updated, mut same) = (0, 0, 0);
    for (step, name) in steps {
        let line = match step {
            Step::Add(_) => {
                added += 1;
                format!("add     {name}")
            }
            Step::Update(id, key) => {
                updated += 1;
                format!("update  #{id} {name} (same {})", key.as_str())
            }
            Step::Same(id, key) => {
                same += 1;
                format!("same    #{id} {name} (same {}, nothing new)", key.as_str())
            }
        };
        if dry_run {
            writeln!(ctx.out, "{}", crate::render::sanitize(&line))?;
        }
    }
    Ok((added, updated, same))
}

/// Adds the contact, or adds what it knows to the one it matches.
pub fn upsert(db: &Db<'_>, index: &mut Index, incoming: &Contact) -> Result<Step> {
    // The same UUID is the same record, whatever else changed.
    let same = match incoming.uuid.as_deref() {
        Some(uuid) => db.contact_by_uuid(uuid)?.map(|id| (id, Key::Uuid)),
        None => None,
    };
    match same.or_else(|| index.find(incoming)) {
        Some((id, key)) => {
            let before = db.contact(id)?;
            let mut merged = before.clone();
            matching::absorb(&mut merged, incoming);
            if merged == before {
                return Ok(Step::Same(id, key));
            }
            db.update_contact(&before, &merged)?;
            index.add(&merged);
            Ok(Step::Update(id, key))
        }
        None => {
            let mut c = incoming.clone();
            c.id = db.insert_contact(&c)?;
            index.add(&c);
            Ok(Step::Add(c.id))
        }
    }
}
