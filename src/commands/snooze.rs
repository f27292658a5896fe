//! `net snooze`: keep a contact quiet in `net due` for a while.

use anyhow::Result;
use std::process::ExitCode;

use super::Ctx;
use crate::cli::SnoozeArgs;
use crate::error::usage;
use crate::parse;

pub fn run(ctx: &mut Ctx, args: &SnoozeArgs) -> Result<ExitCode> {
    let who = ctx.pick(&args.name, false)?;
    let id = who.id;
    let until = match (&args.duration, &args.until, args.off) {
        (_, _, true) => None,
        (Some(d), None, false) => Some(parse::interval(d)?.after(ctx.today)),
        (None, Some(u), false) => Some(ctx.date_ahead(u)?),
        _ => {
            return Err(usage(
                "say how long: net snooze NAME 2w, --until DATE, or --off",
            ))
        }
    };
    if until.is_some_and(|u| u <= ctx.today) {
        return Err(usage(
            "the snooze would end today or earlier: give a later date",
        ));
    }
    ctx.store
        .write_contact(&who, format!("snooze {}", args.name), |db, _| {
            db.set_snooze(id, until)
        })?;
    let name = ctx.store.read().contact(id)?.name;
    match until {
        Some(u) => ctx.say(format!("Snoozed {name} (#{id}) until {u}."))?,
        None => ctx.say(format!("{name} (#{id}) is awake again."))?,
    }
    Ok(ExitCode::SUCCESS)
}
