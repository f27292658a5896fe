//! `net capture ics|mail|calendar` (issue 14): fetch the items of a file,
//! let the pure rules of `formats::capture::rules` decide the proposals,
//! keep out what was captured before, then confirm (at a terminal), accept
//! (`--yes`), list (`--dry-run`) or keep them in the inbox (`net inbox`).
//! Everything a capture saves is one write: one undo step.

mod ics;
pub mod inbox;
mod mail;

use anyhow::Result;
use calcard::common::timezone::Tz;
use chrono::{Days, NaiveDate};
use std::collections::{BTreeMap, HashMap};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use super::Ctx;
use crate::cli::{CaptureCommand, CaptureOpts};
use crate::error::usage;
use crate::formats::capture::rules::{self, Outcome, Proposal};
use crate::render;
use crate::store::{Db, InboxRow, MboxMark};

pub fn run(ctx: &mut Ctx, command: CaptureCommand) -> Result<ExitCode> {
    match command {
        CaptureCommand::Ics { file, opts } => ics::run(ctx, &file, &opts),
        CaptureCommand::Mail { path, opts } => mail::run(ctx, &path, &opts),
        CaptureCommand::Calendar { .. } => Err(usage(
            "`net capture calendar` reads the CalDAV calendars of [sync]: it needs `net sync setup`, which this net does not have yet; export the calendar to a file and run `net capture ics FILE`",
        )),
    }
}

/// Your own addresses (`[me] emails`).
fn me(ctx: &Ctx) -> Vec<String> {
    ctx.settings.raw.me.emails.clone()
}

