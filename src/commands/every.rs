//! `net every NAME INTERVAL`: a contact's own cadence.

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::EveryArgs;
use crate::parse;

pub fn run(ctx: &mut Ctx, args: &EveryArgs) -> Result<ExitCode> {
    let who = ctx.pick(&args.name, false)?;
    let id = who.id;
    // "rules" drops the contact's own cadence so its tag rules apply again.
    let every = match args.interval.trim().to_lowercase().as_str() {
        "rules" | "inherit" => None,
        text => Some(parse::cadence(text)?),
    };
    let policy = ctx.policy()?;
    let contact = ctx.store.write_contact(
        &who,
        format!("every {} {}", who.name, args.interval),
        |db, mut contact| {
            db.set_every(id, every)?;
            contact.every = every;
            Ok(contact)
        },
    )?;
    let what = match policy.plan(contact.every, &contact.tags, contact.why.as_deref()) {
        Some(plan) => match plan.due_on(contact.silent_since()) {
            due if due <= ctx.today => format!("{}, due now (since {due})", plan.interval),
            due => format!("{}, next check-in by {due}", plan.interval),
        },
        None => "no cadence".into(),
    };
    ctx.say(format!("{} (#{id}): {what}.", contact.name))?;
    if matches!(contact.every, Some(crate::model::Cadence::Every(_))) {
        super::dunbar_warning(ctx)?;
    }
    Ok(ExitCode::SUCCESS)
}
