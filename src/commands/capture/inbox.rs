//! `net inbox`: the captured proposals not yet confirmed. At a terminal it
//! goes through them one screen at a time; without one it lists them, and
//! `net inbox accept|drop ID…|--all` confirm.

use anyhow::Result;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use super::review::review;
use super::save::accept;
use super::{view, Choice, Ctx};
use crate::cli::{InboxAction, InboxArgs, InboxIds};
use crate::error::usage;
use crate::render;
use crate::store::InboxRow;

pub fn run(ctx: &mut Ctx, args: InboxArgs) -> Result<ExitCode> {
    let rows = ctx.store.read().inbox()?;
    let names = view::names(ctx, &rows)?;
    let (rows, choices, what) = match args.action {
        Some(InboxAction::Accept(ids)) => pick(rows, &ids, Choice::Accept, "accept")?,
        Some(InboxAction::Drop(ids)) => pick(rows, &ids, Choice::Drop, "drop")?,
        None if ctx.json || !ctx.can_prompt || rows.is_empty() => {
            return list(ctx, &rows, &names);
        }
        None => {
            let choices = review(ctx, &rows, &names)?;
            (rows, choices, "inbox".to_string())
        }
    };
    let mut done = (0, 0);
    ctx.store.write(what, |db| {
        for (row, choice) in rows.iter().zip(&choices) {
            match choice {
                Choice::Accept => {
                    accept(db, row)?;
                    done.0 += 1;
                }
                Choice::Drop => {
                    db.remove_from_inbox(row.id)?;
                    done.1 += 1;
                }
                Choice::Keep => {}
            }
        }
        Ok(())
    })?;
    if ctx.json {
        let out: Vec<serde_json::Value> = rows
            .iter()
            .zip(&choices)
            .map(|(r, c)| view::json_row(r, &names, status(*c)))
            .collect();
        render::json(&mut ctx.out, &out)?;
    }
    ctx.say(format!(
        "Recorded {}, dropped {}; `net undo` takes it back.",
        render::count(done.0, "interaction"),
        done.1
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn status(c: Choice) -> &'static str {
    match c {
        Choice::Accept => "accepted",
        Choice::Drop => "dropped",
        Choice::Keep => "inbox",
    }
}

/// The rows named by `ids` (or all), each with `choice`.
fn pick(
    rows: Vec<InboxRow>,
    ids: &InboxIds,
    choice: Choice,
    verb: &str,
) -> Result<(Vec<InboxRow>, Vec<Choice>, String)> {
    if ids.all {
        let n = rows.len();
        return Ok((rows, vec![choice; n], format!("inbox {verb} --all")));
    }
    let mut wanted = Vec::new();
    for text in &ids.ids {
        let id: i64 = text
            .trim()
            .trim_start_matches('#')
            .parse()
            .map_err(|_| usage(format!("{text:?} is not a number `net inbox` shows")))?;
        if !rows.iter().any(|r| r.id == id) {
            return Err(usage(format!(
                "no proposal #{id} in the inbox (`net inbox` lists them)"
            )));
        }
        wanted.push(id);
    }
    let chosen: Vec<InboxRow> = rows
        .into_iter()
        .filter(|r| wanted.contains(&r.id))
        .collect();
    let n = chosen.len();
    Ok((
        chosen,
        vec![choice; n],
        format!("inbox {verb} {}", ids.ids.join(" ")),
    ))
}

fn list(ctx: &mut Ctx, rows: &[InboxRow], names: &BTreeMap<i64, String>) -> Result<ExitCode> {
    if ctx.json {
        let out: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| view::json_row(r, names, "inbox"))
            .collect();
        render::json(&mut ctx.out, &out)?;
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        ctx.say("The inbox is empty: `net capture ics FILE` or `net capture mail DIR` fills it.")?;
        return Ok(ExitCode::SUCCESS);
    }
    for r in rows {
        writeln!(ctx.out, "#{:<3} {}", r.id, view::line(r, names))?;
    }
    ctx.say(format!(
        "{} waiting: `net inbox accept ID…|--all` records them, `net inbox drop ID…|--all` throws them away.",
        render::count(rows.len(), "proposal")
    ))?;
    Ok(ExitCode::SUCCESS)
}