/// The settings of the rules: the `[capture]` table, the `[kinds]` minutes,
/// and the zone from the config, else TZ, else UTC.
fn rule_settings(ctx: &Ctx) -> Result<rules::Settings> {
    let c = &ctx.settings.raw.capture;
    let named = c.time_zone.trim();
    let zone = if named.is_empty() {
        ctx.env
            .tz
            .as_deref()
            .and_then(|t| t.parse::<Tz>().ok())
            .unwrap_or(Tz::UTC)
    } else {
        named.parse::<Tz>().map_err(|_| {
            usage(format!(
                "[capture] time_zone = {named:?} is not a time zone"
            ))
        })?
    };
    Ok(rules::Settings {
        max_recipients: c.max_recipients,
        kind_words: c
            .kind_words
            .iter()
            .map(|(w, k)| (w.to_lowercase(), k.clone()))
            .collect(),
        kind_minutes: ctx.settings.raw.kinds.clone(),
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
}

/// What a capture found, ready to be decided on and saved.
struct Found {
    /// The command as `net undo` names it.
    what: String,
    /// "ics:PATH" or "mail:PATH": the day of this capture is kept under it.
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

fn finish(ctx: &mut Ctx, opts: &CaptureOpts, found: Found) -> Result<ExitCode> {
    // Keep out what was captured before; attach what was logged by hand.
    let mut fresh = Vec::new();
    let mut attached = Vec::new();
    let mut before_count = 0;
    {
        let db = ctx.store.read();
        for p in &found.outcome.proposals {
            let mut known = db.captured(&p.source_id)?;
            if !known {
                let mut all = true;
                for item in &p.item_ids {
                    all &= db.captured(item)?;
                }
                known = all;
            }
            if known {
                before_count += 1;
            } else if let Some(i) = db.manual_interaction_on(p.date, &p.contacts)? {
                attached.push((p, i));
            } else {
                fresh.push(p);
            }
        }
    }
    let rows: Vec<InboxRow> = fresh.iter().map(|p| row(p)).collect();
    let names = inbox::names(ctx, &rows)?;
    for problem in &found.problems {
        ctx.say(format!("warning: {problem}"))?;
    }
    let choices: Vec<Choice> = if opts.dry_run {
        Vec::new()
    } else if opts.yes {
        vec![Choice::Accept; rows.len()]
    } else if ctx.can_prompt && !ctx.json && !rows.is_empty() {
        inbox::review(ctx, &rows, &names)?
    } else {
        vec![Choice::Keep; rows.len()]
    };
    let mut saved = rows.clone();
    if !opts.dry_run {
        let day = ctx.today;
        let marks = &found.marks;
        let source = &found.source;
        let outcome = &found.outcome;
        let attached = &attached;
        let saved = &mut saved;
        ctx.store.write(found.what.clone(), |db: &Db<'_>| {
            for (row, choice) in saved.iter_mut().zip(&choices) {
                match choice {
                    Choice::Accept => {
                        inbox::accept(db, row)?;
                    }
                    Choice::Drop => db.mark_captured(&row.source_id, None)?,
                    Choice::Keep => {
                        row.id = db.add_to_inbox(row)?;
                        db.mark_captured(&row.source_id, None)?;
                    }
                }
            }
            for (p, i) in attached {
                db.mark_captured(&p.source_id, Some(*i))?;
            }
            for p in &outcome.proposals {
                for item in &p.item_ids {
                    db.mark_captured(item, None)?;
                }
            }
            match marks {
                Marks::None => {}
                Marks::Maildir { root, keys } => {
                    for (folder, key) in keys {
                        db.mark_maildir_read(root, folder, key)?;
                    }
                }
                Marks::Mbox { path, mark } => db.set_mbox_mark(path, *mark)?,
            }
            db.set_last_capture(source, day)?;
            Ok(())
        })?;
    }
    view(
        ctx,
        opts,
        &found,
        &saved,
        &choices,
        &names,
        &attached,
        before_count,
    )
}

#[allow(clippy::too_many_arguments)]
fn view(
    ctx: &mut Ctx,
    opts: &CaptureOpts,
    found: &Found,
    rows: &[InboxRow],
    choices: &[Choice],
    names: &BTreeMap<i64, String>,
    attached: &[(&Proposal, i64)],
    before: usize,
) -> Result<ExitCode> {
    let status = |i: usize| match choices.get(i) {
        None => "new",
        Some(Choice::Accept) => "accepted",
        Some(Choice::Drop) => "dropped",
        Some(Choice::Keep) => "inbox",
    };
    let skipped: BTreeMap<&str, usize> = found
        .outcome
        .skipped
        .iter()
        .map(|(k, n)| (k.as_str(), *n))
        .collect();
    if ctx.json {
        let proposals: Vec<serde_json::Value> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| inbox::json_row(r, names, status(i)))
            .collect();
        let value = serde_json::json!({
            "proposals": proposals,
            "already_logged": attached.iter().map(|(p, i)| serde_json::json!({"source_id": p.source_id, "date": p.date, "interaction": i})).collect::<Vec<_>>(),
            "captured_before": before,
            "before_since": found.before,
            "skipped": skipped,
            "hints": found.outcome.hints.iter().map(|h| serde_json::json!({"email": h.email, "name": h.name, "count": h.count})).collect::<Vec<_>>(),
            "dry_run": opts.dry_run,
        });
        render::json(&mut ctx.out, &value)?;
        return Ok(ExitCode::SUCCESS);
    }
    for (i, r) in rows.iter().enumerate() {
        let line = inbox::line(r, names);
        let tag = match choices.get(i) {
            Some(Choice::Keep) => format!("#{:<3}", r.id),
            _ => format!("{:<4}", ""),
        };
        writeln!(ctx.out, "{tag} {line}  [{}]", status(i))?;
    }
    for (p, _) in attached {
        writeln!(
            ctx.out,
            "     {}  [already logged]",
            inbox::line(&row(p), names)
        )?;
    }
    let mut summary = vec![render::count(rows.len(), "new proposal")];
    if !attached.is_empty() {
        summary.push(format!("{} already logged by hand", attached.len()));
    }
    if before > 0 {
        summary.push(format!("{before} captured before"));
    }
    if found.before > 0 {
        summary.push(format!("{} before the first day", found.before));
    }
    let skips: Vec<String> = skipped.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let mut text = summary.join(", ");
    if !skips.is_empty() {
        text.push_str(&format!("; left out: {}", skips.join(", ")));
    }
    ctx.say(format!("{text}."))?;
    for h in found.outcome.hints.iter().take(5) {
        let name = match &h.name {
            Some(n) => format!("{n:?}"),
            None => "NAME".to_string(),
        };
        ctx.say(format!(
            "{} with {}, not a contact: net add {} --email {}",
            render::count(h.count, found.noun),
            h.email,
            name,
            h.email
        ))?;
    }
    let kept = choices.iter().filter(|c| **c == Choice::Keep).count();
    if opts.dry_run {
        ctx.say("Dry run: nothing saved.")?;
    } else if kept > 0 {
        ctx.say(format!(
            "{} in the inbox: `net inbox` goes through them; `net inbox accept ID…|--all` or `net inbox drop ID…|--all` confirm.",
            render::count(kept, "proposal")
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}
