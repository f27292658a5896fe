//! `net capture ics|mail|calendar` (issue 14): fetch the items of a file,
//! let the pure rules of `formats::capture::rules` decide the proposals,
//! keep out what was captured before, then confirm (at a terminal), accept
//! (`--yes`), list (`--dry-run`) or keep them in the inbox (`net inbox`).
//! Everything a capture saves is one write: one undo step.

mod calendar;
mod ics;
pub mod inbox;
mod mail;
mod review;
mod save;
mod view;

use save::finish;

use anyhow::Result;
use calcard::common::timezone::Tz;
use chrono::{Days, NaiveDate};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::{CaptureCommand, CaptureOpts};
use crate::formats::capture::rules::{self, Outcome, Proposal};
use crate::store::{CalendarMark, InboxRow, MboxMark};

pub fn run(ctx: &mut Ctx, command: CaptureCommand) -> Result<ExitCode> {
    match command {
        CaptureCommand::Ics { file, opts } => ics::run(ctx, &file, &opts),
        CaptureCommand::Mail { path, opts } => mail::run(ctx, &path, &opts),
        CaptureCommand::Calendar { opts } => calendar::run(ctx, &opts),
    }
}

/// Your own addresses (`[me] emails`).
fn me(ctx: &Ctx) -> Vec<String> {
    ctx.settings.me.emails.clone()
}

/// The settings of the rules: the `[capture]` table, the `[kinds]` minutes,
/// and the zone from the config, else TZ, else UTC.
fn rule_settings(ctx: &Ctx) -> Result<rules::Settings> {
    let c = &ctx.settings.capture;
    let zone = c.time_zone.unwrap_or_else(|| {
        ctx.env
            .tz
            .as_deref()
            .and_then(|t| t.parse::<Tz>().ok())
            .unwrap_or(Tz::UTC)
    });
    Ok(rules::Settings {
        max_recipients: c.max_recipients,
        kind_words: c
            .kind_words
            .iter()
            .map(|(w, k)| (w.to_lowercase(), k.clone()))
            .collect(),
        kind_minutes: ctx.settings.kinds.clone(),
        mail_minutes: c.mail_minutes,
        zone: Some(zone),
        ..rules::Settings::default()
    })
}

/// The contacts of an address, from every address of every active contact.
fn email_index(ctx: &Ctx) -> Result<HashMap<String, Vec<i64>>> {
    ctx.store.read().email_index()
}

/// The first day captured, and whether `--since` chose it (then every file
/// is read again). Else, for a calendar, the day of the last capture; for
/// mail, no limit once a capture has marked what it read (new files are new
/// mail, whatever their date). Else 30 days ago.
fn since(ctx: &Ctx, opts: &CaptureOpts, source: &str, mail: bool) -> Result<(NaiveDate, bool)> {
    if let Some(text) = &opts.since {
        return Ok((ctx.date(text)?, true));
    }
    let day = match ctx.store.read().last_capture(source)? {
        Some(_) if mail => NaiveDate::MIN,
        Some(day) => day,
        None => ctx.today - Days::new(30),
    };
    Ok((day, false))
}

/// What was scanned, to remember on this machine when the capture is saved.
enum Marks {
    None,
    Maildir {
        root: String,
        keys: Vec<(String, String)>,
    },
    Mbox {
        path: String,
        mark: MboxMark,
    },
    /// Each CalDAV calendar ("URL PATH") with what to remember of it.
    Calendars(Vec<(String, CalendarMark)>),
}

/// What a capture found, ready to be decided on and saved.
struct Found {
    /// The command as `net undo` names it.
    what: String,
    /// "ics:PATH", "mail:PATH" or "calendar:URL": the day of this capture is kept under it.
    source: String,
    outcome: Outcome,
    /// Items before the first day of the window.
    before: usize,
    problems: Vec<String>,
    marks: Marks,
    /// What an item is: "event" or "mail", for the hints.
    noun: &'static str,
}

/// What becomes of one proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Accept,
    Drop,
    Keep,
}

/// A proposal as the inbox keeps it (number 0 until it is saved).
fn row(p: &Proposal) -> InboxRow {
    InboxRow {
        id: 0,
        source_id: p.source_id.clone(),
        source: p.source.as_str().into(),
        date: p.date,
        time: p.time.map(|t| t.format("%H:%M").to_string()),
        minutes: p.minutes,
        kind: p.kind.clone(),
        subject: p.subject.clone(),
        initiator: p.initiator.as_str().into(),
        contacts: p.contacts.clone(),
    }
}

fn progress(len: usize, what: &str) -> indicatif::ProgressBar {
    if len < 200 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} {bar:40} {pos}/{len}") {
        bar.set_style(style);
    }
    bar.set_message(what.to_string());
    bar
}
