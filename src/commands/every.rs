//! `net every NAME INTERVAL`: a contact's own cadence.

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::EveryArgs;
use crate::parse;

pub fn run(ctx: &mut Ctx, args: &EveryArgs) -> Result<ExitCode> {
    let id = ctx.resolve(&args.name, false)?;
    // "rules" drops the contact's own cadence so its tag rules apply again.
    let every = match args.interval.trim().to_lowercase().as_str() {
        "rules" | "inherit" => None,
        text => Some(parse::cadence(text)?),
    };
    let policy = ctx.policy()?;
    let mut contact = ctx.store.read().contact(id)?;
    contact.every = every;
    ctx.store
        .write(format!("every {} {}", contact.name, args.interval), |db| {
            db.save_contact(&contact)?;
            Ok(())
        })?;
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
