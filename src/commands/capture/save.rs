//! A capture's proposals: keep out what was captured before, attach what
//! was logged by hand, ask or accept, and save it all in one write (one
//! undo step), with the marks of what was scanned; and how an accepted
//! proposal is recorded, for `net capture` and `net inbox` alike.

use anyhow::Result;
use std::process::ExitCode;

use super::{review, row, view, Choice, Ctx, Found, Marks};
use crate::cli::CaptureOpts;
use crate::model::{Initiator, Interaction, Minutes};
use crate::store::{Db, InboxRow};

pub(super) fn finish(ctx: &mut Ctx, opts: &CaptureOpts, found: Found) -> Result<ExitCode> {
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
    let names = view::names(ctx, &rows)?;
    for problem in &found.problems {
        ctx.say(format!("warning: {problem}"))?;
    }
    let choices: Vec<Choice> = if opts.dry_run {
        Vec::new()
    } else if opts.yes {
        vec![Choice::Accept; rows.len()]
    } else if ctx.can_prompt && !ctx.json && !rows.is_empty() {
        review::review(ctx, &rows, &names)?
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
                        accept(db, row)?;
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
                Marks::Calendars(calendars) => {
                    for (calendar, mark) in calendars {
                        db.set_calendar_mark(calendar, mark)?;
                    }
                }
            }
            db.set_last_capture(source, day)?;
            Ok(())
        })?;
    }
    view::capture(
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

/// Records a proposal as an interaction, or attaches it to one logged by
/// hand that day with the same people; takes it out of the inbox.
pub fn accept(db: &Db<'_>, row: &InboxRow) -> Result<i64> {
    let id = match db.manual_interaction_on(row.date, &row.contacts)? {
        Some(id) => id,
        None => db.insert_interaction(&Interaction {
            id: 0,
            kind: row.kind.clone(),
            date: row.date,
            time: row.time.clone(),
            minutes: Some(Minutes(row.minutes)),
            note: (!row.subject.is_empty()).then(|| row.subject.clone()),
            gave: None,
            got: None,
            initiator: Initiator::parse(&row.initiator).unwrap_or(Initiator::Me),
            place: None,
            contacts: row.contacts.clone(),
            intro: None,
        })?,
    };
    db.mark_captured(&row.source_id, Some(id))?;
    if row.id != 0 {
        db.remove_from_inbox(row.id)?;
    }
    Ok(id)
}
