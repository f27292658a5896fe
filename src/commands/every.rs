//! `net every NAME INTERVAL`: a contact's own cadence; `net every --tag T
//! INTERVAL` and `--all`: the same for many contacts, in one undoable step.

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::EveryArgs;
use crate::error::usage;
use crate::model::Cadence;
use crate::{parse, prompt, render};

pub fn run(ctx: &mut Ctx, args: &EveryArgs) -> Result<ExitCode> {
    if args.tag.is_some() || args.all {
        return bulk(ctx, args);
    }
    let (Some(name), Some(interval)) = (&args.name, &args.interval) else {
        return Err(usage(
            "net every needs a NAME and an INTERVAL: net every anna 2mo (or --tag TAG / --all INTERVAL)",
        ));
    };
    let id = ctx.resolve(name, false)?;
    let every = setting(interval)?;
    let policy = ctx.policy()?;
    let who = ctx.picked(id)?;
    ctx.store.write_contact(
        &who,
        format!("every {} {}", who.name, interval),
        |db, mut contact| {
            db.set_every(id, every)?;
            contact.every = every;
            Ok(contact)
        },
    )?;
    // The clock of a contact that just got a cadence starts today.
    let contact = ctx.store.read().contact(id)?;
    let what = match policy.plan(contact.every, &contact.tags, contact.why.as_deref()) {
        Some(plan) => match plan.due_on(contact.silent_since()) {
            due if due <= ctx.today => format!("{}, due now (since {due})", plan.interval),
            due => format!("{}, next check-in by {due}", plan.interval),
        },
        None => "no cadence".into(),
    };
    ctx.say(format!("{} (#{id}): {what}.", contact.name))?;
    if matches!(contact.every, Some(Cadence::Every(_))) {
        super::dunbar_warning(ctx)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What an INTERVAL argument sets: "rules" drops the contact's own cadence
/// so that only its tag rules apply; "default" is the config's default,
/// which tag rules override.
fn setting(text: &str) -> Result<Option<Cadence>> {
    Ok(match text.trim().to_lowercase().as_str() {
        "rules" | "inherit" => None,
        text => Some(parse::cadence(text)?),
    })
}

/// `net every --tag T INTERVAL` / `net every --all INTERVAL`.
fn bulk(ctx: &mut Ctx, args: &EveryArgs) -> Result<ExitCode> {
    // The one positional given is the interval.
    let interval = match (&args.name, &args.interval) {
        (Some(i), None) | (None, Some(i)) => i.clone(),
        (Some(name), Some(_)) => {
            return Err(usage(format!(
                "{name:?}: with --tag or --all, give only the INTERVAL: net every --tag client 1mo"
            )))
        }
        (None, None) => {
            return Err(usage(
                "net every --tag TAG INTERVAL needs an INTERVAL: 1mo, never, rules or default",
            ))
        }
    };
    let every = setting(&interval)?;
    let tag = args
        .tag
        .as_deref()
        .map(|t| parse::tag(t).map_err(anyhow::Error::from))
        .transpose()?;
    let ids = ctx.store.read().active_ids(tag.as_deref())?;
    let whom = match &tag {
        Some(t) => format!("tagged {t}"),
        None => "active".to_string(),
    };
    if ids.is_empty() {
        ctx.say(format!("No {whom} contacts: nothing changed."))?;
        return Ok(ExitCode::SUCCESS);
    }
    let what = match every {
        None => "follow their tag rules only".to_string(),
        Some(Cadence::Default) => "follow their tag rules, else the default".to_string(),
        Some(Cadence::Never) => "get no cadence".to_string(),
        Some(Cadence::Every(i)) => format!("hear from you {i}"),
    };
    let many = render::count(ids.len(), "contact");
    if !args.yes && ctx.can_prompt {
        let question = format!("{many} {whom} will {what}, replacing their own cadence. Go on?");
        if !prompt::confirm(&question)? {
            ctx.say("Nothing changed.")?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    let command = match &tag {
        Some(t) => format!("every --tag {t} {interval}"),
        None => format!("every --all {interval}"),
    };
    ctx.store.write(command, |db| {
        for id in &ids {
            db.set_every(*id, every)?;
        }
        Ok(())
    })?;
    ctx.say(format!(
        "{many} {whom} now {what} (net undo reverts it in one step)."
    ))?;
    if matches!(every, Some(Cadence::Every(_)) | Some(Cadence::Default)) {
        super::dunbar_warning(ctx)?;
    }
    Ok(ExitCode::SUCCESS)
}
