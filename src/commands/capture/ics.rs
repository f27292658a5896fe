//! `net capture ics FILE`: the events of an iCalendar file between the
//! first day of the window and today.

use anyhow::{Context, Result};
use std::path::Path;
use std::process::ExitCode;

use super::{Ctx, Found, Marks};
use crate::cli::CaptureOpts;
use crate::error::usage;
use crate::formats::capture::{calendar, rules};

pub fn run(ctx: &mut Ctx, file: &Path, opts: &CaptureOpts) -> Result<ExitCode> {
    if !file.is_file() {
        return Err(usage(format!(
            "{} is not a file: give the .ics file to capture",
            file.display()
        )));
    }
    let canonical = file.canonicalize().unwrap_or_else(|_| file.to_path_buf());
    let source = format!("ics:{}", canonical.display());
    let (since, _) = super::since(ctx, opts, &source, false)?;
    let me = super::me(ctx);
    let reading = calendar::read_file(&canonical, since, ctx.today, &me)
        .with_context(|| format!("reading {}", file.display()))?;
    let settings = super::rule_settings(ctx)?;
    let index = super::email_index(ctx)?;
    let outcome = rules::events(
        &reading.events,
        &me,
        |email| index.get(email).cloned().unwrap_or_default(),
        &settings,
    );
    let found = Found {
        what: format!("capture ics {}", file.display()),
        source,
        outcome,
        before: 0,
        problems: reading.problems,
        marks: Marks::None,
        noun: "event",
    };
    super::finish(ctx, opts, found)
}
