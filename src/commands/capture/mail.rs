//! `net capture mail DIR|MBOX`: the headers of the mail in a Maildir (with
//! its subfolders) or an mbox file that this machine has not read yet, or of
//! all of it with `--since`.

use anyhow::{Context, Result};
use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;

use super::{Ctx, Found, Marks};
use crate::cli::CaptureOpts;
use crate::error::usage;
use crate::formats::capture::mail::{self, Mail, MboxMarker};
use crate::formats::capture::rules::MailRules;

pub fn run(ctx: &mut Ctx, path: &Path, opts: &CaptureOpts) -> Result<ExitCode> {
    if !path.exists() {
        return Err(usage(format!(
            "{} does not exist: give a Maildir folder or an mbox file",
            path.display()
        )));
    }
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let key = canonical.display().to_string();
    let source = format!("mail:{key}");
    let (since, again) = super::since(ctx, opts, &source, true)?;
    let me = super::me(ctx);
    let settings = super::rule_settings(ctx)?;
    let index = super::email_index(ctx)?;
    let mut rules = MailRules::new(
        &me,
        |email: &str| index.get(email).cloned().unwrap_or_default(),
        &settings,
    );
    let zone = settings.zone;
    let mut before = 0;
    let mut add = |m: Mail| {
        let day = m.date.map(|d| match zone {
            Some(z) => d.with_timezone(&z).date_naive(),
            None => d.date_naive(),
        });
        if day.is_some_and(|d| d < since) {
            before += 1;
        } else {
            rules.add(&m);
        }
    };
    let mut problems = Vec::new();
    let marks = if canonical.is_dir() {
        let read = if again {
            HashSet::new()
        } else {
            ctx.store.read().maildir_read(&key)?
        };
        let files = mail::list_maildir(&canonical, &|folder, k| {
            read.contains(&(folder.to_string(), k.to_string()))
        })
        .with_context(|| format!("listing the Maildir {}", path.display()))?;
        drop(read);
        let bar = super::progress(files.len(), "reading mail");
        let mut keys = Vec::with_capacity(files.len());
        for f in files {
            match mail::read_mail_file(&f) {
                Ok(Some(m)) => add(m),
                Ok(None) => {}
                Err(e) => problems.push(format!("{}: {e}", f.path.display())),
            }
            keys.push((f.folder, f.key));
            bar.inc(1);
        }
        bar.finish_and_clear();
        Marks::Maildir { root: key, keys }
    } else {
        let mark = if again {
            None
        } else {
            ctx.store
                .read()
                .mbox_mark(&key)?
                .map(|(offset, len)| MboxMarker { offset, len })
        };
        let end = mail::scan_mbox(&canonical, mark, |m, _| add(m))
            .with_context(|| format!("reading the mbox file {}", path.display()))?;
        Marks::Mbox {
            path: key,
            mark: (end.offset, end.len),
        }
    };
    let outcome = rules.finish();
    let found = Found {
        what: format!("capture mail {}", path.display()),
        source,
        outcome,
        before,
        problems,
        marks,
        noun: "mail",
    };
    super::finish(ctx, opts, found)
}
