//! `net history NAME`: every interaction with a contact, newest first, with
//! the ids that `net log edit` and `net log rm` take.

use anyhow::Result;
use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::HistoryArgs;
use crate::model::{Initiator, Interaction};
use crate::render::history::{Entry, Person};
use crate::render::{self};
use crate::store::{Db, HistoryFilter};

pub fn run(ctx: &mut Ctx, args: &HistoryArgs) -> Result<ExitCode> {
    let id = ctx.resolve(&args.name, true)?;
    let since = args.since.as_deref().map(|d| ctx.date(d)).transpose()?;
    let kind = args.kind.as_deref().map(|k| k.trim().to_lowercase());
    let filter = HistoryFilter {
        kind,
        since,
        limit: args.limit,
    };
    let db = ctx.store.read();
    let name = db.contact(id)?.name;
    let list = entries(&db, &db.history_of(id, &filter)?)?;
    drop(db);
    if ctx.json {
        render::json(&mut ctx.out, &list)?;
        return Ok(ExitCode::SUCCESS);
    }
    if list.is_empty() {
        let what = if filter.kind.is_some() || filter.since.is_some() {
            "No interactions like that"
        } else {
            "Nothing logged yet"
        };
        ctx.say(format!(
            "{what} with {name} (#{id}). Log one: net log coffee '#{id}'"
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = Vec::new();
    writeln!(
        text,
        "{} (#{id}): {}",
        render::sanitize(&name),
        render::count(list.len(), "interaction")
    )?;
    render::history::entries(&mut text, ctx.look, &list)?;
    writeln!(
        text,
        "Wrong? net log edit ID --on DATE --for 45m --note …  ·  net log rm ID"
    )?;
    super::pager::show(ctx, args.no_pager, &text)?;
    Ok(ExitCode::SUCCESS)
}

/// Interactions as entries, with the names of who took part.
pub(super) fn entries(db: &Db<'_>, list: &[Interaction]) -> Result<Vec<Entry>> {
    let mut names: HashMap<i64, String> = HashMap::new();
    let mut out = Vec::with_capacity(list.len());
    for i in list {
        let mut with = Vec::new();
        for &c in &i.contacts {
            let name = match names.entry(c) {
                std::collections::hash_map::Entry::Occupied(e) => e.get().clone(),
                std::collections::hash_map::Entry::Vacant(e) => e
                    .insert(db.name_of(c)?.map(|(n, _)| n).unwrap_or_default())
                    .clone(),
            };
            with.push(Person { id: c, name });
        }
        out.push(Entry {
            id: i.id,
            date: i.date,
            kind: i.kind.clone(),
            minutes: i.minutes.map(|m| m.0),
            with,
            note: i.note.clone(),
            gave: i.gave.clone(),
            got: i.got.clone(),
            place: i.place.clone(),
            they: i.initiator == Initiator::They,
        });
    }
    Ok(out)
}
