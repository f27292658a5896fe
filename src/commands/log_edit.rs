//! `net log edit ID …` and `net log rm ID`: correct what was logged. Each is
//! one write, so one `net undo` step; the store derives the people before and
//! after again (last touch, due date, depth, budget follow by themselves).
//! What a correction does is decided in `model::correction`.

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::{LogAction, LogEditArgs, RmArgs};
use crate::error::{usage, user};
use crate::model::correction::{changes, Change, Correction, Refusal};
use crate::model::{Initiator, Interaction};
use crate::{parse, prompt};

pub fn run(ctx: &mut Ctx, action: LogAction) -> Result<ExitCode> {
    match action {
        LogAction::Edit(a) => edit(ctx, &a),
        LogAction::Rm(a) => rm(ctx, &a),
    }
}

/// An id as typed: `42` or `#42`.
pub(super) fn parse_id(text: &str, what: &str, see: &str) -> Result<i64> {
    text.trim()
        .trim_start_matches('#')
        .parse()
        .map_err(|_| usage(format!("{text:?} is not {what} number: see `{see}`")))
}

fn missing(id: i64) -> anyhow::Error {
    user(format!(
        "there is no interaction #{id}: see `net history NAME` or `net journal`"
    ))
}

fn edit(ctx: &mut Ctx, a: &LogEditArgs) -> Result<ExitCode> {
    let id = parse_id(&a.id, "an interaction", "net history NAME")?;
    let text = |v: &Option<String>| {
        v.as_ref()
            .map(|s| Some(s.trim().to_string()).filter(|s| !s.is_empty()))
    };
    let mut fix = Correction {
        date: a
            .on
            .as_deref()
            .map(|t| super::past_date(ctx, Some(t)))
            .transpose()?,
        minutes: a.duration.as_deref().map(parse::duration).transpose()?,
        kind: (a.kind.as_deref())
            .map(|k| super::kind::check_kind(ctx, k))
            .transpose()?,
        note: text(&a.note),
        gave: text(&a.gave),
        got: text(&a.got),
        they: a.they,
        ..Correction::default()
    };
    for name in &a.add {
        fix.add.push(ctx.resolve(name, true)?);
    }
    for name in &a.remove {
        fix.remove.push(ctx.resolve(name, true)?);
    }
    if fix.is_empty() {
        return Err(usage(format!(
            "say what to change: net log edit {id} --on DATE --for 45m --kind call --note TEXT --add NAME --remove NAME"
        )));
    }
    let (before, after) = ctx.store.write(format!("log edit {id}"), |db| {
        let before = db.interaction(id)?.ok_or_else(|| missing(id))?;
        let after = fix.apply(&before).map_err(|refusal| match refusal {
            Refusal::NotPartOf(r) => user(format!(
                "#{r} was not part of interaction #{id}: nothing to remove"
            )),
            Refusal::LeavesNobody => usage(format!(
                "that leaves nobody in interaction #{id}: delete it with `net log rm {id}`"
            )),
        })?;
        db.update_interaction(&after)?;
        Ok((before, after))
    })?;
    let changes = describe(ctx, &before, &after)?;
    if changes.is_empty() {
        ctx.say(format!(
            "Interaction #{id} already says so: nothing changed."
        ))?;
    } else {
        ctx.say(format!(
            "Changed interaction #{id}: {}. (net undo reverts it.)",
            changes.join("; ")
        ))?;
    }
    if ctx.json {
        let docs = super::history::entries(&ctx.store.read(), &[after])?;
        crate::render::json(&mut ctx.out, &docs[0])?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What changed, in words.
fn describe(ctx: &Ctx, a: &Interaction, b: &Interaction) -> Result<Vec<String>> {
    let db = ctx.store.read();
    let name = |id: i64| -> Result<String> {
        Ok(db
            .name_of(id)?
            .map(|(n, _)| n)
            .unwrap_or_else(|| format!("#{id}")))
    };
    let length = |v: Option<crate::model::Minutes>| v.map_or("-".into(), |m| m.to_string());
    changes(a, b)
        .into_iter()
        .map(|c| {
            Ok(match c {
                Change::Date(x, y) => format!("date {x} → {y}"),
                Change::Kind(x, y) => format!("kind {x} → {y}"),
                Change::Minutes(x, y) => format!("length {} → {}", length(x), length(y)),
                Change::Text(label, Some(v)) => format!("{label} {v:?}"),
                Change::Text(label, None) => format!("{label} cleared"),
                Change::Initiator(Initiator::They) => "they reached out".to_string(),
                Change::Initiator(Initiator::Me) => "you reached out".to_string(),
                Change::Added(c) => format!("added {}", name(c)?),
                Change::Removed(c) => format!("removed {}", name(c)?),
            })
        })
        .collect()
}

fn rm(ctx: &mut Ctx, a: &RmArgs) -> Result<ExitCode> {
    let id = parse_id(&a.id, "an interaction", "net history NAME")?;
    let Some(found) = ctx.store.read().interaction(id)? else {
        return Err(missing(id));
    };
    let entry = super::history::entries(&ctx.store.read(), &[found])?.remove(0);
    let names: Vec<&str> = entry.with.iter().map(|p| p.name.as_str()).collect();
    let what = format!("{} on {} with {}", entry.kind, entry.date, names.join(", "));
    if !a.yes {
        if !ctx.can_prompt {
            return Err(usage(format!(
                "deleting interaction #{id} ({what}): add --yes to confirm (net undo brings it back)"
            )));
        }
        if !prompt::confirm(&format!("Delete interaction #{id}, {what}?"))? {
            ctx.say("Nothing deleted.")?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    ctx.store.write(format!("log rm {id}"), |db| {
        if !db.delete_interaction(id)? {
            return Err(missing(id));
        }
        Ok(())
    })?;
    ctx.say(format!(
        "Deleted interaction #{id} ({what}). (net undo brings it back.)"
    ))?;
    Ok(ExitCode::SUCCESS)
}
