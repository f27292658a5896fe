//! `net log edit ID …` and `net log rm ID`: correct what was logged. Each is
//! one write, so one `net undo` step; the store derives the people before and
//! after again (last touch, due date, depth, budget follow by themselves).

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::{LogAction, LogEditArgs, RmArgs};
use crate::error::{usage, user};
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
    let nothing = a.on.is_none()
        && a.duration.is_none()
        && a.kind.is_none()
        && a.note.is_none()
        && a.gave.is_none()
        && a.got.is_none()
        && a.they.is_none()
        && a.add.is_empty()
        && a.remove.is_empty();
    if nothing {
        return Err(usage(format!(
            "say what to change: net log edit {id} --on DATE --for 45m --kind call --note TEXT --add NAME --remove NAME"
        )));
    }
    let date = match &a.on {
        Some(text) => Some(super::past_date(ctx, Some(text))?),
        None => None,
    };
    let minutes = a.duration.as_deref().map(parse::duration).transpose()?;
    let kind = a
        .kind
        .as_deref()
        .map(|k| super::log::check_kind(ctx, k))
        .transpose()?;
    let mut add = Vec::new();
    for name in &a.add {
        add.push(ctx.resolve(name, true)?);
    }
    let mut remove = Vec::new();
    for name in &a.remove {
        remove.push(ctx.resolve(name, true)?);
    }
    let text = |v: &Option<String>| {
        v.as_ref()
            .map(|s| Some(s.trim().to_string()).filter(|s| !s.is_empty()))
    };
    let (note, gave, got) = (text(&a.note), text(&a.gave), text(&a.got));
    let they = a.they;
    let (before, after) = ctx.store.write(format!("log edit {id}"), |db| {
        let before = db.interaction(id)?.ok_or_else(|| missing(id))?;
        let mut i = before.clone();
        if let Some(d) = date {
            i.date = d;
        }
        if let Some(m) = minutes {
            i.minutes = Some(m);
        }
        if let Some(k) = &kind {
            i.kind = k.clone();
        }
        if let Some(n) = &note {
            i.note = n.clone();
        }
        if let Some(g) = &gave {
            i.gave = g.clone();
        }
        if let Some(g) = &got {
            i.got = g.clone();
        }
        if let Some(t) = they {
            i.initiator = if t { Initiator::They } else { Initiator::Me };
        }
        for r in &remove {
            if !i.contacts.contains(r) {
                return Err(user(format!(
                    "#{r} was not part of interaction #{id}: nothing to remove"
                )));
            }
            i.contacts.retain(|c| c != r);
        }
        for n in &add {
            if !i.contacts.contains(n) {
                i.contacts.push(*n);
            }
        }
        i.contacts.sort_unstable();
        if i.contacts.is_empty() {
            return Err(usage(format!(
                "that leaves nobody in interaction #{id}: delete it with `net log rm {id}`"
            )));
        }
        db.update_interaction(&i)?;
        Ok((before, i))
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
    let mut out = Vec::new();
    if a.date != b.date {
        out.push(format!("date {} → {}", a.date, b.date));
    }
    if a.kind != b.kind {
        out.push(format!("kind {} → {}", a.kind, b.kind));
    }
    if a.minutes != b.minutes {
        let m = |v: Option<crate::model::Minutes>| v.map(|m| m.to_string()).unwrap_or("-".into());
        out.push(format!("length {} → {}", m(a.minutes), m(b.minutes)));
    }
    for (label, x, y) in [
        ("note", &a.note, &b.note),
        ("gave", &a.gave, &b.gave),
        ("got", &a.got, &b.got),
    ] {
        if x != y {
            match y {
                Some(v) => out.push(format!("{label} {v:?}")),
                None => out.push(format!("{label} cleared")),
            }
        }
    }
    if a.initiator != b.initiator {
        out.push(match b.initiator {
            Initiator::They => "they reached out".to_string(),
            Initiator::Me => "you reached out".to_string(),
        });
    }
    let db = ctx.store.read();
    let name = |id: &i64| -> Result<String> {
        Ok(db
            .name_of(*id)?
            .map(|(n, _)| n)
            .unwrap_or_else(|| format!("#{id}")))
    };
    for c in b.contacts.iter().filter(|c| !a.contacts.contains(c)) {
        out.push(format!("added {}", name(c)?));
    }
    for c in a.contacts.iter().filter(|c| !b.contacts.contains(c)) {
        out.push(format!("removed {}", name(c)?));
    }
    Ok(out)
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
